/**
 * Backup and restore of one installation: the database and the encrypted file store, with a
 * manifest of checksums (`manifest.json`, and `SHA256SUMS` for `sha256sum -c`).
 *
 * Consistency. Stored files are immutable and named by a random key; a row never points to a file
 * before the file is fsynced under its final name (the store writes first, the use case commits
 * after), and a file is deleted only after the rows pointing to it are gone (blob_deletions). So a
 * database snapshot taken first and the files copied afterwards are consistent, except for one race:
 * a file deleted (retention, expired draft) between the snapshot and its copy. The backup therefore
 * lists the files the snapshot refers to, in the snapshot's own transaction, checks after copying that
 * each of them was copied, and takes the snapshot again if one was deleted meanwhile.
 *   - PostgreSQL: a repeatable-read transaction exports its snapshot; `pg_dump --snapshot` dumps
 *     exactly that state while the application keeps running.
 *   - PGlite: the backup opens the data directory itself, so the server must be stopped (its lock
 *     refuses a second process); `dumpDataDir` writes the whole cluster as a tarball.
 * Not in the backup: the master key (keep it separately: without it no file can be read), unfinished
 * uploads' temp files, the development mailbox.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Kysely, sql } from 'kysely';
import type { BlobStore } from '../../application/ports.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { fsyncDir } from '../durable-fs.ts';

export const MANIFEST = 'manifest.json';
const FORMAT = 'hfk-backup';
const KEY = /^[0-9a-f]{32}$/;
const SHARD = /^[0-9a-f]{2}$/;

export interface BackupFile {
  /** Path inside the backup, e.g. `files/ab/ab12…`. */
  path: string;
  size: number;
  /** SHA-256 of the bytes as stored (the age ciphertext for files). */
  sha256: string;
}

export interface BackupManifest {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  database: { kind: 'pglite' | 'postgres'; file: BackupFile; migrations: string[] };
  counts: { cases: number; documents: number; drafts: number };
  /** Every stored file, copied byte for byte. */
  files: BackupFile[];
  /** Keys of the files the database refers to (each is among `files`). */
  referenced: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

// --- helpers ----------------------------------------------------------------------------------

async function sha256OfFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Copies a file durably (temp name, fsync, rename, fsync of the directory) and answers its hash. */
async function copyDurably(from: string, to: string): Promise<{ sha256: string; size: number }> {
  await mkdir(dirname(to), { recursive: true, mode: 0o700 });
  const tmp = `${to}.part`;
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    createReadStream(from),
    async function* (source) {
      for await (const chunk of source) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
        yield chunk;
      }
    },
    createWriteStream(tmp, { mode: 0o600 }),
  );
  await syncFile(tmp);
  await rename(tmp, to);
  await fsyncDir(dirname(to));
  return { sha256: hash.digest('hex'), size };
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeDurably(path: string, data: string | Buffer): Promise<void> {
  await writeFile(`${path}.part`, data, { mode: 0o600 });
  await syncFile(`${path}.part`);
  await rename(`${path}.part`, path);
  await fsyncDir(dirname(path));
}

/** Keys of every stored file in the file store (`<dir>/<2 hex>/<32 hex>`; `tmp/` left out). */
async function storedKeys(filesDir: string): Promise<string[]> {
  const keys: string[] = [];
  for (const shard of await readdir(filesDir).catch(() => [] as string[])) {
    if (!SHARD.test(shard)) continue;
    for (const name of await readdir(join(filesDir, shard))) {
      if (KEY.test(name) && name.startsWith(shard)) keys.push(name);
    }
  }
  return keys.sort();
}

const filePath = (key: string) => `files/${key.slice(0, 2)}/${key}`;

