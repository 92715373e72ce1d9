/**
 * The application as it is filled in: a plain, serialisable object holding every answer as typed,
 * so that nothing is lost while it is incomplete or wrong. The online wizard and the office's paper
 * intake both fill it; sections are validated on demand, and `readyToSubmit` turns a complete draft
 * into the validated application. The filed content is German whatever the UI language.
 */
import { z } from 'zod';
import { type EvidenceItem, evidenceChecklist } from '../evidence/checklist.ts';
import {
  type EvidenceStatus,
  type EvidenceStatusesDraft,
  evidenceStatusesDraftSchema,
  validateEvidenceStatuses,
} from '../evidence/status.ts';
import type { IsoDate } from '../rules/dates.ts';
import type { ValidationContext } from './context.ts';
import { ErrorCollector, type FieldError, issuesToFieldErrors, type Validated } from './errors.ts';
import { parsePartialDate } from './partial-date.ts';
import { MAX_PERSONS, type Person, type PersonDraft, personDraftSchema, validatePersons } from './person.ts';
import {
  hasReasonsInput,
  type Reasons,
  type ReasonsDraft,
  reasonsDraftSchema,
  urgency,
  validateReasonAnswers,
  validateReasons,
} from './reasons.ts';
import {
  hasRepresentativeInput,
  type Representative,
  type RepresentativeDraft,
  representativeDraftSchema,
  validateRepresentative,
} from './representative.ts';

/** Format version of the stored draft; bump it (and migrate) when the shape changes. */
export const DRAFT_VERSION = 1;

/** UI languages a draft can be filled in (German, English, Arabic now; the rest prepared). */
export const DRAFT_LANGUAGES = ['de', 'en', 'ar', 'fa', 'tr', 'ru', 'uk', 'fr'] as const;
export type DraftLanguage = (typeof DRAFT_LANGUAGES)[number];

/** Drafts may hold a few more persons than allowed, so that the limit is a message, not a lost save. */
export const DRAFT_MAX_PERSONS = MAX_PERSONS + 10;

/** The stored / posted draft. Missing parts default to empty. */
export const draftSchema = z.object(
  {
    version: z.literal(DRAFT_VERSION, { error: 'Dieser Entwurf hat ein unbekanntes Format.' }),
    language: z.enum(DRAFT_LANGUAGES, { error: 'Bitte wählen Sie eine Sprache aus.' }).default('de'),
    persons: z
      .array(personDraftSchema, { error: 'Bitte geben Sie die Personen an.' })
      .max(DRAFT_MAX_PERSONS, `Ein Antrag kann höchstens ${MAX_PERSONS} Personen umfassen.`)
      .default([]),
    representative: representativeDraftSchema.default({}),
    reasons: reasonsDraftSchema.default({}),
    evidence: evidenceStatusesDraftSchema.default({}),
    /** Set by the check-your-answers page when the user sends the application; cleared by every change. */
    answersConfirmed: z.boolean({ error: 'Ungültige Bestätigung.' }).default(false),
  },
  { error: 'Der Entwurf fehlt.' },
);
export type Draft = z.output<typeof draftSchema>;

export const SECTIONS = ['persons', 'representative', 'reasons', 'evidence'] as const;
export type DraftSection = (typeof SECTIONS)[number];

export const TASKS = [...SECTIONS, 'checkAnswers'] as const;
export type TaskId = (typeof TASKS)[number];
export type TaskStatus = 'not_started' | 'in_progress' | 'completed' | 'cannot_start_yet';

/** German task names for the task list and the list of what is missing. */
export const TASK_TITLES: Record<TaskId, string> = {
  persons: 'Personen',
  representative: 'Vertretung',
  reasons: 'Begründung',
  evidence: 'Nachweise',
  checkAnswers: 'Angaben prüfen und absenden',
};

export type EvidenceSection = { items: EvidenceItem[]; statuses: Record<string, EvidenceStatus> };

/** The validated value of each section. */
export type SectionValues = {
  persons: Person[];
  representative: Representative;
  reasons: Reasons;
  evidence: EvidenceSection;
};

/** A validated, complete application, ready to be filed. */
export type Application = {
  version: typeof DRAFT_VERSION;
  language: DraftLanguage;
  persons: Person[];
  representative: Representative;
  reasons: Reasons;
  evidence: EvidenceSection;
  urgency: ReturnType<typeof urgency>;
};

/** A new, empty draft in the given UI language. */
export function emptyDraft(language: DraftLanguage = 'de'): Draft {
  return {
    version: DRAFT_VERSION,
    language,
    persons: [],
    representative: {},
    reasons: {},
    evidence: {},
    answersConfirmed: false,
  };
}

/** Reads a stored or posted draft (unknown JSON): the draft, or field errors for a malformed shape. */
export function parseDraft(input: unknown): Validated<Draft> {
  const r = draftSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: issuesToFieldErrors(r.error.issues) };
}

/** Replaces one section of a draft; any change clears the confirmation of the answers. */
export function withSection<S extends DraftSection>(
  draft: Draft,
  section: S,
  value: {
    persons: PersonDraft[];
    representative: RepresentativeDraft;
    reasons: ReasonsDraft;
    evidence: EvidenceStatusesDraft;
  }[S],
): Draft {
  return { ...draft, [section]: value, answersConfirmed: false };
}

function prefixed<T>(prefix: string, r: Validated<T>): Validated<T> {
  if (r.ok) return r;
  const c = new ErrorCollector();
  c.addAll(prefix, r.errors);
  return { ok: false, errors: c.errors };
}

