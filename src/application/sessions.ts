/**
 * The commission's sessions, as the office runs them: plan a date, build and order the agenda from
 * the cases ready for a session, invite the members (a mail with the date and a link, nothing
 * else), record attendance — the quorum of the profile is checked before every vote — and the
 * decision on each case (vote counts only: who voted how is never recorded). The chair approves
 * the minutes; that locks the session and carries every decision into its case through the
 * commands of the case state machine, in one transaction, so the case file shows it and the
 * letters follow from the outbox. Administrators appoint members and deputies.
 *
 * Every view of a session (its agenda names cases and persons) and every change is audited.
 */
import type { Readable } from 'node:stream';
import { sessionInvitationMail } from '../../content/mails/sessions.ts';
import { mayDo } from '../domain/access/policy.ts';
import type { Actor } from '../domain/case/index.ts';
import type { ProcedureProfile } from '../domain/rules/profile.ts';
import {
  type AgendaDecision,
  caseCommandsFor,
  checkMembership,
  checkQuorum,
  checkSessionPlan,
  type DecisionForm,
  decideAgendaItem,
  type FieldProblem,
  type MembershipInput,
  preScreeningCommitteeOn,
  type Quorum,
  type Seat,
  type SessionPlanForm,
  seatAttendance,
  seatsOn,
  sessionCadence,
  sessionDayReached,
} from '../domain/session/index.ts';
import type { CaseUseCases } from './cases.ts';
import { MAIL_JOB_KIND } from './drafts.ts';
import type {
  AgendaCandidate,
  AgendaItemRecord,
  BlobStore,
  Clock,
  Randomness,
  SessionRecord,
  TransactionScope,
  UnitOfWork,
} from './ports.ts';
import { berlinDate } from './statement-reminders.ts';

export const MINUTES_JOB_KIND = 'minutes.render';

/**
 * Where a member sees a session: the members' view (a later slice) serves this path; invitations
 * link to it and carry nothing else but the date.
 */
export function memberSessionPath(sessionId: string): string {
  return `/kommission/sitzungen/${sessionId}`;
}

/** The offset of German time from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function berlinOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'Europe/Berlin',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((local - at.getTime()) / 60_000);
}

/** The instant of a day and time in Germany ('2027-02-03', '10:00'). */
export function berlinInstant(day: string, time: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, h ?? 0, min ?? 0);
  const first = new Date(wall - berlinOffsetMinutes(new Date(wall)) * 60_000);
  return new Date(wall - berlinOffsetMinutes(first) * 60_000);
}

/** 'Mittwoch, 3. Februar 2027, 10:00 Uhr' */
export function sessionDateText(at: Date): string {
  const date = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);
  const time = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  return `${date}, ${time} Uhr`;
}

/** An agenda item is still this session's while its case is scheduled for it (or was decided by it). */
export function onAgenda(item: AgendaItemRecord, sessionId: string): boolean {
  return item.caseState === 'scheduled' && item.caseSessionId === sessionId;
}

export interface SessionView {
  session: SessionRecord;
  today: string;
  locked: boolean;
  /** Votes can be recorded (from the session's day on, until the minutes are approved). */
  votingOpen: boolean;
  agenda: (AgendaItemRecord & { active: boolean })[];
  candidates: AgendaCandidate[];
  waiting: { statementReceived: number; statementOverdue: number };
  seats: Seat[];
  present: string[];
  /** The quorum now, or why it cannot be determined (no seats on that day, …). */
  quorum: { ok: true; value: Quorum } | { ok: false; errors: string[] };
  /** The actor chairs this session and may approve its minutes. */
  isChair: boolean;
  /** Cases on the agenda without a recorded decision. */
  undecided: string[];
  profile: ProcedureProfile;
}

export interface SessionDeps {
  uow: UnitOfWork;
  clock: Clock;
  random: Randomness;
  profile: ProcedureProfile;
  cases: CaseUseCases;
  blobs: BlobStore;
  publicUrl: string;
  /** The minutes as PDF/A (a draft before approval), composed from the session's records. */
  renderMinutes(facts: MinutesFacts, options: { draft: boolean }): Promise<Buffer>;
}

/** Everything the minutes say, read from the locked (or, for a draft, current) records. */
export interface MinutesFacts {
  session: SessionRecord;
  seats: Seat[];
  present: string[];
  quorum: Quorum | null;
  agenda: (AgendaItemRecord & { active: boolean })[];
  profile: ProcedureProfile;
}

/** A refusal with a German message for the page (the session is locked, not today, …). */
type Refused = { ok: false; message: string };
type FormErrors = { ok: false; errors: FieldProblem[] };

