/**
 * The immigration authority's portal under /behoerde. Access is the staff login's (role `authority`
 * with its organisation); a case outside the user's authority answers exactly like an unknown one (404).
 * Forms carry the login session's CSRF token; attachments go through the ordinary upload pipeline.
 */
import type { DataStore } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import { portalTexts as pt } from '../../../content/messages/authority/de.ts';
import type {
  AuthorityPortalUseCases,
  PortalActor,
  PortalStepResult,
} from '../../application/authority-portal.ts';
import { documentIdFor } from '../../application/drafts.ts';
import type { UploadStore } from '../../application/ports.ts';
import { contentDispositionAttachment } from '../../domain/evidence/file-name.ts';
import { CSRF_FIELD, csrfHeaderOf, csrfTokenMatches } from '../auth/session.ts';
import { pageContext, sendPage } from '../pages.tsx';
import { group, list, single, unflatten } from '../public/application/form-body.ts';
import { uploadErrorText } from '../public/application/routes.tsx';
import { registerUploads } from '../public/upload/routes.ts';
import { renderPage } from '../views/render.ts';
import {
  casePath,
  DecisionPage,
  type FieldErrors,
  type Notice,
  PORTAL,
  PORTAL_UPLOADS,
  PortalCasePage,
  PortalListPage,
  StatementPage,
} from './pages.tsx';

export interface AuthorityPagesDeps {
  portal: AuthorityPortalUseCases;
  /** Admits logged-in authority users; anyone else gets the login or 404. */
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  actorOf(request: FastifyRequest): PortalActor;
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
  nationalityName(code: string): string;
  /** Today's date in Germany, 'YYYY-MM-DD'. */
  today(): string;
  uploads: UploadStore<DataStore>;
  maxUploadBytes: number;
}

