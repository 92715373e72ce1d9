import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CONTENT_DIR, readRawDescription } from './fixtures.ts';
import { loadServiceDescription } from './load.ts';
import type { ServiceDescriptionLanguage } from './schema.ts';

describe('loadServiceDescription', () => {
  let dir: string;
  const fileOf = (lang: string) => join(dir, 'service-description', `${lang}.json`);
  const put = (lang: string, content: string) => writeFile(fileOf(lang), content, 'utf8');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'service-info-'));
    await mkdir(join(dir, 'service-description'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('loads and validates the real files', async () => {
    for (const lang of ['de', 'en', 'ar'] as const) {
      const d = await loadServiceDescription(CONTENT_DIR, lang);
      assert.equal(d.language, lang);
    }
  });

  test('rejects a file that is not JSON, naming the file', async () => {
    await put('de', '{ "language": "de", ');
    await assert.rejects(loadServiceDescription(dir, 'de'), (err: Error) => {
      assert.ok(err.message.includes(fileOf('de')), err.message);
      assert.match(err.message, /kein gültiges JSON/);
      return true;
    });
  });

  test('rejects invalid content, naming the file and the zod issues', async () => {
    const broken = structuredClone(readRawDescription('de')) as Record<string, unknown>;
    broken.teaser = '';
    broken.legalBases = [{ id: 'x', title: '§ 23a AufenthG', url: 'http://example.org/' }];
    await put('de', JSON.stringify(broken));
    await assert.rejects(loadServiceDescription(dir, 'de'), (err: Error) => {
      assert.ok(err.message.includes(fileOf('de')), err.message);
      assert.match(err.message, /teaser/);
      assert.match(err.message, /legalBases/);
      assert.match(err.message, /https/);
      return true;
    });
  });

  test('rejects a file whose language does not match its name', async () => {
    await put('en', JSON.stringify(readRawDescription('ar')));
    await assert.rejects(loadServiceDescription(dir, 'en'), (err: Error) => {
      assert.ok(err.message.includes(fileOf('en')), err.message);
      assert.match(err.message, /„ar“.*„en“/);
      return true;
    });
  });

  test('rejects a missing file, naming it', async () => {
    await assert.rejects(loadServiceDescription(dir, 'ar'), (err: Error) => {
      assert.ok(err.message.includes(fileOf('ar')), err.message);
      return true;
    });
  });

  test('refuses languages outside de/en/ar instead of building a path from them', async () => {
    await assert.rejects(
      loadServiceDescription(dir, '../../etc/passwd' as ServiceDescriptionLanguage),
      /Unbekannte Sprache/,
    );
  });
});
