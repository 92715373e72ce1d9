import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadDescriptions } from '../main/compose.ts';
import { buildApp } from './app.tsx';

let app: FastifyInstance;
let ready = true;
const logs: string[] = [];

before(async () => {
  app = await buildApp({
    publicUrl: 'http://localhost:3000',
    trustProxy: false,
    logger: { level: 'info', stream: { write: (line: string) => logs.push(line) } },
    descriptions: await loadDescriptions(),
    ready: async () => {
      if (!ready) throw new Error('db down');
      return true;
    },
  });
  app.get('/boom', async () => {
    throw new Error('secret internal detail: Mustermann');
  });
  await app.ready();
});
after(() => app.close());

test('pages carry a nonce CSP without unsafe-inline, frame-ancestors none, HSTS, nosniff, no-store', async () => {
  const res = await app.inject('/');
  assert.equal(res.statusCode, 200);
  const csp = String(res.headers['content-security-policy']);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src 'self' 'nonce-[0-9a-f]{32}'/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['cache-control'], 'no-store');
  const nonce1 = csp.match(/nonce-([0-9a-f]+)/)?.[1];
  const nonce2 = String((await app.inject('/')).headers['content-security-policy']).match(
    /nonce-([0-9a-f]+)/,
  )?.[1];
  assert.notEqual(nonce1, nonce2, 'a fresh nonce per response');
});

test('the page has no inline script or style', async () => {
  const html = (await app.inject('/')).body;
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)/);
  assert.doesNotMatch(html, /<style|\sstyle=/);
});

test('language: German default, ?lang= switches and is remembered, unknown falls back', async () => {
  assert.match((await app.inject('/')).body, /<html lang="de" dir="ltr"/);
  const ar = await app.inject('/?lang=ar');
  assert.match(ar.body, /<html lang="ar" dir="rtl"/);
  const cookie = ar.cookies.find((c) => c.name === 'lang');
  assert.equal(cookie?.value, 'ar');
  assert.equal(cookie?.httpOnly, true);
  assert.equal(cookie?.sameSite, 'Lax');
  const remembered = await app.inject({ url: '/impressum', cookies: { lang: 'ar' } });
  assert.match(remembered.body, /dir="rtl"/);
  assert.match((await app.inject('/?lang=xx')).body, /<html lang="de"/);
  assert.match((await app.inject({ url: '/', cookies: { lang: '<script>' } })).body, /<html lang="de"/);
});

test('unknown pages get a German 404 page; the API gets JSON', async () => {
  const res = await app.inject('/nicht/vorhanden');
  assert.equal(res.statusCode, 404);
  assert.match(res.body, /Seite nicht gefunden/);
  const api = await app.inject('/api/v1/unknown');
  assert.equal(api.statusCode, 404);
  assert.deepEqual(api.json(), { error: 'not_found' });
});

test('a server error shows a German page with a reference, never the message or stack', async () => {
  const res = await app.inject('/boom');
  assert.equal(res.statusCode, 500);
  assert.match(res.body, /technischer Fehler/);
  assert.match(res.body, /Fehlernummer/);
  assert.doesNotMatch(res.body, /Mustermann|secret internal|at .*\.ts/);
  const logged = logs.filter((l) => l.includes('Serverfehler'));
  assert.equal(logged.length > 0, true, 'the error is logged');
  assert.doesNotMatch(logged.join('\n'), /Mustermann|secret internal/, 'with its frames, not its message');
  assert.match(logged.join('\n'), /app\.test\.ts/);
});

test('cross-site form posts are refused; same-origin ones pass the check', async () => {
  const foreign = await app.inject({
    method: 'POST',
    url: '/antrag',
    headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'a=1',
  });
  assert.equal(foreign.statusCode, 403);
  assert.match(foreign.body, /Anfrage abgelehnt/);
  const fetchSite = await app.inject({
    method: 'POST',
    url: '/antrag',
    headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'a=1',
  });
  assert.equal(fetchSite.statusCode, 403);
  const own = await app.inject({
    method: 'POST',
    url: '/antrag',
    headers: {
      origin: 'http://localhost:3000',
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: 'a=1',
  });
  assert.equal(own.statusCode, 404, 'passes the origin check, then no such route');
});

test('bad requests never answer 500', async () => {
  const cases = [
    {
      method: 'POST' as const,
      url: '/antrag',
      headers: { 'content-type': 'application/json' },
      payload: '{"x":',
    },
    { method: 'POST' as const, url: '/antrag', headers: { 'content-type': 'text/xml' }, payload: '<a/>' },
    { method: 'GET' as const, url: '/%E0%A4%A' },
    { method: 'GET' as const, url: `/?lang=${'x'.repeat(10000)}` },
    {
      method: 'POST' as const,
      url: '/antrag',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'x'.repeat(2 * 1024 * 1024),
    },
  ];
  for (const c of cases) {
    const res = await app.inject(c);
    assert.ok(res.statusCode < 500, `${c.method} ${c.url.slice(0, 30)} → ${res.statusCode}`);
    assert.doesNotMatch(res.body, /at .*\.ts|Error:/);
  }
});

test('health and readiness', async () => {
  assert.equal((await app.inject('/health/live')).statusCode, 200);
  assert.equal((await app.inject('/health/ready')).statusCode, 200);
  ready = false;
  const down = await app.inject('/health/ready');
  ready = true;
  assert.equal(down.statusCode, 503);
  assert.deepEqual(down.json(), { status: 'unavailable', virusScan: 'off' });
});

test('metrics are served to loopback only, labelled by route template', async () => {
  const local = await app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
  assert.equal(local.statusCode, 200);
  assert.match(local.body, /http_request_duration_seconds_count\{method="GET",route="\/",status="200"\}/);
  const remote = await app.inject({ url: '/metrics', remoteAddress: '203.0.113.7' });
  assert.equal(remote.statusCode, 404);
  const proxied = await app.inject({
    url: '/metrics',
    remoteAddress: '127.0.0.1',
    headers: { 'x-forwarded-for': '1.2.3.4' },
  });
  assert.equal(proxied.statusCode, 404);
});

test('logs carry the route template, not the URL, query, headers or cookies', async () => {
  logs.length = 0;
  await app.inject({ url: '/?lang=de&name=Mustermann', headers: { cookie: 'lang=de; sid=SECRET' } });
  await app.inject('/Mustermann-Weg');
  const text = logs.join('\n');
  assert.ok(text.length > 0);
  assert.doesNotMatch(text, /Mustermann|SECRET|cookie/i);
  assert.match(text, /"route":"\/"/);
});

test('static KERN assets and the RTL sheet are served', async () => {
  assert.equal((await app.inject('/assets/kern/kern.min.css')).statusCode, 200);
  assert.equal((await app.inject('/assets/rtl.css')).statusCode, 200);
  assert.equal((await app.inject('/assets/../package.json')).statusCode, 404);
});
