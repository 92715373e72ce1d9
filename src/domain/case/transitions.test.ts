import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMAND_TYPES } from './commands.ts';
import { CASE_STATES, type CaseState, NON_TERMINAL_STATES, TERMINAL_STATES } from './states.ts';
import { receiveTransition, transitionFor } from './transitions.ts';

const OFFICE = 'office_clerk office_head';
const NON_TERMINAL =
  'received pre_check taken_up statement_requested statement_received ready_for_session scheduled adjourned hardship_request no_request request_sent authority_feedback';

/**
 * The procedure as written down independently of the table: command | from | to | roles | event.
 * Any change to the table must be made here too, on purpose.
 */
const SPECIFICATION = [
  ['startPreCheck', 'received', 'pre_check', OFFICE, 'PreCheckStarted'],
  ['recordExclusionReview', 'pre_check', 'pre_check', OFFICE, 'ExclusionReviewRecorded'],
  ['takeUp', 'pre_check', 'taken_up', OFFICE, 'TakenUp'],
  ['notTakeUp', 'pre_check', 'not_taken_up', OFFICE, 'NotTakenUp'],
  ['requestStatement', 'taken_up', 'statement_requested', OFFICE, 'StatementRequested'],
  [
    'receiveStatement',
    'statement_requested',
    'statement_received',
    `authority ${OFFICE}`,
    'StatementReceived',
  ],
  ['markReadyForSession', 'statement_received', 'ready_for_session', OFFICE, 'MarkedReadyForSession'],
  ['releaseOverdueStatement', 'statement_requested', 'ready_for_session', OFFICE, 'StatementOverdueReleased'],
  ['scheduleForSession', 'ready_for_session adjourned', 'scheduled', OFFICE, 'ScheduledForSession'],
  ['adjourn', 'scheduled', 'adjourned', `${OFFICE} system`, 'Adjourned'],
  ['decideHardshipRequest', 'scheduled', 'hardship_request', `${OFFICE} system`, 'HardshipRequestDecided'],
  ['decideNoRequest', 'scheduled', 'no_request', `${OFFICE} system`, 'NoRequestDecided'],
  ['sendRequest', 'hardship_request', 'request_sent', OFFICE, 'RequestSent'],
  [
    'receiveAuthorityFeedback',
    'request_sent authority_feedback',
    'authority_feedback',
    `authority ${OFFICE}`,
    'AuthorityFeedbackReceived',
  ],
  ['close', 'no_request request_sent authority_feedback', 'closed', OFFICE, 'Closed'],
  ['withdraw', NON_TERMINAL, 'withdrawn', `applicant representative ${OFFICE}`, 'Withdrawn'],
  ['settleOtherwise', NON_TERMINAL, 'settled_otherwise', OFFICE, 'SettledOtherwise'],
  ['reopen', 'not_taken_up closed withdrawn settled_otherwise', 'pre_check', 'office_head', 'Reopened'],
] as const;

const words = (list: readonly string[]): string => [...list].sort().join(' ');

describe('transition table', () => {
  it('matches the written specification row by row', () => {
    const actual = COMMAND_TYPES.map((type) => {
      const t = transitionFor(type);
      return [t.command, words(t.from), t.to, words(t.roles), t.event];
    });
    const expected = SPECIFICATION.map(([command, from, to, roles, event]) => [
      command,
      words(from.split(' ')),
      to,
      words(roles.split(' ')),
      event,
    ]);
    assert.deepEqual(actual, expected);
  });

  it('has one row per command, keyed by its own command name, with distinct event names', () => {
    for (const type of COMMAND_TYPES) assert.equal(transitionFor(type).command, type);
    const events = COMMAND_TYPES.map((type) => transitionFor(type).event);
    assert.equal(new Set([...events, receiveTransition.event]).size, events.length + 1);
  });

  it('lets applicants, representatives and the office create a case as received', () => {
    assert.equal(receiveTransition.to, 'received');
    assert.equal(receiveTransition.event, 'Received');
    assert.deepEqual(
      words(receiveTransition.roles),
      words(['applicant', 'representative', 'office_clerk', 'office_head']),
    );
  });

  it('reaches every state from received', () => {
    const reached = new Set<CaseState>(['received']);
    let grew = true;
    while (grew) {
      grew = false;
      for (const type of COMMAND_TYPES) {
        const t = transitionFor(type);
        if (t.from.some((s) => reached.has(s)) && !reached.has(t.to)) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    assert.deepEqual(words([...reached]), words(CASE_STATES));
  });

  it('leaves terminal states only through reopen', () => {
    for (const type of COMMAND_TYPES) {
      const t = transitionFor(type);
      if (t.from.some((s) => TERMINAL_STATES.includes(s))) assert.equal(type, 'reopen');
    }
  });

  it('lets every non-terminal state be withdrawn and settled otherwise', () => {
    assert.deepEqual(words(transitionFor('withdraw').from), words(NON_TERMINAL_STATES));
    assert.deepEqual(words(transitionFor('settleOtherwise').from), words(NON_TERMINAL_STATES));
  });

  it('gives admins and members no step in a case (members vote in the session module)', () => {
    for (const type of COMMAND_TYPES) {
      const roles: readonly string[] = transitionFor(type).roles;
      assert.ok(!roles.includes('admin') && !roles.includes('member'), type);
    }
  });
});
