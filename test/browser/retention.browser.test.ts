/** The office head's retention pages in Chromium: axe finds no WCAG 2.1 A/AA violation, also with errors. */
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
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

async function login(page: Page, app: TestApp, user: StaffUser) {
  await page.goto(`${app.url}/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(user.email);
  await page.getByLabel('Passwort', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForURL('**/anmelden/code');
  await page.getByLabel('Code aus der Authenticator-App').fill(await totpCode(user, new Date()));
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL('**/geschaeftsstelle');
}

describe('retention pages in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  let head: StaffUser;
  let caseId = '';
  let caseNumber = '';
  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    caseNumber = await fileApplication(new WebClient(app.url));
    caseId = (
      await app.database.db
        .selectFrom('cases')
        .select('id')
        .where('case_number', '=', caseNumber)
        .executeTakeFirstOrThrow()
    ).id;
    head = await createStaffUser(
      app.database,
      { email: 'leitung@example.org', name: 'Leitung', role: 'office_head' },
      { masterKey },
    );
    const clerk = await createStaffUser(
      app.database,
      { email: 'sb@example.org', name: 'Sachbearbeitung', role: 'office_clerk' },
      { masterKey },
    );
    // The clerk withdraws the case over HTTP; its retention then ended three years ago.
    const web = new WebClient(app.url);
    await web.post('/anmelden', { email: clerk.email, password: clerk.password });
    const code = await web.get('/anmelden/code');
    await web.post('/anmelden/code', { _csrf: csrfOf(code.body), code: await totpCode(clerk, new Date()) });
    const file = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    const version = /name="version" value="(\d+)"/.exec(file.body)?.[1] ?? '';
    const done = await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/withdraw`, {
      _csrf: csrfOf(file.body),
      version,
    });
    assert.equal(done.status, 303);
    const old = new Date();
    old.setUTCFullYear(old.getUTCFullYear() - 3);
    await app.database.db
      .updateTable('retention_schedule')
      .set({ closed_on: old.toISOString().slice(0, 10) })
      .where('case_id', '=', caseId)
      .execute();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('deletion list, confirmation, hold and export pages have no violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, app, head);
    await page.goto(`${app.url}/geschaeftsstelle/faelle/${caseId}`);
    await page.getByText('Zur Löschung fällig seit').waitFor();
    assert.deepEqual(await axeViolations(page), [], 'case file with retention');

    await page.goto(`${app.url}/geschaeftsstelle`);
    await page.getByRole('link', { name: 'Aussonderung und Löschung' }).click();
    await page.waitForURL('**/geschaeftsstelle/aussonderung');
    assert.deepEqual(await axeViolations(page), [], 'deletion list');
    await page.getByRole('button', { name: 'Löschung der ausgewählten Fälle vorbereiten' }).click();
    await page.waitForSelector('#error-summary');
    assert.deepEqual(await axeViolations(page), [], 'deletion list with error');
    await page.getByLabel(`Fall ${caseNumber} zur Löschung auswählen`).check();
    await page.getByRole('button', { name: 'Löschung der ausgewählten Fälle vorbereiten' }).click();
    await page.getByRole('heading', { name: 'Löschung freigeben', level: 1 }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'confirmation');
    await page.getByRole('button', { name: 'Löschung freigeben' }).click();
    await page.waitForSelector('#error-summary');
    assert.deepEqual(await axeViolations(page), [], 'confirmation with error');
    await page
      .getByLabel('Abbrechen')
      .or(page.getByRole('link', { name: 'Abbrechen' }))
      .click();

    await page.goto(`${app.url}/geschaeftsstelle/aussonderung/${caseId}/sperre`);
    assert.deepEqual(await axeViolations(page), [], 'hold page');
    await page.getByRole('button', { name: 'Löschsperre setzen' }).click();
    await page.waitForSelector('#error-summary');
    assert.deepEqual(await axeViolations(page), [], 'hold page with error');
    await page.getByLabel('Grund für die Löschsperre').fill('Auskunftsersuchen offen');
    await page.getByRole('button', { name: 'Löschsperre setzen' }).click();
    await page.getByText('Die Löschsperre ist gesetzt.').first().waitFor();
    assert.deepEqual(await axeViolations(page), [], 'hold set');
    await page.getByLabel('Grund für die Aufhebung').fill('Auskunft erteilt');
    await page.getByRole('button', { name: 'Löschsperre aufheben' }).click();
    await page.getByText('Die Löschsperre ist aufgehoben.').first().waitFor();

    await page.goto(`${app.url}/geschaeftsstelle/auskunft`);
    assert.deepEqual(await axeViolations(page), [], 'export');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.waitForSelector('#error-summary');
    assert.deepEqual(await axeViolations(page), [], 'export with error');
    await page.getByLabel('Name oder Aktenzeichen').fill('Agaoglu');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('heading', { name: 'Gefundene Personen' }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'export search result');
    await page.getByRole('button', { name: 'Auskunft herunterladen (ZIP)' }).click();
    await page.waitForSelector('#error-summary');
    assert.deepEqual(await axeViolations(page), [], 'export without a choice');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      (async () => {
        await page.getByLabel(/^Zehra Ağaoğlu/).check();
        await page.getByRole('button', { name: 'Auskunft herunterladen (ZIP)' }).click();
      })(),
    ]);
    assert.match(download.suggestedFilename(), /^Auskunft-\d{4}-\d\d-\d\d\.zip$/);

    // Approve; the inline worker packages and deletes; the tombstone is listed.
    await page.goto(`${app.url}/geschaeftsstelle/aussonderung`);
    await page.getByLabel(`Fall ${caseNumber} zur Löschung auswählen`).check();
    await page.getByRole('button', { name: 'Löschung der ausgewählten Fälle vorbereiten' }).click();
    await page.getByLabel('Ich habe die Fälle geprüft und gebe ihre Löschung frei.').check();
    await page.getByRole('button', { name: 'Löschung freigeben' }).click();
    await page.waitForURL('**/geschaeftsstelle/aussonderung?freigegeben=1');
    assert.deepEqual(await axeViolations(page), [], 'approved');
    for (
      let i = 0;
      i < 100 &&
      (
        await app.database.db
          .selectFrom('case_deletions')
          .select('status')
          .where('case_id', '=', caseId)
          .executeTakeFirst()
      )?.status !== 'deleted';
      i++
    )
      await new Promise((r) => setTimeout(r, 200));
    await page.reload();
    await page.locator(`tr[data-case-number="${caseNumber}"]`).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'tombstones');
    await context.close();
  });
});
