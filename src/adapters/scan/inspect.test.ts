import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { type InspectionResult, inspectUpload, SCAN_MESSAGES, type UploadLimits } from './inspect.ts';
import {
  avif,
  bareSvg,
  docxLike,
  elfExecutable,
  endlessSource,
  gzip,
  heifBranded,
  html,
  objectStreamPdf,
  pdfkitLetter,
  pdfWithCatalog,
  peExecutable,
  phoneJpeg,
  pngClaiming,
  pngWithExif,
  rar,
  sevenZip,
  streamCutAt,
  streamOf,
  svg,
  tarOf,
  tiff,
  webp,
  zipOf,
} from './test-support.ts';

const MiB = 1024 * 1024;

function inspect(
  data: Buffer,
  declaredName: string,
  limits?: Partial<UploadLimits>,
): Promise<InspectionResult> {
  return inspectUpload({ open: () => streamOf(data, 1000), size: data.length, declaredName, limits });
}

function accepted(result: InspectionResult) {
  assert.ok(result.ok, `expected acceptance, got ${JSON.stringify(result)}`);
  return result;
}

function refused(result: InspectionResult, code: string, message?: string) {
  assert.ok(!result.ok, `expected refusal ${code}, got acceptance`);
  assert.equal(result.code, code);
  if (message !== undefined) assert.equal(result.message, message);
  return result;
}

describe('inspectUpload: allowed types', () => {
  it('accepts a PDF and keeps its bytes', async () => {
    const result = accepted(await inspect(await pdfkitLetter(), 'Bescheid vom 3.4..pdf'));
    assert.equal(result.kind, 'pdf');
    assert.equal(result.contentType, 'application/pdf');
    assert.equal(result.extension, 'pdf');
    assert.equal(result.normalised, null);
    assert.deepEqual(result.flags, []);
    assert.equal(result.safeName, 'Bescheid vom 3.4.pdf');
  });

  const images: [string, () => Promise<Buffer>, string, string, string][] = [
    ['JPEG', phoneJpeg, 'foto.jpeg', 'image/jpeg', 'foto.jpg'],
    ['PNG', pngWithExif, 'screenshot.png', 'image/png', 'screenshot.png'],
    ['HEIC (brand heic)', () => heifBranded('heic'), 'IMG_0001.HEIC', 'image/jpeg', 'IMG_0001.jpg'],
    ['HEIF (brand mif1)', () => heifBranded('mif1'), 'foto.heif', 'image/jpeg', 'foto.jpg'],
    ['AVIF', avif, 'foto.avif', 'image/jpeg', 'foto.jpg'],
    ['WebP', webp, 'bild.webp', 'image/jpeg', 'bild.jpg'],
    ['TIFF', tiff, 'scan.tiff', 'image/jpeg', 'scan.jpg'],
  ];
  for (const [label, make, name, contentType, safeName] of images) {
    it(`accepts ${label} and re-encodes it as ${contentType}`, async () => {
      const input = await make();
      const result = accepted(await inspect(input, name));
      assert.equal(result.kind, 'image');
      assert.equal(result.contentType, contentType);
      assert.equal(result.safeName, safeName);
      assert.ok(result.normalised, 'images are always re-encoded');
      assert.equal(result.size, result.normalised.length);
      assert.notDeepEqual(result.normalised, input);
      const meta = await sharp(result.normalised).metadata();
      assert.equal(meta.format, contentType === 'image/png' ? 'png' : 'jpeg');
    });
  }
});

