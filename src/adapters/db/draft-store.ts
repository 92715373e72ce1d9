/** Drafts and their evidence files; usable on the database or inside a use case's transaction. */
import type { Kysely, Selectable } from 'kysely';
import type { DraftDocument, DraftRecord, DraftStore } from '../../application/ports.ts';
import type { Database, DraftDocumentsTable, DraftsTable } from './schema.ts';

function toRecord(row: Selectable<DraftsTable>): DraftRecord {
  return {
    id: row.id,
    content: row.content,
    contactEmail: row.contact_email,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: new Date(row.updated_at),
    expiresAt: new Date(row.expires_at),
    submittedAt: row.submitted_at,
    caseId: row.case_id,
  };
}

function toDocument(row: Selectable<DraftDocumentsTable>): DraftDocument {
  return {
    id: row.id,
    evidenceItem: row.evidence_item,
    fileName: row.file_name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    blobKey: row.blob_key,
    flags: row.flags,
    createdAt: row.created_at,
  };
}

export function draftStoreIn(db: Kysely<Database>): DraftStore {
  return {
    async create(draft) {
      await db
        .insertInto('drafts')
        .values({
          id: draft.id,
          resume_token_hash: draft.tokenHash,
          content: JSON.stringify(draft.content),
          created_at: draft.now,
          updated_at: draft.now,
          expires_at: draft.expiresAt,
          owner_user_id: draft.ownerUserId ?? null,
        })
        .execute();
    },

    async setAccountToken(id, tokenHash) {
      await db.updateTable('drafts').set({ account_token_hash: tokenHash }).where('id', '=', id).execute();
    },

    async findByTokenHash(tokenHash) {
      const row = await db
        .selectFrom('drafts')
        .selectAll()
        .where((eb) =>
          eb.or([eb('resume_token_hash', '=', tokenHash), eb('account_token_hash', '=', tokenHash)]),
        )
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async findById(id) {
      const row = await db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async loadForUpdate(id) {
      const row = await db
        .selectFrom('drafts')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async save(id, change) {
      const result = await db
        .updateTable('drafts')
        .set((eb) => ({
          content: JSON.stringify(change.content),
          version: eb('version', '+', 1),
          updated_at: change.now,
          expires_at: change.expiresAt,
        }))
        .where('id', '=', id)
        .where('version', '=', change.expectedVersion)
        .where('submitted_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async setContactEmail(id, email) {
      await db.updateTable('drafts').set({ contact_email: email }).where('id', '=', id).execute();
    },

    async markSubmitted(id, caseId, at) {
      await db
        .updateTable('drafts')
        .set({ submitted_at: at, case_id: caseId })
        .where('id', '=', id)
        .execute();
    },

    async documents(draftId) {
      const rows = await db
        .selectFrom('draft_documents')
        .selectAll()
        .where('draft_id', '=', draftId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toDocument);
    },

    async addDocument(draftId, d) {
      await db
        .insertInto('draft_documents')
        .values({
          id: d.id,
          draft_id: draftId,
          evidence_item: d.evidenceItem,
          file_name: d.fileName,
          content_type: d.contentType,
          size: d.size,
          sha256: d.sha256,
          blob_key: d.blobKey,
          flags: d.flags,
          created_at: d.createdAt,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    },

    async purgeExpired(now) {
      const expired = db
        .selectFrom('drafts')
        .select('id')
        .where('submitted_at', 'is', null)
        .where('expires_at', '<', now);
      const files = await db
        .selectFrom('draft_documents')
        .select('blob_key')
        .where('draft_id', 'in', expired)
        .execute();
      await db.deleteFrom('drafts').where('submitted_at', 'is', null).where('expires_at', '<', now).execute();
      return files.map((f) => f.blob_key);
    },

    async removeDocument(draftId, documentId) {
      const row = await db
        .deleteFrom('draft_documents')
        .where('draft_id', '=', draftId)
        .where('id', '=', documentId)
        .returningAll()
        .executeTakeFirst();
      return row ? toDocument(row) : null;
    },
  };
}
