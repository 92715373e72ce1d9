/**
 * Finds active content in a PDF without rendering or fully parsing it, one chunk at a time, so
 * that a 50 MB upload never sits in memory. The PDF itself is kept byte for byte; this only decides
 * whether staff get a warning and previews are limited to rendered images.
 *
 * What a reader acts on are PDF names (`/OpenAction`, `/S /JavaScript` …), so the scanner looks at
 * name tokens, decoded (`/J#61vaScript` is `/JavaScript`) and compared whole (`/AAPL:Keywords` from
 * macOS is not `/AA`). Object streams (PDF 1.5) hide whole objects, the catalog included, inside
 * Flate data; they are inflated and scanned as well, because otherwise `qpdf --object-streams` would
 * be enough to slip JavaScript past.
 */
import { constants, inflateSync } from 'node:zlib';

export interface PdfScanResult {
  /** `%PDF-` within the first 1024 bytes, where readers look for it. */
  hasHeader: boolean;
  /** `%%EOF` within the last 1024 bytes: a PDF cut off in transfer has none. */
  hasEof: boolean;
  /** An `/Encrypt` entry: the content cannot be read or checked without the password. */
  encrypted: boolean;
  /** Decoded names of active content found, sorted (`JavaScript`, `OpenAction` …). */
  activeContent: string[];
  /** An object stream could not be inflated or was too large: its objects are unchecked. */
  unverifiable: boolean;
  bytes: number;
}

export interface PdfScanner {
  push(chunk: Uint8Array): void;
  finish(): PdfScanResult;
}

const WHITESPACE = '\\x00\\t\\n\\f\\r ';
const DELIMITERS = '()<>\\[\\]{}/%';
const NAME = `/[^${WHITESPACE}${DELIMITERS}]*`;
const STRUCTURE_TOKENS = new RegExp(`${NAME}|stream(?:\\r\\n|\\n|\\r)?|endobj`, 'g');
const NAME_TOKENS = new RegExp(NAME, 'g');
const IS_WHITESPACE = new RegExp(`[${WHITESPACE}]`);

const ACTIVE = new Set([
  'JavaScript',
  'JS',
  'OpenAction',
  'AA',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'RichMedia',
  'XFA',
  'SubmitForm',
]);
// Inside stream data (images, fonts, page content) a three-letter name turns up by chance about
// once in 50 MB of compressed bytes; only names long enough not to occur at random count there.
const ACTIVE_IN_STREAM_DATA = new Set([...ACTIVE].filter((name) => name.length >= 6));

// The longest name worth decoding: every keyword fully hex-escaped is well below this.
const MAX_NAME = 256;
// Enough to hold a keyword cut off at the end of a chunk ("stream\r\n", "endstream").
const KEYWORD_CARRY = 9;
const ENDSTREAM = 'endstream';
const EDGE = 1024;
const MAX_OBJECT_STREAM = 32 * 1024 * 1024;
const MAX_INFLATED = 128 * 1024 * 1024;

function decodeName(token: string): string {
  return token
    .slice(1)
    .replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

function nextNonWhitespace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (!IS_WHITESPACE.test(text.charAt(i))) return i;
  return -1;
}

type Step = { pos: number; needMore: boolean };

class Scanner implements PdfScanner {
  #bytes = 0;
  #head = '';
  #tail = '';
  #mode: 'structure' | 'stream' | 'object-stream' = 'structure';
  #pending = '';
  #charBefore = ' ';
  #objectNames = new Set<string>();
  #objectStream: string[] = [];
  #objectStreamLength = 0;
  #found = new Set<string>();
  #encrypted = false;
  #unverifiable = false;

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    // latin1 maps every byte to one UTF-16 unit and back, so offsets and bytes stay aligned.
    const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    this.#bytes += chunk.byteLength;
    if (this.#head.length < EDGE) this.#head += text.slice(0, EDGE - this.#head.length);
    this.#tail = (this.#tail + text.slice(-EDGE)).slice(-EDGE);
    this.#pending += text;
    this.#run(false);
  }

  finish(): PdfScanResult {
    this.#run(true);
    if (this.#mode === 'object-stream') this.#inflateObjectStream();
    return {
      hasHeader: this.#head.includes('%PDF-'),
      hasEof: this.#tail.includes('%%EOF'),
      encrypted: this.#encrypted,
      activeContent: [...this.#found].sort(),
      unverifiable: this.#unverifiable,
      bytes: this.#bytes,
    };
  }

  #run(final: boolean): void {
    const text = this.#pending;
    let pos = 0;
    for (;;) {
      const step =
        this.#mode === 'structure'
          ? this.#structure(text, pos, final)
          : this.#mode === 'stream'
            ? this.#streamData(text, pos, final)
            : this.#objectStreamData(text, pos, final);
      pos = step.pos;
      if (step.needMore) break;
    }
    if (pos > 0) this.#charBefore = text.charAt(pos - 1);
    this.#pending = final ? '' : text.slice(pos);
  }

  /**
   * Handles one name and returns it decoded, or undefined when the decision needs text beyond the
   * end of this chunk. `/OpenAction [3 0 R /Fit]` (open at a page, as LibreOffice writes) is not
   * active content; `/OpenAction 4 0 R` or `<< … >>` is an action and is reported.
   */
  #name(token: string, text: string, end: number, final: boolean, active: Set<string>): string | undefined {
    if (token.length > MAX_NAME) return '';
    const name = decodeName(token);
    this.#objectNames.add(name);
    if (!active.has(name)) return name;
    if (name === 'OpenAction') {
      const next = nextNonWhitespace(text, end);
      if (next === -1 && !final) return undefined;
      if (next !== -1 && text.charAt(next) === '[') return name;
    }
    this.#found.add(name);
    return name;
  }

