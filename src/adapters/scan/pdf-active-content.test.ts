import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { haveTool } from '../pdf/test-support.ts';
import { createPdfScanner, type PdfScanResult, scanPdf } from './pdf-active-content.ts';
import { handMadePdf, objectStreamPdf, pdfkitLetter, pdfWithCatalog, streamObject } from './test-support.ts';

const scanWhole = (pdf: Buffer) => scanPdf([pdf]);

function scanInPieces(pdf: Buffer, cuts: number[]): PdfScanResult {
  const scanner = createPdfScanner();
  const points = [0, ...cuts, pdf.length];
  for (let i = 1; i < points.length; i++) scanner.push(pdf.subarray(points[i - 1], points[i]));
  return scanner.finish();
}

const JAVASCRIPT_ACTION = pdfWithCatalog('/OpenAction 4 0 R', [
  '<< /S /JavaScript /JS (app.alert\\(1\\)) >>',
]);

describe('PDF active content', () => {
  it('finds a JavaScript open action', async () => {
    const scan = await scanWhole(JAVASCRIPT_ACTION);
    assert.deepEqual(scan.activeContent, ['JS', 'JavaScript', 'OpenAction']);
    assert.equal(scan.hasHeader && scan.hasEof && !scan.encrypted && !scan.unverifiable, true);
    assert.equal(scan.bytes, JAVASCRIPT_ACTION.length);
  });

  it('finds each listed kind of active content on its own', async () => {
    const cases: [string, string][] = [
      ['/AA << /O 4 0 R >>', 'AA'],
      ['/Names << /EmbeddedFiles 4 0 R >>', 'EmbeddedFiles'],
      ['/AcroForm << /XFA 4 0 R >>', 'XFA'],
      ['/Extra << /S /Launch /F (cmd.exe) >>', 'Launch'],
      ['/Extra << /S /SubmitForm /F (https://example.org) >>', 'SubmitForm'],
      ['/Extra << /Subtype /RichMedia >>', 'RichMedia'],
      ['/Extra << /Type /EmbeddedFile >>', 'EmbeddedFile'],
      ['/Extra << /JS (x) >>', 'JS'],
    ];
    for (const [catalogExtra, expected] of cases) {
      const scan = await scanWhole(pdfWithCatalog(catalogExtra));
      assert.deepEqual(scan.activeContent, [expected], catalogExtra);
    }
  });

  it('decodes hex escapes in names (/J#61vaScript is /JavaScript)', async () => {
    const pdf = pdfWithCatalog('/Names << /J#61vaScript 4 0 R >>', ['<< /S /J#61v#61Script /J#53 (x) >>']);
    assert.ok(!pdf.includes('/JavaScript') && !pdf.includes('/JS'), 'the fixture must hide the plain names');
    const scan = await scanWhole(pdf);
    assert.deepEqual(scan.activeContent, ['JS', 'JavaScript']);
  });

  it('finds a name split across any chunk boundary', () => {
    const pdf = pdfWithCatalog('/Names << /J#61vaScript 4 0 R >>');
    const at = pdf.indexOf('/J#61vaScript');
    for (let cut = at - 1; cut <= at + '/J#61vaScript '.length; cut++) {
      assert.deepEqual(scanInPieces(pdf, [cut]).activeContent, ['JavaScript'], `cut at ${cut - at}`);
    }
    // And in one-byte chunks, the worst case for every keyword at once.
    const everyByte = Array.from({ length: JAVASCRIPT_ACTION.length - 1 }, (_, i) => i + 1);
    assert.deepEqual(scanInPieces(JAVASCRIPT_ACTION, everyByte).activeContent, [
      'JS',
      'JavaScript',
      'OpenAction',
    ]);
  });

  it('compares whole names: /AAPL:Keywords, /JSON or /Launcher are no active content', async () => {
    const pdf = pdfWithCatalog('/Info << /AAPL:Keywords [(a)] /JSON 1 /Launcher 2 /AAA 3 /JavaScripts 4 >>');
    const scan = await scanWhole(pdf);
    assert.deepEqual(scan.activeContent, []);
    const control = await scanWhole(pdfWithCatalog('/Info << /AA 1 >>'));
    assert.deepEqual(control.activeContent, ['AA']);
  });

  it('treats /OpenAction to a page (a destination array) as harmless, any other as active', async () => {
    assert.deepEqual(
      (await scanWhole(pdfWithCatalog('/OpenAction [3 0 R /XYZ null null 0]'))).activeContent,
      [],
    );
    assert.deepEqual((await scanWhole(pdfWithCatalog('/OpenAction\n\n[3 0 R /Fit]'))).activeContent, []);
    assert.deepEqual(
      (await scanWhole(pdfWithCatalog('/OpenAction 4 0 R', ['<< /S /URI >>']))).activeContent,
      ['OpenAction'],
    );
    const split = pdfWithCatalog('/OpenAction    [3 0 R /Fit]');
    const at = split.indexOf('/OpenAction') + '/OpenAction  '.length;
    assert.deepEqual(scanInPieces(split, [at]).activeContent, []);
  });

  it('looks inside compressed object streams, where the raw bytes show nothing', async () => {
    const pdf = objectStreamPdf('/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>');
    assert.ok(!pdf.includes('JavaScript'), 'the fixture must hide the names in Flate data');
    const scan = await scanWhole(pdf);
    assert.deepEqual(scan.activeContent, ['JS', 'JavaScript', 'OpenAction']);
    const at = pdf.indexOf('stream\n') + 20;
    assert.deepEqual(scanInPieces(pdf, [at, at + 1, at + 5]).activeContent, [
      'JS',
      'JavaScript',
      'OpenAction',
    ]);
    const clean = await scanWhole(objectStreamPdf('/PageMode /UseOutlines'));
    assert.deepEqual(clean.activeContent, []);
    assert.equal(clean.unverifiable, false);
  });

  it('reports an object stream it cannot inflate as unverifiable', async () => {
    const scan = await scanWhole(objectStreamPdf('/PageMode /UseOutlines', true));
    assert.equal(scan.unverifiable, true);
  });

  it('ignores short names that occur by chance in stream data, but not long ones', async () => {
    const chance = Buffer.from('\x00\x01/JS \x02/AA\x00/XFA]\x03', 'latin1');
    const quiet = await scanWhole(pdfWithCatalog('', [streamObject('/Subtype /Image', chance)]));
    assert.deepEqual(quiet.activeContent, []);
    const long = Buffer.from('BT (x) Tj ET /JavaScript 1 0 R', 'latin1');
    const loud = await scanWhole(pdfWithCatalog('', [streamObject('', long)]));
    assert.deepEqual(loud.activeContent, ['JavaScript']);
    // Outside stream data the same short names count.
    assert.deepEqual((await scanWhole(pdfWithCatalog('/X [/JS]'))).activeContent, ['JS']);
  });

  it('finds nothing in an ordinary pdfkit letter with images', async () => {
    const pdf = await pdfkitLetter();
    const scan = await scanWhole(pdf);
    assert.deepEqual(scan.activeContent, []);
    assert.equal(scan.encrypted || scan.unverifiable, false);
    assert.equal(scan.hasHeader && scan.hasEof, true);
    assert.deepEqual(scanInPieces(pdf, [1000, 1001, 5000, 20_000]).activeContent, []);
  });

  it('recognises encryption', async () => {
    const scan = await scanWhole(await pdfkitLetter({ userPassword: 'geheim', pdfVersion: '1.7' }));
    assert.equal(scan.encrypted, true);
    const ownerOnly = await scanWhole(
      await pdfkitLetter({ ownerPassword: 'geheim', permissions: { printing: 'lowResolution' } }),
    );
    assert.equal(ownerOnly.encrypted, true);
    assert.equal((await scanWhole(pdfWithCatalog('/Info << /EncryptMetadata false >>'))).encrypted, false);
  });

  it('notices a missing header or end marker', async () => {
    const pdf = await pdfkitLetter();
    const truncated = await scanWhole(pdf.subarray(0, Math.floor(pdf.length / 2)));
    assert.equal(truncated.hasEof, false);
    const junkFirst = await scanWhole(Buffer.concat([Buffer.alloc(2000, 0x20), pdf]));
    assert.equal(junkFirst.hasHeader, false);
    const shortJunk = await scanWhole(Buffer.concat([Buffer.alloc(100, 0x20), pdf]));
    assert.equal(shortJunk.hasHeader, true);
  });

  it('survives binary data that contains "endstream" or unbalanced parentheses', async () => {
    const tricky = Buffer.from('(((\x00>>stream\nendstrea', 'latin1');
    const pdf = handMadePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
      streamObject('/Subtype /Image', tricky),
      '<< /S /JavaScript >>',
    ]);
    assert.deepEqual((await scanWhole(pdf)).activeContent, ['JavaScript']);
  });

  it('sees JavaScript that qpdf moved into object streams', (t) => {
    if (!haveTool(t, 'qpdf')) return;
    const dir = mkdtempSync(join(tmpdir(), 'scan-qpdf-'));
    try {
      writeFileSync(join(dir, 'in.pdf'), JAVASCRIPT_ACTION);
      const run = spawnSync('qpdf', ['--object-streams=generate', join(dir, 'in.pdf'), join(dir, 'out.pdf')]);
      assert.ok(run.status === 0 || run.status === 3, run.stderr.toString());
      const packed = readFileSync(join(dir, 'out.pdf'));
      assert.ok(packed.includes('/ObjStm') && !packed.includes('/JavaScript'), 'qpdf must hide the names');
      const scanner = createPdfScanner();
      scanner.push(packed);
      assert.deepEqual(scanner.finish().activeContent, ['JS', 'JavaScript', 'OpenAction']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
