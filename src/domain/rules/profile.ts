/**
 * The procedure profile: everything in which the Länder differ (who may apply, quorum, majority,
 * deadlines, exclusion grounds …) as validated data. NRW is the default profile
 * (content/profiles/nrw.json); another Land is another file, not a fork of the code.
 */
import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { fail, ok, type Result } from './result.ts';

const isoDate = z
  .string()
  .refine(isIsoDate, { message: 'Erwartet ein gültiges Datum im Format JJJJ-MM-TT.' });
const text = z.string().trim().min(1);
const positiveInt = z.int().min(1);

const fraction = {
  numerator: positiveInt,
  denominator: positiveInt,
};

/** Quorum: how many seated members must be present for the commission to decide. */
export const quorumRuleSchema = z.discriminatedUnion('kind', [
  /** At least numerator/denominator of the seated members (NRW: 1/2). */
  z.strictObject({ kind: z.literal('fraction_of_members'), ...fraction }),
  /** At least a fixed number of members. */
  z.strictObject({ kind: z.literal('absolute_count'), count: positiveInt }),
]);
export type QuorumRule = z.infer<typeof quorumRuleSchema>;

/** Majority: how many yes votes a decision needs. Abstentions always count as present. */
export const majorityRuleSchema = z.discriminatedUnion('kind', [
  /** More than half of those present; a tie is no decision (NRW). */
  z.strictObject({ kind: z.literal('simple_of_present') }),
  /** At least numerator/denominator of those present (e.g. 2/3 in BY, BE, ST, RP, TH). */
  z.strictObject({ kind: z.literal('fraction_of_present'), ...fraction }),
  /** At least numerator/denominator of all seated members, present or not. */
  z.strictObject({ kind: z.literal('fraction_of_members'), ...fraction }),
  /** Every member present votes yes (HH). */
  z.strictObject({ kind: z.literal('unanimous_present') }),
  /** A fixed number of yes votes (SN: 6 of 9). */
  z.strictObject({ kind: z.literal('absolute_count'), count: positiveInt }),
]);
export type MajorityRule = z.infer<typeof majorityRuleSchema>;

export const exclusionSeveritySchema = z.enum(['mandatory', 'as_a_rule']);
export type ExclusionSeverity = z.infer<typeof exclusionSeveritySchema>;

/** One exclusion ground (Ausschlussgrund) of the versioned catalogue. */
export const exclusionGroundSchema = z.strictObject({
  /** Stable across catalogue versions; findings refer to it. */
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, {
    message: 'Erwartet eine Kennung aus Kleinbuchstaben, Ziffern und „_“, beginnend mit einem Buchstaben.',
  }),
  severity: exclusionSeveritySchema,
  legalReference: text,
  title: text,
  /** Plain-language German for applicants. */
  explanation: text,
  /** As-a-rule grounds may be overridden by the commission with recorded reasons; mandatory ones never. */
  overridable: z.boolean(),
});
export type ExclusionGround = z.infer<typeof exclusionGroundSchema>;

export const exclusionCatalogueSchema = z.strictObject({
  version: text,
  validFrom: isoDate,
  grounds: z.array(exclusionGroundSchema).min(1),
});
export type ExclusionCatalogue = z.infer<typeof exclusionCatalogueSchema>;

/** How a case can end; retention periods are set per outcome. */
export const caseOutcomeSchema = z.enum([
  'hardship_request',
  'no_request',
  'not_taken_up',
  'withdrawn',
  'settled_otherwise',
]);
export type CaseOutcome = z.infer<typeof caseOutcomeSchema>;

const retentionMonths = z.int().min(1).max(600);

