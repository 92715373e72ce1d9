/** TOTP codes (RFC 6238: SHA-1, 6 digits, 30 s) checked with otplib against the sealed secret. */
import { verify } from 'otplib';
import type { TotpVerifier } from '../../application/ports.ts';
import type { SecretBox } from './secret-box.ts';

const PERIOD_SECONDS = 30;

export function totpVerifier(secrets: SecretBox): TotpVerifier {
  return {
    async verify(sealedSecret, code, at) {
      if (!/^[0-9]{6}$/.test(code)) return { valid: false };
      let secret: string;
      try {
        secret = secrets.open(sealedSecret);
      } catch {
        return { valid: false };
      }
      try {
        const result = await verify({
          secret,
          token: code,
          period: PERIOD_SECONDS,
          epoch: Math.floor(at.getTime() / 1000),
          // One step either side: the epoch ± 30 s lies in the previous, the current or the next step.
          epochTolerance: PERIOD_SECONDS,
        });
        if (result.valid && 'timeStep' in result && typeof result.timeStep === 'number')
          return { valid: true, step: result.timeStep };
        return { valid: false };
      } catch {
        return { valid: false };
      }
    },
  };
}
