import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { contentDispositionAttachment, safeFileName } from './file-name.ts';

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

describe('safeFileName', () => {
  it('keeps only the last path segment', () => {
    assert.equal(safeFileName('../../etc/passwd', 'pdf'), 'passwd.pdf');
    assert.equal(safeFileName('C:\\x\\y.jpg', 'jpg'), 'y.jpg');
    assert.equal(safeFileName('..\\..\\Windows\\System32\\', 'pdf'), 'System32.pdf');
    assert.equal(safeFileName('/', 'pdf'), 'Dokument.pdf');
  });

  it('turns separator look-alikes that Windows maps to real separators into underscores', () => {
    const name = safeFileName('a\uFF0F..\uFF0Fb\uFF3Cc.pdf', 'pdf');
    assert.equal(name, 'a_.._b_c.pdf');
  });

  it('replaces the declared ending by the detected one without doubling it', () => {
    assert.equal(safeFileName('rechnung.pdf.exe', 'pdf'), 'rechnung.pdf');
    assert.equal(safeFileName('rechnung.PDF', 'pdf'), 'rechnung.pdf');
    assert.equal(safeFileName('Foto.JPEG', 'jpg'), 'Foto.jpg');
    assert.equal(safeFileName('IMG_0001.HEIC', 'jpg'), 'IMG_0001.jpg');
    assert.equal(safeFileName('scan.tiff', 'jpg'), 'scan.jpg');
    assert.equal(safeFileName('bild.exe', 'png'), 'bild.png');
    assert.equal(safeFileName('bericht', 'pdf'), 'bericht.pdf');
  });

  it('does not mistake dates and versions for endings', () => {
    assert.equal(safeFileName('Kontoauszug 03.2024', 'pdf'), 'Kontoauszug 03.2024.pdf');
    assert.equal(safeFileName('Kontoauszug 03.2024.pdf', 'pdf'), 'Kontoauszug 03.2024.pdf');
  });

  it('removes control characters and turns line breaks and tabs into spaces', () => {
    assert.equal(safeFileName('a\u0000b\nc\td\u007f\u009b.pdf', 'pdf'), 'ab c d.pdf');
    assert.equal(safeFileName('x\r\nContent-Type: text/html.pdf', 'pdf'), 'html.pdf');
  });

  it('removes bidi overrides, so that "…gpj.exe" cannot pose as a JPEG', () => {
    const name = safeFileName('Rechnung\u202Egpj.exe', 'pdf');
    assert.equal(name, 'Rechnunggpj.pdf');
    assert.equal(safeFileName('\u2067Bescheid\u2069\u200F.pdf', 'pdf'), 'Bescheid.pdf');
  });

  it('removes zero-width and other invisible characters', () => {
    assert.equal(safeFileName('Pa\u200Bss\u200C\u200D\u2060\uFEFF.pdf', 'pdf'), 'Pass.pdf');
    assert.equal(safeFileName('\u3164\u115F.pdf', 'pdf'), 'Dokument.pdf');
  });

  it('replaces characters Windows forbids', () => {
    assert.equal(safeFileName('a<b>c:d"e|f?g*h.pdf', 'pdf'), 'a_b_c_d_e_f_g_h.pdf');
  });

  it('defuses reserved Windows device names, with or without an ending', () => {
    assert.equal(safeFileName('CON.pdf', 'pdf'), '_CON.pdf');
    assert.equal(safeFileName('lpt1.txt', 'pdf'), '_lpt1.pdf');
    assert.equal(safeFileName('nul', 'pdf'), '_nul.pdf');
    assert.equal(safeFileName('aux.tar.gz', 'pdf'), '_aux.tar.pdf');
    assert.equal(safeFileName('Console.pdf', 'pdf'), 'Console.pdf');
  });

  it('removes leading dots and trailing dots and spaces', () => {
    assert.equal(safeFileName('...htaccess', 'pdf'), 'htaccess.pdf');
    assert.equal(safeFileName('.pdf', 'pdf'), 'Dokument.pdf');
    assert.equal(safeFileName('Bescheid. . .', 'pdf'), 'Bescheid.pdf');
  });

  it('normalises to NFC and keeps umlauts and Arabic letters', () => {
    assert.equal(safeFileName('Bescheid Mu\u0308ller.pdf', 'pdf'), 'Bescheid Müller.pdf');
    // A zero-width space between letter and mark blocks composition until it is removed.
    assert.equal(safeFileName('Mu\u200B\u0308ller.pdf', 'pdf'), 'Müller.pdf');
    assert.equal(safeFileName('عقد الإيجار.pdf', 'pdf'), 'عقد الإيجار.pdf');
    assert.equal(safeFileName('Ärztliches Attest – Öztürk.jpeg', 'jpg'), 'Ärztliches Attest – Öztürk.jpg');
  });

  it('caps the name at 120 characters and 240 bytes, keeping the ending', () => {
    const long = safeFileName(`${'a'.repeat(500)}.pdf`, 'pdf');
    assert.equal(long.length, 120);
    assert.ok(long.endsWith('aaa.pdf'));
    const arabic = safeFileName(`${'ع'.repeat(300)}.pdf`, 'pdf');
    assert.ok(arabic.length <= 120 && utf8Length(arabic) <= 240, arabic);
    assert.ok(arabic.endsWith('ع.pdf'));
    const emoji = safeFileName('📄'.repeat(200), 'pdf');
    assert.ok(utf8Length(emoji) <= 240 && !/\p{Cs}/u.test(emoji), emoji);
  });

  it('falls back to "Dokument" when nothing is left', () => {
    assert.equal(safeFileName('', 'pdf'), 'Dokument.pdf');
    assert.equal(safeFileName('\u202E\u200B\u0000', 'jpg'), 'Dokument.jpg');
    assert.equal(safeFileName(' . . ', 'png'), 'Dokument.png');
  });

  const nasty = fc.constantFrom(
    ...['/', '\\', '..', '.', ' ', '\u0000', '\u001f', '\u007f', '\u0085', '\u009b', '\n', '\r', '\t'],
    ...['\u202E', '\u2066', '\u2069', '\u200B', '\u200E', '\u200F', '\u061C', '\uFEFF', '\u2028'],
    ...[
      'CON',
      'lpt1',
      'nul',
      'ä',
      'u\u0308',
      '\u0308',
      'ع',
      '.pdf',
      '.exe',
      '.jpg',
      '\uD800',
      '\uDC00',
      '\uFF0F',
    ],
    ...['a', ':', '*', '"', '😀', '\u3164'],
  );
  const names = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.array(nasty, { maxLength: 60 }).map((parts) => parts.join('')),
    fc
      .array(fc.oneof(nasty, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 80 })
      .map((p) => p.join('')),
  );
  const extensions = fc.constantFrom('pdf', 'jpg', 'png');

  it('never returns a separator, control or bidi character, and is never empty (property)', () => {
    fc.assert(
      fc.property(names, extensions, (declared, ext) => {
        const name = safeFileName(declared, ext);
        assert.ok(name.length > ext.length + 1, JSON.stringify(name));
        assert.ok(!/[/\\]/.test(name), JSON.stringify(name));
        assert.ok(!/\p{Cc}/u.test(name), JSON.stringify(name));
        assert.ok(!BIDI_CONTROLS.test(name), JSON.stringify(name));
        assert.ok(!/[\p{Cf}\p{Cs}]/u.test(name), JSON.stringify(name));
        assert.ok(!name.startsWith('.') && !name.startsWith(' '), JSON.stringify(name));
        assert.ok(name.length <= 120 && utf8Length(name) <= 240, JSON.stringify(name));
        assert.ok(name.endsWith(`.${ext}`), JSON.stringify(name));
        assert.equal(name, name.normalize('NFC'));
        assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name), JSON.stringify(name));
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: a safe name stays as it is (property)', () => {
    fc.assert(
      fc.property(names, extensions, (declared, ext) => {
        const once = safeFileName(declared, ext);
        assert.equal(safeFileName(once, ext), once);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('contentDispositionAttachment', () => {
  it('is an attachment with an ASCII fallback and the exact UTF-8 name', () => {
    assert.equal(
      contentDispositionAttachment('Bescheid Müller.pdf'),
      `attachment; filename="Bescheid Mueller.pdf"; filename*=UTF-8''Bescheid%20M%C3%BCller.pdf`,
    );
  });

  it('falls back to "Dokument" when the name has no ASCII letters at all', () => {
    const header = contentDispositionAttachment('عقد.pdf');
    assert.match(header, /^attachment; filename="Dokument\.pdf"; filename\*=UTF-8''%D8%B9%D9%82%D8%AF\.pdf$/);
  });

  it('cannot break out of the header or the quoted string', () => {
    const header = contentDispositionAttachment('a"b\r\nSet-Cookie: x=1;%41.pdf');
    assert.ok(!/[\r\n]/.test(header));
    const fallback = /filename="([^"]*)"/.exec(header)?.[1];
    assert.equal(fallback, 'a_b Set-Cookie_ x=1;_41.pdf');
    assert.equal(header.split('"').length, 3, header);
    const encoded = header.split("UTF-8''")[1] ?? '';
    assert.match(encoded, /^[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
  });

  it("percent-encodes the characters RFC 5987 does not allow ( ' ( ) * )", () => {
    const header = contentDispositionAttachment("it's (final)*.pdf");
    assert.ok(header.endsWith("filename*=UTF-8''it%27s%20%28final%29_.pdf"), header);
  });

  it('strips bidi overrides and path parts from the name it is given', () => {
    const header = contentDispositionAttachment('../x/\u202Efdp.exe');
    assert.ok(!header.includes('\u202E') && !header.includes('/') && !header.includes('%E2%80%AE'), header);
  });
});
