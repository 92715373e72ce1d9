/**
 * Staff login over HTTP (quality bar S2, S3, S8): the real web app (`buildApp`, with its helmet, cookie,
 * formbody and rate-limit plugins, Origin check, logger redaction and error pages) plus the staff login,
 * over a real test database, with argon2id and otplib. Time is an injected clock, so the 30-minute and
 * 12-hour limits are tested without waiting. app.tsx does not register the login yet, so the test does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '../../src/adapters/db/audit-log.ts';
import { STAFF_COOKIE } from '../../src/web/auth/session.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import {
  createStaffUser,
  type StaffTestApp,
  type StaffUser,
  startStaffTestApp,
  totpCode,
} from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const MINUTE = 60_000;

/** Everything secret that went over the wire: none of it may appear in a log line. */
const secrets = new Set<string>();
const codes = new Set<string>();

let now = new Date();
const clock = { now: () => now };
const advance = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

type User = StaffUser;

let db: TestDatabase;
let userCount = 0;

/** A staff account; unless `initial`, its password counts as already changed (no forced change). */
async function createUser(role: 'office_clerk' | 'office_head' | 'member' = 'office_clerk', initial = false) {
  userCount++;
  const email = `Person.${userCount}.${role}@Example.org`;
  const user = await createStaffUser(
    db,
    { email, name: `Person ${userCount}`, role },
    { initial, changedAt: now },
  );
  secrets.add(email).add(email.toLowerCase()).add(user.password).add(user.secret);
  return user;
}

async function codeFor(user: User, stepOffset = 0): Promise<string> {
  const code = await totpCode(user, now, stepOffset);
  codes.add(code);
  return code;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

function remember(client: WebClient) {
  const value = client.cookies.get(STAFF_COOKIE);
  if (value) secrets.add(value);
  return value;
}

type Harness = StaffTestApp;

function startHarness(
  publicUrl: string,
  rateLimit?: { attemptsPerMinute?: number; pagesPerMinute?: number },
) {
  return startStaffTestApp({ db, clock, publicUrl, ...(rateLimit ? { rateLimit } : {}) });
}

/** Password and code; returns the responses of both steps. */
async function login(client: WebClient, user: User, options: { next?: string; password?: string } = {}) {
  advance(30_000); // a fresh TOTP step, so that no test reuses another's code by accident
  const password = await client.post('/anmelden', {
    email: user.email,
    password: options.password ?? user.password,
    ...(options.next ? { weiter: options.next } : {}),
  });
  remember(client);
  if (password.status !== 303) return { password, code: null };
  const page = await client.get('/anmelden/code');
  const code = await client.post('/anmelden/code', { _csrf: csrfOf(page.body), code: await codeFor(user) });
  remember(client);
  return { password, code };
}

async function loggedIn(client: WebClient): Promise<boolean> {
  const response = await client.get('/geschaeftsstelle');
  return response.status === 200;
}

before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db.close();
});

