import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadNrw, loadTwoThirds } from '../../../test/fixtures/profiles/load.ts';
import type { MajorityRule, ProcedureProfile } from '../rules/profile.ts';
import {
  recommendationOutcome,
  requiredYesVotes,
  type Vote,
  type VoteChoice,
  voteOutcome,
} from './outcome.ts';
import { checkQuorum, type Quorum } from './quorum.ts';

const nrw = loadNrw();
const landX = loadTwoThirds();

/** A session with `seated` seats of which the first `present` members attend. */
function session(seated: number, present: number, profile: ProcedureProfile = nrw): Quorum {
  const r = checkQuorum(
    Array.from({ length: seated }, (_, i) => ({ memberId: `m${i + 1}`, memberPresent: i < present })),
    profile,
  );
  assert.ok(r.ok);
  return r.value;
}

/** Votes cast in order by m1, m2, …: first the yes votes, then no, then abstentions. */
function ballots(yes: number, no: number, abstain = 0): Vote[] {
  const choices: VoteChoice[] = [
    ...Array<VoteChoice>(yes).fill('yes'),
    ...Array<VoteChoice>(no).fill('no'),
    ...Array<VoteChoice>(abstain).fill('abstain'),
  ];
  return choices.map((choice, i) => ({ voterId: `m${i + 1}`, choice }));
}

function outcome(votes: Vote[], q: Quorum, profile: ProcedureProfile = nrw) {
  const r = voteOutcome(votes, q, profile);
  assert.ok(r.ok, r.ok ? '' : r.errors.join('\n'));
  return r.value;
}

describe('voteOutcome, NRW (simple majority of the members present)', () => {
  it('3 yes, 2 no: hardship request; 3 yes votes were needed', () => {
    const o = outcome(ballots(3, 2), session(10, 5));
    assert.equal(o.result, 'hardship_request');
    assert.deepEqual(o.counts, { yes: 3, no: 2, abstain: 0, notCast: 0, present: 5, seated: 10 });
    assert.deepEqual(o.threshold, { requiredYes: 3, rule: { kind: 'simple_of_present' } });
  });

  it('2 yes, 2 no, 1 abstention: no request (abstentions count as present)', () => {
    const o = outcome(ballots(2, 2, 1), session(10, 5));
    assert.equal(o.result, 'no_request');
    assert.deepEqual(o.counts, { yes: 2, no: 2, abstain: 1, notCast: 0, present: 5, seated: 10 });
    assert.equal(o.threshold.requiredYes, 3);
  });

  it('a tie is no request', () => {
    assert.equal(outcome(ballots(2, 2), session(8, 4)).result, 'no_request');
    assert.equal(outcome(ballots(3, 3), session(10, 6)).result, 'no_request');
    assert.equal(outcome(ballots(4, 3), session(10, 7)).result, 'hardship_request');
  });

  it('a present member without a recorded vote counts as present', () => {
    const o = outcome(ballots(3, 0), session(10, 6));
    assert.equal(o.counts.notCast, 3);
    assert.equal(o.threshold.requiredYes, 4);
    assert.equal(o.result, 'no_request');
  });
});

describe('voteOutcome, two-thirds Land: the same votes give another outcome', () => {
  it('3 yes, 2 no: no request (needs 4 of 5), although NRW would request', () => {
    const o = outcome(ballots(3, 2), session(7, 5, landX), landX);
    assert.equal(o.result, 'no_request');
    assert.equal(o.threshold.requiredYes, 4);
    assert.equal(outcome(ballots(3, 2), session(7, 5)).result, 'hardship_request');
  });

  it('4 yes, 1 no: request in both', () => {
    assert.equal(outcome(ballots(4, 1), session(7, 5, landX), landX).result, 'hardship_request');
    assert.equal(outcome(ballots(4, 1), session(7, 5)).result, 'hardship_request');
  });

  it('a session quorate in NRW may not be quorate there', () => {
    const r = voteOutcome(ballots(5, 0), session(10, 5, landX), landX);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.errors.join(), /nicht beschlussfähig: 5 von mindestens 7/);
  });
});

describe('voteOutcome refuses invalid votes', () => {
  const errorsOf = (votes: Vote[], q: Quorum) => {
    const r = voteOutcome(votes, q, nrw);
    assert.equal(r.ok, false, 'must be refused');
    return r.ok ? '' : r.errors.join('\n');
  };

  it('in a session without quorum', () => {
    assert.match(errorsOf(ballots(4, 0), session(10, 4)), /nicht beschlussfähig/);
  });
  it('from a person not present', () => {
    assert.match(
      errorsOf([...ballots(3, 1), { voterId: 'm9', choice: 'yes' }], session(10, 5)),
      /„m9“ ist nicht/,
    );
    assert.match(errorsOf([{ voterId: 'stranger', choice: 'no' }], session(10, 5)), /„stranger“/);
  });
  it('a double vote', () => {
    assert.match(
      errorsOf([...ballots(3, 1), { voterId: 'm1', choice: 'no' }], session(10, 5)),
      /mehr als einmal/,
    );
  });
  it('more votes than present', () => {
    assert.match(
      errorsOf([...ballots(3, 2), { voterId: 'm1', choice: 'yes' }], session(10, 5)),
      /6 Stimmen.*nur 5/,
    );
  });
});

