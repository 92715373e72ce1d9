import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generate, generateSecret } from 'otplib';
import { createSecretBox } from './secret-box.ts';
import { totpVerifier } from './totp.ts';

const box = createSecretBox(`AGE-SECRET-KEY-1${'A'.repeat(58)}`);
const secret = generateSecret();
const verifier = totpVerifier(box);
const at = new Date('2026-03-02T08:00:10Z');
const epoch = Math.floor(at.getTime() / 1000);
const step = Math.floor(epoch / 30);
const codeOf = (stepOffset: number) => generate({ secret, epoch: epoch + 30 * stepOffset });

test('a code of the current, the previous or the next 30-second step is accepted, with its step', async () => {
  for (const offset of [-1, 0, 1]) {
    assert.deepEqual(await verifier.verify(box.seal(secret), await codeOf(offset), at), {
      valid: true,
      step: step + offset,
    });
  }
});

test('codes two steps away, other secrets, malformed codes and broken seals are refused', async () => {
  const sealed = box.seal(secret);
  assert.deepEqual(await verifier.verify(sealed, await codeOf(-2), at), { valid: false });
  assert.deepEqual(await verifier.verify(sealed, await codeOf(2), at), { valid: false });
  const other = await generate({ secret: generateSecret(), epoch });
  if (other !== (await codeOf(0)))
    assert.deepEqual(await verifier.verify(sealed, other, at), { valid: false });
  for (const code of ['', '12345', '1234567', 'abcdef', ' 12345']) {
    assert.deepEqual(await verifier.verify(sealed, code, at), { valid: false }, code);
  }
  assert.deepEqual(await verifier.verify('v1.kaputt', await codeOf(0), at), { valid: false });
  const foreign = createSecretBox(`AGE-SECRET-KEY-1${'B'.repeat(58)}`).seal(secret);
  assert.deepEqual(await verifier.verify(foreign, await codeOf(0), at), { valid: false });
});
