/** Events: the facts a case's history consists of. Plain, serialisable objects. */
import type { Actor } from './actors.ts';
import type { CommandData, CommandType, ReceiveCommand } from './commands.ts';
import type { receiveTransition, transitions } from './transitions.ts';

type Table = typeof transitions;

interface EventShape<Type extends string, Data> {
  readonly type: Type;
  /** ISO 8601 instant in UTC. */
  readonly at: string;
  readonly actor: Actor;
  readonly data: Data;
}

/** The creation event of a case. */
export type ReceivedEvent = EventShape<(typeof receiveTransition)['event'], Omit<ReceiveCommand, 'type'>>;

/** The event produced by a command of type `T`; its data is the command's payload. */
export type EventOf<T extends CommandType> = EventShape<Table[T]['event'], CommandData<T>>;

export type CaseEvent = ReceivedEvent | { [T in CommandType]: EventOf<T> }[CommandType];

export type CaseEventType = CaseEvent['type'];
