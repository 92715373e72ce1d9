/**
 * The online application's routes. The draft is found through an HttpOnly cookie that holds its
 * resume secret (set by "start" or by opening the resume link); it never appears in a URL except the
 * resume link itself. Every POST saves what was typed before anything else, then validates.
 */
import { randomUUID } from 'node:crypto';
import type { DataStore } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseUseCases } from '../../../application/cases.ts';
import {
  type DraftUseCases,
  germanDate,
  type OpenDraft,
  resumeLink,
  type SaveResult,
} from '../../../application/drafts.ts';
import type { EvidenceFileUseCases } from '../../../application/evidence-files.ts';
import type { MessageUseCases } from '../../../application/messages.ts';
import type {
  AuthorityDirectory,
  AuthorityMatch,
  BlobStore,
  DocumentRequestReader,
  FiledCaseLookup,
  UploadStore,
} from '../../../application/ports.ts';
import type { SubmissionUseCase } from '../../../application/submission.ts';
import {
  type Draft,
  type DraftSection,
  draftChecklist,
  type PersonDraft,
  parsePostalCode,
  readyToSubmit,
  taskListStatus,
  type ValidationContext,
  validateDraftSection,
  validateReasonAnswers,
  validateReasonTexts,
} from '../../../domain/application/index.ts';
import { applicantStage, isCaseState, isTerminal } from '../../../domain/case/index.ts';
import { contentDispositionAttachment } from '../../../domain/evidence/file-name.ts';
import type { ExclusionGround } from '../../../domain/rules/profile.ts';
import { isLang, translator } from '../../i18n.ts';
import { pageContext, sendPage } from '../../pages.tsx';
import { sendPreviewImage } from '../../security.ts';
import type { FieldError } from '../../views/form.tsx';
import { renderPage } from '../../views/render.ts';
import { registerUploads } from '../upload/routes.ts';
import { refusalText, uploadsText } from '../upload/texts.ts';
import { registerEvidenceFileRoutes } from './evidence-files.tsx';
import { single, unflatten } from './form-body.ts';
import { errorsWithin, type WizardContext } from './frame.tsx';
import { CheckPage, ConfirmationPage, WithdrawPage } from './pages/check.tsx';
import {
  EvidenceItemPage,
  EvidenceNotReadyPage,
  EvidencePage,
  LaterEvidencePage,
  statusesFromForm,
  type UploadResultLine,
} from './pages/evidence.tsx';
import {
  MESSAGE_FIELD,
  MessagesSection,
  type ThreadForm,
  threadText,
  UnreadBanner,
} from './pages/messages.tsx';
import { type NationalityOption, PersonPage, PersonsListPage, personFromForm } from './pages/persons.tsx';
import {
  QuestionsPage,
  questionErrors,
  questionsFromForm,
  ReasonsOverviewPage,
  TextsPage,
  textErrors,
  textsFromForm,
} from './pages/reasons.tsx';
import { RepresentativePage, representativeFromForm } from './pages/representative.tsx';
import { NoDraftPage, SelfCheckPage, StartPage } from './pages/start.tsx';
import { TasksPage } from './pages/tasks.tsx';
import { wizardText } from './texts.ts';

export const DRAFT_COOKIE = 'hfk_antrag';
const MAX_SAVE_ATTEMPTS = 3;

export interface ApplicationPagesDeps {
  drafts: DraftUseCases;
  submission: SubmissionUseCase;
  authorities: AuthorityDirectory;
  filedCases: FiledCaseLookup;
  blobs: BlobStore;
  nationalities: readonly NationalityOption[];
  validation: () => ValidationContext;
  exclusionGrounds: readonly ExclusionGround[];
  publicUrl: string;
  uploadAction: string;
  maxUploadMb: number;
  /** A form to sign for an item of the draft's checklist, pre-filled; null if there is none. */
  signedForm(draft: Draft, itemId: string): Promise<{ fileName: string; pdf: Buffer } | null>;
  cases: CaseUseCases;
  /** The office's requests for documents, shown on the status page. */
  documentRequests: DocumentRequestReader;
  /** The message thread with the office, on the status page. */
  messages: MessageUseCases;
  /** The resumable upload store (tus and the form fallback) the evidence pages post to. */
  uploads: UploadStore<DataStore>;
  /** Photos combined into one PDF, thumbnails. */
  evidenceFiles: EvidenceFileUseCases;
  maxApplicationMb?: number;
}

/** Files one form post (without JavaScript) may carry. */
export const MAX_FILES_PER_POST = 10;

export function wizardContext(request: FastifyRequest, reply: FastifyReply): WizardContext {
  const ctx = pageContext(request, reply);
  return { ...ctx, w: wizardText(ctx.lang) };
}

/** A session cookie: closing the browser (on a shared computer, too) ends access; the link brings it back. */
export function setDraftCookieOn(reply: FastifyReply, token: string, secure: boolean) {
  return reply.setCookie(DRAFT_COOKIE, token, { path: '/antrag', httpOnly: true, sameSite: 'lax', secure });
}

