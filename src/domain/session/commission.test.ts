import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadNrw, loadTwoThirds } from '../../../test/fixtures/profiles/load.ts';
import {
  checkMembership,
  type Membership,
  type MembershipInput,
  preScreeningCommitteeOn,
  seatAttendance,
  seatsOn,
} from './commission.ts';
import { checkQuorum } from './quorum.ts';

const nrw = loadNrw();

const member = (i: number, over: Partial<Membership> = {}): Membership => ({
  id: `m${i}`,
  userId: `u${i}`,
  name: `Mitglied ${String(i).padStart(2, '0')}`,
  function: 'member',
  deputyOf: null,
  nominatedBy: 'Diakonie',
  termFrom: '2026-01-01',
  termTo: '2027-12-31',
  preScreening: false,
  ...over,
});
const deputy = (i: number, of: string, over: Partial<Membership> = {}): Membership => ({
  ...member(100 + i, over),
  id: `d${i}`,
  userId: `v${i}`,
  name: `Stellvertretung ${i}`,
  function: 'deputy',
  deputyOf: of,
  ...over,
});

const input = (over: Partial<MembershipInput> = {}): MembershipInput => ({
  userId: 'new',
  function: 'member',
  deputyOf: '',
  nominatedBy: ' Flüchtlingsrat  NRW ',
  termFrom: '2026-01-01',
  termTo: '2027-12-31',
  ...over,
});

const problems = (r: ReturnType<typeof checkMembership>) =>
  r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);

describe('seats on a day', () => {
  it('are the members whose term covers the day, each with the deputy appointed for that day', () => {
    const all = [
      member(1),
      member(2, { termTo: '2026-03-31' }),
      member(3, { termFrom: '2026-04-01' }),
      deputy(1, 'm1', { termFrom: '2026-01-01', termTo: '2026-06-30' }),
      deputy(2, 'm1', { termFrom: '2026-07-01', termTo: '2027-12-31' }),
    ];
    const march = seatsOn(all, '2026-03-31');
    assert.deepEqual(
      march.map((s) => [s.member.id, s.deputy?.id ?? null]),
      [
        ['m1', 'd1'],
        ['m2', null],
      ],
    );
    const august = seatsOn(all, '2026-08-01');
    assert.deepEqual(
      august.map((s) => [s.member.id, s.deputy?.id ?? null]),
      [
        ['m1', 'd2'],
        ['m3', null],
      ],
    );
    assert.deepEqual(seatsOn(all, '2025-12-31'), [], 'before any term');
  });

  it('give the quorum: a present deputy counts for the absent member, never twice', () => {
    const all = [...Array.from({ length: 7 }, (_, i) => member(i + 1)), deputy(1, 'm1')];
    const seats = seatsOn(all, '2026-05-01');
    const q = (present: string[]) => {
      const r = checkQuorum(seatAttendance(seats, new Set(present)), nrw);
      assert.ok(r.ok);
      return r.value;
    };
    assert.equal(q(['m2', 'm3', 'm4']).quorate, false, '3 of 7');
    assert.equal(q(['m2', 'm3', 'm4', 'd1']).quorate, true, 'the deputy of m1 makes 4 of 7');
    assert.equal(q(['m1', 'm2', 'm3', 'd1']).present, 3, 'member and deputy both there: one seat');
    assert.equal(q(['m1', 'm2', 'm3', 'd1']).quorate, false);
    assert.equal(q(['m2', 'm3', 'd1']).present, 3);
  });
});

