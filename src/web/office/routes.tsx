/**
 * The office's routes under /geschaeftsstelle. Access is the staff login's (a preHandler that admits
 * only office roles); "not yours" and "does not exist" both answer with the normal 404 page.
 */

import type { DataStore } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import { deskTexts, stepTexts } from '../../../content/messages/office/de.ts';
import { CASE_LIST_PAGE_SIZE, type CaseFileUseCases } from '../../application/case-file.ts';
import type { CaseUseCases } from '../../application/cases.ts';
import { documentIdFor } from '../../application/drafts.ts';
import type { EvidenceFileUseCases } from '../../application/evidence-files.ts';
import type { IntakeUseCase } from '../../application/intake.ts';
import type { MemberViewUseCases } from '../../application/member-view.ts';
import type { MessageUseCases } from '../../application/messages.ts';
import type { UploadStore } from '../../application/ports.ts';
import type { SessionUseCases } from '../../application/sessions.ts';
import type { StatisticsUseCases } from '../../application/statistics.ts';
import {
  type Actor,
  type CaseState,
  COMMAND_TYPES,
  type CommandType,
  commandsFrom,
  isCaseState,
  isTerminal,
  NON_TERMINAL_STATES,
} from '../../domain/case/index.ts';
import { contentDispositionAttachment } from '../../domain/evidence/file-name.ts';
import { isIsoDate } from '../../domain/rules/dates.ts';
import { deadlineFrom, statementDueDate } from '../../domain/rules/deadlines.ts';
import type { ProcedureProfile } from '../../domain/rules/profile.ts';
import { CSRF_FIELD, csrfHeaderOf, csrfTokenMatches } from '../auth/session.ts';
import { pageContext, sendPage } from '../pages.tsx';
import { group, single, unflatten } from '../public/application/form-body.ts';
import { uploadErrorText } from '../public/application/routes.tsx';
import { registerUploads } from '../public/upload/routes.ts';
import { sendPreviewImage } from '../security.ts';
import { renderPage } from '../views/render.ts';
import { commandFromForm, officeSteps, StepForms } from './commands.tsx';
import { type AuthorityForm, DeskForms } from './desk.tsx';
import { DocumentUploadForm } from './documents.tsx';
import { IntakePage, intakeFromForm } from './intake.tsx';
import { OfficeMessages, officeMessageError } from './messages.tsx';
import { CaseFilePage, InboxPage } from './pages.tsx';
import { PreviewPage } from './preview.tsx';
import { RetentionLinks } from './retention.tsx';
import { registerSessionPages } from './session-routes.tsx';
import { registerStatisticsPages } from './statistics.tsx';

const PAGE_SIZE = CASE_LIST_PAGE_SIZE;
/** The last page of the office's list one can ask for. */
const MAX_PAGE = 200;

export interface OfficePagesDeps {
  caseFiles: CaseFileUseCases;
  /** The message thread with the applicant or representative. */
  messages: MessageUseCases;
  /** Admits logged-in office staff; anyone else is sent to the login or gets 404. */
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  /** For the start page of the back office: also lets administrators in, to send them on to their area. */
  homeGuard: preHandlerHookHandler | preHandlerHookHandler[];
  /** The logged-in actor of a request that passed the guard. */
  actorOf(request: FastifyRequest): Actor;
  nationalityName(code: string): string;
  cases: CaseUseCases;
  profile: ProcedureProfile;
  /** Today's date in Germany, 'YYYY-MM-DD'. */
  today(): string;
  /** The CSRF token to put into the forms of this logged-in request. */
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  /** The end of a logged-in page: the warning before the session times out. */
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
  intake: IntakeUseCase;
  nationalities: readonly { code: string; label: string }[];
  /** The resumable upload store, for scanned letters and later evidence the office files. */
  uploads: UploadStore<DataStore>;
  maxUploadBytes: number;
  /** The safe preview of a document (page pictures), audited like a download. */
  evidenceFiles: EvidenceFileUseCases;
  /** The retention of a case in its file (the office head's; nothing for others); with it, the head's links. */
  caseRetention?: (actor: Actor, caseId: string) => Promise<ComponentChildren>;
  /** The commission's sessions (/geschaeftsstelle/sitzungen). */
  sessions?: SessionUseCases;
  /** What the immigration authority answered through its portal (statements, intended and final decisions). */
  caseAuthority?: (actor: Actor, caseId: string) => Promise<ComponentChildren>;
  /** The statistics for the annual report (/geschaeftsstelle/statistik). */
  statistics?: StatisticsUseCases;
  /** The session pack's choice of documents on a session's agenda. */
  packs?: MemberViewUseCases;
}