/** The resume secret from the cookie, if any. */
export function draftToken(request: FastifyRequest): string | undefined {
  return request.cookies?.[DRAFT_COOKIE];
}

export async function registerApplicationPages(app: FastifyInstance, deps: ApplicationPagesDeps) {
  const { drafts } = deps;
  const secure = deps.publicUrl.startsWith('https://');
  const nationalityLabel = (code: string) => deps.nationalities.find((n) => n.code === code)?.label ?? code;
  const page = (reply: FastifyReply, node: preact.JSX.Element, status = 200) =>
    sendPage(reply, renderPage(node), status);
  const setDraftCookie = (reply: FastifyReply, token: string) => setDraftCookieOn(reply, token, secure);

  /** The open draft of this browser, or the page that explains why there is none. */
  async function withDraft(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { allowSubmitted?: boolean } = {},
  ): Promise<{ token: string; current: OpenDraft; ctx: WizardContext } | null> {
    const ctx = wizardContext(request, reply);
    const token = draftToken(request);
    const opened = token ? await drafts.openByToken(token) : ({ kind: 'none' } as const);
    if (opened.kind !== 'open' || !token) {
      const kind = opened.kind === 'open' ? 'none' : opened.kind;
      await page(reply, <NoDraftPage ctx={ctx} kind={kind} />, kind === 'expired' ? 410 : 404);
      return null;
    }
    if (opened.draft.submittedAt && !options.allowSubmitted) {
      await reply.redirect('/antrag/bestaetigung', 303);
      return null;
    }
    // The language travels with the draft: an explicit choice is stored, otherwise the draft's is used.
    let current = opened.draft;
    const asked = ((request.query ?? {}) as Record<string, unknown>).lang;
    if (isLang(asked)) {
      if (!current.submittedAt) {
        const saved = await drafts.setLanguage(token, current, asked);
        if (saved.ok) current = saved.draft;
      }
    } else if (isLang(current.draft.language) && current.draft.language !== ctx.lang) {
      return {
        token,
        current,
        ctx: {
          ...ctx,
          lang: current.draft.language,
          t: translator(current.draft.language),
          w: wizardText(current.draft.language),
        },
      };
    }
    return { token, current, ctx };
  }

  /** Saves a change computed from the latest stored draft; retried when another tab saved meanwhile. */
  async function save(
    token: string,
    current: OpenDraft,
    change: (draft: OpenDraft) => { section: DraftSection; value: unknown },
  ): Promise<SaveResult> {
    let latest = current;
    for (let attempt = 1; ; attempt++) {
      const { section, value } = change(latest);
      const result = await drafts.saveSection(token, latest, section, value);
      if (result.ok || result.kind !== 'conflict' || attempt >= MAX_SAVE_ATTEMPTS) return result;
      const reopened = await drafts.openByToken(token);
      if (reopened.kind !== 'open') return result;
      latest = reopened.draft;
    }
  }

  /** After a save of a list change: a refused save shows where things stand now (nothing is half-done). */
  function afterSave(reply: FastifyReply, result: SaveResult): boolean {
    if (result.ok) return true;
    void reply.redirect(result.kind === 'submitted' ? '/antrag/bestaetigung' : '/antrag/personen', 303);
    return false;
  }

  const continueTo = (request: FastifyRequest, next: string) =>
    single(unflatten(request.body).action) === 'later' ? '/antrag/uebersicht' : next;

  async function authorityFor(
    postalCode: string | undefined,
    place: string | undefined,
  ): Promise<AuthorityMatch | 'none' | null> {
    const code = parsePostalCode(postalCode ?? '');
    if (!code.ok) return null;
    const matches = await deps.authorities.forPostalCode(code.value);
    if (matches.length === 0) return 'none';
    const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('de-DE').trim();
    return matches.find((m) => norm(m.municipalityName) === norm(place ?? '')) ?? matches[0] ?? null;
  }

  function addressOf(draft: Draft, person: PersonDraft) {
    if (person.relation !== 'main_applicant' && person.address?.sameAsMainApplicant === 'yes') {
      return draft.persons.find((p) => p.relation === 'main_applicant')?.address;
    }
    return person.address;
  }

  // --- Start, self-check, resume ------------------------------------------------------------------

  app.get('/antrag', async (request, reply) =>
    page(reply, <StartPage ctx={wizardContext(request, reply)} />),
  );

  app.get('/antrag/selbstcheck', async (request, reply) => {
    const q = (request.query ?? {}) as Record<string, unknown>;
    const pick = (v: unknown) =>
      typeof v === 'string' && ['yes', 'no', 'unknown'].includes(v) ? v : undefined;
    const answered = ['obliged', 'nrw', 'present'].some((k) => k in q);
    const answers = answered
      ? { obliged: pick(q.obliged), nrw: pick(q.nrw), present: pick(q.present) }
      : null;
    return page(
      reply,
      <SelfCheckPage ctx={wizardContext(request, reply)} grounds={deps.exclusionGrounds} answers={answers} />,
    );
  });

  app.post('/antrag/beginnen', async (request, reply) => {
    const ctx = wizardContext(request, reply);
    // A representative who is logged in starts the draft for the account ("my applications").
    const owner = request.staff?.role === 'representative' ? request.staff.userId : undefined;
    const { token } = await drafts.start(ctx.lang, owner);
    setDraftCookie(reply, token);
    return reply.redirect('/antrag/uebersicht', 303);
  });

  app.get<{ Params: { token: string } }>('/antrag/fortsetzen/:token', async (request, reply) => {
    const ctx = wizardContext(request, reply);
    const opened = await drafts.openByToken(request.params.token);
    if (opened.kind !== 'open') {
      return page(reply, <NoDraftPage ctx={ctx} kind={opened.kind} />, opened.kind === 'expired' ? 410 : 404);
    }
    setDraftCookie(reply, request.params.token);
    return reply.redirect(opened.draft.submittedAt ? '/antrag/bestaetigung' : '/antrag/uebersicht', 303);
  });

  // --- Task list and resume link ------------------------------------------------------------------

  async function tasks(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; email?: string; mailed?: boolean } = {},
  ) {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const { ctx, token, current } = open;
    return page(
      reply,
      <TasksPage
        ctx={ctx}
        status={taskListStatus(current.draft, deps.validation())}
        resumeLink={resumeLink(deps.publicUrl, token)}
        keptUntil={germanDate(current.expiresAt)}
        email={extra.email ?? current.contactEmail ?? ''}
        errors={extra.errors ?? []}
        mailed={extra.mailed ?? false}
      />,
      extra.errors && extra.errors.length > 0 ? 400 : 200,
    );
  }

  app.get('/antrag/uebersicht', async (request, reply) => {
    const mailed = ((request.query ?? {}) as Record<string, unknown>).gesendet === '1';
    return tasks(request, reply, { mailed });
  });

  app.post('/antrag/link-senden', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const email = single(unflatten(request.body).email) ?? '';
    const sent = await drafts.sendResumeLink(open.token, open.current, email);
    if (!sent.ok) return tasks(request, reply, { errors: sent.errors, email });
    return reply.redirect('/antrag/uebersicht?gesendet=1', 303);
  });

  // --- Persons --------------------------------------------------------------------------------------

  app.get('/antrag/personen', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const { ctx, current } = open;
    const check = validateDraftSection(current.draft, 'persons', deps.validation());
    const incomplete = new Set<string>();
    if (!check.ok) {
      for (const e of check.errors) {
        const index = /^persons\.(\d+)\./.exec(e.path)?.[1];
        const person = index === undefined ? undefined : current.draft.persons[Number(index)];
        if (person) incomplete.add(person.id);
      }
    }
    return page(
      reply,
      <PersonsListPage ctx={ctx} persons={current.draft.persons} complete={(id) => !incomplete.has(id)} />,
    );
  });

  app.post('/antrag/personen/neu', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const id = randomUUID();
    const result = await save(open.token, open.current, (latest) => ({
      section: 'persons',
      value: [
        ...latest.draft.persons,
        { id, relation: latest.draft.persons.length === 0 ? 'main_applicant' : '' },
      ],
    }));
    if (!result.ok && result.kind === 'malformed') {
      // The list is full: the draft schema's limit says so.
      const check = validateDraftSection(open.current.draft, 'persons', deps.validation());
      return page(
        reply,
        <PersonsListPage
          ctx={open.ctx}
          persons={open.current.draft.persons}
          complete={() => check.ok}
          errors={result.errors.map((e) => ({ path: 'persons', message: e.message }))}
        />,
        400,
      );
    }
    if (!afterSave(reply, result)) return reply;
    return reply.redirect(`/antrag/personen/${id}`, 303);
  });

  const personRoute = '/antrag/personen/:personId';
  type PersonParams = { Params: { personId: string } };

  async function personPage(
    reply: FastifyReply,
    open: { ctx: WizardContext; current: OpenDraft },
    person: PersonDraft,
    errors: FieldError[],
    status = 200,
  ) {
    const index = open.current.draft.persons.findIndex((p) => p.id === person.id);
    const address = addressOf(open.current.draft, person);
    const authority = await authorityFor(address?.postalCode, address?.place);
    return page(
      reply,
      <PersonPage
        ctx={open.ctx}
        person={person}
        isFirst={index <= 0}
        nationalities={deps.nationalities}
        errors={errors}
        authority={authority}
      />,
      status,
    );
  }

  app.get<PersonParams>(personRoute, async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const person = open.current.draft.persons.find((p) => p.id === request.params.personId);
    if (!person) return reply.callNotFound();
    return personPage(reply, open, person, []);
  });

  app.post<PersonParams>(personRoute, async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const { personId } = request.params;
    if (!open.current.draft.persons.some((p) => p.id === personId)) return reply.callNotFound();
    const person = personFromForm(personId, unflatten(request.body));
    const result = await save(open.token, open.current, (latest) => ({
      section: 'persons',
      value: latest.draft.persons.map((p) => (p.id === personId ? person : p)),
    }));
    if (!result.ok) {
      if (result.kind === 'submitted') return reply.redirect('/antrag/bestaetigung', 303);
      return personPage(
        reply,
        open,
        person,
        result.errors.length > 0
          ? result.errors
          : [{ path: 'familyName', message: open.ctx.w('conflictText') }],
        400,
      );
    }
    const index = result.draft.draft.persons.findIndex((p) => p.id === personId);
    const mine = errorsWithin(result.errors, `persons.${index}`);
    const later = single(unflatten(request.body).action) === 'later';
    if (mine.length > 0 && !later)
      return personPage(reply, { ...open, current: result.draft }, person, mine, 400);
    return reply.redirect(later ? '/antrag/uebersicht' : '/antrag/personen', 303);
  });

  app.post<PersonParams>(`${personRoute}/entfernen`, async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const { personId } = request.params;
    // Only a person of this draft: any other id is unknown here.
    if (!open.current.draft.persons.some((p) => p.id === personId)) return reply.callNotFound();
    const result = await save(open.token, open.current, (latest) => ({
      section: 'persons',
      value: latest.draft.persons.filter((p) => p.id !== personId),
    }));
    if (!afterSave(reply, result)) return reply;
    return reply.redirect('/antrag/personen', 303);
  });

  // --- Representative ------------------------------------------------------------------------------

  app.get('/antrag/vertretung', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    return page(
      reply,
      <RepresentativePage ctx={open.ctx} representative={open.current.draft.representative} errors={[]} />,
    );
  });

  app.post('/antrag/vertretung', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const representative = representativeFromForm(unflatten(request.body));
    const result = await save(open.token, open.current, () => ({
      section: 'representative',
      value: representative,
    }));
    const later = single(unflatten(request.body).action) === 'later';
    if (!result.ok) {
      if (result.kind === 'submitted') return reply.redirect('/antrag/bestaetigung', 303);
      return page(
        reply,
        <RepresentativePage ctx={open.ctx} representative={representative} errors={result.errors} />,
        400,
      );
    }
    const errors = errorsWithin(result.errors, 'representative');
    if (errors.length > 0 && !later) {
      return page(
        reply,
        <RepresentativePage ctx={open.ctx} representative={representative} errors={errors} />,
        400,
      );
    }
    return reply.redirect('/antrag/uebersicht', 303);
  });

  // --- Reasons --------------------------------------------------------------------------------------

  app.get('/antrag/begruendung', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const { draft } = open.current;
    return page(
      reply,
      <ReasonsOverviewPage
        ctx={open.ctx}
        questionsDone={validateReasonAnswers(draft.reasons, draft.persons, deps.validation()).ok}
        textsDone={validateReasonTexts(draft.reasons).ok}
      />,
    );
  });

  app.get('/antrag/fragen', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const { draft } = open.current;
    return page(
      reply,
      <QuestionsPage
        ctx={open.ctx}
        reasons={draft.reasons}
        persons={draft.persons}
        today={deps.validation().today}
        errors={[]}
      />,
    );
  });

  app.post('/antrag/fragen', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const form = unflatten(request.body);
    const result = await save(open.token, open.current, (latest) => ({
      section: 'reasons',
      value: questionsFromForm(form, latest.draft.reasons, latest.draft.persons),
    }));
    const draft = result.ok ? result.draft.draft : open.current.draft;
    const reasons = result.ok ? draft.reasons : questionsFromForm(form, draft.reasons, draft.persons);
    const errors = result.ok ? questionErrors(errorsWithin(result.errors, 'reasons')) : result.errors;
    if (!result.ok && result.kind === 'submitted') return reply.redirect('/antrag/bestaetigung', 303);
    if (errors.length > 0 && single(form.action) !== 'later') {
      return page(
        reply,
        <QuestionsPage
          ctx={open.ctx}
          reasons={reasons}
          persons={draft.persons}
          today={deps.validation().today}
          errors={errors}
        />,
        400,
      );
    }
    return reply.redirect(continueTo(request, '/antrag/begruendung'), 303);
  });

  app.get('/antrag/begruendung/texte', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    return page(reply, <TextsPage ctx={open.ctx} reasons={open.current.draft.reasons} errors={[]} />);
  });

  app.post('/antrag/begruendung/texte', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const form = unflatten(request.body);
    const result = await save(open.token, open.current, (latest) => ({
      section: 'reasons',
      value: textsFromForm(form, latest.draft.reasons),
    }));
    if (request.headers['x-autosave'] === '1') return reply.code(result.ok ? 204 : 409).send();
    if (!result.ok && result.kind === 'submitted') return reply.redirect('/antrag/bestaetigung', 303);
    const reasons = result.ok ? result.draft.draft.reasons : textsFromForm(form, open.current.draft.reasons);
    const errors = result.ok ? textErrors(errorsWithin(result.errors, 'reasons')) : result.errors;
    if (errors.length > 0 && single(form.action) !== 'later') {
      return page(reply, <TextsPage ctx={open.ctx} reasons={reasons} errors={errors} />, 400);
    }
    return reply.redirect(continueTo(request, '/antrag/begruendung'), 303);
  });

  // --- Evidence -------------------------------------------------------------------------------------

  const evidenceReady = (draft: Draft) =>
    taskListStatus(draft, deps.validation()).evidence !== 'cannot_start_yet';

  app.get('/antrag/nachweise', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const { draft, documents } = open.current;
    if (!evidenceReady(draft)) {
      return page(reply, <EvidenceNotReadyPage ctx={open.ctx} />, 409);
    }
    const items = draftChecklist(draft, deps.validation().today);
    return page(
      reply,
      <EvidencePage
        ctx={open.ctx}
        items={items}
        statuses={draft.evidence}
        documents={documents}
        errors={[]}
      />,
    );
  });

  app.post('/antrag/nachweise', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    const form = unflatten(request.body);
    const items = draftChecklist(open.current.draft, deps.validation().today);
    const result = await save(open.token, open.current, (latest) => ({
      section: 'evidence',
      value: statusesFromForm(form, items, latest.draft.evidence),
    }));
    if (!result.ok && result.kind === 'submitted') return reply.redirect('/antrag/bestaetigung', 303);
    const current = result.ok ? result.draft : open.current;
    const errors = result.ok ? result.errors : result.errors;
    if (errors.length > 0 && single(form.action) !== 'later') {
      const statuses = result.ok
        ? current.draft.evidence
        : statusesFromForm(form, items, current.draft.evidence);
      return page(
        reply,
        <EvidencePage
          ctx={open.ctx}
          items={items}
          statuses={statuses}
          documents={current.documents}
          errors={errors}
        />,
        400,
      );
    }
    return reply.redirect(continueTo(request, '/antrag/uebersicht'), 303);
  });

  type ItemQuery = { hochgeladen?: string; fehler?: string; zusammengefasst?: string };
  const uploadLimits = () => ({
    perFile: `${deps.maxUploadMb} MB`,
    perApplication: `${deps.maxApplicationMb ?? deps.maxUploadMb} MB`,
  });
  const errorText = (ctx: WizardContext, code: string) =>
    refusalText(uploadsText(ctx.lang), code, uploadLimits()) ?? uploadErrorText(code);

  /** The upload page of one evidence item, before or after submitting; with the results of a form post. */
  async function showItem(
    request: FastifyRequest,
    reply: FastifyReply,
    later: boolean,
    itemId: string,
    query: ItemQuery,
    results: readonly UploadResultLine[] = [],
  ) {
    const open = later ? await laterContext(request, reply) : await withDraft(request, reply);
    if (!open) return reply;
    const item = draftChecklist(open.current.draft, deps.validation().today).find((i) => i.id === itemId);
    if (!item) return reply.callNotFound();
    const caseId = open.current.caseId;
    const documents =
      later && caseId
        ? (await deps.filedCases.submittedDocuments(caseId))
            .filter((d) => d.evidenceItem === item.id)
            .map((d) => ({
              ...d,
              evidenceItem: item.id,
              contentType: '',
              sha256: '',
              blobKey: '',
              flags: [],
            }))
        : open.current.documents.filter((d) => d.evidenceItem === item.id);
    const error = typeof query.fehler === 'string' ? errorText(open.ctx, query.fehler) : undefined;
    const count = Number(query.hochgeladen);
    const failed = Boolean(error) || results.some((r) => !r.ok);
    return page(
      reply,
      <EvidenceItemPage
        ctx={open.ctx}
        item={item}
        documents={documents}
        uploadAction={deps.uploadAction}
        maxMb={deps.maxUploadMb}
        maxApplicationMb={deps.maxApplicationMb ?? deps.maxUploadMb}
        later={later}
        {...(error ? { error } : {})}
        uploaded={query.hochgeladen !== undefined && Number.isInteger(count) && count > 0}
        uploadedCount={Number.isInteger(count) && count > 1 ? count : 0}
        combined={query.zusammengefasst === '1'}
        results={results}
      />,
      failed ? 400 : 200,
    );
  }

  app.get<{ Params: { item: string }; Querystring: ItemQuery }>(
    '/antrag/nachweise/:item',
    async (request, reply) => showItem(request, reply, false, request.params.item, request.query),
  );

  app.post<{ Params: { documentId: string } }>(
    '/antrag/nachweise/dateien/:documentId/entfernen',
    async (request, reply) => {
      const open = await withDraft(request, reply);
      if (!open) return reply;
      const item = single(unflatten(request.body).item) ?? '';
      const removed = await drafts.removeDocument(open.current, request.params.documentId);
      if (!removed) return reply.callNotFound();
      return reply.redirect(
        item ? `/antrag/nachweise/${encodeURIComponent(item)}` : '/antrag/nachweise',
        303,
      );
    },
  );

  app.get<{ Params: { file: string } }>('/antrag/vordrucke/:file', async (request, reply) => {
    const open = await withDraft(request, reply, { allowSubmitted: true });
    if (!open) return reply;
    const itemId = request.params.file.replace(/\.pdf$/, '');
    const form = await deps.signedForm(open.current.draft, itemId);
    if (!form) return reply.callNotFound();
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', contentDispositionAttachment(form.fileName))
      .type('application/pdf')
      .send(form.pdf);
  });

  await registerUploads(app, {
    basePath: deps.uploadAction,
    store: deps.uploads,
    maxBytes: deps.maxUploadMb * 1024 ** 2,
    maxFiles: MAX_FILES_PER_POST,
    async onFormResults(request, reply, { fields, files }) {
      const item = fields.evidenceItem ?? '';
      const later = fields.later === '1';
      const back = `/antrag/${later ? 'nachreichen' : 'nachweise'}/${encodeURIComponent(item)}`;
      if (files.length === 0) return reply.redirect(`${back}?fehler=missing`, 303);
      const refused = files.filter((f) => !f.ok || f.result.error);
      if (refused.length === 0) return reply.redirect(`${back}?hochgeladen=${files.length}`, 303);
      // One file alone: its code in the redirect says it all (the applicant knows which file it was).
      const only = files.length === 1 ? files[0] : undefined;
      if (only) {
        const code = only.ok ? (only.result.error ?? 'damaged') : only.code;
        return reply.redirect(`${back}?fehler=${encodeURIComponent(code)}`, 303);
      }
      // Names are shown on this answer only, never put into a URL.
      const ctx = wizardContext(request, reply);
      const results: UploadResultLine[] = files.map((f) => {
        const code = f.ok ? f.result.error : f.code;
        return code
          ? {
              fileName: f.fileName,
              ok: false,
              reason: errorText(ctx, code) ?? errorText(ctx, 'damaged') ?? '',
            }
          : { fileName: f.fileName, ok: true };
      });
      return showItem(request, reply, later, item, {}, results);
    },
    async authorize(request) {
      const token = draftToken(request);
      const opened = token ? await drafts.openByToken(token) : null;
      if (opened?.kind !== 'open') return null;
      if (!opened.draft.submittedAt) return opened.draft.id;
      // After submitting, evidence can still be handed in while the procedure runs.
      const filed = opened.draft.caseId ? await deps.filedCases.confirmation(opened.draft.caseId) : null;
      return filed && isCaseState(filed.state) && !isTerminal(filed.state) ? opened.draft.id : null;
    },
    async onComplete(upload) {
      const item = upload.metadata.evidenceItem ?? '';
      const later = upload.metadata.later === '1';
      const back = `/antrag/${later ? 'nachreichen' : 'nachweise'}/${encodeURIComponent(item)}`;
      const accepted = await drafts.acceptUpload({
        draftId: upload.ownerId,
        uploadId: upload.uploadId,
        blobKey: upload.blobKey,
        size: upload.size,
        sha256: upload.sha256,
        fileName: upload.fileName,
        evidenceItem: item,
      });
      if (!accepted.ok)
        return {
          documentId: '',
          redirect: `${back}?fehler=${encodeURIComponent(accepted.code)}`,
          error: accepted.code,
        };
      return { documentId: accepted.documentId, redirect: `${back}?hochgeladen=1` };
    },
  });

  registerEvidenceFileRoutes(app, {
    evidenceFiles: deps.evidenceFiles,
    today: () => deps.validation().today,
    withDraft: (request, reply) => withDraft(request, reply),
  });

  // --- Evidence handed in after submitting ----------------------------------------------------

  async function laterContext(request: FastifyRequest, reply: FastifyReply) {
    const open = await withDraft(request, reply, { allowSubmitted: true });
    if (!open) return null;
    const caseId = open.current.caseId;
    const filed = caseId ? await deps.filedCases.confirmation(caseId) : null;
    if (!caseId || !filed || !isCaseState(filed.state) || isTerminal(filed.state)) {
      await reply.redirect(open.current.submittedAt ? '/antrag/bestaetigung' : '/antrag/nachweise', 303);
      return null;
    }
    return { ...open, caseId };
  }

  app.get('/antrag/nachreichen', async (request, reply) => {
    const open = await laterContext(request, reply);
    if (!open) return reply;
    const items = draftChecklist(open.current.draft, deps.validation().today);
    const documents = await deps.filedCases.submittedDocuments(open.caseId);
    return page(
      reply,
      <LaterEvidencePage
        ctx={open.ctx}
        items={items}
        statuses={open.current.draft.evidence}
        counts={(id) => documents.filter((d) => d.evidenceItem === id).length}
      />,
    );
  });

  app.get<{ Params: { documentId: string } }>(
    '/antrag/nachreichen/dateien/:documentId/vorschau',
    async (request, reply) => {
      const open = await laterContext(request, reply);
      if (!open) return reply;
      const image = await deps.evidenceFiles.filedThumbnail(open.caseId, request.params.documentId);
      if (!image) return reply.callNotFound();
      return sendPreviewImage(reply, image);
    },
  );

  app.get<{ Params: { item: string }; Querystring: ItemQuery }>(
    '/antrag/nachreichen/:item',
    async (request, reply) => showItem(request, reply, true, request.params.item, request.query),
  );

  // --- Check answers, submit, confirmation ----------------------------------------------------------

  function checkPage(reply: FastifyReply, ctx: WizardContext, current: OpenDraft, status = 200) {
    const validation = deps.validation();
    const ready = readyToSubmit({ ...current.draft, answersConfirmed: true }, validation);
    const uploads = drafts.uploadErrors(current);
    const missing = ready.ok ? [] : [...ready.missing];
    if (uploads.length > 0)
      missing.push({ task: 'evidence', message: ctx.w('evidenceTitle'), errors: uploads });
    return page(
      reply,
      <CheckPage
        ctx={ctx}
        draft={current.draft}
        items={draftChecklist(current.draft, validation.today)}
        documents={current.documents}
        missing={missing}
        nationalityLabel={nationalityLabel}
      />,
      status,
    );
  }

  app.get('/antrag/pruefen', async (request, reply) => {
    const open = await withDraft(request, reply);
    if (!open) return reply;
    return checkPage(reply, open.ctx, open.current);
  });

  app.post('/antrag/absenden', async (request, reply) => {
    const open = await withDraft(request, reply, { allowSubmitted: true });
    if (!open) return reply;
    let current = open.current;
    if (!current.submittedAt && !current.draft.answersConfirmed) {
      // Confirming is a save like any other; losing the race to another tab's submit is fine.
      await drafts.confirmAnswers(open.token, current);
      const reopened = await drafts.openByToken(open.token);
      if (reopened.kind === 'open') current = reopened.draft;
    }
    const result = await deps.submission.submit(current);
    if (!result.ok) {
      if (result.kind === 'not_found') return reply.callNotFound();
      return checkPage(reply, open.ctx, current, 400);
    }
    return reply.redirect('/antrag/bestaetigung?eingegangen=1', 303);
  });

  /** The status page; with the message form as it came back, if it did. */
  const showStatus = async (request: FastifyRequest, reply: FastifyReply, form: ThreadForm = {}) => {
    const open = await withDraft(request, reply, { allowSubmitted: true });
    if (!open) return reply;
    const { current, ctx } = open;
    if (!current.submittedAt || !current.caseId) return reply.redirect('/antrag/uebersicht', 303);
    const filed = await deps.filedCases.confirmation(current.caseId);
    if (!filed) return reply.callNotFound();
    const thread = await deps.messages.forApplicant(current.caseId);
    return page(
      reply,
      <ConfirmationPage
        ctx={ctx}
        caseNumber={filed.caseNumber}
        stage={isCaseState(filed.state) ? applicantStage(filed.state) : 'in_review'}
        justSubmitted={((request.query ?? {}) as Record<string, unknown>).eingegangen === '1'}
        requests={(await deps.documentRequests.forCase(current.caseId)).filter((r) => !r.answeredAt)}
        receiptReady={filed.receiptBlobKey !== null}
        mailed={filed.mailed}
        persons={current.draft.persons}
        errors={form.error ? [{ path: MESSAGE_FIELD, message: form.error }] : []}
        notice={<UnreadBanner ctx={ctx} messages={thread} />}
        messages={
          <MessagesSection
            ctx={ctx}
            messages={thread}
            open={isCaseState(filed.state) && !isTerminal(filed.state)}
            form={form}
            sent={((request.query ?? {}) as Record<string, unknown>).nachricht === 'gesendet'}
          />
        }
      />,
      form.error ? 400 : 200,
    );
  };

  app.get('/antrag/bestaetigung', (request, reply) => showStatus(request, reply));

  app.post('/antrag/nachrichten', async (request, reply) => {
    const open = await withDraft(request, reply, { allowSubmitted: true });
    if (!open) return reply;
    const { current, ctx } = open;
    if (!current.submittedAt || !current.caseId) return reply.redirect('/antrag/uebersicht', 303);
    const value = single(unflatten(request.body)[MESSAGE_FIELD]) ?? '';
    const representative = current.draft.representative.kind;
    const result = await deps.messages.writeAsApplicant(
      {
        role:
          representative === 'person' || representative === 'organisation' ? 'representative' : 'applicant',
        id: `draft:${current.id}`,
      },
      current.caseId,
      value,
    );
    if (!result) return reply.callNotFound();
    if (!result.ok) {
      return showStatus(request, reply, { value, error: threadText(ctx.lang)(`error_${result.error}`) });
    }
    return reply.redirect(`/antrag/bestaetigung?lang=${ctx.lang}&nachricht=gesendet#nachrichten`, 303);
  });

  // The language switch of a refused form links here: back to the thread on the status page.
  app.get('/antrag/nachrichten', async (request, reply) => {
    const asked = ((request.query ?? {}) as Record<string, unknown>).lang;
    return reply.redirect(`/antrag/bestaetigung${isLang(asked) ? `?lang=${asked}` : ''}#nachrichten`, 303);
  });

  async function withdrawable(request: FastifyRequest, reply: FastifyReply) {
    const open = await withDraft(request, reply, { allowSubmitted: true });
    if (!open) return null;
    const caseId = open.current.caseId;
    const filed = caseId ? await deps.filedCases.confirmation(caseId) : null;
    if (!caseId || !filed || !isCaseState(filed.state) || isTerminal(filed.state)) {
      await reply.redirect('/antrag/bestaetigung', 303);
      return null;
    }
    return { ...open, caseId, filed };
  }

  app.get('/antrag/zuruecknehmen', async (request, reply) => {
    const open = await withdrawable(request, reply);
    if (!open) return reply;
    return page(
      reply,
      <WithdrawPage ctx={open.ctx} caseNumber={open.filed.caseNumber} version={open.filed.version} />,
    );
  });

  app.post('/antrag/zuruecknehmen', async (request, reply) => {
    const open = await withdrawable(request, reply);
    if (!open) return reply;
    const form = unflatten(request.body);
    const version = Number(single(form.version));
    const note = (single(form.note) ?? '').slice(0, 2000);
    const representative = open.current.draft.representative.kind;
    await deps.cases.applyCommand({
      caseId: open.caseId,
      command: { type: 'withdraw', ...(note.trim() ? { note } : {}) },
      actor: {
        role:
          representative === 'person' || representative === 'organisation' ? 'representative' : 'applicant',
        id: `draft:${open.current.id}`,
      },
      ...(Number.isInteger(version) ? { expectedVersion: version } : {}),
    });
    // Refused or changed meanwhile: the status page shows where the case stands now.
    return reply.redirect('/antrag/bestaetigung', 303);
  });

  app.get('/antrag/eingangsbestaetigung.pdf', async (request, reply) => {
    const open = await withDraft(request, reply, { allowSubmitted: true });
    if (!open) return reply;
    const caseId = open.current.caseId;
    const filed = caseId ? await deps.filedCases.confirmation(caseId) : null;
    if (!filed?.receiptBlobKey) return reply.callNotFound();
    const stream = await deps.blobs.get(filed.receiptBlobKey);
    return reply
      .header('cache-control', 'no-store')
      .header(
        'content-disposition',
        contentDispositionAttachment(`Eingangsbestaetigung-${filed.caseNumber}.pdf`),
      )
      .type('application/pdf')
      .send(stream);
  });
}

