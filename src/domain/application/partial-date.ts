/**
 * Dates where the day or the month may be unknown (dates of birth and entry of people whose papers
 * say "00.00.1990"). Stored as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' — the format of the column
 * `persons.birth_date`. Form input comes as three strings (day, month, year); empty means unknown.
 * Errors carry the sub-field they belong to ('day', 'month', 'year', or '' for the whole date).
 */
import { z } from 'zod';
import { compareDates, type IsoDate, isIsoDate } from '../rules/dates.ts';
import type { FieldError, FieldResult, Validated } from './errors.ts';
import { type FieldLabel, normaliseLine, toAsciiDigits } from './text.ts';

/** 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD'. */
export type PartialDate = string;

/** The three form fields as typed; empty or missing means unknown. */
export type DateInput = { day?: string; month?: string; year?: string };

/** The sub-fields of a date input, '' meaning the date as a whole. */
export type DatePart = 'day' | 'month' | 'year' | '';

export const MIN_YEAR = 1900;
/** How far ahead a future date (the deportation date) may lie. */
export const MAX_YEARS_AHEAD = 5;

export const MONTH_NAMES = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
] as const;

export type PartialDateOptions = {
  /** Today's date, passed in (the domain reads no clock). */
  today: IsoDate;
  /** Name of the date in messages, e.g. { nominative: 'das Geburtsdatum', accusative: 'das Geburtsdatum' }. */
  label: FieldLabel;
  /** Whether an empty date is an error (default) or parses to `null`. */
  required?: boolean;
  /** 'partial' allows an unknown day or day and month (default); 'full' requires all three. */
  precision?: 'partial' | 'full';
  /** 'past' (default): 1900 … today. 'future': today … 5 years ahead. */
  direction?: 'past' | 'future';
};

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days in a month (1–12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function todayParts(today: IsoDate): [number, number, number] {
  if (!isIsoDate(today)) throw new RangeError(`Ungültiges Tagesdatum „${today}“: erwartet JJJJ-MM-TT.`);
  return [Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10))];
}

const pad = (n: number) => String(n).padStart(2, '0');
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Cleans one sub-field: normalised, ASCII digits, no spaces, a trailing dot ("12.") dropped. */
function cleanPart(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return toAsciiDigits(normaliseLine(raw)).replace(/\s/g, '').replace(/\.$/, '');
}

