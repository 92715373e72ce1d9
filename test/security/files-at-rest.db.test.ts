/**
 * S10 – files at rest. After an application with a PDF carrying a marker in plain text, a phone photo,
 * the receipt and the application copy (names, reasons), every file under the data directory is read
 * raw: none holds the marker, a name, or any stretch of the bytes of a stored document (its
 * plaintext, decrypted with Debian's `age`, the documented recovery path) or of the original upload.
 * The identity key is in neither the database nor the data directory.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { pdfkitLetter, phoneJpeg } from '../../src/adapters/scan/test-support.ts';
import { WebClient } from '../support/web-client.ts';
import {
  caseIdOf,
  fileApplicationWith,
  type SecurityApp,
  startSecurityApp,
  waitFor,
  waitForReceipt,
} from './support.ts';

const MARKER = 'XqRestMarkerKlartext';
const NAME = 'Xqrestfamilie';
const REASON = 'Xqrestbegruendung';

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** Stretches of `bytes` at evenly spread offsets: if a file held the plaintext, it would hold these. */
function windows(bytes: Buffer, count = 16, size = 24): Buffer[] {
  const out: Buffer[] = [];
  if (bytes.length <= size) return [bytes];
  for (let i = 0; i < count; i++) {
    const at = Math.floor(((bytes.length - size) * i) / (count - 1));
    const w = bytes.subarray(at, at + size);
    // A window of one repeated byte (padding, zeros) says nothing about the content.
    if (new Set(w).size > 4) out.push(w);
  }
  return out;
}

const haveAge = spawnSync('age', ['--version']).error === undefined;

