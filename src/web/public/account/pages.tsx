/** The representatives' account pages: registration, confirmation, "my applications". */
import { accountAr } from '../../../../content/messages/account/ar.ts';
import { type AccountCatalog, type AccountKey, accountDe } from '../../../../content/messages/account/de.ts';
import { accountEn } from '../../../../content/messages/account/en.ts';
import type { AccountApplication, Colleagues } from '../../../application/ports.ts';
import { PasswordInput } from '../../auth/pages.tsx';
import type { Lang } from '../../i18n.ts';
import {
  Button,
  errorFor,
  type FieldError,
  NotificationBanner,
  Radios,
  TextInput,
} from '../../views/form.tsx';
import { type WizardContext, WizardPage } from '../application/frame.tsx';

const CATALOGS: Record<Lang, AccountCatalog> = { de: accountDe, en: accountEn, ar: accountAr };
const LOCALES: Record<Lang, string> = { de: 'de-DE', en: 'en-GB', ar: 'ar-u-nu-latn' };

export function accountText(lang: Lang) {
  const catalog = CATALOGS[lang];
  return (key: AccountKey, vars: Record<string, string> = {}) =>
    (catalog[key] ?? accountDe[key]).replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);
}

export type RegistrationValues = Partial<
  Record<'kind' | 'name' | 'organisationName' | 'organisationKind' | 'email', string>
>;

export function RegisterPage({
  ctx,
  values = {},
  errors = [],
}: {
  ctx: WizardContext;
  values?: RegistrationValues;
  errors?: readonly FieldError[];
}) {
  const a = accountText(ctx.lang);
  const prefix = ctx.w('errorPrefix');
  return (
    <WizardPage ctx={ctx} title={a('registerTitle')} errors={errors}>
      <h1 class="kern-heading-x-large">{a('registerTitle')}</h1>
      <p class="kern-body">{a('registerLead')}</p>
      <form method="post" action={`/konto/registrieren?lang=${ctx.lang}`} novalidate>
        <Radios
          id="kind"
          name="kind"
          legend={a('kindLegend')}
          value={values.kind ?? ''}
          error={errorFor(errors, 'kind')}
          errorPrefix={prefix}
          options={[
            { value: 'person', label: a('kindPerson') },
            { value: 'organisation', label: a('kindOrganisation') },
          ]}
        />
        <TextInput
          id="name"
          name="name"
          label={a('name')}
          value={values.name ?? ''}
          autocomplete="name"
          spellcheck={false}
          dir="auto"
          error={errorFor(errors, 'name')}
          errorPrefix={prefix}
        />
        <TextInput
          id="organisationName"
          name="organisationName"
          label={a('organisationName')}
          value={values.organisationName ?? ''}
          autocomplete="organization"
          dir="auto"
          error={errorFor(errors, 'organisationName')}
          errorPrefix={prefix}
        />
        <Radios
          id="organisationKind"
          name="organisationKind"
          legend={a('organisationKind')}
          value={values.organisationKind ?? ''}
          error={errorFor(errors, 'organisationKind')}
          errorPrefix={prefix}
          options={[
            { value: 'counselling', label: a('organisationCounselling') },
            { value: 'law_firm', label: a('organisationLawFirm') },
          ]}
        />
        <TextInput
          id="email"
          name="email"
          type="email"
          label={a('email')}
          hint={a('emailHint')}
          value={values.email ?? ''}
          autocomplete="email"
          spellcheck={false}
          error={errorFor(errors, 'email')}
          errorPrefix={prefix}
        />
        <PasswordInput
          id="password"
          label={a('password')}
          hint={a('passwordHint')}
          autocomplete="new-password"
          errorPrefix={prefix}
          {...(errorFor(errors, 'password') ? { error: errorFor(errors, 'password') as string } : {})}
        />
        <PasswordInput
          id="passwordRepeat"
          label={a('passwordRepeat')}
          autocomplete="new-password"
          errorPrefix={prefix}
          {...(errorFor(errors, 'passwordRepeat')
            ? { error: errorFor(errors, 'passwordRepeat') as string }
            : {})}
        />
        <Button>{a('register')}</Button>
      </form>
    </WizardPage>
  );
}

/** A page with a title and one paragraph (check your mail, link unknown or expired, address taken). */
export function AccountMessagePage({
  ctx,
  title,
  text,
  link,
}: {
  ctx: WizardContext;
  title: AccountKey;
  text: AccountKey;
  link?: { href: string; label: AccountKey };
}) {
  const a = accountText(ctx.lang);
  return (
    <WizardPage ctx={ctx} title={a(title)}>
      <h1 class="kern-heading-x-large">{a(title)}</h1>
      <p class="kern-body">{a(text)}</p>
      {link ? (
        <p class="kern-body">
          <a class="kern-link" href={link.href}>
            {a(link.label)}
          </a>
        </p>
      ) : null}
    </WizardPage>
  );
}

