/**
 * Decides whether an uploaded file may become evidence in a case, from its content alone: the
 * declared name and the browser's content type are chosen by whoever uploads and prove nothing.
 * Accepted images come back re-encoded without metadata; accepted PDFs stay byte-identical (a
 * signed or certified document must remain verifiable) and are flagged when they carry active
 * content.
 */
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { safeFileName } from '../../domain/evidence/file-name.ts';
import { type ImageFormat, normaliseImage } from './image.ts';
import { createPdfScanner } from './pdf-active-content.ts';

const MiB = 1024 * 1024;

export interface UploadLimits {
  /** Largest accepted file, in bytes; scans of long documents are PDFs, hence the larger limit. */
  maxBytes: number;
  /** Largest accepted image file, in bytes. */
  maxImageBytes: number;
  /** Largest accepted image, in pixels (width × height). */
  maxPixels: number;
}

export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxBytes: 50 * MiB,
  maxImageBytes: 25 * MiB,
  maxPixels: 50_000_000,
});

export type RefusalCode =
  | 'too_large'
  | 'empty'
  | 'type_not_allowed'
  | 'archive'
  | 'executable'
  | 'damaged'
  | 'encrypted_pdf'
  | 'too_many_pixels';

/** `pdf_active_content`: accepted, but staff see a warning and previews are rendered images only. */
export type InspectionFlag = 'pdf_active_content';

export type InspectionResult =
  | {
      ok: true;
      kind: 'pdf' | 'image';
      contentType: string;
      extension: string;
      safeName: string;
      /** The bytes to store instead of the upload; null = keep the original bytes. */
      normalised: Buffer | null;
      flags: InspectionFlag[];
      /** Bytes of what is to be stored: the normalised image, or the PDF as read. */
      size: number;
    }
  | { ok: false; code: RefusalCode; message: string };

export interface UploadToInspect {
  /** A fresh plaintext stream of the upload; may be called more than once. */
  open: () => Readable | Promise<Readable>;
  /** Declared size in bytes; over-size is refused before the content is read. */
  size: number;
  declaredName: string;
  limits?: Partial<UploadLimits>;
}

const ALLOWED_FORMATS = 'PDF, JPEG, PNG, HEIC, WebP oder TIFF';

/** Every text an applicant can see from this module, in one place. */
export const SCAN_MESSAGES = {
  tooLarge: (megabytes: string) =>
    `Die Datei ist größer als ${megabytes} MB. Bitte verkleinern Sie die Datei (zum Beispiel mit geringerer Auflösung scannen) oder teilen Sie das Dokument auf mehrere Dateien auf.`,
  empty: 'Die Datei ist leer. Bitte wählen Sie die Datei noch einmal aus und laden Sie sie erneut hoch.',
  typeNotAllowed: `Diese Art von Datei können wir nicht annehmen. Bitte laden Sie Dokumente als ${ALLOWED_FORMATS} hoch.`,
  archive:
    'Archive (zum Beispiel ZIP-Dateien) können wir nicht annehmen. Bitte entpacken Sie das Archiv und laden Sie die Dokumente einzeln als PDF oder Foto hoch.',
  office:
    'Office-Dokumente (zum Beispiel aus Word oder Excel) können wir nicht annehmen. Bitte speichern Sie das Dokument als PDF („Speichern unter“ → PDF) und laden Sie die PDF-Datei hoch.',
  executable: `Programme und ausführbare Dateien können wir nicht annehmen. Bitte laden Sie nur Dokumente als ${ALLOWED_FORMATS} hoch.`,
  damagedImage:
    'Das Bild ist beschädigt oder unvollständig und lässt sich nicht öffnen. Bitte fotografieren oder scannen Sie das Dokument noch einmal und laden Sie das neue Bild hoch.',
  damagedPdf:
    'Die PDF-Datei ist beschädigt oder unvollständig. Bitte speichern oder scannen Sie das Dokument noch einmal als PDF und laden Sie die neue Datei hoch.',
  encryptedPdf:
    'Die PDF-Datei ist mit einem Kennwort oder Kopierschutz versehen, deshalb können wir sie nicht verwenden. Bitte laden Sie eine ungeschützte Kopie hoch (zum Beispiel über „Drucken“ → „Als PDF speichern“).',
  tooManyPixels: (megapixels: string) =>
    `Das Bild hat mehr als ${megapixels} Megapixel. Bitte verkleinern Sie das Bild oder fotografieren Sie mit geringerer Auflösung und laden Sie es erneut hoch.`,
  multiPageImage:
    'Die Bilddatei enthält mehrere Seiten oder Bilder. Bitte laden Sie mehrseitige Scans als PDF hoch oder jede Seite als eigenes Bild.',
  heicNotSupported:
    'Dieses Foto im HEIC-Format können wir leider nicht öffnen. Bitte laden Sie es als JPEG hoch (auf dem iPhone: „Einstellungen“ → „Kamera“ → „Formate“ → „Maximale Kompatibilität“ wählen und das Dokument neu fotografieren).',
} as const;

