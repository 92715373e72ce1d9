/** argon2id password hashes (@node-rs/argon2) with the parameters accounts are created with. */
import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../application/ports.ts';
import { ARGON2_OPTIONS } from './staff-accounts.ts';

export function argon2PasswordHasher(options: typeof ARGON2_OPTIONS = ARGON2_OPTIONS): PasswordHasher {
  // The stand-in for an account without a hash: same parameters, so the check takes as long as a real one.
  let dummy: Promise<string> | undefined;
  const dummyHash = () => {
    dummy ??= hash(randomBytes(24).toString('base64url'), options);
    return dummy;
  };
  return {
    hash: (password) => hash(password, options),
    async verify(stored, password) {
      const target = stored ?? (await dummyHash());
      try {
        const ok = await verify(target, password);
        return stored !== null && ok;
      } catch {
        // A malformed stored hash: answer after the same work as for an unknown account.
        await verify(await dummyHash(), password).catch(() => false);
        return false;
      }
    },
  };
}
