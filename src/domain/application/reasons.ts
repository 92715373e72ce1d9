/**
 * The reasons (Begründung) in the four parts of the procedure, and the questions whose answers
 * decide which evidence is asked for. Answers about persons refer to person ids; entries for
 * persons no longer in the application are ignored.
 */
import { z } from 'zod';
import { daysBetween, type IsoDate } from '../rules/dates.ts';
import type { ValidationContext } from './context.ts';
import { ErrorCollector, joinPath, type Validated } from './errors.ts';
import {
  assumedAgeAt,
  type DateInput,
  isPartialDate,
  type PartialDate,
  parsePartialDate,
} from './partial-date.ts';
import { parseChoice, personDisplayName } from './person.ts';
import {
  dateInputSchema,
  draftString,
  entryIdListSchema,
  entryIdSchema,
  optionalDraftString,
  own,
} from './shape.ts';
import { isFilled, parseRequiredLine, parseRequiredLongText, TEXT_LIMITS } from './text.ts';

export const REASON_TEXTS = ['lifeStory', 'familyTies', 'integration', 'humanitarianReasons'] as const;
export type ReasonText = (typeof REASON_TEXTS)[number];

/** German headings of the four parts (for check-your-answers and the filed PDF). */
export const REASON_TEXT_TITLES: Record<ReasonText, string> = {
  lifeStory: 'Lebensweg, aktuelle Situation, Einreise und Aufenthaltsstatus',
  familyTies: 'Familiäre Bindungen in Deutschland und im Herkunftsland',
  integration: 'Persönliche, soziale und wirtschaftliche Integration',
  humanitarianReasons: 'Dringende humanitäre oder persönliche Gründe',
};

const REASON_TEXT_EMPTY: Record<ReasonText, string> = {
  lifeStory:
    'Bitte beschreiben Sie den Lebensweg (mindestens die wichtigsten Stationen), die aktuelle Situation, die Einreise und den Aufenthaltsstatus jeder Person.',
  familyTies: 'Bitte beschreiben Sie die familiären Bindungen in Deutschland und im Herkunftsland.',
  integration: 'Bitte beschreiben Sie die persönliche, soziale und wirtschaftliche Integration.',
  humanitarianReasons:
    'Bitte beschreiben Sie die dringenden humanitären oder persönlichen Gründe für den Verbleib in Deutschland.',
};

export const YES_NO = ['yes', 'no'] as const;
export const YES_NO_UNKNOWN = ['yes', 'no', 'unknown'] as const;
export const EDUCATION = ['school', 'kindergarten', 'none'] as const;
export type Education = (typeof EDUCATION)[number];
export const MAX_DOCTORS_PER_PERSON = 10;

/** The questions answered with yes/no and, on yes, the persons concerned. */
export const PERSON_QUESTIONS = ['employment', 'languageCertificates', 'volunteering'] as const;
export type PersonQuestion = (typeof PERSON_QUESTIONS)[number];

const selectionDraftSchema = z.object(
  { answer: optionalDraftString, personIds: entryIdListSchema.optional() },
  { error: 'Bitte beantworten Sie die Frage.' },
);
const doctorDraftSchema = z.object(
  { id: entryIdSchema, name: optionalDraftString },
  { error: 'Bitte nennen Sie die Ärztin oder den Arzt.' },
);

/** The reasons as typed. */
export const reasonsDraftSchema = z.object(
  {
    lifeStory: optionalDraftString,
    familyTies: optionalDraftString,
    integration: optionalDraftString,
    humanitarianReasons: optionalDraftString,
    /** Is a person ill? Who? Doctors (or practices) per ill person, each one report and one release. */
    illness: z
      .object({
        answer: optionalDraftString,
        personIds: entryIdListSchema.optional(),
        doctors: z.record(entryIdSchema, z.array(doctorDraftSchema).max(50)).optional(),
      })
      .optional(),
    /** Per child: 'school' | 'kindergarten' | 'none', confirmed by the applicant (suggested from the age). */
    education: z.record(entryIdSchema, draftString).optional(),
    employment: selectionDraftSchema.optional(),
    languageCertificates: selectionDraftSchema.optional(),
    volunteering: selectionDraftSchema.optional(),
    /** Criminal investigations or convictions: 'yes' (with persons) | 'no' | 'unknown'. */
    criminalProceedings: selectionDraftSchema.optional(),
    /** Is a deportation date known? 'yes' with the date | 'no'. */
    deportationDate: dateInputSchema.extend({ known: optionalDraftString }).optional(),
  },
  { error: 'Bitte geben Sie die Begründung an.' },
);
export type ReasonsDraft = z.infer<typeof reasonsDraftSchema>;

