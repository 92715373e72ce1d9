/** Writes a filed application (persons, documents, content) in the transaction that creates its case. */
import { type Expression, type RawBuilder, sql, type Transaction } from 'kysely';
import type { FilingStore } from '../../application/ports.ts';
import type { Database } from './schema.ts';

/** The indexed text of a case (migrations/0005): German stemming over the unaccented text. */
export function searchVector(text: string | Expression<unknown>): RawBuilder<string> {
  return sql<string>`to_tsvector('german', unaccent(${text}))`;
}

export function filingStoreIn(trx: Transaction<Database>): FilingStore {
  return {
    async insertPersons(caseId, persons) {
      if (persons.length === 0) return;
      await trx
        .insertInto('persons')
        .values(
          persons.map((p) => ({
            id: p.id,
            case_id: caseId,
            position: p.position,
            family_name: p.familyName,
            given_names: p.givenNames,
            birth_date: p.birthDate,
            birth_place: p.birthPlace,
            nationality_code: p.nationalityCode,
            relation: p.relation,
            address: JSON.stringify(p.address),
            municipality_ags: p.municipalityAgs,
          })),
        )
        .execute();
    },

    async insertDocuments(caseId, documents) {
      if (documents.length === 0) return;
      await trx
        .insertInto('documents')
        .values(
          documents.map((d) => ({
            id: d.id,
            case_id: caseId,
            person_id: d.personId,
            evidence_item: d.evidenceItem,
            category: d.category,
            special_category: d.specialCategory,
            file_name: d.fileName,
            content_type: d.contentType,
            size: d.size,
            sha256: d.sha256,
            blob_key: d.blobKey,
            flags: d.flags,
            uploaded_by_role: d.uploadedByRole,
          })),
        )
        // A later document handed over twice (a retried upload) is filed once.
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    async indexForSearch(caseId, index) {
      await sql`UPDATE cases SET search_text = ${searchVector(index.text)},
        search_names = ${index.names} WHERE id = ${caseId}`.execute(trx);
    },

    async insertApplication(caseId, application) {
      await trx
        .insertInto('applications')
        .values({
          case_id: caseId,
          content: JSON.stringify(application.content),
          language: application.language,
          submitted_at: application.submittedAt,
        })
        .execute();
    },
  };
}
