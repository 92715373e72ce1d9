/**
 * What a statistic needs of a case: its receipt, its persons' count, the main applicant's
 * nationality, the responsible authority, and the steps of its history that count — each dated by
 * its calendar day in Germany. No names, no texts.
 */
import type { CaseEventType } from '../case/index.ts';
import type { IsoDate } from '../rules/dates.ts';

export type FactKind =
  | 'taken_up'
  | 'not_taken_up'
  | 'hardship_request'
  | 'no_request'
  | 'adjourned'
  | 'authority_decision'
  | 'closed'
  | 'withdrawn'
  | 'settled_otherwise'
  | 'reopened';

/** One counted step of a case. */
export type CaseFact =
  | { readonly kind: Exclude<FactKind, 'no_request' | 'authority_decision'>; readonly on: IsoDate }
  | { readonly kind: 'no_request'; readonly on: IsoDate; readonly recommendation: boolean }
  | {
      readonly kind: 'authority_decision';
      readonly on: IsoDate;
      readonly stage: 'intended' | 'final';
      /** `grant` follows the hardship request, `refuse` does not. */
      readonly followed: boolean;
    };

/** One case as the statistics see it. */
export interface CaseFacts {
  readonly caseId: string;
  /** The day it arrived (the stamp of a letter, fax or e-mail). */
  readonly receivedOn: IsoDate;
  readonly persons: number;
  /** Nationality code of the main applicant (the first person); null if the case names none. */
  readonly nationality: string | null;
  readonly authorityId: string | null;
  /** In the order they happened. */
  readonly facts: readonly CaseFact[];
}

/** The history event types the statistics read. */
export const COUNTED_EVENT_TYPES = [
  'TakenUp',
  'NotTakenUp',
  'HardshipRequestDecided',
  'NoRequestDecided',
  'Adjourned',
  'AuthorityFeedbackReceived',
  'Closed',
  'Withdrawn',
  'SettledOtherwise',
  'Reopened',
] as const satisfies readonly CaseEventType[];

const SIMPLE: Record<string, Exclude<FactKind, 'no_request' | 'authority_decision'>> = {
  TakenUp: 'taken_up',
  NotTakenUp: 'not_taken_up',
  HardshipRequestDecided: 'hardship_request',
  Adjourned: 'adjourned',
  Closed: 'closed',
  Withdrawn: 'withdrawn',
  SettledOtherwise: 'settled_otherwise',
  Reopened: 'reopened',
};

/**
 * The fact of a history event, or null for an event the statistics do not count. `on` is the day
 * that counts: for a session's decision the session day, otherwise the day of the event.
 */
export function factOf(event: {
  type: string;
  on: IsoDate;
  recommendation?: boolean;
  stage?: string | null;
  decision?: string | null;
}): CaseFact | null {
  if (event.type === 'NoRequestDecided')
    return { kind: 'no_request', on: event.on, recommendation: event.recommendation === true };
  if (event.type === 'AuthorityFeedbackReceived') {
    if (event.decision !== 'grant' && event.decision !== 'refuse') return null;
    return {
      kind: 'authority_decision',
      on: event.on,
      stage: event.stage === 'intended' ? 'intended' : 'final',
      followed: event.decision === 'grant',
    };
  }
  const kind = SIMPLE[event.type];
  return kind ? { kind, on: event.on } : null;
}
