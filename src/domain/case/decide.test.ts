import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from './actors.ts';
import type { CaseCommand } from './commands.ts';
import {
  availableCommands,
  CaseHistoryError,
  decide,
  evolve,
  initialSnapshot,
  receive,
  replay,
} from './decide.ts';
import type { CaseEvent } from './events.ts';
import type { CaseState } from './states.ts';
import { actors, after, caseIn, DAY, deepFreeze, receivedCase, SESSION, T0 } from './test-fixtures.ts';

type Example = readonly [from: CaseState, command: CaseCommand, actor: Actor, event: string, to: CaseState];

/** One accepted example per command, written out by hand. */
const ACCEPTED: readonly Example[] = [
  ['received', { type: 'startPreCheck' }, actors.clerk, 'PreCheckStarted', 'pre_check'],
  [
    'pre_check',
    {
      type: 'recordExclusionReview',
      catalogueVersion: 'nrw-2020',
      mandatoryGrounds: [],
      asARuleGrounds: ['pending_asylum'],
    },
    actors.clerk,
    'ExclusionReviewRecorded',
    'pre_check',
  ],
  [
    'pre_check',
    { type: 'notTakeUp', reasons: 'Keine dringenden Gründe.' },
    actors.head,
    'NotTakenUp',
    'not_taken_up',
  ],
  [
    'taken_up',
    { type: 'requestStatement', dueAt: after(30 * DAY) },
    actors.clerk,
    'StatementRequested',
    'statement_requested',
  ],
  [
    'statement_requested',
    { type: 'receiveStatement' },
    actors.authority,
    'StatementReceived',
    'statement_received',
  ],
  [
    'statement_requested',
    { type: 'receiveStatement' },
    actors.clerk,
    'StatementReceived',
    'statement_received',
  ],
  [
    'statement_received',
    { type: 'markReadyForSession' },
    actors.clerk,
    'MarkedReadyForSession',
    'ready_for_session',
  ],
  [
    'ready_for_session',
    { type: 'scheduleForSession', sessionId: 's-1', sessionDate: after(50 * DAY) },
    actors.clerk,
    'ScheduledForSession',
    'scheduled',
  ],
  [
    'adjourned',
    { type: 'scheduleForSession', sessionId: 's-2', sessionDate: after(80 * DAY) },
    actors.head,
    'ScheduledForSession',
    'scheduled',
  ],
  ['scheduled', { type: 'adjourn', sessionId: SESSION }, actors.system, 'Adjourned', 'adjourned'],
  [
    'scheduled',
    { type: 'decideHardshipRequest', sessionId: SESSION, reasons: 'Lange Aufenthaltsdauer, Schulbesuch.' },
    actors.system,
    'HardshipRequestDecided',
    'hardship_request',
  ],
  [
    'scheduled',
    { type: 'decideNoRequest', sessionId: SESSION },
    actors.clerk,
    'NoRequestDecided',
    'no_request',
  ],
  [
    'hardship_request',
    { type: 'sendRequest', documentId: 'letter-7' },
    actors.clerk,
    'RequestSent',
    'request_sent',
  ],
  [
    'request_sent',
    {
      type: 'receiveAuthorityFeedback',
      stage: 'intended',
      decision: 'grant',
      conditions: ['livelihood_secured'],
    },
    actors.authority,
    'AuthorityFeedbackReceived',
    'authority_feedback',
  ],
  [
    'authority_feedback',
    { type: 'receiveAuthorityFeedback', stage: 'final', decision: 'grant', decidedOn: '2026-01-02' },
    actors.clerk,
    'AuthorityFeedbackReceived',
    'authority_feedback',
  ],
  ['no_request', { type: 'close' }, actors.clerk, 'Closed', 'closed'],
  ['request_sent', { type: 'close' }, actors.clerk, 'Closed', 'closed'],
  ['authority_feedback', { type: 'close' }, actors.head, 'Closed', 'closed'],
  [
    'scheduled',
    { type: 'withdraw', note: 'Rücknahme per Brief' },
    actors.representative,
    'Withdrawn',
    'withdrawn',
  ],
  [
    'statement_requested',
    { type: 'settleOtherwise', ground: 'left_germany' },
    actors.clerk,
    'SettledOtherwise',
    'settled_otherwise',
  ],
  [
    'closed',
    { type: 'reopen', reasons: 'Neue Tatsachen: Arbeitsvertrag.' },
    actors.head,
    'Reopened',
    'pre_check',
  ],
];

