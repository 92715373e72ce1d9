/**
 * The commission (Härtefallkommission): members and their personal deputies, each nominated by an
 * organisation for a term (§ 2 HFKVO NRW). A member holds a seat; a deputy stands in for one
 * member only. Who sits on a given day follows from the terms, so past sessions keep their seats.
 * The office head chairs the sessions (§ 3) as office staff, not as a seat.
 */
import { normaliseLine } from '../application/text.ts';
import { isIsoDate } from '../rules/dates.ts';
import type { ProcedureProfile } from '../rules/profile.ts';
import type { SeatAttendance } from './quorum.ts';

export const MEMBERSHIP_FUNCTIONS = ['member', 'deputy'] as const;
export type MembershipFunction = (typeof MEMBERSHIP_FUNCTIONS)[number];

/** One appointment: a person as member or as the personal deputy of a member, for a term. */
export interface Membership {
  id: string;
  /** The person's login account (role `member`). */
  userId: string;
  name: string;
  function: MembershipFunction;
  /** For a deputy: the membership of the member they stand in for. */
  deputyOf: string | null;
  /** The nominating organisation (church, welfare association, Flüchtlingsrat …). */
  nominatedBy: string;
  /** First and last day of the term, 'YYYY-MM-DD' (inclusive). */
  termFrom: string;
  termTo: string;
  /** Also on the pre-screening committee (Vorprüfungsausschuss) during the term; members only. */
  preScreening: boolean;
}

/** A problem with one field of a form, in German. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldProblem[] };

/** True if the term covers the day ('YYYY-MM-DD'). */
export function activeOn(membership: Pick<Membership, 'termFrom' | 'termTo'>, day: string): boolean {
  return membership.termFrom <= day && day <= membership.termTo;
}

/** A seat on a day: the member and, if one is appointed for that day, the personal deputy. */
export interface Seat {
  member: Membership;
  deputy: Membership | null;
}

/** The seats of the commission on a day, by the members' names. */
export function seatsOn(memberships: readonly Membership[], day: string): Seat[] {
  const members = memberships
    .filter((m) => m.function === 'member' && activeOn(m, day))
    .sort((a, b) => a.name.localeCompare(b.name, 'de') || a.id.localeCompare(b.id));
  return members.map((member) => ({
    member,
    deputy:
      memberships.find((d) => d.function === 'deputy' && d.deputyOf === member.id && activeOn(d, day)) ??
      null,
  }));
}

/** The attendance of each seat for the quorum, from the memberships marked present. */
export function seatAttendance(seats: readonly Seat[], present: ReadonlySet<string>): SeatAttendance[] {
  return seats.map((seat) => ({
    memberId: seat.member.id,
    memberPresent: present.has(seat.member.id),
    deputyId: seat.deputy?.id ?? null,
    deputyPresent: seat.deputy ? present.has(seat.deputy.id) : false,
  }));
}

/** What the administrator enters for a new appointment (raw form values). */
export interface MembershipInput {
  userId: string;
  function: string;
  deputyOf: string;
  nominatedBy: string;
  termFrom: string;
  termTo: string;
  /** 'ja' when the member also sits on the pre-screening committee. */
  preScreening?: string;
}

const overlaps = (a: Pick<Membership, 'termFrom' | 'termTo'>, b: Pick<Membership, 'termFrom' | 'termTo'>) =>
  a.termFrom <= b.termTo && b.termFrom <= a.termTo;

/** The most members whose terms run at the same time as the given term. */
function mostMembersDuring(
  memberships: readonly Membership[],
  term: Pick<Membership, 'termFrom' | 'termTo'>,
) {
  const members = memberships.filter((m) => m.function === 'member' && overlaps(m, term));
  // The number of running terms only rises where a term begins, so those days are enough to look at.
  const days = [term.termFrom, ...members.map((m) => m.termFrom).filter((d) => d > term.termFrom)];
  return Math.max(0, ...days.map((day) => members.filter((m) => activeOn(m, day)).length));
}

/** The most pre-screening committee members whose terms run at the same time as the given term. */
function mostPreScreeningDuring(
  memberships: readonly Membership[],
  term: Pick<Membership, 'termFrom' | 'termTo'>,
) {
  return mostMembersDuring(
    memberships.filter((m) => m.preScreening),
    term,
  );
}

/**
 * The pre-screening committee on a day: the chair plus the profile's number of members (NRW: two,
 * § 3 HFKVO). It exists only when every seat of it is filled on that day; otherwise null, and the
 * commission itself must meet at the shorter interval.
 */
