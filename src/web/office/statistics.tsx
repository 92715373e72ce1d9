/**
 * `/geschaeftsstelle/statistik`: the statistics for the annual report (office clerks and the office
 * head; anyone else gets the normal 404 page). The period is chosen in a GET form whose parameters
 * are the period only; each table is also a CSV download, audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import { statisticsTexts as t } from '../../../content/messages/statistics/de.ts';
import {
  isStatisticsTable,
  type StatisticsTable,
  type StatisticsUseCases,
  type StatisticsView,
} from '../../application/statistics.ts';
import type { Actor } from '../../domain/case/index.ts';
import {
  GERMAN_MONTHS,
  monthLabel,
  type Period,
  type PeriodProblem,
  type PeriodQuery,
  parsePeriod,
  periodLabel,
  periodParam,
  periodQuery,
  toCsv,
  topGroups,
} from '../../domain/statistics/index.ts';
import { pageContext, sendPage } from '../pages.tsx';
import { Button, ErrorSummary, Select, TextInput } from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';
import { renderPage } from '../views/render.ts';
import { type Bar, BarChart } from './statistics-chart.tsx';
import { receivedBars, type StatTable, statisticsTables, TOP_NATIONALITIES } from './statistics-tables.ts';

export const STATISTICS_PATH = '/geschaeftsstelle/statistik';

export interface StatisticsPagesDeps {
  statistics: StatisticsUseCases;
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  actorOf(request: FastifyRequest): Actor;
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
  /** Today's date in Germany, 'YYYY-MM-DD'. */
  today(): string;
  /** The name of a nationality for a code ('Syrien'); falls back to the code. */
  nationalityLabel(code: string): string;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** Only the period's own parameters are read; anything else in the query is ignored. */
function queryOf(raw: unknown): PeriodQuery {
  const q = (raw ?? {}) as Record<string, unknown>;
  const pick = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).slice(0, 20) : undefined);
  return {
    zeitraum: pick('zeitraum'),
    jahr: pick('jahr'),
    quartal: pick('quartal'),
    monat: pick('monat'),
    von: pick('von'),
    bis: pick('bis'),
  };
}

function csvHref(table: StatisticsTable, period: Period): string {
  return `${STATISTICS_PATH}/${table}.csv?${new URLSearchParams(periodQuery(period)).toString()}`;
}

