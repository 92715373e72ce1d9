import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadNrw } from '../../../test/fixtures/profiles/load.ts';
import { sessionCadence } from './cadence.ts';
import type { Membership } from './commission.ts';

const nrw = loadNrw();
const member = (i: number, preScreening: boolean): Membership => ({
  id: `m${i}`,
  userId: `u${i}`,
  name: `Mitglied ${i}`,
  function: 'member',
  deputyOf: null,
  nominatedBy: 'Caritas',
  termFrom: '2026-01-01',
  termTo: '2027-12-31',
  preScreening,
});

describe('session cadence', () => {
  it('is unknown before the first session', () => {
    assert.equal(sessionCadence(['2026-12-10'], '2026-12-01', [], nrw), null);
  });

  it('asks for the next session within a month without a pre-screening committee', () => {
    const c = sessionCadence(['2026-11-05', '2026-12-03'], '2026-11-20', [member(1, false)], nrw);
    assert.deepEqual(c, {
      lastDay: '2026-11-05',
      latestNext: '2026-12-04', // 31 days later, on a working day
      withCommittee: false,
      nextPlanned: '2026-12-03',
      late: false,
    });
    assert.equal(sessionCadence(['2026-11-05', '2026-12-10'], '2026-11-20', [], nrw)?.late, true);
    assert.equal(sessionCadence(['2026-11-05'], '2026-12-07', [], nrw)?.late, true);
    assert.equal(sessionCadence(['2026-11-05'], '2026-12-01', [], nrw)?.late, false);
  });

  it('allows a quarter while the pre-screening committee sits', () => {
    const committee = [member(1, true), member(2, true)];
    const c = sessionCadence(['2026-11-05', '2027-01-20'], '2026-11-20', committee, nrw);
    assert.equal(c?.withCommittee, true);
    assert.equal(c?.latestNext, '2027-02-05');
    assert.equal(c?.late, false);
    assert.equal(
      sessionCadence(['2026-11-05', '2027-01-20'], '2026-11-20', committee.slice(0, 1), nrw)?.late,
      true,
    );
  });
});
