import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { loadNrw, loadTwoThirds } from '../../../test/fixtures/profiles/load.ts';
import { addDays, addMonths, daysBetween, isIsoDate, isWeekend, weekday } from './dates.ts';
import {
  documentRequestDueDate,
  firstDayOverdue,
  isOverdue,
  isReminderDue,
  latestNextSessionDate,
  nextWorkingDay,
  reminderBefore,
  retentionEndDate,
  statementDueDate,
  statementReminderDate,
} from './deadlines.ts';

const nrw = loadNrw();
const landX = loadTwoThirds();

describe('dates', () => {
  it('recognises real calendar dates only', () => {
    assert.ok(isIsoDate('2024-02-29'));
    for (const bad of [
      '2023-02-29',
      '2025-02-30',
      '2025-13-01',
      '2025-1-1',
      '20250101',
      '2025-01-01T00:00',
      '',
    ]) {
      assert.equal(isIsoDate(bad), false, bad);
    }
    assert.throws(() => addDays('2025-02-30', 1), RangeError);
  });

  it('adds days across month, leap-day and year ends', () => {
    assert.equal(addDays('2025-01-31', 1), '2025-02-01');
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('2024-12-31', 1), '2025-01-01');
    assert.equal(addDays('2025-03-01', -1), '2025-02-28');
    // Daylight saving in Germany changes on 2025-03-30 and 2025-10-26; dates must not drift.
    assert.equal(addDays('2025-03-29', 2), '2025-03-31');
    assert.equal(addDays('2025-10-25', 2), '2025-10-27');
  });

  it('adds months, clamping to the end of shorter months', () => {
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
    assert.equal(addMonths('2025-11-30', 3), '2026-02-28');
    assert.equal(addMonths('2025-05-15', -6), '2024-11-15');
  });

  it('knows the weekday', () => {
    assert.equal(weekday('2025-01-01'), 3); // Wednesday
    assert.equal(isWeekend('2025-02-01'), true); // Saturday
    assert.equal(isWeekend('2025-02-02'), true); // Sunday
    assert.equal(isWeekend('2025-02-03'), false); // Monday
  });
});

describe('statement deadline (NRW: 28 calendar days)', () => {
  it('on a working day stays put', () => {
    assert.equal(statementDueDate('2025-01-01', nrw), '2025-01-29');
  });

  it('on a Saturday or Sunday moves to the next Monday', () => {
    assert.equal(statementDueDate('2025-01-04', nrw), '2025-02-03'); // 2025-02-01 is a Saturday
    assert.equal(statementDueDate('2025-01-05', nrw), '2025-02-03'); // 2025-02-02 is a Sunday
    assert.equal(nextWorkingDay('2025-02-03'), '2025-02-03');
  });

  it('runs across month ends, leap years and the turn of the year', () => {
    assert.equal(statementDueDate('2024-02-01', nrw), '2024-02-29');
    assert.equal(statementDueDate('2023-02-01', nrw), '2023-03-01');
    assert.equal(statementDueDate('2024-12-10', nrw), '2025-01-07');
    assert.equal(statementDueDate('2025-11-04', nrw), '2025-12-02');
  });

  it('reminds 7 days before the due date', () => {
    assert.equal(statementReminderDate('2025-01-01', nrw), '2025-01-22');
    assert.equal(statementReminderDate('2025-01-04', nrw), '2025-01-27');
  });

  it('brings a reminder that falls on a weekend forward to the Friday', () => {
    const fiveDays = { ...nrw, deadlines: { ...nrw.deadlines, statementReminderDaysBefore: 5 } };
    assert.equal(statementDueDate('2025-01-02', fiveDays), '2025-01-30'); // Thursday
    assert.equal(statementReminderDate('2025-01-02', fiveDays), '2025-01-24'); // not Saturday 25th
  });

  it('reminds before a due date the office chose, never before the request, and notes the first overdue day', () => {
    assert.equal(reminderBefore('2025-02-14', '2025-01-10', nrw), '2025-02-07'); // Friday, a week before
    assert.equal(reminderBefore('2025-02-17', '2025-01-10', nrw), '2025-02-10'); // Monday
    assert.equal(reminderBefore('2025-02-16', '2025-01-10', nrw), '2025-02-07'); // Sunday 9th → Friday
    assert.equal(reminderBefore('2025-01-14', '2025-01-10', nrw), '2025-01-10'); // short deadline
    assert.equal(firstDayOverdue('2025-02-13'), '2025-02-14'); // Thursday → Friday
    assert.equal(firstDayOverdue('2025-02-14'), '2025-02-17'); // Friday → Monday
  });

  it('is overdue only after the due date', () => {
    assert.equal(isOverdue('2025-01-29', '2025-01-28'), false);
    assert.equal(isOverdue('2025-01-29', '2025-01-29'), false);
    assert.equal(isOverdue('2025-01-29', '2025-01-30'), true);
    assert.equal(isOverdue('2025-01-29', '2026-01-01'), true);
  });

  it('says when the reminder is due', () => {
    assert.equal(isReminderDue('2025-01-22', '2025-01-29', '2025-01-21'), false);
    assert.equal(isReminderDue('2025-01-22', '2025-01-29', '2025-01-22'), true);
    assert.equal(isReminderDue('2025-01-22', '2025-01-29', '2025-01-29'), true);
    assert.equal(isReminderDue('2025-01-22', '2025-01-29', '2025-01-30'), false);
  });

  it('follows the profile: the two-thirds Land gives 42 days and reminds 14 days before', () => {
    assert.equal(statementDueDate('2025-01-01', landX), '2025-02-12');
    assert.equal(statementReminderDate('2025-01-01', landX), '2025-01-29');
  });
});

