/**
 * The representatives' account pages in Chromium, German and Arabic: registration (also with errors),
 * the check-your-mail page, confirmation with the TOTP key, and "my applications" with and without
 * rows — axe finds no WCAG 2.1 A/AA violation.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { STAFF_COOKIE } from '../../src/web/auth/session.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import { waitForMail } from '../support/mailbox.ts';
import { totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const skip = browserUnavailable();
const PASSWORD = 'ein langes Passwort für die Beratung';

describe('account pages in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp({ MASTER_KEY: await generateIdentity() });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('registration, confirmation and "my applications" have no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const lang of ['ar', 'de'] as const) {
      await page.goto(`${app.url}/konto/registrieren?lang=${lang}`);
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
      assert.deepEqual(await axeViolations(page), [], `registration (${lang})`);
      await page.locator('form[action^="/konto/registrieren"] button').click();
      await page.waitForSelector('#error-summary');
      assert.deepEqual(await axeViolations(page), [], `registration with errors (${lang})`);
    }
    await page.check('#kind');
    await page.fill('#name', 'Lina Haddad');
    await page.fill('#email', 'lina@beratung.example');
    await page.fill('#password', PASSWORD);
    await page.fill('#passwordRepeat', PASSWORD);
    await page.locator('form[action^="/konto/registrieren"] button').click();
    await page.waitForSelector('h1');
    assert.match((await page.textContent('h1')) ?? '', /Bitte bestätigen/);
    assert.deepEqual(await axeViolations(page), [], 'check your mail');

    const mail = await waitForMail(app.dataDir, (text) => /\/konto\/bestaetigen\//.test(text));
    const link = /\/konto\/bestaetigen\/[A-Za-z0-9_-]{43,128}/.exec(mail)?.[0] ?? '';
    assert.ok(link, 'confirmation mailed');
    await page.goto(`${app.url}${link}`);
    assert.deepEqual(await axeViolations(page), [], 'confirm');
    await page.locator('form[action^="/konto/bestaetigen"] button').click();
    await page.waitForSelector('#totp-secret');
    const secret = (await page.textContent('#totp-secret')) ?? '';
    assert.deepEqual(await axeViolations(page), [], 'confirmed, with the TOTP key');

    // Log in over HTTP and hand the session to the browser.
    const web = new WebClient(app.url);
    await web.post('/anmelden', { email: 'lina@beratung.example', password: PASSWORD });
    const codePage = await web.get('/anmelden/code');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(codePage.body)?.[1] ?? '';
    const user = { id: '', email: 'lina@beratung.example', password: PASSWORD, secret };
    assert.equal(
      (await web.post('/anmelden/code', { _csrf: csrf, code: await totpCode(user, new Date()) })).status,
      303,
    );
    await context.addCookies([
      { name: STAFF_COOKIE, value: web.cookies.get(STAFF_COOKIE) ?? '', url: app.url },
    ]);
    for (const lang of ['ar', 'de'] as const) {
      await page.goto(`${app.url}/konto?lang=${lang}`);
      assert.deepEqual(await axeViolations(page), [], `my applications, none (${lang})`);
    }
    await page.locator('form[action="/antrag/beginnen"] button').click();
    await page.waitForURL(/\/antrag\/uebersicht/);
    for (const lang of ['ar', 'de'] as const) {
      await page.goto(`${app.url}/konto?lang=${lang}`);
      assert.equal(await page.locator('table tbody tr').count(), 1);
      assert.deepEqual(await axeViolations(page), [], `my applications, one draft (${lang})`);
    }
    await context.close();
  });
});
