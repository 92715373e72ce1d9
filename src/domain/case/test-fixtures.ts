/**
 * Shared fixtures for the tests of this module (pure, no test framework): actors, a clock in data,
 * and a real path through the procedure to every state.
 */
import type { Actor } from './actors.ts';
import type { CaseCommand, Channel } from './commands.ts';
import { decide, evolve, initialSnapshot, receive } from './decide.ts';
import type { CaseSnapshot } from './snapshot.ts';
import type { CaseState } from './states.ts';

export const T0 = '2026-01-05T09:00:00.000Z';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** T0 plus an offset in milliseconds, as ISO string. */
export const after = (ms: number): string => new Date(Date.parse(T0) + ms).toISOString();

export const STATEMENT_DUE = after(30 * DAY);
export const SESSION = 's-2026-02';

export const actors = {
  applicant: { role: 'applicant', id: 'app-1' },
  representative: { role: 'representative', id: 'rep-1' },
  clerk: { role: 'office_clerk', id: 'gs-1' },
  head: { role: 'office_head', id: 'gs-head' },
  admin: { role: 'admin', id: 'admin-1' },
  member: { role: 'member', id: 'hfk-1' },
  authority: { role: 'authority', id: 'abh-koeln' },
  system: { role: 'system', id: 'session-module' },
} as const satisfies Record<string, Actor>;

type Step = readonly [CaseCommand, Actor];

const toPreCheck: Step[] = [[{ type: 'startPreCheck' }, actors.clerk]];
const toReviewed: Step[] = [
  ...toPreCheck,
  [
    { type: 'recordExclusionReview', catalogueVersion: 'nrw-2020', mandatoryGrounds: [], asARuleGrounds: [] },
    actors.clerk,
  ],
];
const toTakenUp: Step[] = [...toReviewed, [{ type: 'takeUp' }, actors.head]];
const toRequested: Step[] = [
  ...toTakenUp,
  [{ type: 'requestStatement', dueAt: STATEMENT_DUE }, actors.clerk],
];
const toStatement: Step[] = [
  ...toRequested,
  [{ type: 'receiveStatement', documentId: 'doc-1' }, actors.authority],
];
const toReady: Step[] = [...toStatement, [{ type: 'markReadyForSession' }, actors.clerk]];
const toScheduled: Step[] = [
  ...toReady,
  [{ type: 'scheduleForSession', sessionId: SESSION, sessionDate: after(40 * DAY) }, actors.clerk],
];
const toRequest: Step[] = [
  ...toScheduled,
  [{ type: 'decideHardshipRequest', sessionId: SESSION, reasons: 'Nachhaltige Integration.' }, actors.head],
];
const toSent: Step[] = [...toRequest, [{ type: 'sendRequest' }, actors.clerk]];
const toFeedback: Step[] = [
  ...toSent,
  [{ type: 'receiveAuthorityFeedback', stage: 'intended', decision: 'grant' }, actors.authority],
];

/** A real path from `received` to each state. */
export const PATHS: { readonly [S in CaseState]: readonly Step[] } = {
  received: [],
  pre_check: toPreCheck,
  not_taken_up: [...toPreCheck, [{ type: 'notTakeUp', reasons: 'Keine dringenden Gründe.' }, actors.head]],
  taken_up: toTakenUp,
  statement_requested: toRequested,
  statement_received: toStatement,
  ready_for_session: toReady,
  scheduled: toScheduled,
  adjourned: [...toScheduled, [{ type: 'adjourn', sessionId: SESSION }, actors.head]],
  hardship_request: toRequest,
  no_request: [...toScheduled, [{ type: 'decideNoRequest', sessionId: SESSION }, actors.head]],
  request_sent: toSent,
  authority_feedback: toFeedback,
  closed: [...toFeedback, [{ type: 'close' }, actors.clerk]],
  withdrawn: [[{ type: 'withdraw' }, actors.applicant]],
  settled_otherwise: [[{ type: 'settleOtherwise', ground: 'other_title_granted' }, actors.clerk]],
};

/** The path to the state after the exclusion review, for guards that need it. */
export const PATH_REVIEWED: readonly Step[] = toReviewed;

/** A freshly received case (version 1) at T0. */
export function receivedCase(channel: Channel = 'online', caseId = 'HFK-2026-0001'): CaseSnapshot {
  const result = receive({ type: 'receive', caseId, channel }, actors.clerk, T0);
  if (!result.ok || result.events[0] === undefined) throw new Error('fixture: receive failed');
  return initialSnapshot(result.events[0]);
}

/** Runs steps one hour apart; returns the snapshot and the time of the next step. */
export function run(
  steps: readonly Step[],
  start: CaseSnapshot = receivedCase(),
): { snapshot: CaseSnapshot; at: string } {
  let snapshot = start;
  let hour = 1;
  for (const [command, actor] of steps) {
    const result = decide(snapshot, command, actor, after(hour * HOUR));
    if (!result.ok) throw new Error(`fixture: ${command.type} refused: ${result.error.code}`);
    snapshot = result.events.reduce(evolve, snapshot);
    hour += 1;
  }
  return { snapshot, at: after(hour * HOUR) };
}

/** A case in the given state, reached through the real procedure. */
export function caseIn(state: CaseState): { snapshot: CaseSnapshot; at: string } {
  const reached = run(PATHS[state]);
  if (reached.snapshot.state !== state)
    throw new Error(`fixture: reached ${reached.snapshot.state}, not ${state}`);
  return reached;
}

/** Freezes a value deeply, so that a test notices any mutation. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
