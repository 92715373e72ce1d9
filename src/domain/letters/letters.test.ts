import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  currentTemplate,
  LETTER_TEMPLATES,
  type LetterFields,
  letterTitle,
  RECEIPT_TEMPLATE,
  type TemplateKind,
  templateVersion,
} from '../../../content/letters/de.ts';
import { LETTERHEADS, letterheadFor } from '../../../content/letters/letterhead.ts';
import {
  LETTER_KINDS,
  LETTER_SIDE,
  letterOnAuthorityChange,
  lettersForEvents,
  routeLetter,
} from './index.ts';

const common = {
  caseNumber: 'HFK-2026-00042',
  receivedOn: '20.11.2026',
  persons: [
    { name: 'Zehra Ağaoğlu', birthDate: '1980', nationality: 'afghanisch' },
    { name: 'Emre Ağaoğlu', birthDate: '03.04.2012', nationality: 'ungeklärt' },
  ],
};

/** Fields for every template, with values that must show up in the letter. */
const FIELDS: { [K in TemplateKind]: LetterFields[K] } = {
  authority_new_application: { ...common, channel: 'Post' },
  not_taken_up_applicant: { ...common, reasons: 'Erster Grund.\n\nZweiter Grund.' },
  not_taken_up_authority: common,
  statement_request: { ...common, dueOn: '29.12.2026', portalLink: 'https://hfk.example/behoerde' },
  document_request: { ...common, dueOn: '15.01.2027', requestText: 'Schulbescheinigung von Emre' },
  hardship_request: {
    ...common,
    decidedOn: '10.03.2027',
    reasons: 'Die Familie ist verwurzelt.',
    portalLink: 'https://hfk.example/behoerde',
  },
  no_request_authority: {
    ...common,
    decidedOn: '10.03.2027',
    recommendation: 'Die Kommission empfiehlt, eine Beschäftigungsduldung zu prüfen.',
  },
  closing_notice: { ...common, outcome: 'request_sent', authorityName: 'Ausländerbehörde Düsseldorf' },
};

/** What each letter must say, beyond the persons. */
const MUST_SAY: { [K in TemplateKind]: readonly string[] } = {
  authority_new_application: ['am 20.11.2026 ein Antrag eingegangen', 'Eingangsweg: Post', 'geboren 1980'],
  not_taken_up_applicant: ['nicht befassen', 'Erster Grund.', 'Zweiter Grund.', '§ 23a Abs. 2'],
  not_taken_up_authority: [
    'befasst sich mit dem am 20.11.2026 eingegangenen Antrag nicht',
    'geboren 03.04.2012',
  ],
  statement_request: [
    'bis zum 29.12.2026',
    'https://hfk.example/behoerde',
    'Staatsangehörigkeit: afghanisch',
  ],
  document_request: [
    'bis zum 15.01.2027',
    'Schulbescheinigung von Emre',
    'für Zehra Ağaoğlu und Emre Ağaoğlu',
    'Aktenzeichen',
  ],
  hardship_request: ['am 10.03.2027', 'Die Familie ist verwurzelt.', '§ 68', 'vor Ihrer Entscheidung'],
  no_request_authority: [
    'in ihrer Sitzung am 10.03.2027',
    'am 20.11.2026 eingegangenen Antrag',
    'Ein Härtefallersuchen wird nicht gestellt',
    'Empfehlung, die nicht bindend ist',
    'Beschäftigungsduldung zu prüfen',
  ],
  closing_notice: [
    'abgeschlossen',
    'Härtefallersuchen an die zuständige Ausländerbehörde',
    'bei der zuständigen Ausländerbehörde (Ausländerbehörde Düsseldorf)',
    'nach dem Ergebnis',
  ],
};

const textOf = (kind: TemplateKind) => {
  const template = currentTemplate(kind);
  const body = (template.render as (f: unknown) => ReturnType<typeof template.render>)(FIELDS[kind]);
  return {
    body,
    text: [
      body.subject,
      body.salutation,
      ...body.blocks.flatMap((b) => (b.kind === 'list' ? b.items : [b.text])),
    ].join('\n'),
  };
};

