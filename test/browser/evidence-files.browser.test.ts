/**
 * The pages around evidence files in Chromium, checked with axe-core: the item page with thumbnails and
 * several files, the page that combines photos into a PDF (with an error, in German and Arabic), and the
 * office's preview of a document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { draftUpToEvidence } from '../support/applicant.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import { createStaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const skip = browserUnavailable();
const photo = (background: string) =>
  sharp({ create: { width: 400, height: 600, channels: 3, background } })
    .jpeg()
    .toBuffer();

async function checkBothLanguages(page: Page, label: string) {
  for (const lang of ['ar', 'de'] as const) {
    const url = new URL(page.url());
    url.searchParams.set('lang', lang);
    await page.goto(url.toString());
    assert.deepEqual(await axeViolations(page), [], `${label} (${lang})`);
  }
}

describe('evidence file pages in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  let masterKey: string;
  let school = '';
  const applicant = () => web;
  let web: WebClient;

  before(async () => {
    masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    web = new WebClient(app.url);
    school = (await draftUpToEvidence(web)).find((id) => id.startsWith('school')) ?? '';
    const up = await web.uploadFiles('/antrag/hochladen', { evidenceItem: school }, [
      { field: 'datei', name: 'Seite 1.jpg', type: 'image/jpeg', bytes: await photo('#ccddee') },
      { field: 'datei', name: 'Seite 2.jpg', type: 'image/jpeg', bytes: await photo('#eeddcc') },
    ]);
    assert.equal(up.status, 303);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function applicantPage() {
    const context = await browser.newContext();
    await context.addCookies(
      [...applicant().cookies].map(([name, value]) => ({ name, value, url: `${app.url}/antrag/` })),
    );
    return { context, page: await context.newPage() };
  }

  test('item page with thumbnails, combine page with an error, then the combined PDF', async () => {
    const { context, page } = await applicantPage();
    const item = `${app.url}/antrag/nachweise/${encodeURIComponent(school)}`;
    await page.goto(item);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('img.app-thumbnail')].every((i) => (i as HTMLImageElement).complete),
    );
    const loaded = await page.$$eval('img.app-thumbnail', (imgs) =>
      imgs.map((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
    );
    assert.deepEqual(loaded, [true, true], 'both thumbnails render');
    await checkBothLanguages(page, 'evidence item with thumbnails');
    await page.click('text=Fotos zu einem PDF zusammenfassen');
    await checkBothLanguages(page, 'combine photos');
    // Only one photo chosen: the error at the field and in the summary.
    await page.locator('input[name="bild"]').nth(1).uncheck();
    await page.click('button:has-text("PDF erstellen")');
    assert.match((await page.textContent('main')) ?? '', /mindestens zwei Fotos/);
    await checkBothLanguages(page, 'combine photos with an error');
    await page.locator('input[name="bild"]').nth(1).check();
    await page.click('button:has-text("PDF erstellen")');
    await page.waitForURL(/zusammengefasst=1/);
    assert.match((await page.textContent('main')) ?? '', /Seite 1\.pdf/);
    await context.close();
  });

  test("the office's preview of a document has no axe violation", async () => {
    const evidence = await web.get('/antrag/nachweise');
    const items = [
      ...new Set([...evidence.body.matchAll(/name="evidence\.([^"]+)\.status"/g)].map((m) => m[1] ?? '')),
    ];
    const statuses = Object.fromEntries(
      items.map((id) => [`evidence.${id}.status`, id === school ? 'provided' : 'to_follow']),
    );
    assert.equal((await web.post('/antrag/nachweise', { ...statuses, action: 'continue' })).status, 303);
    assert.equal((await web.post('/antrag/absenden')).status, 303);
    const { id: caseId } = await app.database.db.selectFrom('cases').select('id').executeTakeFirstOrThrow();
    const doc = await app.database.db
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', caseId)
      .where('file_name', '=', 'Seite 1.pdf')
      .executeTakeFirstOrThrow();
    const clerk = await createStaffUser(
      app.database,
      { email: 'vorschau-browser@example.org', name: 'Vorschau', role: 'office_clerk' },
      { masterKey },
    );
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/anmelden`);
    await page.fill('input[name="email"]', clerk.email);
    await page.fill('input[name="password"]', clerk.password);
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/anmelden\/code/);
    await page.fill('input[name="code"]', await totpCode(clerk, new Date()));
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => !url.pathname.startsWith('/anmelden'));
    await page.goto(`${app.url}/geschaeftsstelle/faelle/${caseId}`);
    await page.click(`a[href$="/dokumente/${doc.id}/vorschau"]`);
    await page.waitForSelector('img.app-preview-page');
    await page.waitForFunction(() =>
      [...document.querySelectorAll('img.app-preview-page')].every((i) => (i as HTMLImageElement).complete),
    );
    const pages = await page.$$eval('img.app-preview-page', (imgs) =>
      imgs.map((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
    );
    assert.deepEqual(pages, [true, true], 'two page pictures');
    assert.deepEqual(await axeViolations(page), [], 'office preview');
    await context.close();
  });
});
