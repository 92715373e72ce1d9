/**
 * The real server, worker or CLI as a separate process (`node --import tsx src/main/…`, exactly what
 * `npm start`, `npm run worker` and `npm run cli` run), on a data directory and database chosen by the
 * test. The environment is built from scratch, so a DATABASE_URL of the test run never leaks in.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

const SCRIPTS = {
  server: 'src/main/server.ts',
  worker: 'src/main/worker.ts',
  cli: 'src/main/cli.ts',
} as const;

/** Where one installation keeps its data: a data directory, and a PostgreSQL database when testing on one. */
export interface Installation {
  dataDir: string;
  /** postgres://… of this installation's own database; absent on the embedded PGlite. */
  databaseUrl?: string;
  masterKey: string;
  /** Extra settings (SMTP_URL, WORKER, …). */
  env?: Record<string, string>;
}

export function installationEnv(inst: Installation, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATA_DIR: inst.dataDir,
    MASTER_KEY: inst.masterKey,
    ...(inst.databaseUrl ? { DATABASE_URL: inst.databaseUrl } : {}),
    ...inst.env,
    ...extra,
  };
}

export interface AppProcess {
  child: ChildProcess;
  /** Everything the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL and wait until the process is gone (its lock, sockets and files are released by the kernel). */
  kill(): Promise<void>;
  /** SIGTERM (graceful shutdown) and wait; answers the exit code. */
  stop(): Promise<number | null>;
}

function launch(script: keyof typeof SCRIPTS, args: string[], env: NodeJS.ProcessEnv): AppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPTS[script], ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => out,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return (await exited).code;
    },
  };
}

/** A free loopback port (the server keeps it across restarts, so clients keep their address). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function until(what: string, proc: AppProcess, probe: () => Promise<boolean>, ms: number) {
  const deadline = Date.now() + ms;
  let gone = false;
  void proc.exited.then(() => {
    gone = true;
  });
  for (;;) {
    if (gone) throw new Error(`${what}: Prozess beendet\n${proc.output().slice(-4000)}`);
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      await proc.kill();
      throw new Error(`${what}: nicht bereit nach ${ms} ms\n${proc.output().slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `npm start` on the installation and waits until /health/ready answers. */
export async function startServer(
  inst: Installation,
  port: number,
  extra: Record<string, string> = {},
): Promise<AppProcess & { url: string }> {
  const url = `http://127.0.0.1:${port}`;
  const proc = launch(
    'server',
    [],
    installationEnv(inst, { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, ...extra }),
  );
  await until(
    'Server',
    proc,
    async () => (await fetch(`${url}/health/ready`)).status === 200,
    Number(process.env.CRASH_START_TIMEOUT_MS ?? 90_000),
  );
  return { ...proc, url };
}

/** Starts `npm run worker` on the installation and waits for its start line. */
export async function startWorker(
  inst: Installation,
  extra: Record<string, string> = {},
): Promise<AppProcess> {
  const proc = launch('worker', [], installationEnv(inst, { LOG_LEVEL: 'info', ...extra }));
  await until('Worker', proc, async () => proc.output().includes('Outbox-Worker gestartet'), 90_000);
  return proc;
}

/** Runs `npm run cli -- …` to its end. */
export async function runCli(
  inst: Installation,
  args: string[],
): Promise<{ code: number | null; output: string }> {
  const proc = launch('cli', args, installationEnv(inst));
  const { code } = await proc.exited;
  return { code, output: proc.output() };
}

/**
 * A new, empty database for one installation: on PostgreSQL (DATABASE_URL of the test run set) a
 * database of its own, dropped by `drop()`; on PGlite nothing (the server creates it in the data dir).
 */
export async function freshDatabase(): Promise<{ url?: string; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { drop: async () => {} };
  const name = `hfk_res_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export const randomInt = (min: number, max: number) => min + Math.floor(Math.random() * (max - min + 1));
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
