/**
 * A small layout helper around pdfkit for the office's documents: tagged PDF/A-2a in German,
 * Fira Sans embedded as subsets, a letterhead, headings, paragraphs, lists, tables that break
 * across pages with a repeated header, signature lines, and 'Seite X von Y' in the footer.
 *
 * Every string is passed through the sanitizer of `text.ts` here, in one place, so that callers
 * cannot forget it for a single field.
 *
 * Tagging rules of pdfkit that shape this code:
 * - content is tagged by passing a closure to `doc.struct(...)`; the closure runs when the element
 *   is attached to the tree, so elements are attached to their parent before their content is added;
 * - `markContent('Artifact')` closes every open marked-content sequence on the page, so decorations
 *   (rules, signature lines, repeated table headers) are only drawn between tagged elements.
 */
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { readCmapCoverage } from './font-coverage.ts';
import { createTextSanitizer } from './text.ts';

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

/**
 * PDF/A-2a: part 2 (ISO 19005-2, based on PDF 1.7) with level A (tagged, Unicode, language).
 * Chosen over PDF/A-3a because part 3 only adds arbitrary embedded files, which these letters do
 * not need and which some archive systems refuse; chosen over part 1 because PDF/A-1 is PDF 1.4
 * and pdfkit's tagging (structure attributes, table scopes) targets PDF 1.7.
 */
export const PDFA_CONFORMANCE = 'PDF/A-2a' as const;

export const OFFICE_NAME = 'Härtefallkommission des Landes Nordrhein-Westfalen – Geschäftsstelle';

const MM = 72 / 25.4;
// DIN 5008 margins (25 mm left, 20 mm right); the bottom leaves room for the footer.
const MARGINS = { top: 20 * MM, bottom: 26 * MM, left: 25 * MM, right: 20 * MM };
const FOOTER_TOP_FROM_BOTTOM = 19 * MM;
const RUNNING_HEADER_Y = 10 * MM;

const FONT = { regular: 'FiraSans-Regular', bold: 'FiraSans-Bold', italic: 'FiraSans-Italic' } as const;
type FontFace = keyof typeof FONT;

const SIZE = { body: 10, small: 8, footer: 7.5, h1: 16, h2: 12, h3: 10.5, letterhead: 11 } as const;
const LINE_GAP = 2.5;
const PARAGRAPH_SPACING = 6;
const COLOR = { text: '#1a1a1a', muted: '#4d4d4d', accent: '#0b3a6e', rule: '#8c8c8c' } as const;

interface LoadedFonts {
  files: Record<FontFace, Buffer>;
  sanitize: (text: string) => string;
}

let loadedFonts: LoadedFonts | undefined;

/** Reads the TTFs once per process; their cmap decides which characters can be drawn at all. */
function fonts(): LoadedFonts {
  if (loadedFonts) return loadedFonts;
  const read = (name: string) => readFileSync(new URL(`./fonts/${name}.ttf`, import.meta.url));
  const files = { regular: read(FONT.regular), bold: read(FONT.bold), italic: read(FONT.italic) };
  // A character is drawable only if every face has it; bold text must not fall back to .notdef.
  const [first, ...others] = Object.values(files).map(readCmapCoverage);
  const coverage = new Set([...(first ?? [])].filter((cp) => others.every((set) => set.has(cp))));
  loadedFonts = { files, sanitize: createTextSanitizer(coverage) };
  return loadedFonts;
}

export interface PdfDocumentOptions {
  /** Document title (Info, XMP and the viewer's title bar). No personal data: metadata travels further than content. */
  title: string;
  subject: string;
  /** Creation date written into the file; pass the business date so the same input gives the same bytes. */
  createdAt: Date;
  /** Short line at the top of every page after the first, e.g. 'Eingangsbestätigung · HFK-2026-00042'. */
  runningHeader?: string;
  /** Small print on the left of every footer. */
  footerNote?: string;
  /** Lines under the office name in the letterhead (address, contact). */
  letterheadLines?: readonly string[];
  /** The sender in the letterhead and the PDF's author; defaults to `OFFICE_NAME`. */
  officeName?: string;
}

/** One line of a table cell; a cell with several lines keeps them in one tagged cell. */
export interface CellLine {
  text: string;
  /** 'code': small; a checksum that is too wide is split into equal parts instead of at a random character. */
  style?: 'normal' | 'bold' | 'small' | 'code';
}
export type TableCell = string | readonly CellLine[];