/** One refusal by role per command: an actor outside the roles of the row. */
const WRONG_ROLE: readonly (readonly [CaseState, CaseCommand, Actor])[] = [
  ['received', { type: 'startPreCheck' }, actors.applicant],
  [
    'pre_check',
    { type: 'recordExclusionReview', catalogueVersion: 'v', mandatoryGrounds: [], asARuleGrounds: [] },
    actors.member,
  ],
  ['pre_check', { type: 'takeUp' }, actors.member],
  ['pre_check', { type: 'notTakeUp', reasons: 'x' }, actors.authority],
  ['taken_up', { type: 'requestStatement', dueAt: after(30 * DAY) }, actors.authority],
  ['statement_requested', { type: 'receiveStatement' }, actors.applicant],
  ['statement_received', { type: 'markReadyForSession' }, actors.authority],
  ['statement_requested', { type: 'releaseOverdueStatement', reasons: 'x' }, actors.system],
  [
    'ready_for_session',
    { type: 'scheduleForSession', sessionId: 's', sessionDate: after(DAY) },
    actors.member,
  ],
  ['scheduled', { type: 'adjourn', sessionId: SESSION }, actors.member],
  ['scheduled', { type: 'decideHardshipRequest', sessionId: SESSION, reasons: 'x' }, actors.member],
  ['scheduled', { type: 'decideNoRequest', sessionId: SESSION }, actors.authority],
  ['hardship_request', { type: 'sendRequest' }, actors.system],
  [
    'request_sent',
    { type: 'receiveAuthorityFeedback', stage: 'final', decision: 'grant', decidedOn: '2026-01-02' },
    actors.applicant,
  ],
  ['authority_feedback', { type: 'close' }, actors.authority],
  ['received', { type: 'withdraw' }, actors.authority],
  ['received', { type: 'settleOtherwise', ground: 'deceased' }, actors.applicant],
  ['closed', { type: 'reopen', reasons: 'x' }, actors.clerk],
  ['received', { type: 'startPreCheck' }, actors.admin],
];

/** One refusal by state per command: a state outside the row's `from`. */
const WRONG_STATE: readonly (readonly [CaseState, CaseCommand, Actor])[] = [
  ['pre_check', { type: 'startPreCheck' }, actors.clerk],
  [
    'received',
    { type: 'recordExclusionReview', catalogueVersion: 'v', mandatoryGrounds: [], asARuleGrounds: [] },
    actors.clerk,
  ],
  ['received', { type: 'takeUp' }, actors.clerk],
  ['received', { type: 'notTakeUp', reasons: 'x' }, actors.clerk],
  ['pre_check', { type: 'requestStatement', dueAt: after(30 * DAY) }, actors.clerk],
  ['taken_up', { type: 'receiveStatement' }, actors.authority],
  ['statement_received', { type: 'receiveStatement' }, actors.authority],
  ['statement_requested', { type: 'markReadyForSession' }, actors.clerk],
  ['statement_received', { type: 'releaseOverdueStatement', reasons: 'x' }, actors.clerk],
  [
    'statement_received',
    { type: 'scheduleForSession', sessionId: 's', sessionDate: after(DAY) },
    actors.clerk,
  ],
  ['scheduled', { type: 'scheduleForSession', sessionId: 's', sessionDate: after(DAY) }, actors.clerk],
  ['ready_for_session', { type: 'adjourn', sessionId: SESSION }, actors.head],
  ['adjourned', { type: 'decideHardshipRequest', sessionId: SESSION, reasons: 'x' }, actors.head],
  ['ready_for_session', { type: 'decideNoRequest', sessionId: SESSION }, actors.head],
  ['scheduled', { type: 'sendRequest' }, actors.clerk],
  [
    'hardship_request',
    { type: 'receiveAuthorityFeedback', stage: 'final', decision: 'grant', decidedOn: '2026-01-02' },
    actors.authority,
  ],
  ['hardship_request', { type: 'close' }, actors.clerk],
  ['closed', { type: 'withdraw' }, actors.applicant],
  ['withdrawn', { type: 'settleOtherwise', ground: 'deceased' }, actors.clerk],
  ['authority_feedback', { type: 'reopen', reasons: 'x' }, actors.head],
];

describe('decide: one example per transition', () => {
  for (const [from, command, actor, event, to] of ACCEPTED) {
    it(`${command.type} by ${actor.role}: ${from} → ${to} (${event})`, () => {
      const { snapshot, at } = caseIn(from);
      const result = decide(deepFreeze(snapshot), command, actor, at);
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.equal(result.events.length, 1);
      const [produced] = result.events;
      assert.equal(produced?.type, event);
      assert.equal(produced?.at, at);
      assert.deepEqual(produced?.actor, actor);
      const next = result.events.reduce(evolve, snapshot);
      assert.equal(next.state, to);
      assert.equal(next.version, snapshot.version + 1);
      assert.equal(next.updatedAt, at);
    });
  }

  it('takes up after the exclusion review (example path)', () => {
    assert.equal(caseIn('taken_up').snapshot.state, 'taken_up');
  });
});