export function preScreeningCommitteeOn(
  memberships: readonly Membership[],
  day: string,
  profile: ProcedureProfile,
): Membership[] | null {
  const size = profile.commission.preScreeningCommitteeMembers;
  if (size === 0) return null;
  const sitting = memberships
    .filter((m) => m.function === 'member' && m.preScreening && activeOn(m, day))
    .sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return sitting.length === size ? sitting : null;
}

/**
 * Checks a new appointment against the existing ones and the profile: a term with a valid start and
 * end, the nominating organisation, one function per person at a time, a deputy within the term of
 * the member they stand in for and only one deputy per member at a time, and no more members at
 * once than the profile allows. The account itself (a member account) is checked by the caller.
 */
export function checkMembership(
  input: MembershipInput,
  existing: readonly Membership[],
  profile: ProcedureProfile,
): Checked<Omit<Membership, 'id' | 'name'>> {
  const errors: FieldProblem[] = [];
  const problem = (field: string, message: string) => errors.push({ field, message });
  const userId = input.userId.trim();
  if (!userId) problem('userId', 'Bitte wählen Sie das Konto der Person.');
  const fn = MEMBERSHIP_FUNCTIONS.find((f) => f === input.function);
  if (!fn) problem('function', 'Bitte wählen Sie, ob die Person Mitglied oder Stellvertretung ist.');
  const nominatedBy = normaliseLine(input.nominatedBy);
  if (!nominatedBy) problem('nominatedBy', 'Bitte geben Sie die entsendende Organisation an.');
  else if (nominatedBy.length > 200)
    problem('nominatedBy', 'Der Name der Organisation ist zu lang (höchstens 200 Zeichen).');
  const termFrom = input.termFrom.trim();
  const termTo = input.termTo.trim();
  if (!isIsoDate(termFrom))
    problem('termFrom', 'Bitte geben Sie den Beginn der Amtszeit als gültiges Datum an.');
  if (!isIsoDate(termTo)) problem('termTo', 'Bitte geben Sie das Ende der Amtszeit als gültiges Datum an.');
  if (errors.some((e) => e.field === 'termFrom' || e.field === 'termTo') || !fn) return { ok: false, errors };
  if (termTo < termFrom) {
    problem('termTo', 'Das Ende der Amtszeit liegt vor ihrem Beginn.');
    return { ok: false, errors };
  }
  const term = { termFrom, termTo };
  if (userId && existing.some((m) => m.userId === userId && overlaps(m, term))) {
    problem('userId', 'Diese Person hat in diesem Zeitraum schon eine Funktion in der Kommission.');
  }
  let deputyOf: string | null = null;
  if (fn === 'deputy') {
    const member = existing.find((m) => m.id === input.deputyOf.trim() && m.function === 'member');
    if (!member) problem('deputyOf', 'Bitte wählen Sie das Mitglied, das die Person vertritt.');
    else {
      deputyOf = member.id;
      if (termFrom < member.termFrom || termTo > member.termTo) {
        problem(
          'termFrom',
          `Die Amtszeit der Stellvertretung muss in die Amtszeit des Mitglieds fallen (${germanDay(member.termFrom)} bis ${germanDay(member.termTo)}).`,
        );
      }
      if (existing.some((d) => d.function === 'deputy' && d.deputyOf === member.id && overlaps(d, term))) {
        problem('deputyOf', 'Für dieses Mitglied ist in diesem Zeitraum schon eine Stellvertretung benannt.');
      }
    }
  } else if (mostMembersDuring(existing, term) + 1 > profile.commission.maxMembers) {
    problem(
      'termFrom',
      `In diesem Zeitraum hat die Kommission schon ${profile.commission.maxMembers} Mitglieder, mehr sieht das Verfahrensprofil nicht vor.`,
    );
  }
  const preScreening = (input.preScreening ?? '').trim() === 'ja';
  if (preScreening) {
    const size = profile.commission.preScreeningCommitteeMembers;
    if (fn === 'deputy') {
      problem('preScreening', 'Dem Vorprüfungsausschuss gehören nur Mitglieder an, keine Stellvertretungen.');
    } else if (size === 0) {
      problem('preScreening', 'Das Verfahrensprofil sieht keinen Vorprüfungsausschuss vor.');
    } else if (mostPreScreeningDuring(existing, term) + 1 > size) {
      problem(
        'preScreening',
        `Dem Vorprüfungsausschuss gehören in diesem Zeitraum schon ${size} Mitglieder an; mehr sieht das Verfahrensprofil nicht vor.`,
      );
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { userId, function: fn, deputyOf, nominatedBy, termFrom, termTo, preScreening },
  };
}

/** 'YYYY-MM-DD' → 'DD.MM.YYYY'. */
export function germanDay(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}
