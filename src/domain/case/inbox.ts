import { toInstant } from './decide.ts';
import type { CaseSnapshot } from './snapshot.ts';
import { STATE_INFO } from './states.ts';

/** True if the office has the next step: its state awaits the office, or the statement is overdue. */
export function isInOfficeInbox(snapshot: CaseSnapshot, at: string | Date): boolean {
  if (STATE_INFO[snapshot.state].awaiting === 'office') return true;
  const now = toInstant(at);
  return (
    snapshot.state === 'statement_requested' &&
    snapshot.statementDueAt !== null &&
    now !== null &&
    Date.parse(now) > Date.parse(snapshot.statementDueAt)
  );
}
