/** Public API of the session rules: quorum and vote outcomes. */
export {
  type RecommendationOutcome,
  recommendationOutcome,
  requiredYesVotes,
  tallyVotes,
  type Vote,
  type VoteChoice,
  type VoteCounts,
  type VoteOutcome,
  voteOutcome,
} from './outcome.ts';
export { checkQuorum, type Quorum, requiredForQuorum, type SeatAttendance } from './quorum.ts';
