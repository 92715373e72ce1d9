/**
 * A PostgreSQL server for the benchmarks: DATABASE_URL if set, else a throwaway cluster from
 * scripts/pg-cluster.sh (initdb + pg_ctl, fsync=off as for the tests), stopped and removed at the
 * end — also on Ctrl-C (children.ts onCleanup). Throws Unavailable with the reason when neither works.
 */
import { execFileSync } from 'node:child_process';
import { Unavailable } from '../types.ts';
import { onCleanup, ROOT } from './children.ts';

export interface PostgresServer {
  url: string;
  source: string;
  stop(): void;
}

export function postgresServer(): PostgresServer {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, source: 'DATABASE_URL', stop: () => {} };
  let out: string;
  try {
    out = execFileSync('bash', ['scripts/pg-cluster.sh', 'start'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Unavailable(
      `kein DATABASE_URL, und scripts/pg-cluster.sh start schlug fehl: ${stderr || (error as Error).message}`,
    );
  }
  const url = /DATABASE_URL=(\S+)/.exec(out)?.[1];
  const dir = /PG_TEST_DIR=(\S+)/.exec(out)?.[1];
  if (!url || !dir) throw new Unavailable(`scripts/pg-cluster.sh start: unerwartete Ausgabe ${out.trim()}`);
  const stopSync = () => {
    execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', dir], {
      cwd: ROOT,
      stdio: 'ignore',
      timeout: 60_000,
    });
  };
  const forget = onCleanup(stopSync);
  return {
    url,
    source: 'scripts/pg-cluster.sh (fsync=off)',
    stop() {
      forget();
      stopSync();
    },
  };
}
