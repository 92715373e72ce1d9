/**
 * The session pack: 30 cases × 40 pages merged into one PDF with the outline (a bookmark per case and
 * per part) and the member's watermark on every page (src/adapters/pdf/session-pack.ts, pdf-lib), vs
 * `qpdf --empty --pages … --` merging the same files (no outline, no watermark) in the same run.
 *
 * The files are made once per run with pdfkit: per case a summary sheet (1 page), the application
 * (20 pages), the authority's statement (5 pages) and three pieces of evidence (6, 4 and 4 pages), each
 * page with a heading and a paragraph of text in the standard Helvetica — 150 files, 1200 pages. Both
 * sides read them from disk; ours writes the result to memory, qpdf to a file. Each side runs
 * `ROUNDS` times alternately after one warm-up round (a running server is warm); the median counts. The ratio is qpdf's time over ours (speed as a share of
 * qpdf's): the target is ≥ 0.5. A note gives our time without watermark and outline (merge only), so
 * what the two add is visible.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import PDFKit from 'pdfkit';
import { buildSessionPack } from '../src/adapters/pdf/session-pack.ts';
import type { SessionPackSection } from '../src/application/ports.ts';
import { type BenchResult, Unavailable } from './types.ts';

const CASES = 30;
const PARTS: readonly [string, number][] = [
  ['Übersicht', 1],
  ['Antrag', 20],
  ['Stellungnahme der Ausländerbehörde', 5],
  ['Nachweis: Lebenslauf', 6],
  ['Nachweis: Schule', 4],
  ['Nachweis: Arbeit', 4],
];
const PAGES_PER_CASE = PARTS.reduce((n, [, p]) => n + p, 0);
const ROUNDS = 5;
const TARGET = 0.5;

export const name = 'session-pack';
export const target = `≥ ${TARGET} × qpdf (${CASES} × ${PAGES_PER_CASE} Seiten)`;

function sourcePdf(title: string, pages: number): Promise<Buffer> {
  const doc = new PDFKit({ size: 'A4', margin: 50, autoFirstPage: false, compress: true });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (let i = 1; i <= pages; i++) {
    doc.addPage();
    doc.fontSize(14).text(`${title} – Seite ${i}`);
    doc.moveDown();
    doc.fontSize(10).text('Die Familie lebt seit vielen Jahren in Nordrhein-Westfalen. '.repeat(30));
  }
  doc.end();
  return done;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function mergeOnly(files: readonly string[]): Promise<Buffer> {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const file of files) {
    const source = await PDFDocument.load(readFileSync(file), { updateMetadata: false, parseSpeed: 5000 });
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
  }
  return Buffer.from(await out.save({ useObjectStreams: false, objectsPerTick: 5000 }));
}

export async function run(): Promise<BenchResult> {
  const probe = spawnSync('qpdf', ['--version'], { stdio: 'ignore' });
  if (probe.error) throw new Unavailable('qpdf fehlt (bash scripts/install-system-deps.sh)');
  const dir = mkdtempSync(join(tmpdir(), 'hfk-bench-pack-'));
  try {
    const cases: { title: string; files: { title: string; file: string }[] }[] = [];
    for (let c = 1; c <= CASES; c++) {
      const files: { title: string; file: string }[] = [];
      for (const [p, [title, pages]] of PARTS.entries()) {
        const file = join(dir, `c${c}-p${p}.pdf`);
        writeFileSync(file, await sourcePdf(`HFK-2026-${String(c).padStart(5, '0')} ${title}`, pages));
        files.push({ title, file });
      }
      cases.push({ title: `${c}. HFK-2026-${String(c).padStart(5, '0')} – Person ${c}`, files });
    }
    const all = cases.flatMap((c) => c.files.map((f) => f.file));
    const inputBytes = all.reduce((n, f) => n + statSync(f).size, 0);
    const sections: SessionPackSection[] = cases.map((c) => ({
      title: c.title,
      nested: true,
      parts: c.files.map((f) => ({
        title: f.title,
        contentType: 'application/pdf',
        load: async () => readFileSync(f.file),
      })),
    }));
    const ours: number[] = [];
    const qpdf: number[] = [];
    const plain: number[] = [];
    let packBytes = 0;
    let qpdfBytes = 0;
    // Round 0 warms up (JIT, the stamp's font) as a running server is warm; it is not counted.
    for (let round = 0; round <= ROUNDS; round++) {
      let t0 = performance.now();
      const pdf = await buildSessionPack({
        title: 'Sitzungsmappe der Härtefallkommission vom 10.03.2027',
        subject: 'Vertrauliche Unterlagen für die Sitzung',
        createdAt: new Date(),
        watermark: 'Vertraulich – nur für Zeynep Ağaoğlu – abgerufen am 03.12.2026',
        sections,
        texts: { page: 'Seite {n} von {total}', unreadable: 'nicht lesbar' },
      });
      if (round > 0) ours.push(performance.now() - t0);
      packBytes = pdf.length;

      t0 = performance.now();
      const out = join(dir, 'qpdf.pdf');
      const merged = spawnSync('qpdf', ['--empty', '--pages', ...all, '--', out], { stdio: 'pipe' });
      if (round > 0) qpdf.push(performance.now() - t0);
      if (merged.status !== 0) throw new Error(`qpdf: ${merged.stderr.toString()}`);
      qpdfBytes = statSync(out).size;

      t0 = performance.now();
      await mergeOnly(all);
      if (round > 0) plain.push(performance.now() - t0);

      if (round === 0) {
        const check = await PDFDocument.load(pdf, { updateMetadata: false });
        if (check.getPageCount() !== CASES * PAGES_PER_CASE)
          throw new Error(`Mappe hat ${check.getPageCount()} Seiten statt ${CASES * PAGES_PER_CASE}`);
      }
    }
    const oursMs = median(ours);
    const qpdfMs = median(qpdf);
    const ratio = qpdfMs / oursMs;
    const f0 = (n: number) => n.toFixed(0);
    return {
      ours: oursMs,
      baseline: qpdfMs,
      unit: 'ms',
      ratio,
      pass: ratio >= TARGET,
      notes: [
        `${CASES} Fälle × ${PAGES_PER_CASE} Seiten = ${CASES * PAGES_PER_CASE} Seiten aus ${all.length} Dateien (${(inputBytes / 1024 ** 2).toFixed(1)} MiB), ${ROUNDS} Runden nach einer Aufwärmrunde, Median`,
        `Mappe (pdf-lib, Lesezeichen + Wasserzeichen): ${ours.map(f0).join(' / ')} ms, ${(packBytes / 1024 ** 2).toFixed(1)} MiB`,
        `nur zusammenfügen mit pdf-lib (ohne Lesezeichen, Wasserzeichen): ${plain.map(f0).join(' / ')} ms`,
        `qpdf --empty --pages … --: ${qpdf.map(f0).join(' / ')} ms, ${(qpdfBytes / 1024 ** 2).toFixed(1)} MiB`,
        `Verhältnis = qpdf-Zeit / unsere Zeit (Ziel ≥ ${TARGET}); „deutlich unter einer Minute“: ${oursMs < 60_000 ? 'ja' : 'nein'} (${(oursMs / 1000).toFixed(1)} s)`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
