/**
 * Encrypted blob store on a local directory. Layout: `<dir>/<2 hex>/<32 hex key>`, each file a
 * standard age file for one X25519 recipient, so an operator can recover any file without this
 * code: `age -d -i identity.txt <dir>/ab/ab…`. In-flight writes live in `<dir>/tmp` (ciphertext only).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import {
  BlobNotFoundError,
  type BlobStore,
  BlobStoreUnavailableError,
  type StoredBlob,
} from '../../application/ports.ts';
import { fsyncDir } from '../durable-fs.ts';

/** Keys are exactly what put() hands out; anything else never reaches the file system. */
const KEY_PATTERN = /^[0-9a-f]{32}$/;
// X25519 only: Debian's age 1.1 (the recovery path) cannot read post-quantum hybrid keys.
const IDENTITY_PATTERN = /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/;
/** Temp files older than this belong to a crashed writer, not to a put still running. */
const STALE_TMP_MS = 24 * 60 * 60 * 1000;

/** A new X25519 master identity (AGE-SECRET-KEY-1…), to be kept outside the database. */
export async function generateIdentity(): Promise<string> {
  return generateX25519Identity();
}

/** The public recipient (age1…) of an identity, e.g. for the operations handbook. */
export async function recipientFor(identity: string): Promise<string> {
  return identityToRecipient(identity);
}

/** age encrypts a whole incoming chunk at once; slicing keeps that copy small for big Buffers. */
function* slices(buffer: Buffer, size = 1024 * 1024): Generator<Buffer> {
  for (let offset = 0; offset < buffer.length; offset += size) yield buffer.subarray(offset, offset + size);
}

function chunkOf(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  throw new TypeError('Blob-Quelle liefert keine Bytes');
}

/**
 * Pull-based bridge to a web stream: one chunk is read only when age asks for it,
 * which keeps memory bounded however large the upload is.
 */
function toWebStream(source: AsyncIterable<unknown>, onChunk?: (chunk: Uint8Array) => void) {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        const chunk = chunkOf(next.value);
        onChunk?.(chunk);
        controller.enqueue(chunk);
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** An error of the file system itself (it names a syscall), not of the content being written. */
function systemErrorCode(error: unknown): string | null {
  if (!(error instanceof Error) || !('syscall' in error) || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}

/** Blob store that keeps every file age-encrypted to one X25519 identity in a local directory. */
export function createAgeBlobStore({ dir, identity }: { dir: string; identity: string }): BlobStore {
  // The message must never echo the value: it is the master key.
  if (!IDENTITY_PATTERN.test(identity))
    throw new Error('Ungültiger age-Schlüssel (erwartet AGE-SECRET-KEY-1…)');
  const tmpDir = join(dir, 'tmp');
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  let encrypter: Promise<Encrypter> | undefined;
  let ready: Promise<void> | undefined;

  const pathOf = (key: string) => join(dir, key.slice(0, 2), key);

  async function prepare(): Promise<void> {
    await mkdir(tmpDir, { recursive: true, mode: 0o700 });
    const cutoff = Date.now() - STALE_TMP_MS;
    for (const name of await readdir(tmpDir)) {
      const path = join(tmpDir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && info.mtimeMs < cutoff) await unlink(path).catch(() => undefined);
    }
  }

  async function getEncrypter(): Promise<Encrypter> {
    const recipient = await identityToRecipient(identity);
    const e = new Encrypter();
    e.addRecipient(recipient);
    return e;
  }

  return {
    async put(content) {
      // A failed preparation (e.g. disk full) must not stick: the next put tries again.
      ready ??= prepare().catch((error: unknown) => {
        ready = undefined;
        throw error;
      });
      try {
        await ready;
      } catch (error) {
        if (!Buffer.isBuffer(content)) content.destroy();
        const code = systemErrorCode(error);
        throw code ? new BlobStoreUnavailableError(code, { cause: error }) : error;
      }
      encrypter ??= getEncrypter();
      const e = await encrypter;

      const key = randomBytes(16).toString('hex');
      const tmpPath = join(tmpDir, `${key}.${randomBytes(4).toString('hex')}.tmp`);
      const hash = createHash('sha256');
      let size = 0;
      const source = Buffer.isBuffer(content) ? Readable.from(slices(content)) : content;
      const plaintext = toWebStream(source, (chunk) => {
        hash.update(chunk);
        size += chunk.byteLength;
      });

      let handle: FileHandle | undefined;
      try {
        handle = await open(tmpPath, 'wx', 0o600).catch(async (error: unknown) => {
          // The temp directory has gone (an operator cleaned up, a volume was remounted): make it again.
          if (!isNotFound(error)) throw error;
          await mkdir(tmpDir, { recursive: true, mode: 0o700 });
          return open(tmpPath, 'wx', 0o600);
        });
        const reader = (await e.encrypt(plaintext)).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await handle.write(value);
        }
        await handle.sync();
        await handle.close();
        handle = undefined;
        const finalPath = pathOf(key);
        await mkdir(join(dir, key.slice(0, 2)), { recursive: true, mode: 0o700 });
        await rename(tmpPath, finalPath);
        await fsyncDir(join(dir, key.slice(0, 2)));
      } catch (error) {
        await handle?.close().catch(() => undefined);
        await unlink(tmpPath).catch(() => undefined);
        if (!Buffer.isBuffer(content)) content.destroy();
        const code = systemErrorCode(error);
        throw code ? new BlobStoreUnavailableError(code, { cause: error }) : error;
      }
      const blob: StoredBlob = { key, sha256: hash.digest('hex'), size };
      return blob;
    },

    async get(key) {
      if (!KEY_PATTERN.test(key)) throw new BlobNotFoundError();
      let handle: FileHandle;
      try {
        handle = await open(pathOf(key), 'r');
      } catch (error) {
        if (isNotFound(error)) throw new BlobNotFoundError();
        throw error;
      }
      // Reading from the open handle means a concurrent delete cannot turn into a half-read file.
      const ciphertext = toWebStream(handle.createReadStream({ highWaterMark: 64 * 1024 }));
      let plaintext: ReadableStream<Uint8Array>;
      try {
        plaintext = await decrypter.decrypt(ciphertext);
      } catch (error) {
        await ciphertext.cancel().catch(() => undefined);
        await handle.close().catch(() => undefined);
        throw error;
      }
      return Readable.from(chunksOf(plaintext), { objectMode: false });
    },

    async delete(key) {
      if (!KEY_PATTERN.test(key)) throw new BlobNotFoundError();
      try {
        await unlink(pathOf(key));
      } catch (error) {
        // Deleting twice is fine: retention jobs retry.
        if (!isNotFound(error)) throw error;
      }
    },

    async exists(key) {
      if (!KEY_PATTERN.test(key)) return false;
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
  };
}

async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Buffer> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  } finally {
    // An early destroy() of the Readable cancels upstream so the file handle is closed.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}
