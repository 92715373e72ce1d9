/**
 * The statistics' reading of cases: two queries for a whole period, whatever its size — the cases
 * in scope with their number of persons and main nationality aggregated in SQL, then their counted
 * history events (with the session's day for the commission's decisions).
 */
import { type Kysely, sql } from 'kysely';
import type { StatisticsCaseRow, StatisticsReader } from '../../application/ports.ts';
import type { Database } from './schema.ts';

export function statisticsReader(db: Kysely<Database>): StatisticsReader {
  return {
    async casesBetween(from, to, eventTypes) {
      const types = [...eventTypes];
      const inScope = sql<string>`(
        select c2.id from cases c2 where c2.received_at >= ${from} and c2.received_at < ${to}
        union
        select h2.case_id from case_history h2
        where h2.at >= ${from} and h2.at < ${to} and h2.event_type in (${sql.join(types)})
      )`;
      const cases = await db
        .selectFrom('cases as c')
        .leftJoin('organisations as o', 'o.id', 'c.authority_id')
        .select([
          'c.id',
          'c.received_at',
          'c.authority_id',
          'o.name as authority_name',
          sql<string>`(select count(*) from persons p where p.case_id = c.id)`.as('persons'),
          sql<string | null>`(select p.nationality_code from persons p where p.case_id = c.id
            order by p.position limit 1)`.as('nationality'),
        ])
        .where(sql<boolean>`c.id in ${inScope}`)
        .orderBy('c.received_at')
        .orderBy('c.id')
        .execute();
      if (cases.length === 0) return [];
      const events = await db
        .selectFrom('case_history as h')
        .leftJoin('commission_sessions as s', (join) =>
          join.on(sql<boolean>`s.id::text = h.data ->> 'sessionId'`),
        )
        .select([
          'h.case_id',
          'h.event_type',
          'h.at',
          sql<string | null>`to_char(s.session_day, 'YYYY-MM-DD')`.as('session_day'),
          sql<string | null>`h.data ->> 'stage'`.as('stage'),
          sql<string | null>`h.data ->> 'decision'`.as('decision'),
          sql<boolean>`(h.data -> 'recommendation') is not null`.as('recommendation'),
        ])
        .where(sql<boolean>`h.case_id in ${inScope}`)
        .where('h.event_type', 'in', types)
        .where('h.at', '<', to)
        .orderBy('h.case_id')
        .orderBy('h.version')
        .execute();
      const byCase = new Map<string, StatisticsCaseRow['events']>();
      for (const e of events) {
        const list = byCase.get(e.case_id) ?? [];
        list.push({
          type: e.event_type,
          at: new Date(e.at),
          sessionDay: e.session_day,
          stage: e.stage,
          decision: e.decision,
          recommendation: e.recommendation === true,
        });
        byCase.set(e.case_id, list);
      }
      return cases.map((c) => ({
        caseId: c.id,
        receivedAt: new Date(c.received_at),
        persons: Number(c.persons),
        nationalityCode: c.nationality,
        authorityId: c.authority_id,
        authorityName: c.authority_name,
        events: byCase.get(c.id) ?? [],
      }));
    },

    async anyAuthorityDecision() {
      const row = await db
        .selectFrom('case_history')
        .select('id')
        .where('event_type', '=', 'AuthorityFeedbackReceived')
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
