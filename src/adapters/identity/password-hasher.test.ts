import assert from 'node:assert/strict';
import { test } from 'node:test';
import { argon2PasswordHasher } from './password-hasher.ts';

test('argon2id hashes verify the right password only', async () => {
  const hasher = argon2PasswordHasher();
  const hash = await hasher.hash('richtig-und-lang');
  assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal(await hasher.verify(hash, 'richtig-und-lang'), true);
  assert.equal(await hasher.verify(hash, 'falsch'), false);
  assert.equal(await hasher.verify('kein-hash', 'richtig-und-lang'), false);
});

test('without a hash the check still runs argon2 (similar time) and answers false', async () => {
  const hasher = argon2PasswordHasher();
  const hash = await hasher.hash('richtig-und-lang');
  await hasher.verify(null, 'warm-up');
  const time = async (fn: () => Promise<unknown>) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 5; i++) await fn();
    return Number(process.hrtime.bigint() - start) / 5e6;
  };
  const real = await time(() => hasher.verify(hash, 'falsch'));
  const dummy = await time(() => hasher.verify(null, 'falsch'));
  assert.equal(await hasher.verify(null, 'richtig-und-lang'), false);
  assert.ok(
    dummy > real / 3 && dummy < real * 3,
    `dummy ${dummy.toFixed(1)} ms vs real ${real.toFixed(1)} ms`,
  );
});
