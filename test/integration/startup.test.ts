/**
 * The real entry points (src/main/server.ts, src/main/cli.ts) as child processes: configuration
 * errors, a normal start and stop, the PGlite data-directory lock, audit verification, CLI usage.
 * With DATABASE_URL set the processes run against PostgreSQL, otherwise on embedded PGlite.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { appendAudit, verifyAuditChain } from '../../src/adapters/db/audit-log.ts';
import { type DatabaseHandle, openDatabase } from '../../src/adapters/db/connect.ts';
import { createTestDatabase } from '../support/db.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PG_URL = process.env.DATABASE_URL || undefined;
const STACK_TRACE = /\n\s+at /;
const EXIT_TIMEOUT = 45_000;
const TEST_TIMEOUT = 90_000;

// ---------------------------------------------------------------------------------------------
// Child processes: always bounded, always killed at the end.

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Proc {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
}

const children = new Set<ChildProcess>();
const tempDirs: string[] = [];
after(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hfk-startup-'));
  tempDirs.push(dir);
  return dir;
}

/** A controlled environment: nothing from the test runner leaks in except PATH/HOME and DATABASE_URL. */
function envFor(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  if (PG_URL) env.DATABASE_URL = PG_URL;
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function start(entry: 'server' | 'cli', args: string[], env: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/main/${entry}.ts`, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits for the process to end; kills it and fails after `ms`. */
async function exitWithin(proc: Proc, ms: number, what: string): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      proc.child.kill('SIGKILL');
      reject(
        new Error(
          `${what}: nicht beendet nach ${ms} ms\nstdout:\n${proc.stdout()}\nstderr:\n${proc.stderr()}`,
        ),
      );
    }, ms);
  });
  try {
    return await Promise.race([proc.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function run(entry: 'server' | 'cli', args: string[], env: NodeJS.ProcessEnv) {
  const proc = start(entry, args, env);
  const exit = await exitWithin(proc, EXIT_TIMEOUT, `${entry} ${args.join(' ')}`);
  return { ...exit, stdout: proc.stdout(), stderr: proc.stderr() };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === 'object');
  return address.port;
}

async function get(url: string): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}

/** Polls until `check` returns a value, the process dies, or `ms` pass. */
async function waitFor<T>(
  proc: Proc,
  ms: number,
  what: string,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: nicht erreicht\nstdout:\n${proc.stdout()}\nstderr:\n${proc.stderr()}`);
}

interface Server extends Proc {
  port: number;
  base: string;
  coldStartMs: number;
}

/** Starts the server and waits until GET / answers 200 and the URL line is printed. */
async function startServer(dataDir: string, env: Record<string, string | undefined> = {}): Promise<Server> {
  const port = await freePort();
  const spawned = Date.now();
  const proc = start('server', [], envFor({ DATA_DIR: dataDir, PORT: String(port), ...env }));
  const base = `http://127.0.0.1:${port}`;
  await waitFor(proc, 60_000, 'GET / 200', async () =>
    (await get(`${base}/`))?.status === 200 ? true : undefined,
  );
  const coldStartMs = Date.now() - spawned;
  await waitFor(proc, 10_000, 'URL-Zeile', async () =>
    proc.stdout().includes(`läuft: http://localhost:${port}`) ? true : undefined,
  );
  return { ...proc, port, base, coldStartMs };
}

async function stopServer(server: Server): Promise<Exit> {
  server.child.kill('SIGTERM');
  return exitWithin(server, 15_000, 'Server nach SIGTERM');
}

// ---------------------------------------------------------------------------------------------

