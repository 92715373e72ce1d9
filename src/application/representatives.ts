/**
 * Representatives' accounts: a person, or the staff of a counselling centre or law firm. Registering
 * needs a confirmed e-mail address; logging in is the staff login (password and TOTP). The account
 * sees the drafts and cases it, or a colleague of its organisation, started.
 */
import { z } from 'zod';
import type { Actor } from '../domain/case/index.ts';
import { hashResumeToken, isResumeTokenShape, MAIL_JOB_KIND } from './drafts.ts';
import type {
  AccountApplication,
  Clock,
  Colleagues,
  Randomness,
  RepresentativeAccounts,
  UnitOfWork,
} from './ports.ts';
import { LOGIN_POLICY } from './staff-auth.ts';

export const REGISTRATION_HOURS = 48;
/** A password link is short-lived; an invitation waits a week. */
export const RESET_HOURS = 1;
export const INVITATION_DAYS = 7;

export interface PasswordTexts {
  passwordShort: string;
  passwordRepeat: string;
}

export interface RecoveryMails {
  reset(input: { link: string; hours: number }): { subject: string; text: string };
  changed(input: { loginLink: string }): { subject: string; text: string };
}

export interface InvitationMails {
  invite(input: { link: string; days: number; organisation: string; inviter: string }): {
    subject: string;
    text: string;
  };
}

type FieldErrors = { ok: false; errors: { path: string; message: string }[] };

function passwordErrors(password: string, repeat: string, t: PasswordTexts): FieldErrors['errors'] {
  const errors: FieldErrors['errors'] = [];
  if (password.length < LOGIN_POLICY.minPasswordLength || password.length > 1000)
    errors.push({ path: 'password', message: t.passwordShort });
  if (password !== repeat) errors.push({ path: 'passwordRepeat', message: t.passwordRepeat });
  return errors;
}

export interface RegistrationInput {
  kind: string;
  name: string;
  organisationName: string;
  organisationKind: string;
  email: string;
  password: string;
  passwordRepeat: string;
}

export interface RegistrationTexts {
  kind: string;
  name: string;
  organisationName: string;
  organisationKind: string;
  email: string;
  passwordShort: string;
  passwordRepeat: string;
}

export interface RegistrationMails {
  confirm(input: { link: string; hours: number }): { subject: string; text: string };
  alreadyRegistered(input: { loginLink: string }): { subject: string; text: string };
}

function registrationSchema(t: RegistrationTexts) {
  return z
    .object({
      kind: z.enum(['person', 'organisation'], { error: t.kind }),
      name: z.string().trim().min(1, t.name).max(200, t.name),
      organisationName: z.string().trim().max(200, t.organisationName),
      organisationKind: z.string(),
      email: z.email({ error: t.email }).max(254, t.email),
      password: z.string().min(LOGIN_POLICY.minPasswordLength, t.passwordShort).max(1000, t.passwordShort),
      passwordRepeat: z.string(),
    })
    .superRefine((v, ctx) => {
      if (v.password !== v.passwordRepeat)
        ctx.addIssue({ code: 'custom', path: ['passwordRepeat'], message: t.passwordRepeat });
      if (v.kind === 'organisation') {
        if (!v.organisationName)
          ctx.addIssue({ code: 'custom', path: ['organisationName'], message: t.organisationName });
        if (v.organisationKind !== 'counselling' && v.organisationKind !== 'law_firm')
          ctx.addIssue({ code: 'custom', path: ['organisationKind'], message: t.organisationKind });
      }
    });
}

