/**
 * THE transition table of the procedure: for each command, the states it is allowed from, the
 * resulting state, the roles allowed, the event it produces and its guard. `decide`, `evolve` and
 * `availableCommands` read only this table.
 */
import { OFFICE_ROLES, type Role } from './actors.ts';
import type { CommandOf, CommandType, ReceiveCommand } from './commands.ts';
import type { CaseError } from './errors.ts';
import {
  adjournGuard,
  authorityFeedbackGuard,
  type GuardContext,
  hardshipRequestGuard,
  noRequestGuard,
  notTakeUpGuard,
  receiveGuard,
  releaseOverdueStatementGuard,
  reopenGuard,
  requestStatementGuard,
  settleOtherwiseGuard,
  takeUpGuard,
} from './guards.ts';
import type { CaseSnapshot } from './snapshot.ts';
import { type CaseState, NON_TERMINAL_STATES, TERMINAL_STATES } from './states.ts';

/** One row of the table. */
export interface Transition<T extends CommandType = CommandType> {
  readonly command: T;
  readonly from: readonly CaseState[];
  readonly to: CaseState;
  readonly roles: readonly Role[];
  readonly event: string;
  /**
   * Method syntax on purpose: the row for `T` is used through `Transition<CommandType>` by `decide`,
   * which calls it only with a command of type `T`.
   */
  guard?(snapshot: CaseSnapshot, command: CommandOf<T>, context: GuardContext): CaseError | null;
}

type TransitionTable = { readonly [T in CommandType]: Transition<T> };

/** Recording session outcomes: the chair or minute-taking office, or the session module itself. */
const SESSION_RECORDERS = [...OFFICE_ROLES, 'system'] as const;

export const transitions = {
  startPreCheck: {
    command: 'startPreCheck',
    from: ['received'],
    to: 'pre_check',
    roles: OFFICE_ROLES,
    event: 'PreCheckStarted',
  },
  recordExclusionReview: {
    command: 'recordExclusionReview',
    from: ['pre_check'],
    to: 'pre_check',
    roles: OFFICE_ROLES,
    event: 'ExclusionReviewRecorded',
  },
  takeUp: {
    command: 'takeUp',
    from: ['pre_check'],
    to: 'taken_up',
    roles: OFFICE_ROLES,
    event: 'TakenUp',
    guard: takeUpGuard,
  },
  notTakeUp: {
    command: 'notTakeUp',
    from: ['pre_check'],
    to: 'not_taken_up',
    roles: OFFICE_ROLES,
    event: 'NotTakenUp',
    guard: notTakeUpGuard,
  },
  requestStatement: {
    command: 'requestStatement',
    from: ['taken_up'],
    to: 'statement_requested',
    roles: OFFICE_ROLES,
    event: 'StatementRequested',
    guard: requestStatementGuard,
  },
  receiveStatement: {
    command: 'receiveStatement',
    from: ['statement_requested'],
    to: 'statement_received',
    roles: ['authority', ...OFFICE_ROLES],
    event: 'StatementReceived',
  },
  markReadyForSession: {
    command: 'markReadyForSession',
    from: ['statement_received'],
    to: 'ready_for_session',
    roles: OFFICE_ROLES,
    event: 'MarkedReadyForSession',
  },
  releaseOverdueStatement: {
    command: 'releaseOverdueStatement',
    from: ['statement_requested'],
    to: 'ready_for_session',
    roles: OFFICE_ROLES,
    event: 'StatementOverdueReleased',
    guard: releaseOverdueStatementGuard,
  },
  scheduleForSession: {
    command: 'scheduleForSession',
    from: ['ready_for_session', 'adjourned'],
    to: 'scheduled',
    roles: OFFICE_ROLES,
    event: 'ScheduledForSession',
  },
  adjourn: {
    command: 'adjourn',
    from: ['scheduled'],
    to: 'adjourned',
    roles: SESSION_RECORDERS,
    event: 'Adjourned',
    guard: adjournGuard,
  },
  decideHardshipRequest: {
    command: 'decideHardshipRequest',
    from: ['scheduled'],
    to: 'hardship_request',
    roles: SESSION_RECORDERS,
    event: 'HardshipRequestDecided',
    guard: hardshipRequestGuard,
  },
  decideNoRequest: {
    command: 'decideNoRequest',
    from: ['scheduled'],
    to: 'no_request',
    roles: SESSION_RECORDERS,
    event: 'NoRequestDecided',
    guard: noRequestGuard,
  },
  sendRequest: {
    command: 'sendRequest',
    from: ['hardship_request'],
    to: 'request_sent',
    roles: OFFICE_ROLES,
    event: 'RequestSent',
  },
  receiveAuthorityFeedback: {
    command: 'receiveAuthorityFeedback',
    // A second report (the final decision after the intended one) stays in authority_feedback.
    from: ['request_sent', 'authority_feedback'],
    to: 'authority_feedback',
    roles: ['authority', ...OFFICE_ROLES],
    event: 'AuthorityFeedbackReceived',
    guard: authorityFeedbackGuard,
  },
  close: {
    command: 'close',
    // From request_sent too: the closing notice tells the applicant to ask the authority for the result.
    from: ['no_request', 'request_sent', 'authority_feedback'],
    to: 'closed',
    roles: OFFICE_ROLES,
    event: 'Closed',
  },
  withdraw: {
    command: 'withdraw',
    from: NON_TERMINAL_STATES,
    to: 'withdrawn',
    roles: ['applicant', 'representative', ...OFFICE_ROLES],
    event: 'Withdrawn',
  },
  settleOtherwise: {
    command: 'settleOtherwise',
    from: NON_TERMINAL_STATES,
    to: 'settled_otherwise',
    roles: OFFICE_ROLES,
    event: 'SettledOtherwise',
    guard: settleOtherwiseGuard,
  },
  reopen: {
    command: 'reopen',
    // The only way out of a terminal state; the case is checked afresh.
    from: TERMINAL_STATES,
    to: 'pre_check',
    roles: ['office_head'],
    event: 'Reopened',
    guard: reopenGuard,
  },
} as const satisfies TransitionTable;

/** The creation step: not in `decide`, but described like a row of the table. */
export const receiveTransition = {
  command: 'receive',
  to: 'received',
  roles: ['applicant', 'representative', ...OFFICE_ROLES],
  event: 'Received',
  guard: receiveGuard,
} as const satisfies {
  readonly command: ReceiveCommand['type'];
  readonly to: CaseState;
  readonly roles: readonly Role[];
  readonly event: string;
  readonly guard: (command: ReceiveCommand, context: GuardContext) => CaseError | null;
};

/** The row for a command type. */
export function transitionFor(type: CommandType): Transition {
  return transitions[type];
}