describe('S10 files at rest', () => {
  let sec: SecurityApp;
  let original: { pdf: Buffer; photo: Buffer };
  let caseId: string;
  before(async () => {
    sec = await startSecurityApp();
    original = {
      pdf: await pdfkitLetter({ compress: false, info: { Title: MARKER, Subject: `${MARKER} Befund` } }),
      photo: await phoneJpeg(),
    };
    assert.ok(original.pdf.includes(MARKER), 'the marker is in the upload as plain text');
    const { caseNumber } = await fileApplicationWith(
      new WebClient(sec.url),
      { familyName: NAME, humanitarianReasons: `${REASON}: schwer krank.` },
      [
        { item: 'medical_report', name: 'Befund.pdf', type: 'application/pdf', bytes: original.pdf },
        { item: 'school', name: 'Zeugnis.jpg', type: 'image/jpeg', bytes: original.photo },
      ],
    );
    caseId = await caseIdOf(sec.database, caseNumber);
    await waitForReceipt(sec.database, caseId);
    // The notice of the new application to the authority is a letter, filed as a document too.
    await waitFor(
      'the letter to the authority',
      async () =>
        (await sec.database.db
          .selectFrom('documents')
          .select('id')
          .where('case_id', '=', caseId)
          .where('category', '=', 'letter')
          .executeTakeFirst()) ?? null,
    );
  });
  after(() => sec?.close());

  test('every stored document is an age file that only the identity opens, to exactly its bytes', async (t) => {
    if (!haveAge) {
      if (process.env.CI === 'true') throw new Error('age fehlt (apt-get install age)');
      t.skip('age fehlt (Debian-Paket age)');
      return;
    }
    const docs = await sec.database.db
      .selectFrom('documents')
      .select(['blob_key', 'sha256', 'category'])
      .where('case_id', '=', caseId)
      .execute();
    assert.deepEqual(docs.map((d) => d.category).sort(), [
      'application_copy',
      'letter',
      'medical_report',
      'receipt',
      'school',
    ]);
    const keyDir = mkdtempSync(join(tmpdir(), 'hfk-key-'));
    t.after(() => rmSync(keyDir, { recursive: true, force: true }));
    const keyFile = join(keyDir, 'identity.txt');
    writeFileSync(keyFile, `${sec.masterKey}\n`, { mode: 0o600 });
    const files = walk(join(sec.dataDir, 'files'));
    for (const doc of docs) {
      const file = files.find((f) => f.endsWith(doc.blob_key));
      assert.ok(file, `a file for ${doc.category}`);
      const raw = readFileSync(file);
      assert.equal(raw.subarray(0, 22).toString(), 'age-encryption.org/v1\n', `${doc.category}: an age file`);
      const opened = spawnSync('age', ['-d', '-i', keyFile, file], { maxBuffer: 64 * 1024 * 1024 });
      assert.equal(opened.status, 0, String(opened.stderr));
      assert.equal(createHash('sha256').update(opened.stdout).digest('hex'), doc.sha256, doc.category);
      const other = spawnSync('age', ['-d', '-i', '/dev/stdin', file], {
        input: `${spawnSync('age-keygen').stdout}`,
      });
      assert.notEqual(other.status, 0, `${doc.category}: another key cannot open it`);
    }
  });

  test('no file under the data directory holds a marker, a name or a stretch of a document', async () => {
    const store = sec.dataDir;
    // Plaintexts of everything stored: decrypted through the app's own store for every document.
    const { createAgeBlobStore } = await import('../../src/adapters/files/age-blob-store.ts');
    const { buffer } = await import('node:stream/consumers');
    const blobs = createAgeBlobStore({ dir: join(store, 'files'), identity: sec.masterKey });
    const keys = [
      ...(await sec.database.db.selectFrom('documents').select('blob_key').execute()),
      ...(await sec.database.db.selectFrom('draft_documents').select('blob_key').execute()),
    ].map((r) => r.blob_key);
    const plaintexts = await Promise.all(keys.map(async (k) => buffer(await blobs.get(k))));
    assert.ok(
      plaintexts.some((p) => p.includes(MARKER)),
      'the stored PDF still holds the marker inside',
    );
    const needles: [string, Buffer][] = [
      ['marker', Buffer.from(MARKER)],
      ['marker UTF-16', Buffer.from(`\ufeff${MARKER}`, 'utf16le').swap16()],
      ['name', Buffer.from(NAME)],
      ['reason', Buffer.from(REASON)],
      ...windows(original.pdf).map((w, i): [string, Buffer] => [`upload PDF window ${i}`, w]),
      ...windows(original.photo).map((w, i): [string, Buffer] => [`upload photo window ${i}`, w]),
      ...plaintexts.flatMap((p, n) =>
        windows(p).map((w, i): [string, Buffer] => [`stored #${n} window ${i}`, w]),
      ),
    ];
    // The mailbox folder stands in for the SMTP server (outgoing mail), not for the file store.
    const files = walk(store).filter((f) => !relative(store, f).startsWith('mail/'));
    assert.ok(files.length >= 4, `${files.length} files`);
    for (const file of files) {
      const raw = readFileSync(file);
      for (const [what, needle] of needles)
        assert.equal(raw.includes(needle), false, `${what} in plain text in ${relative(store, file)}`);
    }
  });

  test('the identity key is outside the database and the data directory', async () => {
    const secret = sec.masterKey;
    assert.match(secret, /^AGE-SECRET-KEY-1/);
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
      sec.database.db,
    );
    assert.ok(tables.rows.length > 10);
    for (const { table_name } of tables.rows) {
      const rows = await sql<{
        row: string;
      }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table_name)} t`.execute(sec.database.db);
      for (const { row } of rows.rows) {
        assert.ok(!row.includes(secret), `the key in ${table_name}`);
        assert.ok(!row.toUpperCase().includes(secret.slice(16, 40)), `part of the key in ${table_name}`);
      }
    }
    for (const file of walk(sec.dataDir))
      assert.ok(!readFileSync(file).includes(secret.slice(16)), `the key in ${relative(sec.dataDir, file)}`);
  });
});
