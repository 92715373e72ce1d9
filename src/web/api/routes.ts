/**
 * The JSON API under /api: versioned routes (/api/v1) for programs of the office, the immigration
 * authorities and representatives, authenticated by bearer tokens only (a session cookie is refused,
 * so no CSRF token is needed), and the OpenAPI document generated from the same zod schemas the
 * routes validate with. Every route goes through the application's use cases and access policy:
 * "not yours" is 404 as on the pages; bad input is 400 with the fields named in German.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { apiErrorTexts as e } from '../../../content/messages/api/de.ts';
import { threadDe } from '../../../content/messages/thread/de.ts';
import type { ApiActor, ApiCaseUseCases } from '../../application/api-cases.ts';
import type { ApiScope, ApiTokenUseCases } from '../../application/api-tokens.ts';
import type { CaseMessage, StaffRole } from '../../application/ports.ts';
import { contentDispositionAttachment } from '../../domain/evidence/file-name.ts';
import { STAFF_COOKIE } from '../auth/session.ts';
import { type DocumentedRoute, openApiDocument } from './openapi.ts';
import * as s from './schemas.ts';

export interface ApiDeps {
  tokens: ApiTokenUseCases;
  cases: ApiCaseUseCases;
}

/** Where each role manages its API tokens (inside its own area of the site). */
export const TOKEN_AREAS: readonly { path: string; home: string; roles: readonly StaffRole[] }[] = [
  { path: '/konto/api-schluessel', home: '/konto', roles: ['representative'] },
  {
    path: '/geschaeftsstelle/api-schluessel',
    home: '/geschaeftsstelle',
    roles: ['office_clerk', 'office_head'],
  },
  { path: '/behoerde/api-schluessel', home: '/behoerde', roles: ['authority'] },
];

export const OPENAPI_PATH = '/api/openapi.json';

/** An answer of the API other than success. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: s.ApiErrorBody['error'],
    message: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

interface Input {
  actor: ApiActor;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  reply: FastifyReply;
}

/** One route of the API: its schemas (for validation and the document) and its handler. */
export interface ApiRoute extends DocumentedRoute {
  scope: ApiScope;
  handler(input: Input): Promise<unknown>;
}

const iso = (d: Date) => d.toISOString();

const messageJson = (m: CaseMessage) => ({
  id: m.id,
  direction: m.direction,
  authorRole: m.authorRole,
  text: m.body,
  createdAt: iso(m.createdAt),
  readAt: m.readAt ? iso(m.readAt) : null,
});

const notFound = () => new ApiError(404, 'not_found', e.notFound);

/** The routes of /api/v1, in the order of the document. */
export function apiRoutes(cases: ApiCaseUseCases): ApiRoute[] {
  return [
    {
      method: 'GET',
      url: '/api/v1/cases',
      operationId: 'listCases',
      summary: 'Die Fälle, die der Schlüssel sehen darf',
      scope: 'cases:read',
      query: s.caseListQuery,
      status: 200,
      response: s.caseList,
      errors: [400],
      async handler({ actor, query }) {
        const rows = await cases.list(actor, { limit: Number(query.limit) });
        if (!rows) throw notFound();
        return {
          cases: rows.map((r) => ({ ...r, receivedAt: iso(r.receivedAt) })),
        };
      },
    },
    {
      method: 'GET',
      url: '/api/v1/cases/:caseRef',
      operationId: 'getCase',
      summary: 'Ein Fall mit dem, was die Rolle davon sehen darf',
      scope: 'cases:read',
      params: s.caseParams,
      status: 200,
      response: s.caseDetail,
      errors: [400, 404],
      async handler({ actor, params }) {
        const found = await cases.read(actor, params.caseRef ?? '');
        if (!found) throw notFound();
        return { ...found, receivedAt: iso(found.receivedAt) };
      },
    },
    {
      method: 'GET',
      url: '/api/v1/cases/:caseRef/messages',
      operationId: 'listMessages',
      summary: 'Die Nachrichten des Falls (Geschäftsstelle und Vertretung)',
      scope: 'messages:read',
      params: s.caseParams,
      status: 200,
      response: s.messageList,
      errors: [400, 404],
      async handler({ actor, params }) {
        const found = await cases.messages(actor, params.caseRef ?? '');
        if (!found) throw notFound();
        return { messages: found.thread.map(messageJson) };
      },
    },
    {
      method: 'POST',
      url: '/api/v1/cases/:caseRef/messages',
      operationId: 'writeMessage',
      summary:
        'Eine Nachricht schreiben (Geschäftsstelle an die Antragstellenden, Vertretung an die Geschäftsstelle)',
      scope: 'messages:write',
      params: s.caseParams,
      body: s.messageBody,
      status: 201,
      response: s.messageCreated,
      errors: [400, 404, 409],
      async handler({ actor, params, body }) {
        const result = await cases.write(actor, params.caseRef ?? '', body.text);
        if (!result) throw notFound();
        if (result.ok) return { id: result.messageId };
        const message = threadDe[`error_${result.error}`];
        if (result.error === 'closed' || result.error === 'too_many')
          throw new ApiError(409, 'conflict', message);
        throw new ApiError(400, 'bad_request', e.badRequest, [{ path: 'text', message }]);
      },
    },
    {
      method: 'GET',
      url: '/api/v1/cases/:caseRef/documents',
      operationId: 'listDocuments',
      summary: 'Die Dokumente des Falls, die die Rolle sehen darf (nur Angaben, ohne Inhalt)',
      scope: 'documents:read',
      params: s.caseParams,
      status: 200,
      response: s.documentList,
      errors: [400, 404],
      async handler({ actor, params }) {
        const docs = await cases.documents(actor, params.caseRef ?? '');
        if (!docs) throw notFound();
        return { documents: docs.map((d) => ({ ...d, createdAt: iso(d.createdAt) })) };
      },
    },
    {
      method: 'GET',
      url: '/api/v1/cases/:caseRef/documents/:documentId',
      operationId: 'downloadDocument',
      summary: 'Ein Dokument herunterladen (immer als Anhang)',
      scope: 'documents:read',
      params: s.documentParams,
      status: 200,
      response: 'file',
      errors: [400, 404],
      async handler({ actor, params, reply }) {
        const doc = await cases.download(actor, params.caseRef ?? '', params.documentId ?? '');
        if (!doc) throw notFound();
        // Always a download, never rendered: uploaded content is not trusted.
        return reply
          .header('content-disposition', contentDispositionAttachment(doc.fileName))
          .type(
            doc.contentType === 'application/pdf' || doc.contentType.startsWith('image/')
              ? doc.contentType
              : 'application/octet-stream',
          )
          .send(doc.stream);
      },
    },
  ];
}

