import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { type BlobStore, UploadError } from '../../application/ports.ts';
import { createAgeBlobStore, generateIdentity } from './age-blob-store.ts';
import { createTusBlobStore, type TusBlobStore, type TusBlobStoreOptions } from './tus-store.ts';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const newId = () => randomBytes(16).toString('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

/** The stored blobs, without the in-flight directory. */
async function blobFilesIn(dir: string): Promise<string[]> {
  return (await filesUnder(dir)).filter((f) => !f.startsWith(join(dir, 'tmp')));
}

/** A real blob store that counts its calls. */
function counting(blobs: BlobStore) {
  const calls = { put: 0, delete: 0 };
  const store: BlobStore = {
    put: (content) => {
      calls.put += 1;
      return blobs.put(content);
    },
    get: (key) => blobs.get(key),
    delete: (key) => {
      calls.delete += 1;
      return blobs.delete(key);
    },
    exists: (key) => blobs.exists(key),
  };
  return { store, calls };
}

/** Yields `data` in 64 KiB chunks, then fails like a reset connection. */
function breakingSource(data: Buffer, breakAfter: number): Readable {
  async function* gen() {
    for (let o = 0; o < breakAfter; o += 64 * 1024) {
      yield data.subarray(o, Math.min(o + 64 * 1024, breakAfter));
      await new Promise((r) => setImmediate(r));
    }
    throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
  }
  return Readable.from(gen());
}

let t: TestDatabase;
let dir: string;
let identity: string;

before(async () => {
  t = await createTestDatabase();
  identity = await generateIdentity();
});
after(async () => {
  await t.close();
});

describe('tus store', () => {
  let blobs: ReturnType<typeof counting>;
  let store: TusBlobStore;
  const make = (options: Partial<TusBlobStoreOptions> = {}) =>
    createTusBlobStore({ db: t.db, blobs: blobs.store, maxBytes: 4 * 1024 * 1024, ...options });

  beforeEach(async () => {
    await sql`DELETE FROM uploads`.execute(t.db);
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(join(tmpdir(), 'hfk-tus-'));
    blobs = counting(createAgeBlobStore({ dir, identity }));
    store = make();
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a part broken off mid-body is kept with exactly the bytes received', async () => {
    const data = randomBytes(1024 * 1024);
    const id = newId();
    await store.createUpload({ id, ownerId: 'draft-1', length: data.length, metadata: {} });

    const offset = await store.write(breakingSource(data, 300_000), id, 0);
    assert.equal(offset, 300_000);
    const row = await t.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(Number(row.upload_offset), 300_000);
    assert.equal(row.writer, null, 'the lease is given back');
    assert.deepEqual(
      row.parts.map((p) => p.size),
      [300_000],
    );
    const stored = await readAll(await blobs.store.get(row.parts[0]?.key ?? ''));
    assert.ok(stored.equals(data.subarray(0, 300_000)), 'the part is the prefix, byte for byte');
    assert.equal((await store.getUpload(id)).offset, 300_000, 'HEAD reports what is stored');

    assert.equal(await store.write(Readable.from([data.subarray(300_000)]), id, 300_000), data.length);
    const { file } = await store.finish(id, async () => ({ documentId: 'd1' }));
    assert.equal(file.sha256, sha256(data));
    assert.ok((await readAll(await blobs.store.get(file.blobKey))).equals(data));
  });

  it('a body larger than the declared length is refused with 413 and leaves nothing', async () => {
    const id = newId();
    await store.createUpload({ id, ownerId: 'o', length: 1000, metadata: {} });
    await assert.rejects(store.write(Readable.from([randomBytes(1500)]), id, 0), { status_code: 413 });
    assert.equal((await store.getUpload(id)).offset, 0);
    assert.deepEqual(await blobFilesIn(dir), []);
    assert.deepEqual(await readdir(join(dir, 'tmp')), [], 'the partial ciphertext is gone');
  });

  it('a declared length over the limit is refused', async () => {
    await assert.rejects(
      store.createUpload({ id: newId(), ownerId: 'o', length: 4 * 1024 * 1024 + 1, metadata: {} }),
      (e: unknown) => e instanceof UploadError && e.reason === 'too_large' && e.limit === 4 * 1024 * 1024,
    );
  });

  it('ids must be random-looking hex; nothing derived from input reaches the database', async () => {
    await assert.rejects(store.createUpload({ id: '../x', ownerId: 'o', length: 1, metadata: {} }));
    await assert.rejects(store.getUpload('../../etc/passwd'), { status_code: 404 });
  });

  it('a second writer at the same offset gets 409 while the first one holds the upload', async () => {
    const id = newId();
    await store.createUpload({ id, ownerId: 'o', length: 200_000, metadata: {} });
    const slow = new PassThrough();
    const first = store.write(slow, id, 0);
    slow.write(randomBytes(50_000));
    for (let i = 0; i < 100; i++) {
      const row = await t.db.selectFrom('uploads').select('writer').where('id', '=', id).executeTakeFirst();
      if (row?.writer) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await assert.rejects(store.write(Readable.from([randomBytes(200_000)]), id, 0), { status_code: 409 });
    slow.end(randomBytes(150_000));
    assert.equal(await first, 200_000);
  });

  it('a half-open body ends its part after the idle timeout and keeps its bytes', async () => {
    const quick = make({ leaseMs: 300, idleTimeoutMs: 200 });
    const id = newId();
    await quick.createUpload({ id, ownerId: 'o', length: 100_000, metadata: {} });
    const silent = new PassThrough();
    silent.write(randomBytes(10_000));
    assert.equal(await quick.write(silent, id, 0), 10_000);
  });

  it('the lease of a dead instance runs out and another request continues', async () => {
    const id = newId();
    await store.createUpload({ id, ownerId: 'o', length: 10, metadata: {} });
    await sql`UPDATE uploads SET writer = 'dead', writer_until = now() + interval '1 hour' WHERE id = ${id}`.execute(
      t.db,
    );
    await assert.rejects(store.write(Readable.from([randomBytes(10)]), id, 0), { status_code: 409 });
    await sql`UPDATE uploads SET writer_until = now() - interval '1 second' WHERE id = ${id}`.execute(t.db);
    assert.equal(await store.write(Readable.from([randomBytes(10)]), id, 0), 10);
  });

  it('a single part is the file (no copy); several parts are joined and deleted', async () => {
    const one = randomBytes(100_000);
    const a = newId();
    await store.createUpload({ id: a, ownerId: 'o', length: one.length, metadata: { filename: 'a.pdf' } });
    await store.write(Readable.from([one]), a, 0);
    const putsBefore = blobs.calls.put;
    const done = await store.finish(a, async () => ({ documentId: 'da' }));
    assert.equal(blobs.calls.put, putsBefore, 'finishing a single part writes nothing');
    assert.equal(done.file.sha256, sha256(one));
    assert.equal(done.file.metadata.filename, 'a.pdf');

    const many = randomBytes(300_000);
    const b = newId();
    await store.createUpload({ id: b, ownerId: 'o', length: many.length, metadata: {} });
    for (let o = 0; o < many.length; o += 100_000)
      await store.write(Readable.from([many.subarray(o, o + 100_000)]), b, o);
    const parts = (
      await t.db.selectFrom('uploads').select('parts').where('id', '=', b).executeTakeFirstOrThrow()
    ).parts;
    assert.equal(parts.length, 3);
    // A new instance (after a restart) finishes it as well: nothing lives only in memory.
    const restarted = make();
    const joined = await restarted.finish(b, async () => ({ documentId: 'db' }));
    assert.equal(joined.file.sha256, sha256(many));
    assert.ok((await readAll(await blobs.store.get(joined.file.blobKey))).equals(many));
    for (const p of parts) assert.equal(await blobs.store.exists(p.key), false, 'parts are deleted');
    const blobFiles = await blobFilesIn(dir);
    assert.equal(blobFiles.length, 2, 'the two files and nothing else');
  });

  it('finish hands the file over once; later calls return the recorded answer', async () => {
    const id = newId();
    await store.createUpload({ id, ownerId: 'o', length: 5, metadata: {} });
    await assert.rejects(
      store.finish(id, async () => ({})),
      (e: unknown) => (e as UploadError).reason === 'incomplete',
    );
    await store.write(Readable.from([Buffer.from('hallo')]), id, 0);
    let calls = 0;
    const deliver = async () => {
      calls += 1;
      return { documentId: 'doc-1', redirect: '/weiter' };
    };
    const [x, y] = await Promise.allSettled([store.finish(id, deliver), store.finish(id, deliver)]);
    assert.equal(calls, 1);
    const settled = [x, y].map((r) =>
      r.status === 'fulfilled' ? r.value.result.documentId : (r.reason as UploadError).reason,
    );
    assert.ok(settled.includes('doc-1'));
    assert.deepEqual((await store.finish(id, deliver)).result, { documentId: 'doc-1', redirect: '/weiter' });
    assert.equal(calls, 1);
    assert.deepEqual((await store.getUploadState(id))?.result, { documentId: 'doc-1', redirect: '/weiter' });
  });

  it('a failing deliver leaves the upload to be finished again', async () => {
    const id = newId();
    await store.createUpload({ id, ownerId: 'o', length: 3, metadata: {} });
    await store.write(Readable.from([Buffer.from('abc')]), id, 0);
    await assert.rejects(
      store.finish(id, async () => {
        throw new Error('db down');
      }),
      /db down/,
    );
    assert.equal((await store.finish(id, async () => ({ documentId: 'x' }))).result.documentId, 'x');
  });

  it('a part that was swapped on disk is noticed when the parts are joined', async () => {
    const id = newId();
    await store.createUpload({ id, ownerId: 'o', length: 20, metadata: {} });
    await store.write(Readable.from([Buffer.alloc(10, 1)]), id, 0);
    await store.write(Readable.from([Buffer.alloc(10, 2)]), id, 10);
    const other = await blobs.store.put(Buffer.alloc(10, 3));
    await sql`UPDATE uploads SET parts = jsonb_set(parts, '{1,key}', to_jsonb(${other.key}::text)) WHERE id = ${id}`.execute(
      t.db,
    );
    await assert.rejects(
      store.finish(id, async () => ({ documentId: 'x' })),
      /verändert/,
    );
  });

  it('ingest stores a stream as one finished upload, refuses over-size and empty files', async () => {
    const data = randomBytes(50_000);
    const state = await store.ingest({
      ownerId: 'o',
      content: Readable.from([data]),
      metadata: { filename: 'f' },
    });
    assert.equal(state.offset, data.length);
    assert.equal(state.length, data.length);
    const puts = blobs.calls.put;
    const { file } = await store.finish(state.id, async () => ({ documentId: 'i' }));
    assert.equal(blobs.calls.put, puts);
    assert.equal(file.sha256, sha256(data));

    const before = (await filesUnder(dir)).length;
    await assert.rejects(
      store.ingest({
        ownerId: 'o',
        content: Readable.from([randomBytes(2000)]),
        metadata: {},
        maxBytes: 1000,
      }),
      (e: unknown) => e instanceof UploadError && e.reason === 'too_large' && e.limit === 1000,
    );
    await assert.rejects(
      store.ingest({ ownerId: 'o', content: Readable.from([]), metadata: {} }),
      (e: unknown) => e instanceof UploadError && e.reason === 'empty',
    );
    assert.equal((await filesUnder(dir)).length, before, 'nothing left of the refused files');
  });

  it('termination removes an unfinished upload with its parts; a finished one stays', async () => {
    const id = newId();
    await store.createUpload({ id, ownerId: 'o', length: 20, metadata: {} });
    await store.write(Readable.from([randomBytes(10)]), id, 0);
    await store.remove(id);
    assert.equal(await store.getUploadState(id), null);
    assert.deepEqual(await blobFilesIn(dir), []);
    const done = await store.ingest({ ownerId: 'o', content: Readable.from([randomBytes(5)]), metadata: {} });
    await assert.rejects(store.remove(done.id), { status_code: 400 });
  });

  it('purging expired uploads deletes unfinished ones, forgets delivered ones, keeps the rest', async () => {
    const past = new Date(Date.now() - 8 * 24 * 3600 * 1000);
    const ids = { unfinished: newId(), delivered: newId(), handedOver: newId(), fresh: newId() };
    for (const id of Object.values(ids))
      await store.createUpload({ id, ownerId: 'o', length: 10, metadata: {} });
    await store.write(Readable.from([randomBytes(4)]), ids.unfinished, 0);
    await store.write(Readable.from([randomBytes(10)]), ids.delivered, 0);
    const delivered = await store.finish(ids.delivered, async () => ({ documentId: 'd' }));
    await sql`UPDATE uploads SET upload_offset = 10, handed_over_at = now() WHERE id = ${ids.handedOver}`.execute(
      t.db,
    );
    await sql`UPDATE uploads SET expires_at = ${past} WHERE id <> ${ids.fresh}`.execute(t.db);
    const unfinishedPart = (
      await t.db
        .selectFrom('uploads')
        .select('parts')
        .where('id', '=', ids.unfinished)
        .executeTakeFirstOrThrow()
    ).parts[0];

    assert.equal(await store.purgeExpiredUploads(new Date()), 2);
    const left = (await t.db.selectFrom('uploads').select('id').execute()).map((r) => r.id).sort();
    assert.deepEqual(left, [ids.handedOver, ids.fresh].sort());
    assert.equal(await blobs.store.exists(unfinishedPart?.key ?? ''), false, 'the parts are gone');
    assert.equal(await blobs.store.exists(delivered.file.blobKey), true, "the document's blob stays");
    assert.equal(await store.purgeExpiredUploads(new Date()), 0);
  });
});
