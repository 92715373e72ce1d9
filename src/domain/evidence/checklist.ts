/**
 * The evidence checklist generated from the answers of a draft. Rules:
 * - always, per person: consent to data processing (for a minor: one item for the child, signed by
 *   the persons with custody); per adult: tabular CV;
 * - represented → power of attorney (one for the application);
 * - per ill person and named doctor: one medical report and one release from confidentiality;
 * - per child: school reports (6–17) or kindergarten certificate (3–5), unless the applicant
 *   confirmed something else (a confirmed 'none' gives no item);
 * - per person named: work, language and volunteering evidence; criminal-proceedings documents
 *   (criminal proceedings 'unknown': one optional item for the application);
 * - optional: identity document and Duldung per person; BAMF decision, immigration authority
 *   orders, court decisions and letters of support for the application.
 * Ages use the assumed (lowest possible) age at the reference date; a person without a valid date
 * of birth counts as an adult. Item ids are stable: they depend only on the category, the person id
 * and the doctor id, so the applicant's statuses survive changes elsewhere in the draft.
 */
import { isMinorAt } from '../application/partial-date.ts';
import { personDisplayName } from '../application/person.ts';
import { answersSoFar, birthDateOf, type PersonRef, type ReasonsDraft } from '../application/reasons.ts';
import { needsPowerOfAttorney } from '../application/representative.ts';
import type { IsoDate } from '../rules/dates.ts';
import { CATEGORY_TEXTS, type EvidenceCategory, isSignedForm, isSpecialCategory } from './categories.ts';

/** Why an item is on the list. */
export type EvidenceRequirement = 'always' | 'by_answer' | 'optional';

export type EvidenceItem = {
  /** Stable id: `category`, `category:personId` or `category:personId:doctorId`. */
  id: string;
  category: EvidenceCategory;
  /** The person it belongs to, or null for the whole application. */
  personId: string | null;
  /** For medical items: the doctor (or practice) it concerns. */
  doctorId: string | null;
  /** German title, e.g. "Ärztlicher Bericht – Dr. Weber". */
  title: string;
  /** German hint for the applicant. */
  hint: string;
  requirement: EvidenceRequirement;
  /** Health or criminal data: visible only to roles that need it. */
  specialCategory: boolean;
  /** One of the office's forms, produced pre-filled for signing. */
  signedForm: boolean;
};

/** What the checklist reads from a draft (a whole draft fits). */
export type ChecklistInput = {
  persons: readonly PersonRef[];
  representative?: { kind?: string } | undefined;
  reasons?: ReasonsDraft | undefined;
};

/** The pattern of item ids. */
export const EVIDENCE_ITEM_ID = /^[a-z_]+(?::[A-Za-z0-9][A-Za-z0-9_-]{0,63}){0,2}$/;

function item(
  category: EvidenceCategory,
  requirement: EvidenceRequirement,
  personId: string | null = null,
  doctor: { id: string; name: string | null } | null = null,
  extraHint = '',
): EvidenceItem {
  const texts = CATEGORY_TEXTS[category];
  const id = [category, personId, doctor?.id].filter((s) => s !== null && s !== undefined).join(':');
  return {
    id,
    category,
    personId,
    doctorId: doctor?.id ?? null,
    title: doctor?.name ? `${texts.title} – ${doctor.name}` : texts.title,
    hint: extraHint === '' ? texts.hint : `${extraHint} ${texts.hint}`,
    requirement,
    specialCategory: isSpecialCategory(category),
    signedForm: isSignedForm(category),
  };
}

/** The evidence items the answers call for, per person in list order, then for the application. */
export function evidenceChecklist(input: ChecklistInput, referenceDate: IsoDate): EvidenceItem[] {
  const persons = input.persons.filter((p, i) => input.persons.findIndex((q) => q.id === p.id) === i);
  const answers = answersSoFar(input.reasons, persons, referenceDate);
  const has = (ids: readonly string[], id: string) => ids.includes(id);
  const items: EvidenceItem[] = [];

  for (const p of persons) {
    const birth = birthDateOf(p, referenceDate);
    const minor = birth !== null && isMinorAt(birth, referenceDate);
    const name = personDisplayName(p);
    const signedBy = minor
      ? `Für ${name === '' ? 'die minderjährige Person' : name} unterschreiben die Sorgeberechtigten.`
      : '';
    items.push(item('data_consent', 'always', p.id, null, signedBy));
    if (!minor) items.push(item('cv', 'always', p.id));
    items.push(item('passport_or_id', 'optional', p.id));
    items.push(item('residence_document', 'optional', p.id));
    if (has(answers.languageCertificates, p.id)) items.push(item('language', 'by_answer', p.id));
    if (has(answers.employment, p.id)) items.push(item('work', 'by_answer', p.id));
    if (has(answers.volunteering, p.id)) items.push(item('volunteering', 'by_answer', p.id));
    const education = answers.education.find((e) => e.personId === p.id)?.attends;
    if (education === 'school' || education === 'kindergarten')
      items.push(item(education, 'by_answer', p.id));
    const illness = answers.illness.find((i) => i.personId === p.id);
    for (const doctor of illness?.doctors ?? []) {
      items.push(item('medical_report', 'by_answer', p.id, doctor));
      items.push(item('medical_release', 'by_answer', p.id, doctor));
    }
    if (has(answers.criminalProceedings.personIds, p.id))
      items.push(item('criminal_records', 'by_answer', p.id));
  }

  if (needsPowerOfAttorney(input.representative)) items.push(item('power_of_attorney', 'by_answer'));
  items.push(item('bamf_decision', 'optional'));
  items.push(item('abh_orders', 'optional'));
  items.push(item('court_decisions', 'optional'));
  items.push(item('support_letters', 'optional'));
  if (answers.criminalProceedings.answer === 'unknown') {
    items.push(
      item(
        'criminal_records',
        'optional',
        null,
        null,
        'Falls es Ermittlungs- oder Strafverfahren gab oder gibt, reichen Sie die Unterlagen bitte ein.',
      ),
    );
  }
  return items;
}

/** The items that must get a status before the application is complete (always and by answer). */
export function requiredItems(checklist: readonly EvidenceItem[]): EvidenceItem[] {
  return checklist.filter((i) => i.requirement !== 'optional');
}
