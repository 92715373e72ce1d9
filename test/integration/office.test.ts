/**
 * The office over HTTP on the composed app: only logged-in office staff see the case list and case
 * files; every view and download is audited; the steps follow the transition table, with CSRF
 * tokens and the expected version (a stale form answers "changed meanwhile").
 */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { flat, pdfText } from '../../src/adapters/pdf/test-support.ts';
import { pdfkitLetter, peExecutable } from '../../src/adapters/scan/test-support.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { waitForMail } from '../support/mailbox.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

/** A code may be used once; a second login in the same 30 seconds takes the next step's code (±1 allowed). */
const logins = new Map<string, number>();

async function login(app: TestApp, user: StaffUser): Promise<WebClient> {
  const web = new WebClient(app.url);
  const first = await web.post('/anmelden', { email: user.email, password: user.password });
  assert.equal(first.status, 303, first.body.slice(0, 200));
  const page = await web.get('/anmelden/code');
  const offset = logins.get(user.id) ?? 0;
  logins.set(user.id, offset + 1);
  const code = await totpCode(user, new Date(), offset);
  const done = await web.post('/anmelden/code', { _csrf: csrfOf(page.body), code });
  assert.equal(
    done.status,
    303,
    done.body
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(-900),
  );
  return web;
}

