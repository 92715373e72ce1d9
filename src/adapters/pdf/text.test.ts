import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readCmapCoverage } from './font-coverage.ts';
import {
  createTextSanitizer,
  formatBirthDate,
  formatDateTimeBerlin,
  formatFileSize,
  formatPersonName,
  normalizeSha256,
} from './text.ts';

const regular = readFileSync(new URL('./fonts/FiraSans-Regular.ttf', import.meta.url));

describe('font coverage', () => {
  const coverage = readCmapCoverage(regular);

  it('covers German, Latin Extended and Vietnamese, but not Arabic', () => {
    for (const char of 'äöüÄÖÜß€„“‚‘–—§ễẫăơưĐŁŻŹżźółćśńÑñúÇçŞşĞğİı') {
      assert.ok(coverage.has(char.codePointAt(0) ?? 0), `missing ${char}`);
    }
    for (const char of 'محمد') assert.ok(!coverage.has(char.codePointAt(0) ?? 0));
    assert.ok(!coverage.has(0x202e));
  });
});

describe('text sanitizer', () => {
  const sanitize = createTextSanitizer(readCmapCoverage(regular));

  it('keeps what the font can draw', () => {
    assert.equal(
      sanitize('Härtefall „Straße“ – 12 € Nguyễn Văn Anh'),
      'Härtefall „Straße“ – 12 € Nguyễn Văn Anh',
    );
  });

  it('composes decomposed input so the precomposed glyph is used', () => {
    const decomposed = 'Nguye\u0302\u0303n';
    assert.equal(sanitize(decomposed), 'Nguyễn');
  });

  it('drops bidi overrides and other invisible characters, flattens line breaks', () => {
    assert.equal(sanitize('Evil\u202Efdp.exe\u200B'), 'Evilfdp.exe');
    assert.equal(sanitize('Zeile 1\nZeile 2\r\n'), 'Zeile 1 Zeile 2  ');
    assert.equal(sanitize('a\u0000b\u0007c'), 'abc');
  });

  it('replaces characters without a glyph instead of drawing .notdef', () => {
    assert.equal(sanitize('محمد Ali'), '???? Ali');
    assert.equal(sanitize('😀'), '?');
  });

  it('leaves markup and formulas as plain text', () => {
    assert.equal(sanitize('<script>alert(1)</script>'), '<script>alert(1)</script>');
    assert.equal(sanitize('=HYPERLINK("http://x")'), '=HYPERLINK("http://x")');
  });
});

describe('German formats', () => {
  it('formats the time of receipt in Europe/Berlin, winter and summer', () => {
    assert.equal(formatDateTimeBerlin(new Date('2026-11-25T09:15:00Z')), '25.11.2026, 10:15 Uhr');
    assert.equal(formatDateTimeBerlin(new Date('2026-07-01T08:05:00Z')), '01.07.2026, 10:05 Uhr');
    assert.equal(formatDateTimeBerlin(new Date('2026-12-31T23:30:00Z')), '01.01.2027, 00:30 Uhr');
  });

  it('formats file sizes with a decimal comma', () => {
    assert.equal(formatFileSize(0), '0 Byte');
    assert.equal(formatFileSize(850), '850 Byte');
    assert.equal(formatFileSize(12_345), '12,3 kB');
    assert.equal(formatFileSize(1_234_567), '1,2 MB');
    assert.equal(formatFileSize(25_000_000), '25 MB');
    assert.equal(formatFileSize(999_999), '1 MB');
    assert.equal(formatFileSize(1_500_000_000), '1,5 GB');
    assert.throws(() => formatFileSize(-1), RangeError);
  });

  it('keeps partial dates of birth partial', () => {
    assert.equal(formatBirthDate('1990'), '1990');
    assert.equal(formatBirthDate('1990-03'), '03.1990');
    assert.equal(formatBirthDate('1990-03-12'), '12.03.1990');
    assert.equal(formatBirthDate('03.1990'), '03.1990');
    assert.equal(formatBirthDate(' 12.03.1990 '), '12.03.1990');
    assert.equal(formatBirthDate('ca. 1985'), 'ca. 1985');
  });

  it('writes names family name first', () => {
    assert.equal(formatPersonName({ familyName: 'Nguyễn', givenNames: 'Văn Anh' }), 'Nguyễn, Văn Anh');
    assert.equal(formatPersonName({ familyName: 'Ñúñez', givenNames: '' }), 'Ñúñez');
  });

  it('accepts only SHA-256 hex digests', () => {
    const hex = 'A'.repeat(64);
    assert.equal(normalizeSha256(hex), 'a'.repeat(64));
    assert.throws(() => normalizeSha256('abc'), /Not a SHA-256/);
    assert.throws(() => normalizeSha256('g'.repeat(64)), /Not a SHA-256/);
  });
});
