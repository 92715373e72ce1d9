/**
 * Shared fixtures for the tests of the application and evidence modules (pure, no test framework):
 * a fixed "today", a nationality list and a complete draft for a family of three.
 */
import type { ValidationContext } from './context.ts';
import { type Draft, emptyDraft } from './draft.ts';
import type { PersonDraft } from './person.ts';

export const TODAY = '2026-03-15';

const KNOWN_NATIONALITIES = new Set(['121', '150', '170', '232', '423', '438', '475']);

export const ctx: ValidationContext = {
  today: TODAY,
  isKnownNationality: (code) => KNOWN_NATIONALITIES.has(code),
};

export const address = {
  street: 'Kölner Straße',
  houseNumber: '12a',
  postalCode: '40211',
  place: 'Düsseldorf',
};

/** The main applicant, an adult. */
export const mainApplicant: PersonDraft = {
  id: 'p1',
  relation: 'main_applicant',
  familyName: 'Haddad',
  givenNames: 'Amina',
  birthDate: { day: '12', month: '3', year: '1990' },
  birthPlace: 'Aleppo',
  nationality: '475',
  address: { ...address, careOf: 'Unterkunft Am Hang' },
  residenceStatus: { kind: 'tolerated_stay' },
  entryDate: { day: '', month: '9', year: '2015' },
};

/** A spouse sharing the main applicant's address, with only a birth year known. */
export const spouse: PersonDraft = {
  id: 'p2',
  relation: 'spouse',
  familyName: 'Haddad',
  givenNames: 'Omar',
  birthDate: { year: '1987' },
  birthPlace: 'Homs',
  nationality: '998',
  address: { sameAsMainApplicant: 'yes' },
  residenceStatus: { kind: 'border_crossing_certificate' },
};

/** A child of school age (10 at TODAY). */
export const child: PersonDraft = {
  id: 'p3',
  relation: 'child',
  familyName: 'Haddad',
  givenNames: 'Lina',
  birthDate: { day: '1', month: '6', year: '2015' },
  birthPlace: 'Bochum',
  nationality: '997',
  address: { sameAsMainApplicant: 'yes' },
  residenceStatus: { kind: 'other', other: 'Aussetzung der Abschiebung für Kinder' },
};

const longText = (topic: string) => `${topic}: ausführliche Darstellung.\nZweiter Absatz.`;

/** A complete draft: three persons, represented by an organisation, the mother ill, all answered. */
export function completeDraft(): Draft {
  return {
    ...emptyDraft('ar'),
    persons: [mainApplicant, spouse, child],
    representative: {
      kind: 'organisation',
      organisationName: 'Flüchtlingsberatung Düsseldorf e. V.',
      contactPerson: 'Jana Schulz',
      address: { street: 'Graf-Adolf-Straße', houseNumber: '3', postalCode: '40210', place: 'Düsseldorf' },
      phone: '0211 123456',
      email: 'beratung@beispiel.de',
    },
    reasons: {
      lifeStory: longText('Lebensweg'),
      familyTies: longText('Familie'),
      integration: longText('Integration'),
      humanitarianReasons: longText('Gründe'),
      illness: { answer: 'yes', personIds: ['p1'], doctors: { p1: [{ id: 'd1', name: 'Dr. Weber' }] } },
      education: { p3: 'school' },
      employment: { answer: 'yes', personIds: ['p2'] },
      languageCertificates: { answer: 'yes', personIds: ['p1', 'p2'] },
      volunteering: { answer: 'no' },
      criminalProceedings: { answer: 'no' },
      deportationDate: { known: 'no' },
    },
    evidence: {},
  };
}

/** The same draft with every required evidence item answered. */
export function submittableDraft(): Draft {
  const draft = completeDraft();
  const statuses: Draft['evidence'] = {
    'data_consent:p1': { status: 'provided' },
    'data_consent:p2': { status: 'provided' },
    'data_consent:p3': { status: 'to_follow' },
    'cv:p1': { status: 'provided' },
    'cv:p2': { status: 'not_available', reason: 'Wird gerade übersetzt.' },
    'language:p1': { status: 'provided' },
    'language:p2': { status: 'provided' },
    'work:p2': { status: 'provided' },
    'school:p3': { status: 'provided' },
    'medical_report:p1:d1': { status: 'to_follow' },
    'medical_release:p1:d1': { status: 'provided' },
    power_of_attorney: { status: 'provided' },
  };
  return { ...draft, evidence: statuses, answersConfirmed: true };
}
