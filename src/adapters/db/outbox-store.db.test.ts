import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { backoffSeconds, createOutboxQueue, enqueueJob } from './outbox-store.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.close());

test('a job exists only if its transaction committed; a repeated key queues once', async () => {
  await t.db.transaction().execute(async (trx) => {
    await enqueueJob(trx, { kind: 'mail.send', payload: { n: 1 }, idempotencyKey: 'k1' });
    await enqueueJob(trx, { kind: 'mail.send', payload: { n: 2 }, idempotencyKey: 'k1' });
  });
  await assert.rejects(
    t.db.transaction().execute(async (trx) => {
      await enqueueJob(trx, { kind: 'mail.send', payload: { n: 3 }, idempotencyKey: 'k2' });
      throw new Error('rollback');
    }),
    /rollback/,
  );
  const rows = await t.db.selectFrom('outbox').select(['idempotency_key', 'payload']).execute();
  assert.deepEqual(
    rows.map((r) => [r.idempotency_key, r.payload]),
    [['k1', { n: 1 }]],
  );
});

test('claims are exclusive, settle once, and a failed job comes back after its backoff', async () => {
  const q = createOutboxQueue(t.db);
  await t.db.transaction().execute(async (trx) => {
    for (let i = 0; i < 5; i++) await enqueueJob(trx, { kind: 'x', payload: { i }, idempotencyKey: `x${i}` });
  });
  const [a, b] = await Promise.all([q.claim(3, 60), q.claim(3, 60)]);
  const ids = [...a, ...b].map((j) => j.id);
  assert.equal(new Set(ids).size, ids.length, 'no job claimed twice');
  assert.equal(ids.length, 6, 'k1 and x0..x4');
  assert.deepEqual(await q.claim(10, 60), [], 'leased jobs are not handed out again');

  const first = a[0];
  assert.ok(first);
  assert.equal(await q.fail(first, 'SMTP nicht erreichbar'), 'retry');
  for (const j of [...a.slice(1), ...b]) assert.equal(await q.complete(j), true);
  assert.deepEqual(await q.claim(10, 60), [], 'not before the backoff');
  await sql`UPDATE outbox SET run_after = now() - interval '1 second' WHERE id = ${first.id}`.execute(t.db);
  const again = await q.claim(10, 60);
  assert.deepEqual(
    again.map((j) => [j.id, j.attempts]),
    [[first.id, 2]],
  );
});

test('an expired lease (killed worker) is claimed again; the last attempt marks it failed', async () => {
  const q = createOutboxQueue(t.db);
  await t.db
    .transaction()
    .execute((trx) => enqueueJob(trx, { kind: 'y', payload: {}, idempotencyKey: 'lease' }));
  await sql`UPDATE outbox SET max_attempts = 2 WHERE idempotency_key = 'lease'`.execute(t.db);
  await sql`UPDATE outbox SET status = 'done' WHERE idempotency_key <> 'lease'`.execute(t.db);
  const [job] = await q.claim(1, 60);
  assert.ok(job);
  await sql`UPDATE outbox SET locked_until = now() - interval '1 second' WHERE id = ${job.id}`.execute(t.db);
  const [retaken] = await q.claim(1, 60);
  assert.equal(retaken?.id, job.id);
  assert.equal(retaken?.attempts, 2);
  assert.ok(retaken);
  assert.equal(await q.fail(retaken, 'boom'), 'failed');
  const row = await t.db
    .selectFrom('outbox')
    .select(['status', 'last_error'])
    .where('id', '=', job.id)
    .executeTakeFirst();
  assert.deepEqual(row, { status: 'failed', last_error: 'boom' });
});

test('backoff grows and is capped', () => {
  assert.deepEqual([1, 2, 3, 4].map(backoffSeconds), [5, 10, 20, 40]);
  assert.equal(backoffSeconds(30), 3600);
});

test('a worker whose lease ran out cannot overwrite what another worker settled', async () => {
  const q = createOutboxQueue(t.db);
  await sql`UPDATE outbox SET status = 'done' WHERE status = 'pending'`.execute(t.db);
  await t.db
    .transaction()
    .execute((trx) => enqueueJob(trx, { kind: 'z', payload: {}, idempotencyKey: 'slow' }));
  const [slow] = await q.claim(1, 60);
  assert.ok(slow);
  await sql`UPDATE outbox SET locked_until = now() - interval '1 second' WHERE id = ${slow.id}`.execute(t.db);
  const [fast] = await q.claim(1, 60);
  assert.ok(fast);
  assert.equal(await q.complete(fast), true);
  assert.equal(await q.fail(slow, 'late timeout'), 'lost_lease');
  assert.equal(await q.complete(slow), false);
  const row = await t.db.selectFrom('outbox').select('status').where('id', '=', slow.id).executeTakeFirst();
  assert.equal(row?.status, 'done');
});

test('a permanent failure fails the job at once', async () => {
  const q = createOutboxQueue(t.db);
  await t.db
    .transaction()
    .execute((trx) => enqueueJob(trx, { kind: 'p', payload: {}, idempotencyKey: 'perm' }));
  const [job] = await q.claim(1, 60);
  assert.ok(job);
  assert.equal(await q.fail(job, 'PermanentJobError', true), 'failed');
});
