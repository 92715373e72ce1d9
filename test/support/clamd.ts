/**
 * A private ClamAV daemon for the tests: Debian's `clamd`, run as the current user with a temporary
 * config (unix socket and a loopback TCP port in a temp directory) and a signature database of one
 * line that detects the EICAR test string. No internet, no freshclam.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The EICAR anti-virus test file (68 bytes), put together here so that this source is no test file itself. */
export const EICAR = Buffer.from(
  ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE', '!$H+H*'].join(''),
  'latin1',
);
/** Our test signature's name in the database file. */
const SIGNATURE_NAME = 'Hfk.Test.EICAR';
/** What clamd reports: it marks every signature outside ClamAV's own databases as UNOFFICIAL. */
export const EICAR_SIGNATURE = `${SIGNATURE_NAME}.UNOFFICIAL`;

export interface Clamd {
  socket: string;
  host: string;
  port: number;
  /** The environment that points the app at this daemon. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const CANDIDATES = ['/usr/sbin/clamd', '/usr/bin/clamd', '/usr/local/sbin/clamd'];

export function clamdBinary(): string | null {
  for (const path of CANDIDATES) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {}
  }
  return null;
}

/**
 * Why the clamd tests cannot run here, or undefined when they can. In CI (CI=true) a missing clamd is
 * no reason: the suites then fail, because `scripts/install-system-deps.sh` should have installed it.
 */
export function clamdSkipReason(): string | undefined {
  if (clamdBinary() || process.env.CI === 'true') return undefined;
  return 'clamd fehlt (bash scripts/install-system-deps.sh installiert clamav-daemon)';
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => boolean, child: ChildProcess, timeoutMs: number, log: string) {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (child.exitCode !== null) throw new Error(`clamd beendet (${child.exitCode}): ${log}`);
    if (Date.now() > until) throw new Error(`clamd nicht bereit nach ${timeoutMs} ms: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts clamd; with `socket`, on that path (to bring a stopped daemon back where the app expects it). */
export async function startClamd(options: { socket?: string } = {}): Promise<Clamd> {
  const binary = clamdBinary();
  if (!binary) throw new Error('clamd fehlt: bash scripts/install-system-deps.sh installiert clamav-daemon');
  const dir = mkdtempSync(join(tmpdir(), 'hfk-clamd-'));
  const db = join(dir, 'db');
  const socket = options.socket ?? join(dir, 'clamd.sock');
  const port = await freePort();
  mkdirSync(db);
  // An .ndb body signature: target type 0 (any file), any offset, the EICAR bytes in hex.
  writeFileSync(join(db, 'hfk-test.ndb'), `${SIGNATURE_NAME}:0:*:${EICAR.toString('hex')}\n`);
  writeFileSync(
    join(dir, 'clamd.conf'),
    [
      `LocalSocket ${socket}`,
      'LocalSocketMode 600',
      `TCPSocket ${port}`,
      'TCPAddr 127.0.0.1',
      `DatabaseDirectory ${db}`,
      `TemporaryDirectory ${dir}`,
      'Foreground yes',
      `PidFile ${join(dir, 'clamd.pid')}`,
      // Its own log: clamd locks its log file, so two daemons sharing /dev/null cannot both start.
      `LogFile ${join(dir, 'clamd.log')}`,
      'StreamMaxLength 64M',
      'MaxThreads 2',
      'SelfCheck 3600',
      '',
    ].join('\n'),
  );
  const child = spawn(binary, ['-c', join(dir, 'clamd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString('utf8')).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitFor(() => existsSync(socket), child, 30_000, log);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    socket,
    host: '127.0.0.1',
    port,
    env: { CLAMD_SOCKET: socket },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
