/**
 * The upload routes end to end: the real app (security hooks, parsers) on a loopback port, PGlite, the
 * age blob store in a temp directory and the real tus-js-client.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { type HttpResponse, Upload, type UploadOptions } from 'tus-js-client';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db.ts';
import { createAgeBlobStore, generateIdentity } from '../../../adapters/files/age-blob-store.ts';
import { createTusBlobStore } from '../../../adapters/files/tus-store.ts';
import type { BlobStore } from '../../../application/ports.ts';
import { loadDescriptions } from '../../../main/compose.ts';
import { buildApp } from '../../app.tsx';
import { type CompletedUpload, RESULT_HEADER, registerUploads, UPLOAD_TEXTS } from './routes.ts';

const MB = 1024 * 1024;
const MARKER = Buffer.from('HFK-KLARTEXT-MARKER-7f3a9c Diagnose: vertraulich');
const BASE = '/antrag/hochladen';
const SMALL = '/klein/hochladen';
const SMALL_MAX = 1 * MB;

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Random bytes with the plaintext marker every 256 KiB, so a leak anywhere would show. */
function payload(size: number): Buffer {
  const data = randomBytes(size);
  for (let o = 0; o + MARKER.length <= size; o += 256 * 1024) MARKER.copy(data, o);
  return data;
}

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
  return out.sort();
}

let db: TestDatabase;
let dir: string;
let blobs: BlobStore;
let app: FastifyInstance;
let other: FastifyInstance;
let base: string;
let otherBase: string;
const puts = { count: 0 };
const completed: CompletedUpload[] = [];
const failOnce = new Set<string>();

function cookieFor(owner: string) {
  return `entwurf=${owner}`;
}

async function startApp(): Promise<{ app: FastifyInstance; url: string }> {
  const instance = await buildApp({
    publicUrl: 'http://localhost:3000',
    trustProxy: false,
    logger: false,
    descriptions: await loadDescriptions(),
    ready: async () => true,
  });
  // Each instance has its own store object; they share only the database and the directory.
  const store = createTusBlobStore({ db: db.db, blobs, maxBytes: 16 * MB, leaseMs: 3000 });
  const common = {
    store,
    authorize: async (request: { cookies: Record<string, string | undefined> }) =>
      request.cookies.entwurf ?? null,
    onComplete: async (upload: CompletedUpload) => {
      if (failOnce.delete(upload.metadata.kategorie ?? ''))
        throw new Error('Dokumentablage nicht erreichbar');
      completed.push(upload);
      return { documentId: `doc-${upload.uploadId.slice(0, 8)}`, redirect: '/antrag/unterlagen' };
    },
  };
  await registerUploads(instance, { ...common, basePath: BASE, maxBytes: 16 * MB });
  await registerUploads(instance, { ...common, basePath: SMALL, maxBytes: SMALL_MAX });
  const url = await instance.listen({ port: 0, host: '127.0.0.1' });
  return { app: instance, url };
}

before(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'hfk-upload-'));
  const real = createAgeBlobStore({ dir, identity: await generateIdentity() });
  blobs = {
    ...real,
    put: (content) => {
      puts.count += 1;
      return real.put(content);
    },
  };
  ({ app, url: base } = await startApp());
  ({ app: other, url: otherBase } = await startApp());
});

after(async () => {
  await app?.close();
  await other?.close();
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Uploaded {
  url: string;
  response: HttpResponse;
}

function tusUpload(data: Buffer, options: UploadOptions = {}, owner = 'draft-a'): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const upload: Upload = new Upload(data, {
      endpoint: `${base}${BASE}/tus`,
      chunkSize: 5 * MB,
      retryDelays: [0, 100, 300],
      headers: { cookie: cookieFor(owner) },
      metadata: { filename: 'befund.pdf', filetype: 'application/pdf', kategorie: 'gesundheit' },
      onSuccess: ({ lastResponse }) => resolve({ url: upload.url ?? '', response: lastResponse }),
      onError: reject,
      ...options,
    } as UploadOptions);
    upload.start();
  });
}

