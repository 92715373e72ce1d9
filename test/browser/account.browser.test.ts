/**
 * The representatives' account pages in Chromium, German and Arabic: the login (also with errors),
 * registration (also with errors), the check-your-mail page, confirmation with the TOTP key, and "my
 * applications" with and without rows; the forgotten-password pages, an invitation and the colleagues
 * on the account page — axe finds no WCAG 2.1 A/AA violation.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { hashResumeToken } from '../../src/application/drafts.ts';
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
      await page.goto(`${app.url}/anmelden?lang=${lang}`);
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
      assert.deepEqual(await axeViolations(page), [], `login (${lang})`);
      await page.locator('form[action="/anmelden"] button').click();
      await page.waitForSelector('#error-summary');
      assert.deepEqual(await axeViolations(page), [], `login with errors (${lang})`);
    }
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
  test('a forgotten password, an invitation and the colleagues have no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const lang of ['ar', 'de'] as const) {
      await page.goto(`${app.url}/konto/passwort-vergessen?lang=${lang}`);
      assert.deepEqual(await axeViolations(page), [], `forgotten password (${lang})`);
      await page.locator('form[action^="/konto/passwort-vergessen"] button').click();
      await page.waitForSelector('#error-summary');
      assert.deepEqual(await axeViolations(page), [], `forgotten password with errors (${lang})`);
    }
    await page.fill('#email', 'lina@beratung.example');
    await page.locator('form[action^="/konto/passwort-vergessen"] button').click();
    await page.waitForSelector('h1');
    assert.match((await page.textContent('h1')) ?? '', /Postfach/);
    assert.deepEqual(await axeViolations(page), [], 'link sent');
    const mail = await waitForMail(app.dataDir, (text) => /\/konto\/passwort-neu\//.test(text));
    const link = /\/konto\/passwort-neu\/[A-Za-z0-9_-]{43,128}/.exec(mail)?.[0] ?? '';
    await page.goto(`${app.url}${link}`);
    assert.deepEqual(await axeViolations(page), [], 'new password');
    await page.fill('#password', 'kurz');
    await page.locator('form[action^="/konto/passwort-neu"] button').click();
    await page.waitForSelector('#error-summary');
    assert.deepEqual(await axeViolations(page), [], 'new password with errors');
    await page.fill('#password', `${PASSWORD} neu`);
    await page.fill('#passwordRepeat', `${PASSWORD} neu`);
    await page.locator('form[action^="/konto/passwort-neu"] button').click();
    await page.waitForSelector('text=Ihr neues Passwort gilt');
    assert.deepEqual(await axeViolations(page), [], 'password set');

    // An invitation into an organisation (made here directly; the flow is in the integration test).
    const organisationId = randomUUID();
    await app.database.db
      .insertInto('organisations')
      .values({ id: organisationId, kind: 'counselling', name: 'Beratungsstelle Ost' })
      .execute();
    const inviter = await app.database.db.selectFrom('users').select('id').executeTakeFirstOrThrow();
    const token = 'A'.repeat(20) + randomUUID().replace(/-/g, '');
    await app.database.db
      .insertInto('account_invitations')
      .values({
        token_hash: hashResumeToken(token),
        organisation_id: organisationId,
        invited_by: inviter.id,
        email: 'omar@beratung-ost.example',
        expires_at: new Date(Date.now() + 3600_000),
      })
      .execute();
    for (const lang of ['ar', 'de'] as const) {
      await page.goto(`${app.url}/konto/einladung/${token}?lang=${lang}`);
      assert.deepEqual(await axeViolations(page), [], `invitation (${lang})`);
      await page.locator('form[action^="/konto/einladung"] button').click();
      await page.waitForSelector('#error-summary');
      assert.deepEqual(await axeViolations(page), [], `invitation with errors (${lang})`);
    }
    await page.fill('#name', 'Omar Berater');
    await page.fill('#password', PASSWORD);
    await page.fill('#passwordRepeat', PASSWORD);
    await page.locator('form[action^="/konto/einladung"] button').click();
    await page.waitForSelector('#totp-secret');
    const secret = (await page.textContent('#totp-secret')) ?? '';
    const web = new WebClient(app.url);
    await web.post('/anmelden', { email: 'omar@beratung-ost.example', password: PASSWORD });
    const codePage = await web.get('/anmelden/code');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(codePage.body)?.[1] ?? '';
    const user = { id: '', email: 'omar@beratung-ost.example', password: PASSWORD, secret };
    assert.equal(
      (await web.post('/anmelden/code', { _csrf: csrf, code: await totpCode(user, new Date()) })).status,
      303,
    );
    await context.addCookies([
      { name: STAFF_COOKIE, value: web.cookies.get(STAFF_COOKIE) ?? '', url: app.url },
    ]);
    for (const lang of ['ar', 'de'] as const) {
      await page.goto(`${app.url}/konto?lang=${lang}`);
      assert.ok(await page.isVisible('#kollegen'), 'the colleagues section');
      assert.deepEqual(await axeViolations(page), [], `colleagues (${lang})`);
      await page.fill('#invite-email', 'kein@');
      await page.locator('form[action^="/konto/kollegen"] button').click();
      await page.waitForSelector('#error-summary');
      assert.deepEqual(await axeViolations(page), [], `colleagues with errors (${lang})`);
    }
    await page.fill('#invite-email', 'rana@beratung-ost.example');
    await page.locator('form[action^="/konto/kollegen"] button').click();
    await page.waitForURL(/eingeladen=1/);
    assert.deepEqual(await axeViolations(page), [], 'colleague invited');
    await context.close();
  });
});