describe('configuration errors', () => {
  test('(a) a bad configuration exits 78 with a German message naming each variable, no stack trace', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const bad = { PORT: 'abc', DATABASE_URL: 'mysql://x' };
    const dirs = [tempDataDir(), tempDataDir(), tempDataDir()];
    const [server, cli, production] = await Promise.all([
      run('server', [], envFor({ DATA_DIR: dirs[0], ...bad })),
      run('cli', ['migrate'], envFor({ DATA_DIR: dirs[1], ...bad })),
      run(
        'server',
        [],
        envFor({ DATA_DIR: dirs[2], PORT: String(await freePort()), NODE_ENV: 'production' }),
      ),
    ]);

    for (const [name, r] of [
      ['server', server],
      ['cli migrate', cli],
    ] as const) {
      assert.equal(r.code, 78, `${name}: ${r.stderr}`);
      assert.match(r.stderr, /Die Konfiguration ist ungültig/);
      assert.match(r.stderr, /PORT: muss eine Zahl sein/);
      assert.match(r.stderr, /DATABASE_URL: muss mit postgres:\/\/ oder postgresql:\/\/ beginnen/);
      assert.doesNotMatch(r.stderr, STACK_TRACE);
      assert.doesNotMatch(r.stdout, STACK_TRACE);
    }
    assert.equal(production.code, 78, production.stderr);
    assert.match(production.stderr, /MASTER_KEY: fehlt/);
    assert.match(production.stderr, /SESSION_SECRET: fehlt/);
    assert.doesNotMatch(production.stderr, STACK_TRACE);
    // A refused start touches nothing: no key generated, no database created.
    for (const dir of dirs) assert.deepEqual(readdirSync(dir), [], dir);
  });
  test('(a2) a profile missing from PROFILES_DIR, or one without a letterhead, exits 78 naming the file', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const profiles = tempDataDir();
    const nrw = JSON.parse(readFileSync(new URL('../../content/profiles/nrw.json', import.meta.url), 'utf8'));
    writeFileSync(join(profiles, 'land-y.json'), JSON.stringify({ ...nrw, id: 'land-y' }));
    const dirs = [tempDataDir(), tempDataDir()];
    const [missing, noLetterhead] = await Promise.all([
      run('server', [], envFor({ DATA_DIR: dirs[0], PROFILE: 'land-z', PROFILES_DIR: profiles })),
      run('server', [], envFor({ DATA_DIR: dirs[1], PROFILE: 'land-y', PROFILES_DIR: profiles })),
    ]);
    assert.equal(missing.code, 78, missing.stderr);
    assert.match(missing.stderr, /land-z\.json ist ungültig:\n\s+- Datei fehlt/);
    assert.equal(noLetterhead.code, 78, noLetterhead.stderr);
    assert.match(noLetterhead.stderr, /land-y\.letterhead\.json ist ungültig:\n\s+- Datei fehlt/);
    for (const r of [missing, noLetterhead]) assert.doesNotMatch(r.stderr, STACK_TRACE);
    for (const dir of dirs) assert.deepEqual(readdirSync(dir), [], dir);
  });
});

