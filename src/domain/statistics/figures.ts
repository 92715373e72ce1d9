/** The figures of the annual report: counts per period, by month, nationality and authority; durations. */
import { compareDates, daysBetween, type IsoDate } from '../rules/dates.ts';
import type { CaseFact, CaseFacts } from './facts.ts';
import { inPeriod, monthsOf, type Period } from './period.ts';

/** The counts of a period (for all cases, or for one nationality, authority or month). */
export interface Figures {
  /** Cases received. */
  received: number;
  /** Persons the received cases cover. */
  persons: number;
  takenUp: number;
  notTakenUp: number;
  hardshipRequests: number;
  noRequest: number;
  /** "No request" decisions with a non-binding recommendation. */
  recommendations: number;
  adjourned: number;
  /** Final decisions of the authorities on a hardship request: followed (permit granted) or not. */
  authorityFollowed: number;
  authorityNotFollowed: number;
  /** Intended decisions the authorities reported before deciding. */
  authorityIntendedFollowed: number;
  authorityIntendedNotFollowed: number;
  closed: number;
  withdrawn: number;
  settledOtherwise: number;
}

export type FigureKey = keyof Figures;

export const FIGURE_KEYS: readonly FigureKey[] = [
  'received',
  'persons',
  'takenUp',
  'notTakenUp',
  'hardshipRequests',
  'noRequest',
  'recommendations',
  'adjourned',
  'authorityFollowed',
  'authorityNotFollowed',
  'authorityIntendedFollowed',
  'authorityIntendedNotFollowed',
  'closed',
  'withdrawn',
  'settledOtherwise',
];

export function emptyFigures(): Figures {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as unknown as Figures;
}

function countFact(figures: Figures, fact: CaseFact): void {
  switch (fact.kind) {
    case 'taken_up':
      figures.takenUp++;
      break;
    case 'not_taken_up':
      figures.notTakenUp++;
      break;
    case 'hardship_request':
      figures.hardshipRequests++;
      break;
    case 'no_request':
      figures.noRequest++;
      if (fact.recommendation) figures.recommendations++;
      break;
    case 'adjourned':
      figures.adjourned++;
      break;
    case 'authority_decision':
      if (fact.stage === 'final') {
        if (fact.followed) figures.authorityFollowed++;
        else figures.authorityNotFollowed++;
      } else if (fact.followed) figures.authorityIntendedFollowed++;
      else figures.authorityIntendedNotFollowed++;
      break;
    case 'closed':
      figures.closed++;
      break;
    case 'withdrawn':
      figures.withdrawn++;
      break;
    case 'settled_otherwise':
      figures.settledOtherwise++;
      break;
    case 'reopened':
      break;
  }
}

/**
 * The counts of a period. A case counts as received on its receipt day; every step counts on its day,
 * so a reopened case that is taken up again counts twice (two decisions to take it up).
 */
export function figuresOf(cases: readonly CaseFacts[], period: Period): Figures {
  const figures = emptyFigures();
  for (const c of cases) {
    if (inPeriod(c.receivedOn, period)) {
      figures.received++;
      figures.persons += c.persons;
    }
    for (const fact of c.facts) if (inPeriod(fact.on, period)) countFact(figures, fact);
  }
  return figures;
}

/** The counts per month the period touches ('YYYY-MM'), months without anything included. */
export function figuresByMonth(
  cases: readonly CaseFacts[],
  period: Period,
): { month: string; figures: Figures }[] {
  return monthsOf(period).map((month) => {
    const first = `${month}-01`;
    const from = compareDates(first, period.from) < 0 ? period.from : first;
    const [y, m] = month.split('-').map(Number);
    const last = new Date(Date.UTC(y ?? 0, m ?? 1, 0)).toISOString().slice(0, 10);
    const to = compareDates(last, period.to) > 0 ? period.to : last;
    return { month, figures: figuresOf(cases, { kind: 'range', from, to }) };
  });
}

export interface Group {
  /** The group's key: a nationality code or authority id; null for "not known". */
  key: string | null;
  figures: Figures;
}