export function representativeUseCases(deps: {
  accounts: RepresentativeAccounts;
  uow: UnitOfWork;
  clock: Clock;
  random: Randomness;
  publicUrl: string;
  /** A fresh key to a draft for the owner's browser. */
  keyForDraft(draftId: string): Promise<string>;
}) {
  const base = deps.publicUrl.replace(/\/$/, '');
  const mail = (to: string, message: { subject: string; text: string }, key: string) =>
    deps.uow.run(({ outbox }) =>
      outbox.enqueue({ kind: MAIL_JOB_KIND, payload: { to: [to], ...message }, idempotencyKey: key }),
    );
  const isRepresentative = (actor: Actor) => actor.role === 'representative';

  return {
    /**
     * Validates the registration and mails a confirmation link. The answer does not tell whether the
     * address already has an account (that address gets a mail saying so instead).
     */
    async register(
      input: RegistrationInput,
      texts: RegistrationTexts,
      mails: RegistrationMails,
    ): Promise<{ ok: true } | { ok: false; errors: { path: string; message: string }[] }> {
      const parsed = registrationSchema(texts).safeParse(input);
      if (!parsed.success) {
        return {
          ok: false,
          errors: parsed.error.issues.map((i) => ({
            path: String(i.path[0] ?? 'email'),
            message: i.message,
          })),
        };
      }
      const v = parsed.data;
      const email = v.email.trim();
      const id = deps.random.uuid();
      if (await deps.accounts.emailTaken(email)) {
        await mail(
          email,
          mails.alreadyRegistered({ loginLink: `${base}/anmelden` }),
          `registration-taken:${id}`,
        );
        return { ok: true };
      }
      const token = deps.random.secret();
      await deps.accounts.savePending({
        tokenHash: hashResumeToken(token),
        email,
        name: v.name,
        organisation:
          v.kind === 'organisation'
            ? { name: v.organisationName, kind: v.organisationKind as 'counselling' | 'law_firm' }
            : null,
        password: v.password,
        expiresAt: new Date(deps.clock.now().getTime() + REGISTRATION_HOURS * 3600 * 1000),
      });
      await mail(
        email,
        mails.confirm({ link: `${base}/konto/bestaetigen/${token}`, hours: REGISTRATION_HOURS }),
        `registration:${id}`,
      );
      return { ok: true };
    },

    /** Confirms the address: the account exists from now on; the authenticator URI is shown once. */
    confirm(token: string) {
      if (!isResumeTokenShape(token))
        return Promise.resolve({ ok: false as const, kind: 'unknown' as const });
      return deps.accounts.confirm(hashResumeToken(token), deps.clock.now());
    },

    /**
     * Mails a link to set a new password if a representative account has this address; the answer is
     * the same either way. Staff accounts get nothing: their administrator resets them.
     */
    async requestReset(email: string, mails: RecoveryMails): Promise<void> {
      const address = email.trim().slice(0, 254);
      if (!z.email().safeParse(address).success) return;
      const account = await deps.accounts.representativeByEmail(address);
      if (!account) return;
      const token = deps.random.secret();
      await deps.accounts.saveReset({
        tokenHash: hashResumeToken(token),
        userId: account.userId,
        expiresAt: new Date(deps.clock.now().getTime() + RESET_HOURS * 3600 * 1000),
      });
      await mail(
        account.email,
        mails.reset({ link: `${base}/konto/passwort-neu/${token}`, hours: RESET_HOURS }),
        `password-reset:${deps.random.uuid()}`,
      );
    },

    /** Sets the new password from the link; every login of the account ends; a mail tells the owner. */
    async resetPassword(
      token: string,
      input: { password: string; passwordRepeat: string },
      texts: PasswordTexts,
      mails: RecoveryMails,
    ): Promise<{ ok: true } | FieldErrors | { ok: false; kind: 'unknown' | 'expired' }> {
      if (!isResumeTokenShape(token)) return { ok: false, kind: 'unknown' };
      const errors = passwordErrors(input.password, input.passwordRepeat, texts);
      if (errors.length > 0) return { ok: false, errors };
      const done = await deps.accounts.resetPassword(
        hashResumeToken(token),
        input.password,
        deps.clock.now(),
      );
      if (!done.ok) return done;
      await mail(
        done.email,
        mails.changed({ loginLink: `${base}/anmelden` }),
        `password-changed:${deps.random.uuid()}`,
      );
      return { ok: true };
    },

    /** The colleagues of the actor's organisation (null without an organisation). */
    async colleagues(actor: Actor & { organisationId?: string | null }): Promise<Colleagues | null> {
      if (!isRepresentative(actor) || !actor.organisationId) return null;
      return deps.accounts.colleagues(actor.organisationId);
    },

    /** Invites a colleague into the actor's organisation by mail; an address with an account gets none. */
    async invite(
      actor: Actor & { organisationId?: string | null; name?: string },
      email: string,
      texts: { email: string },
      mails: InvitationMails,
    ): Promise<{ ok: true } | FieldErrors | null> {
      if (!isRepresentative(actor) || !actor.organisationId) return null;
      const address = email.trim();
      if (!z.email().max(254).safeParse(address).success)
        return { ok: false, errors: [{ path: 'email', message: texts.email }] };
      if (await deps.accounts.emailTaken(address)) return { ok: true };
      const circle = await deps.accounts.colleagues(actor.organisationId);
      const token = deps.random.secret();
      await deps.accounts.saveInvitation({
        tokenHash: hashResumeToken(token),
        organisationId: actor.organisationId,
        invitedBy: actor.id,
        email: address,
        expiresAt: new Date(deps.clock.now().getTime() + INVITATION_DAYS * 24 * 3600 * 1000),
      });
      await mail(
        address,
        mails.invite({
          link: `${base}/konto/einladung/${token}`,
          days: INVITATION_DAYS,
          organisation: circle.organisationName,
          inviter: actor.name ?? '',
        }),
        `invitation:${deps.random.uuid()}`,
      );
      return { ok: true };
    },

    /** The open invitation behind a link: its address and organisation. */
    invitation(token: string) {
      if (!isResumeTokenShape(token))
        return Promise.resolve({ ok: false as const, kind: 'unknown' as const });
      return deps.accounts.invitation(hashResumeToken(token), deps.clock.now());
    },

    /** Accepts the invitation with a name and password: the account exists; the TOTP key is shown once. */
    async acceptInvitation(
      token: string,
      input: { name: string; password: string; passwordRepeat: string },
      texts: PasswordTexts & { name: string },
    ) {
      if (!isResumeTokenShape(token)) return { ok: false as const, kind: 'unknown' as const };
      const name = input.name.trim();
      const errors = [
        ...(name.length < 1 || name.length > 200 ? [{ path: 'name', message: texts.name }] : []),
        ...passwordErrors(input.password, input.passwordRepeat, texts),
      ];
      if (errors.length > 0) return { ok: false as const, errors };
      return deps.accounts.acceptInvitation(
        hashResumeToken(token),
        { name, password: input.password },
        deps.clock.now(),
      );
    },

    /** Housekeeping: expired registrations, password links and invitations; how many went. */
    purgeExpired: () => deps.accounts.purgeExpired(deps.clock.now()),

    async applications(actor: Actor): Promise<AccountApplication[] | null> {
      return isRepresentative(actor) ? deps.accounts.applications(actor.id) : null;
    },

    /** A key to open one of the account's drafts in this browser; null if it is not the account's. */
    async open(actor: Actor, draftId: string): Promise<string | null> {
      if (!isRepresentative(actor) || !/^[0-9a-f-]{36}$/.test(draftId)) return null;
      if (!(await deps.accounts.owns(actor.id, draftId))) return null;
      return deps.keyForDraft(draftId);
    },
  };
}

export type RepresentativeUseCases = ReturnType<typeof representativeUseCases>;
