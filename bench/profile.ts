/**
 * Where the page's time goes: `node --import tsx bench/profile.ts [SECONDS] [PATH]` starts the app
 * as the page benchmark does, warms it up, records a V8 CPU profile in the server process while
 * autocannon loads PATH (default /), prints the heaviest packages and functions and keeps the
 * .cpuprofile in bench/results/ (open it in Chrome DevTools → Performance). Not part of `npm run bench`.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cleanupAll, installCleanupHandlers } from './lib/children.ts';
import { measure } from './lib/load.ts';
import { type ServerChild, startServerChild } from './lib/server-child.ts';

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

async function main(): Promise<void> {
  installCleanupHandlers();
  const seconds = Number(process.argv[2] ?? 8);
  const path = process.argv[3] ?? '/';
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 60) throw new Error('SECONDS: 1 bis 60');
  const results = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(results, { recursive: true });
  const file = `${results}page.cpuprofile`;
  let server: ServerChild | undefined;
  try {
    server = await startServerChild(fileURLToPath(new URL('./servers/app.ts', import.meta.url)));
    await measure(`${server.url}${path}`, { connections: 10, warmupSeconds: 2, seconds: 2 });
    await server.profileStart();
    const figures = await measure(`${server.url}${path}`, { connections: 10, warmupSeconds: 0, seconds });
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
