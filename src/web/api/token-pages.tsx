/**
 * The page where a logged-in user creates, lists and revokes their own API tokens: in the account of a
 * representative (`/konto/api-schluessel`), in the back office (`/geschaeftsstelle/api-schluessel`) and
 * in the authority portal (`/behoerde/api-schluessel`). Plain forms with the CSRF token of the login;
 * a new token is shown once, on the answer to the form that made it (never in a URL).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import { SCOPE_LABELS, tokenPageTexts as t, VALIDITY_LABELS } from '../../../content/messages/api/de.ts';
import { type ApiTokenUseCases, TOKEN_VALIDITY, type TokenValidity } from '../../application/api-tokens.ts';
import type { ApiTokenRow } from '../../application/ports.ts';
import type { Actor } from '../../domain/case/index.ts';
import { pageContext, sendPage } from '../pages.tsx';
import {
  Button,
  Checkboxes,
  ErrorSummary,
  type FieldError,
  fieldId,
  NotificationBanner,
  Select,
  TextInput,
} from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';
import { renderPage } from '../views/render.ts';

export interface TokenPagesDeps {
  tokens: ApiTokenUseCases;
  /** Where the page lives, e.g. `/konto/api-schluessel`. */
  path: string;
  /** The area's start page, for the back link. */
  home: string;
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  actorOf(request: FastifyRequest): Actor;
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
}

const dateTime = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(d);

interface Typed {
  name?: string;
  scopes?: readonly string[];
  validity?: string;
}