describe('checkMembership', () => {
  it('accepts a member and normalises the organisation', () => {
    const r = checkMembership(input(), [member(1)], nrw);
    assert.ok(r.ok, problems(r).join('\n'));
    assert.equal(r.value.nominatedBy, 'Flüchtlingsrat NRW');
    assert.equal(r.value.deputyOf, null);
  });

  it('names every missing field', () => {
    const r = checkMembership(
      { userId: '', function: '', deputyOf: '', nominatedBy: ' ', termFrom: '', termTo: '2026-02-30' },
      [],
      nrw,
    );
    assert.deepEqual(
      problems(r).map((p) => p.split(':')[0]),
      ['userId', 'function', 'nominatedBy', 'termFrom', 'termTo'],
    );
  });

  it('refuses a term that ends before it begins', () => {
    assert.match(
      problems(checkMembership(input({ termTo: '2025-12-31' }), [], nrw)).join(),
      /termTo: Das Ende/,
    );
  });

  it('one function per person at a time', () => {
    const r = checkMembership(input({ userId: 'u1' }), [member(1)], nrw);
    assert.match(problems(r).join(), /userId: Diese Person hat in diesem Zeitraum schon/);
    const later = checkMembership(
      input({ userId: 'u1', termFrom: '2028-01-01', termTo: '2029-12-31' }),
      [member(1)],
      nrw,
    );
    assert.ok(later.ok, 'a later term is fine');
  });

  it('a deputy stands in for an existing member, within that term, one at a time', () => {
    const all = [member(1), deputy(1, 'm1', { termTo: '2026-12-31' })];
    assert.match(
      problems(checkMembership(input({ function: 'deputy', deputyOf: '' }), all, nrw)).join(),
      /deputyOf: Bitte wählen Sie das Mitglied/,
    );
    assert.match(
      problems(checkMembership(input({ function: 'deputy', deputyOf: 'd1' }), all, nrw)).join(),
      /deputyOf: Bitte wählen Sie das Mitglied/,
      'a deputy cannot be deputised',
    );
    assert.match(
      problems(checkMembership(input({ function: 'deputy', deputyOf: 'm1' }), all, nrw)).join(),
      /schon eine Stellvertretung benannt/,
    );
    assert.match(
      problems(
        checkMembership(
          input({ function: 'deputy', deputyOf: 'm1', termFrom: '2027-01-01', termTo: '2028-06-30' }),
          all,
          nrw,
        ),
      ).join(),
      /in die Amtszeit des Mitglieds fallen \(01\.01\.2026 bis 31\.12\.2027\)/,
    );
    const ok = checkMembership(
      input({ function: 'deputy', deputyOf: 'm1', termFrom: '2027-01-01' }),
      all,
      nrw,
    );
    assert.ok(ok.ok, problems(ok).join());
    assert.equal(ok.value.deputyOf, 'm1');
  });

  it('no more members at once than the profile allows (deputies do not count)', () => {
    const ten = [...Array.from({ length: 10 }, (_, i) => member(i + 1)), deputy(1, 'm1')];
    assert.match(problems(checkMembership(input(), ten, nrw)).join(), /schon 10 Mitglieder/);
    // The two-thirds profile allows twelve.
    assert.ok(checkMembership(input(), ten, loadTwoThirds()).ok);
    // When one term ends, the next member may start the day after.
    const ending = ten.map((m) => (m.id === 'm10' ? { ...m, termTo: '2026-06-30' } : m));
    assert.ok(checkMembership(input({ termFrom: '2026-07-01' }), ending, nrw).ok);
    assert.equal(checkMembership(input({ termFrom: '2026-06-30' }), ending, nrw).ok, false);
  });
});

describe('the pre-screening committee', () => {
  const landX = loadTwoThirds();

  it('exists on a day only when both of its member seats are filled (NRW: chair plus two)', () => {
    const all = [
      member(1, { preScreening: true }),
      member(2, { preScreening: true, termTo: '2026-06-30' }),
      member(3),
      member(4, { preScreening: true, termFrom: '2026-08-01' }),
    ];
    assert.deepEqual(
      preScreeningCommitteeOn(all, '2026-03-01', nrw)?.map((m) => m.id),
      ['m1', 'm2'],
    );
    assert.equal(preScreeningCommitteeOn(all, '2026-07-15', nrw), null);
    assert.deepEqual(
      preScreeningCommitteeOn(all, '2026-09-01', nrw)?.map((m) => m.id),
      ['m1', 'm4'],
    );
    assert.equal(preScreeningCommitteeOn(all, '2026-03-01', landX), null);
  });

  it('takes members only, no more than the profile names at once, and only where the profile has one', () => {
    const two = [member(1, { preScreening: true }), member(2, { preScreening: true })];
    assert.match(
      problems(checkMembership(input({ preScreening: 'ja' }), two, nrw)).join(),
      /^preScreening: .*schon 2 Mitglieder/,
    );
    const later = checkMembership(
      input({ preScreening: 'ja', termFrom: '2028-01-01', termTo: '2029-12-31' }),
      two,
      nrw,
    );
    assert.ok(later.ok && later.value.preScreening);
    assert.match(
      problems(
        checkMembership(input({ function: 'deputy', deputyOf: 'm1', preScreening: 'ja' }), two, nrw),
      ).join(),
      /preScreening: .*nur Mitglieder/,
    );
    assert.match(
      problems(checkMembership(input({ preScreening: 'ja' }), [], landX)).join(),
      /preScreening: Das Verfahrensprofil sieht keinen Vorprüfungsausschuss vor/,
    );
    const plain = checkMembership(input(), two, nrw);
    assert.ok(plain.ok && !plain.value.preScreening);
  });
});
