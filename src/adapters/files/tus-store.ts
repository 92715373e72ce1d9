/**
 * Resumable uploads into the encrypted blob store. age encrypts a stream in one go and cannot append,
 * so every PATCH body becomes one encrypted part (one BlobStore.put) and an upload is the ordered list
 * of its parts. The state lives in the `uploads` table, so any instance can continue an upload; a
 * lease on the row (writer, writer_until) lets exactly one request change an upload at a time.
 *
 * A part is recorded only after put() returned, i.e. after its ciphertext is fsynced under its final
 * name, and in the same UPDATE that moves the offset: the offset a client is told is never ahead of
 * the bytes stored. A body that breaks off (client gone, socket reset, idle) still ends its part
 * cleanly at the last byte received, and that part counts; a body refused on purpose (too large, the
 * lease lost) leaves nothing behind.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/utils';
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
} from 'kysely';
import {
  type BlobStore,
  type FinishedUpload,
  type StoredBlob,
  UploadError,
  type UploadMetadata,
  type UploadState,
  type UploadStore,
} from '../../application/ports.ts';
import type { Database, UploadPartRecord, UploadsTable } from '../db/schema.ts';

const ID_PATTERN = /^[0-9a-f]{32}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

type Row = Selectable<UploadsTable>;
type Where = (eb: ExpressionBuilder<Database, 'uploads'>) => Expression<SqlBool>;

export interface TusBlobStoreOptions {
  db: Kysely<Database>;
  blobs: BlobStore;
  /** Largest upload accepted, in bytes: declared length and bytes received alike. */
  maxBytes: number;
  /** How long an upload may be continued after it was created. Default: 7 days (phones go offline). */
  expiresAfterMs?: number;
  /** How long a request's hold on an upload lasts without renewal, i.e. after its instance died. Default 30 s. */
  leaseMs?: number;
  /** A body that delivers no byte for this long ends its part, so a half-open connection cannot hold the upload. Default 60 s. */
  idleTimeoutMs?: number;
  /** The clock for creation and expiry (the lease uses the database's clock, shared by all instances). */
  now?: () => Date;
}

/**
 * Why a write stopped although its source did not fail: the part is dropped, not kept. Shaped like
 * tus's errors (status_code, body), as tus may see it first through its stream pipeline.
 */
class PartRefused extends Error {
  readonly status_code: number;
  readonly body: string;
  constructor(tus: { status_code: number; body: string }) {
    super(tus.body.trim());
    this.name = 'PartRefused';
    this.status_code = tus.status_code;
    this.body = tus.body;
  }
}

/** The body went silent: its part ends here like any other broken-off body. */
class IdleBody extends Error {
  readonly status_code = 408;
  readonly body = 'Request Timeout\n';
  constructor() {
    super('no bytes within the idle timeout');
    this.name = 'IdleBody';
  }
}

function hasStatus(error: unknown, status: number): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { status_code?: unknown }).status_code === status
  );
}

function stateOf(row: Row): UploadState {
  return {
    id: row.id,
    ownerId: row.owner_id,
    length: Number(row.declared_length),
    offset: Number(row.upload_offset),
    metadata: row.metadata,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    result: row.result,
  };
}

function fileOf(row: Row): FinishedUpload {
  if (row.blob_key === null || row.sha256 === null) throw new UploadError('incomplete');
  return {
    uploadId: row.id,
    ownerId: row.owner_id,
    size: Number(row.declared_length),
    sha256: row.sha256,
    blobKey: row.blob_key,
    metadata: row.metadata,
  };
}

/** Passes at most `limit` bytes; one byte more fails the stream, so that put() discards what it wrote. */
async function* atMost(source: AsyncIterable<unknown>, limit: number, tooLarge: () => Error) {
  let size = 0;
  for await (const chunk of source) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > limit) throw tooLarge();
    yield bytes;
  }
}

