/** The facts letters are written from, and the letters stored in a case (document + row). */
import type { Kysely } from 'kysely';
import type { LetterRecords, LetterRow, StoredLetter } from '../../application/ports.ts';
import { caseContacts } from './receipt-records.ts';
import type { Database } from './schema.ts';

type Address = {
  careOf?: string | null;
  street?: string;
  houseNumber?: string | null;
  postalCode?: string;
  place?: string;
};

const addressLines = (a: Address | undefined) =>
  a
    ? [
        a.careOf ? `c/o ${a.careOf}` : '',
        [a.street, a.houseNumber].filter(Boolean).join(' '),
        [a.postalCode, a.place].filter(Boolean).join(' '),
      ].filter(Boolean)
    : [];

const asDate = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export function letterRecords(db: Kysely<Database>): LetterRecords {
  return {
    async load(caseId) {
      const row = await db
        .selectFrom('cases as c')
        .leftJoin('organisations as o', 'o.id', 'c.authority_id')
        .leftJoin('applications as a', 'a.case_id', 'c.id')
        .select(['c.case_number', 'c.received_at', 'c.channel', 'o.name as authority_name', 'a.content'])
        .where('c.id', '=', caseId)
        .executeTakeFirst();
      if (!row) return null;
      const [persons, history, contacts] = await Promise.all([
        db
          .selectFrom('persons')
          .select(['given_names', 'family_name', 'birth_date', 'nationality_code', 'address'])
          .where('case_id', '=', caseId)
          .orderBy('position')
          .execute(),
        db
          .selectFrom('case_history')
          .select(['version', 'event_type', 'at', 'data'])
          .where('case_id', '=', caseId)
          .orderBy('version')
          .execute(),
        caseContacts(db).of(caseId),
      ]);
      const rep = (row.content as { representative?: Record<string, unknown> } | null)?.representative;
      const representative =
        rep?.kind === 'person'
          ? {
              name: `${String(rep.givenNames ?? '')} ${String(rep.familyName ?? '')}`.trim(),
              organisation: null,
              address: addressLines(rep.address as Address | undefined),
            }
          : rep?.kind === 'organisation'
            ? {
                name: String(rep.contactPerson ?? ''),
                organisation: String(rep.organisationName ?? ''),
                address: addressLines(rep.address as Address | undefined),
              }
            : null;
      return {
        caseNumber: row.case_number,
        receivedAt: new Date(row.received_at),
        channel: row.channel,
        persons: persons.map((p) => ({
          givenNames: p.given_names,
          familyName: p.family_name,
          birthDate: p.birth_date,
          nationalityCode: p.nationality_code,
          address: (p.address as Address | null) ?? null,
        })),
        authority: row.authority_name ? { name: row.authority_name } : null,
        representative,
        emails: contacts?.applicantEmails ?? [],
        history: history.map((h) => ({
          version: h.version,
          eventType: h.event_type,
          at: new Date(h.at),
          data: h.data,
        })),
      };
    },

    async documentRequest(caseId, requestId) {
      const r = await db
        .selectFrom('document_requests')
        .select(['text', 'due_on'])
        .where('id', '=', requestId)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return r ? { text: r.text, dueOn: asDate(r.due_on) } : null;
    },

    async find(idempotencyKey) {
      const r = await db
        .selectFrom('letters as l')
        .innerJoin('documents as d', 'd.id', 'l.document_id')
        .select([
          'l.id',
          'l.document_id',
          'd.blob_key',
          'l.template_id',
          'l.template_version',
          'l.addressee_kind',
          'l.channel',
        ])
        .where('l.idempotency_key', '=', idempotencyKey)
        .executeTakeFirst();
      return r
        ? {
            id: r.id,
            documentId: r.document_id,
            blobKey: r.blob_key,
            templateId: r.template_id,
            templateVersion: r.template_version,
            addressee: r.addressee_kind,
            channel: r.channel,
          }
        : null;
    },

    async record(caseId, letter) {
      await db.transaction().execute(async (trx) => {
        await insertLetter(trx, caseId, letter);
      });
    },
  };
}

/** Inserts a letter's document and row; used inside a caller's transaction (the receipt's too). */
export async function insertLetter(
  trx: Kysely<Database>,
  caseId: string,
  letter: StoredLetter & { sha256: string; size: number; fileName: string; idempotencyKey: string },
): Promise<void> {
  await trx
    .insertInto('documents')
    .values({
      id: letter.documentId,
      case_id: caseId,
      category: 'letter',
      file_name: letter.fileName,
      content_type: 'application/pdf',
      size: letter.size,
      sha256: letter.sha256,
      blob_key: letter.blobKey,
      scan_status: 'not_scanned',
      uploaded_by_role: 'system',
    })
    .execute();
  await trx
    .insertInto('letters')
    .values({
      id: letter.id,
      case_id: caseId,
      document_id: letter.documentId,
      template_id: letter.templateId,
      template_version: letter.templateVersion,
      addressee_kind: letter.addressee,
      channel: letter.channel,
      idempotency_key: letter.idempotencyKey,
    })
    .execute();
}

/** The letters of a case for the office's list, oldest first. */
export async function lettersOfCase(db: Kysely<Database>, caseId: string): Promise<LetterRow[]> {
  const rows = await db
    .selectFrom('letters as l')
    .innerJoin('documents as d', 'd.id', 'l.document_id')
    .select([
      'l.id',
      'l.document_id',
      'd.file_name',
      'l.template_id',
      'l.template_version',
      'l.addressee_kind',
      'l.channel',
      'l.created_at',
    ])
    .where('l.case_id', '=', caseId)
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    documentId: r.document_id,
    fileName: r.file_name,
    templateId: r.template_id,
    templateVersion: r.template_version,
    addressee: r.addressee_kind,
    channel: r.channel,
    createdAt: r.created_at,
  }));
}
