/**
 * The HTTP application: security headers, cross-site protection, static assets, pages,
 * health, metrics and German error pages. Knows nothing of adapters; main hands in what it needs.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { MessageKey } from '../../content/messages/de.ts';
import type { AdministrationUseCases } from '../application/administration.ts';
import type { MemberViewUseCases } from '../application/member-view.ts';
import type { RepresentativeUseCases } from '../application/representatives.ts';
import type { SessionUseCases } from '../application/sessions.ts';
import type { StaffAuthUseCases } from '../application/staff-auth.ts';
import { registerCommissionPages } from './admin/commission.tsx';
import { registerAdminPages } from './admin/routes.tsx';
import { type ApiDeps, registerApi, TOKEN_AREAS } from './api/routes.ts';
import { registerTokenPages } from './api/token-pages.tsx';
import { registerLoginPages, sessionTimeoutFor } from './auth/pages.tsx';
import { csrfToken, registerStaffAuth, requireStaff } from './auth/session.ts';
import { officeAuthorityView } from './authority/office-view.tsx';
import { type AuthorityPagesDeps, registerAuthorityPages } from './authority/routes.tsx';
import { registerMemberPages } from './commission/routes.tsx';
import type { Lang } from './i18n.ts';
import { caseRetentionView, type RetentionPagesDeps, registerRetentionPages } from './office/retention.tsx';
import { type OfficePagesDeps, registerOfficePages } from './office/routes.tsx';
import { ErrorPage, pageContext, registerPublicPages, sendPage } from './pages.tsx';
import { registerAccountPages } from './public/account/routes.tsx';
import { type ApplicationPagesDeps, registerApplicationPages } from './public/application/routes.tsx';
import type { ServiceDescription } from './public/service-info/schema.ts';
import { isCrossSiteRequest } from './security.ts';
import { renderPage } from './views/render.ts';

export interface WebDeps {
  publicUrl: string;
  trustProxy: boolean;
  logger: FastifyServerOptions['logger'];
  descriptions: Record<Lang, ServiceDescription>;
  /** true when the database answers; drives /health/ready. */
  ready: () => Promise<boolean>;
  /** Whether the virus scanner answers; absent when none is configured (/health/ready says "off"). */
  virusScanReady?: () => Promise<boolean>;
  rateLimitPerMinute?: number;
  /** The online application; absent in tests that only need the information pages. */
  application?: ApplicationPagesDeps;
  /** Staff login; with it, the office pages (their deps without the guard, which comes from the login). */
  staffAuth?: StaffAuthUseCases;
  office?: Omit<OfficePagesDeps, 'guard' | 'homeGuard' | 'actorOf' | 'csrfToken' | 'sessionTail'>;
  administration?: AdministrationUseCases;
  /** Representatives' accounts (registration and "my applications"); needs the staff login. */
  representatives?: RepresentativeUseCases;
  /** Retention, deletion and the export of one person's data (office head only); needs the office. */
  retention?: Omit<RetentionPagesDeps, 'guard' | 'actorOf' | 'csrfToken' | 'sessionTail'>;
  /** The commission's members and deputies, appointed by administrators (/verwaltung/kommission). */
  commission?: SessionUseCases;
  /** The immigration authorities' portal (/behoerde); needs the staff login. */
  authority?: Omit<AuthorityPagesDeps, 'guard' | 'actorOf' | 'csrfToken' | 'sessionTail'>;
  /** The members' view (/kommission) with the session pack. */
  members?: MemberViewUseCases;
  /** The JSON API (/api/v1, tokens only) and the pages for one's API tokens; needs the staff login. */
  api?: ApiDeps;
}

const KERN_DIST = fileURLToPath(new URL('../../node_modules/@kern-ux/native/dist/', import.meta.url));
const ARABIC_FONTS = fileURLToPath(
  new URL('../../node_modules/@fontsource/noto-sans-arabic/files/', import.meta.url),
);
const OWN_ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
const TUS_CLIENT = fileURLToPath(
  new URL('../../node_modules/tus-js-client/dist/tus.min.js', import.meta.url),
);
const UPLOAD_CLIENT = fileURLToPath(new URL('./public/upload/client.js', import.meta.url));

const ERROR_TEXTS: Record<number, [MessageKey, MessageKey]> = {
  400: ['errorBadRequestTitle', 'errorBadRequestText'],
  403: ['errorForbiddenTitle', 'errorForbiddenText'],
  404: ['errorNotFoundTitle', 'errorNotFoundText'],
  429: ['errorTooManyTitle', 'errorTooManyText'],
};

