/**
 * The shape of a draft as it is stored and posted: every answer is kept as the string the user
 * typed or chose, so that nothing is lost when it is not valid yet. Validation happens later, per
 * section. These schemas only check the shape, cap the size and make every string storable in
 * PostgreSQL (`text`/`jsonb` cannot hold NUL or lone surrogates).
 */
import { z } from 'zod';
import { formatCount, toWellFormed } from './text.ts';

/** The largest string a draft field may hold (ten times the longest text the form accepts). */
export const DRAFT_STRING_MAX = 200_000;

/** Replaces lone surrogates with U+FFFD and drops NUL, so the string can be stored. */
export function toStorable(value: string): string {
  return toWellFormed(value).replaceAll('\0', '');
}

/** A raw answer as typed: any string up to DRAFT_STRING_MAX characters, made storable. */
export const draftString = z
  .string({ error: 'Bitte geben Sie einen Text ein.' })
  .max(DRAFT_STRING_MAX, `Die Eingabe ist zu lang (höchstens ${formatCount(DRAFT_STRING_MAX)} Zeichen).`)
  .transform(toStorable);

/** An optional raw answer. */
export const optionalDraftString = draftString.optional();

/**
 * A caller-generated identifier of a list entry (person, doctor): letters, digits, '-' and '_',
 * starting with a letter or digit (so that no id can be `__proto__`), at most 64 characters.
 */
export const ENTRY_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const entryIdSchema = z
  .string({ error: 'Die Kennung fehlt.' })
  .regex(ENTRY_ID, 'Die Kennung darf nur Buchstaben, Ziffern, „-“ und „_“ enthalten (höchstens 64).');

/** Reads an own property of a record (never one inherited from Object.prototype). */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Day, month and year as typed. */
export const dateInputSchema = z.object(
  { day: optionalDraftString, month: optionalDraftString, year: optionalDraftString },
  { error: 'Bitte geben Sie ein Datum an.' },
);

/** A list of entry ids (e.g. the persons who work). */
export const entryIdListSchema = z
  .array(entryIdSchema, { error: 'Bitte wählen Sie Personen aus der Liste aus.' })
  .max(100, 'Es sind höchstens 100 Einträge möglich.');
