/**
 * Staff login: e-mail and password (argon2id), then a mandatory TOTP code, then, on the first login, a
 * new password. Each step ends the previous login session and starts one under a new random id (no
 * fixation); only the SHA-256 of an id is stored. Unknown account, wrong password, disabled or locked
 * account all get the same answer after the same work. Every outcome is audited by user id, never by
 * e-mail address; nothing here logs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from '../domain/case/index.ts';
import type {
  AuditTrail,
  Clock,
  LoginSessionStore,
  PasswordHasher,
  Randomness,
  StaffAccount,
  StaffAuthTransactions,
  StaffDirectory,
  StaffRole,
  TotpVerifier,
} from './ports.ts';

export const STAFF_ROLES = [
  'office_clerk',
  'office_head',
  'admin',
  'member',
  'authority',
  // Representatives log in the same way (password and TOTP); their pages are the account's only.
  'representative',
] as const satisfies readonly (StaffRole & Role)[];

export function isStaffRole(role: unknown): role is StaffRole {
  return typeof role === 'string' && (STAFF_ROLES as readonly string[]).includes(role);
}

const MINUTE = 60_000;

/** The limits of the login (quality bar S2). */
export const LOGIN_POLICY = {
  /** Failed attempts (password or code) in a row that lock the account … */
  maxFailures: 5,
  /** … for this long. */
  lockMs: 15 * MINUTE,
  /** A session ends after this long without a request … */
  idleMs: 30 * MINUTE,
  /** … and this long after the login at the latest. */
  absoluteMs: 12 * 60 * MINUTE,
  /** Time to enter the TOTP code after the password. */
  codeStepMs: 10 * MINUTE,
  /** Time to set the new password after the code. */
  passwordStepMs: 30 * MINUTE,
  minPasswordLength: 12,
  /** argon2 hashes anything, but nobody needs more; keeps a request from hashing megabytes. */
  maxPasswordLength: 256,
} as const;

export type LoginStage = 'code' | 'password_change' | 'active';

/** A valid login session of any stage, as the web layer needs it. */
export interface OpenSession {
  stage: LoginStage;
  /** `login_sessions.id`: the SHA-256 of the cookie value (never the value itself). Not for logs. */
  sessionId: string;
  userId: string;
  role: StaffRole;
  name: string;
  organisationId: string | null;
  /** The per-session secret of the CSRF tokens. */
  csrfSecret: string;
  /** Where to go after the login (a same-site path checked by the web layer), if asked for. */
  next: string | null;
  /** When the session ends unless used again: the idle limit or the absolute end, whichever is first. */
  expiresAt: Date;
  /** The absolute end: no use extends the session past it. */
  endsAt: Date;
  /** The clock's time of this check (the time-out warning corrects the browser's clock with it). */
  checkedAt: Date;
}

export type PasswordStepResult = { ok: true; token: string } | { ok: false };

export type CodeStepResult =
  | { ok: true; token: string; stage: 'password_change' | 'active'; next: string | null }
  /** Malformed (not six digits): not counted as an attempt. */
  | { ok: false; kind: 'malformed' }
  /** Wrong or already used: counted; the session stays for another try. */
  | { ok: false; kind: 'wrong' }
  /** No such session any more, or the account is locked or disabled: start again with the password. */
  | { ok: false; kind: 'restart' };

export type PasswordProblem =
  | 'missing'
  | 'too_short'
  | 'too_long'
  | 'is_email'
  | 'same_as_old'
  | 'confirmation_missing'
  | 'confirmation_mismatch';

export type PasswordChangeResult =
  | { ok: true; token: string; next: string | null }
  | {
      ok: false;
      kind: 'invalid';
      problems: { field: 'password' | 'confirmation'; problem: PasswordProblem }[];
    }
  | { ok: false; kind: 'restart' };

export interface StaffAuthDeps {
  directory: StaffDirectory;
  sessions: LoginSessionStore;
  transactions: StaffAuthTransactions;
  hasher: PasswordHasher;
  totp: TotpVerifier;
  clock: Clock;
  random: Randomness;
}

/** SHA-256 of a session cookie value: the only form in which it is stored. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A session token has the shape `Randomness.secret()` gives out; anything else is not looked up. */
export function isSessionTokenShape(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43,128}$/.test(token);
}

