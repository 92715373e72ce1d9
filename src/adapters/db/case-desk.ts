/** Notes and assignment of a case, inside the use case's transaction. */
import type { Kysely } from 'kysely';
import type { CaseDesk } from '../../application/ports.ts';
import type { Database } from './schema.ts';

export function caseDeskIn(db: Kysely<Database>): CaseDesk {
  return {
    async addNote(caseId, note) {
      const exists = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
      if (!exists) return false;
      await db
        .insertInto('case_notes')
        .values({ id: note.id, case_id: caseId, author_id: note.authorId, text: note.text })
        .execute();
      return true;
    },
    async assign(caseId, assigneeId) {
      if (assigneeId) {
        const staff = await db
          .selectFrom('users')
          .select('id')
          .where('id', '=', assigneeId)
          .where('role', 'in', ['office_clerk', 'office_head'])
          .where('disabled', '=', false)
          .executeTakeFirst();
        if (!staff) return false;
      }
      const r = await db
        .updateTable('cases')
        .set({ assignee_id: assigneeId })
        .where('id', '=', caseId)
        .executeTakeFirst();
      return r.numUpdatedRows === 1n;
    },
  };
}