describe('decide: refusals by role and by state', () => {
  for (const [state, command, actor] of WRONG_ROLE) {
    it(`refuses ${command.type} by ${actor.role} in ${state}`, () => {
      const result = decide(caseIn(state).snapshot, command, actor, caseIn(state).at);
      assert.deepEqual(result.ok ? null : result.error.code, 'role_not_allowed');
    });
  }
  for (const [state, command, actor] of WRONG_STATE) {
    it(`refuses ${command.type} in ${state}`, () => {
      const { snapshot, at } = caseIn(state);
      const result = decide(snapshot, command, actor, at);
      assert.deepEqual(result.ok ? null : result.error.code, 'state_not_allowed');
      if (!result.ok) assert.match(result.error.message, /nicht möglich/);
    });
  }
});

describe('decide: input validation', () => {
  const { snapshot, at } = caseIn('received');

  it('refuses an invalid time', () => {
    for (const bad of ['gestern', '2026-13-01T00:00:00Z', '2026-01-05', new Date(Number.NaN)]) {
      const result = decide(snapshot, { type: 'startPreCheck' }, actors.clerk, bad);
      assert.equal(result.ok ? null : result.error.code, 'invalid_time');
    }
  });

  it('accepts a Date and an instant with offset, normalised to UTC', () => {
    const byDate = decide(snapshot, { type: 'startPreCheck' }, actors.clerk, new Date(at));
    const byOffset = decide(snapshot, { type: 'startPreCheck' }, actors.clerk, '2026-01-05T11:00:00+01:00');
    assert.equal(byDate.ok && byDate.events[0]?.at, at);
    assert.equal(byOffset.ok && byOffset.events[0]?.at, '2026-01-05T10:00:00.000Z');
  });

  it('refuses an unknown actor', () => {
    const result = decide(snapshot, { type: 'startPreCheck' }, { role: 'office_clerk', id: ' ' }, at);
    assert.equal(result.ok ? null : result.error.code, 'invalid_actor');
    const badRole = JSON.parse('{"role":"root","id":"x"}') as Actor;
    const other = decide(snapshot, { type: 'startPreCheck' }, badRole, at);
    assert.equal(other.ok ? null : other.error.code, 'invalid_actor');
  });

  it('refuses an unknown or malformed command with a German message', () => {
    const unknown = JSON.parse('{"type":"deport"}') as CaseCommand;
    const result = decide(snapshot, unknown, actors.clerk, at);
    assert.equal(result.ok ? null : result.error.code, 'invalid_command');
    assert.match(result.ok ? '' : result.error.message, /Unbekannter Verfahrensschritt/);
    const malformed = JSON.parse('{"type":"notTakeUp","reasons":42}') as CaseCommand;
    const other = decide(caseIn('pre_check').snapshot, malformed, actors.clerk, at);
    assert.equal(other.ok ? null : other.error.code, 'invalid_command');
    assert.match(other.ok ? '' : other.error.message, /Text/);
  });

  it('keeps only known fields in the event data', () => {
    const withExtra = JSON.parse('{"type":"withdraw","note":"n","isAdmin":true}') as CaseCommand;
    const result = decide(snapshot, withExtra, actors.applicant, at);
    assert.ok(result.ok);
    assert.deepEqual(result.events[0]?.data, { note: 'n' });
  });
});