interface SessionData {
  stage: LoginStage;
  csrf: string;
  next: string | null;
}

function parseData(data: Record<string, unknown>): SessionData | null {
  const { stage, csrf, next } = data;
  if (stage !== 'code' && stage !== 'password_change' && stage !== 'active') return null;
  if (typeof csrf !== 'string' || csrf.length < 16) return null;
  return { stage, csrf, next: typeof next === 'string' ? next : null };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

const ANONYMOUS = { role: 'anonymous', id: null } as const;

export function staffAuthUseCases(deps: StaffAuthDeps) {
  const { directory, sessions, transactions, hasher, totp, clock, random } = deps;
  const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
  const actorOf = (account: StaffAccount) => ({ role: account.role, id: account.id });
  const resourceOf = (userId: string | null) => ({ type: 'user', id: userId });

  /** Starts a session of a stage under a fresh id; returns the cookie value. */
  async function startSession(
    store: LoginSessionStore,
    userId: string,
    data: SessionData,
    now: Date,
    expiresAt: Date,
  ): Promise<string> {
    const token = random.secret();
    await store.create({ idHash: hashSessionToken(token), userId, data: { ...data }, now, expiresAt });
    return token;
  }

  /** Why an account may not log in now, or null if it may. */
  function refusal(account: StaffAccount, now: Date): string | null {
    if (!isStaffRole(account.role)) return 'not_staff';
    if (account.disabled) return 'disabled';
    if (!account.passwordHash) return 'no_password';
    if (!account.totpSecretSealed) return 'no_second_factor';
    if (account.lockedUntil && account.lockedUntil.getTime() > now.getTime()) return 'locked';
    return null;
  }

  async function countFailure(
    scope: { directory: StaffDirectory; audit: AuditTrail },
    account: StaffAccount,
    now: Date,
    step: 'password' | 'code',
    reason: string,
  ): Promise<boolean> {
    const counted = await scope.directory.recordFailure(account.id, {
      maxFailures: LOGIN_POLICY.maxFailures,
      lockUntil: later(now, LOGIN_POLICY.lockMs),
    });
    await scope.audit.append({
      at: now,
      actor: actorOf(account),
      action: 'login.failed',
      resource: resourceOf(account.id),
      details: { step, reason },
    });
    if (counted.lockedNow) {
      await scope.audit.append({
        at: now,
        actor: actorOf(account),
        action: 'login.locked',
        resource: resourceOf(account.id),
        details: { until: counted.lockedUntil?.toISOString() ?? null, failures: LOGIN_POLICY.maxFailures },
      });
    }
    return counted.lockedNow;
  }

  /**
   * The session behind a cookie value, if it is still valid; touches it (the idle time starts again).
   * An expired session is deleted (and its end audited).
   */
  async function authenticate(token: unknown): Promise<OpenSession | null> {
    if (!isSessionTokenShape(token)) return null;
    const idHash = hashSessionToken(token);
    const found = await sessions.findByIdHash(idHash);
    if (!found) return null;
    const { session, account } = found;
    const now = clock.now();
    const data = parseData(session.data);
    const idleEnd = later(session.lastSeenAt, LOGIN_POLICY.idleMs);
    const reason =
      now.getTime() >= session.expiresAt.getTime()
        ? 'absolute_timeout'
        : now.getTime() >= idleEnd.getTime()
          ? 'idle_timeout'
          : !data
            ? 'malformed'
            : !isStaffRole(account.role) || account.disabled
              ? 'account_unavailable'
              : null;
    if (reason || !data || !isStaffRole(account.role)) {
      await transactions.run(async (scope) => {
        if (!(await scope.sessions.delete(idHash))) return;
        await scope.audit.append({
          at: now,
          actor: actorOf(account),
          action: 'logout',
          resource: resourceOf(account.id),
          details: { reason: reason ?? 'malformed', stage: data?.stage ?? null },
        });
      });
      return null;
    }
    await sessions.touch(idHash, now);
    const idleLimit = later(now, LOGIN_POLICY.idleMs);
    return {
      stage: data.stage,
      sessionId: idHash,
      userId: account.id,
      role: account.role,
      name: account.displayName,
      organisationId: account.organisationId,
      csrfSecret: data.csrf,
      next: data.next,
      expiresAt: idleLimit.getTime() < session.expiresAt.getTime() ? idleLimit : session.expiresAt,
      endsAt: session.expiresAt,
      checkedAt: now,
    };
  }

  /**
   * Step 1: e-mail and password. Always runs one argon2 verification, also for an unknown address.
   * `replacing` is the cookie value the browser sent, if any: that session ends.
   */
  async function passwordStep(input: {
    email: string;
    password: string;
    next: string | null;
    replacing?: string | undefined;
  }): Promise<PasswordStepResult> {
    const email = input.email.trim();
    // Longer than any password that can be set: cut, so that a request cannot make argon2 hash megabytes.
    const password = input.password.normalize('NFC').slice(0, LOGIN_POLICY.maxPasswordLength + 1);
    const found = email.length > 0 && email.length <= 254 ? await directory.findByEmail(email) : null;
    const matches = await hasher.verify(found?.passwordHash ?? null, password);
    const now = clock.now();
    return transactions.run(async (scope) => {
      if (isSessionTokenShape(input.replacing))
        await scope.sessions.delete(hashSessionToken(input.replacing));
      const account = found ? await scope.directory.findById(found.id, { forUpdate: true }) : null;
      if (!account) {
        await scope.audit.append({
          at: now,
          actor: ANONYMOUS,
          action: 'login.failed',
          resource: resourceOf(null),
          details: { step: 'password', reason: 'unknown_account' },
        });
        return { ok: false };
      }
      const refused = refusal(account, now);
      if (refused) {
        await scope.audit.append({
          at: now,
          actor: actorOf(account),
          action: 'login.failed',
          resource: resourceOf(account.id),
          details: { step: 'password', reason: refused },
        });
        return { ok: false };
      }
      if (!matches) {
        await countFailure(scope, account, now, 'password', 'wrong_password');
        return { ok: false };
      }
      const token = await startSession(
        scope.sessions,
        account.id,
        { stage: 'code', csrf: random.secret(), next: input.next },
        now,
        later(now, LOGIN_POLICY.codeStepMs),
      );
      await scope.audit.append({
        at: now,
        actor: actorOf(account),
        action: 'login.password_accepted',
        resource: resourceOf(account.id),
      });
      return { ok: true, token };
    });
  }

  /** Step 2: the TOTP code. A code (its time step) is accepted once only. */
  async function codeStep(token: unknown, rawCode: string): Promise<CodeStepResult> {
    const open = await authenticate(token);
    if (open?.stage !== 'code' || !isSessionTokenShape(token)) return { ok: false, kind: 'restart' };
    const code = rawCode.replace(/[\s-]+/g, '');
    if (!/^[0-9]{6}$/.test(code)) return { ok: false, kind: 'malformed' };
    const now = clock.now();
    const account = await directory.findById(open.userId);
    const checked =
      account?.totpSecretSealed && !refusal(account, now)
        ? await totp.verify(account.totpSecretSealed, code, now)
        : ({ valid: false } as const);
    return transactions.run(async (scope): Promise<CodeStepResult> => {
      const current = await scope.directory.findById(open.userId, { forUpdate: true });
      const refused = current ? refusal(current, now) : 'unknown_account';
      if (!current || refused) {
        await scope.sessions.delete(open.sessionId);
        await scope.audit.append({
          at: now,
          actor: current ? actorOf(current) : ANONYMOUS,
          action: 'login.failed',
          resource: resourceOf(open.userId),
          details: { step: 'code', reason: refused },
        });
        return { ok: false, kind: 'restart' };
      }
      const reused = checked.valid && current.totpLastStep !== null && checked.step <= current.totpLastStep;
      const accepted =
        checked.valid && !reused && (await scope.directory.claimTotpStep(current.id, checked.step));
      if (!accepted) {
        const lockedNow = await countFailure(
          scope,
          current,
          now,
          'code',
          checked.valid ? 'code_reused' : 'wrong_code',
        );
        if (lockedNow) {
          await scope.sessions.delete(open.sessionId);
          return { ok: false, kind: 'restart' };
        }
        return { ok: false, kind: 'wrong' };
      }
      // The half-session is used up; only one request can delete it.
      if (!(await scope.sessions.delete(open.sessionId))) return { ok: false, kind: 'restart' };
      await scope.directory.recordSuccess(current.id);
      const mustChange = current.passwordChangedAt === null;
      const stage = mustChange ? 'password_change' : 'active';
      const next = await startSession(
        scope.sessions,
        current.id,
        { stage, csrf: random.secret(), next: open.next },
        now,
        later(now, mustChange ? LOGIN_POLICY.passwordStepMs : LOGIN_POLICY.absoluteMs),
      );
      await scope.audit.append({
        at: now,
        actor: actorOf(current),
        action: 'login.succeeded',
        resource: resourceOf(current.id),
        details: { passwordChangeRequired: mustChange },
      });
      return { ok: true, token: next, stage, next: open.next };
    });
  }

  /** Step 3 on the first login: a new password replaces the initial one; every other session ends. */
  async function changePassword(
    token: unknown,
    input: { password: string; confirmation: string },
  ): Promise<PasswordChangeResult> {
    const open = await authenticate(token);
    if (open?.stage !== 'password_change') return { ok: false, kind: 'restart' };
    const account = await directory.findById(open.userId);
    if (!account) return { ok: false, kind: 'restart' };
    const password = input.password.normalize('NFC');
    const confirmation = input.confirmation.normalize('NFC');
    const problems: { field: 'password' | 'confirmation'; problem: PasswordProblem }[] = [];
    const length = [...password].length;
    const email = account.email.trim().toLocaleLowerCase('de-DE');
    if (password.length === 0) problems.push({ field: 'password', problem: 'missing' });
    else if (length < LOGIN_POLICY.minPasswordLength)
      problems.push({ field: 'password', problem: 'too_short' });
    else if (password.length > LOGIN_POLICY.maxPasswordLength)
      problems.push({ field: 'password', problem: 'too_long' });
    else if (email.length > 0 && password.trim().toLocaleLowerCase('de-DE').includes(email))
      problems.push({ field: 'password', problem: 'is_email' });
    if (confirmation.length === 0) problems.push({ field: 'confirmation', problem: 'confirmation_missing' });
    else if (password.length > 0 && !sameText(password, confirmation))
      problems.push({ field: 'confirmation', problem: 'confirmation_mismatch' });
    if (problems.length === 0 && (await hasher.verify(account.passwordHash, password)))
      problems.push({ field: 'password', problem: 'same_as_old' });
    if (problems.length > 0) return { ok: false, kind: 'invalid', problems };
    const passwordHash = await hasher.hash(password);
    const now = clock.now();
    return transactions.run(async (scope): Promise<PasswordChangeResult> => {
      // Only the request that still holds the session may change the password.
      if (!(await scope.sessions.delete(open.sessionId))) return { ok: false, kind: 'restart' };
      await scope.directory.setPassword(account.id, passwordHash, now);
      const ended = await scope.sessions.deleteAllOfUser(account.id);
      const next = await startSession(
        scope.sessions,
        account.id,
        { stage: 'active', csrf: random.secret(), next: open.next },
        now,
        later(now, LOGIN_POLICY.absoluteMs),
      );
      await scope.audit.append({
        at: now,
        actor: actorOf(account),
        action: 'user.password_changed',
        resource: resourceOf(account.id),
        details: { initial: account.passwordChangedAt === null, otherSessionsEnded: ended },
      });
      return { ok: true, token: next, next: open.next };
    });
  }

  /** Ends the session on the server (at any stage). Unknown or malformed values are ignored. */
  async function logout(token: unknown): Promise<void> {
    if (!isSessionTokenShape(token)) return;
    const idHash = hashSessionToken(token);
    const found = await sessions.findByIdHash(idHash);
    if (!found) return;
    const now = clock.now();
    await transactions.run(async (scope) => {
      if (!(await scope.sessions.delete(idHash))) return;
      await scope.audit.append({
        at: now,
        actor: actorOf(found.account),
        action: 'logout',
        resource: resourceOf(found.account.id),
        details: { reason: 'user', stage: parseData(found.session.data)?.stage ?? null },
      });
    });
  }

  /** Deletes sessions that nobody will use again (for a periodic job); returns how many. */
  async function purgeExpiredSessions(): Promise<number> {
    const now = clock.now();
    return sessions.deleteExpired(now, new Date(now.getTime() - LOGIN_POLICY.idleMs));
  }

  return { authenticate, passwordStep, codeStep, changePassword, logout, purgeExpiredSessions };
}

export type StaffAuthUseCases = ReturnType<typeof staffAuthUseCases>;
