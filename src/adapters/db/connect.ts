import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquirePidLock } from './lock.ts';
import type { Database } from './schema.ts';

// DATE columns stay 'YYYY-MM-DD' strings: pg would turn them into local-midnight Dates.
pg.types.setTypeParser(1082, (value: string) => value);

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The embedded instance, for backups (dumpDataDir); absent on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… — when set, a real PostgreSQL server is used. */
  databaseUrl?: string | undefined;
  /** Directory for the embedded database; 'memory://' keeps it in memory (tests). */
  pgliteDir: string;
  poolSize?: number;
  /** A dumpDataDir() tarball to start the embedded database from (tests). */
  loadDataDir?: Blob;
}

/** Opens the database: PostgreSQL when a URL is configured, else embedded PGlite behind a pid lock. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on('error', () => {
      // An idle client lost its connection; the pool replaces it on the next checkout.
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const inMemory = options.pgliteDir.startsWith('memory://');
  let release = () => {};
  if (!inMemory) {
    mkdirSync(options.pgliteDir, { recursive: true });
    release = acquirePidLock(join(options.pgliteDir, '..', `${basename(options.pgliteDir)}.lock`));
  }
  try {
    const pglite = await PGlite.create(inMemory ? undefined : options.pgliteDir, {
      extensions: { unaccent, pg_trgm },
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    // One connection only: a second pg "connection" over PGlite would share its session.
    const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await db.destroy();
        await pglite.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

function basename(path: string): string {
  return path.replace(/\/+$/, '').split('/').pop() ?? 'db';
}
