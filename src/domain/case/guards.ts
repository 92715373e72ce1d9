/**
 * The rules of the procedure that depend on data. Each guard returns null (allowed) or a refusal.
 * They are pure: time comes in as `context.at`.
 */
import type { Actor } from './actors.ts';
import type { CommandOf, ReceiveCommand } from './commands.ts';
import { type CaseError, refusal } from './errors.ts';
import type { CaseSnapshot } from './snapshot.ts';

/** What a guard knows besides the snapshot and the command. */
export interface GuardContext {
  /** The time of the step, ISO 8601 in UTC. */
  readonly at: string;
  readonly actor: Actor;
}

const isBlank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

const instant = (iso: string): number => Date.parse(iso);

/** Applicants and representatives can only submit online; paper, fax and mail are registered by the office. */
export function receiveGuard(command: ReceiveCommand, context: GuardContext): CaseError | null {
  const selfService = context.actor.role === 'applicant' || context.actor.role === 'representative';
  if (selfService && command.channel !== 'online') return refusal('channel_not_allowed');
  // A stamp date is for what came by post, fax or e-mail; online the moment of receipt is now.
  if (command.receivedAt !== undefined) {
    if (command.channel === 'online' || instant(command.receivedAt) > instant(context.at)) {
      return refusal('received_at_not_allowed');
    }
  }
  return null;
}

/** Taking up needs the exclusion review; mandatory grounds exclude it, "as a rule" grounds need reasons. */
export function takeUpGuard(snapshot: CaseSnapshot, command: CommandOf<'takeUp'>): CaseError | null {
  const review = snapshot.exclusionReview;
  if (!snapshot.exclusionReviewDone || review === null) return refusal('exclusion_review_missing');
  if (review.mandatoryGrounds.length > 0) return refusal('mandatory_exclusion_ground');
  if (review.asARuleGrounds.length > 0 && isBlank(command.overrideReasons)) {
    return refusal('override_reasons_required');
  }
  return null;
}

/** The notice of not taking up must carry reasons. */
export function notTakeUpGuard(_snapshot: CaseSnapshot, command: CommandOf<'notTakeUp'>): CaseError | null {
  return isBlank(command.reasons) ? refusal('not_taken_up_reasons_required') : null;
}

/** The authority's deadline for its statement lies after the request. */
export function requestStatementGuard(
  _snapshot: CaseSnapshot,
  command: CommandOf<'requestStatement'>,
  context: GuardContext,
): CaseError | null {
  return instant(command.dueAt) > instant(context.at) ? null : refusal('statement_due_not_in_future');
}

/** Going to session without the statement: only once the deadline has passed, and with reasons. */
export function releaseOverdueStatementGuard(
  snapshot: CaseSnapshot,
  command: CommandOf<'releaseOverdueStatement'>,
  context: GuardContext,
): CaseError | null {
  const due = snapshot.statementDueAt;
  if (due === null || instant(context.at) <= instant(due)) return refusal('statement_not_overdue');
  return isBlank(command.reasons) ? refusal('release_reasons_required') : null;
}

/** A session outcome must come from the session the case is scheduled for. */
export function sameSessionGuard(
  snapshot: CaseSnapshot,
  command: { readonly sessionId: string },
): CaseError | null {
  return snapshot.sessionId === command.sessionId ? null : refusal('session_mismatch');
}

/** Adjourning is recorded for the session the case is scheduled for. */
export function adjournGuard(snapshot: CaseSnapshot, command: CommandOf<'adjourn'>): CaseError | null {
  return sameSessionGuard(snapshot, command);
}

/** A hardship request needs the reasons that go into the minutes. */
export function hardshipRequestGuard(
  snapshot: CaseSnapshot,
  command: CommandOf<'decideHardshipRequest'>,
): CaseError | null {
  return (
    sameSessionGuard(snapshot, command) ??
    (isBlank(command.reasons) ? refusal('request_reasons_required') : null)
  );
}

/** A recommendation, if given, must have a wording. */
export function noRequestGuard(
  snapshot: CaseSnapshot,
  command: CommandOf<'decideNoRequest'>,
): CaseError | null {
  const recommendation = command.recommendation;
  return (
    sameSessionGuard(snapshot, command) ??
    (recommendation !== undefined && isBlank(recommendation.text)
      ? refusal('recommendation_text_required')
      : null)
  );
}

/**
 * The authority's report on the hardship request (§ 7(3) HFKVO NRW): not following needs reasons; a
 * final refusal needs an announced one first (reported as intended, with reasons), so that the office
 * and the commission can answer before the decision; the final decision carries its day (not in the
 * future) and ends the reporting.
 */
export function authorityFeedbackGuard(
  snapshot: CaseSnapshot,
  command: CommandOf<'receiveAuthorityFeedback'>,
  context: GuardContext,
): CaseError | null {
  const previous = snapshot.authorityFeedback;
  if (previous?.stage === 'final') return refusal('feedback_after_final_decision');
  if (command.decision === 'refuse' && isBlank(command.reasons)) return refusal('refusal_reasons_required');
  if (command.stage !== 'final') return null;
  if (command.decidedOn === undefined) return refusal('decision_date_required');
  // A calendar day in Germany is at most two hours ahead of UTC.
  if (instant(`${command.decidedOn}T00:00:00Z`) > instant(context.at) + 2 * 3600_000) {
    return refusal('decision_date_in_future');
  }
  if (command.decision === 'refuse' && !(previous?.stage === 'intended' && previous.decision === 'refuse')) {
    return refusal('refusal_not_announced');
  }
  return null;
}

/** "Settled otherwise" for another reason must say which. */
export function settleOtherwiseGuard(
  _snapshot: CaseSnapshot,
  command: CommandOf<'settleOtherwise'>,
): CaseError | null {
  return command.ground === 'other' && isBlank(command.note) ? refusal('settlement_note_required') : null;
}

/** Reopening an ended procedure needs reasons. */
export function reopenGuard(_snapshot: CaseSnapshot, command: CommandOf<'reopen'>): CaseError | null {
  return isBlank(command.reasons) ? refusal('reopen_reasons_required') : null;
}
