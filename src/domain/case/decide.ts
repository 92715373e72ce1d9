/** The procedure as a pure state machine: decide (command → events), evolve (event → snapshot). */
import { z } from 'zod';
import { type Actor, actorSchema, type Role } from './actors.ts';
import {
  type CaseCommand,
  COMMAND_TYPES,
  type CommandType,
  caseCommandSchema,
  instantSchema,
  type ReceiveCommand,
  receiveCommandSchema,
} from './commands.ts';
import { type CaseError, refusal } from './errors.ts';
import type { CaseEvent, ReceivedEvent } from './events.ts';
import type { CaseSnapshot } from './snapshot.ts';
import type { CaseState } from './states.ts';
import { receiveTransition, type Transition, transitionFor } from './transitions.ts';

export type DecideResult<E extends CaseEvent = CaseEvent> =
  | { readonly ok: true; readonly events: readonly E[] }
  | { readonly ok: false; readonly error: CaseError };

/** A history that does not fit the table (corrupt store, wrong order): a programming error, not a user error. */
export class CaseHistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseHistoryError';
  }
}

const germanErrors = { error: z.locales.de().localeError };

/** Normalises the time of a step to an ISO instant in UTC, or null if it is not a valid instant. */
export function toInstant(at: string | Date): string | null {
  if (typeof at === 'string' && !instantSchema.safeParse(at).success) return null;
  const date = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

type Checked<T> = { ok: true; value: T } | { ok: false; error: CaseError };

function checkInput<C>(
  schema: z.ZodType<C>,
  command: unknown,
  actor: unknown,
  at: string | Date,
): Checked<{ command: C; actor: Actor; at: string }> {
  const instant = toInstant(at);
  if (instant === null) return { ok: false, error: refusal('invalid_time') };
  const parsedActor = actorSchema.safeParse(actor, germanErrors);
  if (!parsedActor.success) return { ok: false, error: refusal('invalid_actor') };
  const parsedCommand = schema.safeParse(command, germanErrors);
  if (!parsedCommand.success) {
    return { ok: false, error: refusal('invalid_command', parsedCommand.error.issues[0]?.message) };
  }
  return { ok: true, value: { command: parsedCommand.data, actor: parsedActor.data, at: instant } };
}

/** Registers a new application as a case: produces the creation event `Received`. */
export function receive(
  command: ReceiveCommand,
  actor: Actor,
  at: string | Date,
): DecideResult<ReceivedEvent> {
  const input = checkInput(receiveCommandSchema, command, actor, at);
  if (!input.ok) return input;
  const { type: _type, ...data } = input.value.command;
  const context = { at: input.value.at, actor: input.value.actor };
  if (!(receiveTransition.roles as readonly Role[]).includes(context.actor.role)) {
    return { ok: false, error: refusal('role_not_allowed') };
  }
  const error = receiveTransition.guard(input.value.command, context);
  if (error) return { ok: false, error };
  return {
    ok: true,
    events: [{ type: receiveTransition.event, at: context.at, actor: context.actor, data }],
  };
}

/** What a case knows of its procedure before the pre-check: at receipt, and again after a reopen. */
const FRESH_PROCEDURE = {
  exclusionReviewDone: false,
  exclusionReview: null,
  statementDueAt: null,
  sessionId: null,
  sessionDate: null,
  recommendation: null,
  authorityFeedback: null,
} as const satisfies Partial<CaseSnapshot>;

/** The snapshot of a case right after its `Received` event (version 1). */
export function initialSnapshot(event: ReceivedEvent): CaseSnapshot {
  return {
    id: event.data.caseId,
    state: receiveTransition.to,
    version: 1,
    channel: event.data.channel,
    receivedAt: event.data.receivedAt ?? event.at,
    updatedAt: event.at,
    ...FRESH_PROCEDURE,
    reopenCount: 0,
  };
}

/** Decides a command against a snapshot using only the transition table: the events, or why not. */
export function decide(
  snapshot: CaseSnapshot,
  command: CaseCommand,
  actor: Actor,
  at: string | Date,
): DecideResult {
  const input = checkInput(caseCommandSchema, command, actor, at);
  if (!input.ok) return input;
  const checked = input.value;
  const transition = transitionFor(checked.command.type);
  if (!transition.roles.includes(checked.actor.role))
    return { ok: false, error: refusal('role_not_allowed') };
  if (!transition.from.includes(snapshot.state)) return { ok: false, error: refusal('state_not_allowed') };
  const error =
    transition.guard?.(snapshot, checked.command, { at: checked.at, actor: checked.actor }) ?? null;
  if (error) return { ok: false, error };
  const { type: _type, ...data } = checked.command;
  // The table row and the command share their type, so this is the event of that command.
  const event = { type: transition.event, at: checked.at, actor: checked.actor, data } as CaseEvent;
  return { ok: true, events: [event] };
}

const TRANSITION_BY_EVENT: ReadonlyMap<string, Transition> = new Map(
  COMMAND_TYPES.map((type) => [transitionFor(type).event, transitionFor(type)]),
);

/** Applies one event to a snapshot: the next state from the table, version + 1, and the event's data. */
export function evolve(snapshot: CaseSnapshot, event: CaseEvent): CaseSnapshot {
  const transition = TRANSITION_BY_EVENT.get(event.type);
  if (transition === undefined || !transition.from.includes(snapshot.state)) {
    throw new CaseHistoryError(
      `Event ${event.type} does not apply to case ${snapshot.id} in state ${snapshot.state}`,
    );
  }
  return applyData(
    { ...snapshot, state: transition.to, version: snapshot.version + 1, updatedAt: event.at },
    event,
  );
}

function applyData(snapshot: CaseSnapshot, event: CaseEvent): CaseSnapshot {
  switch (event.type) {
    case 'ExclusionReviewRecorded':
      return { ...snapshot, exclusionReviewDone: true, exclusionReview: event.data };
    case 'StatementRequested':
      return { ...snapshot, statementDueAt: event.data.dueAt };
    case 'ScheduledForSession':
      return { ...snapshot, sessionId: event.data.sessionId, sessionDate: event.data.sessionDate };
    case 'Adjourned':
      return { ...snapshot, sessionId: null, sessionDate: null };
    case 'NoRequestDecided':
      return { ...snapshot, recommendation: event.data.recommendation !== undefined };
    case 'AuthorityFeedbackReceived':
      return { ...snapshot, authorityFeedback: { stage: event.data.stage, decision: event.data.decision } };
    case 'Reopened':
      return { ...snapshot, ...FRESH_PROCEDURE, reopenCount: snapshot.reopenCount + 1 };
    default:
      return snapshot;
  }
}

/** Folds a whole history (starting with `Received`) into a snapshot. */
export function replay(events: readonly CaseEvent[]): CaseSnapshot {
  const [first, ...rest] = events;
  if (first?.type !== 'Received') throw new CaseHistoryError('A case history must start with Received');
  return rest.reduce((snapshot, event) => {
    if (event.type === 'Received') throw new CaseHistoryError(`Case ${snapshot.id} was received twice`);
    return evolve(snapshot, event);
  }, initialSnapshot(first));
}

/** The commands the table allows for this role in this state (guards aside): what UI and API may offer. */
export function availableCommands(snapshot: CaseSnapshot, role: Role): CommandType[] {
  return commandsFrom(snapshot.state, role);
}

/** The commands the table offers a role in a state (guards are checked when the command comes). */
export function commandsFrom(state: CaseState, role: Role): CommandType[] {
  return COMMAND_TYPES.filter((type) => {
    const transition = transitionFor(type);
    return transition.roles.includes(role) && transition.from.includes(state);
  });
}
