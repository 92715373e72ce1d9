/**
 * Test-only helpers: run Debian's poppler-utils and qpdf on a generated PDF. The tools are the
 * point of these tests (they see the file as a reader would), so nothing is mocked. A missing tool
 * skips the assertion locally with the reason, and fails under CI=true, where it must be installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';

const PACKAGE_OF: Record<string, string> = {
  pdftotext: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  qpdf: 'qpdf',
};

const availability = new Map<string, boolean>();

function installed(tool: string): boolean {
  let known = availability.get(tool);
  if (known === undefined) {
    const probe = spawnSync(tool, [tool === 'qpdf' ? '--version' : '-v'], { stdio: 'ignore' });
    known = probe.error === undefined;
    availability.set(tool, known);
  }
  return known;
}

/** True if the tool can run; otherwise skips the test (or throws under CI=true). */
export function haveTool(t: TestContext, tool: string): boolean {
  if (installed(tool)) return true;
  const reason = `${tool} fehlt (Debian-Paket ${PACKAGE_OF[tool] ?? tool}: apt-get install ${PACKAGE_OF[tool] ?? tool})`;
  if (process.env.CI === 'true') throw new Error(reason);
  t.skip(reason);
  return false;
}

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(tool: string, args: readonly string[]): ToolResult {
  const result = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function runOk(tool: string, args: readonly string[]): string {
  const result = run(tool, args);
  assert.equal(result.status, 0, `${tool} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** A temp folder for one suite; `cleanup` goes into `after()`. */
export function tempDir(prefix: string): {
  path: (name: string) => string;
  write: (name: string, data: Buffer) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    path: (name) => join(dir, name),
    write: (name, data) => {
      const file = join(dir, name);
      writeFileSync(file, data);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const pdfText = (file: string, page?: number): string =>
  runOk('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-enc', 'UTF-8', file, '-']);

/** Whitespace collapsed, so phrases that wrapped onto the next line still match. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ');

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
  unicode: boolean;
}

export function pdfFonts(file: string): FontRow[] {
  const lines = runOk('pdffonts', [file]).trimEnd().split('\n').slice(2);
  return lines.map((line) => {
    // name, type (may contain spaces), encoding, emb, sub, uni, object id, generation
    const match = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line);
    assert.ok(match, `unexpected pdffonts line: ${line}`);
    return {
      name: match[1] ?? '',
      type: match[2] ?? '',
      embedded: match[4] === 'yes',
      subset: match[5] === 'yes',
      unicode: match[6] === 'yes',
    };
  });
}

export function pdfInfo(file: string): Record<string, string> {
  const info: Record<string, string> = {};
  for (const line of runOk('pdfinfo', [file]).split('\n')) {
    const at = line.indexOf(':');
    if (at > 0) info[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return info;
}

/**
 * Everything these tests can verify of PDF/A-2a without veraPDF: Fira Sans embedded as subsets
 * with Unicode maps and no other font, tagged, title shown, XMP identification, structure clean.
 */
export function assertArchivalPdf(t: TestContext, file: string, title: string): void {
  if (haveTool(t, 'pdffonts')) {
    const fonts = pdfFonts(file);
    assert.ok(fonts.length > 0, 'no fonts found');
    for (const font of fonts) {
      assert.match(font.name, /^[A-Z]{6}\+FiraSans-(Regular|Bold|Italic)$/, `unexpected font ${font.name}`);
      assert.ok(font.embedded && font.subset && font.unicode, `${font.name}: emb/sub/uni must all be yes`);
    }
  }
  if (haveTool(t, 'pdfinfo')) {
    const info = pdfInfo(file);
    assert.equal(info.Tagged, 'yes');
    assert.equal(info.Title, title);
    assert.equal(info['PDF version'], '1.7');
    assert.equal(info.JavaScript, 'no');
    const xmp = runOk('pdfinfo', ['-meta', file]);
    assert.match(xmp, /<pdfaid:part>2<\/pdfaid:part>/);
    assert.match(xmp, /<pdfaid:conformance>A<\/pdfaid:conformance>/);
  }
  if (haveTool(t, 'qpdf')) {
    const check = run('qpdf', ['--check', file]);
    assert.equal(check.status, 0, `qpdf --check: ${check.stdout}${check.stderr}`);
    assert.match(check.stdout, /No syntax or stream encoding errors found/);
    assert.equal(check.stderr, '');
  }
}
