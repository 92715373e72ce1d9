import assert from 'node:assert/strict';
import { after as afterAll, describe, it } from 'node:test';
import fc from 'fast-check';
import { type Actor, ROLES, type Role } from './actors.ts';
import { type CaseCommand, COMMAND_TYPES, type CommandOf, type CommandType } from './commands.ts';
import { availableCommands, decide, evolve } from './decide.ts';
import { CASE_ERROR_MESSAGES } from './errors.ts';
import type { CaseEvent } from './events.ts';
import type { CaseSnapshot } from './snapshot.ts';
import { CASE_STATES, type CaseState, isCaseState, isTerminal } from './states.ts';
import { after, caseIn, DAY, deepFreeze, HOUR, receivedCase, T0 } from './test-fixtures.ts';
import { transitionFor } from './transitions.ts';

const text = fc.oneof(fc.constantFrom('', '  ', 'Begründung laut Protokoll.'), fc.string({ maxLength: 12 }));
const sessionId = fc.constantFrom('s-1', 's-2');
const instant = fc.integer({ min: -10, max: 150 }).map((days) => after(days * DAY));
const grounds = fc.array(fc.constantFrom('pending_asylum', 'entry_ban', 'deportation_order_58a'), {
  maxLength: 2,
});

/** A random, well-formed command of every type; data that breaks a guard is included on purpose. */
const commandArbitraries: { [T in CommandType]: fc.Arbitrary<CommandOf<T>> } = {
  startPreCheck: fc.constant({ type: 'startPreCheck' }),
  recordExclusionReview: fc.record({
    type: fc.constant('recordExclusionReview'),
    catalogueVersion: fc.constant('nrw-2020'),
    mandatoryGrounds: fc.oneof(fc.constant<string[]>([]), fc.constant<string[]>([]), grounds),
    asARuleGrounds: fc.oneof(fc.constant<string[]>([]), grounds),
  }),
  takeUp: fc.record({ type: fc.constant('takeUp'), overrideReasons: text }, { requiredKeys: ['type'] }),
  notTakeUp: fc.record({ type: fc.constant('notTakeUp'), reasons: text }),
  requestStatement: fc.record({ type: fc.constant('requestStatement'), dueAt: instant }),
  receiveStatement: fc.record(
    { type: fc.constant('receiveStatement'), documentId: fc.constant('doc-1') },
    { requiredKeys: ['type'] },
  ),
  markReadyForSession: fc.constant({ type: 'markReadyForSession' }),
  releaseOverdueStatement: fc.record({ type: fc.constant('releaseOverdueStatement'), reasons: text }),
  scheduleForSession: fc.record({ type: fc.constant('scheduleForSession'), sessionId, sessionDate: instant }),
  adjourn: fc.record(
    { type: fc.constant('adjourn'), sessionId, reasons: text },
    { requiredKeys: ['type', 'sessionId'] },
  ),
  decideHardshipRequest: fc.record({ type: fc.constant('decideHardshipRequest'), sessionId, reasons: text }),
  decideNoRequest: fc.record(
    { type: fc.constant('decideNoRequest'), sessionId, recommendation: fc.record({ text }) },
    { requiredKeys: ['type', 'sessionId'] },
  ),
  sendRequest: fc.constant({ type: 'sendRequest' }),
  receiveAuthorityFeedback: fc.record(
    {
      type: fc.constant('receiveAuthorityFeedback'),
      stage: fc.constantFrom('intended', 'final'),
      decision: fc.constantFrom('grant', 'refuse'),
      reasons: text,
      decidedOn: fc.constantFrom('2025-12-30', '2026-01-05', '2099-01-01'),
    },
    { requiredKeys: ['type', 'stage', 'decision'] },
  ),
  close: fc.constant({ type: 'close' }),
  withdraw: fc.record({ type: fc.constant('withdraw'), note: text }, { requiredKeys: ['type'] }),
  settleOtherwise: fc.record(
    {
      type: fc.constant('settleOtherwise'),
      ground: fc.constantFrom('other_title_granted', 'left_germany', 'deceased', 'other'),
      note: text,
    },
    { requiredKeys: ['type', 'ground'] },
  ),
  reopen: fc.record({ type: fc.constant('reopen'), reasons: text }),
};

const role = fc.constantFrom(...ROLES);

/**
 * One step: a candidate command of every type, and picks. A guided step takes a command the table
 * allows from the current state and one of its roles, so that long runs get deep into the procedure;
 * an unguided step takes any command and any role.
 */
const step = fc.record({
  candidates: fc.record(commandArbitraries),
  guided: fc.boolean(),
  leave: fc.integer({ min: 0, max: 9 }),
  commandPick: fc.nat(),
  rolePick: fc.nat(),
  randomRole: role,
  // Now and then a jump of weeks, so that statement deadlines pass and overdue releases are reached.
  hours: fc.oneof(
    { weight: 9, arbitrary: fc.integer({ min: 0, max: 48 }) },
    { weight: 1, arbitrary: fc.integer({ min: 24 * 14, max: 24 * 60 }) },
  ),
});
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

