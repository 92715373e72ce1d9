import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verify } from '@node-rs/argon2';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { verifyAuditChain } from '../db/audit-log.ts';
import { createSecretBox } from './secret-box.ts';
import { createStaffAccount } from './staff-accounts.ts';

const MASTER = `AGE-SECRET-KEY-1${'A'.repeat(58)}`;
let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(() => t.close());

test('a staff account gets an argon2id hash and a sealed TOTP secret; the plaintexts are only returned', async () => {
  const box = createSecretBox(MASTER);
  const created = await createStaffAccount(
    t.db,
    box,
    { email: 'Leitung@Example.org', name: 'Jürgen Groß', role: 'admin' },
    { role: 'system', id: 'cli' },
  );
  assert.ok(created.ok);
  const row = await t.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', created.userId)
    .executeTakeFirstOrThrow();
  assert.match(row.password_hash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await verify(row.password_hash ?? '', created.initialPassword), true);
  assert.equal(await verify(row.password_hash ?? '', 'falsch'), false);
  const secret = new URL(created.totpUri).searchParams.get('secret');
  assert.ok(secret && secret.length >= 16);
  assert.ok(!row.totp_secret_enc?.includes(secret), 'the TOTP secret is not stored in plaintext');
  assert.equal(box.open(row.totp_secret_enc ?? ''), secret);
  assert.equal(row.display_name, 'Jürgen Groß');
  const audit = await t.db.selectFrom('audit_log').select(['action', 'details']).execute();
  assert.deepEqual(audit, [{ action: 'user.created', details: { role: 'admin' } }]);
  assert.equal((await verifyAuditChain(t.db)).ok, true);
});

test('the same address twice (any case) and invalid input are refused in German', async () => {
  const box = createSecretBox(MASTER);
  const dup = await createStaffAccount(
    t.db,
    box,
    { email: 'leitung@example.org', name: 'X', role: 'office_clerk' },
    { role: 'system', id: 'cli' },
  );
  assert.deepEqual(dup, { ok: false, errors: ['Es gibt bereits ein Konto mit dieser E-Mail-Adresse.'] });
  const bad = await createStaffAccount(
    t.db,
    box,
    { email: 'kein-at', name: ' ', role: 'superuser' as never },
    { role: 'system', id: 'cli' },
  );
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.errors.length, 3);
});

test('a sealed secret cannot be opened with another master key or after tampering', () => {
  const sealed = createSecretBox(MASTER).seal('JBSWY3DPEHPK3PXP');
  assert.notEqual(createSecretBox(MASTER).seal('JBSWY3DPEHPK3PXP'), sealed, 'random IV');
  assert.throws(() => createSecretBox(`AGE-SECRET-KEY-1${'B'.repeat(58)}`).open(sealed));
  const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
  assert.throws(() => createSecretBox(MASTER).open(tampered));
});
