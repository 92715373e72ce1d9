/**
 * S5 uploads, virus scanning: the composed app with a real clamd (Debian's, started privately with a
 * one-line signature for the EICAR test string). A file with malware — sent by the form, by tus, handed
 * in after submitting or filed by the office — is refused with a message at the field, is never a
 * document, never in the file store and never seen by staff; the refusal is audited and logged with the
 * signature, never with the file name. A clean PDF passes. With the scanner down an upload is held back
 * (with a message that it is checked later) and is filed by itself once the scanner is back.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, test } from 'node:test';
import { createAgeBlobStore } from '../../src/adapters/files/age-blob-store.ts';
import { pdfkitLetter, pdfWithCatalog, streamObject } from '../../src/adapters/scan/test-support.ts';
import { draftUpToEvidence } from '../support/applicant.ts';
import { type Clamd, clamdSkipReason, EICAR, EICAR_SIGNATURE, startClamd } from '../support/clamd.ts';
import { createStaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';
import { type SecurityApp, startSecurityApp } from './support.ts';

const INFECTED = 'Die Datei enthält Schadsoftware und wurde nicht angenommen.';
const HELD = /konnte aber gerade nicht auf Schadsoftware geprüft werden[^<]*von selbst geprüft/;
/** A file name with personal data: it must not reach the audit trail or the log. */
const NAME = 'Attest-Zehra-Marker-Q7X.pdf';
const NAME_MARKER = 'Marker-Q7X';
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** A well-formed one-page PDF that carries the EICAR string in a stream: the inspection alone would take it. */
const infectedPdf = () => pdfWithCatalog('', [streamObject('', EICAR)]);

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of (() => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  })()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** A tus upload as tus-js-client sends it (create, then one PATCH); the JSON answer of the last PATCH. */
async function tusUpload(web: WebClient, fields: Record<string, string>, name: string, bytes: Buffer) {
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
  const created = await fetch(new URL('/antrag/hochladen/tus', web.baseUrl), {
    method: 'POST',
    headers: headers({ 'upload-length': String(bytes.length), 'upload-metadata': encoded }),
  });
  assert.equal(created.status, 201, await created.text());
  const location = new URL(created.headers.get('location') ?? '', `${web.baseUrl}/antrag/hochladen/tus/`);
  const patched = await fetch(location, {
    method: 'PATCH',
    headers: headers({ 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' }),
    body: new Uint8Array(bytes),
  });
  assert.equal(patched.status, 200);
  return (await patched.json()) as { documentId: string; redirect?: string; error?: string };
}

describe('S5 virus scanning with clamd', { skip: clamdSkipReason() }, () => {
  let clamd: Clamd;
  let app: SecurityApp;
  let socketDir: string;
  let applicant: WebClient;
  let item = '';

  before(async () => {
    socketDir = mkdtempSync(join(tmpdir(), 'hfk-clamd-sock-'));
    clamd = await startClamd({ socket: join(socketDir, 'clamd.sock') });
    app = await startSecurityApp(clamd.env, { logLevel: 'info' });
    applicant = new WebClient(app.url);
    const ids = await draftUpToEvidence(applicant);
    item = ids.find((id) => id.startsWith('school')) ?? ids[0] ?? '';
    assert.ok(item);
  });
  after(async () => {
    await app?.close();
    await clamd?.stop();
    rmSync(socketDir, { recursive: true, force: true });
  });

  const db = () => app.database.db;
  const draftDocuments = () => db().selectFrom('draft_documents').select(['file_name', 'sha256']).execute();
  const documents = () => db().selectFrom('documents').select(['file_name', 'sha256']).execute();
  /** Every stored file, decrypted: none may hold the EICAR string. */
  async function storedPlaintexts(): Promise<Buffer[]> {
    const blobs = createAgeBlobStore({ dir: join(app.dataDir, 'files'), identity: app.masterKey });
    const keys = filesUnder(join(app.dataDir, 'files'))
      .filter((p) => !p.includes(`${join(app.dataDir, 'files', 'tmp')}`))
      .map((p) => p.split('/').pop() ?? '');
    return Promise.all(keys.map(async (k) => buffer(await blobs.get(k))));
  }
  async function assertNoMalwareStored() {
    for (const plain of await storedPlaintexts())
      assert.equal(plain.includes(EICAR), false, 'no stored file holds the EICAR string');
    for (const file of filesUnder(app.dataDir))
      assert.equal(
        readFileSync(file).includes(EICAR),
        false,
        'no file in the data directory holds it either',
      );
  }
  const malwareAudits = () =>
    db().selectFrom('audit_log').selectAll().where('action', '=', 'upload.malware_refused').execute();

  test('/health/ready says the scanner answers', async () => {
    const ready = await (await fetch(`${app.url}/health/ready`)).json();
    assert.deepEqual(ready, { status: 'ok', virusScan: 'ok' });
  });

  test('the EICAR file by the form (no JavaScript): refused at the field, nothing stored', async () => {
    const before = (await storedPlaintexts()).length;
    const res = await applicant.uploadFiles('/antrag/hochladen', { evidenceItem: item }, [
      { field: 'datei', name: NAME, type: 'application/pdf', bytes: EICAR },
    ]);
    assert.equal(res.status, 303, res.body.slice(0, 300));
    assert.match(res.location ?? '', /fehler=infected/);
    assert.doesNotMatch(res.location ?? '', new RegExp(NAME_MARKER));
    const page = await applicant.get(res.location ?? '');
    assert.equal(page.status, 400);
    assert.ok(textOf(page.body).includes(INFECTED), 'the message is on the page');
    assert.deepEqual(await draftDocuments(), []);
    assert.equal((await storedPlaintexts()).length, before, 'the upload was deleted from the store');
    await assertNoMalwareStored();
  });

  test('a well-formed PDF with EICAR inside, by tus and in a form post of several files', async () => {
    const answer = await tusUpload(applicant, { evidenceItem: item }, NAME, infectedPdf());
    assert.equal(answer.error, 'infected');
    assert.equal(answer.documentId, '');
    assert.ok(
      textOf((await applicant.get(answer.redirect ?? '')).body).includes(INFECTED),
      'the page the client goes to names the reason',
    );
    const clean = await pdfkitLetter();
    const both = await applicant.uploadFiles('/antrag/hochladen', { evidenceItem: item }, [
      { field: 'datei', name: 'Zeugnis.pdf', type: 'application/pdf', bytes: clean },
      { field: 'datei', name: NAME, type: 'application/pdf', bytes: infectedPdf() },
    ]);
    assert.equal(both.status, 400, 'the answer names each file with its result');
    assert.ok(textOf(both.body).includes(INFECTED));
    const rows = await draftDocuments();
    assert.deepEqual(
      rows.map((r) => r.file_name),
      ['Zeugnis.pdf'],
      'only the clean file became a document',
    );
    await assertNoMalwareStored();
  });

  test('a clean PDF passes by tus too', async () => {
    const answer = await tusUpload(applicant, { evidenceItem: item }, 'Zeugnis-2.pdf', await pdfkitLetter());
    assert.equal(answer.error, undefined);
    assert.match(answer.documentId, /^[0-9a-f-]{36}$/);
    assert.equal((await draftDocuments()).length, 2);
  });

  test('every refusal is audited with the signature, never the file name; the log names only the signature', async () => {
    const rows = await malwareAudits();
    assert.equal(rows.length, 3);
    for (const row of rows) {
      const details = row.details as Record<string, unknown>;
      assert.equal(details.signature, EICAR_SIGNATURE);
      assert.equal(row.resource_type, 'draft');
      assert.doesNotMatch(JSON.stringify(row), new RegExp(NAME_MARKER));
    }
    const lines = app.logs.filter((l) => l.includes('Schadsoftware'));
    assert.equal(lines.length, 3);
    for (const line of lines) assert.ok(line.includes(EICAR_SIGNATURE));
    assert.equal(
      app.logs.some((l) => l.includes(NAME_MARKER)),
      false,
      'no file name in any log line',
    );
  });

  test('after submitting, and filed by the office: refused, never a document, never seen by staff', async () => {
    const filer = new WebClient(app.url);
    const ids = await draftUpToEvidence(filer, 'Yılmaz');
    await filer.post('/antrag/nachweise', {
      ...Object.fromEntries(ids.map((id) => [`evidence.${id}.status`, 'to_follow'])),
      action: 'continue',
    });
    assert.equal((await filer.post('/antrag/absenden')).status, 303);
    const laterItem = ids.find((id) => id.startsWith('school')) ?? ids[0] ?? '';
    const later = await filer.uploadFiles('/antrag/hochladen', { evidenceItem: laterItem, later: '1' }, [
      { field: 'datei', name: NAME, type: 'application/pdf', bytes: infectedPdf() },
    ]);
    assert.match(later.location ?? '', /nachreichen.*fehler=infected/);
    assert.ok(textOf((await filer.get(later.location ?? '')).body).includes(INFECTED));

    const caseRow = await db().selectFrom('cases').select('id').executeTakeFirstOrThrow();
    const clerk = await createStaffUser(
      app.database,
      { email: 'virus@example.org', name: 'Sachbearbeitung', role: 'office_clerk' },
      { masterKey: app.masterKey },
    );
    const office = new WebClient(app.url);
    await office.post('/anmelden', { email: clerk.email, password: clerk.password });
    const codePage = await office.get('/anmelden/code');
    const code = await totpCode(clerk, new Date());
    assert.equal((await office.post('/anmelden/code', { _csrf: csrfOf(codePage.body), code })).status, 303);
    const filePage = await office.get(`/geschaeftsstelle/faelle/${caseRow.id}`);
    const refused = await office.upload(
      '/geschaeftsstelle/hochladen',
      { _csrf: csrfOf(filePage.body), caseId: caseRow.id, category: 'correspondence' },
      { field: 'datei', name: NAME, type: 'application/pdf', bytes: EICAR },
    );
    assert.match(refused.location ?? '', /fehler=infected/);
    const shown = await office.get(refused.location ?? '');
    assert.ok(textOf(shown.body).includes(INFECTED));
    assert.equal(shown.body.includes(NAME_MARKER), false, 'the case file lists no such document');

    const infectedHashes = [sha256(EICAR), sha256(infectedPdf())];
    for (const d of await documents()) {
      assert.equal(infectedHashes.includes(d.sha256), false, 'no document is the infected file');
      assert.equal(d.file_name.includes(NAME_MARKER), false, `${d.file_name}: not the infected upload`);
    }
    const rows = await malwareAudits();
    assert.equal(rows.length, 5);
    assert.deepEqual(
      rows.slice(3).map((r) => [r.resource_type, r.resource_id, r.actor_role]),
      [
        ['case', caseRow.id, 'applicant'],
        ['case', caseRow.id, 'office_clerk'],
      ],
    );
    await assertNoMalwareStored();
  });

  test('scanner down: the upload is held back with a message; filed by itself once the scanner is back', {
    timeout: 90_000,
  }, async () => {
    await clamd.stop();
    const ready = await (await fetch(`${app.url}/health/ready`)).json();
    assert.deepEqual(ready, { status: 'ok', virusScan: 'unavailable' }, 'ready, but says scanning is down');
    const count = (await draftDocuments()).length;
    const pdf = await pdfkitLetter({ info: { Title: 'Zeugnis' } });
    const held = await applicant.uploadFiles('/antrag/hochladen', { evidenceItem: item }, [
      { field: 'datei', name: 'Zeugnis-3.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    assert.match(held.location ?? '', /fehler=scan_pending/);
    const page = await applicant.get(held.location ?? '');
    assert.match(textOf(page.body), HELD);
    const byTus = await tusUpload(applicant, { evidenceItem: item }, 'Zeugnis-3.pdf', pdf);
    assert.equal(byTus.error, 'scan_pending');
    assert.equal((await draftDocuments()).length, count, 'not accepted unchecked');
    // The draft and its other files are untouched.
    assert.match(
      (await applicant.get(`/antrag/nachweise/${encodeURIComponent(item)}`)).body,
      /Zeugnis-2\.pdf/,
    );
    assert.ok(app.logs.some((l) => l.includes('Virenprüfung nicht erreichbar')));

    clamd = await startClamd({ socket: join(socketDir, 'clamd.sock') });
    // Both held files (form and tus) are scanned again by the outbox and filed by themselves.
    for (let i = 0; i < 300 && (await draftDocuments()).length < count + 2; i++)
      await new Promise((r) => setTimeout(r, 200));
    assert.equal((await draftDocuments()).length, count + 2);
  });
});

describe('S5 without a configured scanner', () => {
  test('the app works as before and /health/ready says scanning is off', async () => {
    const app = await startSecurityApp();
    try {
      const ready = await (await fetch(`${app.url}/health/ready`)).json();
      assert.deepEqual(ready, { status: 'ok', virusScan: 'off' });
      const web = new WebClient(app.url);
      const ids = await draftUpToEvidence(web);
      const res = await web.uploadFiles('/antrag/hochladen', { evidenceItem: ids[0] ?? '' }, [
        { field: 'datei', name: 'Zeugnis.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
      ]);
      assert.match(res.location ?? '', /hochgeladen=1/);
    } finally {
      await app.close();
    }
  });
});