const OFFICE_UPLOADS = '/geschaeftsstelle/hochladen';

export async function registerOfficePages(app: FastifyInstance, deps: OfficePagesDeps) {
  const notFound = (reply: FastifyReply) => reply.callNotFound();
  if (deps.sessions) registerSessionPages(app, { ...deps, sessions: deps.sessions });
  if (deps.statistics) {
    const labels = new Map(deps.nationalities.map((n) => [n.code, n.label]));
    registerStatisticsPages(app, {
      ...deps,
      statistics: deps.statistics,
      nationalityLabel: (code) => labels.get(code) ?? deps.nationalityName(code),
    });
  }

  app.get<{
    Querystring: {
      stand?: string;
      suche?: string;
      meine?: string;
      frist?: string;
      behoerde?: string;
      nachrichten?: string;
      seite?: string;
    };
  }>('/geschaeftsstelle', { preHandler: deps.homeGuard }, async (request, reply) => {
    if (deps.actorOf(request).role === 'admin') return reply.redirect('/verwaltung', 303);
    if (deps.actorOf(request).role === 'representative') return reply.redirect('/konto', 303);
    if (deps.actorOf(request).role === 'authority') return reply.redirect('/behoerde', 303);
    if (deps.actorOf(request).role === 'member') return reply.redirect('/kommission', 303);
    const ctx = {
      ...pageContext(request, reply),
      lang: 'de' as const,
      tail: deps.sessionTail(request, reply),
    };
    const search = typeof request.query.suche === 'string' ? request.query.suche.slice(0, 200) : '';
    // A search looks through every case unless a state is chosen; the plain list shows the open ones.
    const asked = request.query.stand ?? (search.trim() ? 'alle' : 'offen');
    const known = asked === 'alle' || asked === 'offen' || isCaseState(asked);
    const shown = known ? asked : 'offen';
    const states = shown === 'alle' ? [] : shown === 'offen' ? NON_TERMINAL_STATES : [shown as CaseState];
    const mine = request.query.meine === '1';
    const overdue = request.query.frist === 'ueberfaellig';
    const unread = request.query.nachrichten === 'ungelesen';
    const actor = deps.actorOf(request);
    const authorities = await deps.caseFiles.authorities(actor);
    const asking = typeof request.query.behoerde === 'string' ? request.query.behoerde : '';
    const authorityId = authorities.some((a) => a.id === asking) ? asking : '';
    const today = deps.today();
    const askedPage = Number(request.query.seite);
    const page = Number.isInteger(askedPage) && askedPage >= 1 && askedPage <= MAX_PAGE ? askedPage : 1;
    // One row more than a page: whether there is a next page.
    const found = await deps.caseFiles.inbox(actor, {
      states,
      limit: PAGE_SIZE + 1,
      offset: (page - 1) * PAGE_SIZE,
      search,
      mine,
      ...(authorityId ? { authorityId } : {}),
      ...(overdue ? { overdueOn: today } : {}),
      unreadMessages: unread,
    });
    if (!found) return notFound(reply);
    const rows = found.slice(0, PAGE_SIZE);
    const pageHref = (n: number) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(request.query))
        if (name !== 'seite' && typeof value === 'string' && value !== '') params.set(name, value);
      if (n > 1) params.set('seite', String(n));
      const query = params.toString();
      return query ? `/geschaeftsstelle?${query}` : '/geschaeftsstelle';
    };
    return sendPage(
      reply,
      renderPage(
        <InboxPage
          ctx={ctx}
          rows={rows}
          paging={{
            first: (page - 1) * PAGE_SIZE + 1,
            previous: page > 1 ? pageHref(page - 1) : null,
            next: found.length > PAGE_SIZE && page < MAX_PAGE ? pageHref(page + 1) : null,
          }}
          state={shown}
          search={search}
          mine={mine}
          today={today}
          overdue={overdue}
          authorities={authorities}
          authorityId={authorityId}
          unread={unread}
          links={actor.role === 'office_head' && deps.caseRetention ? <RetentionLinks /> : null}
        />,
      ),
    );
  });

  app.get('/geschaeftsstelle/eingang', { preHandler: deps.guard }, async (request, reply) => {
    const ctx = {
      ...pageContext(request, reply),
      lang: 'de' as const,
      tail: deps.sessionTail(request, reply),
    };
    return sendPage(
      reply,
      renderPage(
        <IntakePage
          ctx={ctx}
          draft={{ persons: [] }}
          errors={[]}
          csrf={deps.csrfToken(request, reply)}
          nationalities={deps.nationalities}
        />,
      ),
    );
  });

  app.post('/geschaeftsstelle/eingang', { preHandler: deps.guard }, async (request, reply) => {
    const draft = intakeFromForm(unflatten(request.body));
    const result = await deps.intake.register(deps.actorOf(request), draft);
    if (result.ok) return reply.redirect(`/geschaeftsstelle/faelle/${result.caseId}?schritt=ok`, 303);
    if ('forbidden' in result) return notFound(reply);
    const ctx = {
      ...pageContext(request, reply),
      lang: 'de' as const,
      tail: deps.sessionTail(request, reply),
    };
    return sendPage(
      reply,
      renderPage(
        <IntakePage
          ctx={ctx}
          draft={draft}
          errors={result.errors}
          csrf={deps.csrfToken(request, reply)}
          nationalities={deps.nationalities}
        />,
      ),
      400,
    );
  });

  await registerUploads(app, {
    basePath: OFFICE_UPLOADS,
    store: deps.uploads,
    maxBytes: deps.maxUploadBytes,
    async authorize(request) {
      const staff = request.staff;
      if (!staff || (staff.role !== 'office_clerk' && staff.role !== 'office_head')) return null;
      // tus: every request that changes something carries the session's token as a header.
      const unsafe = request.method !== 'HEAD' && request.method !== 'GET' && request.method !== 'OPTIONS';
      const tus = request.url.startsWith(`${OFFICE_UPLOADS}/tus`);
      if (tus && unsafe && !csrfTokenMatches(request, csrfHeaderOf(request))) return null;
      return `${staff.role}:${staff.userId}`;
    },
    verifyForm: (request, fields) => csrfTokenMatches(request, fields[CSRF_FIELD]),
    async onComplete(upload) {
      const [role, id] = upload.ownerId.split(':') as [Actor['role'], string];
      const caseId = upload.metadata.caseId ?? '';
      const back = `/geschaeftsstelle/faelle/${encodeURIComponent(caseId)}`;
      const documentId = documentIdFor(upload.uploadId);
      const added = await deps.caseFiles.addDocument(
        { role, id },
        {
          caseId,
          documentId,
          blobKey: upload.blobKey,
          size: upload.size,
          sha256: upload.sha256,
          fileName: upload.fileName,
          category: upload.metadata.category ?? '',
        },
      );
      if (!added) return { documentId: '', redirect: '/geschaeftsstelle' };
      if (!added.ok) return { documentId: '', redirect: `${back}?fehler=${encodeURIComponent(added.code)}` };
      return { documentId, redirect: `${back}?schritt=ok` };
    },
  });

  async function caseFilePage(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    notice: { kind: 'success' | 'error'; text: string } | null,
    status = 200,
    messageForm: { value?: string; error?: string } = {},
    authorityForm: AuthorityForm = {},
  ) {
    const ctx = {
      ...pageContext(request, reply),
      lang: 'de' as const,
      tail: deps.sessionTail(request, reply),
    };
    const actor = deps.actorOf(request);
    const file = await deps.caseFiles.open(actor, caseId);
    if (!file) return notFound(reply);
    const steps = isCaseState(file.state) ? officeSteps(commandsFrom(file.state, actor.role)) : [];
    const repeats = await deps.caseFiles.possibleRepeats(actor, caseId);
    // Read as part of the case file (its view is audited above); the applicant's messages count as read.
    const thread = (await deps.messages.forOffice(actor, caseId)) ?? [];
    const retention = (await deps.caseRetention?.(actor, caseId)) ?? null;
    const authority = (await deps.caseAuthority?.(actor, caseId)) ?? null;
    const [y, m, d] = statementDueDate(deps.today(), deps.profile).split('-');
    const [ry, rm, rd] = deadlineFrom(deps.today(), deps.profile.deadlines.documentRequestDays).split('-');
    const requestDue = { day: String(Number(rd)), month: String(Number(rm)), year: ry ?? '' };
    return sendPage(
      reply,
      renderPage(
        <CaseFilePage
          ctx={ctx}
          file={file}
          nationalityName={deps.nationalityName}
          notice={notice}
          repeats={repeats}
          grounds={deps.profile.exclusionGrounds.grounds}
          retention={retention}
          authority={authority}
          messages={
            <OfficeMessages
              caseId={file.caseId}
              messages={thread}
              csrf={deps.csrfToken(request, reply)}
              form={messageForm}
            />
          }
        >
          <DeskForms
            file={file}
            csrf={deps.csrfToken(request, reply)}
            dueDefault={requestDue}
            authorities={await deps.caseFiles.responsibleAuthorities(actor)}
            authorityForm={authorityForm}
            open={isCaseState(file.state) && !isTerminal(file.state)}
          />
          <DocumentUploadForm
            caseId={file.caseId}
            action={OFFICE_UPLOADS}
            maxMb={Math.floor(deps.maxUploadBytes / 1024 ** 2)}
            csrf={deps.csrfToken(request, reply)}
          />
          <StepForms
            caseId={file.caseId}
            version={file.version}
            steps={steps}
            grounds={deps.profile.exclusionGrounds.grounds}
            dueDefault={{ day: String(Number(d)), month: String(Number(m)), year: y ?? '' }}
            csrfToken={deps.csrfToken(request, reply)}
            statementDocuments={file.documents
              .filter((doc) => doc.category === 'authority_statement')
              .map((doc) => ({ id: doc.id, fileName: doc.fileName }))}
            preScreeningCommittee={deps.profile.commission.preScreeningCommitteeMembers > 0}
          />
        </CaseFilePage>,
      ),
      status,
    );
  }

  app.get<{ Params: { caseId: string }; Querystring: { schritt?: string; fehler?: string } }>(
    '/geschaeftsstelle/faelle/:caseId',
    { preHandler: deps.guard },
    async (request, reply) =>
      caseFilePage(
        request,
        reply,
        request.params.caseId,
        request.query.schritt === 'ok'
          ? { kind: 'success', text: stepTexts.done }
          : request.query.schritt === 'behoerde'
            ? { kind: 'success', text: deskTexts.authorityChanged }
            : request.query.schritt === 'eingang'
              ? { kind: 'success', text: deskTexts.receiptQueued }
              : typeof request.query.fehler === 'string'
                ? { kind: 'error', text: uploadRefusal(request.query.fehler) }
                : null,
      ),
  );

  app.post<{ Params: { caseId: string } }>(
    '/geschaeftsstelle/faelle/:caseId/eingangsbestaetigung',
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId } = request.params;
      const result = await deps.caseFiles.issuePaperReceipt(deps.actorOf(request), caseId);
      if (!result) return notFound(reply);
      if (!result.ok)
        return caseFilePage(request, reply, caseId, { kind: 'error', text: result.message }, 400);
      return reply.redirect(`/geschaeftsstelle/faelle/${caseId}?schritt=eingang#briefe`, 303);
    },
  );

  app.post<{ Params: { caseId: string } }>(
    '/geschaeftsstelle/faelle/:caseId/behoerde',
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId } = request.params;
      const form = unflatten(request.body);
      const typed = { authorityId: single(form.authorityId) ?? '', reason: single(form.reason) ?? '' };
      const result = await deps.caseFiles.changeAuthority(deps.actorOf(request), caseId, typed);
      if (!result) return notFound(reply);
      if (!result.ok)
        return caseFilePage(
          request,
          reply,
          caseId,
          { kind: 'error', text: result.message },
          400,
          {},
          {
            ...typed,
            field: result.field,
            error: result.message,
          },
        );
      return reply.redirect(`/geschaeftsstelle/faelle/${caseId}?schritt=behoerde#zustaendigkeit`, 303);
    },
  );

  app.post<{ Params: { caseId: string } }>(
    '/geschaeftsstelle/faelle/:caseId/notizen',
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId } = request.params;
      const result = await deps.caseFiles.addNote(
        deps.actorOf(request),
        caseId,
        single(unflatten(request.body).note) ?? '',
      );
      if (!result) return notFound(reply);
      if (!result.ok)
        return caseFilePage(request, reply, caseId, { kind: 'error', text: result.message }, 400);
      return reply.redirect(`/geschaeftsstelle/faelle/${caseId}?schritt=ok#notizen`, 303);
    },
  );

  app.post<{ Params: { caseId: string } }>(
    '/geschaeftsstelle/faelle/:caseId/nachrichten',
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId } = request.params;
      const value = single(unflatten(request.body).message) ?? '';
      const result = await deps.messages.writeAsOffice(deps.actorOf(request), caseId, value);
      if (!result) return notFound(reply);
      if (!result.ok) {
        const error = officeMessageError(result.error);
        return caseFilePage(request, reply, caseId, { kind: 'error', text: error }, 400, { value, error });
      }
      return reply.redirect(`/geschaeftsstelle/faelle/${caseId}?schritt=ok#nachrichten`, 303);
    },
  );

  app.post<{ Params: { caseId: string } }>(
    '/geschaeftsstelle/faelle/:caseId/unterlagen',
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId } = request.params;
      const form = unflatten(request.body);
      const due = group(form.dueOn);
      const day = Number(single(due.day));
      const month = Number(single(due.month));
      const year = Number(single(due.year));
      const valid = Number.isInteger(day) && Number.isInteger(month) && Number.isInteger(year) && year > 2000;
      const dueOn = valid
        ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
        : null;
      if (!valid || !isIsoDate(dueOn ?? '')) {
        return caseFilePage(request, reply, caseId, { kind: 'error', text: stepTexts.badDate }, 400);
      }
      const result = await deps.caseFiles.requestDocuments(deps.actorOf(request), caseId, {
        text: single(form.text) ?? '',
        dueOn,
        today: deps.today(),
        defaultDays: deps.profile.deadlines.documentRequestDays,
      });
      if (!result) return notFound(reply);
      if (!result.ok)
        return caseFilePage(request, reply, caseId, { kind: 'error', text: result.message }, 400);
      return reply.redirect(`/geschaeftsstelle/faelle/${caseId}?schritt=ok#unterlagen`, 303);
    },
  );

  app.post<{ Params: { caseId: string } }>(
    '/geschaeftsstelle/faelle/:caseId/zuweisung',
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId } = request.params;
      const form = unflatten(request.body);
      const assignee = single(form.assignee) ?? '';
      // The assignee the form showed ('' for nobody); absent in an old form: no guard.
      const seen = single(form.assignedBefore);
      const done = await deps.caseFiles.assign(
        deps.actorOf(request),
        caseId,
        assignee === '' ? null : assignee,
        ...(seen === undefined ? [] : [seen === '' ? null : seen]),
      );
      if (!done) return notFound(reply);
      if (done === 'conflict')
        return caseFilePage(request, reply, caseId, { kind: 'error', text: stepTexts.changedMeanwhile }, 409);
      return reply.redirect(`/geschaeftsstelle/faelle/${caseId}?schritt=ok`, 303);
    },
  );

  app.post<{ Params: { caseId: string; command: string } }>(
    '/geschaeftsstelle/faelle/:caseId/schritte/:command',
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId, command } = request.params;
      if (!(COMMAND_TYPES as readonly string[]).includes(command)) return notFound(reply);
      const form = unflatten(request.body);
      const catalogue = deps.profile.exclusionGrounds;
      const parsed = commandFromForm(command as CommandType, form, catalogue.version, catalogue.grounds);
      if (!parsed)
        return caseFilePage(request, reply, caseId, { kind: 'error', text: stepTexts.badDate }, 400);
      const version = Number(single(form.version));
      const result = await deps.cases.applyCommand({
        caseId,
        command: parsed,
        actor: deps.actorOf(request),
        ...(Number.isInteger(version) ? { expectedVersion: version } : {}),
      });
      if (result.ok) return reply.redirect(`/geschaeftsstelle/faelle/${caseId}?schritt=ok`, 303);
      if (result.kind === 'not_found') return notFound(reply);
      const text =
        result.kind === 'conflict'
          ? stepTexts.changedMeanwhile
          : `${stepTexts.refused} ${result.error.message}`;
      return caseFilePage(
        request,
        reply,
        caseId,
        { kind: 'error', text },
        result.kind === 'conflict' ? 409 : 400,
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

  // The safe preview: pictures rendered by the server, never the document's bytes inline.
  app.get<{ Params: { caseId: string; documentId: string } }>(
    '/geschaeftsstelle/faelle/:caseId/dokumente/:documentId/vorschau',
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId, documentId } = request.params;
      const preview = await deps.evidenceFiles.casePreview(deps.actorOf(request), caseId, documentId);
      if (!preview) return notFound(reply);
      const ctx = {
        ...pageContext(request, reply),
        lang: 'de' as const,
        tail: deps.sessionTail(request, reply),
      };
      return sendPage(
        reply,
        renderPage(<PreviewPage ctx={ctx} caseId={caseId} documentId={documentId} {...preview} />),
      );
    },
  );

  app.get<{ Params: { caseId: string; documentId: string; page: string } }>(
    '/geschaeftsstelle/faelle/:caseId/dokumente/:documentId/vorschau/:page',
    { preHandler: deps.guard },
    async (request, reply) => {
      const { caseId, documentId, page } = request.params;
      if (!/^\d{1,3}$/.test(page)) return notFound(reply);
      const image = await deps.evidenceFiles.casePreviewPage(
        deps.actorOf(request),
        caseId,
        documentId,
        Number(page),
      );
      if (!image) return notFound(reply);
      return sendPreviewImage(reply, image);
    },
  );
}

function uploadRefusal(code: string): string {
  return `${stepTexts.uploadRefused} ${uploadErrorText(code) ?? ''}`.trim();
}
