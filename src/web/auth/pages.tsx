/**
 * The login pages of staff and representatives: e-mail and password (`/anmelden`), the TOTP code (`/anmelden/code`), the
 * forced new password on the first login (`/anmelden/passwort`), logout (`/abmelden`) and extending the
 * session (`/sitzung/verlaengern`, also used by the time-out warning script). Every step
 * sets a new session cookie; the password never comes back into a page, the typed e-mail address does.
 * The login steps follow the visitor's language (representatives log in here too); the time-out warning
 * is in the representative's language and German for staff, whose pages are German only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffAr } from '../../../content/messages/staff/ar.ts';
import { type StaffCatalog, type StaffKey, staffDe } from '../../../content/messages/staff/de.ts';
import { staffEn } from '../../../content/messages/staff/en.ts';
import type { PasswordProblem, StaffAuthUseCases } from '../../application/staff-auth.ts';
import { STAFF_ROLES } from '../../application/staff-auth.ts';
import { type Lang, pickLang, translator } from '../i18n.ts';
import { pageContext, pagePath, sendPage } from '../pages.tsx';
import {
  Button,
  ErrorMessage,
  ErrorSummary,
  type FieldError,
  Hint,
  NotificationBanner,
  TextInput,
} from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';
import { renderPage } from '../views/render.ts';
import {
  CSRF_FIELD,
  csrfField,
  csrfToken,
  LOGIN_PATH,
  loginSessionOf,
  loginUrl,
  requireStaff,
  STAFF_COOKIE,
  STAFF_HOME,
  safeNext,
  sessionEnded,
  sessionTimeoutAttributes,
  staffCookieOptions,
  verifyCsrf,
} from './session.ts';

export interface LoginPagesDeps {
  auth: StaffAuthUseCases;
  publicUrl: string;
  /** Per IP and route and minute: posts to the login steps (default 10) and views of the login page (default 30). */
  rateLimit?: { attemptsPerMinute?: number; pagesPerMinute?: number };
}

type StaffText = (key: StaffKey, vars?: Record<string, string>) => string;

const STAFF_CATALOGS: Record<Lang, StaffCatalog> = { de: staffDe, en: staffEn, ar: staffAr };

/** The login texts of one language, with `{name}` placeholders filled. */
export function staffTextIn(lang: Lang): StaffText {
  const catalog = STAFF_CATALOGS[lang];
  return (key, vars) => {
    const text = catalog[key];
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m) : text;
  };
}

/** The German login texts (staff pages). */
export const staffText: StaffText = staffTextIn('de');

interface StaffContext extends PageContext {
  s: StaffText;
}

/** Staff pages are German only, whatever language the browser chose for the public pages. */
function germanContext(request: FastifyRequest): StaffContext {
  return { lang: 'de', t: translator('de'), path: pagePath(request), s: staffText };
}

/** The language of the request (`?lang=`, else the cookie), as on the applicant pages. */
function staffContext(request: FastifyRequest, reply: FastifyReply): StaffContext {
  const ctx = pageContext(request, reply);
  return { ...ctx, s: staffTextIn(ctx.lang) };
}

/** Berlin wall-clock time, e.g. "14:32". */
function clockTime(at: Date): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

function StaffPage({
  ctx,
  title,
  errors = [],
  children,
}: {
  ctx: StaffContext;
  title: string;
  errors?: readonly FieldError[];
  children: preact.ComponentChildren;
}) {
  const { s } = ctx;
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${s('errorPrefix')} ${title}` : title}>
      <ErrorSummary
        title={s('errorSummaryTitle')}
        errors={errors.map((e) => ({ field: e.path, message: e.message }))}
      />
      {children}
    </Layout>
  );
}

/** A password field in the markup of TextInput; it never shows a value. */
export function PasswordInput({
  id,
  label,
  hint,
  error,
  errorPrefix,
  autocomplete,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  errorPrefix: string;
  autocomplete: 'current-password' | 'new-password';
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''} app-field`}>
      <label class="kern-label" for={id}>
        {label}
      </label>
      {hintId ? <Hint id={hintId}>{hint}</Hint> : null}
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={id}
        name={id}
        type="password"
        autocomplete={autocomplete}
        spellcheck={false}
        aria-describedby={describedBy}
        aria-invalid={error ? 'true' : undefined}
      />
      {errorId ? (
        <ErrorMessage id={errorId} prefix={errorPrefix}>
          {error}
        </ErrorMessage>
      ) : null}
    </div>
  );
}