/** The field list of a failed parse, in German, with dotted paths. */
function fieldsOf(error: z.ZodError, where: string): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.code === 'unrecognized_keys' ? e.unknownField : issue.message,
  }));
}

function parse(
  schema: z.ZodObject | undefined,
  value: unknown,
  where: string,
  fields: { path: string; message: string }[],
) {
  if (!schema) return {};
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data as Record<string, unknown>;
  if (parsed.error.issues.some((i) => i.code === 'unrecognized_keys')) {
    for (const issue of parsed.error.issues)
      if (issue.code === 'unrecognized_keys')
        for (const key of issue.keys) fields.push({ path: `${where}.${key}`, message: e.unknownField });
  }
  fields.push(...fieldsOf(parsed.error, where).filter((f) => f.message !== e.unknownField));
  return {};
}

function sendError(reply: FastifyReply, error: ApiError, reference?: string) {
  if (error.status === 401) reply.header('www-authenticate', 'Bearer realm="api"');
  if (error.status === 403)
    reply.header('www-authenticate', 'Bearer realm="api", error="insufficient_scope"');
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .send({
      error: error.code,
      message: error.message,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(reference ? { reference } : {}),
    });
}

/** The token's key for the rate limit (its hash, never the token), or the address without one. */
function rateKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  return typeof header === 'string' && header.length < 200
    ? `api:${createHash('sha256').update(header).digest('hex')}`
    : `api-ip:${request.ip}`;
}

export async function registerApi(
  app: FastifyInstance,
  deps: ApiDeps,
  options: { rateLimitPerMinute: number },
): Promise<void> {
  const routes = apiRoutes(deps.cases);
  const document = openApiDocument(routes, OPENAPI_PATH);

  await app.register(async (api) => {
    api.setErrorHandler(async (error, request, reply) => {
      if (error instanceof ApiError) return sendError(reply, error);
      const status = (error as { statusCode?: unknown }).statusCode;
      if (status === 429) return sendError(reply, new ApiError(429, 'too_many_requests', e.tooMany));
      if (typeof status === 'number' && status >= 400 && status < 500) {
        request.log.info({ statusCode: status, type: (error as Error).name }, 'API-Anfrage abgelehnt');
        return sendError(reply, new ApiError(400, 'bad_request', e.badRequest));
      }
      const frames = ((error as Error).stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
      request.log.error({ err: { type: (error as Error).name, stack: frames.join('\n') } }, 'Serverfehler');
      return sendError(reply, new ApiError(500, 'internal', e.server), request.id);
    });

    api.get(OPENAPI_PATH, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').type('application/json; charset=utf-8').send(document),
    );

    for (const route of routes) {
      api.route({
        method: route.method,
        url: route.url,
        config: {
          rateLimit: { max: options.rateLimitPerMinute, timeWindow: '1 minute', keyGenerator: rateKey },
        },
        handler: async (request, reply) => {
          reply.header('cache-control', 'no-store');
          const header = request.headers.authorization;
          if (typeof header !== 'string' || !/^Bearer \S+$/i.test(header.trim())) {
            throw new ApiError(
              401,
              'unauthorized',
              request.cookies?.[STAFF_COOKIE] !== undefined ? e.cookieRefused : e.unauthorized,
            );
          }
          const holder = await deps.tokens.authenticate(header.trim().slice(7));
          if (!holder) throw new ApiError(401, 'unauthorized', e.unauthorized);
          const actor: ApiActor = {
            role: holder.role,
            id: holder.userId,
            organisationId: holder.organisationId,
          };
          // A role that never has this right is refused like a wrong role on the pages (404); a token
          // that merely lacks it, with 403.
          if (!deps.tokens.scopesFor(actor).includes(route.scope)) throw notFound();
          if (!holder.scopes.includes(route.scope)) throw new ApiError(403, 'insufficient_scope', e.scope);
          const fields: { path: string; message: string }[] = [];
          const params = parse(route.params, request.params, 'path', fields);
          const query = parse(route.query, request.query, 'query', fields);
          let body: Record<string, unknown> = {};
          if (route.body) {
            const raw = request.body;
            if (
              raw === null ||
              typeof raw !== 'object' ||
              Array.isArray(raw) ||
              !/^application\/json\b/i.test(String(request.headers['content-type'] ?? ''))
            )
              fields.push({ path: 'body', message: e.body });
            else body = parse(route.body, raw, 'body', fields);
          }
          if (fields.length > 0) throw new ApiError(400, 'bad_request', e.badRequest, fields);
          const answer = await route.handler({
            actor,
            params: params as Record<string, string>,
            query,
            body,
            reply,
          });
          if (answer === reply) return reply;
          return reply.code(route.status).send(answer);
        },
      });
    }
  });
}