/** The keys of all files the database refers to: every `…blob_key` column (the deletion queue left out). */
export async function referencedKeys(db: Kysely<Database>): Promise<Set<string>> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema()
      AND (column_name = 'blob_key' OR column_name LIKE '%\\_blob\\_key')
      AND table_name <> 'blob_deletions'`.execute(db);
  const keys = new Set<string>();
  for (const c of columns.rows) {
    const rows = await sql<{ key: string }>`SELECT DISTINCT ${sql.ref(c.column_name)} AS key
      FROM ${sql.table(c.table_name)} WHERE ${sql.ref(c.column_name)} IS NOT NULL`.execute(db);
    for (const r of rows.rows) keys.add(r.key);
  }
  return keys;
}

async function facts(db: Kysely<Database>) {
  const count = async (table: 'cases' | 'documents' | 'drafts') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((e) => e.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const migrations = (await db.selectFrom('schema_migrations').select('name').orderBy('name').execute()).map(
    (m) => m.name,
  );
  return {
    counts: {
      cases: await count('cases'),
      documents: await count('documents'),
      drafts: await count('drafts'),
    },
    migrations,
  };
}

/** libpq environment for a postgres:// URL, so that no password appears in a process list. */
export function pgEnvironment(databaseUrl: string): NodeJS.ProcessEnv {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE', 'PGSSLMODE']) delete env[k];
  if (url.hostname) env.PGHOST = decodeURIComponent(url.hostname);
  if (url.port) env.PGPORT = url.port;
  if (url.username) env.PGUSER = decodeURIComponent(url.username);
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (name) env.PGDATABASE = name;
  const host = url.searchParams.get('host');
  if (host) env.PGHOST = host;
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/** Runs a PostgreSQL client tool; its messages (never our data) go into the error. */
function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    child.once('error', (error) =>
      reject(
        new BackupError(
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? `${tool} fehlt: apt-get install postgresql-client (Version ≥ der des Servers)`
            : `${tool}: ${error.message}`,
        ),
      ),
    );
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${tool} endete mit ${code}: ${stderr.trim()}`)),
    );
  });
}

async function emptyOrMissing(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return true;
  return (await readdir(dir)).length === 0;
}

// --- backup -----------------------------------------------------------------------------------

export interface BackupOptions {
  database: DatabaseHandle;
  /** Set for PostgreSQL: pg_dump connects with it. */
  databaseUrl?: string | undefined;
  filesDir: string;
  /** The backup directory: must not exist yet or be empty. */
  target: string;
  now?: () => Date;
  /** Called between the snapshot and the file copy (tests use it to delete a file meanwhile). */
  afterSnapshot?: () => Promise<void>;
}

export interface BackupReport {
  manifest: BackupManifest;
  attempts: number;
}

