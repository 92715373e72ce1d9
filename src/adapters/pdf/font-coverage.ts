/**
 * Which Unicode code points a TrueType font can draw, read from its `cmap` table.
 *
 * Why: PDF/A forbids showing the .notdef glyph (ISO 19005-2, 6.2.11.8), and pdfkit silently uses
 * .notdef for every character the font lacks (Arabic, CJK, emoji in a name). So the adapter has to
 * know the coverage before it draws text. fontkit could answer this, but it is only a transitive
 * dependency of pdfkit; reading format 4 and 12 subtables is a few lines and needs nothing else.
 */

const PREFERRED_SUBTABLES: ReadonlyArray<readonly [platform: number, encoding: number]> = [
  [3, 10], // Windows, full Unicode (format 12)
  [0, 4], // Unicode, full repertoire
  [3, 1], // Windows, BMP (format 4)
  [0, 3], // Unicode, BMP
];

export function readCmapCoverage(font: Buffer): Set<number> {
  const cmap = findTable(font, 'cmap');
  const count = font.readUInt16BE(cmap + 2);
  const subtables = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const record = cmap + 4 + i * 8;
    const key = `${font.readUInt16BE(record)}/${font.readUInt16BE(record + 2)}`;
    subtables.set(key, cmap + font.readUInt32BE(record + 4));
  }
  for (const [platform, encoding] of PREFERRED_SUBTABLES) {
    const offset = subtables.get(`${platform}/${encoding}`);
    if (offset === undefined) continue;
    const format = font.readUInt16BE(offset);
    if (format === 12) return readFormat12(font, offset);
    if (format === 4) return readFormat4(font, offset);
  }
  throw new Error('Font has no Unicode cmap subtable in format 4 or 12');
}

function findTable(font: Buffer, tag: string): number {
  const numTables = font.readUInt16BE(4);
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    if (font.toString('latin1', record, record + 4) === tag) return font.readUInt32BE(record + 8);
  }
  throw new Error(`Font has no '${tag}' table`);
}

function readFormat12(font: Buffer, offset: number): Set<number> {
  const groups = font.readUInt32BE(offset + 12);
  const covered = new Set<number>();
  for (let i = 0; i < groups; i++) {
    const group = offset + 16 + i * 12;
    const start = font.readUInt32BE(group);
    const end = font.readUInt32BE(group + 4);
    const glyph = font.readUInt32BE(group + 8);
    for (let cp = start; cp <= end; cp++) if (glyph + (cp - start) !== 0) covered.add(cp);
  }
  return covered;
}

function readFormat4(font: Buffer, offset: number): Set<number> {
  const segments = font.readUInt16BE(offset + 6) / 2;
  const endCodes = offset + 14;
  const startCodes = endCodes + segments * 2 + 2;
  const deltas = startCodes + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const covered = new Set<number>();
  for (let s = 0; s < segments; s++) {
    const end = font.readUInt16BE(endCodes + s * 2);
    const start = font.readUInt16BE(startCodes + s * 2);
    const delta = font.readInt16BE(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = font.readUInt16BE(rangeOffsetAt);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (cp + delta) & 0xffff;
      } else {
        const raw = font.readUInt16BE(rangeOffsetAt + rangeOffset + (cp - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) covered.add(cp);
    }
  }
  return covered;
}
