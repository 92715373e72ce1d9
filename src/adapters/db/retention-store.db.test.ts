/**
 * The retention tables on the real database: the backfill of migration 0012 (run again on cases written
 * without a schedule), and the queue of files that never deletes a file a row still refers to.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { MIGRATIONS_DIR } from './migrate.ts';
import { blobDeletionQueue, retentionStoreIn } from './retention-store.ts';

describe('retention store', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database?.close();
  });

  async function insertCase(n: number, state: string, events: [string, string][]) {
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    await database.db
      .insertInto('cases')
      .values({
        id,
        case_number: `HFK-2020-${String(n).padStart(5, '0')}`,
        profile_id: 'nrw',
        state,
        version: events.length,
        channel: 'post',
        received_at: new Date('2020-01-01T10:00:00Z'),
        snapshot: '{}',
      })
      .execute();
    await database.db
      .insertInto('case_history')
      .values(
        events.map(([type, at], i) => ({
          case_id: id,
          version: i + 1,
          event_type: type,
          actor_role: 'office_clerk',
          actor_id: 'x',
          at,
          data: '{}',
        })),
      )
      .execute();
    return id;
  }

  it('the backfill of migration 0012 gives ended cases their outcome and closing day', async () => {
    const request = await insertCase(1, 'closed', [
      ['Received', '2020-01-01T10:00:00Z'],
      ['HardshipRequestDecided', '2020-05-01T10:00:00Z'],
      ['RequestSent', '2020-05-02T10:00:00Z'],
      ['Closed', '2025-03-01T23:30:00Z'], // 2 March in Germany
    ]);
    const noRequestSinceReopen = await insertCase(2, 'closed', [
      ['Received', '2020-01-01T10:00:00Z'],
      ['HardshipRequestDecided', '2020-05-01T10:00:00Z'],
      ['Reopened', '2021-01-01T10:00:00Z'],
      ['NoRequestDecided', '2021-06-01T10:00:00Z'],
      ['Closed', '2021-07-01T10:00:00Z'],
    ]);
    const withdrawn = await insertCase(3, 'withdrawn', [
      ['Received', '2020-01-01T10:00:00Z'],
      ['Withdrawn', '2020-02-01T10:00:00Z'],
    ]);
    await insertCase(4, 'pre_check', [
      ['Received', '2020-01-01T10:00:00Z'],
      ['PreCheckStarted', '2020-01-02T10:00:00Z'],
    ]);
    const migration = readFileSync(join(MIGRATIONS_DIR, '0012_retention.sql'), 'utf8');
    const backfill = migration.slice(migration.indexOf('INSERT INTO retention_schedule'));
    await sql.raw(backfill).execute(database.db);
    const rows = await database.db
      .selectFrom('retention_schedule')
      .select(['case_id', 'outcome', 'closed_on'])
      .orderBy('case_id')
      .execute();
    assert.deepEqual(rows, [
      { case_id: request, outcome: 'hardship_request', closed_on: '2025-03-02' },
      { case_id: noRequestSinceReopen, outcome: 'no_request', closed_on: '2021-07-01' },
      { case_id: withdrawn, outcome: 'withdrawn', closed_on: '2020-02-01' },
    ]);
    const store = retentionStoreIn(database.db);
    assert.deepEqual(
      (await store.candidates('2021-12-31')).map((c) => c.caseNumber),
      ['HFK-2020-00003', 'HFK-2020-00002'],
      'by closing day, up to the given one',
    );
  });

  it('the file queue drops keys a row still refers to, and counts failures', async () => {
    const caseId = '00000000-0000-4000-8000-000000000003';
    await database.db
      .insertInto('documents')
      .values({
        id: '00000000-0000-4000-8000-0000000000d1',
        case_id: caseId,
        category: 'correspondence',
        file_name: 'a.pdf',
        content_type: 'application/pdf',
        size: 1,
        sha256: 'a'.repeat(64),
        blob_key: 'b'.repeat(32),
        uploaded_by_role: 'office_clerk',
      })
      .execute();
    const store = retentionStoreIn(database.db);
    await store.queueBlobDeletions(['b'.repeat(32), 'c'.repeat(32), 'c'.repeat(32)]);
    const queue = blobDeletionQueue(database.db);
    assert.deepEqual(await queue.next(10), ['c'.repeat(32)], 'the referenced file is kept');
    await queue.failed('c'.repeat(32));
    const row = await database.db.selectFrom('blob_deletions').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.attempts, 1);
    await queue.done('c'.repeat(32));
    assert.deepEqual(await queue.next(10), []);
  });
});
