import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, test } from 'node:test';
import type {
  AuditEntry,
  LoginSessionRecord,
  LoginSessionStore,
  PasswordHasher,
  StaffAccount,
  StaffDirectory,
  TotpVerifier,
} from './ports.ts';
import { hashSessionToken, LOGIN_POLICY, type StaffAuthUseCases, staffAuthUseCases } from './staff-auth.ts';

const MINUTE = 60_000;
const START = new Date('2026-03-02T08:00:00Z');
const EMAIL = 'Sachbearbeitung@Example.org';
const PASSWORD = 'Startpasswort-123';

/** The fake authenticator: the code of a step is the step number's last six digits. */
const codeAt = (at: Date, offsetSteps = 0) =>
  String((Math.floor(at.getTime() / 30_000) + offsetSteps) % 1_000_000).padStart(6, '0');

function world() {
  let now = START;
  const accounts = new Map<string, StaffAccount>();
  const sessions = new Map<string, LoginSessionRecord>();
  const audit: AuditEntry[] = [];
  const hasherCalls: (string | null)[] = [];

  const directory: StaffDirectory = {
    async findByEmail(email) {
      return [...accounts.values()].find((a) => a.email.toLowerCase() === email.toLowerCase()) ?? null;
    },
    async findById(id) {
      const a = accounts.get(id);
      return a ? { ...a } : null;
    },
    async recordFailure(userId, policy) {
      const a = accounts.get(userId);
      if (!a) return { failedLogins: 0, lockedUntil: null, lockedNow: false };
      a.failedLogins += 1;
      if (a.failedLogins >= policy.maxFailures) {
        a.failedLogins = 0;
        a.lockedUntil = policy.lockUntil;
        return { failedLogins: policy.maxFailures, lockedUntil: a.lockedUntil, lockedNow: true };
      }
      return { failedLogins: a.failedLogins, lockedUntil: a.lockedUntil, lockedNow: false };
    },
    async recordSuccess(userId) {
      const a = accounts.get(userId);
      if (a) Object.assign(a, { failedLogins: 0, lockedUntil: null });
    },
    async claimTotpStep(userId, step) {
      const a = accounts.get(userId);
      if (!a || (a.totpLastStep !== null && a.totpLastStep >= step)) return false;
      a.totpLastStep = step;
      return true;
    },
    async setPassword(userId, passwordHash, changedAt) {
      const a = accounts.get(userId);
      if (a) Object.assign(a, { passwordHash, passwordChangedAt: changedAt });
    },
  };
  const store: LoginSessionStore = {
    async create(s) {
      sessions.set(s.idHash, {
        idHash: s.idHash,
        userId: s.userId,
        data: s.data,
        createdAt: s.now,
        lastSeenAt: s.now,
        expiresAt: s.expiresAt,
      });
    },
    async findByIdHash(idHash) {
      const session = sessions.get(idHash);
      const account = session ? accounts.get(session.userId) : undefined;
      return session && account ? { session: { ...session }, account: { ...account } } : null;
    },
    async touch(idHash, at) {
      const s = sessions.get(idHash);
      if (s) s.lastSeenAt = at;
    },
    async delete(idHash) {
      return sessions.delete(idHash);
    },
    async deleteAllOfUser(userId) {
      let n = 0;
      for (const [k, s] of sessions) if (s.userId === userId && sessions.delete(k)) n++;
      return n;
    },
    async deleteExpired(at, idleSince) {
      let n = 0;
      for (const [k, s] of sessions)
        if ((s.expiresAt <= at || s.lastSeenAt <= idleSince) && sessions.delete(k)) n++;
      return n;
    },
  };
  const hasher: PasswordHasher = {
    async hash(password) {
      return `hashed:${password}`;
    },
    async verify(hash, password) {
      hasherCalls.push(hash);
      return hash !== null && hash === `hashed:${password}`;
    },
  };
  const totp: TotpVerifier = {
    async verify(_sealed, code, at) {
      for (const offset of [-1, 0, 1]) {
        if (codeAt(at, offset) === code)
          return { valid: true, step: Math.floor(at.getTime() / 30_000) + offset };
      }
      return { valid: false };
    },
  };
  const auth = staffAuthUseCases({
    directory,
    sessions: store,
    transactions: {
      run: (work) => work({ directory, sessions: store, audit: { append: async (e) => void audit.push(e) } }),
    },
    hasher,
    totp,
    clock: { now: () => now },
    random: { uuid: () => crypto.randomUUID(), secret: () => randomBytes(32).toString('base64url') },
  });
  const account = (over: Partial<StaffAccount> = {}): StaffAccount => {
    const a: StaffAccount = {
      id: crypto.randomUUID(),
      email: EMAIL,
      displayName: 'Jana Schäfer',
      role: 'office_clerk',
      organisationId: null,
      passwordHash: `hashed:${PASSWORD}`,
      totpSecretSealed: 'sealed',
      totpLastStep: null,
      failedLogins: 0,
      lockedUntil: null,
      disabled: false,
      passwordChangedAt: new Date('2026-01-01T00:00:00Z'),
      ...over,
    };
    accounts.set(a.id, a);
    return a;
  };
  return {
    auth,
    accounts,
    sessions,
    audit,
    hasherCalls,
    account,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    now: () => now,
  };
}

