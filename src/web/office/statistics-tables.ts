/**
 * The statistics' tables as plain models (caption, column heads, rows of text): the page renders
 * them as HTML tables and the CSV export writes the same cells, so both always show the same.
 */
import {
  AUTHORITY_FIGURES,
  BREAKDOWN_COLUMNS,
  FIGURE_LABELS,
  OVERVIEW_FIGURES,
  statisticsTexts as t,
} from '../../../content/messages/statistics/de.ts';
import type { StatisticsTable, StatisticsView } from '../../application/statistics.ts';
import {
  type Duration,
  type Figures,
  type Group,
  germanNumber,
  monthLabel,
  protectColumn,
  topGroups,
} from '../../domain/statistics/index.ts';

export interface StatTable {
  id: StatisticsTable;
  caption: string;
  header: string[];
  rows: { head: string; cells: string[] }[];
}

/** How many nationalities get their own row (and bar); the others are added up. */
export const TOP_NATIONALITIES = 10;

const share = (n: number, total: number) =>
  total === 0 ? t.none : `${germanNumber(Math.round((n / total) * 1000) / 10)} %`;
const days = (d: number | null) => (d === null ? t.none : germanNumber(Math.round(d * 10) / 10));

type Column = (typeof BREAKDOWN_COLUMNS)[number];

/** The rows of a breakdown, each column protected on its own (see `protectColumn`). */
function breakdownRows(
  columns: readonly Column[],
  groups: readonly { head: string; figures: Figures }[],
): { head: string; cells: string[] }[] {
  const shown = columns.map((c) => protectColumn(groups.map((g) => g.figures[c.key])));
  return groups.map((g, i) => ({ head: g.head, cells: shown.map((column) => column[i] ?? '') }));
}

/** A bar per row of a protected breakdown (received cases); hidden cells get no bar. */
export function receivedBars(
  table: StatTable,
  groups: readonly Group[],
  limit: number,
): { label: string; value: number; shown: string; hidden: boolean }[] {
  return table.rows.slice(0, Math.min(limit, groups.length)).map((row, i) => {
    const shown = row.cells[0] ?? '';
    return {
      label: row.head,
      value: groups[i]?.figures.received ?? 0,
      shown,
      hidden: !/^[\d.]+$/.test(shown),
    };
  });
}

export function statisticsTables(
  view: StatisticsView,
  nationalityLabel: (code: string) => string,
): Record<StatisticsTable, StatTable> {
  const noAuthorityData = !view.authorityDecisionsRecorded;
  const overview: StatTable = {
    id: 'ueberblick',
    caption: t.overviewTitle,
    header: [t.colFigure, t.colCount],
    rows: OVERVIEW_FIGURES.map((key) => ({
      head: FIGURE_LABELS[key],
      cells: [
        noAuthorityData && AUTHORITY_FIGURES.includes(key) ? t.noDataYet : germanNumber(view.totals[key]),
      ],
    })),
  };
  const o = view.outcomes;
  const outcomes: StatTable = {
    id: 'ergebnisse',
    caption: t.outcomesTitle,
    header: [t.colFigure, t.colCount, t.colShare],
    rows: [
      [t.outcomeNotTakenUp, o.notTakenUp],
      [t.outcomeHardshipRequest, o.hardshipRequests],
      [t.outcomeNoRequest, o.noRequest],
      [t.outcomeWithdrawn, o.withdrawn],
      [t.outcomeSettled, o.settledOtherwise],
      [t.outcomesTotal, o.total],
    ].map(([head, n]) => ({
      head: String(head),
      cells: [germanNumber(Number(n)), share(Number(n), o.total)],
    })),
  };
  const duration = (head: string, d: Duration) => ({
    head,
    cells: [germanNumber(d.count), days(d.median), days(d.mean)],
  });
  const durations: StatTable = {
    id: 'dauer',
    caption: t.durationsTitle,
    header: [t.colMeasure, t.colCases, t.colMedian, t.colMean],
    rows: [
      duration(t.durationTakeUp, view.durations.toTakeUp),
      duration(t.durationDecision, view.durations.toDecision),
      duration(t.durationClosing, view.durations.toClosing),
    ],
  };
  // Until an authority's decision is recorded anywhere, its columns would only show zeros.
  const shown = BREAKDOWN_COLUMNS.filter((c) => !noAuthorityData || !AUTHORITY_FIGURES.includes(c.key));
  const columns = shown.map((c) => c.label);
  const months: StatTable = {
    id: 'monate',
    caption: t.monthsTitle,
    header: [t.colMonth, ...columns],
    rows: view.byMonth.map((m) => ({
      head: monthLabel(m.month),
      cells: shown.map((c) => germanNumber(m.figures[c.key])),
    })),
  };
  const { top, rest } = topGroups(view.byNationality, TOP_NATIONALITIES);
  const nationalities: StatTable = {
    id: 'staatsangehoerigkeiten',
    caption: t.nationalitiesTitle,
    header: [t.colNationality, ...columns],
    rows: breakdownRows(shown, [
      ...top.map((g) => ({
        head: g.key ? nationalityLabel(g.key) : t.nationalityUnknown,
        figures: g.figures,
      })),
      ...(rest ? [{ head: t.rest.replace('{n}', String(rest.count)), figures: rest.figures }] : []),
    ]),
  };
  const authorities: StatTable = {
    id: 'behoerden',
    caption: t.authoritiesTitle,
    header: [t.colAuthority, ...columns],
    rows: breakdownRows(
      shown,
      view.byAuthority.map((g) => ({ head: authorityLabel(view, g), figures: g.figures })),
    ),
  };
  return {
    ueberblick: overview,
    ergebnisse: outcomes,
    dauer: durations,
    monate: months,
    staatsangehoerigkeiten: nationalities,
    behoerden: authorities,
  };
}

export function authorityLabel(view: StatisticsView, group: Group): string {
  return group.key ? (view.authorityNames.get(group.key) ?? t.authorityUnknown) : t.authorityUnknown;
}
