/** Outcomes from recorded counts (the office records how many, never who): quorum and majority under both profiles. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadNrw, loadTwoThirds } from '../../../test/fixtures/profiles/load.ts';
import type { ProcedureProfile } from '../rules/profile.ts';
import {
  type CountedVotes,
  countedRecommendationOutcome,
  countedVoteOutcome,
  tallyCounts,
  voteOutcome,
} from './outcome.ts';
import { checkQuorum, type Quorum } from './quorum.ts';

const nrw = loadNrw();
const landX = loadTwoThirds();

/** `seated` seats, the first `present` members there. */
function quorum(seated: number, present: number, profile: ProcedureProfile): Quorum {
  const r = checkQuorum(
    Array.from({ length: seated }, (_, i) => ({ memberId: `m${i}`, memberPresent: i < present })),
    profile,
  );
  assert.ok(r.ok);
  return r.value;
}

const votes = (yes: number, no: number, abstain = 0): CountedVotes => ({ yes, no, abstain });

function result(v: CountedVotes, seated: number, present: number, profile: ProcedureProfile) {
  const r = countedVoteOutcome(v, quorum(seated, present, profile), profile);
  assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
  return r.value;
}

function refusal(v: CountedVotes, q: Quorum, profile: ProcedureProfile = nrw): string {
  const r = countedVoteOutcome(v, q, profile);
  assert.equal(r.ok, false, 'must be refused');
  return r.ok ? '' : r.errors.join('\n');
}

describe('quorum before a vote', () => {
  it('NRW: half of the seated members is enough, one less is not', () => {
    assert.equal(quorum(10, 5, nrw).quorate, true);
    assert.equal(quorum(10, 4, nrw).quorate, false);
    assert.equal(quorum(7, 4, nrw).quorate, true, '7 seats need 4 (half rounded up)');
    assert.equal(quorum(7, 3, nrw).quorate, false);
  });

  it('two-thirds profile: two thirds of the seated members, rounded up', () => {
    assert.equal(quorum(7, 5, landX).quorate, true);
    assert.equal(quorum(7, 4, landX).quorate, false, 'quorate in NRW, not here');
    assert.equal(quorum(12, 8, landX).quorate, true);
    assert.equal(quorum(12, 7, landX).quorate, false);
  });

  it('no vote is counted without quorum, in either profile', () => {
    assert.match(refusal(votes(4, 0), quorum(10, 4, nrw)), /nicht beschlussfähig: 4 von mindestens 5/);
    assert.match(
      refusal(votes(4, 0), quorum(7, 4, landX), landX),
      /nicht beschlussfähig: 4 von mindestens 5/,
    );
  });
});

describe('NRW: simple majority of the members present', () => {
  it('3 yes, 2 no of 5 present: request; 3 were needed', () => {
    const o = result(votes(3, 2), 10, 5, nrw);
    assert.equal(o.result, 'hardship_request');
    assert.equal(o.threshold.requiredYes, 3);
    assert.deepEqual(o.counts, { yes: 3, no: 2, abstain: 0, notCast: 0, present: 5, seated: 10 });
  });

  it('a tie is no request', () => {
    assert.equal(result(votes(2, 2), 8, 4, nrw).result, 'no_request');
    assert.equal(result(votes(3, 3), 10, 6, nrw).result, 'no_request');
  });

  it('abstentions and present members who cast no vote count as present (like a no)', () => {
    // 6 present need 4 yes: 3 yes, 1 no, 2 abstentions is no request.
    assert.equal(result(votes(3, 1, 2), 10, 6, nrw).result, 'no_request');
    const o = result(votes(3, 0), 10, 6, nrw);
    assert.equal(o.counts.notCast, 3);
    assert.equal(o.result, 'no_request');
    assert.equal(result(votes(4, 0), 10, 6, nrw).result, 'hardship_request');
  });

  it('the smallest quorate session: 4 of 7, 3 yes requests, 2 does not', () => {
    assert.equal(result(votes(3, 1), 7, 4, nrw).result, 'hardship_request');
    assert.equal(result(votes(2, 1, 1), 7, 4, nrw).result, 'no_request');
  });
});

describe('two-thirds profile: two thirds of the members present', () => {
  it('the same 3:2 is no request there (4 of 5 needed)', () => {
    const o = result(votes(3, 2), 7, 5, landX);
    assert.equal(o.result, 'no_request');
    assert.equal(o.threshold.requiredYes, 4);
    assert.equal(result(votes(3, 2), 7, 5, nrw).result, 'hardship_request');
  });

  it('exactly two thirds is enough: 4 of 6, 6 of 9', () => {
    assert.equal(result(votes(4, 2), 9, 6, landX).result, 'hardship_request');
    assert.equal(result(votes(6, 3), 9, 9, landX).result, 'hardship_request');
    assert.equal(result(votes(5, 4), 9, 9, landX).result, 'no_request');
  });

  it('gives no recommendation at all', () => {
    const r = countedRecommendationOutcome(votes(5, 0), quorum(7, 5, landX), landX);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.errors.join(), /keine Empfehlung/);
  });
});

describe('counts that cannot be', () => {
  const q = quorum(10, 5, nrw);
  it('more votes than persons entitled to vote', () => {
    assert.match(refusal(votes(3, 2, 1), q), /6 Stimmen.*nur 5/);
  });
  it('negative or fractional numbers', () => {
    assert.match(refusal(votes(-1, 2), q), /Ja-Stimmen muss eine ganze Zahl ab 0/);
    assert.match(refusal(votes(1, 1.5), q), /Nein-Stimmen/);
    assert.match(refusal(votes(1, 1, Number.NaN), q), /Enthaltungen/);
  });
  it('zero votes cast is a valid (failed) vote', () => {
    const r = tallyCounts(votes(0, 0), q);
    assert.ok(r.ok);
    assert.equal(r.value.notCast, 5);
  });
});

describe('recommendation from counts (NRW)', () => {
  it('simple majority of those present recommends; a tie does not', () => {
    const q = quorum(10, 5, nrw);
    const yes = countedRecommendationOutcome(votes(3, 1, 1), q, nrw);
    assert.ok(yes.ok);
    assert.equal(yes.value.result, 'recommendation');
    const tie = countedRecommendationOutcome(votes(2, 2, 1), q, nrw);
    assert.ok(tie.ok);
    assert.equal(tie.value.result, 'no_recommendation');
  });
});

describe('counts agree with individual votes', () => {
  it('the outcome from counts equals the outcome from the same ballots, in both profiles', () => {
    const session = fc.integer({ min: 7, max: 10 }).chain((seated) =>
      fc.record({
        seated: fc.constant(seated),
        choices: fc.array(fc.constantFrom('yes', 'no', 'abstain', 'none' as const), {
          minLength: Math.ceil((seated * 2) / 3),
          maxLength: seated,
        }),
      }),
    );
    fc.assert(
      fc.property(session, ({ seated, choices }) => {
        for (const profile of [nrw, landX]) {
          const q = quorum(seated, choices.length, profile);
          const ballots = choices.flatMap((choice, i) =>
            choice === 'none' ? [] : [{ voterId: `m${i}`, choice }],
          );
          const counted = votes(
            choices.filter((c) => c === 'yes').length,
            choices.filter((c) => c === 'no').length,
            choices.filter((c) => c === 'abstain').length,
          );
          assert.deepEqual(countedVoteOutcome(counted, q, profile), voteOutcome(ballots, q, profile));
        }
      }),
    );
  });
});
