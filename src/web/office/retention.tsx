/**
 * Retention pages of the office head: `/geschaeftsstelle/aussonderung` (cases due for deletion, the
 * approval with a confirmation step, deletions under way, tombstones with their archive packages,
 * legal holds) and `/geschaeftsstelle/auskunft` (the export of one person's data). Anyone else gets the
 * normal 404 page. Forms carry the CSRF token; searches are posted, so no name appears in a URL.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import {
  exportTexts as e,
  OUTCOME_LABELS,
  retentionTexts as t,
} from '../../../content/messages/retention/de.ts';
import type { PersonExportUseCases } from '../../application/person-export.ts';
import type { CaseDeletionRecord, LegalHold, PersonMatch } from '../../application/ports.ts';
import type { DueCase, HoldError, RetentionUseCases } from '../../application/retention.ts';
import { formatPartialDate } from '../../domain/application/index.ts';
import type { Actor } from '../../domain/case/index.ts';
import type { DeletionVerdict } from '../../domain/rules/retention.ts';
import { pageContext, sendPage } from '../pages.tsx';
import { list, single, unflatten } from '../public/application/form-body.ts';
import {
  Button,
  ButtonGroup,
  Checkboxes,
  ErrorMessage,
  ErrorSummary,
  NotificationBanner,
  SummaryList,
  TextArea,
  TextInput,
} from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';
import { renderPage } from '../views/render.ts';

export interface RetentionPagesDeps {
  retention: RetentionUseCases;
  personExport: PersonExportUseCases;
  /** Admits the office head only; anyone else gets 404. */
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  actorOf(request: FastifyRequest): Actor;
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
  nationalityName(code: string): string;
}

const BASE = '/geschaeftsstelle/aussonderung';
const EXPORT = '/geschaeftsstelle/auskunft';

const dmy = (iso: string) => iso.split('-').reverse().join('.');
const dateTime = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);
const day = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', dateStyle: 'medium' }).format(d);

const HOLD_ERRORS: Record<HoldError, string> = {
  reason_missing: t.holdReasonMissing,
  reason_too_long: t.holdReasonTooLong,
  exists: t.holdExists,
  missing: t.holdMissing,
};

/** The links the office head finds on the case list. */
export function RetentionLinks() {
  return (
    <>
      {' · '}
      <a class="kern-link" href={BASE}>
        {t.navDisposal}
      </a>
      {' · '}
      <a class="kern-link" href={EXPORT}>
        {t.navExport}
      </a>
    </>
  );
}

/** The retention of a case in its file (office head only). */
export function CaseRetention({
  caseId,
  verdict,
  hold,
}: {
  caseId: string;
  verdict: DeletionVerdict;
  hold: LegalHold | null;
}) {
  const text =
    hold !== null
      ? t.caseFileHeld.replace('{date}', day(hold.setAt))
      : verdict.kind === 'running'
        ? t.caseFileRunning
        : verdict.kind === 'due'
          ? t.caseFileDue.replace('{date}', dmy(verdict.dueOn))
          : verdict.kind === 'retained'
            ? t.caseFileRetained.replace('{date}', dmy(verdict.dueOn))
            : t.caseFileRunning;
  return (
    <section aria-labelledby="aufbewahrung">
      <h2 class="kern-heading-large" id="aufbewahrung">
        {t.caseFileSection}
      </h2>
      <p class="kern-body">
        {text}{' '}
        <a class="kern-link" href={`${BASE}/${caseId}/sperre`}>
          {t.caseFileHoldLink}
        </a>
      </p>
    </section>
  );
}

function StatusText({ status }: { status: CaseDeletionRecord['status'] }) {
  return (
    <>
      {status === 'approved' ? t.statusApproved : status === 'archived' ? t.statusArchived : t.statusDeleted}
    </>
  );
}

