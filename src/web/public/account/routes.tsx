/**
 * Representatives' accounts: register (`/konto/registrieren`), confirm the address from the mailed link
 * (`/konto/bestaetigen/:token`, confirmed by a button), and "my applications" (`/konto`) after the login
 * at `/anmelden`. Opening a draft from the account gives this browser a key of its own to it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import type { ComponentChildren } from 'preact';
import {
  alreadyRegisteredMail,
  invitationMail,
  passwordChangedMail,
  passwordResetMail,
  registrationConfirmMail,
} from '../../../../content/mails/de.ts';
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
  ColleaguesSection,
  ConfirmedPage,
  ConfirmPage,
  ForgotPage,
  InvitationPage,
  RegisterPage,
  ResetPage,
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

  /** "My applications", with the organisation's colleagues and the invitation form where there is one. */
  async function accountPage(
    request: FastifyRequest,
    reply: FastifyReply,
    invite: { email?: string; errors?: { path: string; message: string }[]; invited?: boolean } = {},
    status = 200,
  ) {
    const actor = deps.actorOf(request);
    const rows = await deps.representatives.applications(actor);
    if (!rows) return reply.callNotFound();
    const colleagues = await deps.representatives.colleagues(actor);
    const ctx = { ...wizardContext(request, reply), tail: deps.sessionTail(request, reply) };
    const csrf = deps.csrfToken(request, reply);
    const errors = (invite.errors ?? []).map((e) => ({
      ...e,
      path: e.path === 'email' ? 'invite-email' : e.path,
    }));
    return page(
      reply,
      <ApplicationsPage
        ctx={ctx}
        rows={rows}
        inOrganisation={Boolean(actor.organisationId)}
        csrf={csrf}
        errors={errors}
      >
        {colleagues ? (
          <ColleaguesSection
            ctx={ctx}
            colleagues={colleagues}
            csrf={csrf}
            email={invite.email ?? ''}
            errors={errors.map((e) => ({ ...e, path: e.path === 'invite-email' ? 'email' : e.path }))}
            invited={invite.invited ?? false}
          />
        ) : null}
      </ApplicationsPage>,
      status,
    );
  }

  app.get<{ Querystring: { eingeladen?: string } }>(
    '/konto',
    { preHandler: deps.guard },
    async (request, reply) => accountPage(request, reply, { invited: request.query.eingeladen === '1' }),
  );

  app.post('/konto/kollegen', { preHandler: deps.guard }, async (request, reply) => {
    const ctx = wizardContext(request, reply);
    const a = accountText(ctx.lang);
    const email = (single(unflatten(request.body).email) ?? '').slice(0, 300);
    const staff = request.staff;
    const result = await deps.representatives.invite(
      { ...deps.actorOf(request), name: staff?.name ?? '' },
      email,
      { email: a('errorEmail') },
      { invite: invitationMail },
    );
    if (!result) return reply.callNotFound();
    if (!result.ok) return accountPage(request, reply, { email, errors: result.errors }, 400);
    return reply.redirect('/konto?eingeladen=1#kollegen', 303);
  });

  // --- Forgotten password (representatives only; staff are reset by their administrator) -------------

  app.get('/konto/passwort-vergessen', async (request, reply) =>
    page(reply, <ForgotPage ctx={wizardContext(request, reply)} />),
  );

  app.post('/konto/passwort-vergessen', async (request, reply) => {
    const ctx = wizardContext(request, reply);
    const a = accountText(ctx.lang);
    const email = (single(unflatten(request.body).email) ?? '').trim().slice(0, 300);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
      return page(
        reply,
        <ForgotPage ctx={ctx} email={email} errors={[{ path: 'email', message: a('errorEmail') }]} />,
        400,
      );
    await deps.representatives.requestReset(email, {
      reset: passwordResetMail,
      changed: passwordChangedMail,
    });
    return page(reply, <AccountMessagePage ctx={ctx} title="forgotSentTitle" text="forgotSentText" />);
  });

  app.get<{ Params: { token: string } }>('/konto/passwort-neu/:token', async (request, reply) =>
    page(reply, <ResetPage ctx={wizardContext(request, reply)} token={request.params.token.slice(0, 200)} />),
  );

  app.post('/konto/passwort-neu', async (request, reply) => {
    const ctx = wizardContext(request, reply);
    const a = accountText(ctx.lang);
    const form = unflatten(request.body);
    const token = (single(form.token) ?? '').slice(0, 200);
    const result = await deps.representatives.resetPassword(
      token,
      {
        password: (single(form.password) ?? '').slice(0, 2000),
        passwordRepeat: (single(form.passwordRepeat) ?? '').slice(0, 2000),
      },
      { passwordShort: a('errorPasswordShort'), passwordRepeat: a('errorPasswordRepeat') },
      { reset: passwordResetMail, changed: passwordChangedMail },
    );
    if (result.ok)
      return page(
        reply,
        <AccountMessagePage
          ctx={ctx}
          title="resetDoneTitle"
          text="resetDoneText"
          link={{ href: '/anmelden', label: 'toLogin' }}
        />,
      );
    if ('errors' in result)
      return page(reply, <ResetPage ctx={ctx} token={token} errors={result.errors} />, 400);
    return page(
      reply,
      <AccountMessagePage
        ctx={ctx}
        title="linkUnknownTitle"
        text="resetUnknownText"
        link={{ href: '/konto/passwort-vergessen', label: 'resetAgain' }}
      />,
      result.kind === 'expired' ? 410 : 404,
    );
  });

  // --- Invitations into an organisation's account ---------------------------------------------------

  const invitationGone = (ctx: ReturnType<typeof wizardContext>, reply: FastifyReply, kind: string) =>
    page(
      reply,
      <AccountMessagePage ctx={ctx} title="linkUnknownTitle" text="invitationUnknownText" />,
      kind === 'expired' ? 410 : 404,
    );

  app.get<{ Params: { token: string } }>('/konto/einladung/:token', async (request, reply) => {
    const ctx = wizardContext(request, reply);
    const token = request.params.token.slice(0, 200);
    const open = await deps.representatives.invitation(token);
    if (!open.ok) return invitationGone(ctx, reply, open.kind);
    return page(
      reply,
      <InvitationPage ctx={ctx} token={token} organisation={open.organisationName} email={open.email} />,
    );
  });

  app.post('/konto/einladung', async (request, reply) => {
    const ctx = wizardContext(request, reply);
    const a = accountText(ctx.lang);
    const form = unflatten(request.body);
    const token = (single(form.token) ?? '').slice(0, 200);
    const input = {
      name: (single(form.name) ?? '').slice(0, 2000),
      password: (single(form.password) ?? '').slice(0, 2000),
      passwordRepeat: (single(form.passwordRepeat) ?? '').slice(0, 2000),
    };
    const open = await deps.representatives.invitation(token);
    if (!open.ok) return invitationGone(ctx, reply, open.kind);
    const result = await deps.representatives.acceptInvitation(token, input, {
      name: a('errorName'),
      passwordShort: a('errorPasswordShort'),
      passwordRepeat: a('errorPasswordRepeat'),
    });
    if (result.ok) return page(reply, <ConfirmedPage ctx={ctx} totpUri={result.totpUri} />);
    if ('errors' in result)
      return page(
        reply,
        <InvitationPage
          ctx={ctx}
          token={token}
          organisation={open.organisationName}
          email={open.email}
          name={input.name}
          errors={result.errors}
        />,
        400,
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
    return invitationGone(ctx, reply, result.kind);
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
