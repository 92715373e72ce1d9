/**
 * The office's routes under /geschaeftsstelle. Access is the staff login's (a preHandler that admits
 * only office roles); "not yours" and "does not exist" both answer with the normal 404 page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { CaseFileUseCases } from '../../application/case-file.ts';
import { type Actor, CASE_STATES, isCaseState, NON_TERMINAL_STATES } from '../../domain/case/index.ts';
import { contentDispositionAttachment } from '../../domain/evidence/file-name.ts';
import { pageContext, sendPage } from '../pages.tsx';
import { renderPage } from '../views/render.ts';
import { CaseFilePage, InboxPage } from './pages.tsx';

export interface OfficePagesDeps {
  caseFiles: CaseFileUseCases;
  /** Admits logged-in office staff; anyone else is sent to the login or gets 404. */
  guard: preHandlerHookHandler;
  /** The logged-in actor of a request that passed the guard. */
  actorOf(request: FastifyRequest): Actor;
  nationalityName(code: string): string;
}

export function registerOfficePages(app: FastifyInstance, deps: OfficePagesDeps) {
  const notFound = (reply: FastifyReply) => reply.callNotFound();

  app.get<{ Querystring: { stand?: string } }>(
    '/geschaeftsstelle',
    { preHandler: deps.guard },
    async (request, reply) => {
      const ctx = { ...pageContext(request, reply), lang: 'de' as const };
      const asked = request.query.stand ?? 'offen';
      const states =
        asked === 'alle'
          ? []
          : asked === 'offen'
            ? NON_TERMINAL_STATES
            : isCaseState(asked)
              ? [asked]
              : NON_TERMINAL_STATES;
      const rows = await deps.caseFiles.inbox(deps.actorOf(request), { states, limit: 500 });
      if (!rows) return notFound(reply);
      const shown =
        asked === 'alle' || asked === 'offen' || (CASE_STATES as readonly string[]).includes(asked)
          ? asked
          : 'offen';
      return sendPage(reply, renderPage(<InboxPage ctx={ctx} rows={rows} state={shown} />));
    },
  );

  app.get<{ Params: { caseId: string } }>(
    '/geschaeftsstelle/faelle/:caseId',
    { preHandler: deps.guard },
    async (request, reply) => {
      const ctx = { ...pageContext(request, reply), lang: 'de' as const };
      const file = await deps.caseFiles.open(deps.actorOf(request), request.params.caseId);
      if (!file) return notFound(reply);
      return sendPage(
        reply,
        renderPage(<CaseFilePage ctx={ctx} file={file} nationalityName={deps.nationalityName} />),
      );
    },
  );

  app.get<{ Params: { caseId: string; documentId: string } }>(
    '/geschaeftsstelle/faelle/:caseId/dokumente/:documentId',
    { preHandler: deps.guard },
    async (request, reply) => {
      const doc = await deps.caseFiles.download(
        deps.actorOf(request),
        request.params.caseId,
        request.params.documentId,
      );
      if (!doc) return notFound(reply);
      // Always a download, never rendered by the browser: uploaded content is not trusted.
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', contentDispositionAttachment(doc.fileName))
        .header('x-content-type-options', 'nosniff')
        .type(
          doc.contentType === 'application/pdf' || doc.contentType.startsWith('image/')
            ? doc.contentType
            : 'application/octet-stream',
        )
        .send(doc.stream);
    },
  );
}
