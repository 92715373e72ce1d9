/**
 * Retention over HTTP on the composed app, with the outbox worker run step by step: closing a case
 * starts its retention period, reopening cancels it; the office head sets a legal hold, approves the
 * deletion of due cases (with a confirmation step); the job writes the archive package, deletes every
 * row and file and keeps a tombstone. A crash between the steps (a database trigger that fails the
 * deletion once) is retried without a second package; a change after packaging makes a new one. The
 * export of one person's data, and who may see these pages.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import pino from 'pino';
import { verifyAuditChain } from '../../src/adapters/db/audit-log.ts';
import { createAgeBlobStore, generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { pdfkitLetter } from '../../src/adapters/scan/test-support.ts';
import { loadConfig } from '../../src/config/config.ts';
import { composeApp, type RunningApp } from '../../src/main/compose.ts';
import { createOutboxWorker } from '../../src/main/services.ts';
import { fileApplication } from '../support/applicant.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const yearsAgo = (years: number) => {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
};

const logins = new Map<string, number>();

async function login(url: string, user: StaffUser): Promise<WebClient> {
  const web = new WebClient(url);
  const first = await web.post('/anmelden', { email: user.email, password: user.password });
  assert.equal(first.status, 303);
  const page = await web.get('/anmelden/code');
  const offset = logins.get(user.id) ?? 0;
  logins.set(user.id, offset + 1);
  const done = await web.post('/anmelden/code', {
    _csrf: csrfOf(page.body),
    code: await totpCode(user, new Date(), offset),
  });
  assert.equal(done.status, 303, text(done.body).slice(-500));
  return web;
}

describe('retention, deletion and the export of one person', () => {
  let running: RunningApp;
  let database: TestDatabase;
  let url = '';
  let masterKey = '';
  let filesDir = '';
  let runJobs: () => Promise<void>;
  let closeWorker: () => Promise<void>;
  let head: StaffUser;
  let clerk: StaffUser;
  let admin: StaffUser;
  let headWeb: WebClient;
  let clerkWeb: WebClient;
  const ids: Record<'a' | 'b' | 'c', { caseId: string; number: string }> = {
    a: { caseId: '', number: '' },
    b: { caseId: '', number: '' },
    c: { caseId: '', number: '' },
  };

  const db = () => database.db;
  const blobs = () => createAgeBlobStore({ dir: filesDir, identity: masterKey });
  const blobPath = (key: string) => join(filesDir, key.slice(0, 2), key);

  async function step(caseId: string, command: string, fields: Record<string, string> = {}) {
    const page = await headWeb.get(`/geschaeftsstelle/faelle/${caseId}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    const r = await headWeb.post(`/geschaeftsstelle/faelle/${caseId}/schritte/${command}`, {
      _csrf: csrfOf(page.body),
      version,
      ...fields,
    });
    assert.equal(r.status, 303, `${command}: ${text(r.body).slice(0, 400)}`);
  }

  async function newCase(familyName: string) {
    const number = await fileApplication(new WebClient(url), familyName);
    const row = await db()
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', number)
      .executeTakeFirstOrThrow();
    return { caseId: row.id, number };
  }

  async function overview() {
    const page = await headWeb.get('/geschaeftsstelle/aussonderung');
    assert.equal(page.status, 200);
    return page;
  }

  async function approve(caseIds: string[]) {
    const page = await overview();
    const confirm = await headWeb.post('/geschaeftsstelle/aussonderung/pruefen', {
      _csrf: csrfOf(page.body),
      faelle: caseIds,
    });
    assert.equal(confirm.status, 200, text(confirm.body).slice(0, 300));
    const done = await headWeb.post('/geschaeftsstelle/aussonderung/freigeben', {
      _csrf: csrfOf(confirm.body),
      faelle: caseIds,
      bestaetigt: 'ja',
    });
    assert.equal(done.status, 303);
    return done;
  }

  const retentionJob = (caseId: string) =>
    db()
      .selectFrom('outbox')
      .select(['id', 'status', 'attempts', 'last_error'])
      .where('kind', '=', 'retention.delete')
      .where(sql<boolean>`payload ->> 'caseId' = ${caseId}`)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  async function failPersonDeletes(on: boolean) {
    if (on) {
      await sql`CREATE OR REPLACE FUNCTION test_fail_delete() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'simulated crash'; END $$`.execute(db());
      await sql`CREATE TRIGGER test_fail_delete BEFORE DELETE ON persons FOR EACH ROW EXECUTE FUNCTION test_fail_delete()`.execute(
        db(),
      );
    } else {
      await sql`DROP TRIGGER test_fail_delete ON persons`.execute(db());
    }
  }

  async function retryNow(caseId: string) {
    const job = await retentionJob(caseId);
    await db()
      .updateTable('outbox')
      .set({ run_after: new Date(0) })
      .where('id', '=', job.id)
      .execute();
  }

  before(async () => {
    masterKey = await generateIdentity();
    const dataDir = mkdtempSync(join(tmpdir(), 'hfk-retention-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      PORT: '0',
      MASTER_KEY: masterKey,
      WORKER: 'off',
    });
    filesDir = config.paths.files;
    database = await createTestDatabase();
    running = await composeApp(config, database, pino({ level: 'silent' }), { maintenance: false });
    url = await running.app.listen({ port: 0, host: '127.0.0.1' });
    const outbox = createOutboxWorker(config, database, pino({ level: 'silent' }), running.services);
    runJobs = async () => {
      while ((await outbox.worker.runOnce()) > 0) {}
    };
    closeWorker = () => outbox.close();
    const user = (email: string, name: string, role: 'office_head' | 'office_clerk' | 'admin') =>
      createStaffUser(database, { email, name, role }, { masterKey });
    head = await user('leitung@example.org', 'Leitung', 'office_head');
    clerk = await user('sb@example.org', 'Sachbearbeitung', 'office_clerk');
    admin = await user('admin@example.org', 'Admin', 'admin');
    headWeb = await login(url, head);
    clerkWeb = await login(url, clerk);
    ids.a = await newCase('Ağaoğlu');
    ids.b = await newCase('Brandt');
    ids.c = await newCase('Çelik');
    await runJobs(); // receipts, application copies, notices to the authority
  });

  after(async () => {
    await closeWorker?.();
    await running?.close();
    await database?.close();
  });

  test('only the office head sees the pages; clerks and administrators get 404', async () => {
    const adminWeb = await login(url, admin);
    const page = await clerkWeb.get('/geschaeftsstelle');
    const csrf = csrfOf(page.body);
    for (const path of [
      '/geschaeftsstelle/aussonderung',
      '/geschaeftsstelle/auskunft',
      `/geschaeftsstelle/aussonderung/${ids.a.caseId}/sperre`,
      `/geschaeftsstelle/aussonderung/${ids.a.caseId}/paket`,
    ]) {
      assert.equal((await clerkWeb.get(path)).status, 404, `clerk ${path}`);
      assert.equal((await adminWeb.get(path)).status, 404, `admin ${path}`);
      const anonymous = await new WebClient(url).get(path);
      assert.equal(anonymous.status, 303, `anonymous ${path}`);
    }
    for (const path of [
      '/geschaeftsstelle/aussonderung/pruefen',
      '/geschaeftsstelle/aussonderung/freigeben',
      `/geschaeftsstelle/aussonderung/${ids.a.caseId}/sperre`,
      '/geschaeftsstelle/auskunft',
      '/geschaeftsstelle/auskunft/export',
    ]) {
      const r = await clerkWeb.post(path, {
        _csrf: csrf,
        faelle: ids.a.caseId,
        bestaetigt: 'ja',
        grund: 'x',
      });
      assert.equal(r.status, 404, `clerk POST ${path}`);
    }
    assert.doesNotMatch(page.body, /Aussonderung/, 'the clerk has no link');
    assert.match((await headWeb.get('/geschaeftsstelle')).body, /href="\/geschaeftsstelle\/aussonderung"/);
    // Without the token the head is refused like on every office form.
    assert.equal(
      (await headWeb.post('/geschaeftsstelle/aussonderung/pruefen', { faelle: ids.a.caseId })).status,
      403,
    );
  });

  test('ending a procedure starts its retention period; reopening cancels it', async () => {
    await step(ids.a.caseId, 'startPreCheck');
    await step(ids.a.caseId, 'notTakeUp', { reasons: 'Kein Härtefall erkennbar.' });
    await step(ids.b.caseId, 'withdraw');
    await step(ids.c.caseId, 'withdraw');
    await runJobs(); // the letters these steps cause
    const schedule = async () =>
      Object.fromEntries(
        (
          await db().selectFrom('retention_schedule').select(['case_id', 'outcome', 'closed_on']).execute()
        ).map((r) => [r.case_id, [r.outcome, r.closed_on]]),
      );
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    assert.deepEqual(await schedule(), {
      [ids.a.caseId]: ['not_taken_up', today],
      [ids.b.caseId]: ['withdrawn', today],
      [ids.c.caseId]: ['withdrawn', today],
    });
    const file = await headWeb.get(`/geschaeftsstelle/faelle/${ids.b.caseId}`);
    assert.match(text(file.body), /Aufbewahrung bis \d\d\.\d\d\.\d{4}, danach zur Löschung fällig/);
    assert.doesNotMatch(
      (await clerkWeb.get(`/geschaeftsstelle/faelle/${ids.b.caseId}`)).body,
      /Aufbewahrung/,
    );
    await step(ids.c.caseId, 'reopen', { reasons: 'Neue Tatsachen vorgetragen.' });
    assert.equal((await schedule())[ids.c.caseId], undefined, 'reopening cancels the due date');
    assert.match(
      text((await headWeb.get(`/geschaeftsstelle/faelle/${ids.c.caseId}`)).body),
      /Das Verfahren läuft/,
    );
    // Nothing is due yet.
    assert.match(text((await overview()).body), /Zurzeit ist kein Fall zur Löschung fällig/);
  });

  test('the export of one person: every case, record, message and document, audited', async () => {
    // A message and a document that concerns only the child, which Zehra's export leaves out.
    const casePage = await headWeb.get(`/geschaeftsstelle/faelle/${ids.a.caseId}`);
    await headWeb.post(`/geschaeftsstelle/faelle/${ids.a.caseId}/nachrichten`, {
      _csrf: csrfOf(casePage.body),
      message: 'Bitte reichen Sie den Pass nach.',
    });
    const persons = await db()
      .selectFrom('persons')
      .select(['id', 'given_names'])
      .where('case_id', '=', ids.a.caseId)
      .orderBy('position')
      .execute();
    const zehra = persons.find((p) => p.given_names === 'Zehra')?.id ?? '';
    const emre = persons.find((p) => p.given_names === 'Emre')?.id ?? '';
    const childDoc = await db()
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', ids.a.caseId)
      .where('category', '=', 'application_copy')
      .executeTakeFirstOrThrow();
    await db().updateTable('documents').set({ person_id: emre }).where('id', '=', childDoc.id).execute();

    const form = await headWeb.get('/geschaeftsstelle/auskunft');
    assert.equal(form.status, 200);
    const empty = await headWeb.post('/geschaeftsstelle/auskunft', { _csrf: csrfOf(form.body), suche: ' ' });
    assert.equal(empty.status, 400);
    assert.match(text(empty.body), /Bitte geben Sie einen Namen oder ein Aktenzeichen ein/);
    const found = await headWeb.post('/geschaeftsstelle/auskunft', {
      _csrf: csrfOf(form.body),
      suche: 'Agaoglu',
    });
    assert.equal(found.status, 200);
    assert.match(text(found.body), new RegExp(`Zehra Ağaoğlu, geboren 1980 – Fall ${ids.a.number}`));
    assert.ok(found.body.includes(`value="${zehra}"`));
    assert.ok(!found.body.includes(ids.b.number), 'another family is not listed');
    const none = await headWeb.post('/geschaeftsstelle/auskunft/export', {
      _csrf: csrfOf(found.body),
      suche: 'Agaoglu',
    });
    assert.equal(none.status, 400);
    assert.match(text(none.body), /Bitte wählen Sie mindestens einen Eintrag/);

    const zip = await fetch(new URL('/geschaeftsstelle/auskunft/export', url), {
      method: 'POST',
      headers: {
        cookie: [...headWeb.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        origin: new URL(url).origin,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: csrfOf(found.body), personen: zehra }).toString(),
    });
    assert.equal(zip.status, 200);
    assert.match(
      zip.headers.get('content-disposition') ?? '',
      /^attachment; filename="Auskunft-\d{4}-\d\d-\d\d\.zip"/,
    );
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    const data = JSON.parse(Buffer.from(files['auskunft.json'] ?? []).toString('utf8'));
    assert.equal(data.legalBasis, 'Art. 15 DSGVO');
    assert.deepEqual(
      data.persons.map((p: { givenNames: string }) => p.givenNames),
      ['Zehra'],
    );
    assert.equal(data.cases.length, 1);
    const theCase = data.cases[0];
    assert.equal(theCase.case.caseNumber, ids.a.number);
    assert.equal(theCase.retention.outcome, 'not_taken_up');
    assert.deepEqual(
      theCase.personsOfTheCase.map((p: { givenNames: string; concernsThePerson: boolean }) => [
        p.givenNames,
        p.concernsThePerson,
      ]),
      [
        ['Zehra', true],
        ['Emre', false],
      ],
    );
    assert.ok(
      theCase.messages.some((m: { body: string }) => m.body === 'Bitte reichen Sie den Pass nach.'),
      'messages',
    );
    assert.match(JSON.stringify(theCase.application), /Seit 2014 in Essen/);
    const stored = await db()
      .selectFrom('documents')
      .select(['id', 'sha256', 'blob_key', 'person_id'])
      .where('case_id', '=', ids.a.caseId)
      .execute();
    const expected = stored.filter((d) => d.person_id === null);
    assert.ok(expected.length >= 2, 'receipt and letters');
    assert.deepEqual(
      theCase.documents.map((d: { id: string }) => d.id).sort(),
      expected.map((d) => d.id).sort(),
      "the child's own document is left out",
    );
    for (const doc of theCase.documents as { id: string; path: string; sha256: string }[]) {
      const bytes = files[doc.path];
      assert.ok(bytes, doc.path);
      const original = await buffer(await blobs().get(stored.find((s) => s.id === doc.id)?.blob_key ?? ''));
      assert.ok(Buffer.from(bytes).equals(original), `${doc.path} byte-identical`);
      assert.equal(sha256(bytes), doc.sha256);
    }
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'person_data.exported')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.actor_id, head.id);
    assert.deepEqual((audit[0]?.details as { personIds?: string[] } | undefined)?.personIds, [zehra]);
    await db().updateTable('documents').set({ person_id: null }).where('id', '=', childDoc.id).execute();
  });

  test('a legal hold stops the deletion; approving needs a selection and a confirmation', async () => {
    await db()
      .updateTable('retention_schedule')
      .set({ closed_on: yearsAgo(4) })
      .where('case_id', 'in', [ids.a.caseId, ids.b.caseId])
      .execute();
    const page = await overview();
    const body = text(page.body);
    assert.match(body, new RegExp(`${ids.a.number} Nicht zur Befassung angenommen`));
    assert.match(body, new RegExp(`${ids.b.number} Zurückgenommen`));
    assert.match(
      text((await headWeb.get(`/geschaeftsstelle/faelle/${ids.a.caseId}`)).body),
      /Zur Löschung fällig seit/,
    );

    const holdPage = await headWeb.get(`/geschaeftsstelle/aussonderung/${ids.b.caseId}/sperre`);
    assert.equal(holdPage.status, 200);
    const noReason = await headWeb.post(`/geschaeftsstelle/aussonderung/${ids.b.caseId}/sperre`, {
      _csrf: csrfOf(holdPage.body),
      aktion: 'setzen',
      grund: '  ',
    });
    assert.equal(noReason.status, 400);
    assert.match(noReason.body, /id="grund-error"/);
    assert.match(text(noReason.body), /Bitte geben Sie einen Grund an/);
    const set = await headWeb.post(`/geschaeftsstelle/aussonderung/${ids.b.caseId}/sperre`, {
      _csrf: csrfOf(holdPage.body),
      aktion: 'setzen',
      grund: 'Klage vor dem Verwaltungsgericht anhängig',
    });
    assert.equal(set.status, 303);
    assert.match(
      text((await headWeb.get(set.location ?? '')).body),
      /Klage vor dem Verwaltungsgericht anhängig/,
    );
    const twice = await headWeb.post(`/geschaeftsstelle/aussonderung/${ids.b.caseId}/sperre`, {
      _csrf: csrfOf(holdPage.body),
      aktion: 'setzen',
      grund: 'noch einmal',
    });
    assert.equal(twice.status, 400);

    const held = await overview();
    assert.ok(!held.body.includes(`value="${ids.b.caseId}"`), 'a held case cannot be chosen');
    assert.ok(held.body.includes(`value="${ids.a.caseId}"`));
    const nothing = await headWeb.post('/geschaeftsstelle/aussonderung/pruefen', {
      _csrf: csrfOf(held.body),
    });
    assert.equal(nothing.status, 400);
    assert.match(nothing.body, /id="faelle-error"/);
    // Choosing the held case anyway (a forged form) leaves it out of the confirmation.
    const confirm = await headWeb.post('/geschaeftsstelle/aussonderung/pruefen', {
      _csrf: csrfOf(held.body),
      faelle: [ids.a.caseId, ids.b.caseId],
    });
    assert.equal(confirm.status, 200);
    assert.ok(confirm.body.includes(`value="${ids.a.caseId}"`));
    assert.ok(!confirm.body.includes(`value="${ids.b.caseId}"`));
    const unconfirmed = await headWeb.post('/geschaeftsstelle/aussonderung/freigeben', {
      _csrf: csrfOf(confirm.body),
      faelle: ids.a.caseId,
    });
    assert.equal(unconfirmed.status, 400);
    assert.match(text(unconfirmed.body), /Bitte bestätigen Sie/);
    const forced = await headWeb.post('/geschaeftsstelle/aussonderung/freigeben', {
      _csrf: csrfOf(confirm.body),
      faelle: ids.b.caseId,
      bestaetigt: 'ja',
    });
    assert.equal(forced.status, 303);
    assert.match(forced.location ?? '', /freigegeben=0&uebersprungen=HFK-/);
    assert.equal((await db().selectFrom('case_deletions').select('case_id').execute()).length, 0);
    const actions = (
      await db().selectFrom('audit_log').select('action').where('resource_id', '=', ids.b.caseId).execute()
    ).map((a) => a.action);
    assert.ok(actions.includes('retention.hold_set'));
  });

  test('deletion: archive package, rows and files gone, tombstone kept; a crash between the steps is retried', async () => {
    const { caseId, number } = ids.a;
    const casePage = await clerkWeb.get(`/geschaeftsstelle/faelle/${caseId}`);
    await clerkWeb.post(`/geschaeftsstelle/faelle/${caseId}/notizen`, {
      _csrf: csrfOf(casePage.body),
      note: 'Rückruf am Montag',
    });
    const filed = await clerkWeb.upload(
      '/geschaeftsstelle/hochladen',
      { _csrf: csrfOf(casePage.body), caseId, category: 'application_letter' },
      {
        field: 'datei',
        name: 'Schreiben der Beratungsstelle.pdf',
        type: 'application/pdf',
        bytes: await pdfkitLetter(),
      },
    );
    assert.equal(filed.status, 303);
    const before = await db()
      .selectFrom('documents')
      .select(['id', 'sha256', 'blob_key', 'file_name'])
      .where('case_id', '=', caseId)
      .execute();
    const draftFiles = await db()
      .selectFrom('draft_documents')
      .innerJoin('drafts', 'drafts.id', 'draft_documents.draft_id')
      .select('draft_documents.blob_key')
      .where('drafts.case_id', '=', caseId)
      .execute();
    const originals = new Map<string, Buffer>();
    for (const d of before) originals.set(d.id, await buffer(await blobs().get(d.blob_key)));
    assert.ok(before.length >= 3);
    for (const d of before) assert.ok(existsSync(blobPath(d.blob_key)));

    await runJobs(); // nothing else pending for the case: what changes it after packaging is tested below
    await failPersonDeletes(true);
    await approve([caseId]);
    await runJobs();
    const halfway = await db()
      .selectFrom('case_deletions')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(halfway.status, 'archived', 'the package is stored');
    assert.ok(halfway.archive_blob_key && existsSync(blobPath(halfway.archive_blob_key)));
    const failed = await retentionJob(caseId);
    assert.equal(failed.status, 'pending', 'retried later');
    assert.equal(failed.attempts, 1);
    assert.ok(failed.last_error);
    assert.ok(
      await db().selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst(),
      'nothing deleted',
    );
    assert.match(
      text((await overview()).body),
      new RegExp(`${number} .*Paket erstellt, Daten werden gelöscht`),
    );

    await failPersonDeletes(false);
    await retryNow(caseId);
    await runJobs();
    assert.equal((await retentionJob(caseId)).status, 'done');

    // The tombstone: no personal data, the same package as before the crash.
    const tomb = await db()
      .selectFrom('case_deletions')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(tomb.status, 'deleted');
    assert.equal(tomb.case_number, number);
    assert.equal(tomb.outcome, 'not_taken_up');
    assert.equal(tomb.approved_by, head.id);
    assert.equal(tomb.archive_sha256, halfway.archive_sha256, 'the package was not made twice');
    assert.equal(tomb.archive_blob_key, halfway.archive_blob_key);
    assert.ok(tomb.deleted_at);
    assert.doesNotMatch(JSON.stringify(tomb), /Zehra|Ağaoğlu|Emre|Essen|Kabul/);
    const created = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('resource_id', '=', caseId)
      .where('action', '=', 'retention.archive_created')
      .execute();
    assert.equal(created.length, 1);

    // Rows gone.
    for (const table of [
      'persons',
      'documents',
      'case_history',
      'applications',
      'case_messages',
      'case_notes',
      'letters',
      'retention_schedule',
      'legal_holds',
      'document_requests',
    ] as const) {
      const left = await db()
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow();
      assert.equal(left.n, 0, table);
    }
    assert.equal(
      await db().selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst(),
      undefined,
    );
    assert.equal(
      (await db().selectFrom('drafts').select('id').where('case_id', '=', caseId).execute()).length,
      0,
    );
    const jobsLeft = await db()
      .selectFrom('outbox')
      .select('kind')
      .where((eb) =>
        eb.or([eb(sql`payload ->> 'caseId'`, '=', caseId), eb('idempotency_key', 'like', `%${caseId}%`)]),
      )
      .execute();
    assert.deepEqual(
      jobsLeft.map((j) => j.kind),
      ['retention.delete'],
      'only the deletion job itself',
    );
    // Files gone from disk; nothing left in the queue.
    for (const key of [...before.map((d) => d.blob_key), ...draftFiles.map((d) => d.blob_key)])
      assert.equal(existsSync(blobPath(key)), false, `file ${key} deleted`);
    assert.equal((await db().selectFrom('blob_deletions').select('blob_key').execute()).length, 0);
    // The audit trail still verifies and holds no names.
    assert.deepEqual(await verifyAuditChain(db()), {
      ok: true,
      rows: (await db().selectFrom('audit_log').select('id').execute()).length,
    });
    const audit = JSON.stringify(await db().selectFrom('audit_log').selectAll().execute());
    assert.doesNotMatch(audit, /Zehra|Ağaoğlu|Rückruf/);
    assert.ok(audit.includes(caseId), 'the case id stays in the trail');

    // The package: every document byte-identical, checksums that sha256sum accepts.
    const page = await overview();
    assert.match(text(page.body), new RegExp(`${number} Nicht zur Befassung angenommen`));
    assert.equal((await clerkWeb.download(`/geschaeftsstelle/aussonderung/${caseId}/paket`)).status, 404);
    const download = await headWeb.download(`/geschaeftsstelle/aussonderung/${caseId}/paket`);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/zip');
    assert.equal(
      sha256(download.bytes),
      tomb.archive_sha256,
      'the hash of the tombstone is the hash of the package',
    );
    const files = unzipSync(new Uint8Array(download.bytes));
    const akte = JSON.parse(Buffer.from(files['akte.json'] ?? []).toString('utf8'));
    assert.equal(akte.format, 'hfk-aussonderungspaket');
    assert.equal(akte.case.caseNumber, number);
    assert.deepEqual(
      akte.persons.map((p: { givenNames: string }) => p.givenNames),
      ['Zehra', 'Emre'],
    );
    assert.ok(akte.notes.some((n: { text: string }) => n.text === 'Rückruf am Montag'));
    assert.ok(akte.history.some((h: { eventType: string }) => h.eventType === 'NotTakenUp'));
    assert.equal(akte.documents.length, before.length);
    for (const doc of akte.documents as { id: string; path: string; sha256: string }[]) {
      const bytes = files[doc.path];
      assert.ok(bytes, doc.path);
      assert.ok(
        Buffer.from(bytes).equals(originals.get(doc.id) ?? Buffer.alloc(0)),
        `${doc.path} byte-identical`,
      );
      assert.equal(sha256(bytes), doc.sha256);
    }
    const sums = Buffer.from(files.SHA256SUMS ?? [])
      .toString('utf8')
      .trim()
      .split('\n');
    assert.equal(sums.length, before.length + 1);
    for (const line of sums) {
      const [hash, path] = line.split('  ');
      assert.equal(sha256(files[path ?? ''] ?? new Uint8Array()), hash, path);
    }
    assert.ok(files['LIESMICH.txt']);
    assert.ok(
      (
        await db()
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'retention.archive_downloaded')
          .execute()
      ).length === 1,
    );

    // Handed over: confirmation needed, then our copy is deleted.
    const no = await headWeb.post(`/geschaeftsstelle/aussonderung/${caseId}/uebergabe`, {
      _csrf: csrfOf(page.body),
    });
    assert.equal(no.status, 400);
    assert.match(text(no.body), /Bitte bestätigen Sie die Übergabe/);
    const handed = await headWeb.post(`/geschaeftsstelle/aussonderung/${caseId}/uebergabe`, {
      _csrf: csrfOf(page.body),
      bestaetigt: 'ja',
    });
    assert.equal(handed.status, 303);
    assert.equal(
      existsSync(blobPath(tomb.archive_blob_key ?? '')),
      false,
      'the package is gone from the store',
    );
    assert.equal((await headWeb.download(`/geschaeftsstelle/aussonderung/${caseId}/paket`)).status, 404);
    assert.match(text((await overview()).body), /übergeben am/);
    const after = await db()
      .selectFrom('case_deletions')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.ok(after.handed_over_at);
    assert.equal(after.archive_sha256, tomb.archive_sha256, 'the hash stays');
    // The case is gone for the office too.
    assert.equal((await headWeb.get(`/geschaeftsstelle/faelle/${caseId}`)).status, 404);
  });

  test('a change after the package was made gives a new package; a reopened case is not deleted', async () => {
    const { caseId } = ids.b;
    const holdPage = await headWeb.get(`/geschaeftsstelle/aussonderung/${caseId}/sperre`);
    const lifted = await headWeb.post(`/geschaeftsstelle/aussonderung/${caseId}/sperre`, {
      _csrf: csrfOf(holdPage.body),
      aktion: 'aufheben',
      grund: 'Verfahren rechtskräftig beendet',
    });
    assert.equal(lifted.status, 303);
    await failPersonDeletes(true);
    await approve([caseId]);
    await runJobs();
    const first = await db()
      .selectFrom('case_deletions')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(first.status, 'archived');
    const casePage = await clerkWeb.get(`/geschaeftsstelle/faelle/${caseId}`);
    await clerkWeb.post(`/geschaeftsstelle/faelle/${caseId}/notizen`, {
      _csrf: csrfOf(casePage.body),
      note: 'Nachtrag nach dem Paket',
    });
    await failPersonDeletes(false);
    await retryNow(caseId);
    await runJobs();
    const done = await db()
      .selectFrom('case_deletions')
      .selectAll()
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(done.status, 'deleted');
    assert.notEqual(done.archive_sha256, first.archive_sha256, 'a new package');
    assert.equal(
      existsSync(blobPath(first.archive_blob_key ?? '')),
      false,
      'the outdated package is deleted',
    );
    const akte = JSON.parse(
      Buffer.from(
        unzipSync(
          new Uint8Array((await headWeb.download(`/geschaeftsstelle/aussonderung/${caseId}/paket`)).bytes),
        )['akte.json'] ?? [],
      ).toString('utf8'),
    );
    assert.ok(akte.notes.some((n: { text: string }) => n.text === 'Nachtrag nach dem Paket'));
    assert.ok(
      akte.holds.some((h: { reason: string }) => h.reason === 'Klage vor dem Verwaltungsgericht anhängig'),
    );

    // Case C: withdrawn again and due, approved, then reopened before the job runs.
    await step(ids.c.caseId, 'withdraw');
    await db()
      .updateTable('retention_schedule')
      .set({ closed_on: yearsAgo(3) })
      .where('case_id', '=', ids.c.caseId)
      .execute();
    await approve([ids.c.caseId]);
    await step(ids.c.caseId, 'reopen', { reasons: 'Neue Tatsachen vorgetragen.' });
    await runJobs();
    assert.equal(
      await db()
        .selectFrom('case_deletions')
        .select('case_id')
        .where('case_id', '=', ids.c.caseId)
        .executeTakeFirst(),
      undefined,
      'the approval is withdrawn',
    );
    assert.ok(
      await db().selectFrom('persons').select('id').where('case_id', '=', ids.c.caseId).executeTakeFirst(),
    );
    const withdrawn = await db()
      .selectFrom('audit_log')
      .select('details')
      .where('resource_id', '=', ids.c.caseId)
      .where('action', '=', 'retention.deletion_withdrawn')
      .executeTakeFirstOrThrow();
    assert.deepEqual(withdrawn.details, { reason: 'reopened' });
    assert.deepEqual((await verifyAuditChain(db())).ok, true);
  });
});
