/**
 * Planning a session: its day, time and place and who chairs it (the head of the office, § 3 HFKVO
 * NRW). Sessions are planned for today or later; the vote of a session is recorded from its day on.
 */
import { normaliseLine } from '../application/text.ts';
import { isIsoDate } from '../rules/dates.ts';
import type { Checked, FieldProblem } from './commission.ts';

export interface SessionPlanForm {
  day: string;
  month: string;
  year: string;
  time: string;
  place: string;
  chairId: string;
}

export interface SessionPlan {
  /** 'YYYY-MM-DD', the day in Germany. */
  day: string;
  /** 'HH:MM', the time in Germany. */
  time: string;
  place: string;
  chairId: string;
}

/** Checks a planned session: a real date not before today, a time of day, a place and a chair from the office's heads. */
export function checkSessionPlan(
  form: SessionPlanForm,
  today: string,
  heads: readonly { id: string }[],
): Checked<SessionPlan> {
  const errors: FieldProblem[] = [];
  const [d, m, y] = [form.day, form.month, form.year].map((v) => v.trim());
  const day =
    /^\d{1,2}$/.test(d ?? '') && /^\d{1,2}$/.test(m ?? '') && /^\d{4}$/.test(y ?? '')
      ? `${y}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`
      : '';
  if (!isIsoDate(day)) errors.push({ field: 'date', message: 'Bitte geben Sie ein gültiges Datum an.' });
  else if (day < today)
    errors.push({
      field: 'date',
      message: 'Eine Sitzung kann nur für heute oder einen späteren Tag geplant werden.',
    });
  const time = form.time.trim();
  const hm = /^(\d{1,2})[:.](\d{2})$/.exec(time);
  const validTime = hm !== null && Number(hm[1]) <= 23 && Number(hm[2]) <= 59;
  if (!validTime) errors.push({ field: 'time', message: 'Bitte geben Sie die Uhrzeit im Format 10:00 an.' });
  const place = normaliseLine(form.place);
  if (!place) errors.push({ field: 'place', message: 'Bitte geben Sie den Sitzungsort an.' });
  else if (place.length > 200)
    errors.push({ field: 'place', message: 'Der Sitzungsort ist zu lang (höchstens 200 Zeichen).' });
  if (!heads.some((h) => h.id === form.chairId))
    errors.push({
      field: 'chairId',
      message:
        heads.length === 0
          ? 'Es gibt kein Konto der Leitung der Geschäftsstelle, die den Vorsitz führt. Bitte lassen Sie es in der Verwaltung anlegen.'
          : 'Bitte wählen Sie, wer den Vorsitz führt.',
    });
  if (errors.length > 0 || !hm) return { ok: false, errors };
  return {
    ok: true,
    value: {
      day,
      time: `${(hm[1] ?? '').padStart(2, '0')}:${hm[2]}`,
      place,
      chairId: form.chairId,
    },
  };
}

/** The vote of a session can be recorded from the session's day on (both 'YYYY-MM-DD' in Germany). */
export function sessionDayReached(sessionDay: string, today: string): boolean {
  return today >= sessionDay;
}
