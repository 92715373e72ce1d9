/**
 * Input normalisation used by every text field of the application.
 *
 * - Single-line fields (names, places, street …): line breaks and tabs become spaces, every run of
 *   Unicode whitespace becomes one space, the ends are trimmed.
 * - Long text (the reasons): CRLF, CR, U+0085, U+2028 and U+2029 become `\n`; newlines and tabs stay;
 *   only the ends are trimmed.
 * - Both: control characters (Unicode Cc) are removed, and so are invisible formatting characters
 *   that only serve to disguise text (bidi overrides and isolates, LRM/RLM/ALM, zero-width space,
 *   word joiner, BOM, soft hyphen, interlinear annotations, noncharacters). ZWJ and ZWNJ stay: Persian
 *   and Indic names need them. Lone surrogates become U+FFFD. The result is Unicode NFC.
 *
 * The normalisers never throw, are idempotent, give the same output for NFC and NFD input, and their
 * output is always well-formed UTF-16 without NUL, so PostgreSQL `text`/`jsonb` can store it.
 * The parsers reject input that was broken before it reached us (lone surrogates, or U+FFFD from a
 * failed UTF-8 decoding) with a German message, and check lengths in characters (Unicode code
 * points, counted after normalisation).
 */
import type { FieldResult } from './errors.ts';

/** Length limits in characters (code points after normalisation). */
export const TEXT_LIMITS = {
  /** Family name, given names, doctor's name, contact person. */
  name: 100,
  /** Place of birth, town of the address. */
  place: 100,
  /** Street, c/o or accommodation, organisation, "other" residence status. */
  line: 200,
  /** House number such as "12a" or "3-5". */
  houseNumber: 12,
  /** Each of the four parts of the reasons. */
  longText: 20_000,
  /** Why a piece of evidence is not available. */
  shortText: 2_000,
} as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;
// Invisible formatting characters used to disguise text (Trojan Source, spoofing), plus noncharacters.
const INVISIBLE =
  /[\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\uFDD0-\uFDEF\uFFFE\uFFFF]/g;
const CONTROLS_ALL = /\p{Cc}/gu;
const WHITESPACE_RUN = /\s+/g;
const REPLACEMENT = '\uFFFD';

/** Replaces every lone surrogate with U+FFFD; well-formed text is returned unchanged. */
export function toWellFormed(input: string): string {
  return input.replace(LONE_SURROGATE, REPLACEMENT);
}

/** True if the string contains a lone surrogate (invalid UTF-16). */
export function hasLoneSurrogate(input: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  const found = LONE_SURROGATE.test(input);
  LONE_SURROGATE.lastIndex = 0;
  return found;
}

/** Normalises a single-line field: NFC, no controls or invisible characters, one space between words. */
export function normaliseLine(input: string): string {
  return toWellFormed(input)
    .replace(LINE_BREAKS, ' ')
    .replace(/[\t\v\f]/g, ' ')
    .replace(CONTROLS_ALL, '')
    .replace(INVISIBLE, '')
    .replace(WHITESPACE_RUN, ' ')
    .trim()
    .normalize('NFC');
}

/** Normalises long text: NFC, `\n` line breaks, no controls except newline and tab, ends trimmed. */
export function normaliseLongText(input: string): string {
  return toWellFormed(input)
    .replace(LINE_BREAKS, '\n')
    .replace(CONTROLS_ALL, (c) => (c === '\n' || c === '\t' ? c : ''))
    .replace(INVISIBLE, '')
    .trim()
    .normalize('NFC');
}

/** Number of characters (Unicode code points). */
export function countCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Converts Arabic-Indic, Persian and full-width digits to ASCII digits (phones type them). */
export function toAsciiDigits(input: string): string {
  return input.replace(/[\u0660-\u0669\u06F0-\u06F9\uFF10-\uFF19]/g, (d) => {
    const c = d.charCodeAt(0);
    const base = c >= 0xff10 ? 0xff10 : c >= 0x06f0 ? 0x06f0 : 0x0660;
    return String(c - base);
  });
}

/** Formats an integer with German thousands separators (20000 → "20.000"). */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** How a field is named in messages: "Der Familienname" / "den Familiennamen". */
export type FieldLabel = { nominative: string; accusative: string };

export type TextSpec = {
  label: FieldLabel;
  max: number;
  /** Empty input is an error (otherwise it parses to `null`). */
  required: boolean;
  /** The value must contain at least one letter (names and places). */
  needsLetter?: boolean;
  /** Message for empty input instead of "Bitte geben Sie … ein." */
  emptyMessage?: string;
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function invalidCharacters(label: FieldLabel): string {
  return `${capitalise(label.nominative)} enthält ungültige Zeichen, zum Beispiel aus einer fehlerhaften Kopie. Bitte geben Sie die Angabe neu ein.`;
}

function parseWith(
  normalise: (s: string) => string,
  raw: unknown,
  spec: TextSpec,
): FieldResult<string | null> {
  const emptyMessage = spec.emptyMessage ?? `Bitte geben Sie ${spec.label.accusative} ein.`;
  if (raw === undefined || raw === null)
    return spec.required ? { ok: false, message: emptyMessage } : ok(null);
  if (typeof raw !== 'string') return { ok: false, message: emptyMessage };
  if (hasLoneSurrogate(raw) || raw.includes(REPLACEMENT)) {
    return { ok: false, message: invalidCharacters(spec.label) };
  }
  const value = normalise(raw);
  if (value === '') return spec.required ? { ok: false, message: emptyMessage } : ok(null);
  const length = countCharacters(value);
  if (length > spec.max) {
    return {
      ok: false,
      message: `${capitalise(spec.label.nominative)} darf höchstens ${formatCount(spec.max)} Zeichen lang sein (jetzt ${formatCount(length)}).`,
    };
  }
  if (spec.needsLetter && !/\p{L}/u.test(value)) {
    return {
      ok: false,
      message: `${capitalise(spec.label.nominative)} muss mindestens einen Buchstaben enthalten.`,
    };
  }
  return ok(value);
}

function ok<T>(value: T): FieldResult<T> {
  return { ok: true, value };
}

/** Parses a single-line field: normalised text, `null` if empty and optional, or a German message. */
export function parseLine(raw: unknown, spec: TextSpec): FieldResult<string | null> {
  return parseWith(normaliseLine, raw, spec);
}

/** Parses a long text field (keeps line breaks): normalised text, `null` if empty and optional, or a message. */
export function parseLongText(raw: unknown, spec: TextSpec): FieldResult<string | null> {
  return parseWith(normaliseLongText, raw, spec);
}

/** Parses a required single-line field; the value is never null. */
export function parseRequiredLine(raw: unknown, spec: Omit<TextSpec, 'required'>): FieldResult<string> {
  const r = parseLine(raw, { ...spec, required: true });
  return r.ok ? ok(r.value ?? '') : r;
}

/** Parses a required long text field; the value is never null. */
export function parseRequiredLongText(raw: unknown, spec: Omit<TextSpec, 'required'>): FieldResult<string> {
  const r = parseLongText(raw, { ...spec, required: true });
  return r.ok ? ok(r.value ?? '') : r;
}

/** True if a raw form value holds anything but whitespace (to tell "not started" from "in progress"). */
export function isFilled(raw: unknown): boolean {
  return typeof raw === 'string' && normaliseLine(raw) !== '';
}
