/**
 * Test-only fixtures, generated in code so that every byte a test relies on is visible here:
 * images from sharp, PDFs from pdfkit or written by hand, archives and executables as the few
 * header bytes that identify them.
 */
import { Readable } from 'node:stream';
import { deflateSync, gzipSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

/** A stream that hands out `data` in chunks of `chunkSize` bytes (or at the given cut points). */
export function streamOf(data: Buffer, chunkSize = 64 * 1024): Readable {
  const chunks: Buffer[] = [];
  for (let at = 0; at < data.length; at += chunkSize) chunks.push(data.subarray(at, at + chunkSize));
  return Readable.from(chunks, { objectMode: false });
}

export function streamCutAt(data: Buffer, cuts: number[]): Readable {
  const points = [0, ...cuts, data.length];
  const chunks = points.slice(1).map((end, i) => data.subarray(points[i], end));
  return Readable.from(chunks, { objectMode: false });
}

/**
 * An upload that starts with `head` and then produces filler far beyond any limit, counting what
 * the consumer actually pulled. It does end (at `total` bytes) so that a broken limit fails the
 * test instead of hanging it.
 */
export function endlessSource(head: Buffer, chunkSize = 64 * 1024, total = 256 * 1024 * 1024) {
  const stats: { opened: number; bytesRead: number; stream?: Readable } = { opened: 0, bytesRead: 0 };
  const open = () => {
    stats.opened++;
    let sent = 0;
    const stream = new Readable({
      highWaterMark: chunkSize,
      read() {
        if (sent >= total) {
          this.push(null);
          return;
        }
        const filler = Buffer.alloc(chunkSize, 0x20);
        const chunk =
          sent === 0 ? Buffer.concat([head, filler]).subarray(0, Math.max(chunkSize, head.length)) : filler;
        sent += chunk.length;
        stats.bytesRead = sent;
        this.push(chunk);
      },
    });
    stats.stream = stream;
    return stream;
  };
  return { open, stats };
}

// ---- images ------------------------------------------------------------------------------------

const blue = (width = 40, height = 20) =>
  sharp({ create: { width, height, channels: 3, background: '#3366cc' } });

export const GPS_LATITUDE = '51/1 13/1 3000/100';
/** The GPS latitude above as it sits in little-endian EXIF (libexif writes Intel byte order). */
export const GPS_LATITUDE_BYTES = Buffer.from('33000000010000000d00000001000000b80b000064000000', 'hex');
export const SECRET_XMP_NAME = 'Geheimer Fotograf';

/** 40 × 20 pixels, EXIF orientation 6 (so 20 × 40 once applied), GPS position, XMP and a P3 profile. */
export async function phoneJpeg(): Promise<Buffer> {
  return blue()
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'TestPhone', Model: 'Geheimes Modell' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: GPS_LATITUDE,
        GPSLongitudeRef: 'E',
        GPSLongitude: '6/1 46/1 0/1',
      },
    })
    .withXmp(
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${SECRET_XMP_NAME}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
    )
    .withIccProfile('p3')
    .toBuffer();
}

export const pngWithExif = () =>
  sharp({ create: { width: 12, height: 10, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } })
    .png()
    .withExif({ IFD0: { Make: 'TestPhone' } })
    .toBuffer();
export const webp = () =>
  blue()
    .webp()
    .withExif({ IFD0: { Make: 'TestPhone' } })
    .toBuffer();
export const tiff = () => blue().tiff().toBuffer();
export const avif = () => blue().heif({ compression: 'av1', quality: 50 }).toBuffer();

export async function multiPageTiff(): Promise<Buffer> {
  const page = await blue().png().toBuffer();
  return sharp([page, page], { join: { animated: true } })
    .tiff()
    .toBuffer();
}

/**
 * HEIF with AV1 content (what sharp can write) labelled with another major brand: `mif1` is plain
 * HEIF (image/heif), `heic` is what iPhones write (image/heic).
 */