describe('receive', () => {
  it('creates a case in received, version 1, from an online application', () => {
    const result = receive(
      { type: 'receive', caseId: 'HFK-1', channel: 'online' },
      actors.representative,
      T0,
    );
    assert.ok(result.ok);
    const [event] = result.events;
    assert.ok(event);
    assert.deepEqual(event, {
      type: 'Received',
      at: T0,
      actor: actors.representative,
      data: { caseId: 'HFK-1', channel: 'online' },
    });
    const snapshot = initialSnapshot(event);
    assert.equal(snapshot.state, 'received');
    assert.equal(snapshot.version, 1);
    assert.equal(snapshot.id, 'HFK-1');
    assert.equal(snapshot.reopenCount, 0);
    assert.equal(snapshot.exclusionReviewDone, false);
  });

  it('lets the office register paper, fax and e-mail applications, but not applicants', () => {
    assert.ok(receive({ type: 'receive', caseId: 'HFK-2', channel: 'post' }, actors.clerk, T0).ok);
    const byApplicant = receive({ type: 'receive', caseId: 'HFK-3', channel: 'fax' }, actors.applicant, T0);
    assert.equal(byApplicant.ok ? null : byApplicant.error.code, 'channel_not_allowed');
  });

  it('refuses other roles, a missing case number and a bad time', () => {
    const byAuthority = receive(
      { type: 'receive', caseId: 'HFK-4', channel: 'online' },
      actors.authority,
      T0,
    );
    assert.equal(byAuthority.ok ? null : byAuthority.error.code, 'role_not_allowed');
    const noId = receive({ type: 'receive', caseId: '  ', channel: 'online' }, actors.applicant, T0);
    assert.equal(noId.ok ? null : noId.error.code, 'invalid_command');
    assert.match(noId.ok ? '' : noId.error.message, /Aktenzeichen fehlt/);
    const badTime = receive(
      { type: 'receive', caseId: 'HFK-5', channel: 'online' },
      actors.applicant,
      'bald',
    );
    assert.equal(badTime.ok ? null : badTime.error.code, 'invalid_time');
  });
});

describe('evolve and replay', () => {
  it('rebuilds the same snapshot from the stored history, through JSON', () => {
    const start = receive({ type: 'receive', caseId: 'HFK-9', channel: 'online' }, actors.applicant, T0);
    assert.ok(start.ok);
    const history: CaseEvent[] = [...start.events];
    let snapshot = replay(history);
    const steps: [CaseCommand, Actor][] = [
      [{ type: 'startPreCheck' }, actors.clerk],
      [{ type: 'notTakeUp', reasons: 'Zwingender Ausschlussgrund.' }, actors.head],
      [{ type: 'reopen', reasons: 'Neue Tatsachen.' }, actors.head],
    ];
    for (const [index, [command, actor]] of steps.entries()) {
      const result = decide(snapshot, command, actor, after((index + 1) * DAY));
      assert.ok(result.ok);
      history.push(...result.events);
      snapshot = result.events.reduce(evolve, snapshot);
    }
    const stored = JSON.parse(JSON.stringify(history)) as CaseEvent[];
    assert.deepEqual(replay(stored), snapshot);
    assert.equal(snapshot.version, 4);
    assert.equal(snapshot.reopenCount, 1);
  });

  it('rejects a history that does not fit the table', () => {
    const snapshot = receivedCase();
    const closed: CaseEvent = { type: 'Closed', at: T0, actor: actors.clerk, data: {} };
    assert.throws(() => evolve(snapshot, closed), CaseHistoryError);
    const again: CaseEvent = {
      type: 'Received',
      at: T0,
      actor: actors.clerk,
      data: { caseId: 'x', channel: 'post' },
    };
    assert.throws(() => evolve(snapshot, again), CaseHistoryError);
    assert.throws(() => replay([]), CaseHistoryError);
    assert.throws(() => replay([closed]), CaseHistoryError);
  });

  it('does not mutate the snapshot it is given', () => {
    const { snapshot, at } = caseIn('pre_check');
    const frozen = deepFreeze(snapshot);
    const event: CaseEvent = {
      type: 'ExclusionReviewRecorded',
      at,
      actor: actors.clerk,
      data: { catalogueVersion: 'v1', mandatoryGrounds: ['not_present'], asARuleGrounds: [] },
    };
    const next = evolve(frozen, event);
    assert.equal(frozen.exclusionReviewDone, false);
    assert.equal(next.exclusionReviewDone, true);
    assert.deepEqual(next.exclusionReview?.mandatoryGrounds, ['not_present']);
  });
});

describe('availableCommands', () => {
  it('offers what the table allows for the role in the state', () => {
    assert.deepEqual(availableCommands(caseIn('received').snapshot, 'office_clerk'), [
      'startPreCheck',
      'withdraw',
      'settleOtherwise',
    ]);
    assert.deepEqual(availableCommands(caseIn('scheduled').snapshot, 'applicant'), ['withdraw']);
    assert.deepEqual(availableCommands(caseIn('scheduled').snapshot, 'system'), [
      'adjourn',
      'decideHardshipRequest',
      'decideNoRequest',
    ]);
    assert.deepEqual(availableCommands(caseIn('statement_requested').snapshot, 'authority'), [
      'receiveStatement',
    ]);
    assert.deepEqual(availableCommands(caseIn('closed').snapshot, 'office_head'), ['reopen']);
    assert.deepEqual(availableCommands(caseIn('closed').snapshot, 'office_clerk'), []);
    assert.deepEqual(availableCommands(caseIn('pre_check').snapshot, 'member'), []);
  });
});
