/**
 * R6 of the quality bar: `npm run cli -- backup <dir>` and `restore <dir>` on the real installation
 * (the server as its own process, PGlite on disk or PostgreSQL with DATABASE_URL). Applications with
 * PDFs are filed and their receipts issued, the installation is backed up (on PostgreSQL while the
 * server runs and takes another application), restored onto a fresh data directory and database, and
 * the app started on it: every case, document row and stored file is there with the same checksums,
 * each applicant's resume link shows the case and the receipt PDF is byte-identical; the application
 * filed after the backup is not. A damaged backup, a non-empty target and a store that lacks a file
 * the database refers to are refused.
 */
import assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { WebClient } from '../support/web-client.ts';
import {
  type AppProcess,
  freePort,
  freshDatabase,
  type Installation,
  runCli,
  sleep,
  startServer,
} from './support/app-process.ts';
import { type Applicant, clientFor, newApplicant, prepare, submit } from './support/applicants.ts';
import { openInstallationDb, snapshot } from './support/inspect.ts';

const DB = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const online = DB === 'PostgreSQL';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
});

async function installation(masterKey: string): Promise<Installation> {
  const database = await freshDatabase();
  cleanups.push(() => database.drop());
  const dataDir = mkdtempSync(join(tmpdir(), 'hfk-backup-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  return {
    dataDir,
    ...(database.url ? { databaseUrl: database.url } : {}),
    masterKey,
    env: { TRUST_PROXY: 'true' },
  };
}

async function server(inst: Installation): Promise<AppProcess & { url: string }> {
  const s = await startServer(inst, await freePort());
  cleanups.push(() => s.kill());
  return s;
}

async function file(url: string, n: number): Promise<Applicant> {
  const a = newApplicant(n);
  await prepare(clientFor(url, a), a);
  await submit(clientFor(url, a), a, 1);
  return a;
}

async function receipt(url: string, a: Applicant): Promise<Buffer> {
  const web = clientFor(url, a);
  for (let i = 0; ; i++) {
    const page = await web.get('/antrag/bestaetigung');
    if (page.body.includes('/antrag/eingangsbestaetigung.pdf')) break;
    assert.ok(i < 240, `#${a.n}: no receipt`);
    await sleep(250);
  }
  const pdf = await web.download('/antrag/eingangsbestaetigung.pdf');
  assert.equal(pdf.status, 200);
  return pdf.bytes;
}

async function documentRows(inst: Installation) {
  const h = await openInstallationDb(inst);
  try {
    return (
      await h.db
        .selectFrom('documents')
        .select(['id', 'case_id', 'category', 'sha256', 'size', 'blob_key'])
        .orderBy('id')
        .execute()
    ).map((r) => ({ ...r, size: Number(r.size) }));
  } finally {
    await h.close();
  }
}

describe(`R6: backup and restore (${DB})`, () => {
  test('a backup restored onto a fresh installation gives every case and file back', {
    timeout: 240_000,
  }, async () => {
    const masterKey = await generateIdentity();
    const original = await installation(masterKey);
    let app = await server(original);
    const filed = [await file(app.url, 1), await file(app.url, 2), await file(app.url, 3)];
    const receipts = new Map<number, Buffer>();
    for (const a of filed) receipts.set(a.n, await receipt(app.url, a));

    const backupDir = join(mkdtempSync(join(tmpdir(), 'hfk-backup-set-')), 'sicherung');
    cleanups.push(() => rmSync(join(backupDir, '..'), { recursive: true, force: true }));
    if (!online) {
      // The embedded database has one process: a backup while the server runs is refused, not corrupting.
      const refused = await runCli(original, ['backup', backupDir]);
      assert.equal(refused.code, 75, refused.output);
      assert.match(refused.output, /beenden Sie den Server/);
      assert.equal(existsSync(join(backupDir, 'manifest.json')), false);
      assert.equal(await app.stop(), 0);
    }
    const made = await runCli(original, ['backup', backupDir]);
    assert.equal(made.code, 0, made.output);
    assert.match(made.output, /3 Verfahren/);
    assert.match(made.output, /Hauptschlüssel ist NICHT enthalten/);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'));
    assert.equal(manifest.database.kind, online ? 'postgres' : 'pglite');
    assert.ok(!readFileSync(join(backupDir, 'manifest.json'), 'utf8').includes(masterKey.slice(16, 40)));

    // After the backup (PostgreSQL: the server ran through it) another application is filed.
    if (!online) app = await server(original);
    const later = await file(app.url, 4);
    await receipt(app.url, later);
    assert.equal(await app.stop(), 0);

    // A second installation: empty data directory, empty database, the same master key.
    const restored = await installation(masterKey);
    const back = await runCli(restored, ['restore', backupDir]);
    assert.equal(back.code, 0, back.output);
    assert.match(back.output, /Prüfsummen stimmen/);
    assert.match(back.output, /Dokumente entschlüsselt: alle SHA-256 stimmen/);

    // Every document row and every stored file of the backup's moment, with the same checksums.
    const before = await documentRows(original);
    const after_ = await documentRows(restored);
    const laterCase = (await snapshot(original)).cases.find((c) => c.caseNumber === later.caseNumbers[0]);
    assert.ok(laterCase);
    assert.deepEqual(
      after_,
      before.filter((d) => d.case_id !== laterCase.id),
      'the same document rows, hashes and file keys',
    );
    const state = await snapshot(restored);
    assert.deepEqual(state.problems, [], 'every restored file decrypts to its recorded SHA-256');
    assert.ok(state.filesChecked >= 3 * 4, `${state.filesChecked} files checked`);
    assert.deepEqual(state.cases.map((c) => c.caseNumber).sort(), filed.map((a) => a.caseNumbers[0]).sort());
    for (const f of manifest.files as { path: string; sha256: string }[]) {
      assert.ok(existsSync(join(restored.dataDir, f.path)), `${f.path} restored`);
    }

    // The app on the restored installation: resume links, status pages and receipts as before.
    const restoredApp = await server(restored);
    for (const a of filed) {
      const web = new WebClient(restoredApp.url);
      const resumed = await web.get(`/antrag/fortsetzen/${a.token}`);
      assert.equal(resumed.location, '/antrag/bestaetigung');
      assert.match((await web.get('/antrag/bestaetigung')).body, new RegExp(a.caseNumbers[0] ?? '?'));
      const pdf = await web.download('/antrag/eingangsbestaetigung.pdf');
      assert.ok(pdf.bytes.equals(receipts.get(a.n) ?? Buffer.alloc(0)), `#${a.n}: receipt byte-identical`);
    }
    const gone = await new WebClient(restoredApp.url).get(`/antrag/fortsetzen/${later.token}`);
    assert.equal(gone.status, 404, 'what was filed after the backup is not in it');
    assert.equal(await restoredApp.stop(), 0);
    const audit = await runCli(restored, ['audit', 'verify']);
    assert.equal(audit.code, 0, audit.output);

    // Refusals: a target that is not fresh, a damaged backup, a store that lacks a referenced file.
    const again = await runCli(restored, ['restore', backupDir]);
    assert.equal(again.code, 1);
    assert.match(again.output, /nicht leer|existiert schon|schon Tabellen/);

    const damagedDir = join(backupDir, '..', 'beschaedigt');
    cpSync(backupDir, damagedDir, { recursive: true });
    const victim = join(damagedDir, (manifest.files as { path: string }[])[0]?.path ?? '');
    const bytes = readFileSync(victim);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    writeFileSync(victim, bytes);
    const third = await installation(masterKey);
    const damaged = await runCli(third, ['restore', damagedDir]);
    assert.equal(damaged.code, 1, damaged.output);
    assert.match(damaged.output, /beschädigt/);
    assert.deepEqual(
      existsSync(join(third.dataDir, 'files')) ? readdirSync(join(third.dataDir, 'files')) : [],
      [],
    );

    const referenced = after_[0]?.blob_key ?? '';
    unlinkSync(join(restored.dataDir, 'files', referenced.slice(0, 2), referenced));
    const incomplete = await runCli(restored, ['backup', join(backupDir, '..', 'unvollstaendig')]);
    assert.equal(incomplete.code, 1, incomplete.output);
    assert.match(incomplete.output, /fehlen im Dateispeicher/);
  });
});