function OverviewPage({
  ctx,
  csrf,
  due,
  running,
  deleted,
  holds,
  toBeConfirmed,
  error,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  due: readonly DueCase[];
  running: readonly CaseDeletionRecord[];
  deleted: readonly CaseDeletionRecord[];
  holds: readonly LegalHold[];
  toBeConfirmed: boolean;
  error?: string;
  notice?: string;
}) {
  const selectable = due.filter((c) => c.hold === null);
  const awaiting = deleted.filter((d) => !d.handedOverAt && d.archive?.blobKey);
  return (
    <Layout ctx={ctx} title={t.title}>
      <p class="kern-body">
        <a class="kern-link" href="/geschaeftsstelle">
          Zu den Fällen
        </a>
      </p>
      <ErrorSummary title={t.errorTitle} errors={error ? [{ field: 'faelle', message: error }] : []} />
      <h1 class="kern-heading-x-large">{t.title}</h1>
      {notice ? (
        <NotificationBanner kind="success" title={notice}>
          <p class="kern-body">{notice}</p>
        </NotificationBanner>
      ) : null}
      <p class="kern-body">{t.lead}</p>
      {toBeConfirmed ? <p class="kern-body">{t.periodsToConfirm}</p> : null}

      <h2 class="kern-heading-large">{t.dueTitle}</h2>
      {due.length === 0 ? (
        <p class="kern-body">{t.noneDue}</p>
      ) : (
        <form method="post" action={`${BASE}/pruefen`} novalidate>
          <input type="hidden" name="_csrf" value={csrf} />
          <fieldset
            class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`}
            aria-describedby={error ? 'faelle-error' : undefined}
          >
            <legend class="kern-label app-legend">{t.selectionLegend}</legend>
            {error ? (
              <ErrorMessage id="faelle-error" prefix="Fehler:">
                {error}
              </ErrorMessage>
            ) : null}
            <div class="app-table-wrap">
              <table class="kern-table app-table">
                <caption class="kern-sr-only">{t.dueTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.colSelect}</th>
                    <th scope="col">{t.colCaseNumber}</th>
                    <th scope="col">{t.colOutcome}</th>
                    <th scope="col">{t.colClosedOn}</th>
                    <th scope="col">{t.colDueSince}</th>
                    <th scope="col">{t.colHold}</th>
                  </tr>
                </thead>
                <tbody>
                  {due.map((c) => {
                    const id = c.caseId === selectable[0]?.caseId ? 'faelle' : `fall-${c.caseId}`;
                    return (
                      <tr key={c.caseId}>
                        <td>
                          {c.hold === null ? (
                            <div class="kern-form-check">
                              <input
                                class={`kern-form-check__checkbox${error ? ' kern-form-check__checkbox--error' : ''}`}
                                type="checkbox"
                                id={id}
                                name="faelle"
                                value={c.caseId}
                              />
                              <label class="kern-label" for={id}>
                                <span class="kern-sr-only">
                                  {t.selectCase.replace('{caseNumber}', c.caseNumber)}
                                </span>
                              </label>
                            </div>
                          ) : (
                            '–'
                          )}
                        </td>
                        <th scope="row">{c.caseNumber}</th>
                        <td>{OUTCOME_LABELS[c.outcome]}</td>
                        <td>{dmy(c.closedOn)}</td>
                        <td>{dmy(c.dueOn)}</td>
                        <td>
                          {c.hold ? t.holdActive.replace('{date}', day(c.hold.since)) : t.holdNone}
                          {' · '}
                          <a class="kern-link" href={`${BASE}/${c.caseId}/sperre`}>
                            {t.holdLink}
                            <span class="kern-sr-only"> (Löschsperre {c.caseNumber})</span>
                          </a>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </fieldset>
          {selectable.length > 0 ? <Button>{t.prepare}</Button> : null}
        </form>
      )}

      {running.length > 0 ? (
        <>
          <h2 class="kern-heading-large">{t.runningTitle}</h2>
          <div class="app-table-wrap">
            <table class="kern-table app-table">
              <caption class="kern-sr-only">{t.runningTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.colCaseNumber}</th>
                  <th scope="col">{t.colOutcome}</th>
                  <th scope="col">{t.colApproved}</th>
                  <th scope="col">{t.colStatus}</th>
                </tr>
              </thead>
              <tbody>
                {running.map((d) => (
                  <tr key={d.caseId}>
                    <th scope="row">{d.caseNumber}</th>
                    <td>{OUTCOME_LABELS[d.outcome]}</td>
                    <td>
                      {dateTime(d.approvedAt)} · {d.approvedByName ?? '–'}
                    </td>
                    <td>
                      <StatusText status={d.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      <h2 class="kern-heading-large">{t.deletedTitle}</h2>
      {deleted.length === 0 ? (
        <p class="kern-body">{t.noneDeleted}</p>
      ) : (
        <div class="app-table-wrap">
          <table class="kern-table app-table">
            <caption class="kern-sr-only">{t.deletedTitle}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colCaseNumber}</th>
                <th scope="col">{t.colOutcome}</th>
                <th scope="col">{t.colClosedOn}</th>
                <th scope="col">{t.colDeletedOn}</th>
                <th scope="col">{t.colApproved}</th>
                <th scope="col">{t.colArchive}</th>
              </tr>
            </thead>
            <tbody>
              {deleted.map((d) => (
                <tr key={d.caseId} data-case-number={d.caseNumber}>
                  <th scope="row">{d.caseNumber}</th>
                  <td>{OUTCOME_LABELS[d.outcome]}</td>
                  <td>{dmy(d.closedOn)}</td>
                  <td>{d.deletedAt ? day(d.deletedAt) : '–'}</td>
                  <td>
                    {day(d.approvedAt)} · {d.approvedByName ?? '–'}
                  </td>
                  <td>
                    {d.handedOverAt
                      ? t.handedOver.replace('{date}', day(d.handedOverAt))
                      : t.awaitingHandOver}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {awaiting.length > 0 ? (
        <section aria-labelledby="pakete">
          <h3 class="kern-heading-medium" id="pakete">
            {t.packagesTitle}
          </h3>
          <ul class="app-file-list">
            {awaiting.map((d) => (
              <li key={d.caseId} class="app-file-list__item" data-package={d.caseNumber}>
                <p class="kern-body">
                  <strong>{d.caseNumber}</strong> · {t.sha} <code class="app-hash">{d.archive?.sha256}</code>
                </p>
                <p class="kern-body">
                  <a class="kern-link" href={`${BASE}/${d.caseId}/paket`}>
                    {t.download.replace('{caseNumber}', d.caseNumber)}
                  </a>
                </p>
                <form method="post" action={`${BASE}/${d.caseId}/uebergabe`} novalidate>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <div class="kern-form-check app-field">
                    <input
                      class="kern-form-check__checkbox"
                      type="checkbox"
                      id={`uebergabe-${d.caseId}`}
                      name="bestaetigt"
                      value="ja"
                    />
                    <label class="kern-label" for={`uebergabe-${d.caseId}`}>
                      {t.handOverCheck.replace('{caseNumber}', d.caseNumber)}
                    </label>
                  </div>
                  <Button variant="secondary">{t.handOver.replace('{caseNumber}', d.caseNumber)}</Button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h2 class="kern-heading-large">{t.holdsTitle}</h2>
      {holds.length === 0 ? (
        <p class="kern-body">{t.noHolds}</p>
      ) : (
        <ul class="kern-list">
          {holds.map((h) => (
            <li key={h.id}>
              <a class="kern-link" href={`${BASE}/${h.caseId}/sperre`}>
                {h.caseNumber}
              </a>
              : {t.holdActive.replace('{date}', day(h.setAt))} ({h.setByName ?? '–'})
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

function ConfirmPage({
  ctx,
  csrf,
  cases,
  error,
}: {
  ctx: PageContext;
  csrf: string;
  cases: readonly DueCase[];
  error?: string;
}) {
  return (
    <Layout ctx={ctx} title={t.confirmTitle}>
      <ErrorSummary title={t.errorTitle} errors={error ? [{ field: 'bestaetigt', message: error }] : []} />
      <h1 class="kern-heading-x-large">{t.confirmTitle}</h1>
      <p class="kern-body">{t.confirmLead}</p>
      <div class="app-table-wrap">
        <table class="kern-table app-table">
          <caption class="kern-sr-only">{t.confirmTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.colCaseNumber}</th>
              <th scope="col">{t.colOutcome}</th>
              <th scope="col">{t.colClosedOn}</th>
              <th scope="col">{t.colDueSince}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.caseId}>
                <th scope="row">{c.caseNumber}</th>
                <td>{OUTCOME_LABELS[c.outcome]}</td>
                <td>{dmy(c.closedOn)}</td>
                <td>{dmy(c.dueOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action={`${BASE}/freigeben`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        {cases.map((c) => (
          <input type="hidden" name="faelle" value={c.caseId} key={c.caseId} />
        ))}
        <Checkboxes
          id="bestaetigt"
          name="bestaetigt"
          legend={t.confirmTitle}
          options={[{ value: 'ja', label: t.confirmCheck }]}
          error={error}
          errorPrefix="Fehler:"
        />
        <ButtonGroup>
          <Button>{t.confirmButton}</Button>
          <Button variant="secondary" href={BASE}>
            {t.cancel}
          </Button>
        </ButtonGroup>
      </form>
    </Layout>
  );
}

function HoldPage({
  ctx,
  csrf,
  caseId,
  caseNumber,
  hold,
  error,
  typed,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  caseId: string;
  caseNumber: string;
  hold: LegalHold | null;
  error?: string;
  typed?: string;
  notice?: string;
}) {
  const title = t.holdTitle.replace('{caseNumber}', caseNumber);
  return (
    <Layout ctx={ctx} title={title}>
      <p class="kern-body">
        <a class="kern-link" href={BASE}>
          {t.back}
        </a>
      </p>
      <ErrorSummary title={t.errorTitle} errors={error ? [{ field: 'grund', message: error }] : []} />
      <h1 class="kern-heading-x-large">{title}</h1>
      {notice ? (
        <NotificationBanner kind="success" title={notice}>
          <p class="kern-body">{notice}</p>
        </NotificationBanner>
      ) : null}
      <p class="kern-body">{t.holdLead}</p>
      {hold ? (
        <SummaryList
          rows={[
            { key: t.holdSince, value: dateTime(hold.setAt) },
            { key: t.holdBy, value: hold.setByName ?? '–' },
            { key: t.holdReason, value: <span class="app-pre-wrap">{hold.reason}</span> },
          ]}
        />
      ) : null}
      <form method="post" action={`${BASE}/${caseId}/sperre`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="aktion" value={hold ? 'aufheben' : 'setzen'} />
        <TextArea
          id="grund"
          name="grund"
          label={hold ? t.holdLiftReason : t.holdSetReason}
          hint={t.holdSetHint}
          rows={3}
          value={typed}
          error={error}
          errorPrefix="Fehler:"
        />
        <Button variant={hold ? 'secondary' : 'primary'}>{hold ? t.holdLift : t.holdSet}</Button>
      </form>
    </Layout>
  );
}

function ExportPage({
  ctx,
  csrf,
  search,
  persons,
  searched,
  error,
  nationalityName,
}: {
  ctx: PageContext;
  csrf: string;
  search: string;
  persons: readonly PersonMatch[];
  searched: boolean;
  error?: { field: 'suche' | 'personen'; message: string };
  nationalityName(code: string): string;
}) {
  return (
    <Layout ctx={ctx} title={e.title}>
      <p class="kern-body">
        <a class="kern-link" href="/geschaeftsstelle">
          Zu den Fällen
        </a>
      </p>
      <ErrorSummary
        title={e.errorTitle}
        errors={error ? [{ field: error.field, message: error.message }] : []}
      />
      <h1 class="kern-heading-x-large">{e.title}</h1>
      <p class="kern-body">{e.lead}</p>
      <form method="post" action={EXPORT} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput
          id="suche"
          name="suche"
          label={e.searchLabel}
          hint={e.searchHint}
          value={search}
          spellcheck={false}
          error={error?.field === 'suche' ? error.message : undefined}
          errorPrefix="Fehler:"
        />
        <Button variant="secondary">{e.search}</Button>
      </form>
      {searched ? (
        persons.length === 0 ? (
          <p class="kern-body">{e.noMatch}</p>
        ) : (
          <>
            <h2 class="kern-heading-large">{e.resultsTitle}</h2>
            <form method="post" action={`${EXPORT}/export`} novalidate>
              <input type="hidden" name="_csrf" value={csrf} />
              <input type="hidden" name="suche" value={search} />
              <Checkboxes
                id="personen"
                name="personen"
                legend={e.personsLegend}
                hint={e.personsHint}
                options={persons.map((p) => ({
                  value: p.personId,
                  label: e.personOption
                    .replace('{name}', `${p.givenNames} ${p.familyName}`)
                    .replace('{birth}', formatPartialDate(p.birthDate))
                    .replace('{caseNumber}', p.caseNumber),
                  hint: nationalityName(p.nationalityCode),
                }))}
                error={error?.field === 'personen' ? error.message : undefined}
                errorPrefix="Fehler:"
              />
              <Button>{e.download}</Button>
            </form>
          </>
        )
      ) : null}
    </Layout>
  );
}

/** The retention section of a case file, for the office head (nothing for anyone else). */
export function caseRetentionView(retention: RetentionUseCases) {
  return async (actor: Actor, caseId: string): Promise<ComponentChildren> => {
    const found = await retention.ofCase(actor, caseId);
    return found ? <CaseRetention caseId={caseId} verdict={found.verdict} hold={found.hold} /> : null;
  };
}

export function registerRetentionPages(app: FastifyInstance, deps: RetentionPagesDeps) {
  const notFound = (reply: FastifyReply) => reply.callNotFound();
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => ({
    ...pageContext(request, reply),
    lang: 'de' as const,
    tail: deps.sessionTail(request, reply),
  });

  async function overview(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { error?: string; notice?: string } = {},
    status = 200,
  ) {
    const data = await deps.retention.overview(deps.actorOf(request));
    if (!data) return notFound(reply);
    return sendPage(
      reply,
      renderPage(
        <OverviewPage
          ctx={ctxOf(request, reply)}
          csrf={deps.csrfToken(request, reply)}
          {...data}
          {...extra}
        />,
      ),
      status,
    );
  }

  app.get<{ Querystring: { freigegeben?: string; uebersprungen?: string; uebergeben?: string } }>(
    BASE,
    { preHandler: deps.guard },
    async (request, reply) => {
      const q = request.query;
      const count =
        typeof q.freigegeben === 'string' && /^\d{1,3}$/.test(q.freigegeben) ? q.freigegeben : null;
      const skipped =
        typeof q.uebersprungen === 'string' && /^[A-Z0-9,-]{1,2000}$/.test(q.uebersprungen)
          ? q.uebersprungen.split(',').join(', ')
          : null;
      const notice = [
        count !== null ? t.approved.replace('{count}', count) : '',
        skipped ? t.skipped.replace('{list}', skipped) : '',
        q.uebergeben === '1' ? t.handedOverDone : '',
      ]
        .filter(Boolean)
        .join(' ');
      return overview(request, reply, notice ? { notice } : {});
    },
  );

  app.post(`${BASE}/pruefen`, { preHandler: deps.guard }, async (request, reply) => {
    const ids = list(unflatten(request.body).faelle);
    const chosen = await deps.retention.selection(deps.actorOf(request), ids);
    if (!chosen) return notFound(reply);
    if (chosen.length === 0) return overview(request, reply, { error: t.noSelection }, 400);
    return sendPage(
      reply,
      renderPage(
        <ConfirmPage ctx={ctxOf(request, reply)} csrf={deps.csrfToken(request, reply)} cases={chosen} />,
      ),
    );
  });

  app.post(`${BASE}/freigeben`, { preHandler: deps.guard }, async (request, reply) => {
    const form = unflatten(request.body);
    const ids = list(form.faelle);
    const actor = deps.actorOf(request);
    if (!list(form.bestaetigt).includes('ja')) {
      const chosen = await deps.retention.selection(actor, ids);
      if (!chosen) return notFound(reply);
      if (chosen.length === 0) return overview(request, reply, { error: t.noSelection }, 400);
      return sendPage(
        reply,
        renderPage(
          <ConfirmPage
            ctx={ctxOf(request, reply)}
            csrf={deps.csrfToken(request, reply)}
            cases={chosen}
            error={t.confirmMissing}
          />,
        ),
        400,
      );
    }
    const result = await deps.retention.approve(actor, ids);
    if (!result) return notFound(reply);
    if (result.approved.length === 0 && result.skipped.length === 0)
      return overview(request, reply, { error: t.noSelection }, 400);
    const query = new URLSearchParams({ freigegeben: String(result.approved.length) });
    if (result.skipped.length > 0) query.set('uebersprungen', result.skipped.join(','));
    return reply.redirect(`${BASE}?${query.toString()}`, 303);
  });

  app.get<{ Params: { caseId: string } }>(
    `${BASE}/:caseId/paket`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const pkg = await deps.retention.downloadArchive(deps.actorOf(request), request.params.caseId);
      if (!pkg) return notFound(reply);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${pkg.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .type('application/zip')
        .send(pkg.stream);
    },
  );

  app.post<{ Params: { caseId: string } }>(
    `${BASE}/:caseId/uebergabe`,
    { preHandler: deps.guard },
    async (request, reply) => {
      if (!list(unflatten(request.body).bestaetigt).includes('ja'))
        return overview(request, reply, { error: t.handOverMissing }, 400);
      const done = await deps.retention.handOver(deps.actorOf(request), request.params.caseId);
      if (!done) return notFound(reply);
      return reply.redirect(`${BASE}?uebergeben=1`, 303);
    },
  );

  async function holdPage(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    extra: { error?: string; typed?: string; notice?: string } = {},
    status = 200,
  ) {
    const found = await deps.retention.holdOf(deps.actorOf(request), caseId);
    if (!found) return notFound(reply);
    return sendPage(
      reply,
      renderPage(
        <HoldPage
          ctx={ctxOf(request, reply)}
          csrf={deps.csrfToken(request, reply)}
          caseId={caseId}
          caseNumber={found.caseNumber}
          hold={found.hold}
          {...extra}
        />,
      ),
      status,
    );
  }

  app.get<{ Params: { caseId: string }; Querystring: { erledigt?: string } }>(
    `${BASE}/:caseId/sperre`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const done = request.query.erledigt;
      const notice = done === 'gesetzt' ? t.holdSetDone : done === 'aufgehoben' ? t.holdLiftDone : undefined;
      return holdPage(request, reply, request.params.caseId, notice ? { notice } : {});
    },
  );

  app.post<{ Params: { caseId: string } }>(
    `${BASE}/:caseId/sperre`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId } = request.params;
      const form = unflatten(request.body);
      const reason = single(form.grund) ?? '';
      const lift = single(form.aktion) === 'aufheben';
      const actor = deps.actorOf(request);
      const result = lift
        ? await deps.retention.liftHold(actor, caseId, reason)
        : await deps.retention.setHold(actor, caseId, reason);
      if (!result) return notFound(reply);
      if (!result.ok)
        return holdPage(request, reply, caseId, { error: HOLD_ERRORS[result.error], typed: reason }, 400);
      return reply.redirect(`${BASE}/${caseId}/sperre?erledigt=${lift ? 'aufgehoben' : 'gesetzt'}`, 303);
    },
  );

  function exportPage(
    request: FastifyRequest,
    reply: FastifyReply,
    view: {
      search: string;
      persons: readonly PersonMatch[];
      searched: boolean;
      error?: { field: 'suche' | 'personen'; message: string };
    },
    status = 200,
  ) {
    return sendPage(
      reply,
      renderPage(
        <ExportPage
          ctx={ctxOf(request, reply)}
          csrf={deps.csrfToken(request, reply)}
          nationalityName={deps.nationalityName}
          {...view}
        />,
      ),
      status,
    );
  }

  /** Runs the search of the form; null when the actor may not export. */
  async function searched(request: FastifyRequest) {
    const search = (single(unflatten(request.body).suche) ?? '').slice(0, 200);
    const persons = search.trim() ? await deps.personExport.search(deps.actorOf(request), search) : [];
    return persons === null ? null : { search, persons };
  }

  app.get(EXPORT, { preHandler: deps.guard }, async (request, reply) =>
    exportPage(request, reply, { search: '', persons: [], searched: false }),
  );

  app.post(EXPORT, { preHandler: deps.guard }, async (request, reply) => {
    const found = await searched(request);
    if (!found) return notFound(reply);
    if (!found.search.trim())
      return exportPage(
        request,
        reply,
        { ...found, searched: false, error: { field: 'suche', message: e.searchMissing } },
        400,
      );
    return exportPage(request, reply, { ...found, searched: true });
  });

  app.post(`${EXPORT}/export`, { preHandler: deps.guard }, async (request, reply) => {
    const ids = list(unflatten(request.body).personen);
    const result = ids.length > 0 ? await deps.personExport.export(deps.actorOf(request), ids) : 'none';
    if (result === null) return notFound(reply);
    if (result === 'none') {
      const found = await searched(request);
      if (!found) return notFound(reply);
      return exportPage(
        request,
        reply,
        { ...found, searched: true, error: { field: 'personen', message: e.noSelection } },
        400,
      );
    }
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${result.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .type('application/zip')
      .send(result.stream);
  });
}
