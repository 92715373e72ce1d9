import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  loadNrw,
  loadTwoThirds,
  NRW_PROFILE_PATH,
  readProfileJson,
} from '../../../test/fixtures/profiles/load.ts';
import { parseProfile } from './profile.ts';

type Json = Record<string, unknown>;
const rawNrw = () => readProfileJson(NRW_PROFILE_PATH) as Json;

/** Applies a mutation to a fresh copy of the NRW JSON and returns the parse errors (fails if it parses). */
function errorsAfter(mutate: (p: Json) => void): string[] {
  const json = rawNrw();
  mutate(json);
  const parsed = parseProfile(json);
  assert.equal(parsed.ok, false, 'the mutated profile must be refused');
  return parsed.ok ? [] : parsed.errors;
}

const obj = (v: unknown) => v as Json;
const grounds = (p: Json) => obj(p.exclusionGrounds).grounds as Json[];
const ground = (p: Json, i: number) => {
  const g = grounds(p)[i];
  assert.ok(g);
  return g;
};

describe('NRW profile (content/profiles/nrw.json)', () => {
  const nrw = loadNrw();

  it('parses and carries the NRW rules of the HFKVO', () => {
    assert.equal(nrw.id, 'nrw');
    assert.deepEqual(nrw.land, { name: 'Nordrhein-Westfalen', code: 'NW' });
    assert.equal(nrw.application.directApplicationAllowed, true);
    assert.deepEqual(nrw.commission, { minMembers: 7, maxMembers: 10, preScreeningCommitteeMembers: 2 });
    assert.deepEqual(nrw.quorum, { kind: 'fraction_of_members', numerator: 1, denominator: 2 });
    assert.deepEqual(nrw.hardshipRequestMajority, { kind: 'simple_of_present' });
    assert.equal(nrw.recommendation.allowedWithoutRequest, true);
    assert.equal(nrw.permitDecidedBy, 'immigration_authority');
    assert.deepEqual(nrw.sessionCadence.maxDaysBetweenSessions, {
      withoutPreScreeningCommittee: 31,
      withPreScreeningCommittee: 92,
    });
    assert.equal(nrw.deadlines.statementDueDays, 28);
    assert.equal(nrw.deportationDeferredDuringProcedure, false);
    assert.equal(nrw.retention.toBeConfirmedByOffice, true);
    assert.ok(nrw.retention.note.includes('Geschäftsstelle'));
    assert.ok(
      nrw.legalBases.some((b) => b.url === 'https://www.gesetze-im-internet.de/aufenthg_2004/__23a.html'),
    );
    assert.ok(nrw.legalBases.some((b) => b.url.startsWith('https://recht.nrw.de/')));
  });

  it('has exactly the 7 mandatory and 6 as-a-rule exclusion grounds of § 5 HFKVO', () => {
    const { grounds: all } = nrw.exclusionGrounds;
    const mandatory = all.filter((g) => g.severity === 'mandatory');
    const asARule = all.filter((g) => g.severity === 'as_a_rule');
    assert.equal(mandatory.length, 7);
    assert.equal(asARule.length, 6);
    assert.equal(all.length, 13);
    assert.equal(new Set(all.map((g) => g.id)).size, 13);
    assert.deepEqual(
      mandatory.map((g) => g.id),
      [
        'not_in_germany',
        'no_nrw_immigration_authority',
        'not_obliged_to_leave',
        'no_residence_in_nrw',
        'deportation_order_58a',
        'title_refused_5_4',
        'expelled_particularly_serious',
      ],
    );
    assert.deepEqual(
      asARule.map((g) => g.id),
      [
        'entry_ban_11',
        'other_procedure_available',
        'wanted_or_no_address',
        'serious_offences',
        'expelled_serious',
        'deportation_date_fixed',
      ],
    );
    for (const g of mandatory) {
      assert.equal(g.overridable, false, g.id);
      assert.match(g.legalReference, /^§ 5 Abs\. 1, [1-7]\. Spiegelstrich HFKVO NRW/, g.id);
    }
    for (const g of asARule) {
      assert.equal(g.overridable, true, g.id);
      assert.match(g.legalReference, /^§ 5 Abs\. 2, [1-6]\. Spiegelstrich HFKVO NRW/, g.id);
    }
    assert.ok(nrw.exclusionGrounds.version.length > 0);
  });

  it('writes the catalogue in German with umlauts, in plain sentences for applicants', () => {
    const texts = nrw.exclusionGrounds.grounds.flatMap((g) => [g.title, g.explanation]);
    assert.ok(texts.some((t) => t.includes('Ausländerbehörde')));
    assert.ok(texts.some((t) => t.includes('ordnungsgemäßer Wohnsitz')));
    for (const g of nrw.exclusionGrounds.grounds) {
      assert.doesNotMatch(`${g.title} ${g.explanation}`, /Auslaender|Haertefall|gemaess|fuer |ueber /, g.id);
      assert.match(g.explanation, /\.$/, `${g.id}: explanation ends with a full stop`);
      assert.ok(g.explanation.length >= 60, `${g.id}: explanation is a real sentence`);
    }
  });
});

