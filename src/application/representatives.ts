/**
 * Representatives' accounts: a person, or the staff of a counselling centre or law firm. Registering
 * needs a confirmed e-mail address; logging in is the staff login (password and TOTP). The account
 * sees the drafts and cases it, or a colleague of its organisation, started.
 */
import { z } from 'zod';
import type { Actor } from '../domain/case/index.ts';
import { hashResumeToken, isResumeTokenShape, MAIL_JOB_KIND } from './drafts.ts';
import type { AccountApplication, Clock, Randomness, RepresentativeAccounts, UnitOfWork } from './ports.ts';
import { LOGIN_POLICY } from './staff-auth.ts';

export const REGISTRATION_HOURS = 48;

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
