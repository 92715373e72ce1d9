/**
 * The API-token page in Chromium: a clerk logs in, the empty page, the form with
 * errors (focused error summary) and the page showing the new token are free of WCAG 2.1 A/AA
 * violations (axe-core); without JavaScript the plain forms make and revoke a token.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';

const skip = browserUnavailable();

describe('API-token page in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  let clerk: StaffUser;
  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    clerk = await createStaffUser(
      app.database,
      { email: 'api-browser@example.org', name: 'Jana Schäfer', role: 'office_clerk' },
      { masterKey },
    );
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('create with errors, create, revoke: accessible at every step', async () => {
    // axe-core runs as a script in the page; the forms themselves post without any (see the no-JS test).
    const context = await browser.newContext();
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${app.url}/geschaeftsstelle/api-schluessel`);
    await page.getByLabel('E-Mail-Adresse').fill(clerk.email);
    await page.getByLabel('Passwort').fill(clerk.password);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Code aus der Authenticator-App').fill(await totpCode(clerk, new Date()));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL('**/geschaeftsstelle/api-schluessel');
    assert.deepEqual(await axeViolations(page), [], 'empty token page');

    await page.getByRole('button', { name: 'Schlüssel anlegen' }).click();
    await page.waitForSelector('#error-summary');
    assert.deepEqual(await axeViolations(page), [], 'token page with errors');
    await page.getByRole('link', { name: 'Bitte wählen Sie mindestens ein Recht.' }).click();

    await page.getByLabel('Bezeichnung').fill('Fachverfahren');
    await page.getByLabel('Fälle lesen').check();
    await page.getByLabel('Gültigkeit').selectOption('30');
    await page.getByRole('button', { name: 'Schlüssel anlegen' }).click();
    const token = await page.locator('#new-api-token').textContent();
    assert.match(token ?? '', /^hfk_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(await axeViolations(page), [], 'token page with the new token');

    await page.getByRole('button', { name: 'Schlüssel „Fachverfahren“ widerrufen' }).click();
    await page.waitForURL('**/geschaeftsstelle/api-schluessel?widerrufen=1');
    assert.equal(await page.locator('td', { hasText: /^widerrufen$/ }).count(), 1);
    assert.deepEqual(await axeViolations(page), [], 'token page after revoking');
    await context.close();
  });

  test('without JavaScript a token is made and revoked with the plain forms', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(30_000);
    const page = await context.newPage();
    await page.goto(`${app.url}/geschaeftsstelle/api-schluessel`);
    await page.getByLabel('E-Mail-Adresse').fill(clerk.email);
    await page.getByLabel('Passwort').fill(clerk.password);
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Code aus der Authenticator-App').fill(await totpCode(clerk, new Date(), 1));
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL('**/geschaeftsstelle/api-schluessel');
    await page.getByLabel('Bezeichnung').fill('Ohne Skript');
    await page.getByLabel('Dokumente lesen und herunterladen').check();
    await page.getByRole('button', { name: 'Schlüssel anlegen' }).click();
    assert.match((await page.locator('#new-api-token').textContent()) ?? '', /^hfk_/);
    await page.getByRole('button', { name: 'Schlüssel „Ohne Skript“ widerrufen' }).click();
    await page.waitForURL('**/geschaeftsstelle/api-schluessel?widerrufen=1');
    await context.close();
  });
});
