/**
 * Where a page's time goes, cheaply: `node --import tsx bench/breakdown.ts [plugins|wizard|all]`.
 * Not part of `npm run bench`; its figures go into docs/performance.md.
 *
 * plugins: GET / of a bare Fastify (bench/servers/plugins.ts) serving the information page's HTML,
 *   with the plugins and hooks of src/web/app.tsx added one at a time, then rendering the real page,
 *   then the real app; autocannon as in page.ts. Printed as req/s and as µs per request, the
 *   difference to the row above being what that step costs.
 * wizard: the steps of GET /antrag/personen/<id> timed one by one in this process (no HTTP): the
 *   draft lookup (resume-secret hash → row, documents, zod parse), the authority lookup, rendering,
 *   a bare `SELECT 1`, and the whole request through Fastify's inject (all hooks, no socket).
 * submit: one submit after the other, no concurrency, in this process: the steps of POST
 *   /antrag/absenden (open, confirm + reopen, submit) with the number of database round trips and
 *   the time spent inside PGlite, the whole request through inject, and one receipt job (PDFs).
 * A second argument `memory` uses the in-memory PGlite instead of the file in DATA_DIR.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pino from 'pino';
import { h, type VNode } from 'preact';
import { draftStoreIn } from '../src/adapters/db/draft-store.ts';
import { authorityDirectory } from '../src/adapters/db/reference-repository.ts';
import { pdfkitLetter } from '../src/adapters/scan/test-support.ts';
import { parseDraft } from '../src/domain/application/index.ts';
import { nationalityOptions } from '../src/main/compose.ts';
import { createOutboxWorker } from '../src/main/services.ts';
import { translator } from '../src/web/i18n.ts';
import { PersonPage } from '../src/web/public/application/pages/persons.tsx';
import { wizardText } from '../src/web/public/application/texts.ts';
import { renderPage } from '../src/web/views/render.ts';
import { DRAFT_COOKIE, prepareDraft } from './lib/applicant.ts';
import { cleanupAll, installCleanupHandlers, makeTempDir, removeTempDir } from './lib/children.ts';
import { type BenchApp, type BenchDatabase, composeBenchApp } from './lib/compose-app.ts';
import { getRaw } from './lib/http.ts';
import { measure } from './lib/load.ts';
import { type ServerChild, startServerChild } from './lib/server-child.ts';

const LOAD = { connections: 10, warmupSeconds: 1, seconds: 2 };
const ROUNDS = 3;
const script = (name: string) => fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url));

interface Config {
  label: string;
  server: string;
  env?: Record<string, string>;
  headers?: Record<string, string>;
  /** Whether the row's cost is its difference to the row above. */
  step: boolean;
}