/** tus DataStore and UploadStore in one: what tus asks for and what the form fallback needs share the rows. */
export class TusBlobStore extends DataStore implements UploadStore<DataStore> {
  readonly #db: Kysely<Database>;
  readonly #blobs: BlobStore;
  readonly #maxBytes: number;
  readonly #expiresAfterMs: number;
  readonly #leaseSeconds: number;
  readonly #idleTimeoutMs: number;
  readonly #now: () => Date;

  constructor(options: TusBlobStoreOptions) {
    super();
    if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes <= 0)
      throw new Error('maxBytes muss eine positive ganze Zahl sein');
    this.#db = options.db;
    this.#blobs = options.blobs;
    this.#maxBytes = options.maxBytes;
    this.#expiresAfterMs = options.expiresAfterMs ?? 7 * DAY_MS;
    this.#leaseSeconds = (options.leaseMs ?? 30_000) / 1000;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.#now = options.now ?? (() => new Date());
    // No creation-defer-length: every upload declares its length, so the limit holds from the start.
    this.extensions = ['creation', 'creation-with-upload', 'termination', 'expiration'];
  }

  get protocol(): DataStore {
    return this;
  }

  get maxBytes(): number {
    return this.#maxBytes;
  }

  // ---- the tus DataStore ----

  /** Rows are created through createUpload, which knows the owner; tus only confirms here. */
  override async create(upload: Upload): Promise<Upload> {
    if (!(await this.#row(upload.id)))
      throw new Error('Upload nicht angelegt: createUpload fehlt im onUploadCreate');
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const row = await this.#row(id);
    if (!row) throw ERRORS.FILE_NOT_FOUND;
    return new Upload({
      id: row.id,
      size: Number(row.declared_length),
      offset: Number(row.upload_offset),
      metadata: row.metadata,
      creation_date: row.created_at.toISOString(),
      storage: { type: 'age-blob-store', path: row.blob_key ?? '' },
    });
  }

  override async write(source: Readable, id: string, offset: number): Promise<number> {
    const claim = await this.#claim(id, (eb) =>
      eb.and([
        eb('upload_offset', '=', String(offset)),
        eb('blob_key', 'is', null),
        eb('expires_at', '>', this.#now()),
      ]),
    );
    if (!claim) throw await this.#whyNotWritable(id);
    const room = Number(claim.row.declared_length) - offset;

    let lastByteAt = Date.now();
    const refusal = (tus: { status_code: number; body: string }) => {
      const error = new PartRefused(tus);
      source.destroy(error);
      return error;
    };
    const lease = this.#hold(id, claim.token, {
      onTick: () => {
        if (Date.now() - lastByteAt > this.#idleTimeoutMs) source.destroy(new IdleBody());
      },
      onLost: () => refusal(ERRORS.INVALID_OFFSET),
    });
    async function* received() {
      let size = 0;
      try {
        for await (const chunk of source) {
          const bytes = chunk as Buffer;
          lastByteAt = Date.now();
          size += bytes.length;
          if (size > room) throw refusal(ERRORS.ERR_SIZE_EXCEEDED);
          yield bytes;
        }
      } catch (error) {
        // Refused on purpose: the part goes. Anything else is the source breaking off (client gone,
        // reset, idle): end the part here, so every byte received so far is kept.
        if (error instanceof PartRefused || hasStatus(error, 413)) throw error;
      }
    }

    let blob: StoredBlob;
    try {
      blob = await this.#blobs.put(Readable.from(received()));
    } catch (error) {
      lease.stop();
      await this.#release(id, claim.token);
      if (error instanceof PartRefused) throw error;
      if (hasStatus(error, 413)) throw ERRORS.ERR_SIZE_EXCEEDED;
      throw error;
    }
    lease.stop();
    if (blob.size === 0) {
      await this.#blobs.delete(blob.key);
      await this.#release(id, claim.token);
      return offset;
    }
    const part: UploadPartRecord = { key: blob.key, size: blob.size, sha256: blob.sha256 };
    const committed = await this.#db
      .updateTable('uploads')
      .set({
        upload_offset: sql`upload_offset + ${blob.size}`,
        parts: sql`parts || ${JSON.stringify([part])}::jsonb`,
        writer: null,
        writer_until: null,
      })
      .where('id', '=', id)
      .where('writer', '=', claim.token)
      .where('upload_offset', '=', String(offset))
      .returning('upload_offset')
      .executeTakeFirst()
      .catch(async (error: unknown) => {
        await this.#blobs.delete(blob.key).catch(() => undefined);
        throw error;
      });
    if (!committed) {
      // Our lease ran out and someone else moved on: this part must not count twice.
      await this.#blobs.delete(blob.key);
      throw ERRORS.INVALID_OFFSET;
    }
    return Number(committed.upload_offset);
  }

  override async remove(id: string): Promise<void> {
    // Termination is for unfinished uploads; a sealed file may already belong to a document.
    const claim = await this.#claim(id, (eb) => eb('blob_key', 'is', null));
    if (!claim) {
      const row = await this.#row(id);
      if (!row) throw ERRORS.FILE_NOT_FOUND;
      throw row.blob_key === null ? ERRORS.INVALID_OFFSET : ERRORS.INVALID_TERMINATION;
    }
    await this.#drop(claim.row, claim.token);
  }

  override async deleteExpired(): Promise<number> {
    return this.purgeExpiredUploads(this.#now());
  }

  override getExpiration(): number {
    return this.#expiresAfterMs;
  }

  // ---- the UploadStore port ----

  async createUpload(input: {
    id: string;
    ownerId: string;
    length: number;
    metadata: UploadMetadata;
    createdAt?: Date;
  }): Promise<UploadState> {
    if (!ID_PATTERN.test(input.id)) throw new Error('Upload-ID muss aus 32 Hexadezimalziffern bestehen');
    if (input.ownerId.length === 0) throw new Error('Upload ohne Eigentümer');
    if (!Number.isSafeInteger(input.length) || input.length < 0)
      throw new UploadError('too_large', this.#maxBytes);
    if (input.length > this.#maxBytes) throw new UploadError('too_large', this.#maxBytes);
    const createdAt = input.createdAt ?? this.#now();
    const row = await this.#db
      .insertInto('uploads')
      .values({
        id: input.id,
        owner_id: input.ownerId,
        declared_length: input.length,
        metadata: JSON.stringify(input.metadata),
        created_at: createdAt,
        expires_at: new Date(createdAt.getTime() + this.#expiresAfterMs),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return stateOf(row);
  }

  async getUploadState(id: string): Promise<UploadState | null> {
    const row = await this.#row(id);
    return row ? stateOf(row) : null;
  }

  async ingest(input: {
    ownerId: string;
    content: Readable;
    metadata: UploadMetadata;
    maxBytes?: number;
  }): Promise<UploadState> {
    if (input.ownerId.length === 0) throw new Error('Upload ohne Eigentümer');
    const limit = Math.min(input.maxBytes ?? this.#maxBytes, this.#maxBytes);
    const blob = await this.#blobs.put(
      Readable.from(atMost(input.content, limit, () => new UploadError('too_large', limit))),
    );
    if (blob.size === 0) {
      await this.#blobs.delete(blob.key);
      throw new UploadError('empty');
    }
    const createdAt = this.#now();
    try {
      const row = await this.#db
        .insertInto('uploads')
        .values({
          id: randomBytes(16).toString('hex'),
          owner_id: input.ownerId,
          declared_length: blob.size,
          upload_offset: blob.size,
          metadata: JSON.stringify(input.metadata),
          blob_key: blob.key,
          sha256: blob.sha256,
          created_at: createdAt,
          expires_at: new Date(createdAt.getTime() + this.#expiresAfterMs),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return stateOf(row);
    } catch (error) {
      await this.#blobs.delete(blob.key).catch(() => undefined);
      throw error;
    }
  }

  async finish(
    id: string,
    deliver: (file: FinishedUpload) => Promise<Record<string, unknown>>,
  ): Promise<{ file: FinishedUpload; result: Record<string, unknown> }> {
    const before = await this.#row(id);
    if (!before) throw new UploadError('not_found');
    if (before.result !== null) return { file: fileOf(before), result: before.result };
    if (before.upload_offset !== before.declared_length) throw new UploadError('incomplete');
    const claim = await this.#claim(id, (eb) =>
      eb.and([eb('result', 'is', null), eb('upload_offset', '=', eb.ref('declared_length'))]),
    );
    if (!claim) {
      const now = await this.#row(id);
      if (now?.result) return { file: fileOf(now), result: now.result };
      throw new UploadError(now ? 'conflict' : 'not_found');
    }
    const lease = this.#hold(id, claim.token, {});
    try {
      const sealed = await this.#seal(claim.row, claim.token);
      const file = fileOf(sealed);
      // Marked before deliver runs: from here on the blob may belong to a document, so purging keeps it.
      await this.#db
        .updateTable('uploads')
        .set({ handed_over_at: sql`now()` })
        .where('id', '=', id)
        .execute();
      const result = await deliver(file);
      // Recorded even if the lease ran out meanwhile: deliver has run, and must not run again.
      await this.#db
        .updateTable('uploads')
        .set({ result: JSON.stringify(result), delivered_at: sql`now()`, writer: null, writer_until: null })
        .where('id', '=', id)
        .where('result', 'is', null)
        .execute();
      return { file, result };
    } finally {
      lease.stop();
      await this.#release(id, claim.token);
    }
  }

  /**
   * Deletes expired uploads: unfinished ones with their parts and rows, delivered ones only as rows
   * (their blob is a document's now). Keeps an upload that was handed to deliver without an answer
   * recorded: its blob may belong to a document.
   */
  async purgeExpiredUploads(now: Date): Promise<number> {
    const expired: Where = (eb) =>
      eb.and([
        eb('expires_at', '<', now),
        eb.or([eb('result', 'is not', null), eb('handed_over_at', 'is', null)]),
      ]);
    let purged = 0;
    for (;;) {
      const batch = await this.#db.selectFrom('uploads').select('id').where(expired).limit(100).execute();
      let progressed = false;
      for (const { id } of batch) {
        const claim = await this.#claim(id, expired);
        if (!claim) continue;
        await this.#drop(claim.row, claim.token);
        purged += 1;
        progressed = true;
      }
      if (batch.length < 100 || !progressed) return purged;
    }
  }

  // ---- internals ----

  async #row(id: string): Promise<Row | undefined> {
    if (!ID_PATTERN.test(id)) return undefined;
    return this.#db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Takes the upload's lease if it is free (or its holder's ran out) and `where` holds. */
  async #claim(id: string, where: Where): Promise<{ token: string; row: Row } | null> {
    if (!ID_PATTERN.test(id)) return null;
    const token = randomBytes(16).toString('hex');
    const row = await this.#db
      .updateTable('uploads')
      .set({ writer: token, writer_until: sql`now() + make_interval(secs => ${this.#leaseSeconds})` })
      .where('id', '=', id)
      .where((eb) =>
        eb.and([eb.or([eb('writer', 'is', null), eb('writer_until', '<', sql<Date>`now()`)]), where(eb)]),
      )
      .returningAll()
      .executeTakeFirst();
    return row ? { token, row } : null;
  }

  async #release(id: string, token: string): Promise<void> {
    await this.#db
      .updateTable('uploads')
      .set({ writer: null, writer_until: null })
      .where('id', '=', id)
      .where('writer', '=', token)
      .execute()
      .catch(() => undefined);
  }

  /** Renews the lease while work runs; `onLost` when another request has taken the upload over. */
  #hold(id: string, token: string, hooks: { onTick?: () => void; onLost?: () => void }) {
    let busy = false;
    const timer = setInterval(
      () => {
        hooks.onTick?.();
        if (busy) return;
        busy = true;
        this.#db
          .updateTable('uploads')
          .set({ writer_until: sql`now() + make_interval(secs => ${this.#leaseSeconds})` })
          .where('id', '=', id)
          .where('writer', '=', token)
          .executeTakeFirst()
          .then((r) => {
            if (Number(r.numUpdatedRows) === 0) hooks.onLost?.();
          })
          // A failed renewal is retried on the next tick; the lease outlives two of them.
          .catch(() => undefined)
          .finally(() => {
            busy = false;
          });
      },
      Math.max(50, (this.#leaseSeconds * 1000) / 3),
    );
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }

  async #whyNotWritable(id: string): Promise<unknown> {
    const row = await this.#row(id);
    if (!row) return ERRORS.FILE_NOT_FOUND;
    if (row.expires_at <= this.#now() && row.blob_key === null) return ERRORS.FILE_NO_LONGER_EXISTS;
    // Wrong offset, already complete, or another request is writing right now.
    return ERRORS.INVALID_OFFSET;
  }

  /** Puts every byte into one blob: the single part as it is, several parts joined into a new blob. */
  async #seal(row: Row, token: string): Promise<Row> {
    if (row.blob_key !== null) {
      await this.#deleteParts(row, token);
      return row;
    }
    const length = Number(row.declared_length);
    const parts = row.parts;
    const only = parts.length === 1 ? parts[0] : undefined;
    let blob: StoredBlob;
    if (only) {
      blob = only;
    } else if (parts.length === 0) {
      blob = await this.#blobs.put(Buffer.alloc(0));
    } else {
      blob = await this.#blobs.put(Readable.from(this.#joined(parts)));
    }
    const made = blob !== only;
    if (blob.size !== length) {
      if (made) await this.#blobs.delete(blob.key);
      throw new Error(`Upload ${row.id}: ${blob.size} statt ${length} Bytes gespeichert`);
    }
    const sealed = await this.#db
      .updateTable('uploads')
      .set({
        blob_key: blob.key,
        sha256: blob.sha256,
        // The single part is the file now, not a leftover.
        ...(only ? { parts: '[]' } : {}),
      })
      .where('id', '=', row.id)
      .where('writer', '=', token)
      .returningAll()
      .executeTakeFirst();
    if (!sealed) {
      if (made) await this.#blobs.delete(blob.key);
      throw new UploadError('conflict');
    }
    await this.#deleteParts(sealed, token);
    return { ...sealed, parts: [] };
  }

  /** Decrypts the parts in order; each must still be the bytes that were received (size and SHA-256). */
  async *#joined(parts: readonly UploadPartRecord[]): AsyncGenerator<Buffer> {
    for (const part of parts) {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of await this.#blobs.get(part.key)) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        size += bytes.length;
        yield bytes;
      }
      if (size !== part.size || hash.digest('hex') !== part.sha256)
        throw new Error(`Teil ${part.key} einer Upload-Datei ist verändert`);
    }
  }

  /** Deletes the parts of a sealed upload (never its file) and forgets them. */
  async #deleteParts(row: Row, token: string): Promise<void> {
    const leftovers = row.parts.filter((p) => p.key !== row.blob_key);
    if (leftovers.length === 0) return;
    for (const part of leftovers) await this.#blobs.delete(part.key);
    await this.#db
      .updateTable('uploads')
      .set({ parts: '[]' })
      .where('id', '=', row.id)
      .where('writer', '=', token)
      .execute();
  }

  /** Removes an upload we hold the lease of: blobs first, so a crash in between only repeats work. */
  async #drop(row: Row, token: string): Promise<void> {
    for (const part of row.parts) if (part.key !== row.blob_key) await this.#blobs.delete(part.key);
    if (row.blob_key !== null && row.handed_over_at === null) await this.#blobs.delete(row.blob_key);
    await this.#db.deleteFrom('uploads').where('id', '=', row.id).where('writer', '=', token).execute();
  }
}

/** The upload store over a blob store and the database. */
export function createTusBlobStore(options: TusBlobStoreOptions): TusBlobStore {
  return new TusBlobStore(options);
}
