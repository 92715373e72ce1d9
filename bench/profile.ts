/**
 * Where the page's time goes: `node --import tsx bench/profile.ts [SECONDS] [PATH]` starts the app
 * as the page benchmark does, warms it up, records a V8 CPU profile in the server process while
 * autocannon loads PATH (default /), prints the heaviest packages and functions and keeps the
 * .cpuprofile in bench/results/ (open it in Chrome DevTools → Performance). Not part of `npm run bench`.
 *
 * A PATH under /antrag/ (other than /antrag itself) gets a draft first, prepared as wizard-page does
 * (PGlite in DATA_DIR), and its cookie; `:main` in PATH stands for the main person's id, e.g.
 * `bench/profile.ts 8 /antrag/personen/:main`.
 *
 * `bench/profile.ts upload [MIB] [CHUNK_MIB]` profiles the server during one tus upload of MIB
 * generated MiB (default 256) in PATCHes of CHUNK_MIB (default: all in one), as upload-ingest sends them.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prepareDraft } from './lib/applicant.ts';
import { cleanupAll, installCleanupHandlers } from './lib/children.ts';
import { measure } from './lib/load.ts';
import { type ServerChild, startServerChild } from './lib/server-child.ts';
import { tusUpload } from './upload-ingest.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Groups a frame: npm package, our source file, node internals, or V8's own buckets. */
function group(frame: ProfileNode['callFrame']): string {
  const pkg = frame.url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1] as string;
  const own = frame.url.match(/\/(src\/.+)$/);
  if (own) return own[1] as string;
  if (frame.url.startsWith('node:')) return 'node (intern)';
  if (frame.url.startsWith('wasm://')) return 'wasm (PGlite)';
  return frame.functionName ? `(${frame.functionName.replace(/^\(|\)$/g, '')})` : '(native)';
}

export function summarise(profile: CpuProfile, top = 15): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...time.values()].reduce((a, b) => a + b, 0);
  const inclusive = new Map<string, number>();
  const self = new Map<string, number>();
  for (const [id, t] of time) {
    const leaf = byId.get(id) as ProfileNode;
    const fn = `${leaf.callFrame.functionName || '(anonym)'} – ${group(leaf.callFrame)}`;
    self.set(fn, (self.get(fn) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const g = group((byId.get(cur) as ProfileNode).callFrame);
      if (g === '(root)' || seen.has(g)) continue;
      seen.add(g);
      inclusive.set(g, (inclusive.get(g) ?? 0) + t);
    }
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  return `Inklusive Zeit je Paket/Datei (Aufrufer und Aufgerufene zählen beide):\n${list(inclusive)}\n\nEigenzeit je Funktion:\n${list(self)}`;
}

async function profileUpload(mib: number, chunkMib: number): Promise<void> {
  const results = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(results, { recursive: true });
  const file = `${results}upload.cpuprofile`;
  let server: ServerChild | undefined;
  try {
    server = await startServerChild(fileURLToPath(new URL('./servers/app.ts', import.meta.url)), {
      UPLOAD_MAX_MB: '1024',
      APPLICATION_MAX_MB: '4096',
    });
    const draft = await prepareDraft(server.url, { index: 0, until: 'persons' });
    const MiB = 1024 * 1024;
    await tusUpload(server, draft.cookie, 20 * MiB, 5 * MiB);
    await server.profileStart();
    const figures = await tusUpload(server, draft.cookie, mib * MiB, chunkMib * MiB);
    await server.profileStop(file);
    process.stdout.write(
      `Upload ${mib} MiB in ${figures.patches} PATCHes: ${(mib / figures.seconds).toFixed(1)} MiB/s unter dem Profiler, ` +
        `letzter PATCH ${figures.lastPatchSeconds.toFixed(1)} s\n\n`,
    );
    process.stdout.write(
      `${summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, 25)}\n\nProfil: ${file}\n`,
    );
  } finally {
    await server?.stop();
  }
}

async function main(): Promise<void> {
  installCleanupHandlers();
  if (process.argv[2] === 'upload') {
    const mib = Number(process.argv[3] ?? 256);
    const chunk = Number(process.argv[4] ?? mib);
    if (!Number.isInteger(mib) || mib < 1 || mib > 1024) throw new Error('MIB: 1 bis 1024');
    if (!Number.isInteger(chunk) || chunk < 1 || chunk > mib) throw new Error('CHUNK_MIB: 1 bis MIB');
    return profileUpload(mib, chunk);
  }
  const seconds = Number(process.argv[2] ?? 8);
  const path = process.argv[3] ?? '/';
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 60) throw new Error('SECONDS: 1 bis 60');
  const results = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(results, { recursive: true });
  const wizard = path.startsWith('/antrag/');
  const file = `${results}${wizard ? 'wizard' : 'page'}.cpuprofile`;
  let server: ServerChild | undefined;
  try {
    server = await startServerChild(
      fileURLToPath(new URL('./servers/app.ts', import.meta.url)),
      wizard ? { BENCH_DB: 'file' } : {},
      { startTimeoutMs: 120_000 },
    );
    let target = path;
    const headers: Record<string, string> = {};
    if (wizard) {
      const draft = await prepareDraft(server.url, { index: 0, until: 'texts' });
      target = path.replace(':main', draft.mainPersonId);
      headers.cookie = draft.cookie;
    }
    await measure(`${server.url}${target}`, { connections: 10, warmupSeconds: 2, seconds: 2, headers });
    await server.profileStart();
    const figures = await measure(`${server.url}${target}`, {
      connections: 10,
      warmupSeconds: 0,
      seconds,
      headers,
    });
    await server.profileStop(file);
    process.stdout.write(
      `GET ${path}: ${Math.round(figures.rps)} req/s unter dem Profiler (${seconds} s)\n\n`,
    );
    process.stdout.write(
      `${summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)}\n\nProfil: ${file}\n`,
    );
  } finally {
    await server?.stop();
  }
}

try {
  await main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
} finally {
  cleanupAll();
}
