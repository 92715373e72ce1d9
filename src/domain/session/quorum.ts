/**
 * Quorum (Beschlussfähigkeit): who is present with a vote, and whether enough seated members are
 * present under the profile's rule. Each seat is held by a member with a personal deputy; the
 * deputy counts, and votes, only in place of an absent member, so a seat never counts twice.
 */
import type { ProcedureProfile, QuorumRule } from '../rules/profile.ts';
import { fail, ok, type Result } from '../rules/result.ts';

/** Attendance on one seat of the commission. */
export interface SeatAttendance {
  memberId: string;
  memberPresent: boolean;
  deputyId?: string | null;
  deputyPresent?: boolean;
}

export interface Quorum {
  quorate: boolean;
  /** Seats represented by their member or, in the member's absence, the deputy. */
  present: number;
  /** Seats that must be represented for the commission to decide. */
  required: number;
  /** Seated members (seats filled), the base of the quorum. */
  seated: number;
  /** Persons entitled to vote in this session: one per represented seat. */
  voterIds: string[];
}

/** Number of represented seats a quorum needs, given the seated members. */
export function requiredForQuorum(rule: QuorumRule, seated: number): number {
  if (rule.kind === 'absolute_count') return rule.count;
  // Integer ceiling of seated * n / d, so 1/2 of 10 is 5 and 1/2 of 9 is 5.
  return Math.max(1, Math.ceil((seated * rule.numerator) / rule.denominator));
}

/** Checks attendance against the profile's quorum rule; refuses inconsistent attendance with German messages. */
export function checkQuorum(seats: readonly SeatAttendance[], profile: ProcedureProfile): Result<Quorum> {
  const errors: string[] = [];
  if (seats.length === 0) errors.push('Es sind keine Sitze der Kommission erfasst.');
  if (seats.length > profile.commission.maxMembers) {
    errors.push(
      `Es sind ${seats.length} Sitze erfasst, die Kommission hat aber höchstens ${profile.commission.maxMembers} Mitglieder.`,
    );
  }
  const persons = new Set<string>();
  const voterIds: string[] = [];
  for (const seat of seats) {
    const ids = [seat.memberId, ...(seat.deputyId ? [seat.deputyId] : [])];
    for (const id of ids) {
      if (id.trim() === '') errors.push('Eine Person ohne Kennung ist erfasst.');
      else if (persons.has(id)) errors.push(`Die Person „${id}“ ist mehr als einmal erfasst.`);
      persons.add(id);
    }
    if (seat.deputyPresent && !seat.deputyId) {
      errors.push(
        `Für das Mitglied „${seat.memberId}“ ist eine Stellvertretung anwesend, aber keine benannt.`,
      );
    }
    if (seat.memberPresent) voterIds.push(seat.memberId);
    else if (seat.deputyPresent && seat.deputyId) voterIds.push(seat.deputyId);
  }
  if (errors.length > 0) return fail(errors);

  const seated = seats.length;
  const required = requiredForQuorum(profile.quorum, seated);
  return ok({ quorate: voterIds.length >= required, present: voterIds.length, required, seated, voterIds });
}