/**
 * Validates one section of a draft. Errors carry absolute field paths (`persons.1.birthDate.month`,
 * `representative.email`, `reasons.illness.doctors.p2.0.name`, `evidence.cv:p1.status`).
 */
export function validateDraftSection<S extends DraftSection>(
  draft: Draft,
  section: S,
  ctx: ValidationContext,
): Validated<SectionValues[S]> {
  const results: { [K in DraftSection]: () => Validated<SectionValues[K]> } = {
    persons: () => validatePersons(draft.persons, ctx),
    representative: () => prefixed('representative', validateRepresentative(draft.representative)),
    reasons: () => prefixed('reasons', validateReasons(draft.reasons, draft.persons, ctx)),
    evidence: () => {
      const items = evidenceChecklist(draft, ctx.today);
      const r = prefixed('evidence', validateEvidenceStatuses(items, draft.evidence));
      return r.ok ? { ok: true, value: { items, statuses: r.value } } : r;
    },
  };
  return results[section]();
}

/** The checklist of a draft at a reference date (usually today). */
export function draftChecklist(draft: Draft, referenceDate: IsoDate): EvidenceItem[] {
  return evidenceChecklist(draft, referenceDate);
}

function hasEvidenceInput(draft: Draft, items: readonly EvidenceItem[]): boolean {
  return items.some(
    (i) => Object.hasOwn(draft.evidence, i.id) && (draft.evidence[i.id]?.status ?? '') !== '',
  );
}

/** The status of every task of the task list. */
export function taskListStatus(draft: Draft, ctx: ValidationContext): Record<TaskId, TaskStatus> {
  const valid = (s: DraftSection) => validateDraftSection(draft, s, ctx).ok;
  const status = (started: boolean, complete: boolean): TaskStatus =>
    complete ? 'completed' : started ? 'in_progress' : 'not_started';
  const persons = status(draft.persons.length > 0, valid('persons'));
  const representative = status(hasRepresentativeInput(draft.representative), valid('representative'));
  const reasons = status(hasReasonsInput(draft.reasons), valid('reasons'));
  // The checklist follows from the persons, the representative and the answers (not the texts).
  const evidenceReady =
    persons === 'completed' &&
    representative === 'completed' &&
    validateReasonAnswers(draft.reasons, draft.persons, ctx).ok;
  const evidence = evidenceReady
    ? status(hasEvidenceInput(draft, evidenceChecklist(draft, ctx.today)), valid('evidence'))
    : 'cannot_start_yet';
  const allDone = [persons, representative, reasons, evidence].every((s) => s === 'completed');
  const checkAnswers: TaskStatus = !allDone
    ? 'cannot_start_yet'
    : draft.answersConfirmed
      ? 'completed'
      : 'not_started';
  return { persons, representative, reasons, evidence, checkAnswers };
}

/** What keeps a draft from being submitted: one German message per task, with the field errors. */
export type Missing = { task: TaskId; message: string; errors: FieldError[] };

const MISSING_MESSAGES: Record<TaskId, string> = {
  persons: 'Die Angaben zu den Personen sind unvollständig oder fehlerhaft.',
  representative:
    'Bitte geben Sie an, ob Sie vertreten werden, und vervollständigen Sie gegebenenfalls die Angaben zur Vertretung.',
  reasons: 'Die Begründung ist unvollständig oder fehlerhaft.',
  evidence:
    'Bitte geben Sie zu jedem benötigten Nachweis an, ob er vorliegt, nachgereicht wird oder nicht vorhanden ist (mit Begründung).',
  checkAnswers: 'Bitte prüfen Sie Ihre Angaben und bestätigen Sie, dass Sie den Antrag absenden möchten.',
};

/** The validated application, or the list of what is missing (German). */
export function readyToSubmit(
  draft: Draft,
  ctx: ValidationContext,
): { ok: true; application: Application } | { ok: false; missing: Missing[] } {
  const persons = validateDraftSection(draft, 'persons', ctx);
  const representative = validateDraftSection(draft, 'representative', ctx);
  const reasons = validateDraftSection(draft, 'reasons', ctx);
  const evidence = validateDraftSection(draft, 'evidence', ctx);
  const missing: Missing[] = [];
  const check = (task: DraftSection, r: Validated<unknown>) => {
    if (!r.ok) missing.push({ task, message: MISSING_MESSAGES[task], errors: r.errors });
  };
  check('persons', persons);
  check('representative', representative);
  check('reasons', reasons);
  check('evidence', evidence);
  if (!draft.answersConfirmed)
    missing.push({ task: 'checkAnswers', message: MISSING_MESSAGES.checkAnswers, errors: [] });
  if (missing.length > 0 || !persons.ok || !representative.ok || !reasons.ok || !evidence.ok) {
    return { ok: false, missing };
  }
  return {
    ok: true,
    application: {
      version: DRAFT_VERSION,
      language: draft.language,
      persons: persons.value,
      representative: representative.value,
      reasons: reasons.value,
      evidence: evidence.value,
      urgency: urgency(reasons.value.deportationDate, ctx.today),
    },
  };
}

/** The urgency of a draft as far as answered: a known deportation date today or ahead. */
export function draftUrgency(draft: Draft, today: IsoDate): ReturnType<typeof urgency> {
  const d = draft.reasons.deportationDate;
  if (d?.known !== 'yes') return urgency(null, today);
  const r = parsePartialDate(d, {
    today,
    label: { nominative: '', accusative: '' },
    precision: 'full',
    direction: 'future',
  });
  return urgency(r.ok ? r.value : null, today);
}
