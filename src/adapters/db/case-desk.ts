/** Notes and assignment of a case, inside the use case's transaction. */
import type { Kysely } from 'kysely';
import type { CaseDesk, DocumentRequestReader } from '../../application/ports.ts';
import type { Database } from './schema.ts';

// Ids come from URLs and forms: anything but a UUID is "no such case" (PostgreSQL would throw on the cast).
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function caseDeskIn(db: Kysely<Database>): CaseDesk {
  return {
    async addNote(caseId, note) {
      if (!UUID.test(caseId)) return false;
      const exists = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
      if (!exists) return false;
      await db
        .insertInto('case_notes')
        .values({ id: note.id, case_id: caseId, author_id: note.authorId, text: note.text })
        .execute();
      return true;
    },
    async addDocumentRequest(caseId, request) {
      if (!UUID.test(caseId)) return false;
      const exists = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
      if (!exists) return false;
      await db
        .insertInto('document_requests')
        .values({
          id: request.id,
          case_id: caseId,
          text: request.text,
          due_on: request.dueOn,
          created_by: request.createdBy,
        })
        .execute();
      return true;
    },

    async changeAuthority(caseId, authorityId) {
      if (!UUID.test(caseId)) return null;
      const current = await db
        .selectFrom('cases as c')
        .leftJoin('organisations as o', 'o.id', 'c.authority_id')
        .select(['c.state', 'c.version', 'c.authority_id', 'o.name as authority_name'])
        .where('c.id', '=', caseId)
        .forUpdate('c')
        .executeTakeFirst();
      if (!current) return null;
      if (!UUID.test(authorityId)) return 'unknown_authority';
      const authority = await db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('id', '=', authorityId)
        .where('kind', '=', 'immigration_authority')
        .where('active', '=', true)
        .executeTakeFirst();
      if (!authority) return 'unknown_authority';
      await db.updateTable('cases').set({ authority_id: authority.id }).where('id', '=', caseId).execute();
      return {
        previous: current.authority_id
          ? { id: current.authority_id, name: current.authority_name ?? '' }
          : null,
        authority: { id: authority.id, name: authority.name },
        state: current.state,
        version: current.version,
      };
    },

    async latestEventVersion(caseId, eventType) {
      if (!UUID.test(caseId)) return null;
      const row = await db
        .selectFrom('case_history')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('case_id', '=', caseId)
        .where('event_type', '=', eventType)
        .executeTakeFirst();
      return row?.version ?? null;
    },

    async answerDocumentRequests(caseId, at) {
      const r = await db
        .updateTable('document_requests')
        .set({ answered_at: at })
        .where('case_id', '=', caseId)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    async assign(caseId, assigneeId, seen) {
      if (!UUID.test(caseId) || (assigneeId !== null && !UUID.test(assigneeId))) return 'not_found';
      if (assigneeId) {
        const staff = await db
          .selectFrom('users')
          .select('id')
          .where('id', '=', assigneeId)
          .where('role', 'in', ['office_clerk', 'office_head'])
          .where('disabled', '=', false)
          .executeTakeFirst();
        if (!staff) return 'not_found';
      }
      // Compare and set in one statement: two clerks assigning at once cannot both win.
      let update = db.updateTable('cases').set({ assignee_id: assigneeId }).where('id', '=', caseId);
      if (seen) {
        const before = seen.assigneeId;
        update = update.where((eb) =>
          eb.or([
            before === null ? eb('assignee_id', 'is', null) : eb('assignee_id', '=', before),
            assigneeId === null ? eb('assignee_id', 'is', null) : eb('assignee_id', '=', assigneeId),
          ]),
        );
      }
      const r = await update.executeTakeFirst();
      if (r.numUpdatedRows === 1n) return 'assigned';
      if (!seen) return 'not_found';
      const exists = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
      return exists ? 'conflict' : 'not_found';
    },
  };
}

const asDate = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export function documentRequestReader(db: Kysely<Database>): DocumentRequestReader {
  return {
    async forCase(caseId) {
      const rows = await db
        .selectFrom('document_requests')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        text: r.text,
        dueOn: asDate(r.due_on),
        createdAt: r.created_at,
        answeredAt: r.answered_at,
      }));
    },
    async open(requestId) {
      const r = await db
        .selectFrom('document_requests')
        .select(['case_id', 'due_on', 'text'])
        .where('id', '=', requestId)
        .where('answered_at', 'is', null)
        .executeTakeFirst();
      return r ? { caseId: r.case_id, dueOn: asDate(r.due_on), text: r.text } : null;
    },
  };
}
