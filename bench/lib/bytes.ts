/**
 * The bytes of the upload benchmark, generated, never read from disk: a fixed 1 MiB block of
 * pseudo-random bytes (SHA-256 in counter mode over a fixed seed, so every process makes the same
 * one) repeated. Neither age nor SHA-256 gets faster on repeated input, and no compression is involved.
 */
import { createHash } from 'node:crypto';

export const MiB = 1024 * 1024;
/** What the server reads from a socket at a time, and what the raw pipeline is fed in. */
export const PIECE = 64 * 1024;

let cached: Buffer | undefined;

export function block(): Buffer {
  if (cached) return cached;
  const out = Buffer.allocUnsafe(MiB);
  for (let i = 0; i < MiB / 32; i++) {
    createHash('sha256')
      .update(`hfk-bench-upload-${i}`)
      .digest()
      .copy(out, i * 32);
  }
  cached = out;
  return out;
}

/** The bytes [offset, offset + length) of the generated file, as views in PIECE-sized pieces. */
export function* pieces(offset: number, length: number): Generator<Buffer> {
  const b = block();
  let at = offset;
  const end = offset + length;
  while (at < end) {
    const inBlock = at % MiB;
    const n = Math.min(PIECE, MiB - inBlock, end - at);
    yield b.subarray(inBlock, inBlock + n);
    at += n;
  }
}