/** Parses day/month/year fields into a partial date, with German messages per sub-field. */
export function parsePartialDate(input: unknown, options: PartialDateOptions): Validated<PartialDate | null> {
  const [todayY, todayM, todayD] = todayParts(options.today);
  const required = options.required ?? true;
  const full = options.precision === 'full';
  const future = options.direction === 'future';
  const label = options.label;
  const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const dayText = cleanPart(fields.day);
  const monthText = cleanPart(fields.month);
  const yearText = cleanPart(fields.year);
  const errors: FieldError[] = [];
  const fail = (path: DatePart, message: string) => errors.push({ path, message });

  if (dayText === '' && monthText === '' && yearText === '') {
    if (!required) return { ok: true, value: null };
    const hint = full ? '' : ' Wenn Sie den Tag oder den Monat nicht kennen, lassen Sie das Feld leer.';
    return { ok: false, errors: [{ path: '', message: `Bitte geben Sie ${label.accusative} ein.${hint}` }] };
  }

  const minYear = future ? todayY : MIN_YEAR;
  const maxYear = future ? todayY + MAX_YEARS_AHEAD : todayY;
  let year: number | null = null;
  if (yearText === '') fail('year', `${capitalise(label.nominative)} muss ein Jahr enthalten.`);
  else if (!/^\d{4}$/.test(yearText))
    fail('year', 'Das Jahr muss aus vier Ziffern bestehen, zum Beispiel 1990.');
  else {
    const y = Number(yearText);
    if (y < minYear || y > maxYear) fail('year', `Das Jahr muss zwischen ${minYear} und ${maxYear} liegen.`);
    else year = y;
  }

  const unknownHint = (what: string) =>
    full ? '' : ` Lassen Sie das Feld leer, wenn Sie ${what} nicht kennen.`;
  let month: number | null = null;
  if (monthText === '') {
    if (full) fail('month', `${capitalise(label.nominative)} muss einen Monat enthalten.`);
    else if (dayText !== '') fail('month', 'Bitte geben Sie auch den Monat an oder lassen Sie den Tag leer.');
  } else if (!/^\d{1,4}$/.test(monthText)) fail('month', 'Der Monat muss eine Zahl zwischen 1 und 12 sein.');
  else {
    const m = Number(monthText);
    if (m === 0) fail('month', `Der Monat muss zwischen 1 und 12 liegen.${unknownHint('den Monat')}`);
    else if (m > 12) fail('month', 'Der Monat muss zwischen 1 und 12 liegen.');
    else month = m;
  }

  let day: number | null = null;
  if (dayText === '') {
    if (full) fail('day', `${capitalise(label.nominative)} muss einen Tag enthalten.`);
  } else if (!/^\d{1,4}$/.test(dayText)) fail('day', 'Der Tag muss eine Zahl zwischen 1 und 31 sein.');
  else {
    const d = Number(dayText);
    if (d === 0) fail('day', `Der Tag muss zwischen 1 und 31 liegen.${unknownHint('den Tag')}`);
    else if (d > 31) fail('day', 'Der Tag muss zwischen 1 und 31 liegen.');
    else if (month !== null) {
      const max = daysInMonth(year ?? 2000, month); // 2000 is a leap year: without a year, 29 Feb may exist
      const monthName = MONTH_NAMES[month - 1] ?? '';
      if (d > max) {
        fail(
          'day',
          year !== null
            ? `Im ${monthName} ${year} gibt es nur ${max} Tage.`
            : `Der ${monthName} hat höchstens ${max} Tage.`,
        );
      } else day = d;
    } else day = d;
  }

  if (errors.length > 0 || year === null) return { ok: false, errors };

  // Compare the known parts with today: the most specific differing part gets the message.
  const yearDiff = year - todayY;
  const monthDiff = yearDiff === 0 && month !== null ? month - todayM : 0;
  const dayDiff = yearDiff === 0 && monthDiff === 0 && month !== null && day !== null ? day - todayD : 0;
  const where: DatePart = yearDiff !== 0 ? 'year' : monthDiff !== 0 ? 'month' : 'day';
  const sign = Math.sign(yearDiff || monthDiff || dayDiff);
  if (!future && sign > 0) {
    return {
      ok: false,
      errors: [{ path: where, message: `${capitalise(label.nominative)} darf nicht in der Zukunft liegen.` }],
    };
  }
  if (future && sign < 0) {
    return {
      ok: false,
      errors: [
        { path: where, message: `${capitalise(label.nominative)} darf nicht in der Vergangenheit liegen.` },
      ],
    };
  }
  return { ok: true, value: toPartialDate(year, month, day) };
}

function toPartialDate(year: number, month: number | null, day: number | null): PartialDate {
  const y = String(year).padStart(4, '0');
  if (month === null) return y;
  if (day === null) return `${y}-${pad(month)}`;
  return `${y}-${pad(month)}-${pad(day)}`;
}

/** True if the string is a stored partial date with a real month and day ('2023-02-29' is not). */
export function isPartialDate(value: unknown): value is PartialDate {
  if (typeof value !== 'string') return false;
  const m = PARTIAL_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= daysInMonth(year, month);
}

/** Which parts of a stored partial date are known. */
export function precisionOf(value: PartialDate): 'year' | 'month' | 'day' {
  return value.length === 4 ? 'year' : value.length === 7 ? 'month' : 'day';
}

/** A stored partial date as it is stored in the database. */
export const partialDateSchema = z
  .string({ error: 'Bitte geben Sie ein Datum an.' })
  .refine(isPartialDate, 'Bitte geben Sie ein Datum im Format JJJJ, JJJJ-MM oder JJJJ-MM-TT an.');

/** The stored date as German display text: '12.03.1990', 'März 1990' or '1990' (anything else unchanged). */
export function formatPartialDate(value: PartialDate): string {
  if (!isPartialDate(value)) return value;
  const [y, m, d] = value.split('-');
  if (m === undefined) return y ?? value;
  if (d === undefined) return `${MONTH_NAMES[Number(m) - 1] ?? m} ${y}`;
  return `${d}.${m}.${y}`;
}

