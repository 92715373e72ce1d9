/**
 * Every form component on one fixture page, in error state, in German and in Arabic (right to left),
 * rendered in Chromium with the real KERN assets: axe-core, error wiring, focus from the error summary,
 * conditional content without JavaScript, reflow at 320 px.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { type ComponentChildren, type ComponentType, h, type JSX } from 'preact';
import { translator } from '../../src/web/i18n.ts';
import {
  Button,
  ButtonGroup,
  Checkboxes,
  DateInput,
  Details,
  dateInputTarget,
  ErrorSummary,
  Fieldset,
  fieldId,
  InsetText,
  NotificationBanner,
  Panel,
  Radios,
  Select,
  SummaryList,
  TaskList,
  TextArea,
  TextInput,
} from '../../src/web/views/form.tsx';
import { Layout } from '../../src/web/views/layout.tsx';
import { renderPage } from '../../src/web/views/render.ts';
import { axeViolations, browserUnavailable, launchBrowser } from '../support/browser.ts';

const skip = browserUnavailable();

const KERN_DIST = fileURLToPath(new URL('../../node_modules/@kern-ux/native/dist/', import.meta.url));
const ARABIC_FONTS = fileURLToPath(
  new URL('../../node_modules/@fontsource/noto-sans-arabic/files/', import.meta.url),
);
const OWN_ASSETS = fileURLToPath(new URL('../../src/web/assets/', import.meta.url));

/** What a typing user might leave in a field: it must come back as text. */
const HOSTILE = '"><img src=x onerror=1><script>alert(1)</script>';

