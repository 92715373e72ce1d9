/**
 * The decision on one case of the agenda, as the office records it in the session: either an
 * adjournment, or a vote (counts only) whose outcome follows from the profile's majority rule, with
 * the reasons of a request and, without a request, an optional non-binding recommendation voted on
 * separately. The recorded decision becomes the case's outcome — through the commands of the case
 * state machine — when the chair approves the minutes.
 */
import { normaliseLongText } from '../application/text.ts';
import { CASE_ERROR_MESSAGES, type CaseCommand } from '../case/index.ts';
import type { MajorityRule, ProcedureProfile } from '../rules/profile.ts';
import type { FieldProblem } from './commission.ts';
import {
  type CountedVotes,
  countedRecommendationOutcome,
  countedVoteOutcome,
  type VoteCounts,
} from './outcome.ts';
import type { Quorum } from './quorum.ts';

const MAX_TEXT = 20_000;

/** The quorum as it stood when the decision was recorded (attendance may change during a session). */
export interface QuorumFacts {
  present: number;
  required: number;
  seated: number;
}

export interface RecommendationRecord {
  text: string;
  votes: VoteCounts;
  requiredYes: number;
  adopted: boolean;
}

/** A recorded decision; only counts, never who voted how. */
export type AgendaDecision =
  | { outcome: 'adjourned'; reasons: string | null; quorum: QuorumFacts }
  | {
      outcome: 'hardship_request' | 'no_request';
      votes: VoteCounts;
      requiredYes: number;
      rule: MajorityRule;
      /** Required for a request (they go into the minutes and the letter to the authority). */
      reasons: string | null;
      recommendation: RecommendationRecord | null;
      quorum: QuorumFacts;
    };

export type AgendaOutcome = AgendaDecision['outcome'];

/** The decision form as typed (every value a string). */
export interface DecisionForm {
  kind: string;
  yes: string;
  no: string;
  abstain: string;
  reasons: string;
  recommendationText: string;
  recommendationYes: string;
  recommendationNo: string;
  recommendationAbstain: string;
}

type Parsed = { ok: true; votes: CountedVotes } | { ok: false; message: string } | { ok: 'empty' };

const NAMES = { yes: 'Ja-Stimmen', no: 'Nein-Stimmen', abstain: 'Enthaltungen' } as const;

/** Three count fields: empty ones count as 0, but not all three may be empty. */
function parseCounts(raw: { yes: string; no: string; abstain: string }): Parsed {
  const values = { yes: 0, no: 0, abstain: 0 };
  let filled = 0;
  for (const key of ['yes', 'no', 'abstain'] as const) {
    const text = raw[key].trim();
    if (text === '') continue;
    filled++;
    if (!/^\d{1,3}$/.test(text)) {
      return {
        ok: false,
        message: `Bitte geben Sie die Zahl der ${NAMES[key]} in Ziffern an (zum Beispiel 3).`,
      };
    }
    values[key] = Number(text);
  }
  return filled === 0 ? { ok: 'empty' } : { ok: true, votes: values };
}

const quorumFacts = (q: Quorum): QuorumFacts => ({
  present: q.present,
  required: q.required,
  seated: q.seated,
});

const text = (raw: string) => normaliseLongText(raw);