describe('inspectUpload: refused by content, whatever the name', () => {
  const cases: [string, () => Buffer, string, string, string][] = [
    [
      'a Windows program renamed to .pdf',
      peExecutable,
      'rechnung.pdf',
      'executable',
      SCAN_MESSAGES.executable,
    ],
    ['a Linux program renamed to .jpg', elfExecutable, 'foto.jpg', 'executable', SCAN_MESSAGES.executable],
    [
      'a shell script renamed to .pdf',
      () => Buffer.from('#!/bin/sh\nrm -rf ~\n'),
      'a.pdf',
      'executable',
      SCAN_MESSAGES.executable,
    ],
    ['HTML named .jpg', html, 'foto.jpg', 'type_not_allowed', SCAN_MESSAGES.typeNotAllowed],
    [
      'SVG with XML declaration named .png',
      svg,
      'bild.png',
      'type_not_allowed',
      SCAN_MESSAGES.typeNotAllowed,
    ],
    ['bare SVG named .jpg', bareSvg, 'bild.jpg', 'type_not_allowed', SCAN_MESSAGES.typeNotAllowed],
    [
      'plain text named .pdf',
      () => Buffer.from('Sehr geehrte Damen und Herren'),
      'a.pdf',
      'type_not_allowed',
      SCAN_MESSAGES.typeNotAllowed,
    ],
    [
      'a ZIP',
      () => zipOf([{ name: 'pass.pdf', data: Buffer.from('%PDF-1.4') }]),
      'unterlagen.pdf',
      'archive',
      SCAN_MESSAGES.archive,
    ],
    ['a Word document (a ZIP inside)', docxLike, 'attest.docx', 'archive', SCAN_MESSAGES.office],
    ['a gzip file', gzip, 'a.pdf', 'archive', SCAN_MESSAGES.archive],
    ['a tar file', () => tarOf('a.pdf', Buffer.from('%PDF-1.4')), 'a.pdf', 'archive', SCAN_MESSAGES.archive],
    ['a 7z file', sevenZip, 'a.jpg', 'archive', SCAN_MESSAGES.archive],
    ['a RAR file', rar, 'a.jpg', 'archive', SCAN_MESSAGES.archive],
    [
      'a Word 97 document',
      () => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(4000)]),
      'a.doc',
      'type_not_allowed',
      SCAN_MESSAGES.office,
    ],
  ];
  for (const [label, make, name, code, message] of cases) {
    it(`refuses ${label} (${code})`, async () => {
      refused(await inspect(make(), name), code, message);
    });
  }

  it('refuses a GIF: an image, but not one of the permitted formats', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    refused(await inspect(gif, 'a.gif'), 'type_not_allowed', SCAN_MESSAGES.typeNotAllowed);
  });

  it('refuses an empty file without reading when the declared size is 0, and after reading nothing', async () => {
    let opened = 0;
    const open = () => {
      opened++;
      return streamOf(Buffer.alloc(0));
    };
    refused(await inspectUpload({ open, size: 0, declaredName: 'a.pdf' }), 'empty', SCAN_MESSAGES.empty);
    assert.equal(opened, 0);
    refused(await inspectUpload({ open, size: 10, declaredName: 'a.pdf' }), 'empty', SCAN_MESSAGES.empty);
    assert.equal(opened, 1);
  });

  it('every applicant-facing message is German and says what to do', () => {
    const texts = Object.values(SCAN_MESSAGES).map((m) => (typeof m === 'function' ? m('50') : m));
    for (const text of texts) assert.match(text, /Bitte .+/, text);
  });
});

describe('inspectUpload: size limits', () => {
  it('refuses a declared size above every limit without opening the file', async () => {
    const source = endlessSource(Buffer.from('%PDF-1.7\n'));
    const result = await inspectUpload({ open: source.open, size: 60 * MiB, declaredName: 'a.pdf' });
    refused(result, 'too_large', SCAN_MESSAGES.tooLarge('50'));
    assert.match(result.ok ? '' : result.message, /^Die Datei ist größer als 50 MB\./);
    assert.equal(source.stats.opened, 0);
  });

  it('refuses an image above the image limit after reading only its first bytes', async () => {
    const head = (await phoneJpeg()).subarray(0, 200);
    const source = endlessSource(head);
    const result = await inspectUpload({ open: source.open, size: 30 * MiB, declaredName: 'a.jpg' });
    refused(result, 'too_large', SCAN_MESSAGES.tooLarge('25'));
    assert.equal(source.stats.opened, 1);
    assert.ok(source.stats.bytesRead <= 256 * 1024, `read ${source.stats.bytesRead} bytes`);
    assert.equal(source.stats.stream?.destroyed, true, 'the stream must be released');
  });

  it('accepts a PDF of a size an image may not have (the PDF limit applies)', async () => {
    const pdf = await pdfkitLetter();
    const limits = { maxBytes: 2 * MiB, maxImageBytes: pdf.length - 1 };
    accepted(await inspect(pdf, 'a.pdf', limits));
    refused(await inspect(await phoneJpeg(), 'a.jpg', { maxImageBytes: 100 }), 'too_large');
  });

  it('stops reading when more arrives than declared and allowed', async () => {
    const source = endlessSource(Buffer.from('%PDF-1.7\n'));
    const limits = { maxBytes: 1 * MiB };
    const result = await inspectUpload({ open: source.open, size: 1000, declaredName: 'a.pdf', limits });
    refused(result, 'too_large', SCAN_MESSAGES.tooLarge('1'));
    assert.ok(source.stats.bytesRead <= 1 * MiB + 256 * 1024, `read ${source.stats.bytesRead} bytes`);
    assert.equal(source.stats.stream?.destroyed, true);
  });

  it('names the configured limit in the message', async () => {
    const result = await inspect(await pdfkitLetter(), 'a.pdf', {
      maxBytes: 0.05 * MiB,
      maxImageBytes: MiB / 100,
    });
    refused(result, 'too_large');
    assert.match(result.ok ? '' : result.message, /größer als 0,05 MB/);
  });

  it('refuses an image with too many pixels, also when only its header claims them', async () => {
    refused(
      await inspect(await phoneJpeg(), 'a.jpg', { maxPixels: 799 }),
      'too_many_pixels',
      SCAN_MESSAGES.tooManyPixels('0'),
    );
    accepted(await inspect(await phoneJpeg(), 'a.jpg', { maxPixels: 800 }));
    const bomb = pngClaiming(100_000, 100_000);
    assert.ok(bomb.length < 200);
    const started = performance.now();
    refused(await inspect(bomb, 'a.png'), 'too_many_pixels', SCAN_MESSAGES.tooManyPixels('50'));
    assert.ok(performance.now() - started < 2000, 'the header alone must decide');
  });
});

