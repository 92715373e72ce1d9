/**
 * The immigration authority's portal over the database: its cases (only those whose file lies with it),
 * what it may be shown of one, and its statements. Nothing here reads notes, messages, sessions or votes.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type {
  AuthorityCaseFile,
  AuthorityPortalReader,
  AuthorityReport,
  AuthorityStatementRecord,
  AuthorityStatementStore,
} from '../../application/ports.ts';
import type { Database } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Feedback = AuthorityCaseFile['authorityFeedback'];

function feedbackOf(snapshot: unknown): Feedback {
  const value = (snapshot as { authorityFeedback?: unknown } | null)?.authorityFeedback;
  if (!value || typeof value !== 'object') return null;
  const { stage, decision } = value as { stage?: unknown; decision?: unknown };
  return (stage === 'intended' || stage === 'final') && (decision === 'grant' || decision === 'refuse')
    ? { stage, decision }
    : null;
}

function dueOf(state: string, snapshot: unknown): string | null {
  const due = (snapshot as { statementDueAt?: unknown } | null)?.statementDueAt;
  return state === 'statement_requested' && typeof due === 'string' ? due : null;
}

function statementRow(r: {
  id: string;
  case_id: string;
  authority_id: string;
  author_id: string | null;
  document_id: string | null;
  case_version: number;
  status_summary: string;
  statement: string;
  residence_situation: string;
  deportation_date: string | null;
  attachment_ids: string[];
  created_at: Date;
}): AuthorityStatementRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    authorityId: r.authority_id,
    authorId: r.author_id,
    documentId: r.document_id,
    caseVersion: r.case_version,
    statusSummary: r.status_summary,
    statement: r.statement,
    residenceSituation: r.residence_situation,
    deportationDate: r.deportation_date,
    attachmentIds: r.attachment_ids ?? [],
    createdAt: new Date(r.created_at),
  };
}

async function statementsOf(db: Kysely<Database>, caseId: string) {
  const rows = await db
    .selectFrom('authority_statements')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('case_version')
    .execute();
  return rows.map(statementRow);
}

async function reportsOf(db: Kysely<Database>, caseId: string): Promise<AuthorityReport[]> {
  const rows = await db
    .selectFrom('case_history')
    .select(['version', 'at', 'actor_role', 'data'])
    .where('case_id', '=', caseId)
    .where('event_type', '=', 'AuthorityFeedbackReceived')
    .orderBy('version')
    .execute();
  return rows.map((r) => {
    const data = r.data as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
    return {
      version: r.version,
      at: new Date(r.at),
      actorRole: r.actor_role,
      stage: data.stage === 'final' ? 'final' : 'intended',
      decision: data.decision === 'refuse' ? 'refuse' : 'grant',
      reasons: text(data.reasons),
      decidedOn: text(data.decidedOn),
      conditions: Array.isArray(data.conditions) ? data.conditions.filter((c) => typeof c === 'string') : [],
    };
  });
}

export function authorityPortalReader(db: Kysely<Database>): AuthorityPortalReader {
  return {
    async authorityName(authorityId) {
      if (!UUID.test(authorityId)) return null;
      const row = await db
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', authorityId)
        .where('kind', '=', 'immigration_authority')
        .executeTakeFirst();
      return row?.name ?? null;
    },

    async cases(authorityId) {
      if (!UUID.test(authorityId)) return [];
      const rows = await db
        .selectFrom('cases as c')
        .select([
          'c.id',
          'c.case_number',
          'c.state',
          'c.received_at',
          'c.snapshot',
          sql<
            string[]
          >`coalesce((select array_agg(p.given_names || ' ' || p.family_name order by p.position) from persons p where p.case_id = c.id), '{}')`.as(
            'person_names',
          ),
          sql<Date | null>`(select max(l.created_at) from letters l where l.case_id = c.id and l.addressee_kind = 'authority')`.as(
            'latest_letter_at',
          ),
        ])
        .where('c.authority_id', '=', authorityId)
        .orderBy('c.received_at', 'desc')
        .orderBy('c.case_number', 'desc')
        .limit(1000)
        .execute();
      return rows.map((r) => ({
        caseId: r.id,
        caseNumber: r.case_number,
        state: r.state,
        receivedAt: new Date(r.received_at),
        personNames: r.person_names,
        statementDueAt: dueOf(r.state, r.snapshot),
        authorityFeedback: feedbackOf(r.snapshot),
        latestLetterAt: r.latest_letter_at ? new Date(r.latest_letter_at) : null,
      }));
    },

    async caseFile(authorityId, caseId) {
      if (!UUID.test(authorityId) || !UUID.test(caseId)) return null;
      const row = await db
        .selectFrom('cases as c')
        .innerJoin('organisations as o', 'o.id', 'c.authority_id')
        .select(['c.id', 'c.case_number', 'c.state', 'c.version', 'c.received_at', 'c.snapshot', 'o.name'])
        .where('c.id', '=', caseId)
        .where('c.authority_id', '=', authorityId)
        .executeTakeFirst();
      if (!row) return null;
      const persons = await db
        .selectFrom('persons')
        .select(['family_name', 'given_names', 'birth_date', 'nationality_code', 'relation'])
        .where('case_id', '=', caseId)
        .orderBy('position')
        .execute();
      const documents = await db
        .selectFrom('documents as d')
        .leftJoin('letters as l', 'l.document_id', 'd.id')
        .select([
          'd.id',
          'd.category',
          'd.special_category',
          'l.addressee_kind',
          'd.file_name',
          'd.content_type',
          'd.size',
          'd.uploaded_by_role',
          'd.created_at',
        ])
        .where('d.case_id', '=', caseId)
        .orderBy('d.created_at')
        .orderBy('d.id')
        .execute();
      return {
        caseId: row.id,
        caseNumber: row.case_number,
        state: row.state,
        version: row.version,
        receivedAt: new Date(row.received_at),
        authorityId,
        authorityName: row.name,
        statementDueAt: dueOf(row.state, row.snapshot),
        authorityFeedback: feedbackOf(row.snapshot),
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
          specialCategory: d.special_category,
          letterAddressee: d.addressee_kind ?? null,
          fileName: d.file_name,
          contentType: d.content_type,
          size: Number(d.size),
          uploadedByRole: d.uploaded_by_role,
          createdAt: new Date(d.created_at),
        })),
        statements: await statementsOf(db, caseId),
        reports: await reportsOf(db, caseId),
      };
    },

    async document(authorityId, caseId, documentId) {
      if (!UUID.test(authorityId) || !UUID.test(caseId) || !UUID.test(documentId)) return null;
      const row = await db
        .selectFrom('documents as d')
        .innerJoin('cases as c', 'c.id', 'd.case_id')
        .leftJoin('letters as l', 'l.document_id', 'd.id')
        .select([
          'd.blob_key',
          'd.file_name',
          'd.content_type',
          'd.category',
          'd.special_category',
          'l.addressee_kind',
        ])
        .where('d.id', '=', documentId)
        .where('d.case_id', '=', caseId)
        .where('c.authority_id', '=', authorityId)
        .executeTakeFirst();
      return row
        ? {
            blobKey: row.blob_key,
            fileName: row.file_name,
            contentType: row.content_type,
            category: row.category,
            specialCategory: row.special_category,
            letterAddressee: row.addressee_kind ?? null,
          }
        : null;
    },

    async forOffice(caseId) {
      if (!UUID.test(caseId)) return { statements: [], reports: [] };
      return { statements: await statementsOf(db, caseId), reports: await reportsOf(db, caseId) };
    },
  };
}

/** The portal's writes inside the use case's transaction. */
export function authorityStatementStoreIn(
  trx: Transaction<Database> | Kysely<Database>,
): AuthorityStatementStore {
  return {
    async authorityOf(caseId) {
      if (!UUID.test(caseId)) return null;
      const row = await trx
        .selectFrom('cases')
        .select('authority_id')
        .where('id', '=', caseId)
        .executeTakeFirst();
      return row?.authority_id ?? null;
    },
    async insert(record) {
      await trx
        .insertInto('authority_statements')
        .values({
          id: record.id,
          case_id: record.caseId,
          authority_id: record.authorityId,
          author_id: record.authorId,
          document_id: record.documentId,
          case_version: record.caseVersion,
          status_summary: record.statusSummary,
          statement: record.statement,
          residence_situation: record.residenceSituation,
          deportation_date: record.deportationDate,
          attachment_ids: record.attachmentIds,
        })
        .execute();
    },
  };
}
