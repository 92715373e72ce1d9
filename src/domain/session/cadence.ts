/**
 * How often the commission must meet (§ 6 HFKVO NRW): at least monthly, or at least quarterly
 * when a pre-screening committee exists; the intervals are the profile's. Pure: the caller gives
 * the session days, today and the appointments.
 */
import { latestNextSessionDate } from '../rules/deadlines.ts';
import type { ProcedureProfile } from '../rules/profile.ts';
import { type Membership, preScreeningCommitteeOn } from './commission.ts';

export interface SessionCadence {
  /** The last session day up to today. */
  lastDay: string;
  /** The latest day for the next session. */
  latestNext: string;
  /** Whether the pre-screening committee exists today (the longer interval applies). */
  withCommittee: boolean;
  /** The next planned session day after today, if any. */
  nextPlanned: string | null;
  /** The next session is planned too late, or none is planned and the latest day has passed. */
  late: boolean;
}

/** The cadence from the session days ('YYYY-MM-DD'); null before the first session. */
export function sessionCadence(
  sessionDays: readonly string[],
  today: string,
  memberships: readonly Membership[],
  profile: ProcedureProfile,
): SessionCadence | null {
  const past = sessionDays.filter((d) => d <= today).sort();
  const lastDay = past.at(-1);
  if (!lastDay) return null;
  const withCommittee = preScreeningCommitteeOn(memberships, today, profile) !== null;
  const latestNext = latestNextSessionDate(lastDay, profile, withCommittee);
  const nextPlanned = sessionDays.filter((d) => d > today).sort()[0] ?? null;
  const late = nextPlanned ? nextPlanned > latestNext : today > latestNext;
  return { lastDay, latestNext, withCommittee, nextPlanned, late };
}