// file-type needs at most this many bytes for every format it knows.
const SNIFF_BYTES = 4100;

const IMAGE_FORMATS: Readonly<Record<string, ImageFormat>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  // An animated PNG's default image is an ordinary PNG; viewers without APNG support show just that.
  'image/apng': 'png',
  'image/heic': 'heif',
  'image/heic-sequence': 'heif',
  'image/heif': 'heif',
  'image/heif-sequence': 'heif',
  // AVIF is HEIF with AV1, which newer Android phones write.
  'image/avif': 'heif',
  'image/webp': 'webp',
  'image/tiff': 'tiff',
};

const ARCHIVES = new Set(
  ['zip', 'tar', 'tar.gz', 'rar', 'gz', 'bz2', '7z', 'xz', 'zst', 'lz', 'lz4', 'lzh', 'Z'].concat([
    'cab',
    'deb',
    'rpm',
    'ar',
    'cpio',
    'arj',
    'ace',
    'dmg',
    'asar',
  ]),
);
const OFFICE_IN_ZIP = new Set(
  ['docx', 'docm', 'dotx', 'dotm', 'xlsx', 'xlsm', 'xltx', 'xltm', 'pptx', 'pptm', 'potx', 'potm'].concat([
    'ppsx',
    'ppsm',
    'vsdx',
    'odt',
    'ott',
    'ods',
    'ots',
    'odp',
    'otp',
    'odg',
    'otg',
    'epub',
  ]),
);
// Word 97–2003 (compound file) and RTF are no archives, but the remedy is the same: save as PDF.
const OFFICE_OTHER = new Set(['cfb', 'rtf']);
const EXECUTABLES = new Set([
  'exe',
  'elf',
  'macho',
  'class',
  'wasm',
  'swf',
  'jar',
  'apk',
  'crx',
  'xpi',
  'lnk',
  'reg',
  'chm',
]);

type Refusal = Extract<InspectionResult, { ok: false }>;
type Detected =
  | { kind: 'pdf' }
  | { kind: 'image'; format: ImageFormat }
  | { kind: 'refused'; refusal: Refusal };

const refuse = (code: RefusalCode, message: string): Refusal => ({ ok: false, code, message });

const megabytes = (bytes: number) =>
  new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(bytes / MiB);
const megapixels = (pixels: number) =>
  new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(pixels / 1_000_000);

const tooLarge = (limit: number) => refuse('too_large', SCAN_MESSAGES.tooLarge(megabytes(limit)));

async function detect(head: Buffer): Promise<Detected> {
  let type: Awaited<ReturnType<typeof fileTypeFromBuffer>>;
  try {
    type = await fileTypeFromBuffer(head);
  } catch {
    type = undefined;
  }
  if (!type) {
    // No magic number: text (HTML, SVG, XML, scripts) or something unknown. Shell scripts are
    // named for what they are, everything else is simply not a permitted format.
    if (head.subarray(0, 2).toString('latin1') === '#!') {
      return { kind: 'refused', refusal: refuse('executable', SCAN_MESSAGES.executable) };
    }
    return { kind: 'refused', refusal: refuse('type_not_allowed', SCAN_MESSAGES.typeNotAllowed) };
  }
  if (type.mime === 'application/pdf') return { kind: 'pdf' };
  const format = IMAGE_FORMATS[type.mime];
  if (format) return { kind: 'image', format };
  if (EXECUTABLES.has(type.ext))
    return { kind: 'refused', refusal: refuse('executable', SCAN_MESSAGES.executable) };
  if (OFFICE_IN_ZIP.has(type.ext))
    return { kind: 'refused', refusal: refuse('archive', SCAN_MESSAGES.office) };
  if (ARCHIVES.has(type.ext)) return { kind: 'refused', refusal: refuse('archive', SCAN_MESSAGES.archive) };
  if (OFFICE_OTHER.has(type.ext)) {
    return { kind: 'refused', refusal: refuse('type_not_allowed', SCAN_MESSAGES.office) };
  }
  return { kind: 'refused', refusal: refuse('type_not_allowed', SCAN_MESSAGES.typeNotAllowed) };
}

interface ChunkSource {
  next(): Promise<Buffer | null>;
}

function chunksOf(stream: Readable): ChunkSource {
  const iterator: AsyncIterator<unknown> = stream[Symbol.asyncIterator]();
  return {
    async next() {
      const { done, value } = await iterator.next();
      if (done) return null;
      return Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array | string);
    },
  };
}

