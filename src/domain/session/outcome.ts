/**
 * Vote outcome on a case in a session. Abstentions count as present: the majority rules of the
 * profile refer to the members present (NRW: "Stimmenmehrheit der in der Sitzung anwesenden
 * Mitglieder", § 6 Abs. 3 HFKVO), so an abstention — like a present voter who casts no vote —
 * has the effect of a no vote. Under a simple majority a tie is therefore no request.
 */
import type { MajorityRule, ProcedureProfile } from '../rules/profile.ts';
import { fail, ok, type Result } from '../rules/result.ts';
import type { Quorum } from './quorum.ts';

export type VoteChoice = 'yes' | 'no' | 'abstain';

export interface Vote {
  voterId: string;
  choice: VoteChoice;
}

/** The counts for the minutes; `notCast` are present voters without a recorded vote. */
export interface VoteCounts {
  yes: number;
  no: number;
  abstain: number;
  notCast: number;
  present: number;
  seated: number;
}

export interface VoteOutcome {
  result: 'hardship_request' | 'no_request';
  counts: VoteCounts;
  /** Yes votes the rule required in this session, and the rule itself, for the minutes. */
  threshold: { requiredYes: number; rule: MajorityRule };
}

export interface RecommendationOutcome {
  result: 'recommendation' | 'no_recommendation';
  counts: VoteCounts;
  threshold: { requiredYes: number; rule: MajorityRule };
}

const SIMPLE_MAJORITY: MajorityRule = { kind: 'simple_of_present' };

/** Yes votes a rule requires, given those present and the seated members; never less than one. */
export function requiredYesVotes(rule: MajorityRule, present: number, seated: number): number {
  const ceilFraction = (base: number, n: number, d: number) => Math.ceil((base * n) / d);
  switch (rule.kind) {
    case 'simple_of_present':
      // More than half: 3 of 5, 3 of 4 (so 2:2 is a tie and no request).
      return Math.floor(present / 2) + 1;
    case 'fraction_of_present':
      return Math.max(1, ceilFraction(present, rule.numerator, rule.denominator));
    case 'fraction_of_members':
      return Math.max(1, ceilFraction(seated, rule.numerator, rule.denominator));
    case 'unanimous_present':
      return Math.max(1, present);
    case 'absolute_count':
      return rule.count;
  }
}

/** The refusal of any vote in a session without quorum. */
function quorumMissing(quorum: Quorum): string {
  return `Die Kommission ist nicht beschlussfähig: ${quorum.present} von mindestens ${quorum.required} erforderlichen Mitgliedern anwesend.`;
}

/** Counts votes after refusing those from absent persons, double votes and more votes than present. */
export function tallyVotes(votes: readonly Vote[], quorum: Quorum): Result<VoteCounts> {
  const errors: string[] = [];
  if (!quorum.quorate) errors.push(quorumMissing(quorum));
  const entitled = new Set(quorum.voterIds);
  if (entitled.size !== quorum.present || quorum.present !== quorum.voterIds.length) {
    errors.push('Die Anwesenheitsliste ist widersprüchlich (Anzahl und Personen stimmen nicht überein).');
  }
  if (votes.length > quorum.present) {
    errors.push(
      `Es sind ${votes.length} Stimmen erfasst, aber nur ${quorum.present} Stimmberechtigte anwesend.`,
    );
  }
  const voted = new Set<string>();
  const counts = { yes: 0, no: 0, abstain: 0 };
  for (const vote of votes) {
    if (!entitled.has(vote.voterId)) {
      errors.push(
        `„${vote.voterId}“ ist nicht als stimmberechtigt anwesend erfasst; die Stimme ist unzulässig.`,
      );
      continue;
    }
    if (voted.has(vote.voterId)) {
      errors.push(`„${vote.voterId}“ hat mehr als einmal abgestimmt.`);
      continue;
    }
    voted.add(vote.voterId);
    if (vote.choice !== 'yes' && vote.choice !== 'no' && vote.choice !== 'abstain') {
      errors.push(`Unbekannte Stimme „${String(vote.choice)}“ von „${vote.voterId}“.`);
      continue;
    }
    counts[vote.choice] += 1;
  }
  if (errors.length > 0) return fail(errors);
  return ok({
    ...counts,
    notCast: quorum.present - voted.size,
    present: quorum.present,
    seated: quorum.seated,
  });
}

