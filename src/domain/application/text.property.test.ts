import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  countCharacters,
  hasLoneSurrogate,
  normaliseLine,
  normaliseLongText,
  parseLine,
  parseLongText,
  parseRequiredLine,
  TEXT_LIMITS,
} from './text.ts';

/** Single code units and code points that break naive text handling. */
const nastyUnit = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ...['\u0000', '\u0007', '\u001B', '\u007F', '\u009F', '\r', '\n', '\r\n', '\t', '\v', '\f', '\u0085'],
      ...['\u2028', '\u2029', '\u202E', '\u2066', '\u200B', '\u200C', '\u200D', '\u200E', '\uFEFF', '\u00AD'],
      ...[
        '\u0301',
        '\u0308',
        '\u0323',
        '\u0302',
        '\u0303',
        '\u0651',
        '\u064E',
        '\u00A0',
        '\u2000',
        '\u3000',
        ' ',
      ],
      ...[
        '\uFFFD',
        '\uFFFE',
        'e',
        'u',
        'A',
        'ü',
        'Ñ',
        'ễ',
        'ı',
        'ﬁ',
        '\u212B',
        '\u0344',
        '\uFB2C',
        '한',
        '\u1100\u1161',
      ],
      ...['ع', 'ل', 'ي', '😀', '👩\u200D👧', 'ß', 'Ł'],
    ),
  },
);
const nastyString = fc.string({ unit: nastyUnit, maxLength: 40 });

/** Strings of at least 100 KB (UTF-16 units), built from a random nasty chunk. */
const hugeString = fc
  .tuple(
    fc.string({ unit: nastyUnit, minLength: 1, maxLength: 30 }),
    fc.string({ unit: nastyUnit, maxLength: 5 }),
  )
  .map(([chunk, tail]) => chunk.repeat(Math.ceil(100_000 / chunk.length)) + tail);

const INVISIBLE = /[\u00AD\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFFE\uFFFF]/;
const GERMAN_SENTENCE = /^(Bitte|Der|Die|Das) .*\.$/s;

const nameSpec = {
  label: { nominative: 'der Familienname', accusative: 'den Familiennamen' },
  max: TEXT_LIMITS.name,
  needsLetter: true,
};
const longSpec = {
  label: { nominative: 'der Abschnitt „Integration“', accusative: 'den Abschnitt' },
  max: TEXT_LIMITS.longText,
  required: true,
};

