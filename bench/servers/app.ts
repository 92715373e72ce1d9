/**
 * The real web application, built as test/support/app.ts builds it (fresh migrated PGlite test
 * database, LOG_LEVEL silent, WORKER=off, loopback port) — with one difference: the rate limit.
 *
 * composeApp() passes no rateLimitPerMinute, so @fastify/rate-limit allows 600 requests per minute
 * and IP; under load from one loopback address nearly every answer would be a 429. This file
 * therefore calls buildApp() with exactly the deps composeApp() uses (for WORKER=off composeApp adds
 * nothing else) and a limit no run can reach: the plugin still runs on every request, it just never
 * refuses. Keep in step with src/main/compose.ts.
 */
import { sql } from 'kysely';
import { loadConfig } from '../../src/config/config.ts';
import { loadDescriptions } from '../../src/main/compose.ts';
import { buildApp } from '../../src/web/app.tsx';
import { createTestDatabase } from '../../test/support/db.ts';
import { reportListening } from './ipc.ts';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR fehlt');
// This slice measures the embedded default; PostgreSQL comes with the submit benchmark.
delete process.env.DATABASE_URL;
const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', WORKER: 'off' });
const database = await createTestDatabase();
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
});
const url = await app.listen({ port: 0, host: '127.0.0.1' });
reportListening(url, async () => {
  await app.close();
  await database.close();
});