describe('two-thirds profile (test/fixtures/profiles/land-x.json)', () => {
  it('parses with other rules and an extra exclusion ground, through the same schema', () => {
    const x = loadTwoThirds();
    assert.deepEqual(x.hardshipRequestMajority, {
      kind: 'fraction_of_present',
      numerator: 2,
      denominator: 3,
    });
    assert.deepEqual(x.quorum, { kind: 'fraction_of_members', numerator: 2, denominator: 3 });
    assert.equal(x.deadlines.statementDueDays, 42);
    assert.equal(x.permitDecidedBy, 'ministry');
    assert.equal(x.deportationDeferredDuringProcedure, true);
    const ids = x.exclusionGrounds.grounds.map((g) => g.id);
    assert.ok(ids.includes('stay_under_18_months'));
    assert.ok(ids.includes('dublin_case'));
    assert.ok(!loadNrw().exclusionGrounds.grounds.some((g) => g.id === 'stay_under_18_months'));
  });
});

describe('parseProfile refuses invalid profiles with German messages naming the path', () => {
  const cases: [string, (p: Json) => void, string, RegExp][] = [
    ['missing version', (p) => delete p.version, 'version', /Angabe fehlt/],
    [
      'wrong type',
      (p) => (obj(p.commission).maxMembers = '10'),
      'commission.maxMembers',
      /Falscher Typ.*Zahl/,
    ],
    ['unknown key (typo)', (p) => (p.quorom = {}), '(Profil)', /Unbekannte Angabe: „quorom“/],
    ['bad Land code', (p) => (obj(p.land).code = 'NRW'), 'land.code', /zwei Großbuchstaben/],
    ['invalid date', (p) => (p.validFrom = '2020-02-30'), 'validFrom', /JJJJ-MM-TT/],
    [
      'plain http URL',
      (p) => (obj((p.legalBases as Json[])[0]).url = 'http://x.de'),
      'legalBases[0].url',
      /https/,
    ],
    ['no legal basis', (p) => (p.legalBases = []), 'legalBases', /mindestens 1/],
    ['unknown quorum kind', (p) => (p.quorum = { kind: 'most' }), 'quorum.kind', /Unbekannte Art/],
    [
      'quorum above all members',
      (p) => (p.quorum = { kind: 'fraction_of_members', numerator: 3, denominator: 2 }),
      'quorum.numerator',
      /größer als 1/,
    ],
    [
      'half is no majority',
      (p) => (p.hardshipRequestMajority = { kind: 'fraction_of_present', numerator: 1, denominator: 2 }),
      'hardshipRequestMajority.numerator',
      /mehr als die Hälfte/,
    ],
    [
      'fixed count above the commission',
      (p) => (p.hardshipRequestMajority = { kind: 'absolute_count', count: 11 }),
      'hardshipRequestMajority.count',
      /feste Stimmenzahl/,
    ],
    [
      'zero deadline',
      (p) => (obj(p.deadlines).statementDueDays = 0),
      'deadlines.statementDueDays',
      /mindestens 1/,
    ],
    [
      'reminder after due',
      (p) => (obj(p.deadlines).statementReminderDaysBefore = 28),
      'deadlines.statementReminderDaysBefore',
      /Erinnerung/,
    ],
    [
      'min above max members',
      (p) => (obj(p.commission).minMembers = 11),
      'commission.minMembers',
      /Mindestzahl/,
    ],
    ['unknown permit authority', (p) => (p.permitDecidedBy = 'court'), 'permitDecidedBy', /„ministry“/],
    [
      'missing retention outcome',
      (p) => delete obj(obj(p.retention).monthsByOutcome).withdrawn,
      'retention.monthsByOutcome.withdrawn',
      /Angabe fehlt/,
    ],
    [
      'unknown severity',
      (p) => (ground(p, 0).severity = 'sometimes'),
      'exclusionGrounds.grounds[0].severity',
      /„mandatory“, „as_a_rule“/,
    ],
    ['empty title', (p) => (ground(p, 2).title = '  '), 'exclusionGrounds.grounds[2].title', /nicht leer/],
    [
      'duplicate ground id',
      (p) => (ground(p, 1).id = 'not_in_germany'),
      'exclusionGrounds.grounds[1].id',
      /doppelt vergeben/,
    ],
    [
      'overridable mandatory ground',
      (p) => (ground(p, 0).overridable = true),
      'exclusionGrounds.grounds[0].overridable',
      /zwingenden Ausschlussgrund ist keine Ausnahme möglich/,
    ],
    [
      'malformed ground id',
      (p) => (ground(p, 0).id = 'Not In Germany'),
      'exclusionGrounds.grounds[0].id',
      /Kennung/,
    ],
    [
      'empty catalogue',
      (p) => (obj(p.exclusionGrounds).grounds = []),
      'exclusionGrounds.grounds',
      /mindestens 1/,
    ],
  ];
  for (const [name, mutate, path, message] of cases) {
    it(name, () => {
      const errors = errorsAfter(mutate);
      const hit = errors.find((e) => e.startsWith(`${path}: `));
      assert.ok(hit, `expected an error at ${path}, got:\n${errors.join('\n')}`);
      assert.match(hit, message);
    });
  }

  it('refuses non-objects', () => {
    for (const input of [null, undefined, 42, 'nrw', []]) {
      const parsed = parseProfile(input);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) assert.match(parsed.errors.join(), /^\(Profil\): /);
    }
  });

  it('names every removed top-level entry, in German (property)', () => {
    const keys = Object.keys(rawNrw());
    fc.assert(
      fc.property(fc.subarray(keys, { minLength: 1 }), (removed) => {
        const errors = errorsAfter((p) => {
          for (const k of removed) delete p[k];
        });
        for (const k of removed)
          assert.ok(
            errors.some((e) => e.startsWith(`${k}: Angabe fehlt`)),
            k,
          );
        for (const e of errors) assert.doesNotMatch(e, /Invalid|expected|received/);
      }),
    );
  });
});
