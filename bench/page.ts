/**
 * Requests/s of the information page GET / of the real app vs a bare node:http hello-world.
 * Each server runs alone in its own child process (one after the other); autocannon runs here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeTempDir } from './lib/children.ts';
import { getRaw } from './lib/http.ts';
import { type LoadFigures, measure } from './lib/load.ts';
import { type ServerChild, startServerChild } from './lib/server-child.ts';
import type { BenchResult } from './types.ts';

const LOAD = { connections: 10, warmupSeconds: 2, seconds: 10 };
const TARGET_RATIO = 0.25;

const script = (name: string) => fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url));

async function underLoad(
  name: string,
  path: string,
  check: (status: number, type: string) => boolean,
  env: Record<string, string> = {},
): Promise<LoadFigures & { rssBefore: number; rssAfter: number; body: Buffer }> {
  let server: ServerChild | undefined;
  try {
    server = await startServerChild(script(name), env);
    const url = `${server.url}${path}`;
    const probe = await getRaw(url);
    const type = String(probe.headers['content-type'] ?? '');
    if (!check(probe.status, type)) throw new Error(`${url}: unerwartete Antwort ${probe.status} ${type}`);
    const rssBefore = await server.rssMb();
    const figures = await measure(url, LOAD);
    const rssAfter = await server.rssMb();
    return { ...figures, rssBefore, rssAfter, body: probe.body };
  } finally {
    await server?.stop();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export const name = 'page';
export const target = `≥ ${TARGET_RATIO} × hello-world req/s`;

export async function run(): Promise<BenchResult> {
  const ours = await underLoad('app', '/', (s, t) => s === 200 && t.startsWith('text/html'));
  const base = await underLoad('hello', '/', (s) => s === 200);
  const ratio = ours.rps / base.rps;
  // Where the gap comes from: the same HTML bytes as a constant, from node:http and from bare Fastify.
  const dir = makeTempDir('hfk-bench-page-');
  let sameBytes: { node: LoadFigures; fastify: LoadFigures };
  try {
    const file = join(dir, 'page.html');
    writeFileSync(file, ours.body);
    const html = (s: number, t: string) => s === 200 && t.startsWith('text/html');
    sameBytes = {
      node: await underLoad('static', '/', html, { BENCH_BODY_FILE: file, BENCH_SERVER: 'node' }),
      fastify: await underLoad('static', '/', html, { BENCH_BODY_FILE: file, BENCH_SERVER: 'fastify' }),
    };
  } finally {
    removeTempDir(dir);
  }
  const share = (f: LoadFigures) => `${fmt(f.rps)} req/s (${(f.rps / base.rps).toFixed(2)} × hello-world)`;
  const notes = [
    `GET / (Informationsseite, ${(ours.body.length / 1024).toFixed(1)} KB HTML, unkomprimiert) vs node:http hello-world; ` +
      `${LOAD.connections} Verbindungen, ${LOAD.warmupSeconds} s Aufwärmen + ${LOAD.seconds} s Messung je Server, nur 2xx gezählt.`,
    `Zerlegung, dieselben ${(ours.body.length / 1024).toFixed(1)} KB als Konstante: node:http ${share(sameBytes.node)}, ` +
      `Fastify ohne Plugins ${share(sameBytes.fastify)}, die echte Seite ${ratio.toFixed(2)} × – ` +
      'der Abstand zur Fastify-Zeile sind Plugins (helmet, compress, cookie, rate-limit, Metriken) und Rendern.',
    `Latenz p50/p99: Seite ${ours.latencyP50}/${ours.latencyP99} ms, hello-world ${base.latencyP50}/${base.latencyP99} ms; ` +
      `RSS Seite ${fmt(ours.rssBefore)} → ${fmt(ours.rssAfter)} MB.`,
    'Ohne Sitzungs-Lookup und DB-Lesezugriff: die Antragsseite misst wizard-page; Zerlegung je Plugin: node --import tsx bench/breakdown.ts plugins.',
    'Rate-Limit im Benchmark-Server angehoben (sonst 429 nach 600 Anfragen/min), das Plugin läuft weiter mit.',
  ];
  const all = [ours, base, sameBytes.node, sameBytes.fastify];
  const bad = all.reduce((n, f) => n + f.non2xx + f.errors + f.timeouts, 0);
  if (bad > 0) {
    notes.push(
      `Achtung: Nicht-2xx/Fehler/Timeouts – Seite ${ours.non2xx}/${ours.errors}/${ours.timeouts}, ` +
        `hello-world ${base.non2xx}/${base.errors}/${base.timeouts} (alle vier Server zusammen: ${bad}).`,
    );
  }
  return {
    ours: ours.rps,
    baseline: base.rps,
    unit: 'req/s',
    ratio,
    pass: ratio >= TARGET_RATIO && ours.non2xx === 0 && ours.errors === 0,
    notes,
  };
}
