/**
 * What applicants and representatives are told of their case: a few plain stages, never the
 * internal steps. Between the session and the closing notice they learn only that the commission has
 * deliberated; the outcome reaches them in writing (and from the immigration authority), not here.
 */
import type { CaseState } from './states.ts';

export const APPLICANT_STAGES = [
  'in_review',
  'not_taken_up',
  'preparing',
  'adjourned',
  'session',
  'deliberated',
  'closed',
  'withdrawn',
  'settled_otherwise',
] as const;
export type ApplicantStage = (typeof APPLICANT_STAGES)[number];

const STAGE_OF: { readonly [S in CaseState]: ApplicantStage } = {
  received: 'in_review',
  pre_check: 'in_review',
  not_taken_up: 'not_taken_up',
  taken_up: 'preparing',
  statement_requested: 'preparing',
  statement_received: 'preparing',
  ready_for_session: 'preparing',
  // Not "preparing": the statement is in, and nobody is being asked for it again.
  adjourned: 'adjourned',
  scheduled: 'session',
  hardship_request: 'deliberated',
  no_request: 'deliberated',
  request_sent: 'deliberated',
  authority_feedback: 'deliberated',
  closed: 'closed',
  withdrawn: 'withdrawn',
  settled_otherwise: 'settled_otherwise',
};

/** The stage shown to the applicant for a case state. */
export function applicantStage(state: CaseState): ApplicantStage {
  return STAGE_OF[state];
}
