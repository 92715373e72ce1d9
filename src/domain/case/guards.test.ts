import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from './actors.ts';
import type { CaseCommand } from './commands.ts';
import { decide, evolve } from './decide.ts';
import type { CaseErrorCode } from './errors.ts';
import type { CaseSnapshot } from './snapshot.ts';
import { NON_TERMINAL_STATES, TERMINAL_STATES } from './states.ts';
import { actors, after, caseIn, DAY, PATH_REVIEWED, run, SESSION, STATEMENT_DUE } from './test-fixtures.ts';

/** Decides and returns the next snapshot, or the refusal code. */
function attempt(
  snapshot: CaseSnapshot,
  command: CaseCommand,
  actor: Actor,
  at: string,
): { next: CaseSnapshot } | { code: CaseErrorCode; message: string } {
  const result = decide(snapshot, command, actor, at);
  return result.ok
    ? { next: result.events.reduce(evolve, snapshot) }
    : { code: result.error.code, message: result.error.message };
}

const refusedWith = (outcome: ReturnType<typeof attempt>): CaseErrorCode | null =>
  'code' in outcome ? outcome.code : null;
const stateAfter = (outcome: ReturnType<typeof attempt>): string | null =>
  'next' in outcome ? outcome.next.state : null;

function reviewed(mandatoryGrounds: string[], asARuleGrounds: string[]) {
  const { snapshot, at } = caseIn('pre_check');
  const review = {
    type: 'recordExclusionReview',
    catalogueVersion: 'nrw-2020',
    mandatoryGrounds,
    asARuleGrounds,
  } as const;
  const outcome = attempt(snapshot, review, actors.clerk, at);
  assert.ok('next' in outcome);
  return { snapshot: outcome.next, at: after(10 * DAY) };
}

describe('guard: taking up', () => {
  it('needs the exclusion-ground review', () => {
    const { snapshot, at } = caseIn('pre_check');
    assert.equal(
      refusedWith(attempt(snapshot, { type: 'takeUp' }, actors.head, at)),
      'exclusion_review_missing',
    );
  });

  it('takes up once the review found no ground', () => {
    const { snapshot, at } = run(PATH_REVIEWED);
    assert.equal(snapshot.exclusionReviewDone, true);
    assert.equal(stateAfter(attempt(snapshot, { type: 'takeUp' }, actors.clerk, at)), 'taken_up');
  });

  it('is impossible with a mandatory ground, even with reasons', () => {
    const { snapshot, at } = reviewed(['deportation_order_58a'], []);
    const outcome = attempt(snapshot, { type: 'takeUp', overrideReasons: 'Trotzdem.' }, actors.head, at);
    assert.equal(refusedWith(outcome), 'mandatory_exclusion_ground');
  });

  it('needs override reasons for an "as a rule" ground', () => {
    const { snapshot, at } = reviewed([], ['pending_asylum']);
    assert.equal(
      refusedWith(attempt(snapshot, { type: 'takeUp' }, actors.head, at)),
      'override_reasons_required',
    );
    assert.equal(
      refusedWith(attempt(snapshot, { type: 'takeUp', overrideReasons: '  ' }, actors.head, at)),
      'override_reasons_required',
    );
    const ok = attempt(
      snapshot,
      { type: 'takeUp', overrideReasons: 'Verfahren aussichtslos.' },
      actors.head,
      at,
    );
    assert.equal(stateAfter(ok), 'taken_up');
  });
});

describe('guard: not taking up', () => {
  it('needs reasons', () => {
    const { snapshot, at } = caseIn('pre_check');
    for (const reasons of ['', '   \n']) {
      const outcome = attempt(snapshot, { type: 'notTakeUp', reasons }, actors.head, at);
      assert.equal(refusedWith(outcome), 'not_taken_up_reasons_required');
      assert.match('message' in outcome ? outcome.message : '', /Begründung/);
    }
    assert.equal(
      stateAfter(attempt(snapshot, { type: 'notTakeUp', reasons: 'Keine Gründe.' }, actors.head, at)),
      'not_taken_up',
    );
  });
});

