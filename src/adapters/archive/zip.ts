/**
 * ZIP files written as a stream with fflate: every entry stored as it is (documents are PDFs and
 * photos, compressed already), read only when it is its turn, so memory stays bounded whatever the
 * size of a case. No ZIP64: an entry or the whole file must stay below 4 GiB (a case's limit is far less).
 */
import { Readable } from 'node:stream';
import { Zip, ZipPassThrough } from 'fflate';
import type { ZipEntry, ZipWriter } from '../../application/ports.ts';

async function* zipChunks(entries: AsyncIterable<ZipEntry>): AsyncGenerator<Buffer> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  // fflate calls back synchronously while an entry is pushed; the chunks wait here until yielded.
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  function* drain(): Generator<Buffer> {
    if (failure) throw failure;
    for (let chunk = out.shift(); chunk; chunk = out.shift())
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  try {
    for await (const entry of entries) {
      const file = new ZipPassThrough(entry.name);
      file.mtime = entry.modified ?? new Date();
      zip.add(file);
      if (entry.data instanceof Uint8Array) {
        file.push(entry.data, true);
      } else {
        for await (const chunk of entry.data) {
          file.push(chunk, false);
          yield* drain();
        }
        file.push(new Uint8Array(0), true);
      }
      yield* drain();
    }
    zip.end();
    yield* drain();
  } catch (error) {
    zip.terminate();
    throw error;
  }
}

export const fflateZipWriter: ZipWriter = {
  zip: (entries) => Readable.from(zipChunks(entries), { objectMode: false }),
};
