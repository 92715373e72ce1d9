import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadNrw, loadTwoThirds } from '../../../test/fixtures/profiles/load.ts';
import { checkQuorum, type Quorum, requiredForQuorum, type SeatAttendance } from './quorum.ts';

const nrw = loadNrw();
const landX = loadTwoThirds();

/** `seated` seats with deputies; the first `present` members attend. */
function seats(seated: number, present: number): SeatAttendance[] {
  return Array.from({ length: seated }, (_, i) => ({
    memberId: `m${i + 1}`,
    memberPresent: i < present,
    deputyId: `d${i + 1}`,
    deputyPresent: false,
  }));
}

function quorum(attendance: SeatAttendance[], profile = nrw): Quorum {
  const result = checkQuorum(attendance, profile);
  assert.ok(result.ok, result.ok ? '' : result.errors.join('\n'));
  return result.value;
}

describe('checkQuorum, NRW (at least half of the members present)', () => {
  it('10 members: 5 present is quorate', () => {
    assert.deepEqual(
      { ...quorum(seats(10, 5)), voterIds: undefined },
      { quorate: true, present: 5, required: 5, seated: 10, voterIds: undefined },
    );
  });

  it('10 members: 4 present is not', () => {
    const q = quorum(seats(10, 4));
    assert.equal(q.quorate, false);
    assert.equal(q.present, 4);
    assert.equal(q.required, 5);
  });

  it('rounds half of an odd number up: 9 members need 5, 7 members need 4', () => {
    assert.equal(quorum(seats(9, 5)).quorate, true);
    assert.equal(quorum(seats(9, 4)).quorate, false);
    assert.equal(requiredForQuorum(nrw.quorum, 7), 4);
  });

  it('a deputy counts in place of an absent member', () => {
    const attendance = seats(10, 4);
    const fifth = attendance[4];
    assert.ok(fifth);
    fifth.deputyPresent = true;
    const q = quorum(attendance);
    assert.equal(q.present, 5);
    assert.equal(q.quorate, true);
    assert.deepEqual(q.voterIds, ['m1', 'm2', 'm3', 'm4', 'd5']);
  });

  it('a deputy does not count when the member is present too', () => {
    const attendance = seats(10, 4).map((s, i) => (i < 4 ? { ...s, deputyPresent: true } : s));
    const q = quorum(attendance);
    assert.equal(q.present, 4);
    assert.equal(q.quorate, false);
    assert.deepEqual(q.voterIds, ['m1', 'm2', 'm3', 'm4']);
  });

  it('the same profile file gives another quorum for the two-thirds Land', () => {
    assert.equal(quorum(seats(10, 6), landX).quorate, false);
    assert.equal(quorum(seats(10, 7), landX).required, 7);
    assert.equal(quorum(seats(10, 7), landX).quorate, true);
  });
});

describe('checkQuorum refuses inconsistent attendance', () => {
  const errorsOf = (attendance: SeatAttendance[]) => {
    const r = checkQuorum(attendance, nrw);
    assert.equal(r.ok, false);
    return r.ok ? '' : r.errors.join('\n');
  };

  it('no seats', () => assert.match(errorsOf([]), /keine Sitze/));
  it('more seats than the commission may have', () => assert.match(errorsOf(seats(11, 6)), /höchstens 10/));
  it('a person on two seats', () => {
    const attendance = seats(8, 5);
    const second = attendance[1];
    assert.ok(second);
    second.deputyId = 'm1';
    assert.match(errorsOf(attendance), /„m1“ ist mehr als einmal erfasst/);
  });
  it('a present deputy nobody named', () => {
    assert.match(
      errorsOf([{ memberId: 'm1', memberPresent: false, deputyPresent: true }, ...seats(7, 5).slice(1)]),
      /Stellvertretung anwesend, aber keine benannt/,
    );
  });
});

describe('checkQuorum properties', () => {
  const attendance = fc
    .array(fc.record({ memberPresent: fc.boolean(), deputyPresent: fc.boolean() }), {
      minLength: 1,
      maxLength: 10,
    })
    .map((rows) => rows.map((r, i): SeatAttendance => ({ memberId: `m${i}`, deputyId: `d${i}`, ...r })));

  it('counts each seat at most once: present = seats with member or deputy', () => {
    fc.assert(
      fc.property(attendance, (a) => {
        const q = quorum(a);
        assert.equal(q.present, a.filter((s) => s.memberPresent || s.deputyPresent).length);
        assert.equal(new Set(q.voterIds).size, q.present);
        assert.ok(q.present <= q.seated);
        assert.equal(q.quorate, 2 * q.present >= q.seated);
      }),
    );
  });

  it('one more person present never loses the quorum', () => {
    fc.assert(
      fc.property(attendance, fc.nat(), (a, pick) => {
        const i = pick % a.length;
        const more = a.map((s, j) => (j === i ? { ...s, memberPresent: true } : s));
        if (quorum(a).quorate) assert.equal(quorum(more).quorate, true);
        if (quorum(a, landX).quorate) assert.equal(quorum(more, landX).quorate, true);
      }),
    );
  });
});
