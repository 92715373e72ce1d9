/**
 * Turning user input and values into text that the PDF can show, in German formats.
 * Pure functions; the font coverage is passed in so that tests need no font file.
 */

/** Shown instead of a character the embedded font cannot draw (see `font-coverage.ts`). */
export const MISSING_GLYPH = '?';

// Line and paragraph separators would let a name break the layout of a table cell.
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
// Control and format characters (C0/C1 controls, bidi overrides such as U+202E, zero-width joiners,
// BOM) are invisible. In a filed document they could only hide or reorder what the reader sees, so
// they are dropped; the stored application keeps the original input.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
// Spaces the font lacks but that have a safe equivalent (Intl output can contain U+202F).
const SPACE_EQUIVALENTS = /[\u2000-\u200a\u202f\u205f\u3000]/g;

/**
 * Makes any string safe to draw: NFC first (a name typed with combining marks, as some
 * keyboards do for Vietnamese, becomes the precomposed letter the font has), then one line, no
 * invisible characters, and every character the font cannot draw replaced by `MISSING_GLYPH`,
 * because PDF/A must not reference .notdef.
 */
export function createTextSanitizer(coverage: ReadonlySet<number>): (text: string) => string {
  return (text) => {
    const flat = text
      .normalize('NFC')
      .replace(LINE_BREAKS, ' ')
      .replace(INVISIBLE, '')
      .replace(SPACE_EQUIVALENTS, '\u00a0');
    let out = '';
    for (const char of flat) {
      const cp = char.codePointAt(0) ?? 0;
      out += coverage.has(cp) ? char : MISSING_GLYPH;
    }
    return out;
  };
}

const BERLIN_PARTS = new Intl.DateTimeFormat('de-DE', {
  timeZone: 'Europe/Berlin',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function berlinParts(date: Date): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  const parts = { day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of BERLIN_PARTS.formatToParts(date)) {
    if (part.type in parts) parts[part.type as keyof typeof parts] = part.value;
  }
  return parts;
}

/** '25.11.2026, 10:15 Uhr' in Europe/Berlin, whatever the server's time zone is. */
export function formatDateTimeBerlin(date: Date): string {
  const p = berlinParts(date);
  return `${p.day}.${p.month}.${p.year}, ${p.hour}:${p.minute} Uhr`;
}

/** '25.11.2026' in Europe/Berlin. */
export function formatDateBerlin(date: Date): string {
  const p = berlinParts(date);
  return `${p.day}.${p.month}.${p.year}`;
}

const ISO_PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * Dates of birth may be partial (day or month unknown). ISO forms ('1990', '1990-03',
 * '1990-03-12') become German ('1990', '03.1990', '12.03.1990'); anything else is shown as entered,
 * because the person's own statement is what the office needs to see.
 */
export function formatBirthDate(value: string): string {
  const trimmed = value.trim();
  const iso = ISO_PARTIAL_DATE.exec(trimmed);
  if (!iso) return trimmed;
  const [, year, month, day] = iso;
  if (day && month) return `${day}.${month}.${year}`;
  if (month) return `${month}.${year}`;
  return year ?? trimmed;
}

const UNITS = ['Byte', 'kB', 'MB', 'GB', 'TB'] as const;
const ONE_DECIMAL = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
const INTEGER = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });

/**
 * File sizes with decimal (SI) units and a German decimal comma: '850 Byte', '12,3 kB', '1,2 MB'.
 * The unit is chosen after rounding, so 999 999 bytes read '1 MB', not '1.000 kB'.
 */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`Invalid file size: ${bytes}`);
  if (bytes < 1000) return `${INTEGER.format(bytes)} Byte`;
  let unit = 1;
  let value = bytes / 1000;
  while (unit < UNITS.length - 1 && Math.round(value * 10) / 10 >= 1000) {
    value /= 1000;
    unit++;
  }
  return `${ONE_DECIMAL.format(value)} ${UNITS[unit]}`;
}

/** 'Familienname, Vornamen': unambiguous for names whose order differs by culture (Nguyễn Văn Anh). */
export function formatPersonName(person: { familyName: string; givenNames: string }): string {
  const family = person.familyName.trim();
  const given = person.givenNames.trim();
  if (!given) return family;
  if (!family) return given;
  return `${family}, ${given}`;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Lower-case hex, or an error: a receipt must never show a checksum that is not one. */
export function normalizeSha256(value: string): string {
  const hex = value.trim().toLowerCase();
  if (!SHA256_HEX.test(hex)) throw new Error(`Not a SHA-256 hex digest: '${value.slice(0, 80)}'`);
  return hex;
}