/** Log lines carry the route template, never the concrete URL (it could hold names or tokens). */
const serializers = {
  req(request: { id: string; method: string; routeOptions?: { url?: string } }) {
    return { id: request.id, method: request.method, route: request.routeOptions?.url ?? '(unbekannt)' };
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode };
  },
};

/** One registered route: method and URL template. */
export interface RouteEntry {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route the app registered, in order. */
    routeTable: readonly RouteEntry[];
  }
}

export async function buildApp(deps: WebDeps): Promise<FastifyInstance> {
  const logger =
    deps.logger && typeof deps.logger === 'object'
      ? {
          ...deps.logger,
          serializers,
          // busboyOptions: @fastify/multipart logs its options at trace level, with every request header (cookies).
          redact: {
            paths: ['req.headers', 'req.body', 'req.query', 'res.headers', 'busboyOptions.headers'],
            remove: true,
          },
        }
      : deps.logger;
  const app = Fastify({
    logger,
    trustProxy: deps.trustProxy,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID().slice(0, 8),
    routerOptions: { ignoreTrailingSlash: true },
  });
  // First of all: routes take the error handler in force when they are registered, later ones get Fastify's JSON default.
  app.setErrorHandler(errorPage);
  // Every route as registered (the access-matrix test walks them all).
  const routeTable: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });
  app.decorate('routeTable', routeTable);
  const publicOrigin = new URL(deps.publicUrl).origin;

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Dauer der HTTP-Anfragen nach Route-Vorlage',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'not_found',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: deps.publicUrl.startsWith('https://') ? [] : null,
      },
    },
    strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true },
    // The legacy twin of frame-ancestors 'none' (helmet's default SAMEORIGIN would allow our own frames).
    xFrameOptions: { action: 'deny' },
    // Not 'no-referrer': with it Chromium sends `Origin: null` on form posts, which the cross-site check refuses.
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(compress, { global: true, threshold: 1024 });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  await app.register(rateLimit, { max: deps.rateLimitPerMinute ?? 600, timeWindow: '1 minute' });

  app.addHook('onRequest', async (request, reply) => {
    if (isCrossSiteRequest(request, publicOrigin)) {
      reply.code(403);
      throw Object.assign(new Error('cross-site request refused'), { statusCode: 403 });
    }
  });

  await app.register(fastifyStatic, { root: KERN_DIST, prefix: '/assets/kern/', maxAge: '1d', index: false });
  await app.register(fastifyStatic, {
    root: ARABIC_FONTS,
    prefix: '/assets/fonts/noto-sans-arabic/',
    decorateReply: false,
    maxAge: '30d',
    index: false,
  });
  await app.register(fastifyStatic, {
    root: OWN_ASSETS,
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1h',
    index: false,
  });

  // The resumable-upload scripts: tus-js-client's browser build and our small enhancement.
  const scripts: Record<string, string> = {
    '/assets/tus.min.js': await readFile(TUS_CLIENT, 'utf8'),
    '/assets/upload.js': await readFile(UPLOAD_CLIENT, 'utf8'),
  };
  for (const [path, code] of Object.entries(scripts)) {
    app.get(path, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(code),
    );
  }

  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    const ok = await deps.ready().catch(() => false);
    // A scanner that is down holds uploads back; the rest of the service works, so it stays ready.
    const scan = deps.virusScanReady;
    const virusScan = scan ? ((await scan().catch(() => false)) ? 'ok' : 'unavailable') : 'off';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', virusScan });
  });
  app.get('/metrics', async (request, reply) => {
    // Metrics are for the operators' scraper on this machine, not for the internet.
    const ip = request.socket.remoteAddress ?? '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(ip) || request.headers['x-forwarded-for']) {
      return reply.callNotFound();
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });

  if (deps.staffAuth) {
    await registerStaffAuth(app, { auth: deps.staffAuth, publicUrl: deps.publicUrl });
    await registerLoginPages(app, { auth: deps.staffAuth, publicUrl: deps.publicUrl });
    const actorOf = (request: FastifyRequest) => {
      const staff = request.staff;
      if (!staff) throw new Error('staff route without a logged-in user');
      return { role: staff.role, id: staff.userId };
    };
    if (deps.administration) {
      registerAdminPages(app, {
        admin: deps.administration,
        guard: requireStaff(['admin']),
        actorOf,
        csrfToken: (_request, reply) => csrfToken(reply),
        sessionTail: (request, reply) => sessionTimeoutFor(request, reply),
      });
    }
    if (deps.commission) {
      registerCommissionPages(app, {
        commission: deps.commission,
        guard: requireStaff(['admin']),
        actorOf,
        csrfToken: (_request, reply) => csrfToken(reply),
        sessionTail: (request, reply) => sessionTimeoutFor(request, reply),
      });
    }
    if (deps.members) {
      registerMemberPages(app, {
        members: deps.members,
        guard: requireStaff(['member']),
        actorOf: (request) => ({ ...actorOf(request), name: request.staff?.name ?? '' }),
        sessionTail: (request, reply) => sessionTimeoutFor(request, reply),
      });
    }
    if (deps.representatives) {
      registerAccountPages(app, {
        representatives: deps.representatives,
        guard: requireStaff(['representative']),
        actorOf: (request) => ({
          ...actorOf(request),
          organisationId: request.staff?.organisationId ?? null,
        }),
        csrfToken: (_request, reply) => csrfToken(reply),
        sessionTail: (request, reply) => sessionTimeoutFor(request, reply),
        publicUrl: deps.publicUrl,
      });
    }
    if (deps.authority) {
      await registerAuthorityPages(app, {
        ...deps.authority,
        guard: requireStaff(['authority']),
        actorOf: (request) => ({
          ...actorOf(request),
          organisationId: request.staff?.organisationId ?? null,
          name: request.staff?.name ?? '',
        }),
        csrfToken: (_request, reply) => csrfToken(reply),
        sessionTail: (request, reply) => sessionTimeoutFor(request, reply),
      });
    }
    const api = deps.api;
    if (api) {
      for (const area of TOKEN_AREAS) {
        registerTokenPages(app, {
          ...area,
          tokens: api.tokens,
          guard: requireStaff(area.roles),
          actorOf,
          csrfToken: (_request, reply) => csrfToken(reply),
          sessionTail: (request, reply) => sessionTimeoutFor(request, reply),
        });
      }
      await registerApi(app, api, { rateLimitPerMinute: deps.rateLimitPerMinute ?? 600 });
    }
    if (deps.office) {
      if (deps.retention) {
        registerRetentionPages(app, {
          ...deps.retention,
          guard: requireStaff(['office_head']),
          actorOf,
          csrfToken: (_request, reply) => csrfToken(reply),
          sessionTail: (request, reply) => sessionTimeoutFor(request, reply),
        });
      }
      await registerOfficePages(app, {
        ...deps.office,
        ...(deps.retention ? { caseRetention: caseRetentionView(deps.retention.retention) } : {}),
        ...(deps.authority ? { caseAuthority: officeAuthorityView(deps.authority.portal) } : {}),
        guard: requireStaff(['office_clerk', 'office_head']),
        homeGuard: requireStaff([
          'office_clerk',
          'office_head',
          'admin',
          'representative',
          'authority',
          ...(deps.members ? (['member'] as const) : []),
        ]),
        actorOf,
        csrfToken: (_request, reply) => csrfToken(reply),
        sessionTail: (request, reply) => sessionTimeoutFor(request, reply),
      });
    }
  }

  registerPublicPages(app, deps.descriptions);
  if (deps.application) await registerApplicationPages(app, deps.application);

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.code(404).send({ error: 'not_found' });
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      renderPage(<ErrorPage ctx={ctx} title="errorNotFoundTitle" text="errorNotFoundText" />),
      404,
    );
  });

  return app;
}

