import { type Kysely, sql, type Transaction } from 'kysely';
import type { ClaimedJob, Outbox, OutboxJob, OutboxQueue } from '../../application/ports.ts';
import type { Database } from './schema.ts';

/** Queues a job inside the caller's transaction; a repeated idempotency key is ignored. */
export async function enqueueJob(trx: Transaction<Database>, job: OutboxJob): Promise<void> {
  await trx
    .insertInto('outbox')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      idempotency_key: job.idempotencyKey,
      ...(job.runAfter ? { run_after: job.runAfter } : {}),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

/** An Outbox bound to one transaction. */
export function outboxIn(trx: Transaction<Database>): Outbox {
  return { enqueue: (job) => enqueueJob(trx, job) };
}

/** Retry delay: 5 s, 10 s, 20 s, … capped at one hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(5 * 2 ** Math.max(0, attempts - 1), 3600);
}

/**
 * The worker's queue. Claims with FOR UPDATE SKIP LOCKED and a lease (locked_until), so
 * several workers never run the same job and a job of a killed worker is picked up again.
 */
export function createOutboxQueue(db: Kysely<Database>): OutboxQueue {
  return {
    async claim(limit, lockSeconds) {
      const rows = await db
        .updateTable('outbox')
        .set({
          attempts: sql`attempts + 1`,
          locked_until: sql`now() + make_interval(secs => ${lockSeconds})`,
        })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('outbox')
            .select('id')
            .where('status', '=', 'pending')
            .where('run_after', '<=', sql<Date>`now()`)
            .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', sql<Date>`now()`)]))
            .orderBy('id')
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .returning(['id', 'kind', 'payload', 'idempotency_key', 'attempts', 'max_attempts'])
        .execute();
      return rows.map(
        (r): ClaimedJob => ({
          id: String(r.id),
          kind: r.kind,
          payload: r.payload,
          idempotencyKey: r.idempotency_key,
          attempts: r.attempts,
          maxAttempts: r.max_attempts,
        }),
      );
    },
    async complete(job) {
      const result = await db
        .updateTable('outbox')
        .set({ status: 'done', done_at: sql`now()`, locked_until: null, last_error: null })
        .where('id', '=', job.id)
        .where('attempts', '=', job.attempts)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async fail(job, reason, permanent = false) {
      const final = permanent || job.attempts >= job.maxAttempts;
      const result = await db
        .updateTable('outbox')
        .set({
          status: final ? 'failed' : 'pending',
          last_error: reason.slice(0, 500),
          locked_until: null,
          run_after: sql`now() + make_interval(secs => ${backoffSeconds(job.attempts)})`,
        })
        .where('id', '=', job.id)
        .where('attempts', '=', job.attempts)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return 'lost_lease';
      return final ? 'failed' : 'retry';
    },
  };
}