describe('server', () => {
  test(`(b) starts on ${PG_URL ? 'PostgreSQL' : 'PGlite'}, serves German pages, stops cleanly on SIGTERM`, {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const dataDir = tempDataDir();
    const server = await startServer(dataDir);
    console.log(`cold start: ${server.coldStartMs} ms (${PG_URL ? 'PostgreSQL' : 'PGlite'})`);
    try {
      const home = await get(`${server.base}/`);
      assert.equal(home?.status, 200);
      assert.match(home?.body ?? '', /<html[^>]*\blang="de"/);
      assert.equal((await get(`${server.base}/health/ready`))?.status, 200);

      const keyFile = join(dataDir, 'master.key');
      assert.ok(existsSync(keyFile), 'master.key generated');
      assert.equal(statSync(keyFile).mode & 0o777, 0o600);
      assert.match(readFileSync(keyFile, 'utf8').trim(), /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
      if (PG_URL) {
        assert.ok(!existsSync(join(dataDir, 'db')), 'no embedded database next to PostgreSQL');
        assert.match(server.stdout(), /Datenbank: PostgreSQL/);
      } else {
        assert.ok(statSync(join(dataDir, 'db')).isDirectory());
        assert.equal(readFileSync(join(dataDir, 'db.lock'), 'utf8').trim(), String(server.child.pid));
        assert.match(server.stdout(), /Datenbank: eingebettet \(PGlite\)/);
      }
      assert.match(server.stdout(), /Virenprüfung: aus \(CLAMD_SOCKET oder CLAMD_HOST setzen\)/);
    } finally {
      const exit = await stopServer(server);
      assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
    }
    assert.doesNotMatch(server.stderr(), STACK_TRACE);
    assert.doesNotMatch(server.stdout(), STACK_TRACE);
    if (!PG_URL) assert.ok(!existsSync(join(dataDir, 'db.lock')), 'the lock is released on stop');
  });

  test('(c) a second server on the same data directory exits 75 (PGlite)', {
    timeout: TEST_TIMEOUT,
    skip: PG_URL ? 'nur mit eingebetteter Datenbank (PGlite)' : false,
  }, async () => {
    const dataDir = tempDataDir();
    const first = await startServer(dataDir);
    try {
      const second = await run('server', [], envFor({ DATA_DIR: dataDir, PORT: String(await freePort()) }));
      assert.equal(second.code, 75, second.stderr);
      assert.match(second.stderr, /Das Datenverzeichnis wird bereits von Prozess \d+ verwendet/);
      assert.ok(second.stderr.includes(`Prozess ${first.child.pid} `), second.stderr);
      assert.doesNotMatch(second.stderr, STACK_TRACE);
      // The first server is unharmed and still holds the lock.
      assert.equal((await get(`${first.base}/health/ready`))?.status, 200);
      assert.equal(readFileSync(join(dataDir, 'db.lock'), 'utf8').trim(), String(first.child.pid));
    } finally {
      const exit = await stopServer(first);
      assert.deepEqual(exit, { code: 0, signal: null }, first.stderr());
    }
  });
});

describe('cli', () => {
  test('(d) audit verify: intact after a server run, names the tampered row afterwards', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const dataDir = tempDataDir();
    // PostgreSQL: a database of this test's own; PGlite: the data directory.
    const testDb = PG_URL ? await createTestDatabase() : undefined;
    try {
      const env = envFor({ DATA_DIR: dataDir, ...(testDb ? { DATABASE_URL: testDb.url } : {}) });
      const server = await startServer(dataDir, testDb ? { DATABASE_URL: testDb.url } : {});
      assert.deepEqual(await stopServer(server), { code: 0, signal: null }, server.stderr());

      const intact = await run('cli', ['audit', 'verify'], env);
      assert.equal(intact.code, 0, intact.stderr);
      assert.match(intact.stdout, /Prüfprotokoll unverändert: \d+ Einträge geprüft/);

      // Two entries through the real append, then one altered behind the chain's back.
      let handle: DatabaseHandle | undefined = testDb;
      if (!handle) {
        assert.ok(!existsSync(join(dataDir, 'db.lock')), 'no process holds the data directory');
        handle = await openDatabase({ pgliteDir: join(dataDir, 'db') });
      }
      let ids: string[];
      try {
        const db = handle.db;
        await db.transaction().execute(async (trx) => {
          for (const action of ['case.received', 'case.assigned'])
            await appendAudit(trx, {
              at: new Date('2026-11-25T10:15:00.123Z'),
              actor: { role: 'office_clerk', id: 'clerk-1' },
              action,
              resource: { type: 'case', id: '0b4f2f6e-2d1e-4c55-9d7e-6f1a3b2c4d5e' },
              details: { channel: 'post' },
            });
        });
        const rows = await db.selectFrom('audit_log').select('id').orderBy('id').execute();
        ids = rows.map((r) => String(r.id));
        assert.ok(ids.length >= 2);
        const verdict = await verifyAuditChain(db);
        assert.deepEqual(verdict, { ok: true, rows: ids.length }, 'the appended entries chain correctly');
        await sql`UPDATE audit_log SET action = 'x' WHERE id = ${ids.at(-1)}`.execute(db);
      } finally {
        if (!testDb) await handle.close();
      }
      const tampered = ids.at(-1);

      const broken = await run('cli', ['audit', 'verify'], env);
      assert.equal(broken.code, 1, `${broken.stdout}\n${broken.stderr}`);
      assert.match(broken.stdout, /Prüfprotokoll VERÄNDERT/);
      assert.equal(broken.stdout.match(/erste betroffene Zeile id=(\d+)/)?.[1], tampered, broken.stdout);
      assert.match(broken.stdout, /Inhalt verändert/);
      assert.match(broken.stdout, new RegExp(`; ${ids.length - 1} Einträge davor sind intakt`));
      assert.doesNotMatch(broken.stderr, STACK_TRACE);
    } finally {
      await testDb?.close();
    }
  });

  test('(e) an unknown command exits 64 with the usage; key generate prints an age identity', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const env = envFor({ DATA_DIR: tempDataDir() });
    const [unknown, none, key1, key2] = await Promise.all([
      run('cli', ['frobnicate'], env),
      run('cli', [], env),
      run('cli', ['key', 'generate'], env),
      run('cli', ['key', 'generate'], env),
    ]);
    assert.equal(unknown.code, 64);
    assert.match(unknown.stderr, /^Unbekannter Befehl: frobnicate\n/);
    for (const r of [unknown, none]) {
      assert.match(r.stderr, /Verwendung: npm run cli -- <Befehl>/);
      assert.match(r.stderr, /audit verify\s+Hash-Kette des Prüfprotokolls prüfen/);
      assert.match(r.stderr, /key generate\s+Neuen Hauptschlüssel/);
      assert.equal(r.stdout, '');
    }
    assert.equal(none.code, 64);

    for (const r of [key1, key2]) {
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.split('\n').filter((l) => l !== '');
      assert.equal(lines.length, 1, r.stdout);
      assert.match(lines[0] ?? '', /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/);
    }
    assert.notEqual(key1.stdout, key2.stdout, 'every key is new');
  });
});
