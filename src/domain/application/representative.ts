/**
 * The representative (Bevollmächtigte/r), if any: a person (lawyer, private person) or an
 * organisation (counselling centre) with a contact person. Being represented needs a written power
 * of attorney; the evidence checklist asks for it.
 */
import { z } from 'zod';
import { type Address, addressDraftSchema, hasAddressInput, validateAddress } from './address.ts';
import { ErrorCollector, type FieldResult, type Validated, validatingSchema } from './errors.ts';
import { parseChoice } from './person.ts';
import { optionalDraftString } from './shape.ts';
import { isFilled, parseLine, parseRequiredLine, TEXT_LIMITS, toAsciiDigits } from './text.ts';

export const REPRESENTATIVE_KINDS = ['none', 'person', 'organisation'] as const;
export type RepresentativeKind = (typeof REPRESENTATIVE_KINDS)[number];

/** The representative as typed. Fields of the kind not chosen are ignored. */
export const representativeDraftSchema = z.object(
  {
    kind: optionalDraftString,
    organisationName: optionalDraftString,
    contactPerson: optionalDraftString,
    familyName: optionalDraftString,
    givenNames: optionalDraftString,
    address: addressDraftSchema.optional(),
    phone: optionalDraftString,
    email: optionalDraftString,
  },
  { error: 'Bitte geben Sie an, ob Sie vertreten werden.' },
);
export type RepresentativeDraft = z.infer<typeof representativeDraftSchema>;

type Contact = { address: Address; phone: string | null; email: string | null };
export type Representative =
  | { kind: 'none' }
  | ({ kind: 'person'; familyName: string; givenNames: string } & Contact)
  | ({ kind: 'organisation'; organisationName: string; contactPerson: string } & Contact);

export const MAX_EMAIL = 254;

/** Parses an optional phone number: digits, spaces, + / - ( ), 6 to 20 digits. */
export function parsePhone(raw: unknown): FieldResult<string | null> {
  const r = parseLine(raw, {
    label: { nominative: 'die Telefonnummer', accusative: 'die Telefonnummer' },
    max: 40,
    required: false,
  });
  if (!r.ok || r.value === null) return r;
  const value = toAsciiDigits(r.value);
  const digits = value.replace(/\D/g, '').length;
  if (!/^\+?[\d\s()/-]+$/.test(value) || digits < 6 || digits > 20) {
    return {
      ok: false,
      message: 'Bitte geben Sie eine Telefonnummer an, zum Beispiel 0211 123456 oder +49 211 123456.',
    };
  }
  return { ok: true, value };
}

/** Parses an optional e-mail address (a pragmatic check: one @, a dot in the domain, no spaces). */
export function parseEmail(raw: unknown): FieldResult<string | null> {
  const r = parseLine(raw, {
    label: { nominative: 'die E-Mail-Adresse', accusative: 'die E-Mail-Adresse' },
    max: MAX_EMAIL,
    required: false,
  });
  if (!r.ok || r.value === null) return r;
  const value = r.value;
  const valid =
    /^[^\s@]+@[^\s@]+$/.test(value) &&
    /^[^\s@.]+(\.[^\s@.]+)+$/.test(value.slice(value.indexOf('@') + 1)) &&
    !/^\.|\.\.|\.@/.test(value);
  if (!valid) {
    return {
      ok: false,
      message: 'Bitte geben Sie eine E-Mail-Adresse in der richtigen Form an, zum Beispiel name@beispiel.de.',
    };
  }
  return { ok: true, value };
}

const KIND_MESSAGE = 'Bitte wählen Sie aus, ob Sie den Antrag selbst stellen oder vertreten werden.';

/** Validates the representative (paths relative to it, e.g. `address.postalCode`). */
export function validateRepresentative(draft: RepresentativeDraft | undefined): Validated<Representative> {
  const d = draft ?? {};
  const c = new ErrorCollector();
  const kind = c.take('kind', parseChoice(REPRESENTATIVE_KINDS, d.kind, KIND_MESSAGE));
  if (kind === null) return { ok: false, errors: c.errors };
  if (kind === 'none') return { ok: true, value: { kind } };

  let names:
    | { familyName: string; givenNames: string }
    | { organisationName: string; contactPerson: string }
    | null;
  if (kind === 'person') {
    const familyName = c.take(
      'familyName',
      parseRequiredLine(d.familyName, {
        label: { nominative: 'der Familienname', accusative: 'den Familiennamen' },
        max: TEXT_LIMITS.name,
        needsLetter: true,
      }),
    );
    const givenNames = c.take(
      'givenNames',
      parseRequiredLine(d.givenNames, {
        label: { nominative: 'der Vorname', accusative: 'den Vornamen' },
        max: TEXT_LIMITS.name,
        needsLetter: true,
      }),
    );
    names = familyName !== null && givenNames !== null ? { familyName, givenNames } : null;
  } else {
    const organisationName = c.take(
      'organisationName',
      parseRequiredLine(d.organisationName, {
        label: { nominative: 'der Name der Organisation', accusative: 'den Namen der Organisation' },
        max: TEXT_LIMITS.line,
        needsLetter: true,
      }),
    );
    const contactPerson = c.take(
      'contactPerson',
      parseRequiredLine(d.contactPerson, {
        label: { nominative: 'die Ansprechperson', accusative: 'die Ansprechperson' },
        max: TEXT_LIMITS.name,
        needsLetter: true,
      }),
    );
    names = organisationName !== null && contactPerson !== null ? { organisationName, contactPerson } : null;
  }
  const address = validateAddress(d.address);
  if (!address.ok) c.addAll('address', address.errors);
  const phone = c.take('phone', parsePhone(d.phone));
  const email = c.take('email', parseEmail(d.email));
  if (!c.ok || names === null || !address.ok) return { ok: false, errors: c.errors };
  const contact: Contact = { address: address.value, phone, email };
  return {
    ok: true,
    value:
      'familyName' in names
        ? { kind: 'person', ...names, ...contact }
        : { kind: 'organisation', ...names, ...contact },
  };
}

/** A zod schema for the representative that validates completely, with German messages. */
export const representativeSchema = validatingSchema(representativeDraftSchema, validateRepresentative);

/** True if the applicant is represented, so a power of attorney is needed. */
export function needsPowerOfAttorney(representative: { kind?: string } | undefined): boolean {
  return representative?.kind === 'person' || representative?.kind === 'organisation';
}

/** True if anything was answered about the representative. */
export function hasRepresentativeInput(draft: RepresentativeDraft | undefined): boolean {
  if (!draft) return false;
  return (
    [
      draft.kind,
      draft.organisationName,
      draft.contactPerson,
      draft.familyName,
      draft.givenNames,
      draft.phone,
      draft.email,
    ].some(isFilled) || hasAddressInput(draft.address)
  );
}
