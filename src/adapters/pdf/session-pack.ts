/**
 * The session pack: one PDF per session and member, merged with pdf-lib from the parts the caller
 * hands in (summary sheets from pdfkit, the application, the statement, the selected evidence), with
 * an outline (a bookmark per case, beneath it one per part) and on every page the member's watermark.
 *
 * Why this shape:
 * - Each part is loaded only when it is its turn and its pages are copied in one `copyPages` call, so
 *   a source document is parsed once and can be dropped right after.
 * - The watermark is drawn once with pdfkit (Fira Sans, so every name is drawn with its real letters
 *   and can be found by text extraction) and embedded once as a form XObject; every page only
 *   references it twice: small in the footer and large across the page, faint. Page numbers use the
 *   standard Helvetica (digits and German letters only), so no font is embedded per page.
 * - The rotation (/Rotate) and the crop box of each page are respected: the stamp is drawn upright in
 *   the page as the reader sees it.
 * - pdf-lib has no outline API; the outline items are built from its low-level objects (dictionaries,
 *   references, text strings), nothing is written as PDF syntax by hand.
 * - A part that cannot be read (an encrypted or damaged PDF, an unknown type) becomes one page saying
 *   so, with its title: the pack is built anyway and the member knows something is missing.
 *
 * Every word comes from the caller; this module has none of its own.
 */
import { readFileSync } from 'node:fs';
import {
  degrees,
  drawPage,
  drawText,
  PDFContentStream,
  type PDFDict,
  PDFDocument,
  type PDFEmbeddedPage,
  type PDFFont,
  PDFHexString,
  PDFName,
  type PDFPage,
  type PDFRef,
  rgb,
  StandardFonts,
} from 'pdf-lib';
import PDFKit from 'pdfkit';
import type { SessionPackBuilder, SessionPackInput, SessionPackPart } from '../../application/ports.ts';
import { readCmapCoverage } from './font-coverage.ts';
import { createTextSanitizer } from './text.ts';

const MM = 72 / 25.4;
const A4: [number, number] = [210 * MM, 297 * MM];
const FOOTER_HEIGHT = 8;
const FOOTER_MARGIN = 5 * MM;
const DIAGONAL_OPACITY = 0.13;
/**
 * pdf-lib yields to the event loop every so many objects while parsing and writing, each time with a
 * setTimeout(0) (about 1 ms). Its defaults (100 and 50) made a 1200-page pack wait more than it
 * worked; every few thousand objects still lets other requests through.
 */
const OBJECTS_PER_TICK = 5000;

let fira: { regular: Buffer; bold: Buffer; sanitize: (text: string) => string } | undefined;
function fonts() {
  if (fira) return fira;
  const read = (name: string) => readFileSync(new URL(`./fonts/${name}.ttf`, import.meta.url));
  const regular = read('FiraSans-Regular');
  const bold = read('FiraSans-Bold');
  const [a, b] = [readCmapCoverage(regular), readCmapCoverage(bold)];
  fira = { regular, bold, sanitize: createTextSanitizer(new Set([...a].filter((cp) => b.has(cp)))) };
  return fira;
}