/** Backs up database and files into `target`; the manifest is written last (no manifest, no backup). */
export async function createBackup(options: BackupOptions): Promise<BackupReport> {
  const { target, database } = options;
  if (!(await emptyOrMissing(target)))
    throw new BackupError(`Das Sicherungsverzeichnis ${target} ist nicht leer.`);
  await mkdir(target, { recursive: true, mode: 0o700 });
  for (let attempt = 1; attempt <= 3; attempt++) {
    // A previous attempt's files stay valid (files never change); only the database is taken again.
    const snap = await snapshotDatabase(options);
    await options.afterSnapshot?.();
    const files: BackupFile[] = [];
    const copied = new Set<string>();
    for (const key of await storedKeys(options.filesDir)) {
      const path = filePath(key);
      let copy: { sha256: string; size: number };
      try {
        copy = existsSync(join(target, path))
          ? await sha256OfFile(join(target, path))
          : await copyDurably(join(options.filesDir, key.slice(0, 2), key), join(target, path));
      } catch (error) {
        // Deleted between listing and copying: fine unless the snapshot refers to it (checked below).
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      files.push({ path, ...copy });
      copied.add(key);
    }
    const missing = [...snap.referenced].filter((k) => !copied.has(k));
    if (missing.length > 0) {
      // Referenced by the snapshot but gone from the store: a deletion ran meanwhile, or the store lacks files.
      if (attempt < 3) continue;
      throw new BackupError(
        `${missing.length} Datei(en), auf die die Datenbank verweist, fehlen im Dateispeicher (${options.filesDir}).`,
      );
    }
    // Copies of files the final snapshot no longer knows about are kept: harmless, and listed.
    const manifest: BackupManifest = {
      format: FORMAT,
      version: 1,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      database: { kind: database.kind, file: snap.file, migrations: snap.migrations },
      counts: snap.counts,
      files,
      referenced: snap.referenced.size,
    };
    const sums = [snap.file, ...files].map((f) => `${f.sha256}  ${f.path}`).join('\n');
    await writeDurably(join(target, 'SHA256SUMS'), `${sums}\n`);
    await writeDurably(join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return { manifest, attempts: attempt };
  }
  throw new BackupError('Sicherung nicht möglich.');
}

async function snapshotDatabase(options: BackupOptions) {
  const { database, target } = options;
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new BackupError('Eingebettete Datenbank nicht geöffnet.');
    const referenced = await referencedKeys(database.db);
    const { counts, migrations } = await facts(database.db);
    const dump = await database.pglite.dumpDataDir('gzip');
    const path = 'database.tar.gz';
    await writeDurably(join(target, path), Buffer.from(await dump.arrayBuffer()));
    return { referenced, counts, migrations, file: { path, ...(await sha256OfFile(join(target, path))) } };
  }
  if (!options.databaseUrl) throw new BackupError('DATABASE_URL fehlt.');
  const path = 'database.pgdump';
  const out = join(target, path);
  await rm(out, { force: true });
  const env = pgEnvironment(options.databaseUrl);
  const result = await database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const exported = await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(trx);
      const id = exported.rows[0]?.id ?? '';
      const referenced = await referencedKeys(trx);
      const f = await facts(trx);
      // The dump sees exactly this transaction's snapshot while the application keeps writing.
      await runTool('pg_dump', ['--format=custom', `--snapshot=${id}`, '--no-owner', `--file=${out}`], env);
      return { referenced, ...f };
    });
  await syncFile(out);
  return { ...result, file: { path, ...(await sha256OfFile(out)) } };
}

// --- verify and restore -----------------------------------------------------------------------

