import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readRawDescription } from './fixtures.ts';
import { serviceDescriptionSchema } from './schema.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests poke at raw JSON on purpose
type Raw = any;
const german = (): Raw => structuredClone(readRawDescription('de'));
const english = (): Raw => structuredClone(readRawDescription('en'));

function issues(data: unknown): string[] {
  const result = serviceDescriptionSchema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('service description schema', () => {
  test('accepts the real content', () => {
    assert.deepEqual(issues(german()), []);
    assert.deepEqual(issues(english()), []);
  });

  test('rejects empty and whitespace-only text', () => {
    const d = german();
    d.teaser = '   ';
    d.prerequisites[1] = '';
    d.requiredDocuments.items[0].if = ' ';
    const found = issues(d);
    assert.ok(found.some((i) => i.startsWith('teaser:')));
    assert.ok(found.some((i) => i.startsWith('prerequisites.1:')));
    assert.ok(found.some((i) => i.startsWith('requiredDocuments.items.0.if:')));
  });

  test('rejects links that are not https://', () => {
    for (const url of ['http://www.frnrw.de/', 'javascript:alert(1)', 'www.frnrw.de', '//www.frnrw.de/']) {
      const d = german();
      d.furtherInformation[1].url = url;
      d.legalBases[0].url = url;
      const found = issues(d);
      assert.ok(
        found.some((i) => i.startsWith('furtherInformation.1.url:')),
        url,
      );
      assert.ok(
        found.some((i) => i.startsWith('legalBases.0.url:')),
        url,
      );
    }
  });

  test('rejects unknown keys (typos) and missing sections', () => {
    const d = german();
    d.prerequisite = d.prerequisites;
    delete d.prerequisites;
    const found = issues(d);
    assert.ok(found.some((i) => i.startsWith('prerequisites:')));
    assert.ok(found.some((i) => i.includes('prerequisite')));
  });

  test('only German is binding, translations need a translation note', () => {
    const de = german();
    de.binding = false;
    de.translationNote = 'Nur die deutsche Fassung ist verbindlich.';
    assert.ok(issues(de).some((i) => i.startsWith('binding:')));

    const en = english();
    delete en.translationNote;
    assert.ok(issues(en).some((i) => i.startsWith('translationNote:')));

    const en2 = english();
    en2.binding = true;
    assert.ok(issues(en2).some((i) => i.startsWith('binding:')));
  });

  test('rejects duplicate ids, bad dates, a mismatched service key and invented-looking contact data', () => {
    const d = german();
    d.procedure[1].id = d.procedure[0].id;
    d.source.approvedOn = '16.12.2022';
    d.source.serviceKey = '99010022001006';
    d.contact.email = 'keine Adresse';
    const found = issues(d);
    assert.ok(found.some((i) => i.startsWith('procedure.1.id:')));
    assert.ok(found.some((i) => i.startsWith('source.approvedOn:')));
    assert.ok(found.some((i) => i.startsWith('source.serviceKey:')));
    assert.ok(found.some((i) => i.startsWith('contact.email:')));
  });
});
