import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { createSecretBox } from '../identity/secret-box.ts';
import { createStaffAccount } from '../identity/staff-accounts.ts';
import { loginSessionStoreIn, staffAuthTransactions } from './login-session-store.ts';
import { staffDirectoryIn } from './staff-directory.ts';

const MASTER = `AGE-SECRET-KEY-1${'A'.repeat(58)}`;
let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.close());

async function newAccount(email: string) {
  const created = await createStaffAccount(
    t.db,
    createSecretBox(MASTER),
    { email, name: 'Jürgen Groß', role: 'office_head' },
    { role: 'system', id: 'test' },
  );
  assert.ok(created.ok);
  return created.userId;
}

test('accounts are found by e-mail address regardless of case, and by id', async () => {
  const id = await newAccount('Leitung@Example.org');
  const directory = staffDirectoryIn(t.db);
  const found = await directory.findByEmail('leitung@EXAMPLE.org');
  assert.equal(found?.id, id);
  assert.equal(found?.role, 'office_head');
  assert.equal(found?.displayName, 'Jürgen Groß');
  assert.match(found?.passwordHash ?? '', /^\$argon2id\$/);
  assert.match(found?.totpSecretSealed ?? '', /^v1\./);
  assert.equal(found?.totpLastStep, null);
  assert.equal(found?.failedLogins, 0);
  assert.equal(found?.passwordChangedAt, null, 'a new account still has its initial password');
  assert.equal(found?.disabled, false);
  assert.deepEqual(await directory.findById(id), found);
  assert.equal(await directory.findByEmail('other@example.org'), null);
  assert.equal(await directory.findById('00000000-0000-4000-8000-000000000000'), null);
});

test('parallel failures are all counted and exactly one of them locks the account', async () => {
  const id = await newAccount('zaehlen@example.org');
  const directory = staffDirectoryIn(t.db);
  const lockUntil = new Date('2030-01-01T00:15:00Z');
  const first = await directory.recordFailure(id, { maxFailures: 5, lockUntil });
  assert.deepEqual(first, { failedLogins: 1, lockedUntil: null, lockedNow: false });
  const results = await Promise.all(
    Array.from({ length: 4 }, () => directory.recordFailure(id, { maxFailures: 5, lockUntil })),
  );
  assert.equal(results.filter((r) => r.lockedNow).length, 1);
  const row = await directory.findById(id);
  assert.equal(row?.lockedUntil?.toISOString(), lockUntil.toISOString());
  assert.equal(row?.failedLogins, 0, 'the count starts again once locked');
  await directory.recordFailure(id, { maxFailures: 5, lockUntil: new Date('2031-01-01T00:00:00Z') });
  assert.equal((await directory.findById(id))?.lockedUntil?.toISOString(), lockUntil.toISOString());
  await directory.recordSuccess(id);
  const cleared = await directory.findById(id);
  assert.equal(cleared?.failedLogins, 0);
  assert.equal(cleared?.lockedUntil, null);
});

test('a TOTP step is claimed once; earlier steps never again', async () => {
  const id = await newAccount('schritt@example.org');
  const directory = staffDirectoryIn(t.db);
  const step = 59_000_000;
  const parallel = await Promise.all(Array.from({ length: 3 }, () => directory.claimTotpStep(id, step)));
  assert.deepEqual(parallel.filter(Boolean).length, 1);
  assert.equal(await directory.claimTotpStep(id, step), false);
  assert.equal(await directory.claimTotpStep(id, step - 1), false);
  assert.equal(await directory.claimTotpStep(id, step + 1), true);
  assert.equal((await directory.findById(id))?.totpLastStep, step + 1);
});

test('setPassword stores the new hash and when it was set', async () => {
  const id = await newAccount('neu@example.org');
  const directory = staffDirectoryIn(t.db);
  const at = new Date('2026-04-01T10:00:00Z');
  await directory.setPassword(id, '$argon2id$v=19$m=19456,t=2,p=1$neu', at);
  const row = await directory.findById(id);
  assert.equal(row?.passwordHash, '$argon2id$v=19$m=19456,t=2,p=1$neu');
  assert.equal(row?.passwordChangedAt?.toISOString(), at.toISOString());
});

test('the login transaction commits sessions, account changes and audit together, or none of them', async () => {
  const id = await newAccount('tx@example.org');
  const tx = staffAuthTransactions(t.db);
  const auditBefore = (await t.db.selectFrom('audit_log').select('id').execute()).length;
  await assert.rejects(
    tx.run(async ({ directory, sessions, audit }) => {
      await directory.recordFailure(id, { maxFailures: 5, lockUntil: new Date() });
      await sessions.create({
        idHash: 'a'.repeat(64),
        userId: id,
        data: {},
        now: new Date(),
        expiresAt: new Date(),
      });
      await audit.append({
        at: new Date(),
        actor: { role: 'office_head', id },
        action: 'login.failed',
        resource: { type: 'user', id },
      });
      throw new Error('abort');
    }),
    /abort/,
  );
  assert.equal((await staffDirectoryIn(t.db).findById(id))?.failedLogins, 0);
  assert.equal(await loginSessionStoreIn(t.db).findByIdHash('a'.repeat(64)), null);
  assert.equal((await t.db.selectFrom('audit_log').select('id').execute()).length, auditBefore);
});