const message = (errors: readonly FieldError[], path: string) => errors.find((e) => e.path === path)?.message;

type Notice = 'abgemeldet' | 'abgelaufen' | 'neu';
const NOTICES: Record<Notice, { title: StaffKey; text: StaffKey; kind: 'success' | 'info' }> = {
  abgemeldet: { title: 'loginLoggedOutTitle', text: 'loginLoggedOutText', kind: 'success' },
  abgelaufen: { title: 'loginExpiredTitle', text: 'loginExpiredText', kind: 'info' },
  neu: { title: 'loginRestartTitle', text: 'loginRestartText', kind: 'info' },
};

function LoginPage({
  ctx,
  email,
  next,
  errors,
  notice,
}: {
  ctx: StaffContext;
  email: string;
  next: string | null;
  errors: readonly FieldError[];
  notice: Notice | null;
}) {
  const { s } = ctx;
  const shown = notice ? NOTICES[notice] : null;
  return (
    <StaffPage ctx={ctx} title={s('loginTitle')} errors={errors}>
      {shown && errors.length === 0 ? (
        <NotificationBanner title={s(shown.title)} kind={shown.kind}>
          <p class="kern-body">{s(shown.text)}</p>
        </NotificationBanner>
      ) : null}
      <h1 class="kern-heading-x-large">{s('loginTitle')}</h1>
      <p class="kern-body">{s('loginLead')}</p>
      <form method="post" action={LOGIN_PATH} novalidate>
        {next ? <input type="hidden" name="weiter" value={next} /> : null}
        <TextInput
          id="email"
          name="email"
          type="email"
          label={s('loginEmail')}
          value={email}
          autocomplete="username"
          spellcheck={false}
          error={message(errors, 'email')}
          errorPrefix={s('errorPrefix')}
        />
        <PasswordInput
          id="password"
          label={s('loginPassword')}
          autocomplete="current-password"
          error={message(errors, 'password')}
          errorPrefix={s('errorPrefix')}
        />
        <Button>{s('loginButton')}</Button>
      </form>
      <p class="kern-body">
        <a class="kern-link" href="/konto/passwort-vergessen">
          {s('loginForgotLink')}
        </a>{' '}
        {s('loginForgotStaff')}
      </p>
      <p class="kern-body">
        {s('loginApplicantHint')}{' '}
        <a class="kern-link" href="/antrag">
          {s('loginApplicantLink')}
        </a>
      </p>
    </StaffPage>
  );
}

/** "Abbrechen" on the code and password steps: ends the half-finished login. */
function CancelForm({ ctx, csrf }: { ctx: StaffContext; csrf: string }) {
  return (
    <form method="post" action="/abmelden">
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <Button variant="secondary">{ctx.s('cancel')}</Button>
    </form>
  );
}

function CodePage({ ctx, csrf, errors }: { ctx: StaffContext; csrf: string; errors: readonly FieldError[] }) {
  const { s } = ctx;
  return (
    <StaffPage ctx={ctx} title={s('codeTitle')} errors={errors}>
      <h1 class="kern-heading-x-large">{s('codeTitle')}</h1>
      <p class="kern-body">{s('codeLead')}</p>
      <form method="post" action={`${LOGIN_PATH}/code`} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <TextInput
          id="code"
          name="code"
          label={s('codeLabel')}
          hint={s('codeHint')}
          autocomplete="one-time-code"
          inputMode="numeric"
          width="5"
          spellcheck={false}
          error={message(errors, 'code')}
          errorPrefix={s('errorPrefix')}
        />
        <Button>{s('codeButton')}</Button>
      </form>
      <CancelForm ctx={ctx} csrf={csrf} />
    </StaffPage>
  );
}

