/**
 * Representatives' accounts: register (`/konto/registrieren`), confirm the address from the mailed link
 * (`/konto/bestaetigen/:token`, confirmed by a button), and "my applications" (`/konto`) after the login
 * at `/anmelden`. Opening a draft from the account gives this browser a key of its own to it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import { alreadyRegisteredMail, registrationConfirmMail } from '../../../../content/mails/de.ts';
import type { RepresentativeUseCases } from '../../../application/representatives.ts';
import type { Actor } from '../../../domain/case/index.ts';
import { sendPage } from '../../pages.tsx';
import { renderPage } from '../../views/render.ts';
import { single, unflatten } from '../application/form-body.ts';
import { setDraftCookieOn, wizardContext } from '../application/routes.tsx';
import {
  AccountMessagePage,
  ApplicationsPage,
  accountText,
  ConfirmedPage,
  ConfirmPage,
  RegisterPage,
} from './pages.tsx';

export interface AccountPagesDeps {
  representatives: RepresentativeUseCases;
  guard: preHandlerHookHandler | preHandlerHookHandler[];
  actorOf(request: FastifyRequest): Actor & { organisationId?: string | null };
  csrfToken(request: FastifyRequest, reply: FastifyReply): string;
  sessionTail(request: FastifyRequest, reply: FastifyReply): ComponentChildren;
  publicUrl: string;
}

const FIELDS = ['kind', 'name', 'organisationName', 'organisationKind', 'email'] as const;

export function registerAccountPages(app: FastifyInstance, deps: AccountPagesDeps) {
  const secure = deps.publicUrl.startsWith('https://');
  const page = (reply: FastifyReply, node: preact.JSX.Element, status = 200) =>
    sendPage(reply, renderPage(node), status);

  app.get('/konto/registrieren', async (request, reply) =>
    page(reply, <RegisterPage ctx={wizardContext(request, reply)} />),
  );

  app.post('/konto/registrieren', async (request, reply) => {
    const ctx = wizardContext(request, reply);
    const form = unflatten(request.body);
    const text = (name: string) => (single(form[name]) ?? '').slice(0, 2000);
    const input = {
      kind: text('kind'),
      name: text('name'),
      organisationName: text('organisationName'),
      organisationKind: text('organisationKind'),
      email: text('email'),
      password: text('password'),
      passwordRepeat: text('passwordRepeat'),
    };
    const a = accountText(ctx.lang);
    const result = await deps.representatives.register(
      input,
      {
        kind: a('errorKind'),
        name: a('errorName'),
        organisationName: a('errorOrganisationName'),
        organisationKind: a('errorOrganisationKind'),
        email: a('errorEmail'),
        passwordShort: a('errorPasswordShort'),
        passwordRepeat: a('errorPasswordRepeat'),
      },
      { confirm: registrationConfirmMail, alreadyRegistered: alreadyRegisteredMail },
    );
    if (!result.ok) {
      const values = Object.fromEntries(FIELDS.map((f) => [f, input[f]]));
      // The summary lists the errors in the order of the form.
      const order = [...FIELDS, 'password', 'passwordRepeat'] as readonly string[];
      const errors = [...result.errors].sort((x, y) => order.indexOf(x.path) - order.indexOf(y.path));
      return page(reply, <RegisterPage ctx={ctx} values={values} errors={errors} />, 400);
    }
    return page(reply, <AccountMessagePage ctx={ctx} title="checkMailTitle" text="checkMailText" />);
  });

  app.get<{ Params: { token: string } }>('/konto/bestaetigen/:token', async (request, reply) => {
    // The global Referrer-Policy (same-origin) keeps the token from other sites; `no-referrer` here would
    // make Chromium post the form with `Origin: null`, which the cross-site check refuses (ADR 004).
    return page(
      reply,
      <ConfirmPage ctx={wizardContext(request, reply)} token={request.params.token.slice(0, 200)} />,
    );
  });

  app.post('/konto/bestaetigen', async (request, reply) => {
    const ctx = wizardContext(request, reply);
    const token = single(unflatten(request.body).token) ?? '';
    const result = await deps.representatives.confirm(token);
    if (result.ok) return page(reply, <ConfirmedPage ctx={ctx} totpUri={result.totpUri} />);
    const again = { href: '/konto/registrieren', label: 'registerAgain' } as const;
    if (result.kind === 'expired')
      return page(
        reply,
        <AccountMessagePage ctx={ctx} title="linkExpiredTitle" text="linkExpiredText" link={again} />,
        410,
      );
    if (result.kind === 'taken')
      return page(
        reply,
        <AccountMessagePage
          ctx={ctx}
          title="takenTitle"
          text="takenText"
          link={{ href: '/anmelden', label: 'toLogin' }}
        />,
        409,
      );
    return page(
      reply,
      <AccountMessagePage ctx={ctx} title="linkUnknownTitle" text="linkUnknownText" link={again} />,
      404,
    );
  });

  app.get('/konto', { preHandler: deps.guard }, async (request, reply) => {
    const actor = deps.actorOf(request);
    const rows = await deps.representatives.applications(actor);
    if (!rows) return reply.callNotFound();
    const ctx = { ...wizardContext(request, reply), tail: deps.sessionTail(request, reply) };
    return page(
      reply,
      <ApplicationsPage
        ctx={ctx}
        rows={rows}
        inOrganisation={Boolean(actor.organisationId)}
        csrf={deps.csrfToken(request, reply)}
      />,
    );
  });

  app.post<{ Params: { draftId: string } }>(
    '/konto/antraege/:draftId/oeffnen',
    { preHandler: deps.guard },
    async (request, reply) => {
      const token = await deps.representatives.open(deps.actorOf(request), request.params.draftId);
      if (!token) return reply.callNotFound();
      setDraftCookieOn(reply, token, secure);
      return reply.redirect('/antrag/uebersicht', 303);
    },
  );
}
