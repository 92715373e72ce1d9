/**
 * The administration of the commission under /verwaltung/kommission: members and their personal
 * deputies with nominating organisation and term. Administrators only (everyone else: 404); the
 * accounts themselves are created under /verwaltung with the role "Mitglied".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import { FUNCTION_LABELS, commissionTexts as t } from '../../../content/messages/sessions/de.ts';
import type { SessionUseCases } from '../../application/sessions.ts';
import type { Actor } from '../../domain/case/index.ts';
import { activeOn, type FieldProblem, germanDay, type Membership } from '../../domain/session/index.ts';
import { fill } from '../office/sessions.tsx';
import { pageContext, sendPage } from '../pages.tsx';
import { group, single, unflatten } from '../public/application/form-body.ts';
import {
  Button,
  Checkboxes,
  DateInput,
  ErrorSummary,
  NotificationBanner,
  Radios,
  Select,
  TextInput,
} from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';
import { renderPage } from '../views/render.ts';

export interface CommissionPagesDeps {
  commission: SessionUseCases;
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  actorOf(request: FastifyRequest): Actor;
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
}

const PATH = '/verwaltung/kommission';
const TARGETS: Record<string, string> = {
  userId: 'userId',
  function: 'function',
  deputyOf: 'deputyOf',
  nominatedBy: 'nominatedBy',
  termFrom: 'termFrom-day',
  termTo: 'termTo-day',
  preScreening: 'preScreening',
};

type Overview = NonNullable<Awaited<ReturnType<SessionUseCases['commission']>>>;

function status(m: Membership, today: string) {
  if (activeOn(m, today)) return t.active;
  return m.termTo < today ? t.ended : t.future;
}

function CommissionPage({
  ctx,
  csrf,
  data,
  errors,
  typed,
  notice,
}: {
  ctx: PageContext;
  csrf: string;
  data: Overview;
  errors: readonly FieldProblem[];
  typed: Record<string, string>;
  notice: { kind: 'success' | 'warning'; text: string } | null;
}) {
  const error = (field: string) =>
    errors
      .filter((e) => e.field === field)
      .map((e) => e.message)
      .join(' ') || undefined;
  const byId = new Map(data.memberships.map((m) => [m.id, m]));
  const members = data.memberships.filter((m) => m.function === 'member' && m.termTo >= data.today);
  const date = (prefix: string) => ({
    day: typed[`${prefix}.day`],
    month: typed[`${prefix}.month`],
    year: typed[`${prefix}.year`],
  });
  return (
    <Layout ctx={ctx} title={t.title}>
      <p class="kern-body">
        <a class="kern-link" href="/verwaltung">
          {t.back}
        </a>
      </p>
      <h1 class="kern-heading-x-large">{t.title}</h1>
      <ErrorSummary
        title={t.errorTitle}
        errors={errors.map((e) => ({ field: TARGETS[e.field] ?? e.field, message: e.message }))}
      />
      {notice ? (
        <NotificationBanner kind={notice.kind} title={notice.text}>
          <p class="kern-body">{notice.text}</p>
        </NotificationBanner>
      ) : null}
      <p class="kern-body">{t.lead}</p>
      {data.committeeSize > 0 ? (
        <>
          <h2 class="kern-heading-medium">{t.committeeTitle}</h2>
          <p class="kern-body">
            {data.committee
              ? fill(t.committeeToday, { names: data.committee.map((m) => m.name).join(', ') })
              : fill(t.committeeNone, { n: data.committeeSize })}
          </p>
        </>
      ) : null}
      {data.memberships.length === 0 ? (
        <p class="kern-body">{t.none}</p>
      ) : (
        <div class="app-table-wrap">
          <table class="kern-table app-table">
            <caption class="kern-sr-only">{t.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.colFunction}</th>
                <th scope="col">{t.colDeputyOf}</th>
                <th scope="col">{t.colNominatedBy}</th>
                <th scope="col">{t.colTerm}</th>
                {data.committeeSize > 0 ? <th scope="col">{t.colPreScreening}</th> : null}
                <th scope="col">{t.colStatus}</th>
                <th scope="col">{t.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {data.memberships.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  <td>{FUNCTION_LABELS[m.function]}</td>
                  <td>{m.deputyOf ? (byId.get(m.deputyOf)?.name ?? '–') : '–'}</td>
                  <td>{m.nominatedBy}</td>
                  <td>
                    {germanDay(m.termFrom)} – {germanDay(m.termTo)}
                  </td>
                  {data.committeeSize > 0 ? <td>{m.preScreening ? t.yes : '–'}</td> : null}
                  <td>{status(m, data.today)}</td>
                  <td>
                    <form method="post" action={`${PATH}/${m.id}/loeschen`} class="app-inline-form">
                      <input type="hidden" name="_csrf" value={csrf} />
                      <Button variant="tertiary">
                        {t.remove}
                        <span class="kern-sr-only">
                          {' '}
                          {m.name}, {FUNCTION_LABELS[m.function]}
                        </span>
                      </Button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 class="kern-heading-large">{t.addTitle}</h2>
      <form method="post" action={PATH} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <Select
          id="userId"
          name="userId"
          label={t.account}
          hint={t.accountHint}
          value={typed.userId}
          placeholder={t.accountNone}
          options={data.accounts
            .filter((a) => !a.disabled)
            .map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))}
          error={error('userId')}
        />
        <Radios
          id="function"
          name="function"
          legend={t.function}
          value={typed.function}
          options={[
            { value: 'member', label: FUNCTION_LABELS.member },
            { value: 'deputy', label: FUNCTION_LABELS.deputy },
          ]}
          error={error('function')}
        />
        <Select
          id="deputyOf"
          name="deputyOf"
          label={t.deputyOf}
          hint={t.deputyOfHint}
          value={typed.deputyOf}
          placeholder={t.deputyOfNone}
          options={members.map((m) => ({
            value: m.id,
            label: `${m.name} (${germanDay(m.termFrom)} – ${germanDay(m.termTo)})`,
          }))}
          error={error('deputyOf')}
        />
        <TextInput
          id="nominatedBy"
          name="nominatedBy"
          label={t.nominatedBy}
          hint={t.nominatedByHint}
          value={typed.nominatedBy}
          error={error('nominatedBy')}
        />
        <DateInput
          id="termFrom"
          name="termFrom"
          legend={t.termFrom}
          value={date('termFrom')}
          error={error('termFrom')}
          labels={{ day: 'Tag', month: 'Monat', year: 'Jahr' }}
        />
        <DateInput
          id="termTo"
          name="termTo"
          legend={t.termTo}
          value={date('termTo')}
          error={error('termTo')}
          labels={{ day: 'Tag', month: 'Monat', year: 'Jahr' }}
        />
        {data.committeeSize > 0 ? (
          <Checkboxes
            id="preScreening"
            name="preScreening"
            legend={t.preScreening}
            hint={fill(t.preScreeningHint, { n: data.committeeSize })}
            values={typed.preScreening ? [typed.preScreening] : []}
            options={[{ value: 'ja', label: t.preScreeningOption }]}
            error={error('preScreening')}
          />
        ) : null}
        <Button>{t.addButton}</Button>
      </form>
    </Layout>
  );
}

/** 'D', 'M', 'YYYY' → 'YYYY-MM-DD' (unchecked: the domain says whether it is a date). */
const isoOf = (d: string, m: string, y: string) =>
  d.trim() && m.trim() && y.trim()
    ? `${y.trim()}-${m.trim().padStart(2, '0')}-${d.trim().padStart(2, '0')}`
    : '';

