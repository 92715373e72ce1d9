/**
 * Decomposition of the page benchmark (bench/breakdown.ts): a bare Fastify serving GET /, with the
 * plugins and hooks of src/web/app.tsx added one by one, configured as there (keep in step).
 *
 *   BENCH_PLUGINS   comma list, applied in the order of STEPS below:
 *                   logger, helmet, nonces, compress, cookie, formbody, ratelimit, metrics, crosssite,
 *                   static, render
 *   BENCH_BODY_FILE the page's HTML served as a constant, unless `render` renders the real
 *                   information page (registerPublicPages) instead.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { loadDescriptions } from '../../src/main/compose.ts';
import { registerPublicPages } from '../../src/web/pages.tsx';
import { isCrossSiteRequest } from '../../src/web/security.ts';
import { reportListening } from './ipc.ts';

export const STEPS = [
  'logger',
  'helmet',
  'nonces',
  'compress',
  'cookie',
  'formbody',
  'ratelimit',
  'metrics',
  'crosssite',
  'static',
  'render',
] as const;

const wanted = new Set((process.env.BENCH_PLUGINS ?? '').split(',').filter(Boolean));
for (const w of wanted) if (!(STEPS as readonly string[]).includes(w)) throw new Error(`unbekannt: ${w}`);
const on = (step: (typeof STEPS)[number]) => wanted.has(step);

const KERN_DIST = fileURLToPath(new URL('../../node_modules/@kern-ux/native/dist/', import.meta.url));
const OWN_ASSETS = fileURLToPath(new URL('../../src/web/assets/', import.meta.url));

const serializers = {
  req(request: { id: string; method: string; routeOptions?: { url?: string } }) {
    return { id: request.id, method: request.method, route: request.routeOptions?.url ?? '(unbekannt)' };
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode };
  },
};

const app = Fastify({
  logger: on('logger')
    ? {
        level: 'silent',
        serializers,
        redact: { paths: ['req.headers', 'req.body', 'req.query', 'res.headers'], remove: true },
      }
    : false,
  ...(on('logger') ? { requestIdHeader: false, genReqId: () => crypto.randomUUID().slice(0, 8) } : {}),
  bodyLimit: 1024 * 1024,
  routerOptions: { ignoreTrailingSlash: true },
});

if (on('metrics')) {
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
}
if (on('helmet')) {
  await app.register(helmet, {
    enableCSPNonces: on('nonces'),
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
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: { maxAge: 63072000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });
}
if (on('compress')) await app.register(compress, { global: true, threshold: 1024 });
if (on('cookie')) await app.register(cookie);
if (on('formbody')) await app.register(formbody, { bodyLimit: 1024 * 1024 });
if (on('ratelimit')) await app.register(rateLimit, { max: Number.MAX_SAFE_INTEGER, timeWindow: '1 minute' });
if (on('crosssite')) {
  app.addHook('onRequest', async (request, reply) => {
    if (isCrossSiteRequest(request, 'http://localhost:0')) {
      reply.code(403);
      throw Object.assign(new Error('cross-site request refused'), { statusCode: 403 });
    }
  });
}
if (on('static')) {
  await app.register(fastifyStatic, { root: KERN_DIST, prefix: '/assets/kern/', maxAge: '1d', index: false });
  await app.register(fastifyStatic, {
    root: OWN_ASSETS,
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1h',
    index: false,
  });
}

if (on('render')) {
  registerPublicPages(app, await loadDescriptions());
} else {
  const file = process.env.BENCH_BODY_FILE;
  if (!file) throw new Error('BENCH_BODY_FILE fehlt');
  const body = readFileSync(file);
  app.get('/', async (_request, reply) =>
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body),
  );
}

const url = await app.listen({ port: 0, host: '127.0.0.1' });
reportListening(url, () => app.close());