const TEXTS = {
  de: {
    title: 'Formularbausteine',
    summaryTitle: 'Es gibt ein Problem',
    errorPrefix: 'Fehler:',
    givenName: 'Vorname',
    givenNameHint: 'Wie im Pass oder Passersatz',
    givenNameError: 'Geben Sie Ihren Vornamen ein',
    story: 'Beschreiben Sie Ihre Situation',
    storyHint: 'In Ihren eigenen Worten. Sie können den Text später ergänzen.',
    storyCount: 'Noch 19.800 Zeichen',
    storyError: 'Beschreiben Sie Ihre Situation',
    birthDate: 'Geburtsdatum',
    birthDateHint: 'Zum Beispiel 27 3 1990. Tag und Monat können Sie leer lassen, wenn Sie sie nicht kennen.',
    birthDateError: 'Der Monat muss zwischen 1 und 12 liegen',
    day: 'Tag',
    month: 'Monat',
    year: 'Jahr',
    passport: 'Haben Sie einen Pass?',
    passportHint: 'Auch ein abgelaufener Pass zählt.',
    passportError: 'Wählen Sie „Ja“, wenn Sie einen Pass haben',
    yes: 'Ja',
    no: 'Nein',
    passportNumber: 'Passnummer',
    contact: 'Wie sollen wir Sie erreichen?',
    email: 'E-Mail',
    emailAddress: 'E-Mail-Adresse',
    emailError: 'Geben Sie eine E-Mail-Adresse im richtigen Format ein, zum Beispiel name@example.de',
    post: 'Brief',
    postHint: 'An die Anschrift, die Sie angeben',
    languages: 'Welche Sprachen sprechen Sie?',
    languagesHint: 'Wählen Sie alle zutreffenden aus.',
    languagesError: 'Wählen Sie mindestens eine Sprache aus',
    arabic: 'Arabisch',
    german: 'Deutsch',
    english: 'Englisch',
    nationality: 'Staatsangehörigkeit',
    nationalityError: 'Wählen Sie Ihre Staatsangehörigkeit aus',
    pleaseChoose: 'Bitte auswählen',
    countries: ['Afghanistan', 'Irak', 'Syrien', 'Staatenlos', 'Ungeklärt'],
    address: 'Anschrift in Nordrhein-Westfalen',
    addressHint: 'Wo Sie zurzeit wohnen.',
    street: 'Straße und Hausnummer',
    postcode: 'Postleitzahl',
    details: 'Hilfe beim Ausfüllen',
    detailsText: 'Die Beratungsstellen der Wohlfahrtsverbände helfen kostenlos.',
    inset: 'Ihre Angaben werden erst mit dem Absenden an die Geschäftsstelle übermittelt.',
    infoTitle: 'Wichtig',
    infoText: 'Ihre Sitzung endet nach 60 Minuten ohne Eingabe; Ihre Angaben bleiben gespeichert.',
    successTitle: 'Gespeichert',
    successText: 'Ihre Angaben zur Person wurden gespeichert.',
    tasks: ['Angaben zur Person', 'Familienangehörige', 'Nachweise hochladen', 'Antrag absenden'],
    taskHint: 'Ehepartner, Kinder und weitere Angehörige in Deutschland',
    statuses: ['Erledigt', 'Begonnen', 'Nicht begonnen', 'Noch nicht möglich'],
    change: 'Ändern',
    panelTitle: 'Antrag eingereicht',
    panelText: 'Ihr Aktenzeichen',
    continue: 'Speichern und weiter',
    later: 'Speichern und später weitermachen',
    cancel: 'Abbrechen',
  },
  ar: {
    title: 'مكونات النموذج',
    summaryTitle: 'هناك مشكلة',
    errorPrefix: 'خطأ:',
    givenName: 'الاسم الأول',
    givenNameHint: 'كما هو مكتوب في جواز السفر أو الوثيقة البديلة',
    givenNameError: 'أدخل اسمك الأول',
    story: 'صف وضعك',
    storyHint: 'بكلماتك الخاصة. يمكنك إكمال النص لاحقًا.',
    storyCount: 'يتبقى 19800 حرف',
    storyError: 'صف وضعك',
    birthDate: 'تاريخ الميلاد',
    birthDateHint: 'مثال: 27 3 1990. يمكنك ترك اليوم والشهر فارغين إذا كنت لا تعرفهما.',
    birthDateError: 'يجب أن يكون الشهر بين 1 و12',
    day: 'اليوم',
    month: 'الشهر',
    year: 'السنة',
    passport: 'هل لديك جواز سفر؟',
    passportHint: 'يُحتسب أيضًا جواز السفر منتهي الصلاحية.',
    passportError: 'اختر «نعم» إذا كان لديك جواز سفر',
    yes: 'نعم',
    no: 'لا',
    passportNumber: 'رقم جواز السفر',
    contact: 'كيف نتواصل معك؟',
    email: 'البريد الإلكتروني',
    emailAddress: 'عنوان البريد الإلكتروني',
    emailError: 'أدخل عنوان بريد إلكتروني بالصيغة الصحيحة، مثل name@example.de',
    post: 'رسالة بريدية',
    postHint: 'إلى العنوان الذي تذكره',
    languages: 'ما اللغات التي تتحدثها؟',
    languagesHint: 'اختر كل ما ينطبق.',
    languagesError: 'اختر لغة واحدة على الأقل',
    arabic: 'العربية',
    german: 'الألمانية',
    english: 'الإنجليزية',
    nationality: 'الجنسية',
    nationalityError: 'اختر جنسيتك',
    pleaseChoose: 'يرجى الاختيار',
    countries: ['أفغانستان', 'العراق', 'سوريا', 'عديم الجنسية', 'غير محددة'],
    address: 'العنوان في شمال الراين - وستفاليا',
    addressHint: 'مكان سكنك الحالي.',
    street: 'الشارع ورقم المنزل',
    postcode: 'الرمز البريدي',
    details: 'مساعدة في ملء النموذج',
    detailsText: 'تساعدك مراكز الاستشارة التابعة لجمعيات الرعاية مجانًا.',
    inset: 'لن تُرسل بياناتك إلى المكتب إلا عند الإرسال.',
    infoTitle: 'مهم',
    infoText: 'تنتهي جلستك بعد 60 دقيقة دون إدخال؛ وتبقى بياناتك محفوظة.',
    successTitle: 'تم الحفظ',
    successText: 'تم حفظ بياناتك الشخصية.',
    tasks: ['البيانات الشخصية', 'أفراد الأسرة', 'رفع المستندات', 'إرسال الطلب'],
    taskHint: 'الزوج أو الزوجة والأطفال والأقارب الآخرون في ألمانيا',
    statuses: ['مكتمل', 'قيد التنفيذ', 'لم يبدأ', 'لا يمكن البدء بعد'],
    change: 'تغيير',
    panelTitle: 'تم تقديم الطلب',
    panelText: 'رقم ملفك',
    continue: 'حفظ ومتابعة',
    later: 'حفظ والمتابعة لاحقًا',
    cancel: 'إلغاء',
  },
} as const;

type Lang = keyof typeof TEXTS;