function PasswordPage({
  ctx,
  csrf,
  errors,
}: {
  ctx: StaffContext;
  csrf: string;
  errors: readonly FieldError[];
}) {
  const { s } = ctx;
  return (
    <StaffPage ctx={ctx} title={s('passwordTitle')} errors={errors}>
      <h1 class="kern-heading-x-large">{s('passwordTitle')}</h1>
      <p class="kern-body">{s('passwordLead')}</p>
      <form method="post" action={`${LOGIN_PATH}/passwort`} novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <PasswordInput
          id="password"
          label={s('passwordNew')}
          hint={s('passwordNewHint')}
          autocomplete="new-password"
          error={message(errors, 'password')}
          errorPrefix={s('errorPrefix')}
        />
        <PasswordInput
          id="confirmation"
          label={s('passwordRepeat')}
          autocomplete="new-password"
          error={message(errors, 'confirmation')}
          errorPrefix={s('errorPrefix')}
        />
        <Button>{s('passwordButton')}</Button>
      </form>
      <CancelForm ctx={ctx} csrf={csrf} />
    </StaffPage>
  );
}

const DIALOG_ID = 'hfk-session-timeout';

/**
 * The time-out warning for logged-in pages: a closed `<dialog>` (invisible without JavaScript) that
 * `/assets/session-timeout.js` opens two minutes before the session ends, with "Angemeldet bleiben"
 * (POST /sitzung/verlaengern) and "Abmelden". Carries the session's times itself, so the layout needs
 * no body attributes; `data-session-expires` on `<body>` takes precedence if present.
 */
export function SessionTimeoutDialog({
  csrf,
  next,
  times,
  lang = 'de',
}: {
  csrf: string;
  /** The current page, to come back to after "Erneut anmelden". */
  next: string | null;
  /** `sessionTimeoutAttributes(request)`. */
  times: Record<string, string>;
  lang?: Lang;
}) {
  const s = staffTextIn(lang);
  return (
    <>
      <dialog
        id={DIALOG_ID}
        class="kern-dialog app-session-timeout"
        aria-labelledby={`${DIALOG_ID}-title`}
        aria-describedby={`${DIALOG_ID}-text`}
        data-warn-seconds="120"
        {...times}
      >
        <header class="kern-dialog__header">
          <h2 class="kern-title" id={`${DIALOG_ID}-title`} data-expired-text={s('timeoutExpiredTitle')}>
            {s('timeoutTitle')}
          </h2>
        </header>
        <section class="kern-dialog__body">
          <p
            class="kern-body"
            id={`${DIALOG_ID}-text`}
            data-final-text={s('timeoutFinalText')}
            data-expired-text={s('timeoutExpiredText')}
          >
            {s('timeoutText')}
          </p>
        </section>
        <footer class="kern-dialog__footer">
          <div data-session-part="extend">
            <form method="post" action="/sitzung/verlaengern">
              <input type="hidden" name={CSRF_FIELD} value={csrf} />
              {next ? <input type="hidden" name="weiter" value={next} /> : null}
              <Button>{s('extendButton')}</Button>
            </form>
          </div>
          <div data-session-part="logout">
            <form method="post" action="/abmelden">
              <input type="hidden" name={CSRF_FIELD} value={csrf} />
              <Button variant="secondary">{s('logoutButton')}</Button>
            </form>
          </div>
          <div data-session-part="login" hidden>
            <Button href={loginUrl(next)}>{s('timeoutLogin')}</Button>
          </div>
        </footer>
      </dialog>
      <p class="kern-sr-only" role="status" id={`${DIALOG_ID}-status`} data-extended-text={s('extendDone')} />
      <script src="/assets/session-timeout.js" defer />
    </>
  );
}

/**
 * The warning for the current request, or null when nobody is logged in: what a logged-in page (or the
 * layout) renders at the end of `<body>`.
 */
export function sessionTimeoutFor(request: FastifyRequest, reply: FastifyReply) {
  const times = sessionTimeoutAttributes(request);
  if (!times) return null;
  const query = (request.query ?? {}) as Record<string, unknown>;
  const lang = request.staff?.role === 'representative' ? pickLang(query.lang, request.cookies?.lang) : 'de';
  return (
    <SessionTimeoutDialog csrf={csrfToken(reply)} next={safeNext(request.url)} times={times} lang={lang} />
  );
}