describe('inspectUpload: PDFs', () => {
  it('flags a PDF with JavaScript but accepts it unchanged', async () => {
    const pdf = pdfWithCatalog('/OpenAction 4 0 R', ['<< /S /JavaScript /JS (app.alert\\(1\\)) >>']);
    const result = accepted(await inspect(pdf, 'a.pdf'));
    assert.deepEqual(result.flags, ['pdf_active_content']);
    assert.equal(result.normalised, null);
    assert.equal(result.size, pdf.length);
  });

  it('flags the hex-escaped form', async () => {
    const pdf = pdfWithCatalog('/Names << /J#61vaScript 4 0 R >>');
    assert.deepEqual(accepted(await inspect(pdf, 'a.pdf')).flags, ['pdf_active_content']);
  });

  it('flags a keyword split across two chunks of the stream, after the sniffed head', async () => {
    const padding = `<< /Padding (${'x'.repeat(10_000)}) >>`;
    const pdf = pdfWithCatalog('', [padding, '<< /S /JavaScript >>']);
    const at = pdf.indexOf('/JavaScript');
    assert.ok(at > 4100 + 1000, 'the keyword must lie beyond the first chunks');
    const result = await inspectUpload({
      open: () => streamCutAt(pdf, [1000, 4000, 4200, at + 5]),
      size: pdf.length,
      declaredName: 'a.pdf',
    });
    assert.deepEqual(accepted(result).flags, ['pdf_active_content']);
  });

  it('flags JavaScript hidden in an object stream, and an object stream that cannot be checked', async () => {
    const hidden = objectStreamPdf('/OpenAction << /S /JavaScript /JS (x) >>');
    assert.deepEqual(accepted(await inspect(hidden, 'a.pdf')).flags, ['pdf_active_content']);
    const unreadable = objectStreamPdf('', true);
    assert.deepEqual(accepted(await inspect(unreadable, 'a.pdf')).flags, ['pdf_active_content']);
    assert.deepEqual(accepted(await inspect(objectStreamPdf(''), 'a.pdf')).flags, []);
  });

  it('does not flag a clean pdfkit PDF', async () => {
    assert.deepEqual(accepted(await inspect(await pdfkitLetter(), 'a.pdf')).flags, []);
  });

  it('refuses an encrypted PDF, asking for an unprotected copy', async () => {
    const pdf = await pdfkitLetter({ userPassword: 'geheim', pdfVersion: '1.7' });
    refused(await inspect(pdf, 'a.pdf'), 'encrypted_pdf', SCAN_MESSAGES.encryptedPdf);
  });

  it('refuses a truncated PDF and one without a proper header as damaged', async () => {
    const pdf = await pdfkitLetter();
    refused(await inspect(pdf.subarray(0, pdf.length - 2000), 'a.pdf'), 'damaged', SCAN_MESSAGES.damagedPdf);
    const noVersion = Buffer.concat([
      Buffer.from('%PDF'),
      Buffer.alloc(2000, 0x20),
      Buffer.from('\n%%EOF\n'),
    ]);
    refused(await inspect(noVersion, 'a.pdf'), 'damaged', SCAN_MESSAGES.damagedPdf);
  });
});
