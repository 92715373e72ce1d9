import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { normaliseImage } from './image.ts';
import { type InspectionResult, inspectUpload, SCAN_MESSAGES } from './inspect.ts';
import {
  GPS_LATITUDE_BYTES,
  hevcHeic,
  multiPageTiff,
  phoneJpeg,
  pngWithExif,
  SECRET_XMP_NAME,
  streamOf,
  webp,
} from './test-support.ts';

const EXIF_MARKER = Buffer.from('Exif\0\0', 'latin1');
const GPS_IFD_TAG_LE = Buffer.from([0x25, 0x88]);

function inspect(data: Buffer, declaredName: string): Promise<InspectionResult> {
  return inspectUpload({ open: () => streamOf(data), size: data.length, declaredName });
}

async function normalisedOf(data: Buffer, name: string): Promise<Buffer> {
  const result = await inspect(data, name);
  assert.ok(result.ok && result.normalised, JSON.stringify(result));
  return result.normalised;
}

describe('image normalisation', () => {
  it('removes EXIF with the GPS position, XMP and the colour profile from a phone photo', async () => {
    const input = await phoneJpeg();
    const before = await sharp(input).metadata();
    // The fixture must really carry what is to be removed, or the test proves nothing.
    assert.ok(before.exif?.includes(GPS_IFD_TAG_LE) && before.exif.includes(GPS_LATITUDE_BYTES));
    assert.ok(before.xmp && before.icc && input.includes(EXIF_MARKER) && input.includes(SECRET_XMP_NAME));

    const output = await normalisedOf(input, 'IMG_0001.jpg');
    const after = await sharp(output).metadata();
    assert.equal(after.exif, undefined);
    assert.equal(after.xmp, undefined);
    assert.equal(after.icc, undefined);
    assert.equal(after.iptc, undefined);
    assert.equal(after.orientation, undefined);
    assert.equal(after.space, 'srgb');
    assert.equal(output.indexOf(EXIF_MARKER), -1, 'no EXIF segment');
    assert.equal(output.indexOf(GPS_LATITUDE_BYTES), -1, 'no GPS coordinates');
    assert.equal(output.indexOf('TestPhone'), -1, 'no camera make');
    assert.equal(output.indexOf(SECRET_XMP_NAME), -1, 'no XMP');
  });

  it('applies the EXIF orientation before dropping it, so the photo stays upright', async () => {
    const input = await phoneJpeg();
    const before = await sharp(input).metadata();
    assert.deepEqual([before.width, before.height, before.orientation], [40, 20, 6]);
    const after = await sharp(await normalisedOf(input, 'a.jpg')).metadata();
    assert.deepEqual([after.width, after.height], [20, 40]);
  });

  it('keeps a PNG a PNG, with transparency, but without its EXIF', async () => {
    const input = await pngWithExif();
    assert.ok((await sharp(input).metadata()).exif, 'the fixture carries EXIF');
    const output = await normalisedOf(input, 'a.png');
    const meta = await sharp(output).metadata();
    assert.equal(meta.format, 'png');
    assert.equal(meta.hasAlpha, true);
    assert.equal(meta.exif, undefined);
    assert.equal(output.indexOf('TestPhone'), -1);
  });

  it('turns a WebP into a JPEG without its EXIF', async () => {
    const input = await webp();
    assert.ok((await sharp(input).metadata()).exif, 'the fixture carries EXIF');
    const output = await normalisedOf(input, 'a.webp');
    assert.equal((await sharp(output).metadata()).exif, undefined);
    assert.equal(output.indexOf('TestPhone'), -1);
  });

  it('refuses a damaged image', async () => {
    const jpeg = await phoneJpeg();
    const truncated = jpeg.subarray(0, jpeg.length - 200);
    const result = await inspect(truncated, 'a.jpg');
    assert.deepEqual(result, { ok: false, code: 'damaged', message: SCAN_MESSAGES.damagedImage });
    const garbage = Buffer.concat([jpeg.subarray(0, 4), Buffer.alloc(3000, 0x55)]);
    assert.deepEqual(await inspect(garbage, 'a.jpg'), {
      ok: false,
      code: 'damaged',
      message: SCAN_MESSAGES.damagedImage,
    });
    const badPng = Buffer.from(await pngWithExif());
    badPng.fill(0, 40);
    assert.equal((await normaliseImage(badPng, 'png', 50_000_000)).ok, false);
  });

  it('refuses a multi-page TIFF instead of silently keeping only the first page', async () => {
    const input = await multiPageTiff();
    assert.equal((await sharp(input).metadata()).pages, 2);
    assert.deepEqual(await inspect(input, 'scan.tif'), {
      ok: false,
      code: 'type_not_allowed',
      message: SCAN_MESSAGES.multiPageImage,
    });
  });

  it('explains that an HEVC-coded iPhone HEIC cannot be opened with this libvips build', async (t) => {
    const meta = await sharp(hevcHeic()).metadata();
    assert.equal(meta.compression, 'hevc');
    const result = await inspect(hevcHeic(), 'IMG_0002.HEIC');
    // sharp's prebuilt libvips has no HEVC decoder, and heif-convert cannot decode the fixture's stub
    // payload either (a real HEIC is converted: next test). If a sharp build with one is installed, the stub
    // payload of the fixture is reported as damaged instead, and the refusal message must change.
    if (!result.ok && result.code === 'damaged') {
      t.diagnostic('this sharp build decodes HEVC: the HEIC message is not needed');
    }
    assert.deepEqual(result, {
      ok: false,
      code: 'type_not_allowed',
      message: SCAN_MESSAGES.heicNotSupported,
    });
  });

  it('turns a real HEVC-coded iPhone HEIC into a metadata-free JPEG through heif-convert', async (t) => {
    const tools = ['heif-enc', 'heif-convert'].every((tool) => spawnSync('which', [tool]).status === 0);
    if (!tools) return t.skip('libheif-examples missing: bash scripts/install-system-deps.sh');
    const dir = await mkdtemp(join(tmpdir(), 'hfk-heic-test-'));
    try {
      const source = join(dir, 'foto.jpg');
      await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2266aa' } })
        .jpeg()
        .withExif({ IFD0: { Artist: 'Zehra Ağaoğlu' } })
        .toFile(source);
      const target = join(dir, 'IMG_0003.HEIC');
      assert.equal(spawnSync('heif-enc', ['-q', '60', '-o', target, source]).status, 0);
      const heic = await readFile(target);
      assert.equal((await sharp(heic).metadata()).compression, 'hevc');
      const result = await inspect(heic, 'IMG_0003.HEIC');
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.contentType, 'image/jpeg');
      assert.equal(result.safeName, 'IMG_0003.jpg');
      const meta = await sharp(result.normalised ?? Buffer.alloc(0)).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.deepEqual([meta.width, meta.height], [320, 200]);
      assert.equal(meta.exif, undefined, 'no EXIF left');
      assert.ok(!(result.normalised ?? Buffer.alloc(0)).includes(Buffer.from('Zehra')));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
