/**
 * Retention in the database: the schedule of closed cases, legal holds, deletions with their tombstones,
 * the queue of files to delete after commit, and the full record of a case for its archive package.
 */
import { type Kysely, sql } from 'kysely';
import type {
  BlobDeletionQueue,
  CaseDeletionRecord,
  CaseRecord,
  LegalHold,
  PersonMatch,
  RetentionScheduleStore,
  RetentionStore,
  RetentionTransactions,
} from '../../application/ports.ts';
import type { CaseOutcome } from '../../domain/rules/profile.ts';
import { auditTrailIn } from './audit-log.ts';
import { outboxIn } from './outbox-store.ts';
import type { Database } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

/** The schedule inside a step's transaction. */
export function retentionScheduleIn(db: Kysely<Database>): RetentionScheduleStore {
  return {
    async start(caseId, start) {
      await db
        .insertInto('retention_schedule')
        .values({ case_id: caseId, outcome: start.outcome, closed_on: start.closedOn })
        .onConflict((oc) =>
          oc.column('case_id').doUpdateSet({ outcome: start.outcome, closed_on: start.closedOn }),
        )
        .execute();
    },
    async cancel(caseId) {
      await db.deleteFrom('retention_schedule').where('case_id', '=', caseId).execute();
    },
  };
}

export function retentionTransactions(db: Kysely<Database>): RetentionTransactions {
  return {
    run: (work) =>
      db
        .transaction()
        .execute((trx) =>
          work({ retention: retentionStoreIn(trx), audit: auditTrailIn(trx), outbox: outboxIn(trx) }),
        ),
  };
}

type DeletionRow = {
  case_id: string;
  case_number: string;
  outcome: string;
  received_on: string;
  closed_on: string;
  due_on: string;
  approved_by: string;
  approved_by_name: string | null;
  approved_at: Date;
  status: CaseDeletionRecord['status'];
  archive_blob_key: string | null;
  archive_sha256: string | null;
  archive_size: string | null;
  archive_fingerprint: string | null;
  archived_at: Date | null;
  deleted_at: Date | null;
  handed_over_at: Date | null;
};

function toDeletion(r: DeletionRow): CaseDeletionRecord {
  return {
    caseId: r.case_id,
    caseNumber: r.case_number,
    outcome: r.outcome as CaseOutcome,
    receivedOn: r.received_on,
    closedOn: r.closed_on,
    dueOn: r.due_on,
    approvedBy: r.approved_by,
    approvedByName: r.approved_by_name,
    approvedAt: new Date(r.approved_at),
    status: r.status,
    archive:
      r.archive_sha256 && r.archived_at
        ? {
            blobKey: r.archive_blob_key,
            sha256: r.archive_sha256,
            size: Number(r.archive_size),
            fingerprint: r.archive_fingerprint ?? '',
            at: new Date(r.archived_at),
          }
        : null,
    deletedAt: r.deleted_at ? new Date(r.deleted_at) : null,
    handedOverAt: r.handed_over_at ? new Date(r.handed_over_at) : null,
  };
}