function completedFor(url: string): CompletedUpload[] {
  const id = url.split('/').pop();
  return completed.filter((c) => c.uploadId === id);
}

async function row(uploadUrl: string) {
  const id = uploadUrl.split('/').pop() ?? '';
  return db.db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
}

const tusHeaders = (owner: string | null, extra: Record<string, string> = {}) => ({
  'tus-resumable': '1.0.0',
  ...(owner ? { cookie: cookieFor(owner) } : {}),
  ...extra,
});

async function createUpload(length: number, owner = 'draft-a', path = BASE): Promise<string> {
  const res = await fetch(`${base}${path}/tus`, {
    method: 'POST',
    headers: tusHeaders(owner, { 'upload-length': String(length) }),
  });
  assert.equal(res.status, 201, await res.text());
  return new URL(res.headers.get('location') ?? '', base).toString();
}

/** A raw PATCH whose body the test writes piece by piece. */
function rawPatch(url: string, headers: Record<string, string | number>) {
  const req = http.request(url, { method: 'PATCH', headers });
  const response = new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>(
    (resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
      });
      req.on('error', reject);
    },
  );
  return { req, response };
}

/** A TCP relay to `target` that drops both sides once `cutAfter` request bytes have passed: a network dying mid-PATCH. */
async function cuttingRelay(target: string, cutAfter: number) {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    let sent = 0;
    client.on('data', (chunk: Buffer) => {
      const room = cutAfter - sent;
      if (room <= 0) return;
      sent += chunk.length;
      if (chunk.length < room) {
        upstream.write(chunk);
        return;
      }
      upstream.write(chunk.subarray(0, room), () => {
        upstream.destroy();
        client.destroy();
      });
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    for (const [a, b] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      a.on('error', () => b.destroy());
      a.on('close', () => b.destroy());
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 10_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('resumable upload (tus)', () => {
  it('12 MB in 5 MB chunks arrives byte-identical; the stored blob decrypts to the same bytes', async () => {
    const data = payload(12 * MB);
    const { url, response } = await tusUpload(data);
    assert.equal(response.getStatus(), 200);
    assert.deepEqual(JSON.parse(response.getBody()), {
      documentId: `doc-${url.split('/').pop()?.slice(0, 8)}`,
      redirect: '/antrag/unterlagen',
    });
    const [done, ...more] = completedFor(url);
    assert.ok(done);
    assert.equal(more.length, 0, 'onComplete once');
    assert.equal(done.ownerId, 'draft-a');
    assert.equal(done.size, data.length);
    assert.equal(done.sha256, sha256(data));
    assert.equal(done.fileName, 'befund.pdf');
    assert.equal(done.declaredType, 'application/pdf');
    assert.deepEqual(done.metadata, { kategorie: 'gesundheit' });
    const stored = await readAll(await blobs.get(done.blobKey));
    assert.equal(sha256(stored), sha256(data));
    const state = await row(url);
    assert.deepEqual(state?.parts, [], 'the three parts are deleted after joining');
  });

  it('the usual single-part upload makes no copy: one put, and that blob is the file', async () => {
    const data = payload(3 * MB);
    const before = puts.count;
    const filesBefore = await filesUnder(dir);
    const { url } = await tusUpload(data, { chunkSize: Number.POSITIVE_INFINITY } as UploadOptions);
    assert.equal(puts.count - before, 1);
    const done = completedFor(url)[0];
    assert.equal(done?.sha256, sha256(data));
    const added = (await filesUnder(dir)).filter((f) => !filesBefore.includes(f));
    assert.deepEqual(
      added.map((f) => f.split('/').pop()),
      [done?.blobKey],
    );
  });

  it('a PATCH cut off after a few MB resumes from the offset the server stored and ends byte-identical', async () => {
    const data = payload(9 * MB);
    const relay = await cuttingRelay(base, 3 * MB);
    let first: Upload | undefined;
    const cut = new Promise<void>((resolve, reject) => {
      first = new Upload(data, {
        endpoint: `${relay.url}${BASE}/tus`,
        chunkSize: 8 * MB,
        retryDelays: null,
        headers: { cookie: cookieFor('draft-a') },
        metadata: { filename: 'pass.jpg', filetype: 'image/jpeg' },
        onSuccess: () => reject(new Error('should not finish')),
        onError: () => resolve(),
      });
      first.start();
    });
    await cut;
    relay.close();
    const url = (first?.url ?? '').replace(relay.url, base);
    assert.match(url, /\/tus\/[0-9a-f]{32}$/);
    await waitFor('the broken part to be stored', async () => {
      const r = await row(url);
      return r !== undefined && r.writer === null && Number(r.upload_offset) > 0;
    });
    const head = await fetch(url, { method: 'HEAD', headers: tusHeaders('draft-a') });
    const offset = Number(head.headers.get('upload-offset'));
    const stored = await row(url);
    assert.ok(offset > 0 && offset < 3 * MB, `kept the part of the broken body that arrived (${offset})`);
    assert.equal(offset, Number(stored?.upload_offset));
    assert.equal(
      offset,
      stored?.parts.reduce((sum, p) => sum + p.size, 0),
      'the offset is exactly what the parts hold',
    );
    const part = stored?.parts[0];
    assert.ok(part);
    assert.ok((await readAll(await blobs.get(part.key))).equals(data.subarray(0, offset)));

    const { url: resumedUrl } = await tusUpload(data, { uploadUrl: url } as UploadOptions);
    assert.equal(resumedUrl, url);
    const done = completedFor(url);
    assert.equal(done.length, 1);
    assert.equal(done[0]?.sha256, sha256(data));
    assert.ok((await readAll(await blobs.get(done[0]?.blobKey ?? ''))).equals(data));
  });

  it('an upload started on one instance is finished on another', async () => {
    const data = payload(7 * MB);
    let first: Upload | undefined;
    await new Promise<void>((resolve, reject) => {
      first = new Upload(data, {
        endpoint: `${base}${BASE}/tus`,
        chunkSize: 5 * MB,
        retryDelays: null,
        headers: { cookie: cookieFor('draft-a') },
        metadata: { filename: 'a.pdf' },
        onChunkComplete: () => void first?.abort().then(resolve),
        onError: reject,
      });
      first.start();
    });
    const elsewhere = (first?.url ?? '').replace(base, otherBase);
    const { url } = await tusUpload(data, { uploadUrl: elsewhere } as UploadOptions);
    assert.equal(url, elsewhere);
    assert.equal(completedFor(url)[0]?.sha256, sha256(data));
  });

  it('when the answer to the last PATCH is lost, the resuming HEAD finishes and carries the result', async () => {
    failOnce.add('scheitert-einmal');
    const data = payload(1 * MB);
    const { url, response } = await tusUpload(data, {
      metadata: { filename: 'x.pdf', kategorie: 'scheitert-einmal' },
    } as UploadOptions);
    assert.equal(failOnce.size, 0, 'the first onComplete did fail');
    assert.equal(completedFor(url).length, 1);
    const header = response.getHeader(RESULT_HEADER);
    assert.ok(header, 'the HEAD tells the result');
    assert.equal(JSON.parse(decodeURIComponent(header)).redirect, '/antrag/unterlagen');
    const again = await fetch(url, { method: 'HEAD', headers: tusHeaders('draft-a') });
    assert.equal(again.status, 200);
    assert.ok(again.headers.get(RESULT_HEADER));
    assert.equal(completedFor(url).length, 1, 'never delivered twice');
  });

  it("another owner's upload answers 404, exactly like one that does not exist", async () => {
    const url = await createUpload(100);
    const unknown = url.replace(/[0-9a-f]{32}$/, randomBytes(16).toString('hex'));
    const answers: [string, number, string][] = [];
    for (const [target, owner] of [
      [url, 'draft-b'],
      [unknown, 'draft-a'],
      [url, null],
    ] as const) {
      for (const method of ['HEAD', 'PATCH', 'DELETE']) {
        const res = await fetch(target, {
          method,
          headers: tusHeaders(owner, {
            'upload-offset': '0',
            'content-type': 'application/offset+octet-stream',
          }),
          ...(method === 'PATCH' ? { body: Buffer.from('0123456789') } : {}),
        });
        answers.push([method, res.status, await res.text()]);
      }
    }
    const byMethod = (m: string) => new Set(answers.filter((a) => a[0] === m).map((a) => `${a[1]} ${a[2]}`));
    for (const m of ['HEAD', 'PATCH', 'DELETE']) {
      assert.equal(byMethod(m).size, 1, `${m}: one answer for all three`);
      assert.match([...byMethod(m)][0] ?? '', /^404/);
    }
    const head = await fetch(url, { method: 'HEAD', headers: tusHeaders('draft-a') });
    assert.equal(head.status, 200, 'the owner still sees it');
    assert.equal(head.headers.get('upload-offset'), '0', 'and nothing was written by the others');
  });

  it('over-size is refused with 413: by Upload-Length and by the bytes sent', async () => {
    const countRows = async () =>
      Number(
        (
          await db.db
            .selectFrom('uploads')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const rowsBefore = await countRows();
    const tooLong = await fetch(`${base}${BASE}/tus`, {
      method: 'POST',
      headers: tusHeaders('draft-a', { 'upload-length': String(16 * MB + 1) }),
    });
    assert.equal(tooLong.status, 413);
    assert.equal(await countRows(), rowsBefore, 'no upload was created');

    const filesBefore = await filesUnder(dir);
    const url = await createUpload(1000);
    // Chunked, so that no Content-Length warns the server in advance: the bytes themselves must be counted.
    const chunked = rawPatch(url, {
      ...tusHeaders('draft-a'),
      'upload-offset': 0,
      'content-type': 'application/offset+octet-stream',
      'transfer-encoding': 'chunked',
    });
    chunked.req.end(randomBytes(2000));
    assert.equal((await chunked.response).status, 413);
    const declared = await fetch(url, {
      method: 'PATCH',
      headers: tusHeaders('draft-a', {
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      }),
      body: randomBytes(1001),
    });
    assert.equal(declared.status, 413);
    const head = await fetch(url, { method: 'HEAD', headers: tusHeaders('draft-a') });
    assert.equal(head.headers.get('upload-offset'), '0');
    await waitFor('the refused ciphertext to go', async () =>
      (await filesUnder(dir)).every((f) => filesBefore.includes(f)),
    );
  });

  it('two concurrent PATCHes on one upload: one goes through, the other gets 409', async () => {
    const data = payload(1 * MB);
    const url = await createUpload(data.length);
    const headers = {
      ...tusHeaders('draft-a'),
      'upload-offset': 0,
      'content-type': 'application/offset+octet-stream',
    };
    const slow = rawPatch(url, { ...headers, 'content-length': data.length });
    slow.req.write(data.subarray(0, 64 * 1024));
    await waitFor('the first PATCH to hold the upload', async () => (await row(url))?.writer != null);
    const second = rawPatch(url, { ...headers, 'content-length': 10 });
    second.req.end(data.subarray(0, 10));
    const secondAnswer = await second.response;
    slow.req.end(data.subarray(64 * 1024));
    const firstAnswer = await slow.response;
    assert.deepEqual([firstAnswer.status, secondAnswer.status], [200, 409]);
    assert.equal(completedFor(url)[0]?.sha256, sha256(data));
  });

  it('tus requests from a foreign origin are refused by the app; our own origin passes', async () => {
    const url = await createUpload(10);
    const patch = (origin: string) =>
      fetch(url, {
        method: 'PATCH',
        headers: tusHeaders('draft-a', {
          origin,
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
        }),
        body: Buffer.from('0123456789'),
      });
    assert.equal((await patch('https://evil.example')).status, 403);
    assert.equal((await patch(new URL(base).origin)).status, 200);
  });

  it('tus answers carry the security headers and no CORS grant', async () => {
    const res = await fetch(`${base}${BASE}/tus`, {
      method: 'POST',
      headers: tusHeaders('draft-a', { 'upload-length': '5', origin: new URL(base).origin }),
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('location') ?? '', new RegExp(`^${BASE}/tus/[0-9a-f]{32}$`));
  });
});

describe('form upload (no JavaScript)', () => {
  const post = (path: string, form: FormData, owner: string | null = 'draft-a') =>
    fetch(`${base}${path}`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: owner ? { cookie: cookieFor(owner) } : {},
    });

  it('stores the file, passes the text fields as metadata and redirects 303', async () => {
    const data = payload(2 * MB);
    const form = new FormData();
    form.append('kategorie', 'aufenthalt');
    form.append(
      'datei',
      new Blob([new Uint8Array(data)], { type: 'application/pdf' }),
      '../../Bescheid\u202Efdp.exe',
    );
    form.append('hinweis', 'Seite 2 fehlt');
    const before = puts.count;
    const res = await post(BASE, form);
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/antrag/unterlagen');
    assert.equal(puts.count - before, 1, 'streamed into one blob, no copy');
    const done = completed.at(-1);
    assert.equal(done?.sha256, sha256(data));
    assert.equal(done?.size, data.length);
    assert.equal(done?.fileName, 'Bescheidfdp.exe', 'no path, no bidi override');
    assert.equal(done?.declaredType, 'application/pdf');
    assert.deepEqual(done?.metadata, { kategorie: 'aufenthalt', hinweis: 'Seite 2 fehlt' });
    assert.ok((await readAll(await blobs.get(done?.blobKey ?? ''))).equals(data));
  });

  it('over-size is 413 with a German message naming the limit, and nothing is kept', async () => {
    const filesBefore = await filesUnder(dir);
    for (const size of [SMALL_MAX + 1000, 3 * SMALL_MAX]) {
      const form = new FormData();
      form.append('datei', new Blob([new Uint8Array(payload(size))]), 'gross.pdf');
      const res = await post(SMALL, form);
      assert.equal(res.status, 413, `size ${size}`);
      assert.equal(await res.text(), UPLOAD_TEXTS.tooLarge('1 MB'));
    }
    assert.equal(UPLOAD_TEXTS.tooLarge('1 MB'), 'Die Datei ist zu groß. Erlaubt sind höchstens 1 MB.');
    const ok = new FormData();
    ok.append('datei', new Blob([new Uint8Array(payload(SMALL_MAX))]), 'passt.pdf');
    const fits = await post(SMALL, ok);
    assert.equal(fits.status, 303, 'exactly the limit is fine');
    const added = (await filesUnder(dir)).filter((f) => !filesBefore.includes(f));
    assert.deepEqual(
      added.map((f) => f.split('/').pop()),
      [completed.at(-1)?.blobKey],
      'only the file that fitted',
    );
  });

  it('without a file, without a draft, or as something else than multipart it is refused', async () => {
    const empty = new FormData();
    empty.append('datei', new Blob([]), '');
    const none = await post(BASE, empty);
    assert.equal(none.status, 400);
    assert.equal(await none.text(), UPLOAD_TEXTS.noFile);
    const form = new FormData();
    form.append('datei', new Blob([Buffer.from('x')]), 'x.txt');
    assert.equal((await post(BASE, form, null)).status, 404);
    const urlencoded = await fetch(`${base}${BASE}`, {
      method: 'POST',
      headers: { cookie: cookieFor('draft-a'), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'datei=x',
    });
    assert.equal(urlencoded.status, 415);
  });

  it('other routes keep their parsers: multipart is not accepted elsewhere', async () => {
    const form = new FormData();
    form.append('a', 'b');
    const res = await fetch(`${base}/`, { method: 'POST', body: form });
    assert.notEqual(res.status, 303);
    assert.ok([404, 415].includes(res.status), String(res.status));
  });
});

describe('files at rest', () => {
  it('no plaintext of the uploaded files appears anywhere in the store directory', async () => {
    const files = await filesUnder(dir);
    assert.ok(files.length >= 5, 'the uploads above left their files');
    for (const file of files) {
      const content = await readFile(file);
      assert.equal(content.indexOf(MARKER), -1, `plaintext marker in ${file}`);
      assert.equal(content.indexOf(MARKER.subarray(0, 20)), -1, `partial marker in ${file}`);
    }
    assert.ok(completed.length >= 7);
  });
});