export const procedureProfileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, {
      message: 'Erwartet eine Kennung aus Kleinbuchstaben, Ziffern und „-“, beginnend mit einem Buchstaben.',
    }),
    land: z.strictObject({
      name: text,
      code: z.string().regex(/^[A-Z]{2}$/, { message: 'Erwartet ein Länderkürzel aus zwei Großbuchstaben.' }),
    }),
    version: text,
    validFrom: isoDate,
    legalBases: z
      .array(
        z.strictObject({
          title: text,
          url: z.url({ protocol: /^https$/, message: 'Erwartet eine https-Adresse.' }),
        }),
      )
      .min(1),
    application: z.strictObject({
      /** True where applicants may write to the commission themselves (NRW, NI, SH). */
      directApplicationAllowed: z.boolean(),
    }),
    commission: z.strictObject({
      minMembers: positiveInt,
      maxMembers: positiveInt,
      /**
       * Members of the optional pre-screening committee besides the chair (NRW: two, § 3 HFKVO);
       * 0 where the Land provides none.
       */
      preScreeningCommitteeMembers: z.number().int().min(0).max(5),
    }),
    quorum: quorumRuleSchema,
    hardshipRequestMajority: majorityRuleSchema,
    recommendation: z.strictObject({
      /** Whether, without a request, the commission may give a non-binding recommendation by simple majority. */
      allowedWithoutRequest: z.boolean(),
    }),
    permitDecidedBy: z.enum(['immigration_authority', 'ministry']),
    sessionCadence: z.strictObject({
      maxDaysBetweenSessions: z.strictObject({
        withoutPreScreeningCommittee: positiveInt,
        withPreScreeningCommittee: positiveInt,
      }),
    }),
    deadlines: z.strictObject({
      /** Calendar days the immigration authority has for its statement. */
      statementDueDays: positiveInt,
      /** Days before the due date on which the reminder goes out. */
      statementReminderDaysBefore: positiveInt,
      /** Default deadline in calendar days for documents requested from the applicant. */
      documentRequestDays: positiveInt,
    }),
    deportationDeferredDuringProcedure: z.boolean(),
    retention: z.strictObject({
      /** True while the periods are a proposal that the office still has to confirm. */
      toBeConfirmedByOffice: z.boolean(),
      note: text,
      monthsByOutcome: z.strictObject({
        hardship_request: retentionMonths,
        no_request: retentionMonths,
        not_taken_up: retentionMonths,
        withdrawn: retentionMonths,
        settled_otherwise: retentionMonths,
      }),
    }),
    exclusionGrounds: exclusionCatalogueSchema,
  })
  .superRefine((p, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    const { minMembers, maxMembers } = p.commission;
    if (minMembers > maxMembers) {
      issue(['commission', 'minMembers'], 'Die Mindestzahl der Mitglieder ist größer als die Höchstzahl.');
    }
    if (p.quorum.kind === 'fraction_of_members' && p.quorum.numerator > p.quorum.denominator) {
      issue(['quorum', 'numerator'], 'Der Bruchteil darf nicht größer als 1 sein.');
    }
    if (p.quorum.kind === 'absolute_count' && p.quorum.count > minMembers) {
      issue(
        ['quorum', 'count'],
        'Die Beschlussfähigkeit verlangt mehr Anwesende, als die Kommission mindestens Mitglieder hat.',
      );
    }
    const m = p.hardshipRequestMajority;
    if (m.kind === 'fraction_of_present' || m.kind === 'fraction_of_members') {
      // Above one half, so that a request always also has a simple majority.
      if (2 * m.numerator <= m.denominator || m.numerator > m.denominator) {
        issue(
          ['hardshipRequestMajority', 'numerator'],
          'Eine Mehrheit muss mehr als die Hälfte und höchstens alle Stimmen verlangen.',
        );
      }
    }
    if (m.kind === 'absolute_count' && (m.count > minMembers || 2 * m.count <= maxMembers)) {
      issue(
        ['hardshipRequestMajority', 'count'],
        'Die feste Stimmenzahl muss mehr als die Hälfte der Höchstzahl und höchstens die Mindestzahl der Mitglieder sein.',
      );
    }
    if (p.deadlines.statementReminderDaysBefore >= p.deadlines.statementDueDays) {
      issue(
        ['deadlines', 'statementReminderDaysBefore'],
        'Die Erinnerung muss nach der Anforderung und vor dem Fristablauf liegen.',
      );
    }
    const seen = new Set<string>();
    p.exclusionGrounds.grounds.forEach((g, i) => {
      if (seen.has(g.id)) {
        issue(['exclusionGrounds', 'grounds', i, 'id'], `Die Kennung „${g.id}“ ist doppelt vergeben.`);
      }
      seen.add(g.id);
      if (g.severity === 'mandatory' && g.overridable) {
        issue(
          ['exclusionGrounds', 'grounds', i, 'overridable'],
          'Bei einem zwingenden Ausschlussgrund ist keine Ausnahme möglich (overridable muss false sein).',
        );
      }
    });
  });

