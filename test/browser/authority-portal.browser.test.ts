/**
 * The immigration authority's portal in Chromium: an authority user logs in (password and TOTP), lands on
 * /behoerde, opens its case, uploads an attachment (with JavaScript, resumable) and answers the statement
 * request (first with errors), then reports an intended refusal (first without reasons) and the final
 * decision. axe-core finds no WCAG 2.1 A/AA violation on any portal page, nor on the office's case file
 * that shows what the authority sent.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { pdfkitLetter } from '../../src/adapters/scan/test-support.ts';
import type { Actor, CaseCommand } from '../../src/domain/case/index.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const skip = browserUnavailable();

async function login(page: Page, app: TestApp, user: StaffUser, stepOffset = 0) {
  await page.goto(`${app.url}/anmelden`);
  await page.getByLabel('E-Mail-Adresse').fill(user.email);
  await page.getByLabel('Passwort', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Weiter' }).click();
  await page.waitForURL('**/anmelden/code');
  await page.getByLabel('Code aus der Authenticator-App').fill(await totpCode(user, new Date(), stepOffset));
  await page.getByRole('button', { name: 'Anmelden' }).click();
}

describe('the authority portal in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  let clerk: StaffUser;
  let authority: StaffUser;
  let caseId = '';
  let caseNumber = '';

  const apply = async (command: CaseCommand, actor: Actor = { role: 'office_clerk', id: clerk.id }) => {
    const done = await app.services.cases.applyCommand({ caseId, command, actor });
    assert.ok(done.ok, JSON.stringify(done));
  };

  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    caseNumber = await fileApplication(new WebClient(app.url));
    const row = await app.database.db
      .selectFrom('cases')
      .select(['id', 'authority_id'])
      .where('case_number', '=', caseNumber)
      .executeTakeFirstOrThrow();
    caseId = row.id;
    clerk = await createStaffUser(
      app.database,
      { email: 'sb-browser@example.org', name: 'Sachbearbeitung', role: 'office_clerk' },
      { masterKey },
    );
    authority = await createStaffUser(
      app.database,
      {
        email: 'abh-browser@duesseldorf.example',
        name: 'ABH Düsseldorf',
        role: 'authority',
        organisationId: row.authority_id ?? '',
      },
      { masterKey },
    );
    // The office has taken the case up and asked for the statement.
    await apply({ type: 'startPreCheck' });
    await apply({
      type: 'recordExclusionReview',
      catalogueVersion: 'nrw',
      mandatoryGrounds: [],
      asARuleGrounds: [],
    });
    await apply({ type: 'takeUp' });
    await apply({ type: 'requestStatement', dueAt: new Date(Date.now() + 28 * 86_400_000).toISOString() });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  test('list, case, statement and decision pages have no violations and work end to end', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, app, authority);
    await page.waitForURL('**/behoerde');
    assert.match((await page.locator('h1').textContent()) ?? '', /Behördenportal/);
    assert.match((await page.locator('main').textContent()) ?? '', /Stellungnahme erbeten bis/);
    assert.deepEqual(await axeViolations(page), [], 'list');

    await page.getByRole('link', { name: caseNumber }).first().click();
    await page.waitForURL(`**/behoerde/faelle/${caseId}`);
    assert.match((await page.locator('main').textContent()) ?? '', /Zehra Ağaoğlu/);
    assert.deepEqual(await axeViolations(page), [], 'case page');

    await page.getByRole('link', { name: 'Stellungnahme abgeben' }).click();
    await page.waitForURL('**/stellungnahme');
    assert.deepEqual(await axeViolations(page), [], 'statement form');

    // An attachment, sent with tus by the page's script; the page follows the server's answer.
    await page.setInputFiles('#datei', {
      name: 'Vermerk-ABH.pdf',
      mimeType: 'application/pdf',
      buffer: await pdfkitLetter(),
    });
    await page.getByRole('button', { name: 'Anlage hochladen' }).click();
    await page.waitForURL('**/stellungnahme?hochgeladen=1');
    assert.match(
      (await page.locator('section[aria-labelledby="anlagen"]').textContent()) ?? '',
      /Vermerk-ABH\.pdf/,
    );
    assert.deepEqual(await axeViolations(page), [], 'statement form with an attachment');

    // Errors next to the fields and in the summary, which takes the focus.
    await page.getByLabel('Sachstand').fill('Duldung seit 2016.');
    await page.getByRole('button', { name: 'Stellungnahme senden' }).click();
    await page.waitForSelector('#error-summary');
    assert.match(
      (await page.locator('#statement-error').textContent()) ?? '',
      /Bitte geben Sie Ihre Stellungnahme ein/,
    );
    assert.equal(await page.getByLabel('Sachstand').inputValue(), 'Duldung seit 2016.');
    assert.deepEqual(await axeViolations(page), [], 'statement form with errors');
    await page.locator('#error-summary a[href="#statement"]').click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'statement');
    await page.keyboard.type('Keine Bedenken gegen eine Aufenthaltserlaubnis.');
    await page.getByLabel('Aufenthaltsrechtliche Situation').fill('Duldung nach § 60a AufenthG.');
    await page.getByRole('button', { name: 'Stellungnahme senden' }).click();
    await page.waitForURL(`**/behoerde/faelle/${caseId}?ok=1`);
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /Ihre Angaben sind bei der Geschäftsstelle eingegangen/,
    );
    assert.deepEqual(await axeViolations(page), [], 'case page after the statement');

    // The session's outcome (the integration test runs a real session): the request is sent.
    const sessionId = crypto.randomUUID();
    await apply({ type: 'markReadyForSession' });
    await apply({ type: 'scheduleForSession', sessionId, sessionDate: new Date().toISOString() });
    await apply(
      { type: 'decideHardshipRequest', sessionId, reasons: 'Fest integriert.' },
      { role: 'system', id: 'session' },
    );
    await apply({ type: 'sendRequest' });

    await page.goto(`${app.url}/behoerde`);
    assert.match((await page.locator('main').textContent()) ?? '', /beabsichtigte Entscheidung mitteilen/);
    assert.deepEqual(await axeViolations(page), [], 'list with the hardship request');
    await page.goto(`${app.url}/behoerde/faelle/${caseId}`);
    await page.getByRole('link', { name: 'Beabsichtigte Entscheidung mitteilen' }).click();
    await page.waitForURL('**/entscheidung');
    assert.deepEqual(await axeViolations(page), [], 'intended decision');
    await page.getByLabel('Wir wollen dem Ersuchen nicht folgen').check();
    await page.getByRole('button', { name: 'Beabsichtigte Entscheidung senden' }).click();
    await page.waitForSelector('#error-summary');
    assert.match((await page.locator('#reasons-error').textContent()) ?? '', /§ 7 Abs\. 3 HFKVO NRW/);
    assert.deepEqual(await axeViolations(page), [], 'intended decision with errors');
    await page.getByLabel('Begründung').fill('Der Lebensunterhalt ist nicht gesichert.');
    await page.getByRole('button', { name: 'Beabsichtigte Entscheidung senden' }).click();
    await page.waitForURL(`**/behoerde/faelle/${caseId}?ok=1`);
    assert.match((await page.locator('main').textContent()) ?? '', /will dem Ersuchen nicht folgen/);
    assert.deepEqual(await axeViolations(page), [], 'case page with the intended decision');

    await page.getByRole('link', { name: 'Entscheidung mitteilen' }).click();
    await page.waitForURL('**/entscheidung');
    assert.deepEqual(await axeViolations(page), [], 'final decision');
    const today = new Date();
    await page.getByLabel('Aufenthaltserlaubnis versagt').check();
    await page.getByLabel('Begründung').fill('Der Lebensunterhalt ist weiterhin nicht gesichert.');
    await page.getByLabel('Tag').fill(String(today.getDate()));
    await page.getByLabel('Monat').fill(String(today.getMonth() + 1));
    await page.getByLabel('Jahr').fill(String(today.getFullYear()));
    await page.getByRole('button', { name: 'Entscheidung senden' }).click();
    await page.waitForURL(`**/behoerde/faelle/${caseId}?ok=1`);
    assert.match(
      (await page.locator('main').textContent()) ?? '',
      /Entscheidung: Aufenthaltserlaubnis versagt/,
    );
    assert.deepEqual(await axeViolations(page), [], 'case page with the decision');
    await context.close();

    // The office sees the statement and the reports in its case file, without violations either.
    const office = await browser.newContext();
    const officePage = await office.newPage();
    await login(officePage, app, clerk);
    await officePage.waitForURL('**/geschaeftsstelle');
    await officePage.goto(`${app.url}/geschaeftsstelle/faelle/${caseId}`);
    const officeText = (await officePage.locator('#behoerde').locator('..').textContent()) ?? '';
    assert.match(officeText, /Keine Bedenken gegen eine Aufenthaltserlaubnis/);
    assert.match(officeText, /Entscheidung: Aufenthaltserlaubnis versagt/);
    assert.deepEqual(await axeViolations(officePage), [], 'office case file with the authority’s answers');
    await office.close();
  });
});
