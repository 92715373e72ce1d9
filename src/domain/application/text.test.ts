import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countCharacters,
  formatCount,
  hasLoneSurrogate,
  isFilled,
  normaliseLine,
  normaliseLongText,
  parseLine,
  parseLongText,
  parseRequiredLine,
  TEXT_LIMITS,
  toAsciiDigits,
  toWellFormed,
} from './text.ts';

const familyName = {
  label: { nominative: 'der Familienname', accusative: 'den Familiennamen' },
  max: TEXT_LIMITS.name,
  needsLetter: true,
};

describe('normaliseLine', () => {
  it('trims and collapses every kind of whitespace into one space', () => {
    assert.equal(normaliseLine('  Haddad \n\t  al\u00A0Ali\u3000 '), 'Haddad al Ali');
    assert.equal(normaliseLine('a\r\nb\u2028c\u2029d\u0085e\vf\fg'), 'a b c d e f g');
  });

  it('composes to NFC', () => {
    assert.equal(normaliseLine('Mu\u0308ller'), 'Müller');
    assert.equal(normaliseLine('Nguye\u0302\u0303n'), 'Nguyễn');
  });

  it('removes control characters and invisible formatting characters', () => {
    assert.equal(normaliseLine('Mül\u0000ler\u0007'), 'Müller');
    assert.equal(normaliseLine('\u202EnamreG\u202C'), 'namreG');
    assert.equal(normaliseLine('Ha\u200Bd\u00ADdad\uFEFF'), 'Haddad');
    assert.equal(normaliseLine('\u200Fعلي\u200E'), 'علي');
  });

  it('keeps ZWJ and ZWNJ, which Persian names need', () => {
    assert.equal(normaliseLine('مهر\u200Cآرا'), 'مهر\u200Cآرا');
    assert.equal(normaliseLine('👩\u200D👧'), '👩\u200D👧');
  });

  it('recomposes a letter and its accent once an invisible character between them is gone', () => {
    assert.equal(normaliseLine('u\u200B\u0308'), 'ü');
  });

  it('replaces lone surrogates with U+FFFD', () => {
    assert.equal(normaliseLine('a\uD800b'), 'a\uFFFDb');
    assert.equal(normaliseLine('\uDC00'), '\uFFFD');
    assert.equal(normaliseLine('😀'), '😀');
  });
});

describe('normaliseLongText', () => {
  it('keeps line breaks and tabs, unifies CRLF and CR, trims only the ends', () => {
    assert.equal(
      normaliseLongText('\r\n  Erster Absatz.\r\n\r\nZweiter\tTeil.\rDritter.  \n'),
      'Erster Absatz.\n\nZweiter\tTeil.\nDritter.',
    );
  });

  it('removes other control characters and composes to NFC', () => {
    assert.equal(normaliseLongText('Ü\u0000ber\u0008 Mu\u0308ller'), 'Über Müller');
  });
});

describe('parseLine', () => {
  it('asks for a required value that is missing or blank', () => {
    for (const raw of [undefined, null, '', '   \n\t', '\u200B']) {
      assert.deepEqual(parseRequiredLine(raw, familyName), {
        ok: false,
        message: 'Bitte geben Sie den Familiennamen ein.',
      });
    }
  });

  it('treats a non-string like a missing value', () => {
    assert.equal(parseRequiredLine(42, familyName).ok, false);
    assert.equal(parseRequiredLine({ toString: () => 'x' }, familyName).ok, false);
  });

  it('gives null for an empty optional value', () => {
    assert.deepEqual(parseLine('  ', { ...familyName, required: false }), { ok: true, value: null });
  });

  it('returns the normalised value', () => {
    assert.deepEqual(parseRequiredLine('  Mu\u0308ller-Lüdenscheidt ', familyName), {
      ok: true,
      value: 'Müller-Lüdenscheidt',
    });
  });

  it('counts characters after normalisation and names the limit and the length', () => {
    assert.equal(parseRequiredLine('a'.repeat(100), familyName).ok, true);
    assert.equal(parseRequiredLine(`${'a'.repeat(100)}     `, familyName).ok, true);
    assert.deepEqual(parseRequiredLine('a'.repeat(101), familyName), {
      ok: false,
      message: 'Der Familienname darf höchstens 100 Zeichen lang sein (jetzt 101).',
    });
    // 100 decomposed umlauts are 100 characters after composition.
    assert.equal(parseRequiredLine('u\u0308'.repeat(100), familyName).ok, true);
  });

  it('refuses lone surrogates and replacement characters from broken UTF-8', () => {
    const message =
      'Der Familienname enthält ungültige Zeichen, zum Beispiel aus einer fehlerhaften Kopie. Bitte geben Sie die Angabe neu ein.';
    assert.deepEqual(parseRequiredLine('Mül\uD800ler', familyName), { ok: false, message });
    assert.deepEqual(parseRequiredLine('M\uFFFDller', familyName), { ok: false, message });
  });

  it('requires a letter when asked to', () => {
    assert.deepEqual(parseRequiredLine('12345', familyName), {
      ok: false,
      message: 'Der Familienname muss mindestens einen Buchstaben enthalten.',
    });
    assert.equal(parseRequiredLine('حداد', familyName).ok, true);
  });

  it('uses a custom message for empty input', () => {
    assert.deepEqual(parseRequiredLine('', { ...familyName, emptyMessage: 'Bitte beschreiben Sie es.' }), {
      ok: false,
      message: 'Bitte beschreiben Sie es.',
    });
  });
});

describe('parseLongText', () => {
  const spec = {
    label: { nominative: 'der Abschnitt „Gründe“', accusative: 'den Abschnitt' },
    max: TEXT_LIMITS.longText,
    required: true,
  };

  it('accepts 20,000 characters and refuses more, with German thousands separators', () => {
    assert.equal(parseLongText('ä'.repeat(20_000), spec).ok, true);
    assert.deepEqual(parseLongText('ä'.repeat(20_001), spec), {
      ok: false,
      message: 'Der Abschnitt „Gründe“ darf höchstens 20.000 Zeichen lang sein (jetzt 20.001).',
    });
  });

  it('keeps paragraphs', () => {
    assert.deepEqual(parseLongText('Eins.\r\n\r\nZwei.', spec), { ok: true, value: 'Eins.\n\nZwei.' });
  });
});

describe('helpers', () => {
  it('counts code points, not UTF-16 units', () => {
    assert.equal(countCharacters('😀a'), 2);
    assert.equal(countCharacters('\uD800'), 1);
    assert.equal(countCharacters(''), 0);
  });

  it('finds lone surrogates and repairs them', () => {
    assert.equal(hasLoneSurrogate('a\uD83D'), true);
    assert.equal(hasLoneSurrogate('\uDE00a'), true);
    assert.equal(hasLoneSurrogate('😀'), false);
    assert.equal(toWellFormed('\uD83Da😀'), '\uFFFDa😀');
  });

  it('converts Arabic-Indic, Persian and full-width digits', () => {
    assert.equal(toAsciiDigits('٤٠٢١١ ۱۲ １２'), '40211 12 12');
  });

  it('formats counts the German way', () => {
    assert.equal(formatCount(20000), '20.000');
    assert.equal(formatCount(1234567), '1.234.567');
    assert.equal(formatCount(999), '999');
  });

  it('tells filled from blank', () => {
    assert.equal(isFilled(' x '), true);
    assert.equal(isFilled(' \u200B '), false);
    assert.equal(isFilled(undefined), false);
  });
});