/** `h` for components whose props require children: hands the children in as the prop. */
function el<P extends { children?: ComponentChildren }>(
  type: ComponentType<P>,
  props: Omit<P, 'children'> | null,
  ...children: ComponentChildren[]
): JSX.Element {
  return h(type, { ...props, children } as P);
}

const BIRTH_DATE = fieldId('persons.0.birthDate');

/** The fields in error and the id each summary link must move focus to. */
function fixtureErrors(x: (typeof TEXTS)[Lang]) {
  return [
    { field: fieldId('persons.0.givenName'), message: x.givenNameError },
    { field: fieldId('story'), message: x.storyError },
    { field: dateInputTarget(BIRTH_DATE, ['month']), message: x.birthDateError },
    { field: fieldId('hasPassport'), message: x.passportError },
    { field: fieldId('contact.email'), message: x.emailError },
    { field: fieldId('languages'), message: x.languagesError },
    { field: fieldId('nationality'), message: x.nationalityError },
  ];
}

function fixturePage(lang: Lang): string {
  const x = TEXTS[lang];
  const errors = fixtureErrors(x);
  const msg = (field: string) => errors.find((e) => e.field === field)?.message;
  const ctx = { lang, t: translator(lang), path: '/fixture' };
  const page = el(
    Layout,
    { ctx, title: x.title },
    h(ErrorSummary, { title: x.summaryTitle, errors }),
    el(
      NotificationBanner,
      { title: x.infoTitle, id: 'banner-info' },
      h('p', { class: 'kern-body' }, x.infoText),
    ),
    el(
      NotificationBanner,
      { title: x.successTitle, kind: 'success', id: 'banner-success' },
      h('p', { class: 'kern-body' }, x.successText),
    ),
    h('h1', { class: 'kern-heading-x-large' }, x.title),
    h(
      'form',
      { method: 'post', action: '/fixture', novalidate: true },
      h(TextInput, {
        id: fieldId('persons.0.givenName'),
        name: 'persons.0.givenName',
        label: x.givenName,
        hint: x.givenNameHint,
        value: HOSTILE,
        error: x.givenNameError,
        errorPrefix: x.errorPrefix,
        autocomplete: 'given-name',
        spellcheck: false,
        dir: 'auto',
        width: '20',
      }),
      h(TextArea, {
        id: fieldId('story'),
        name: 'story',
        label: x.story,
        hint: x.storyHint,
        value: `${HOSTILE}\n${x.storyHint}`,
        error: x.storyError,
        errorPrefix: x.errorPrefix,
        maxLength: 20000,
        countText: x.storyCount,
      }),
      h(DateInput, {
        id: BIRTH_DATE,
        name: 'persons.0.birthDate',
        legend: x.birthDate,
        hint: x.birthDateHint,
        value: { month: '13', year: '1990' },
        error: x.birthDateError,
        errorPrefix: x.errorPrefix,
        errorParts: ['month'],
        labels: { day: x.day, month: x.month, year: x.year },
        autocomplete: 'bday',
      }),
      h(Radios, {
        id: fieldId('hasPassport'),
        name: 'hasPassport',
        legend: x.passport,
        hint: x.passportHint,
        error: x.passportError,
        errorPrefix: x.errorPrefix,
        legendAsHeading: false,
        options: [
          {
            value: 'yes',
            label: x.yes,
            conditional: h(TextInput, {
              id: 'passportNumber',
              name: 'passportNumber',
              label: x.passportNumber,
            }),
          },
          { value: 'no', label: x.no },
        ],
      }),
      h(Radios, {
        id: fieldId('contact.channel'),
        name: 'contact.channel',
        legend: x.contact,
        value: 'email',
        options: [
          {
            value: 'email',
            label: x.email,
            conditional: h(TextInput, {
              id: fieldId('contact.email'),
              name: 'contact.email',
              label: x.emailAddress,
              type: 'email',
              autocomplete: 'email',
              spellcheck: false,
              value: 'amal@',
              error: msg(fieldId('contact.email')),
              errorPrefix: x.errorPrefix,
            }),
          },
          { value: 'post', label: x.post, hint: x.postHint },
        ],
      }),
      h(Checkboxes, {
        id: fieldId('languages'),
        name: 'languages',
        legend: x.languages,
        hint: x.languagesHint,
        error: x.languagesError,
        errorPrefix: x.errorPrefix,
        values: [],
        options: [
          { value: 'ar', label: x.arabic },
          { value: 'de', label: x.german },
          { value: 'en', label: x.english },
        ],
      }),
      h(Select, {
        id: fieldId('nationality'),
        name: 'nationality',
        label: x.nationality,
        placeholder: x.pleaseChoose,
        error: x.nationalityError,
        errorPrefix: x.errorPrefix,
        options: x.countries.map((label, i) => ({ value: `c${i}`, label })),
      }),
      el(
        Fieldset,
        { id: 'address', legend: x.address, hint: x.addressHint },
        h(TextInput, {
          id: 'street',
          name: 'address.street',
          label: x.street,
          autocomplete: 'street-address',
        }),
        h(TextInput, {
          id: 'postcode',
          name: 'address.postcode',
          label: x.postcode,
          autocomplete: 'postal-code',
          inputMode: 'numeric',
          width: '5',
          value: '40213',
        }),
      ),
      el(Details, { summary: x.details }, h('p', { class: 'kern-body' }, x.detailsText)),
      el(InsetText, null, x.inset),
      el(
        ButtonGroup,
        null,
        el(Button, null, x.continue),
        el(Button, { variant: 'secondary', name: 'action', value: 'later' }, x.later),
        el(Button, { variant: 'tertiary', href: '/' }, x.cancel),
      ),
    ),
    h(TaskList, {
      items: [
        { id: 'task-person', title: x.tasks[0], href: '/a', status: 'completed', statusText: x.statuses[0] },
        {
          id: 'task-family',
          title: x.tasks[1],
          href: '/b',
          status: 'in_progress',
          statusText: x.statuses[1],
          hint: x.taskHint,
        },
        {
          id: 'task-documents',
          title: x.tasks[2],
          href: '/c',
          status: 'not_started',
          statusText: x.statuses[2],
        },
        { id: 'task-submit', title: x.tasks[3], status: 'cannot_start_yet', statusText: x.statuses[3] },
      ],
    }),
    h(SummaryList, {
      rows: [
        {
          key: x.givenName,
          value: 'Amal',
          change: { href: '/a#persons-0-givenName', text: x.change, visuallyHiddenText: x.givenName },
        },
        {
          key: x.address,
          value: h('p', { class: 'kern-body' }, 'Königsallee 1', h('br', null), '40212 Düsseldorf'),
          change: { href: '/a#street', text: x.change, visuallyHiddenText: x.address },
        },
        { key: x.nationality, value: x.countries[2] },
      ],
    }),
    el(
      Panel,
      { title: x.panelTitle, headingLevel: 2 },
      `${x.panelText}: `,
      h('strong', null, 'HFK-2026-000123'),
    ),
  );
  const html = renderPage(page);
  // The layout links form.css once the pages use it; until then the fixture adds it itself.
  return html.includes('/assets/form.css')
    ? html
    : html.replace('</head>', '<link rel="stylesheet" href="/assets/form.css"/></head>');
}

