/**
 * The rendered component in Chromium, inside a minimal stand-in for the layout (document language,
 * title, `<main class="kern-container app-main">`, KERN and project styles): axe-core WCAG 2.1 A/AA
 * and reflow at 320 px. Skipped locally when Chromium is missing.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { render } from 'preact-render-to-string';
import { axeViolations, browserUnavailable, launchBrowser } from '../../../../test/support/browser.ts';
import { CONTENT_DIR } from './fixtures.ts';
import { loadServiceDescription } from './load.ts';
import { ServiceInfo } from './page.tsx';
import { SERVICE_DESCRIPTION_LANGUAGES, type ServiceDescriptionLanguage } from './schema.ts';

const require = createRequire(import.meta.url);
const KERN_CSS = require.resolve('@kern-ux/native/dist/kern.min.css');
/** The project styles the layout loads; `.app-main` makes long compound words wrap (WCAG 1.4.10). */
const APP_CSS = fileURLToPath(new URL('../../assets/app.css', import.meta.url));
const RTL_CSS = fileURLToPath(new URL('../../assets/rtl.css', import.meta.url));
const skip = browserUnavailable();

async function openPage(browser: Browser, lang: ServiceDescriptionLanguage, width = 1280): Promise<Page> {
  const d = await loadServiceDescription(CONTENT_DIR, lang);
  const body = render(<ServiceInfo description={d} />);
  // AxeBuilder needs a page from an explicit context.
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  // A stand-in for the real layout: document language, title and a <main> landmark.
  await page.setContent(
    `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${d.headings.start}</title></head>` +
      `<body><main id="main" class="kern-container app-main">${body}</main></body></html>`,
  );
  for (const path of [KERN_CSS, APP_CSS, ...(lang === 'ar' ? [RTL_CSS] : [])]) {
    if (existsSync(path)) await page.addStyleTag({ path });
  }
  return page;
}

describe('ServiceInfo in Chromium', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const lang of SERVICE_DESCRIPTION_LANGUAGES) {
    test(`axe finds no WCAG 2.1 A/AA violation (${lang})`, async () => {
      const page = await openPage(browser, lang);
      assert.deepEqual(await axeViolations(page), []);
      await page.context().close();
    });

    const noAppCss = existsSync(APP_CSS) ? false : `project styles missing (${APP_CSS})`;
    test(`reflows at 320 px without horizontal scrolling (${lang})`, { skip: noAppCss }, async () => {
      const page = await openPage(browser, lang, 320);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      const culprits = await page.evaluate(() =>
        [...document.querySelectorAll('main *')]
          .filter(
            (el) =>
              el.getBoundingClientRect().right > window.innerWidth + 1 ||
              el.getBoundingClientRect().left < -1,
          )
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').slice(0, 60)}`)
          .slice(0, 8),
      );
      assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px:\n${culprits.join('\n')}`);
      await page.context().close();
    });
  }

  test('the start link is keyboard reachable before the sections', async () => {
    const page = await openPage(browser, 'de');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), '/antrag');
    await page.context().close();
  });
});