describe('staff login over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness('http://localhost:3000', { attemptsPerMinute: 10_000, pagesPerMinute: 10_000 });
  });
  after(() => h.close());

  test('passwords are stored as argon2id; the password alone is no login, the TOTP code completes it', async () => {
    const user = await createUser();
    const row = await db.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash ?? '', /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.ok(!row.totp_secret_enc?.includes(user.secret));

    const client = new WebClient(h.url);
    const first = await client.post('/anmelden', { email: user.email, password: user.password });
    assert.equal(first.status, 303);
    assert.equal(first.location, '/anmelden/code');
    assert.equal(await loggedIn(client), false, 'no access with the password only');
    const gate = await client.get('/geschaeftsstelle');
    assert.equal(gate.location, '/anmelden/code', 'a half-finished login is sent on to the code');
    const page = await client.get('/anmelden/code');
    assert.equal(page.status, 200);
    assert.match(page.body, /autocomplete="one-time-code"/);
    const wrong = await client.post('/anmelden/code', { _csrf: csrfOf(page.body), code: '000000' });
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /Der Code ist nicht richtig/);
    assert.match(wrong.body, /href="#code"/, 'the error summary links to the field');
    assert.equal(await loggedIn(client), false);
    const done = await client.post('/anmelden/code', {
      _csrf: csrfOf(wrong.body),
      code: await codeFor(user),
    });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/geschaeftsstelle');
    remember(client);
    const home = await client.get('/geschaeftsstelle');
    assert.equal(home.status, 200);
    assert.match(home.body, /Angemeldet als Person/);
    const stored = await db.db
      .selectFrom('login_sessions')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    assert.equal(stored.length, 1);
    assert.match(stored[0]?.id ?? '', /^[0-9a-f]{64}$/);
    assert.notEqual(stored[0]?.id, client.cookies.get(STAFF_COOKIE), 'only the hash is stored');
  });

  test('every step gives a new session id and the previous one is dead (no fixation)', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    const planted = Buffer.alloc(32, 7).toString('base64url');
    client.cookies.set(STAFF_COOKIE, planted);
    advance(30_000);
    await client.post('/anmelden', { email: user.email, password: user.password });
    const half = remember(client);
    assert.ok(half && half !== planted, 'the login ignores a cookie value it did not issue');
    const page = await client.get('/anmelden/code');
    await client.post('/anmelden/code', { _csrf: csrfOf(page.body), code: await codeFor(user) });
    const full = remember(client);
    assert.ok(full && full !== half);
    assert.equal(await loggedIn(client), true);

    const stale = new WebClient(h.url);
    stale.cookies.set(STAFF_COOKIE, half);
    assert.equal(await loggedIn(stale), false, 'the half-session cookie does not work any more');
    const retry = await stale.get('/anmelden/code');
    assert.equal(retry.status, 303);
    assert.equal(stale.cookies.has(STAFF_COOKIE), false, 'a dead cookie is cleared');
  });

  test('a TOTP code is accepted once only; the next code works', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    const { code } = await login(client, user);
    assert.equal(code?.status, 303);
    const used = [...codes].at(-1) ?? '';
    const page = await client.get('/geschaeftsstelle');
    await client.post('/abmelden', { _csrf: csrfOf(page.body) });

    await client.post('/anmelden', { email: user.email, password: user.password });
    const codePage = await client.get('/anmelden/code');
    const reused = await client.post('/anmelden/code', { _csrf: csrfOf(codePage.body), code: used });
    assert.equal(reused.status, 400, 'the same code twice is refused');
    assert.equal(await loggedIn(client), false);
    advance(30_000);
    const fresh = await client.post('/anmelden/code', {
      _csrf: csrfOf(reused.body),
      code: await codeFor(user),
    });
    assert.equal(fresh.status, 303);
    remember(client);
    assert.equal(await loggedIn(client), true);
  });

  test('unknown address, wrong password, locked and disabled accounts get the same answer', async () => {
    const user = await createUser();
    const disabled = await createUser();
    await db.db.updateTable('users').set({ disabled: true }).where('id', '=', disabled.id).execute();
    const locked = await createUser();
    await db.db
      .updateTable('users')
      .set({ locked_until: new Date(now.getTime() + 10 * MINUTE) })
      .where('id', '=', locked.id)
      .execute();
    const answer = async (email: string, password: string) => {
      const client = new WebClient(h.url);
      const response = await client.post('/anmelden', { email, password });
      assert.equal(client.cookies.has(STAFF_COOKIE), false, `no cookie for ${email}`);
      return { status: response.status, body: response.body.replaceAll(email, 'ADRESSE') };
    };
    secrets.add('niemand@example.org').add('falsches-passwort-123');
    const unknown = await answer('niemand@example.org', user.password);
    const wrong = await answer(user.email, 'falsches-passwort-123');
    const lockedRight = await answer(locked.email, locked.password);
    const disabledRight = await answer(disabled.email, disabled.password);
    assert.equal(unknown.status, 400);
    assert.match(unknown.body, /Die E-Mail-Adresse oder das Passwort ist nicht richtig/);
    assert.match(unknown.body, /value="ADRESSE"/, 'the typed address stays in the field');
    assert.ok(!unknown.body.includes(user.password), 'the password never comes back');
    for (const other of [wrong, lockedRight, disabledRight]) {
      assert.equal(other.status, unknown.status);
      assert.equal(other.body, unknown.body);
    }
  });

  test('after 5 failures the account is locked for 15 minutes, also against the right password', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    for (let i = 1; i <= 5; i++) {
      const response = await client.post('/anmelden', { email: user.email, password: `falsch-${i}` });
      assert.equal(response.status, 400);
    }
    const row = await db.db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', user.id)
      .executeTakeFirst();
    assert.equal(row?.locked_until?.getTime(), now.getTime() + 15 * MINUTE);
    const { password: refused } = await login(client, user);
    assert.equal(refused.status, 400, 'the right password does not help while locked');
    advance(15 * MINUTE);
    const { code } = await login(client, user);
    assert.equal(code?.status, 303, 'after 15 minutes the login works again');
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('resource_id', '=', user.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      [
        'user.created',
        ...Array(5).fill('login.failed'),
        'login.locked',
        'login.failed',
        'login.password_accepted',
        'login.succeeded',
      ],
    );
  });

  test('wrong codes count towards the lock, too', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    advance(30_000);
    await client.post('/anmelden', { email: user.email, password: user.password });
    let page = await client.get('/anmelden/code');
    for (let i = 0; i < 4; i++) {
      page = await client.post('/anmelden/code', { _csrf: csrfOf(page.body), code: '999999' });
      assert.equal(page.status, 400);
    }
    const last = await client.post('/anmelden/code', { _csrf: csrfOf(page.body), code: '999999' });
    assert.equal(last.status, 303);
    assert.equal(last.location, '/anmelden?neu=1');
    const { password } = await login(client, user);
    assert.equal(password.status, 400, 'locked');
  });

  test('a session ends after 30 minutes without a request', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    await login(client, user);
    advance(29 * MINUTE);
    assert.equal(await loggedIn(client), true);
    advance(29 * MINUTE);
    assert.equal(await loggedIn(client), true, 'each request starts the idle time again');
    const cookie = client.cookies.get(STAFF_COOKIE);
    advance(30 * MINUTE);
    const gone = await client.get('/geschaeftsstelle');
    assert.equal(gone.status, 303);
    assert.equal(gone.location, '/anmelden?abgelaufen=1&weiter=%2Fgeschaeftsstelle');
    const expired = await client.get(gone.location ?? '');
    assert.match(expired.body, /Ihre Sitzung ist abgelaufen/);
    const rows = await db.db
      .selectFrom('login_sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    assert.equal(rows.length, 0, 'the expired session is deleted');
    const again = new WebClient(h.url);
    again.cookies.set(STAFF_COOKIE, cookie ?? '');
    assert.equal(await loggedIn(again), false);
  });

  test('a session ends 12 hours after the login, however busy', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    await login(client, user);
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      advance(20 * MINUTE);
      assert.equal(await loggedIn(client), true, `after ${minutes} minutes`);
    }
    advance(20 * MINUTE);
    assert.equal(await loggedIn(client), false);
  });

  test('logout ends the session on the server: the old cookie no longer works', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    await login(client, user);
    const cookie = client.cookies.get(STAFF_COOKIE) ?? '';
    const page = await client.get('/geschaeftsstelle');
    const refused = await client.post('/abmelden', {});
    assert.equal(refused.status, 403, 'logout needs the CSRF token');
    assert.equal(await loggedIn(client), true);
    const out = await client.post('/abmelden', { _csrf: csrfOf(page.body) });
    assert.equal(out.status, 303);
    assert.equal(out.location, '/anmelden?abgemeldet=1');
    assert.equal(client.cookies.has(STAFF_COOKIE), false, 'the browser is told to forget the cookie');
    const rows = await db.db
      .selectFrom('login_sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    assert.equal(rows.length, 0);
    const replay = new WebClient(h.url);
    replay.cookies.set(STAFF_COOKIE, cookie);
    assert.equal(await loggedIn(replay), false);
    const audit = await db.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('resource_id', '=', user.id)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    assert.deepEqual(audit, { action: 'logout', details: { reason: 'user', stage: 'active' } });
  });

  test('the first login forces a new password, with errors at the fields; then the new one counts', async () => {
    const user = await createUser('office_head', true);
    const client = new WebClient(h.url);
    const { code } = await login(client, user, { next: '/geschaeftsstelle/akte/42' });
    assert.equal(code?.location, '/anmelden/passwort');
    const beforeChange = remember(client);
    const gate = await client.get('/geschaeftsstelle');
    assert.equal(gate.location, '/anmelden/passwort', 'nothing else before the new password');
    let page = await client.get('/anmelden/passwort');
    assert.equal(page.status, 200);
    assert.match(page.body, /autocomplete="new-password"/);
    const attempt = async (password: string, confirmation = password) => {
      page = await client.post('/anmelden/passwort', { _csrf: csrfOf(page.body), password, confirmation });
      return page;
    };
    const short = await attempt('zu kurz');
    assert.equal(short.status, 400);
    assert.match(short.body, /id="password-error"[\s\S]*mindestens 12 Zeichen/);
    assert.match(short.body, /href="#password"[^>]*>Das Passwort muss mindestens 12 Zeichen lang sein/);
    assert.ok(!short.body.includes('zu kurz'), 'the password is not shown again');
    assert.match((await attempt(user.email.toLowerCase())).body, /nicht Ihre E-Mail-Adresse enthalten/);
    assert.match((await attempt(user.password)).body, /vom Startpasswort unterscheiden/);
    assert.match(
      (await attempt('ein langer Satz als Passwort', 'ein anderer Satz')).body,
      /href="#confirmation"[^>]*>Die beiden Passwörter stimmen nicht überein/,
    );
    const chosen = 'Kaffee am Rhein um sieben';
    secrets.add(chosen);
    const done = await attempt(chosen);
    assert.equal(done.status, 303);
    assert.equal(done.location, '/geschaeftsstelle/akte/42', 'then on to where the user wanted to go');
    const after = remember(client);
    assert.notEqual(after, beforeChange);
    assert.equal((await client.get('/geschaeftsstelle/akte/42')).status, 200);
    const row = await db.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    assert.match(row.password_hash ?? '', /^\$argon2id\$/);
    assert.ok(row.password_changed_at);

    const other = new WebClient(h.url);
    const { password: old } = await login(other, user);
    assert.equal(old.status, 400, 'the initial password is gone');
    const { code: fresh } = await login(other, user, { password: chosen });
    assert.equal(fresh?.location, '/geschaeftsstelle', 'no second forced change');
  });

  test('cross-site posts and posts without a valid CSRF token are refused on logged-in routes', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    await login(client, user);
    const token = csrfOf((await client.get('/geschaeftsstelle')).body);
    assert.ok(token);
    const post = (body: Record<string, string>, headers: Record<string, string | null> = {}) =>
      client.requestWithHeaders('POST', '/geschaeftsstelle/aktion', body, headers);
    assert.equal((await post({ _csrf: token }, { origin: 'https://evil.example' })).status, 403);
    assert.equal(
      (await post({ _csrf: token }, { origin: null, 'sec-fetch-site': 'cross-site' })).status,
      403,
    );
    assert.equal((await post({})).status, 403, 'no token');
    assert.equal((await post({ _csrf: `${token.slice(0, -2)}xx` })).status, 403, 'a wrong token');
    const other = new WebClient(h.url);
    await login(other, await createUser());
    const foreign = csrfOf((await other.get('/geschaeftsstelle')).body);
    assert.equal((await post({ _csrf: foreign })).status, 403, "another session's token");
    const ok = await post({ _csrf: token });
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(ok.body), { done: true });
    assert.equal((await post({}, { 'x-csrf-token': token })).status, 200, 'the header works too');
    assert.equal(await loggedIn(client), true);
  });

  test('the session cookie is HttpOnly, SameSite=Strict, Path=/ (and Secure under https)', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    const response = await client.post('/anmelden', { email: user.email, password: user.password });
    remember(client);
    const line = response.headers.getSetCookie().find((c) => c.startsWith(`${STAFF_COOKIE}=`)) ?? '';
    assert.match(line, /; HttpOnly/i);
    assert.match(line, /; SameSite=Strict/i);
    assert.match(line, /; Path=\//i);
    assert.doesNotMatch(line, /Secure/i);
    assert.doesNotMatch(line, /Max-Age|Expires/i, 'a browser-session cookie; the server decides the end');
    assert.match(client.cookies.get(STAFF_COOKIE) ?? '', /^[A-Za-z0-9_-]{43}$/, '256 random bits');

    const secure = await startHarness('https://haertefall.example');
    try {
      const other = new WebClient(secure.url);
      const answer = await other.requestWithHeaders(
        'POST',
        '/anmelden',
        { email: user.email, password: user.password },
        { origin: 'https://haertefall.example' },
      );
      remember(other);
      const secureLine = answer.headers.getSetCookie().find((c) => c.startsWith(`${STAFF_COOKIE}=`)) ?? '';
      assert.match(secureLine, /; Secure/i);
      assert.match(secureLine, /; HttpOnly/i);
    } finally {
      await secure.close();
    }
  });

  test('another role gets the ordinary 404 page; logged-out visitors go to the login and come back', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    const gate = await client.get('/geschaeftsstelle/akte/7?tab=2');
    assert.equal(gate.status, 303);
    assert.equal(gate.location, '/anmelden?weiter=%2Fgeschaeftsstelle%2Fakte%2F7%3Ftab%3D2');
    const loginPage = await client.get(gate.location ?? '');
    assert.match(loginPage.body, /name="weiter" value="\/geschaeftsstelle\/akte\/7\?tab=2"/);
    const { code } = await login(client, user, { next: '/geschaeftsstelle/akte/7?tab=2' });
    assert.equal(code?.location, '/geschaeftsstelle/akte/7?tab=2');

    const notYours = await client.get('/kommission');
    const nothing = await client.get('/gibt-es-nicht');
    assert.equal(notYours.status, 404);
    assert.equal(
      notYours.body.replaceAll('/kommission', 'PFAD'),
      nothing.body.replaceAll('/gibt-es-nicht', 'PFAD'),
      'the same page as for an address that does not exist',
    );
    assert.equal(await loggedIn(client), true);

    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/anmelden/code']) {
      const c = new WebClient(h.url);
      const { code: redirected } = await login(c, user, { next: evil });
      assert.equal(redirected?.location, '/geschaeftsstelle', evil);
    }
  });

  test('the session can be extended (page without JavaScript, JSON for the warning script)', async () => {
    const user = await createUser();
    const client = new WebClient(h.url);
    await login(client, user);
    const page = await client.get('/sitzung/verlaengern');
    assert.equal(page.status, 200);
    assert.match(page.body, /<dialog id="hfk-session-timeout"/);
    assert.match(page.body, /data-session-expires="([^"]+)"/);
    assert.match(page.body, /<script src="\/assets\/session-timeout.js" defer/);
    // Staff pages stay German even when this browser chose Arabic on the public pages.
    const chosen = await client.get('/sitzung/verlaengern?lang=ar');
    assert.match(chosen.body, /<html lang="de"/);
    assert.match(chosen.body, /Angemeldet bleiben/);
    const script = await client.get('/assets/session-timeout.js');
    assert.equal(script.status, 200);
    advance(20 * MINUTE);
    const json = await client.requestWithHeaders(
      'POST',
      '/sitzung/verlaengern',
      { _csrf: csrfOf(page.body) },
      { accept: 'application/json' },
    );
    assert.equal(json.status, 200);
    const answer = JSON.parse(json.body) as { expiresAt: string; endsAt: string; now: string };
    assert.equal(answer.now, now.toISOString());
    assert.equal(answer.expiresAt, new Date(now.getTime() + 30 * MINUTE).toISOString());
    const form = await client.post('/sitzung/verlaengern', { _csrf: csrfOf(page.body) });
    assert.equal(form.location, '/sitzung/verlaengern?verlaengert=1');
    assert.equal((await client.post('/sitzung/verlaengern', {})).status, 403, 'needs the token');
    await client.post('/abmelden', { _csrf: csrfOf(page.body) });
    const ended = await client.requestWithHeaders(
      'POST',
      '/sitzung/verlaengern',
      { _csrf: csrfOf(page.body) },
      { accept: 'application/json' },
    );
    assert.equal(ended.status, 401);
  });

  test('the audit trail names users by id only and its chain is intact', async () => {
    const rows = await db.db.selectFrom('audit_log').selectAll().execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'login.failed',
      'login.locked',
      'login.succeeded',
      'logout',
      'user.password_changed',
    ])
      assert.ok(actions.has(action), action);
    const text = JSON.stringify(rows.filter((r) => r.action !== 'user.created'));
    for (const secret of secrets)
      assert.ok(!text.includes(secret), 'no address, password or cookie in the audit');
    assert.equal((await verifyAuditChain(db.db)).ok, true);
  });

  test('the logs contain no e-mail address, password, TOTP code or session id', async () => {
    const lines = h.logs;
    assert.ok(lines.length > 50, 'the app logged its requests');
    assert.ok(lines.some((l) => l.includes('"route":"/anmelden"')));
    const hashes = (await db.db.selectFrom('login_sessions').select('id').execute()).map((r) => r.id);
    for (const line of lines) {
      for (const secret of [...secrets, ...hashes]) assert.ok(!line.includes(secret), `leaked in: ${line}`);
      for (const code of codes)
        assert.doesNotMatch(line, new RegExp(`(?<![0-9.])${code}(?![0-9])`), `code leaked in: ${line}`);
      assert.doesNotMatch(line, /@example\.org/i);
    }
  });
});

describe('throttling of the login', () => {
  test('10 attempts per minute and address on each login step, 30 views of the login page', async () => {
    const h = await startHarness('http://localhost:3000');
    try {
      const client = new WebClient(h.url);
      for (let i = 1; i <= 10; i++) {
        const response = await client.post('/anmelden', { email: 'niemand@example.org', password: `x${i}` });
        assert.equal(response.status, 400, `attempt ${i}`);
      }
      const throttled = await client.post('/anmelden', { email: 'niemand@example.org', password: 'x' });
      assert.equal(throttled.status, 429);
      assert.match(throttled.body, /<html lang="de"/, 'the German error page');
      const codeStep = await client.post('/anmelden/code', { code: '123456' });
      assert.equal(codeStep.status, 303, 'each step has its own budget');
      for (let i = 1; i <= 30; i++) assert.equal((await client.get('/anmelden')).status, 200, `view ${i}`);
      assert.equal((await client.get('/anmelden')).status, 429);
    } finally {
      await h.close();
    }
  });
});
