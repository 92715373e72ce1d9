/**
 * The office's routes for the commission's sessions under /geschaeftsstelle/sitzungen, behind the
 * office guard: members, administrators and everyone else get the normal 404 page. Notices travel
 * in the query as fixed keys only, never as text or data.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import { OUTCOME_LABELS, sessionTexts as t } from '../../../content/messages/sessions/de.ts';
import type { MemberViewUseCases } from '../../application/member-view.ts';
import type { SessionUseCases } from '../../application/sessions.ts';
import type { Actor } from '../../domain/case/index.ts';
import type { DecisionForm, FieldProblem } from '../../domain/session/index.ts';
import { pageContext, sendPage } from '../pages.tsx';
import { group, list, single, unflatten } from '../public/application/form-body.ts';
import { renderPage } from '../views/render.ts';
import { PackSection, registerPackChoicePages } from './session-pack.tsx';
import {
  AgendaItemPage,
  fill,
  type Notice,
  SessionListPage,
  SessionPage,
  typedFromDecision,
} from './sessions.tsx';

export interface SessionPagesDeps {
  sessions: SessionUseCases;
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  actorOf(request: FastifyRequest): Actor;
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
  /** The session pack: the office's choice of documents per agenda item. */
  packs?: MemberViewUseCases;
}

const LIST = '/geschaeftsstelle/sitzungen';
const base = (id: string) => `${LIST}/${id}`;

const NOTICES: Record<string, string> = {
  gespeichert: t.saved,
  abgesagt: t.cancelled,
  genehmigt: t.approved,
  protokoll: t.minutesPending,
};

type Q = { Querystring: { ok?: string; n?: string; beschluss?: string } };

function noticeFrom(query: Q['Querystring']): Notice {
  if (query.ok === 'eingeladen')
    return { kind: 'success', text: fill(t.invited, { n: Number(query.n) || 0 }) };
  if (query.ok === 'beschluss' && query.beschluss && query.beschluss in OUTCOME_LABELS)
    return {
      kind: 'success',
      text: fill(t.decisionSaved, {
        outcome: OUTCOME_LABELS[query.beschluss as keyof typeof OUTCOME_LABELS],
      }),
    };
  const text = query.ok ? NOTICES[query.ok] : undefined;
  return text ? { kind: query.ok === 'protokoll' ? 'error' : 'success', text } : null;
}

