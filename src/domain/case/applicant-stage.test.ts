import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APPLICANT_STAGES, applicantStage } from './applicant-stage.ts';
import { CASE_STATES } from './states.ts';

describe('applicantStage', () => {
  it('maps every state, and every stage is used', () => {
    const used = new Set(CASE_STATES.map(applicantStage));
    assert.deepEqual([...used].sort(), [...APPLICANT_STAGES].sort());
  });

  it('after an adjournment nobody is said to be asked for the statement again', () => {
    assert.equal(applicantStage('adjourned'), 'adjourned');
    assert.notEqual(applicantStage('adjourned'), applicantStage('statement_requested'));
  });

  it('never tells whether the commission asked for a permit before the written notice', () => {
    assert.equal(applicantStage('hardship_request'), applicantStage('no_request'));
    assert.equal(applicantStage('request_sent'), applicantStage('no_request'));
  });
});
