/**
 * The staff login in Chromium: every step with axe-core, errors at the field and in the focused error
 * summary, the forced new password; then the time-out warning of /assets/session-timeout.js with the
 * browser's clock fast-forwarded: it opens two minutes before the end, extends without losing what was
 * typed, and offers a new login once the session has ended. Also the whole login without JavaScript.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createStaffUser,
  type StaffTestApp,
  type StaffUser,
  startStaffTestApp,
  totpCode,
} from '../support/staff-app.ts';

const skip = browserUnavailable();

async function enterCode(page: Page, user: StaffUser) {
  await page.getByLabel('Code aus der Authenticator-App').fill(await totpCode(user, new Date()));
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

describe('staff login in Chromium', { skip }, () => {
  let db: TestDatabase;
  let app: StaffTestApp;
  let browser: Browser;
  before(async () => {
    db = await createTestDatabase();
    app = await startStaffTestApp({ db, clock: { now: () => new Date() } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  test('login pages are accessible; the first login forces a new password; the warning extends the session', async () => {
    const user = await createStaffUser(
      db,
      { email: 'geschaeftsstelle@example.org', name: 'Jana Schäfer', role: 'office_clerk' },
      { initial: true },
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install({ time: new Date() });

    await page.goto(`${app.url}/geschaeftsstelle`);
    await page.waitForURL('**/anmelden?weiter=%2Fgeschaeftsstelle');
    assert.deepEqual(await axeViolations(page), [], 'login page');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.waitForSelector('#error-summary');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
    assert.deepEqual(await axeViolations(page), [], 'login page with errors');
    await page.getByRole('link', { name: 'Geben Sie Ihre E-Mail-Adresse ein.' }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'email');

    await page.getByLabel('E-Mail-Adresse').fill(user.email);
    await page.getByLabel('Passwort').fill('falsch-falsch');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.waitForSelector('#password-error');
    assert.equal(await page.getByLabel('E-Mail-Adresse').inputValue(), user.email, 'the address stays');
    assert.equal(await page.getByLabel('Passwort').inputValue(), '', 'the password does not come back');

    await page.getByLabel('Passwort').fill(user.password);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.waitForURL('**/anmelden/code');
    assert.deepEqual(await axeViolations(page), [], 'code page');
    await enterCode(page, user);
    await page.waitForURL('**/anmelden/passwort');
    assert.deepEqual(await axeViolations(page), [], 'password page');
    await page.getByLabel('Neues Passwort', { exact: true }).fill('zu kurz');
    await page.getByLabel('Neues Passwort wiederholen').fill('zu kurz');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.waitForSelector('#password-error');
    assert.deepEqual(await axeViolations(page), [], 'password page with errors');
    await page.getByLabel('Neues Passwort', { exact: true }).fill('Kaffee am Rhein um sieben');
    await page.getByLabel('Neues Passwort wiederholen').fill('Kaffee am Rhein um sieben');
    await page.getByRole('button', { name: 'Passwort speichern' }).click();
    await page.waitForURL('**/geschaeftsstelle');

    // Something typed, then nearly 30 minutes without a request.
    await page.getByLabel('Notiz').fill('Halbfertiger Vermerk');
    const dialog = page.locator('#hfk-session-timeout');
    assert.equal(await dialog.isVisible(), false);
    await page.clock.fastForward('27:50');
    assert.equal(await dialog.isVisible(), false, 'no warning before the last two minutes');
    await page.clock.fastForward('00:15');
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await page.getByRole('dialog', { name: 'Sie werden bald abgemeldet' }).count(), 1);
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Angemeldet bleiben',
      'focus is on the main choice',
    );
    assert.deepEqual(await axeViolations(page), [], 'time-out warning');

    await page.getByRole('button', { name: 'Angemeldet bleiben' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.match(page.url(), /\/geschaeftsstelle$/, 'no page load');
    assert.equal(
      await page.getByLabel('Notiz').inputValue(),
      'Halbfertiger Vermerk',
      'nothing typed is lost',
    );
    assert.equal(
      await page.locator('#hfk-session-timeout-status').textContent(),
      'Ihre Sitzung wurde verlängert.',
    );

    await page.clock.fastForward('27:00');
    assert.equal(await dialog.isVisible(), false, 'the extension moved the end');
    await page.clock.fastForward('01:30');
    await dialog.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.clock.fastForward('02:00');
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await page.getByRole('dialog', { name: 'Sie wurden abgemeldet' }).count(), 1);
    const again = page.getByRole('link', { name: 'Erneut anmelden' });
    assert.equal(await again.getAttribute('href'), '/anmelden?weiter=%2Fgeschaeftsstelle');
    assert.equal(await page.getByRole('button', { name: 'Angemeldet bleiben' }).isVisible(), false);
    assert.deepEqual(await axeViolations(page), [], 'session ended');
    await context.close();
  });

  test('the login works without JavaScript, and logout ends it', async () => {
    const user = await createStaffUser(db, {
      email: 'ohne-js@example.org',
      name: 'Ohne Skript',
      role: 'office_head',
    });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill(user.email);
    await page.getByLabel('Passwort').fill(user.password);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.waitForURL('**/anmelden/code');
    await enterCode(page, user);
    await page.waitForURL('**/geschaeftsstelle');
    assert.match((await page.locator('main').textContent()) ?? '', /Angemeldet als Ohne Skript/);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'hfk_sitzung');
    assert.equal(session?.httpOnly, true);
    assert.equal(session?.sameSite, 'Strict');
    await page.goto(`${app.url}/sitzung/verlaengern`);
    await page.getByRole('main').getByRole('button', { name: 'Abmelden' }).click();
    await page.waitForURL('**/anmelden?abgemeldet=1');
    assert.equal(await page.getByText('Sie haben sich abgemeldet').count(), 1);
    await page.goto(`${app.url}/geschaeftsstelle`);
    await page.waitForURL('**/anmelden?weiter=%2Fgeschaeftsstelle');
    await context.close();
  });
});
