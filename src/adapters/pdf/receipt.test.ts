import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type ReceiptData, type ReceiptDocument, renderReceipt } from './receipt.ts';
import {
  assertArchivalPdf,
  flat,
  haveTool,
  pdfFonts,
  pdfInfo,
  pdfText,
  runOk,
  tempDir,
} from './test-support.ts';

const sha = (seed: string) => createHash('sha256').update(seed).digest('hex');

function documents(count: number): ReceiptDocument[] {
  const categories = [
    'Ärztlicher Befund',
    'Schulzeugnis',
    'Arbeitsvertrag',
    'Bescheid des BAMF',
    'Unterstützungsschreiben',
  ];
  return Array.from({ length: count }, (_, i) => ({
    fileName:
      i % 7 === 3
        ? `WhatsApp_Image_2026-11-20_at_10.15.${i}_Überweisung_Fachärztin_für_Psychiatrie_und_Psychotherapie.jpeg`
        : `Anlage_${i + 1}_Bescheinigung_Straße.pdf`,
    category: categories[i % categories.length] ?? 'Sonstiges',
    sizeBytes: 1_234_567 + i * 10_000,
    sha256: sha(`document-${i}`),
  }));
}

const NOTES = [
  'Bitte bewahren Sie diese Bestätigung auf – sie belegt den „Eingang“ Ihres Antrags.',
  'Das Verfahren ist gebührenfrei; es entstehen keine Kosten (0 €). Größere Unterlagen reichen Sie bitte gesondert nach.',
];

function receipt(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    caseNumber: 'HFK-2026-00042',
    receivedAt: new Date('2026-11-25T09:15:00Z'),
    channel: 'online',
    persons: [
      { familyName: 'Nguyễn', givenNames: 'Văn Anh', birthDate: '1990-03', nationality: 'vietnamesisch' },
      { familyName: 'Żółć', givenNames: 'Łukasz', birthDate: '1990', nationality: 'polnisch' },
      { familyName: 'Ñúñez', givenNames: 'María José', birthDate: '12.03.2015', nationality: 'ungeklärt' },
    ],
    representative: {
      name: 'Rechtsanwältin Dr. Jana Öztürk',
      organisation: 'Flüchtlingsberatung Düsseldorf e. V.',
      address: ['Graf-Adolf-Straße 5', '40210 Düsseldorf'],
    },
    documents: documents(5),
    notes: NOTES,
    ...overrides,
  };
}