export type Doctor = { id: string; name: string };
export type Reasons = Record<ReasonText, string> & {
  illness: { personId: string; doctors: Doctor[] }[];
  education: { personId: string; attends: Education }[];
  employment: string[];
  languageCertificates: string[];
  volunteering: string[];
  criminalProceedings: { answer: (typeof YES_NO_UNKNOWN)[number]; personIds: string[] };
  deportationDate: IsoDate | null;
};

/** What the reasons need to know about a person (a draft is enough). */
export type PersonRef = { id: string; givenNames?: string; familyName?: string; birthDate?: DateInput };

/** School (6–17) or kindergarten (3–5) as suggested by the assumed age on the reference date. */
export function expectedEducation(
  birthDate: PartialDate,
  referenceDate: IsoDate,
): Exclude<Education, 'none'> | null {
  const age = assumedAgeAt(birthDate, referenceDate);
  if (age >= 6 && age <= 17) return 'school';
  if (age >= 3 && age <= 5) return 'kindergarten';
  return null;
}

/** The children whose school or kindergarten attendance the applicant is asked to confirm, with the suggestion. */
export function educationQuestions(
  persons: readonly PersonRef[],
  referenceDate: IsoDate,
): { personId: string; suggested: Exclude<Education, 'none'> }[] {
  return persons.flatMap((p) => {
    const birth = birthDateOf(p, referenceDate);
    const suggested = birth === null ? null : expectedEducation(birth, referenceDate);
    return suggested === null ? [] : [{ personId: p.id, suggested }];
  });
}

/** The birth date of a person draft if it is valid, else null. */
export function birthDateOf(person: PersonRef, today: IsoDate): PartialDate | null {
  const r = parsePartialDate(person.birthDate, { today, label: { nominative: '', accusative: '' } });
  return r.ok && r.value !== null && isPartialDate(r.value) ? r.value : null;
}

const nameOf = (p: PersonRef | undefined) => {
  const name = p ? personDisplayName(p) : '';
  return name === '' ? 'diese Person' : name;
};

const SELECTION_MESSAGES: Record<PersonQuestion | 'criminalProceedings' | 'illness', [string, string]> = {
  illness: ['Bitte geben Sie an, ob eine der Personen krank ist.', 'Bitte wählen Sie aus, wer krank ist.'],
  employment: [
    'Bitte geben Sie an, ob eine der Personen arbeitet, gearbeitet hat oder Arbeit sucht.',
    'Bitte wählen Sie aus, wer arbeitet, gearbeitet hat oder Arbeit sucht.',
  ],
  languageCertificates: [
    'Bitte geben Sie an, ob eine der Personen ein Zertifikat über Deutschkenntnisse hat.',
    'Bitte wählen Sie aus, wer ein Zertifikat über Deutschkenntnisse hat.',
  ],
  volunteering: [
    'Bitte geben Sie an, ob sich eine der Personen ehrenamtlich engagiert oder Mitglied in einem Verein oder einer Gemeinde ist.',
    'Bitte wählen Sie aus, wer sich engagiert oder Mitglied ist.',
  ],
  criminalProceedings: [
    'Bitte geben Sie an, ob gegen eine der Personen ein Ermittlungs- oder Strafverfahren läuft oder lief.',
    'Bitte wählen Sie aus, gegen wen ein Verfahren läuft oder lief.',
  ],
};

/** The selected persons that still exist, in the order of the persons list, without duplicates. */
function selected(ids: readonly string[] | undefined, persons: readonly PersonRef[]): string[] {
  const set = new Set(ids ?? []);
  return persons.filter((p) => set.has(p.id)).map((p) => p.id);
}

/** Validates the four texts (paths relative to the reasons). */
export function validateReasonTexts(draft: ReasonsDraft | undefined): Validated<Record<ReasonText, string>> {
  const c = new ErrorCollector();
  const out: Partial<Record<ReasonText, string>> = {};
  for (const key of REASON_TEXTS) {
    const v = c.take(
      key,
      parseRequiredLongText(draft?.[key], {
        label: { nominative: `der Abschnitt „${REASON_TEXT_TITLES[key]}“`, accusative: '' },
        max: TEXT_LIMITS.longText,
        emptyMessage: REASON_TEXT_EMPTY[key],
      }),
    );
    if (v !== null) out[key] = v;
  }
  if (!c.ok) return { ok: false, errors: c.errors };
  return { ok: true, value: out as Record<ReasonText, string> };
}

