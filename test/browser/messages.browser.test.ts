/**
 * The message thread in Chromium: the applicant's status page (German and Arabic) and the office's
 * case file and list, each with an empty form sent back with its error, and with messages in the
 * thread: axe finds no WCAG 2.1 A/AA violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { DRAFT_COOKIE } from '../../src/web/public/application/routes.tsx';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const skip = browserUnavailable();

async function checkStatusPage(page: Page, url: string, label: string) {
  for (const lang of ['ar', 'de'] as const) {
    await page.goto(`${url}/antrag/bestaetigung?lang=${lang}`);
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
    assert.deepEqual(await axeViolations(page), [], `${label} (${lang})`);
  }
}

describe('message thread in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  let clerk: StaffUser;
  let applicant: WebClient;
  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    applicant = new WebClient(app.url);
    await fileApplication(applicant, 'Browser');
    clerk = await createStaffUser(
      app.database,
      { email: 'sb-nachrichten@example.org', name: 'Sachbearbeitung', role: 'office_clerk' },
      { masterKey },
    );
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('status page and case file with the thread have no violations, also with errors', async () => {
    const family = await browser.newContext();
    await family.addCookies([
      { name: DRAFT_COOKIE, value: applicant.cookies.get(DRAFT_COOKIE) ?? '', url: `${app.url}/antrag` },
    ]);
    const page = await family.newPage();
    await checkStatusPage(page, app.url, 'status page, no messages');

    // An empty message comes back with the error at the field, in both languages.
    for (const lang of ['ar', 'de'] as const) {
      await page.goto(`${app.url}/antrag/bestaetigung?lang=${lang}`);
      await page.locator('form[action^="/antrag/nachrichten"] button').click();
      await page.waitForSelector('#error-summary');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
      assert.deepEqual(await axeViolations(page), [], `status page, empty message (${lang})`);
    }
    await page.getByLabel('Ihre Nachricht').fill('مرحبا، هل وصلت الشهادة المدرسية؟');
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    await page.waitForURL(/nachricht=gesendet/);
    assert.deepEqual(await axeViolations(page), [], 'status page, message sent');

    const staff = await browser.newContext();
    const office = await staff.newPage();
    await office.goto(`${app.url}/anmelden`);
    await office.getByLabel('E-Mail-Adresse').fill(clerk.email);
    await office.getByLabel('Passwort', { exact: true }).fill(clerk.password);
    await office.getByRole('button', { name: 'Weiter' }).click();
    await office.waitForURL('**/anmelden/code');
    await office.getByLabel('Code aus der Authenticator-App').fill(await totpCode(clerk, new Date()));
    await office.getByRole('button', { name: 'Anmelden' }).click();
    await office.waitForURL('**/geschaeftsstelle');
    assert.match((await office.textContent('table')) ?? '', /1 neu/);
    assert.deepEqual(await axeViolations(office), [], 'case list with the unread marker');
    await office.goto(`${app.url}/geschaeftsstelle?nachrichten=ungelesen`);
    assert.deepEqual(await axeViolations(office), [], 'case list, unread filter');
    await office.locator('a[href^="/geschaeftsstelle/faelle/"]').first().click();
    await office.waitForURL(/\/geschaeftsstelle\/faelle\//);
    assert.deepEqual(await axeViolations(office), [], 'case file with the thread');
    await office.locator('form[action$="/nachrichten"] button').click();
    await office.waitForSelector('#message-error');
    assert.deepEqual(await axeViolations(office), [], 'case file, empty answer');
    await office.getByLabel('Antwort an die Antragstellenden').fill('Ja, die Schulbescheinigung liegt vor.');
    await office.locator('form[action$="/nachrichten"] button').click();
    await office.waitForURL(/schritt=ok/);

    await page.goto(`${app.url}/antrag/bestaetigung?lang=ar`);
    assert.ok(await page.isVisible('#new-message'), 'the banner of a new message');
    assert.deepEqual(await axeViolations(page), [], 'status page, new answer (ar)');
    await checkStatusPage(page, app.url, 'status page, thread read');
    await staff.close();
    await family.close();
  });
});
