import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { render } from 'preact-render-to-string';
import { CONTENT_DIR } from './fixtures.ts';
import { loadServiceDescription } from './load.ts';
import { ServiceInfo } from './page.tsx';
import { SERVICE_DESCRIPTION_LANGUAGES, type ServiceDescription } from './schema.ts';

const load = (lang: (typeof SERVICE_DESCRIPTION_LANGUAGES)[number]) =>
  loadServiceDescription(CONTENT_DIR, lang);
const html = (d: ServiceDescription) => render(<ServiceInfo description={d} />);

/** Text content of the headings, in document order, e.g. ['h1 Titel', 'h2 Beschreibung']. */
function headings(markup: string): string[] {
  return [...markup.matchAll(/<h([1-6])[^>]*>(.*?)<\/h\1>/gs)].map(
    ([, level, inner]) => `h${level} ${(inner ?? '').replace(/<[^>]+>/g, '')}`,
  );
}

/** The opening tags of all links. */
const anchors = (markup: string) => [...markup.matchAll(/<a\s[^>]*>/g)].map((m) => m[0]);

describe('ServiceInfo page', () => {
  test('renders the title as the only h1 and one h2 per section, h3 per procedure phase', async () => {
    const d = await load('de');
    const out = html(d);
    const hs = headings(out);
    assert.equal(hs[0], `h1 ${d.title.leistungsbezeichnung2}`);
    assert.equal(hs.filter((h) => h.startsWith('h1')).length, 1);
    const { start: _start, ...sectionHeadings } = d.headings;
    for (const title of Object.values(sectionHeadings)) assert.ok(hs.includes(`h2 ${title}`), title);
    for (const phase of d.procedure) assert.ok(hs.includes(`h3 ${phase.title}`), phase.title);
    // The h3s sit directly after the procedure h2, before the next h2.
    const procedureAt = hs.indexOf(`h2 ${d.headings.procedure}`);
    assert.deepEqual(
      hs.slice(procedureAt + 1, procedureAt + 1 + d.procedure.length),
      d.procedure.map((p) => `h3 ${p.title}`),
    );
  });

  test('heading levels never skip (h1 → h2 → h3) in any language', async () => {
    for (const lang of SERVICE_DESCRIPTION_LANGUAGES) {
      const levels = headings(html(await load(lang))).map((h) => Number(h[1]));
      assert.equal(levels[0], 1);
      for (let i = 1; i < levels.length; i++) {
        assert.ok((levels[i] ?? 0) <= (levels[i - 1] ?? 0) + 1, `${lang}: skip at heading ${i}`);
      }
    }
  });

  test('renders the start link, lists, conditions, costs and deadlines', async () => {
    const d = await load('de');
    const out = html(d);
    assert.match(
      out,
      /<a href="\/antrag" class="kern-btn kern-btn--primary"><span class="kern-label">Antrag online stellen<\/span><\/a>/,
    );
    assert.match(out, /<strong>Bei Krankheit:<\/strong> aktuelle ärztliche Gutachten/);
    assert.match(out, /<strong>Bei Kindern und Jugendlichen:<\/strong> Kindergartenbescheinigung/);
    assert.match(
      out,
      /<strong>Sofern eine Person die Antragstellerin\/den Antragsteller vertritt:<\/strong> Vertretungsvollmacht/,
    );
    assert.match(out, /Vertretungsvollmacht \(im Fall der Vertretung durch eine andere Person/);
    assert.match(out, /<p class="kern-body">keine<\/p>/);
    assert.match(out, /keine Frist/);
    assert.match(out, /persönliches Erscheinen ist nicht möglich/);
    assert.match(out, /kein Rechtsbehelf vorgesehen/);
    assert.match(out, /Geschäftsstelle der Härtefallkommission des Landes Nordrhein-Westfalen/);
    assert.match(out, /<time datetime="2022-12-16">16\.12\.2022<\/time>/);
    assert.match(out, /<time datetime="2025-07-03">03\.07\.2025<\/time>/);
    const items = out.match(/<li>/g)?.length ?? 0;
    const expected =
      d.prerequisites.length +
      d.requiredDocuments.items.length +
      d.procedure.reduce((n, p) => n + p.points.length, 0) +
      d.fullText.reduce((n, b) => n + (b.type === 'list' ? b.items.length : 0), 0) +
      d.legalBases.length +
      d.forms.length +
      d.notes.length +
      d.furtherInformation.length;
    assert.equal(items, expected, 'every list entry is an <li>');
    assert.doesNotMatch(out, /<ol\b/, 'lists are <ul>');
  });

  test('links to the legal bases and further information as marked external links', async () => {
    const d = await load('de');
    const out = html(d);
    const links = anchors(out);
    for (const { url } of [...d.legalBases, ...d.furtherInformation]) {
      const tag = links.find((a) => a.includes(`href="${url.replaceAll('&', '&amp;')}"`));
      assert.ok(tag, url);
      assert.match(tag, /rel="noopener"/);
      assert.match(tag, /class="kern-link"/);
    }
    assert.match(out, />§ 23a Aufenthaltsgesetz<span class="kern-sr-only"> \(externer Link\)<\/span>/);
    assert.match(
      out,
      />Härtefallkommissionsverordnung NRW<span class="kern-sr-only"> \(externer Link\)<\/span>/,
    );
    assert.match(out, /Informationen zu Beratungsstellen: <a [^>]*>Netzheft des Flüchtlingsrats NRW/);
    // Every link has text of its own (no empty or icon-only links).
    for (const m of out.matchAll(/<a\s[^>]*>(.*?)<\/a>/gs)) {
      assert.ok((m[1] ?? '').replace(/<[^>]+>/g, '').trim().length > 3, m[0]);
    }
  });

  test('shows the translation note only on translations, in a KERN info alert', async () => {
    const de = html(await load('de'));
    assert.doesNotMatch(de, /kern-alert/);
    const en = await load('en');
    const out = html(en);
    assert.match(out, /class="kern-alert kern-alert--info"/);
    assert.ok(out.includes(en.translationNote ?? '\u0000'));
    assert.ok(out.indexOf('kern-alert') < out.indexOf(en.teaser), 'note comes before the teaser');
    assert.match(out, /<span class="kern-label">Apply online<\/span>/);
  });

  test('marks the language and writing direction of the content', async () => {
    assert.match(html(await load('de')), /^<div class="service-info" lang="de" dir="ltr">/);
    assert.match(html(await load('en')), /^<div class="service-info" lang="en" dir="ltr">/);
    const ar = await load('ar');
    const out = html(ar);
    assert.match(out, /^<div class="service-info" lang="ar" dir="rtl">/);
    assert.ok(out.includes(ar.headings.start));
    assert.match(out, /<time datetime="2022-12-16">16 ديسمبر 2022<\/time>/);
  });

  test('renders main content only: no document chrome, inline styles, scripts or event handlers', async () => {
    for (const lang of SERVICE_DESCRIPTION_LANGUAGES) {
      const out = html(await load(lang));
      assert.doesNotMatch(out, /<(html|head|body|header|footer|main|nav|script|style)\b/i);
      assert.doesNotMatch(out, /\sstyle=/i);
      assert.doesNotMatch(out, /\son[a-z]+=/i);
    }
  });

  test('escapes content: markup in the data comes out as text', async () => {
    const d = structuredClone(await load('de'));
    d.teaser = '<script>alert(1)</script>';
    d.prerequisites = ['<img src=x onerror=alert(2)>'];
    d.furtherInformation = [
      { id: 'evil', label: 'L', text: '"><b>x</b>', url: 'https://example.org/?a="onmouseover="alert(3)' },
    ];
    const out = html(d);
    assert.ok(
      out.includes('&lt;script>alert(1)&lt;/script>') ||
        out.includes('&lt;script&gt;alert(1)&lt;/script&gt;'),
    );
    assert.doesNotMatch(out, /<script/i);
    assert.doesNotMatch(out, /<img/i);
    assert.doesNotMatch(out, /<b>x<\/b>/);
    assert.doesNotMatch(out, /"onmouseover="/);
    assert.match(out, /&quot;onmouseover=&quot;/);
  });
});