describe('requiredYesVotes for every kind of majority rule', () => {
  const rules: [MajorityRule, number, number, number][] = [
    [{ kind: 'simple_of_present' }, 1, 7, 1],
    [{ kind: 'simple_of_present' }, 4, 7, 3],
    [{ kind: 'simple_of_present' }, 7, 10, 4],
    [{ kind: 'fraction_of_present', numerator: 2, denominator: 3 }, 6, 9, 4],
    [{ kind: 'fraction_of_present', numerator: 2, denominator: 3 }, 7, 9, 5],
    [{ kind: 'fraction_of_members', numerator: 2, denominator: 3 }, 5, 9, 6],
    [{ kind: 'unanimous_present' }, 6, 10, 6],
    [{ kind: 'absolute_count', count: 6 }, 7, 9, 6],
  ];
  for (const [rule, present, seated, expected] of rules) {
    it(`${JSON.stringify(rule)}: ${present} present of ${seated} need ${expected}`, () => {
      assert.equal(requiredYesVotes(rule, present, seated), expected);
    });
  }

  it('unanimity fails on one abstention; a fixed count ignores attendance', () => {
    const unanimous = { ...nrw, hardshipRequestMajority: { kind: 'unanimous_present' } } as ProcedureProfile;
    assert.equal(outcome(ballots(4, 0, 1), session(9, 5), unanimous).result, 'no_request');
    assert.equal(outcome(ballots(5, 0), session(9, 5), unanimous).result, 'hardship_request');
    const sixOfNine = {
      ...nrw,
      hardshipRequestMajority: { kind: 'absolute_count', count: 6 },
    } as ProcedureProfile;
    assert.equal(outcome(ballots(5, 0), session(9, 5), sixOfNine).result, 'no_request');
    assert.equal(outcome(ballots(6, 1), session(9, 7), sixOfNine).result, 'hardship_request');
  });
});

describe('recommendationOutcome', () => {
  it('NRW: simple majority of those present recommends', () => {
    const r = recommendationOutcome(ballots(3, 1, 1), session(10, 5), nrw);
    assert.ok(r.ok);
    assert.equal(r.value.result, 'recommendation');
    assert.equal(r.value.threshold.requiredYes, 3);
    const tie = recommendationOutcome(ballots(2, 2, 1), session(10, 5), nrw);
    assert.ok(tie.ok);
    assert.equal(tie.value.result, 'no_recommendation');
  });

  it('refused where the profile has no recommendations', () => {
    const r = recommendationOutcome(ballots(5, 0), session(7, 5, landX), landX);
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.errors.join(), /keine Empfehlung/);
  });
});

describe('voteOutcome properties', () => {
  /** A session of 7–10 seats (valid in both profiles) with present voters and their choices. */
  const vote = fc.integer({ min: 7, max: 10 }).chain((seated) =>
    fc.record({
      seated: fc.constant(seated),
      choices: fc.array(fc.constantFrom<VoteChoice | 'none'>('yes', 'no', 'abstain', 'none'), {
        minLength: Math.ceil((seated * 2) / 3),
        maxLength: seated,
      }),
    }),
  );
  const run = (seated: number, choices: (VoteChoice | 'none')[], profile: ProcedureProfile) => {
    const votes = choices.flatMap((choice, i) =>
      choice === 'none' ? [] : [{ voterId: `m${i + 1}`, choice }],
    );
    return outcome(votes, session(seated, choices.length, profile), profile);
  };

  it('NRW requests exactly when yes votes are more than half of those present', () => {
    fc.assert(
      fc.property(vote, ({ seated, choices }) => {
        const yes = choices.filter((c) => c === 'yes').length;
        assert.equal(run(seated, choices, nrw).result === 'hardship_request', 2 * yes > choices.length);
      }),
    );
  });

  it('turning any vote into a yes never turns a request into no request', () => {
    fc.assert(
      fc.property(vote, fc.nat(), ({ seated, choices }, pick) => {
        const i = pick % choices.length;
        const more = choices.map((c, j) => (j === i ? 'yes' : c));
        for (const profile of [nrw, landX]) {
          if (run(seated, choices, profile).result === 'hardship_request') {
            assert.equal(run(seated, more, profile).result, 'hardship_request');
          }
        }
      }),
    );
  });

  it('a tie is never a request under simple majority', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 2 }), (half, abstain) => {
        fc.pre(2 * half + abstain <= 10);
        const present = 2 * half + abstain;
        const q = session(Math.max(7, present), present);
        assert.equal(outcome(ballots(half, half, abstain), q).result, 'no_request');
      }),
    );
  });

  it('the two-thirds Land requests only where NRW would request too', () => {
    fc.assert(
      fc.property(vote, ({ seated, choices }) => {
        if (run(seated, choices, landX).result === 'hardship_request') {
          assert.equal(run(seated, choices, nrw).result, 'hardship_request');
        }
      }),
    );
  });
});
