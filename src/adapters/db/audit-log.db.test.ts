import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { appendAudit, verifyAuditChain } from './audit-log.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.close());

async function write(n: number) {
  for (let i = 0; i < n; i++) {
    await t.db.transaction().execute((trx) =>
      appendAudit(trx, {
        at: new Date(Date.UTC(2026, 10, 25, 10, 0, i)),
        actor: { role: 'office_clerk', id: `u-${i % 3}` },
        action: i % 2 ? 'case.viewed' : 'document.downloaded',
        resource: { type: 'case', id: `c-${i}` },
        details: { z: i, a: { nested: [1, 2, i] } },
      }),
    );
  }
}

test('an untouched chain verifies', async () => {
  await write(12);
  assert.deepEqual(await verifyAuditChain(t.db, 5), { ok: true, rows: 12 });
});

test('concurrent appends still form one chain', async () => {
  await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      t.db.transaction().execute((trx) =>
        appendAudit(trx, {
          at: new Date(),
          actor: { role: 'system', id: null },
          action: 'concurrent',
          resource: { type: 'case', id: String(i) },
        }),
      ),
    ),
  );
  const verdict = await verifyAuditChain(t.db);
  assert.equal(verdict.ok, true);
});

test('an altered row is named, as is a deleted one', async () => {
  const rows = await t.db.selectFrom('audit_log').select('id').orderBy('id').execute();
  const fifth = rows[4]?.id;
  assert.ok(fifth);
  await sql`UPDATE audit_log SET action = 'case.edited' WHERE id = ${fifth}`.execute(t.db);
  assert.deepEqual(await verifyAuditChain(t.db, 3), {
    ok: false,
    rows: 4,
    firstBadId: String(fifth),
    reason: 'content_changed',
  });
  await sql`UPDATE audit_log SET action = 'document.downloaded' WHERE id = ${fifth}`.execute(t.db);
  assert.equal((await verifyAuditChain(t.db)).ok, true);

  const eighth = rows[7]?.id;
  assert.ok(eighth);
  await sql`DELETE FROM audit_log WHERE id = ${eighth}`.execute(t.db);
  const verdict = await verifyAuditChain(t.db);
  assert.equal(verdict.ok, false);
  assert.equal(verdict.ok === false && verdict.reason, 'link_broken');
  assert.equal(verdict.ok === false && verdict.firstBadId, String(rows[8]?.id));
});

test('changing the details of a row is detected', async () => {
  const t2 = await createTestDatabase();
  try {
    await t2.db.transaction().execute((trx) =>
      appendAudit(trx, {
        at: new Date(),
        actor: { role: 'office_clerk', id: 'u1' },
        action: 'case.viewed',
        resource: { type: 'case', id: 'c1' },
        details: { reason: 'pre-check' },
      }),
    );
    await sql`UPDATE audit_log SET details = '{"reason":"other"}'::jsonb`.execute(t2.db);
    const verdict = await verifyAuditChain(t2.db);
    assert.equal(verdict.ok, false);
  } finally {
    await t2.close();
  }
});