describe('receipt PDF', () => {
  const dir = tempDir('hfk-receipt-');
  after(() => dir.cleanup());

  it('is an archival PDF whose German text comes back intact', async (t) => {
    const data = receipt();
    const file = dir.write('receipt.pdf', await renderReceipt(data));
    assertArchivalPdf(t, file, 'Eingangsbestätigung HFK-2026-00042');
    if (!haveTool(t, 'pdftotext')) return;
    const text = flat(pdfText(file));
    for (const expected of [
      'Härtefallkommission des Landes Nordrhein-Westfalen – Geschäftsstelle',
      'Eingangsbestätigung',
      'HFK-2026-00042',
      '25.11.2026, 10:15 Uhr',
      'Online-Antrag',
      'Nguyễn, Văn Anh',
      'Żółć, Łukasz',
      'Ñúñez, María José',
      '03.1990',
      '12.03.2015',
      'ungeklärt',
      'Rechtsanwältin Dr. Jana Öztürk',
      'Flüchtlingsberatung Düsseldorf e. V.',
      'Graf-Adolf-Straße 5',
      'Eingereichte Unterlagen (5)',
      'Anlage_1_Bescheinigung_Straße.pdf',
      'Ärztlicher Befund',
      '1,2 MB',
      'sie belegt den „Eingang“ Ihres Antrags',
      'keine Kosten (0 €)',
    ]) {
      assert.ok(text.includes(expected), `missing in text: ${expected}`);
    }
    assert.match(text, /Seite 1 von \d+/);
    // Checksums complete: on one line, or split cleanly; either way they reappear without whitespace.
    const compact = text.replace(/\s+/g, '');
    for (const document of data.documents)
      assert.ok(compact.includes(document.sha256), `hash ${document.sha256}`);
    // A long name without spaces wraps inside its cell; pdftotext may put the next cell's text
    // between the two parts (its reading order, not the PDF's), so each part is checked on its own.
    assert.ok(compact.includes('WhatsApp_Image_2026-11-20_at_10.15.3_Überweisung'));
    assert.ok(compact.includes('Psychiatrie_und_Psychotherapie.jpeg'));
  });

  it('lists 60 documents over several pages with correct page numbers', async (t) => {
    const data = receipt({ documents: documents(60) });
    const started = performance.now();
    const pdf = await renderReceipt(data);
    console.log(
      `receipt with 60 documents: ${(performance.now() - started).toFixed(1)} ms, ${pdf.length} bytes`,
    );
    const file = dir.write('receipt-60.pdf', pdf);
    assertArchivalPdf(t, file, 'Eingangsbestätigung HFK-2026-00042');
    if (!haveTool(t, 'pdfinfo') || !haveTool(t, 'pdftotext')) return;
    const pages = Number(pdfInfo(file).Pages);
    assert.ok(pages >= 3, `expected several pages, got ${pages}`);
    for (let page = 1; page <= pages; page++) {
      const text = flat(pdfText(file, page));
      assert.ok(
        text.includes(`Seite ${page} von ${pages}`),
        `page ${page} lacks 'Seite ${page} von ${pages}'`,
      );
      if (page > 1)
        assert.ok(
          text.includes('Eingangsbestätigung · Aktenzeichen HFK-2026-00042'),
          `running header p. ${page}`,
        );
    }
    // Every row whole and in order: numbers and checksums all present, each exactly once.
    const compact = pdfText(file).replace(/\s+/g, '');
    for (const document of data.documents) {
      assert.equal(compact.split(document.sha256).length - 1, 1, `hash of ${document.fileName} once`);
    }
    assert.ok(
      flat(pdfText(file, pages)).includes('Hinweise zum weiteren Verfahren'),
      'notes close the receipt',
    );
  });

  it('renders markup, formulas, bidi overrides and unsupported scripts as plain text', async (t) => {
    const data = receipt({
      persons: [
        {
          familyName: '<script>alert(1)</script>',
          givenNames: '=HYPERLINK("http://evil.example","x")',
          birthDate: '1990',
        },
        {
          familyName: 'Evil\u202Efdp.exe',
          givenNames: 'Zeile\nUmbruch',
          birthDate: '1991-02',
          nationality: 'سوري',
        },
        { familyName: 'محمد', givenNames: 'Ali', birthDate: '' },
      ],
      documents: [
        {
          fileName: '../../etc/passwd<img src=x>.pdf',
          category: '=cmd|" /C calc"!A0',
          sizeBytes: 5,
          sha256: sha('x'),
        },
      ],
    });
    const file = dir.write('injection.pdf', await renderReceipt(data));
    assertArchivalPdf(t, file, 'Eingangsbestätigung HFK-2026-00042');
    if (!haveTool(t, 'pdftotext')) return;
    const raw = pdfText(file);
    const text = flat(raw);
    for (const expected of [
      '<script>alert(1)</script>',
      '=HYPERLINK("http://evil.example","x")',
      'Evilfdp.exe',
      'Zeile Umbruch',
      '????, Ali',
      '../../etc/passwd<img src=x>.pdf',
      '=cmd|" /C calc"!A0',
      '5 Byte',
      'nicht angegeben',
    ]) {
      assert.ok(text.includes(expected), `missing in text: ${expected}`);
    }
    assert.ok(!raw.includes('\u202E'), 'bidi override must not survive');
    if (haveTool(t, 'pdffonts')) assert.ok(pdfFonts(file).every((font) => font.name.includes('FiraSans')));
  });

  it('refuses a checksum that is not SHA-256', async () => {
    const bad = receipt({
      documents: [{ fileName: 'a.pdf', category: 'x', sizeBytes: 1, sha256: 'not-a-hash' }],
    });
    await assert.rejects(renderReceipt(bad), /Not a SHA-256/);
  });

  it('says so when no documents were submitted, and has default notes', async (t) => {
    const { notes: _ignored, ...withoutNotes } = receipt({
      documents: [],
      representative: undefined,
      channel: 'post',
    });
    const file = dir.write('empty.pdf', await renderReceipt(withoutNotes));
    if (!haveTool(t, 'pdftotext')) return;
    const text = flat(pdfText(file));
    assert.ok(text.includes('Mit dem Antrag wurden keine Unterlagen eingereicht.'));
    assert.ok(
      text.includes('Die zuständige Ausländerbehörde wird über den Eingang Ihres Antrags unterrichtet.'),
    );
    assert.ok(text.includes('Eingangsweg Post'));
    assert.ok(!text.includes('Bevollmächtigte Person oder Stelle'));
  });

  it('gives the same bytes for the same input', async () => {
    const first = await renderReceipt(receipt());
    const second = await renderReceipt(receipt());
    assert.ok(first.equals(second), 'receipt output is not deterministic');
  });

  it('renders page 1 as PNG for a human to look at, and reports the time per receipt', async (t) => {
    const data = receipt({ documents: documents(20) });
    const runs = 10;
    const started = performance.now();
    let pdf: Buffer = Buffer.alloc(0);
    for (let i = 0; i < runs; i++) pdf = await renderReceipt(data);
    console.log(
      `receipt with 20 documents: ${((performance.now() - started) / runs).toFixed(1)} ms per receipt (${runs} runs)`,
    );
    const file = dir.write('preview.pdf', pdf);
    if (!haveTool(t, 'pdftoppm')) return;
    runOk('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      dir.path('receipt-page1'),
    ]);
    const png = dir.path('receipt-page1.png');
    assert.ok(statSync(png).size > 0, 'PNG is empty');
    // Set PDF_PREVIEW_DIR to keep the picture after the test run.
    const keep = process.env.PDF_PREVIEW_DIR;
    if (keep) copyFileSync(png, join(keep, 'receipt-page1.png'));
  });
});
