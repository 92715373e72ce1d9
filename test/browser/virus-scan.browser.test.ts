/**
 * Virus scanning as the applicant meets it, in Chromium against the composed app and a private clamd:
 * with JavaScript (tus through client.js) the refused file's line names the reason, and axe-core finds no
 * violation on the page. (The page without JavaScript is checked over HTTP in test/security/uploads.db.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { draftUpToEvidence } from '../support/applicant.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';
import { type Clamd, clamdSkipReason, EICAR, startClamd } from '../support/clamd.ts';
import { WebClient } from '../support/web-client.ts';

const skip = browserUnavailable() || clamdSkipReason();
const INFECTED = 'Die Datei enthält Schadsoftware und wurde nicht angenommen.';

describe('virus scanning in Chromium', { skip }, () => {
  let clamd: Clamd;
  let app: TestApp;
  let browser: Browser;
  let web: WebClient;
  let itemUrl = '';

  before(async () => {
    clamd = await startClamd();
    app = await startTestApp({ MASTER_KEY: await generateIdentity(), ...clamd.env });
    web = new WebClient(app.url);
    const school = (await draftUpToEvidence(web)).find((id) => id.startsWith('school')) ?? '';
    itemUrl = `${app.url}/antrag/nachweise/${encodeURIComponent(school)}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await clamd?.stop();
  });

  async function applicantContext(): Promise<BrowserContext> {
    const context = await browser.newContext();
    await context.addCookies(
      [...web.cookies].map(([name, value]) => ({ name, value, url: `${app.url}/antrag/` })),
    );
    return context;
  }

  const file = { name: 'Zeugnis.pdf', mimeType: 'application/pdf', buffer: EICAR };

  test('with JavaScript (tus): the file is refused and its line says why', async () => {
    const context = await applicantContext();
    const page = await context.newPage();
    await page.goto(itemUrl);
    await page.setInputFiles('form[data-upload] input[type="file"]', file);
    await page.click('form[data-upload] button[type="submit"]');
    await page.waitForFunction(
      (text) => (document.querySelector('main')?.textContent ?? '').includes(text),
      INFECTED,
      { timeout: 20_000 },
    );
    assert.deepEqual(await axeViolations(page), [], 'page with the refused file');
    await context.close();
  });
});