describe('office over HTTP', () => {
  let app: TestApp;
  let caseNumber: string;
  let clerk: StaffUser;
  let member: StaffUser;
  let clerkWeb: WebClient | undefined;
  let key = '';
  // One login for the clerk: a TOTP code works once, so logging in again needs the next one.
  const asClerk = async () => {
    clerkWeb ??= await login(app, clerk);
    return clerkWeb;
  };
  before(async () => {
    const masterKey = await generateIdentity();
    key = masterKey;
    app = await startTestApp({ MASTER_KEY: masterKey });
    caseNumber = await fileApplication(new WebClient(app.url));
    clerk = await createStaffUser(
      app.database,
      {
        email: 'sachbearbeitung@example.org',
        name: 'Sachbearbeitung',
        role: 'office_clerk',
      },
      { masterKey },
    );
    member = await createStaffUser(
      app.database,
      {
        email: 'mitglied@example.org',
        name: 'Mitglied',
        role: 'member',
      },
      { masterKey },
    );
  });
  after(async () => {
    await app?.close();
  });

  test('strangers are sent to the login, other roles see 404', async () => {
    const anonymous = await new WebClient(app.url).get('/geschaeftsstelle');
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.location ?? '', /^\/anmelden/);
    const asMember = await login(app, member);
    // The staff home sends a member to the members' view; every office page answers 404.
    const home = await asMember.get('/geschaeftsstelle');
    assert.equal(home.status, 303);
    assert.equal(home.location, '/kommission');
    assert.equal((await asMember.get('/geschaeftsstelle/sitzungen')).status, 404);
    const row = await app.database.db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
    assert.equal((await asMember.get(`/geschaeftsstelle/faelle/${row.id}`)).status, 404);
  });

  test('the clerk lists, opens and downloads; each view and download is audited', async () => {
    const web = await asClerk();
    const list = await web.get('/geschaeftsstelle');
    assert.equal(list.status, 200);
    assert.ok(list.body.includes(caseNumber));
    assert.ok(list.body.includes('Zehra Ağaoğlu'));
    assert.match(list.headers.get('cache-control') ?? '', /no-store/);
    const { id: caseId } = await app.database.db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
    const file = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    assert.equal(file.status, 200);
    assert.match(file.body, /Seit 2014 in Essen\./);
    assert.match(file.body, /Antrag eingegangen/, 'history');
    assert.match(file.body, /Vorprüfung beginnen/, 'the step the table offers');
    assert.doesNotMatch(file.body, /Härtefallersuchen beschließen/, 'session outcomes are not offered here');

    // Wait for the receipt, then download it.
    let docId: string | undefined;
    for (let i = 0; i < 100 && !docId; i++) {
      docId = (
        await app.database.db
          .selectFrom('documents')
          .select('id')
          .where('category', '=', 'receipt')
          .executeTakeFirst()
      )?.id;
      if (!docId) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(docId, 'receipt issued');
    const download = await web.download(`/geschaeftsstelle/faelle/${caseId}/dokumente/${docId}`);
    assert.equal(download.status, 200);
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.equal(download.bytes.subarray(0, 5).toString(), '%PDF-');
    assert.equal(
      (
        await web.download(
          `/geschaeftsstelle/faelle/${caseId}/dokumente/00000000-0000-4000-8000-000000000000`,
        )
      ).status,
      404,
    );

    const audit = await app.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'resource_id'])
      .where('action', 'in', ['case_file.viewed', 'document.downloaded'])
      .execute();
    assert.deepEqual(audit.map((a) => [a.action, a.actor_id, a.resource_id]).sort(), [
      ['case_file.viewed', clerk.id, caseId],
      ['document.downloaded', clerk.id, caseId],
    ]);
  });

  test('search finds a case by case number, any spelling of a name, and words of the reasons', async () => {
    const web = await asClerk();
    const second = await fileApplication(new WebClient(app.url), 'Mohammed');
    const find = async (q: string) =>
      (await web.get(`/geschaeftsstelle?suche=${encodeURIComponent(q)}`)).body;
    for (const q of ['Agaoglu', 'AĞAOĞLU', 'Ağaoğlu', caseNumber, 'verwurzelt']) {
      const body = await find(q);
      assert.ok(body.includes(caseNumber), `finds ${q}`);
    }
    for (const q of ['Muhammad', 'Mohamad', 'Zehra Mohamed'])
      assert.ok((await find(q)).includes(second), `finds ${q}`);
    assert.ok(!(await find('Muhammad')).includes(caseNumber), 'a different name does not match');
    assert.match(await find('Xylophon'), /Keine Fälle gefunden/);
    // A spelling beyond the folds (k for ğ): nothing matches exactly, so names spelled alike are shown.
    const alike = await find('Zehra Agaoklu');
    assert.ok(alike.includes(caseNumber), 'a name spelled alike is found when nothing matches exactly');
    assert.ok(!alike.includes(second), 'Zehra Mohammed is not alike');
    // A second application of the same family under another spelling warns of the first in the case file.
    const third = await fileApplication(new WebClient(app.url), 'Muhammad');
    const { id: thirdId } = await app.database.db
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', third)
      .executeTakeFirstOrThrow();
    const file = (await web.get(`/geschaeftsstelle/faelle/${thirdId}`)).body;
    assert.match(file, /Mögliche weitere Anträge derselben Person/);
    assert.ok(file.includes(second), 'the earlier case of Zehra Mohammed is named');
    assert.ok(!file.includes(`>${caseNumber}<`), 'a different family is not');
    const odd = await web.get(`/geschaeftsstelle?suche=${encodeURIComponent("%_\\' OR 1=1; --")}`);
    assert.equal(odd.status, 200, 'odd input is just text');
  });

  test('the administrator manages accounts and notice addresses; the authority gets a notice without personal data', async () => {
    const admin = await createStaffUser(
      app.database,
      { email: 'admin@example.org', name: 'Admin', role: 'admin' },
      { masterKey: key },
    );
    const web = await login(app, admin);
    const home = await web.get('/geschaeftsstelle');
    assert.equal(home.status, 303);
    assert.equal(home.location, '/verwaltung');
    const page = await web.get('/verwaltung');
    assert.equal(page.status, 200);
    assert.ok(page.body.includes('sachbearbeitung@example.org'));
    const csrf = csrfOf(page.body);
    const orgs = await app.database.db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('kreis_ags', '=', '05111')
      .executeTakeFirstOrThrow();
    const bad = await web.post(`/verwaltung/organisationen/${orgs.id}`, {
      _csrf: csrf,
      email: 'keine-adresse',
    });
    assert.equal(bad.status, 400);
    const saved = await web.post(`/verwaltung/organisationen/${orgs.id}`, {
      _csrf: csrf,
      email: 'abh@duesseldorf.example',
    });
    assert.equal(saved.status, 303);
    const created = await web.post('/verwaltung/konten', {
      _csrf: csrf,
      email: 'abh-nutzer@duesseldorf.example',
      name: 'ABH Düsseldorf',
      role: 'authority',
      organisationId: orgs.id,
    });
    assert.equal(created.status, 200);
    assert.match(created.body, /id="initial-password">[A-Za-z0-9_-]{20}</);
    assert.equal((await (await asClerk()).get('/verwaltung')).status, 404, 'the office does not administer');
    const audited = await app.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['organisation.email_changed', 'user.created'])
      .where('actor_id', '=', admin.id)
      .execute();
    assert.equal(audited.length, 2);

    // A reset gives a new initial password and second factor, once, and ends the account's sessions.
    await login(app, member);
    const sessionsOf = async (id: string) =>
      (await app.database.db.selectFrom('login_sessions').select('id').where('user_id', '=', id).execute())
        .length;
    assert.ok((await sessionsOf(member.id)) > 0);
    assert.equal(
      (await web.post(`/verwaltung/konten/${admin.id}/zuruecksetzen`, { _csrf: csrf })).status,
      404,
    );
    assert.equal(
      (await web.post(`/verwaltung/konten/kein-konto/zuruecksetzen`, { _csrf: csrf })).status,
      404,
    );
    const reset = await web.post(`/verwaltung/konten/${member.id}/zuruecksetzen`, { _csrf: csrf });
    assert.equal(reset.status, 200);
    assert.match(reset.body, /Zugang zurückgesetzt/);
    const newPassword = /id="initial-password">([A-Za-z0-9_-]{20})</.exec(reset.body)?.[1] ?? '';
    const newSecret = /secret=([A-Z2-7]+)/.exec(reset.body)?.[1] ?? '';
    assert.ok(newPassword && newSecret);
    assert.equal(await sessionsOf(member.id), 0, 'the sessions are ended');
    const old = await new WebClient(app.url).post('/anmelden', {
      email: member.email,
      password: member.password,
    });
    assert.notEqual(old.location, '/anmelden/code', 'the old password no longer works');
    logins.set(member.id, 0); // a new secret, and no code of it used yet
    const renewed = await login(app, { ...member, password: newPassword, secret: newSecret });
    assert.match((await renewed.get('/anmelden/passwort')).body, /Passwort/);
    const resetAudit = await app.database.db
      .selectFrom('audit_log')
      .select('resource_id')
      .where('action', '=', 'user.credentials_reset')
      .execute();
    assert.deepEqual(
      resetAudit.map((r) => r.resource_id),
      [member.id],
    );

    // A new application from Düsseldorf: the authority is told, without any personal data.
    const third = await fileApplication(new WebClient(app.url), 'Benachrichtigt');
    let notice = '';
    for (let i = 0; i < 100 && !notice; i++) {
      const dir = join(app.dataDir, 'mail');
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const text = name.startsWith('.') ? '' : await readFile(join(dir, name), 'utf8').catch(() => '');
        if (text.includes('abh@duesseldorf.example') && text.includes(third)) notice = text;
      }
      if (!notice) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(notice, 'notice mailed to the authority');
    for (const personal of ['Benachrichtigt', 'Zehra', 'Emre', 'Königsallee', 'Kabul']) {
      assert.ok(!notice.includes(personal), `no ${personal} in the authority's mail`);
    }
  });

  test('a letter is registered as a case like an online one, with its stamp date', async () => {
    const web = await asClerk();
    const form = await web.get('/geschaeftsstelle/eingang');
    assert.equal(form.status, 200);
    const csrf = csrfOf(form.body);
    const wrong = await web.post('/geschaeftsstelle/eingang', {
      _csrf: csrf,
      'receivedOn.day': '1',
      'receivedOn.month': '1',
      'receivedOn.year': '2099',
      'persons.0.familyName': 'Öztürk',
    });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /wie der Antrag eingegangen ist/);
    assert.match(wrong.body, /value="Öztürk"/, 'typed input kept');
    const stamp = new Date(Date.now() - 3 * 24 * 3600 * 1000);
    const ok = await web.post('/geschaeftsstelle/eingang', {
      _csrf: csrf,
      channel: 'post',
      'receivedOn.day': String(stamp.getUTCDate()),
      'receivedOn.month': String(stamp.getUTCMonth() + 1),
      'receivedOn.year': String(stamp.getUTCFullYear()),
      'persons.0.familyName': 'Öztürk',
      'persons.0.givenNames': 'Yusuf',
      'persons.0.birthDate.year': '1975',
      'address.postalCode': '45127',
      'address.place': 'Essen',
      'address.street': 'Kettwiger Straße',
      note: 'Schreiben der Beratungsstelle, 8 Seiten',
    });
    assert.equal(ok.status, 303, ok.body.slice(0, 300));
    const page = await web.get(ok.location ?? '');
    assert.match(page.body, /Yusuf Öztürk/);
    assert.match(page.body, /Post/);
    const row = await app.database.db
      .selectFrom('cases')
      .innerJoin('organisations', 'organisations.id', 'cases.authority_id')
      .select(['cases.channel', 'cases.received_at', 'organisations.name'])
      .where('cases.channel', '=', 'post')
      .executeTakeFirstOrThrow();
    assert.equal(
      new Date(row.received_at).toISOString().slice(0, 10) <= stamp.toISOString().slice(0, 10),
      true,
    );
    assert.match(row.name, /Essen/, 'the authority follows from the address');
    assert.match(
      (await web.get(`/geschaeftsstelle?suche=${encodeURIComponent('Jussuf Ozturk')}`)).body,
      /Yusuf Öztürk/,
    );

    // The scanned letter goes into the case file, inspected like any upload, and audited.
    const caseId = (ok.location ?? '').split('/')[3]?.split('?')[0] ?? '';
    const _csrf = csrfOf((await web.get(`/geschaeftsstelle/faelle/${caseId}`)).body);
    const filed = await web.upload(
      '/geschaeftsstelle/hochladen',
      { _csrf, caseId, category: 'application_letter' },
      { field: 'datei', name: 'Schreiben.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    );
    assert.equal(filed.status, 303, filed.body.slice(0, 200));
    assert.equal(filed.location, `/geschaeftsstelle/faelle/${caseId}?schritt=ok`);
    const refused = await web.upload(
      '/geschaeftsstelle/hochladen',
      { _csrf, caseId, category: 'application_letter' },
      { field: 'datei', name: 'Schreiben2.pdf', type: 'application/pdf', bytes: peExecutable() },
    );
    assert.match(refused.location ?? '', /fehler=executable/);
    assert.match((await web.get(refused.location ?? '')).body, /Die Datei wurde nicht angenommen/);
    const docs = await app.database.db
      .selectFrom('documents')
      .select(['category', 'uploaded_by_role'])
      .where('case_id', '=', caseId)
      .where('category', '!=', 'letter')
      .execute();
    assert.deepEqual(docs, [{ category: 'application_letter', uploaded_by_role: 'office_clerk' }]);
    const added = await app.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'document.added')
      .execute();
    assert.equal(added.length, 1);
    const anonymous = await new WebClient(app.url).upload(
      '/geschaeftsstelle/hochladen',
      { caseId, category: 'application_letter' },
      { field: 'datei', name: 'x.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    );
    assert.equal(anonymous.status, 404, 'only the office files documents');

    // Once the scans are in, the office has the receipt made: persons and every document with its hash, for print.
    const casePath = `/geschaeftsstelle/faelle/${caseId}`;
    assert.match((await web.get(casePath)).body, /Eingangsbestätigung erstellen/);
    const receipt = () =>
      web.get(casePath).then((p) => web.post(`${casePath}/eingangsbestaetigung`, { _csrf: csrfOf(p.body) }));
    const queued = await receipt();
    assert.equal(queued.status, 303);
    assert.match(text((await web.get(queued.location ?? '')).body), /Die Eingangsbestätigung wird erstellt/);
    let doc: { id: string } | undefined;
    for (let i = 0; i < 150 && !doc; i++) {
      doc = await app.database.db
        .selectFrom('documents')
        .select('id')
        .where('case_id', '=', caseId)
        .where('category', '=', 'receipt')
        .executeTakeFirst();
      if (!doc) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(doc, 'the receipt is filed');
    const letter = await app.database.db
      .selectFrom('letters')
      .select(['template_id', 'addressee_kind', 'channel'])
      .where('document_id', '=', doc.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(letter, { template_id: 'receipt', addressee_kind: 'applicant', channel: 'print' });
    const scan = await app.database.db
      .selectFrom('documents')
      .select('sha256')
      .where('case_id', '=', caseId)
      .where('category', '=', 'application_letter')
      .executeTakeFirstOrThrow();
    const pdf = await web.download(`${casePath}/dokumente/${doc.id}`);
    assert.equal(pdf.status, 200);
    const file = join(app.dataDir, 'receipt-check.pdf');
    await writeFile(file, pdf.bytes);
    const printed = flat(pdfText(file));
    for (const phrase of ['Eingangsbestätigung', 'Yusuf', 'Öztürk', 'Schreiben.pdf', 'Post'])
      assert.ok(printed.includes(phrase), `the receipt names ${phrase}`);
    assert.ok(printed.replace(/\s/g, '').includes(scan.sha256), 'with the scan’s SHA-256');
    assert.ok(!printed.includes('Antrag.pdf'), 'no application copy for a paper application');
    const again = await receipt();
    assert.equal(again.status, 400);
    assert.match(text(again.body), /liegt schon in der Fallakte/);
    assert.doesNotMatch((await web.get(casePath)).body, /Eingangsbestätigung erstellen/);
  });

  test('assignment and internal notes, both audited; notes never leave the office', async () => {
    const web = await asClerk();
    const { id: caseId } = await app.database.db
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', caseNumber)
      .executeTakeFirstOrThrow();
    const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    const csrf = csrfOf(page.body);
    assert.equal((await web.get('/geschaeftsstelle?meine=1')).body.includes(caseNumber), false);
    const assigned = await web.post(`/geschaeftsstelle/faelle/${caseId}/zuweisung`, {
      _csrf: csrf,
      assignee: clerk.id,
    });
    assert.equal(assigned.status, 303);
    assert.ok((await web.get('/geschaeftsstelle?meine=1')).body.includes(caseNumber), 'my cases');
    assert.equal(
      (await web.post(`/geschaeftsstelle/faelle/${caseId}/zuweisung`, { _csrf: csrf, assignee: member.id }))
        .status,
      404,
      'only office staff can be assigned',
    );
    const empty = await web.post(`/geschaeftsstelle/faelle/${caseId}/notizen`, { _csrf: csrf, note: '   ' });
    assert.equal(empty.status, 400);
    const noted = await web.post(`/geschaeftsstelle/faelle/${caseId}/notizen`, {
      _csrf: csrf,
      note: 'Rückruf der Beratungsstelle am Montag <b>wichtig</b>',
    });
    assert.equal(noted.status, 303);
    const after = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    assert.ok(
      after.body.includes('Rückruf der Beratungsstelle am Montag &lt;b>wichtig&lt;/b>'),
      'shown, escaped',
    );
    assert.ok(!after.body.includes('<b>wichtig'), 'never as markup');
    const actions = await app.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', caseId)
      .where('action', 'in', ['case.assigned', 'case.note_added'])
      .execute();
    assert.deepEqual(actions.map((a) => a.action).sort(), ['case.assigned', 'case.note_added']);
  });

  test('a request for documents reaches the applicant, with a reminder queued, and is answered by an upload', async () => {
    const web = await asClerk();
    const applicant = new WebClient(app.url);
    const number = await fileApplication(applicant, 'Anfrage');
    const { id: caseId } = await app.database.db
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', number)
      .executeTakeFirstOrThrow();
    await app.database.db
      .updateTable('drafts')
      .set({ contact_email: 'familie@example.org' })
      .where('case_id', '=', caseId)
      .execute();
    const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    const due = new Date(Date.now() + 20 * 24 * 3600 * 1000);
    const asked = await web.post(`/geschaeftsstelle/faelle/${caseId}/unterlagen`, {
      _csrf: csrfOf(page.body),
      text: 'Schulbescheinigung von Emre',
      'dueOn.day': String(due.getUTCDate()),
      'dueOn.month': String(due.getUTCMonth() + 1),
      'dueOn.year': String(due.getUTCFullYear()),
    });
    assert.equal(asked.status, 303, asked.body.slice(0, 300));
    const status = await applicant.get('/antrag/bestaetigung');
    assert.match(status.body, /Die Geschäftsstelle bittet um Unterlagen/);
    assert.match(status.body, /Schulbescheinigung von Emre/);
    const reminder = await app.database.db
      .selectFrom('outbox')
      .select(['run_after', 'status'])
      .where('kind', '=', 'document_request.remind')
      .executeTakeFirstOrThrow();
    assert.equal(reminder.status, 'pending');
    assert.ok(
      new Date(reminder.run_after).getTime() > Date.now() + 10 * 24 * 3600 * 1000,
      'a week before the date',
    );
    let mail = '';
    for (let i = 0; i < 100 && !mail; i++) {
      const dir = join(app.dataDir, 'mail');
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const text = name.startsWith('.') ? '' : await readFile(join(dir, name), 'utf8').catch(() => '');
        if (text.includes('familie@example.org') && text.includes(number)) mail = text;
      }
      if (!mail) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(mail, 'the request is mailed');
    const up = await applicant.upload(
      '/antrag/hochladen',
      { evidenceItem: 'cv', later: '1' },
      {
        field: 'datei',
        name: 'Schulbescheinigung.pdf',
        type: 'application/pdf',
        bytes: await pdfkitLetter(),
      },
    );
    assert.equal(up.status, 303);
    assert.doesNotMatch((await applicant.get('/antrag/bestaetigung')).body, /bittet um Unterlagen/);
    assert.match((await web.get(`/geschaeftsstelle/faelle/${caseId}`)).body, /beantwortet am/);
  });

  test('steps follow the table; a stale form and a missing CSRF token are refused', async () => {
    const web = await asClerk();
    const { id: caseId } = await app.database.db
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', caseNumber)
      .executeTakeFirstOrThrow();
    const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    const token = csrfOf(page.body);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    assert.equal(
      (await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/startPreCheck`, { version })).status,
      403,
      'no CSRF token',
    );
    const start = await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/startPreCheck`, {
      _csrf: token,
      version,
    });
    assert.equal(start.status, 303);
    const stale = await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/recordExclusionReview`, {
      _csrf: token,
      version,
    });
    assert.equal(stale.status, 409);
    assert.match(stale.body, /inzwischen geändert/);
    const fresh = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    const v2 = /name="version" value="(\d+)"/.exec(fresh.body)?.[1] ?? '';
    const review = await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/recordExclusionReview`, {
      _csrf: csrfOf(fresh.body),
      version: v2,
      grounds: 'other_procedure_available',
      'notes.other_procedure_available': 'Asylfolgeantrag vom März anhängig <b>laut ABH</b>',
    });
    assert.equal(review.status, 303, review.body.slice(0, 300));
    // The pre-check with its note per ground is in the case file (escaped like every text).
    const reviewed = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    assert.match(reviewed.body, /Vorprüfung: Ausschlussgründe/);
    assert.match(reviewed.body, /Asylfolgeantrag vom März anhängig &lt;b>laut ABH&lt;\/b>/);
    assert.match(reviewed.body, /liegt vor/);
    assert.match(reviewed.body, /liegt nicht vor/);
    // An "as a rule" ground needs reasons to take the case up: the domain refuses and says why.
    const v3 = String(Number(v2) + 1);
    const refused = await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/takeUp`, {
      _csrf: csrfOf(fresh.body),
      version: v3,
    });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /Der Schritt wurde nicht ausgeführt/);
    const taken = await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/takeUp`, {
      _csrf: csrfOf(fresh.body),
      version: v3,
      overrideReasons: 'Das Asylfolgeverfahren ist aussichtslos; die Kommission befasst sich trotzdem.',
    });
    assert.equal(taken.status, 303, taken.body.slice(0, 300));
    const state = await app.database.db
      .selectFrom('cases')
      .select('state')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(state.state, 'taken_up');
    const history = await app.database.db
      .selectFrom('case_history')
      .select('event_type')
      .where('case_id', '=', caseId)
      .orderBy('version')
      .execute();
    assert.deepEqual(
      history.map((h) => h.event_type),
      ['Received', 'PreCheckStarted', 'ExclusionReviewRecorded', 'TakenUp'],
    );
    // Asking the authority for its statement mails it (no personal data), in the step's transaction.
    const due = new Date(Date.now() + 28 * 24 * 3600 * 1000);
    const asked = await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/requestStatement`, {
      _csrf: csrfOf(fresh.body),
      version: String(Number(v3) + 1),
      'dueAt.day': String(due.getUTCDate()),
      'dueAt.month': String(due.getUTCMonth() + 1),
      'dueAt.year': String(due.getUTCFullYear()),
    });
    assert.equal(asked.status, 303, asked.body.slice(0, 300));
    let mail = '';
    for (let i = 0; i < 100 && !mail; i++) {
      const dir = join(app.dataDir, 'mail');
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const text = name.startsWith('.') ? '' : await readFile(join(dir, name), 'utf8').catch(() => '');
        if (
          text.includes('abh@duesseldorf.example') &&
          text.includes(caseNumber) &&
          /Stellungnahme/.test(text)
        )
          mail = text;
      }
      if (!mail) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(mail, 'statement request mailed');
    assert.ok(
      !mail.includes('Zehra') && !mail.includes('Emre') && !mail.includes('Essen'),
      'no personal data in the mail',
    );
  });

  test('a statement request queues a reminder and an overdue notice; overdue cases are listed', async () => {
    // Continues the case of the previous test, which now waits for the authority's statement.
    const web = await asClerk();
    const { id: caseId } = await app.database.db
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', caseNumber)
      .executeTakeFirstOrThrow();
    const jobs = await app.database.db
      .selectFrom('outbox')
      .select(['id', 'payload', 'run_after', 'status'])
      .where('kind', '=', 'statement.remind')
      .execute();
    assert.equal(jobs.length, 2, 'a reminder before and a notice after the due date');
    const byStage = new Map(jobs.map((j) => [(j.payload as { stage: string }).stage, j]));
    const before = byStage.get('before');
    const overdue = byStage.get('overdue');
    assert.ok(before && overdue);
    const dueAt = Date.parse((before.payload as { dueAt: string }).dueAt);
    const day = 24 * 3600 * 1000;
    const beforeAt = new Date(before.run_after).getTime();
    const overdueAt = new Date(overdue.run_after).getTime();
    assert.ok(beforeAt < dueAt - 6 * day && beforeAt > dueAt - 10 * day, 'about a week before');
    assert.ok(overdueAt > dueAt && overdueAt < dueAt + 4 * day, 'the working day after');

    // Not yet overdue: the list of overdue deadlines does not show the case; the plain list shows the date.
    assert.doesNotMatch((await web.get('/geschaeftsstelle?frist=ueberfaellig')).body, new RegExp(caseNumber));
    const list = await web.get('/geschaeftsstelle');
    assert.match(list.body, /Stellungnahme: \d\d\.\d\d\.\d{4}/);

    // The list can be narrowed to one immigration authority.
    const { authority_id: authorityId } = await app.database.db
      .selectFrom('cases')
      .select('authority_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const byAuthority = await web.get(`/geschaeftsstelle?behoerde=${authorityId}`);
    assert.match(byAuthority.body, new RegExp(caseNumber));
    assert.match(byAuthority.body, new RegExp(`value="${authorityId}" selected`));

    // The reminder's day comes: it goes to the authority, without personal data.
    await app.database.db
      .updateTable('outbox')
      .set({ run_after: new Date() })
      .where('id', '=', before.id)
      .execute();
    const reminder = await waitForMail(
      app.dataDir,
      (text) => text.includes('Erinnerung') && text.includes(caseNumber),
    );
    assert.match(reminder, /abh@duesseldorf\.example/);
    assert.ok(!/Zehra|Emre|Essen/.test(reminder), 'no personal data in the reminder');

    // Time passes beyond the due date (moved in the stored case): the case is in the overdue list.
    const past = new Date(Date.now() - 3 * day);
    past.setUTCHours(11, 0, 0, 0);
    await sql`UPDATE cases SET snapshot = jsonb_set(snapshot, '{statementDueAt}', to_jsonb(${past.toISOString()}::text))
      WHERE id = ${caseId}`.execute(app.database.db);
    const overdueList = await web.get('/geschaeftsstelle?frist=ueberfaellig');
    assert.match(overdueList.body, new RegExp(caseNumber));
    assert.match(overdueList.body, /überfällig/);

    // The statement arrives before the overdue notice's day: the notice is not sent.
    const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    const received = await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/receiveStatement`, {
      _csrf: csrfOf(page.body),
      version: /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '',
    });
    assert.equal(received.status, 303, received.body.slice(0, 300));
    await app.database.db
      .updateTable('outbox')
      .set({ run_after: new Date() })
      .where('id', '=', overdue.id)
      .execute();
    for (let i = 0; i < 100; i++) {
      const job = await app.database.db
        .selectFrom('outbox')
        .select('status')
        .where('id', '=', overdue.id)
        .executeTakeFirstOrThrow();
      if (job.status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const mails = await readdir(join(app.dataDir, 'mail'));
    for (const name of mails.filter((n) => !n.startsWith('.'))) {
      const text = (await readFile(join(app.dataDir, 'mail', name), 'utf8')).replace(/=\r?\n/g, '');
      assert.doesNotMatch(text, /abgelaufen/, 'no overdue notice once the statement is in');
    }
    assert.doesNotMatch((await web.get('/geschaeftsstelle?frist=ueberfaellig')).body, new RegExp(caseNumber));
  });
});
