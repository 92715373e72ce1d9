/**
 * API tokens on the composed app: a clerk creates a token on /geschaeftsstelle/api-schluessel (shown
 * once, stored only as its SHA-256, audited), sees it listed with its prefix, uses it, revokes it
 * (audited; it stops working at once). Bad input keeps what was typed and names the fields; a form
 * without the CSRF token is refused; nobody revokes another user's token; an authority gets only the
 * scopes its role has.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const PAGE = '/geschaeftsstelle/api-schluessel';

async function login(app: TestApp, user: StaffUser): Promise<WebClient> {
  const web = new WebClient(app.url);
  const first = await web.post('/anmelden', { email: user.email, password: user.password });
  assert.equal(first.status, 303);
  const page = await web.get('/anmelden/code');
  const done = await web.post('/anmelden/code', {
    _csrf: csrfOf(page.body),
    code: await totpCode(user, new Date()),
  });
  assert.equal(done.status, 303);
  return web;
}

describe('API tokens', () => {
  let app: TestApp;
  let clerk: StaffUser;
  let office: WebClient;
  let colleague: WebClient;
  let authority: WebClient;

  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    clerk = await createStaffUser(
      app.database,
      { email: 'api-clerk@example.org', name: 'Jana Schäfer', role: 'office_clerk' },
      { masterKey },
    );
    const head = await createStaffUser(
      app.database,
      { email: 'api-head@example.org', name: 'Leitung', role: 'office_head' },
      { masterKey },
    );
    const organisationId = (
      await app.database.db
        .selectFrom('organisations')
        .select('id')
        .where('kreis_ags', '=', '05111')
        .where('kind', '=', 'immigration_authority')
        .executeTakeFirstOrThrow()
    ).id;
    const abh = await createStaffUser(
      app.database,
      { email: 'api-abh@example.org', name: 'ABH', role: 'authority', organisationId },
      { masterKey },
    );
    office = await login(app, clerk);
    colleague = await login(app, head);
    authority = await login(app, abh);
  });
  after(async () => {
    await app?.close();
  });

  test('bad input names the fields and keeps what was typed; without the CSRF token nothing is made', async () => {
    const empty = await office.get(PAGE);
    assert.equal(empty.status, 200);
    assert.match(empty.body, /Sie haben noch keinen API-Schlüssel angelegt\./);
    assert.match(empty.body, /href="\/api\/openapi\.json"/);
    const bad = await office.post(PAGE, {
      _csrf: csrfOf(empty.body),
      name: '',
      validity: 'ewig',
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /id="error-summary"/);
    assert.match(bad.body, /href="#name">Bitte geben Sie eine Bezeichnung/);
    assert.match(bad.body, /href="#scopes">Bitte wählen Sie mindestens ein Recht\./);
    assert.match(bad.body, /href="#validity">Bitte wählen Sie, wie lange/);
    const unknownScope = await office.post(PAGE, {
      _csrf: csrfOf(empty.body),
      name: 'Fachverfahren',
      scopes: ['cases:read', 'votes:read'],
      validity: '30',
    });
    assert.equal(unknownScope.status, 400);
    assert.match(unknownScope.body, /value="Fachverfahren"/, 'the name comes back');
    assert.match(unknownScope.body, /value="cases:read" checked/, 'the chosen scope comes back');
    const forged = await office.post(PAGE, { name: 'Ohne Token', scopes: 'cases:read', validity: '30' });
    assert.equal(forged.status, 403);
    const rows = await app.database.db.selectFrom('api_tokens').select('id').execute();
    assert.equal(rows.length, 0, 'no token was stored');
  });

  test('a token is shown once, stored as its hash, listed, audited, used and revoked', async () => {
    const page = await office.get(PAGE);
    const made = await office.post(PAGE, {
      _csrf: csrfOf(page.body),
      name: 'Fachverfahren <b>Test</b>',
      scopes: ['cases:read', 'messages:read'],
      validity: '90',
    });
    assert.equal(made.status, 200, made.body.slice(0, 300));
    assert.equal(made.headers.get('cache-control'), 'no-store');
    const token = /id="new-api-token">(hfk_[A-Za-z0-9_-]{43})</.exec(made.body)?.[1] ?? '';
    assert.ok(token, 'the new token is shown');
    assert.ok(made.body.includes('Fachverfahren &lt;b>Test&lt;/b>'), 'the name is escaped');

    const stored = await app.database.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, createHash('sha256').update(token).digest('hex'));
    assert.equal(stored.display_prefix, token.slice(0, 10));
    assert.deepEqual(stored.scopes, ['cases:read', 'messages:read']);
    const days = ((stored.expires_at?.getTime() ?? 0) - Date.now()) / 86_400_000;
    assert.ok(days > 89.9 && days <= 90, `valid for 90 days (${days})`);
    const dump = JSON.stringify(await app.database.db.selectFrom('api_tokens').selectAll().execute());
    assert.ok(!dump.includes(token.slice(4)), 'the token itself is not stored');

    const again = await office.get(PAGE);
    assert.ok(!again.body.includes(token), 'shown only once');
    assert.match(again.body, new RegExp(`<code>${token.slice(0, 10)}…</code>`));
    assert.match(again.body, /Fälle lesen, Nachrichten lesen/);
    assert.match(again.body, /noch nie/);

    const holder = await app.services.apiTokens.authenticate(token);
    assert.equal(holder?.userId, clerk.id);
    assert.equal(holder?.role, 'office_clerk');
    const used = await app.database.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .executeTakeFirstOrThrow();
    assert.ok(used.last_used_at, 'the use is recorded');
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    assert.equal(await app.services.apiTokens.authenticate(altered), null);

    // A colleague cannot revoke it: not theirs is not found.
    const theirs = await colleague.get(PAGE);
    const refused = await colleague.post(`${PAGE}/${stored.id}/widerrufen`, { _csrf: csrfOf(theirs.body) });
    assert.equal(refused.status, 404);
    assert.ok(await app.services.apiTokens.authenticate(token), 'still valid');

    const revoked = await office.post(`${PAGE}/${stored.id}/widerrufen`, { _csrf: csrfOf(again.body) });
    assert.equal(revoked.status, 303);
    assert.equal(revoked.location, `${PAGE}?widerrufen=1`);
    const after = await office.get(revoked.location ?? '');
    assert.match(after.body, /Der Schlüssel wurde widerrufen\./);
    assert.match(after.body, /<td>widerrufen<\/td>/);
    assert.equal(await app.services.apiTokens.authenticate(token), null, 'revoked tokens stop working');

    const audit = await app.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'resource_id'])
      .where('action', 'like', 'api_token.%')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.action, a.actor_id, a.resource_id]),
      [
        ['api_token.created', clerk.id, stored.id],
        ['api_token.revoked', clerk.id, stored.id],
      ],
    );
  });

  test('an authority gets only the scopes of its role', async () => {
    const page = await authority.get('/behoerde/api-schluessel');
    assert.equal(page.status, 200);
    assert.match(page.body, /value="cases:read"/);
    assert.doesNotMatch(page.body, /value="messages:/);
    const refused = await authority.post('/behoerde/api-schluessel', {
      _csrf: csrfOf(page.body),
      name: 'ABH-Verfahren',
      scopes: ['cases:read', 'messages:write'],
      validity: 'none',
    });
    assert.equal(refused.status, 400);
    const made = await authority.post('/behoerde/api-schluessel', {
      _csrf: csrfOf(page.body),
      name: 'ABH-Verfahren',
      scopes: ['cases:read', 'documents:read'],
      validity: 'none',
    });
    assert.equal(made.status, 200);
    assert.match(made.body, /id="new-api-token">hfk_/);
    assert.match(made.body, /bis zum Widerruf/);
  });
});
