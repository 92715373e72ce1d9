/**
 * The staff session over HTTP: the `hfk_sitzung` cookie (HttpOnly, SameSite=Strict, Secure under https)
 * holds a random session id; every request with it is checked and touched through the use cases, and
 * `request.staff` says who is logged in. `requireStaff(roles)` guards routes; on unsafe methods it also
 * checks the synchronizer CSRF token (@fastify/csrf-protection, with the per-session secret from
 * `login_sessions.data`), the second layer after the Origin check of ADR 004.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';
import Tokens from '@fastify/csrf';
import csrfProtection from '@fastify/csrf-protection';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  preHandlerAsyncHookHandler,
  preHandlerHookHandler,
} from 'fastify';
import { h, type JSX } from 'preact';
import type { StaffRole } from '../../application/ports.ts';
import type { OpenSession, StaffAuthUseCases } from '../../application/staff-auth.ts';

export const STAFF_COOKIE = 'hfk_sitzung';
export const LOGIN_PATH = '/anmelden';
/** Where a login without `weiter` goes. */
export const STAFF_HOME = '/geschaeftsstelle';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Who is logged in (a full session, after password and code). */
export interface StaffPrincipal {
  userId: string;
  role: StaffRole;
  name: string;
  organisationId: string | null;
  /** `login_sessions.id`, the SHA-256 of the cookie value; never the cookie value. Not for logs. */
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in staff member, or null. Set before `preHandler` (in `preValidation`). */
    staff: StaffPrincipal | null;
    /**
     * The CSRF secret of the login session, in the shape @fastify/csrf-protection reads in its
     * `@fastify/session` mode. Null without a login session. Do not register @fastify/session beside it.
     */
    session: { _csrf?: string } | null;
  }
}

export interface StaffAuthDeps {
  auth: StaffAuthUseCases;
  /** The public address: `Secure` cookies when it is https. */
  publicUrl: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Requests that never need the session (and should not cost a database round trip); the API takes tokens only. */
const WITHOUT_SESSION = ['/assets/', '/health/', '/metrics', '/api/'];

const openSessions = new WeakMap<FastifyRequest, OpenSession>();
const endedSessions = new WeakSet<FastifyRequest>();

/** The login session of this request at any stage (code, password change, active), or null. */
export function loginSessionOf(request: FastifyRequest): OpenSession | null {
  return openSessions.get(request) ?? null;
}

/** true if the browser sent a session cookie that is no longer valid (expired, logged out elsewhere). */
export function sessionEnded(request: FastifyRequest): boolean {
  return endedSessions.has(request);
}

export function staffCookieOptions(publicUrl: string): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: publicUrl.startsWith('https://') };
}

/**
 * A `weiter` target that is safe to redirect to: a path on this site (`/…`, not `//…` or `/\…`), no
 * control characters, not the login pages themselves. Anything else gives null.
 */
export function safeNext(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  const base = 'http://same-site.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  if (
    url.pathname === LOGIN_PATH ||
    url.pathname.startsWith(`${LOGIN_PATH}/`) ||
    url.pathname === '/abmelden'
  )
    return null;
  return `${url.pathname}${url.search}`;
}

/** The login page, with where to go afterwards. */
export function loginUrl(next: string | null, notice?: 'abgelaufen' | 'abgemeldet' | 'neu'): string {
  const query = new URLSearchParams();
  if (notice) query.set(notice, '1');
  if (next) query.set('weiter', next);
  const qs = query.toString();
  return qs ? `${LOGIN_PATH}?${qs}` : LOGIN_PATH;
}

function tokenFromRequest(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  if (typeof fromBody === 'string') return fromBody;
  const header = request.headers[CSRF_HEADER];
  return typeof header === 'string' ? header : undefined;
}

/**
 * Reads and checks the session cookie on every request (except assets and health), touches the
 * session and sets `request.staff`. Also registers @fastify/csrf-protection. Call once on the root
 * instance, before the routes that use `requireStaff`.
 */
