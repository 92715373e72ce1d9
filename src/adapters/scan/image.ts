/**
 * Re-encodes an uploaded photo or scan so that only pixels are kept. Phone photos carry the GPS
 * position of the applicant's home, the device and often the names of people in XMP; none of that
 * belongs in a case file that is shared with the commission and the immigration authority.
 * Decoding and encoding anew (instead of editing metadata) also drops anything a decoder on a staff
 * machine could trip over.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

const HEIF_CONVERT_TIMEOUT_MS = 30_000;

/**
 * iPhone photos (HEIC with HEVC) through Debian's heif-convert (libheif-examples, with libde265), since
 * sharp's own libheif decodes AV1 only. heif-convert reads and writes files: they live in a private
 * temporary directory (mode 0700) for the moment of the conversion and are removed at once. null when the
 * tool is missing, fails or takes too long.
 */
export async function heicToJpeg(data: Buffer): Promise<Buffer | null> {
  const dir = await mkdtemp(join(tmpdir(), 'hfk-heic-'));
  try {
    const input = join(dir, 'in.heic');
    const output = join(dir, 'out.jpg');
    await writeFile(input, data, { mode: 0o600 });
    const ok = await new Promise<boolean>((resolve) => {
      execFile(
        'heif-convert',
        ['-q', '95', input, output],
        { timeout: HEIF_CONVERT_TIMEOUT_MS, killSignal: 'SIGKILL', env: { PATH: process.env.PATH ?? '' } },
        (error) => resolve(!error),
      );
    });
    return ok ? await readFile(output).catch(() => null) : null;
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type ImageFormat = 'jpeg' | 'png' | 'heif' | 'webp' | 'tiff';

export type NormalisedImage =
  | { ok: true; data: Buffer; contentType: 'image/jpeg' | 'image/png'; extension: 'jpg' | 'png' }
  | { ok: false; reason: 'damaged' | 'too_many_pixels' | 'multi_page' | 'heic_not_supported' };

const JPEG_QUALITY = 85;
// Pages other than the first of a TIFF or frames of a WebP would be lost without a word.
const SINGLE_PAGE_ONLY: ReadonlySet<ImageFormat> = new Set(['tiff', 'webp']);

function failure(error: unknown, format: ImageFormat, compression: string | undefined): NormalisedImage {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return { ok: false, reason: 'too_many_pixels' };
  // sharp's prebuilt libvips decodes AV1 HEIF only; iPhone photos are HEVC (needs libde265).
  if (format === 'heif' && compression === 'hevc' && /not been built in|decoder plugin/i.test(message)) {
    return { ok: false, reason: 'heic_not_supported' };
  }
  return { ok: false, reason: 'damaged' };
}

/**
 * `maxPixels` is checked on the header before anything is decoded, so a small file claiming a
 * huge canvas (a decompression bomb) costs nothing.
 */
export async function normaliseImage(
  data: Buffer,
  format: ImageFormat,
  maxPixels: number,
): Promise<NormalisedImage> {
  const options = { limitInputPixels: maxPixels, failOn: 'error' } as const;
  let compression: string | undefined;
  try {
    const meta = await sharp(data, options).metadata();
    compression = meta.compression;
    if (!meta.width || !meta.height) return { ok: false, reason: 'damaged' };
    if (meta.width * meta.height > maxPixels) return { ok: false, reason: 'too_many_pixels' };
    if (SINGLE_PAGE_ONLY.has(format) && (meta.pages ?? 1) > 1) return { ok: false, reason: 'multi_page' };

    // No keepExif/keepIccProfile/withMetadata: sharp then writes pixels in sRGB and nothing else.
    const pipeline = sharp(data, options).rotate();
    if (format === 'png') {
      return { ok: true, data: await pipeline.png().toBuffer(), contentType: 'image/png', extension: 'png' };
    }
    // JPEG has no transparency; a cut-out document on white reads like paper, on black it does not.
    const jpeg = await pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: JPEG_QUALITY }).toBuffer();
    return { ok: true, data: jpeg, contentType: 'image/jpeg', extension: 'jpg' };
  } catch (error) {
    const failed = failure(error, format, compression);
    if (failed.ok || failed.reason !== 'heic_not_supported') return failed;
    // The pixel limit was checked on the HEIC's header above; the JPEG is re-encoded like any photo.
    const jpeg = await heicToJpeg(data);
    return jpeg ? normaliseImage(jpeg, 'jpeg', maxPixels) : failed;
  }
}