/** Reads the manifest and checks every file of the backup against it. */
export async function verifyBackup(
  source: string,
): Promise<{ manifest: BackupManifest; problems: string[] }> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(source, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${join(source, MANIFEST)} fehlt oder ist unlesbar: keine vollständige Sicherung.`);
  }
  if (manifest.format !== FORMAT || manifest.version !== 1)
    throw new BackupError('Unbekanntes Sicherungsformat.');
  const problems: string[] = [];
  for (const f of [manifest.database.file, ...manifest.files]) {
    if (!/^(database\.(tar\.gz|pgdump)|files\/[0-9a-f]{2}\/[0-9a-f]{32})$/.test(f.path)) {
      problems.push(`unzulässiger Pfad im Manifest: ${f.path}`);
      continue;
    }
    const got = await sha256OfFile(join(source, f.path)).catch(() => null);
    if (!got) problems.push(`${f.path}: fehlt`);
    else if (got.sha256 !== f.sha256 || got.size !== f.size)
      problems.push(`${f.path}: Prüfsumme stimmt nicht`);
  }
  return { manifest, problems };
}

export interface RestoreTarget {
  kind: 'pglite' | 'postgres';
  /** The embedded database's directory (PGlite). */
  pgliteDir: string;
  databaseUrl?: string | undefined;
  filesDir: string;
  /** Opens the restored database (PGlite: from its directory; PostgreSQL: the URL). */
  open(loadDataDir?: Blob): Promise<DatabaseHandle>;
}

export interface RestoreReport {
  manifest: BackupManifest;
  files: number;
}

/**
 * Restores a verified backup onto a fresh installation: refuses a damaged backup, a non-empty file
 * store, an existing embedded database or a PostgreSQL database that already has tables.
 */
export async function restoreBackup(source: string, target: RestoreTarget): Promise<RestoreReport> {
  const { manifest, problems } = await verifyBackup(source);
  if (problems.length > 0)
    throw new BackupError(
      `Die Sicherung ist beschädigt (${problems.length} Befunde), zum Beispiel: ${problems[0]}`,
    );
  if (manifest.database.kind !== target.kind)
    throw new BackupError(
      `Die Sicherung stammt aus ${manifest.database.kind === 'pglite' ? 'der eingebetteten Datenbank (PGlite)' : 'PostgreSQL'}; ` +
        'eine Rücksicherung geht nur auf dieselbe Art von Datenbank.',
    );
  if (!(await emptyOrMissing(target.filesDir)))
    throw new BackupError(
      `Der Dateispeicher ${target.filesDir} ist nicht leer: nur auf eine frische Installation.`,
    );
  if (target.kind === 'pglite' && !(await emptyOrMissing(target.pgliteDir)))
    throw new BackupError(
      `Die eingebettete Datenbank ${target.pgliteDir} existiert schon: nur auf eine frische Installation.`,
    );
  if (target.kind === 'postgres') {
    const db = await target.open();
    try {
      const tables = await sql<{ n: string }>`SELECT count(*) AS n FROM information_schema.tables
        WHERE table_schema = current_schema()`.execute(db.db);
      if (Number(tables.rows[0]?.n ?? 0) > 0)
        throw new BackupError('Die Zieldatenbank enthält schon Tabellen: nur in eine leere Datenbank.');
    } finally {
      await db.close();
    }
  }

  // Files first: a restore that stops halfway leaves no database pointing to missing files.
  for (const f of manifest.files) {
    const key = f.path.split('/').pop() ?? '';
    const copy = await copyDurably(join(source, f.path), join(target.filesDir, key.slice(0, 2), key));
    if (copy.sha256 !== f.sha256) throw new BackupError(`${f.path}: beim Kopieren verändert`);
  }
  const dumpPath = join(source, manifest.database.file.path);
  if (target.kind === 'pglite') {
    const data = await readFile(dumpPath);
    const handle = await target.open(new Blob([new Uint8Array(data)]));
    await handle.close();
  } else {
    if (!target.databaseUrl) throw new BackupError('DATABASE_URL fehlt.');
    await runTool(
      'pg_restore',
      // The connection comes from the environment (PGHOST, PGPASSWORD, …), never from the command line.
      [
        '--exit-on-error',
        '--single-transaction',
        '--no-owner',
        '--no-privileges',
        `--dbname=${pgEnvironment(target.databaseUrl).PGDATABASE ?? ''}`,
        dumpPath,
      ],
      pgEnvironment(target.databaseUrl),
    );
  }
  // Every file the restored database refers to is in the store.
  const db = await target.open();
  try {
    const referenced = await referencedKeys(db.db);
    const present = new Set(await storedKeys(target.filesDir));
    const missing = [...referenced].filter((k) => !present.has(k));
    if (missing.length > 0)
      throw new BackupError(`${missing.length} Datei(en) fehlen nach der Rücksicherung.`);
  } finally {
    await db.close();
  }
  return { manifest, files: manifest.files.length };
}

/**
 * Decrypts every document and draft file the database records and compares it with its recorded
 * SHA-256 and size (needs the master key). Answers how many were checked and which differ.
 */
export async function verifyDocuments(
  db: Kysely<Database>,
  blobs: BlobStore,
): Promise<{ checked: number; bad: string[] }> {
  const rows = [
    ...(await db.selectFrom('documents').select(['id', 'blob_key', 'sha256', 'size']).execute()),
    ...(await db.selectFrom('draft_documents').select(['id', 'blob_key', 'sha256', 'size']).execute()),
  ];
  const bad: string[] = [];
  for (const r of rows) {
    const hash = createHash('sha256');
    let size = 0;
    try {
      for await (const chunk of await blobs.get(r.blob_key)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      if (hash.digest('hex') !== r.sha256 || size !== Number(r.size)) bad.push(r.id);
    } catch {
      bad.push(r.id);
    }
  }
  return { checked: rows.length, bad };
}