describe('guard: statement deadline and overdue release', () => {
  it('wants a deadline after the request', () => {
    const { snapshot, at } = caseIn('taken_up');
    for (const dueAt of [at, after(-DAY)]) {
      const outcome = attempt(snapshot, { type: 'requestStatement', dueAt }, actors.clerk, at);
      assert.equal(refusedWith(outcome), 'statement_due_not_in_future');
    }
    const ok = attempt(snapshot, { type: 'requestStatement', dueAt: STATEMENT_DUE }, actors.clerk, at);
    assert.ok('next' in ok);
    assert.equal(ok.next.statementDueAt, STATEMENT_DUE);
  });

  it('releases an overdue statement only after the deadline and with reasons', () => {
    const { snapshot, at } = caseIn('statement_requested');
    const release = {
      type: 'releaseOverdueStatement',
      reasons: 'ABH hat trotz Erinnerung nicht geantwortet.',
    } as const;
    assert.equal(refusedWith(attempt(snapshot, release, actors.clerk, at)), 'statement_not_overdue');
    assert.equal(
      refusedWith(attempt(snapshot, release, actors.clerk, STATEMENT_DUE)),
      'statement_not_overdue',
    );
    const late = after(31 * DAY);
    const noReasons = attempt(
      snapshot,
      { type: 'releaseOverdueStatement', reasons: ' ' },
      actors.clerk,
      late,
    );
    assert.equal(refusedWith(noReasons), 'release_reasons_required');
    assert.equal(stateAfter(attempt(snapshot, release, actors.head, late)), 'ready_for_session');
  });

  it('does not mark ready for session while the statement is outstanding', () => {
    const { snapshot } = caseIn('statement_requested');
    const outcome = attempt(snapshot, { type: 'markReadyForSession' }, actors.clerk, after(60 * DAY));
    assert.equal(refusedWith(outcome), 'state_not_allowed');
  });
});

describe('guard: session outcomes', () => {
  it('must come from the session the case is scheduled for', () => {
    const { snapshot, at } = caseIn('scheduled');
    assert.equal(snapshot.sessionId, SESSION);
    const commands: CaseCommand[] = [
      { type: 'adjourn', sessionId: 'other' },
      { type: 'decideHardshipRequest', sessionId: 'other', reasons: 'Gründe.' },
      { type: 'decideNoRequest', sessionId: 'other' },
    ];
    for (const command of commands)
      assert.equal(refusedWith(attempt(snapshot, command, actors.head, at)), 'session_mismatch');
  });

  it('needs minuted reasons for a hardship request', () => {
    const { snapshot, at } = caseIn('scheduled');
    const outcome = attempt(
      snapshot,
      { type: 'decideHardshipRequest', sessionId: SESSION, reasons: '' },
      actors.system,
      at,
    );
    assert.equal(refusedWith(outcome), 'request_reasons_required');
  });

  it('records whether a non-binding recommendation was given, with a wording', () => {
    const { snapshot, at } = caseIn('scheduled');
    const blank = attempt(
      snapshot,
      { type: 'decideNoRequest', sessionId: SESSION, recommendation: { text: ' ' } },
      actors.head,
      at,
    );
    assert.equal(refusedWith(blank), 'recommendation_text_required');
    const withRecommendation = attempt(
      snapshot,
      { type: 'decideNoRequest', sessionId: SESSION, recommendation: { text: 'Ermessensduldung prüfen.' } },
      actors.head,
      at,
    );
    assert.equal('next' in withRecommendation && withRecommendation.next.recommendation, true);
    const without = attempt(snapshot, { type: 'decideNoRequest', sessionId: SESSION }, actors.head, at);
    assert.equal('next' in without && without.next.recommendation, false);
  });

  it('clears the session on adjournment, so the case is scheduled anew', () => {
    const { snapshot } = caseIn('adjourned');
    assert.equal(snapshot.sessionId, null);
  });
});