export function retentionStoreIn(db: Kysely<Database>): RetentionStore {
  const deletionQuery = () =>
    db
      .selectFrom('case_deletions as d')
      .leftJoin('users as u', 'u.id', 'd.approved_by')
      .select([
        'd.case_id',
        'd.case_number',
        'd.outcome',
        'd.received_on',
        'd.closed_on',
        'd.due_on',
        'd.approved_by',
        'u.display_name as approved_by_name',
        'd.approved_at',
        'd.status',
        'd.archive_blob_key',
        'd.archive_sha256',
        'd.archive_size',
        'd.archive_fingerprint',
        'd.archived_at',
        'd.deleted_at',
        'd.handed_over_at',
      ]);
  const holdQuery = () =>
    db
      .selectFrom('legal_holds as h')
      .innerJoin('cases as c', 'c.id', 'h.case_id')
      .leftJoin('users as u', 'u.id', 'h.set_by')
      .select(['h.id', 'h.case_id', 'c.case_number', 'h.reason', 'u.display_name', 'h.set_at'])
      .where('h.lifted_at', 'is', null);
  const toHold = (r: {
    id: string;
    case_id: string;
    case_number: string;
    reason: string;
    display_name: string | null;
    set_at: Date;
  }): LegalHold => ({
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    reason: r.reason,
    setByName: r.display_name,
    setAt: new Date(r.set_at),
  });
  const personQuery = () =>
    db
      .selectFrom('persons as p')
      .innerJoin('cases as c', 'c.id', 'p.case_id')
      .select([
        'p.id',
        'p.case_id',
        'c.case_number',
        'p.given_names',
        'p.family_name',
        'p.birth_date',
        'p.nationality_code',
        'p.relation',
      ])
      .orderBy('c.received_at', 'desc')
      .orderBy('c.case_number')
      .orderBy('p.position');
  const toPerson = (r: {
    id: string;
    case_id: string;
    case_number: string;
    given_names: string;
    family_name: string;
    birth_date: string;
    nationality_code: string;
    relation: string | null;
  }): PersonMatch => ({
    personId: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    givenNames: r.given_names,
    familyName: r.family_name,
    birthDate: r.birth_date,
    nationalityCode: r.nationality_code,
    relation: r.relation,
  });

  async function schedule(caseId: string) {
    if (!UUID.test(caseId)) return null;
    const row = await db
      .selectFrom('retention_schedule')
      .select(['outcome', 'closed_on'])
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    return row ? { outcome: row.outcome as CaseOutcome, closedOn: row.closed_on } : null;
  }

  return {
    schedule,

    async candidates(closedOnOrBefore) {
      const rows = await db
        .selectFrom('retention_schedule as rs')
        .innerJoin('cases as c', 'c.id', 'rs.case_id')
        .leftJoin('legal_holds as h', (join) =>
          join.onRef('h.case_id', '=', 'rs.case_id').on('h.lifted_at', 'is', null),
        )
        .leftJoin('case_deletions as d', 'd.case_id', 'rs.case_id')
        .select(['rs.case_id', 'c.case_number', 'rs.outcome', 'rs.closed_on', 'h.set_at', 'd.status'])
        .where('rs.closed_on', '<=', closedOnOrBefore)
        .orderBy('rs.closed_on')
        .orderBy('c.case_number')
        .execute();
      return rows.map((r) => ({
        caseId: r.case_id,
        caseNumber: r.case_number,
        outcome: r.outcome as CaseOutcome,
        closedOn: r.closed_on,
        hold: r.set_at ? { since: new Date(r.set_at) } : null,
        deletion: r.status ?? null,
      }));
    },

    async lockCase(caseId) {
      if (!UUID.test(caseId)) return null;
      const row = await db
        .selectFrom('cases')
        .select(['case_number', 'state', 'received_at'])
        .where('id', '=', caseId)
        .forUpdate()
        .executeTakeFirst();
      return row
        ? { caseNumber: row.case_number, state: row.state, receivedAt: new Date(row.received_at) }
        : null;
    },

    async caseState(caseId) {
      if (!UUID.test(caseId)) return null;
      const row = await db.selectFrom('cases').select('state').where('id', '=', caseId).executeTakeFirst();
      return row?.state ?? null;
    },

    async activeHold(caseId) {
      if (!UUID.test(caseId)) return null;
      const row = await holdQuery().where('h.case_id', '=', caseId).executeTakeFirst();
      return row ? toHold(row) : null;
    },

    async activeHolds() {
      const rows = await holdQuery().orderBy('h.set_at').execute();
      return rows.map(toHold);
    },

    async setHold(hold) {
      await db
        .insertInto('legal_holds')
        .values({
          id: hold.id,
          case_id: hold.caseId,
          reason: hold.reason,
          set_by: hold.setBy,
          set_at: hold.setAt,
        })
        .execute();
    },

    async liftHold(caseId, lift) {
      if (!UUID.test(caseId)) return null;
      const row = await db
        .updateTable('legal_holds')
        .set({ lift_reason: lift.reason, lifted_by: lift.by, lifted_at: lift.at })
        .where('case_id', '=', caseId)
        .where('lifted_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async deletion(caseId) {
      if (!UUID.test(caseId)) return null;
      const row = await deletionQuery().where('d.case_id', '=', caseId).executeTakeFirst();
      return row ? toDeletion(row) : null;
    },

    async deletions() {
      const rows = await deletionQuery().orderBy('d.approved_at', 'desc').orderBy('d.case_number').execute();
      return rows.map(toDeletion);
    },

    async approve(row) {
      await db
        .insertInto('case_deletions')
        .values({
          case_id: row.caseId,
          case_number: row.caseNumber,
          outcome: row.outcome,
          received_on: row.receivedOn,
          closed_on: row.closedOn,
          due_on: row.dueOn,
          approved_by: row.approvedBy,
          approved_at: row.approvedAt,
          status: 'approved',
        })
        .execute();
    },

    async recordArchive(caseId, archive) {
      const result = await db
        .updateTable('case_deletions')
        .set({
          status: 'archived',
          archive_blob_key: archive.blobKey,
          archive_sha256: archive.sha256,
          archive_size: archive.size,
          archive_fingerprint: archive.fingerprint,
          archived_at: archive.at,
        })
        .where('case_id', '=', caseId)
        .where('status', '=', 'approved')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async resetArchive(caseId) {
      const before = await db
        .selectFrom('case_deletions')
        .select('archive_blob_key')
        .where('case_id', '=', caseId)
        .where('status', '=', 'archived')
        .executeTakeFirst();
      if (!before) return null;
      await db
        .updateTable('case_deletions')
        .set({
          status: 'approved',
          archive_blob_key: null,
          archive_sha256: null,
          archive_size: null,
          archive_fingerprint: null,
          archived_at: null,
        })
        .where('case_id', '=', caseId)
        .execute();
      return before.archive_blob_key;
    },

    async cancelDeletion(caseId) {
      const row = await db
        .deleteFrom('case_deletions')
        .where('case_id', '=', caseId)
        .where('status', '!=', 'deleted')
        .returning('archive_blob_key')
        .executeTakeFirst();
      return row?.archive_blob_key ?? null;
    },

    async read(caseId) {
      if (!UUID.test(caseId)) return null;
      const c = await db
        .selectFrom('cases as c')
        .leftJoin('organisations as o', 'o.id', 'c.authority_id')
        .leftJoin('applications as a', 'a.case_id', 'c.id')
        .select([
          'c.id',
          'c.case_number',
          'c.profile_id',
          'c.state',
          'c.channel',
          'c.received_at',
          'o.name as authority_name',
          'a.content',
          'a.language',
          'a.submitted_at',
        ])
        .where('c.id', '=', caseId)
        .executeTakeFirst();
      if (!c) return null;
      // One after the other: on PGlite the transaction has one connection anyway.
      const persons = await db
        .selectFrom('persons')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('position')
        .execute();
      const history = await db
        .selectFrom('case_history')
        .select(['version', 'event_type', 'actor_role', 'at', 'data'])
        .where('case_id', '=', caseId)
        .orderBy('version')
        .execute();
      const messages = await db
        .selectFrom('case_messages')
        .select(['id', 'direction', 'author_role', 'body', 'created_at', 'read_at'])
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const notes = await db
        .selectFrom('case_notes')
        .select(['id', 'text', 'created_at'])
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const requests = await db
        .selectFrom('document_requests')
        .select(['id', 'text', 'due_on', 'created_at', 'answered_at'])
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const letters = await db
        .selectFrom('letters')
        .select([
          'id',
          'document_id',
          'template_id',
          'template_version',
          'addressee_kind',
          'channel',
          'created_at',
        ])
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const documents = await db
        .selectFrom('documents')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const holds = await db
        .selectFrom('legal_holds')
        .select(['reason', 'set_at', 'lift_reason', 'lifted_at'])
        .where('case_id', '=', caseId)
        .orderBy('set_at')
        .orderBy('id')
        .execute();
      const retention = await schedule(caseId);
      const record: CaseRecord = {
        case: {
          id: c.id,
          caseNumber: c.case_number,
          profileId: c.profile_id,
          state: c.state,
          channel: c.channel,
          receivedAt: iso(c.received_at),
          authority: c.authority_name,
        },
        application:
          c.content && c.language && c.submitted_at
            ? { content: c.content, language: c.language, submittedAt: iso(c.submitted_at) }
            : null,
        persons: persons.map((p) => ({
          id: p.id,
          position: p.position,
          familyName: p.family_name,
          givenNames: p.given_names,
          birthDate: p.birth_date,
          birthPlace: p.birth_place,
          nationalityCode: p.nationality_code,
          relation: p.relation,
          address: p.address,
          municipalityAgs: p.municipality_ags,
        })),
        history: history.map((h) => ({
          version: h.version,
          eventType: h.event_type,
          actorRole: h.actor_role,
          at: iso(h.at),
          data: h.data,
        })),
        messages: messages.map((m) => ({
          id: m.id,
          direction: m.direction,
          authorRole: m.author_role,
          body: m.body,
          createdAt: iso(m.created_at),
          readAt: isoOrNull(m.read_at),
        })),
        notes: notes.map((n) => ({ id: n.id, text: n.text, createdAt: iso(n.created_at) })),
        documentRequests: requests.map((r) => ({
          id: r.id,
          text: r.text,
          dueOn: r.due_on,
          createdAt: iso(r.created_at),
          answeredAt: isoOrNull(r.answered_at),
        })),
        letters: letters.map((l) => ({
          id: l.id,
          documentId: l.document_id,
          templateId: l.template_id,
          templateVersion: l.template_version,
          addressee: l.addressee_kind,
          channel: l.channel,
          createdAt: iso(l.created_at),
        })),
        documents: documents.map((d) => ({
          id: d.id,
          personId: d.person_id,
          category: d.category,
          evidenceItem: d.evidence_item,
          specialCategory: d.special_category,
          fileName: d.file_name,
          contentType: d.content_type,
          size: Number(d.size),
          sha256: d.sha256,
          uploadedByRole: d.uploaded_by_role,
          createdAt: iso(d.created_at),
          blobKey: d.blob_key,
        })),
        holds: holds.map((h) => ({
          reason: h.reason,
          setAt: iso(h.set_at),
          liftReason: h.lift_reason,
          liftedAt: isoOrNull(h.lifted_at),
        })),
        retention,
      };
      return record;
    },

    async deleteCase(caseId, keepJob) {
      if (!UUID.test(caseId)) return { blobKeys: [], rows: 0 };
      let rows = 0;
      const count = (result: { numDeletedRows: bigint } | undefined) => {
        rows += Number(result?.numDeletedRows ?? 0);
      };
      const drafts = (await db.selectFrom('drafts').select('id').where('case_id', '=', caseId).execute()).map(
        (d) => d.id,
      );
      const keys = new Set<string>();
      for (const d of await db
        .selectFrom('documents')
        .select('blob_key')
        .where('case_id', '=', caseId)
        .execute())
        keys.add(d.blob_key);
      if (drafts.length > 0) {
        for (const d of await db
          .selectFrom('draft_documents')
          .select('blob_key')
          .where('draft_id', 'in', drafts)
          .execute())
          keys.add(d.blob_key);
      }
      // Uploads whose file became a document of the case, and those of its drafts (the rows expire anyway).
      const documentKeys = [...keys];
      const uploadRows =
        drafts.length === 0 && documentKeys.length === 0
          ? []
          : await db
              .selectFrom('uploads')
              .select(['id', 'blob_key', 'parts'])
              .where((eb) =>
                eb.or([
                  ...(drafts.length > 0 ? [eb('owner_id', 'in', drafts)] : []),
                  ...(documentKeys.length > 0 ? [eb('blob_key', 'in', documentKeys)] : []),
                ]),
              )
              .execute();
      for (const u of uploadRows) {
        if (u.blob_key) keys.add(u.blob_key);
        for (const part of u.parts ?? []) if (typeof part.key === 'string') keys.add(part.key);
      }
      const requestIds = (
        await db.selectFrom('document_requests').select('id').where('case_id', '=', caseId).execute()
      ).map((r) => `${r.id}`);
      const messageIds = (
        await db.selectFrom('case_messages').select('id').where('case_id', '=', caseId).execute()
      ).map((m) => m.id);
      // Queued side effects of the case (letters, mails, reminders) hold its data too; only the running job stays.
      count(
        await db
          .deleteFrom('outbox')
          .where('idempotency_key', '!=', keepJob.idempotencyKey)
          .where((eb) =>
            eb.or([
              eb(sql`payload ->> 'caseId'`, '=', caseId),
              eb('idempotency_key', 'like', `%:${caseId}`),
              eb('idempotency_key', 'like', `%:${caseId}:%`),
              ...requestIds.flatMap((id) => [
                eb('idempotency_key', '=', `document-request:${id}`),
                eb('idempotency_key', '=', `document-request-reminder:${id}`),
              ]),
              ...messageIds.map((id) => eb('idempotency_key', '=', `message:${id}`)),
              ...drafts.map((id) => eb('idempotency_key', 'like', `resume-link:${id}:%`)),
            ]),
          )
          .executeTakeFirst(),
      );
      if (uploadRows.length > 0)
        count(
          await db
            .deleteFrom('uploads')
            .where(
              'id',
              'in',
              uploadRows.map((u) => u.id),
            )
            .executeTakeFirst(),
        );
      if (drafts.length > 0) {
        count(await db.deleteFrom('draft_documents').where('draft_id', 'in', drafts).executeTakeFirst());
        count(await db.deleteFrom('drafts').where('id', 'in', drafts).executeTakeFirst());
      }
      for (const table of [
        'letters',
        'applications',
        'documents',
        'persons',
        'case_history',
        'case_messages',
        'case_notes',
        'document_requests',
        'legal_holds',
        'retention_schedule',
      ] as const) {
        count(await db.deleteFrom(table).where('case_id', '=', caseId).executeTakeFirst());
      }
      count(await db.deleteFrom('cases').where('id', '=', caseId).executeTakeFirst());
      return { blobKeys: [...keys], rows };
    },

    async markDeleted(caseId, at) {
      await db
        .updateTable('case_deletions')
        .set({ status: 'deleted', deleted_at: at })
        .where('case_id', '=', caseId)
        .where('status', '=', 'archived')
        .execute();
    },

    async handOver(caseId, by, at) {
      if (!UUID.test(caseId)) return null;
      const row = await db
        .updateTable('case_deletions')
        .set({ handed_over_at: at, handed_over_by: by })
        .where('case_id', '=', caseId)
        .where('status', '=', 'deleted')
        .where('handed_over_at', 'is', null)
        .returning('archive_blob_key')
        .executeTakeFirst();
      if (!row) return null;
      await db
        .updateTable('case_deletions')
        .set({ archive_blob_key: null })
        .where('case_id', '=', caseId)
        .execute();
      return row.archive_blob_key;
    },

    async queueBlobDeletions(keys) {
      if (keys.length === 0) return;
      await db
        .insertInto('blob_deletions')
        .values(keys.map((blob_key) => ({ blob_key })))
        .onConflict((oc) => oc.column('blob_key').doNothing())
        .execute();
    },

    async personsOfCases(caseIds) {
      const ids = caseIds.filter((id) => UUID.test(id));
      if (ids.length === 0) return [];
      return (await personQuery().where('p.case_id', 'in', ids).execute()).map(toPerson);
    },

    async personsByIds(personIds) {
      const ids = personIds.filter((id) => UUID.test(id));
      if (ids.length === 0) return [];
      return (await personQuery().where('p.id', 'in', ids).execute()).map(toPerson);
    },
  };
}

/**
 * The queue of files to delete. A key that a row still refers to (a document, a draft's file, an
 * upload, an archive package) is dropped from the queue without touching its file: better a file too
 * many than a row pointing to nothing.
 */
export function blobDeletionQueue(db: Kysely<Database>): BlobDeletionQueue {
  return {
    async next(limit) {
      await db
        .deleteFrom('blob_deletions as q')
        .where((eb) =>
          eb.or([
            eb.exists(eb.selectFrom('documents').select('id').whereRef('blob_key', '=', 'q.blob_key')),
            eb.exists(eb.selectFrom('draft_documents').select('id').whereRef('blob_key', '=', 'q.blob_key')),
            eb.exists(eb.selectFrom('uploads').select('id').whereRef('blob_key', '=', 'q.blob_key')),
            eb.exists(
              eb
                .selectFrom('case_deletions')
                .select('case_id')
                .whereRef('archive_blob_key', '=', 'q.blob_key'),
            ),
          ]),
        )
        .execute();
      const rows = await db
        .selectFrom('blob_deletions')
        .select('blob_key')
        .orderBy('queued_at')
        .orderBy('blob_key')
        .limit(limit)
        .execute();
      return rows.map((r) => r.blob_key);
    },
    async done(key) {
      await db.deleteFrom('blob_deletions').where('blob_key', '=', key).execute();
    },
    async failed(key) {
      await db
        .updateTable('blob_deletions')
        .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
        .where('blob_key', '=', key)
        .execute();
    },
  };
}