/** The stored date as form fields (for pre-filling the day/month/year inputs). */
export function toDateInput(value: PartialDate | null | undefined): DateInput {
  if (!value || !isPartialDate(value)) return { day: '', month: '', year: '' };
  const [y, m, d] = value.split('-');
  return {
    day: d === undefined ? '' : String(Number(d)),
    month: m === undefined ? '' : String(Number(m)),
    year: y ?? '',
  };
}

/**
 * Parses a date typed in one field (paper intake): '12.03.1990', '00.03.1990', '03.1990', '03/1990',
 * 'März 1990', '00.00.1990', 'XX.XX.1990' or '1990'. Returns the first German message on error.
 */
export function parseGermanPartialDate(
  text: unknown,
  options: PartialDateOptions,
): FieldResult<PartialDate | null> {
  const raw = typeof text === 'string' ? toAsciiDigits(normaliseLine(text)) : '';
  let input: DateInput | null = null;
  const unknown = (s: string) => (/^(0{1,2}|x{1,2})$/i.test(s) ? '' : s);
  const byName = /^(\p{L}+)\.?\s+(\d{4})$/u.exec(raw);
  const numeric = /^(?:([0-9xX]{1,2})\s*\.\s*)?(?:([0-9xX]{1,2})\s*[./]\s*)?(\d{4})$/.exec(raw);
  if (raw === '') input = {};
  else if (byName) {
    const name = (byName[1] ?? '').toLowerCase();
    const index = MONTH_NAMES.findIndex(
      (m) => m.toLowerCase() === name || m.toLowerCase().slice(0, 3) === name,
    );
    if (index >= 0) input = { month: String(index + 1), year: byName[2] ?? '' };
  } else if (numeric) {
    // One number before the year is the month ('03.1990'); two are day and month.
    const [first, second, year] = [numeric[1], numeric[2], numeric[3] ?? ''];
    input =
      second === undefined
        ? { month: unknown(first ?? ''), year }
        : { day: unknown(first ?? ''), month: unknown(second), year };
  }
  if (input === null) {
    return {
      ok: false,
      message: `Bitte geben Sie ${options.label.accusative} in der Form TT.MM.JJJJ, MM.JJJJ oder JJJJ an.`,
    };
  }
  const result = parsePartialDate(input, options);
  if (result.ok) return { ok: true, value: result.value };
  return { ok: false, message: result.errors[0]?.message ?? 'Das Datum ist ungültig.' };
}

/** The earliest and latest real day a partial date can stand for. */
export function partialDateRange(value: PartialDate): { earliest: IsoDate; latest: IsoDate } {
  const [ys, ms, ds] = value.split('-');
  const year = Number(ys);
  if (ds !== undefined) return { earliest: value, latest: value };
  if (ms !== undefined) {
    const month = Number(ms);
    return { earliest: `${value}-01`, latest: `${value}-${pad(daysInMonth(year, month))}` };
  }
  return { earliest: `${value}-01-01`, latest: `${value}-12-31` };
}

/** Age in completed years on a date (someone born on 29 February gets older on 1 March). */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** The possible ages on a reference date for a partial date of birth. */
export function ageRangeAt(birthDate: PartialDate, referenceDate: IsoDate): { min: number; max: number } {
  const { earliest, latest } = partialDateRange(birthDate);
  return { min: ageOn(latest, referenceDate), max: ageOn(earliest, referenceDate) };
}

/**
 * The age the rules work with: the lowest possible one. With an unknown day or month a person
 * counts as a minor as long as they could still be one (in dubio pro minore).
 */
export function assumedAgeAt(birthDate: PartialDate, referenceDate: IsoDate): number {
  return ageRangeAt(birthDate, referenceDate).min;
}

/** True if the person is (or may still be) under 18 on the reference date. */
export function isMinorAt(birthDate: PartialDate, referenceDate: IsoDate): boolean {
  return assumedAgeAt(birthDate, referenceDate) < 18;
}

/** True if a partial date certainly lies before another one (no overlap of their ranges). */
export function isCertainlyBefore(a: PartialDate, b: PartialDate): boolean {
  return compareDates(partialDateRange(a).latest, partialDateRange(b).earliest) < 0;
}