describe('guard: authority feedback (§ 7(3) HFKVO)', () => {
  it('needs reasons when the authority will not follow the request', () => {
    const { snapshot, at } = caseIn('request_sent');
    for (const stage of ['intended', 'final'] as const) {
      const outcome = attempt(
        snapshot,
        { type: 'receiveAuthorityFeedback', stage, decision: 'refuse' },
        actors.authority,
        at,
      );
      assert.equal(refusedWith(outcome), 'refusal_reasons_required');
      assert.match('message' in outcome ? outcome.message : '', /§ 7 Abs\. 3/);
    }
    const reasoned = attempt(
      snapshot,
      {
        type: 'receiveAuthorityFeedback',
        stage: 'intended',
        decision: 'refuse',
        reasons: 'Lebensunterhalt nicht gesichert.',
      },
      actors.authority,
      at,
    );
    assert.ok('next' in reasoned);
    assert.deepEqual(reasoned.next.authorityFeedback, { stage: 'intended', decision: 'refuse' });
  });
});

describe('guard: the final decision of the authority', () => {
  const feedback = (
    stage: 'intended' | 'final',
    decision: 'grant' | 'refuse',
    extra: { reasons?: string; decidedOn?: string } = {},
  ) => ({ type: 'receiveAuthorityFeedback' as const, stage, decision, ...extra });

  it('needs the day of the decision, not in the future', () => {
    const { snapshot, at } = caseIn('request_sent');
    assert.equal(
      refusedWith(attempt(snapshot, feedback('final', 'grant'), actors.authority, at)),
      'decision_date_required',
    );
    assert.equal(
      refusedWith(
        attempt(snapshot, feedback('final', 'grant', { decidedOn: '2026-01-07' }), actors.authority, at),
      ),
      'decision_date_in_future',
    );
    const granted = attempt(
      snapshot,
      feedback('final', 'grant', { decidedOn: '2026-01-05' }),
      actors.authority,
      at,
    );
    assert.ok('next' in granted);
    assert.deepEqual(granted.next.authorityFeedback, { stage: 'final', decision: 'grant' });
  });

  it('refuses a final refusal that was not announced with reasons first (§ 7(3) HFKVO)', () => {
    const { snapshot, at } = caseIn('request_sent');
    const refuse = feedback('final', 'refuse', {
      reasons: 'Lebensunterhalt nicht gesichert.',
      decidedOn: '2026-01-05',
    });
    assert.equal(refusedWith(attempt(snapshot, refuse, actors.authority, at)), 'refusal_not_announced');
    const willFollow = attempt(snapshot, feedback('intended', 'grant'), actors.authority, at);
    assert.ok('next' in willFollow);
    assert.equal(
      refusedWith(attempt(willFollow.next, refuse, actors.authority, at)),
      'refusal_not_announced',
    );
    const announced = attempt(
      snapshot,
      feedback('intended', 'refuse', { reasons: 'Lebensunterhalt nicht gesichert.' }),
      actors.authority,
      at,
    );
    assert.ok('next' in announced);
    const refused = attempt(announced.next, refuse, actors.authority, at);
    assert.ok('next' in refused);
    assert.equal(refused.next.state, 'authority_feedback');
    assert.deepEqual(refused.next.authorityFeedback, { stage: 'final', decision: 'refuse' });
  });

  it('ends the reports: nothing after the final decision', () => {
    const { snapshot, at } = caseIn('request_sent');
    const granted = attempt(
      snapshot,
      feedback('final', 'grant', { decidedOn: '2026-01-04' }),
      actors.clerk,
      at,
    );
    assert.ok('next' in granted);
    for (const again of [
      feedback('intended', 'grant'),
      feedback('final', 'grant', { decidedOn: '2026-01-04' }),
    ]) {
      assert.equal(
        refusedWith(attempt(granted.next, again, actors.authority, at)),
        'feedback_after_final_decision',
      );
    }
  });
});

