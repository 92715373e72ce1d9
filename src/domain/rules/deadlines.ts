/**
 * Deadlines from the procedure profile, on calendar dates 'YYYY-MM-DD'. "Today" is always passed
 * in by the caller (as a date in Europe/Berlin); nothing here reads a clock.
 *
 * Only Saturdays and Sundays move a deadline. German public holidays (nationwide or in the Land)
 * are deliberately ignored for now: they would need a per-Land holiday calendar in the profile.
 */
import { addDays, addMonths, compareDates, type IsoDate, weekday } from './dates.ts';
import type { CaseOutcome, ProcedureProfile } from './profile.ts';

/** The date itself on a working day, otherwise the following Monday. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  const day = weekday(date);
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}

/** The date itself on a working day, otherwise the Friday before. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  const day = weekday(date);
  return day === 6 ? addDays(date, -1) : day === 0 ? addDays(date, -2) : date;
}

/** Due date of a deadline of `days` calendar days from `start`, moved off a weekend to the next Monday. */
export function deadlineFrom(start: IsoDate, days: number): IsoDate {
  return nextWorkingDay(addDays(start, days));
}

/** Date by which the immigration authority's statement is due, counted from the date it was requested. */
export function statementDueDate(requestedOn: IsoDate, profile: ProcedureProfile): IsoDate {
  return deadlineFrom(requestedOn, profile.deadlines.statementDueDays);
}

/** Date of the reminder to the immigration authority: N days before the due date, brought forward off a weekend. */
export function statementReminderDate(requestedOn: IsoDate, profile: ProcedureProfile): IsoDate {
  return reminderBefore(statementDueDate(requestedOn, profile), requestedOn, profile);
}

/**
 * The reminder for a statement due on `dueOn` (the office may set any due date): the profile's N days
 * before it, brought forward off a weekend — but never before the day it was asked for.
 */
export function reminderBefore(dueOn: IsoDate, requestedOn: IsoDate, profile: ProcedureProfile): IsoDate {
  const reminder = previousWorkingDay(addDays(dueOn, -profile.deadlines.statementReminderDaysBefore));
  return compareDates(reminder, requestedOn) < 0 ? requestedOn : reminder;
}

/** The working day after a due date: when the overdue notice goes out. */
export function firstDayOverdue(dueOn: IsoDate): IsoDate {
  return nextWorkingDay(addDays(dueOn, 1));
}

/** Due date for documents requested from the applicant; `days` overrides the profile's default. */
export function documentRequestDueDate(
  requestedOn: IsoDate,
  profile: ProcedureProfile,
  days: number = profile.deadlines.documentRequestDays,
): IsoDate {
  return deadlineFrom(requestedOn, days);
}

/** True once `today` is after the due date; the due date itself is still in time. */
export function isOverdue(dueDate: IsoDate, today: IsoDate): boolean {
  return compareDates(today, dueDate) > 0;
}

/** True if the reminder should go out: on or after the reminder date and not yet overdue. */
export function isReminderDue(reminderDate: IsoDate, dueDate: IsoDate, today: IsoDate): boolean {
  return compareDates(today, reminderDate) >= 0 && !isOverdue(dueDate, today);
}

/** Latest date for the next session after `lastSession`, brought forward off a weekend. */
export function latestNextSessionDate(
  lastSession: IsoDate,
  profile: ProcedureProfile,
  hasPreScreeningCommittee: boolean,
): IsoDate {
  const max = profile.sessionCadence.maxDaysBetweenSessions;
  return previousWorkingDay(
    addDays(
      lastSession,
      hasPreScreeningCommittee ? max.withPreScreeningCommittee : max.withoutPreScreeningCommittee,
    ),
  );
}

/** Date from which a closed case's data may be deleted, per the profile's retention period for its outcome. */
export function retentionEndDate(
  closedOn: IsoDate,
  outcome: CaseOutcome,
  profile: ProcedureProfile,
): IsoDate {
  return addMonths(closedOn, profile.retention.monthsByOutcome[outcome]);
}
