/** Public API of the statistics: periods, the cases' facts, figures, durations, disclosure control, CSV. */
export { csvCell, toCsv } from './csv.ts';
export {
  germanNumber,
  isSmallCount,
  protectColumn,
  protectedCount,
  SECONDARY_MARK,
  SMALL_COUNT_THRESHOLD,
} from './disclosure.ts';
export { type CaseFact, type CaseFacts, COUNTED_EVENT_TYPES, type FactKind, factOf } from './facts.ts';
export {
  type Duration,
  type Durations,
  durationOf,
  durationsOf,
  emptyFigures,
  FIGURE_KEYS,
  type FigureKey,
  type Figures,
  figuresBy,
  figuresByMonth,
  figuresOf,
  type Group,
  type Outcomes,
  outcomesOf,
  topGroups,
} from './figures.ts';
export {
  defaultPeriod,
  GERMAN_MONTHS,
  inPeriod,
  MAX_RANGE_DAYS,
  monthLabel,
  monthsOf,
  PERIOD_KINDS,
  type Period,
  type PeriodKind,
  type PeriodProblem,
  type PeriodQuery,
  parseDay,
  parsePeriod,
  periodLabel,
  periodParam,
  periodQuery,
} from './period.ts';
export { buildReport, type StatisticsReport } from './report.ts';