/** The e-mail link leads here; only the button confirms (mail scanners that open links confirm nothing). */
export function ConfirmPage({ ctx, token }: { ctx: WizardContext; token: string }) {
  const a = accountText(ctx.lang);
  return (
    <WizardPage ctx={ctx} title={a('confirmTitle')}>
      <h1 class="kern-heading-x-large">{a('confirmTitle')}</h1>
      <p class="kern-body">{a('confirmText')}</p>
      <form method="post" action={`/konto/bestaetigen?lang=${ctx.lang}`}>
        <input type="hidden" name="token" value={token} />
        <Button>{a('confirm')}</Button>
      </form>
    </WizardPage>
  );
}

export function ConfirmedPage({ ctx, totpUri }: { ctx: WizardContext; totpUri: string }) {
  const a = accountText(ctx.lang);
  const secret = new URL(totpUri).searchParams.get('secret') ?? '';
  return (
    <WizardPage ctx={ctx} title={a('confirmedTitle')}>
      <h1 class="kern-heading-x-large">{a('confirmedTitle')}</h1>
      <p class="kern-body">{a('totpText')}</p>
      <p class="kern-body">
        {a('totpKey')}: <code id="totp-secret">{secret}</code>
      </p>
      <p class="kern-body">
        <code id="totp-uri" class="app-break">
          {totpUri}
        </code>
      </p>
      <p class="kern-body">
        <a class="kern-link" href="/anmelden">
          {a('toLogin')}
        </a>
      </p>
    </WizardPage>
  );
}

