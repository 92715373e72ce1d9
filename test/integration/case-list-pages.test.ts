/**
 * The office's case list and search in pages of 50: 120 generated cases (bench/lib/synthetic-cases.ts,
 * the real tables) are listed newest first over three pages, every case once; the links keep the
 * filters and the search; a search that matches more than a page pages the same way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateCases } from '../../bench/lib/synthetic-cases.ts';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { login } from '../support/members.ts';
import { createStaffUser } from '../support/staff-app.ts';
import type { WebClient } from '../support/web-client.ts';

const caseNumbers = (html: string) =>
  [
    ...html.matchAll(
      /<th scope="row">\s*<a class="kern-link" href="\/geschaeftsstelle\/faelle\/[^"]+">([^<]+)<\/a>/g,
    ),
  ].map((m) => m[1] ?? '');
const link = (html: string, rel: 'next' | 'prev') =>
  new RegExp(`href="([^"]+)" rel="${rel}"`).exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null;

describe('the case list in pages', () => {
  let app: TestApp;
  let web: WebClient;
  let all: string[] = [];

  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    await generateCases(app.database, { count: 120, seed: 7, batchSize: 60 });
    const clerk = await createStaffUser(
      app.database,
      { email: 'seiten@example.org', name: 'Seiten', role: 'office_clerk' },
      { masterKey },
    );
    web = await login(app, clerk);
    const rows = await app.database.db
      .selectFrom('cases')
      .select('case_number')
      .orderBy('received_at', 'desc')
      .orderBy('case_number', 'desc')
      .execute();
    all = rows.map((r) => r.case_number);
  });
  after(async () => {
    await app?.close();
  });

  test('120 cases: 50, 50 and 20, newest first, each once; the links keep the filter', async () => {
    assert.equal(all.length, 120);
    const seen: string[] = [];
    let href: string | null = '/geschaeftsstelle?stand=alle';
    const sizes: number[] = [];
    let previous: string | null = null;
    while (href) {
      const page = await web.get(href);
      assert.equal(page.status, 200, href);
      const numbers = caseNumbers(page.body);
      sizes.push(numbers.length);
      seen.push(...numbers);
      previous = link(page.body, 'prev');
      if (sizes.length > 1) assert.ok(previous, 'a later page links back');
      href = link(page.body, 'next');
      if (href) assert.match(href, /stand=alle/, 'the filter is kept');
      if (sizes.length === 1) assert.match(page.body, /Fälle 1 bis 50/);
    }
    assert.deepEqual(sizes, [50, 50, 20]);
    assert.deepEqual(seen, all, 'every case once, in the order of the list');
    assert.equal(previous, '/geschaeftsstelle?stand=alle&seite=2');
    // A page number that makes no sense is the first page, never an error.
    for (const bad of ['0', '-1', 'x', '9999', '1.5']) {
      const page = await web.get(`/geschaeftsstelle?stand=alle&seite=${bad}`);
      assert.equal(page.status, 200, bad);
      assert.deepEqual(caseNumbers(page.body), all.slice(0, 50), bad);
    }
  });

  test('a search with more hits than a page pages the same way, without repeating a case', async () => {
    // Every case number contains "HFK": a search for it matches all 120, newest first.
    const seen: string[] = [];
    let href: string | null = '/geschaeftsstelle?suche=HFK';
    let pages = 0;
    while (href && pages < 5) {
      const page = await web.get(href);
      assert.equal(page.status, 200, href);
      seen.push(...caseNumbers(page.body));
      pages++;
      href = link(page.body, 'next');
      if (href) assert.match(href, /suche=HFK/, 'the search is kept');
    }
    assert.equal(pages, 3);
    assert.deepEqual(seen, all, 'every case once');
  });
});
