/**
 * Commands on a case, as zod schemas. The web/API layer reuses them to validate input.
 * Schemas check shape only; the rules of the procedure (e.g. "reasons are required") are guards in
 * the transition table, so that every rule lives in one place.
 */
import { z } from 'zod';

const MAX_TEXT = 20_000;

const text = z
  .string({ error: 'Bitte geben Sie einen Text ein.' })
  .max(MAX_TEXT, 'Der Text ist zu lang (höchstens 20.000 Zeichen).');

const identifier = (label: string) =>
  z
    .string({ error: `${label} fehlt.` })
    .trim()
    .min(1, `${label} fehlt.`)
    .max(200, `${label} ist zu lang.`);

/** An ISO 8601 instant with offset, e.g. 2026-03-01T12:00:00Z. */
export const instantSchema = z.iso.datetime({
  offset: true,
  error: 'Bitte geben Sie einen Zeitpunkt im Format JJJJ-MM-TTThh:mm:ssZ an.',
});

const groundIds = z
  .array(identifier('Die Kennung des Ausschlussgrunds'), {
    error: 'Bitte geben Sie die Ausschlussgründe als Liste an.',
  })
  .max(50, 'Es sind höchstens 50 Ausschlussgründe möglich.');

export const CHANNELS = ['online', 'post', 'fax', 'email', 'de_mail'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Creates a case; handled by `receive`, not by `decide`. */
export const receiveCommandSchema = z.object({
  type: z.literal('receive'),
  caseId: identifier('Das Aktenzeichen'),
  channel: z.enum(CHANNELS, { error: 'Bitte wählen Sie den Eingangsweg.' }),
  /** When a letter, fax or e-mail arrived (its stamp), if earlier than its registration. */
  receivedAt: instantSchema.optional(),
});

export const startPreCheckSchema = z.object({ type: z.literal('startPreCheck') });

/** The office records the outcome of the exclusion-ground review (ground ids from the versioned catalogue). */
/** The office's note on one ground of the catalogue (found or not): what was checked, and the result. */
const groundNote = z.object({
  groundId: identifier('Die Kennung des Ausschlussgrunds'),
  note: z
    .string({ error: 'Bitte geben Sie die Anmerkung als Text ein.' })
    .trim()
    .min(1, 'Die Anmerkung ist leer.')
    .max(2000, 'Die Anmerkung zu einem Ausschlussgrund ist zu lang (höchstens 2.000 Zeichen).'),
});

export const recordExclusionReviewSchema = z.object({
  type: z.literal('recordExclusionReview'),
  catalogueVersion: identifier('Die Version des Katalogs der Ausschlussgründe'),
  mandatoryGrounds: groundIds,
  asARuleGrounds: groundIds,
  /** Notes per ground; at most one per ground. */
  notes: z
    .array(groundNote)
    .max(50, 'Es sind höchstens 50 Anmerkungen möglich.')
    .refine((notes) => new Set(notes.map((n) => n.groundId)).size === notes.length, {
      error: 'Zu jedem Ausschlussgrund ist nur eine Anmerkung möglich.',
    })
    .optional(),
});

/** Who took the pre-check decision: the office, or the pre-screening committee (Vorprüfungsausschuss). */
export const PRE_CHECK_DECIDERS = ['office', 'pre_screening_committee'] as const;
const decidedBy = z.enum(PRE_CHECK_DECIDERS);

export const takeUpSchema = z.object({
  type: z.literal('takeUp'),
  decidedBy: decidedBy.optional(),
  /** Required when an "as a rule" exclusion ground was found. */
  overrideReasons: text.optional(),
});

export const notTakeUpSchema = z.object({
  type: z.literal('notTakeUp'),
  reasons: text,
  decidedBy: decidedBy.optional(),
});

export const requestStatementSchema = z.object({ type: z.literal('requestStatement'), dueAt: instantSchema });

export const receiveStatementSchema = z.object({
  type: z.literal('receiveStatement'),
  documentId: identifier('Die Kennung des Dokuments').optional(),
});

export const markReadyForSessionSchema = z.object({ type: z.literal('markReadyForSession') });

export const releaseOverdueStatementSchema = z.object({
  type: z.literal('releaseOverdueStatement'),
  reasons: text,
});

export const scheduleForSessionSchema = z.object({
  type: z.literal('scheduleForSession'),
  sessionId: identifier('Die Kennung der Sitzung'),
  sessionDate: instantSchema,
});

export const adjournSchema = z.object({
  type: z.literal('adjourn'),
  sessionId: identifier('Die Kennung der Sitzung'),
  reasons: text.optional(),
});

/** The session module has counted the votes; this carries its outcome "request", with the minuted reasons. */
export const decideHardshipRequestSchema = z.object({
  type: z.literal('decideHardshipRequest'),
  sessionId: identifier('Die Kennung der Sitzung'),
  reasons: text,
});

/** Outcome "no request", optionally with a non-binding recommendation adopted by majority. */
export const decideNoRequestSchema = z.object({
  type: z.literal('decideNoRequest'),
  sessionId: identifier('Die Kennung der Sitzung'),
  recommendation: z.object({ text }).optional(),
});

export const sendRequestSchema = z.object({
  type: z.literal('sendRequest'),
  documentId: identifier('Die Kennung des Dokuments').optional(),
});

export const FEEDBACK_STAGES = ['intended', 'final'] as const;
export const AUTHORITY_DECISIONS = ['grant', 'refuse'] as const;
/** Conditions the authority may attach to a permit (§ 68 AufenthG, secured livelihood). */
export const PERMIT_CONDITIONS = ['livelihood_secured', 'sponsor_declaration'] as const;

export const receiveAuthorityFeedbackSchema = z.object({
  type: z.literal('receiveAuthorityFeedback'),
  stage: z.enum(FEEDBACK_STAGES, {
    error: 'Bitte geben Sie an, ob die Entscheidung beabsichtigt oder getroffen ist.',
  }),
  decision: z.enum(AUTHORITY_DECISIONS, {
    error: 'Bitte geben Sie die Entscheidung der Ausländerbehörde an.',
  }),
  conditions: z
    .array(z.enum(PERMIT_CONDITIONS, { error: 'Unbekannte Bedingung.' }))
    .max(10)
    .optional(),
  reasons: text.optional(),
  /** The day the authority decided (YYYY-MM-DD); required for the final decision (a guard). */
  decidedOn: z.iso
    .date({ error: 'Bitte geben Sie das Datum der Entscheidung im Format JJJJ-MM-TT an.' })
    .optional(),
});

export const closeSchema = z.object({ type: z.literal('close') });

export const withdrawSchema = z.object({ type: z.literal('withdraw'), note: text.optional() });

export const SETTLEMENT_GROUNDS = ['other_title_granted', 'left_germany', 'deceased', 'other'] as const;

export const settleOtherwiseSchema = z.object({
  type: z.literal('settleOtherwise'),
  ground: z.enum(SETTLEMENT_GROUNDS, { error: 'Bitte wählen Sie, wie sich das Verfahren erledigt hat.' }),
  note: text.optional(),
});

export const reopenSchema = z.object({ type: z.literal('reopen'), reasons: text });

/** Every command `decide` accepts, discriminated by `type`. */
export const caseCommandSchema = z.discriminatedUnion(
  'type',
  [
    startPreCheckSchema,
    recordExclusionReviewSchema,
    takeUpSchema,
    notTakeUpSchema,
    requestStatementSchema,
    receiveStatementSchema,
    markReadyForSessionSchema,
    releaseOverdueStatementSchema,
    scheduleForSessionSchema,
    adjournSchema,
    decideHardshipRequestSchema,
    decideNoRequestSchema,
    sendRequestSchema,
    receiveAuthorityFeedbackSchema,
    closeSchema,
    withdrawSchema,
    settleOtherwiseSchema,
    reopenSchema,
  ],
  { error: 'Unbekannter Verfahrensschritt.' },
);

export type ReceiveCommand = z.infer<typeof receiveCommandSchema>;
export type CaseCommand = z.infer<typeof caseCommandSchema>;
export type CommandType = CaseCommand['type'];
export type CommandOf<T extends CommandType> = Extract<CaseCommand, { type: T }>;
/** The payload of a command without its `type`; it becomes the data of the event. */
export type CommandData<T extends CommandType> = Omit<CommandOf<T>, 'type'>;

/** All command types, in procedure order. */
export const COMMAND_TYPES: readonly CommandType[] = caseCommandSchema.options.map((o) => o.shape.type.value);
