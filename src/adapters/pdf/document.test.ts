import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createPdfDocument } from './document.ts';
import { assertArchivalPdf, flat, haveTool, pdfInfo, pdfText, runOk, tempDir } from './test-support.ts';

const createdAt = new Date('2026-11-25T09:15:00Z');

describe('PDF document helper', () => {
  const dir = tempDir('hfk-pdfdoc-');
  after(() => dir.cleanup());

  it('refuses metadata that would break the XMP packet', () => {
    assert.throws(() => createPdfDocument({ title: 'A & B', subject: 'x', createdAt }), /must not contain/);
  });

  it('splits a checksum that is too wide for its column into equal parts', async (t) => {
    const hash = 'd'.repeat(32) + 'b'.repeat(32);
    const pdf = createPdfDocument({ title: 'Prüfsummen', subject: 'Test', createdAt });
    pdf.table(
      [
        { header: 'Datei', width: 1 },
        { header: 'Leer', width: 1 },
      ],
      [[[{ text: 'scan.pdf' }, { text: `SHA-256: ${hash}`, style: 'code' }], '']],
    );
    const file = dir.write('narrow.pdf', await pdf.finish());
    if (!haveTool(t, 'pdftotext')) return;
    const lines = pdfText(file)
      .split('\n')
      .map((line) => line.trim());
    assert.ok(lines.includes('SHA-256:'), 'label on its own line');
    assert.ok(lines.includes('d'.repeat(32)) && lines.includes('b'.repeat(32)), 'two halves of 32 digits');
  });

  it('tags headings, paragraphs, lists and tables in a structure tree', async (t) => {
    const pdf = createPdfDocument({
      title: 'Strukturtest',
      subject: 'Test',
      createdAt,
      footerNote: 'Fußnote',
    });
    pdf
      .heading(1, 'Überschrift')
      .paragraph('Absatz mit „Anführungszeichen“ – und 12,50 €.')
      .list(['Erster Punkt', 'Zweiter Punkt'], 'numbered')
      .table(
        [
          { header: 'Spalte A', width: 1 },
          { header: 'Spalte B', width: 1, align: 'right' },
        ],
        [['a', 'b']],
      )
      .signatureLine([{ label: 'Ort, Datum', width: 1 }]);
    const file = dir.write('structure.pdf', await pdf.finish());
    assertArchivalPdf(t, file, 'Strukturtest');
    if (!haveTool(t, 'qpdf')) return;
    const qdf = dir.path('structure.qdf.pdf');
    runOk('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    const structure = runOk('qpdf', ['--show-object=trailer', qdf]);
    assert.match(structure, /\/Root/);
    const body = runOk('sh', ['-c', `grep -a -o '/S /[A-Za-z0-9]*' '${qdf}' | sort -u`]);
    for (const type of ['Document', 'H1', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD']) {
      assert.match(body, new RegExp(`/S /${type}\\n`), `structure type ${type}`);
    }
    const catalog = runOk('sh', ['-c', `grep -a -A14 '^1 0 obj' '${qdf}'`]);
    assert.match(catalog, /\/Lang \(de-DE\)/);
    assert.match(catalog, /\/MarkInfo/);
    assert.match(catalog, /\/OutputIntents/);
    if (!haveTool(t, 'pdftotext') || !haveTool(t, 'pdfinfo')) return;
    assert.equal(pdfInfo(file).Pages, '1');
    const text = flat(pdfText(file));
    for (const phrase of [
      'Überschrift',
      '„Anführungszeichen“ – und 12,50 €',
      '1. Erster Punkt',
      'Fußnote',
      'Seite 1 von 1',
    ]) {
      assert.ok(text.includes(phrase), `missing in text: ${phrase}`);
    }
  });
});
