/**
 * A fresh, migrated database with reference data for one test: embedded PGlite by default,
 * or a new database on the PostgreSQL server named by DATABASE_URL (dropped afterwards).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/adapters/db/connect.ts';
import { MIGRATIONS_DIR, migrate } from '../../src/adapters/db/migrate.ts';
import { seedReferenceData } from '../../src/adapters/db/seed-reference.ts';

export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of this test's own database, when running against PostgreSQL. */
  url?: string;
}

function migrationsFingerprint(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR).sort())
    h.update(f).update(readFileSync(join(MIGRATIONS_DIR, f)));
  return h.digest('hex').slice(0, 16);
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `hfk_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), pgliteDir: 'memory://', poolSize: 5 });
    await migrate(handle.db);
    await seedReferenceData(handle.db);
    return {
      ...handle,
      url: url.toString(),
      close: async () => {
        await handle.close();
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  // initdb takes seconds; a migrated template dumped once per migration set is loaded in a fraction.
  const template = join(tmpdir(), `hfk-pglite-template-${migrationsFingerprint()}.tar.gz`);
  if (existsSync(template)) {
    return openDatabase({ pgliteDir: 'memory://', loadDataDir: new Blob([readFileSync(template)]) });
  }
  const handle = await openDatabase({ pgliteDir: 'memory://' });
  await migrate(handle.db);
  await seedReferenceData(handle.db);
  const dump = await handle.pglite?.dumpDataDir('gzip');
  if (dump) {
    const tmp = `${template}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, template);
  }
  return handle;
}
