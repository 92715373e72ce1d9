/**
 * The real web application with the online application (bench/lib/compose-app.ts) on a loopback
 * port, in its own process.
 *
 * Environment (all optional):
 *   BENCH_DB        memory (default) | file | postgres (needs BENCH_DATABASE_URL) — see compose-app.ts
 *   BENCH_WORKER    off (default) | inline (the outbox worker in this process, as `npm start`)
 *   UPLOAD_MAX_MB, APPLICATION_MAX_MB   passed to the config
 *
 * Besides `rss?` (ipc.ts) it answers the questions `stats` (counts of cases, documents and jobs),
 * `worker-pause` and `worker-resume` (the in-process outbox worker), `eventloop` (event-loop delay
 * since the last `eventloop-reset`: p50, p99, max in ms).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type BenchDatabase, composeBenchApp, storedCounts } from '../lib/compose-app.ts';
import { reportListening } from './ipc.ts';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR fehlt');
const database = (process.env.BENCH_DB ?? 'memory') as BenchDatabase;
if (!['memory', 'file', 'postgres'].includes(database)) throw new Error(`BENCH_DB unbekannt: ${database}`);

const bench = await composeBenchApp({
  dataDir,
  database,
  postgresUrl: process.env.BENCH_DATABASE_URL,
  worker: process.env.BENCH_WORKER === 'inline' ? 'inline' : 'off',
  uploadMaxMb: process.env.UPLOAD_MAX_MB,
  applicationMaxMb: process.env.APPLICATION_MAX_MB,
});
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const url = await bench.app.listen({ port: 0, host: '127.0.0.1' });
reportListening(url, () => bench.close(), {
  stats: () => storedCounts(bench.database),
  'worker-pause': () => bench.pauseWorker(),
  'worker-resume': async () => bench.resumeWorker(),
  'eventloop-reset': async () => delay.reset(),
  eventloop: async () => ({
    p50: delay.percentile(50) / 1e6,
    p99: delay.percentile(99) / 1e6,
    max: delay.max / 1e6,
  }),
});