async function plugins(): Promise<void> {
  const dir = makeTempDir('hfk-bench-breakdown-');
  const servers: ServerChild[] = [];
  try {
    // The information page's bytes, as the real app serves them without Accept-Encoding.
    let app: ServerChild | undefined;
    let body: Buffer;
    try {
      app = await startServerChild(script('app'));
      body = (await getRaw(`${app.url}/`)).body;
    } finally {
      await app?.stop();
    }
    const file = join(dir, 'page.html');
    writeFileSync(file, body);
    const all = [
      'logger',
      'helmet',
      'nonces',
      'compress',
      'cookie',
      'formbody',
      'ratelimit',
      'metrics',
      'crosssite',
      'static',
      'render',
    ];
    const labels: Record<string, string> = {
      logger: '+ Logger (silent, serializers, redact, genReqId)',
      helmet: '+ helmet ohne Nonces',
      nonces: '+ CSP-Nonces (enableCSPNonces)',
      compress: '+ compress (Anfrage ohne Accept-Encoding)',
      cookie: '+ cookie',
      formbody: '+ formbody',
      ratelimit: '+ rate-limit',
      metrics: '+ Metrik-Hook (prom-client Histogram)',
      crosssite: '+ Cross-Site-Hook',
      static: '+ @fastify/static (2×)',
      render: '+ echtes Rendern der Seite statt Konstante',
    };
    const constant = { BENCH_BODY_FILE: file };
    const configs: Config[] = [
      { label: 'node:http hello-world', server: 'hello', step: false },
      { label: 'node:http, dieselbe Konstante (15 KB)', server: 'static', env: constant, step: false },
      { label: 'Fastify ohne Plugins, Konstante', server: 'plugins', env: constant, step: false },
      ...all.map((name, i) => ({
        label: labels[name] as string,
        server: 'plugins',
        env: { ...constant, BENCH_PLUGINS: all.slice(0, i + 1).join(',') },
        step: true,
      })),
      { label: 'die echte App (servers/app.ts)', server: 'app', step: true },
      {
        label: 'Fastify ohne Plugins, nur Rendern',
        server: 'plugins',
        env: { BENCH_PLUGINS: 'render' },
        step: false,
      },
      {
        label: 'alle Plugins + Rendern, Accept-Encoding: gzip, br',
        server: 'plugins',
        env: { BENCH_PLUGINS: all.join(',') },
        headers: { 'accept-encoding': 'gzip, deflate, br' },
        step: false,
      },
    ];
    // All servers at once (idle ones cost nothing), then every config once per round, round-robin:
    // the best of the rounds is the figure least disturbed by other load on the machine.
    for (const c of configs) {
      const server = await startServerChild(script(c.server), c.env ?? {});
      const probe = await getRaw(`${server.url}/`);
      if (probe.status !== 200) throw new Error(`${c.label}: HTTP ${probe.status}`);
      servers.push(server);
    }
    const best = configs.map(() => 0);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, c] of configs.entries()) {
        const f = await measure(`${servers[i]?.url}/`, {
          ...LOAD,
          ...(c.headers ? { headers: c.headers } : {}),
        });
        if (f.non2xx + f.errors > 0) throw new Error(`${c.label}: ${f.non2xx} Nicht-2xx, ${f.errors} Fehler`);
        best[i] = Math.max(best[i] ?? 0, f.rps);
        process.stderr.write('.');
      }
    }
    process.stderr.write('\n');
    const hello = best[0] ?? Number.NaN;
    process.stdout.write(
      `Plugins einzeln (GET /, ${LOAD.connections} Verbindungen, bestes von ${ROUNDS} × ${LOAD.seconds} s je Zeile, reihum; ` +
        'Kosten = Differenz der µs/Anfrage zur Zeile darüber):\n',
    );
    let previous: number | undefined;
    for (const [i, c] of configs.entries()) {
      const rps = best[i] ?? Number.NaN;
      const us = 1e6 / rps;
      const delta = c.step && previous !== undefined ? `${(us - previous).toFixed(0).padStart(5)} µs` : '';
      process.stdout.write(
        `  ${c.label.padEnd(52)} ${Math.round(rps).toString().padStart(6)} req/s  ${us.toFixed(0).padStart(5)} µs/Anfrage  ` +
          `${(rps / hello).toFixed(2)} × hello  ${delta}\n`,
      );
      if (c.step || c.label.startsWith('Fastify ohne Plugins, Konstante')) previous = us;
    }
  } finally {
    for (const server of servers) await server.stop();
    removeTempDir(dir);
  }
}

async function timed(label: string, n: number, fn: () => Promise<unknown> | unknown): Promise<string> {
  for (let i = 0; i < Math.min(200, n); i++) await fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await fn();
  const us = ((performance.now() - t0) * 1000) / n;
  return `  ${label.padEnd(64)} ${us.toFixed(0).padStart(6)} µs`;
}

const kind: BenchDatabase = process.argv[3] === 'memory' ? 'memory' : 'file';