export async function heifBranded(brand: 'mif1' | 'heic'): Promise<Buffer> {
  const file = Buffer.from(await avif());
  file.write(brand, 8, 'latin1');
  return file;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const box = (type: string, ...parts: Buffer[]) => {
  const payload = Buffer.concat(parts);
  return Buffer.concat([u32(payload.length + 8), Buffer.from(type, 'latin1'), payload]);
};
const fullBox = (type: string, version: number, ...parts: Buffer[]) =>
  box(type, Buffer.from([version, 0, 0, 0]), ...parts);

/**
 * A structurally valid HEIC whose one image is HEVC coded, like an iPhone photo (ISO/IEC 23008-12
 * boxes; the HEVC payload itself is a stub). Decoders without an HEVC plugin refuse it by codec.
 */
export function hevcHeic(): Buffer {
  const ftyp = box('ftyp', Buffer.from('heic', 'latin1'), u32(0), Buffer.from('mif1heic', 'latin1'));
  const hdlr = fullBox('hdlr', 0, u32(0), Buffer.from('pict', 'latin1'), Buffer.alloc(12), Buffer.from([0]));
  const pitm = fullBox('pitm', 0, u16(1));
  const infe = fullBox('infe', 2, u16(1), u16(0), Buffer.from('hvc1', 'latin1'), Buffer.from([0]));
  const iinf = fullBox('iinf', 0, u16(1), infe);
  const hvcC = box(
    'hvcC',
    Buffer.from([
      1, 1, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 90, 0xf0, 0, 0xfc, 0xfd, 0xf8, 0xf8, 0, 0, 0x0f, 0,
    ]),
  );
  const ispe = fullBox('ispe', 0, u32(32), u32(24));
  const ipma = fullBox('ipma', 0, u32(1), u16(1), Buffer.from([2, 0x81, 0x02]));
  const iprp = box('iprp', box('ipco', hvcC, ispe), ipma);
  const payload = Buffer.from([0, 0, 0, 4, 0x26, 1, 0xaf, 0x13]);
  const iloc = (offset: number) =>
    fullBox(
      'iloc',
      0,
      Buffer.from([0x44, 0x00]),
      u16(1),
      u16(1),
      u16(0),
      u16(1),
      u32(offset),
      u32(payload.length),
    );
  const meta = (offset: number) => fullBox('meta', 0, hdlr, pitm, iloc(offset), iinf, iprp);
  const offset = ftyp.length + meta(0).length + 8;
  return Buffer.concat([ftyp, meta(offset), box('mdat', payload)]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A PNG whose header claims `width` × `height` pixels, with almost no data behind it. */
export function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    return Buffer.concat([u32(data.length), typed, u32(crc32(typed))]);
  };
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(64))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- PDFs --------------------------------------------------------------------------------------

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** An ordinary letter of several pages, with a photo in it (binary stream data). */
export async function pdfkitLetter(options: PDFKit.PDFDocumentOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Bescheid' }, ...options });
  const photo = await sharp({
    create: {
      width: 300,
      height: 200,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .jpeg()
    .toBuffer();
  for (let page = 0; page < 3; page++) {
    if (page > 0) doc.addPage();
    doc.fontSize(12).text(`Sehr geehrte Damen und Herren, Seite ${page + 1}. Äußerst wichtige Unterlagen.`);
    doc.image(photo, 72, 200, { width: 300 });
  }
  return collect(doc);
}

/** A PDF written by hand, with a correct cross-reference table; `objects[i]` is object i + 1. */
export function handMadePdf(objects: string[], trailerExtra = ''): Buffer {
  let body = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const PAGES = [
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
];

/** A one-page PDF whose catalog gets `catalogExtra`, followed by `more` objects (4, 5, …). */
export function pdfWithCatalog(catalogExtra: string, more: string[] = []): Buffer {
  return handMadePdf([`<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`, ...PAGES, ...more]);
}

/** A stream object; the data is written as given (binary as latin1). */
export function streamObject(dictionary: string, data: Buffer): string {
  return `<< ${dictionary} /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;
}

/**
 * A PDF 1.5 whose catalog (with `catalogExtra`) sits compressed in an object stream, as qpdf,
 * Word and most modern writers produce it: none of its names appear in the file's raw bytes.
 */
export function objectStreamPdf(catalogExtra: string, corrupt = false): Buffer {
  const catalog = `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`;
  const header = '1 0 ';
  const plain = Buffer.from(`${header}${catalog}`, 'latin1');
  let data = deflateSync(plain);
  if (corrupt) data = Buffer.concat([data.subarray(0, 2), Buffer.alloc(data.length - 2, 0xff)]);
  return handMadePdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      ...PAGES,
      streamObject(`/Type /ObjStm /N 1 /First ${header.length} /Filter /FlateDecode`, data),
    ],
    '',
  );
}

// ---- archives, executables, text ----------------------------------------------------------------

/** A ZIP with stored (uncompressed) entries. */
export function zipOf(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The parts that make a ZIP a Word document. */
export function docxLike(): Buffer {
  const types =
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  return zipOf([
    { name: '[Content_Types].xml', data: Buffer.from(types) },
    { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
  ]);
}

export const gzip = () => gzipSync(Buffer.from('Lebenslauf '.repeat(100)));

/** One-file POSIX tar. */
export function tarOf(name: string, data: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\x0000', 257, 'latin1');
  const sum = header.reduce((acc, byte) => acc + byte, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(padded);
  return Buffer.concat([header, padded, Buffer.alloc(1024)]);
}

export const sevenZip = () =>
  Buffer.concat([Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), Buffer.alloc(200, 1)]);
export const rar = () => Buffer.concat([Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'), Buffer.alloc(200, 1)]);

/** The start of a Windows program: MZ header pointing to a PE signature for x86-64. */
export function peExecutable(): Buffer {
  const file = Buffer.alloc(1024);
  file.write('MZ', 0, 'latin1');
  file.writeUInt32LE(0x80, 0x3c);
  file.write('PE\0\0', 0x80, 'latin1');
  file.writeUInt16LE(0x8664, 0x84);
  file.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  return file;
}

/** The start of a 64-bit Linux executable. */
export function elfExecutable(): Buffer {
  const file = Buffer.alloc(1024);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(file);
  file.writeUInt16LE(2, 16);
  file.writeUInt16LE(0x3e, 18);
  return file;
}

export const html = () =>
  Buffer.from(
    '<!DOCTYPE html>\n<html><body><script>fetch("/api/cases").then(r=>r.text())</script></body></html>\n',
  );
export const svg = () =>
  Buffer.from(
    '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(document.cookie)</script></svg>\n',
  );
export const bareSvg = () =>
  Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>\n');
