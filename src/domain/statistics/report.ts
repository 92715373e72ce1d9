/** The whole report of a period, assembled from the cases' facts. */
import type { CaseFacts } from './facts.ts';
import {
  type Durations,
  durationsOf,
  type Figures,
  figuresBy,
  figuresByMonth,
  figuresOf,
  type Group,
  type Outcomes,
  outcomesOf,
} from './figures.ts';
import type { Period } from './period.ts';

export interface StatisticsReport {
  period: Period;
  totals: Figures;
  outcomes: Outcomes;
  byMonth: { month: string; figures: Figures }[];
  byNationality: Group[];
  byAuthority: Group[];
  durations: Durations;
  /** True once any authority decision has ever been recorded (before that the figures say "no data yet"). */
  authorityDecisionsRecorded: boolean;
}

export function buildReport(
  cases: readonly CaseFacts[],
  period: Period,
  options: { authorityDecisionsRecorded: boolean },
): StatisticsReport {
  const totals = figuresOf(cases, period);
  return {
    period,
    totals,
    outcomes: outcomesOf(totals),
    byMonth: figuresByMonth(cases, period),
    byNationality: figuresBy(cases, period, (c) => c.nationality),
    byAuthority: figuresBy(cases, period, (c) => c.authorityId),
    durations: durationsOf(cases, period),
    authorityDecisionsRecorded: options.authorityDecisionsRecorded,
  };
}