async function wizard(): Promise<void> {
  const dir = makeTempDir('hfk-bench-breakdown-');
  const bench = await composeBenchApp({ dataDir: dir, database: kind, worker: 'off' });
  try {
    const url = await bench.app.listen({ port: 0, host: '127.0.0.1' });
    const draft = await prepareDraft(url, { index: 0, until: 'texts' });
    const token = decodeURIComponent(draft.cookie.slice(DRAFT_COOKIE.length + 1));
    const db = bench.database.db;
    const store = draftStoreIn(db);
    const hash = createHash('sha256').update(token, 'utf8').digest('hex');
    const record = await store.findByTokenHash(hash);
    if (!record) throw new Error('Entwurf nicht gefunden');
    const opened = await bench.services.drafts.openByToken(token);
    if (opened.kind !== 'open') throw new Error('Entwurf nicht offen');
    const person = opened.draft.draft.persons[0];
    if (!person) throw new Error('keine Person');
    const authorities = authorityDirectory(db);
    const [authority] = await authorities.forPostalCode('40213');
    const nationalities = nationalityOptions(bench.services.nationalities);
    const ctx = { lang: 'de' as const, t: translator('de'), path: '/antrag/personen/x', w: wizardText('de') };
    const render = () =>
      renderPage(
        h(PersonPage, {
          ctx,
          person,
          isFirst: true,
          nationalities,
          errors: [],
          authority: authority ?? null,
        }) as VNode,
      );
    const inject = (path: string, cookie = true) =>
      bench.app.inject({ method: 'GET', url: path, headers: cookie ? { cookie: draft.cookie } : {} });
    const personPath = `/antrag/personen/${draft.mainPersonId}`;
    const check = await inject(personPath);
    if (check.statusCode !== 200) throw new Error(`inject ${personPath}: ${check.statusCode}`);
    const n = 1000;
    const lines = [
      await timed('SELECT 1 über Kysely/pg/PGlite (Datei)', n, () => sql`SELECT 1`.execute(db)),
      await timed('drafts: findByTokenHash (SELECT * … WHERE resume_token_hash)', n, () =>
        store.findByTokenHash(hash),
      ),
      await timed('drafts: documents (SELECT … draft_documents)', n, () => store.documents(record.id)),
      ...(bench.database.pglite
        ? [
            await timed('dasselbe findByTokenHash direkt über pglite.query() (ohne pg-Brücke)', n, () =>
              bench.database.pglite?.query('SELECT * FROM drafts WHERE resume_token_hash = $1', [hash]),
            ),
            await timed('SELECT 1 direkt über pglite.query()', n, () =>
              bench.database.pglite?.query('SELECT 1'),
            ),
          ]
        : []),
      await timed('parseDraft (zod, der gespeicherte Entwurf)', n, () => parseDraft(record.content)),
      await timed('openByToken gesamt (Hash + 2 Abfragen + zod)', n, () =>
        bench.services.drafts.openByToken(token),
      ),
      await timed('authorities.forPostalCode (4 Tabellen, = ANY(postal_codes))', n, () =>
        authorities.forPostalCode('40213'),
      ),
      await timed(`PersonPage rendern (${(render().length / 1024).toFixed(1)} KB)`, n, render),
      await timed('inject GET /health/live (alle Hooks, kein Socket)', n, () =>
        inject('/health/live', false),
      ),
      await timed('inject GET /antrag/personen/<id> (alles, kein Socket)', n, () => inject(personPath)),
      await timed('inject GET /antrag/uebersicht (alles, kein Socket)', n, () =>
        inject('/antrag/uebersicht'),
      ),
    ];
    process.stdout.write(
      `Schritte der Personenseite, je ${n}× nacheinander in einem Prozess (PGlite ${kind}):\n${lines.join('\n')}\n`,
    );
  } finally {
    await bench.close();
    removeTempDir(dir);
  }
}

/** Counts PGlite round trips and the time inside them (the wasm runs synchronously on this thread). */
function countPglite(bench: BenchApp) {
  const pglite = bench.database.pglite as unknown as {
    execProtocolRaw: (...args: unknown[]) => Promise<unknown>;
  };
  const counter = { calls: 0, ms: 0 };
  if (!pglite) return counter;
  const original = pglite.execProtocolRaw.bind(pglite);
  pglite.execProtocolRaw = async (...args: unknown[]) => {
    const t0 = performance.now();
    try {
      return await original(...args);
    } finally {
      counter.calls += 1;
      counter.ms += performance.now() - t0;
    }
  };
  return counter;
}

