/**
 * An application that came by post, fax, e-mail or De-Mail, registered by the office: the channel,
 * the day it arrived, and the persons as far as the letter names them. The letter itself (with its
 * reasons) is filed as a scanned document; what is asked here is what the case list and the search need.
 */
import type { IsoDate } from '../rules/dates.ts';
import { type Address, validateAddress } from './address.ts';
import type { ValidationContext } from './context.ts';
import { ErrorCollector, joinPath, type Validated } from './errors.ts';
import { type DateInput, type PartialDate, parsePartialDate } from './partial-date.ts';
import { parseChoice, parseNationality, UNCLEAR_NATIONALITY } from './person.ts';
import { parseLine, parseRequiredLine, TEXT_LIMITS } from './text.ts';

export const INTAKE_CHANNELS = ['post', 'fax', 'email', 'de_mail'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];
export const MAX_INTAKE_PERSONS = 8;

export type IntakePersonDraft = {
  familyName?: string;
  givenNames?: string;
  birthDate?: DateInput;
  nationality?: string;
};
export type IntakeDraft = {
  channel?: string;
  receivedOn?: DateInput;
  persons: IntakePersonDraft[];
  address?: { street?: string; houseNumber?: string; postalCode?: string; place?: string };
  note?: string;
};

export type IntakePerson = {
  familyName: string;
  givenNames: string;
  birthDate: PartialDate;
  nationality: string;
};
export type Intake = {
  channel: IntakeChannel;
  receivedOn: IsoDate;
  persons: IntakePerson[];
  address: Address | null;
  note: string | null;
};

const blank = (p: IntakePersonDraft) =>
  !p.familyName?.trim() && !p.givenNames?.trim() && !p.birthDate?.year?.trim() && !p.nationality?.trim();

/** Validates the intake form; rows left completely empty are ignored. */
export function validateIntake(draft: IntakeDraft, ctx: ValidationContext): Validated<Intake> {
  const c = new ErrorCollector();
  const channel = c.take(
    'channel',
    parseChoice(INTAKE_CHANNELS, draft.channel, 'Bitte wählen Sie, wie der Antrag eingegangen ist.'),
  );
  const received = parsePartialDate(draft.receivedOn, {
    today: ctx.today,
    label: { nominative: 'das Eingangsdatum', accusative: 'das Eingangsdatum' },
    precision: 'full',
    direction: 'past',
  });
  if (!received.ok) c.addAll('receivedOn', received.errors);
  const persons: IntakePerson[] = [];
  draft.persons.slice(0, MAX_INTAKE_PERSONS).forEach((p, i) => {
    if (blank(p) && i > 0) return;
    const at = (field: string) => joinPath('persons', i, field);
    const familyName = c.take(
      at('familyName'),
      parseRequiredLine(p.familyName, {
        label: { nominative: 'der Familienname', accusative: 'den Familiennamen' },
        max: TEXT_LIMITS.name,
        needsLetter: true,
      }),
    );
    const givenNames = c.take(
      at('givenNames'),
      parseRequiredLine(p.givenNames, {
        label: { nominative: 'die Vornamen', accusative: 'die Vornamen' },
        max: TEXT_LIMITS.name,
        needsLetter: true,
      }),
    );
    const birth = parsePartialDate(p.birthDate, {
      today: ctx.today,
      label: { nominative: 'das Geburtsdatum', accusative: 'das Geburtsdatum' },
      direction: 'past',
    });
    if (!birth.ok) c.addAll(at('birthDate'), birth.errors);
    const nationality = p.nationality?.trim()
      ? c.take(at('nationality'), parseNationality(p.nationality, ctx.isKnownNationality))
      : UNCLEAR_NATIONALITY;
    if (familyName !== null && givenNames !== null && birth.ok && birth.value && nationality !== null) {
      persons.push({ familyName, givenNames, birthDate: birth.value, nationality });
    }
  });
  const a = draft.address ?? {};
  const anyAddress = [a.street, a.houseNumber, a.postalCode, a.place].some((v) => v?.trim());
  let address: Address | null = null;
  if (anyAddress) {
    const r = validateAddress({
      careOf: '',
      street: a.street ?? '',
      houseNumber: a.houseNumber ?? '',
      postalCode: a.postalCode ?? '',
      place: a.place ?? '',
    });
    if (r.ok) address = r.value;
    else c.addAll('address', r.errors);
  }
  const note = c.take(
    'note',
    parseLine(draft.note, {
      label: { nominative: 'die Notiz', accusative: 'die Notiz' },
      max: TEXT_LIMITS.line,
      required: false,
    }),
  );
  if (!c.ok || channel === null || !received.ok || !received.value) return { ok: false, errors: c.errors };
  return { ok: true, value: { channel, receivedOn: received.value, persons, address, note: note ?? null } };
}