/** Checks the form against the attendance and the profile and computes the outcome. */
export function decideAgendaItem(
  form: DecisionForm,
  quorum: Quorum,
  profile: ProcedureProfile,
): { ok: true; value: AgendaDecision } | { ok: false; errors: FieldProblem[] } {
  const errors: FieldProblem[] = [];
  const problem = (field: string, message: string) => errors.push({ field, message });
  const reasons = text(form.reasons);
  if (reasons.length > MAX_TEXT) problem('reasons', 'Die Begründung ist zu lang (höchstens 20.000 Zeichen).');

  if (form.kind === 'adjourn') {
    // No quorum needed: a commission that cannot decide still adjourns its agenda.
    if (errors.length > 0) return { ok: false, errors };
    return {
      ok: true,
      value: { outcome: 'adjourned', reasons: reasons || null, quorum: quorumFacts(quorum) },
    };
  }
  if (form.kind !== 'vote') {
    problem('kind', 'Bitte wählen Sie, ob abgestimmt oder vertagt wurde.');
    return { ok: false, errors };
  }

  const counts = parseCounts(form);
  if (counts.ok === 'empty') {
    problem('votes', 'Bitte tragen Sie ein, wie viele mit Ja, mit Nein und mit Enthaltung gestimmt haben.');
    return { ok: false, errors };
  }
  if (counts.ok === false) {
    problem('votes', counts.message);
    return { ok: false, errors };
  }
  const vote = countedVoteOutcome(counts.votes, quorum, profile);
  if (!vote.ok) {
    for (const message of vote.errors) problem('votes', message);
    return { ok: false, errors };
  }
  const request = vote.value.result === 'hardship_request';
  if (request && reasons === '') problem('reasons', CASE_ERROR_MESSAGES.request_reasons_required);

  const recommendationText = text(form.recommendationText);
  const recommendationCounts = parseCounts({
    yes: form.recommendationYes,
    no: form.recommendationNo,
    abstain: form.recommendationAbstain,
  });
  let recommendation: RecommendationRecord | null = null;
  if (recommendationText !== '' || recommendationCounts.ok !== 'empty') {
    if (!profile.recommendation.allowedWithoutRequest) {
      problem(
        'recommendationText',
        `Das Verfahrensprofil ${profile.land.name} sieht keine Empfehlung ohne Härtefallersuchen vor.`,
      );
    } else if (request) {
      problem(
        'recommendationText',
        'Eine Empfehlung gibt es nur, wenn kein Härtefallersuchen beschlossen ist. Bitte lassen Sie die Felder zur Empfehlung leer.',
      );
    } else if (recommendationText === '') {
      problem('recommendationText', CASE_ERROR_MESSAGES.recommendation_text_required);
    } else if (recommendationText.length > MAX_TEXT) {
      problem('recommendationText', 'Die Empfehlung ist zu lang (höchstens 20.000 Zeichen).');
    } else if (recommendationCounts.ok === 'empty') {
      problem('recommendationVotes', 'Bitte tragen Sie ein, wie über die Empfehlung abgestimmt wurde.');
    } else if (recommendationCounts.ok === false) {
      problem('recommendationVotes', recommendationCounts.message);
    } else {
      const outcome = countedRecommendationOutcome(recommendationCounts.votes, quorum, profile);
      if (!outcome.ok) for (const message of outcome.errors) problem('recommendationVotes', message);
      else
        recommendation = {
          text: recommendationText,
          votes: outcome.value.counts,
          requiredYes: outcome.value.threshold.requiredYes,
          adopted: outcome.value.result === 'recommendation',
        };
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      outcome: vote.value.result,
      votes: vote.value.counts,
      requiredYes: vote.value.threshold.requiredYes,
      rule: vote.value.threshold.rule,
      reasons: reasons || null,
      recommendation,
      quorum: quorumFacts(quorum),
    },
  };
}

/**
 * The case commands that carry an approved decision into the case (in this order): a request is
 * decided and sent to the authority (its letter follows), no request is decided and the procedure
 * closed (the closing notice follows), an adjourned case waits for another session.
 */
export function caseCommandsFor(decision: AgendaDecision, sessionId: string): CaseCommand[] {
  switch (decision.outcome) {
    case 'adjourned':
      return [{ type: 'adjourn', sessionId, ...(decision.reasons ? { reasons: decision.reasons } : {}) }];
    case 'hardship_request':
      return [
        { type: 'decideHardshipRequest', sessionId, reasons: decision.reasons ?? '' },
        { type: 'sendRequest' },
      ];
    case 'no_request':
      return [
        {
          type: 'decideNoRequest',
          sessionId,
          ...(decision.recommendation?.adopted
            ? { recommendation: { text: decision.recommendation.text } }
            : {}),
        },
        { type: 'close' },
      ];
  }
}
