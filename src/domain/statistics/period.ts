/**
 * The period a statistic covers: a calendar year, a quarter, a month or a free range of days, as
 * inclusive calendar dates in Germany. Parsed from the page's query (period parameters only).
 */
import { addDays, addMonths, compareDates, daysBetween, type IsoDate, isIsoDate } from '../rules/dates.ts';

export const PERIOD_KINDS = ['year', 'quarter', 'month', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A period of whole days, `from` and `to` both included. */
export interface Period {
  readonly kind: PeriodKind;
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** The query of the period form: German parameter names, as typed. */
export interface PeriodQuery {
  readonly zeitraum?: string | undefined;
  readonly jahr?: string | undefined;
  readonly quartal?: string | undefined;
  readonly monat?: string | undefined;
  readonly von?: string | undefined;
  readonly bis?: string | undefined;
}

export interface PeriodProblem {
  readonly field: 'jahr' | 'quartal' | 'monat' | 'von' | 'bis';
  readonly message: string;
}

/** The longest free range: five years keep the report (and its query) bounded. */
export const MAX_RANGE_DAYS = 5 * 366;
export const EARLIEST_YEAR = 2000;

const KIND_PARAMS: Record<string, PeriodKind> = {
  jahr: 'year',
  quartal: 'quarter',
  monat: 'month',
  frei: 'range',
};

/** The query value of a period kind ('jahr', 'quartal', 'monat', 'frei'). */
export function periodParam(kind: PeriodKind): string {
  return Object.entries(KIND_PARAMS).find(([, k]) => k === kind)?.[0] ?? 'jahr';
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastOfMonth = (year: number, month: number): IsoDate =>
  addDays(addMonths(`${year}-${pad(month)}-01`, 1), -1);

function wholeNumber(value: string | undefined, min: number, max: number): number | null {
  const text = (value ?? '').trim();
  if (!/^\d{1,4}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** A day typed as 'TT.MM.JJJJ' (German) or 'JJJJ-MM-TT'; null if it is no real date. */
export function parseDay(value: string | undefined): IsoDate | null {
  const text = (value ?? '').trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = german ? `${german[3]}-${pad(Number(german[2]))}-${pad(Number(german[1]))}` : text;
  return isIsoDate(iso) && Number(iso.slice(0, 4)) >= EARLIEST_YEAR ? iso : null;
}

/** The current calendar year up to and including `today`'s year. */
export function defaultPeriod(today: IsoDate): Period {
  const year = Number(today.slice(0, 4));
  return { kind: 'year', from: `${year}-01-01`, to: `${year}-12-31` };
}

/**
 * Reads the period from the query. Without a query the current year; with errors, the problems
 * (German, per field) and the current year as a fallback to show meanwhile.
 */
export function parsePeriod(
  query: PeriodQuery,
  today: IsoDate,
): { ok: true; period: Period } | { ok: false; problems: PeriodProblem[]; period: Period } {
  const kind = KIND_PARAMS[query.zeitraum ?? 'jahr'] ?? 'year';
  const thisYear = Number(today.slice(0, 4));
  const problems: PeriodProblem[] = [];
  const fallback = defaultPeriod(today);
  const fail = () => ({ ok: false as const, problems, period: fallback });

  if (kind === 'range') {
    const from = parseDay(query.von);
    const to = parseDay(query.bis);
    if (from === null)
      problems.push({
        field: 'von',
        message: 'Bitte geben Sie den ersten Tag des Zeitraums als Datum an, zum Beispiel 01.03.2026.',
      });
    if (to === null)
      problems.push({
        field: 'bis',
        message: 'Bitte geben Sie den letzten Tag des Zeitraums als Datum an, zum Beispiel 31.03.2026.',
      });
    if (from === null || to === null) return fail();
    if (compareDates(from, to) > 0) {
      problems.push({ field: 'bis', message: 'Der letzte Tag darf nicht vor dem ersten Tag liegen.' });
      return fail();
    }
    if (daysBetween(from, to) >= MAX_RANGE_DAYS) {
      problems.push({ field: 'bis', message: 'Der Zeitraum darf höchstens fünf Jahre umfassen.' });
      return fail();
    }
    return { ok: true, period: { kind, from, to } };
  }

  const year = query.jahr === undefined ? thisYear : wholeNumber(query.jahr, EARLIEST_YEAR, thisYear + 1);
  if (year === null)
    problems.push({
      field: 'jahr',
      message: `Bitte geben Sie ein Jahr zwischen ${EARLIEST_YEAR} und ${thisYear + 1} an.`,
    });
  if (kind === 'year') {
    if (year === null) return fail();
    return { ok: true, period: { kind, from: `${year}-01-01`, to: `${year}-12-31` } };
  }
  if (kind === 'quarter') {
    const quarter = wholeNumber(query.quartal ?? '1', 1, 4);
    if (quarter === null) problems.push({ field: 'quartal', message: 'Bitte wählen Sie ein Quartal.' });
    if (year === null || quarter === null) return fail();
    const first = (quarter - 1) * 3 + 1;
    return {
      ok: true,
      period: { kind, from: `${year}-${pad(first)}-01`, to: lastOfMonth(year, first + 2) },
    };
  }
  const month = wholeNumber(query.monat ?? '1', 1, 12);
  if (month === null) problems.push({ field: 'monat', message: 'Bitte wählen Sie einen Monat.' });
  if (year === null || month === null) return fail();
  return { ok: true, period: { kind, from: `${year}-${pad(month)}-01`, to: lastOfMonth(year, month) } };
}

/** The query that selects the period again (for links to the CSV files): period parameters only. */
export function periodQuery(period: Period): Record<string, string> {
  const year = period.from.slice(0, 4);
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case 'year':
      return { zeitraum: 'jahr', jahr: year };
    case 'quarter':
      return { zeitraum: 'quartal', jahr: year, quartal: String(Math.floor((month - 1) / 3) + 1) };
    case 'month':
      return { zeitraum: 'monat', jahr: year, monat: String(month) };
    case 'range':
      return { zeitraum: 'frei', von: period.from, bis: period.to };
  }
}

/** True if the date lies in the period (both ends included). */
export function inPeriod(date: IsoDate, period: Period): boolean {
  return compareDates(date, period.from) >= 0 && compareDates(date, period.to) <= 0;
}

/** The months the period touches, as 'YYYY-MM', in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let at = `${period.from.slice(0, 7)}-01`;
  while (compareDates(at, period.to) <= 0) {
    months.push(at.slice(0, 7));
    at = addMonths(at, 1);
  }
  return months;
}

const MONTH_NAMES = [
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

/** 'März 2026' for '2026-03'. */
export function monthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/** The German month names, January first. */
export const GERMAN_MONTHS: readonly string[] = MONTH_NAMES;

const dmy = (iso: IsoDate) => `${Number(iso.slice(8, 10))}.${Number(iso.slice(5, 7))}.${iso.slice(0, 4)}`;

/** The period in words: 'Jahr 2026', '2. Quartal 2026', 'März 2026', '1.3.2026 bis 15.4.2026'. */
export function periodLabel(period: Period): string {
  const year = period.from.slice(0, 4);
  const month = Number(period.from.slice(5, 7));
  switch (period.kind) {
    case 'year':
      return `Jahr ${year}`;
    case 'quarter':
      return `${Math.floor((month - 1) / 3) + 1}. Quartal ${year}`;
    case 'month':
      return monthLabel(period.from.slice(0, 7));
    case 'range':
      return `${dmy(period.from)} bis ${dmy(period.to)}`;
  }
}
