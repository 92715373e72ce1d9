/**
 * Letters over HTTP on the composed app: steps of the office queue letters in their transaction; the
 * outbox worker writes them with the current template version, files them encrypted as documents of
 * the case and lists them under "Briefe"; the office downloads them (audited). Applicant letters go
 * by mail where an address is known and are marked for print otherwise; authority letters stay in
 * the file for the portal.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { currentTemplate, RECEIPT_TEMPLATE } from '../../content/letters/de.ts';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { flat, haveTool, pdfText, tempDir } from '../../src/adapters/pdf/test-support.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';

async function login(app: TestApp, user: StaffUser): Promise<WebClient> {
  const web = new WebClient(app.url);
  assert.equal((await web.post('/anmelden', { email: user.email, password: user.password })).status, 303);
  const page = await web.get('/anmelden/code');
  const done = await web.post('/anmelden/code', {
    _csrf: csrfOf(page.body),
    code: await totpCode(user, new Date()),
  });
  assert.equal(done.status, 303);
  return web;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('letters over HTTP', () => {
  let app: TestApp;
  let clerk: StaffUser;
  let web: WebClient;
  const pdfs = tempDir('hfk-letters-it-');

  const caseIdOf = async (caseNumber: string) =>
    (
      await app.database.db
        .selectFrom('cases')
        .select('id')
        .where('case_number', '=', caseNumber)
        .executeTakeFirstOrThrow()
    ).id;

  /** Takes one step through the case file's form, as the office does. */
  const step = async (caseId: string, command: string, fields: Record<string, string> = {}) => {
    const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    const done = await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/${command}`, {
      _csrf: csrfOf(page.body),
      version: versionOf(page.body),
      ...fields,
    });
    assert.equal(done.status, 303, `${command}: ${done.body.slice(0, 300)}`);
  };

  const lettersOf = (caseId: string) =>
    app.database.db
      .selectFrom('letters as l')
      .innerJoin('documents as d', 'd.id', 'l.document_id')
      .select([
        'l.template_id',
        'l.template_version',
        'l.addressee_kind',
        'l.channel',
        'l.document_id',
        'd.category',
        'd.sha256',
        'd.file_name',
      ])
      .where('l.case_id', '=', caseId)
      .orderBy('l.created_at')
      .execute();

  const waitForLetters = (caseId: string, templates: readonly string[]) =>
    until(`letters ${templates.join(', ')}`, async () => {
      const rows = await lettersOf(caseId);
      return templates.every((t) => rows.some((r) => r.template_id === t)) ? rows : undefined;
    });

  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    clerk = await createStaffUser(
      app.database,
      { email: 'briefe@example.org', name: 'Sachbearbeitung Briefe', role: 'office_clerk' },
      { masterKey },
    );
    web = await login(app, clerk);
  });
  after(async () => {
    pdfs.cleanup();
    await app?.close();
  });

  test('a statement request files a letter to the authority, listed and downloadable with its template version', async (t) => {
    const caseNumber = await fileApplication(new WebClient(app.url));
    const caseId = await caseIdOf(caseNumber);
    await step(caseId, 'startPreCheck');
    await step(caseId, 'recordExclusionReview');
    await step(caseId, 'takeUp');
    const due = new Date(Date.now() + 28 * 24 * 3600 * 1000);
    await step(caseId, 'requestStatement', {
      'dueAt.day': String(due.getUTCDate()),
      'dueAt.month': String(due.getUTCMonth() + 1),
      'dueAt.year': String(due.getUTCFullYear()),
    });
    const rows = await waitForLetters(caseId, ['receipt', 'authority_new_application', 'statement_request']);
    const receipt = rows.find((r) => r.template_id === 'receipt');
    assert.equal(receipt?.category, 'receipt', 'the receipt is listed among the letters');
    assert.equal(receipt?.template_version, RECEIPT_TEMPLATE.version);
    assert.equal(receipt?.channel, 'print', 'no e-mail address known: the office posts it');
    const statement = rows.find((r) => r.template_id === 'statement_request');
    assert.ok(statement);
    assert.equal(statement.template_version, currentTemplate('statement_request').version);
    assert.equal(statement.addressee_kind, 'authority');
    assert.equal(statement.channel, 'portal', 'authority letters never travel by mail');
    assert.equal(statement.category, 'letter');
    assert.match(statement.sha256, /^[0-9a-f]{64}$/);
    assert.equal(statement.file_name, `Bitte-um-Stellungnahme-${caseNumber}.pdf`);

    const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    assert.equal(page.status, 200);
    const section = page.body.slice(page.body.indexOf('id="briefe"'));
    assert.match(section, /Bitte um Stellungnahme der Ausländerbehörde/);
    assert.match(section, /Unterrichtung der Ausländerbehörde über einen neuen Antrag/);
    assert.match(section, /Eingangsbestätigung/);
    assert.ok(section.includes(`Fassung ${statement.template_version}`));
    assert.match(section, /Behördenportal/);
    const link = `/geschaeftsstelle/faelle/${caseId}/dokumente/${statement.document_id}`;
    assert.ok(section.includes(link), 'download link');

    const download = await web.download(link);
    assert.equal(download.status, 200);
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    const audited = await app.database.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'document.downloaded')
      .where('resource_id', '=', caseId)
      .where('actor_id', '=', clerk.id)
      .execute();
    assert.ok(
      audited.some((a) => (a.details as { documentId?: string }).documentId === statement.document_id),
      'the download is audited',
    );
    if (!haveTool(t, 'pdftotext')) return;
    const text = flat(pdfText(pdfs.write('statement.pdf', download.bytes)));
    for (const phrase of [
      'Geschäftsstelle der Härtefallkommission des Landes Nordrhein-Westfalen',
      'Ausländerbehörde Düsseldorf',
      caseNumber,
      'Bitte um Stellungnahme',
      'Zehra Ağaoğlu',
      `Fassung ${statement.template_version}`,
    ]) {
      assert.ok(text.includes(phrase), `missing in the letter: ${phrase}`);
    }
    // The authority's notice mail (if an address were set) carries no personal data; the letter does,
    // so it is not stored anywhere but in the encrypted file store.
    const files = await readdir(join(app.dataDir, 'files'), { recursive: true });
    for (const name of files) {
      const path = join(app.dataDir, 'files', String(name));
      const bytes = await readFile(path).catch(() => null);
      if (bytes) assert.ok(!bytes.includes('Stellungnahme'), 'no plaintext letter at rest');
    }
  });

  test('"not taken up" mails the applicant their letter and files the authority one for the portal', async () => {
    const caseNumber = await fileApplication(new WebClient(app.url), 'Abgelehnt');
    const caseId = await caseIdOf(caseNumber);
    await app.database.db
      .updateTable('drafts')
      .set({ contact_email: 'familie-abgelehnt@example.org' })
      .where('case_id', '=', caseId)
      .execute();
    await step(caseId, 'startPreCheck');
    await step(caseId, 'notTakeUp', { reasons: 'Die Familie hat ein Asylfolgeverfahren gestellt.' });
    const rows = await waitForLetters(caseId, ['not_taken_up_applicant', 'not_taken_up_authority']);
    const applicant = rows.find((r) => r.template_id === 'not_taken_up_applicant');
    const authority = rows.find((r) => r.template_id === 'not_taken_up_authority');
    assert.equal(applicant?.channel, 'mail');
    assert.equal(applicant?.addressee_kind, 'applicant');
    assert.equal(authority?.channel, 'portal');
    const attachment = `Keine-Befassung-${caseNumber}.pdf`;
    const mail = await until('the letter mail', async () => {
      for (const name of await readdir(join(app.dataDir, 'mail')).catch(() => [] as string[])) {
        const text = await readFile(join(app.dataDir, 'mail', name), 'utf8');
        if (text.includes('familie-abgelehnt@example.org') && text.includes(attachment)) return text;
      }
      return undefined;
    });
    assert.match(mail, /application\/pdf/);
    // The mail text itself names only the case number; the names are in the attached letter.
    const body = mail.slice(0, mail.indexOf(attachment));
    assert.ok(!body.includes('Abgelehnt') && !body.includes('Zehra'), 'no names in the mail text');
    // A worker that dies after storing and before settling runs the job again: same letter, no second copy.
    const job = await app.database.db
      .selectFrom('outbox')
      .select('id')
      .where('idempotency_key', 'like', `letter:not_taken_up_applicant:${caseId}:%`)
      .executeTakeFirstOrThrow();
    await app.database.db
      .updateTable('outbox')
      .set({ status: 'pending', run_after: new Date(), locked_until: null })
      .where('id', '=', job.id)
      .execute();
    await until('the rerun', async () => {
      const row = await app.database.db
        .selectFrom('outbox')
        .select('status')
        .where('id', '=', job.id)
        .executeTakeFirstOrThrow();
      return row.status === 'done' ? true : undefined;
    });
    const again = (await lettersOf(caseId)).filter((r) => r.template_id === 'not_taken_up_applicant');
    assert.equal(again.length, 1, 'one letter per step');
    assert.equal(again[0]?.sha256, applicant?.sha256, 'the stored letter, not a new rendering');
    const docs = await app.database.db
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', caseId)
      .where('file_name', '=', attachment)
      .execute();
    assert.equal(docs.length, 1);
  });

  test('a request for documents to an applicant without e-mail is marked for print', async () => {
    const caseNumber = await fileApplication(new WebClient(app.url), 'Postweg');
    const caseId = await caseIdOf(caseNumber);
    const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    const due = new Date(Date.now() + 20 * 24 * 3600 * 1000);
    const asked = await web.post(`/geschaeftsstelle/faelle/${caseId}/unterlagen`, {
      _csrf: csrfOf(page.body),
      text: 'Schulbescheinigung von Emre',
      'dueOn.day': String(due.getUTCDate()),
      'dueOn.month': String(due.getUTCMonth() + 1),
      'dueOn.year': String(due.getUTCFullYear()),
    });
    assert.equal(asked.status, 303);
    const rows = await waitForLetters(caseId, ['document_request']);
    const letter = rows.find((r) => r.template_id === 'document_request');
    assert.equal(letter?.channel, 'print');
    const file = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    const section = file.body.slice(file.body.indexOf('id="briefe"'));
    assert.match(section, /Bitte um Unterlagen/);
    assert.match(section, /Zum Drucken: bitte ausdrucken und per Post versenden/);
  });
});