describe('normalisers (property)', () => {
  for (const [name, normalise] of [
    ['normaliseLine', normaliseLine],
    ['normaliseLongText', normaliseLongText],
  ] as const) {
    it(`${name} never throws, is idempotent and ignores NFC/NFD`, () => {
      fc.assert(
        fc.property(nastyString, (s) => {
          const once = normalise(s);
          assert.equal(normalise(once), once);
          assert.equal(normalise(s.normalize('NFD')), once);
          assert.equal(normalise(s.normalize('NFC')), once);
        }),
        { numRuns: 2000 },
      );
    });

    it(`${name} gives well-formed NFC without NUL, invisible characters or blank ends`, () => {
      fc.assert(
        fc.property(nastyString, (s) => {
          const out = normalise(s);
          assert.equal(hasLoneSurrogate(out), false);
          assert.equal(out.normalize('NFC'), out);
          assert.equal(out.includes('\u0000'), false);
          assert.equal(INVISIBLE.test(out), false);
          assert.equal(out.trim(), out);
        }),
        { numRuns: 2000 },
      );
    });

    it(`${name} copes with 100 KB strings`, () => {
      fc.assert(
        fc.property(hugeString, (s) => {
          const once = normalise(s);
          assert.equal(normalise(once), once);
          assert.equal(normalise(s.normalize('NFD')), once);
        }),
        { numRuns: 15 },
      );
    });
  }

  it('normaliseLine leaves no control character and no double or non-ASCII space', () => {
    fc.assert(
      fc.property(nastyString, (s) => {
        const out = normaliseLine(s);
        assert.equal(/\p{Cc}/u.test(out), false);
        assert.equal(/\s\s|[^\S ]/.test(out), false);
      }),
      { numRuns: 2000 },
    );
  });

  it('normaliseLongText keeps only newline and tab of the control characters, and no CR', () => {
    fc.assert(
      fc.property(nastyString, (s) => {
        const out = normaliseLongText(s);
        assert.equal(/[^\P{Cc}\n\t]/u.test(out), false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('text parsers (property)', () => {
  it('never throw on any value and answer with the normalised value or a German sentence', () => {
    fc.assert(
      fc.property(fc.oneof(nastyString, fc.anything()), (raw) => {
        for (const [parse, spec, normalise] of [
          [parseLine, { ...nameSpec, required: true }, normaliseLine],
          [parseLongText, longSpec, normaliseLongText],
        ] as const) {
          const r = parse(raw, spec);
          if (r.ok) {
            assert.equal(typeof raw, 'string');
            assert.equal(r.value, normalise(raw as string));
            assert.ok(r.value !== null && countCharacters(r.value) <= spec.max && r.value !== '');
          } else {
            assert.match(r.message, GERMAN_SENTENCE);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('refuse every input with a lone surrogate, whatever else it holds', () => {
    fc.assert(
      fc.property(nastyString, fc.integer({ min: 0xd800, max: 0xdbff }), nastyString, (a, high, b) => {
        const raw = `${a}${String.fromCharCode(high)}x${b}`;
        const r = parseRequiredLine(raw, nameSpec);
        assert.equal(r.ok, false);
        assert.ok(!r.ok && r.message.includes('ungültige Zeichen'));
      }),
    );
  });

  it('refuse 100 KB strings with a message, without throwing', () => {
    fc.assert(
      fc.property(hugeString, (s) => {
        const line = parseLine(s, { ...nameSpec, required: true });
        const long = parseLongText(s, longSpec);
        for (const r of [line, long]) {
          if (r.ok) assert.ok(r.value !== null && countCharacters(r.value) <= TEXT_LIMITS.longText);
          else assert.match(r.message, GERMAN_SENTENCE);
        }
      }),
      { numRuns: 15 },
    );
    const r = parseLongText('Integration. '.repeat(10_000), longSpec);
    assert.deepEqual(r, {
      ok: false,
      message: 'Der Abschnitt „Integration“ darf höchstens 20.000 Zeichen lang sein (jetzt 129.999).',
    });
  });

  it('give the NFC form for names with diacritics typed in NFC or NFD, with any spacing', () => {
    const names = [
      'Müller',
      'Ñúñez',
      'Łukasz',
      'Nguyễn',
      'Đặng Thị Hồng',
      'Øyvind Åström',
      'محمد عبد الله',
      'حسین‌زاده',
      'Çağrı Öztürk',
      'Ἀθηνᾶ',
    ];
    const spacing = fc.constantFrom('', ' ', '  ', '\t', '\u00A0', '\n');
    fc.assert(
      fc.property(fc.constantFrom(...names), spacing, spacing, (name, before, after) => {
        const nfc = name.normalize('NFC');
        for (const form of ['NFC', 'NFD'] as const) {
          const r = parseRequiredLine(`${before}${name.normalize(form)}${after}`, nameSpec);
          assert.deepEqual(r, { ok: true, value: nfc });
        }
      }),
    );
  });

  it('refuse text that came through as invalid UTF-8, and never throw on decoded garbage', () => {
    const decoder = new TextDecoder('utf-8');
    for (const bytes of [
      [0xc3],
      [0xff, 0xfe],
      [0xed, 0xa0, 0x80],
      [0xc0, 0xaf],
      [0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72],
    ]) {
      const r = parseRequiredLine(decoder.decode(new Uint8Array(bytes)), nameSpec);
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.message.includes('ungültige Zeichen'), String(bytes));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (bytes) => {
        const text = decoder.decode(bytes);
        const r = parseLine(text, { ...nameSpec, required: false });
        if (text.includes('\uFFFD')) assert.ok(!r.ok && r.message.includes('ungültige Zeichen'));
        else if (!r.ok) assert.match(r.message, GERMAN_SENTENCE);
      }),
      { numRuns: 2000 },
    );
  });
});
