/** The office and the administration in Chromium: axe finds no WCAG 2.1 A/AA violation on their pages. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const skip = browserUnavailable();

async function login(page: Page, app: TestApp, user: StaffUser) {
  await page.goto(`${app.url}/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(user.email);
  await page.getByLabel('Passwort', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForURL('**/anmelden/code');
  await page.getByLabel('Code aus der Authenticator-App').fill(await totpCode(user, new Date()));
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

describe('office pages in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  let clerk: StaffUser;
  let admin: StaffUser;
  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    await fileApplication(new WebClient(app.url));
    clerk = await createStaffUser(
      app.database,
      { email: 'sb@example.org', name: 'Sachbearbeitung', role: 'office_clerk' },
      { masterKey },
    );
    admin = await createStaffUser(
      app.database,
      { email: 'ad@example.org', name: 'Administration', role: 'admin' },
      { masterKey },
    );
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('case list, case file and intake (also with errors) have no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, app, clerk);
    await page.waitForURL('**/geschaeftsstelle');
    assert.deepEqual(await axeViolations(page), [], 'case list');
    await page.goto(`${app.url}/geschaeftsstelle?suche=Zehra`);
    assert.deepEqual(await axeViolations(page), [], 'search result');
    await page.locator('a[href^="/geschaeftsstelle/faelle/"]').first().click();
    await page.waitForURL(/\/geschaeftsstelle\/faelle\//);
    // With its letters listed (receipt, notice to the authority), once the outbox has written them.
    for (
      let i = 0;
      i < 100 && (await app.database.db.selectFrom('letters').select('id').execute()).length < 2;
      i++
    )
      await new Promise((r) => setTimeout(r, 200));
    await page.reload();
    assert.equal(await page.locator('#briefe + div table tbody tr').count(), 2, 'letters listed');
    assert.deepEqual(await axeViolations(page), [], 'case file');
    await page.goto(`${app.url}/geschaeftsstelle/eingang`);
    assert.deepEqual(await axeViolations(page), [], 'intake');
    await page.getByRole('button', { name: 'Fall anlegen' }).click();
    await page.waitForSelector('#error-summary');
    assert.deepEqual(await axeViolations(page), [], 'intake with errors');
    await context.close();
  });

  test('the administration has no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, app, admin);
    await page.waitForURL('**/verwaltung');
    assert.deepEqual(await axeViolations(page), [], 'administration');
    await context.close();
  });
});
