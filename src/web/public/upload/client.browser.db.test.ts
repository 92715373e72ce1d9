/**
 * client.js in Debian's Chromium against the real upload routes: tus with progress, resuming after a
 * reload, and the plain form when JavaScript is off. The page and the two scripts are served by test
 * routes here; wiring them into the real pages is not this module's job.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Route } from 'playwright-core';
import { axeViolations, browserUnavailable, launchBrowser } from '../../../../test/support/browser.ts';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db.ts';
import { createAgeBlobStore, generateIdentity } from '../../../adapters/files/age-blob-store.ts';
import { createTusBlobStore } from '../../../adapters/files/tus-store.ts';
import { loadDescriptions } from '../../../main/compose.ts';
import { buildApp } from '../../app.tsx';
import { type CompletedUpload, registerUploads } from './routes.ts';

const skip = browserUnavailable();
const MB = 1024 * 1024;
const TUS_JS = fileURLToPath(
  new URL('../../../../node_modules/tus-js-client/dist/tus.min.js', import.meta.url),
);
const CLIENT_JS = fileURLToPath(new URL('./client.js', import.meta.url));
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

const PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Nachweis hochladen</title></head><body><main>
<form data-upload method="post" action="/antrag/hochladen" enctype="multipart/form-data" data-max-bytes="${16 * MB}">
  <input type="hidden" name="kategorie" value="gesundheit">
  <label for="datei">Datei</label> <input type="file" id="datei" name="datei">
  <div data-upload-progress hidden><progress></progress><p data-upload-status></p></div>
  <button type="submit">Hochladen</button>
</form></main>
<script src="/pruefung/tus.min.js"></script><script src="/pruefung/upload.js"></script>
</body></html>`;

const TEXTS = JSON.stringify({
  errors: { type_not_allowed: 'Diese Art von Datei wird nicht angenommen.' },
  summary: '{ok} von {total} Dateien hochgeladen.',
});
const MULTI_PAGE = `<!doctype html>
<html lang="de"><head><meta charset="utf-8"><title>Mehrere Nachweise hochladen</title></head><body><main>
<h1>Nachweise</h1>
<form data-upload method="post" action="/antrag/hochladen" enctype="multipart/form-data" data-max-bytes="${16 * MB}"
  data-upload-texts='${TEXTS}'>
  <label for="datei">Dateien</label> <input type="file" id="datei" name="datei" multiple>
  <div data-upload-progress hidden></div>
  <button type="submit">Hochladen</button>
</form></main>
<script src="/pruefung/tus.min.js"></script><script src="/pruefung/upload.js"></script>
</body></html>`;

describe('client.js in Chromium', { skip }, () => {
  let db: TestDatabase;
  let dir: string;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  const completed: CompletedUpload[] = [];

  before(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'hfk-upload-browser-'));
    const blobs = createAgeBlobStore({ dir: join(dir, 'store'), identity: await generateIdentity() });
    app = await buildApp({
      publicUrl: 'http://localhost:3000',
      trustProxy: false,
      logger: false,
      descriptions: await loadDescriptions(),
      ready: async () => true,
    });
    await registerUploads(app, {
      basePath: '/antrag/hochladen',
      store: createTusBlobStore({ db: db.db, blobs, maxBytes: 16 * MB }),
      maxBytes: 16 * MB,
      authorize: async (request) => request.cookies.entwurf ?? null,
      onComplete: async (upload) => {
        completed.push(upload);
        // As the wizard refuses a file by its content: the code, and where a lone file would go.
        if (upload.fileName === 'falsch.pdf')
          return { documentId: '', redirect: '/pruefung/fertig?fehler=1', error: 'type_not_allowed' };
        return { documentId: `doc-${completed.length}`, redirect: '/pruefung/fertig' };
      },
    });
    app.get('/pruefung/seite', (_request, reply) =>
      // Under the app's Referrer-Policy no-referrer, Chromium posts a form with `Origin: null` (and
      // Sec-Fetch-Site: same-origin), which isCrossSiteRequest refuses: a finding for the app, not for
      // this module, so this page sends the origin.
      reply.header('referrer-policy', 'same-origin').type('text/html; charset=utf-8').send(PAGE),
    );
    app.get('/pruefung/mehrere', (_request, reply) =>
      reply.header('referrer-policy', 'same-origin').type('text/html; charset=utf-8').send(MULTI_PAGE),
    );
    app.get('/pruefung/fertig', (_request, reply) =>
      reply.type('text/html; charset=utf-8').send('<p>fertig</p>'),
    );
    app.get('/pruefung/tus.min.js', async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').send(await readFile(TUS_JS)),
    );
    app.get('/pruefung/upload.js', async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').send(await readFile(CLIENT_JS)),
    );
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function pageFor(owner: string, javaScriptEnabled = true, path = '/pruefung/seite') {
    const context = await browser.newContext({ javaScriptEnabled });
    await context.addCookies([{ name: 'entwurf', value: owner, url: base }]);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}${path}`);
    return { context, page, errors };
  }

  test('several files: one after another, a progress bar and a result line each, a refused one named', async () => {
    const good1 = randomBytes(6 * MB);
    const bad = randomBytes(1000);
    const good2 = randomBytes(300 * 1024);
    const paths = [join(dir, 'seite1.pdf'), join(dir, 'falsch.pdf'), join(dir, 'seite2.pdf')];
    await Promise.all([
      writeFile(paths[0] ?? '', good1),
      writeFile(paths[1] ?? '', bad),
      writeFile(paths[2] ?? '', good2),
    ]);
    const { context, page, errors } = await pageFor('draft-browser-multi', true, '/pruefung/mehrere');
    const before = completed.length;
    // Never two uploads at once: each POST (creation) comes after the previous upload's last PATCH.
    const order: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/tus')) order.push(r.method());
    });
    await page.setInputFiles('#datei', paths);
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-upload-summary]');
    assert.deepEqual(errors, []);
    const items = await page.$$eval('[data-upload-list] li', (lis) =>
      lis.map((li) => ({
        label: li.querySelector('progress')?.getAttribute('aria-label'),
        value: (li.querySelector('progress') as HTMLProgressElement | null)?.value,
        result: li.getAttribute('data-upload-result'),
        text: li.querySelector('[data-upload-status]')?.textContent,
      })),
    );
    assert.deepEqual(items, [
      { label: 'Fortschritt: seite1.pdf', value: 100, result: 'ok', text: 'seite1.pdf: hochgeladen.' },
      {
        label: 'Fortschritt: falsch.pdf',
        value: 100,
        result: 'refused',
        text: 'falsch.pdf: Diese Art von Datei wird nicht angenommen.',
      },
      { label: 'Fortschritt: seite2.pdf', value: 100, result: 'ok', text: 'seite2.pdf: hochgeladen.' },
    ]);
    assert.match((await page.textContent('[data-upload-summary]')) ?? '', /2 von 3 Dateien hochgeladen\./);
    assert.equal(page.url(), `${base}/pruefung/mehrere`, 'the results stay on the page');
    const posts = order.map((m, i) => (m === 'POST' ? i : -1)).filter((i) => i >= 0);
    assert.equal(posts.length, 3);
    assert.deepEqual(
      completed.slice(before).map((c) => [c.fileName, c.sha256]),
      [
        ['seite1.pdf', sha256(good1)],
        ['falsch.pdf', sha256(bad)],
        ['seite2.pdf', sha256(good2)],
      ],
      'in the order chosen',
    );
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test('uploads with tus in chunks, shows progress, follows the redirect', async () => {
    const data = randomBytes(12 * MB);
    const file = join(dir, 'befund.pdf');
    await writeFile(file, data);
    const { context, page, errors } = await pageFor('draft-browser-1');
    let patches = 0;
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches += 1;
    });
    await page.setInputFiles('#datei', file);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${base}/pruefung/fertig`);
    assert.deepEqual(errors, []);
    assert.equal(patches, 3, '5 + 5 + 2 MB');
    const done = completed.at(-1);
    assert.equal(done?.sha256, sha256(data));
    assert.equal(done?.fileName, 'befund.pdf');
    assert.equal(done?.declaredType, 'application/pdf');
    assert.deepEqual(done?.metadata, { kategorie: 'gesundheit' });
    await context.close();
  });

  test('after a reload mid-upload the same file continues where the server stopped', async () => {
    const data = randomBytes(12 * MB);
    const file = join(dir, 'pass.jpg');
    await writeFile(file, data);
    const owner = 'draft-browser-2';
    const { context, page, errors } = await pageFor(owner);
    let patches = 0;
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The second chunk never arrives: as if the network died after the first.
    await page.route('**/antrag/hochladen/tus/*', async (route: Route) => {
      if (route.request().method() === 'PATCH' && ++patches === 2) {
        await held;
        await route.abort().catch(() => undefined);
        return;
      }
      await route.continue();
    });
    await page.setInputFiles('#datei', file);
    await page.click('button[type="submit"]');
    // Polled from here: the page's CSP (rightly) forbids evaluating strings in it.
    for (let i = 0; i < 500 && Number(await page.locator('progress').getAttribute('value')) < 40; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.ok(Number(await page.locator('progress').getAttribute('value')) >= 40, 'the first 5 MB are shown');
    const status = page.locator('[data-upload-status]');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    assert.match((await status.textContent()) ?? '', /% hochgeladen/);
    assert.equal(await page.locator('[data-upload-progress]').isVisible(), true);
    assert.equal(
      await page.locator('button[type="submit"]').isDisabled(),
      true,
      'no second submit meanwhile',
    );

    await page.unrouteAll({ behavior: 'ignoreErrors' });
    release();
    await page.reload();
    await page.setInputFiles('#datei', file);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${base}/pruefung/fertig`);
    assert.deepEqual(errors, []);

    const rows = await db.db.selectFrom('uploads').select(['id']).where('owner_id', '=', owner).execute();
    assert.equal(rows.length, 1, 'the upload was resumed, not started again');
    const done = completed.at(-1);
    assert.equal(done?.uploadId, rows[0]?.id);
    assert.equal(done?.sha256, sha256(data));
    await context.close();
  });

  test('without JavaScript the same form posts the file and lands on the next page', async () => {
    const data = randomBytes(2 * MB);
    const file = join(dir, 'bescheid.pdf');
    await writeFile(file, data);
    const { context, page } = await pageFor('draft-browser-3', false);
    await page.setInputFiles('#datei', file);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${base}/pruefung/fertig`);
    const done = completed.at(-1);
    assert.equal(done?.ownerId, 'draft-browser-3');
    assert.equal(done?.sha256, sha256(data));
    assert.deepEqual(done?.metadata, { kategorie: 'gesundheit' });
    await context.close();
  });
});