export async function registerStaffAuth(app: FastifyInstance, deps: StaffAuthDeps): Promise<void> {
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/session',
    sessionKey: CSRF_FIELD,
    getToken: tokenFromRequest,
    logLevel: 'info',
  });
  app.decorateRequest('staff', null);
  app.decorateRequest('session', null);
  const cookie = staffCookieOptions(deps.publicUrl);

  app.addHook('preValidation', async (request, reply) => {
    if (WITHOUT_SESSION.some((prefix) => request.url.startsWith(prefix))) return;
    const token = request.cookies?.[STAFF_COOKIE];
    if (token === undefined) return;
    const open = await deps.auth.authenticate(token);
    if (!open) {
      endedSessions.add(request);
      reply.clearCookie(STAFF_COOKIE, cookie);
      return;
    }
    openSessions.set(request, open);
    request.session = { _csrf: open.csrfSecret };
    if (open.stage === 'active') {
      request.staff = {
        userId: open.userId,
        role: open.role,
        name: open.name,
        organisationId: open.organisationId,
        sessionId: open.sessionId,
      };
    }
  });
}

/**
 * Checks the CSRF token of an unsafe request that has a login session (403 if it is missing or wrong);
 * safe methods and requests without a session pass (the route decides what to do with those).
 */
export function verifyCsrf(
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  if (SAFE_METHODS.has(request.method) || !request.session) {
    done();
    return;
  }
  request.server.csrfProtection(request, reply, done);
}

// The same token scheme @fastify/csrf-protection uses with its default options.
const csrfTokens = Tokens();

/**
 * True if `token` is this login session's CSRF token. For the requests whose body the CSRF hook cannot
 * read before the route runs: multipart form posts (the token is the field before the file) and tus
 * (the `x-csrf-token` header).
 */
export function csrfTokenMatches(request: FastifyRequest, token: string | undefined): boolean {
  const secret = request.session?._csrf;
  return typeof secret === 'string' && typeof token === 'string' && csrfTokens.verify(secret, token);
}

/** The CSRF token a request carries in its header, if any. */
export function csrfHeaderOf(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  return typeof header === 'string' ? header : undefined;
}

/**
 * The route guard (`preHandler`) for staff pages. Not logged in: 303 to the login page (with `weiter`
 * for a GET), or on to the step of the login that is still open. Logged in with another role: the
 * normal 404 page, so "not yours" looks like "does not exist". Unsafe methods need the CSRF token.
 */
export function requireStaff(roles: readonly StaffRole[]): preHandlerHookHandler[] {
  const allowed = new Set<string>(roles);
  const gate: preHandlerAsyncHookHandler = async (request, reply) => {
    const staff = request.staff;
    if (!staff) {
      const pending = loginSessionOf(request);
      if (pending?.stage === 'code') return reply.redirect(`${LOGIN_PATH}/code`, 303);
      if (pending?.stage === 'password_change') return reply.redirect(`${LOGIN_PATH}/passwort`, 303);
      const next = SAFE_METHODS.has(request.method) ? safeNext(request.url) : null;
      return reply.redirect(loginUrl(next, sessionEnded(request) ? 'abgelaufen' : undefined), 303);
    }
    if (!allowed.has(staff.role)) {
      reply.callNotFound();
      return reply;
    }
  };
  return [gate as preHandlerHookHandler, verifyCsrf];
}

/** A CSRF token for a form of this login session (needs one: call it on logged-in pages only). */
export function csrfToken(reply: FastifyReply): string {
  if (!reply.request.session?._csrf) throw new Error('CSRF-Token ohne Anmeldesitzung angefordert');
  return reply.generateCsrf();
}

/** `<input type="hidden" name="_csrf" value="…">` for a form of this login session. */
export function csrfField(reply: FastifyReply): JSX.Element {
  return h('input', { type: 'hidden', name: CSRF_FIELD, value: csrfToken(reply) });
}

/**
 * What the layout puts on `<body>` for the time-out warning of `/assets/session-timeout.js`, or null
 * when nobody is logged in: `data-session-expires` (idle or absolute end, whichever is first),
 * `data-session-ends` (the absolute end) and `data-session-now` (server time, for clock skew).
 */
export function sessionTimeoutAttributes(request: FastifyRequest): Record<string, string> | null {
  const open = loginSessionOf(request);
  if (open?.stage !== 'active') return null;
  return {
    'data-session-expires': open.expiresAt.toISOString(),
    'data-session-ends': open.endsAt.toISOString(),
    'data-session-now': open.checkedAt.toISOString(),
  };
}
