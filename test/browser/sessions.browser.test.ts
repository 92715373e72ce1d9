/**
 * The session pages in Chromium: the administration of the commission, the list of sessions (with
 * errors), a session page with agenda, attendance and quorum, a decision form with errors, and the
 * locked session after approval — axe finds no WCAG 2.1 A/AA violation on any of them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const skip = browserUnavailable();
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

const logins = new Map<string, number>();
const nextCode = (user: StaffUser) => {
  const offset = logins.get(user.id) ?? 0;
  logins.set(user.id, offset + 1);
  return totpCode(user, new Date(), offset);
};

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

async function clientLogin(app: TestApp, user: StaffUser): Promise<WebClient> {
  const web = new WebClient(app.url);
  await web.post('/anmelden', { email: user.email, password: user.password });
  const page = await web.get('/anmelden/code');
  const done = await web.post('/anmelden/code', { _csrf: csrfOf(page.body), code: await nextCode(user) });
  assert.equal(done.status, 303);
  return web;
}

describe('session pages in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  let clerk: StaffUser;
  let head: StaffUser;
  let admin: StaffUser;
  let caseId = '';
  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    const user = (email: string, name: string, role: 'office_clerk' | 'office_head' | 'admin' | 'member') =>
      createStaffUser(app.database, { email, name, role }, { masterKey });
    clerk = await user('sb@example.org', 'Sachbearbeitung', 'office_clerk');
    head = await user('leitung@example.org', 'Leitung', 'office_head');
    admin = await user('ad@example.org', 'Administration', 'admin');
    const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const ids: string[] = [];
    for (let i = 1; i <= 7; i++) {
      const m = await user(`m${i}@example.org`, `Mitglied ${i}`, 'member');
      const id = randomUUID();
      ids.push(id);
      await app.database.db
        .insertInto('commission_memberships')
        .values({
          id,
          user_id: m.id,
          function: 'member',
          deputy_of: null,
          nominated_by: `Verband ${i}`,
          term_from: from,
          term_to: to,
        })
        .execute();
    }
    // An account without appointment, for the administrator's form.
    await user('neu@example.org', 'Neue Stellvertretung', 'member');
    // One case ready for a session.
    const clerkWeb = await clientLogin(app, clerk);
    const number = await fileApplication(new WebClient(app.url));
    caseId = (
      await app.database.db
        .selectFrom('cases')
        .select('id')
        .where('case_number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;
    const due = new Date(Date.now() + 28 * 86_400_000);
    for (const [command, fields] of [
      ['startPreCheck', {}],
      ['recordExclusionReview', {}],
      ['takeUp', {}],
      [
        'requestStatement',
        {
          'dueAt.day': String(due.getUTCDate()),
          'dueAt.month': String(due.getUTCMonth() + 1),
          'dueAt.year': String(due.getUTCFullYear()),
        },
      ],
      ['receiveStatement', {}],
      ['markReadyForSession', {}],
    ] as const) {
      const page = await clerkWeb.get(`/geschaeftsstelle/faelle/${caseId}`);
      const done = await clerkWeb.post(`/geschaeftsstelle/faelle/${caseId}/schritte/${command}`, {
        _csrf: csrfOf(page.body),
        version: versionOf(page.body),
        ...fields,
      });
      assert.equal(done.status, 303, command);
    }
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('the administration of the commission has no violations, also with errors', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, app, admin);
    await page.getByRole('link', { name: 'Kommission: Mitglieder und Stellvertretungen' }).click();
    await page.waitForURL('**/verwaltung/kommission');
    assert.deepEqual(await axeViolations(page), [], 'commission');
    await page.getByRole('radio', { name: 'Stellvertretung' }).check();
    await page.getByRole('button', { name: 'Benennen' }).click();
    await page.waitForSelector('#error-summary');
    assert.deepEqual(await axeViolations(page), [], 'commission with errors');
    await page.getByLabel('Konto').selectOption({ label: 'Neue Stellvertretung (neu@example.org)' });
    await page.getByRole('radio', { name: 'Stellvertretung' }).check();
    await page.getByLabel('Vertritt das Mitglied').selectOption({ index: 1 });
    await page.getByLabel('Entsendende Organisation').fill('Verband 1');
    const from = new Date(Date.now() + 86_400_000);
    const fromGroup = page.getByRole('group', { name: 'Beginn der Amtszeit' });
    await fromGroup.getByLabel('Tag').fill(String(from.getUTCDate()));
    await fromGroup.getByLabel('Monat').fill(String(from.getUTCMonth() + 1));
    await fromGroup.getByLabel('Jahr').fill(String(from.getUTCFullYear()));
    const toGroup = page.getByRole('group', { name: 'Ende der Amtszeit' });
    await toGroup.getByLabel('Tag').fill(String(from.getUTCDate()));
    await toGroup.getByLabel('Monat').fill(String(from.getUTCMonth() + 1));
    await toGroup.getByLabel('Jahr').fill(String(from.getUTCFullYear() + 1));
    await page.getByRole('button', { name: 'Benennen' }).click();
    await page.waitForURL('**/verwaltung/kommission?ok=benannt');
    assert.equal(await page.getByRole('row', { name: /Neue Stellvertretung Stellvertretung/ }).count(), 1);
    await context.close();
  });

  test('planning, the session page and the decision form have no violations, also with errors', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, app, clerk);
    await page.getByRole('link', { name: 'Sitzungen der Kommission' }).click();
    await page.waitForURL('**/geschaeftsstelle/sitzungen');
    assert.deepEqual(await axeViolations(page), [], 'session list');
    await page.getByRole('button', { name: 'Sitzung planen' }).click();
    await page.waitForSelector('#error-summary');
    assert.deepEqual(await axeViolations(page), [], 'session list with errors');
    const now = new Date();
    const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(now).split('-');
    const date = page.getByRole('group', { name: 'Datum' });
    await date.getByLabel('Tag').fill(String(Number(d)));
    await date.getByLabel('Monat').fill(String(Number(m)));
    await date.getByLabel('Jahr').fill(y ?? '');
    await page.getByLabel('Ort', { exact: true }).fill('Düsseldorf');
    await page.getByRole('button', { name: 'Sitzung planen' }).click();
    await page.waitForURL(/\/geschaeftsstelle\/sitzungen\/[0-9a-f-]{36}\?ok=gespeichert/);
    await page.getByRole('button', { name: /Auf die Tagesordnung/ }).click();
    await page.waitForURL(/ok=gespeichert/);
    for (const name of ['Mitglied 1 (Mitglied)', 'Mitglied 2 (Mitglied)', 'Mitglied 3 (Mitglied)'])
      await page.getByRole('checkbox', { name }).check();
    await page.getByRole('button', { name: 'Anwesenheit speichern' }).click();
    await page.waitForURL(/ok=gespeichert/);
    assert.match(
      ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' '),
      /nicht beschlussfähig/,
    );
    assert.deepEqual(await axeViolations(page), [], 'session page');

    await page.getByRole('link', { name: /Beschluss erfassen/ }).click();
    assert.deepEqual(await axeViolations(page), [], 'decision form');
    await page.getByRole('radio', { name: 'Abgestimmt' }).check();
    await page
      .getByRole('group', { name: /Abstimmung über ein Härtefallersuchen/ })
      .getByLabel('Ja')
      .fill('3');
    await page.getByRole('button', { name: 'Beschluss speichern' }).click();
    await page.waitForSelector('#error-summary');
    assert.match((await page.locator('#error-summary').textContent()) ?? '', /nicht beschlussfähig/);
    assert.deepEqual(await axeViolations(page), [], 'decision form with errors');
    // Keyboard: the error summary's link moves focus to the first count field.
    await page.locator('#error-summary a').first().click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'votes-yes');

    await page.getByRole('radio', { name: 'Vertagt' }).check();
    await page.getByLabel('Begründung').fill('Nicht beschlussfähig.');
    await page.getByRole('button', { name: 'Beschluss speichern' }).click();
    await page.waitForURL(/ok=beschluss/);
    const sessionUrl = page.url().replace(/\?.*$/, '');
    await context.close();

    const chair = await browser.newContext();
    const chairPage = await chair.newPage();
    await login(chairPage, app, head);
    await chairPage.goto(sessionUrl);
    await chairPage.getByRole('button', { name: 'Protokoll genehmigen' }).click();
    await chairPage.waitForURL(/ok=genehmigt/);
    assert.deepEqual(await axeViolations(chairPage), [], 'locked session');
    await chair.close();
  });
});
