/**
 * Retention of closed cases: which outcome a case ended with, from when its data may be deleted, and
 * whether it may be deleted today. A legal hold (Löschsperre) always wins. Dates are calendar dates in
 * Germany, passed in by the caller; nothing here reads a clock.
 */
import type { CaseState } from '../case/states.ts';
import { addDays, addMonths, compareDates, type IsoDate } from './dates.ts';
import { retentionEndDate } from './deadlines.ts';
import type { CaseOutcome, ProcedureProfile } from './profile.ts';

/**
 * The outcome a step from `from` to `to` gives the case, or null if the step does not end the
 * procedure. A closed case had a hardship request if it was closed after the request was sent.
 */
export function outcomeOfEnding(from: CaseState, to: CaseState): CaseOutcome | null {
  switch (to) {
    case 'not_taken_up':
    case 'withdrawn':
    case 'settled_otherwise':
      return to;
    case 'closed':
      return from === 'request_sent' || from === 'authority_feedback' ? 'hardship_request' : 'no_request';
    default:
      return null;
  }
}

/** When a case's retention began: its outcome and the day its procedure ended. */
export interface RetentionStart {
  readonly outcome: CaseOutcome;
  readonly closedOn: IsoDate;
}

export type DeletionVerdict =
  /** The procedure is still running (or was reopened): nothing is due. */
  | { readonly kind: 'running' }
  | { readonly kind: 'retained'; readonly dueOn: IsoDate }
  /** Due, but a legal hold stops the deletion. */
  | { readonly kind: 'held'; readonly dueOn: IsoDate | null }
  | { readonly kind: 'due'; readonly dueOn: IsoDate };

/** Whether a case may be deleted on `today`: due once the retention period has ended, never under a hold. */
export function deletionVerdict(
  retention: RetentionStart | null,
  holdActive: boolean,
  today: IsoDate,
  profile: ProcedureProfile,
): DeletionVerdict {
  const dueOn = retention ? retentionEndDate(retention.closedOn, retention.outcome, profile) : null;
  if (holdActive) return { kind: 'held', dueOn };
  if (dueOn === null) return { kind: 'running' };
  return compareDates(today, dueOn) >= 0 ? { kind: 'due', dueOn } : { kind: 'retained', dueOn };
}

/**
 * The latest closing date that can be due on `today` under the profile's shortest period: a cheap
 * pre-filter for the database, generous by a few days because adding months clamps to month ends
 * (31 January + 1 month = 28 February). The exact answer is `deletionVerdict`.
 */
export function latestDueClosingDate(today: IsoDate, profile: ProcedureProfile): IsoDate {
  const shortest = Math.min(...Object.values(profile.retention.monthsByOutcome));
  return addDays(addMonths(today, -shortest), 4);
}

/** Longest reason for setting or lifting a hold. */
export const HOLD_REASON_MAX = 2000;

export type HoldReasonError = 'reason_missing' | 'reason_too_long';

/** Checks the reason given for a hold (already normalised text). */
export function checkHoldReason(reason: string): HoldReasonError | null {
  if (reason.trim() === '') return 'reason_missing';
  if (reason.length > HOLD_REASON_MAX) return 'reason_too_long';
  return null;
}
