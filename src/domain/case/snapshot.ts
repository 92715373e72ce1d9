import type { Channel } from './commands.ts';
import type { CaseState } from './states.ts';

/** What the exclusion-ground review found, by severity (ids from the versioned catalogue). */
export interface ExclusionReview {
  readonly catalogueVersion: string;
  readonly mandatoryGrounds: readonly string[];
  readonly asARuleGrounds: readonly string[];
  /** The office's note per ground, found or not (what was checked and why). */
  readonly notes?: readonly { readonly groundId: string; readonly note: string }[];
}

/** The authority's latest report on the hardship request. */
export interface AuthorityFeedback {
  readonly stage: 'intended' | 'final';
  readonly decision: 'grant' | 'refuse';
}

/** The current state of one case, folded from its events; `version` counts the events. */
export interface CaseSnapshot {
  readonly id: string;
  readonly state: CaseState;
  readonly version: number;
  readonly channel: Channel;
  readonly receivedAt: string;
  readonly updatedAt: string;
  readonly exclusionReviewDone: boolean;
  readonly exclusionReview: ExclusionReview | null;
  readonly statementDueAt: string | null;
  readonly sessionId: string | null;
  readonly sessionDate: string | null;
  /** Set by a "no request" decision: whether a non-binding recommendation was given. */
  readonly recommendation: boolean | null;
  readonly authorityFeedback: AuthorityFeedback | null;
  readonly reopenCount: number;
}
