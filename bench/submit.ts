/**
 * Submitting complete applications with 20 concurrent users: latency of POST /antrag/absenden
 * (confirm, validate, resolve the authorities, one transaction with case, persons, documents,
 * application, history, audit and the outbox jobs), p50/p95/p99. The app runs as `npm start` runs
 * it, with the outbox worker in the same process, which renders the receipt PDFs (receipt and
 * application copy, PDF/A) and mails them while the submits go on.
 *
 * Every user has drafts of their own, prepared over HTTP before timing starts (two persons,
 * representative, questions, texts, one uploaded PDF, every evidence status) and submits them one
 * after the other. Baseline: GET /health/live of the same server under the same concurrency
 * (all plugins and hooks, no database), so the ratio is what a submit costs over a trivial request.
 * After the timed part the run waits (at most 30 s) for the worker to issue the receipts; then a
 * second set of drafts is submitted with the worker paused, to show what the PDF rendering beside
 * the submits costs them. BENCH_PROFILE=1 records a CPU profile of the server during the first set.
 */
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { pdfkitLetter } from '../src/adapters/scan/test-support.ts';
import { inParallel, type PreparedDraft, prepareDraft } from './lib/applicant.ts';
import type { StoredCounts } from './lib/compose-app.ts';
import { summary } from './lib/percentiles.ts';
import { postgresServer } from './lib/postgres.ts';
import { type ServerChild, startServerChild } from './lib/server-child.ts';
import type { Benchmark, BenchResult } from './types.ts';

const USERS = 20;
const DRAFTS_PER_USER = 5;
const BASELINE_PER_USER = 50;
const PREPARE_PARALLEL = 4;
const RECEIPT_WAIT_MS = 30_000;
const TARGET_P95_MS = 150;

const script = fileURLToPath(new URL('./servers/app.ts', import.meta.url));

interface Timed {
  ms: number;
  status: number;
  location: string | undefined;
}

