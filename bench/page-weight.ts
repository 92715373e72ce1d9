/**
 * Bytes an applicant's browser loads for the information page: the HTML plus every stylesheet
 * and script it references, each gzipped at level 6 (as @fastify/compress or a compressing proxy
 * would). Fonts referenced from the CSS via url(...) are reported separately, not in the target.
 */
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { getRaw } from './lib/http.ts';
import { type ServerChild, startServerChild } from './lib/server-child.ts';
import type { BenchResult } from './types.ts';

export const name = 'page-weight';
const TARGET_KB = 100;
export const target = `< ${TARGET_KB} KB gz (HTML+CSS+JS)`;

const PAGES = [
  { label: 'de', path: '/' },
  { label: 'ar', path: '/?lang=ar' },
];
const FONT = /\.(woff2?|ttf|otf|eot)(\?|#|$)/i;

interface Asset {
  url: string;
  kind: 'html' | 'css' | 'js' | 'font' | 'other';
  raw: number;
  gzip: number;
}

function attributes(tag: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of tag.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
    attrs[(m[1] as string).toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attrs;
}

/** Stylesheets (<link rel=stylesheet href>) and scripts (<script src>) of an HTML page. */
export function referencedAssets(html: string, base: string): { css: string[]; js: string[] } {
  const css: string[] = [];
  const js: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const a = attributes(tag);
    if (a.href && (a.rel ?? '').toLowerCase().split(/\s+/).includes('stylesheet'))
      css.push(new URL(a.href, base).href);
  }
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const a = attributes(tag);
    if (a.src) js.push(new URL(a.src, base).href);
  }
  return { css, js };
}

/** url(...) and @import targets of a stylesheet, data: URIs excluded. */
export function cssReferences(css: string, base: string): string[] {
  const found = new Set<string>();
  for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g)) {
    const ref = (m[2] ?? m[4] ?? '').trim();
    if (ref && !ref.startsWith('data:') && !ref.startsWith('#')) found.add(new URL(ref, base).href);
  }
  return [...found];
}

async function fetchAsset(url: string, kind: Asset['kind']): Promise<{ asset: Asset; body: Buffer }> {
  const res = await getRaw(url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  const body = res.body;
  return { asset: { url, kind, raw: body.length, gzip: gzipSync(body, { level: 6 }).length }, body };
}

async function weigh(origin: string, path: string): Promise<Asset[]> {
  const page = await fetchAsset(`${origin}${path}`, 'html');
  const assets: Asset[] = [page.asset];
  const seen = new Set<string>([page.asset.url]);
  const { css, js } = referencedAssets(page.body.toString('utf8'), page.asset.url);
  const queue: { url: string; kind: Asset['kind'] }[] = [
    ...css.map((url) => ({ url, kind: 'css' as const })),
    ...js.map((url) => ({ url, kind: 'js' as const })),
  ];
  while (queue.length > 0) {
    const next = queue.shift() as { url: string; kind: Asset['kind'] };
    if (seen.has(next.url)) continue;
    seen.add(next.url);
    if (new URL(next.url).origin !== origin) throw new Error(`fremde Quelle im HTML/CSS: ${next.url}`);
    const { asset, body } = await fetchAsset(next.url, next.kind);
    assets.push(asset);
    if (asset.kind === 'css') {
      for (const ref of cssReferences(body.toString('utf8'), asset.url)) {
        const pathname = new URL(ref).pathname;
        queue.push({
          url: ref,
          kind: pathname.endsWith('.css') ? 'css' : FONT.test(pathname) ? 'font' : 'other',
        });
      }
    }
  }
  return assets;
}

const kb = (bytes: number) => bytes / 1024;
const sum = (assets: Asset[], key: 'raw' | 'gzip') => assets.reduce((n, a) => n + a[key], 0);
const f1 = (n: number) => n.toFixed(1);

export async function run(): Promise<BenchResult> {
  let server: ServerChild | undefined;
  try {
    server = await startServerChild(fileURLToPath(new URL('./servers/app.ts', import.meta.url)));
    const origin = server.url;
    const notes: string[] = [];
    const totals: { label: string; gzip: number; raw: number }[] = [];
    for (const { label, path } of PAGES) {
      const assets = await weigh(origin, path);
      const counted = assets.filter((a) => a.kind === 'html' || a.kind === 'css' || a.kind === 'js');
      const fonts = assets.filter((a) => a.kind === 'font');
      const other = assets.filter((a) => a.kind === 'other');
      const gzip = kb(sum(counted, 'gzip'));
      const raw = kb(sum(counted, 'raw'));
      totals.push({ label, gzip, raw });
      const parts = counted
        .map((a) => `${new URL(a.url).pathname.split('/').pop() || '/'} ${f1(kb(a.gzip))}`)
        .join(', ');
      notes.push(`${label} (${path}): ${f1(gzip)} KB gz / ${f1(raw)} KB roh — ${parts}`);
      notes.push(
        `${label}: Schriften (nicht im Ziel; woff2, gzip bringt nichts; der Browser lädt nur genutzte Schnitte/unicode-range): ` +
          `${fonts.length} Dateien, ${f1(kb(sum(fonts, 'raw')))} KB` +
          (other.length > 0
            ? `; sonstige CSS-Referenzen: ${other.length}, ${f1(kb(sum(other, 'raw')))} KB`
            : ''),
      );
    }
    const worst = totals.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    notes.unshift(
      `Zahl = schwerere Sprache (${worst.label}); Baseline-Spalte = dieselben Bytes unkomprimiert; gzip -6 je Datei, ohne HTTP-Header.`,
    );
    return {
      ours: worst.gzip,
      baseline: worst.raw,
      unit: 'KB gz',
      baselineUnit: 'KB roh',
      ratio: worst.gzip / worst.raw,
      pass: totals.every((t) => t.gzip < TARGET_KB),
      notes,
    };
  } finally {
    await server?.stop();
  }
}
