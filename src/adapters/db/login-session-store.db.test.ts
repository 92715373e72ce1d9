import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { createSecretBox } from '../identity/secret-box.ts';
import { createStaffAccount } from '../identity/staff-accounts.ts';
import { loginSessionStoreIn } from './login-session-store.ts';

const MASTER = `AGE-SECRET-KEY-1${'A'.repeat(58)}`;
const HOUR = 3_600_000;
let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.close());

async function newAccount(email: string) {
  const created = await createStaffAccount(
    t.db,
    createSecretBox(MASTER),
    { email, name: 'Ayşe Yılmaz', role: 'member' },
    { role: 'system', id: 'test' },
  );
  assert.ok(created.ok);
  return created.userId;
}

const idHash = (c: string) => c.repeat(64);

test('a session is stored under its hash and found with its account', async () => {
  const userId = await newAccount('mitglied@example.org');
  const store = loginSessionStoreIn(t.db);
  const now = new Date('2026-03-02T08:00:00.000Z');
  await store.create({
    idHash: idHash('1'),
    userId,
    data: { stage: 'active', csrf: 'geheim', next: '/geschaeftsstelle' },
    now,
    expiresAt: new Date(now.getTime() + 12 * HOUR),
  });
  const found = await store.findByIdHash(idHash('1'));
  assert.ok(found);
  assert.deepEqual(found.session, {
    idHash: idHash('1'),
    userId,
    data: { stage: 'active', csrf: 'geheim', next: '/geschaeftsstelle' },
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 12 * HOUR),
  });
  assert.equal(found.account.id, userId);
  assert.equal(found.account.role, 'member');
  assert.equal(found.account.displayName, 'Ayşe Yılmaz');
  assert.equal(await store.findByIdHash(idHash('2')), null);

  const later = new Date(now.getTime() + 60_000);
  await store.touch(idHash('1'), later);
  assert.equal((await store.findByIdHash(idHash('1')))?.session.lastSeenAt.getTime(), later.getTime());

  assert.equal(await store.delete(idHash('1')), true);
  assert.equal(await store.delete(idHash('1')), false);
  assert.equal(await store.findByIdHash(idHash('1')), null);
});

test('all sessions of one user end together; other users keep theirs', async () => {
  const a = await newAccount('a@example.org');
  const b = await newAccount('b@example.org');
  const store = loginSessionStoreIn(t.db);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + HOUR);
  for (const [c, userId] of [
    ['3', a],
    ['4', a],
    ['5', b],
  ] as const)
    await store.create({ idHash: idHash(c), userId, data: {}, now, expiresAt });
  assert.equal(await store.deleteAllOfUser(a), 2);
  assert.equal(await store.findByIdHash(idHash('3')), null);
  assert.ok(await store.findByIdHash(idHash('5')));
});

test('expired and idle sessions are purged, live ones stay', async () => {
  const userId = await newAccount('purge@example.org');
  const store = loginSessionStoreIn(t.db);
  const now = new Date('2026-03-02T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  await store.create({ idHash: idHash('6'), userId, data: {}, now: ago(13 * HOUR), expiresAt: ago(HOUR) });
  await store.create({
    idHash: idHash('7'),
    userId,
    data: {},
    now: ago(HOUR),
    expiresAt: new Date(now.getTime() + HOUR),
  });
  await store.create({
    idHash: idHash('8'),
    userId,
    data: {},
    now: ago(60_000),
    expiresAt: new Date(now.getTime() + HOUR),
  });
  assert.equal(await store.deleteExpired(now, ago(30 * 60_000)), 2);
  assert.ok(await store.findByIdHash(idHash('8')));
});

test('deleting a user deletes the sessions', async () => {
  const userId = await newAccount('weg@example.org');
  const store = loginSessionStoreIn(t.db);
  const now = new Date();
  await store.create({
    idHash: idHash('9'),
    userId,
    data: {},
    now,
    expiresAt: new Date(now.getTime() + HOUR),
  });
  await t.db.deleteFrom('audit_log').where('resource_id', '=', userId).execute();
  await t.db.deleteFrom('users').where('id', '=', userId).execute();
  assert.equal(await store.findByIdHash(idHash('9')), null);
});
