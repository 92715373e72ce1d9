/**
 * The online application in Chromium: filled in with the keyboard and the mouse as a person would,
 * every page checked with axe-core in German and in Arabic, errors kept at the field, reflow at 320 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { pdfkitLetter } from '../../src/adapters/scan/test-support.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';

const skip = browserUnavailable();

async function checkBothLanguages(page: Page, label: string) {
  for (const lang of ['ar', 'de'] as const) {
    const url = new URL(page.url());
    url.searchParams.set('lang', lang);
    await page.goto(url.toString());
    assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
    assert.deepEqual(await axeViolations(page), [], `${label} (${lang})`);
  }
}

describe('online application in Chromium', { skip }, () => {
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

  test('every applicant page has no axe violation in German and Arabic, from start to receipt', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/antrag`);
    await checkBothLanguages(page, 'start');
    await page.goto(`${app.url}/antrag/selbstcheck?obliged=yes&nrw=no&present=unknown`);
    await checkBothLanguages(page, 'self-check result');
    await page.goto(`${app.url}/antrag`);
    await page.getByRole('button', { name: 'Antrag beginnen' }).click();
    await page.waitForURL('**/antrag/uebersicht');
    await checkBothLanguages(page, 'task list');

    // Persons: an empty save shows the error summary, focused, and errors at the fields.
    await page.goto(`${app.url}/antrag/personen`);
    await checkBothLanguages(page, 'persons (empty)');
    await page.getByRole('button', { name: 'Erste Person eintragen' }).click();
    await page.waitForURL(/\/antrag\/personen\/[0-9a-f-]+$/);
    // The error state in both languages (a language switch is a GET, so each is posted anew).
    for (const lang of ['ar', 'de'] as const) {
      const url = new URL(page.url());
      url.searchParams.set('lang', lang);
      await page.goto(url.toString());
      await page.locator('button[value="continue"]').click();
      await page.waitForSelector('#error-summary');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
      assert.deepEqual(await axeViolations(page), [], `person with errors (${lang})`);
    }
    await page
      .getByRole('link', { name: /Familiennamen/ })
      .first()
      .click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'familyName');

    await page.getByLabel('Familienname').fill('Özdemir');
    await page.getByLabel('Vornamen').fill('Ayşe');
    await page.getByLabel('Monat').first().fill('3');
    await page.getByLabel('Jahr').first().fill('1988');
    await page.getByLabel('Geburtsort').fill('Aleppo, Syrien');
    await page.getByLabel('Staatsangehörigkeit').selectOption('475');
    await page.getByLabel('Duldung', { exact: true }).check();
    await page.getByLabel('Straße').fill('Königsallee');
    await page.getByLabel('Hausnummer').fill('12');
    await page.getByLabel('Postleitzahl').fill('40213');
    await page.getByLabel('Ort', { exact: true }).fill('Düsseldorf');
    await page.getByRole('button', { name: 'Speichern und weiter' }).click();
    await page.waitForURL('**/antrag/personen');
    await checkBothLanguages(page, 'persons list');

    // Reflow: at 320 px nothing scrolls sideways.
    await page.setViewportSize({ width: 320, height: 800 });
    for (const path of [
      '/antrag/uebersicht',
      '/antrag/personen',
      '/antrag/vertretung',
      '/antrag/begruendung/texte',
    ]) {
      await page.goto(`${app.url}${path}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 320 px`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.goto(`${app.url}/antrag/vertretung`);
    await checkBothLanguages(page, 'representative');
    await page.getByLabel('Ich stelle den Antrag selbst (oder für meine Familie)').check();
    await page.getByRole('button', { name: 'Speichern und weiter' }).click();
    await page.waitForURL('**/antrag/uebersicht');

    await page.goto(`${app.url}/antrag/begruendung`);
    await checkBothLanguages(page, 'reasons overview');
    await page.goto(`${app.url}/antrag/fragen`);
    await checkBothLanguages(page, 'questions');
    for (const name of [
      'illness.answer',
      'employment.answer',
      'languageCertificates.answer',
      'volunteering.answer',
      'criminalProceedings.answer',
      'deportationDate.known',
    ]) {
      await page.locator(`input[name="${name}"][value="no"]`).check();
    }
    await page.getByRole('button', { name: 'Speichern und weiter' }).click();
    await page.waitForURL('**/antrag/begruendung');

    await page.goto(`${app.url}/antrag/begruendung/texte`);
    await checkBothLanguages(page, 'texts');
    // Autosave: typed text survives a reload without pressing a button.
    await page.locator('#lifeStory').pressSequentially('Wir kamen 2016.', { delay: 10 });
    await page.waitForFunction(() =>
      document.querySelector('[data-autosave-status]')?.textContent?.includes('gespeichert'),
    );
    await page.reload();
    assert.equal(await page.inputValue('#lifeStory'), 'Wir kamen 2016.');
    for (const id of ['lifeStory', 'familyTies', 'integration', 'humanitarianReasons']) {
      await page.locator(`#${id}`).fill(`Text zu ${id}: Wir leben seit 2016 in Düsseldorf.`);
    }
    await page.getByRole('button', { name: 'Speichern und weiter' }).click();
    await page.waitForURL('**/antrag/begruendung');

    await page.goto(`${app.url}/antrag/nachweise`);
    await checkBothLanguages(page, 'evidence');
    const statusNames = await page
      .locator('input[type="radio"][value="to_follow"]')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name));
    assert.ok(statusNames.length >= 2);
    for (const name of statusNames) await page.locator(`input[name="${name}"][value="to_follow"]`).check();
    await page.getByRole('button', { name: 'Speichern und weiter' }).click();
    await page.waitForURL('**/antrag/uebersicht');

    const itemLink = await page
      .goto(`${app.url}/antrag/nachweise`)
      .then(() => page.locator('a[href^="/antrag/nachweise/"]').first().getAttribute('href'));
    await page.goto(`${app.url}${itemLink}`);
    await checkBothLanguages(page, 'evidence item');
    // With JavaScript the file goes up resumably (tus), with progress, then the page shows it.
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(new URL(r.url()).pathname);
    });
    const pdf = await pdfkitLetter();
    await page.setInputFiles('#datei', {
      name: 'Nachweis mit Ümlaut.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await page.waitForURL(/hochgeladen=1/);
    assert.match((await page.textContent('main')) ?? '', /Nachweis mit Ümlaut\.pdf/);
    assert.ok(
      patches.length >= 1 && patches.every((p) => p.startsWith('/antrag/hochladen/tus/')),
      'sent with tus PATCHes',
    );
    assert.deepEqual(await axeViolations(page), [], 'item page after upload');

    await page.goto(`${app.url}/antrag/pruefen`);
    await checkBothLanguages(page, 'check answers');
    await page.getByRole('button', { name: 'Antrag verbindlich absenden' }).click();
    await page.waitForURL('**/antrag/bestaetigung?eingegangen=1');
    assert.match((await page.textContent('#case-number')) ?? '', /^HFK-\d{4}-\d{5}$/);
    await checkBothLanguages(page, 'confirmation');
    await page.goto(`${app.url}/antrag/zuruecknehmen`);
    await checkBothLanguages(page, 'withdraw');
    await context.close();
  });

  test('a wrong resume link gets a clear page without violations', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${app.url}/antrag/fortsetzen/${'x'.repeat(43)}`);
    assert.equal(response?.status(), 404);
    assert.match((await page.textContent('h1')) ?? '', /nicht gültig/);
    assert.deepEqual(await axeViolations(page), []);
    await context.close();
  });

  test('works without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${app.url}/antrag`);
    await page.getByRole('button', { name: 'Antrag beginnen' }).click();
    await page.waitForURL('**/antrag/uebersicht');
    await page.goto(`${app.url}/antrag/vertretung`);
    await page.getByLabel('Eine Beratungsstelle oder andere Organisation').check();
    await page.getByLabel('Name der Organisation').fill('Beratung e. V.');
    await page.getByRole('button', { name: 'Speichern und weiter' }).click();
    // Incomplete: the page comes back with the errors and what was typed.
    await page.waitForSelector('#error-summary');
    assert.equal(await page.inputValue('#organisationName'), 'Beratung e. V.');
    await context.close();
  });
});
