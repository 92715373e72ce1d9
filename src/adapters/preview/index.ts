/**
 * Safe previews: pictures we draw ourselves from a document's plaintext, so that a browser only ever
 * renders a PNG or JPEG of ours and never the uploaded bytes. Images go through sharp (resized,
 * re-encoded, no metadata); PDFs through poppler's pdftoppm and pdfinfo, fed on stdin and read from
 * stdout, so that no plaintext and no rendered page is written to disk. Every run has a time limit and
 * an output cap; a document that cannot be rendered in time yields no preview (null), not an error.
 */
import { spawn } from 'node:child_process';
import sharp from 'sharp';
import type { DocumentPreviewer, PreviewImage } from '../../application/ports.ts';

export interface PreviewOptions {
  /** Per pdftoppm/pdfinfo run. */
  timeoutMs?: number;
  /** Largest picture accepted from pdftoppm. */
  maxOutputBytes?: number;
  /** Pixel limit for decoding images (a decompression bomb costs nothing). */
  maxPixels?: number;
}

const DEFAULTS = { timeoutMs: 15_000, maxOutputBytes: 32 * 1024 * 1024, maxPixels: 50_000_000 };

/** Runs a poppler tool with `input` on stdin; resolves its stdout, or null on failure, timeout or excess. */
function run(command: string, args: string[], input: Buffer, timeoutMs: number, maxBytes: number) {
  return new Promise<Buffer | null>((resolve) => {
    const child = spawn(command, args, {
      stdio: ['pipe', 'pipe', 'ignore'],
      env: { PATH: process.env.PATH ?? '' },
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (value: Buffer | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (value === null && child.exitCode === null) child.kill('SIGKILL');
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    child.on('error', () => finish(null));
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(null);
      else chunks.push(chunk);
    });
    child.on('close', (code) => finish(code === 0 ? Buffer.concat(chunks) : null));
    // A PDF that pdftoppm stops reading early (or a killed child) must not throw EPIPE at us.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

export function createDocumentPreviewer(options: PreviewOptions = {}): DocumentPreviewer {
  const { timeoutMs, maxOutputBytes, maxPixels } = { ...DEFAULTS, ...options };
  const isImage = (type: string) => type === 'image/jpeg' || type === 'image/png';
  const isPdf = (type: string) => type === 'application/pdf';

  async function fromImage(
    data: Buffer,
    type: string,
    box: number,
    square: boolean,
  ): Promise<PreviewImage | null> {
    try {
      const pipeline = sharp(data, { limitInputPixels: maxPixels, failOn: 'error' })
        .rotate()
        .resize(box, square ? box : undefined, { fit: 'inside', withoutEnlargement: true });
      if (type === 'image/png') return { data: await pipeline.png().toBuffer(), contentType: 'image/png' };
      const jpeg = await pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 80 }).toBuffer();
      return { data: jpeg, contentType: 'image/jpeg' };
    } catch {
      return null;
    }
  }

  async function pdfPage(
    data: Buffer,
    page: number,
    box: number,
    square: boolean,
  ): Promise<PreviewImage | null> {
    const n = String(Math.max(1, Math.floor(page)));
    const scale = square ? ['-scale-to', String(box)] : ['-scale-to-x', String(box), '-scale-to-y', '-1'];
    const png = await run(
      'pdftoppm',
      ['-png', '-f', n, '-l', n, '-singlefile', ...scale, '-'],
      data,
      timeoutMs,
      maxOutputBytes,
    );
    // No page of that number gives an empty output with exit code 0.
    if (!png || png.length === 0) return null;
    return { data: png, contentType: 'image/png' };
  }

  return {
    async thumbnail(document, size) {
      if (isImage(document.contentType)) return fromImage(document.data, document.contentType, size, true);
      if (isPdf(document.contentType)) return pdfPage(document.data, 1, size, true);
      return null;
    },
    async pageCount(document) {
      if (isImage(document.contentType)) return 1;
      if (!isPdf(document.contentType)) return null;
      const info = await run('pdfinfo', ['-'], document.data, timeoutMs, 1024 * 1024);
      const pages = info ? /^Pages:\s+(\d+)/m.exec(info.toString('latin1'))?.[1] : undefined;
      return pages ? Number(pages) : null;
    },
    async page(document, page, width) {
      if (isImage(document.contentType))
        return page === 1 ? fromImage(document.data, document.contentType, width, false) : null;
      if (isPdf(document.contentType)) return pdfPage(document.data, page, width, false);
      return null;
    },
  };
}
