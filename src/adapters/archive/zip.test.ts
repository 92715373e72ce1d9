import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { describe, it } from 'node:test';
import { unzipSync } from 'fflate';
import {
  ArchiveIntegrityError,
  documentPath,
  packageEntries,
  recordFingerprint,
  stableJson,
  zipSafeName,
} from '../../application/archive-package.ts';
import type { CaseRecord, ZipEntry } from '../../application/ports.ts';
import { createAgeBlobStore, generateIdentity } from '../files/age-blob-store.ts';
import { fflateZipWriter } from './zip.ts';

async function* from(entries: ZipEntry[]): AsyncGenerator<ZipEntry> {
  yield* entries;
}

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('ZIP writer (fflate)', () => {
  it('writes every entry byte-identical, streamed in chunks or whole, empty ones too', async () => {
    const big = randomBytes(3 * 1024 * 1024 + 17);
    const zip = await buffer(
      fflateZipWriter.zip(
        from([
          { name: 'a.json', data: Buffer.from('{"ä":1}') },
          { name: 'dokumente/001-groß.pdf', data: chunked(big, 64 * 1024) },
          { name: 'leer.txt', data: chunked(Buffer.alloc(0), 10) },
        ]),
      ),
    );
    const files = unzipSync(new Uint8Array(zip));
    assert.deepEqual(Object.keys(files), ['a.json', 'dokumente/001-groß.pdf', 'leer.txt']);
    assert.equal(Buffer.from(files['a.json'] ?? []).toString(), '{"ä":1}');
    assert.equal(sha(files['dokumente/001-groß.pdf'] ?? new Uint8Array()), sha(big));
    assert.equal(files['leer.txt']?.length, 0);
  });

  it('passes on a failing entry instead of writing a broken file silently', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('abc');
      throw new Error('disk gone');
    }
    await assert.rejects(buffer(fflateZipWriter.zip(from([{ name: 'x', data: failing() }]))), /disk gone/);
  });
});

describe('package entries', () => {
  it('checks each document against its SHA-256 while writing; SHA256SUMS lists every file', async () => {
    const blobs = createAgeBlobStore({
      dir: mkdtempSync(join(tmpdir(), 'hfk-zip-')),
      identity: await generateIdentity(),
    });
    const doc = Buffer.from('%PDF-1.7 Bescheid');
    const stored = await blobs.put(doc);
    const entries = (documents: { path: string; sha256: string; blobKey: string }[]) =>
      fflateZipWriter.zip(
        packageEntries({
          description: { b: 2, a: 1 },
          descriptionName: 'akte.json',
          documents,
          readme: 'Lies mich',
          blobs,
          at: new Date('2030-01-01T00:00:00Z'),
        }),
      );
    const path = documentPath('dokumente', 1, '../Bescheid:1.pdf');
    assert.equal(path, 'dokumente/001-__Bescheid_1.pdf');
    const files = unzipSync(
      new Uint8Array(await buffer(entries([{ path, sha256: stored.sha256, blobKey: stored.key }]))),
    );
    assert.ok(Buffer.from(files[path] ?? []).equals(doc));
    const json = Buffer.from(files['akte.json'] ?? []).toString();
    assert.ok(json.indexOf('"a"') < json.indexOf('"b"'), 'keys sorted');
    const sums = Buffer.from(files.SHA256SUMS ?? []).toString();
    assert.equal(
      sums,
      `${sha(files['akte.json'] ?? new Uint8Array())}  akte.json\n${stored.sha256}  ${path}\n`,
    );
    await assert.rejects(
      buffer(entries([{ path, sha256: '0'.repeat(64), blobKey: stored.key }])),
      (error: Error) => error instanceof ArchiveIntegrityError,
    );
  });

  it('names and fingerprints are stable', () => {
    assert.equal(zipSafeName('a\u0000b/c\\d.pdf'), 'a_b_c_d.pdf');
    assert.equal(zipSafeName('...'), '_');
    assert.equal(zipSafeName(''), 'datei');
    assert.equal(stableJson({ b: [{ d: 1, c: 2 }], a: null }), '{"a":null,"b":[{"c":2,"d":1}]}');
    const record = {
      case: { id: 'x' },
      documents: [{ id: 'd', blobKey: 'k1' }],
    } as unknown as CaseRecord;
    const moved = { ...record, documents: [{ id: 'd', blobKey: 'k2' }] } as unknown as CaseRecord;
    assert.equal(
      recordFingerprint(record),
      recordFingerprint(moved),
      'where a file is stored is not content',
    );
    const changed = { ...record, case: { id: 'y' } } as unknown as CaseRecord;
    assert.notEqual(recordFingerprint(record), recordFingerprint(changed));
  });
});
