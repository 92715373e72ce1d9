import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { degrees, PDFDocument } from 'pdf-lib';
import PDFKit from 'pdfkit';
import sharp from 'sharp';
import type { SessionPackInput, SessionPackSection } from '../../application/ports.ts';
import { buildSessionPack } from './session-pack.ts';
import { flat, haveTool, pdfInfo, pdfText, run, runOk, tempDir } from './test-support.ts';

/** A real PDF with `pages` pages, each saying its title and number. */
function sourcePdf(title: string, pages: number): Promise<Buffer> {
  const doc = new PDFKit({ size: 'A4', margin: 50, autoFirstPage: false });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (let i = 1; i <= pages; i++) {
    doc.addPage();
    doc.fontSize(14).text(`${title} – Blatt ${i}`);
    doc.fontSize(10).text('Lorem ipsum dolor sit amet. '.repeat(40));
  }
  doc.end();
  return done;
}

const NAME = 'Zeynep Ağaoğlu-Schröder';
const WATERMARK = `Vertraulich – nur für ${NAME} – abgerufen am 03.12.2026`;

describe('session pack builder', () => {
  const dir = tempDir('hfk-pack-');
  let input: SessionPackInput;
  let file = '';
  let pages = 0;
  after(() => dir.cleanup());

  before(async () => {
    const rotatedDoc = await PDFDocument.load(await sourcePdf('Gedreht', 2));
    rotatedDoc.getPage(0).setRotation(degrees(90));
    rotatedDoc.getPage(1).setRotation(degrees(270));
    const rotated = Buffer.from(await rotatedDoc.save());
    const photo = await sharp({
      create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 180, b: 150 } },
    })
      .jpeg()
      .toBuffer();
    const pdf = (title: string, n: number) => ({
      title,
      contentType: 'application/pdf',
      load: () => sourcePdf(title, n),
    });
    const sections: SessionPackSection[] = [
      { title: 'Deckblatt und Tagesordnung', nested: false, parts: [pdf('Deckblatt', 1)] },
      {
        title: '1. HFK-2026-00001 – Zehra Ağaoğlu',
        nested: true,
        parts: [
          pdf('Übersicht eins', 1),
          pdf('Antrag eins', 5),
          pdf('Stellungnahme eins', 2),
          { title: 'Nachweis: Foto (Schule.jpg)', contentType: 'image/jpeg', load: async () => photo },
        ],
      },
      {
        title: '2. HFK-2026-00002 – Emre Berisha',
        nested: true,
        parts: [
          pdf('Übersicht zwei', 1),
          { title: 'Antrag', contentType: 'application/pdf', load: async () => rotated },
          {
            title: 'Nachweis: kaputt (x.pdf)',
            contentType: 'application/pdf',
            load: async () => Buffer.from('%PDF-1.7 nonsense'),
          },
          {
            title: 'Nachweis: Tabelle (x.ods)',
            contentType: 'application/vnd.oasis.opendocument.spreadsheet',
            load: async () => Buffer.from('PK'),
          },
        ],
      },
    ];
    input = {
      title: 'Sitzungsmappe der Härtefallkommission vom 10.03.2027',
      subject: 'Vertrauliche Unterlagen für die Sitzung',
      createdAt: new Date('2026-12-03T09:00:00Z'),
      watermark: WATERMARK,
      sections,
      texts: {
        page: 'Seite {n} von {total}',
        unreadable: 'Dieses Dokument konnte nicht in die Mappe übernommen werden.',
      },
    };
    file = dir.write('pack.pdf', await buildSessionPack(input));
    // cover 1 + case one 1+5+2+1 + case two 1+2+1+1
    pages = 1 + 9 + 5;
  });

  it('has every page of every part, and a clean structure', (t) => {
    if (!haveTool(t, 'pdfinfo')) return;
    const info = pdfInfo(file);
    assert.equal(Number(info.Pages), pages);
    assert.equal(info.Title, input.title);
    assert.equal(info.JavaScript, 'no');
    if (!haveTool(t, 'qpdf')) return;
    const check = run('qpdf', ['--check', file]);
    assert.equal(check.status, 0, check.stdout + check.stderr);
  });

  it('has a bookmark per case with one per part beneath it, each on the part’s first page', (t) => {
    if (!haveTool(t, 'qpdf')) return;
    const json = JSON.parse(runOk('qpdf', ['--json', '--json-key=outlines', '--json-key=pages', file])) as {
      outlines: {
        title: string;
        destpageposfrom1: number;
        kids: { title: string; destpageposfrom1: number }[];
      }[];
    };
    const outline = json.outlines.map((o) => [
      o.title,
      o.destpageposfrom1,
      o.kids.map((k) => [k.title, k.destpageposfrom1]),
    ]);
    assert.deepEqual(outline, [
      ['Deckblatt und Tagesordnung', 1, []],
      [
        '1. HFK-2026-00001 – Zehra Ağaoğlu',
        2,
        [
          ['Übersicht eins', 2],
          ['Antrag eins', 3],
          ['Stellungnahme eins', 8],
          ['Nachweis: Foto (Schule.jpg)', 10],
        ],
      ],
      [
        '2. HFK-2026-00002 – Emre Berisha',
        11,
        [
          ['Übersicht zwei', 11],
          ['Antrag', 12],
          ['Nachweis: kaputt (x.pdf)', 14],
          ['Nachweis: Tabelle (x.ods)', 15],
        ],
      ],
    ]);
    const total = json.outlines.reduce((n, o) => n + 1 + o.kids.length, 0);
    assert.equal(total, 11);
  });

  it('carries the member’s name and the date on every page, with the page number', (t) => {
    if (!haveTool(t, 'pdftotext')) return;
    const perPage = pdfText(file).split('\f').slice(0, pages);
    assert.equal(perPage.length, pages);
    perPage.forEach((text, i) => {
      const line = flat(text);
      assert.ok(line.includes(NAME), `page ${i + 1} lacks the name: ${line.slice(0, 200)}`);
      assert.ok(line.includes('abgerufen am 03.12.2026'), `page ${i + 1} lacks the date`);
      assert.ok(line.includes(`Seite ${i + 1} von ${pages}`), `page ${i + 1} lacks its number`);
    });
    // The parts' own content is there too (including the rotated pages).
    const all = flat(pdfText(file));
    for (const phrase of ['Antrag eins – Blatt 5', 'Gedreht – Blatt 2', 'Stellungnahme eins – Blatt 1'])
      assert.ok(all.includes(phrase), phrase);
  });

  it('puts a page in place of a part it cannot read, and goes on', (t) => {
    if (!haveTool(t, 'pdftotext')) return;
    for (const page of [14, 15]) {
      const text = flat(pdfText(file, page));
      assert.ok(text.includes('konnte nicht in die Mappe übernommen werden'), `page ${page}`);
    }
    assert.ok(flat(pdfText(file, 14)).includes('Nachweis: kaputt'));
  });

  it('refuses nothing from an encrypted PDF but says it is missing', async (t) => {
    if (!haveTool(t, 'qpdf') || !haveTool(t, 'pdftotext')) return;
    const plain = dir.write('plain.pdf', await sourcePdf('Geheim', 1));
    const locked = dir.path('locked.pdf');
    runOk('qpdf', ['--encrypt', 'user', 'owner', '256', '--', plain, locked]);
    const { readFileSync } = await import('node:fs');
    const out = dir.write(
      'with-locked.pdf',
      await buildSessionPack({
        ...input,
        sections: [
          {
            title: 'Fall',
            nested: true,
            parts: [
              {
                title: 'Verschlüsselt',
                contentType: 'application/pdf',
                load: async () => readFileSync(locked),
              },
            ],
          },
        ],
      }),
    );
    const text = flat(pdfText(out));
    assert.ok(text.includes('konnte nicht in die Mappe übernommen werden'));
    assert.ok(!text.includes('Geheim – Blatt 1'));
  });

  it('builds 30 cases of 40 pages well under a minute, with all bookmarks', async (t) => {
    const parts: [string, number][] = [
      ['Übersicht', 1],
      ['Antrag', 20],
      ['Stellungnahme', 5],
      ['Nachweis: Lebenslauf', 14],
    ];
    const files = new Map<string, Buffer>();
    for (const [title, n] of parts) files.set(title, await sourcePdf(title, n));
    const started = performance.now();
    const big = await buildSessionPack({
      ...input,
      sections: Array.from({ length: 30 }, (_, c) => ({
        title: `${c + 1}. HFK-2026-${String(c + 1).padStart(5, '0')}`,
        nested: true,
        parts: parts.map(([title]) => ({
          title,
          contentType: 'application/pdf',
          load: async () => files.get(title) as Buffer,
        })),
      })),
    });
    const seconds = (performance.now() - started) / 1000;
    assert.ok(seconds < 30, `took ${seconds.toFixed(1)} s`);
    const loaded = await PDFDocument.load(big);
    assert.equal(loaded.getPageCount(), 1200);
    if (!haveTool(t, 'qpdf')) return;
    const out = dir.write('big.pdf', big);
    const json = JSON.parse(runOk('qpdf', ['--json', '--json-key=outlines', out])) as {
      outlines: { title: string; kids: unknown[] }[];
    };
    assert.equal(json.outlines.length, 30);
    assert.ok(json.outlines.every((o) => o.kids.length === 4));
    if (!haveTool(t, 'pdftotext')) return;
    const last = flat(pdfText(out, 1200));
    assert.ok(last.includes(NAME) && last.includes('Seite 1200 von 1200'), last.slice(0, 200));
  });
});
