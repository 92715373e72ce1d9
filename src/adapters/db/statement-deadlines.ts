/** Reads whether a case still waits for the immigration authority's statement, and until when. */
import type { Kysely } from 'kysely';
import type { StatementDeadlines } from '../../application/ports.ts';
import type { CaseSnapshot } from '../../domain/case/index.ts';
import type { Database } from './schema.ts';

export function statementDeadlines(db: Kysely<Database>): StatementDeadlines {
  return {
    async awaitedStatementDueAt(caseId) {
      const row = await db
        .selectFrom('cases')
        .select(['state', 'snapshot'])
        .where('id', '=', caseId)
        .executeTakeFirst();
      if (row?.state !== 'statement_requested') return null;
      return (row.snapshot as unknown as CaseSnapshot).statementDueAt;
    },
  };
}