/** German text for an upload refusal code carried in the redirect (codes only, never names). */
const UPLOAD_ERRORS: Record<string, string> = {
  too_large: 'Die Datei ist zu groß.',
  empty: 'Die Datei ist leer.',
  type_not_allowed:
    'Diese Art von Datei wird nicht angenommen. Bitte laden Sie ein PDF oder ein Foto (JPEG, PNG, HEIC) hoch.',
  archive:
    'Archive (zum Beispiel ZIP) und Office-Dateien werden nicht angenommen. Bitte laden Sie ein PDF hoch.',
  executable: 'Programme werden nicht angenommen. Bitte laden Sie ein PDF oder ein Foto hoch.',
  damaged: 'Die Datei ist beschädigt und kann nicht gelesen werden.',
  encrypted_pdf: 'Das PDF ist mit einem Kennwort geschützt. Bitte laden Sie eine ungeschützte Fassung hoch.',
  too_many_pixels: 'Das Bild ist zu groß (zu viele Bildpunkte). Bitte verkleinern Sie es.',
  missing: 'Bitte wählen Sie eine Datei aus.',
  infected: 'Die Datei enthält Schadsoftware und wurde nicht angenommen.',
  scan_unavailable:
    'Die Datei konnte gerade nicht auf Schadsoftware geprüft werden und wurde deshalb nicht angenommen. Bitte laden Sie sie in einigen Minuten noch einmal hoch.',
  scan_pending:
    'Die Datei ist angekommen, konnte aber gerade nicht auf Schadsoftware geprüft werden. Sie wird von selbst geprüft, sobald das wieder möglich ist, und erscheint dann hier. Sie müssen sie nicht noch einmal hochladen.',
  storage_unavailable:
    'Die Datei konnte gerade nicht gespeichert werden. Bitte versuchen Sie es in einigen Minuten noch einmal. Ihre übrigen Angaben und Dateien bleiben gespeichert.',
};

export function uploadErrorText(code: string): string | undefined {
  return Object.hasOwn(UPLOAD_ERRORS, code) ? UPLOAD_ERRORS[code] : undefined;
}