function ExtendPage({
  ctx,
  request,
  reply,
  extended,
}: {
  ctx: StaffContext;
  request: FastifyRequest;
  reply: FastifyReply;
  extended: boolean;
}) {
  const { s } = ctx;
  const open = loginSessionOf(request);
  return (
    <StaffPage ctx={ctx} title={s('extendTitle')}>
      {extended ? (
        <NotificationBanner title={s('extendDone')} kind="success">
          <p class="kern-body">{s('extendActiveUntil', { time: open ? clockTime(open.expiresAt) : '' })}</p>
        </NotificationBanner>
      ) : null}
      <h1 class="kern-heading-x-large">{s('extendTitle')}</h1>
      <p class="kern-body">{s('extendLead')}</p>
      <p class="kern-body">{s('extendActiveUntil', { time: open ? clockTime(open.expiresAt) : '' })}</p>
      <form method="post" action="/sitzung/verlaengern">
        {csrfField(reply)}
        <Button>{s('extendButton')}</Button>
      </form>
      <form method="post" action="/abmelden">
        {csrfField(reply)}
        <Button variant="secondary">{s('logoutButton')}</Button>
      </form>
      {sessionTimeoutFor(request, reply)}
    </StaffPage>
  );
}

const PASSWORD_TEXTS: Record<PasswordProblem, StaffKey> = {
  missing: 'passwordMissing',
  too_short: 'passwordTooShort',
  too_long: 'passwordTooLong',
  is_email: 'passwordIsEmail',
  same_as_old: 'passwordSameAsOld',
  confirmation_missing: 'passwordConfirmationMissing',
  confirmation_mismatch: 'passwordConfirmationMismatch',
};

function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