/** True if a case had anything in the period (received or a counted step). */
function touches(c: CaseFacts, period: Period): boolean {
  return (
    inPeriod(c.receivedOn, period) || c.facts.some((f) => f.kind !== 'reopened' && inPeriod(f.on, period))
  );
}

/**
 * The counts per group (nationality or authority), largest number of received cases first, then by
 * the number of hardship requests and by key. Groups without anything in the period are left out.
 */
export function figuresBy(
  cases: readonly CaseFacts[],
  period: Period,
  keyOf: (c: CaseFacts) => string | null,
): Group[] {
  const groups = new Map<string | null, CaseFacts[]>();
  for (const c of cases) {
    if (!touches(c, period)) continue;
    const key = keyOf(c);
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, figures: figuresOf(list, period) }))
    .sort(
      (a, b) =>
        b.figures.received - a.figures.received ||
        b.figures.hardshipRequests - a.figures.hardshipRequests ||
        (a.key ?? '\uffff').localeCompare(b.key ?? '\uffff'),
    );
}

/** The first `limit` groups and, if there are more, the rest added up (key `rest`). */
export function topGroups(
  groups: readonly Group[],
  limit: number,
): { top: Group[]; rest: { count: number; figures: Figures } | null } {
  const top = groups.slice(0, limit);
  const others = groups.slice(limit);
  if (others.length === 0) return { top, rest: null };
  const figures = emptyFigures();
  for (const g of others) for (const k of FIGURE_KEYS) figures[k] += g.figures[k];
  return { top, rest: { count: others.length, figures } };
}

/** Median and mean of a list of day counts (null when the list is empty). */
export interface Duration {
  count: number;
  median: number | null;
  mean: number | null;
}

/** Median (the mean of the two middle values for an even count) and arithmetic mean. */
export function durationOf(days: readonly number[]): Duration {
  if (days.length === 0) return { count: 0, median: null, mean: null };
  const sorted = [...days].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  const mean = sorted.reduce((sum, d) => sum + d, 0) / sorted.length;
  return { count: sorted.length, median, mean };
}

export interface Durations {
  /** From receipt to the decision to take the case up. */
  toTakeUp: Duration;
  /** From receipt to the commission's decision (request or no request; adjournments do not count). */
  toDecision: Duration;
  /** From receipt to the end of the procedure (closed, not taken up, withdrawn, settled otherwise). */
  toClosing: Duration;
}

const ENDINGS: ReadonlySet<CaseFact['kind']> = new Set([
  'closed',
  'not_taken_up',
  'withdrawn',
  'settled_otherwise',
]);

/**
 * Durations of the steps that fell into the period, in calendar days from the case's receipt — or, for
 * a case reopened before the step, from its reopening (the procedure began afresh then).
 */
export function durationsOf(cases: readonly CaseFacts[], period: Period): Durations {
  const takeUp: number[] = [];
  const decision: number[] = [];
  const closing: number[] = [];
  for (const c of cases) {
    let start: IsoDate = c.receivedOn;
    for (const fact of c.facts) {
      if (fact.kind === 'reopened') {
        start = fact.on;
        continue;
      }
      if (!inPeriod(fact.on, period)) continue;
      const days = Math.max(0, daysBetween(start, fact.on));
      if (fact.kind === 'taken_up') takeUp.push(days);
      else if (fact.kind === 'hardship_request' || fact.kind === 'no_request') decision.push(days);
      else if (ENDINGS.has(fact.kind)) closing.push(days);
    }
  }
  return { toTakeUp: durationOf(takeUp), toDecision: durationOf(decision), toClosing: durationOf(closing) };
}

/** The outcomes of the procedure in the period: how the cases that ended or were decided ended. */
export interface Outcomes {
  notTakenUp: number;
  hardshipRequests: number;
  noRequest: number;
  withdrawn: number;
  settledOtherwise: number;
  total: number;
}

export function outcomesOf(figures: Figures): Outcomes {
  const { notTakenUp, hardshipRequests, noRequest, withdrawn, settledOtherwise } = figures;
  return {
    notTakenUp,
    hardshipRequests,
    noRequest,
    withdrawn,
    settledOtherwise,
    total: notTakenUp + hardshipRequests + noRequest + withdrawn + settledOtherwise,
  };
}
