/**
 * Statistics for the annual report: counts, breakdowns and durations of a period, for the office
 * only. The report names no person; each CSV export is audited (what table, which period).
 */
import { mayDo } from '../domain/access/policy.ts';
import type { Actor } from '../domain/case/index.ts';
import { addDays } from '../domain/rules/dates.ts';
import {
  buildReport,
  type CaseFact,
  type CaseFacts,
  COUNTED_EVENT_TYPES,
  factOf,
  type Period,
  type StatisticsReport,
} from '../domain/statistics/index.ts';
import type { Clock, StatisticsCaseRow, StatisticsReader, UnitOfWork } from './ports.ts';
import { berlinInstant } from './sessions.ts';
import { berlinDate } from './statement-reminders.ts';

export interface StatisticsDeps {
  reader: StatisticsReader;
  uow: UnitOfWork;
  clock: Clock;
}

/** The report with the names of the authorities it mentions. */
export interface StatisticsView extends StatisticsReport {
  authorityNames: ReadonlyMap<string, string>;
}

/** The tables a report exports as CSV. */
export const STATISTICS_TABLES = [
  'ueberblick',
  'ergebnisse',
  'monate',
  'staatsangehoerigkeiten',
  'behoerden',
  'dauer',
] as const;
export type StatisticsTable = (typeof STATISTICS_TABLES)[number];

export function isStatisticsTable(value: string): value is StatisticsTable {
  return (STATISTICS_TABLES as readonly string[]).includes(value);
}

/** A case's facts, each dated by its day in Germany (a session's decision by the session's day). */
export function caseFactsOf(row: StatisticsCaseRow): CaseFacts {
  const facts: CaseFact[] = [];
  for (const e of row.events) {
    const decision = e.type === 'HardshipRequestDecided' || e.type === 'NoRequestDecided';
    const fact = factOf({
      type: e.type,
      on: decision && e.sessionDay ? e.sessionDay : berlinDate(e.at),
      recommendation: e.recommendation,
      stage: e.stage,
      decision: e.decision,
    });
    if (fact) facts.push(fact);
  }
  return {
    caseId: row.caseId,
    receivedOn: berlinDate(row.receivedAt),
    persons: row.persons,
    nationality: row.nationalityCode,
    authorityId: row.authorityId,
    facts,
  };
}

export function statisticsUseCases(deps: StatisticsDeps) {
  async function report(period: Period): Promise<StatisticsView> {
    // A session's decision may be recorded (with the minutes) a few days after the session's day,
    // so the events are read a little beyond the period; the facts' own days decide what counts.
    const from = berlinInstant(period.from, '00:00');
    const to = berlinInstant(addDays(period.to, 1), '00:00');
    const rows = await deps.reader.casesBetween(from, new Date(to.getTime() + 62 * 86_400_000), [
      ...COUNTED_EVENT_TYPES,
    ]);
    const authorityNames = new Map<string, string>();
    for (const r of rows)
      if (r.authorityId && r.authorityName) authorityNames.set(r.authorityId, r.authorityName);
    const built = buildReport(rows.map(caseFactsOf), period, {
      authorityDecisionsRecorded: await deps.reader.anyAuthorityDecision(),
    });
    return { ...built, authorityNames };
  }

  return {
    /** The report of a period; null for roles that may not see it. */
    async report(actor: Actor, period: Period): Promise<StatisticsView | null> {
      if (!mayDo(actor.role, 'view_statistics')) return null;
      return report(period);
    },

    /** The report for one table's CSV file; the export is audited before the data leaves. */
    async exportTable(actor: Actor, period: Period, table: StatisticsTable): Promise<StatisticsView | null> {
      if (!mayDo(actor.role, 'view_statistics')) return null;
      const view = await report(period);
      await deps.uow.run(({ audit }) =>
        audit.append({
          at: deps.clock.now(),
          actor,
          action: 'statistics.exported',
          resource: { type: 'statistics', id: null },
          details: { table, from: period.from, to: period.to },
        }),
      );
      return view;
    },
  };
}

export type StatisticsUseCases = ReturnType<typeof statisticsUseCases>;
