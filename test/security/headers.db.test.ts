/**
 * S4 – security headers on every kind of answer of the composed app: public information pages, the
 * applicant's wizard from start to status page, the staff login, the office and the administration
 * after login, every download, and the error pages (404, 403, a draft that does not exist).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pdfkitLetter } from '../../src/adapters/scan/test-support.ts';
import { createStaffUser } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';
import {
  caseIdOf,
  fileApplicationWith,
  loginStaff,
  type SecurityApp,
  startSecurityApp,
  waitForReceipt,
} from './support.ts';

interface Answer {
  what: string;
  status: number;
  headers: Headers;
  body?: string;
}

const CSP_DIRECTIVES = {
  'default-src': "'self'",
  'script-src': "'self' 'nonce-",
  'style-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

/** The headers every answer carries, whatever it is. */
function assertBaseHeaders(a: Answer) {
  const h = (name: string) => a.headers.get(name) ?? '';
  const csp = h('content-security-policy');
  assert.ok(csp, `${a.what}: a Content-Security-Policy`);
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...rest] = d.trim().split(/\s+/);
      return [name, rest.join(' ')] as const;
    }),
  );
  for (const [name, start] of Object.entries(CSP_DIRECTIVES))
    assert.ok(directives.get(name)?.startsWith(start), `${a.what}: ${name} ${start}… in ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|\*/, `${a.what}: no unsafe source`);
  assert.match(
    h('strict-transport-security'),
    /^max-age=(\d+); includeSubDomains/,
    `${a.what}: HSTS for all subdomains`,
  );
  assert.ok(
    Number(/max-age=(\d+)/.exec(h('strict-transport-security'))?.[1]) >= 31_536_000,
    `${a.what}: HSTS for at least a year`,
  );
  assert.equal(h('x-content-type-options'), 'nosniff', `${a.what}: nosniff`);
  assert.equal(h('x-frame-options'), 'DENY', `${a.what}: no framing, also for old browsers`);
  assert.equal(h('referrer-policy'), 'same-origin', `${a.what}: Referrer-Policy (ADR 004)`);
  assert.equal(h('cross-origin-opener-policy'), 'same-origin', `${a.what}: COOP`);
  assert.equal(h('cross-origin-resource-policy'), 'same-origin', `${a.what}: CORP`);
  assert.equal(a.headers.get('x-powered-by'), null, `${a.what}: no X-Powered-By`);
  assert.equal(a.headers.get('access-control-allow-origin'), null, `${a.what}: no CORS`);
}

/** A page: the base headers, never cached, HTML in UTF-8, and no script or style the CSP would need to allow inline. */
function assertPage(a: Answer) {
  assertBaseHeaders(a);
  assert.equal(a.headers.get('cache-control'), 'no-store', `${a.what}: Cache-Control no-store`);
  assert.equal(a.headers.get('content-type'), 'text/html; charset=utf-8', `${a.what}: content type`);
  const body = a.body ?? '';
  const nonce = /'nonce-([^']+)'/.exec(a.headers.get('content-security-policy') ?? '')?.[1];
  for (const tag of body.match(/<script\b[^>]*>/g) ?? []) {
    const external = /\ssrc="\/[^/]/.test(tag);
    const nonced = nonce !== undefined && tag.includes(`nonce="${nonce}"`);
    assert.ok(external || nonced, `${a.what}: inline script without the nonce: ${tag}`);
  }
  assert.doesNotMatch(body, /<[a-z][^>]*\son[a-z]+\s*=/i, `${a.what}: no inline event handler`);
  assert.doesNotMatch(body, /<[a-z][^>]*\sstyle\s*=/i, `${a.what}: no style attribute`);
  assert.doesNotMatch(body, /<style\b/i, `${a.what}: no style element`);
  assert.doesNotMatch(body, /(?:href|src|action)\s*=\s*"\s*javascript:/i, `${a.what}: no javascript: URL`);
}

/** A download: the base headers, never cached, always saved as a file, never shown by the browser. */
function assertDownload(a: Answer) {
  assertBaseHeaders(a);
  assert.equal(a.status, 200, `${a.what}: ${a.status}`);
  assert.equal(a.headers.get('cache-control'), 'no-store', `${a.what}: Cache-Control no-store`);
  const disposition = a.headers.get('content-disposition') ?? '';
  assert.match(disposition, /^attachment; filename="[^"/\\]+"; filename\*=UTF-8''[^/\\]+$/, a.what);
  assert.match(a.headers.get('content-type') ?? '', /^(application\/pdf|image\/|application\/octet-stream)/);
}

describe('S4 security headers on every kind of answer', () => {
  let sec: SecurityApp;
  const answers: Answer[] = [];
  const get = async (web: WebClient, path: string, what = path) => {
    const r = await web.get(path);
    answers.push({ what, status: r.status, headers: r.headers, body: r.body });
    return r;
  };
  const download = async (web: WebClient, path: string, what = path) => {
    const r = await web.download(path);
    answers.push({ what, status: r.status, headers: r.headers });
    return r;
  };

  before(async () => {
    sec = await startSecurityApp();
  });
  after(() => sec?.close());

  test('public information pages in every language', async () => {
    const web = new WebClient(sec.url);
    for (const path of ['/', '/?lang=en', '/?lang=ar', '/barrierefreiheit', '/datenschutz', '/impressum']) {
      const r = await get(web, path);
      assert.equal(r.status, 200, path);
      assertPage(answers.at(-1) as Answer);
    }
    const csp = (await web.get('/')).headers.get('content-security-policy') ?? '';
    assert.doesNotMatch(csp, /upgrade-insecure-requests/, 'over plain http nothing to upgrade');
  });

  test('the applicant wizard, the forms to sign, the receipt, and the status page', async () => {
    const web = new WebClient(sec.url);
    for (const path of ['/antrag', '/antrag/selbstcheck']) assert.equal((await get(web, path)).status, 200);
    const { caseNumber, personPaths } = await fileApplicationWith(web, {}, [
      { item: 'medical_report', name: 'Befund.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    ]);
    const caseId = await caseIdOf(sec.database, caseNumber);
    await waitForReceipt(sec.database, caseId);
    for (const path of [
      '/antrag/bestaetigung',
      '/antrag/nachreichen',
      '/antrag/zuruecknehmen',
      `${personPaths[0]}`, // a submitted draft: the wizard's pages lead to the status page
      '/antrag/pruefen',
    ]) {
      const r = await get(web, path);
      if (r.status === 200) assertPage(answers.at(-1) as Answer);
      else assert.equal(r.status, 303, `${path}: ${r.status}`);
    }
    const receipt = await download(web, '/antrag/eingangsbestaetigung.pdf', 'receipt download');
    assert.equal(receipt.bytes.subarray(0, 5).toString(), '%PDF-');
    assertDownload(answers.at(-1) as Answer);

    // A fresh draft, page by page, before it is submitted.
    const draft = new WebClient(sec.url);
    await draft.post('/antrag/beginnen');
    const added = await draft.post('/antrag/personen/neu');
    for (const path of [
      '/antrag/uebersicht',
      '/antrag/personen',
      added.location ?? '',
      '/antrag/vertretung',
      '/antrag/fragen',
      '/antrag/begruendung',
      '/antrag/begruendung/texte',
      '/antrag/nachweise', // 409 until the persons are complete
      '/antrag/pruefen',
    ]) {
      const r = await get(draft, path);
      assert.ok(r.status === 200 || r.status === 409, `${path}: ${r.status}`);
      assertPage(answers.at(-1) as Answer);
    }
    // The evidence pages and a form to sign, in the filed application's draft.
    const item = /href="\/antrag\/nachreichen\/(data_consent[^"]*)"/.exec(
      (await web.get('/antrag/nachreichen')).body,
    )?.[1];
    assert.ok(item, 'the consent form to sign is offered');
    assert.equal((await get(web, `/antrag/nachreichen/${item}`)).status, 200);
    assertPage(answers.at(-1) as Answer);
    const form = await download(web, `/antrag/vordrucke/${item}.pdf`, 'form to sign');
    assert.equal(form.bytes.subarray(0, 5).toString(), '%PDF-');
    assertDownload(answers.at(-1) as Answer);
  });

  test('staff login, office pages after login, a case file download, the administration', async () => {
    const clerk = await createStaffUser(
      sec.database,
      { email: 'kopf@example.org', name: 'Kopf', role: 'office_clerk' },
      { masterKey: sec.masterKey },
    );
    const admin = await createStaffUser(
      sec.database,
      { email: 'kopf-admin@example.org', name: 'Kopf Admin', role: 'admin' },
      { masterKey: sec.masterKey },
    );
    const half = new WebClient(sec.url);
    assertPage(await get(half, '/anmelden').then(() => answers.at(-1) as Answer));
    await half.post('/anmelden', { email: clerk.email, password: clerk.password });
    assertPage(await get(half, '/anmelden/code').then(() => answers.at(-1) as Answer));
    const web = await loginStaff(new WebClient(sec.url), clerk);
    const { caseNumber } = await fileApplicationWith(new WebClient(sec.url), { familyName: 'Kopfzeile' });
    const caseId = await caseIdOf(sec.database, caseNumber);
    await waitForReceipt(sec.database, caseId);
    for (const path of [
      '/geschaeftsstelle',
      `/geschaeftsstelle?suche=${encodeURIComponent(caseNumber)}`,
      `/geschaeftsstelle/faelle/${caseId}`,
      '/geschaeftsstelle/eingang',
      '/sitzung/verlaengern',
    ]) {
      const r = await get(web, path);
      assert.equal(r.status, 200, path);
      assertPage(answers.at(-1) as Answer);
    }
    const docs = await sec.database.db
      .selectFrom('documents')
      .select(['id', 'category'])
      .where('case_id', '=', caseId)
      .execute();
    assert.ok(docs.length >= 2);
    for (const doc of docs) {
      await download(web, `/geschaeftsstelle/faelle/${caseId}/dokumente/${doc.id}`, `office ${doc.category}`);
      assertDownload(answers.at(-1) as Answer);
    }

    const adminWeb = await loginStaff(new WebClient(sec.url), admin);
    const r = await get(adminWeb, '/verwaltung');
    assert.equal(r.status, 200);
    assertPage(answers.at(-1) as Answer);
  });

  test('error pages: 404, a refused cross-site post (403), no draft, a server-side 404 for staff', async () => {
    const web = new WebClient(sec.url);
    const missing = await get(web, '/gibt-es-nicht');
    assert.equal(missing.status, 404);
    assertPage(answers.at(-1) as Answer);
    const noDraft = await get(web, '/antrag/personen');
    assert.equal(noDraft.status, 404);
    assertPage(answers.at(-1) as Answer);
    const refused = await web.requestWithHeaders(
      'POST',
      '/antrag/beginnen',
      {},
      { origin: 'https://evil.example' },
    );
    assert.equal(refused.status, 403);
    answers.push({ what: 'cross-site 403', status: 403, headers: refused.headers, body: refused.body });
    assertPage(answers.at(-1) as Answer);
    const api = await web.get('/api/v1/nichts');
    assert.equal(api.status, 404);
    assertBaseHeaders({ what: 'API 404', status: 404, headers: api.headers });
    const health = await web.get('/health/live');
    assertBaseHeaders({ what: 'health', status: health.status, headers: health.headers });
  });

  test('every answer of the suite carried the headers (none slipped through unchecked)', () => {
    assert.ok(answers.length >= 35, `${answers.length} answers`);
    for (const a of answers) assertBaseHeaders(a);
  });
});