export function ApplicationsPage({
  ctx,
  rows,
  inOrganisation,
  csrf,
  errors = [],
  children,
}: {
  ctx: WizardContext;
  rows: readonly AccountApplication[];
  inOrganisation: boolean;
  csrf: string;
  errors?: readonly FieldError[];
  /** The organisation's colleagues, where there is one. */
  children?: preact.ComponentChildren;
}) {
  const a = accountText(ctx.lang);
  const when = new Intl.DateTimeFormat(LOCALES[ctx.lang], {
    timeZone: 'Europe/Berlin',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <WizardPage ctx={ctx} title={a('listTitle')} errors={errors}>
      <h1 class="kern-heading-x-large">{a('listTitle')}</h1>
      <p class="kern-body">
        {a('listLead', { organisation: inOrganisation ? a('listLeadOrganisation') : '' })}
      </p>
      <form method="post" action="/antrag/beginnen">
        <Button>{a('startNew')}</Button>
      </form>
      {rows.length === 0 ? (
        <NotificationBanner kind="info" title={a('none')}>
          <p class="kern-body">{a('none')}</p>
        </NotificationBanner>
      ) : (
        <div class="app-table-wrap">
          <table class="kern-table app-table">
            <caption class="kern-sr-only">{a('listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{a('colPersons')}</th>
                <th scope="col">{a('colStatus')}</th>
                <th scope="col">{a('colChanged')}</th>
                <th scope="col">{a('colStartedBy')}</th>
                <th scope="col">{a('colAction')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const persons = r.personNames.length > 0 ? r.personNames.join(', ') : a('noPersons');
                return (
                  <tr key={r.draftId}>
                    <th scope="row">
                      <bdi>{persons}</bdi>
                    </th>
                    <td>{r.caseNumber ? a('submitted', { caseNumber: r.caseNumber }) : a('draft')}</td>
                    <td>{when.format(r.updatedAt)}</td>
                    <td>
                      <bdi>{r.startedBy}</bdi>
                    </td>
                    <td>
                      <form
                        method="post"
                        action={`/konto/antraege/${r.draftId}/oeffnen`}
                        class="app-inline-form"
                      >
                        <input type="hidden" name="_csrf" value={csrf} />
                        <Button variant="secondary">
                          {r.submittedAt ? a('status') : a('continue')}
                          <span class="kern-sr-only"> {persons}</span>
                        </Button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {children}
    </WizardPage>
  );
}

/** "Forgotten password": the address of the account; the answer never says whether it has one. */
export function ForgotPage({
  ctx,
  email = '',
  errors = [],
}: {
  ctx: WizardContext;
  email?: string;
  errors?: readonly FieldError[];
}) {
  const a = accountText(ctx.lang);
  return (
    <WizardPage ctx={ctx} title={a('forgotTitle')} errors={errors}>
      <h1 class="kern-heading-x-large">{a('forgotTitle')}</h1>
      <p class="kern-body">{a('forgotLead')}</p>
      <form method="post" action={`/konto/passwort-vergessen?lang=${ctx.lang}`} novalidate>
        <TextInput
          id="email"
          name="email"
          type="email"
          label={a('email')}
          value={email}
          autocomplete="email"
          spellcheck={false}
          error={errorFor(errors, 'email')}
          errorPrefix={ctx.w('errorPrefix')}
        />
        <Button>{a('forgotSend')}</Button>
      </form>
    </WizardPage>
  );
}

/** The two password fields of a new password, with their errors. */
function NewPassword({ ctx, errors }: { ctx: WizardContext; errors: readonly FieldError[] }) {
  const a = accountText(ctx.lang);
  const prefix = ctx.w('errorPrefix');
  return (
    <>
      <PasswordInput
        id="password"
        label={a('password')}
        hint={a('passwordHint')}
        autocomplete="new-password"
        errorPrefix={prefix}
        {...(errorFor(errors, 'password') ? { error: errorFor(errors, 'password') as string } : {})}
      />
      <PasswordInput
        id="passwordRepeat"
        label={a('passwordRepeat')}
        autocomplete="new-password"
        errorPrefix={prefix}
        {...(errorFor(errors, 'passwordRepeat')
          ? { error: errorFor(errors, 'passwordRepeat') as string }
          : {})}
      />
    </>
  );
}

/** The mailed link leads here: the new password, twice (the token travels on in a hidden field). */
export function ResetPage({
  ctx,
  token,
  errors = [],
}: {
  ctx: WizardContext;
  token: string;
  errors?: readonly FieldError[];
}) {
  const a = accountText(ctx.lang);
  return (
    <WizardPage ctx={ctx} title={a('resetTitle')} errors={errors}>
      <h1 class="kern-heading-x-large">{a('resetTitle')}</h1>
      <p class="kern-body">{a('resetLead')}</p>
      <form method="post" action={`/konto/passwort-neu?lang=${ctx.lang}`} novalidate>
        <input type="hidden" name="token" value={token} />
        <NewPassword ctx={ctx} errors={errors} />
        <Button>{a('resetSave')}</Button>
      </form>
    </WizardPage>
  );
}

/** An invitation's link leads here: name and password of the colleague's own login. */
export function InvitationPage({
  ctx,
  token,
  organisation,
  email,
  name = '',
  errors = [],
}: {
  ctx: WizardContext;
  token: string;
  organisation: string;
  email: string;
  name?: string;
  errors?: readonly FieldError[];
}) {
  const a = accountText(ctx.lang);
  return (
    <WizardPage ctx={ctx} title={a('invitationTitle')} errors={errors}>
      <h1 class="kern-heading-x-large">{a('invitationTitle')}</h1>
      <p class="kern-body">
        <bdi>{a('invitationLead', { organisation, email })}</bdi>
      </p>
      <form method="post" action={`/konto/einladung?lang=${ctx.lang}`} novalidate>
        <input type="hidden" name="token" value={token} />
        <TextInput
          id="name"
          name="name"
          label={a('name')}
          value={name}
          autocomplete="name"
          spellcheck={false}
          dir="auto"
          error={errorFor(errors, 'name')}
          errorPrefix={ctx.w('errorPrefix')}
        />
        <NewPassword ctx={ctx} errors={errors} />
        <Button>{a('invitationAccept')}</Button>
      </form>
    </WizardPage>
  );
}

/** The organisation's people on the account page, with the invitation form. */
export function ColleaguesSection({
  ctx,
  colleagues,
  csrf,
  email = '',
  errors = [],
  invited = false,
}: {
  ctx: WizardContext;
  colleagues: Colleagues;
  csrf: string;
  email?: string;
  errors?: readonly FieldError[];
  invited?: boolean;
}) {
  const a = accountText(ctx.lang);
  const day = new Intl.DateTimeFormat(LOCALES[ctx.lang], { timeZone: 'Europe/Berlin', dateStyle: 'medium' });
  return (
    <section aria-labelledby="kollegen">
      <h2 class="kern-heading-large" id="kollegen">
        {a('colleaguesTitle')}
      </h2>
      {invited ? (
        <NotificationBanner kind="success" title={a('invitedBanner')}>
          <p class="kern-body">{a('invitedBanner')}</p>
        </NotificationBanner>
      ) : null}
      <p class="kern-body">
        <bdi>{a('colleaguesLead', { organisation: colleagues.organisationName })}</bdi>
      </p>
      <ul class="kern-list">
        {colleagues.members.map((m) => (
          <li key={m.email}>
            <bdi>{m.name}</bdi> (<bdi>{m.email}</bdi>)
          </li>
        ))}
      </ul>
      {colleagues.invited.map((i) => (
        <p class="kern-body" key={i.email}>
          {a('colleaguesInvited', { date: day.format(i.expiresAt) })} <bdi>{i.email}</bdi>
        </p>
      ))}
      <form method="post" action={`/konto/kollegen?lang=${ctx.lang}`} novalidate>
        <input type="hidden" name="_csrf" value={csrf} />
        <TextInput
          id="invite-email"
          name="email"
          type="email"
          label={a('inviteEmail')}
          hint={a('inviteHint')}
          value={email}
          autocomplete="off"
          spellcheck={false}
          error={errorFor(errors, 'email')}
          errorPrefix={ctx.w('errorPrefix')}
        />
        <Button variant="secondary">{a('invite')}</Button>
      </form>
    </section>
  );
}
