/**
 * `npm run bench` runs every benchmark, `npm run bench -- NAME` one. Prints one table (ours,
 * same-run baseline, ratio, target, pass/fail) and writes bench/results/latest.json.
 * Exit code: 0 when the harness worked (a missed target is a FAIL row, not an error),
 * 1 when a benchmark could not be run, 2 for an unknown name. A benchmark that cannot run on this
 * machine (run() throws Unavailable, e.g. no PostgreSQL) gets a row with the reason, not an error.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as coldStart from './cold-start.ts';
import { cleanupAll, installCleanupHandlers } from './lib/children.ts';
import * as page from './page.ts';
import * as pageWeight from './page-weight.ts';
import { pending } from './pending.ts';
import * as search from './search.ts';
import * as sessionPack from './session-pack.ts';
import * as submit from './submit.ts';
import { type Benchmark, type BenchResult, type PendingBenchmark, Unavailable } from './types.ts';
import * as uploadIngest from './upload-ingest.ts';
import * as wizardPage from './wizard-page.ts';

const BENCHMARKS: Benchmark[] = [
  page,
  wizardPage,
  uploadIngest,
  submit.pglite,
  submit.postgres,
  coldStart,
  pageWeight,
  sessionPack,
  search.pglite,
  search.postgres,
];
const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

type Row =
  | { name: string; target: string; status: 'measured'; result: BenchResult; seconds: number }
  | { name: string; target: string; status: 'error'; error: string; seconds: number }
  | { name: string; target: string; status: 'unavailable'; reason: string; seconds: number }
  | { name: string; target: string; status: 'pending'; issue: number; what: string };

function machine() {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unbekannt',
    cores: list.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

function figure(n: number, unit: string): string {
  const digits = Math.abs(n) >= 100 ? 0 : 1;
  return `${n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

function table(rows: Row[]): string {
  const header = ['Benchmark', 'Wir', 'Baseline', 'Verhältnis', 'Ziel', 'Ergebnis'];
  const cells = rows.map((r) => {
    if (r.status === 'measured') {
      const { result: x } = r;
      return [
        r.name,
        figure(x.ours, x.unit),
        figure(x.baseline, x.baselineUnit ?? x.unit),
        x.ratio.toFixed(2),
        r.target,
        x.pass ? 'PASS' : 'FAIL',
      ];
    }
    if (r.status === 'error') return [r.name, '–', '–', '–', r.target, 'FEHLER'];
    if (r.status === 'unavailable') return [r.name, '–', '–', '–', r.target, 'hier nicht möglich'];
    return [r.name, '–', '–', '–', r.target, `noch nicht gebaut (#${r.issue})`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] as number)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

function details(rows: Row[]): string {
  const out: string[] = [];
  for (const r of rows) {
    if (r.status === 'measured') {
      out.push(`${r.name} (${r.seconds.toFixed(0)} s):`, ...(r.result.notes ?? []).map((n) => `  - ${n}`));
    } else if (r.status === 'unavailable') {
      out.push(`${r.name}: hier nicht möglich – ${r.reason}`);
    } else if (r.status === 'error') {
      out.push(
        `${r.name}: FEHLER des Harness nach ${r.seconds.toFixed(0)} s:`,
        `  ${r.error.replace(/\n/g, '\n  ')}`,
      );
    } else {
      out.push(`${r.name}: noch nicht gebaut – ${r.what} (kommt mit Issue ${r.issue}).`);
    }
  }
  return out.join('\n');
}

async function main(): Promise<number> {
  installCleanupHandlers();
  const names = [...BENCHMARKS.map((b) => b.name), ...pending.map((p) => p.name)];
  const wanted = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = wanted.filter((w) => !names.includes(w));
  if (unknown.length > 0) {
    process.stderr.write(`Unbekannter Benchmark: ${unknown.join(', ')}\nVorhanden: ${names.join(', ')}\n`);
    return 2;
  }
  const select = (name: string) => wanted.length === 0 || wanted.includes(name);

  const started = new Date();
  const info = machine();
  process.stdout.write(
    `Benchmarks auf ${info.cpu}, ${info.cores} Kerne, ${info.memoryGb} GB, Node ${info.node} (Last ${info.loadAverage1m})\n`,
  );
  const rows: Row[] = [];
  for (const b of BENCHMARKS.filter((x) => select(x.name))) {
    process.stdout.write(`… ${b.name}\n`);
    const t0 = performance.now();
    try {
      const result = await b.run();
      rows.push({
        name: b.name,
        target: b.target,
        status: 'measured',
        result,
        seconds: (performance.now() - t0) / 1000,
      });
    } catch (err) {
      if (err instanceof Unavailable) {
        rows.push({
          name: b.name,
          target: b.target,
          status: 'unavailable',
          reason: err.message,
          seconds: (performance.now() - t0) / 1000,
        });
        continue;
      }
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      rows.push({
        name: b.name,
        target: b.target,
        status: 'error',
        error,
        seconds: (performance.now() - t0) / 1000,
      });
    }
  }
  for (const p of pending.filter((x: PendingBenchmark) => select(x.name))) {
    rows.push({ name: p.name, target: p.target, status: 'pending', issue: p.issue, what: p.what });
  }

  const seconds = (Date.now() - started.getTime()) / 1000;
  process.stdout.write(`\n${table(rows)}\n\n${details(rows)}\n\nDauer: ${seconds.toFixed(0)} s\n`);

  mkdirSync(RESULTS, { recursive: true });
  const file = `${RESULTS}latest.json`;
  writeFileSync(
    file,
    `${JSON.stringify({ date: started.toISOString(), durationSeconds: Math.round(seconds), machine: info, selected: wanted, results: rows }, null, 2)}\n`,
  );
  process.stdout.write(`Ergebnisse: ${file}\n`);
  return rows.some((r) => r.status === 'error') ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  process.stderr.write(
    `Benchmark-Harness fehlgeschlagen: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
} finally {
  cleanupAll();
}
process.exit(code);
