/**
 * The members' view and the office's choice for the session pack in Chromium: the office's session
 * page with the pack section and the choice page (before and after saving), the member's sessions, a
 * session with its agenda, a case, the pack as a download, and after the set time the session page and
 * the pack's explanation — axe finds no WCAG 2.1 A/AA violation on any of them.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import {
  appoint,
  login as clientLogin,
  nextCode,
  officeUpload,
  readyCase,
  sessionToday,
  textPdf,
} from '../support/members.ts';
import { createStaffUser, type StaffUser } from '../support/staff-app.ts';

const skip = browserUnavailable();

async function login(page: Page, app: TestApp, user: StaffUser) {
  await page.goto(`${app.url}/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(user.email);
  await page.getByLabel('Passwort', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForURL('**/anmelden/code');
  await page.getByLabel('Code aus der Authenticator-App').fill(await nextCode(user));
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/anmelden'));
}

const mainText = async (page: Page) =>
  ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

describe('the members’ view in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  let clerk: StaffUser;
  let member: StaffUser;
  let sessionId = '';
  let caseNumber = '';

  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    const user = (email: string, name: string, role: 'office_clerk' | 'office_head' | 'member') =>
      createStaffUser(app.database, { email, name, role }, { masterKey });
    clerk = await user('sb-browser@example.org', 'Sachbearbeitung', 'office_clerk');
    const head = await user('leitung-browser@example.org', 'Leitung', 'office_head');
    member = await user('mitglied-browser@example.org', 'Jana Özdemir', 'member');
    await appoint(app, member.id, 1);
    const clerkWeb = await clientLogin(app, clerk);
    const ready = await readyCase(app, clerkWeb, 'Ağaoğlu');
    caseNumber = ready.number;
    await officeUpload(
      clerkWeb,
      ready.id,
      'authority_statement',
      'Stellungnahme.pdf',
      await textPdf('Stellungnahme'),
    );
    await officeUpload(clerkWeb, ready.id, 'school', 'Schule.pdf', await textPdf('Schulbescheinigung'));
    await officeUpload(clerkWeb, ready.id, 'medical_report', 'Befund.pdf', await textPdf('Befund'));
    sessionId = await sessionToday(clerkWeb, head.id, [ready.id]);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('the office chooses the documents for the pack: no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, app, clerk);
    await page.goto(`${app.url}/geschaeftsstelle/sitzungen/${sessionId}`);
    assert.match(await mainText(page), /Sitzungsmappe/);
    assert.deepEqual(await axeViolations(page), [], 'session page with the pack section');
    await page.getByRole('link', { name: `Unterlagen für die Mappe auswählen ${caseNumber}` }).click();
    await page.waitForURL(/\/mappe$/);
    assert.deepEqual(await axeViolations(page), [], 'choice page');
    const special = page.getByRole('group', { name: 'Gesundheitsdaten und Strafsachen' });
    await special.getByRole('checkbox', { name: /Befund\.pdf/ }).check();
    await page
      .getByRole('group', { name: 'Nachweise' })
      .getByRole('checkbox', { name: /Schule\.pdf/ })
      .check();
    await page.getByRole('button', { name: 'Auswahl speichern' }).click();
    await page.waitForURL(/mappe\?ok=1/);
    assert.match(await mainText(page), /Die Auswahl für die Sitzungsmappe ist gespeichert/);
    assert.ok(await special.getByRole('checkbox', { name: /Befund\.pdf/ }).isChecked());
    assert.deepEqual(await axeViolations(page), [], 'choice page after saving');
    await context.close();
  });

  test('the member’s sessions, a session, a case and the pack: no violations', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await login(page, app, member);
    assert.equal(new URL(page.url()).pathname, '/kommission', 'members land on their view');
    assert.match(await mainText(page), /Ihre Sitzungen/);
    assert.deepEqual(await axeViolations(page), [], 'sessions');
    await page.getByRole('link', { name: /Uhr/ }).first().click();
    await page.waitForURL(`**/kommission/sitzungen/${sessionId}`);
    assert.match(await mainText(page), new RegExp(caseNumber));
    assert.deepEqual(await axeViolations(page), [], 'session');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Sitzungsmappe herunterladen (PDF)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^Sitzungsmappe-\d{4}-\d{2}-\d{2}\.pdf$/);
    const path = await download.path();
    assert.equal(readFileSync(path).subarray(0, 5).toString(), '%PDF-');

    await page.getByRole('link', { name: caseNumber }).click();
    await page.waitForURL(/\/faelle\/[0-9a-f-]{36}$/);
    assert.match(await mainText(page), /Zehra Ağaoğlu/);
    assert.deepEqual(await axeViolations(page), [], 'case');

    // After the set time: the session page says so, the pack's address explains it (404).
    await sql`update commission_sessions set session_day = session_day - 10, starts_at = starts_at - interval '10 days' where id = ${sessionId}`.execute(
      app.database.db,
    );
    await page.goto(`${app.url}/kommission/sitzungen/${sessionId}`);
    assert.match(await mainText(page), /war bis einschließlich/);
    assert.deepEqual(await axeViolations(page), [], 'session after the pack expired');
    const response = await page.goto(`${app.url}/kommission/sitzungen/${sessionId}/mappe`);
    assert.equal(response?.status(), 404);
    assert.match(await mainText(page), /Die Sitzungsmappe ist nicht mehr abrufbar/);
    assert.deepEqual(await axeViolations(page), [], 'pack expired');
    await context.close();
  });
});
