/**
 * R5 of the quality bar: disk full, mail server down, virus scanner down. The composed app, real
 * files, a real SMTP server and a real clamd; each service fails while applicants work and comes back:
 *   - disk: the file store's directory made unwritable (its temp directory replaced by a file, so every
 *     write fails in the file system, as it does on a full or read-only disk; permissions would not stop
 *     root). A form upload and a tus upload answer with the German "konnte gerade nicht gespeichert
 *     werden" (never a 500), the draft and its earlier files stay; a submit is still acknowledged with all
 *     its documents, only the receipt waits in the outbox. Once the disk is back (and the store has made
 *     its temp directory again), the same uploads go through, the receipt is issued by itself, and every
 *     case and draft file decrypts to its recorded hash: no partial case, no row without its file.
 *   - mail: the SMTP server stopped, then refusing (451); the submit is acknowledged, the mails stay in
 *     the outbox with growing back-off and arrive exactly once when the server accepts again.
 *   - virus scanner: clamd stopped; uploads are held back (the applicant is told), never a document
 *     staff can see; once clamd is back, the held files are scanned by themselves: a clean one becomes a
 *     document, the EICAR file never does.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { createAgeBlobStore, generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { pdfkitLetter, pdfWithCatalog, streamObject } from '../../src/adapters/scan/test-support.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { draftUpToEvidence } from '../support/applicant.ts';
import { type Clamd, clamdSkipReason, EICAR, startClamd } from '../support/clamd.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { createStaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const DB = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const STORAGE_TEXT = /Die Datei konnte gerade nicht gespeichert werden/;
const HELD_TEXT = /konnte aber gerade nicht auf Schadsoftware geprüft werden[^<]*von selbst geprüft/;
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** A tus client's requests, one at a time, so a test can stop between create, PATCH and HEAD. */
function tusUpload(web: WebClient, fields: Record<string, string>, name: string, bytes: Buffer) {
  const meta = { filename: name, filetype: 'application/pdf', ...fields };
  const encoded = Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');
  const headers = (extra: Record<string, string>) => ({
    cookie: [...web.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    origin: new URL(web.baseUrl).origin,
    'tus-resumable': '1.0.0',
    ...extra,
  });
  let location: URL | undefined;
  return {
    async create() {
      const created = await fetch(new URL('/antrag/hochladen/tus', web.baseUrl), {
        method: 'POST',
        headers: headers({ 'upload-length': String(bytes.length), 'upload-metadata': encoded }),
      });
      assert.equal(created.status, 201, await created.text());
      location = new URL(created.headers.get('location') ?? '', `${web.baseUrl}/antrag/hochladen/tus/`);
    },
    async offset(): Promise<number> {
      assert.ok(location);
      const head = await fetch(location, { method: 'HEAD', headers: headers({}) });
      assert.equal(head.status, 200);
      return Number(head.headers.get('upload-offset'));
    },
    async patch(from: number): Promise<{ status: number; body: string }> {
      assert.ok(location);
      const patched = await fetch(location, {
        method: 'PATCH',
        headers: headers({
          'content-type': 'application/offset+octet-stream',
          'upload-offset': String(from),
        }),
        body: new Uint8Array(bytes.subarray(from)),
      });
      return { status: patched.status, body: await patched.text() };
    },
  };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

describe(`R5: disk full and mail server down (${DB})`, () => {
  let app: TestApp;
  let masterKey: string;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const db = () => app.database.db;
  const filesDir = () => join(app.dataDir, 'files');
  const tmp = () => join(filesDir(), 'tmp');
  const breakDisk = () => {
    rmSync(tmp(), { recursive: true, force: true });
    writeFileSync(tmp(), '');
  };
  // The temp directory is not made here: the store must make it again itself.
  const repairDisk = () => rmSync(tmp(), { force: true });

  before(async () => {
    masterKey = await generateIdentity();
    sink = await startSmtpSink();
    app = await startTestApp({ MASTER_KEY: masterKey, SMTP_URL: sink.url });
  });
  after(async () => {
    if (app && existsSync(tmp()) && statSync(tmp()).isFile()) repairDisk();
    await app?.close();
    await sink?.stop();
  });

  /** Every stored file of every case and draft is there and decrypts to its recorded hash. */
  async function assertNoRowWithoutItsFile() {
    const blobs = createAgeBlobStore({ dir: filesDir(), identity: masterKey });
    const rows = [
      ...(await db().selectFrom('documents').select(['blob_key', 'sha256', 'case_id']).execute()),
      ...(await db().selectFrom('draft_documents').select(['blob_key', 'sha256']).execute()),
    ];
    for (const row of rows) {
      assert.ok(await blobs.exists(row.blob_key), 'every row has its file');
      assert.equal(sha256(await buffer(await blobs.get(row.blob_key))), row.sha256, 'byte-identical');
    }
    const cases = await db().selectFrom('cases').select('id').execute();
    for (const c of cases) {
      const docs = await db().selectFrom('documents').select('id').where('case_id', '=', c.id).execute();
      assert.ok(docs.length > 0, 'no case without documents');
    }
    // The worker may be writing a letter right now: a temp file must go, not stay.
    await until('no temp file left', async () => (filesUnder(tmp()).length === 0 ? true : undefined), 15_000);
  }

  test('disk full: uploads answer clearly, the draft stays; the submit is acknowledged; all drains once the disk is back', {
    timeout: 110_000,
  }, async () => {
    const web = new WebClient(app.url);
    const items = await draftUpToEvidence(web, 'Plattenvoll');
    const item = items.find((i) => i.startsWith('school')) ?? items[0] ?? '';
    const first = await pdfkitLetter({ info: { Title: 'Zeugnis vorher' } });
    const ok = await web.uploadFiles('/antrag/hochladen', { evidenceItem: item }, [
      { field: 'datei', name: 'Zeugnis-vorher.pdf', type: 'application/pdf', bytes: first },
    ]);
    assert.match(ok.location ?? '', /hochgeladen=1/);
    const draftDocs = () => db().selectFrom('draft_documents').select(['file_name', 'sha256']).execute();
    assert.equal((await draftDocs()).length, 1);

    breakDisk();
    const second = await pdfkitLetter({ info: { Title: 'Zeugnis waehrend' } });
    // The form without JavaScript: back to the page of the evidence item, with the message there.
    const refused = await web.uploadFiles('/antrag/hochladen', { evidenceItem: item }, [
      { field: 'datei', name: 'Zeugnis-waehrend.pdf', type: 'application/pdf', bytes: second },
    ]);
    assert.equal(refused.status, 303, refused.body.slice(0, 300));
    assert.match(refused.location ?? '', /fehler=storage_unavailable/);
    const page = await web.get(refused.location ?? '');
    assert.equal(page.status, 400);
    assert.match(text(page.body), STORAGE_TEXT);
    assert.match(text(page.body), /Zeugnis-vorher\.pdf/, 'the earlier upload is still listed');
    // The resumable upload: the PATCH answers 503 (tus clients retry it) with the same text.
    const tus = tusUpload(web, { evidenceItem: item }, 'Zeugnis-tus.pdf', second);
    await tus.create();
    const patched = await tus.patch(0);
    assert.equal(patched.status, 503, patched.body);
    assert.match(patched.body, STORAGE_TEXT);
    assert.equal(await tus.offset(), 0, 'nothing counted that was not stored');
    assert.deepEqual(
      (await draftDocs()).map((d) => d.file_name),
      ['Zeugnis-vorher.pdf'],
      'the draft is as it was',
    );
    // The other pages of the draft work as before.
    assert.equal((await web.get('/antrag/nachweise')).status, 200);

    repairDisk();
    const resumed = await tus.patch(await tus.offset());
    assert.equal(resumed.status, 200, resumed.body);
    assert.match(resumed.body, /hochgeladen=1/);
    const again = await web.uploadFiles('/antrag/hochladen', { evidenceItem: item }, [
      { field: 'datei', name: 'Zeugnis-waehrend.pdf', type: 'application/pdf', bytes: second },
    ]);
    assert.match(again.location ?? '', /hochgeladen=1/);
    assert.deepEqual(
      (await draftDocs()).map((d) => d.sha256).sort(),
      [sha256(first), sha256(second), sha256(second)].sort(),
    );

    // Submit on a full disk: the case is registered with its files (nothing new is written for that);
    // the receipt PDF cannot be stored yet and waits in the outbox.
    const statuses = Object.fromEntries(
      items.map((id) => [`evidence.${id}.status`, id === item ? 'provided' : 'to_follow']),
    );
    assert.equal((await web.post('/antrag/nachweise', { ...statuses, action: 'continue' })).status, 303);
    breakDisk();
    const submitted = await web.post('/antrag/absenden');
    assert.equal(submitted.status, 303, submitted.body.slice(0, 300));
    assert.match(submitted.location ?? '', /^\/antrag\/bestaetigung/);
    const number = /id="case-number">([^<]+)</.exec((await web.get('/antrag/bestaetigung')).body)?.[1];
    assert.ok(number, 'the applicant sees the case number');
    const { id: caseId } = await db()
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', number)
      .executeTakeFirstOrThrow();
    const evidence = await db()
      .selectFrom('documents')
      .select('sha256')
      .where('case_id', '=', caseId)
      .where('category', '!=', 'receipt')
      .where('category', '!=', 'application_copy')
      .execute();
    assert.deepEqual(
      evidence.map((d) => d.sha256).sort(),
      [sha256(first), sha256(second), sha256(second)].sort(),
      'the case has all its files',
    );
    const receiptJob = await until('a failed attempt at the receipt', async () => {
      const job = await db()
        .selectFrom('outbox')
        .select(['status', 'attempts', 'last_error', 'run_after'])
        .where('idempotency_key', '=', `receipt:${caseId}`)
        .executeTakeFirst();
      return job && job.attempts >= 1 && job.last_error ? job : undefined;
    });
    assert.equal(receiptJob.status, 'pending', 'retried, not given up');
    assert.ok(new Date(receiptJob.run_after).getTime() > Date.now() - 1000, 'with a back-off');
    assert.ok(!/\/|Zeugnis|Plattenvoll/.test(receiptJob.last_error ?? ''), 'no path or name in the error');
    const receipts = () =>
      db()
        .selectFrom('documents')
        .select('id')
        .where('case_id', '=', caseId)
        .where('category', '=', 'receipt')
        .execute();
    assert.equal((await receipts()).length, 0);

    repairDisk();
    await until('the receipt, issued by itself', async () =>
      (await receipts()).length > 0 ? true : undefined,
    );
    assert.equal((await receipts()).length, 1);
    await assertNoRowWithoutItsFile();
  });

  test('mail server down, then refusing: submissions are acknowledged; each mail arrives once when it is back', {
    timeout: 110_000,
  }, async () => {
    if (existsSync(tmp()) && statSync(tmp()).isFile()) repairDisk(); // after a failed disk test
    const port = Number(new URL(sink.url).port);
    await sink.stop();
    const web = new WebClient(app.url);
    const items = await draftUpToEvidence(web, 'Postausfall');
    const address = 'postausfall@example.org';
    assert.equal((await web.post('/antrag/link-senden', { email: address })).status, 303);
    assert.equal(
      (
        await web.post('/antrag/nachweise', {
          ...Object.fromEntries(items.map((id) => [`evidence.${id}.status`, 'to_follow'])),
          action: 'continue',
        })
      ).status,
      303,
    );
    const submitted = await web.post('/antrag/absenden');
    assert.equal(submitted.status, 303, 'acknowledged while the mail server is down');
    const number = /id="case-number">([^<]+)</.exec((await web.get('/antrag/bestaetigung')).body)?.[1];
    assert.ok(number);
    const { id: caseId } = await db()
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', number)
      .executeTakeFirstOrThrow();
    // The resume link (a queued mail) and the receipt (its job stores the PDF, then mails it).
    const ours = async () =>
      (
        await db()
          .selectFrom('outbox')
          .select(['idempotency_key', 'kind', 'status', 'attempts', 'last_error', 'payload'])
          .where((eb) =>
            eb.or([eb('kind', '=', 'mail.send'), eb('idempotency_key', '=', `receipt:${caseId}`)]),
          )
          .orderBy('idempotency_key')
          .execute()
      ).filter(
        (j) => j.idempotency_key === `receipt:${caseId}` || JSON.stringify(j.payload).includes(address),
      );
    // Both wait, retried with back-off.
    await until('two mails that failed at least once', async () => {
      const jobs = await ours();
      // Settled as failed (last_error) and still pending: a retry, not a give-up.
      return jobs.length >= 2 && jobs.every((j) => j.attempts >= 1 && j.last_error && j.status === 'pending')
        ? jobs
        : undefined;
    });
    // The server is back but says "try later" (451): still queued, another attempt counted.
    sink = await startSmtpSink({ port, refuse: true });
    const before = (await ours()).map((j) => j.attempts);
    await until(
      'an attempt refused by the server',
      async () => {
        const jobs = await ours();
        return jobs.some((j, i) => j.attempts > (before[i] ?? 0)) ? true : undefined;
      },
      40_000,
    );
    assert.ok(
      (await ours()).every((j) => j.status === 'pending'),
      'a temporary refusal is not given up',
    );
    assert.equal(sink.mails.length, 0);
    sink.setRefusing(false);
    const jobs = await until(
      'the mails delivered',
      async () => {
        const all = await ours();
        return all.every((j) => j.status === 'done') ? all : undefined;
      },
      60_000,
    );
    assert.ok(
      jobs.every((j) => j.attempts >= 2),
      'each took more than one attempt',
    );
    await sleep(1500); // a duplicate would arrive now
    const received = sink.mails.filter((m) => m.to.includes(address));
    assert.equal(received.length, jobs.length, 'each queued mail arrived, none twice');
    const ids = received.map((m) => m.parsed.messageId);
    assert.equal(new Set(ids).size, ids.length, 'distinct Message-IDs');
    assert.ok(
      received.some((m) => (m.parsed.text ?? '').includes(number ?? '-')),
      'the receipt mail names the case number',
    );
  });
});

describe(`R5: virus scanner down (${DB})`, { skip: clamdSkipReason() }, () => {
  let app: TestApp;
  let clamd: Clamd;
  let masterKey: string;
  let socketDir: string;
  const db = () => app.database.db;

  before(async () => {
    socketDir = mkdtempSync(join(tmpdir(), 'hfk-r5-clamd-'));
    clamd = await startClamd({ socket: join(socketDir, 'clamd.sock') });
    masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey, ...clamd.env });
  });
  after(async () => {
    await app?.close();
    await clamd?.stop();
    rmSync(socketDir, { recursive: true, force: true });
  });

  test('uploads are held back and never reach staff unscanned; once clamd is back they are scanned by themselves', {
    timeout: 110_000,
  }, async () => {
    const web = new WebClient(app.url);
    const items = await draftUpToEvidence(web, 'Scannerausfall');
    const item = items.find((i) => i.startsWith('school')) ?? items[0] ?? '';
    await clamd.stop();
    const ready = await (await fetch(`${app.url}/health/ready`)).json();
    assert.deepEqual(ready, { status: 'ok', virusScan: 'unavailable' }, 'the operator sees it');

    const clean = await pdfkitLetter({ info: { Title: 'Zeugnis gehalten' } });
    const infected = pdfWithCatalog('', [streamObject('', EICAR)]);
    const held = await web.uploadFiles('/antrag/hochladen', { evidenceItem: item }, [
      { field: 'datei', name: 'Zeugnis-gehalten.pdf', type: 'application/pdf', bytes: clean },
    ]);
    assert.match(held.location ?? '', /fehler=scan_pending/);
    const page = await web.get(held.location ?? '');
    assert.match(text(page.body), HELD_TEXT, 'the applicant is told');
    const tus = tusUpload(web, { evidenceItem: item }, 'Anlage-gehalten.pdf', infected);
    await tus.create();
    const answer = await tus.patch(0);
    assert.equal(answer.status, 200, answer.body);
    assert.equal((JSON.parse(answer.body) as { error?: string }).error, 'scan_pending');
    const heldHashes = [sha256(clean), sha256(infected)];
    const rowsWith = async (hashes: string[]) => [
      ...(await db().selectFrom('documents').select('sha256').where('sha256', 'in', hashes).execute()),
      ...(await db().selectFrom('draft_documents').select('sha256').where('sha256', 'in', hashes).execute()),
    ];
    assert.deepEqual(await rowsWith(heldHashes), [], 'held files are no documents');

    // Submitted while the files are held: the case is there, the held files are not in it yet.
    const statuses = Object.fromEntries(items.map((id) => [`evidence.${id}.status`, 'to_follow']));
    assert.equal((await web.post('/antrag/nachweise', { ...statuses, action: 'continue' })).status, 303);
    assert.equal((await web.post('/antrag/absenden')).status, 303);
    const number = /id="case-number">([^<]+)</.exec((await web.get('/antrag/bestaetigung')).body)?.[1];
    assert.ok(number);
    const { id: caseId } = await db()
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', number)
      .executeTakeFirstOrThrow();
    const clerk = await createStaffUser(
      app.database,
      { email: 'scan@example.org', name: 'Sachbearbeitung', role: 'office_clerk' },
      { masterKey },
    );
    const office = new WebClient(app.url);
    await office.post('/anmelden', { email: clerk.email, password: clerk.password });
    const codePage = await office.get('/anmelden/code');
    const code = await totpCode(clerk, new Date());
    assert.equal((await office.post('/anmelden/code', { _csrf: csrfOf(codePage.body), code })).status, 303);
    const caseFile = async () => (await office.get(`/geschaeftsstelle/faelle/${caseId}`)).body;
    assert.doesNotMatch(await caseFile(), /Zeugnis-gehalten|Anlage-gehalten/, 'staff see neither');

    const jobs = () =>
      db()
        .selectFrom('outbox')
        .select(['status', 'attempts', 'last_error'])
        .where('kind', '=', 'upload.held_scan')
        .execute();
    await until('the held scans retried', async () => {
      const all = await jobs();
      return all.length === 2 && all.every((j) => j.attempts >= 1 && j.last_error && j.status === 'pending')
        ? all
        : undefined;
    });
    assert.deepEqual(await rowsWith(heldHashes), [], 'still no document while clamd is down');

    clamd = await startClamd({ socket: join(socketDir, 'clamd.sock') });
    await until(
      'the held files scanned',
      async () => ((await jobs()).every((j) => j.status === 'done') ? true : undefined),
      80_000,
    );
    // The clean file went into the case (submitted meanwhile) and staff can open it; EICAR never.
    const filed = await db()
      .selectFrom('documents')
      .select(['id', 'sha256', 'file_name'])
      .where('case_id', '=', caseId)
      .where('sha256', 'in', heldHashes)
      .execute();
    assert.deepEqual(
      filed.map((d) => d.sha256),
      [sha256(clean)],
    );
    const doc = filed[0];
    assert.ok(doc);
    assert.match(await caseFile(), /Zeugnis-gehalten\.pdf/);
    assert.doesNotMatch(await caseFile(), /Anlage-gehalten/);
    const download = await office.download(`/geschaeftsstelle/faelle/${caseId}/dokumente/${doc.id}`);
    assert.equal(download.status, 200);
    assert.equal(sha256(download.bytes), sha256(clean), 'byte-identical');
    const refused = await db()
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'upload.malware_refused')
      .execute();
    assert.equal(refused.length, 1, 'the EICAR file was found and refused, audited once');
    // Nothing in the store holds the EICAR string any more.
    const blobs = createAgeBlobStore({ dir: join(app.dataDir, 'files'), identity: masterKey });
    for (const path of filesUnder(join(app.dataDir, 'files'))) {
      const key = path.split('/').pop() ?? '';
      if (!/^[0-9a-f]{32}$/.test(key)) continue;
      assert.equal((await buffer(await blobs.get(key))).includes(EICAR), false, 'no stored file holds EICAR');
    }
  });
});
