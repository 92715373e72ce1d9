import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadNrw, loadTwoThirds } from '../../../test/fixtures/profiles/load.ts';
import { mayDo } from '../access/policy.ts';
import { ROLES } from '../case/actors.ts';
import { CASE_STATES, type CaseState, isTerminal } from '../case/states.ts';
import { transitions } from '../case/transitions.ts';
import { addDays, compareDates } from './dates.ts';
import { retentionEndDate } from './deadlines.ts';
import type { CaseOutcome } from './profile.ts';
import { checkHoldReason, deletionVerdict, latestDueClosingDate, outcomeOfEnding } from './retention.ts';

const nrw = loadNrw();

describe('outcome of the step that ends a procedure', () => {
  it('names the outcome of every step into a terminal state, and only those', () => {
    const seen = new Set<CaseOutcome>();
    for (const t of Object.values(transitions)) {
      for (const from of t.from as readonly CaseState[]) {
        const outcome = outcomeOfEnding(from, t.to);
        assert.equal(outcome !== null, isTerminal(t.to), `${t.command} from ${from}`);
        if (outcome) seen.add(outcome);
      }
    }
    assert.deepEqual([...seen].sort(), [
      'hardship_request',
      'no_request',
      'not_taken_up',
      'settled_otherwise',
      'withdrawn',
    ]);
  });

  it('a closed case had a hardship request if it was closed after the request was sent', () => {
    assert.equal(outcomeOfEnding('request_sent', 'closed'), 'hardship_request');
    assert.equal(outcomeOfEnding('authority_feedback', 'closed'), 'hardship_request');
    assert.equal(outcomeOfEnding('no_request', 'closed'), 'no_request');
    assert.equal(outcomeOfEnding('pre_check', 'not_taken_up'), 'not_taken_up');
    assert.equal(outcomeOfEnding('scheduled', 'withdrawn'), 'withdrawn');
    assert.equal(outcomeOfEnding('closed', 'pre_check'), null, 'reopening ends nothing');
    for (const s of CASE_STATES) if (!isTerminal(s)) assert.equal(outcomeOfEnding('received', s), null);
  });
});

describe('deletion verdict', () => {
  const closed = { outcome: 'withdrawn', closedOn: '2024-02-29' } as const; // 24 months → 2026-02-28

  it('is due from the end of the period, not a day before', () => {
    assert.deepEqual(deletionVerdict(closed, false, '2026-02-27', nrw), {
      kind: 'retained',
      dueOn: '2026-02-28',
    });
    assert.deepEqual(deletionVerdict(closed, false, '2026-02-28', nrw), { kind: 'due', dueOn: '2026-02-28' });
    assert.deepEqual(deletionVerdict(closed, false, '2031-01-01', nrw), { kind: 'due', dueOn: '2026-02-28' });
  });

  it('follows the period of the outcome and of the profile', () => {
    const on = '2025-01-15';
    const due = (outcome: CaseOutcome, profile = nrw) =>
      deletionVerdict({ outcome, closedOn: on }, false, '2100-01-01', profile);
    assert.deepEqual(due('hardship_request'), { kind: 'due', dueOn: '2035-01-15' });
    assert.deepEqual(due('no_request'), { kind: 'due', dueOn: '2030-01-15' });
    assert.deepEqual(due('not_taken_up'), { kind: 'due', dueOn: '2028-01-15' });
    assert.deepEqual(due('settled_otherwise'), { kind: 'due', dueOn: '2027-01-15' });
    const longer = {
      ...nrw,
      retention: { ...nrw.retention, monthsByOutcome: { ...nrw.retention.monthsByOutcome, withdrawn: 36 } },
    };
    assert.deepEqual(due('withdrawn', longer), { kind: 'due', dueOn: '2028-01-15' });
    assert.ok(loadTwoThirds().retention.monthsByOutcome, 'the second profile has periods too');
  });

  it('a legal hold stops the deletion, due or not; a running case is never due', () => {
    assert.deepEqual(deletionVerdict(closed, true, '2031-01-01', nrw), { kind: 'held', dueOn: '2026-02-28' });
    assert.deepEqual(deletionVerdict(closed, true, '2025-01-01', nrw), { kind: 'held', dueOn: '2026-02-28' });
    assert.deepEqual(deletionVerdict(null, true, '2031-01-01', nrw), { kind: 'held', dueOn: null });
    assert.deepEqual(deletionVerdict(null, false, '2099-01-01', nrw), { kind: 'running' });
  });

  it('the database pre-filter never leaves out a case that is due', () => {
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2090-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const outcome = fc.constantFrom<CaseOutcome>(
      'hardship_request',
      'no_request',
      'not_taken_up',
      'withdrawn',
      'settled_otherwise',
    );
    fc.assert(
      fc.property(date, outcome, fc.integer({ min: -40, max: 40 }), (closedOn, o, offset) => {
        // A day around the due date, where month-end clamping matters most.
        const today = addDays(retentionEndDate(closedOn, o, nrw), offset);
        const verdict = deletionVerdict({ outcome: o, closedOn }, false, today, nrw);
        if (verdict.kind === 'due') assert.ok(compareDates(closedOn, latestDueClosingDate(today, nrw)) <= 0);
        assert.equal(verdict.kind === 'due', offset >= 0);
      }),
    );
  });
});

describe('reasons for a hold', () => {
  it('must be given and stay within 2,000 characters', () => {
    assert.equal(checkHoldReason(''), 'reason_missing');
    assert.equal(checkHoldReason('   '), 'reason_missing');
    assert.equal(checkHoldReason('Klage beim VG Düsseldorf anhängig'), null);
    assert.equal(checkHoldReason('x'.repeat(2000)), null);
    assert.equal(checkHoldReason('x'.repeat(2001)), 'reason_too_long');
  });
});

describe('who disposes of cases', () => {
  it('only the office head holds, approves deletions and exports a person', () => {
    for (const action of ['dispose_cases', 'export_person_data'] as const)
      assert.deepEqual(
        ROLES.filter((r) => mayDo(r, action)),
        ['office_head'],
        action,
      );
  });
});