export function registerCommissionPages(app: FastifyInstance, deps: CommissionPagesDeps) {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      errors?: FieldProblem[];
      typed?: Record<string, string>;
      notice?: { kind: 'success' | 'warning'; text: string } | null;
    } = {},
    code = 200,
  ) {
    const data = await deps.commission.commission(deps.actorOf(request));
    if (!data) return reply.callNotFound();
    const ctx = {
      ...pageContext(request, reply),
      lang: 'de' as const,
      tail: deps.sessionTail(request, reply),
    };
    return sendPage(
      reply,
      renderPage(
        <CommissionPage
          ctx={ctx}
          csrf={deps.csrfToken(request, reply)}
          data={data}
          errors={extra.errors ?? []}
          typed={extra.typed ?? {}}
          notice={extra.notice ?? null}
        />,
      ),
      code,
    );
  }

  app.get<{ Querystring: { ok?: string } }>(PATH, { preHandler: deps.guard }, (request, reply) =>
    show(request, reply, {
      notice:
        request.query.ok === 'benannt'
          ? { kind: 'success', text: t.added }
          : request.query.ok === 'geloescht'
            ? { kind: 'success', text: t.removed }
            : null,
    }),
  );

  app.post(PATH, { preHandler: deps.guard }, async (request, reply) => {
    const form = unflatten(request.body);
    const from = group(form.termFrom);
    const to = group(form.termTo);
    const typed: Record<string, string> = {
      userId: single(form.userId) ?? '',
      function: single(form.function) ?? '',
      deputyOf: single(form.deputyOf) ?? '',
      nominatedBy: single(form.nominatedBy) ?? '',
      'termFrom.day': single(from.day) ?? '',
      'termFrom.month': single(from.month) ?? '',
      'termFrom.year': single(from.year) ?? '',
      'termTo.day': single(to.day) ?? '',
      'termTo.month': single(to.month) ?? '',
      'termTo.year': single(to.year) ?? '',
      preScreening: single(form.preScreening) ?? '',
    };
    const v = (k: string) => typed[k] ?? '';
    const result = await deps.commission.appoint(deps.actorOf(request), {
      userId: v('userId'),
      function: v('function'),
      deputyOf: v('deputyOf'),
      nominatedBy: v('nominatedBy'),
      termFrom: isoOf(v('termFrom.day'), v('termFrom.month'), v('termFrom.year')),
      termTo: isoOf(v('termTo.day'), v('termTo.month'), v('termTo.year')),
      preScreening: v('preScreening'),
    });
    if (!result) return reply.callNotFound();
    if (!result.ok) return show(request, reply, { errors: result.errors, typed }, 400);
    return reply.redirect(`${PATH}?ok=benannt`, 303);
  });

  app.post<{ Params: { id: string } }>(
    `${PATH}/:id/loeschen`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const result = await deps.commission.removeAppointment(deps.actorOf(request), request.params.id);
      if (!result) return reply.callNotFound();
      if (result === 'in_use')
        return show(request, reply, { notice: { kind: 'warning', text: t.inUse } }, 400);
      return reply.redirect(`${PATH}?ok=geloescht`, 303);
    },
  );
}
