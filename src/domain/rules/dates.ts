/**
 * Calendar dates as ISO strings 'YYYY-MM-DD'. Arithmetic runs on UTC midnight so that no local
 * time zone or daylight-saving switch can shift a date; no clock is read here.
 */

/** A calendar date 'YYYY-MM-DD' without time or zone. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function toUtcMs(date: IsoDate): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a real date survives the round trip unchanged.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms;
}

function fromUtcMs(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function requireUtcMs(date: IsoDate): number {
  const ms = toUtcMs(date);
  if (ms === null) throw new RangeError(`Ungültiges Datum „${date}“: erwartet JJJJ-MM-TT.`);
  return ms;
}

/** True if the string is a real calendar date in the form 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  return toUtcMs(value) !== null;
}

/** Adds (or with a negative number subtracts) calendar days; throws a RangeError on an invalid date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(requireUtcMs(date) + days * MS_PER_DAY);
}

/** Adds calendar months, clamping to the last day of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const d = new Date(requireUtcMs(date));
  const target = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(target / 12);
  const month = ((target % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtcMs(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)));
}

/** Day of the week: 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return new Date(requireUtcMs(date)).getUTCDay();
}

/** True on Saturday and Sunday. */
export function isWeekend(date: IsoDate): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/** Whole calendar days from `from` to `to` (negative if `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((requireUtcMs(to) - requireUtcMs(from)) / MS_PER_DAY);
}

/** Compares two dates: negative if a is earlier, 0 if equal, positive if later. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return requireUtcMs(a) - requireUtcMs(b);
}