export interface TableColumn {
  header: string;
  /** Relative width; the widths of all columns are scaled to the text width. */
  width: number;
  align?: 'left' | 'right';
}

export interface TableOptions {
  /** Tag the first cell of every row as a row header (TH, scope Row). */
  rowHeaders?: boolean;
  /** Draw and tag the header row (default true). */
  headerRow?: boolean;
}

export interface SignatureField {
  label: string;
  /** Relative width on the line. */
  width: number;
}

export interface PdfDocumentBuilder {
  heading(level: 1 | 2 | 3, text: string): PdfDocumentBuilder;
  paragraph(text: string, style?: 'normal' | 'small' | 'bold'): PdfDocumentBuilder;
  list(items: readonly string[], kind?: 'bullet' | 'numbered'): PdfDocumentBuilder;
  /** Lines that belong together (an address) as one tagged paragraph, without space between them. */
  lines(lines: readonly string[], style?: 'normal' | 'small'): PdfDocumentBuilder;
  table(
    columns: readonly TableColumn[],
    rows: readonly (readonly TableCell[])[],
    options?: TableOptions,
  ): PdfDocumentBuilder;
  /** Label/value pairs as a two-column table whose labels are row headers. */
  definitions(pairs: readonly (readonly [label: string, value: TableCell])[]): PdfDocumentBuilder;
  /** A row of blank lines to write on, each with its label underneath, kept together on one page. */
  signatureLine(fields: readonly SignatureField[]): PdfDocumentBuilder;
  space(points: number): PdfDocumentBuilder;
  /** Adds footers and page numbers, ends the document and returns its bytes. */
  finish(): Promise<Buffer>;
}

// pdfkit writes Title/Author/Subject into the XMP packet without escaping; '<' or '&' would break it.
function assertXmpSafe(field: string, value: string): string {
  if (/[<>&]/.test(value)) throw new Error(`PDF metadata ${field} must not contain <, > or &: '${value}'`);
  return value;
}

