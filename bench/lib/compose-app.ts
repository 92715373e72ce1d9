/**
 * The real web application with the online application, built as src/main/compose.ts builds it
 * (services, upload store, outbox worker unless WORKER=off), LOG_LEVEL silent — with one difference:
 * the rate limit. Used by bench/servers/app.ts (a server child) and by bench/breakdown.ts (in-process).
 *
 * composeApp() passes no rateLimitPerMinute, so @fastify/rate-limit allows 600 requests per minute
 * and IP; under load from one loopback address nearly every answer would be a 429. This file
 * therefore calls buildApp() with exactly the deps composeApp() uses and a limit no run can reach:
 * the plugin still runs on every request, it just never refuses. Keep in step with src/main/compose.ts.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { documentRequestReader } from '../../src/adapters/db/case-desk.ts';
import { type DatabaseHandle, openDatabase } from '../../src/adapters/db/connect.ts';
import { migrate } from '../../src/adapters/db/migrate.ts';
import { filedCaseLookup } from '../../src/adapters/db/receipt-records.ts';
import { authorityDirectory } from '../../src/adapters/db/reference-repository.ts';
import { seedReferenceData } from '../../src/adapters/db/seed-reference.ts';
import {
  renderDataConsent,
  renderMedicalRelease,
  renderPowerOfAttorney,
} from '../../src/adapters/pdf/index.ts';
import { loadProfile } from '../../src/adapters/reference/profiles.ts';
import { signedForm } from '../../src/application/forms.ts';
import { type Config, loadConfig } from '../../src/config/config.ts';
import { loadDescriptions, nationalityOptions } from '../../src/main/compose.ts';
import { createOutboxWorker, createServices, type Services } from '../../src/main/services.ts';
import { buildApp } from '../../src/web/app.tsx';
import { createTestDatabase } from '../../test/support/db.ts';

/**
 * memory: fresh migrated in-memory PGlite (as the tests use); file: PGlite in DATA_DIR/db, migrated
 * on start (as `npm start` runs it); postgres: a fresh database on the server of `postgresUrl`, opened
 * with the pool `npm start` uses (openDatabase's default size), dropped on close.
 */
export type BenchDatabase = 'memory' | 'file' | 'postgres';

export interface BenchAppOptions {
  dataDir: string;
  database: BenchDatabase;
  postgresUrl?: string | undefined;
  worker: 'off' | 'inline';
  uploadMaxMb?: string | undefined;
  applicationMaxMb?: string | undefined;
}

export interface BenchApp {
  app: FastifyInstance;
  config: Config;
  database: DatabaseHandle;
  services: Services;
  /** Stops / restarts the in-process outbox worker (no-ops with worker 'off'). */
  pauseWorker(): Promise<void>;
  resumeWorker(): void;
  close(): Promise<void>;
}

async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function openPostgres(serverUrl: string): Promise<DatabaseHandle> {
  const name = `hfk_bench_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), pgliteDir: 'memory://' });
  await migrate(handle.db);
  await seedReferenceData(handle.db);
  return {
    ...handle,
    async close() {
      await handle.close();
      await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function openBenchDatabase(options: BenchAppOptions, config: Config): Promise<DatabaseHandle> {
  if (options.database === 'postgres') {
    if (!options.postgresUrl) throw new Error('PostgreSQL ohne URL');
    return openPostgres(options.postgresUrl);
  }
  if (options.database === 'file') {
    const handle = await openDatabase({ pgliteDir: config.paths.pglite });
    await migrate(handle.db);
    await seedReferenceData(handle.db);
    return handle;
  }
  // The harness's own DATABASE_URL must not turn the in-memory default into a server database.
  const saved = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
  try {
    return await createTestDatabase();
  } finally {
    if (saved !== undefined) process.env.DATABASE_URL = saved;
  }
}

const formRenderer = {
  dataConsent: (person: Parameters<typeof renderDataConsent>[0]) => renderDataConsent(person),
  powerOfAttorney: (...args: Parameters<typeof renderPowerOfAttorney>) =>
    renderPowerOfAttorney(args[0], args[1]),
  medicalRelease: (...args: Parameters<typeof renderMedicalRelease>) =>
    renderMedicalRelease(args[0], args[1]),
};

export async function composeBenchApp(options: BenchAppOptions): Promise<BenchApp> {
  const config = loadConfig({
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'silent',
    PORT: '0',
    WORKER: options.worker,
    UPLOAD_MAX_MB: options.uploadMaxMb,
    APPLICATION_MAX_MB: options.applicationMaxMb,
  });
  const log = pino({ level: 'silent' });
  const database = await openBenchDatabase(options, config);
  const services = await createServices(config, database, log);
  const profile = await loadProfile(config.profile);
  const app = await buildApp({
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    logger: { level: config.logLevel },
    descriptions: await loadDescriptions(),
    ready: async () => {
      await sql`SELECT 1`.execute(database.db);
      return true;
    },
    rateLimitPerMinute: Number.MAX_SAFE_INTEGER,
    application: {
      drafts: services.drafts,
      submission: services.submission,
      authorities: authorityDirectory(database.db),
      filedCases: filedCaseLookup(database.db),
      blobs: services.blobs,
      nationalities: nationalityOptions(services.nationalities),
      validation: services.validation,
      exclusionGrounds: profile.exclusionGrounds.grounds,
      publicUrl: config.publicUrl,
      uploadAction: '/antrag/hochladen',
      maxUploadMb: Math.floor(config.uploads.maxFileBytes / 1024 ** 2),
      uploads: services.uploads,
      evidenceFiles: services.evidenceFiles,
      cases: services.cases,
      documentRequests: documentRequestReader(database.db),
      signedForm: (draft, itemId) =>
        signedForm(draft, itemId, services.validation().today, formRenderer, services.nationalityName),
    },
  });
  const outbox = config.worker === 'inline' ? createOutboxWorker(config, database, log, services) : undefined;
  outbox?.worker.start();
  return {
    app,
    config,
    database,
    services,
    async pauseWorker() {
      await outbox?.worker.stop();
    },
    resumeWorker() {
      outbox?.worker.start();
    },
    async close() {
      await app.close();
      await outbox?.close();
      await database.close();
    },
  };
}

/** Counts of what the app stored: cases, documents, receipts and outbox jobs by kind and status. */
export async function storedCounts(database: DatabaseHandle) {
  const count = async (table: 'cases' | 'documents' | 'drafts') => {
    const row = await database.db
      .selectFrom(table)
      .select((e) => e.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const jobs = await database.db
    .selectFrom('outbox')
    .select(['kind', 'status', (e) => e.fn.countAll<string>().as('n')])
    .groupBy(['kind', 'status'])
    .execute();
  const receipts = await database.db
    .selectFrom('documents')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('category', '=', 'receipt')
    .executeTakeFirstOrThrow();
  const version = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(
    database.db,
  );
  return {
    database: database.kind,
    serverVersion: version.rows[0]?.v ?? '?',
    cases: await count('cases'),
    documents: await count('documents'),
    drafts: await count('drafts'),
    receipts: Number(receipts.n),
    outbox: jobs.map((j) => ({ kind: j.kind, status: j.status, n: Number(j.n) })),
  };
}

export type StoredCounts = Awaited<ReturnType<typeof storedCounts>>;