function timedRequest(agent: Agent, url: string, method: string, headers: Record<string, string>) {
  return new Promise<Timed>((resolve, reject) => {
    const t0 = performance.now();
    const req = request(url, { method, headers, agent, timeout: 60_000 }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          ms: performance.now() - t0,
          status: res.statusCode ?? 0,
          location: typeof res.headers.location === 'string' ? res.headers.location : undefined,
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`Zeitüberschreitung: ${method} ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

/** `users` closed loops; user u runs `perUser` requests made by make(u, i) one after the other. */
async function closedLoop(
  users: number,
  perUser: number,
  make: (user: number, i: number) => Promise<Timed>,
): Promise<{ timings: Timed[]; seconds: number }> {
  const timings: Timed[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      for (let i = 0; i < perUser; i++) timings.push(await make(u, i));
    }),
  );
  return { timings, seconds: (performance.now() - t0) / 1000 };
}

const ms = (n: number) => `${Math.round(n)} ms`;

interface Phase {
  timings: Timed[];
  seconds: number;
  eventLoop: { p50: number; p99: number; max: number };
}

async function submitAll(app: ServerChild, agent: Agent, drafts: PreparedDraft[]): Promise<Phase> {
  const origin = new URL(app.url).origin;
  await app.ask('eventloop-reset');
  const run = await closedLoop(USERS, DRAFTS_PER_USER, (u, i) => {
    const draft = drafts[u * DRAFTS_PER_USER + i] as PreparedDraft;
    return timedRequest(agent, `${app.url}/antrag/absenden`, 'POST', {
      cookie: draft.cookie,
      origin,
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '0',
    });
  });
  const eventLoop = await app.ask<Phase['eventLoop']>('eventloop');
  const wrong = run.timings.filter(
    (t) => t.status !== 303 || !t.location?.startsWith('/antrag/bestaetigung'),
  );
  if (wrong.length > 0)
    throw new Error(
      `${wrong.length} Einreichungen ohne 303 → Bestätigung, z. B. ${wrong[0]?.status} ${wrong[0]?.location}`,
    );
  return { ...run, eventLoop };
}

async function runOn(kind: 'pglite' | 'postgres'): Promise<BenchResult> {
  const pgServer = kind === 'postgres' ? postgresServer() : undefined;
  let server: ServerChild | undefined;
  const total = USERS * DRAFTS_PER_USER;
  try {
    server = await startServerChild(
      script,
      {
        BENCH_DB: kind === 'pglite' ? 'file' : 'postgres',
        ...(pgServer ? { BENCH_DATABASE_URL: pgServer.url } : {}),
        BENCH_WORKER: 'inline',
      },
      { startTimeoutMs: 120_000 },
    );
    const app = server;
    const letter = await pdfkitLetter();

    // Two sets: one submitted with the worker running (the figure), one with it paused (decomposition).
    const p0 = performance.now();
    const drafts: PreparedDraft[] = await inParallel(2 * total, PREPARE_PARALLEL, (i) =>
      prepareDraft(app.url, { index: i, until: 'complete', upload: letter }),
    );
    const prepareSeconds = (performance.now() - p0) / 1000;

    const agent = new Agent({ keepAlive: true, maxSockets: USERS });
    let baseline: { timings: Timed[]; seconds: number };
    let withWorker: Phase;
    let withoutWorker: Phase;
    let receiptSeconds: number;
    let stats: StoredCounts;
    const profile = process.env.BENCH_PROFILE === '1';
    const profileFile = fileURLToPath(new URL(`./results/submit-${kind}.cpuprofile`, import.meta.url));
    try {
      // Warm-up of the trivial route and of the connections.
      await closedLoop(USERS, 10, () => timedRequest(agent, `${app.url}/health/live`, 'GET', {}));
      baseline = await closedLoop(USERS, BASELINE_PER_USER, () =>
        timedRequest(agent, `${app.url}/health/live`, 'GET', {}),
      );
      if (profile) await app.profileStart();
      withWorker = await submitAll(app, agent, drafts.slice(0, total));
      if (profile) await app.profileStop(profileFile);

      const w0 = performance.now();
      stats = await app.ask<StoredCounts>('stats');
      while (stats.receipts < total && performance.now() - w0 < RECEIPT_WAIT_MS) {
        await new Promise((r) => setTimeout(r, 250));
        stats = await app.ask<StoredCounts>('stats');
      }
      receiptSeconds = withWorker.seconds + (performance.now() - w0) / 1000;

      await app.ask('worker-pause', 60_000);
      withoutWorker = await submitAll(app, agent, drafts.slice(total));
    } finally {
      agent.destroy();
    }
    const rss = await app.rssMb();
    const after = await app.ask<StoredCounts>('stats');
    if (after.cases !== 2 * total) throw new Error(`${after.cases} Fälle statt ${2 * total}`);
    const receiptJobs = after.outbox.filter((j) => j.kind === 'receipt.issue').reduce((n, j) => n + j.n, 0);
    if (receiptJobs !== 2 * total)
      throw new Error(`${receiptJobs} Eingangsbestätigungs-Aufträge statt ${2 * total}`);

    const ours = summary(withWorker.timings.map((t) => t.ms));
    const quiet = summary(withoutWorker.timings.map((t) => t.ms));
    const base = summary(baseline.timings.map((t) => t.ms));
    const loop = (e: Phase['eventLoop']) => `Event-Loop-Verzögerung p99/max ${ms(e.p99)}/${ms(e.max)}`;
    const database =
      kind === 'pglite'
        ? `PGlite ${stats.serverVersion} in DATA_DIR (wie npm start)`
        : `PostgreSQL ${stats.serverVersion} über ${pgServer?.source}, Pool wie npm start`;
    return {
      ours: ours.p95,
      baseline: base.p95,
      unit: 'ms p95',
      ratio: ours.p95 / base.p95,
      pass: ours.p95 < TARGET_P95_MS,
      notes: [
        `${total} Einreichungen, ${USERS} Nutzer gleichzeitig, je ${DRAFTS_PER_USER} eigene Entwürfe nacheinander; ${database}; ` +
          'Postausgang-Worker im selben Prozess wie bei npm start (rendert währenddessen Eingangsbestätigung und Antragskopie als PDF).',
        `POST /antrag/absenden p50/p95/p99/max: ${ms(ours.p50)}/${ms(ours.p95)}/${ms(ours.p99)}/${ms(ours.max)}; ` +
          `${(total / withWorker.seconds).toFixed(1)} Einreichungen/s; ${loop(withWorker.eventLoop)}.`,
        `Baseline GET /health/live derselben App, ${USERS} gleichzeitig, ${base.n} Anfragen: p50/p95/p99 ` +
          `${base.p50.toFixed(1)}/${base.p95.toFixed(1)}/${base.p99.toFixed(1)} ms (Verhältnis = p95 Einreichen / p95 health).`,
        `Zerlegung: weitere ${total} Einreichungen mit angehaltenem Worker (keine PDFs nebenher): ` +
          `p50/p95/p99 ${ms(quiet.p50)}/${ms(quiet.p95)}/${ms(quiet.p99)}, ${(total / withoutWorker.seconds).toFixed(1)}/s; ${loop(withoutWorker.eventLoop)}.`,
        `${stats.receipts}/${total} Eingangsbestätigungen ausgestellt ${receiptSeconds.toFixed(1)} s nach Beginn der Einreichungen ` +
          `(${(stats.receipts / receiptSeconds).toFixed(1)}/s; Warten höchstens ${RECEIPT_WAIT_MS / 1000} s); ` +
          `Postausgang danach: ${after.outbox.map((j) => `${j.kind} ${j.status} ${j.n}`).join(', ')}; RSS ${Math.round(rss)} MB.`,
        `Vorbereitung (nicht gemessen): ${2 * total} vollständige Entwürfe mit je einem hochgeladenen PDF über HTTP, ` +
          `${PREPARE_PARALLEL} parallel, ${prepareSeconds.toFixed(1)} s.`,
        ...(profile ? [`CPU-Profil der Einreichungen mit Worker: ${profileFile}`] : []),
      ],
    };
  } finally {
    await server?.stop();
    pgServer?.stop();
  }
}

export const pglite: Benchmark = {
  name: 'submit-pglite',
  target: `p95 < ${TARGET_P95_MS} ms, ${USERS} Nutzer`,
  run: () => runOn('pglite'),
};

export const postgres: Benchmark = {
  name: 'submit-postgres',
  target: `p95 < ${TARGET_P95_MS} ms, ${USERS} Nutzer`,
  run: () => runOn('postgres'),
};
