/** The commission's appointments and its sessions (agenda, attendance, decisions, minutes) in PostgreSQL. */
import { type Kysely, sql } from 'kysely';
import type { AgendaItemRecord, SessionRecord, SessionStore } from '../../application/ports.ts';
import type { AgendaDecision, Membership } from '../../domain/session/index.ts';
import type { Database } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const COMMISSION_LOCK = 4_230_013;

const personNames = sql<
  string[]
>`coalesce((select array_agg(p.given_names || ' ' || p.family_name order by p.position) from persons p where p.case_id = c.id), '{}')`;

/** Works on the database or inside a transaction (a Transaction is a Kysely). */
export function sessionStoreIn(db: Kysely<Database>): SessionStore {
  const sessionQuery = () =>
    db
      .selectFrom('commission_sessions as s')
      .innerJoin('users as u', 'u.id', 's.chair_id')
      .select([
        's.id',
        's.starts_at',
        sql<string>`to_char(s.session_day, 'YYYY-MM-DD')`.as('day'),
        's.place',
        's.chair_id',
        'u.display_name as chair_name',
        's.invited_at',
        's.minutes_approved_at',
        's.minutes_approved_by',
        's.minutes_blob_key',
        's.minutes_sha256',
        's.minutes_size',
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof sessionQuery>['executeTakeFirstOrThrow']>>;
  const toRecord = (r: Row): SessionRecord => ({
    id: r.id,
    startsAt: new Date(r.starts_at),
    day: r.day,
    place: r.place,
    chairId: r.chair_id,
    chairName: r.chair_name,
    invitedAt: r.invited_at,
    approvedAt: r.minutes_approved_at,
    approvedBy: r.minutes_approved_by,
    minutes:
      r.minutes_blob_key && r.minutes_sha256
        ? { blobKey: r.minutes_blob_key, sha256: r.minutes_sha256, size: Number(r.minutes_size ?? 0) }
        : null,
  });

  return {
    async lockCommission() {
      await sql`SELECT pg_advisory_xact_lock(${COMMISSION_LOCK})`.execute(db);
    },

    async memberships() {
      const rows = await db
        .selectFrom('commission_memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select([
          'm.id',
          'm.user_id',
          'u.display_name',
          'm.function',
          'm.deputy_of',
          'm.nominated_by',
          sql<string>`to_char(m.term_from, 'YYYY-MM-DD')`.as('term_from'),
          sql<string>`to_char(m.term_to, 'YYYY-MM-DD')`.as('term_to'),
          'm.pre_screening',
        ])
        .orderBy('u.display_name')
        .orderBy('m.term_from')
        .execute();
      return rows.map(
        (r): Membership => ({
          id: r.id,
          userId: r.user_id,
          name: r.display_name,
          function: r.function,
          deputyOf: r.deputy_of,
          nominatedBy: r.nominated_by,
          termFrom: r.term_from,
          termTo: r.term_to,
          preScreening: r.pre_screening,
        }),
      );
    },

    async memberAccounts() {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'display_name', 'email', 'disabled'])
        .where('role', '=', 'member')
        .orderBy('display_name')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.display_name, email: r.email, disabled: r.disabled }));
    },

    async insertMembership(m) {
      await db
        .insertInto('commission_memberships')
        .values({
          id: m.id,
          user_id: m.userId,
          function: m.function,
          deputy_of: m.deputyOf,
          nominated_by: m.nominatedBy,
          term_from: m.termFrom,
          term_to: m.termTo,
          pre_screening: m.preScreening,
        })
        .execute();
    },

    async membershipInUse(id) {
      if (!UUID.test(id)) return false;
      const row = await db
        .selectNoFrom((eb) => [
          eb
            .or([
              eb.exists(
                eb.selectFrom('session_attendance').select('session_id').where('membership_id', '=', id),
              ),
              eb.exists(eb.selectFrom('commission_memberships').select('id').where('deputy_of', '=', id)),
            ])
            .as('used'),
        ])
        .executeTakeFirstOrThrow();
      return Boolean(row.used);
    },

    async deleteMembership(id) {
      if (!UUID.test(id)) return false;
      const r = await db.deleteFrom('commission_memberships').where('id', '=', id).executeTakeFirst();
      return r.numDeletedRows === 1n;
    },

    async officeHeads() {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('role', '=', 'office_head')
        .where('disabled', '=', false)
        .orderBy('display_name')
        .execute();
      return rows.map((r) => ({ id: r.id, name: r.display_name }));
    },

    async inviteesOn(day) {
      const rows = await db
        .selectFrom('commission_memberships as m')
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.email'])
        .distinct()
        .where('m.term_from', '<=', day)
        .where('m.term_to', '>=', day)
        .where('u.disabled', '=', false)
        .where('u.role', '=', 'member')
        .orderBy('u.id')
        .execute();
      return rows.map((r) => ({ userId: r.id, email: r.email }));
    },

    async insertSession(s) {
      await db
        .insertInto('commission_sessions')
        .values({
          id: s.id,
          starts_at: s.startsAt,
          session_day: s.day,
          place: s.place,
          chair_id: s.chairId,
          created_by: s.createdBy,
        })
        .execute();
    },

    async sessions() {
      const rows = await sessionQuery()
        .select([
          sql<number>`(select count(*)::int from session_agenda_items a where a.session_id = s.id)`.as(
            'agenda_size',
          ),
          sql<number>`(select count(*)::int from session_agenda_items a where a.session_id = s.id and a.outcome is not null)`.as(
            'decided',
          ),
        ])
        .orderBy('s.starts_at', 'desc')
        .execute();
      return rows.map((r) => ({ ...toRecord(r), agendaSize: r.agenda_size, decided: r.decided }));
    },

    async session(id, options = {}) {
      if (!UUID.test(id)) return null;
      if (options.forUpdate) {
        await db
          .selectFrom('commission_sessions')
          .select('id')
          .where('id', '=', id)
          .forNoKeyUpdate()
          .execute();
      }
      const row = await sessionQuery().where('s.id', '=', id).executeTakeFirst();
      return row ? toRecord(row) : null;
    },

    async deleteSession(id) {
      if (!UUID.test(id)) return false;
      const r = await db
        .deleteFrom('commission_sessions')
        .where('id', '=', id)
        .where('minutes_approved_at', 'is', null)
        .where((eb) =>
          eb.not(
            eb.exists(eb.selectFrom('session_agenda_items').select('case_id').where('session_id', '=', id)),
          ),
        )
        .executeTakeFirst();
      return r.numDeletedRows === 1n;
    },

    async agenda(sessionId) {
      if (!UUID.test(sessionId)) return [];
      const rows = await db
        .selectFrom('session_agenda_items as a')
        .innerJoin('cases as c', 'c.id', 'a.case_id')
        .select([
          'a.case_id',
          'c.case_number',
          'a.position',
          personNames.as('person_names'),
          'c.state',
          sql<string | null>`c.snapshot ->> 'sessionId'`.as('case_session_id'),
          'a.decision',
          'a.decided_at',
        ])
        .where('a.session_id', '=', sessionId)
        .orderBy('a.position')
        .orderBy('c.case_number')
        .execute();
      return rows.map(
        (r): AgendaItemRecord => ({
          caseId: r.case_id,
          caseNumber: r.case_number,
          position: r.position,
          personNames: r.person_names,
          caseState: r.state,
          caseSessionId: r.case_session_id,
          decision: (r.decision as AgendaDecision | null) ?? null,
          decidedAt: r.decided_at,
        }),
      );
    },

    async addAgendaItem(sessionId, caseId) {
      await db
        .insertInto('session_agenda_items')
        .values((eb) => ({
          session_id: sessionId,
          case_id: caseId,
          position: eb
            .selectFrom('session_agenda_items')
            .select(sql<number>`coalesce(max(position), 0) + 1`.as('next'))
            .where('session_id', '=', sessionId),
        }))
        .execute();
    },

    async setPositions(sessionId, caseIds) {
      for (const [i, caseId] of caseIds.entries()) {
        await db
          .updateTable('session_agenda_items')
          .set({ position: i + 1 })
          .where('session_id', '=', sessionId)
          .where('case_id', '=', caseId)
          .execute();
      }
    },

    async candidates() {
      const rows = await db
        .selectFrom('cases as c')
        .leftJoin('organisations as o', 'o.id', 'c.authority_id')
        .select([
          'c.id',
          'c.case_number',
          'c.state',
          personNames.as('person_names'),
          'o.name as authority_name',
        ])
        .where('c.state', 'in', ['ready_for_session', 'adjourned'])
        .orderBy('c.received_at')
        .orderBy('c.case_number')
        .execute();
      return rows.map((r) => ({
        caseId: r.id,
        caseNumber: r.case_number,
        state: r.state,
        personNames: r.person_names,
        authorityName: r.authority_name,
      }));
    },

    async waiting(now) {
      const row = await db
        .selectFrom('cases as c')
        .select([
          sql<number>`count(*) filter (where c.state = 'statement_received')::int`.as('received'),
          sql<number>`count(*) filter (where c.state = 'statement_requested' and (c.snapshot ->> 'statementDueAt')::timestamptz < ${now})::int`.as(
            'overdue',
          ),
        ])
        .where('c.state', 'in', ['statement_received', 'statement_requested'])
        .executeTakeFirstOrThrow();
      return { statementReceived: row.received, statementOverdue: row.overdue };
    },

    async attendance(sessionId) {
      if (!UUID.test(sessionId)) return [];
      const rows = await db
        .selectFrom('session_attendance')
        .select('membership_id')
        .where('session_id', '=', sessionId)
        .execute();
      return rows.map((r) => r.membership_id);
    },

    async setAttendance(sessionId, present) {
      await db.deleteFrom('session_attendance').where('session_id', '=', sessionId).execute();
      if (present.length === 0) return;
      await db
        .insertInto('session_attendance')
        .values(present.map((membershipId) => ({ session_id: sessionId, membership_id: membershipId })))
        .execute();
    },

    async saveDecision(sessionId, caseId, decision, by, at) {
      const r = await db
        .updateTable('session_agenda_items')
        .set({
          outcome: decision.outcome,
          decision: JSON.stringify(decision),
          decided_at: at,
          decided_by: by,
        })
        .where('session_id', '=', sessionId)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return r.numUpdatedRows === 1n;
    },

    async markInvited(sessionId, at) {
      await db
        .updateTable('commission_sessions')
        .set({ invited_at: at })
        .where('id', '=', sessionId)
        .execute();
    },

    async approve(sessionId, by, at) {
      const r = await db
        .updateTable('commission_sessions')
        .set({ minutes_approved_at: at, minutes_approved_by: by })
        .where('id', '=', sessionId)
        .where('minutes_approved_at', 'is', null)
        .executeTakeFirst();
      return r.numUpdatedRows === 1n;
    },

    async recordMinutes(sessionId, blob) {
      const r = await db
        .updateTable('commission_sessions')
        .set({ minutes_blob_key: blob.blobKey, minutes_sha256: blob.sha256, minutes_size: blob.size })
        .where('id', '=', sessionId)
        .where('minutes_approved_at', 'is not', null)
        .where('minutes_blob_key', 'is', null)
        .executeTakeFirst();
      return r.numUpdatedRows === 1n;
    },
  };
}