/** The answers that drive the evidence list, validated. */
export type ReasonAnswers = Omit<Reasons, ReasonText>;

/** Validates the questions (paths relative to the reasons, e.g. `illness.doctors.p1.0.name`). */
export function validateReasonAnswers(
  draft: ReasonsDraft | undefined,
  persons: readonly PersonRef[],
  ctx: Pick<ValidationContext, 'today'>,
): Validated<ReasonAnswers> {
  const d = draft ?? {};
  const c = new ErrorCollector();
  const byId = new Map(persons.map((p) => [p.id, p]));

  const selection = (
    key: PersonQuestion | 'illness',
    answer: unknown,
    ids: readonly string[] | undefined,
  ) => {
    const [answerMessage, personsMessage] = SELECTION_MESSAGES[key];
    const a = c.take(joinPath(key, 'answer'), parseChoice(YES_NO, answer, answerMessage));
    if (a !== 'yes') return [];
    const chosen = selected(ids, persons);
    if (chosen.length === 0) c.add(joinPath(key, 'personIds'), personsMessage);
    return chosen;
  };

  const ill = selection('illness', d.illness?.answer, d.illness?.personIds);
  const illness = ill.map((personId) => {
    const drafts = own(d.illness?.doctors, personId) ?? [];
    const path = joinPath('illness', 'doctors', personId);
    if (drafts.length === 0) {
      c.add(
        path,
        `Bitte nennen Sie für ${nameOf(byId.get(personId))} mindestens eine Ärztin, einen Arzt oder eine Praxis, die die Erkrankung bescheinigen kann.`,
      );
    } else if (drafts.length > MAX_DOCTORS_PER_PERSON) {
      c.add(
        path,
        `Bitte nennen Sie höchstens ${MAX_DOCTORS_PER_PERSON} Ärztinnen, Ärzte oder Praxen je Person.`,
      );
    }
    const ids = new Set<string>();
    const doctors = drafts.flatMap((doctor, i) => {
      if (ids.has(doctor.id))
        c.add(joinPath(path, i, 'id'), 'Diese Ärztin oder dieser Arzt ist doppelt erfasst.');
      ids.add(doctor.id);
      const name = c.take(
        joinPath(path, i, 'name'),
        parseRequiredLine(doctor.name, {
          label: {
            nominative: 'der Name der Ärztin, des Arztes oder der Praxis',
            accusative: 'den Namen der Ärztin, des Arztes oder der Praxis',
          },
          max: TEXT_LIMITS.name,
          needsLetter: true,
        }),
      );
      return name === null ? [] : [{ id: doctor.id, name }];
    });
    return { personId, doctors };
  });

  const education = educationQuestions(persons, ctx.today).flatMap(({ personId }) => {
    const attends = c.take(
      joinPath('education', personId),
      parseChoice(
        EDUCATION,
        own(d.education, personId),
        `Bitte geben Sie an, ob ${nameOf(byId.get(personId))} eine Schule, einen Kindergarten oder keine dieser Einrichtungen besucht.`,
      ),
    );
    return attends === null ? [] : [{ personId, attends }];
  });

  const employment = selection('employment', d.employment?.answer, d.employment?.personIds);
  const languageCertificates = selection(
    'languageCertificates',
    d.languageCertificates?.answer,
    d.languageCertificates?.personIds,
  );
  const volunteering = selection('volunteering', d.volunteering?.answer, d.volunteering?.personIds);

  const [criminalAnswerMessage, criminalPersonsMessage] = SELECTION_MESSAGES.criminalProceedings;
  const criminalAnswer = c.take(
    'criminalProceedings.answer',
    parseChoice(YES_NO_UNKNOWN, d.criminalProceedings?.answer, criminalAnswerMessage),
  );
  const criminalPersons = criminalAnswer === 'yes' ? selected(d.criminalProceedings?.personIds, persons) : [];
  if (criminalAnswer === 'yes' && criminalPersons.length === 0) {
    c.add('criminalProceedings.personIds', criminalPersonsMessage);
  }

  let deportationDate: IsoDate | null = null;
  const known = c.take(
    'deportationDate.known',
    parseChoice(
      YES_NO,
      d.deportationDate?.known,
      'Bitte geben Sie an, ob ein Termin für die Abschiebung bekannt ist.',
    ),
  );
  if (known === 'yes') {
    const r = parsePartialDate(d.deportationDate, {
      today: ctx.today,
      label: { nominative: 'der Abschiebungstermin', accusative: 'den Abschiebungstermin' },
      precision: 'full',
      direction: 'future',
    });
    if (r.ok) deportationDate = r.value;
    else c.addAll('deportationDate', r.errors);
  }

  if (!c.ok || criminalAnswer === null) return { ok: false, errors: c.errors };
  return {
    ok: true,
    value: {
      illness,
      education,
      employment,
      languageCertificates,
      volunteering,
      criminalProceedings: { answer: criminalAnswer, personIds: criminalPersons },
      deportationDate,
    },
  };
}