export function createPdfDocument(options: PdfDocumentOptions): PdfDocumentBuilder {
  const { files, sanitize } = fonts();
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    pdfVersion: '1.7',
    subset: PDFA_CONFORMANCE,
    tagged: true,
    lang: 'de-DE',
    displayTitle: true,
    // Page numbers need the page count, which is known only at the end.
    bufferPages: true,
    info: {
      Title: assertXmpSafe('Title', sanitize(options.title)),
      Author: assertXmpSafe('Author', sanitize(options.officeName ?? OFFICE_NAME)),
      Subject: assertXmpSafe('Subject', sanitize(options.subject)),
      Creator: 'Digitales Härtefallverfahren NRW',
      Producer: 'PDFKit',
      CreationDate: options.createdAt,
    },
  });
  for (const face of Object.keys(FONT) as FontFace[]) doc.registerFont(FONT[face], files[face]);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const root = doc.struct('Document');
  doc.addStructure(root);

  const left = MARGINS.left;
  const width = doc.page.width - MARGINS.left - MARGINS.right;
  const maxY = () => doc.page.height - doc.page.margins.bottom;

  const setFont = (face: FontFace, size: number, color: string = COLOR.text) =>
    doc.font(FONT[face]).fontSize(size).fillColor(color);

  const newPage = () => {
    doc.continueOnNewPage();
    doc.x = left;
  };
  /** Starts a new page unless `height` points still fit on this one. */
  const ensureSpace = (height: number) => {
    if (doc.y + height > maxY() && doc.y > doc.page.margins.top + 1) newPage();
  };

  const artifact = (draw: () => void) => {
    doc.markContent('Artifact', { type: 'Layout' });
    draw();
    doc.endMarkedContent();
  };
  const rule = (y: number, x0 = left, x1 = left + width, weight = 0.5) =>
    artifact(() => {
      doc.save().lineWidth(weight).strokeColor(COLOR.rule).moveTo(x0, y).lineTo(x1, y).stroke().restore();
    });

  const addText = (
    parent: StructElement,
    type: string,
    text: string,
    face: FontFace,
    size: number,
    color: string = COLOR.text,
  ) => {
    parent.add(
      doc.struct(type, {}, [
        () => {
          setFont(face, size, color).text(text, left, doc.y, { width, lineGap: LINE_GAP });
        },
      ]),
    );
  };

  // Letterhead: tagged as a paragraph, because the sender is part of what the letter says.
  {
    const head = doc.struct('Sect');
    root.add(head);
    addText(head, 'P', sanitize(options.officeName ?? OFFICE_NAME), 'bold', SIZE.letterhead, COLOR.accent);
    for (const line of options.letterheadLines ?? [])
      addText(head, 'P', sanitize(line), 'regular', SIZE.small, COLOR.muted);
    head.end();
    doc.y += 4;
    rule(doc.y, left, left + width, 1);
    doc.y += 14;
  }

  // --- tables -------------------------------------------------------------------------------
  const CELL_PAD_X = 4;
  const CELL_PAD_Y = 3.5;
  const lineFace = (line: CellLine): [FontFace, number, string] =>
    line.style === 'bold'
      ? ['bold', SIZE.body, COLOR.text]
      : line.style === 'small' || line.style === 'code'
        ? ['regular', SIZE.small, COLOR.muted]
        : ['regular', SIZE.body, COLOR.text];
  /**
   * A checksum must stay copyable and readable: on one line if it fits; otherwise a label before
   * the last space ('SHA-256: …') goes on its own line and the code is split into the fewest equal
   * parts that fit (e.g. 2 × 32 hex digits), never at a random character. Expects the font set.
   */
  const fitCode = (text: string, innerWidth: number): string => {
    const fits = (part: string) => doc.widthOfString(part) <= innerWidth;
    if (fits(text)) return text;
    const space = text.lastIndexOf(' ');
    const label = space > 0 ? text.slice(0, space) : '';
    const code = space > 0 ? text.slice(space + 1) : text;
    for (let parts = 1; parts <= 8; parts++) {
      const size = Math.ceil(code.length / parts);
      const chunks = Array.from({ length: Math.ceil(code.length / size) }, (_, i) =>
        code.slice(i * size, (i + 1) * size),
      );
      if (chunks.every(fits)) return [label, ...chunks].filter(Boolean).join('\n');
    }
    return text;
  };
  const lineText = (line: CellLine, innerWidth: number) =>
    line.style === 'code' ? fitCode(line.text, innerWidth) : line.text;
  const toLines = (cell: TableCell, bold = false): CellLine[] =>
    (typeof cell === 'string' ? [{ text: cell }] : cell)
      .map((line) => ({ text: sanitize(line.text), style: bold ? ('bold' as const) : line.style }))
      .filter((line) => line.text.length > 0);

  const cellHeight = (lines: readonly CellLine[], innerWidth: number) => {
    let height = 0;
    for (const line of lines) {
      const [face, size] = lineFace(line);
      setFont(face, size);
      height += doc.heightOfString(lineText(line, innerWidth), { width: innerWidth, lineGap: LINE_GAP });
    }
    return height + 2 * CELL_PAD_Y;
  };
  const drawCell = (
    lines: readonly CellLine[],
    x: number,
    y: number,
    innerWidth: number,
    align: 'left' | 'right',
  ) => {
    doc.y = y + CELL_PAD_Y;
    for (const line of lines) {
      const [face, size, color] = lineFace(line);
      setFont(face, size, color);
      doc.text(lineText(line, innerWidth), x + CELL_PAD_X, doc.y, {
        width: innerWidth,
        lineGap: LINE_GAP,
        align,
      });
    }
  };

  const builder: PdfDocumentBuilder = {
    heading(level, text) {
      const size = level === 1 ? SIZE.h1 : level === 2 ? SIZE.h2 : SIZE.h3;
      const clean = sanitize(text);
      setFont('bold', size);
      // Keep a heading with at least three lines of what follows it.
      ensureSpace(doc.heightOfString(clean, { width }) + 3 * (SIZE.body + LINE_GAP + 2) + 8);
      if (level > 1) doc.y += level === 2 ? 8 : 4;
      addText(root, `H${level}`, clean, 'bold', size, level === 1 ? COLOR.accent : COLOR.text);
      doc.y += level === 1 ? 8 : 4;
      return builder;
    },

    paragraph(text, style = 'normal') {
      const clean = sanitize(text);
      if (!clean) return builder;
      const [face, size, color] =
        style === 'small'
          ? (['regular', SIZE.small, COLOR.muted] as const)
          : ([style === 'bold' ? 'bold' : 'regular', SIZE.body, COLOR.text] as const);
      // Avoid a lone first line at the bottom of a page.
      ensureSpace(2 * (size + LINE_GAP + 2));
      addText(root, 'P', clean, face, size, color);
      doc.y += PARAGRAPH_SPACING;
      return builder;
    },

    lines(lines, style = 'normal') {
      const clean = lines.map(sanitize).filter((line) => line.length > 0);
      if (clean.length === 0) return builder;
      const [size, color] = style === 'small' ? [SIZE.small, COLOR.muted] : [SIZE.body, COLOR.text];
      setFont('regular', size);
      ensureSpace(clean.length * (size + LINE_GAP + 2));
      root.add(
        doc.struct('P', {}, [
          () => {
            for (const line of clean) {
              setFont('regular', size, color).text(line, left, doc.y, { width, lineGap: LINE_GAP });
            }
          },
        ]),
      );
      doc.y += PARAGRAPH_SPACING;
      return builder;
    },

    list(items, kind = 'bullet') {
      const indent = kind === 'bullet' ? 14 : 20;
      const list = doc.struct('L');
      root.add(list);
      items.forEach((item, index) => {
        const body = sanitize(item);
        const label = kind === 'bullet' ? '•' : `${index + 1}.`;
        setFont('regular', SIZE.body);
        const bodyHeight = doc.heightOfString(body, { width: width - indent, lineGap: LINE_GAP });
        // Move short items whole; let long ones start here if two lines fit.
        ensureSpace(Math.min(bodyHeight, 2 * (SIZE.body + LINE_GAP + 2)));
        const y = doc.y;
        const li = doc.struct('LI');
        list.add(li);
        li.add(
          doc.struct('Lbl', {}, [
            () => {
              setFont('regular', SIZE.body).text(label, left, y, { lineBreak: false });
            },
          ]),
        );
        li.add(
          doc.struct('LBody', {}, [
            () => {
              setFont('regular', SIZE.body).text(body, left + indent, y, {
                width: width - indent,
                lineGap: LINE_GAP,
              });
            },
          ]),
        );
        li.end();
        doc.y += 3;
      });
      list.end();
      doc.y += PARAGRAPH_SPACING - 3;
      return builder;
    },

    table(columns, rows, tableOptions = {}) {
      const headerRow = tableOptions.headerRow ?? true;
      const total = columns.reduce((sum, column) => sum + column.width, 0);
      const widths = columns.map((column) => (column.width / total) * width);
      const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
      const inner = (i: number) => (widths[i] ?? 0) - 2 * CELL_PAD_X;
      const headerCells = columns.map((column) => toLines(column.header, true));
      const headerHeight = headerRow
        ? Math.max(...headerCells.map((lines, i) => cellHeight(lines, inner(i))))
        : 0;

      const table = doc.struct('Table');
      root.add(table);

      const drawHeader = (tagged: boolean) => {
        const y = doc.y;
        if (tagged) {
          const tr = doc.struct('TR');
          table.add(tr);
          headerCells.forEach((lines, i) => {
            const options: PDFKit.Mixins.StructureElementOptions & { scope?: 'Column' } = { scope: 'Column' };
            tr.add(
              doc.struct('TH', options, [
                () => drawCell(lines, xs[i] ?? left, y, inner(i), columns[i]?.align ?? 'left'),
              ]),
            );
          });
          tr.end();
        } else {
          // Repeated on a continuation page for the eye only; the tagged header exists once.
          doc.markContent('Artifact', { type: 'Pagination' });
          headerCells.forEach((lines, i) => {
            drawCell(lines, xs[i] ?? left, y, inner(i), columns[i]?.align ?? 'left');
          });
          doc.endMarkedContent();
        }
        doc.y = y + headerHeight;
        rule(doc.y, left, left + width, 0.75);
      };

      if (headerRow) {
        ensureSpace(headerHeight + 30);
        drawHeader(true);
      }
      rows.forEach((row) => {
        const cells = columns.map((_, i) =>
          toLines(row[i] ?? '', tableOptions.rowHeaders === true && i === 0),
        );
        const height = Math.max(...cells.map((lines, i) => cellHeight(lines, inner(i))));
        if (doc.y + height > maxY()) {
          newPage();
          if (headerRow) drawHeader(false);
        }
        const y = doc.y;
        const tr = doc.struct('TR');
        table.add(tr);
        cells.forEach((lines, i) => {
          const isRowHeader = tableOptions.rowHeaders === true && i === 0;
          const options: PDFKit.Mixins.StructureElementOptions & { scope?: 'Row' } = isRowHeader
            ? { scope: 'Row' }
            : {};
          tr.add(
            doc.struct(isRowHeader ? 'TH' : 'TD', options, [
              () => drawCell(lines, xs[i] ?? left, y, inner(i), columns[i]?.align ?? 'left'),
            ]),
          );
        });
        tr.end();
        doc.y = y + height;
        rule(doc.y, left, left + width, 0.25);
      });
      table.end();
      doc.x = left;
      doc.y += PARAGRAPH_SPACING + 2;
      return builder;
    },

    definitions(pairs) {
      return builder.table(
        [
          { header: '', width: 32 },
          { header: '', width: 68 },
        ],
        pairs.map(([label, value]) => [label, value]),
        { rowHeaders: true, headerRow: false },
      );
    },

    signatureLine(fields) {
      const gap = 18;
      const total = fields.reduce((sum, field) => sum + field.width, 0);
      const usable = width - gap * (fields.length - 1);
      const lineOffset = 34;
      setFont('regular', SIZE.small);
      const labelHeight = Math.max(
        ...fields.map((field) =>
          doc.heightOfString(sanitize(field.label), { width: (field.width / total) * usable }),
        ),
      );
      ensureSpace(lineOffset + 4 + labelHeight + 6);
      const top = doc.y;
      let x = left;
      const placed = fields.map((field) => {
        const w = (field.width / total) * usable;
        const at = { x, w, label: sanitize(field.label) };
        x += w + gap;
        return at;
      });
      artifact(() => {
        doc.save().lineWidth(0.75).strokeColor(COLOR.text);
        for (const at of placed) doc.moveTo(at.x, top + lineOffset).lineTo(at.x + at.w, top + lineOffset);
        doc.stroke().restore();
      });
      for (const at of placed) {
        root.add(
          doc.struct('P', {}, [
            () => {
              setFont('regular', SIZE.small, COLOR.muted).text(at.label, at.x, top + lineOffset + 4, {
                width: at.w,
                lineGap: 1,
              });
            },
          ]),
        );
      }
      doc.x = left;
      doc.y = top + lineOffset + 4 + labelHeight + 10;
      return builder;
    },

    space(points) {
      doc.y += points;
      return builder;
    },

    async finish() {
      root.end();
      const range = doc.bufferedPageRange();
      const footerNote = options.footerNote ? sanitize(options.footerNote) : '';
      const runningHeader = options.runningHeader ? sanitize(options.runningHeader) : '';
      for (let i = range.start; i < range.start + range.count; i++) {
        doc.switchToPage(i);
        const page = doc.page;
        // Without this, writing below the bottom margin would make pdfkit open a new page.
        const bottomMargin = page.margins.bottom;
        page.margins.bottom = 0;
        const footerY = page.height - FOOTER_TOP_FROM_BOTTOM;
        doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
        doc
          .save()
          .lineWidth(0.5)
          .strokeColor(COLOR.rule)
          .moveTo(left, footerY)
          .lineTo(left + width, footerY)
          .stroke()
          .restore();
        const pageLabel = `Seite ${i - range.start + 1} von ${range.count}`;
        setFont('regular', SIZE.footer, COLOR.muted);
        const labelWidth = doc.widthOfString(pageLabel);
        doc.text(pageLabel, left + width - labelWidth, footerY + 5, { lineBreak: false });
        if (footerNote) {
          doc.text(footerNote, left, footerY + 5, { width: width - labelWidth - 12, lineGap: 1 });
        }
        doc.endMarkedContent();
        if (runningHeader && i > range.start) {
          doc.markContent('Artifact', { type: 'Pagination', attached: ['Top'] });
          setFont('regular', SIZE.footer, COLOR.muted).text(runningHeader, left, RUNNING_HEADER_Y, {
            width,
            lineBreak: false,
          });
          doc.endMarkedContent();
        }
        page.margins.bottom = bottomMargin;
      }
      doc.end();
      return done;
    },
  };
  return builder;
}
