/**
 * The members' view under /kommission, behind the login for the role `member` (members and deputies).
 * Whatever a member may not see — a session they are not invited to, a case not on its agenda, an
 * unknown id — answers the normal 404 page. The pack is a download (attachment, no-store); once its
 * time after the session has passed, the same address answers 404 with an explanation.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { MemberViewUseCases } from '../../application/member-view.ts';
import type { Actor } from '../../domain/case/index.ts';
import { pageContext, sendPage } from '../pages.tsx';
import { renderPage } from '../views/render.ts';
import { HOME, MemberCasePage, MemberHomePage, MemberSessionPage, PackExpiredPage } from './pages.tsx';

export interface MemberPagesDeps {
  members: MemberViewUseCases;
  /** Admits the role `member` only. */
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  actorOf(request: FastifyRequest): Actor & { name: string };
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
}

export function registerMemberPages(app: FastifyInstance, deps: MemberPagesDeps) {
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => ({
    ...pageContext(request, reply),
    lang: 'de' as const,
    tail: deps.sessionTail(request, reply),
  });

  app.get(HOME, { preHandler: deps.guard }, async (request, reply) => {
    const data = await deps.members.overview(deps.actorOf(request));
    if (!data) return reply.callNotFound();
    return sendPage(reply, renderPage(<MemberHomePage ctx={ctxOf(request, reply)} data={data} />));
  });

  app.get<{ Params: { id: string } }>(
    `${HOME}/sitzungen/:id`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const view = await deps.members.session(deps.actorOf(request), request.params.id);
      if (!view) return reply.callNotFound();
      return sendPage(reply, renderPage(<MemberSessionPage ctx={ctxOf(request, reply)} view={view} />));
    },
  );

  app.get<{ Params: { id: string; caseId: string } }>(
    `${HOME}/sitzungen/:id/faelle/:caseId`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const data = await deps.members.agendaCase(
        deps.actorOf(request),
        request.params.id,
        request.params.caseId,
      );
      if (!data) return reply.callNotFound();
      return sendPage(reply, renderPage(<MemberCasePage ctx={ctxOf(request, reply)} data={data} />));
    },
  );

  app.get<{ Params: { id: string } }>(
    `${HOME}/sitzungen/:id/mappe`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const pack = await deps.members.pack(deps.actorOf(request), request.params.id);
      if (!pack) return reply.callNotFound();
      if (pack.kind === 'expired')
        return sendPage(
          reply,
          renderPage(
            <PackExpiredPage
              ctx={ctxOf(request, reply)}
              sessionId={request.params.id}
              through={pack.through}
            />,
          ),
          404,
        );
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="Sitzungsmappe-${pack.day}.pdf"`)
        .header('x-content-type-options', 'nosniff')
        .type('application/pdf')
        .send(pack.pdf);
    },
  );
}