describe('other deadlines', () => {
  it('document requests use the profile default or an explicit number of days', () => {
    assert.equal(documentRequestDueDate('2025-01-01', nrw), '2025-01-29');
    assert.equal(documentRequestDueDate('2025-01-01', landX), '2025-01-22');
    assert.equal(documentRequestDueDate('2025-01-01', nrw, 10), '2025-01-13'); // 11th is a Saturday
  });

  it('the next session is due within 31 days, or 92 with a pre-screening committee', () => {
    assert.equal(latestNextSessionDate('2025-01-15', nrw, false), '2025-02-14'); // 15 Feb is a Saturday
    assert.equal(latestNextSessionDate('2025-01-15', nrw, true), '2025-04-17');
  });

  it('retention ends after the months set for the outcome', () => {
    assert.equal(retentionEndDate('2025-01-31', 'hardship_request', nrw), '2035-01-31');
    assert.equal(retentionEndDate('2024-02-29', 'withdrawn', nrw), '2026-02-28');
    assert.equal(retentionEndDate('2025-06-30', 'not_taken_up', nrw), '2028-06-30');
  });
});

describe('deadline properties', () => {
  const date = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const days = fc.integer({ min: 2, max: 120 });
  const profileWith = (statementDueDays: number, statementReminderDaysBefore: number) => ({
    ...nrw,
    deadlines: { ...nrw.deadlines, statementDueDays, statementReminderDaysBefore },
  });

  it('a due date is never on a weekend and at most two days past the plain count', () => {
    fc.assert(
      fc.property(date, days, (start, n) => {
        const due = statementDueDate(start, profileWith(n, 1));
        assert.equal(isWeekend(due), false);
        const extra = daysBetween(addDays(start, n), due);
        assert.ok(extra >= 0 && extra <= 2, `${start} + ${n} -> ${due}`);
      }),
    );
  });

  it('the reminder is on a working day, not before the request and before the due date', () => {
    fc.assert(
      fc.property(date, days, fc.integer({ min: 1, max: 119 }), (start, n, before) => {
        fc.pre(before < n);
        const profile = profileWith(n, before);
        const reminder = statementReminderDate(start, profile);
        const due = statementDueDate(start, profile);
        assert.ok(daysBetween(start, reminder) >= 0);
        assert.ok(daysBetween(reminder, due) > 0);
        if (reminder !== start) assert.equal(isWeekend(reminder), false);
      }),
    );
  });

  it('overdue exactly on the days after the due date', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -400, max: 400 }), (due, offset) => {
        assert.equal(isOverdue(due, addDays(due, offset)), offset > 0);
      }),
    );
  });
});
