import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { imagesToPdf } from '../pdf/images-to-pdf.ts';
import { pdfkitLetter } from '../scan/test-support.ts';
import { createDocumentPreviewer } from './index.ts';

const previewer = createDocumentPreviewer();
const jpeg = () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: '#336699' } })
    .withExif({ IFD0: { Artist: 'Geheim' } })
    .jpeg()
    .toBuffer();

describe('document previews', () => {
  it('a photo becomes a small JPEG without metadata', async () => {
    const image = await previewer.thumbnail({ data: await jpeg(), contentType: 'image/jpeg' }, 160);
    assert.equal(image?.contentType, 'image/jpeg');
    const meta = await sharp(image?.data).metadata();
    assert.deepEqual([meta.width, meta.height, meta.exif], [160, 107, undefined]);
  });

  it("a PDF's pages are counted and drawn one by one as PNG; a page past the end gives none", async () => {
    const photo = { data: await jpeg(), contentType: 'image/jpeg' as const };
    const pdf = { data: await imagesToPdf([photo, photo, photo]), contentType: 'application/pdf' };
    assert.equal(await previewer.pageCount(pdf), 3);
    const page = await previewer.page(pdf, 2, 600);
    assert.equal(page?.contentType, 'image/png');
    assert.equal((await sharp(page?.data).metadata()).width, 600);
    assert.equal(await previewer.page(pdf, 4, 600), null);
    const letter = await previewer.thumbnail(
      { data: await pdfkitLetter(), contentType: 'application/pdf' },
      160,
    );
    assert.ok(letter && (await sharp(letter.data).metadata()).height === 160);
  });

  it('something that is no PDF, or a type it does not know, gives no preview rather than an error', async () => {
    const junk = { data: Buffer.from('%PDF-1.7\nnichts'), contentType: 'application/pdf' };
    assert.equal(await previewer.thumbnail(junk, 160), null);
    assert.equal(await previewer.pageCount(junk), null);
    assert.equal(
      await previewer.thumbnail({ data: Buffer.from('<html>'), contentType: 'text/html' }, 160),
      null,
    );
    assert.equal(
      await previewer.thumbnail({ data: Buffer.from('kaputt'), contentType: 'image/png' }, 160),
      null,
    );
  });

  it('a run past its time limit is stopped and gives none', async () => {
    const slow = createDocumentPreviewer({ timeoutMs: 1 });
    const pdf = { data: await pdfkitLetter(), contentType: 'application/pdf' };
    assert.equal(await slow.page(pdf, 1, 2000), null);
  });
});
