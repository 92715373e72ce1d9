/** The message thread of a case (applicant or representative ↔ office), inside a transaction. */
import type { Kysely } from 'kysely';
import type { MessageStore } from '../../application/ports.ts';
import type { Database } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function messageStoreIn(db: Kysely<Database>): MessageStore {
  return {
    async add(caseId, message) {
      if (!UUID.test(caseId)) return false;
      const exists = await db.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
      if (!exists) return false;
      await db
        .insertInto('case_messages')
        .values({
          id: message.id,
          case_id: caseId,
          direction: message.direction,
          author_role: message.authorRole,
          author_id: message.authorId,
          body: message.body,
          created_at: message.createdAt,
        })
        .execute();
      return true;
    },

    async thread(caseId) {
      if (!UUID.test(caseId)) return [];
      const rows = await db
        .selectFrom('case_messages as m')
        .leftJoin('users as u', 'u.id', 'm.author_id')
        .select([
          'm.id',
          'm.direction',
          'm.author_role',
          'm.body',
          'm.created_at',
          'm.read_at',
          'u.display_name',
        ])
        .where('m.case_id', '=', caseId)
        .orderBy('m.created_at')
        .orderBy('m.id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        direction: r.direction,
        authorRole: r.author_role,
        authorName: r.display_name,
        body: r.body,
        createdAt: new Date(r.created_at),
        readAt: r.read_at ? new Date(r.read_at) : null,
      }));
    },

    async countUnread(caseId, direction) {
      if (!UUID.test(caseId)) return 0;
      const row = await db
        .selectFrom('case_messages')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('case_id', '=', caseId)
        .where('direction', '=', direction)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async markRead(caseId, direction, at) {
      if (!UUID.test(caseId)) return 0;
      const r = await db
        .updateTable('case_messages')
        .set({ read_at: at })
        .where('case_id', '=', caseId)
        .where('direction', '=', direction)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
