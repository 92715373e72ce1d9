/**
 * A case through the office in Chromium, as the clerk works it: a letter that came by post is
 * registered, pre-checked and taken up; the authority's statement is requested and its receipt
 * recorded; the case is settled. Beside it an online case: the office asks for missing documents, the
 * family answers on its status page, then withdraws. At each step the case file lists the right letters
 * and the mailbox holds the right mails; axe finds nothing on any page on the way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { STATE_LABELS } from '../../content/messages/office/de.ts';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { pdfkitLetter } from '../../src/adapters/scan/test-support.ts';
import type { CaseState } from '../../src/domain/case/index.ts';
import { DRAFT_COOKIE } from '../../src/web/public/application/routes.tsx';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import { waitForMail } from '../support/mailbox.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const skip = browserUnavailable();

describe('a case through the office in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  let clerk: StaffUser;
  let office: Page;

  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    clerk = await createStaffUser(
      app.database,
      { email: 'sb-weg@example.org', name: 'Sachbearbeitung Weg', role: 'office_clerk' },
      { masterKey },
    );
    // The authority responsible for Düsseldorf gets its notices at this address.
    await app.database.db
      .updateTable('organisations')
      .set({ email: 'abh-duesseldorf@example.org' })
      .where('kind', '=', 'immigration_authority')
      .execute();
    browser = await launchBrowser();
    const context = await browser.newContext();
    office = await context.newPage();
    await office.goto(`${app.url}/anmelden`);
    await office.getByLabel('E-Mail-Adresse').fill(clerk.email);
    await office.getByLabel('Passwort', { exact: true }).fill(clerk.password);
    await office.getByRole('button', { name: 'Weiter' }).click();
    await office.waitForURL('**/anmelden/code');
    await office.getByLabel('Code aus der Authenticator-App').fill(await totpCode(clerk, new Date()));
    await office.getByRole('button', { name: 'Anmelden' }).click();
    await office.waitForURL('**/geschaeftsstelle');
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Takes a step of the case file by its button, after filling what `fill` fills; back on the file. */
  async function step(label: string, fill?: (form: ReturnType<Page['locator']>) => Promise<void>) {
    const form = office.locator('form.app-step', {
      has: office.getByRole('heading', { name: label, exact: true }),
    });
    await fill?.(form);
    await form.getByRole('button', { name: label, exact: true }).click();
    await office.waitForURL(/schritt=ok/);
    assert.deepEqual(await axeViolations(office), [], `case file after "${label}"`);
  }

  /** The case's state in the database, and its label shown in the case file. */
  async function stateOf(caseId: string): Promise<string> {
    const row = await app.database.db
      .selectFrom('cases')
      .select('state')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    await office.reload();
    const label = STATE_LABELS[row.state as CaseState];
    assert.match((await office.textContent('main')) ?? '', new RegExp(label), `the file shows "${label}"`);
    return row.state;
  }

  /**
   * The case's letters once the background worker has written `expected` (template, addressee,
   * channel), and the case file lists each with its title.
   */
  async function letters(caseId: string, expected: string[]): Promise<void> {
    let found: string[] = [];
    for (let i = 0; i < 150; i++) {
      const rows = await app.database.db
        .selectFrom('letters')
        .select(['template_id', 'addressee_kind', 'channel'])
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .execute();
      found = rows.map((r) => `${r.template_id} → ${r.addressee_kind} (${r.channel})`).sort();
      if (found.length >= expected.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(found, [...expected].sort(), 'the letters of the case');
    await office.reload();
    const listed = await office.locator('#briefe + div table tbody tr').count();
    assert.equal(listed, expected.length, 'each letter listed in the case file');
  }

  test('a letter by post: intake, pre-check, statement requested and received, settled', async () => {
    await office.goto(`${app.url}/geschaeftsstelle/eingang`);
    await office.getByLabel('Post', { exact: true }).check();
    const today = new Date();
    const received = office.locator('fieldset', { hasText: 'Eingangsdatum' });
    await received.getByLabel('Tag').fill(String(today.getDate()));
    await received.getByLabel('Monat').fill(String(today.getMonth() + 1));
    await received.getByLabel('Jahr').fill(String(today.getFullYear()));
    await office.locator('#persons-0-familyName').fill('Haddad');
    await office.locator('#persons-0-givenNames').fill('Rania');
    await office.locator('#persons-0-birthDate-year').fill('1987');
    await office.locator('#address-street').fill('Königsallee');
    await office.locator('#address-houseNumber').fill('12');
    await office.locator('#address-postalCode').fill('40212');
    await office.locator('#address-place').fill('Düsseldorf');
    await office.locator('#note').fill('Schreiben der Beratungsstelle, 8 Seiten');
    await office.getByRole('button', { name: 'Fall anlegen' }).click();
    await office.waitForURL(/\/geschaeftsstelle\/faelle\/[0-9a-f-]{36}/);
    assert.deepEqual(await axeViolations(office), [], 'new paper case');
    const caseId = /faelle\/([0-9a-f-]{36})/.exec(office.url())?.[1] ?? '';
    assert.equal(await stateOf(caseId), 'received');
    // The authority is told of the new application (in its portal; the mail names no person).
    await letters(caseId, ['authority_new_application → authority (portal)']);
    const notice = await waitForMail(app.dataDir, (t) => t.includes('abh-duesseldorf@example.org'));
    assert.doesNotMatch(notice, /Haddad|Rania/, 'the notice mail has no personal data');

    // The scanned letter goes into the file.
    const upload = office.locator('form[action="/geschaeftsstelle/hochladen"]');
    await upload.getByLabel('Art des Dokuments').selectOption('application_letter');
    await upload
      .locator('input[type=file]')
      .setInputFiles({ name: 'Antrag-Post.pdf', mimeType: 'application/pdf', buffer: await pdfkitLetter() });
    await upload.getByRole('button', { name: 'Hochladen' }).click();
    await office.waitForURL(/\/geschaeftsstelle\/faelle\//);
    await office.waitForSelector('text=Antrag-Post.pdf');

    await step('Vorprüfung beginnen');
    await step('Prüfung der Ausschlussgründe erfassen');
    await step('Zur Befassung annehmen');
    assert.equal(await stateOf(caseId), 'taken_up');

    await step('Stellungnahme der Ausländerbehörde anfordern');
    await letters(caseId, [
      'authority_new_application → authority (portal)',
      'statement_request → authority (portal)',
    ]);
    const asked = await waitForMail(
      app.dataDir,
      (t) => t.includes('abh-duesseldorf@example.org') && /Stellungnahme/.test(t),
    );
    assert.doesNotMatch(asked, /Haddad|Rania/, 'the request mail has no personal data');

    // The statement came by post: filed as a document, then its receipt recorded with it.
    await upload.getByLabel('Art des Dokuments').selectOption('authority_statement');
    await upload.locator('input[type=file]').setInputFiles({
      name: 'Stellungnahme-ABH.pdf',
      mimeType: 'application/pdf',
      buffer: await pdfkitLetter(),
    });
    await upload.getByRole('button', { name: 'Hochladen' }).click();
    await office.waitForSelector('text=Stellungnahme-ABH.pdf');
    await step('Eingang der Stellungnahme erfassen', async (form) => {
      await form
        .getByLabel('Dokument mit der Stellungnahme')
        .selectOption({ label: 'Stellungnahme-ABH.pdf' });
    });
    assert.equal(await stateOf(caseId), 'statement_received');

    await step('Anderweitige Erledigung erfassen', async (form) => {
      await form.getByLabel('Anderer Aufenthaltstitel erteilt').check();
      await form.getByLabel('Anmerkung').fill('Aufenthaltserlaubnis nach § 25b AufenthG erteilt.');
    });
    assert.equal(await stateOf(caseId), 'settled_otherwise');
    // The history shows every step, in order.
    const history = (await office.textContent('main')) ?? '';
    for (const entry of ['Antrag eingegangen', 'Vorprüfung begonnen', 'Stellungnahme', 'erledigt'])
      assert.match(history, new RegExp(entry, 'i'), `history: ${entry}`);
  });

  test('an online case: documents asked for, answered on the status page; then withdrawn', async () => {
    const applicant = new WebClient(app.url);
    const number = await fileApplication(applicant, 'Nachweis');
    const { id: caseId } = await app.database.db
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', number)
      .executeTakeFirstOrThrow();
    await app.database.db
      .updateTable('drafts')
      .set({ contact_email: 'familie-weg@example.org' })
      .where('case_id', '=', caseId)
      .execute();
    await office.goto(`${app.url}/geschaeftsstelle/faelle/${caseId}`);
    await office
      .getByLabel('Welche Unterlagen fehlen?')
      .fill('Bitte die Schulbescheinigung von Emre nachreichen.');
    await office.getByRole('button', { name: 'Unterlagen anfordern' }).click();
    await office.waitForURL(/schritt=ok/);
    assert.deepEqual(await axeViolations(office), [], 'case file with an open request');
    const mail = await waitForMail(
      app.dataDir,
      (t) => t.includes('familie-weg@example.org') && t.includes(number),
    );
    assert.match(mail, /Unterlagen/);
    await letters(caseId, [
      'authority_new_application → authority (portal)',
      'receipt → applicant (mail)',
      'document_request → applicant (mail)',
    ]);

    // The family, on its phone: the status page shows the request; the upload answers it.
    const family = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await family.addCookies([
      { name: DRAFT_COOKIE, value: applicant.cookies.get(DRAFT_COOKIE) ?? '', url: `${app.url}/antrag` },
    ]);
    const phone = await family.newPage();
    await phone.goto(`${app.url}/antrag/bestaetigung`);
    assert.match((await phone.textContent('main')) ?? '', /Schulbescheinigung von Emre/);
    assert.deepEqual(await axeViolations(phone), [], 'status page with the request');
    await phone.goto(`${app.url}/antrag/nachreichen`);
    assert.deepEqual(await axeViolations(phone), [], 'later evidence');
    await phone.locator('a[href^="/antrag/nachreichen/school"]').first().click();
    await phone.waitForURL(/\/antrag\/nachreichen\/school/);
    assert.deepEqual(await axeViolations(phone), [], 'later evidence item');
    await phone.setInputFiles('#datei', {
      name: 'Schulbescheinigung.pdf',
      mimeType: 'application/pdf',
      buffer: await pdfkitLetter(),
    });
    await phone.getByRole('button', { name: 'Hochladen' }).click();
    await phone.waitForURL(/hochgeladen=1/);
    assert.match((await phone.textContent('main')) ?? '', /Schulbescheinigung\.pdf/);
    await phone.goto(`${app.url}/antrag/bestaetigung`);
    assert.doesNotMatch((await phone.textContent('main')) ?? '', /bittet um Unterlagen/);

    await office.reload();
    assert.match((await office.locator('#unterlagen').locator('..').textContent()) ?? '', /beantwortet am/);
    assert.match((await office.textContent('main')) ?? '', /Schulbescheinigung\.pdf/);

    // The family withdraws; the office sees it.
    await phone.goto(`${app.url}/antrag/zuruecknehmen`);
    assert.deepEqual(await axeViolations(phone), [], 'withdrawal');
    await phone.locator('form[action="/antrag/zuruecknehmen"] button').click();
    await phone.waitForURL(/\/antrag\/bestaetigung/);
    assert.match((await phone.textContent('main')) ?? '', /zurückgenommen/i);
    await office.reload();
    assert.equal(await stateOf(caseId), 'withdrawn');
    await family.close();
  });
});
