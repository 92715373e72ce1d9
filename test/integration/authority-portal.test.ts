/**
 * The immigration authority's portal over HTTP on the composed app: an administrator creates an authority
 * account, which logs in with password and TOTP and lands on /behoerde. Authority A sees only its own cases
 * (B's case answers 404 exactly like an unknown id), never special-category documents, notes or votes; it
 * answers the statement request with structured text and an attachment (the office sees it in the case
 * file), then reports an intended refusal with reasons and the final decision on the hardship request
 * decided in a real session. Every view and download is audited; no mail to an authority names a person.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { flat, haveTool, pdfText, tempDir } from '../../src/adapters/pdf/test-support.ts';
import { pdfkitLetter } from '../../src/adapters/scan/test-support.ts';
import { berlinDate } from '../../src/application/statement-reminders.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { waitForMail } from '../support/mailbox.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** A TOTP code works once; a second login in the same 30 seconds takes the next step's code. */
const logins = new Map<string, number>();

async function login(app: TestApp, user: StaffUser): Promise<WebClient> {
  const web = new WebClient(app.url);
  const first = await web.post('/anmelden', { email: user.email, password: user.password });
  assert.equal(first.status, 303, first.body.slice(0, 200));
  const page = await web.get('/anmelden/code');
  const offset = logins.get(user.id) ?? 0;
  logins.set(user.id, offset + 1);
  const done = await web.post('/anmelden/code', {
    _csrf: csrfOf(page.body),
    code: await totpCode(user, new Date(), offset),
  });
  assert.equal(done.status, 303, text(done.body).slice(-600));
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

/** Names and places of the filed applications: none of them may appear in a mail to an authority. */
const PERSONAL = ['Zehra', 'Emre', 'Kabul', 'Kowalczyk', 'Verwurzelt', 'verwurzelt', 'Bochum'];
const NOTE_MARKER = 'INTERNE-NOTIZ-7Q2';

describe('the immigration authority portal', () => {
  let app: TestApp;
  let masterKey: string;
  let admin: StaffUser;
  let clerk: StaffUser;
  let head: StaffUser;
  let authorityB: StaffUser;
  let authorityA: StaffUser;
  let clerkWeb: WebClient;
  let aWeb: WebClient;
  let bWeb: WebClient;
  let orgA = '';
  let orgB = '';
  const caseA = { id: '', number: '' };
  const caseB = { id: '', number: '' };
  const docs = { school: '', medical: '', receipt: '' };
  const pdfs = tempDir('hfk-portal-it-');
  const today = berlinDate(new Date());
  const [ty, tm, td] = today.split('-');

  const caseIdOf = async (caseNumber: string) =>
    (
      await app.database.db
        .selectFrom('cases')
        .select('id')
        .where('case_number', '=', caseNumber)
        .executeTakeFirstOrThrow()
    ).id;
  const stateOf = async (caseId: string) =>
    (
      await app.database.db
        .selectFrom('cases')
        .select('state')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).state;
  const step = async (caseId: string, command: string, fields: Record<string, string> = {}) => {
    const page = await clerkWeb.get(`/geschaeftsstelle/faelle/${caseId}`);
    const done = await clerkWeb.post(`/geschaeftsstelle/faelle/${caseId}/schritte/${command}`, {
      _csrf: csrfOf(page.body),
      version: versionOf(page.body),
      ...fields,
    });
    assert.equal(done.status, 303, `${command}: ${text(done.body).slice(0, 400)}`);
  };
  const due = () => {
    const d = new Date(Date.now() + 28 * 24 * 3600 * 1000);
    return {
      'dueAt.day': String(d.getUTCDate()),
      'dueAt.month': String(d.getUTCMonth() + 1),
      'dueAt.year': String(d.getUTCFullYear()),
    };
  };
  const mailsTo = async (address: string) => {
    const { readdir, readFile } = await import('node:fs/promises');
    const dir = `${app.dataDir}/mail`;
    const all = await Promise.all(
      (await readdir(dir).catch(() => [] as string[]))
        .filter((n) => !n.startsWith('.'))
        .map(async (n) => (await readFile(`${dir}/${n}`, 'utf8')).replace(/=\r?\n/g, '')),
    );
    return all.filter((m) => new RegExp(`^To: .*${address.replace('.', '\\.')}`, 'm').test(m));
  };

  before(async () => {
    masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    const user = (
      email: string,
      name: string,
      role: 'office_clerk' | 'office_head' | 'admin' | 'member' | 'authority',
      organisationId?: string,
    ) =>
      createStaffUser(
        app.database,
        { email, name, role, ...(organisationId ? { organisationId } : {}) },
        { masterKey },
      );
    const org = async (kreis: string) =>
      (
        await app.database.db
          .selectFrom('organisations')
          .select('id')
          .where('kreis_ags', '=', kreis)
          .where('kind', '=', 'immigration_authority')
          .executeTakeFirstOrThrow()
      ).id;
    orgA = await org('05111'); // Düsseldorf: the address of the filed applications
    orgB = await org('05113'); // Essen
    await app.database.db
      .updateTable('organisations')
      .set({ email: 'abh@duesseldorf.example' })
      .where('id', '=', orgA)
      .execute();
    await app.database.db
      .updateTable('organisations')
      .set({ email: 'abh@essen.example' })
      .where('id', '=', orgB)
      .execute();
    admin = await user('admin-portal@example.org', 'Administration', 'admin');
    clerk = await user('sb-portal@example.org', 'Sachbearbeitung Portal', 'office_clerk');
    head = await user('leitung-portal@example.org', 'Leitung Portal', 'office_head');
    authorityB = await user('nutzer@abh-essen.example', 'ABH Essen Nutzerin', 'authority', orgB);
    caseA.number = await fileApplication(new WebClient(app.url));
    caseA.id = await caseIdOf(caseA.number);
    caseB.number = await fileApplication(new WebClient(app.url), 'Kowalczyk');
    caseB.id = await caseIdOf(caseB.number);
    // The second family lives in Essen: its file lies with the authority there.
    await app.database.db
      .updateTable('cases')
      .set({ authority_id: orgB })
      .where('id', '=', caseB.id)
      .execute();
    clerkWeb = await login(app, clerk);
    bWeb = await login(app, authorityB);
  });
  after(async () => {
    pdfs.cleanup();
    await app?.close();
  });

  test('an administrator creates an authority account; it logs in with password and TOTP and lands on /behoerde', async () => {
    const adminWeb = await login(app, admin);
    const page = await adminWeb.get('/verwaltung');
    const csrf = csrfOf(page.body);
    const without = await adminWeb.post('/verwaltung/konten', {
      _csrf: csrf,
      email: 'abh@abh-duesseldorf.example',
      name: 'ABH Düsseldorf Sachbearbeiter',
      role: 'authority',
      organisationId: '',
    });
    assert.equal(without.status, 400);
    assert.match(text(without.body), /brauchen die Behörde, zu der sie gehören/);
    const office = await app.database.db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '!=', 'immigration_authority')
      .executeTakeFirst();
    if (office) {
      const wrongKind = await adminWeb.post('/verwaltung/konten', {
        _csrf: csrf,
        email: 'abh@abh-duesseldorf.example',
        name: 'ABH Düsseldorf Sachbearbeiter',
        role: 'authority',
        organisationId: office.id,
      });
      assert.equal(wrongKind.status, 400, 'only an immigration authority');
    }
    const created = await adminWeb.post('/verwaltung/konten', {
      _csrf: csrf,
      email: 'abh@abh-duesseldorf.example',
      name: 'ABH Düsseldorf Sachbearbeiter',
      role: 'authority',
      organisationId: orgA,
    });
    assert.equal(created.status, 200, text(created.body).slice(0, 400));
    const password = /id="initial-password">([^<]+)</.exec(created.body)?.[1] ?? '';
    const uri = /id="totp-uri">([^<]+)</.exec(created.body)?.[1] ?? '';
    const secret = new URL(uri.replace(/&amp;/g, '&')).searchParams.get('secret') ?? '';
    const row = await app.database.db
      .selectFrom('users')
      .select(['id', 'role', 'organisation_id'])
      .where('email', '=', 'abh@abh-duesseldorf.example')
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.role, row.organisation_id], ['authority', orgA]);
    authorityA = { id: row.id, email: 'abh@abh-duesseldorf.example', password, secret };

    // Password, then the code, then the first password must be changed; then the portal.
    aWeb = new WebClient(app.url);
    assert.equal((await aWeb.post('/anmelden', { email: authorityA.email, password })).status, 303);
    const codePage = await aWeb.get('/anmelden/code');
    logins.set(authorityA.id, 1);
    const coded = await aWeb.post('/anmelden/code', {
      _csrf: csrfOf(codePage.body),
      code: await totpCode(authorityA, new Date()),
    });
    assert.equal(coded.location, '/anmelden/passwort');
    const change = await aWeb.get('/anmelden/passwort');
    const newPassword = 'Neues-Passwort-der-Behoerde-2026';
    const changed = await aWeb.post('/anmelden/passwort', {
      _csrf: csrfOf(change.body),
      password: newPassword,
      confirmation: newPassword,
    });
    assert.equal(changed.status, 303, text(changed.body).slice(0, 400));
    authorityA.password = newPassword;
    const home = await aWeb.get(changed.location ?? '/geschaeftsstelle');
    const landing = home.status === 303 ? await aWeb.get(home.location ?? '') : home;
    assert.equal(home.location ?? '/behoerde', '/behoerde');
    assert.equal(landing.status, 200);
    assert.match(text(landing.body), /Behördenportal/);
    assert.match(text(landing.body), /Stadt Düsseldorf|Düsseldorf/);
  });

  test('each authority sees only its own cases; anything else answers 404 like an unknown id', async () => {
    const listA = text((await aWeb.get('/behoerde')).body);
    assert.ok(listA.includes(caseA.number), 'own case listed');
    assert.ok(listA.includes('Zehra'), 'with the persons');
    assert.ok(!listA.includes(caseB.number), 'not the other authority’s case');
    const listB = text((await bWeb.get('/behoerde')).body);
    assert.ok(listB.includes(caseB.number));
    assert.ok(!listB.includes(caseA.number));

    const unknown = await aWeb.get(`/behoerde/faelle/${crypto.randomUUID()}`);
    const foreign = await aWeb.get(`/behoerde/faelle/${caseB.id}`);
    assert.equal(unknown.status, 404);
    assert.equal(foreign.status, 404);
    assert.equal(text(foreign.body), text(unknown.body), 'not yours looks exactly like not there');
    assert.equal((await aWeb.get('/behoerde/faelle/kein-fall')).status, 404);
    // The receipt, the application copy and the notice letter of B's case (written by the outbox).
    const foreignDocs = await until('the documents of the other case', async () => {
      const rows = await app.database.db
        .selectFrom('documents')
        .select('id')
        .where('case_id', '=', caseB.id)
        .execute();
      return rows.length >= 3 ? rows : undefined;
    });
    for (const d of foreignDocs) {
      assert.equal((await aWeb.download(`/behoerde/faelle/${caseB.id}/dokumente/${d.id}`)).status, 404);
      assert.equal((await aWeb.download(`/behoerde/faelle/${caseA.id}/dokumente/${d.id}`)).status, 404);
    }
    // The portal is the authority's: the office pages answer 404 to it, the portal 404 to the office.
    assert.equal((await aWeb.get(`/geschaeftsstelle/faelle/${caseA.id}`)).status, 404);
    assert.equal((await aWeb.get('/verwaltung')).status, 404);
    assert.equal((await clerkWeb.get('/behoerde')).status, 404);
    assert.equal((await clerkWeb.get(`/behoerde/faelle/${caseA.id}`)).status, 404);
    assert.equal((await new WebClient(app.url).get('/behoerde')).status, 303, 'to the login');
  });

  test('the case page: persons, application and ordinary evidence; never special categories, the receipt or notes', async () => {
    const copy = await until('the application copy', async () => {
      const row = await app.database.db
        .selectFrom('documents')
        .select('id')
        .where('case_id', '=', caseA.id)
        .where('category', '=', 'application_copy')
        .executeTakeFirst();
      return row?.id;
    });
    docs.receipt = (
      await app.database.db
        .selectFrom('documents')
        .select('id')
        .where('case_id', '=', caseA.id)
        .where('category', '=', 'receipt')
        .executeTakeFirstOrThrow()
    ).id;
    const page = await clerkWeb.get(`/geschaeftsstelle/faelle/${caseA.id}`);
    const _csrf = csrfOf(page.body);
    for (const [category, name] of [
      ['school', 'Schulbescheinigung-Emre.pdf'],
      ['medical_report', 'Arztbericht-Zehra.pdf'],
    ] as const) {
      const filed = await clerkWeb.upload(
        '/geschaeftsstelle/hochladen',
        { _csrf, caseId: caseA.id, category },
        { field: 'datei', name, type: 'application/pdf', bytes: await pdfkitLetter() },
      );
      assert.equal(filed.status, 303, filed.body.slice(0, 200));
    }
    const byCategory = async (category: string) =>
      (
        await app.database.db
          .selectFrom('documents')
          .select('id')
          .where('case_id', '=', caseA.id)
          .where('category', '=', category)
          .executeTakeFirstOrThrow()
      ).id;
    docs.school = await byCategory('school');
    docs.medical = await byCategory('medical_report');
    const noted = await clerkWeb.post(`/geschaeftsstelle/faelle/${caseA.id}/notizen`, {
      _csrf,
      note: `${NOTE_MARKER} Rückruf bei der Ausländerbehörde vereinbart.`,
    });
    assert.equal(noted.status, 303);

    const before = await app.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('actor_id', '=', authorityA.id)
      .execute();
    const view = await aWeb.get(`/behoerde/faelle/${caseA.id}`);
    assert.equal(view.status, 200);
    const body = text(view.body);
    assert.match(body, /Zehra Ağaoğlu/);
    assert.match(body, /Emre Ağaoğlu/);
    assert.ok(view.body.includes(`/dokumente/${copy}`), 'the application PDF');
    assert.ok(view.body.includes(`/dokumente/${docs.school}`), 'ordinary evidence');
    assert.ok(!view.body.includes(docs.medical), 'no special category');
    assert.ok(!body.includes('Arztbericht'), 'not even its name');
    assert.ok(!view.body.includes(docs.receipt), 'not the applicant’s receipt');
    assert.ok(!body.includes(NOTE_MARKER), 'no internal note');
    assert.equal(view.headers.get('cache-control')?.includes('no-store'), true);

    const download = await aWeb.download(`/behoerde/faelle/${caseA.id}/dokumente/${copy}`);
    assert.equal(download.status, 200);
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.equal(download.bytes.subarray(0, 5).toString(), '%PDF-');
    assert.equal(
      (await aWeb.download(`/behoerde/faelle/${caseA.id}/dokumente/${docs.medical}`)).status,
      404,
      'the special category cannot be downloaded either',
    );
    assert.equal((await aWeb.download(`/behoerde/faelle/${caseA.id}/dokumente/${docs.receipt}`)).status, 404);

    const audited = await app.database.db
      .selectFrom('audit_log')
      .select(['action', 'resource_id', 'details'])
      .where('actor_id', '=', authorityA.id)
      .where('id', 'not in', before.length > 0 ? before.map((r) => r.id) : ['0'])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audited.map((a) => [a.action, a.resource_id]),
      [
        ['case_file.viewed', caseA.id],
        ['document.downloaded', caseA.id],
      ],
    );
    assert.equal((audited[1]?.details as { documentId?: string } | undefined)?.documentId, copy);
  });

  test('the statement round trip: structured text and an attachment, recorded as the office records a mailed one', async (tc) => {
    await step(caseA.id, 'startPreCheck');
    await step(caseA.id, 'recordExclusionReview');
    await step(caseA.id, 'takeUp');
    await step(caseA.id, 'requestStatement', due());
    assert.equal(await stateOf(caseA.id), 'statement_requested');
    const mail = await waitForMail(
      app.dataDir,
      (m) => m.includes('abh@duesseldorf.example') && /Stellungnahme/.test(m),
    );
    assert.ok(mail.includes('/behoerde'), 'a link to the portal');

    const list = text((await aWeb.get('/behoerde')).body);
    assert.match(list, /Stellungnahme erbeten bis \d\d\.\d\d\.\d{4}/);
    const form = await aWeb.get(`/behoerde/faelle/${caseA.id}/stellungnahme`);
    assert.equal(form.status, 200);
    const _csrf = csrfOf(form.body);
    assert.ok(_csrf, 'the form carries the CSRF token');
    assert.equal(
      (await bWeb.get(`/behoerde/faelle/${caseA.id}/stellungnahme`)).status,
      404,
      'not for another authority',
    );

    // The attachment: the token first, like the office's uploads; without it nothing is stored.
    const noToken = await aWeb.upload(
      '/behoerde/hochladen',
      { caseId: caseA.id },
      { field: 'datei', name: 'Vermerk.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    );
    assert.equal(noToken.status, 403);
    const foreign = await bWeb.upload(
      '/behoerde/hochladen',
      { _csrf: csrfOf((await bWeb.get('/behoerde')).body), caseId: caseA.id },
      { field: 'datei', name: 'Fremd.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    );
    assert.equal(foreign.location, '/behoerde', 'nothing filed in another authority’s case');
    const uploaded = await aWeb.upload(
      '/behoerde/hochladen',
      { _csrf, caseId: caseA.id },
      { field: 'datei', name: 'Vermerk-ABH.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    );
    assert.equal(uploaded.status, 303, uploaded.body.slice(0, 200));
    assert.equal(uploaded.location, `/behoerde/faelle/${caseA.id}/stellungnahme?hochgeladen=1`);
    const withAttachment = await aWeb.get(uploaded.location ?? '');
    assert.match(text(withAttachment.body), /Vermerk-ABH\.pdf/);
    const refused = await aWeb.upload(
      '/behoerde/hochladen',
      { _csrf, caseId: caseA.id },
      {
        field: 'datei',
        name: 'Seite.html',
        type: 'application/pdf',
        bytes: Buffer.from('<html><script>x</script></html>'),
      },
    );
    assert.match(refused.location ?? '', /fehler=/, 'inspected like every upload');

    // Errors next to the fields, what was typed kept; without the token: 403, nothing changed.
    const empty = await aWeb.post(`/behoerde/faelle/${caseA.id}/stellungnahme`, {
      _csrf,
      version: versionOf(form.body),
      statusSummary: 'Duldung seit 2016.',
      statement: '',
      residenceSituation: '',
      'deportationDate.day': '31',
      'deportationDate.month': '2',
      'deportationDate.year': '2027',
    });
    assert.equal(empty.status, 400);
    assert.match(empty.body, /id="statement-error"/);
    assert.match(empty.body, /id="residenceSituation-error"/);
    assert.match(empty.body, /id="deportationDate-error"/);
    assert.match(empty.body, /href="#statement"/);
    assert.match(empty.body, /Duldung seit 2016\./);
    const fields = {
      version: versionOf(form.body),
      statusSummary: 'Die Familie ist seit 2016 geduldet; Pässe liegen vor.',
      statement:
        'Aus Sicht der Ausländerbehörde bestehen keine Bedenken gegen eine Aufenthaltserlaubnis. <b>kein Markup</b>',
      residenceSituation: 'Vollziehbar ausreisepflichtig, Duldung nach § 60a AufenthG bis 30.06.2027.',
      'deportationDate.day': '',
      'deportationDate.month': '',
      'deportationDate.year': '',
    };
    assert.equal((await aWeb.post(`/behoerde/faelle/${caseA.id}/stellungnahme`, fields)).status, 403);
    assert.equal(
      (
        await bWeb.post(`/behoerde/faelle/${caseA.id}/stellungnahme`, {
          ...fields,
          _csrf: csrfOf((await bWeb.get('/behoerde')).body),
        })
      ).status,
      404,
    );
    assert.equal(await stateOf(caseA.id), 'statement_requested');
    const sent = await aWeb.post(`/behoerde/faelle/${caseA.id}/stellungnahme`, { ...fields, _csrf });
    assert.equal(sent.status, 303, text(sent.body).slice(0, 600));
    assert.equal(sent.location, `/behoerde/faelle/${caseA.id}?ok=1`);
    assert.equal(await stateOf(caseA.id), 'statement_received');

    // The same step as the office's "statement received", by the authority, linked to the filed PDF.
    const history = await app.database.db
      .selectFrom('case_history')
      .select(['event_type', 'actor_role', 'actor_id', 'data'])
      .where('case_id', '=', caseA.id)
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(history.event_type, 'StatementReceived');
    assert.equal(history.actor_role, 'authority');
    assert.equal(history.actor_id, authorityA.id);
    const statementDoc = (history.data as { documentId?: string }).documentId ?? '';
    const filed = await app.database.db
      .selectFrom('documents')
      .select(['id', 'category', 'file_name', 'uploaded_by_role', 'special_category'])
      .where('case_id', '=', caseA.id)
      .where('category', '=', 'authority_statement')
      .orderBy('created_at')
      .execute();
    assert.equal(filed.length, 2);
    assert.ok(
      filed.some((d) => d.id === statementDoc && d.file_name === `Stellungnahme-${caseA.number}.pdf`),
    );
    assert.ok(filed.every((d) => d.uploaded_by_role === 'authority' && !d.special_category));
    const stored = await app.database.db
      .selectFrom('authority_statements')
      .selectAll()
      .where('case_id', '=', caseA.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.authority_id, orgA);
    assert.equal(stored.document_id, statementDoc);
    assert.equal(stored.deportation_date, null);
    assert.deepEqual(stored.attachment_ids, [filed.find((d) => d.id !== statementDoc)?.id]);
    const pdf = await aWeb.download(`/behoerde/faelle/${caseA.id}/dokumente/${statementDoc}`);
    assert.equal(pdf.status, 200);
    if (haveTool(tc, 'pdftotext')) {
      const words = flat(pdfText(pdfs.write('statement.pdf', pdf.bytes)));
      assert.match(words, /Stellungnahme der Ausländerbehörde/);
      assert.match(words, /keine Bedenken gegen eine Aufenthaltserlaubnis/);
      assert.match(words, /Vermerk-ABH\.pdf/);
      assert.match(words, new RegExp(caseA.number));
    }

    // The office sees it in the case file; the portal shows what was sent, as text.
    const office = await clerkWeb.get(`/geschaeftsstelle/faelle/${caseA.id}`);
    const officeText = text(office.body);
    assert.match(officeText, /Stellungnahme aus dem Behördenportal/);
    assert.match(officeText, /keine Bedenken gegen eine Aufenthaltserlaubnis/);
    assert.ok(
      office.body.includes('&lt;b>kein Markup&lt;/b>') && !office.body.includes('<b>kein'),
      'escaped',
    );
    assert.match(officeText, /Stellungnahme eingegangen \(Ausländerbehörde\)/);
    const portal = text((await aWeb.get(sent.location ?? '')).body);
    assert.match(portal, /Ihre Angaben sind bei der Geschäftsstelle eingegangen/);
    assert.match(portal, /Duldung nach § 60a AufenthG/);
    // Once received, the form is gone and a second statement is refused.
    assert.equal((await aWeb.get(`/behoerde/faelle/${caseA.id}/stellungnahme`)).status, 303);
    const again = await aWeb.post(`/behoerde/faelle/${caseA.id}/stellungnahme`, {
      ...fields,
      version: '',
      _csrf,
    });
    assert.equal(again.status, 400);
    assert.equal((await app.database.db.selectFrom('authority_statements').select('id').execute()).length, 1);
  });

  test('hardship request after a real session: no votes in the portal, intended refusal with reasons, then the decision', async () => {
    await step(caseA.id, 'markReadyForSession');
    // A session of four members; the vote counts stay in the session's records.
    const sessions = app.services.sessions;
    const members: StaffUser[] = [];
    for (let i = 1; i <= 4; i++)
      members.push(
        await createStaffUser(
          app.database,
          { email: `mitglied${i}@portal.example`, name: `Mitglied ${i}`, role: 'member' },
          { masterKey },
        ),
      );
    const year = Number(ty);
    for (const m of members) {
      const appointed = await sessions.appoint(
        { role: 'admin', id: admin.id },
        {
          userId: m.id,
          function: 'member',
          deputyOf: '',
          nominatedBy: 'Diakonie',
          termFrom: `${year - 1}-01-01`,
          termTo: `${year + 1}-12-31`,
        },
      );
      assert.deepEqual(appointed, { ok: true });
    }
    const office = { role: 'office_clerk' as const, id: clerk.id };
    const planned = await sessions.plan(office, {
      day: String(Number(td)),
      month: String(Number(tm)),
      year: ty ?? '',
      time: '10:00',
      place: 'Düsseldorf',
      chairId: head.id,
    });
    assert.ok(planned?.ok, JSON.stringify(planned));
    const sessionId = planned.ok ? planned.sessionId : '';
    assert.ok((await sessions.addCase(office, sessionId, caseA.id))?.ok);
    const memberships = await app.database.db.selectFrom('commission_memberships').select('id').execute();
    assert.ok(
      (
        await sessions.recordAttendance(
          office,
          sessionId,
          memberships.map((m) => m.id),
        )
      )?.ok,
    );
    const decided = await sessions.recordDecision(office, sessionId, caseA.id, {
      kind: 'vote',
      yes: '3',
      no: '1',
      abstain: '0',
      reasons: 'Die Familie ist seit vielen Jahren in Düsseldorf fest integriert.',
      recommendationText: '',
      recommendationYes: '',
      recommendationNo: '',
      recommendationAbstain: '',
    });
    assert.ok(decided?.ok, JSON.stringify(decided));
    assert.ok((await sessions.approve({ role: 'office_head', id: head.id }, sessionId))?.ok);
    assert.equal(await stateOf(caseA.id), 'request_sent');
    const letter = await until('the hardship request letter', async () => {
      const row = await app.database.db
        .selectFrom('letters')
        .select(['document_id', 'channel'])
        .where('case_id', '=', caseA.id)
        .where('template_id', 'like', '%hardship%')
        .executeTakeFirst();
      return row ?? undefined;
    });
    assert.equal(letter.channel, 'portal');
    const mail = await waitForMail(
      app.dataDir,
      (m) => m.includes('abh@duesseldorf.example') && /rtefallersuchen/.test(m),
    );
    assert.ok(mail.includes('/behoerde'));

    const list = text((await aWeb.get('/behoerde')).body);
    assert.match(list, /Härtefallersuchen liegt vor: beabsichtigte Entscheidung mitteilen/);
    const page = await aWeb.get(`/behoerde/faelle/${caseA.id}`);
    assert.ok(page.body.includes(`/dokumente/${letter.document_id}`), 'the request letter is there');
    const letterPdf = await aWeb.download(`/behoerde/faelle/${caseA.id}/dokumente/${letter.document_id}`);
    assert.equal(letterPdf.status, 200);
    for (const word of [
      'Ja-Stimmen',
      'Nein-Stimmen',
      'Enthaltung',
      'Stimmen',
      'Anwesen',
      'Mitglied 1',
      'Protokoll',
    ])
      assert.ok(!text(page.body).includes(word), `no vote or session detail: ${word}`);
    const documentIds = [...page.body.matchAll(/\/dokumente\/([0-9a-f-]{36})/g)].map((m) => m[1]);
    const categories = await app.database.db
      .selectFrom('documents')
      .select('category')
      .where('id', 'in', documentIds as string[])
      .execute();
    assert.ok(categories.every((c) => c.category !== 'minutes' && c.category !== 'receipt'));

    // The intended decision: not following needs reasons; a final refusal must be announced first.
    const form = await aWeb.get(`/behoerde/faelle/${caseA.id}/entscheidung`);
    assert.equal(form.status, 200);
    const _csrf = csrfOf(form.body);
    const bare = await aWeb.post(`/behoerde/faelle/${caseA.id}/entscheidung`, {
      _csrf,
      version: versionOf(form.body),
      stage: 'intended',
      decision: 'refuse',
      reasons: '',
    });
    assert.equal(bare.status, 400);
    assert.match(bare.body, /id="reasons-error"/);
    assert.match(text(bare.body), /§ 7 Abs\. 3 HFKVO NRW/);
    const early = await aWeb.post(`/behoerde/faelle/${caseA.id}/entscheidung`, {
      _csrf,
      version: versionOf(form.body),
      stage: 'final',
      decision: 'refuse',
      reasons: 'Lebensunterhalt nicht gesichert.',
      'decidedOn.day': String(Number(td)),
      'decidedOn.month': String(Number(tm)),
      'decidedOn.year': ty ?? '',
    });
    assert.equal(early.status, 400);
    assert.match(text(early.body), /Bevor die Ausländerbehörde die Aufenthaltserlaubnis versagt/);
    assert.equal(
      (
        await bWeb.post(`/behoerde/faelle/${caseA.id}/entscheidung`, {
          _csrf: csrfOf((await bWeb.get('/behoerde')).body),
          stage: 'intended',
          decision: 'grant',
          reasons: '',
        })
      ).status,
      404,
    );
    const intended = await aWeb.post(`/behoerde/faelle/${caseA.id}/entscheidung`, {
      _csrf,
      version: versionOf(form.body),
      stage: 'intended',
      decision: 'refuse',
      reasons: 'Der Lebensunterhalt ist nicht gesichert; eine Verpflichtungserklärung liegt nicht vor.',
    });
    assert.equal(intended.status, 303, text(intended.body).slice(0, 600));
    assert.equal(await stateOf(caseA.id), 'authority_feedback');
    const officeFile = text((await clerkWeb.get(`/geschaeftsstelle/faelle/${caseA.id}`)).body);
    assert.match(officeFile, /Beabsichtigte Entscheidung: will dem Ersuchen nicht folgen/);
    assert.match(officeFile, /eine Verpflichtungserklärung liegt nicht vor/);
    assert.match(officeFile, /Vor ihrer Entscheidung können Geschäftsstelle und Kommission Stellung nehmen/);
    assert.match(
      text((await aWeb.get('/behoerde')).body),
      /Entscheidung über die Aufenthaltserlaubnis mitteilen/,
    );

    // The final decision, with its day.
    const finalForm = await aWeb.get(`/behoerde/faelle/${caseA.id}/entscheidung`);
    assert.match(text(finalForm.body), /Wie haben Sie entschieden\?/);
    const future = new Date(Date.now() + 3 * 24 * 3600 * 1000);
    const tooEarly = await aWeb.post(`/behoerde/faelle/${caseA.id}/entscheidung`, {
      _csrf,
      version: versionOf(finalForm.body),
      stage: 'final',
      decision: 'refuse',
      reasons: 'Lebensunterhalt nicht gesichert.',
      'decidedOn.day': String(future.getUTCDate()),
      'decidedOn.month': String(future.getUTCMonth() + 1),
      'decidedOn.year': String(future.getUTCFullYear()),
    });
    assert.equal(tooEarly.status, 400);
    assert.match(tooEarly.body, /id="decidedOn-error"/);
    const decision = await aWeb.post(`/behoerde/faelle/${caseA.id}/entscheidung`, {
      _csrf,
      version: versionOf(finalForm.body),
      stage: 'final',
      decision: 'refuse',
      reasons: 'Der Lebensunterhalt ist weiterhin nicht gesichert.',
      'decidedOn.day': String(Number(td)),
      'decidedOn.month': String(Number(tm)),
      'decidedOn.year': ty ?? '',
    });
    assert.equal(decision.status, 303, text(decision.body).slice(0, 600));
    const reports = await app.database.db
      .selectFrom('case_history')
      .select(['actor_role', 'data'])
      .where('case_id', '=', caseA.id)
      .where('event_type', '=', 'AuthorityFeedbackReceived')
      .orderBy('version')
      .execute();
    assert.deepEqual(
      reports.map((r) => {
        const d = r.data as Record<string, unknown>;
        return [r.actor_role, d.stage, d.decision, d.decidedOn ?? null];
      }),
      [
        ['authority', 'intended', 'refuse', null],
        ['authority', 'final', 'refuse', today],
      ],
      'structured, for the statistics: followed or not',
    );
    assert.match(
      text((await clerkWeb.get(`/geschaeftsstelle/faelle/${caseA.id}`)).body),
      /Entscheidung: Aufenthaltserlaubnis versagt/,
    );
    // After the decision the form is gone and nothing more can be reported.
    assert.equal((await aWeb.get(`/behoerde/faelle/${caseA.id}/entscheidung`)).status, 303);
    const more = await aWeb.post(`/behoerde/faelle/${caseA.id}/entscheidung`, {
      _csrf,
      stage: 'final',
      decision: 'grant',
      reasons: '',
      'decidedOn.day': String(Number(td)),
      'decidedOn.month': String(Number(tm)),
      'decidedOn.year': ty ?? '',
    });
    assert.equal(more.status, 400);
    assert.match(text(more.body), /bereits mitgeteilt/);
  });

  test('the office changes the responsible authority: the new one gets the case and the letter of its step, the old one a 404', async () => {
    for (const command of ['startPreCheck', 'recordExclusionReview', 'takeUp']) await step(caseB.id, command);
    await step(caseB.id, 'requestStatement', due());
    const path = `/geschaeftsstelle/faelle/${caseB.id}`;
    const change = async (fields: Record<string, string>) => {
      const page = await clerkWeb.get(path);
      return clerkWeb.post(`${path}/behoerde`, { _csrf: csrfOf(page.body), ...fields });
    };
    const page = text((await clerkWeb.get(path)).body);
    assert.match(page, /Zuständig ist: [^.]*Essen/);
    // Errors stand next to their field; what was typed stays.
    const noReason = await change({ authorityId: orgA, reason: ' ' });
    assert.equal(noReason.status, 400);
    assert.match(noReason.body, /id="authorityReason-error"/);
    assert.match(text(noReason.body), /Bitte begründen Sie die Änderung der Zuständigkeit/);
    const unknown = await change({ authorityId: caseA.id, reason: 'Umzug nach Düsseldorf.' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body, /id="authorityId-error"/);
    assert.match(unknown.body, /Umzug nach Düsseldorf\./, 'the reason typed stays in the form');
    const same = await change({ authorityId: orgB, reason: 'Versehen.' });
    assert.equal(same.status, 400);
    assert.match(text(same.body), /Diese Behörde ist schon zuständig/);
    assert.equal(
      (
        await clerkWeb.post(`/geschaeftsstelle/faelle/${caseA.id.replace(/.$/, '0')}/behoerde`, {
          _csrf: csrfOf((await clerkWeb.get(path)).body),
          authorityId: orgA,
          reason: 'x',
        })
      ).status,
      404,
    );

    const done = await change({ authorityId: orgA, reason: 'Die Familie ist nach Düsseldorf umgezogen.' });
    assert.equal(done.status, 303, text(done.body).slice(0, 400));
    const after = text((await clerkWeb.get(done.location ?? path)).body);
    assert.match(after, /Die zuständige Ausländerbehörde ist geändert/);
    assert.match(after, /Zuständig ist: [^.]*Düsseldorf/);
    assert.match(
      after,
      /Zuständige Ausländerbehörde geändert: [^→]*Essen → [^.]*Düsseldorf\. Begründung: Die Familie ist nach Düsseldorf umgezogen\./,
    );
    const audited = await app.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'case.authority_changed')
      .where('resource_id', '=', caseB.id)
      .execute();
    assert.deepEqual(
      audited.map((a) => a.details),
      [{ from: orgB, to: orgA }],
    );

    // The old authority no longer sees the case, the new one does, with the statement request for it.
    assert.equal((await bWeb.get(`/behoerde/faelle/${caseB.id}`)).status, 404);
    assert.ok(!(await bWeb.get('/behoerde')).body.includes(caseB.number));
    assert.ok((await aWeb.get('/behoerde')).body.includes(caseB.number));
    assert.equal((await aWeb.get(`/behoerde/faelle/${caseB.id}`)).status, 200);
    const letters = await until('the statement request to the new authority', async () => {
      const rows = await app.database.db
        .selectFrom('letters')
        .select(['template_id', 'idempotency_key', 'addressee_kind', 'channel'])
        .where('case_id', '=', caseB.id)
        .where('template_id', '=', 'statement_request')
        .execute();
      return rows.length === 2 ? rows : undefined;
    });
    const again = letters.find((l) => l.idempotency_key.includes(`:authority:${orgA}`));
    assert.equal(again?.addressee_kind, 'authority');
    assert.equal(again?.channel, 'portal');
    await until('the notice mail to the new authority', async () => {
      const mails = await mailsTo('abh@duesseldorf.example');
      return mails.some((m) => m.includes(caseB.number) && /Stellungnahme/.test(m)) ? true : undefined;
    });
  });

  test('no mail to an authority names a person, a place or a text of the application', async () => {
    const toA = await mailsTo('abh@duesseldorf.example');
    // Both applications were filed with an address in Düsseldorf: two notices, then the request and the hardship request.
    assert.ok(toA.length >= 4, `new applications, statement request, hardship request (${toA.length})`);
    for (const mail of toA) {
      for (const word of [...PERSONAL, NOTE_MARKER, 'Lebensunterhalt', 'integriert'])
        assert.ok(!mail.includes(word), `no "${word}" in a mail to an authority`);
      assert.match(mail, /HFK-\d{4}-\d{5}/, 'the case number only');
      assert.match(mail, /\/behoerde/, 'and the portal link');
    }
  });
});