class Abort extends Error {
  constructor(readonly refusal: string) {
    super('session step refused');
  }
}

const LOCKED = 'Das Protokoll dieser Sitzung ist genehmigt. Die Sitzung kann nicht mehr geändert werden.';

export function sessionUseCases(deps: SessionDeps) {
  const { uow, clock, profile } = deps;
  const today = () => berlinDate(clock.now());
  const audit = (
    scope: TransactionScope,
    actor: Actor,
    action: string,
    resource: { type: string; id: string },
    details: Record<string, unknown> = {},
  ) => scope.audit.append({ at: clock.now(), actor, action, resource, details });
  const office = (actor: Actor) => mayDo(actor.role, 'run_sessions');

  /** Runs a step on an unlocked session; null if it does not exist (or the actor may not). */
  async function onOpenSession<T>(
    actor: Actor,
    sessionId: string,
    work: (scope: TransactionScope, session: SessionRecord) => Promise<T>,
  ): Promise<T | Refused | null> {
    if (!office(actor)) return null;
    try {
      return await uow.run(async (scope) => {
        const session = await scope.sessions.session(sessionId, { forUpdate: true });
        if (!session) return null;
        if (session.approvedAt) return { ok: false as const, message: LOCKED };
        return work(scope, session);
      });
    } catch (error) {
      if (error instanceof Abort) return { ok: false, message: error.refusal };
      throw error;
    }
  }

  async function quorumOf(scope: TransactionScope, session: SessionRecord) {
    const memberships = await scope.sessions.memberships();
    const seats = seatsOn(memberships, session.day);
    const present = await scope.sessions.attendance(session.id);
    const quorum = checkQuorum(seatAttendance(seats, new Set(present)), profile);
    return { seats, present, quorum };
  }

  async function agendaOf(scope: TransactionScope, session: SessionRecord) {
    const items = await scope.sessions.agenda(session.id);
    return items.map((item) => ({
      ...item,
      // After approval the cases have moved on; the items decided in this session stay its own.
      active: session.approvedAt ? item.decision !== null : onAgenda(item, session.id),
    }));
  }

  return {
    // -------------------------------------------------------------------------------------------------
    // The commission (administrators)

    async commission(actor: Actor) {
      if (!mayDo(actor.role, 'administer_commission')) return null;
      return uow.run(async ({ sessions }) => {
        const memberships = await sessions.memberships();
        const day = today();
        return {
          memberships,
          accounts: await sessions.memberAccounts(),
          today: day,
          /** Members besides the chair on the pre-screening committee (0: the profile has none). */
          committeeSize: profile.commission.preScreeningCommitteeMembers,
          committee: preScreeningCommitteeOn(memberships, day, profile),
        };
      });
    },

    async appoint(actor: Actor, input: MembershipInput): Promise<{ ok: true } | FormErrors | null> {
      if (!mayDo(actor.role, 'administer_commission')) return null;
      return uow.run(async (scope) => {
        await scope.sessions.lockCommission();
        const accounts = await scope.sessions.memberAccounts();
        const checked = checkMembership(input, await scope.sessions.memberships(), profile);
        const errors = checked.ok ? [] : [...checked.errors];
        if (input.userId.trim() && !accounts.some((a) => a.id === input.userId.trim())) {
          errors.unshift({
            field: 'userId',
            message: 'Bitte wählen Sie ein Konto mit der Rolle „Mitglied“.',
          });
        }
        if (!checked.ok || errors.length > 0) return { ok: false as const, errors };
        const id = deps.random.uuid();
        await scope.sessions.insertMembership({ id, ...checked.value });
        await audit(
          scope,
          actor,
          'commission.membership_added',
          { type: 'commission_membership', id },
          {
            function: checked.value.function,
            preScreening: checked.value.preScreening,
          },
        );
        return { ok: true as const };
      });
    },

    /** Removes an appointment entered by mistake; one that a session or a deputy refers to stays. */
    async removeAppointment(actor: Actor, id: string): Promise<'removed' | 'in_use' | null> {
      if (!mayDo(actor.role, 'administer_commission')) return null;
      return uow.run(async (scope) => {
        await scope.sessions.lockCommission();
        if (!(await scope.sessions.memberships()).some((m) => m.id === id)) return null;
        if (await scope.sessions.membershipInUse(id)) return 'in_use';
        await scope.sessions.deleteMembership(id);
        await audit(scope, actor, 'commission.membership_removed', { type: 'commission_membership', id });
        return 'removed';
      });
    },

    // -------------------------------------------------------------------------------------------------
    // Planning (the office)

    async list(actor: Actor) {
      if (!office(actor)) return null;
      return uow.run(async ({ sessions }) => {
        const all = await sessions.sessions();
        const day = today();
        return {
          upcoming: all.filter((s) => !s.approvedAt && s.day >= day).reverse(),
          open: all.filter((s) => !s.approvedAt && s.day < day),
          done: all.filter((s) => s.approvedAt),
          heads: await sessions.officeHeads(),
          today: day,
          cadence: sessionCadence(
            all.map((s) => s.day),
            day,
            await sessions.memberships(),
            profile,
          ),
        };
      });
    },

    async plan(
      actor: Actor,
      form: SessionPlanForm,
    ): Promise<{ ok: true; sessionId: string } | FormErrors | null> {
      if (!office(actor)) return null;
      return uow.run(async (scope) => {
        const checked = checkSessionPlan(form, today(), await scope.sessions.officeHeads());
        if (!checked.ok) return checked;
        const { day, time, place, chairId } = checked.value;
        const id = deps.random.uuid();
        await scope.sessions.insertSession({
          id,
          startsAt: berlinInstant(day, time),
          day,
          place,
          chairId,
          createdBy: actor.id,
        });
        await audit(scope, actor, 'session.planned', { type: 'session', id }, { day });
        return { ok: true as const, sessionId: id };
      });
    },

    /** A date planned by mistake or called off: only while nothing is on its agenda. */
    async cancel(actor: Actor, sessionId: string) {
      return onOpenSession(actor, sessionId, async (scope) => {
        if (!(await scope.sessions.deleteSession(sessionId)))
          return {
            ok: false as const,
            message:
              'Eine Sitzung mit Fällen auf der Tagesordnung kann nicht abgesagt werden. Vertagen Sie die Fälle.',
          };
        await audit(scope, actor, 'session.cancelled', { type: 'session', id: sessionId });
        return { ok: true as const };
      });
    },

    /** The session page; the view is audited (the agenda names cases and persons). */
    async view(actor: Actor, sessionId: string): Promise<SessionView | null> {
      if (!office(actor)) return null;
      return uow.run(async (scope) => {
        const session = await scope.sessions.session(sessionId);
        if (!session) return null;
        const agenda = await agendaOf(scope, session);
        const { seats, present, quorum } = await quorumOf(scope, session);
        const locked = session.approvedAt !== null;
        await audit(scope, actor, 'session.viewed', { type: 'session', id: sessionId });
        return {
          session,
          today: today(),
          locked,
          votingOpen: !locked && sessionDayReached(session.day, today()),
          agenda,
          candidates: locked ? [] : await scope.sessions.candidates(),
          waiting: await scope.sessions.waiting(clock.now()),
          seats,
          present,
          quorum,
          isChair: mayDo(actor.role, 'approve_minutes') && actor.id === session.chairId,
          undecided: agenda.filter((i) => i.active && !i.decision).map((i) => i.caseNumber),
          profile,
        };
      });
    },

    async addCase(actor: Actor, sessionId: string, caseId: string) {
      return onOpenSession(actor, sessionId, async (scope, session) => {
        const result = await deps.cases.applyWithin(scope, {
          caseId,
          actor,
          command: { type: 'scheduleForSession', sessionId, sessionDate: session.startsAt.toISOString() },
        });
        if (!result.ok) {
          throw new Abort(
            result.kind === 'refused' && result.error.code !== 'state_not_allowed'
              ? result.error.message
              : 'Dieser Fall kann nicht auf die Tagesordnung gesetzt werden: Er ist nicht (mehr) bereit für eine Sitzung.',
          );
        }
        await scope.sessions.addAgendaItem(sessionId, caseId);
        await audit(scope, actor, 'session.case_added', { type: 'session', id: sessionId }, { caseId });
        return { ok: true as const };
      });
    },

    async move(actor: Actor, sessionId: string, caseId: string, direction: 'up' | 'down') {
      return onOpenSession(actor, sessionId, async (scope) => {
        const ids = (await scope.sessions.agenda(sessionId)).map((i) => i.caseId);
        const at = ids.indexOf(caseId);
        if (at < 0) return null;
        const to = direction === 'up' ? at - 1 : at + 1;
        if (to >= 0 && to < ids.length) {
          [ids[at], ids[to]] = [ids[to] ?? caseId, caseId];
          await scope.sessions.setPositions(sessionId, ids);
          await audit(scope, actor, 'session.agenda_reordered', { type: 'session', id: sessionId });
        }
        return { ok: true as const };
      });
    },

    /**
     * Invites every member and deputy appointed on the session's day: one mail each, with the date
     * and a link only. Inviting again reaches only those not invited yet (e.g. appointed since).
     */
    async invite(actor: Actor, sessionId: string) {
      return onOpenSession(actor, sessionId, async (scope, session) => {
        const invitees = await scope.sessions.inviteesOn(session.day);
        if (invitees.length === 0)
          return {
            ok: false as const,
            message:
              'Für den Tag der Sitzung sind keine Mitglieder oder Stellvertretungen mit Zugang benannt.',
          };
        const link = `${deps.publicUrl.replace(/\/$/, '')}${memberSessionPath(sessionId)}`;
        const mail = sessionInvitationMail({ when: sessionDateText(session.startsAt), link });
        for (const invitee of invitees) {
          await scope.outbox.enqueue({
            kind: MAIL_JOB_KIND,
            payload: { to: [invitee.email], ...mail },
            idempotencyKey: `session-invitation:${sessionId}:${session.startsAt.toISOString()}:${invitee.userId}`,
          });
        }
        await scope.sessions.markInvited(sessionId, clock.now());
        await audit(
          scope,
          actor,
          'session.invited',
          { type: 'session', id: sessionId },
          { invitees: invitees.length },
        );
        return { ok: true as const, invited: invitees.length };
      });
    },

    /** Who is present: members and deputies of the day, by their appointment. */
    async recordAttendance(actor: Actor, sessionId: string, present: readonly string[]) {
      return onOpenSession(actor, sessionId, async (scope, session) => {
        const seats = seatsOn(await scope.sessions.memberships(), session.day);
        const known = new Set(seats.flatMap((s) => [s.member.id, ...(s.deputy ? [s.deputy.id] : [])]));
        const chosen = [...new Set(present)];
        if (chosen.some((id) => !known.has(id)))
          return {
            ok: false as const,
            message: 'Die Anwesenheit enthält Personen, die an diesem Tag nicht benannt sind.',
          };
        await scope.sessions.setAttendance(sessionId, chosen);
        await audit(
          scope,
          actor,
          'session.attendance_recorded',
          { type: 'session', id: sessionId },
          {
            present: chosen.length,
          },
        );
        return { ok: true as const };
      });
    },

    /** One agenda item with the session and the quorum, for its decision form (audited). */
    async item(actor: Actor, sessionId: string, caseId: string) {
      if (!office(actor)) return null;
      return uow.run(async (scope) => {
        const session = await scope.sessions.session(sessionId);
        if (!session) return null;
        const agenda = await agendaOf(scope, session);
        const index = agenda.findIndex((i) => i.caseId === caseId);
        const item = agenda[index];
        if (!item) return null;
        const { quorum } = await quorumOf(scope, session);
        await audit(scope, actor, 'session.viewed', { type: 'session', id: sessionId }, { caseId });
        return {
          session,
          item,
          /** The item's number on the agenda (1-based). */
          position: index + 1,
          quorum,
          locked: session.approvedAt !== null,
          votingOpen: session.approvedAt === null && sessionDayReached(session.day, today()),
          profile,
        };
      });
    },

    /**
     * Records (or corrects, until approval) the decision on one case: the quorum from the attendance
     * is checked before any vote; the outcome follows from the profile's majority rule.
     */
    async recordDecision(
      actor: Actor,
      sessionId: string,
      caseId: string,
      form: DecisionForm,
    ): Promise<{ ok: true; decision: AgendaDecision } | FormErrors | Refused | null> {
      return onOpenSession(actor, sessionId, async (scope, session) => {
        const item = (await scope.sessions.agenda(sessionId)).find((i) => i.caseId === caseId);
        if (!item) return null;
        if (!onAgenda(item, sessionId))
          return {
            ok: false as const,
            message: 'Der Fall steht nicht mehr auf der Tagesordnung dieser Sitzung.',
          };
        if (!sessionDayReached(session.day, today()))
          return {
            ok: false as const,
            message: 'Beschlüsse können erst ab dem Tag der Sitzung erfasst werden.',
          };
        const { quorum } = await quorumOf(scope, session);
        const decided = quorum.ok
          ? decideAgendaItem(form, quorum.value, profile)
          : form.kind === 'adjourn'
            ? decideAgendaItem(
                form,
                { quorate: false, present: 0, required: 0, seated: 0, voterIds: [] },
                profile,
              )
            : { ok: false as const, errors: quorum.errors.map((message) => ({ field: 'votes', message })) };
        if (!decided.ok) return decided;
        await scope.sessions.saveDecision(sessionId, caseId, decided.value, actor.id, clock.now());
        await audit(
          scope,
          actor,
          'session.decision_recorded',
          { type: 'session', id: sessionId },
          {
            caseId,
            outcome: decided.value.outcome,
          },
        );
        return { ok: true as const, decision: decided.value };
      });
    },

    /**
     * The chair approves the minutes: the session is locked and each decision goes into its case
     * (request → decided and sent, no request → decided and closed, adjourned) in one transaction,
     * with the minutes and the letters queued in the outbox. Any refusal rolls everything back.
     */
    async approve(actor: Actor, sessionId: string) {
      if (!mayDo(actor.role, 'approve_minutes')) return null;
      return onOpenSession(actor, sessionId, async (scope, session) => {
        if (session.chairId !== actor.id) return null;
        const items = (await scope.sessions.agenda(sessionId)).filter((i) => onAgenda(i, sessionId));
        const undecided = items.filter((i) => !i.decision).map((i) => i.caseNumber);
        if (undecided.length > 0)
          return {
            ok: false as const,
            message: `Für diese Fälle ist noch kein Beschluss erfasst: ${undecided.join(', ')}.`,
          };
        for (const item of items) {
          for (const command of caseCommandsFor(item.decision as AgendaDecision, sessionId)) {
            const result = await deps.cases.applyWithin(scope, { caseId: item.caseId, command, actor });
            if (!result.ok) {
              const why =
                result.kind === 'refused'
                  ? result.error.message
                  : result.kind === 'conflict'
                    ? result.message
                    : '';
              throw new Abort(
                `Der Beschluss zu ${item.caseNumber} konnte nicht übernommen werden. ${why}`.trim(),
              );
            }
          }
        }
        await scope.sessions.approve(sessionId, actor.id, clock.now());
        await scope.outbox.enqueue({
          kind: MINUTES_JOB_KIND,
          payload: { sessionId },
          idempotencyKey: `minutes:${sessionId}`,
        });
        await audit(
          scope,
          actor,
          'session.minutes_approved',
          { type: 'session', id: sessionId },
          {
            decisions: items.length,
          },
        );
        return { ok: true as const };
      });
    },

    /**
     * The minutes: the stored PDF/A once approved (and written), before that a draft rendered on the
     * spot; 'pending' between approval and the outbox writing it. Every download is audited.
     */
    async minutes(
      actor: Actor,
      sessionId: string,
    ): Promise<
      { kind: 'pdf'; stream: Readable | Buffer; draft: boolean; day: string } | { kind: 'pending' } | null
    > {
      if (!office(actor)) return null;
      const found = await uow.run(async (scope) => {
        const session = await scope.sessions.session(sessionId);
        if (!session) return null;
        const facts = await minutesFacts(scope, session);
        await audit(
          scope,
          actor,
          'session.minutes_downloaded',
          { type: 'session', id: sessionId },
          {
            draft: !session.approvedAt,
          },
        );
        return facts;
      });
      if (!found) return null;
      const { session } = found;
      if (session.approvedAt) {
        if (!session.minutes) return { kind: 'pending' };
        return {
          kind: 'pdf',
          stream: await deps.blobs.get(session.minutes.blobKey),
          draft: false,
          day: session.day,
        };
      }
      return {
        kind: 'pdf',
        stream: await deps.renderMinutes(found, { draft: true }),
        draft: true,
        day: session.day,
      };
    },

    /** The outbox's part: renders the approved minutes once, stores them encrypted and links them. */
    async issueMinutes(sessionId: string): Promise<'stored' | 'skipped'> {
      const facts = await uow.run(async (scope) => {
        const session = await scope.sessions.session(sessionId);
        if (!session?.approvedAt || session.minutes) return null;
        return minutesFacts(scope, session);
      });
      if (!facts) return 'skipped';
      const pdf = await deps.renderMinutes(facts, { draft: false });
      const blob = await deps.blobs.put(pdf);
      const linked = await uow.run((scope) =>
        scope.sessions.recordMinutes(sessionId, { blobKey: blob.key, sha256: blob.sha256, size: blob.size }),
      );
      if (!linked) await deps.blobs.delete(blob.key);
      return linked ? 'stored' : 'skipped';
    },
  };

  async function minutesFacts(scope: TransactionScope, session: SessionRecord): Promise<MinutesFacts> {
    const agenda = await agendaOf(scope, session);
    const { seats, present, quorum } = await quorumOf(scope, session);
    return { session, seats, present, quorum: quorum.ok ? quorum.value : null, agenda, profile };
  }
}

export type SessionUseCases = ReturnType<typeof sessionUseCases>;
