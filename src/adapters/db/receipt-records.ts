/** The receipt's facts from the filed application, and the stored receipt linked back to it. */
import type { Kysely } from 'kysely';
import type { CaseContacts, FiledCaseLookup, ReceiptRecords } from '../../application/ports.ts';
import type { Database } from './schema.ts';

export function receiptRecords(db: Kysely<Database>): ReceiptRecords {
  return {
    async load(caseId) {
      const row = await db
        .selectFrom('cases as c')
        .leftJoin('applications as a', 'a.case_id', 'c.id')
        .leftJoin('documents as r', (join) =>
          // Online: the receipt linked to the application; on paper: the receipt document of the case.
          join.on((eb) =>
            eb.or([
              eb('r.id', '=', eb.ref('a.receipt_document_id')),
              eb.and([
                eb('a.case_id', 'is', null),
                eb('r.case_id', '=', eb.ref('c.id')),
                eb('r.category', '=', 'receipt'),
              ]),
            ]),
          ),
        )
        .leftJoin('drafts as d', 'd.case_id', 'c.id')
        .select([
          'c.case_number',
          'c.received_at',
          'c.channel',
          'a.content',
          'r.id as receipt_id',
          'r.blob_key as receipt_blob_key',
          'd.contact_email',
        ])
        .where('c.id', '=', caseId)
        .executeTakeFirst();
      if (!row) return null;
      const documents = await db
        .selectFrom('documents')
        .select(['file_name', 'category', 'size', 'sha256'])
        .where('case_id', '=', caseId)
        .where('category', 'not in', ['receipt', 'application_copy', 'letter'])
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const persons = row.content
        ? []
        : await db
            .selectFrom('persons')
            .select(['family_name', 'given_names', 'birth_date', 'nationality_code', 'address'])
            .where('case_id', '=', caseId)
            .orderBy('position')
            .execute();
      const representative = (
        row.content as { representative?: { kind?: string; email?: string | null } } | null
      )?.representative;
      const repEmail = representative?.kind !== 'none' ? (representative?.email ?? null) : null;
      const recipient = repEmail ?? row.contact_email;
      return {
        caseNumber: row.case_number,
        receivedAt: new Date(row.received_at),
        channel: row.channel,
        application: row.content ?? null,
        registeredPersons: persons.map((p) => {
          const a = p.address as {
            careOf?: string | null;
            street?: string;
            houseNumber?: string | null;
            postalCode?: string;
            place?: string;
          } | null;
          return {
            familyName: p.family_name,
            givenNames: p.given_names,
            birthDate: p.birth_date,
            nationalityCode: p.nationality_code,
            address:
              a?.street && a.postalCode
                ? {
                    careOf: a.careOf ?? null,
                    street: a.street,
                    houseNumber: a.houseNumber ?? null,
                    postalCode: a.postalCode,
                    place: a.place ?? '',
                  }
                : null,
          };
        }),
        documents: documents.map((d) => ({
          fileName: d.file_name,
          category: d.category,
          size: Number(d.size),
          sha256: d.sha256,
        })),
        receipt:
          row.receipt_id && row.receipt_blob_key
            ? { documentId: row.receipt_id, blobKey: row.receipt_blob_key }
            : null,
        recipients: recipient ? [recipient] : [],
      };
    },

    async record(caseId, { receipt, applicationCopy }, letter) {
      await db.transaction().execute(async (trx) => {
        const row = (
          d: { id: string; blobKey: string; sha256: string; size: number },
          category: string,
          fileName: string,
        ) => ({
          id: d.id,
          case_id: caseId,
          category,
          file_name: fileName,
          content_type: 'application/pdf',
          size: d.size,
          sha256: d.sha256,
          blob_key: d.blobKey,
          scan_status: 'not_scanned' as const,
          uploaded_by_role: 'system',
        });
        await trx
          .insertInto('documents')
          .values([
            row(receipt, 'receipt', 'Eingangsbestaetigung.pdf'),
            ...(applicationCopy ? [row(applicationCopy, 'application_copy', 'Antrag.pdf')] : []),
          ])
          .execute();
        await trx
          .updateTable('applications')
          .set({ receipt_document_id: receipt.id })
          .where('case_id', '=', caseId)
          .execute();
        if (letter) {
          await trx
            .insertInto('letters')
            .values({
              id: letter.id,
              case_id: caseId,
              document_id: receipt.id,
              template_id: letter.templateId,
              template_version: letter.templateVersion,
              addressee_kind: letter.addressee,
              channel: letter.channel,
              idempotency_key: letter.idempotencyKey,
            })
            .execute();
        }
      });
    },
  };
}

export function filedCaseLookup(db: Kysely<Database>): FiledCaseLookup {
  const records = receiptRecords(db);
  return {
    async confirmation(caseId) {
      const [facts, row] = await Promise.all([
        records.load(caseId),
        db.selectFrom('cases').select(['state', 'version']).where('id', '=', caseId).executeTakeFirst(),
      ]);
      if (!facts || !row) return null;
      return {
        caseNumber: facts.caseNumber,
        state: row.state,
        version: row.version,
        receiptBlobKey: facts.receipt?.blobKey ?? null,
        mailed: facts.recipients.length > 0,
      };
    },

    async submittedDocuments(caseId) {
      const rows = await db
        .selectFrom('documents')
        .select(['id', 'evidence_item', 'file_name', 'size', 'created_at'])
        .where('case_id', '=', caseId)
        .where('uploaded_by_role', 'in', ['applicant', 'representative'])
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        evidenceItem: r.evidence_item,
        fileName: r.file_name,
        size: Number(r.size),
        createdAt: r.created_at,
      }));
    },
  };
}

/** Contacts for the notices of a case: the authority's address and the applicant's or representative's. */
export function caseContacts(db: Kysely<Database>): CaseContacts {
  const records = receiptRecords(db);
  return {
    async of(caseId) {
      const row = await db
        .selectFrom('cases as c')
        .leftJoin('organisations as o', 'o.id', 'c.authority_id')
        .select(['c.case_number', 'o.email'])
        .where('c.id', '=', caseId)
        .executeTakeFirst();
      if (!row) return null;
      const facts = await records.load(caseId);
      return {
        caseNumber: row.case_number,
        authorityEmail: row.email,
        applicantEmails: facts?.recipients ?? [],
      };
    },
  };
}