export function registerSessionPages(app: FastifyInstance, deps: SessionPagesDeps) {
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => ({
    ...pageContext(request, reply),
    lang: 'de' as const,
    tail: deps.sessionTail(request, reply),
  });

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldProblem[]; typed?: Record<string, string>; notice?: Notice } = {},
    status = 200,
  ) {
    const data = await deps.sessions.list(deps.actorOf(request));
    if (!data) return reply.callNotFound();
    return sendPage(
      reply,
      renderPage(
        <SessionListPage
          ctx={ctxOf(request, reply)}
          csrf={deps.csrfToken(request, reply)}
          list={data}
          {...extra}
        />,
      ),
      status,
    );
  }

  async function sessionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    notice: Notice,
    status = 200,
  ) {
    const view = await deps.sessions.view(deps.actorOf(request), id);
    if (!view) return reply.callNotFound();
    const pack = deps.packs ? await deps.packs.packSummary(deps.actorOf(request), id) : null;
    return sendPage(
      reply,
      renderPage(
        <SessionPage
          ctx={ctxOf(request, reply)}
          csrf={deps.csrfToken(request, reply)}
          view={view}
          notice={notice}
          packSection={pack ? <PackSection sessionId={id} summary={pack} agenda={view.agenda} /> : null}
        />,
      ),
      status,
    );
  }

  async function itemPage(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    caseId: string,
    extra: { errors?: FieldProblem[]; typed?: Record<string, string>; notice?: Notice },
    status = 200,
  ) {
    const data = await deps.sessions.item(deps.actorOf(request), id, caseId);
    if (!data) return reply.callNotFound();
    return sendPage(
      reply,
      renderPage(
        <AgendaItemPage
          ctx={ctxOf(request, reply)}
          csrf={deps.csrfToken(request, reply)}
          data={data}
          errors={extra.errors ?? []}
          typed={extra.typed ?? typedFromDecision(data.item.decision)}
          notice={extra.notice ?? null}
        />,
      ),
      status,
    );
  }

  /** A step's answer: null → 404; a refusal → the session page with its message (400); else back with a notice. */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    result: { ok: true } | { ok: false; message: string } | null,
    ok: string,
  ) {
    if (!result) return reply.callNotFound();
    if (!result.ok) return sessionPage(request, reply, id, { kind: 'error', text: result.message }, 400);
    return reply.redirect(`${base(id)}?${ok}`, 303);
  }

  if (deps.packs) registerPackChoicePages(app, { ...deps, packs: deps.packs });

  app.get<Q>(LIST, { preHandler: deps.guard }, (request, reply) =>
    listPage(request, reply, { notice: noticeFrom(request.query) }),
  );

  app.post(LIST, { preHandler: deps.guard }, async (request, reply) => {
    const form = unflatten(request.body);
    const date = group(form.date);
    const typed = {
      'date.day': single(date.day) ?? '',
      'date.month': single(date.month) ?? '',
      'date.year': single(date.year) ?? '',
      time: single(form.time) ?? '',
      place: single(form.place) ?? '',
      chairId: single(form.chairId) ?? '',
    };
    const result = await deps.sessions.plan(deps.actorOf(request), {
      day: typed['date.day'],
      month: typed['date.month'],
      year: typed['date.year'],
      time: typed.time,
      place: typed.place,
      chairId: typed.chairId,
    });
    if (!result) return reply.callNotFound();
    if (!result.ok) return listPage(request, reply, { errors: result.errors, typed }, 400);
    return reply.redirect(`${base(result.sessionId)}?ok=gespeichert`, 303);
  });

  app.get<{ Params: { id: string } } & Q>(`${LIST}/:id`, { preHandler: deps.guard }, (request, reply) =>
    sessionPage(request, reply, request.params.id, noticeFrom(request.query)),
  );

  app.post<{ Params: { id: string } }>(
    `${LIST}/:id/absagen`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const result = await deps.sessions.cancel(deps.actorOf(request), request.params.id);
      if (result?.ok) return reply.redirect(`${LIST}?ok=abgesagt`, 303);
      return answer(request, reply, request.params.id, result, '');
    },
  );

  app.post<{ Params: { id: string } }>(
    `${LIST}/:id/einladungen`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const result = await deps.sessions.invite(deps.actorOf(request), request.params.id);
      return answer(
        request,
        reply,
        request.params.id,
        result,
        `ok=eingeladen&n=${result?.ok ? result.invited : 0}`,
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    `${LIST}/:id/tagesordnung`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const caseId = single(unflatten(request.body).caseId) ?? '';
      const result = await deps.sessions.addCase(deps.actorOf(request), request.params.id, caseId);
      return answer(request, reply, request.params.id, result, 'ok=gespeichert#tagesordnung');
    },
  );

  app.post<{ Params: { id: string; caseId: string } }>(
    `${LIST}/:id/tagesordnung/:caseId/verschieben`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const direction = single(unflatten(request.body).richtung) === 'hoch' ? 'up' : 'down';
      const result = await deps.sessions.move(
        deps.actorOf(request),
        request.params.id,
        request.params.caseId,
        direction,
      );
      return answer(request, reply, request.params.id, result, 'ok=gespeichert#tagesordnung');
    },
  );

  app.post<{ Params: { id: string } }>(
    `${LIST}/:id/anwesenheit`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const present = list(unflatten(request.body).present);
      const result = await deps.sessions.recordAttendance(deps.actorOf(request), request.params.id, present);
      return answer(request, reply, request.params.id, result, 'ok=gespeichert#anwesenheit');
    },
  );

  app.get<{ Params: { id: string; caseId: string } }>(
    `${LIST}/:id/tagesordnung/:caseId`,
    { preHandler: deps.guard },
    (request, reply) => itemPage(request, reply, request.params.id, request.params.caseId, {}),
  );

  app.post<{ Params: { id: string; caseId: string } }>(
    `${LIST}/:id/tagesordnung/:caseId`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const { id, caseId } = request.params;
      const form = unflatten(request.body);
      const votes = group(form.votes);
      const rec = group(form.recommendationVotes);
      const typed: Record<string, string> = {
        kind: single(form.kind) ?? '',
        'votes.yes': single(votes.yes) ?? '',
        'votes.no': single(votes.no) ?? '',
        'votes.abstain': single(votes.abstain) ?? '',
        reasons: single(form.reasons) ?? '',
        recommendationText: single(form.recommendationText) ?? '',
        'recommendationVotes.yes': single(rec.yes) ?? '',
        'recommendationVotes.no': single(rec.no) ?? '',
        'recommendationVotes.abstain': single(rec.abstain) ?? '',
      };
      const decision: DecisionForm = {
        kind: typed.kind ?? '',
        yes: typed['votes.yes'] ?? '',
        no: typed['votes.no'] ?? '',
        abstain: typed['votes.abstain'] ?? '',
        reasons: typed.reasons ?? '',
        recommendationText: typed.recommendationText ?? '',
        recommendationYes: typed['recommendationVotes.yes'] ?? '',
        recommendationNo: typed['recommendationVotes.no'] ?? '',
        recommendationAbstain: typed['recommendationVotes.abstain'] ?? '',
      };
      const result = await deps.sessions.recordDecision(deps.actorOf(request), id, caseId, decision);
      if (!result) return reply.callNotFound();
      if (!result.ok) {
        if ('errors' in result)
          return itemPage(request, reply, id, caseId, { errors: result.errors, typed }, 400);
        return itemPage(
          request,
          reply,
          id,
          caseId,
          { typed, notice: { kind: 'error', text: result.message } },
          400,
        );
      }
      return reply.redirect(
        `${base(id)}?ok=beschluss&beschluss=${result.decision.outcome}#tagesordnung`,
        303,
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    `${LIST}/:id/protokoll/genehmigen`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const result = await deps.sessions.approve(deps.actorOf(request), request.params.id);
      return answer(request, reply, request.params.id, result, 'ok=genehmigt');
    },
  );

  app.get<{ Params: { id: string } }>(
    `${LIST}/:id/protokoll`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const minutes = await deps.sessions.minutes(deps.actorOf(request), request.params.id);
      if (!minutes) return reply.callNotFound();
      if (minutes.kind === 'pending')
        return reply.redirect(`${base(request.params.id)}?ok=protokoll#protokoll`, 303);
      const name = `Protokoll-Sitzung-${minutes.day}${minutes.draft ? '-Entwurf' : ''}.pdf`;
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('x-content-type-options', 'nosniff')
        .type('application/pdf')
        .send(minutes.stream);
    },
  );
}
