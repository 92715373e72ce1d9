import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONTENT_DIR, readRawDescription } from './fixtures.ts';
import { loadServiceDescription } from './load.ts';
import {
  SERVICE_DESCRIPTION_LANGUAGES,
  type ServiceDescription,
  serviceDescriptionSchema,
  type TextBlock,
} from './schema.ts';

const load = (lang: (typeof SERVICE_DESCRIPTION_LANGUAGES)[number]) =>
  loadServiceDescription(CONTENT_DIR, lang);

/** Every string in a value, recursively (keys excluded). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** The shape of a description that all translations must share. */
function structure(d: ServiceDescription) {
  const blocks = (b: TextBlock[]) =>
    b.map((x) => (x.type === 'list' ? `list:${x.items.length}` : 'paragraph'));
  return {
    leistungsschluessel: d.leistungsschluessel,
    fullText: blocks(d.fullText),
    shortText: blocks(d.shortText),
    prerequisites: d.prerequisites.length,
    requiredDocuments: d.requiredDocuments.items.map((x) => `${x.id}${x.if ? '?' : ''}`),
    procedure: d.procedure.map((p) => `${p.id}:${p.points.length}`),
    legalBases: d.legalBases.map((x) => `${x.id} ${x.url}`),
    forms: d.forms.map((x) => `${x.id}${x.if ? '?' : ''}`),
    notes: d.notes.length,
    furtherInformation: d.furtherInformation.map((x) => `${x.id} ${x.url}${x.hint ? '?' : ''}`),
    contact: [d.contact.postalAddress, d.contact.phone, d.contact.fax, d.contact.email],
    source: [d.source.serviceKey, d.source.approvedOn, d.source.downloadedOn],
    headings: Object.keys(d.headings),
    labels: Object.keys(d.labels),
  };
}

