/** Reads cases for the office: the list, one case file, one document. */
import { type Kysely, sql } from 'kysely';
import type { CaseFileReader, InboxRow } from '../../application/ports.ts';
import type { CaseSnapshot } from '../../domain/case/index.ts';
import { documentRequestReader } from './case-desk.ts';
import { lettersOfCase } from './letter-records.ts';
import type { Database } from './schema.ts';

/** How many of the newest cases with every name of a search are ranked by the spelling typed. */
const RANKED = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The statement's due date (a calendar date: the office enters days, stored as noon UTC, so the UTC
 * date is the German date) while it is awaited, and the earliest open request for documents.
 */
const statementDue = sql<string | null>`case when c.state = 'statement_requested'
  then to_char(((c.snapshot ->> 'statementDueAt')::timestamptz at time zone 'UTC')::date, 'YYYY-MM-DD') end`;
const documentsDue = sql<
  string | null
>`(select to_char(min(dr.due_on), 'YYYY-MM-DD') from document_requests dr
  where dr.case_id = c.id and dr.answered_at is null)`;

export function caseFileReader(db: Kysely<Database>): CaseFileReader {
  return {
    async authorities() {
      const rows = await db
        .selectFrom('organisations')
        .select(['id', 'name'])
        .where('kind', '=', 'immigration_authority')
        .where('active', '=', true)
        .orderBy('name')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name }));
    },

    async authoritiesWithCases() {
      const rows = await db
        .selectFrom('organisations as o')
        .select(['o.id', 'o.name'])
        .where('o.kind', '=', 'immigration_authority')
        .where((eb) =>
          eb.exists(eb.selectFrom('cases as c').select('c.id').whereRef('c.authority_id', '=', 'o.id')),
        )
        .orderBy('o.name')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.name }));
    },

    async inbox(filter) {
      if (filter.authorityId && !UUID.test(filter.authorityId)) return [];
      // Two steps: which cases and in which order is decided on the case row alone (every filter and
      // the search columns are there, each with its index), and only the page that is shown gets its
      // joins and per-row subqueries (names, deadlines, unread messages). A search for a common word
      // matches thousands of cases; joining and sorting them all cost seconds on 100,000 cases.
      // A later page: the ids up to its end are chosen (cheap, ids only) and the page is cut from them,
      // so that the name-first order and the spelled-alike fallback stay the same on every page.
      const offset = Math.max(0, filter.offset ?? 0);
      const upTo = offset + filter.limit;
      let chosen = db.selectFrom('cases as c').select('c.id').limit(upTo);
      if (filter.states && filter.states.length > 0)
        chosen = chosen.where('c.state', 'in', [...filter.states]);
      if (filter.assigneeId) chosen = chosen.where('c.assignee_id', '=', filter.assigneeId);
      if (filter.authorityId) chosen = chosen.where('c.authority_id', '=', filter.authorityId);
      if (filter.overdueOn)
        chosen = chosen.where(sql<boolean>`least(${statementDue}, ${documentsDue}) < ${filter.overdueOn}`);
      if (filter.unreadMessages)
        chosen = chosen.where(
          sql<boolean>`exists (select 1 from case_messages m where m.case_id = c.id and m.direction = 'from_applicant' and m.read_at is null)`,
        );
      const newestFirst = <T extends typeof chosen>(qb: T) =>
        qb.orderBy('c.received_at', 'desc').orderBy('c.case_number', 'desc') as T;

      const q = filter.query;
      const text = q?.text.trim() ?? '';
      let ids: string[];
      if (q && text !== '') {
        const like = `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        // The text-search queries first, as values: planned with a constant, PostgreSQL knows from the
        // column statistics whether a word is rare (find the cases by the GIN index, then sort the few)
        // or common (walk the cases newest first and stop after one page).
        const parsed = await sql<{ words: string; keys: string | null }>`select
            websearch_to_tsquery('german', unaccent(${text}))::text as words,
            case when ${q.nameKey} <> '' then plainto_tsquery('simple', ${q.nameKey})::text end as keys`.execute(
          db,
        );
        const words = parsed.rows[0]?.words ?? '';
        const keys = parsed.rows[0]?.keys || null;
        const other = chosen.where((eb) =>
          eb.or([
            eb('c.case_number', 'ilike', like),
            ...(words !== '' ? [sql<boolean>`c.search_text @@ ${words}::tsquery`] : []),
          ]),
        );
        // Every name of the query in its folded spelling first, then the other hits; newest first.
        ids = [];
        if (keys) {
          // Among the newest of them the spelling closest to the one typed first (Đurđevac before
          // Đurđević for „Djurdjevac“: both fold to the same key). Only among the newest RANKED: for a
          // common name (a thousand cases) the similarity of all of them cost 50–100 ms a search.
          const typed = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
          const named = await newestFirst(
            chosen
              .clearLimit()
              .limit(Math.max(upTo, RANKED))
              .select(sql<number>`word_similarity(${typed}, c.search_names)`.as('alike'))
              .where(sql<boolean>`c.search_keys @@ ${keys}::tsquery`),
          ).execute();
          // Array.prototype.sort is stable: equally alike stay newest first.
          ids = named.sort((x, y) => Number(y.alike) - Number(x.alike)).map((r) => r.id);
        }
        if (ids.length < upTo) {
          const rest = await newestFirst(
            other
              .$if(keys !== null, (qb) =>
                qb.where(sql<boolean>`not coalesce(c.search_keys @@ ${keys}::tsquery, false)`),
              )
              .limit(upTo - ids.length),
          ).execute();
          ids = [...ids, ...rest.map((r) => r.id)];
        }
        // Nothing found: the names spelled alike beyond the folds (trigram word similarity, ranked by
        // it). Only then, and not for numbers or file names: it reads every case with a similar name
        // (a thousand rows for a common one), which cost 200–400 ms a search on 100,000 cases.
        if (q.nameKey && ids.length === 0 && !/\d/.test(text)) {
          const more = await chosen
            .where(sql<boolean>`${q.nameKey} <% c.search_names`)
            .where(sql<boolean>`word_similarity(${q.nameKey}, c.search_names) >= 0.6`)
            .orderBy(sql`word_similarity(${q.nameKey}, c.search_names)`, 'desc')
            .orderBy('c.received_at', 'desc')
            .execute();
          ids = more.map((r) => r.id);
        }
      } else if (filter.overdueOn) {
        const due = await chosen
          .orderBy(sql`least(${statementDue}, ${documentsDue})`)
          .orderBy('c.case_number')
          .execute();
        ids = due.map((r) => r.id);
      } else {
        ids = (await newestFirst(chosen).execute()).map((r) => r.id);
      }
      ids = ids.slice(offset, upTo);
      if (ids.length === 0) return [];

      const rows = await db
        .selectFrom('cases as c')
        .leftJoin('organisations as o', 'o.id', 'c.authority_id')
        .leftJoin('applications as a', 'a.case_id', 'c.id')
        .leftJoin('users as u', 'u.id', 'c.assignee_id')
        .select([
          'u.display_name as assignee_name',
          'c.id',
          'c.case_number',
          'c.state',
          'c.channel',
          'c.received_at',
          'o.name as authority_name',
          sql<string | null>`a.content #>> '{reasons,deportationDate}'`.as('deportation_date'),
          statementDue.as('statement_due'),
          documentsDue.as('documents_due'),
          sql<
            string[]
          >`coalesce((select array_agg(p.given_names || ' ' || p.family_name order by p.position) from persons p where p.case_id = c.id), '{}')`.as(
            'person_names',
          ),
          sql<number>`(select count(*)::int from case_messages m where m.case_id = c.id and m.direction = 'from_applicant' and m.read_at is null)`.as(
            'unread_messages',
          ),
        ])
        .where('c.id', 'in', ids)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.flatMap((id): InboxRow[] => {
        const r = byId.get(id);
        if (!r) return []; // deleted between the two reads
        return [
          {
            caseId: r.id,
            caseNumber: r.case_number,
            state: r.state,
            channel: r.channel,
            receivedAt: new Date(r.received_at),
            authorityName: r.authority_name,
            personNames: r.person_names,
            deportationDate: r.deportation_date,
            assigneeName: r.assignee_name,
            deadline: nearest(r.statement_due, r.documents_due),
            unreadMessages: Number(r.unread_messages),
          },
        ];
      });
    },

    async caseFile(caseId) {
      if (!UUID.test(caseId)) return null;
      const row = await db
        .selectFrom('cases as c')
        .leftJoin('organisations as o', 'o.id', 'c.authority_id')
        .leftJoin('applications as a', 'a.case_id', 'c.id')
        .leftJoin('users as u', 'u.id', 'c.assignee_id')
        .select([
          'c.id',
          'c.case_number',
          'c.state',
          'c.version',
          'c.channel',
          'c.received_at',
          'o.name as authority_name',
          'a.content',
          'u.id as assignee_id',
          'u.display_name as assignee_name',
          'c.snapshot',
        ])
        .where('c.id', '=', caseId)
        .executeTakeFirst();
      if (!row) return null;
      const [requests, notes, staff, persons, documents, history, letters] = await Promise.all([
        documentRequestReader(db).forCase(caseId),
        db
          .selectFrom('case_notes as n')
          .leftJoin('users as u', 'u.id', 'n.author_id')
          .select(['n.id', 'n.text', 'n.created_at', 'u.display_name'])
          .where('n.case_id', '=', caseId)
          .orderBy('n.created_at')
          .orderBy('n.id')
          .execute(),
        db
          .selectFrom('users')
          .select(['id', 'display_name'])
          .where('role', 'in', ['office_clerk', 'office_head'])
          .where('disabled', '=', false)
          .orderBy('display_name')
          .execute(),
        db
          .selectFrom('persons')
          .select(['family_name', 'given_names', 'birth_date', 'nationality_code', 'relation'])
          .where('case_id', '=', caseId)
          .orderBy('position')
          .execute(),
        db
          .selectFrom('documents')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
        db
          .selectFrom('case_history')
          .select([
            'version',
            'event_type',
            'actor_role',
            'at',
            sql<boolean>`coalesce(data->>'decidedBy' = 'pre_screening_committee', false)`.as('by_committee'),
          ])
          .where('case_id', '=', caseId)
          .orderBy('version')
          .execute(),
        lettersOfCase(db, caseId),
      ]);
      return {
        caseId: row.id,
        caseNumber: row.case_number,
        state: row.state,
        version: row.version,
        channel: row.channel,
        receivedAt: new Date(row.received_at),
        authorityName: row.authority_name,
        application: row.content,
        exclusionReview: (row.snapshot as unknown as CaseSnapshot).exclusionReview ?? null,
        assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
        documentRequests: requests,
        notes: notes.map((n) => ({
          id: n.id,
          authorName: n.display_name,
          text: n.text,
          createdAt: n.created_at,
        })),
        officeStaff: staff.map((u) => ({ id: u.id, name: u.display_name })),
        persons: persons.map((p) => ({
          familyName: p.family_name,
          givenNames: p.given_names,
          birthDate: p.birth_date,
          nationalityCode: p.nationality_code,
          relation: p.relation,
        })),
        documents: documents.map((d) => ({
          id: d.id,
          category: d.category,
          evidenceItem: d.evidence_item,
          specialCategory: d.special_category,
          fileName: d.file_name,
          contentType: d.content_type,
          size: Number(d.size),
          sha256: d.sha256,
          flags: d.flags,
          uploadedByRole: d.uploaded_by_role,
          createdAt: d.created_at,
        })),
        history: history.map((h) => ({
          version: h.version,
          eventType: h.event_type,
          actorRole: h.actor_role,
          at: new Date(h.at),
          byCommittee: h.by_committee,
        })),
        letters,
      };
    },

    async sameBirthYear(caseId) {
      if (!UUID.test(caseId)) return [];
      const rows = await db
        .selectFrom('persons as p1')
        .innerJoin('persons as p2', (join) =>
          join
            .onRef('p2.case_id', '!=', 'p1.case_id')
            .on(sql`left(p2.birth_date, 4)`, '=', sql`left(p1.birth_date, 4)`),
        )
        .innerJoin('cases as c2', 'c2.id', 'p2.case_id')
        .select([
          'p1.given_names as g1',
          'p1.family_name as f1',
          'p2.given_names as g2',
          'p2.family_name as f2',
          'c2.id as other_id',
          'c2.case_number',
          'c2.state',
          'c2.received_at',
        ])
        .where('p1.case_id', '=', caseId)
        .limit(2000)
        .execute();
      return rows.map((r) => ({
        person: { givenNames: r.g1, familyName: r.f1 },
        other: {
          caseId: r.other_id,
          caseNumber: r.case_number,
          state: r.state,
          receivedAt: new Date(r.received_at),
          givenNames: r.g2,
          familyName: r.f2,
        },
      }));
    },

    async document(caseId, documentId) {
      if (!UUID.test(caseId) || !UUID.test(documentId)) return null;
      const row = await db
        .selectFrom('documents')
        .select(['blob_key', 'file_name', 'content_type', 'special_category', 'uploaded_by_role'])
        .where('id', '=', documentId)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return row
        ? {
            blobKey: row.blob_key,
            fileName: row.file_name,
            contentType: row.content_type,
            specialCategory: row.special_category,
            uploadedByRole: row.uploaded_by_role,
          }
        : null;
    },
  };
}

function nearest(statement: string | null, documents: string | null): InboxRow['deadline'] {
  if (statement && (!documents || statement <= documents)) return { kind: 'statement', dueOn: statement };
  return documents ? { kind: 'documents', dueOn: documents } : null;
}
