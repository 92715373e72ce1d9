import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BlobNotFoundError, type BlobStore, BlobStoreUnavailableError } from '../../application/ports.ts';
import { createAgeBlobStore, generateIdentity, recipientFor } from './age-blob-store.ts';

async function readAllOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

/** Emits `total` pseudo-random bytes in 64 KiB chunks without ever holding them all. */
function randomSource(total: number, hash: ReturnType<typeof createHash>): Readable {
  let left = total;
  return new Readable({
    read() {
      if (left === 0) {
        this.push(null);
        return;
      }
      const chunk = randomBytes(Math.min(64 * 1024, left));
      left -= chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
}

const hasAgeCli = spawnSync('age', ['--version']).error === undefined;

describe('age blob store', () => {
  let base: string;
  let dir: string;
  let identity: string;
  let store: BlobStore;

  before(async () => {
    base = await mkdtemp(join(tmpdir(), 'hfk-blobs-'));
    dir = join(base, 'files');
    identity = await generateIdentity();
    store = createAgeBlobStore({ dir, identity });
  });
  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('round-trips small, empty and ~20 MB contents with matching SHA-256', async () => {
    const samples = [
      Buffer.from('Härtefallersuchen – Anlage 1'),
      Buffer.alloc(0),
      randomBytes(20 * 1024 * 1024 + 17),
    ];
    for (const data of samples) {
      for (const input of [data, Readable.from([data])]) {
        const blob = await store.put(input);
        assert.match(blob.key, /^[0-9a-f]{32}$/);
        assert.equal(blob.sha256, sha256(data));
        assert.equal(blob.size, data.length);
        assert.equal(await store.exists(blob.key), true);
        const back = await readAllOf(await store.get(blob.key));
        assert.equal(sha256(back), blob.sha256);
        assert.equal(back.length, data.length);
      }
    }
  });

  it('stores under a random key in a two-hex shard, not derived from the content', async () => {
    const data = Buffer.from('gleicher Inhalt');
    const a = await store.put(data);
    const b = await store.put(data);
    assert.notEqual(a.key, b.key);
    assert.equal(a.sha256, b.sha256);
    const info = await stat(join(dir, a.key.slice(0, 2), a.key));
    assert.equal(info.mode & 0o777, 0o600);
  });

  it('leaves no plaintext on disk', async () => {
    const marker = 'VERTRAULICH-Diagnose-PTBS-Strafakte-4711;';
    const data = Buffer.from(marker.repeat(20_000));
    await store.put(data);
    await store.put(Readable.from([data.subarray(0, 1000), data.subarray(1000)]));
    const needle = Buffer.from('Diagnose-PTBS');
    const files = await filesUnder(dir);
    assert.ok(files.length >= 2);
    for (const file of files) assert.equal((await readFile(file)).indexOf(needle), -1, 'plaintext found');
  });

  it('deletes, and delete is idempotent', async () => {
    const blob = await store.put(Buffer.from('weg damit'));
    await store.delete(blob.key);
    assert.equal(await store.exists(blob.key), false);
    await assert.rejects(store.get(blob.key), BlobNotFoundError);
    await store.delete(blob.key);
  });

  it('rejects unknown and malformed keys without touching other files', async () => {
    const victim = join(base, 'victim');
    await writeFile(victim, 'nicht anfassen');
    const inside = await store.put(Buffer.from('x'));
    const shardVictim = join(dir, inside.key.slice(0, 2), 'victim');
    await writeFile(shardVictim, 'auch nicht');
    const bad = [
      '../victim',
      '../../victim',
      `${inside.key.slice(0, 2)}/../../victim`,
      `${inside.key.slice(0, 2)}/victim`,
      'victim',
      inside.key.toUpperCase(),
      inside.key.slice(0, 31),
      `${inside.key}0`,
      `${inside.key.slice(0, 31)}\0`,
      `${inside.key}\n`,
      '',
      'tmp',
      '/etc/passwd',
    ];
    for (const key of bad) {
      await assert.rejects(store.get(key), BlobNotFoundError, JSON.stringify(key));
      await assert.rejects(store.delete(key), BlobNotFoundError, JSON.stringify(key));
      assert.equal(await store.exists(key), false, JSON.stringify(key));
    }
    await assert.rejects(store.get('0'.repeat(32)), BlobNotFoundError);
    assert.equal(await readFile(victim, 'utf8'), 'nicht anfassen');
    assert.equal(await readFile(shardVictim, 'utf8'), 'auch nicht');
    assert.equal(await store.exists(inside.key), true);
  });

  it('cannot be read with another identity, and detects tampering', async () => {
    const blob = await store.put(randomBytes(200_000));
    const stranger = createAgeBlobStore({ dir, identity: await generateIdentity() });
    await assert.rejects(async () => readAllOf(await stranger.get(blob.key)));

    const path = join(dir, blob.key.slice(0, 2), blob.key);
    const bytes = await readFile(path);
    const last = bytes.length - 10;
    bytes[last] = (bytes[last] ?? 0) ^ 0x01;
    await writeFile(path, bytes);
    await assert.rejects(async () => readAllOf(await store.get(blob.key)));
  });

  it('refuses a malformed identity without echoing it', () => {
    assert.throws(
      () => createAgeBlobStore({ dir, identity: 'AGE-SECRET-KEY-PQ-1GEHEIM' }),
      (error: unknown) => error instanceof Error && !error.message.includes('GEHEIM'),
    );
  });

  it('leaves neither a file nor a temp file when the source fails midway', async () => {
    const failDir = join(base, 'failing');
    const failing = createAgeBlobStore({ dir: failDir, identity });
    async function* broken() {
      yield randomBytes(300_000);
      yield randomBytes(300_000);
      throw new Error('Verbindung abgebrochen');
    }
    await assert.rejects(failing.put(Readable.from(broken())), /Verbindung abgebrochen/);
    assert.deepEqual(await filesUnder(failDir), []);
  });

  it('keeps memory bounded for a 64 MB stream in both directions', async (t) => {
    // V8 frees spent 64 KiB chunks lazily (30-50 MB of garbage whatever the size), so the sampler
    // collects first and then measures what is really alive.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const live = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const total = 64 * 1024 * 1024;
    const hash = createHash('sha256');
    gc();
    const baseline = { live: live(), rss: process.memoryUsage().rss };
    const peak = { ...baseline };
    const sample = () => {
      gc();
      peak.live = Math.max(peak.live, live());
      peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
    };
    const sampler = setInterval(sample, 20);
    try {
      const blob = await store.put(randomSource(total, hash));
      assert.equal(blob.size, total);
      assert.equal(blob.sha256, hash.digest('hex'));
      const back = createHash('sha256');
      let size = 0;
      for await (const chunk of await store.get(blob.key)) {
        back.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      assert.equal(size, total);
      assert.equal(back.digest('hex'), blob.sha256);
    } finally {
      clearInterval(sampler);
    }
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    const liveGrowth = peak.live - baseline.live;
    const rssGrowth = peak.rss - baseline.rss;
    t.diagnostic(`peak growth for ${mb(total)} MB: live ${mb(liveGrowth)} MB, RSS ${mb(rssGrowth)} MB`);
    assert.ok(liveGrowth < 16 * 1024 * 1024, `live memory grew by ${mb(liveGrowth)} MB`);
    assert.ok(rssGrowth < total / 2, `RSS grew by ${mb(rssGrowth)} MB`);
  });

  it('makes its temp directory again when it has gone', async () => {
    const own = join(base, 'gone');
    const gone = createAgeBlobStore({ dir: own, identity });
    await gone.put(Buffer.from('erste Datei'));
    await rm(join(own, 'tmp'), { recursive: true, force: true });
    const blob = await gone.put(Readable.from([Buffer.from('zweite Datei')]));
    assert.equal((await readAllOf(await gone.get(blob.key))).toString(), 'zweite Datei');
  });

  it('answers a write failure with BlobStoreUnavailableError and works again once the disk is back', async () => {
    const own = join(base, 'broken');
    const broken = createAgeBlobStore({ dir: own, identity });
    await broken.put(Buffer.from('vorher'));
    // The temp directory replaced by a file: every write fails in the file system (ENOTDIR / EEXIST),
    // as on a full or read-only disk, for root too (permissions would not stop root).
    await rm(join(own, 'tmp'), { recursive: true, force: true });
    await writeFile(join(own, 'tmp'), '');
    for (const content of [Buffer.from('Anlage'), Readable.from([Buffer.from('Anlage')])]) {
      await assert.rejects(broken.put(content), (error: unknown) => {
        assert.ok(error instanceof BlobStoreUnavailableError, String(error));
        assert.match(error.code, /^E[A-Z]+$/);
        assert.ok(!error.message.includes(own), 'no path in the message');
        return true;
      });
    }
    await rm(join(own, 'tmp'));
    const blob = await broken.put(Buffer.from('nachher'));
    assert.equal((await readAllOf(await broken.get(blob.key))).toString(), 'nachher');
  });

  it("decrypts with Debian's age CLI (the recovery path)", {
    skip: hasAgeCli ? false : 'age CLI not installed (apt-get install age); recovery path not verified here',
  }, async () => {
    const data = randomBytes(150_000);
    const blob = await store.put(data);
    const keyDir = join(base, 'keys');
    await mkdir(keyDir, { mode: 0o700 });
    const keyFile = join(keyDir, 'identity.txt');
    await writeFile(keyFile, `# recipient: ${await recipientFor(identity)}\n${identity}\n`, { mode: 0o600 });
    const result = spawnSync('age', ['-d', '-i', keyFile, join(dir, blob.key.slice(0, 2), blob.key)], {
      maxBuffer: 10 * 1024 * 1024,
    });
    assert.equal(result.status, 0, result.stderr.toString());
    assert.ok(result.stdout.equals(data));
  });
});