/** German error pages (JSON for the API); the message and stack of an error never reach the answer. */
async function errorPage(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const status =
    typeof (error as { statusCode?: unknown }).statusCode === 'number'
      ? (error as { statusCode: number }).statusCode
      : 500;
  const code = status >= 500 ? 500 : ERROR_TEXTS[status] ? status : 400;
  if (code >= 500) {
    // The stack's frames only: the message may quote input (e.g. PostgreSQL's "invalid input syntax … \"<value>\"").
    const frames = ((error as Error).stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
    const sqlState = (error as { code?: unknown }).code;
    request.log.error(
      {
        err: {
          type: (error as Error).name,
          ...(typeof sqlState === 'string' ? { code: sqlState } : {}),
          stack: frames.join('\n'),
        },
      },
      'Serverfehler',
    );
  } else request.log.info({ statusCode: code, type: (error as Error).name }, 'Anfrage abgelehnt');
  if (request.url.startsWith('/api/')) {
    return reply.code(code).send({ error: code >= 500 ? 'internal' : 'bad_request', reference: request.id });
  }
  const ctx = pageContext(request, reply);
  const [title, text] = ERROR_TEXTS[code] ?? ['errorServerTitle', 'errorServerText'];
  return sendPage(
    reply,
    renderPage(
      <ErrorPage ctx={ctx} title={title} text={text} reference={code >= 500 ? request.id : undefined} />,
    ),
    code,
  );
}
