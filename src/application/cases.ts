/**
 * Use cases on a case: load → decide → persist snapshot, history, audit and outbox in one
 * transaction. The rules live in the domain; this module only orchestrates.
 */
import {
  type Actor,
  type CaseCommand,
  type CaseError,
  type CaseEvent,
  type CaseSnapshot,
  decide,
  evolve,
  initialSnapshot,
  isTerminal,
  type ReceiveCommand,
  receive,
} from '../domain/case/index.ts';
import { outcomeOfEnding } from '../domain/rules/retention.ts';
import { letterJob } from './letters.ts';
import type { Clock, TransactionScope, UnitOfWork } from './ports.ts';
import { berlinDate } from './statement-reminders.ts';

export type CaseOutcome =
  | { ok: true; caseId: string; caseNumber: string; snapshot: CaseSnapshot }
  | { ok: false; kind: 'not_found' }
  | { ok: false; kind: 'conflict'; message: string }
  | { ok: false; kind: 'refused'; error: CaseError };

const CHANGED_MEANWHILE =
  'Der Fall wurde inzwischen von jemand anderem geändert. Bitte laden Sie ihn neu und prüfen Sie Ihre Änderung.';

export interface CaseUseCases {
  /** Registers a newly received application as a case (any channel); idempotent per submission key. */
  receiveCase(input: ReceiveInput): Promise<CaseOutcome>;
  /** Applies one command of the transition table; `expectedVersion` guards against lost updates. */
  applyCommand(input: CommandInput): Promise<CaseOutcome>;
  /**
   * The same inside the caller's transaction (a session step that changes several cases and its own
   * records at once); the caller rolls back if any outcome is not ok.
   */
  applyWithin(scope: TransactionScope, input: CommandInput): Promise<CaseOutcome>;
}

export interface CommandInput {
  caseId: string;
  command: CaseCommand;
  actor: Actor;
  expectedVersion?: number;
}

export interface ReceiveInput {
  caseId: string;
  channel: ReceiveCommand['channel'];
  actor: Actor;
  profileId: string;
  authorityId: string | null;
  submissionKey: string | null;
  /** The stamp of a letter, fax or e-mail that arrived before it was registered. */
  receivedAt?: string;
}

/**
 * Registers a received application as a new case inside the caller's transaction: the case row,
 * its first history entry and the audit entry. The caller has checked the submission key.
 */
export async function registerReceivedCase(
  { cases, audit, outbox }: TransactionScope,
  input: ReceiveInput,
  at: Date,
): Promise<CaseOutcome> {
  const result = receive(
    {
      type: 'receive',
      caseId: input.caseId,
      channel: input.channel,
      ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
    },
    input.actor,
    at,
  );
  if (!result.ok) return { ok: false, kind: 'refused', error: result.error };
  const [event] = result.events;
  if (!event) throw new Error('receive produced no event');
  const snapshot = initialSnapshot(event);
  const caseNumber = await cases.nextCaseNumber(at.getUTCFullYear());
  await cases.insert(snapshot, {
    caseNumber,
    profileId: input.profileId,
    authorityId: input.authorityId,
    submissionKey: input.submissionKey,
  });
  await cases.appendHistory(snapshot.id, result.events, 1);
  await audit.append({
    at,
    actor: input.actor,
    action: `case.${event.type}`,
    resource: { type: 'case', id: snapshot.id },
    details: { channel: input.channel },
  });
  // The responsible authority is told of every new application, whatever its channel.
  if (input.authorityId)
    await outbox.enqueue(letterJob('authority_new_application', snapshot.id, { version: 1 }));
  return { ok: true, caseId: snapshot.id, caseNumber, snapshot };
}

export function caseUseCases(deps: {
  uow: UnitOfWork;
  clock: Clock;
  /** Queues the mails the accepted events cause, in the same transaction. */
  notices?: (
    scope: Pick<TransactionScope, 'outbox' | 'contacts'>,
    caseId: string,
    events: readonly CaseEvent[],
    version: number,
  ) => Promise<void>;
}): CaseUseCases {
  const { uow, clock } = deps;
  return {
    receiveCase: (input) =>
      uow.run(async (scope) => {
        const { cases } = scope;
        if (input.submissionKey) {
          await cases.lockSubmissionKey(input.submissionKey);
          const existing = await cases.findBySubmissionKey(input.submissionKey);
          if (existing) {
            const snapshot = await cases.loadForUpdate(existing.id);
            if (snapshot) return { ok: true, caseId: existing.id, caseNumber: existing.caseNumber, snapshot };
          }
        }
        return registerReceivedCase(scope, input, clock.now());
      }),

    applyCommand: (input) => uow.run((scope) => applyWithin(scope, input)),
    applyWithin,
  };

  async function applyWithin(scope: TransactionScope, input: CommandInput): Promise<CaseOutcome> {
    const { cases, audit } = scope;
    const current = await cases.loadForUpdate(input.caseId);
    if (!current) return { ok: false, kind: 'not_found' };
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      return { ok: false, kind: 'conflict', message: CHANGED_MEANWHILE };
    }
    const at = clock.now();
    const result = decide(current, input.command, input.actor, at);
    if (!result.ok) return { ok: false, kind: 'refused', error: result.error };
    const next = result.events.reduce(evolve, current);
    if (!(await cases.update(next, current.version))) {
      return { ok: false, kind: 'conflict', message: CHANGED_MEANWHILE };
    }
    await cases.appendHistory(next.id, result.events, current.version + 1);
    // The step that ends the procedure starts the retention period; reopening cancels it.
    const outcome = outcomeOfEnding(current.state, next.state);
    if (outcome) await scope.retention.start(next.id, { outcome, closedOn: berlinDate(at) });
    else if (isTerminal(current.state) && !isTerminal(next.state)) await scope.retention.cancel(next.id);
    for (const event of result.events) {
      await audit.append({
        at,
        actor: input.actor,
        action: `case.${event.type}`,
        resource: { type: 'case', id: next.id },
        details: { from: current.state, to: next.state, version: next.version },
      });
    }
    await deps.notices?.(scope, next.id, result.events, next.version);
    const caseNumber = (await cases.caseNumberOf(next.id)) ?? '';
    return { ok: true, caseId: next.id, caseNumber, snapshot: next };
  }
}