/** Validates texts and answers together (paths relative to the reasons). */
export function validateReasons(
  draft: ReasonsDraft | undefined,
  persons: readonly PersonRef[],
  ctx: Pick<ValidationContext, 'today'>,
): Validated<Reasons> {
  const texts = validateReasonTexts(draft);
  const answers = validateReasonAnswers(draft, persons, ctx);
  if (texts.ok && answers.ok) return { ok: true, value: { ...texts.value, ...answers.value } };
  return { ok: false, errors: [...(texts.ok ? [] : texts.errors), ...(answers.ok ? [] : answers.errors)] };
}

/**
 * The answers as far as they are given, read leniently (for the evidence checklist while the draft
 * is incomplete): only 'yes' counts, unknown persons are dropped, doctors without a name are kept,
 * and an unconfirmed child gets the education suggested by the age.
 */
export type AnswersSoFar = {
  illness: { personId: string; doctors: { id: string; name: string | null }[] }[];
  education: { personId: string; attends: Education }[];
  employment: string[];
  languageCertificates: string[];
  volunteering: string[];
  criminalProceedings: { answer: (typeof YES_NO_UNKNOWN)[number] | null; personIds: string[] };
};

/** Reads the answers given so far (see AnswersSoFar). */
export function answersSoFar(
  draft: ReasonsDraft | undefined,
  persons: readonly PersonRef[],
  referenceDate: IsoDate,
): AnswersSoFar {
  const d = draft ?? {};
  const yes = (s: { answer?: string; personIds?: string[] } | undefined) =>
    s?.answer === 'yes' ? selected(s.personIds, persons) : [];
  const illness = yes(d.illness).map((personId) => {
    const seen = new Set<string>();
    const doctors = (own(d.illness?.doctors, personId) ?? []).flatMap((doc) => {
      if (seen.has(doc.id)) return [];
      seen.add(doc.id);
      const name = parseRequiredLine(doc.name, {
        label: { nominative: '', accusative: '' },
        max: TEXT_LIMITS.name,
      });
      return [{ id: doc.id, name: name.ok ? name.value : null }];
    });
    return { personId, doctors: doctors.slice(0, MAX_DOCTORS_PER_PERSON) };
  });
  const education = educationQuestions(persons, referenceDate).map(({ personId, suggested }) => {
    const confirmed = own(d.education, personId);
    const attends = (EDUCATION as readonly string[]).includes(confirmed ?? '')
      ? (confirmed as Education)
      : suggested;
    return { personId, attends };
  });
  const criminalAnswer = d.criminalProceedings?.answer;
  return {
    illness,
    education,
    employment: yes(d.employment),
    languageCertificates: yes(d.languageCertificates),
    volunteering: yes(d.volunteering),
    criminalProceedings: {
      answer: (YES_NO_UNKNOWN as readonly string[]).includes(criminalAnswer ?? '')
        ? (criminalAnswer as (typeof YES_NO_UNKNOWN)[number])
        : null,
      personIds: criminalAnswer === 'yes' ? selected(d.criminalProceedings?.personIds, persons) : [],
    },
  };
}

/** Urgency from a known deportation date: urgent while the date lies today or ahead. */
export function urgency(
  deportationDate: IsoDate | null,
  today: IsoDate,
): { urgent: boolean; deportationDate: IsoDate | null; daysLeft: number | null } {
  if (deportationDate === null) return { urgent: false, deportationDate: null, daysLeft: null };
  const daysLeft = daysBetween(today, deportationDate);
  return { urgent: daysLeft >= 0, deportationDate, daysLeft };
}

/** True if anything was typed or answered in the reasons. */
export function hasReasonsInput(draft: ReasonsDraft | undefined): boolean {
  if (!draft) return false;
  return (
    REASON_TEXTS.some((k) => isFilled(draft[k])) ||
    [
      draft.illness?.answer,
      draft.employment?.answer,
      draft.languageCertificates?.answer,
      draft.volunteering?.answer,
      draft.criminalProceedings?.answer,
      draft.deportationDate?.known,
    ].some(isFilled) ||
    Object.keys(draft.education ?? {}).length > 0
  );
}
