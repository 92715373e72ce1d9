import { sql, type Transaction } from 'kysely';
import type { CaseStore } from '../../application/ports.ts';
import type { CaseEvent, CaseSnapshot } from '../../domain/case/index.ts';
import type { Database } from './schema.ts';

/** Case rows inside one transaction; the snapshot is stored as jsonb beside its indexed columns. */
export function caseStoreIn(trx: Transaction<Database>): CaseStore {
  return {
    async loadForUpdate(caseId) {
      if (!/^[0-9a-f-]{36}$/i.test(caseId)) return null;
      // FOR NO KEY UPDATE, not FOR UPDATE: a step never changes the case's key, and FOR UPDATE
      // would wait for the key-share lock a transaction takes when it first files a row that
      // references the case (a document, a note). Two such transactions then waited for each
      // other (PostgreSQL: deadlock detected → 500); now the second simply waits for the first.
      const row = await trx
        .selectFrom('cases')
        .select('snapshot')
        .where('id', '=', caseId)
        .forNoKeyUpdate()
        .executeTakeFirst();
      return row ? (row.snapshot as unknown as CaseSnapshot) : null;
    },
    async lockSubmissionKey(key) {
      await sql`SELECT pg_advisory_xact_lock(4230003, hashtext(${key}))`.execute(trx);
    },
    async findBySubmissionKey(key) {
      const row = await trx
        .selectFrom('cases')
        .select(['id', 'case_number'])
        .where('submission_key', '=', key)
        .executeTakeFirst();
      return row ? { id: row.id, caseNumber: row.case_number } : null;
    },
    async caseNumberOf(caseId) {
      const row = await trx
        .selectFrom('cases')
        .select('case_number')
        .where('id', '=', caseId)
        .executeTakeFirst();
      return row?.case_number ?? null;
    },
    async nextCaseNumber(year) {
      const row = await trx
        .insertInto('case_number_counters')
        .values({ year, last_number: 1 })
        .onConflict((oc) =>
          oc
            .column('year')
            .doUpdateSet((eb) => ({ last_number: eb('case_number_counters.last_number', '+', 1) })),
        )
        .returning('last_number')
        .executeTakeFirstOrThrow();
      return `HFK-${year}-${String(row.last_number).padStart(5, '0')}`;
    },
    async insert(snapshot, record) {
      await trx
        .insertInto('cases')
        .values({
          id: snapshot.id,
          case_number: record.caseNumber,
          profile_id: record.profileId,
          state: snapshot.state,
          version: snapshot.version,
          channel: snapshot.channel,
          received_at: snapshot.receivedAt,
          authority_id: record.authorityId,
          snapshot: JSON.stringify(snapshot),
          submission_key: record.submissionKey,
        })
        .execute();
    },
    async update(snapshot, expectedVersion) {
      const result = await trx
        .updateTable('cases')
        .set({
          state: snapshot.state,
          version: snapshot.version,
          snapshot: JSON.stringify(snapshot),
          updated_at: new Date(snapshot.updatedAt),
        })
        .where('id', '=', snapshot.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async appendHistory(caseId, events: readonly CaseEvent[], firstVersion) {
      if (events.length === 0) return;
      await trx
        .insertInto('case_history')
        .values(
          events.map((e, i) => ({
            case_id: caseId,
            version: firstVersion + i,
            event_type: e.type,
            actor_role: e.actor.role,
            actor_id: e.actor.id,
            at: e.at,
            data: JSON.stringify(e.data ?? {}),
          })),
        )
        .execute();
    },
  };
}