function reachableStates(): Set<CaseState> {
  const reached = new Set<CaseState>(['received']);
  for (let grew = true; grew; ) {
    grew = false;
    for (const type of COMMAND_TYPES) {
      const t = transitionFor(type);
      if (t.from.some((s) => reached.has(s)) && !reached.has(t.to)) grew = reached.add(t.to) !== undefined;
    }
  }
  return reached;
}
const REACHABLE = reachableStates();

function choose(snapshot: CaseSnapshot, s: Step): { command: CaseCommand; actor: Actor } {
  // Withdrawal and settlement are possible almost everywhere; taken only now and then, runs get deep.
  const exits: readonly CommandType[] = s.leave === 0 ? [] : ['withdraw', 'settleOtherwise'];
  const fromHere = COMMAND_TYPES.filter(
    (type) => transitionFor(type).from.includes(snapshot.state) && !exits.includes(type),
  );
  const pool = s.guided && fromHere.length > 0 ? fromHere : COMMAND_TYPES;
  const type = pool[s.commandPick % pool.length] ?? 'startPreCheck';
  const roles = transitionFor(type).roles;
  const chosenRole: Role = s.guided ? (roles[s.rolePick % roles.length] ?? s.randomRole) : s.randomRole;
  return { command: s.candidates[type], actor: { role: chosenRole, id: `${chosenRole}-1` } };
}

const visitedStates = new Set<CaseState>();
const acceptedCommands = new Set<CommandType>();

describe('decide: properties over random command sequences', () => {
  it('keeps every invariant of the table', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80, size: 'max' }), (steps) => {
        let snapshot = deepFreeze(receivedCase());
        const history: CaseEvent[] = [];
        let clock = Date.parse(T0);
        for (const s of steps) {
          clock += s.hours * HOUR;
          const at = new Date(clock).toISOString();
          const { command, actor } = choose(snapshot, s);
          const before = structuredClone(snapshot);
          const result = decide(snapshot, command, actor, at);
          const row = transitionFor(command.type);
          if (!result.ok) {
            // A refused command changes nothing (the snapshot is frozen as well) and says why, in German.
            assert.deepEqual(snapshot, before);
            assert.equal(result.error.message.startsWith(CASE_ERROR_MESSAGES[result.error.code]), true);
            continue;
          }
          assert.ok(result.events.length >= 1, 'an accepted command yields events');
          assert.ok(
            row.roles.includes(actor.role) && row.from.includes(snapshot.state),
            'accepted only per table',
          );
          for (const event of result.events) assert.equal(event.type, row.event);
          assert.deepEqual(JSON.parse(JSON.stringify(result.events)), result.events, 'events are plain data');
          const next = deepFreeze(result.events.reduce(evolve, snapshot));
          assert.equal(next.version, snapshot.version + result.events.length);
          assert.ok(isCaseState(next.state) && REACHABLE.has(next.state), `illegal state ${next.state}`);
          assert.equal(next.state, row.to);
          if (isTerminal(snapshot.state))
            assert.equal(command.type, 'reopen', 'terminal states stay terminal');
          history.push(...result.events);
          acceptedCommands.add(command.type);
          visitedStates.add(next.state);
          snapshot = next;
        }
        const start = receivedCase();
        assert.deepEqual(history.reduce(evolve, start), snapshot, 'the history folds to the same snapshot');
      }),
      { numRuns: 400 },
    );
  });

  it('refuses every command availableCommands does not offer, and offers what passes role and state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_STATES),
        role,
        fc.record(commandArbitraries),
        fc.integer({ min: 0, max: 200 }),
        (state, actorRole, candidates, days) => {
          const { snapshot } = caseIn(state);
          const offered = availableCommands(snapshot, actorRole);
          for (const type of COMMAND_TYPES) {
            const result = decide(
              snapshot,
              candidates[type],
              { role: actorRole, id: 'x' },
              after(days * DAY),
            );
            const code = result.ok ? null : result.error.code;
            if (offered.includes(type)) {
              assert.notEqual(code, 'role_not_allowed');
              assert.notEqual(code, 'state_not_allowed');
            } else {
              assert.ok(
                code === 'role_not_allowed' || code === 'state_not_allowed',
                `${type} ${actorRole} ${state}`,
              );
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  afterAll(() => {
    // The generator must actually reach the whole procedure, or the properties above prove little.
    assert.deepEqual([...visitedStates].sort(), CASE_STATES.filter((s) => s !== 'received').sort());
    assert.deepEqual([...acceptedCommands].sort(), [...COMMAND_TYPES].sort());
  });
});
