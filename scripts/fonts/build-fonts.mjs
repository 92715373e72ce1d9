#!/usr/bin/env node
// Regenerates the TTF fonts that the PDF adapter embeds (src/adapters/pdf/fonts/).
//
// Why this exists: KERN-UX ships Fira Sans only as WOFF2, and fontkit (used by pdfkit) cannot
// subset WOFF2 (RangeError in the WOFF2 glyph decoder). Converting once to TTF with wawoff2
// (Google's woff2 decoder compiled to WebAssembly) gives pdfkit a font it can subset and embed.
// The TTFs are checked in (SIL OFL 1.1 allows redistribution), so nothing runs at install time;
// run this script again only when @kern-ux/native updates its fonts:
//   node scripts/fonts/build-fonts.mjs
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wawoff2 from 'wawoff2';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
// Resolve through the package so that a hoisted or nested install both work.
const kernDir = dirname(require.resolve('@kern-ux/native/package.json'));
const sourceDir = join(kernDir, 'dist', 'fonts', 'fira-sans');
const targetDir = join(root, 'src', 'adapters', 'pdf', 'fonts');
const kernVersion = JSON.parse(await readFile(join(kernDir, 'package.json'), 'utf8')).version;

// Regular, Bold and Italic cover everything the letters use; other weights would only add size.
const faces = ['FiraSans-Regular', 'FiraSans-Bold', 'FiraSans-Italic'];

const lines = [];
for (const face of faces) {
  const woff2 = await readFile(join(sourceDir, `${face}.woff2`));
  const ttf = Buffer.from(await wawoff2.decompress(woff2));
  // 0x00010000 is the sfnt version of a TrueType (glyf) font; anything else is not what pdfkit expects.
  if (ttf.readUInt32BE(0) !== 0x00010000) throw new Error(`${face}: decoded font is not TrueType`);
  await writeFile(join(targetDir, `${face}.ttf`), ttf);
  const sha256 = createHash('sha256').update(ttf).digest('hex');
  lines.push(`${face}.ttf  ${ttf.length} bytes  sha256 ${sha256}`);
}
console.log(`Fira Sans from @kern-ux/native ${kernVersion} -> ${targetDir}`);
for (const line of lines) console.log(`  ${line}`);