describe('letter templates', () => {
  const kinds = Object.keys(LETTER_TEMPLATES) as TemplateKind[];

  it('exist for every kind of letter but the receipt, which has its own layout', () => {
    assert.deepEqual([...kinds].sort(), LETTER_KINDS.filter((k) => k !== 'receipt').sort());
    assert.match(RECEIPT_TEMPLATE.version, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(letterTitle('receipt'), 'Eingangsbestätigung');
  });

  for (const kind of Object.keys(FIELDS) as TemplateKind[]) {
    it(`${kind}: renders its fields in German, with a dated version`, () => {
      const template = currentTemplate(kind);
      assert.equal(template.id, kind);
      assert.match(template.version, /^\d{4}-\d{2}-\d{2}$/);
      const { body, text } = textOf(kind);
      assert.ok(body.subject.length > 10);
      assert.equal(body.salutation, 'Sehr geehrte Damen und Herren,');
      for (const phrase of MUST_SAY[kind]) assert.ok(text.includes(phrase), `${kind}: missing „${phrase}“`);
      for (const person of common.persons)
        assert.ok(text.includes(person.name), `${kind}: names ${person.name}`);
      // German, not English: umlauts or ß occur, and no leftover placeholders or undefined values.
      assert.match(text, /[äöüÄÖÜß]/);
      assert.doesNotMatch(text, /undefined|null|\{|\}|NaN/);
      assert.doesNotMatch(text, /\b(the|and|please|your)\b/i);
      assert.equal(letterTitle(kind), template.title);
    });
  }

  it('keep the persons’ birth dates out of the letters to the applicant side', () => {
    for (const kind of kinds.filter((k) => LETTER_SIDE[k] === 'applicant')) {
      assert.ok(!textOf(kind).text.includes('geboren'), `${kind} names without birth dates`);
    }
    for (const kind of kinds.filter((k) => LETTER_SIDE[k] === 'authority')) {
      assert.ok(textOf(kind).text.includes('geboren 1980'), `${kind} identifies the persons`);
    }
  });

  it('say what happened after a closing without a request', () => {
    const template = currentTemplate('closing_notice');
    const body = template.render({ ...FIELDS.closing_notice, outcome: 'no_request', authorityName: null });
    const text = body.blocks.map((b) => (b.kind === 'list' ? b.items.join(' ') : b.text)).join(' ');
    assert.match(text, /kein Härtefallersuchen gestellt/);
    assert.match(text, /bei Ihrer Ausländerbehörde nach dem Ergebnis/);
  });

  it('leave the recommendation out when the commission gave none', () => {
    const body = currentTemplate('no_request_authority').render({
      ...FIELDS.no_request_authority,
      decidedOn: null,
      recommendation: null,
    });
    const text = body.blocks.map((b) => (b.kind === 'list' ? b.items.join(' ') : b.text)).join(' ');
    assert.doesNotMatch(text, /Empfehlung/);
    assert.match(text, /in ihrer Sitzung über den am 20\.11\.2026/);
  });

  it('keep every version: unique, ascending dates, and each findable by id and version', () => {
    for (const kind of kinds) {
      const versions = LETTER_TEMPLATES[kind].map((t) => t.version);
      assert.deepEqual([...new Set(versions)], versions, `${kind}: unique versions`);
      assert.deepEqual([...versions].sort(), versions, `${kind}: oldest first`);
      for (const version of versions) assert.equal(templateVersion(kind, version)?.version, version);
    }
    assert.equal(templateVersion('statement_request', '1999-01-01'), null);
    assert.equal(templateVersion('no_such_letter', '2026-12-01'), null);
  });
});

describe('letterhead', () => {
  it('is content per profile, and a profile without one is refused', () => {
    const head = letterheadFor('nrw');
    assert.match(head.officeName, /Geschäftsstelle der Härtefallkommission/);
    assert.ok(head.lines.length > 0 && head.contact.length > 0 && head.signature.length > 0);
    assert.ok(Object.keys(LETTERHEADS).includes('nrw'));
    assert.throws(() => letterheadFor('xx'), /Kein Briefkopf/);
  });
});

describe('which letters a step causes, and how they travel', () => {
  it('maps the events of the steps to their letters', () => {
    const kinds = (...types: string[]) => lettersForEvents(types.map((type) => ({ type }) as never));
    assert.deepEqual(kinds('Received'), ['authority_new_application']);
    assert.deepEqual(kinds('StatementRequested'), ['statement_request']);
    assert.deepEqual(kinds('NotTakenUp'), ['not_taken_up_applicant', 'not_taken_up_authority']);
    assert.deepEqual(kinds('RequestSent'), ['hardship_request']);
    assert.deepEqual(kinds('NoRequestDecided', 'Closed'), ['no_request_authority', 'closing_notice']);
    assert.deepEqual(kinds('Closed'), ['closing_notice']);
    assert.deepEqual(kinds('PreCheckStarted', 'TakenUp', 'StatementReceived'), []);
  });

  it('sends authority letters only to the portal, applicant letters by mail or for print', () => {
    for (const kind of LETTER_KINDS.filter((k) => LETTER_SIDE[k] === 'authority')) {
      assert.deepEqual(routeLetter(kind, { hasRepresentative: true, email: 'a@example.org' }), {
        addressee: 'authority',
        channel: 'portal',
      });
    }
    assert.deepEqual(routeLetter('closing_notice', { hasRepresentative: false, email: null }), {
      addressee: 'applicant',
      channel: 'print',
    });
    assert.deepEqual(routeLetter('document_request', { hasRepresentative: true, email: 'ra@example.org' }), {
      addressee: 'representative',
      channel: 'mail',
    });
  });
});

describe('a change of the responsible authority', () => {
  it('sends the new authority the letter of the step it has to act on', () => {
    assert.deepEqual(letterOnAuthorityChange('statement_requested'), {
      kind: 'statement_request',
      event: 'StatementRequested',
    });
    for (const state of ['request_sent', 'authority_feedback'] as const)
      assert.deepEqual(letterOnAuthorityChange(state), { kind: 'hardship_request', event: 'RequestSent' });
    for (const state of ['received', 'pre_check', 'taken_up', 'ready_for_session', 'adjourned'] as const)
      assert.equal(letterOnAuthorityChange(state).kind, 'authority_new_application');
  });
});