describe('service description content', () => {
  for (const lang of SERVICE_DESCRIPTION_LANGUAGES) {
    test(`${lang}.json validates against the schema`, async () => {
      const result = serviceDescriptionSchema.safeParse(readRawDescription(lang));
      assert.ok(result.success, result.success ? '' : result.error.message);
      const d = await load(lang);
      assert.equal(d.language, lang);
      assert.equal(d.leistungsschluessel, '99010022001005');
    });
  }

  test('only the German version is binding; translations say so', async () => {
    const de = await load('de');
    assert.equal(de.binding, true);
    assert.equal(de.translationNote, undefined);
    const en = await load('en');
    assert.equal(en.binding, false);
    assert.match(en.translationNote ?? '', /only the German version is binding/i);
    assert.match(en.translationNote ?? '', /application must be written in German/i);
    const ar = await load('ar');
    assert.equal(ar.binding, false);
    assert.match(ar.translationNote ?? '', /الألمانية/);
    assert.match(ar.translationNote ?? '', /ملزِمة|ملزمة/);
  });

  test('the German text has its umlauts and ß back and no OCR artefacts', async () => {
    const de = await load('de');
    const all = strings(de).join('\n');
    for (const word of [
      'Härtefallkommission',
      'Härtefall',
      'Ausländerbehörde',
      'Gründe',
      'Begründung',
      'beizufügen',
      'persönlich',
      'ordnungsgemäßen',
      'Rückkehr',
      'Ausländer/innen',
      'völkerrechtlichen, humanitären',
      'Eingangsbestätigung',
      'Schweigepflichtsentbindungserklärung',
      'außerdem',
      'Erklärung über die Einwilligung in die Datenverarbeitung',
    ]) {
      assert.ok(all.includes(word), `missing „${word}“`);
    }
    assert.doesNotMatch(all, /Hartefall|Grunde\b|Auslanderbeh|Grinden|Rickkehr|\bUber\b/);
    // Further OCR damage seen in the source: digit/letter swaps, page furniture, broken URLs.
    assert.doesNotMatch(
      all,
      /\blhr|Inrem|6ffentlich|beizufligen|aullerdem|Fltuchtling|FITKO|IT-PLANUNGSRAT|Heruntergeladen am\s+\d|B\||\/Imi\/|Hartefallkomission|k[eé]nnen|kdonnen|verfuigen|Begrindung|Ausschlussgruinde/,
    );
    // No ASCII stand-ins for umlauts in the key words either.
    assert.doesNotMatch(all, /Haertefall|Auslaenderbeh|Gruende|persoenlich|gemaess/);
  });

  test('duplicated passages of the OCR text appear only once', async () => {
    for (const lang of SERVICE_DESCRIPTION_LANGUAGES) {
      const d = await load(lang);
      const lists: string[][] = [
        d.prerequisites,
        d.requiredDocuments.items.map((x) => x.text + (x.if ?? '')),
        d.procedure.flatMap((p) => p.points),
        d.fullText.flatMap((b) => (b.type === 'list' ? [b.intro, ...b.items] : [b.text])),
        d.forms.map((f) => f.title),
        d.notes,
      ];
      for (const list of lists) assert.equal(new Set(list).size, list.length, `${lang}: repeated entry`);
    }
  });

  test('the German content follows the FIM source', async () => {
    const de = await load('de');
    assert.equal(
      de.title.leistungsbezeichnung,
      'Aufenthaltserlaubnis aus völkerrechtlichen, humanitären oder politischen Gründen Erteilung in Härtefällen',
    );
    assert.deepEqual(
      de.procedure.map((p) => p.title),
      [
        'Antragstellung',
        'Bearbeitung des Härtefallantrages',
        'Beratung in der Härtefallkommission und Entscheidung',
      ],
    );
    assert.equal(de.costs, 'keine');
    assert.equal(de.deadlines, 'keine Frist');
    assert.deepEqual(de.notes, ['persönliches Erscheinen ist nicht möglich']);
    assert.deepEqual(
      de.requiredDocuments.items.filter((x) => x.if).map((x) => x.if),
      [
        'Bei Kindern und Jugendlichen',
        'Bei Krankheit',
        'Sofern eine Person die Antragstellerin/den Antragsteller vertritt',
        'Bei Krankheit',
      ],
    );
    assert.deepEqual(
      de.legalBases.map((x) => x.url),
      [
        'https://www.gesetze-im-internet.de/aufenthg_2004/__23a.html',
        'https://recht.nrw.de/lmi/owa/pl_text_anzeigen?v_id=2520050613160357805',
      ],
    );
    assert.deepEqual(
      de.furtherInformation.map((x) => x.url),
      [
        'https://www.mkjfgfi.nrw/haertefallkommission-des-landes-nordrhein-westfalen',
        'https://www.frnrw.de/',
      ],
    );
    assert.equal(de.forms.length, 3);
    assert.equal(de.competentAuthority.name, 'Härtefallkommission des Landes Nordrhein-Westfalen');
    assert.equal(de.contact.name, 'Geschäftsstelle der Härtefallkommission des Landes Nordrhein-Westfalen');
    assert.equal(de.source.approvedOn, '2022-12-16');
    assert.equal(de.source.downloadedOn, '2025-07-03');
    assert.equal(de.source.editorialOffice, 'Nordrhein-Westfalen');
    assert.equal(de.headings.start, 'Antrag online stellen');
  });

  test('no contact details are invented: they stay null until confirmed', async () => {
    for (const lang of SERVICE_DESCRIPTION_LANGUAGES) {
      const { contact } = await load(lang);
      assert.equal(contact.postalAddress, null);
      assert.equal(contact.phone, null);
      assert.equal(contact.fax, null);
      assert.equal(contact.email, null);
      assert.match(contact.todo ?? '', /PLATZHALTER|PLACEHOLDER/);
    }
  });

  test('all three languages have the same structure', async () => {
    const [de, en, ar] = await Promise.all(SERVICE_DESCRIPTION_LANGUAGES.map(load));
    assert.ok(de && en && ar);
    assert.equal(de.prerequisites.length, 3);
    assert.equal(de.requiredDocuments.items.length, 12);
    assert.deepEqual(
      de.procedure.map((p) => p.points.length),
      [6, 3, 4],
    );
    assert.deepEqual(structure(en), structure(de));
    assert.deepEqual(structure(ar), structure(de));
  });

  test('translations keep the German legal terms recognisable', async () => {
    for (const lang of ['en', 'ar'] as const) {
      const all = strings(await load(lang)).join('\n');
      for (const term of [
        '§ 23a',
        'Härtefallkommission',
        'Ausländerbehörde',
        'Duldung',
        'Vertretungsvollmacht',
      ]) {
        assert.ok(all.includes(term), `${lang}: missing „${term}“`);
      }
    }
    const ar = await load('ar');
    for (const text of [ar.teaser, ar.headings.start, ar.prerequisites[0] ?? '', ar.remedy]) {
      assert.match(text, /[\u0600-\u06FF]/, 'Arabic script expected');
    }
  });
});