  #structure(text: string, from: number, final: boolean): Step {
    STRUCTURE_TOKENS.lastIndex = from;
    let consumed = from;
    for (let match = STRUCTURE_TOKENS.exec(text); match; match = STRUCTURE_TOKENS.exec(text)) {
      const token = match[0];
      const start = match.index;
      const end = start + token.length;
      // A token touching the end may continue in the next chunk ("/JavaSc" + "ript").
      if (!final && end === text.length && token.length <= MAX_NAME) return { pos: start, needMore: true };
      if (token.startsWith('/')) {
        const name = this.#name(token, text, end, final, ACTIVE);
        if (name === undefined) return { pos: start, needMore: true };
        if (name === 'Encrypt') this.#encrypted = true;
      } else if (token === 'endobj') {
        this.#objectNames.clear();
      } else if (token.length > 'stream'.length) {
        const before = start > 0 ? text.charAt(start - 1) : this.#charBefore;
        // "stream" only opens stream data right after a dictionary, not inside a word or string.
        if (before === '>' || IS_WHITESPACE.test(before)) {
          const names = this.#objectNames;
          const flate = names.has('FlateDecode') || names.has('Fl');
          this.#mode = names.has('ObjStm') && flate ? 'object-stream' : 'stream';
          this.#objectNames = new Set();
          this.#objectStream = [];
          this.#objectStreamLength = 0;
          return { pos: end, needMore: false };
        }
      }
      consumed = end;
    }
    return { pos: final ? text.length : Math.max(consumed, text.length - KEYWORD_CARRY), needMore: true };
  }

  #streamData(text: string, from: number, final: boolean): Step {
    const endAt = text.indexOf(ENDSTREAM, from);
    const limit = endAt === -1 ? text.length : endAt;
    const segment = text.slice(0, limit);
    const complete = final || endAt !== -1;
    NAME_TOKENS.lastIndex = from;
    let consumed = from;
    for (let match = NAME_TOKENS.exec(segment); match; match = NAME_TOKENS.exec(segment)) {
      const end = match.index + match[0].length;
      if (!complete && end === segment.length && match[0].length <= MAX_NAME) {
        return { pos: match.index, needMore: true };
      }
      this.#name(match[0], segment, end, true, ACTIVE_IN_STREAM_DATA);
      consumed = end;
    }
    if (endAt === -1) {
      return { pos: final ? text.length : Math.max(consumed, text.length - KEYWORD_CARRY), needMore: true };
    }
    this.#mode = 'structure';
    this.#objectNames.clear();
    return { pos: endAt + ENDSTREAM.length, needMore: false };
  }

  #objectStreamData(text: string, from: number, final: boolean): Step {
    const endAt = text.indexOf(ENDSTREAM, from);
    const upTo = endAt !== -1 ? endAt : final ? text.length : Math.max(from, text.length - KEYWORD_CARRY);
    this.#objectStream.push(text.slice(from, upTo));
    this.#objectStreamLength += upTo - from;
    if (this.#objectStreamLength > MAX_OBJECT_STREAM) {
      this.#unverifiable = true;
      this.#objectStream = [];
      this.#mode = 'stream';
      return { pos: upTo, needMore: false };
    }
    if (endAt === -1) return { pos: upTo, needMore: true };
    this.#inflateObjectStream();
    this.#mode = 'structure';
    this.#objectNames.clear();
    return { pos: endAt + ENDSTREAM.length, needMore: false };
  }

  #inflateObjectStream(): void {
    const compressed = Buffer.from(this.#objectStream.join(''), 'latin1');
    this.#objectStream = [];
    let objects: string;
    try {
      // Sync flush: a reader shows what it can of a truncated stream, so the scan must see it too.
      objects = inflateSync(compressed, {
        finishFlush: constants.Z_SYNC_FLUSH,
        maxOutputLength: MAX_INFLATED,
      }).toString('latin1');
    } catch {
      this.#unverifiable = true;
      return;
    }
    const saved = this.#objectNames;
    for (const match of objects.matchAll(NAME_TOKENS)) {
      this.#name(match[0], objects, match.index + match[0].length, true, ACTIVE);
    }
    this.#objectNames = saved;
  }
}

export function createPdfScanner(): PdfScanner {
  return new Scanner();
}

/** Scans a whole PDF from its chunks; the caller decides how much it is willing to read. */
export async function scanPdf(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<PdfScanResult> {
  const scanner = createPdfScanner();
  for await (const chunk of chunks) scanner.push(chunk);
  return scanner.finish();
}