type World = ReturnType<typeof world>;

async function fullLogin(w: World, auth: StaffAuthUseCases = w.auth) {
  const first = await auth.passwordStep({ email: EMAIL, password: PASSWORD, next: null });
  assert.ok(first.ok);
  const second = await auth.codeStep(first.token, codeAt(w.now()));
  assert.ok(second.ok, JSON.stringify(second));
  return { half: first.token, full: second.token, stage: second.stage };
}

describe('staff login use cases', () => {
  let w: World;
  beforeEach(() => {
    w = world();
  });

  test('unknown address, wrong password, disabled, locked and non-login accounts get one answer after one hash check', async () => {
    w.account({ email: 'gesperrt@example.org', lockedUntil: new Date(START.getTime() + MINUTE) });
    w.account({ email: 'aus@example.org', disabled: true });
    w.account({ email: 'vertretung@example.org', role: 'applicant' });
    w.account();
    const attempts = [
      { email: 'niemand@example.org', password: PASSWORD },
      { email: EMAIL, password: 'falsch-falsch-falsch' },
      { email: 'gesperrt@example.org', password: PASSWORD },
      { email: 'aus@example.org', password: PASSWORD },
      { email: 'vertretung@example.org', password: PASSWORD },
    ];
    for (const attempt of attempts) {
      w.hasherCalls.length = 0;
      const result = await w.auth.passwordStep({ ...attempt, next: null });
      assert.deepEqual(result, { ok: false }, attempt.email);
      assert.equal(w.hasherCalls.length, 1, `one argon2 check for ${attempt.email}`);
    }
    assert.equal(w.hasherCalls.length, 1);
    assert.equal(w.sessions.size, 0);
    assert.deepEqual(
      w.audit.map((e) => [e.action, e.details?.reason]),
      [
        ['login.failed', 'unknown_account'],
        ['login.failed', 'wrong_password'],
        ['login.failed', 'locked'],
        ['login.failed', 'disabled'],
        ['login.failed', 'not_staff'],
      ],
    );
    assert.ok(!JSON.stringify(w.audit).includes('@'), 'no e-mail address in the audit trail');
    assert.deepEqual(w.audit[0]?.actor, { role: 'anonymous', id: null });
  });

  test('the fifth failure in a row locks the account for 15 minutes, even for the right password', async () => {
    const a = w.account();
    for (let i = 0; i < LOGIN_POLICY.maxFailures; i++) {
      assert.deepEqual(await w.auth.passwordStep({ email: EMAIL, password: `falsch-${i}`, next: null }), {
        ok: false,
      });
    }
    assert.equal(w.accounts.get(a.id)?.lockedUntil?.getTime(), START.getTime() + 15 * MINUTE);
    assert.equal(w.audit.filter((e) => e.action === 'login.locked').length, 1);
    assert.deepEqual(await w.auth.passwordStep({ email: EMAIL, password: PASSWORD, next: null }), {
      ok: false,
    });
    w.advance(15 * MINUTE - 1000);
    assert.equal((await w.auth.passwordStep({ email: EMAIL, password: PASSWORD, next: null })).ok, false);
    w.advance(1000);
    assert.equal((await w.auth.passwordStep({ email: EMAIL, password: PASSWORD, next: null })).ok, true);
  });

  test('four failures do not lock; a completed login starts the count again', async () => {
    const a = w.account();
    for (let i = 0; i < 4; i++) await w.auth.passwordStep({ email: EMAIL, password: 'x', next: null });
    assert.equal(w.accounts.get(a.id)?.lockedUntil, null);
    await fullLogin(w);
    assert.equal(w.accounts.get(a.id)?.failedLogins, 0);
  });

  test('the password alone gives a half-session that is not logged in; the code replaces it by a new one', async () => {
    w.account({ role: 'office_head', displayName: 'Leitung' });
    const first = await w.auth.passwordStep({
      email: `  ${EMAIL.toUpperCase()} `,
      password: PASSWORD,
      next: '/x',
    });
    assert.ok(first.ok);
    assert.equal(w.sessions.has(first.token), false, 'only the hash is stored');
    const half = await w.auth.authenticate(first.token);
    assert.equal(half?.stage, 'code');
    assert.ok(half && half.expiresAt.getTime() <= START.getTime() + LOGIN_POLICY.codeStepMs);
    const second = await w.auth.codeStep(first.token, codeAt(w.now()));
    assert.ok(second.ok);
    assert.equal(second.stage, 'active');
    assert.equal(second.next, '/x');
    assert.notEqual(second.token, first.token);
    assert.equal(await w.auth.authenticate(first.token), null, 'the half-session is gone');
    const full = await w.auth.authenticate(second.token);
    assert.equal(full?.stage, 'active');
    assert.equal(full?.role, 'office_head');
    assert.equal(full?.name, 'Leitung');
    assert.equal(full?.sessionId, hashSessionToken(second.token));
    assert.notEqual(full?.csrfSecret, half?.csrfSecret);
    assert.deepEqual(
      w.audit.map((e) => e.action),
      ['login.password_accepted', 'login.succeeded'],
    );
  });

  test('codes of the previous and next step are accepted, older ones and reused ones are not', async () => {
    w.account();
    const first = await w.auth.passwordStep({ email: EMAIL, password: PASSWORD, next: null });
    assert.ok(first.ok);
    assert.deepEqual(await w.auth.codeStep(first.token, codeAt(w.now(), -2)), { ok: false, kind: 'wrong' });
    assert.deepEqual(await w.auth.codeStep(first.token, '12 34'), { ok: false, kind: 'malformed' });
    const used = codeAt(w.now(), -1);
    const ok = await w.auth.codeStep(first.token, used);
    assert.ok(ok.ok);
    await w.auth.logout(ok.token);
    const again = await w.auth.passwordStep({ email: EMAIL, password: PASSWORD, next: null });
    assert.ok(again.ok);
    assert.deepEqual(await w.auth.codeStep(again.token, used), { ok: false, kind: 'wrong' });
    assert.equal(w.audit.find((e) => e.details?.reason === 'code_reused')?.action, 'login.failed');
    assert.ok((await w.auth.codeStep(again.token, codeAt(w.now(), 1))).ok);
  });

  test('wrong codes count towards the lock; the lock ends the half-session', async () => {
    const a = w.account();
    const first = await w.auth.passwordStep({ email: EMAIL, password: PASSWORD, next: null });
    assert.ok(first.ok);
    for (let i = 0; i < 4; i++)
      assert.deepEqual(await w.auth.codeStep(first.token, '000000'), { ok: false, kind: 'wrong' });
    assert.deepEqual(await w.auth.codeStep(first.token, '000000'), { ok: false, kind: 'restart' });
    assert.ok(w.accounts.get(a.id)?.lockedUntil);
    assert.equal(w.sessions.size, 0);
    assert.deepEqual(await w.auth.codeStep(first.token, codeAt(w.now())), { ok: false, kind: 'restart' });
  });

  test('the code step must come within 10 minutes of the password', async () => {
    w.account();
    const first = await w.auth.passwordStep({ email: EMAIL, password: PASSWORD, next: null });
    assert.ok(first.ok);
    w.advance(LOGIN_POLICY.codeStepMs);
    assert.deepEqual(await w.auth.codeStep(first.token, codeAt(w.now())), { ok: false, kind: 'restart' });
  });

  test('a session ends after 30 idle minutes and 12 hours after the login, audited', async () => {
    w.account();
    const { full } = await fullLogin(w);
    w.advance(30 * MINUTE - 1000);
    assert.ok(await w.auth.authenticate(full), 'still alive just before the idle limit');
    w.advance(30 * MINUTE - 1000);
    assert.ok(await w.auth.authenticate(full), 'each use starts the idle time again');
    w.advance(30 * MINUTE);
    assert.equal(await w.auth.authenticate(full), null);
    assert.equal(w.audit.at(-1)?.details?.reason, 'idle_timeout');

    const { full: second } = await fullLogin(w);
    for (let i = 0; i < 12 * 4 - 1; i++) {
      w.advance(15 * MINUTE);
      assert.ok(await w.auth.authenticate(second), `alive after ${(i + 1) * 15} min`);
    }
    const last = await w.auth.authenticate(second);
    assert.equal(last?.expiresAt.getTime(), w.now().getTime() + 15 * MINUTE, 'the absolute end comes first');
    w.advance(15 * MINUTE);
    assert.equal(await w.auth.authenticate(second), null);
    assert.equal(w.audit.at(-1)?.details?.reason, 'absolute_timeout');
  });

  test('a disabled account loses its session at the next request', async () => {
    const a = w.account();
    const { full } = await fullLogin(w);
    const stored = w.accounts.get(a.id);
    if (stored) stored.disabled = true;
    assert.equal(await w.auth.authenticate(full), null);
    assert.equal(w.sessions.size, 0);
  });

  test('logout deletes the session on the server and is audited', async () => {
    w.account();
    const { full } = await fullLogin(w);
    await w.auth.logout(full);
    assert.equal(w.sessions.size, 0);
    assert.equal(await w.auth.authenticate(full), null);
    assert.equal(w.audit.at(-1)?.action, 'logout');
    await w.auth.logout(full);
    await w.auth.logout('not a token');
    assert.equal(w.audit.filter((e) => e.action === 'logout').length, 1);
  });

  test('the first login forces a new password: rules, then a new session and every other one ended', async () => {
    const a = w.account({ passwordChangedAt: null });
    const elsewhere = await fullLogin(w);
    assert.equal(elsewhere.stage, 'password_change');
    w.advance(30_000); // the next code
    const { full, stage } = await fullLogin(w);
    assert.equal(stage, 'password_change');
    const change = (password: string, confirmation = password) =>
      w.auth.changePassword(full, { password, confirmation });
    const problems = async (password: string, confirmation?: string) => {
      const r = await change(password, confirmation);
      assert.equal(r.ok, false);
      return !r.ok && r.kind === 'invalid' ? r.problems.map((p) => p.problem) : [r];
    };
    assert.deepEqual(await problems('', ''), ['missing', 'confirmation_missing']);
    assert.deepEqual(await problems('elf Zeichen'), ['too_short']);
    assert.deepEqual(await problems('x'.repeat(LOGIN_POLICY.maxPasswordLength + 1)), ['too_long']);
    assert.deepEqual(await problems(EMAIL.toLowerCase()), ['is_email']);
    assert.deepEqual(await problems(PASSWORD), ['same_as_old']);
    assert.deepEqual(await problems('zwölf Zeichen lang', 'zwölf Zeichen lanG'), ['confirmation_mismatch']);
    assert.equal([...'zwölfzeichen'].length, 12);
    const done = await change('zwölfzeichen');
    assert.ok(done.ok);
    assert.equal(w.accounts.get(a.id)?.passwordHash, 'hashed:zwölfzeichen');
    assert.equal(w.accounts.get(a.id)?.passwordChangedAt?.getTime(), w.now().getTime());
    assert.equal(await w.auth.authenticate(full), null, 'the session id changed');
    assert.equal(await w.auth.authenticate(elsewhere.full), null, 'other sessions ended');
    assert.equal((await w.auth.authenticate(done.token))?.stage, 'active');
    assert.equal(w.audit.at(-1)?.action, 'user.password_changed');
    assert.deepEqual(await w.auth.changePassword(done.token, { password: 'a', confirmation: 'a' }), {
      ok: false,
      kind: 'restart',
    });
  });

  test('only the password stage may change the password, and a code step needs the code stage', async () => {
    w.account();
    const { half, full } = await fullLogin(w);
    assert.deepEqual(
      await w.auth.changePassword(full, { password: 'neues-passwort-1', confirmation: 'neues-passwort-1' }),
      {
        ok: false,
        kind: 'restart',
      },
    );
    assert.deepEqual(await w.auth.codeStep(full, codeAt(w.now())), { ok: false, kind: 'restart' });
    assert.deepEqual(await w.auth.codeStep(half, codeAt(w.now())), { ok: false, kind: 'restart' });
  });

  test('a new password step ends the session the browser still had', async () => {
    w.account();
    const { full } = await fullLogin(w);
    const next = await w.auth.passwordStep({ email: EMAIL, password: PASSWORD, next: null, replacing: full });
    assert.ok(next.ok);
    assert.equal(await w.auth.authenticate(full), null);
  });

  test('expired sessions are purged', async () => {
    w.account();
    await fullLogin(w);
    w.advance(30_000);
    const { full } = await fullLogin(w);
    w.advance(20 * MINUTE);
    await w.auth.authenticate(full);
    w.advance(15 * MINUTE);
    assert.equal(await w.auth.purgeExpiredSessions(), 1);
    assert.equal(w.sessions.size, 1);
  });
});