/** Runs a small pdfkit document to its bytes. */
function pdfkitBytes(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void) {
  const doc = new PDFKit({ ...options, info: { Producer: 'Härtefallverfahren NRW' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

const STAMP_SIZE = 12;
const STAMP_PAGE: [number, number] = [2000, STAMP_SIZE + 4];

/**
 * The parsed Fira Sans Bold of the first stamp, handed to every later one. pdfkit accepts a parsed
 * font (anything with `layout`) in place of the file; parsing and laying out with the file's tables
 * anew took about 150 ms per pack, more than merging a hundred documents.
 */
let stampFont: unknown;

/** The watermark as a one-line PDF page (wide enough for any line); `width` is the part the text takes. */
export async function stampPdf(text: string): Promise<{ pdf: Buffer; width: number }> {
  const { bold, sanitize } = fonts();
  const line = sanitize(text);
  let width = 0;
  const pdf = await pdfkitBytes({ size: STAMP_PAGE, margin: 0 }, (doc) => {
    doc.registerFont('stamp', (stampFont ?? bold) as Buffer);
    doc.font('stamp').fontSize(STAMP_SIZE).fillColor('#8b0000');
    stampFont ??= (doc as unknown as { _font?: { font?: unknown } })._font?.font;
    width = Math.min(STAMP_PAGE[0] - 4, doc.widthOfString(line));
    doc.text(line, 2, 2, { lineBreak: false });
  });
  return { pdf, width: Math.ceil(width) + 4 };
}

/** A page saying that a part could not be put in (its title and the caller's explanation). */
function notice(title: string, text: string): Promise<Buffer> {
  const { regular, bold, sanitize } = fonts();
  return pdfkitBytes({ size: A4, margin: 25 * MM }, (doc) => {
    doc.registerFont('r', regular);
    doc.registerFont('b', bold);
    doc.font('b').fontSize(14).text(sanitize(title));
    doc.moveDown();
    doc.font('r').fontSize(11).text(sanitize(text));
  });
}

/** Only the characters Helvetica (WinAnsi) can draw; the others become '?'. */
const winAnsi = (text: string) => text.replace(/[^\u0020-\u007e\u00a0-\u00ff–]/g, '?');

interface OutlineNode {
  title: string;
  page: PDFRef;
  children: OutlineNode[];
}

/** Appends the pages of one part; answers the first of them (or null when it has none). */
async function appendPart(out: PDFDocument, part: SessionPackPart, unreadable: string): Promise<PDFPage> {
  const bytes = await part.load().catch(() => null);
  const first = bytes ? await appendBytes(out, bytes, part.contentType).catch(() => null) : null;
  if (first) return first;
  const fallback = await appendBytes(out, await notice(part.title, unreadable), 'application/pdf');
  if (!fallback) throw new Error('notice page missing');
  return fallback;
}

async function appendBytes(out: PDFDocument, bytes: Buffer, contentType: string): Promise<PDFPage | null> {
  if (contentType === 'application/pdf') {
    const source = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: OBJECTS_PER_TICK });
    const pages = await out.copyPages(source, source.getPageIndices());
    for (const page of pages) out.addPage(page);
    return pages[0] ?? null;
  }
  if (contentType === 'image/jpeg' || contentType === 'image/png') {
    const image = contentType === 'image/jpeg' ? await out.embedJpg(bytes) : await out.embedPng(bytes);
    const landscape = image.width > image.height;
    const [w, h] = landscape ? [A4[1], A4[0]] : A4;
    const margin = 10 * MM;
    const scale = Math.min((w - 2 * margin) / image.width, (h - 2 * margin) / image.height);
    const page = out.addPage([w, h]);
    const [iw, ih] = [image.width * scale, image.height * scale];
    page.drawImage(image, { x: (w - iw) / 2, y: (h - ih) / 2, width: iw, height: ih });
    return page;
  }
  return null;
}

/** Where a point of the page as shown (rotation applied) lies in the page's own coordinates. */
function viewOf(page: PDFPage) {
  const box = page.getCropBox();
  const r = (((page.getRotation().angle ?? 0) % 360) + 360) % 360;
  const turned = r === 90 || r === 270;
  const width = turned ? box.height : box.width;
  const height = turned ? box.width : box.height;
  const at = (vx: number, vy: number): { x: number; y: number } => {
    if (r === 90) return { x: box.x + box.width - vy, y: box.y + vx };
    if (r === 180) return { x: box.x + box.width - vx, y: box.y + box.height - vy };
    if (r === 270) return { x: box.x + vy, y: box.y + box.height - vx };
    return { x: box.x + vx, y: box.y + vy };
  };
  return { width, height, rotation: r, at };
}

/** The names under which every page's resources know the watermark (unlikely to clash with a page's own). */
const NAMES = {
  stamp: PDFName.of('HfkWmStamp'),
  faint: PDFName.of('HfkWmFaint'),
  font: PDFName.of('HfkWmFont'),
};

/**
 * Draws the watermark on every page. Pages of the same size, crop box and rotation share one content
 * stream (footer stamp and the faint one across); each page adds only its resource names and a tiny
 * unencoded stream with its page number. So 1200 pages cost a handful of objects, not thousands.
 */
function watermarkPages(
  out: PDFDocument,
  stamp: PDFEmbeddedPage,
  font: PDFFont,
  label: (n: number, total: number) => string,
  diagonal: boolean,
) {
  const context = out.context;
  const faint = context.register(
    context.obj({ Type: 'ExtGState', ca: DIAGONAL_OPACITY, CA: DIAGONAL_OPACITY }),
  );
  const shared = new Map<string, PDFRef>();
  const pages = out.getPages();
  pages.forEach((page, i) => {
    const view = viewOf(page);
    const box = page.getCropBox();
    const key = [box.x, box.y, box.width, box.height, view.rotation].join(' ');
    let common = shared.get(key);
    if (!common) {
      const room = view.width - 2 * FOOTER_MARGIN - 40 * MM;
      const footScale = Math.min(FOOTER_HEIGHT / stamp.height, Math.max(room, 20) / stamp.width);
      const ops = drawPage(NAMES.stamp, {
        ...view.at(FOOTER_MARGIN, FOOTER_MARGIN - 2),
        xScale: (stamp.width * footScale) / stamp.width,
        yScale: (stamp.height * footScale) / stamp.height,
        rotate: degrees(view.rotation),
        xSkew: degrees(0),
        ySkew: degrees(0),
      });
      if (diagonal) {
        // Across the page, corner to corner, faint.
        const angle = Math.atan2(view.height, view.width);
        const length = Math.hypot(view.width, view.height) * 0.7;
        const height = (stamp.height * length) / stamp.width;
        const [cx, cy] = [view.width / 2, view.height / 2];
        const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
        ops.push(
          ...drawPage(NAMES.stamp, {
            ...view.at(
              cx - (length / 2) * cos + (height / 2) * sin,
              cy - (length / 2) * sin - (height / 2) * cos,
            ),
            xScale: length / stamp.width,
            yScale: height / stamp.height,
            rotate: degrees(view.rotation + (angle * 180) / Math.PI),
            xSkew: degrees(0),
            ySkew: degrees(0),
            graphicsState: NAMES.faint,
          }),
        );
      }
      common = context.register(context.contentStream(ops));
      shared.set(key, common);
    }
    const text = winAnsi(label(i + 1, pages.length));
    const size = 7;
    const numberOps = drawText(font.encodeText(text), {
      ...view.at(view.width - FOOTER_MARGIN - font.widthOfTextAtSize(text, size), FOOTER_MARGIN),
      size,
      font: NAMES.font,
      color: rgb(0.3, 0.3, 0.3),
      rotate: degrees(view.rotation),
      xSkew: degrees(0),
      ySkew: degrees(0),
    });
    // normalize() gives the page its own resource dictionaries and wraps its content in q … Q, so
    // whatever state the page's content leaves behind does not move the watermark.
    page.node.normalize();
    page.node.setXObject(NAMES.stamp, stamp.ref);
    page.node.setExtGState(NAMES.faint, faint);
    page.node.setFontDictionary(NAMES.font, font.ref);
    page.node.addContentStream(common);
    page.node.addContentStream(context.register(PDFContentStream.of(context.obj({}), numberOps, false)));
  });
}

/** The outline (bookmarks) from low-level objects: every item open, pointing at its first page. */
function writeOutline(out: PDFDocument, nodes: readonly OutlineNode[]) {
  const context = out.context;
  const rootRef = context.nextRef();
  const visible = (list: readonly OutlineNode[]): number =>
    list.reduce((n, node) => n + 1 + visible(node.children), 0);
  const level = (list: readonly OutlineNode[], parent: PDFRef) => {
    const refs = list.map(() => context.nextRef());
    list.forEach((node, i) => {
      const ref = refs[i] as PDFRef;
      const item: PDFDict = context.obj({
        Title: PDFHexString.fromText(node.title),
        Parent: parent,
        Dest: [node.page, PDFName.of('Fit')],
      });
      const prev = refs[i - 1];
      const next = refs[i + 1];
      if (prev) item.set(PDFName.of('Prev'), prev);
      if (next) item.set(PDFName.of('Next'), next);
      if (node.children.length > 0) {
        const [first, last] = level(node.children, ref);
        item.set(PDFName.of('First'), first);
        item.set(PDFName.of('Last'), last);
        item.set(PDFName.of('Count'), context.obj(visible(node.children)));
      }
      context.assign(ref, item);
    });
    return [refs[0] as PDFRef, refs[refs.length - 1] as PDFRef] as const;
  };
  if (nodes.length === 0) return;
  const [first, last] = level(nodes, rootRef);
  context.assign(rootRef, context.obj({ Type: 'Outlines', First: first, Last: last, Count: visible(nodes) }));
  out.catalog.set(PDFName.of('Outlines'), rootRef);
  out.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

export async function buildSessionPack(input: SessionPackInput): Promise<Buffer> {
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setTitle(input.title);
  out.setSubject(input.subject);
  out.setCreator('Digitales Härtefallverfahren NRW');
  out.setProducer('pdf-lib');
  out.setCreationDate(input.createdAt);
  out.setModificationDate(input.createdAt);

  const outline: OutlineNode[] = [];
  for (const section of input.sections) {
    const children: OutlineNode[] = [];
    for (const part of section.parts) {
      const first = await appendPart(out, part, input.texts.unreadable);
      children.push({ title: part.title, page: first.ref, children: [] });
    }
    const first = children[0];
    if (!first) continue;
    // The cover is one bookmark; a case has one per part beneath its own.
    outline.push({ title: section.title, page: first.page, children: section.nested ? children : [] });
  }

  const stampSource = await stampPdf(input.watermark);
  const [stampPage] = (await PDFDocument.load(stampSource.pdf)).getPages();
  if (!stampPage) throw new Error('watermark missing');
  // Only the part of the wide page that the text takes.
  const stamp = await out.embedPage(stampPage, {
    left: 0,
    bottom: 0,
    right: stampSource.width,
    top: STAMP_PAGE[1],
  });
  const font = await out.embedFont(StandardFonts.Helvetica);
  watermarkPages(
    out,
    stamp,
    font,
    (n, total) => input.texts.page.replace('{n}', String(n)).replace('{total}', String(total)),
    input.diagonal !== false,
  );
  writeOutline(out, outline);
  // Object streams make the file smaller but cost time; the pack is read once and expires.
  return Buffer.from(
    await out.save({
      useObjectStreams: false,
      addDefaultPage: false,
      updateFieldAppearances: false,
      objectsPerTick: OBJECTS_PER_TICK,
    }),
  );
}

export const sessionPackBuilder: SessionPackBuilder = { build: buildSessionPack };