/**
 * A vote as the office records it: only how many voted yes, no or abstained — never who voted how
 * (§ 6 HFKVO NRW: the votes are confidential).
 */
export interface CountedVotes {
  yes: number;
  no: number;
  abstain: number;
}

const COUNT_NAMES: Record<keyof CountedVotes, string> = {
  yes: 'Ja-Stimmen',
  no: 'Nein-Stimmen',
  abstain: 'Enthaltungen',
};

/** Checks recorded counts: a quorate session, whole numbers from 0, and not more votes than persons entitled to vote. */
export function tallyCounts(votes: CountedVotes, quorum: Quorum): Result<VoteCounts> {
  const errors: string[] = [];
  if (!quorum.quorate) errors.push(quorumMissing(quorum));
  for (const key of ['yes', 'no', 'abstain'] as const) {
    const n = votes[key];
    if (!Number.isSafeInteger(n) || n < 0) {
      errors.push(`Die Zahl der ${COUNT_NAMES[key]} muss eine ganze Zahl ab 0 sein.`);
    }
  }
  if (errors.length > 0) return fail(errors);
  const cast = votes.yes + votes.no + votes.abstain;
  if (cast > quorum.present) {
    return fail([`Es sind ${cast} Stimmen erfasst, aber nur ${quorum.present} Stimmberechtigte anwesend.`]);
  }
  return ok({
    yes: votes.yes,
    no: votes.no,
    abstain: votes.abstain,
    notCast: quorum.present - cast,
    present: quorum.present,
    seated: quorum.seated,
  });
}

function requestFrom(counts: VoteCounts, profile: ProcedureProfile): VoteOutcome {
  const rule = profile.hardshipRequestMajority;
  const requiredYes = requiredYesVotes(rule, counts.present, counts.seated);
  return {
    result: counts.yes >= requiredYes ? 'hardship_request' : 'no_request',
    counts,
    threshold: { requiredYes, rule },
  };
}

function recommendationFrom(counts: VoteCounts): RecommendationOutcome {
  const requiredYes = requiredYesVotes(SIMPLE_MAJORITY, counts.present, counts.seated);
  return {
    result: counts.yes >= requiredYes ? 'recommendation' : 'no_recommendation',
    counts,
    threshold: { requiredYes, rule: SIMPLE_MAJORITY },
  };
}

function recommendationRefused(profile: ProcedureProfile): string[] | null {
  return profile.recommendation.allowedWithoutRequest
    ? null
    : [`Das Verfahrensprofil ${profile.land.name} sieht keine Empfehlung ohne Härtefallersuchen vor.`];
}

/** Decides whether the votes make a hardship request under the profile's majority rule. */
export function voteOutcome(
  votes: readonly Vote[],
  quorum: Quorum,
  profile: ProcedureProfile,
): Result<VoteOutcome> {
  const tally = tallyVotes(votes, quorum);
  return tally.ok ? ok(requestFrom(tally.value, profile)) : tally;
}

/** The same decision from recorded counts (the office records how many, not who). */
export function countedVoteOutcome(
  votes: CountedVotes,
  quorum: Quorum,
  profile: ProcedureProfile,
): Result<VoteOutcome> {
  const tally = tallyCounts(votes, quorum);
  return tally.ok ? ok(requestFrom(tally.value, profile)) : tally;
}

/** Decides on a non-binding recommendation after no request: simple majority of those present, if the profile allows it. */
export function recommendationOutcome(
  votes: readonly Vote[],
  quorum: Quorum,
  profile: ProcedureProfile,
): Result<RecommendationOutcome> {
  const refused = recommendationRefused(profile);
  if (refused) return fail(refused);
  const tally = tallyVotes(votes, quorum);
  return tally.ok ? ok(recommendationFrom(tally.value)) : tally;
}

/** The recommendation decided from recorded counts. */
export function countedRecommendationOutcome(
  votes: CountedVotes,
  quorum: Quorum,
  profile: ProcedureProfile,
): Result<RecommendationOutcome> {
  const refused = recommendationRefused(profile);
  if (refused) return fail(refused);
  const tally = tallyCounts(votes, quorum);
  return tally.ok ? ok(recommendationFrom(tally.value)) : tally;
}