function Table({ table, period }: { table: StatTable; period: Period }) {
  return (
    <>
      {/* Wide tables scroll inside their box on narrow screens; the box is reachable by keyboard to scroll it. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1) */}
      {/* biome-ignore lint/a11y/useSemanticElements: the box is a region inside a section, named by the caption */}
      <div class="app-stat-scroll" role="region" aria-labelledby={`${table.id}-caption`} tabIndex={0}>
        <table class="kern-table app-stat-table" id={`tabelle-${table.id}`}>
          <caption id={`${table.id}-caption`} class="kern-sr-only">
            {table.caption}
          </caption>
          <thead>
            <tr>
              {table.header.map((h) => (
                <th scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={`${row.head}-${i}`}>
                <th scope="row">{row.head}</th>
                {row.cells.map((cell, j) => (
                  <td key={`${i}-${j}`} class="app-number">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="kern-body">
        <a class="kern-link" href={csvHref(table.id, period)} download>
          {t.csvLink}
          <span class="kern-sr-only">{t.csvLinkContext.replace('{table}', table.caption)}</span>
        </a>
      </p>
    </>
  );
}

/** A part of the report: its heading, the chart if any, the table (the chart's text alternative). */
function Part({
  table,
  period,
  children,
  note,
}: {
  table: StatTable;
  period: Period;
  children?: ComponentChildren;
  /** A remark after the table. */
  note?: ComponentChildren;
}) {
  return (
    <section aria-labelledby={`${table.id}-heading`} class="app-stat-part">
      <h3 class="kern-heading-medium" id={`${table.id}-heading`}>
        {table.caption}
      </h3>
      {children}
      <Table table={table} period={period} />
      {note}
    </section>
  );
}

function PeriodForm({ query, problems }: { query: PeriodQuery; problems: readonly PeriodProblem[] }) {
  const error = (field: PeriodProblem['field']) => problems.find((p) => p.field === field)?.message;
  return (
    <form
      method="get"
      action={STATISTICS_PATH}
      class="app-filter"
      novalidate
      aria-labelledby="zeitraum-titel"
    >
      <h2 class="kern-heading-medium" id="zeitraum-titel">
        {t.formTitle}
      </h2>
      <Select
        id="zeitraum"
        name="zeitraum"
        label={t.kindLabel}
        value={query.zeitraum ?? 'jahr'}
        options={[
          { value: 'jahr', label: t.kindYear },
          { value: 'quartal', label: t.kindQuarter },
          { value: 'monat', label: t.kindMonth },
          { value: 'frei', label: t.kindRange },
        ]}
      />
      <TextInput
        id="jahr"
        name="jahr"
        label={t.yearLabel}
        hint={t.yearHint}
        value={query.jahr ?? ''}
        error={error('jahr')}
        errorPrefix="Fehler:"
        inputMode="numeric"
        width="4"
        spellcheck={false}
      />
      <Select
        id="quartal"
        name="quartal"
        label={t.quarterLabel}
        hint={t.quarterHint}
        value={query.quartal ?? '1'}
        error={error('quartal')}
        errorPrefix="Fehler:"
        options={[1, 2, 3, 4].map((n) => ({
          value: String(n),
          label: t.quarterOption.replace('{n}', String(n)),
        }))}
      />
      <Select
        id="monat"
        name="monat"
        label={t.monthLabel}
        hint={t.monthHint}
        value={query.monat ?? '1'}
        error={error('monat')}
        errorPrefix="Fehler:"
        options={GERMAN_MONTHS.map((name, i) => ({ value: String(i + 1), label: name }))}
      />
      <TextInput
        id="von"
        name="von"
        label={t.fromLabel}
        hint={t.rangeHint}
        value={query.von ?? ''}
        error={error('von')}
        errorPrefix="Fehler:"
        width="10"
        spellcheck={false}
      />
      <TextInput
        id="bis"
        name="bis"
        label={t.toLabel}
        hint={t.rangeHint}
        value={query.bis ?? ''}
        error={error('bis')}
        errorPrefix="Fehler:"
        width="10"
        spellcheck={false}
      />
      <Button>{t.show}</Button>
    </form>
  );
}

function StatisticsPage({
  ctx,
  view,
  query,
  problems,
  nationalityLabel,
}: {
  ctx: PageContext;
  view: StatisticsView;
  query: PeriodQuery;
  problems: readonly PeriodProblem[];
  nationalityLabel: (code: string) => string;
}) {
  const tables = statisticsTables(view, nationalityLabel);
  const period = view.period;
  const monthBars: Bar[] = view.byMonth.map((m) => ({
    label: monthLabel(m.month),
    value: m.figures.received,
    shown: String(m.figures.received),
  }));
  // The bars follow the protected tables: a cell shown as "<3" or "x" gets no bar.
  const nationalityBars = receivedBars(
    tables.staatsangehoerigkeiten,
    topGroups(view.byNationality, TOP_NATIONALITIES).top,
    TOP_NATIONALITIES,
  );
  const authorityBars = receivedBars(tables.behoerden, view.byAuthority, 10);
  return (
    <Layout ctx={ctx} title={t.title}>
      <p class="kern-body">
        <a class="kern-link" href="/geschaeftsstelle">
          {t.back}
        </a>
      </p>
      <ErrorSummary
        title={t.errorTitle}
        errors={problems.map((p) => ({ field: p.field, message: p.message }))}
      />
      <h1 class="kern-heading-x-large">{t.title}</h1>
      <p class="kern-body">{t.lead}</p>
      <PeriodForm query={query} problems={problems} />

      <h2 class="kern-heading-large" id="zeitraum-ergebnis">
        {t.periodHeading.replace('{label}', periodLabel(period))}
      </h2>
      <p class="kern-body">
        {t.periodDays.replace('{from}', dmy(period.from)).replace('{to}', dmy(period.to))}
      </p>
      <div class="kern-alert kern-alert--info" role="note" aria-labelledby="datenschutz-titel">
        <div class="kern-alert__header">
          <span class="kern-icon kern-icon--info" aria-hidden="true" />
          <h3 class="kern-title" id="datenschutz-titel">
            {t.privacyTitle}
          </h3>
        </div>
        <div class="kern-alert__body">
          <p class="kern-body">{t.privacyText}</p>
        </div>
      </div>
      <details class="kern-accordion app-details">
        <summary class="kern-accordion__header">
          <span class="kern-title">{t.methodTitle}</span>
        </summary>
        <div class="kern-accordion__body">
          <ul class="kern-list">
            {t.method.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      </details>

      <Part
        table={tables.ueberblick}
        period={period}
        note={view.authorityDecisionsRecorded ? null : <p class="kern-body">{t.authorityNoDataNote}</p>}
      />
      <Part table={tables.ergebnisse} period={period} />
      <Part table={tables.dauer} period={period} />
      <Part table={tables.monate} period={period}>
        <BarChart id="diagramm-monate" title={t.monthsChartTitle} bars={monthBars} />
      </Part>
      <Part table={tables.staatsangehoerigkeiten} period={period}>
        <BarChart
          id="diagramm-staatsangehoerigkeiten"
          title={t.nationalitiesChartTitle}
          bars={nationalityBars}
        />
      </Part>
      <Part table={tables.behoerden} period={period}>
        <BarChart id="diagramm-behoerden" title={t.authoritiesChartTitle} bars={authorityBars} />
      </Part>
    </Layout>
  );
}

export function registerStatisticsPages(app: FastifyInstance, deps: StatisticsPagesDeps) {
  const notFound = (reply: FastifyReply) => reply.callNotFound();

  app.get(STATISTICS_PATH, { preHandler: deps.guard }, async (request, reply) => {
    const query = queryOf(request.query);
    const parsed = parsePeriod(query, deps.today());
    const view = await deps.statistics.report(deps.actorOf(request), parsed.period);
    if (!view) return notFound(reply);
    const ctx = {
      ...pageContext(request, reply),
      lang: 'de' as const,
      tail: deps.sessionTail(request, reply),
    };
    // The form shows what was typed; without a query, the period shown.
    const shown: PeriodQuery =
      Object.values(query).some((v) => v !== undefined) || !parsed.ok
        ? query
        : { zeitraum: periodParam(parsed.period.kind), ...periodQuery(parsed.period) };
    return sendPage(
      reply,
      renderPage(
        <StatisticsPage
          ctx={ctx}
          view={view}
          query={shown}
          problems={parsed.ok ? [] : parsed.problems}
          nationalityLabel={deps.nationalityLabel}
        />,
      ),
      parsed.ok ? 200 : 400,
    );
  });

  app.get<{ Params: { file: string } }>(
    `${STATISTICS_PATH}/:file`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const match = /^([a-z]+)\.csv$/.exec(request.params.file);
      const table = match?.[1] ?? '';
      if (!isStatisticsTable(table)) return notFound(reply);
      const parsed = parsePeriod(queryOf(request.query), deps.today());
      if (!parsed.ok) return notFound(reply);
      const view = await deps.statistics.exportTable(deps.actorOf(request), parsed.period, table);
      if (!view) return notFound(reply);
      const model = statisticsTables(view, deps.nationalityLabel)[table];
      const csv = toCsv(
        model.header,
        model.rows.map((r) => [r.head, ...r.cells]),
      );
      const name = `statistik-${table}-${parsed.period.from}-bis-${parsed.period.to}.csv`;
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .type('text/csv; charset=utf-8')
        .send(csv);
    },
  );
}