async function readHead(source: ChunkSource): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < SNIFF_BYTES) {
    const chunk = await source.next();
    if (!chunk) break;
    chunks.push(chunk);
    length += chunk.length;
  }
  return Buffer.concat(chunks, length);
}

async function inspectPdf(
  head: Buffer,
  source: ChunkSource,
  limit: number,
  declaredName: string,
): Promise<InspectionResult> {
  const scanner = createPdfScanner();
  scanner.push(head);
  let total = head.length;
  for (let chunk = await source.next(); chunk; chunk = await source.next()) {
    total += chunk.length;
    // The declared size may be wrong; what counts is what arrives.
    if (total > limit) return tooLarge(limit);
    scanner.push(chunk);
  }
  const scan = scanner.finish();
  if (!scan.hasHeader) return refuse('damaged', SCAN_MESSAGES.damagedPdf);
  if (scan.encrypted) return refuse('encrypted_pdf', SCAN_MESSAGES.encryptedPdf);
  if (!scan.hasEof) return refuse('damaged', SCAN_MESSAGES.damagedPdf);
  // What could not be checked is treated like what was found: the warning costs less than a miss.
  const active = scan.activeContent.length > 0 || scan.unverifiable;
  return {
    ok: true,
    kind: 'pdf',
    contentType: 'application/pdf',
    extension: 'pdf',
    safeName: safeFileName(declaredName, 'pdf'),
    normalised: null,
    flags: active ? ['pdf_active_content'] : [],
    size: total,
  };
}

async function inspectImage(
  head: Buffer,
  source: ChunkSource,
  format: ImageFormat,
  limits: UploadLimits,
  declaredName: string,
): Promise<InspectionResult> {
  const chunks = [head];
  let total = head.length;
  for (let chunk = await source.next(); chunk; chunk = await source.next()) {
    total += chunk.length;
    if (total > limits.maxImageBytes) return tooLarge(limits.maxImageBytes);
    chunks.push(chunk);
  }
  const image = await normaliseImage(Buffer.concat(chunks, total), format, limits.maxPixels);
  if (!image.ok) {
    switch (image.reason) {
      case 'too_many_pixels':
        return refuse('too_many_pixels', SCAN_MESSAGES.tooManyPixels(megapixels(limits.maxPixels)));
      case 'multi_page':
        return refuse('type_not_allowed', SCAN_MESSAGES.multiPageImage);
      case 'heic_not_supported':
        return refuse('type_not_allowed', SCAN_MESSAGES.heicNotSupported);
      case 'damaged':
        return refuse('damaged', SCAN_MESSAGES.damagedImage);
    }
  }
  return {
    ok: true,
    kind: 'image',
    contentType: image.contentType,
    extension: image.extension,
    safeName: safeFileName(declaredName, image.extension),
    normalised: image.data,
    flags: [],
    size: image.data.length,
  };
}

function withDefaults(limits: Partial<UploadLimits> | undefined): UploadLimits {
  const out = { ...DEFAULT_UPLOAD_LIMITS };
  for (const key of ['maxBytes', 'maxImageBytes', 'maxPixels'] as const) {
    const value = limits?.[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * Reads the upload once: the first bytes decide the type (and, with the declared size, whether it
 * is too large, before anything more is read); then a PDF is scanned as it streams past and an
 * image is read whole (at most `maxImageBytes`) to be re-encoded. Stream errors are thrown: a store
 * that cannot be read is no fault of the applicant's file.
 */
export async function inspectUpload(input: UploadToInspect): Promise<InspectionResult> {
  const limits = withDefaults(input.limits);
  if (input.size === 0) return refuse('empty', SCAN_MESSAGES.empty);
  const largest = Math.max(limits.maxBytes, limits.maxImageBytes);
  // Too large for any type: nothing needs to be read (or decrypted) to know.
  if (input.size > largest) return tooLarge(largest);
  const stream = await input.open();
  try {
    const source = chunksOf(stream);
    const head = await readHead(source);
    if (head.length === 0) return refuse('empty', SCAN_MESSAGES.empty);
    const detected = await detect(head.subarray(0, SNIFF_BYTES));
    if (detected.kind === 'refused') return detected.refusal;
    const limit = detected.kind === 'pdf' ? limits.maxBytes : limits.maxImageBytes;
    if (input.size > limit || head.length > limit) return tooLarge(limit);
    return detected.kind === 'pdf'
      ? await inspectPdf(head, source, limit, input.declaredName)
      : await inspectImage(head, source, detected.format, limits, input.declaredName);
  } finally {
    stream.destroy();
  }
}