export async function registerAuthorityPages(app: FastifyInstance, deps: AuthorityPagesDeps) {
  const notFound = (reply: FastifyReply) => reply.callNotFound();
  const ctxOf = (request: FastifyRequest, reply: FastifyReply) => ({
    ...pageContext(request, reply),
    lang: 'de' as const,
    tail: deps.sessionTail(request, reply),
  });

  app.get(PORTAL, { preHandler: deps.guard }, async (request, reply) => {
    const listed = await deps.portal.list(deps.actorOf(request));
    if (!listed) return notFound(reply);
    return sendPage(
      reply,
      renderPage(
        <PortalListPage
          ctx={ctxOf(request, reply)}
          rows={listed.rows}
          authorityName={listed.authorityName}
          today={deps.today()}
          csrf={deps.csrfToken(request, reply)}
        />,
      ),
    );
  });

  app.get<{ Params: { caseId: string }; Querystring: { ok?: string; fehler?: string } }>(
    `${PORTAL}/faelle/:caseId`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const file = await deps.portal.open(deps.actorOf(request), request.params.caseId);
      if (!file) return notFound(reply);
      const notice: Notice = request.query.ok === '1' ? { kind: 'success', text: pt.sent } : null;
      return sendPage(
        reply,
        renderPage(
          <PortalCasePage
            ctx={ctxOf(request, reply)}
            file={file}
            nationalityName={deps.nationalityName}
            notice={notice}
          />,
        ),
      );
    },
  );

  app.get<{ Params: { caseId: string; documentId: string } }>(
    `${PORTAL}/faelle/:caseId/dokumente/:documentId`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const doc = await deps.portal.download(
        deps.actorOf(request),
        request.params.caseId,
        request.params.documentId,
      );
      if (!doc) return notFound(reply);
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

  async function statementPage(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    extra: { errors?: FieldErrors; typed?: Record<string, string>; notice?: Notice } = {},
    status = 200,
  ) {
    const file = await deps.portal.open(deps.actorOf(request), caseId);
    if (!file) return notFound(reply);
    // The form only while the statement is asked for; afterwards the case page shows it.
    if (file.state !== 'statement_requested' && status === 200) return reply.redirect(casePath(caseId), 303);
    return sendPage(
      reply,
      renderPage(
        <StatementPage
          ctx={ctxOf(request, reply)}
          file={file}
          csrf={deps.csrfToken(request, reply)}
          errors={extra.errors ?? []}
          typed={extra.typed ?? {}}
          notice={extra.notice ?? null}
          maxMb={Math.floor(deps.maxUploadBytes / 1024 ** 2)}
        />,
      ),
      status,
    );
  }

  app.get<{ Params: { caseId: string }; Querystring: { hochgeladen?: string; fehler?: string } }>(
    `${PORTAL}/faelle/:caseId/stellungnahme`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const { hochgeladen, fehler } = request.query;
      const notice: Notice =
        hochgeladen === '1'
          ? { kind: 'success', text: pt.uploaded }
          : typeof fehler === 'string'
            ? { kind: 'error', text: `${pt.uploadRefused} ${uploadErrorText(fehler) ?? ''}`.trim() }
            : null;
      return statementPage(request, reply, request.params.caseId, { notice });
    },
  );

  const failure = (result: Exclude<PortalStepResult, { ok: true } | null>): Notice =>
    result.kind === 'conflict'
      ? { kind: 'error', text: pt.changedMeanwhile }
      : result.kind === 'refused'
        ? { kind: 'error', text: result.message }
        : null;

  app.post<{ Params: { caseId: string } }>(
    `${PORTAL}/faelle/:caseId/stellungnahme`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId } = request.params;
      const form = unflatten(request.body);
      const date = group(form.deportationDate);
      const typed = {
        statusSummary: single(form.statusSummary) ?? '',
        statement: single(form.statement) ?? '',
        residenceSituation: single(form.residenceSituation) ?? '',
        'deportationDate.day': single(date.day) ?? '',
        'deportationDate.month': single(date.month) ?? '',
        'deportationDate.year': single(date.year) ?? '',
      };
      const version = Number(single(form.version));
      const result = await deps.portal.submitStatement(deps.actorOf(request), caseId, {
        statusSummary: typed.statusSummary,
        statement: typed.statement,
        residenceSituation: typed.residenceSituation,
        deportationDate: {
          day: typed['deportationDate.day'],
          month: typed['deportationDate.month'],
          year: typed['deportationDate.year'],
        },
        ...(Number.isInteger(version) ? { expectedVersion: version } : {}),
      });
      if (!result) return notFound(reply);
      if (result.ok) return reply.redirect(`${casePath(caseId)}?ok=1`, 303);
      const errors = result.kind === 'invalid' ? result.errors : [];
      return statementPage(
        request,
        reply,
        caseId,
        { errors, typed, notice: failure(result) },
        result.kind === 'conflict' ? 409 : 400,
      );
    },
  );

  async function decisionPage(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    extra: { errors?: FieldErrors; typed?: Record<string, string | string[]>; notice?: Notice } = {},
    status = 200,
  ) {
    const file = await deps.portal.open(deps.actorOf(request), caseId);
    if (!file) return notFound(reply);
    const open =
      file.state === 'request_sent' ||
      (file.state === 'authority_feedback' && file.authorityFeedback?.stage === 'intended');
    if (!open && status === 200) return reply.redirect(casePath(caseId), 303);
    return sendPage(
      reply,
      renderPage(
        <DecisionPage
          ctx={ctxOf(request, reply)}
          file={file}
          csrf={deps.csrfToken(request, reply)}
          errors={extra.errors ?? []}
          typed={extra.typed ?? {}}
          notice={extra.notice ?? null}
        />,
      ),
      status,
    );
  }

  app.get<{ Params: { caseId: string } }>(
    `${PORTAL}/faelle/:caseId/entscheidung`,
    { preHandler: deps.guard },
    async (request, reply) => decisionPage(request, reply, request.params.caseId),
  );

  app.post<{ Params: { caseId: string } }>(
    `${PORTAL}/faelle/:caseId/entscheidung`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId } = request.params;
      const form = unflatten(request.body);
      const date = group(form.decidedOn);
      const stage = single(form.stage) === 'final' ? 'final' : 'intended';
      const typed: Record<string, string | string[]> = {
        decision: single(form.decision) ?? '',
        reasons: single(form.reasons) ?? '',
        conditions: list(form.conditions),
        'decidedOn.day': single(date.day) ?? '',
        'decidedOn.month': single(date.month) ?? '',
        'decidedOn.year': single(date.year) ?? '',
      };
      const version = Number(single(form.version));
      const result = await deps.portal.report(deps.actorOf(request), caseId, {
        stage,
        decision: single(form.decision) ?? '',
        reasons: single(form.reasons) ?? '',
        conditions: list(form.conditions),
        ...(stage === 'final'
          ? {
              decidedOn: {
                day: single(date.day) ?? '',
                month: single(date.month) ?? '',
                year: single(date.year) ?? '',
              },
            }
          : {}),
        ...(Number.isInteger(version) ? { expectedVersion: version } : {}),
      });
      if (!result) return notFound(reply);
      if (result.ok) return reply.redirect(`${casePath(caseId)}?ok=1`, 303);
      const errors = result.kind === 'invalid' ? result.errors : [];
      return decisionPage(
        request,
        reply,
        caseId,
        { errors, typed, notice: failure(result) },
        result.kind === 'conflict' ? 409 : 400,
      );
    },
  );

  await registerUploads(app, {
    basePath: PORTAL_UPLOADS,
    store: deps.uploads,
    maxBytes: deps.maxUploadBytes,
    async authorize(request) {
      const staff = request.staff;
      if (staff?.role !== 'authority' || !staff.organisationId) return null;
      const unsafe = request.method !== 'HEAD' && request.method !== 'GET' && request.method !== 'OPTIONS';
      const tus = request.url.startsWith(`${PORTAL_UPLOADS}/tus`);
      if (tus && unsafe && !csrfTokenMatches(request, csrfHeaderOf(request))) return null;
      return `authority:${staff.userId}:${staff.organisationId}`;
    },
    verifyForm: (request, fields) => csrfTokenMatches(request, fields[CSRF_FIELD]),
    async onComplete(upload) {
      const [role, id, organisationId] = upload.ownerId.split(':');
      const caseId = upload.metadata.caseId ?? '';
      const back = `${casePath(encodeURIComponent(caseId))}/stellungnahme`;
      const documentId = documentIdFor(upload.uploadId);
      const added = await deps.portal.addAttachment(
        {
          role: role === 'authority' ? 'authority' : 'applicant',
          id: id ?? '',
          organisationId: organisationId ?? null,
        },
        {
          caseId,
          documentId,
          blobKey: upload.blobKey,
          size: upload.size,
          sha256: upload.sha256,
          fileName: upload.fileName,
        },
      );
      if (!added) return { documentId: '', redirect: PORTAL };
      if (!added.ok) return { documentId: '', redirect: `${back}?fehler=${encodeURIComponent(added.code)}` };
      return { documentId, redirect: `${back}?hochgeladen=1` };
    },
  });
}
