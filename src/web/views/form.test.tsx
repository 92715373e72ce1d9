import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import {
  Button,
  ButtonGroup,
  Checkboxes,
  DateInput,
  Details,
  dateInputTarget,
  ErrorSummary,
  errorFor,
  Fieldset,
  fieldId,
  InsetText,
  NotificationBanner,
  optionId,
  Panel,
  Radios,
  Select,
  SummaryList,
  TaskList,
  TextArea,
  TextInput,
} from './form.tsx';

// ---- a tiny reader for the rendered markup (preact quotes every attribute with ", escaped as &quot;) ----

interface Tag {
  name: string;
  attrs: Record<string, string>;
}

function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<([a-z][a-z0-9]*)((?:\s+[^\s=/>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) {
      attrs[a[1] as string] = decode(a[2] ?? '');
    }
    out.push({ name: m[1] as string, attrs });
  }
  return out;
}

function decode(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function byId(html: string, id: string): Tag {
  const found = tags(html).filter((t) => t.attrs.id === id);
  assert.equal(found.length, 1, `exactly one element with id="${id}" in ${html}`);
  return found[0] as Tag;
}

function textOf(html: string): string {
  return decode(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

const html = (node: VNode) => render(node);

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=1>', "'><svg onload=1>"];

function assertInert(out: string) {
  assert.doesNotMatch(out, /<script/i, 'no script element');
  assert.doesNotMatch(out, /<img/i, 'no img element');
  assert.doesNotMatch(out, /<svg/i, 'no svg element');
  // every tag is one of ours: no attribute named like an event handler
  for (const tag of tags(out)) {
    for (const name of Object.keys(tag.attrs)) assert.doesNotMatch(name, /^on/i, `attribute ${name}`);
  }
}

describe('fieldId and errorFor', () => {
  test('turn field paths into valid, stable ids', () => {
    assert.equal(fieldId('persons.1.birthDate.month'), 'persons-1-birthDate-month');
    assert.equal(fieldId('children[0].name'), 'children-0-name');
    assert.equal(fieldId('givenName'), 'givenName');
    assert.equal(fieldId('1.name'), 'f-1-name');
    assert.equal(fieldId(''), 'field');
    assert.equal(fieldId('straße'), 'stra_dfe');
    assert.equal(fieldId('a b"<x>'), 'a_20b_22_3cx_3e');
    assert.equal(fieldId('persons.1.birthDate.month'), fieldId('persons.1.birthDate.month'));
    for (const path of ['persons.1.birthDate.month', 'a b"<x>', 'ü.ö', '0', '..']) {
      assert.match(fieldId(path), /^[A-Za-z][A-Za-z0-9_-]*$/);
    }
  });

  test('a date part id equals the date input id plus the part', () => {
    assert.equal(`${fieldId('persons.1.birthDate')}-month`, fieldId('persons.1.birthDate.month'));
    assert.equal(dateInputTarget('dob', ['month', 'year']), 'dob-month');
    assert.equal(dateInputTarget('dob'), 'dob-day');
  });

  test('errorFor finds the first message of exactly that path', () => {
    const errors = [
      { path: 'a.b', message: 'first' },
      { path: 'a.b', message: 'second' },
      { path: 'a.bc', message: 'other' },
    ];
    assert.equal(errorFor(errors, 'a.b'), 'first');
    assert.equal(errorFor(errors, 'a'), undefined);
    assert.equal(errorFor([], 'a.b'), undefined);
  });
});

describe('ErrorSummary', () => {
  test('renders nothing without errors', () => {
    assert.equal(html(<ErrorSummary title="Es gibt ein Problem" errors={[]} />), '');
  });

  test('is an alert with a heading and one link per error to the field id, focusable by script-free means', () => {
    const out = html(
      <ErrorSummary
        title="Es gibt ein Problem"
        errors={[
          { field: 'givenName', message: 'Geben Sie Ihren Vornamen ein' },
          { field: 'dob-month', message: 'Der Monat muss zwischen 1 und 12 liegen' },
        ]}
      />,
    );
    const summary = byId(out, 'error-summary');
    assert.equal(summary.attrs.tabindex, '-1');
    assert.ok('autofocus' in summary.attrs);
    const alert = tags(out).find((t) => t.attrs.role === 'alert');
    assert.equal(alert?.attrs['aria-labelledby'], 'error-summary-title');
    assert.equal(byId(out, 'error-summary-title').name, 'h2');
    const links = tags(out).filter((t) => t.name === 'a');
    assert.deepEqual(
      links.map((l) => l.attrs.href),
      ['#givenName', '#dob-month'],
    );
    assert.match(textOf(out), /Es gibt ein Problem Geben Sie Ihren Vornamen ein Der Monat/);
  });

  test('focusOnLoad can be switched off; the id can be chosen', () => {
    const out = html(
      <ErrorSummary id="probleme" title="T" errors={[{ field: 'x', message: 'm' }]} focusOnLoad={false} />,
    );
    assert.ok(!('autofocus' in byId(out, 'probleme').attrs));
    byId(out, 'probleme-title');
  });

  test('messages and targets are escaped', () => {
    const out = html(
      <ErrorSummary title={HOSTILE[0] as string} errors={HOSTILE.map((h) => ({ field: h, message: h }))} />,
    );
    assertInert(out);
    assert.ok(tags(out).some((t) => t.name === 'a' && t.attrs.href === `#${HOSTILE[1]}`));
  });
});

describe('TextInput', () => {
  test('label, hint, error at the field, aria-describedby joining hint and error, aria-invalid', () => {
    const out = html(
      <TextInput
        id="persons-0-givenName"
        name="persons.0.givenName"
        label="Vorname"
        hint="Wie im Pass"
        value="Amal"
        error="Geben Sie Ihren Vornamen ein"
        errorPrefix="Fehler:"
        autocomplete="given-name"
        spellcheck={false}
        dir="auto"
        width="20"
      />,
    );
    const input = byId(out, 'persons-0-givenName');
    assert.equal(input.name, 'input');
    assert.equal(input.attrs.name, 'persons.0.givenName');
    assert.equal(input.attrs.type, 'text');
    assert.equal(input.attrs.value, 'Amal');
    assert.equal(input.attrs['aria-describedby'], 'persons-0-givenName-hint persons-0-givenName-error');
    assert.equal(input.attrs['aria-invalid'], 'true');
    assert.equal(input.attrs.autocomplete, 'given-name');
    assert.equal(input.attrs.spellcheck, 'false');
    assert.equal(input.attrs.dir, 'auto');
    assert.match(input.attrs.class ?? '', /kern-form-input__input--error/);
    assert.match(input.attrs.class ?? '', /app-input--width-20/);
    assert.equal(tags(out).find((t) => t.name === 'label')?.attrs.for, 'persons-0-givenName');
    assert.equal(byId(out, 'persons-0-givenName-hint').attrs.class, 'kern-hint');
    assert.equal(byId(out, 'persons-0-givenName-error').attrs.class, 'kern-error');
    assert.match(out, /<span class="kern-sr-only">Fehler: <\/span>Geben Sie Ihren Vornamen ein/);
    assert.match(tags(out)[0]?.attrs.class ?? '', /kern-form-input--error/);
  });

  test('without hint and error: no aria-describedby, no aria-invalid, empty value', () => {
    const out = html(<TextInput id="email" name="email" label="E-Mail" type="email" inputMode="email" />);
    const input = byId(out, 'email');
    assert.ok(!('aria-describedby' in input.attrs));
    assert.ok(!('aria-invalid' in input.attrs));
    assert.equal(input.attrs.value, '');
    assert.equal(input.attrs.type, 'email');
    assert.equal(input.attrs.inputmode, 'email');
    assert.equal(input.attrs.dir, 'auto', 'an address typed left to right stays so on an Arabic page');
    assert.ok(!('dir' in byId(html(<TextInput id="n" name="n" label="N" />), 'n').attrs));
    assert.doesNotMatch(out, /kern-error|--error/);
  });

  test('only the hint is described when there is no error', () => {
    const out = html(<TextInput id="tel" name="tel" label="Telefon" hint="Für Rückfragen" type="tel" />);
    assert.equal(byId(out, 'tel').attrs['aria-describedby'], 'tel-hint');
  });

  test('labelAsHeading makes the label the h1', () => {
    const out = html(<TextInput id="q" name="q" label="Wie heißen Sie?" labelAsHeading />);
    assert.match(
      out,
      /<h1 class="kern-heading-large app-label-heading"><label class="app-label-heading__label" for="q">/,
    );
  });

  test('the typed value comes back inert', () => {
    for (const value of HOSTILE) {
      const out = html(<TextInput id="x" name="x" label={value} hint={value} value={value} error={value} />);
      assertInert(out);
      assert.equal(byId(out, 'x').attrs.value, value);
    }
  });
});

describe('TextArea', () => {
  test('value as content (a leading newline survives the parser), count tied to the field, no hard maxlength', () => {
    const value = '\nZweite Zeile <b>fett</b>';
    const out = html(
      <TextArea
        id="story"
        name="story"
        label="Ihre Situation"
        hint="In eigenen Worten"
        value={value}
        error="Höchstens 20.000 Zeichen"
        errorPrefix="Fehler:"
        rows={8}
        maxLength={20000}
        countText="Noch 19.800 Zeichen"
      />,
    );
    const area = byId(out, 'story');
    assert.equal(area.name, 'textarea');
    assert.equal(area.attrs.rows, '8');
    assert.equal(area.attrs['aria-describedby'], 'story-hint story-error story-count');
    assert.equal(area.attrs['aria-invalid'], 'true');
    assert.ok(!('maxlength' in area.attrs), 'maxlength would cut off pasted text');
    assert.equal(area.attrs['data-maxlength'], '20000');
    const content = out.match(/<textarea[^>]*>([\s\S]*)<\/textarea>/)?.[1];
    assert.equal(decode(content ?? ''), `\n${value}`);
    assert.equal(byId(out, 'story-count').name, 'p');
    assert.match(textOf(out), /Noch 19\.800 Zeichen/);
  });

  test('a closing tag in the value stays inside the textarea', () => {
    const out = html(<TextArea id="t" name="t" label="L" value={`</textarea>${HOSTILE.join('')}`} />);
    assertInert(out);
    assert.equal(out.match(/<\/textarea>/g)?.length, 1);
  });

  test('empty by default, five rows, exceeded count styled', () => {
    const out = html(<TextArea id="t" name="t" label="L" countText="0 zu viel" countExceeded />);
    assert.equal(byId(out, 't').attrs.rows, '5');
    assert.match(out, /<textarea[^>]*><\/textarea>/);
    assert.match(byId(out, 't-count').attrs.class ?? '', /app-character-count--exceeded/);
    assert.equal(byId(out, 't').attrs['aria-describedby'], 't-count');
  });
});

describe('DateInput', () => {
  const labels = { day: 'Tag', month: 'Monat', year: 'Jahr' };

  test('three numeric fields in a fieldset, named by prefix, widths 2/2/4, values shown back', () => {
    const out = html(
      <DateInput
        id="persons-1-birthDate"
        name="persons.1.birthDate"
        legend="Geburtsdatum"
        hint="Zum Beispiel 27 3 1990. Tag und Monat können Sie leer lassen."
        value={{ month: '13', year: '1990' }}
        error="Der Monat muss zwischen 1 und 12 liegen"
        errorPrefix="Fehler:"
        errorParts={['month']}
        labels={labels}
        autocomplete="bday"
      />,
    );
    const fieldset = byId(out, 'persons-1-birthDate');
    assert.equal(fieldset.name, 'fieldset');
    assert.equal(fieldset.attrs['aria-describedby'], 'persons-1-birthDate-hint persons-1-birthDate-error');
    assert.match(fieldset.attrs.class ?? '', /kern-fieldset--error/);
    assert.match(out, /<legend class="kern-label app-legend">Geburtsdatum<\/legend>/);
    const expected = {
      day: { value: '', width: 'width-2', invalid: false },
      month: { value: '13', width: 'width-2', invalid: true },
      year: { value: '1990', width: 'width-4', invalid: false },
    };
    for (const [part, want] of Object.entries(expected)) {
      const input = byId(out, `persons-1-birthDate-${part}`);
      assert.equal(input.attrs.name, `persons.1.birthDate.${part}`);
      assert.equal(input.attrs.inputmode, 'numeric');
      assert.equal(input.attrs.type, 'text');
      assert.equal(input.attrs.value, want.value);
      assert.equal(input.attrs.autocomplete, `bday-${part}`);
      assert.ok(!('required' in input.attrs), 'day and month may stay empty');
      assert.match(input.attrs.class ?? '', new RegExp(`kern-form-input__input--${want.width}`));
      assert.equal(input.attrs['aria-invalid'], want.invalid ? 'true' : undefined);
      assert.equal(
        tags(out).find((t) => t.name === 'label' && t.attrs.for === input.attrs.id)?.name,
        'label',
      );
    }
    assert.match(textOf(out), /Tag Monat Jahr/);
  });

  test('an error without parts marks all three; autocomplete per part; no error, no invalid', () => {
    const all = html(<DateInput id="d" name="d" legend="L" labels={labels} error="Falsch" />);
    for (const part of ['day', 'month', 'year'])
      assert.equal(byId(all, `d-${part}`).attrs['aria-invalid'], 'true');
    const none = html(
      <DateInput id="d" name="d" legend="L" labels={labels} autocomplete={{ year: 'cc-exp-year' }} />,
    );
    assert.doesNotMatch(none, /aria-invalid|aria-describedby|kern-error/);
    assert.equal(byId(none, 'd-year').attrs.autocomplete, 'cc-exp-year');
    assert.ok(!('autocomplete' in byId(none, 'd-day').attrs));
  });

  test('values come back inert', () => {
    const [a, b, c] = HOSTILE as [string, string, string];
    const out = html(
      <DateInput
        id="d"
        name="d"
        legend={a}
        labels={{ day: a, month: b, year: c }}
        value={{ day: a, month: b, year: c }}
        error={c}
      />,
    );
    assertInert(out);
    assert.equal(byId(out, 'd-month').attrs.value, b);
  });
});

describe('Radios and Checkboxes', () => {
  test('radios: fieldset described by hint and error, first option carries the id, hints and conditional content', () => {
    const out = html(
      <Radios
        id="hasPassport"
        name="hasPassport"
        legend="Haben Sie einen Pass?"
        hint="Auch einen abgelaufenen"
        value="yes"
        error="Wählen Sie Ja, wenn Sie einen Pass haben"
        errorPrefix="Fehler:"
        legendAsHeading
        options={[
          { value: 'yes', label: 'Ja', conditional: <p class="kern-body">Passnummer folgt</p> },
          { value: 'no', label: 'Nein', hint: 'Dann brauchen wir einen anderen Nachweis' },
        ]}
      />,
    );
    const fieldset = tags(out).find((t) => t.name === 'fieldset');
    assert.equal(fieldset?.attrs['aria-describedby'], 'hasPassport-hint hasPassport-error');
    assert.match(
      out,
      /<legend class="kern-label app-legend app-legend--heading"><h1 class="kern-heading-large app-legend__heading">Haben Sie einen Pass\?<\/h1><\/legend>/,
    );
    const yes = byId(out, 'hasPassport');
    assert.equal(yes.attrs.type, 'radio');
    assert.equal(yes.attrs.value, 'yes');
    assert.ok('checked' in yes.attrs);
    assert.match(yes.attrs.class ?? '', /kern-form-check__radio--error/);
    const no = byId(out, 'hasPassport-2');
    assert.ok(!('checked' in no.attrs));
    assert.equal(no.attrs['aria-describedby'], 'hasPassport-2-item-hint');
    byId(out, 'hasPassport-2-item-hint');
    assert.equal(byId(out, 'hasPassport-conditional').attrs.class, 'app-choice__conditional');
    assert.match(textOf(out), /Ja Passnummer folgt Nein Dann brauchen/, 'conditional content is in the page');
    assert.equal(optionId('hasPassport', 1), 'hasPassport-2');
    assert.ok(
      tags(out).every((t) => !('hidden' in t.attrs)),
      'nothing hidden in the markup: CSS decides, and only with :has()',
    );
  });

  test('inline radios; nothing checked without value', () => {
    const out = html(
      <Radios
        id="r"
        name="r"
        legend="L"
        inline
        options={[
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ]}
      />,
    );
    assert.match(out, /kern-fieldset__body--horizontal/);
    assert.doesNotMatch(out, /checked|aria-describedby|kern-fieldset--error/);
  });

  test('checkboxes: several values checked, one name', () => {
    const out = html(
      <Checkboxes
        id="languages"
        name="languages"
        legend="Welche Sprachen sprechen Sie?"
        values={['ar', 'de']}
        error="Wählen Sie mindestens eine Sprache"
        options={[
          { value: 'ar', label: 'Arabisch' },
          { value: 'de', label: 'Deutsch' },
          { value: 'en', label: 'Englisch' },
        ]}
      />,
    );
    const boxes = tags(out).filter((t) => t.name === 'input');
    assert.deepEqual(
      boxes.map((b) => [b.attrs.id, b.attrs.type, b.attrs.name, 'checked' in b.attrs]),
      [
        ['languages', 'checkbox', 'languages', true],
        ['languages-2', 'checkbox', 'languages', true],
        ['languages-3', 'checkbox', 'languages', false],
      ],
    );
    assert.equal(tags(out).find((t) => t.name === 'fieldset')?.attrs['aria-describedby'], 'languages-error');
  });

  test('labels, hints and values come back inert', () => {
    const options = HOSTILE.map((h) => ({ value: h, label: h, hint: h, conditional: h }));
    assertInert(
      html(
        <Radios
          id="r"
          name="r"
          legend={HOSTILE[0]}
          options={options}
          value={HOSTILE[1]}
          error={HOSTILE[2]}
        />,
      ),
    );
    assertInert(html(<Checkboxes id="c" name="c" legend={HOSTILE[0]} options={options} values={HOSTILE} />));
  });
});

describe('Select', () => {
  const options = [
    { value: 'SYR', label: 'Syrien' },
    { value: 'AFG', label: 'Afghanistan' },
  ];

  test('selected value, placeholder, error wiring', () => {
    const out = html(
      <Select
        id="nationality"
        name="nationality"
        label="Staatsangehörigkeit"
        hint="Die im Pass"
        options={options}
        value="AFG"
        placeholder="Bitte auswählen"
        error="Wählen Sie eine Staatsangehörigkeit"
      />,
    );
    const select = byId(out, 'nationality');
    assert.equal(select.name, 'select');
    assert.equal(select.attrs['aria-describedby'], 'nationality-hint nationality-error');
    assert.equal(select.attrs['aria-invalid'], 'true');
    const opts = tags(out).filter((t) => t.name === 'option');
    assert.deepEqual(
      opts.map((o) => [o.attrs.value, 'selected' in o.attrs]),
      [
        ['', false],
        ['SYR', false],
        ['AFG', true],
      ],
    );
  });

  test('placeholder selected while nothing (or something unknown) is chosen', () => {
    for (const value of [undefined, 'XXX']) {
      const out = html(
        <Select id="s" name="s" label="L" options={options} value={value} placeholder="Bitte" />,
      );
      assert.deepEqual(
        tags(out)
          .filter((t) => t.name === 'option' && 'selected' in t.attrs)
          .map((o) => o.attrs.value),
        [''],
      );
    }
  });

  test('labels inert', () => {
    assertInert(
      html(
        <Select
          id="s"
          name="s"
          label="L"
          options={HOSTILE.map((h) => ({ value: h, label: h }))}
          value={HOSTILE[1]}
        />,
      ),
    );
  });
});

describe('Buttons, task list, summary list and the rest', () => {
  test('buttons submit by default and carry name and value; a link can look like a button', () => {
    const out = html(
      <ButtonGroup>
        <Button>Speichern und weiter</Button>
        <Button variant="secondary" name="action" value="later">
          Später weitermachen
        </Button>
        <Button variant="tertiary" href="/antrag">
          Abbrechen
        </Button>
      </ButtonGroup>,
    );
    const [group, first, , second, , link] = tags(out);
    assert.match(group?.attrs.class ?? '', /kern-btn-wrapper/);
    assert.deepEqual(
      [first?.name, first?.attrs.type, first?.attrs.class],
      ['button', 'submit', 'kern-btn kern-btn--primary app-button'],
    );
    assert.deepEqual(
      [second?.attrs.name, second?.attrs.value, second?.attrs.class],
      ['action', 'later', 'kern-btn kern-btn--secondary app-button'],
    );
    assert.deepEqual([link?.name, link?.attrs.href], ['a', '/antrag']);
    assert.equal(html(<Button type="button">x</Button>).includes('type="button"'), true);
  });

  test('task list: a link only when startable, the status tied by aria-describedby', () => {
    const out = html(
      <TaskList
        items={[
          {
            id: 'personal',
            title: 'Persönliche Angaben',
            href: '/antrag/person',
            status: 'completed',
            statusText: 'Erledigt',
          },
          {
            id: 'family',
            title: 'Familie',
            href: '/antrag/familie',
            status: 'in_progress',
            statusText: 'Begonnen',
            hint: 'Ehepartner und Kinder',
          },
          {
            id: 'documents',
            title: 'Nachweise',
            href: '/antrag/nachweise',
            status: 'not_started',
            statusText: 'Offen',
          },
          { id: 'submit', title: 'Absenden', status: 'cannot_start_yet', statusText: 'Noch nicht möglich' },
        ]}
      />,
    );
    const links = tags(out).filter((t) => t.name === 'a');
    assert.deepEqual(
      links.map((l) => [l.attrs.href, l.attrs['aria-describedby']]),
      [
        ['/antrag/person', 'personal-status'],
        ['/antrag/familie', 'family-hint family-status'],
        ['/antrag/nachweise', 'documents-status'],
      ],
    );
    for (const id of ['personal-status', 'family-status', 'family-hint', 'documents-status', 'submit-status'])
      byId(out, id);
    assert.match(out, /kern-badge kern-badge--success/);
    assert.match(out, /kern-badge kern-badge--warning/);
    assert.match(out, /kern-badge kern-badge--info/);
    assert.match(out, /<p class="kern-body">Absenden<\/p>/);
    assert.match(textOf(out), /Absenden Noch nicht möglich$/);
  });

  test('summary list: key, value, change link with visually hidden text', () => {
    const out = html(
      <SummaryList
        rows={[
          {
            key: 'Vorname',
            value: 'Amal',
            change: { href: '/antrag/person#givenName', text: 'Ändern', visuallyHiddenText: 'Vorname' },
          },
          { key: 'Geburtsdatum', value: <p class="kern-body">1990</p> },
        ]}
      />,
    );
    assert.match(out, /^<dl class="kern-description-list app-summary-list">/);
    assert.equal((out.match(/<dt /g) ?? []).length, 2);
    assert.equal((out.match(/<dd /g) ?? []).length, 3);
    assert.match(
      out,
      /<a class="kern-link" href="\/antrag\/person#givenName"><span>Ändern<span class="kern-sr-only"> Vorname<\/span><\/span><\/a>/,
    );
  });

  test('panel, banners, inset text, details, fieldset', () => {
    assert.match(
      html(<Panel title="Antrag eingereicht">Ihr Aktenzeichen: HFK-1</Panel>),
      /^<div class="app-panel"><h1 class="app-panel__title">Antrag eingereicht<\/h1><div class="app-panel__body">Ihr Aktenzeichen: HFK-1<\/div><\/div>$/,
    );
    assert.match(html(<Panel title="T" headingLevel={2} />), /<h2 class="app-panel__title">T<\/h2><\/div>$/);

    const info = html(<NotificationBanner title="Wichtig">Text</NotificationBanner>);
    assert.match(
      info,
      /^<section class="kern-alert kern-alert--info app-notification-banner" id="notification-banner" aria-labelledby="notification-banner-title">/,
    );
    assert.equal(byId(info, 'notification-banner-title').name, 'h2');
    const success = html(
      <NotificationBanner title="Gespeichert" kind="success" id="saved">
        Text
      </NotificationBanner>,
    );
    assert.equal(byId(success, 'saved').attrs.role, 'alert');
    assert.equal(byId(success, 'saved').attrs['aria-labelledby'], 'saved-title');
    assert.match(
      html(
        <NotificationBanner title="W" kind="warning">
          x
        </NotificationBanner>,
      ),
      /kern-alert--warning/,
    );

    assert.equal(html(<InsetText>Hinweis</InsetText>), '<div class="app-inset-text kern-body">Hinweis</div>');
    const details = html(<Details summary="Hilfe">Inhalt</Details>);
    assert.match(
      details,
      /^<details class="kern-accordion app-details"><summary class="kern-accordion__header"><span class="kern-title">Hilfe<\/span><\/summary><div class="kern-accordion__body">Inhalt<\/div><\/details>$/,
    );
    assert.match(
      html(
        <Details summary="S" open>
          x
        </Details>,
      ),
      /<details [^>]*open/,
    );

    const fieldset = html(
      <Fieldset id="address" legend="Anschrift" hint="In Deutschland" legendAsHeading>
        <TextInput id="street" name="street" label="Straße" />
      </Fieldset>,
    );
    assert.equal(byId(fieldset, 'address').attrs['aria-describedby'], 'address-hint');
    assert.match(fieldset, /<h1 class="kern-heading-large app-legend__heading">Anschrift<\/h1>/);
    assert.doesNotMatch(html(<Fieldset legend="L">x</Fieldset>), /aria-describedby|id=/);
  });

  test('every visible text comes from props: nothing of the components own is said', () => {
    const t = 'Q';
    const out = html(
      <div>
        <ErrorSummary title={t} errors={[{ field: 'a', message: t }]} />
        <TextInput id="a" name="a" label={t} hint={t} error={t} errorPrefix={t} />
        <TextArea id="b" name="b" label={t} hint={t} error={t} countText={t} />
        <DateInput id="c" name="c" legend={t} hint={t} error={t} labels={{ day: t, month: t, year: t }} />
        <Radios
          id="d"
          name="d"
          legend={t}
          hint={t}
          error={t}
          options={[{ value: 'v', label: t, hint: t, conditional: t }]}
        />
        <Checkboxes id="e" name="e" legend={t} error={t} options={[{ value: 'v', label: t }]} />
        <Select id="f" name="f" label={t} error={t} placeholder={t} options={[{ value: 'v', label: t }]} />
        <Fieldset legend={t}>{t}</Fieldset>
        <ButtonGroup>
          <Button>{t}</Button>
        </ButtonGroup>
        <TaskList items={[{ id: 'g', title: t, href: '/', status: 'completed', statusText: t, hint: t }]} />
        <SummaryList rows={[{ key: t, value: t, change: { href: '/', text: t, visuallyHiddenText: t } }]} />
        <Panel title={t}>{t}</Panel>
        <NotificationBanner title={t}>{t}</NotificationBanner>
        <InsetText>{t}</InsetText>
        <Details summary={t}>{t}</Details>
      </div>,
    );
    assert.match(textOf(out), /^(Q ?)+$/);
  });
});
