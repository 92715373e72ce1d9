/**
 * Start of `node --import tsx src/main/server.ts` (what `npm start` runs, without npm's own start-up)
 * to the first 200 on GET /: once on a fresh DATA_DIR (initdb, migrations, reference data, master
 * key) and then on the initialised one. Baseline: a `node -e` http one-liner to its first 200.
 */
import {
  captureOutput,
  exited,
  freePort,
  makeTempDir,
  removeTempDir,
  spawnTracked,
  stopChild,
} from './lib/children.ts';
import { waitFor200 } from './lib/http.ts';
import type { BenchResult } from './types.ts';

export const name = 'cold-start';
const TARGET_MS = 3000;
export const target = `< ${TARGET_MS} ms (warmes DATA_DIR)`;

const WARM_RUNS = 3;
const BASELINE_RUNS = 3;
const START_TIMEOUT_MS = 120_000;

/** The environment of a fresh machine: nothing of the caller's database, key or mail setup. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of [
    'DATABASE_URL',
    'PUBLIC_URL',
    'MASTER_KEY',
    'SESSION_SECRET',
    'SMTP_URL',
    'NODE_ENV',
    'PROFILE',
  ]) {
    delete env[key];
  }
  return { ...env, HOST: '127.0.0.1', ...extra };
}

/** Milliseconds from spawn to the first 200 on GET /; the child is stopped (gracefully) afterwards. */
async function timeToFirstPage(args: string[], env: NodeJS.ProcessEnv, port: number): Promise<number> {
  const started = performance.now();
  const child = spawnTracked(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  try {
    await waitFor200(`http://127.0.0.1:${port}/`, {
      timeoutMs: START_TIMEOUT_MS,
      intervalMs: 10,
      failed: () =>
        exited(child)
          ? `Prozess beendet vor der ersten Seite (code ${child.exitCode}):\n${output()}`
          : undefined,
    });
    return performance.now() - started;
  } finally {
    await stopChild(child);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const ms = (n: number) => `${Math.round(n)} ms`;

export async function run(): Promise<BenchResult> {
  const dataDir = makeTempDir('hfk-bench-cold-');
  try {
    const appArgs = ['--import', 'tsx', 'src/main/server.ts'];
    const appEnv = async () => {
      const port = await freePort();
      return { port, env: cleanEnv({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' }) };
    };

    const first = await appEnv();
    const fresh = await timeToFirstPage(appArgs, first.env, first.port);

    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const next = await appEnv();
      warm.push(await timeToFirstPage(appArgs, next.env, next.port));
    }

    const base: number[] = [];
    for (let i = 0; i < BASELINE_RUNS; i++) {
      const port = await freePort();
      base.push(
        await timeToFirstPage(
          [
            '-e',
            "require('http').createServer((q,s)=>s.end('ok')).listen(Number(process.env.PORT),'127.0.0.1')",
          ],
          cleanEnv({ PORT: String(port) }),
          port,
        ),
      );
    }

    const ours = median(warm);
    const baseline = median(base);
    return {
      ours,
      baseline,
      unit: 'ms',
      ratio: ours / baseline,
      pass: ours < TARGET_MS,
      notes: [
        `Erster Start auf frischem DATA_DIR (initdb, Migrationen, Gemeinden, Master-Key): ${ms(fresh)} (nicht im Ziel, zur Information).`,
        `Warmes DATA_DIR, ${WARM_RUNS} Starts: ${warm.map(ms).join(', ')} → Median ${ms(ours)}; ` +
          `node -e http-Einzeiler, ${BASELINE_RUNS} Starts: ${base.map(ms).join(', ')} → Median ${ms(baseline)}.`,
        'Gemessen ab spawn von node --import tsx src/main/server.ts (npm selbst startet nicht mit; dessen Zeit ist nicht enthalten), WORKER inline wie bei npm start.',
      ],
    };
  } finally {
    removeTempDir(dataDir);
  }
}