async function startFixtureApp(): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({ logger: false });
  await app.register(fastifyStatic, { root: KERN_DIST, prefix: '/assets/kern/', index: false });
  await app.register(fastifyStatic, {
    root: ARABIC_FONTS,
    prefix: '/assets/fonts/noto-sans-arabic/',
    decorateReply: false,
    index: false,
  });
  await app.register(fastifyStatic, {
    root: OWN_ASSETS,
    prefix: '/assets/',
    decorateReply: false,
    index: false,
  });
  app.get('/fixture', async (request, reply) => {
    const lang: Lang = (request.query as { lang?: string }).lang === 'ar' ? 'ar' : 'de';
    return reply
      .type('text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'",
      )
      .send(fixturePage(lang));
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url };
}

/** Chromium's own accessible description of the element (what a screen reader is given). */
async function accessibleDescription(page: Page, selector: string): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
  await cdp.detach();
  const description = nodes[0]?.description?.value;
  return typeof description === 'string' ? description : '';
}

describe('form components in Chromium', { skip }, () => {
  let fixture: { app: FastifyInstance; url: string };
  let browser: Browser;
  before(async () => {
    fixture = await startFixtureApp();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await fixture?.app.close();
  });

  for (const lang of ['de', 'ar'] as const) {
    const x = TEXTS[lang];
    const pageUrl = () => `${fixture.url}/fixture?lang=${lang}`;

    test(`axe finds no WCAG 2.1 A/AA violation (${lang})`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      await page.goto(pageUrl());
      assert.equal(await page.getAttribute('html', 'dir'), lang === 'ar' ? 'rtl' : 'ltr');
      assert.deepEqual(failed, [], 'every asset loads');
      assert.equal(
        await page.evaluate(
          () => getComputedStyle(document.querySelector('.app-panel') as Element).textAlign,
        ),
        'center',
        'form.css is applied',
      );
      assert.deepEqual(await axeViolations(page), []);
      await context.close();
    });

    test(`each error message is tied to its field (${lang})`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(pageUrl());
      const wiring = await page.evaluate(() => {
        const problems: string[] = [];
        for (const el of document.querySelectorAll('[aria-describedby]')) {
          for (const id of (el.getAttribute('aria-describedby') ?? '').split(/\s+/)) {
            if (!document.getElementById(id)) problems.push(`${el.id || el.tagName}: no element #${id}`);
          }
        }
        for (const error of document.querySelectorAll('.kern-error')) {
          const users = [...document.querySelectorAll('[aria-describedby]')].filter((el) =>
            (el.getAttribute('aria-describedby') ?? '').split(/\s+/).includes(error.id),
          );
          if (users.length !== 1) problems.push(`#${error.id} described ${users.length} elements`);
        }
        const links = [...document.querySelectorAll<HTMLAnchorElement>('#error-summary a')].map((a) => {
          const target = document.getElementById(decodeURIComponent(a.hash.slice(1)));
          const describing = [target, target?.closest('fieldset')].filter(Boolean) as Element[];
          const described = describing
            .flatMap((el) => (el.getAttribute('aria-describedby') ?? '').split(/\s+/))
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' | ');
          return {
            href: a.hash,
            message: a.textContent ?? '',
            tag: target?.tagName ?? 'none',
            type: target?.getAttribute('type') ?? '',
            invalid: target?.getAttribute('aria-invalid') ?? null,
            described,
          };
        });
        return { problems, links };
      });
      assert.deepEqual(wiring.problems, []);
      assert.equal(wiring.links.length, fixtureErrors(x).length);
      for (const link of wiring.links) {
        assert.match(link.tag, /^(INPUT|TEXTAREA|SELECT)$/, `${link.href} points to a control`);
        assert.ok(link.described.includes(link.message), `${link.href} is described by "${link.message}"`);
        assert.ok(link.described.includes(x.errorPrefix), `${link.href}: the prefix is read out`);
      }
      // Text fields and selects are marked invalid; radios and checkboxes through their fieldset's description.
      for (const link of wiring.links.filter((l) => !['radio', 'checkbox'].includes(l.type))) {
        assert.equal(link.invalid, 'true', `${link.href} is aria-invalid`);
      }

      // What Chromium hands to a screen reader.
      const description = await accessibleDescription(page, `#${fieldId('persons.0.givenName')}`);
      assert.match(description, new RegExp(`${x.givenNameHint}.*${x.errorPrefix}\\s+${x.givenNameError}`));
      const dateDescription = await accessibleDescription(page, '.app-date-input');
      assert.match(dateDescription, new RegExp(`${x.errorPrefix}\\s+${x.birthDateError}`));
      await context.close();
    });

    test(`the error summary takes focus and its links move focus to the fields, without JavaScript (${lang})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(pageUrl());
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'autofocus');
      const outline = await page.evaluate(
        () => getComputedStyle(document.activeElement as Element).outlineStyle,
      );
      assert.equal(outline, 'solid', 'the focused summary shows a focus ring');
      // One page per link, side by side (KERN scrolls smoothly, which takes a moment each).
      const results = await Promise.all(
        fixtureErrors(x).map(async ({ field }) => {
          const tab = await context.newPage();
          await tab.goto(pageUrl());
          await tab.focus(`#error-summary a[href="#${field}"]`);
          await tab.keyboard.press('Enter');
          let place = '';
          for (let i = 0; i < 40 && place !== 'focused, in view'; i++) {
            if (i > 0) await tab.waitForTimeout(100);
            place = await tab.evaluate((id) => {
              const r = (document.getElementById(id) as HTMLElement).getBoundingClientRect();
              const focused =
                document.activeElement?.id === id ? 'focused' : `focus on #${document.activeElement?.id}`;
              const inView = r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
              return `${focused}, ${inView ? 'in view' : `top ${Math.round(r.top)} of ${window.innerHeight}`}`;
            }, field);
          }
          await tab.close();
          return `#${field}: ${place}`;
        }),
      );
      assert.deepEqual(
        results,
        fixtureErrors(x).map(({ field }) => `#${field}: focused, in view`),
      );
      await context.close();
    });

    test(`conditional content opens with the option, without JavaScript (${lang})`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(pageUrl());
      const shown = (id: string) => page.locator(`#${id}`).isVisible();
      assert.equal(await shown('contact-channel-conditional'), true, 'checked option: content shown');
      assert.equal(await shown(fieldId('contact.email')), true);
      assert.equal(await shown('hasPassport-conditional'), false, 'unchecked option: content folded');
      await page.locator(`label[for="hasPassport"]`).click();
      assert.equal(await shown('hasPassport-conditional'), true);
      await page.locator('#passportNumber').fill('P1234567');
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('ArrowDown');
      assert.equal(await shown('hasPassport-conditional'), false, 'choosing the other option folds it again');
      assert.equal(await page.inputValue('#passportNumber'), 'P1234567', 'nothing typed is lost');
      await context.close();
    });

    test(`typed values come back as text; the change link names its row (${lang})`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(pageUrl());
      assert.equal(await page.inputValue(`#${fieldId('persons.0.givenName')}`), HOSTILE);
      assert.equal(await page.inputValue('#story'), `${HOSTILE}\n${x.storyHint}`);
      assert.equal(await page.locator('main img, main script').count(), 0);
      assert.equal(
        await page.evaluate(
          () => getComputedStyle(document.querySelector('#contact-email') as Element).direction,
        ),
        'ltr',
        'an e-mail address reads left to right also on the Arabic page',
      );
      assert.equal(
        await page.getByRole('link', { name: `${x.change} ${x.givenName}`, exact: true }).count(),
        1,
      );
      assert.equal(
        await page.getByRole('link', { name: x.tasks[1], exact: true }).getAttribute('aria-describedby'),
        'task-family-hint task-family-status',
      );
      await context.close();
    });

    test(`nothing scrolls horizontally at 320 px (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      await page.goto(pageUrl());
      await page.locator('label[for="hasPassport"]').click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1);
          })
          .filter((el) => !el.closest('.kern-sr-only') && !el.classList.contains('kern-sr-only'))
          .slice(0, 5)
          .map((el) => `${el.tagName}.${el.className}`),
      );
      assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
      assert.deepEqual(wide, [], 'no element sticks out of the viewport');
      await context.close();
    });
  }

  test('right to left: error bars, legends, the select arrow and status sit at the mirrored side', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    // No named helpers inside evaluate: tsx would wrap them in a function the page does not have.
    const measure = () =>
      page.evaluate(() => {
        const field = getComputedStyle(document.querySelector('.kern-form-input--error') as Element);
        const arrow = getComputedStyle(document.querySelector('.app-select') as Element, '::after');
        const select = getComputedStyle(document.querySelector('.app-select select') as Element);
        const legend = (document.querySelector('.app-choices > legend') as Element).getBoundingClientRect();
        const group = (document.querySelector('.app-choices') as Element).getBoundingClientRect();
        return {
          bar: [field.borderLeftWidth, field.borderRightWidth],
          legendGaps: [Math.round(legend.left - group.left), Math.round(group.right - legend.right)],
          arrow: [arrow.left, arrow.right],
          selectPadding: [select.paddingLeft, select.paddingRight],
          status: getComputedStyle(
            document.querySelector('.app-task-list .kern-task-list__status') as Element,
          ).textAlign,
        };
      });
    await page.goto(`${fixture.url}/fixture?lang=de`);
    const ltr = await measure();
    await page.goto(`${fixture.url}/fixture?lang=ar`);
    const rtl = await measure();
    assert.deepEqual(ltr.bar, ['4px', '0px']);
    assert.deepEqual(rtl.bar, ['0px', '4px']);
    assert.equal(ltr.legendGaps[0], 20, 'legend after the error bar on the left');
    assert.equal(rtl.legendGaps[1], 20, 'legend after the error bar on the right');
    assert.equal(ltr.arrow[1], '16px');
    assert.equal(rtl.arrow[0], '16px');
    assert.deepEqual(ltr.selectPadding, ['16px', '40px']);
    assert.deepEqual(rtl.selectPadding, ['40px', '16px']);
    assert.equal(ltr.status, 'end');
    await context.close();
  });
});
