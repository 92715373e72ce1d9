/**
 * Reminders to the immigration authority about a requested statement: one the profile's N days before
 * it is due, one on the first working day after. Both are queued in the step's transaction and only
 * go out if the statement is still awaited with the same due date when their day comes (a renewed
 * request queues its own pair).
 */

import type { CaseEvent } from '../domain/case/index.ts';
import { firstDayOverdue, reminderBefore } from '../domain/rules/deadlines.ts';
import type { ProcedureProfile } from '../domain/rules/profile.ts';
import type { TransactionScope } from './ports.ts';

export const STATEMENT_REMINDER = 'statement.remind';

export type StatementReminderStage = 'before' | 'overdue';

/** The calendar date in Germany of an instant: what "today" and every date of a form mean. */
export function berlinDate(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(at);
}

/** 08:00 in Germany on a date (winter time; in summer 09:00 — early enough for a reminder). */
const morningOf = (day: string) => new Date(`${day}T08:00:00+01:00`);

export function statementRemindersFor(deps: { profile: ProcedureProfile; now: () => Date }) {
  return async (
    { outbox }: Pick<TransactionScope, 'outbox'>,
    caseId: string,
    events: readonly CaseEvent[],
    version: number,
  ) => {
    for (const event of events) {
      if (event.type !== 'StatementRequested') continue;
      const dueAt = (event.data as { dueAt: string }).dueAt;
      const now = deps.now();
      const dueOn = berlinDate(new Date(dueAt));
      const plan: [StatementReminderStage, string][] = [
        ['before', reminderBefore(dueOn, berlinDate(now), deps.profile)],
        ['overdue', firstDayOverdue(dueOn)],
      ];
      for (const [stage, day] of plan) {
        const at = morningOf(day);
        await outbox.enqueue({
          kind: STATEMENT_REMINDER,
          payload: { caseId, dueAt, stage },
          idempotencyKey: `statement-reminder:${stage}:${caseId}:${version}`,
          runAfter: new Date(Math.max(at.getTime(), now.getTime())),
        });
      }
    }
  };
}