async function submit(): Promise<void> {
  const dir = makeTempDir('hfk-bench-breakdown-');
  const bench = await composeBenchApp({ dataDir: dir, database: kind, worker: 'off' });
  try {
    const url = await bench.app.listen({ port: 0, host: '127.0.0.1' });
    const letter = await pdfkitLetter();
    const n = 30;
    const drafts = [];
    for (let i = 0; i < 2 * n; i++)
      drafts.push(await prepareDraft(url, { index: i, until: 'complete', upload: letter }));
    const counter = countPglite(bench);
    {
      const c0 = counter.calls;
      await sql`SELECT 1`.execute(bench.database.db);
      process.stdout.write(`(eine Abfrage über Kysely/pg = ${counter.calls - c0} PGlite-Protokollrunden)\n`);
    }
    const steps = new Map<string, { ms: number; calls: number; inside: number }>();
    const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
      const c0 = counter.calls;
      const m0 = counter.ms;
      const t0 = performance.now();
      const out = await fn();
      const s0 = steps.get(label) ?? { ms: 0, calls: 0, inside: 0 };
      s0.ms += performance.now() - t0;
      s0.calls += counter.calls - c0;
      s0.inside += counter.ms - m0;
      steps.set(label, s0);
      return out;
    };
    const { drafts: useCases, submission } = bench.services;
    for (const draft of drafts.slice(0, n)) {
      const token = decodeURIComponent(draft.cookie.slice(DRAFT_COOKIE.length + 1));
      const opened = await step('openByToken (Cookie → Entwurf)', () => useCases.openByToken(token));
      if (opened.kind !== 'open') throw new Error('Entwurf nicht offen');
      await step('confirmAnswers (speichern + neu lesen)', () =>
        useCases.confirmAnswers(token, opened.draft),
      );
      const again = await step('openByToken erneut (routes.tsx)', () => useCases.openByToken(token));
      if (again.kind !== 'open') throw new Error('Entwurf nicht offen');
      const result = await step('submission.submit (prüfen, Behörde, Transaktion)', () =>
        submission.submit(again.draft),
      );
      if (!result.ok) throw new Error(`nicht eingereicht: ${result.kind}`);
    }
    const whole = { ms: 0, calls: 0 };
    for (const draft of drafts.slice(n)) {
      const c0 = counter.calls;
      const t0 = performance.now();
      const res = await bench.app.inject({
        method: 'POST',
        url: '/antrag/absenden',
        headers: { cookie: draft.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: '',
      });
      if (res.statusCode !== 303) throw new Error(`inject absenden: ${res.statusCode}`);
      whole.ms += performance.now() - t0;
      whole.calls += counter.calls - c0;
    }
    // One receipt job after the other: render receipt + application copy, store, mail into the folder.
    const outbox = createOutboxWorker(
      bench.config,
      bench.database,
      pino({ level: 'silent' }),
      bench.services,
    );
    const r0 = performance.now();
    const c0 = counter.calls;
    let jobs = 0;
    for (let handled = await outbox.worker.runOnce(); handled > 0; handled = await outbox.worker.runOnce())
      jobs += handled;
    const receiptMs = performance.now() - r0;
    const receiptCalls = counter.calls - c0;
    await outbox.close();
    const line = (label: string, ms: number, calls: number, inside?: number) =>
      `  ${label.padEnd(52)} ${ms.toFixed(1).padStart(7)} ms  ${calls.toFixed(0).padStart(4)} DB-Aufrufe` +
      (inside === undefined ? '' : `  ${inside.toFixed(1).padStart(6)} ms in PGlite`);
    const lines = [...steps].map(([label, v]) => line(label, v.ms / n, v.calls / n, v.inside / n));
    lines.push(line('inject POST /antrag/absenden (alles, kein Socket)', whole.ms / n, whole.calls / n));
    lines.push(
      line(
        `Eingangsbestätigung je Auftrag (${jobs} Aufträge, PDFs + Ablage + Mail)`,
        receiptMs / Math.max(1, jobs),
        receiptCalls / Math.max(1, jobs),
      ),
    );
    process.stdout.write(
      `Einreichen, ${n}× nacheinander je Zeile, ohne Gleichzeitigkeit (PGlite ${kind}; DB-Aufrufe = PGlite-Protokollrunden):\n${lines.join('\n')}\n`,
    );
  } finally {
    await bench.close();
    removeTempDir(dir);
  }
}

installCleanupHandlers();
const what = process.argv[2] ?? 'all';
try {
  if (what === 'wizard' || what === 'all') await wizard();
  if (what === 'submit' || what === 'all') await submit();
  if (what === 'plugins' || what === 'all') await plugins();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
} finally {
  cleanupAll();
}