function TokenPage({
  ctx,
  deps,
  csrf,
  rows,
  scopes,
  created,
  revoked,
  errors,
  typed,
  now,
}: {
  ctx: PageContext;
  deps: TokenPagesDeps;
  csrf: string;
  rows: readonly ApiTokenRow[];
  scopes: readonly string[];
  created: string | null;
  revoked: boolean;
  errors: readonly FieldError[];
  typed: Typed;
  now: Date;
}) {
  const status = (row: ApiTokenRow) =>
    row.revokedAt ? t.revoked : row.expiresAt && row.expiresAt <= now ? t.expired : t.active;
  const errorOf = (path: string) => errors.find((e) => e.path === path)?.message;
  return (
    <Layout ctx={ctx} title={t.title}>
      <p class="kern-body">
        <a class="kern-link" href={deps.home}>
          {t.back}
        </a>
      </p>
      <h1 class="kern-heading-x-large">{t.title}</h1>
      <ErrorSummary
        title={t.errorTitle}
        errors={errors.map((e) => ({
          field: e.path === 'scopes' ? fieldId('scopes') : fieldId(e.path),
          message: e.message,
        }))}
      />
      {created ? (
        <NotificationBanner kind="success" title={t.createdTitle}>
          <p class="kern-body">{t.createdText}</p>
          <p class="kern-body">
            {t.createdLabel}: <code id="new-api-token">{created}</code>
          </p>
        </NotificationBanner>
      ) : null}
      {revoked ? (
        <NotificationBanner kind="success" title={t.revoked}>
          <p class="kern-body">{t.revokedNotice}</p>
        </NotificationBanner>
      ) : null}
      <p class="kern-body">{t.lead}</p>
      <p class="kern-body">
        {t.docsHint}{' '}
        <a class="kern-link" href="/api/openapi.json">
          /api/openapi.json
        </a>
        .
      </p>
      <h2 class="kern-heading-large">{t.listHeading}</h2>
      {rows.length === 0 ? (
        <p class="kern-body">{t.none}</p>
      ) : (
        <div class="app-table-wrap">
          <table class="kern-table app-table">
            <caption class="kern-sr-only">{t.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.colName}</th>
                <th scope="col">{t.colPrefix}</th>
                <th scope="col">{t.colScopes}</th>
                <th scope="col">{t.colCreated}</th>
                <th scope="col">{t.colExpires}</th>
                <th scope="col">{t.colLastUsed}</th>
                <th scope="col">{t.colStatus}</th>
                <th scope="col">{t.colAction}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">{row.name}</th>
                  <td>
                    <code>{row.displayPrefix}…</code>
                  </td>
                  <td>
                    {row.scopes.map((s) => SCOPE_LABELS[s as keyof typeof SCOPE_LABELS] ?? s).join(', ')}
                  </td>
                  <td>{dateTime(row.createdAt)}</td>
                  <td>{row.expiresAt ? dateTime(row.expiresAt) : t.unlimited}</td>
                  <td>{row.lastUsedAt ? dateTime(row.lastUsedAt) : t.never}</td>
                  <td>{status(row)}</td>
                  <td>
                    {row.revokedAt ? null : (
                      <form
                        method="post"
                        action={`${deps.path}/${row.id}/widerrufen`}
                        class="app-inline-form"
                      >
                        <input type="hidden" name="_csrf" value={csrf} />
                        <button
                          class="kern-btn kern-btn--secondary"
                          type="submit"
                          aria-label={t.revokeLabel(row.name)}
                        >
                          <span class="kern-label">{t.revoke}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 class="kern-heading-large">{t.createHeading}</h2>
      <form method="post" action={deps.path} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput
          id="name"
          name="name"
          label={t.name}
          hint={t.nameHint}
          value={typed.name ?? ''}
          spellcheck={false}
          error={errorOf('name')}
          errorPrefix={t.errorPrefix}
        />
        <Checkboxes
          id="scopes"
          name="scopes"
          legend={t.scopes}
          hint={t.scopesHint}
          values={typed.scopes ?? []}
          options={scopes.map((s) => ({
            value: s,
            label: SCOPE_LABELS[s as keyof typeof SCOPE_LABELS] ?? s,
          }))}
          error={errorOf('scopes')}
          errorPrefix={t.errorPrefix}
        />
        <Select
          id="validity"
          name="validity"
          label={t.validity}
          value={typed.validity ?? '90'}
          options={(Object.keys(TOKEN_VALIDITY) as TokenValidity[]).map((v) => ({
            value: v,
            label: VALIDITY_LABELS[v],
          }))}
          error={errorOf('validity')}
          errorPrefix={t.errorPrefix}
        />
        <Button>{t.create}</Button>
      </form>
    </Layout>
  );
}

const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 500) : '');
const list = (value: unknown) =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string').slice(0, 20);

export function registerTokenPages(app: FastifyInstance, deps: TokenPagesDeps) {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { created?: string; errors?: FieldError[]; typed?: Typed; revoked?: boolean } = {},
    status = 200,
  ) {
    const actor = deps.actorOf(request);
    const rows = await deps.tokens.list(actor);
    if (!rows) return reply.callNotFound();
    const ctx = {
      ...pageContext(request, reply),
      lang: 'de' as const,
      tail: deps.sessionTail(request, reply),
    };
    return sendPage(
      reply,
      renderPage(
        <TokenPage
          ctx={ctx}
          deps={deps}
          csrf={deps.csrfToken(request, reply)}
          rows={rows}
          scopes={deps.tokens.scopesFor(actor)}
          created={extra.created ?? null}
          revoked={extra.revoked ?? false}
          errors={extra.errors ?? []}
          typed={extra.typed ?? {}}
          now={new Date()}
        />,
      ),
      status,
    );
  }

  app.get<{ Querystring: { widerrufen?: string } }>(
    deps.path,
    { preHandler: deps.guard },
    async (request, reply) => show(request, reply, { revoked: request.query.widerrufen === '1' }),
  );

  app.post(deps.path, { preHandler: deps.guard }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const typed = { name: text(body.name), scopes: list(body.scopes), validity: text(body.validity) };
    const result = await deps.tokens.create(
      deps.actorOf(request),
      { name: typed.name, scopes: typed.scopes, validity: typed.validity },
      { name: t.errorName, scopes: t.errorScopes, validity: t.errorValidity, tooMany: t.errorTooMany },
    );
    if (!result) return reply.callNotFound();
    if (!result.ok) return show(request, reply, { errors: result.errors, typed }, 400);
    return show(request, reply, { created: result.token });
  });

  app.post<{ Params: { id: string } }>(
    `${deps.path}/:id/widerrufen`,
    { preHandler: deps.guard },
    async (request, reply) => {
      const done = await deps.tokens.revoke(deps.actorOf(request), request.params.id);
      if (!done) return reply.callNotFound();
      return reply.redirect(`${deps.path}?widerrufen=1`, 303);
    },
  );
}
