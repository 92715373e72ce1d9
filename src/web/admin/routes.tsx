/**
 * The administration under /verwaltung: staff accounts (create, disable, unlock) and the organisations'
 * notice addresses. Administrators only; they see no case content.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import { ROLE_LABELS } from '../../../content/messages/office/de.ts';
import { commissionTexts } from '../../../content/messages/sessions/de.ts';
import { type AdministrationUseCases, ASSIGNABLE_ROLES } from '../../application/administration.ts';
import type { AccountRow, OrganisationRow } from '../../application/ports.ts';
import type { Actor } from '../../domain/case/index.ts';
import { pageContext, sendPage } from '../pages.tsx';
import { single, unflatten } from '../public/application/form-body.ts';
import { Button, ErrorSummary, InsetText, NotificationBanner, Select, TextInput } from '../views/form.tsx';
import { Layout, type PageContext } from '../views/layout.tsx';
import { renderPage } from '../views/render.ts';

export interface AdminPagesDeps {
  admin: AdministrationUseCases;
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  actorOf(request: FastifyRequest): Actor;
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
}

type Created = { email: string; initialPassword: string; totpUri: string; reset?: boolean };

function AdminPage({
  ctx,
  csrf,
  accounts,
  organisations,
  created,
  errors,
  typed,
  notice,
  selfId,
}: {
  ctx: PageContext;
  csrf: string;
  /** The administrator's own account (not reset from here). */
  selfId: string;
  accounts: readonly AccountRow[];
  organisations: readonly OrganisationRow[];
  created: Created | null;
  errors: string[];
  typed: Record<string, string>;
  notice: string | null;
}) {
  const authorities = organisations.filter((o) => o.kind === 'immigration_authority');
  const orgName = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? '–';
  return (
    <Layout ctx={ctx} title="Verwaltung">
      <h1 class="kern-heading-x-large">Verwaltung</h1>
      <ErrorSummary
        title="Es gibt ein Problem"
        errors={errors.map((message) => ({ field: 'email', message }))}
      />
      {notice ? (
        <NotificationBanner kind="success" title={notice}>
          <p class="kern-body">{notice}</p>
        </NotificationBanner>
      ) : null}
      {created ? (
        <NotificationBanner kind="success" title={created.reset ? 'Zugang zurückgesetzt' : 'Konto angelegt'}>
          <p class="kern-body">
            Geben Sie diese Angaben persönlich an {created.email} weiter. Sie werden nur jetzt angezeigt.
            {created.reset
              ? ' Das bisherige Passwort und der bisherige Code-Generator gelten nicht mehr; alle Sitzungen des Kontos sind beendet.'
              : ''}
          </p>
          <p class="kern-body">
            Erstes Passwort (muss bei der ersten Anmeldung geändert werden):{' '}
            <code id="initial-password">{created.initialPassword}</code>
          </p>
          <p class="kern-body">
            Authenticator-App (Code-Generator): <code id="totp-uri">{created.totpUri}</code>
          </p>
        </NotificationBanner>
      ) : null}
      <p class="kern-body">
        <a class="kern-link" href="/verwaltung/kommission">
          {commissionTexts.link}
        </a>
      </p>
      <h2 class="kern-heading-large">Konten</h2>
      <div class="app-table-wrap">
        <table class="kern-table app-table">
          <caption class="kern-sr-only">Konten</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-Mail</th>
              <th scope="col">Rolle</th>
              <th scope="col">Organisation</th>
              <th scope="col">Status</th>
              <th scope="col">Aktionen</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.name}</th>
                <td>{a.email}</td>
                <td>{ROLE_LABELS[a.role] ?? a.role}</td>
                <td>{orgName(a.organisationId)}</td>
                <td>
                  {a.disabled
                    ? 'gesperrt'
                    : a.lockedUntil && a.lockedUntil > new Date()
                      ? 'vorübergehend gesperrt'
                      : 'aktiv'}
                  {a.initialPassword ? ' · erstes Passwort' : ''}
                </td>
                <td>
                  <form
                    method="post"
                    action={`/verwaltung/konten/${a.id}/${a.disabled ? 'entsperren' : 'sperren'}`}
                    class="app-inline-form"
                  >
                    <input type="hidden" name="_csrf" value={csrf} />
                    <Button variant="tertiary">
                      {a.disabled ? 'Konto freigeben' : 'Konto sperren'}
                      <span class="kern-sr-only"> {a.name}</span>
                    </Button>
                  </form>
                  {a.id !== selfId ? (
                    <form
                      method="post"
                      action={`/verwaltung/konten/${a.id}/zuruecksetzen`}
                      class="app-inline-form"
                    >
                      <input type="hidden" name="_csrf" value={csrf} />
                      <Button variant="tertiary">
                        Passwort und Code zurücksetzen<span class="kern-sr-only"> {a.name}</span>
                      </Button>
                    </form>
                  ) : null}
                  {a.lockedUntil ? (
                    <form
                      method="post"
                      action={`/verwaltung/konten/${a.id}/entriegeln`}
                      class="app-inline-form"
                    >
                      <input type="hidden" name="_csrf" value={csrf} />
                      <Button variant="tertiary">
                        Anmeldesperre aufheben<span class="kern-sr-only"> {a.name}</span>
                      </Button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="kern-heading-large">Neues Konto</h2>
      <form method="post" action="/verwaltung/konten" novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput
          id="email"
          name="email"
          type="email"
          label="E-Mail-Adresse"
          value={typed.email}
          spellcheck={false}
          autocomplete="off"
        />
        <TextInput id="name" name="name" label="Name" value={typed.name} autocomplete="off" />
        <Select
          id="role"
          name="role"
          label="Rolle"
          value={typed.role}
          options={ASSIGNABLE_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] ?? r }))}
        />
        <Select
          id="organisationId"
          name="organisationId"
          label="Ausländerbehörde (nur für Konten einer Behörde)"
          value={typed.organisationId}
          placeholder="keine"
          options={authorities.map((o) => ({ value: o.id, label: o.name }))}
        />
        <Button>Konto anlegen</Button>
      </form>
      <h2 class="kern-heading-large">Ausländerbehörden: Adressen für Benachrichtigungen</h2>
      <InsetText>
        Benachrichtigungen enthalten keine personenbezogenen Daten, nur das Aktenzeichen und einen Link ins
        Portal.
      </InsetText>
      <ul class="app-file-list">
        {authorities.map((o) => (
          <li key={o.id} class="app-file-list__item">
            <form method="post" action={`/verwaltung/organisationen/${o.id}`} novalidate>
              <input type="hidden" name="_csrf" value={csrf} />
              <TextInput
                id={`org-${o.id}`}
                name="email"
                type="email"
                label={o.name}
                value={o.email ?? ''}
                spellcheck={false}
              />
              <Button variant="secondary">
                Speichern<span class="kern-sr-only"> – {o.name}</span>
              </Button>
            </form>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function registerAdminPages(app: FastifyInstance, deps: AdminPagesDeps) {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: {
      created?: Created | null;
      errors?: string[];
      typed?: Record<string, string>;
      notice?: string | null;
    } = {},
    status = 200,
  ) {
    const overview = await deps.admin.overview(deps.actorOf(request));
    if (!overview) return reply.callNotFound();
    const ctx = {
      ...pageContext(request, reply),
      lang: 'de' as const,
      tail: deps.sessionTail(request, reply),
    };
    return sendPage(
      reply,
      renderPage(
        <AdminPage
          ctx={ctx}
          csrf={deps.csrfToken(request, reply)}
          accounts={overview.accounts}
          organisations={overview.organisations}
          created={extra.created ?? null}
          errors={extra.errors ?? []}
          typed={extra.typed ?? {}}
          notice={extra.notice ?? null}
          selfId={deps.actorOf(request).id}
        />,
      ),
      status,
    );
  }

  app.get<{ Querystring: { ok?: string } }>('/verwaltung', { preHandler: deps.guard }, (request, reply) =>
    show(request, reply, { notice: request.query.ok === '1' ? 'Gespeichert.' : null }),
  );

  app.post('/verwaltung/konten', { preHandler: deps.guard }, async (request, reply) => {
    const form = unflatten(request.body);
    const typed = {
      email: single(form.email) ?? '',
      name: single(form.name) ?? '',
      role: single(form.role) ?? '',
      organisationId: single(form.organisationId) ?? '',
    };
    const result = await deps.admin.createAccount(deps.actorOf(request), typed);
    if (!result) return reply.callNotFound();
    if (!result.ok) return show(request, reply, { errors: result.errors, typed }, 400);
    return show(request, reply, {
      created: { email: typed.email, initialPassword: result.initialPassword, totpUri: result.totpUri },
    });
  });

  for (const [path, disabled] of [
    ['sperren', true],
    ['entsperren', false],
  ] as const) {
    app.post<{ Params: { id: string } }>(
      `/verwaltung/konten/:id/${path}`,
      { preHandler: deps.guard },
      async (request, reply) => {
        const done = await deps.admin.setDisabled(deps.actorOf(request), request.params.id, disabled);
        if (!done) return reply.callNotFound();
        return reply.redirect('/verwaltung?ok=1', 303);
      },
    );
  }

  app.post<{ Params: { id: string } }>(
    '/verwaltung/konten/:id/zuruecksetzen',
    { preHandler: deps.guard },
    async (request, reply) => {
      const done = await deps.admin.resetCredentials(deps.actorOf(request), request.params.id);
      if (!done) return reply.callNotFound();
      return show(request, reply, { created: { ...done, reset: true } });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/verwaltung/konten/:id/entriegeln',
    { preHandler: deps.guard },
    async (request, reply) => {
      const done = await deps.admin.unlock(deps.actorOf(request), request.params.id);
      if (!done) return reply.callNotFound();
      return reply.redirect('/verwaltung?ok=1', 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/verwaltung/organisationen/:id',
    { preHandler: deps.guard },
    async (request, reply) => {
      const raw = single(unflatten(request.body).email) ?? '';
      const result = await deps.admin.setOrganisationEmail(deps.actorOf(request), request.params.id, raw);
      if (!result) return reply.callNotFound();
      if (!result.ok) return show(request, reply, { errors: [result.message] }, 400);
      return reply.redirect('/verwaltung?ok=1', 303);
    },
  );
}
