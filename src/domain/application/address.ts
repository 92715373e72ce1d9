/** A German postal address, used for persons and representatives. */
import { z } from 'zod';
import { ErrorCollector, type FieldResult, type Validated } from './errors.ts';
import { optionalDraftString } from './shape.ts';
import { normaliseLine, parseLine, parseRequiredLine, TEXT_LIMITS, toAsciiDigits } from './text.ts';

/** The address fields as typed. `sameAsMainApplicant: 'yes'` lets a family member share the address. */
export const addressDraftSchema = z.object(
  {
    sameAsMainApplicant: optionalDraftString,
    careOf: optionalDraftString,
    street: optionalDraftString,
    houseNumber: optionalDraftString,
    postalCode: optionalDraftString,
    place: optionalDraftString,
  },
  { error: 'Bitte geben Sie eine Anschrift an.' },
);
export type AddressDraft = z.infer<typeof addressDraftSchema>;

export type Address = {
  /** "c/o" or name of the accommodation (Unterkunft), if any. */
  careOf: string | null;
  street: string;
  houseNumber: string | null;
  /** Five digits. */
  postalCode: string;
  place: string;
};

/** Parses a German postal code: five digits (Arabic-Indic digits and inner spaces are accepted). */
export function parsePostalCode(raw: unknown): FieldResult<string> {
  const value = typeof raw === 'string' ? toAsciiDigits(normaliseLine(raw)).replace(/\s/g, '') : '';
  if (value === '') return { ok: false, message: 'Bitte geben Sie die Postleitzahl ein.' };
  if (!/^\d{5}$/.test(value) || value === '00000') {
    return { ok: false, message: 'Die Postleitzahl muss aus fünf Ziffern bestehen, zum Beispiel 40213.' };
  }
  return { ok: true, value };
}

/** Parses an optional house number such as "12", "12a", "3-5" or "7/1". */
export function parseHouseNumber(raw: unknown): FieldResult<string | null> {
  const r = parseLine(raw, {
    label: { nominative: 'die Hausnummer', accusative: 'die Hausnummer' },
    max: TEXT_LIMITS.houseNumber,
    required: false,
  });
  if (!r.ok || r.value === null) return r;
  const value = toAsciiDigits(r.value);
  if (!/^\d/.test(value)) {
    return { ok: false, message: 'Die Hausnummer muss mit einer Ziffer beginnen, zum Beispiel 12 oder 12a.' };
  }
  return { ok: true, value };
}

/** Validates the address fields (paths relative to the address). */
export function validateAddress(draft: AddressDraft | undefined): Validated<Address> {
  const d = draft ?? {};
  const c = new ErrorCollector();
  const careOf = c.take(
    'careOf',
    parseLine(d.careOf, {
      label: { nominative: 'der Zusatz (c/o oder Unterkunft)', accusative: 'den Zusatz' },
      max: TEXT_LIMITS.line,
      required: false,
    }),
  );
  const street = c.take(
    'street',
    parseRequiredLine(d.street, {
      label: { nominative: 'die Straße', accusative: 'die Straße' },
      max: TEXT_LIMITS.line,
      needsLetter: true,
    }),
  );
  const houseNumber = c.take('houseNumber', parseHouseNumber(d.houseNumber));
  const postalCode = c.take('postalCode', parsePostalCode(d.postalCode));
  const place = c.take(
    'place',
    parseRequiredLine(d.place, {
      label: { nominative: 'der Ort', accusative: 'den Ort' },
      max: TEXT_LIMITS.place,
      needsLetter: true,
    }),
  );
  if (!c.ok || street === null || postalCode === null || place === null)
    return { ok: false, errors: c.errors };
  return { ok: true, value: { careOf, street, houseNumber, postalCode, place } };
}

/** True if any address field holds something. */
export function hasAddressInput(draft: AddressDraft | undefined): boolean {
  if (!draft) return false;
  return [draft.careOf, draft.street, draft.houseNumber, draft.postalCode, draft.place].some(
    (v) => typeof v === 'string' && normaliseLine(v) !== '',
  );
}
