/**
 * The states of a case (Fall) in the hardship procedure, and what each means for the inbox.
 *
 * Decisions (see README.md in this folder):
 * - `not_taken_up` is terminal itself: the notice of not taking up goes to the applicant and the
 *   authority and ends the procedure, so no separate closing step follows.
 * - A non-binding recommendation is data on `no_request` (snapshot field `recommendation`), not a state.
 * - Terminal states are left only through the `reopen` command.
 */
export const CASE_STATES = [
  'received',
  'pre_check',
  'not_taken_up',
  'taken_up',
  'statement_requested',
  'statement_received',
  'ready_for_session',
  'scheduled',
  'adjourned',
  'hardship_request',
  'no_request',
  'request_sent',
  'authority_feedback',
  'closed',
  'withdrawn',
  'settled_otherwise',
] as const;

export type CaseState = (typeof CASE_STATES)[number];

/** Whose move it is in a state; `null` for terminal states. */
export type AwaitedParty = 'office' | 'authority' | 'commission' | null;

interface StateInfo {
  readonly terminal: boolean;
  readonly awaiting: AwaitedParty;
}

/** Per state: terminal or not, and who is expected to act next. */
export const STATE_INFO: { readonly [S in CaseState]: StateInfo } = {
  received: { terminal: false, awaiting: 'office' },
  pre_check: { terminal: false, awaiting: 'office' },
  not_taken_up: { terminal: true, awaiting: null },
  taken_up: { terminal: false, awaiting: 'office' },
  statement_requested: { terminal: false, awaiting: 'authority' },
  statement_received: { terminal: false, awaiting: 'office' },
  ready_for_session: { terminal: false, awaiting: 'office' },
  scheduled: { terminal: false, awaiting: 'commission' },
  adjourned: { terminal: false, awaiting: 'office' },
  hardship_request: { terminal: false, awaiting: 'office' },
  no_request: { terminal: false, awaiting: 'office' },
  request_sent: { terminal: false, awaiting: 'authority' },
  authority_feedback: { terminal: false, awaiting: 'office' },
  closed: { terminal: true, awaiting: null },
  withdrawn: { terminal: true, awaiting: null },
  settled_otherwise: { terminal: true, awaiting: null },
};

/** States that end the procedure (left only by `reopen`). */
export const TERMINAL_STATES: readonly CaseState[] = CASE_STATES.filter((s) => STATE_INFO[s].terminal);

/** States of a running procedure. */
export const NON_TERMINAL_STATES: readonly CaseState[] = CASE_STATES.filter((s) => !STATE_INFO[s].terminal);

/** States in which the office has the next step: the office inbox ("offen"). */
export const OFFICE_INBOX_STATES: readonly CaseState[] = CASE_STATES.filter(
  (s) => STATE_INFO[s].awaiting === 'office',
);

/** True if the state ends the procedure. */
export function isTerminal(state: CaseState): boolean {
  return STATE_INFO[state].terminal;
}

/** True if the value is one of the case states. */
export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value);
}
