/**
 * S2 – sessions and login, on the composed app, for what `test/integration/staff-login.test.ts` (the
 * staff login on a stand-in app: argon2id, TOTP, lockout, rotation, timeouts, logout, cookie flags)
 * does not cover: the applicant's draft cookie (flags, only its hash stored, a planted value never
 * adopted, the resume link leaves the address bar), both cookies under an https public address, and
 * the unknown address costing the same argon2 work as a wrong password (no enumeration by timing).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { STAFF_COOKIE } from '../../src/web/auth/session.ts';
import { DRAFT_COOKIE } from '../../src/web/public/application/routes.tsx';
import { createStaffUser } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';
import { type SecurityApp, startSecurityApp } from './support.ts';

const cookieLine = (headers: Headers, name: string) =>
  headers.getSetCookie().find((c) => c.startsWith(`${name}=`)) ?? '';

async function allRows(sec: SecurityApp): Promise<string> {
  const tables = await sql<{ table_name: string }>`
    SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`.execute(
    sec.database.db,
  );
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{
      row: string;
    }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table_name)} t`.execute(sec.database.db);
    parts.push(...rows.rows.map((r) => r.row));
  }
  return parts.join('\n');
}

describe('S2 sessions and login on the composed app', () => {
  let sec: SecurityApp;
  before(async () => {
    sec = await startSecurityApp();
  });
  after(() => sec?.close());

  test('the draft cookie: HttpOnly, SameSite=Lax, only for /antrag, ends with the browser, 256 random bits, stored as a hash only', async () => {
    const web = new WebClient(sec.url);
    const started = await web.post('/antrag/beginnen');
    assert.equal(started.status, 303);
    const line = cookieLine(started.headers, DRAFT_COOKIE);
    assert.match(line, /; HttpOnly/i);
    assert.match(line, /; SameSite=Lax/i);
    assert.match(line, /; Path=\/antrag(;|$)/i);
    assert.doesNotMatch(line, /; Secure/i, 'not over plain http');
    assert.doesNotMatch(line, /Max-Age|Expires/i, 'a browser-session cookie (shared computers)');
    const token = web.cookies.get(DRAFT_COOKIE) ?? '';
    assert.match(token, /^[A-Za-z0-9_-]{43}$/);
    const stored = await allRows(sec);
    assert.ok(!stored.includes(token), 'the secret is in no table');
    const other = new WebClient(sec.url);
    await other.post('/antrag/beginnen');
    assert.notEqual(other.cookies.get(DRAFT_COOKIE), token);
  });

  test('a planted draft cookie is never adopted: no draft behind it, and starting gives a fresh secret', async () => {
    const victim = new WebClient(sec.url);
    const planted = Buffer.alloc(32, 9).toString('base64url');
    victim.cookies.set(DRAFT_COOKIE, planted);
    const page = await victim.get('/antrag/uebersicht');
    assert.equal(page.status, 404, 'an unknown secret opens nothing');
    const started = await victim.post('/antrag/beginnen');
    assert.equal(started.status, 303);
    const issued = victim.cookies.get(DRAFT_COOKIE);
    assert.ok(issued && issued !== planted, 'the server chooses the secret');
    const attacker = new WebClient(sec.url);
    attacker.cookies.set(DRAFT_COOKIE, planted);
    assert.equal(
      (await attacker.get('/antrag/uebersicht')).status,
      404,
      "the attacker's value leads nowhere",
    );
  });

  test('the resume link sets the cookie and leaves the address bar at once; a wrong link opens nothing', async () => {
    const web = new WebClient(sec.url);
    await web.post('/antrag/beginnen');
    const tasks = await web.get('/antrag/uebersicht');
    const link = /(https?:\/\/[^"<\s]+\/antrag\/fortsetzen\/[A-Za-z0-9_-]+)/.exec(tasks.body)?.[1];
    assert.ok(link, 'the task list shows the resume link');
    const path = new URL(link).pathname;
    const device = new WebClient(sec.url);
    const opened = await device.get(path);
    assert.equal(opened.status, 303);
    assert.equal(opened.location, '/antrag/uebersicht', 'on to an address without the secret');
    assert.equal(device.cookies.get(DRAFT_COOKIE), web.cookies.get(DRAFT_COOKIE));
    assert.equal((await device.get('/antrag/uebersicht')).status, 200);
    const wrong = await new WebClient(sec.url).get(`${path.slice(0, -4)}AAAA`);
    assert.equal(wrong.status, 404);
    assert.equal(wrong.headers.getSetCookie().length, 0, 'no cookie for a wrong link');
  });

  test('an unknown address costs the same argon2 work as a wrong password (no enumeration by timing)', async () => {
    const user = await createStaffUser(
      sec.database,
      { email: 'zeit@example.org', name: 'Zeit', role: 'office_clerk' },
      { masterKey: sec.masterKey },
    );
    const attempt = async (email: string) => {
      const t0 = performance.now();
      const r = await new WebClient(sec.url).post('/anmelden', { email, password: 'falsches-passwort-1' });
      assert.equal(r.status, 400);
      return performance.now() - t0;
    };
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    await attempt('aufwaermen@example.org');
    const wrong: number[] = [];
    const unknown: number[] = [];
    // Four wrong passwords (the fifth would lock the account), interleaved with unknown addresses.
    for (let i = 0; i < 4; i++) {
      wrong.push(await attempt(user.email));
      unknown.push(await attempt(`niemand-${i}@example.org`));
    }
    const ratio = median(unknown) / median(wrong);
    // Without the dummy verification an unknown address answers in a fraction of the time (no argon2).
    assert.ok(
      ratio > 0.5 && ratio < 2,
      `unknown ${median(unknown).toFixed(1)} ms vs wrong ${median(wrong).toFixed(1)} ms`,
    );
  });

  describe('under an https public address', () => {
    let https: SecurityApp;
    const ORIGIN = 'https://haertefall.example';
    before(async () => {
      https = await startSecurityApp({ PUBLIC_URL: ORIGIN });
    });
    after(() => https?.close());

    test('both cookies are Secure; the staff cookie SameSite=Strict; pages ask to upgrade insecure requests', async () => {
      const web = new WebClient(https.url);
      const started = await web.requestWithHeaders('POST', '/antrag/beginnen', {}, { origin: ORIGIN });
      assert.equal(started.status, 303);
      const draft = cookieLine(started.headers, DRAFT_COOKIE);
      assert.match(draft, /; Secure/i);
      assert.match(draft, /; HttpOnly/i);
      const user = await createStaffUser(
        https.database,
        { email: 'sicher@example.org', name: 'Sicher', role: 'office_clerk' },
        { masterKey: https.masterKey },
      );
      const login = await web.requestWithHeaders(
        'POST',
        '/anmelden',
        { email: user.email, password: user.password },
        { origin: ORIGIN },
      );
      assert.equal(login.status, 303);
      const staff = cookieLine(login.headers, STAFF_COOKIE);
      assert.match(staff, /; Secure/i);
      assert.match(staff, /; HttpOnly/i);
      assert.match(staff, /; SameSite=Strict/i);
      const page = await web.get('/');
      assert.match(page.headers.get('content-security-policy') ?? '', /upgrade-insecure-requests/);
      const foreign = await web.requestWithHeaders(
        'POST',
        '/antrag/beginnen',
        {},
        { origin: 'http://haertefall.example' },
      );
      assert.equal(foreign.status, 403, 'the http origin of the same host is another origin');
    });
  });
});
