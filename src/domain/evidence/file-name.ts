/**
 * File names chosen by applicants end up in staff downloads, ZIP exports and HTTP headers. The
 * declared name is only a label: it never decides the type, and what is kept of it must be unable to
 * climb directories, hide its real ending behind bidi tricks or upset Windows.
 */

const MAX_LENGTH = 120;
// ext4 and most other filesystems count bytes, not characters: 120 Arabic or emoji characters
// could otherwise pass the character cap and still be refused when staff save the file.
const MAX_UTF8_BYTES = 240;
const FALLBACK_STEM = 'Dokument';

// Windows "best fit" code-page conversion turns these look-alikes into real separators (WorstFit).
const SLASH_LOOKALIKES = /[\u2044\u2215\u2216\u29F5\u29F8\u29F9\uFE68\uFF0F\uFF3C]/g;
const LINE_AND_SPACE = /[\t\n\v\f\r\u0085\u2028\u2029\p{Zs}]+/gu;
// Cc: control characters, Cf: bidi overrides/isolates, zero-width characters, BOM, soft hyphen;
// Cs: lone surrogates (cannot be encoded as UTF-8). The rest are letters and a combining mark
// (U+034F) that render as nothing.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u115F\u1160\u17B4\u17B5\u3164\uFFA0]|\u034F/gu;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/g;
const RESERVED_WINDOWS = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
const DECLARED_EXTENSION = /\.([A-Za-z0-9]{1,5})$/;

const SAME_TYPE: Record<string, string[]> = {
  jpg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  tif: ['tif', 'tiff'],
  heic: ['heic', 'heif'],
};

const segmenter = new Intl.Segmenter('de', { granularity: 'grapheme' });
const utf8 = new TextEncoder();

/** The declared name reduced to one harmless path segment; may be empty. */
function cleanSegment(declared: string): string {
  // Only the end of an absurdly long name can survive the cap anyway; this bounds the work.
  const segments = declared.slice(-4096).normalize('NFC').replace(SLASH_LOOKALIKES, '_').split(/[/\\]/);
  const last = segments.map((s) => s.trim()).findLast((s) => s.length > 0) ?? '';
  return (
    last
      .replace(LINE_AND_SPACE, ' ')
      .replace(INVISIBLE, '')
      .replace(WINDOWS_FORBIDDEN, '_')
      .replace(/ {2,}/g, ' ')
      // Removing an invisible character can leave a letter and its mark side by side.
      .normalize('NFC')
  );
}

// Leading dots hide a file on Unix; Windows drops trailing dots and spaces silently.
const trimDots = (name: string) => name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');

/** Cuts between grapheme clusters so that no letter loses its marks or half of a surrogate pair. */
function cap(text: string, maxLength: number, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const { segment } of segmenter.segment(text)) {
    bytes += utf8.encode(segment).length;
    if (out.length + segment.length > maxLength || bytes > maxBytes) break;
    out += segment;
  }
  return out;
}

function withoutDeclaredExtension(name: string): string {
  const declared = DECLARED_EXTENSION.exec(name);
  // "2024.03" is a date, not an ending: an ending has a letter in it.
  return declared?.[1] && /[A-Za-z]/.test(declared[1]) ? name.slice(0, declared.index) : name;
}

/** "rechnung.pdf.exe" detected as PDF becomes "rechnung.pdf", not "rechnung.pdf.pdf". */
function withoutRepeatedExtension(stem: string, extension: string): string {
  const aliases = SAME_TYPE[extension] ?? [extension];
  let out = trimDots(stem);
  for (let m = DECLARED_EXTENSION.exec(out); m?.[1] && aliases.includes(m[1].toLowerCase()); ) {
    out = trimDots(out.slice(0, m.index));
    m = DECLARED_EXTENSION.exec(out);
  }
  return out;
}

function cleanExtension(extension: string): string {
  return (
    extension
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 10) || 'bin'
  );
}

function guardReserved(stem: string): string {
  const device = stem.split('.')[0]?.trimEnd() ?? '';
  return RESERVED_WINDOWS.test(device) ? `_${stem}` : stem;
}

/**
 * A name safe to store and offer for download: one segment, no control, bidi or zero-width
 * characters, no reserved Windows device names, at most 120 characters, ending in the extension of
 * the detected type. Umlauts and Arabic letters stay. Never empty.
 */
export function safeFileName(declared: string, extension: string): string {
  const ext = cleanExtension(extension);
  const suffix = ext.length + 1;
  const stem = guardReserved(trimDots(withoutDeclaredExtension(cleanSegment(declared))));
  const capped = withoutRepeatedExtension(cap(stem, MAX_LENGTH - suffix, MAX_UTF8_BYTES - suffix), ext);
  return `${capped || FALLBACK_STEM}.${ext}`;
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

function asciiFallback(name: string): string {
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  const ascii = (s: string) =>
    s
      .replace(/[äöüÄÖÜß]/g, (c) => UMLAUTS[c] ?? c)
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      // Quotes and backslashes would end or escape the quoted string; some browsers decode %XX.
      .replace(/[^\x20-\x7E]|["\\%]/g, '_');
  const asciiStem = ascii(stem);
  return `${/[A-Za-z0-9]/.test(asciiStem) ? asciiStem : FALLBACK_STEM}${ascii(ext)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Content-Disposition for a download: always `attachment` (never rendered inline), an ASCII
 * fallback for old clients and the exact name as RFC 6266 / RFC 5987 `filename*`.
 */
export function contentDispositionAttachment(name: string): string {
  const cleaned = trimDots(cap(trimDots(cleanSegment(name)), MAX_LENGTH, MAX_UTF8_BYTES)) || FALLBACK_STEM;
  return `attachment; filename="${asciiFallback(cleaned)}"; filename*=UTF-8''${encodeRfc5987(cleaned)}`;
}
