/**
 * The ZIP files this module writes from a case's record: the archive package for the state archive
 * (Aussonderung) and the export of one person's data (Auskunft, Art. 15 DSGVO). Each holds a JSON
 * description, every document byte-identical under `dokumente/`, and a `SHA256SUMS` list that
 * `sha256sum -c SHA256SUMS` checks. Document bytes are checked against their recorded SHA-256 while they
 * are written: a file that changed in the store stops the package.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { BlobStore, CaseRecord, ZipEntry } from './ports.ts';

/** A stored document no longer matches its SHA-256: the package would not be byte-identical. */
export class ArchiveIntegrityError extends Error {
  override name = 'ArchiveIntegrityError';
}

/** JSON with keys sorted at every level, so that equal content gives equal bytes (and fingerprints). */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The record without where its files are stored: what a package describes. */
export function describedRecord(record: CaseRecord) {
  return { ...record, documents: record.documents.map(({ blobKey: _key, ...doc }) => doc) };
}

/** SHA-256 of the described record: a package made from a different record has a different one. */
export function recordFingerprint(record: CaseRecord): string {
  return createHash('sha256')
    .update(stableJson(describedRecord(record)))
    .digest('hex');
}

/** A file name safe inside a ZIP on every system: no folders, no control or reserved characters. */
export function zipSafeName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .replace(/^\.+/, '_')
    .trim();
  return (cleaned || 'datei').slice(0, 120);
}

/** The path of the n-th document (1-based) in a package. */
export function documentPath(folder: string, n: number, fileName: string): string {
  return `${folder}/${String(n).padStart(3, '0')}-${zipSafeName(fileName)}`;
}

async function* verified(stream: Readable, expected: string): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha256');
  for await (const chunk of stream) {
    hash.update(chunk as Uint8Array);
    yield chunk as Uint8Array;
  }
  if (hash.digest('hex') !== expected) throw new ArchiveIntegrityError('document checksum mismatch');
}

/** One document of a package: its path, recorded SHA-256 and where its bytes are. */
export interface PackagedDocument {
  path: string;
  sha256: string;
  blobKey: string;
}

/**
 * The entries of a package: the description first, then each document streamed from the store and
 * checked, then `SHA256SUMS` and the German read-me.
 */
export async function* packageEntries(input: {
  description: unknown;
  descriptionName: string;
  documents: readonly PackagedDocument[];
  readme: string;
  blobs: BlobStore;
  at: Date;
}): AsyncGenerator<ZipEntry> {
  const json = Buffer.from(`${JSON.stringify(sortKeys(input.description), null, 2)}\n`, 'utf8');
  const sums = [`${createHash('sha256').update(json).digest('hex')}  ${input.descriptionName}`];
  yield { name: input.descriptionName, data: json, modified: input.at };
  for (const doc of input.documents) {
    yield {
      name: doc.path,
      data: verified(await input.blobs.get(doc.blobKey), doc.sha256),
      modified: input.at,
    };
    sums.push(`${doc.sha256}  ${doc.path}`);
  }
  yield { name: 'SHA256SUMS', data: Buffer.from(`${sums.join('\n')}\n`, 'utf8'), modified: input.at };
  yield { name: 'LIESMICH.txt', data: Buffer.from(input.readme, 'utf8'), modified: input.at };
}
