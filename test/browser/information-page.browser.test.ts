import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';

const skip = browserUnavailable();

describe('service information page in Chromium', { skip }, () => {
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const path of ['/', '/barrierefreiheit', '/datenschutz', '/impressum', '/antrag', '/gibt-es-nicht']) {
    for (const lang of ['de', 'ar'] as const) {
      test(`axe finds no WCAG 2.1 A/AA violation on ${path} (${lang})`, async () => {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${app.url}${path}?lang=${lang}`);
        assert.deepEqual(await axeViolations(page), []);
        await context.close();
      });
    }
  }

  test('the German page shows the service description with restored umlauts', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.url}/`);
    assert.equal(response?.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
    const h1 = await page.textContent('h1');
    assert.match(h1 ?? '', /Härtefällen/);
    const body = await page.textContent('main');
    assert.match(body ?? '', /Ausländerbehörde/);
    assert.ok(await page.locator('a[href^="https://www.gesetze-im-internet.de/"]').count());
    await page.close();
  });

  test('the Arabic page renders right to left and keeps the choice', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/?lang=ar`);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    const direction = await page.evaluate(() => getComputedStyle(document.body).direction);
    assert.equal(direction, 'rtl');
    await page.goto(`${app.url}/barrierefreiheit`);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl', 'language kept by cookie');
    await context.close();
  });

  test('works without JavaScript, and the skip link is the first keyboard stop', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    assert.equal(focused, '#main');
    await page.keyboard.press('Enter');
    // Following the link changes the URL asynchronously; on a loaded machine after press() returns.
    await page.waitForURL(/#main$/, { timeout: 10_000 });
    assert.ok(page.url().endsWith('#main'));
    await context.close();
  });

  test('the page reflows at 320 px without horizontal scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 640 } });
    await page.goto(`${app.url}/`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName}.${el.className}`),
    );
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px: ${wide.join(', ')}`);
    await page.close();
  });
});
