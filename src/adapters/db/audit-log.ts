import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditEntry, AuditTrail } from '../../application/ports.ts';
import { canonicalJson } from './canonical-json.ts';
import type { Database } from './schema.ts';

const AUDIT_LOCK = 4_230_002;
export const GENESIS_HASH = '0'.repeat(64);

interface HashedFields {
  at: Date;
  actor_role: string;
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  details: Record<string, unknown>;
}

/** The hash of one row: SHA-256 over the previous row's hash and this row's canonical content. */
export function auditHash(prevHash: string, row: HashedFields): string {
  const content = canonicalJson({
    at: row.at.toISOString(),
    actor_role: row.actor_role,
    actor_id: row.actor_id,
    action: row.action,
    resource_type: row.resource_type,
    resource_id: row.resource_id,
    details: row.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/**
 * Appends to the hash chain inside the caller's transaction. The advisory lock serialises
 * appenders so that two transactions never chain onto the same predecessor.
 */
export async function appendAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date(Math.floor(entry.at.getTime()));
  const row: HashedFields = {
    at,
    actor_role: entry.actor.role,
    actor_id: entry.actor.id,
    action: entry.action,
    resource_type: entry.resource.type,
    resource_id: entry.resource.id,
    details: entry.details ?? {},
  };
  await trx
    .insertInto('audit_log')
    .values({
      ...row,
      details: canonicalJson(row.details),
      prev_hash: prevHash,
      hash: auditHash(prevHash, row),
    })
    .execute();
}

/** An AuditTrail bound to one transaction. */
export function auditTrailIn(trx: Transaction<Database>): AuditTrail {
  return { append: (entry) => appendAudit(trx, entry) };
}

export type ChainVerdict =
  | { ok: true; rows: number }
  | { ok: false; rows: number; firstBadId: string; reason: 'content_changed' | 'link_broken' };

/** Recomputes the chain from the first row; names the first row whose content or link is wrong. */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 1000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let lastId = '0';
  let rows = 0;
  for (;;) {
    const batch = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (batch.length === 0) return { ok: true, rows };
    for (const r of batch) {
      if (r.prev_hash !== prevHash)
        return { ok: false, rows, firstBadId: String(r.id), reason: 'link_broken' };
      const expected = auditHash(prevHash, {
        at: new Date(r.at),
        actor_role: r.actor_role,
        actor_id: r.actor_id,
        action: r.action,
        resource_type: r.resource_type,
        resource_id: r.resource_id,
        details: r.details,
      });
      if (expected !== r.hash)
        return { ok: false, rows, firstBadId: String(r.id), reason: 'content_changed' };
      prevHash = r.hash;
      lastId = String(r.id);
      rows++;
    }
  }
}
