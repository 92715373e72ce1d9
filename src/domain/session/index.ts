/** Public API of the session rules: the commission's seats, planning, quorum, votes and decisions. */
export { type SessionCadence, sessionCadence } from './cadence.ts';
export {
  activeOn,
  type Checked,
  checkMembership,
  type FieldProblem,
  germanDay,
  MEMBERSHIP_FUNCTIONS,
  type Membership,
  type MembershipFunction,
  type MembershipInput,
  preScreeningCommitteeOn,
  type Seat,
  seatAttendance,
  seatsOn,
} from './commission.ts';
export {
  type AgendaDecision,
  type AgendaOutcome,
  caseCommandsFor,
  type DecisionForm,
  decideAgendaItem,
  type QuorumFacts,
  type RecommendationRecord,
} from './meeting.ts';
export {
  type CountedVotes,
  countedRecommendationOutcome,
  countedVoteOutcome,
  type RecommendationOutcome,
  recommendationOutcome,
  requiredYesVotes,
  tallyCounts,
  tallyVotes,
  type Vote,
  type VoteChoice,
  type VoteCounts,
  type VoteOutcome,
  voteOutcome,
} from './outcome.ts';
export {
  APPLICATION_CATEGORIES,
  choicesFromForm,
  DEFAULT_PACK_DAYS,
  excerpt,
  invitedTo,
  NEVER_IN_PACK,
  type PackChoice,
  type PackDocument,
  type PackPartKind,
  packAvailable,
  packAvailableThrough,
  packParts,
  STATEMENT_CATEGORY,
  selectableForPack,
} from './pack.ts';
export { checkSessionPlan, type SessionPlan, type SessionPlanForm, sessionDayReached } from './planning.ts';
export { checkQuorum, type Quorum, requiredForQuorum, type SeatAttendance } from './quorum.ts';
