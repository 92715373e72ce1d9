import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isInOfficeInbox } from './inbox.ts';
import {
  CASE_STATES,
  isCaseState,
  isTerminal,
  NON_TERMINAL_STATES,
  OFFICE_INBOX_STATES,
  STATE_INFO,
  TERMINAL_STATES,
} from './states.ts';
import { after, caseIn, DAY, STATEMENT_DUE } from './test-fixtures.ts';

describe('states', () => {
  it('lists the sixteen states of the procedure', () => {
    assert.equal(CASE_STATES.length, 16);
    assert.deepEqual(Object.keys(STATE_INFO).sort(), [...CASE_STATES].sort());
    assert.ok(isCaseState('scheduled'));
    assert.ok(!isCaseState('deported'));
    assert.ok(!isCaseState(42));
  });

  it('ends the procedure in closed, withdrawn, settled otherwise and not taken up', () => {
    assert.deepEqual([...TERMINAL_STATES].sort(), [
      'closed',
      'not_taken_up',
      'settled_otherwise',
      'withdrawn',
    ]);
    assert.equal(TERMINAL_STATES.length + NON_TERMINAL_STATES.length, CASE_STATES.length);
    assert.ok(isTerminal('not_taken_up'));
    assert.ok(!isTerminal('request_sent'));
  });

  it('puts the states where the office acts next into its inbox', () => {
    assert.deepEqual(OFFICE_INBOX_STATES, [
      'received',
      'pre_check',
      'taken_up',
      'statement_received',
      'ready_for_session',
      'adjourned',
      'hardship_request',
      'no_request',
      'authority_feedback',
    ]);
    for (const state of TERMINAL_STATES) assert.equal(STATE_INFO[state].awaiting, null);
    assert.equal(STATE_INFO.statement_requested.awaiting, 'authority');
    assert.equal(STATE_INFO.request_sent.awaiting, 'authority');
    assert.equal(STATE_INFO.scheduled.awaiting, 'commission');
  });
});

describe('isInOfficeInbox', () => {
  it('follows the state, and brings back a case whose statement is overdue', () => {
    assert.ok(isInOfficeInbox(caseIn('received').snapshot, after(DAY)));
    assert.ok(!isInOfficeInbox(caseIn('closed').snapshot, after(DAY)));
    const { snapshot } = caseIn('statement_requested');
    assert.ok(!isInOfficeInbox(snapshot, STATEMENT_DUE));
    assert.ok(isInOfficeInbox(snapshot, after(31 * DAY)));
    assert.ok(isInOfficeInbox(snapshot, new Date(after(31 * DAY))));
    assert.ok(!isInOfficeInbox(caseIn('request_sent').snapshot, after(400 * DAY)));
  });
});