/** A validated procedure profile (Verfahrensprofil) of one Land. */
export type ProcedureProfile = z.infer<typeof procedureProfileSchema>;

const typeNames: Record<string, string> = {
  string: 'Text',
  number: 'Zahl',
  int: 'ganze Zahl',
  boolean: 'Wahrheitswert (true/false)',
  array: 'Liste',
  object: 'Objekt',
  null: 'null',
};

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(Profil)';
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`))
    .join('');
}

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeNames[issue.expected] ?? issue.expected;
    case 'invalid_value':
      return `einer der Werte ${issue.values.map((v) => `„${String(v)}“`).join(', ')}`;
    default:
      return 'eine gültige Angabe';
  }
}

function germanMessage(issue: z.core.$ZodIssue): string {
  if (issue.input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') {
    return `Angabe fehlt (erwartet: ${expectation(issue)}).`;
  }
  switch (issue.code) {
    case 'invalid_type':
      return `Falscher Typ (erwartet: ${expectation(issue)}).`;
    case 'too_small':
      if (issue.origin === 'string') return 'Darf nicht leer sein.';
      if (issue.origin === 'array') return `Erwartet mindestens ${issue.minimum} Einträge.`;
      return `Muss mindestens ${issue.minimum} sein.`;
    case 'too_big':
      if (issue.origin === 'array') return `Erwartet höchstens ${issue.maximum} Einträge.`;
      return `Darf höchstens ${issue.maximum} sein.`;
    case 'invalid_value':
      return `Unzulässiger Wert (erwartet: ${expectation(issue)}).`;
    case 'unrecognized_keys':
      return `Unbekannte Angabe: ${issue.keys.map((k) => `„${k}“`).join(', ')}.`;
    case 'invalid_union':
      return 'Unbekannte Art (kind) oder ungültige Angaben für diese Art.';
    case 'invalid_format':
      // Formats in this schema carry German messages; zod's English default starts with "Invalid".
      return issue.message.startsWith('Invalid') ? 'Ungültiges Format.' : issue.message;
    case 'custom':
      return issue.message;
    default:
      return 'Ungültiger Wert.';
  }
}

/** Turns zod issues into German messages of the form „pfad: Meldung“. */
export function germanIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    return `${formatPath(issue.path)}: ${germanMessage(issue)}`;
  });
}

/** Validates raw JSON as a procedure profile; returns the profile or German messages naming each path. */
export function parseProfile(json: unknown): Result<ProcedureProfile> {
  // reportInput lets the messages tell a missing entry from one of the wrong type.
  const parsed = procedureProfileSchema.safeParse(json, { reportInput: true });
  return parsed.success ? ok(parsed.data) : fail(germanIssues(parsed.error.issues));
}

/** Finds a ground of the profile's catalogue by its id. */
export function findExclusionGround(catalogue: ExclusionCatalogue, id: string): ExclusionGround | undefined {
  return catalogue.grounds.find((g) => g.id === id);
}