/** The login pages. Needs `registerStaffAuth` on the same instance first. */
export async function registerLoginPages(app: FastifyInstance, deps: LoginPagesDeps): Promise<void> {
  const { auth } = deps;
  const cookie = staffCookieOptions(deps.publicUrl);
  const attempts = {
    rateLimit: { max: deps.rateLimit?.attemptsPerMinute ?? 10, timeWindow: '1 minute' },
  };
  const views = { rateLimit: { max: deps.rateLimit?.pagesPerMinute ?? 30, timeWindow: '1 minute' } };
  const page = (reply: FastifyReply, node: preact.JSX.Element, status = 200) =>
    sendPage(reply, renderPage(node), status);
  const startSession = (reply: FastifyReply, token: string) => reply.setCookie(STAFF_COOKIE, token, cookie);
  const endSession = (reply: FastifyReply) => reply.clearCookie(STAFF_COOKIE, cookie);
  const pending = (request: FastifyRequest, stage: 'code' | 'password_change') => {
    const open = loginSessionOf(request);
    return open?.stage === stage ? open : null;
  };
  /** Where a request for a step that is not (or no longer) open goes. */
  const elsewhere = (request: FastifyRequest, reply: FastifyReply) => {
    const open = loginSessionOf(request);
    if (open?.stage === 'active') return reply.redirect(STAFF_HOME, 303);
    if (open?.stage === 'code') return reply.redirect(`${LOGIN_PATH}/code`, 303);
    if (open?.stage === 'password_change') return reply.redirect(`${LOGIN_PATH}/passwort`, 303);
    return reply.redirect(loginUrl(null, sessionEnded(request) ? 'abgelaufen' : 'neu'), 303);
  };

  app.get(LOGIN_PATH, { config: views }, async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const next = safeNext(query.weiter);
    if (request.staff) return reply.redirect(next ?? STAFF_HOME, 303);
    const notice = (['abgemeldet', 'abgelaufen', 'neu'] as const).find((n) => query[n] === '1') ?? null;
    return page(
      reply,
      <LoginPage ctx={staffContext(request, reply)} email="" next={next} errors={[]} notice={notice} />,
    );
  });

  app.post(LOGIN_PATH, { config: attempts }, async (request, reply) => {
    const ctx = staffContext(request, reply);
    const { s } = ctx;
    const email = field(request.body, 'email').trim();
    const password = field(request.body, 'password');
    const next = safeNext(field(request.body, 'weiter'));
    const errors: FieldError[] = [];
    if (email === '') errors.push({ path: 'email', message: s('loginEmailMissing') });
    if (password === '') errors.push({ path: 'password', message: s('loginPasswordMissing') });
    if (errors.length === 0) {
      const result = await auth.passwordStep({
        email,
        password,
        next,
        replacing: request.cookies?.[STAFF_COOKIE],
      });
      if (result.ok) {
        startSession(reply, result.token);
        return reply.redirect(`${LOGIN_PATH}/code`, 303);
      }
      errors.push({ path: 'password', message: s('loginFailed') });
    }
    return page(reply, <LoginPage ctx={ctx} email={email} next={next} errors={errors} notice={null} />, 400);
  });

  app.get(`${LOGIN_PATH}/code`, async (request, reply) => {
    if (!pending(request, 'code')) return elsewhere(request, reply);
    return page(reply, <CodePage ctx={staffContext(request, reply)} csrf={csrfToken(reply)} errors={[]} />);
  });

  app.post(`${LOGIN_PATH}/code`, { config: attempts, preHandler: verifyCsrf }, async (request, reply) => {
    if (!pending(request, 'code')) return elsewhere(request, reply);
    const ctx = staffContext(request, reply);
    const code = field(request.body, 'code');
    const result =
      code.trim() === ''
        ? ({ ok: false, kind: 'empty' } as const)
        : await auth.codeStep(request.cookies?.[STAFF_COOKIE], code);
    if (result.ok) {
      startSession(reply, result.token);
      if (result.stage === 'password_change') return reply.redirect(`${LOGIN_PATH}/passwort`, 303);
      return reply.redirect(result.next ?? STAFF_HOME, 303);
    }
    if (result.kind === 'restart') {
      endSession(reply);
      return reply.redirect(loginUrl(null, 'neu'), 303);
    }
    const text: StaffKey =
      result.kind === 'empty' ? 'codeMissing' : result.kind === 'malformed' ? 'codeMalformed' : 'codeWrong';
    return page(
      reply,
      <CodePage ctx={ctx} csrf={csrfToken(reply)} errors={[{ path: 'code', message: ctx.s(text) }]} />,
      400,
    );
  });

  app.get(`${LOGIN_PATH}/passwort`, async (request, reply) => {
    if (!pending(request, 'password_change')) return elsewhere(request, reply);
    return page(
      reply,
      <PasswordPage ctx={staffContext(request, reply)} csrf={csrfToken(reply)} errors={[]} />,
    );
  });

  app.post(`${LOGIN_PATH}/passwort`, { config: attempts, preHandler: verifyCsrf }, async (request, reply) => {
    if (!pending(request, 'password_change')) return elsewhere(request, reply);
    const ctx = staffContext(request, reply);
    const result = await auth.changePassword(request.cookies?.[STAFF_COOKIE], {
      password: field(request.body, 'password'),
      confirmation: field(request.body, 'confirmation'),
    });
    if (result.ok) {
      startSession(reply, result.token);
      return reply.redirect(result.next ?? STAFF_HOME, 303);
    }
    if (result.kind === 'restart') {
      endSession(reply);
      return reply.redirect(loginUrl(null, 'neu'), 303);
    }
    const errors = result.problems.map((p) => ({ path: p.field, message: ctx.s(PASSWORD_TEXTS[p.problem]) }));
    return page(reply, <PasswordPage ctx={ctx} csrf={csrfToken(reply)} errors={errors} />, 400);
  });

  app.post('/abmelden', { preHandler: verifyCsrf }, async (request, reply) => {
    await auth.logout(request.cookies?.[STAFF_COOKIE]);
    endSession(reply);
    return reply.redirect(loginUrl(null, 'abgemeldet'), 303);
  });

  app.get('/sitzung/verlaengern', { preHandler: requireStaff(STAFF_ROLES) }, async (request, reply) => {
    const extended = ((request.query ?? {}) as Record<string, unknown>).verlaengert === '1';
    return page(
      reply,
      <ExtendPage
        ctx={request.staff?.role === 'representative' ? staffContext(request, reply) : germanContext(request)}
        request={request}
        reply={reply}
        extended={extended}
      />,
    );
  });

  // The session was touched on the way in (every request with the cookie is activity); this only answers.
  app.post('/sitzung/verlaengern', { preHandler: verifyCsrf }, async (request, reply) => {
    const open = loginSessionOf(request);
    if (!request.staff || !open) {
      if (wantsJson(request))
        return reply.code(401).header('cache-control', 'no-store').send({ error: 'session_ended' });
      return reply.redirect(loginUrl(null, sessionEnded(request) ? 'abgelaufen' : undefined), 303);
    }
    if (wantsJson(request)) {
      return reply.header('cache-control', 'no-store').send({
        expiresAt: open.expiresAt.toISOString(),
        endsAt: open.endsAt.toISOString(),
        now: open.checkedAt.toISOString(),
      });
    }
    const back = safeNext(field(request.body, 'weiter'));
    return reply.redirect(back ?? '/sitzung/verlaengern?verlaengert=1', 303);
  });
}
