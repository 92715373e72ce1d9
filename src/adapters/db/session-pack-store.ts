/** The session packs' choices and what the members' view reads of the cases on an agenda, in PostgreSQL. */
import type { Kysely } from 'kysely';
import type { AgendaCaseSummary, PackDocumentRecord, SessionPackStore } from '../../application/ports.ts';
import type { Database } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Works on the database or inside a transaction (a Transaction is a Kysely). */
export function sessionPackStoreIn(db: Kysely<Database>): SessionPackStore {
  return {
    async summaries(caseIds) {
      const ids = caseIds.filter((id) => UUID.test(id));
      if (ids.length === 0) return [];
      const cases = await db
        .selectFrom('cases as c')
        .leftJoin('organisations as o', 'o.id', 'c.authority_id')
        .leftJoin('applications as a', 'a.case_id', 'c.id')
        .select([
          'c.id',
          'c.case_number',
          'c.channel',
          'c.received_at',
          'o.name as authority_name',
          'a.content',
        ])
        .where('c.id', 'in', ids)
        .execute();
      const persons = await db
        .selectFrom('persons')
        .select(['case_id', 'given_names', 'family_name', 'birth_date', 'nationality_code', 'relation'])
        .where('case_id', 'in', ids)
        .orderBy('case_id')
        .orderBy('position')
        .execute();
      const byId = new Map(cases.map((c) => [c.id, c]));
      return ids.flatMap((id): AgendaCaseSummary[] => {
        const c = byId.get(id);
        if (!c) return [];
        return [
          {
            caseId: c.id,
            caseNumber: c.case_number,
            channel: c.channel,
            receivedAt: new Date(c.received_at),
            authorityName: c.authority_name,
            application: c.content ?? null,
            persons: persons
              .filter((p) => p.case_id === id)
              .map((p) => ({
                givenNames: p.given_names,
                familyName: p.family_name,
                birthDate: p.birth_date,
                nationalityCode: p.nationality_code,
                relation: p.relation,
              })),
          },
        ];
      });
    },

    async documents(sessionId, caseIds) {
      const ids = caseIds.filter((id) => UUID.test(id));
      if (!UUID.test(sessionId) || ids.length === 0) return [];
      const rows = await db
        .selectFrom('documents as d')
        .leftJoin('session_pack_documents as p', (join) =>
          join.onRef('p.document_id', '=', 'd.id').on('p.session_id', '=', sessionId),
        )
        .select([
          'd.id',
          'd.case_id',
          'd.category',
          'd.special_category',
          'd.file_name',
          'd.content_type',
          'd.size',
          'd.blob_key',
          'd.created_at',
          'p.special_included',
          'p.document_id as chosen',
        ])
        .where('d.case_id', 'in', ids)
        .orderBy('d.created_at')
        .orderBy('d.id')
        .execute();
      return rows.map(
        (r): PackDocumentRecord => ({
          id: r.id,
          caseId: r.case_id,
          category: r.category,
          specialCategory: r.special_category,
          fileName: r.file_name,
          contentType: r.content_type,
          size: Number(r.size),
          blobKey: r.blob_key,
          createdAt: new Date(r.created_at),
          choice: r.chosen ? { specialIncluded: r.special_included === true } : null,
        }),
      );
    },

    async choose(sessionId, caseId, choices, by, at) {
      await db
        .deleteFrom('session_pack_documents')
        .where('session_id', '=', sessionId)
        .where('case_id', '=', caseId)
        .execute();
      if (choices.length === 0) return;
      await db
        .insertInto('session_pack_documents')
        .values(
          choices.map((c) => ({
            session_id: sessionId,
            case_id: caseId,
            document_id: c.documentId,
            special_included: c.specialIncluded,
            selected_by: by,
            selected_at: at,
          })),
        )
        .execute();
    },
  };
}
