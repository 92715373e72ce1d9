/**
 * The applicant's statement per evidence item: provided, to follow, or not available (with a
 * reason). Statuses are kept by item id; statuses of items no longer on the list are ignored (and
 * come back into effect if the item returns). Whether a "provided" item really has an uploaded file
 * is for the upload layer to check.
 */
import { z } from 'zod';
import { ErrorCollector, joinPath, type Validated } from '../application/errors.ts';
import { parseChoice } from '../application/person.ts';
import { optionalDraftString, own } from '../application/shape.ts';
import { parseRequiredLongText, TEXT_LIMITS } from '../application/text.ts';
import type { EvidenceItem } from './checklist.ts';

export const EVIDENCE_STATUSES = ['provided', 'to_follow', 'not_available'] as const;
export type EvidenceStatusKind = (typeof EVIDENCE_STATUSES)[number];

export type EvidenceStatus =
  | { status: 'provided' | 'to_follow'; reason: null }
  | { status: 'not_available'; reason: string };

/** One status as posted. */
export const evidenceStatusDraftSchema = z.object(
  { status: optionalDraftString, reason: optionalDraftString },
  { error: 'Bitte geben Sie an, ob der Nachweis vorliegt.' },
);
export type EvidenceStatusDraft = z.infer<typeof evidenceStatusDraftSchema>;

/** All statuses of a draft, keyed by item id. */
export const evidenceStatusesDraftSchema = z.record(
  z.string().max(300, 'Unbekannter Nachweis.'),
  evidenceStatusDraftSchema,
  { error: 'Bitte geben Sie die Angaben zu den Nachweisen an.' },
);
export type EvidenceStatusesDraft = z.infer<typeof evidenceStatusesDraftSchema>;

const STATUS_MESSAGE =
  'Bitte geben Sie an, ob der Nachweis vorliegt, nachgereicht wird oder nicht vorhanden ist.';

/** Validates one status (paths `status` and `reason`). */
export function validateEvidenceStatus(draft: EvidenceStatusDraft | undefined): Validated<EvidenceStatus> {
  const c = new ErrorCollector();
  const status = c.take('status', parseChoice(EVIDENCE_STATUSES, draft?.status, STATUS_MESSAGE));
  if (status === null) return { ok: false, errors: c.errors };
  if (status !== 'not_available') return { ok: true, value: { status, reason: null } };
  const reason = c.take(
    'reason',
    parseRequiredLongText(draft?.reason, {
      label: { nominative: 'die Begründung', accusative: 'die Begründung' },
      max: TEXT_LIMITS.shortText,
      emptyMessage: 'Bitte geben Sie an, warum der Nachweis nicht vorhanden ist.',
    }),
  );
  if (reason === null) return { ok: false, errors: c.errors };
  return { ok: true, value: { status, reason } };
}

/**
 * Validates the statuses of a checklist (paths `<itemId>.status`, `<itemId>.reason`): every item that
 * is always required or required by an answer needs one; optional items only if a status was given.
 */
export function validateEvidenceStatuses(
  checklist: readonly EvidenceItem[],
  statuses: EvidenceStatusesDraft | undefined,
): Validated<Record<string, EvidenceStatus>> {
  const c = new ErrorCollector();
  const out: Record<string, EvidenceStatus> = {};
  for (const item of checklist) {
    const draft = own(statuses, item.id);
    const given = draft !== undefined && (draft.status ?? '') !== '';
    if (!given && item.requirement === 'optional') continue;
    const r = validateEvidenceStatus(draft);
    if (r.ok) out[item.id] = r.value;
    else c.addAll(item.id, r.errors);
  }
  return c.ok ? { ok: true, value: out } : { ok: false, errors: c.errors };
}

export type EvidenceProgress = {
  total: number;
  /** Items that are always required or required by an answer. */
  required: number;
  provided: number;
  toFollow: number;
  notAvailable: number;
  /** Items without a valid status. */
  open: number;
  /** Ids of required items without a valid status. */
  requiredOpen: string[];
  /** True when every required item has a valid status. */
  complete: boolean;
};

/** Counts the statuses of a checklist; an invalid status (e.g. no reason) counts as open. */
export function evidenceProgress(
  checklist: readonly EvidenceItem[],
  statuses: EvidenceStatusesDraft | Readonly<Record<string, EvidenceStatus>> | undefined,
): EvidenceProgress {
  const progress: EvidenceProgress = {
    total: checklist.length,
    required: 0,
    provided: 0,
    toFollow: 0,
    notAvailable: 0,
    open: 0,
    requiredOpen: [],
    complete: true,
  };
  for (const item of checklist) {
    const required = item.requirement !== 'optional';
    if (required) progress.required++;
    const draft = own<EvidenceStatusDraft | EvidenceStatus>(statuses, item.id);
    const r =
      draft === undefined
        ? null
        : validateEvidenceStatus({ status: draft.status, reason: draft.reason ?? undefined });
    if (r?.ok) {
      if (r.value.status === 'provided') progress.provided++;
      else if (r.value.status === 'to_follow') progress.toFollow++;
      else progress.notAvailable++;
    } else {
      progress.open++;
      if (required) progress.requiredOpen.push(item.id);
    }
  }
  progress.complete = progress.requiredOpen.length === 0;
  return progress;
}

/** The field path of an item's status in the draft, e.g. `evidence.cv:p1.status`. */
export function evidenceStatusPath(itemId: string, field: 'status' | 'reason' = 'status'): string {
  return joinPath('evidence', itemId, field);
}