describe('withdrawal and settlement', () => {
  it('lets applicant, representative and office withdraw from every non-terminal state', () => {
    for (const state of NON_TERMINAL_STATES) {
      const { snapshot, at } = caseIn(state);
      for (const actor of [actors.applicant, actors.representative, actors.clerk, actors.head]) {
        assert.equal(
          stateAfter(attempt(snapshot, { type: 'withdraw' }, actor, at)),
          'withdrawn',
          `${state} ${actor.role}`,
        );
      }
      for (const actor of [actors.authority, actors.member, actors.system, actors.admin]) {
        assert.equal(refusedWith(attempt(snapshot, { type: 'withdraw' }, actor, at)), 'role_not_allowed');
      }
    }
  });

  it('lets only the office settle otherwise, from every non-terminal state', () => {
    for (const state of NON_TERMINAL_STATES) {
      const { snapshot, at } = caseIn(state);
      const command = { type: 'settleOtherwise', ground: 'other_title_granted' } as const;
      assert.equal(stateAfter(attempt(snapshot, command, actors.clerk, at)), 'settled_otherwise', state);
      for (const actor of [actors.applicant, actors.representative, actors.authority, actors.system]) {
        assert.equal(refusedWith(attempt(snapshot, command, actor, at)), 'role_not_allowed');
      }
    }
  });

  it('needs a note when the case was settled for another reason', () => {
    const { snapshot, at } = caseIn('taken_up');
    assert.equal(
      refusedWith(attempt(snapshot, { type: 'settleOtherwise', ground: 'other' }, actors.clerk, at)),
      'settlement_note_required',
    );
    const ok = attempt(
      snapshot,
      { type: 'settleOtherwise', ground: 'other', note: 'Einbürgerung.' },
      actors.clerk,
      at,
    );
    assert.equal(stateAfter(ok), 'settled_otherwise');
  });

  it('refuses withdrawal and settlement from terminal states', () => {
    for (const state of TERMINAL_STATES) {
      const { snapshot, at } = caseIn(state);
      assert.equal(
        refusedWith(attempt(snapshot, { type: 'withdraw' }, actors.applicant, at)),
        'state_not_allowed',
      );
      const settle = { type: 'settleOtherwise', ground: 'deceased' } as const;
      assert.equal(refusedWith(attempt(snapshot, settle, actors.clerk, at)), 'state_not_allowed');
    }
  });
});

describe('reopen', () => {
  it('reopens every terminal state into a fresh pre-check, with reasons, by the office head', () => {
    for (const state of TERMINAL_STATES) {
      const { snapshot, at } = caseIn(state);
      const outcome = attempt(snapshot, { type: 'reopen', reasons: 'Neue Tatsachen.' }, actors.head, at);
      assert.ok('next' in outcome, state);
      assert.equal(outcome.next.state, 'pre_check');
      assert.equal(outcome.next.reopenCount, snapshot.reopenCount + 1);
      assert.equal(outcome.next.exclusionReviewDone, false);
      assert.equal(outcome.next.sessionId, null);
      assert.equal(
        refusedWith(attempt(outcome.next, { type: 'takeUp' }, actors.head, at)),
        'exclusion_review_missing',
      );
    }
  });

  it('needs reasons', () => {
    const { snapshot, at } = caseIn('withdrawn');
    assert.equal(
      refusedWith(attempt(snapshot, { type: 'reopen', reasons: ' ' }, actors.head, at)),
      'reopen_reasons_required',
    );
  });

  it('is not possible from a running procedure', () => {
    for (const state of NON_TERMINAL_STATES) {
      const { snapshot, at } = caseIn(state);
      assert.equal(
        refusedWith(attempt(snapshot, { type: 'reopen', reasons: 'x' }, actors.head, at)),
        'state_not_allowed',
      );
    }
  });
});
