/**
 * The JSON API on the composed app, against its OpenAPI document: every /api route Fastify registered
 * is in the document and every documented operation is registered; the document's schemas are the
 * ones zod generates from the schemas the routes validate with; real answers of every route (and
 * their errors) validate against the document (ajv, JSON Schema 2020-12). And the access rules of
 * the pages: the office sees every case, an authority its own area without special categories or
 * messages, a representative's account its own cases (stage in plain words, names, the receipt);
 * anyone else's case is 404. Tokens only: a session cookie, a missing, wrong or revoked token is 401.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { pdfkitLetter } from '../../src/adapters/scan/test-support.ts';
import { jsonSchemaOf, openApiPath } from '../../src/web/api/openapi.ts';
import { apiRoutes } from '../../src/web/api/routes.ts';
import { DRAFT_COOKIE } from '../../src/web/public/application/routes.tsx';
import {
  caseIdOf,
  csrfOf,
  fileApplicationWith,
  loginStaff,
  type SecurityApp,
  startSecurityApp,
  waitForReceipt,
} from '../security/support.ts';
import { registerRepresentative as registerAccount } from '../support/representative.ts';
import { createStaffUser } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  headers: Headers;
  body: Json;
  bytes: Buffer;
}

const ALL_SCOPES = ['cases:read', 'messages:read', 'messages:write', 'documents:read'];

/** Creates a token on the user's own token page, as a person would. */
export async function tokenFor(
  web: WebClient,
  page: string,
  scopes: string[],
  name = 'Test',
): Promise<string> {
  const form = await web.get(page);
  assert.equal(form.status, 200, `${page}: ${form.status}`);
  const made = await web.post(page, { _csrf: csrfOf(form.body), name, scopes, validity: '30' });
  const token = /id="new-api-token">(hfk_[A-Za-z0-9_-]{43})</.exec(made.body)?.[1];
  assert.ok(token, `a token from ${page}: ${made.status}`);
  return token;
}

/** A counselling organisation's representative, registered and logged in. */
export const registerRepresentative = (sec: SecurityApp, email: string, organisation: string) =>
  registerAccount(sec, {
    email,
    name: 'Jana Beraterin',
    organisation: { name: organisation, kind: 'counselling' },
  });

describe('JSON API and its OpenAPI document', () => {
  let sec: SecurityApp;
  let doc: Json;
  const token: Record<string, string> = {};
  let office: WebClient;
  let repCase = { number: '', id: '' };
  let otherCase = { number: '', id: '' };
  let medicalDocId = '';
  let receiptId = '';
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);

  async function call(
    key: string | null,
    method: string,
    path: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (key) headers.authorization = `Bearer ${token[key] ?? key}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(path, sec.url), {
      method,
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const json = (response.headers.get('content-type') ?? '').startsWith('application/json');
    return {
      status: response.status,
      headers: response.headers,
      bytes,
      body: json ? JSON.parse(bytes.toString()) : {},
    };
  }

  /** The answer validates against the document's schema for its operation and status. */
  function conforms(method: string, template: string, answer: Answer) {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    const operation = paths[openApiPath(template)]?.[method.toLowerCase()];
    assert.ok(operation, `${method} ${template} is documented`);
    const response = (operation.responses as Record<string, Json>)[String(answer.status)];
    assert.ok(response, `${method} ${template}: status ${answer.status} is documented`);
    const content = response.content as Record<string, { schema?: Json }>;
    const json = content['application/json'];
    if (!json) {
      assert.ok(content['application/octet-stream'], 'a download');
      return;
    }
    let schema = json.schema as Json;
    if (schema.$ref === '#/components/schemas/Error')
      schema = (doc.components as { schemas: Record<string, Json> }).schemas.Error as Json;
    const validate = ajv.compile(schema);
    assert.ok(
      validate(answer.body),
      `${method} ${template} ${answer.status}: ${ajv.errorsText(validate.errors)}`,
    );
  }

  before(async () => {
    sec = await startSecurityApp({}, { rateLimitPerMinute: 100_000 });
    const clerk = await createStaffUser(
      sec.database,
      { email: 'api-clerk@example.org', name: 'Sachbearbeitung', role: 'office_clerk' },
      { masterKey: sec.masterKey },
    );
    const authorityOf = async (kreis: string) =>
      (
        await sec.database.db
          .selectFrom('organisations')
          .select('id')
          .where('kreis_ags', '=', kreis)
          .where('kind', '=', 'immigration_authority')
          .executeTakeFirstOrThrow()
      ).id;
    const abh = await createStaffUser(
      sec.database,
      {
        email: 'api-abh@example.org',
        name: 'ABH Düsseldorf',
        role: 'authority',
        organisationId: await authorityOf('05111'),
      },
      { masterKey: sec.masterKey },
    );
    const abhOther = await createStaffUser(
      sec.database,
      {
        email: 'api-abh-essen@example.org',
        name: 'ABH Essen',
        role: 'authority',
        organisationId: await authorityOf('05113'),
      },
      { masterKey: sec.masterKey },
    );
    const member = await createStaffUser(
      sec.database,
      { email: 'api-member@example.org', name: 'Mitglied', role: 'member' },
      { masterKey: sec.masterKey },
    );
    office = await loginStaff(new WebClient(sec.url), clerk);
    token.office = await tokenFor(office, '/geschaeftsstelle/api-schluessel', ALL_SCOPES);
    token.officeCasesOnly = await tokenFor(
      office,
      '/geschaeftsstelle/api-schluessel',
      ['cases:read'],
      'Nur Fälle',
    );
    const authority = await loginStaff(new WebClient(sec.url), abh);
    token.authority = await tokenFor(authority, '/behoerde/api-schluessel', ['cases:read', 'documents:read']);
    const essen = await loginStaff(new WebClient(sec.url), abhOther);
    token.otherAuthority = await tokenFor(essen, '/behoerde/api-schluessel', [
      'cases:read',
      'documents:read',
    ]);
    const memberWeb = await loginStaff(new WebClient(sec.url), member);
    assert.equal(
      (await memberWeb.get('/geschaeftsstelle/api-schluessel')).status,
      404,
      'members have no tokens',
    );

    // A representative files an application from the account; another one has none of theirs.
    const rep = await registerRepresentative(sec, 'api-rep@example.org', 'Beratung Nord e. V.');
    const filed = await fileApplicationWith(rep, {}, [
      { item: 'medical_report', name: 'Befund.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    ]);
    rep.cookies.delete(DRAFT_COOKIE);
    repCase = { number: filed.caseNumber, id: await caseIdOf(sec.database, filed.caseNumber) };
    token.rep = await tokenFor(rep, '/konto/api-schluessel', ALL_SCOPES);
    const otherRep = await registerRepresentative(sec, 'api-rep2@example.org', 'Kanzlei Süd');
    token.otherRep = await tokenFor(otherRep, '/konto/api-schluessel', ALL_SCOPES);
    const applicant = new WebClient(sec.url);
    const theirs = await fileApplicationWith(applicant, { familyName: 'Andere' });
    otherCase = { number: theirs.caseNumber, id: await caseIdOf(sec.database, theirs.caseNumber) };
    await waitForReceipt(sec.database, repCase.id);
    const docs = await sec.database.db
      .selectFrom('documents')
      .select(['id', 'category', 'special_category'])
      .where('case_id', '=', repCase.id)
      .execute();
    medicalDocId = docs.find((d) => d.special_category)?.id ?? '';
    receiptId = docs.find((d) => d.category === 'receipt')?.id ?? '';
    assert.ok(medicalDocId && receiptId, 'a special-category document and the receipt');

    const answer = await call(null, 'GET', '/api/openapi.json');
    assert.equal(answer.status, 200);
    doc = answer.body;
  });
  after(async () => {
    await sec?.close();
  });

  test('every /api route is documented and every documented operation is registered', () => {
    const registered = new Set(
      sec.app.routeTable
        .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && r.method !== 'OPTIONS')
        .map((r) => `${r.method} ${openApiPath(r.url)}`),
    );
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Json>).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    assert.deepEqual([...registered].sort(), [...documented].sort());
    assert.ok(registered.size >= 7, `${registered.size} API routes`);
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual((doc.components as Json).securitySchemes, {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'hfk_…',
        description: `Rechte (scopes): ${ALL_SCOPES.join(', ')}`,
      },
    });
  });

  test('the document is generated from the zod schemas the routes validate with', () => {
    const paths = doc.paths as Record<string, Record<string, Json>>;
    for (const route of apiRoutes({} as never)) {
      const operation = paths[openApiPath(route.url)]?.[route.method.toLowerCase()] as Json;
      assert.deepEqual(operation.security, [{ bearer: [route.scope] }]);
      const ok = (operation.responses as Record<string, Json>)[String(route.status)] as Json;
      if (route.response !== 'file') {
        const schema = (ok.content as Record<string, Json>)['application/json']?.schema;
        assert.deepEqual(schema, jsonSchemaOf(route.response, 'output'), `${route.operationId} response`);
      }
      if (route.body) {
        const body = ((operation.requestBody as Json).content as Record<string, Json>)['application/json'];
        assert.deepEqual(body?.schema, jsonSchemaOf(route.body, 'input'), `${route.operationId} body`);
      }
      const names = ((operation.parameters as Json[]) ?? []).map((p) => `${p.in}:${p.name}`).sort();
      const expected = [
        ...Object.keys(route.params?.shape ?? {}).map((n) => `path:${n}`),
        ...Object.keys(route.query?.shape ?? {}).map((n) => `query:${n}`),
      ].sort();
      assert.deepEqual(names, expected, `${route.operationId} parameters`);
    }
  });

  test('real answers of every route validate against the document, for each kind of caller', async () => {
    const routes = {
      list: '/api/v1/cases',
      one: '/api/v1/cases/:caseRef',
      messages: '/api/v1/cases/:caseRef/messages',
      documents: '/api/v1/cases/:caseRef/documents',
      download: '/api/v1/cases/:caseRef/documents/:documentId',
    };
    for (const who of ['office', 'authority', 'rep']) {
      const list = await call(who, 'GET', '/api/v1/cases');
      assert.equal(list.status, 200, `${who} list`);
      conforms('GET', routes.list, list);
      const one = await call(who, 'GET', `/api/v1/cases/${repCase.number}`);
      assert.equal(one.status, 200, `${who} case`);
      conforms('GET', routes.one, one);
      const docs = await call(who, 'GET', `/api/v1/cases/${repCase.id}/documents`);
      assert.equal(docs.status, 200, `${who} documents`);
      conforms('GET', routes.documents, docs);
      const first = (docs.body.documents as Json[])[0];
      assert.ok(first, `${who} sees a document`);
      const file = await call(who, 'GET', `/api/v1/cases/${repCase.id}/documents/${first.id}`);
      assert.equal(file.status, 200);
      assert.match(file.headers.get('content-disposition') ?? '', /^attachment;/);
      assert.equal(file.bytes.length, first.size, 'the whole file');
      conforms('GET', routes.download, file);
    }
    for (const who of ['office', 'rep']) {
      const written = await call(who, 'POST', `/api/v1/cases/${repCase.number}/messages`, {
        body: { text: `Nachricht von ${who}` },
      });
      assert.equal(written.status, 201, `${who} writes: ${JSON.stringify(written.body)}`);
      conforms('POST', routes.messages, written);
      const thread = await call(who, 'GET', `/api/v1/cases/${repCase.number}/messages`);
      assert.equal(thread.status, 200);
      conforms('GET', routes.messages, thread);
    }
    // The errors are documented too.
    const errors: [string | null, string, string, string, unknown?][] = [
      [null, 'GET', routes.list, '/api/v1/cases'],
      ['rep', 'GET', routes.one, '/api/v1/cases/kein-fall'],
      ['rep', 'GET', routes.one, `/api/v1/cases/${otherCase.number}`],
      ['officeCasesOnly', 'GET', routes.documents, `/api/v1/cases/${repCase.id}/documents`],
      ['office', 'POST', routes.messages, `/api/v1/cases/${repCase.id}/messages`, { text: '', extra: 1 }],
      ['office', 'GET', routes.list, '/api/v1/cases?limit=0'],
    ];
    for (const [who, method, template, path, body] of errors) {
      const answer = await call(who, method, path, body === undefined ? {} : { body });
      assert.ok(answer.status >= 400 && answer.status < 500, `${path}: ${answer.status}`);
      conforms(method, template, answer);
    }
  });

  test('the office sees every case, the authority its area, the representative its own; others get 404', async () => {
    const numbers = async (who: string) =>
      ((await call(who, 'GET', '/api/v1/cases')).body.cases as Json[]).map((c) => c.caseNumber).sort();
    assert.deepEqual(await numbers('office'), [repCase.number, otherCase.number].sort());
    assert.deepEqual(await numbers('authority'), [repCase.number, otherCase.number].sort());
    assert.deepEqual(await numbers('otherAuthority'), []);
    assert.deepEqual(await numbers('rep'), [repCase.number]);
    assert.deepEqual(await numbers('otherRep'), []);

    for (const [who, ref] of [
      ['otherAuthority', repCase.number],
      ['otherRep', repCase.id],
      ['rep', otherCase.id],
      ['rep', otherCase.number],
    ] as const) {
      for (const path of [
        `/api/v1/cases/${ref}`,
        `/api/v1/cases/${ref}/documents`,
        `/api/v1/cases/${ref}/messages`,
        `/api/v1/cases/${ref}/documents/${receiptId}`,
      ]) {
        const answer = await call(who, 'GET', path);
        assert.equal(answer.status, 404, `${who} ${path}`);
        assert.equal(answer.body.error, 'not_found');
      }
    }
    const unknown = await call('office', 'GET', '/api/v1/cases/HFK-2026-99999');
    assert.equal(unknown.status, 404, 'an unknown case looks the same');
  });

  test('each role sees only its fields: stage words for the representative, no special categories for the authority', async () => {
    const rep = (await call('rep', 'GET', `/api/v1/cases/${repCase.number}`)).body;
    assert.equal((rep.state as Json).code, 'in_review');
    assert.match(String((rep.state as Json).text), /^Eingegangen\. Die Geschäftsstelle prüft/);
    assert.deepEqual(Object.keys((rep.persons as Json[])[0] ?? {}).sort(), ['familyName', 'givenNames']);
    assert.equal(rep.channel, undefined);

    const office = (await call('office', 'GET', `/api/v1/cases/${repCase.number}`)).body;
    assert.deepEqual(office.state, { code: 'received', text: 'Eingegangen' });
    assert.match(String((office.persons as Json[])[0]?.birthDate), /^1980/);
    assert.equal(office.channel, 'online');

    const ids = async (who: string) =>
      ((await call(who, 'GET', `/api/v1/cases/${repCase.id}/documents`)).body.documents as Json[]).map(
        (d) => d.id,
      );
    assert.ok((await ids('office')).includes(medicalDocId), 'the office sees the medical report');
    assert.ok(!(await ids('authority')).includes(medicalDocId), 'the authority does not');
    assert.deepEqual(
      await ids('rep'),
      [receiptId],
      'the representative gets the receipt, as on its status page',
    );
    for (const who of ['authority', 'rep']) {
      const file = await call(who, 'GET', `/api/v1/cases/${repCase.id}/documents/${medicalDocId}`);
      assert.equal(file.status, 404, `${who} cannot download the medical report`);
    }
    const messages = await call('authority', 'GET', `/api/v1/cases/${repCase.id}/messages`);
    assert.equal(messages.status, 404, 'authorities read no messages: refused like a wrong role');

    const views = await sec.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role'])
      .where('resource_id', '=', repCase.id)
      .where('action', 'in', ['case_file.viewed', 'document.downloaded'])
      .execute();
    for (const role of ['office_clerk', 'authority', 'representative'])
      for (const action of ['case_file.viewed', 'document.downloaded'])
        assert.ok(
          views.some((v) => v.action === action && v.actor_role === role),
          `${action} by ${role} is audited`,
        );
  });

  test('messages go through the use case: the office reads the representative’s; bad input names the field', async () => {
    const sent = await call('rep', 'POST', `/api/v1/cases/${repCase.id}/messages`, {
      body: { text: 'Frage über die API <b>x</b>' },
    });
    assert.equal(sent.status, 201);
    const page = await office.get(`/geschaeftsstelle/faelle/${repCase.id}`);
    assert.ok(page.body.includes('Frage über die API &lt;b>x&lt;/b>'), 'the office sees it in the case file');
    const stored = await sec.database.db
      .selectFrom('case_messages')
      .select(['direction', 'author_role'])
      .where('id', '=', String(sent.body.id))
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { direction: 'from_applicant', author_role: 'representative' });

    const empty = await call('office', 'POST', `/api/v1/cases/${repCase.id}/messages`, {
      body: { text: '  ' },
    });
    assert.equal(empty.status, 400);
    assert.deepEqual(empty.body.fields, [{ path: 'text', message: 'Bitte schreiben Sie eine Nachricht.' }]);
    const wrong = await call('office', 'POST', `/api/v1/cases/${repCase.id}/messages`, {
      body: { text: 5, to: 'x' },
    });
    assert.equal(wrong.status, 400);
    assert.deepEqual((wrong.body.fields as Json[]).map((f) => f.path).sort(), ['body.text', 'body.to']);
    const notJson = await fetch(new URL(`/api/v1/cases/${repCase.id}/messages`, sec.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token.office}`, 'content-type': 'application/json' },
      body: '{"text": "kaputt',
    });
    assert.equal(notJson.status, 400, 'broken JSON is a bad request, not a 500');
    const form = await fetch(new URL(`/api/v1/cases/${repCase.id}/messages`, sec.url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token.office}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'text=Hallo',
    });
    assert.equal(form.status, 400, 'only JSON bodies');
    const authorityWrites = await call('authority', 'POST', `/api/v1/cases/${repCase.id}/messages`, {
      body: { text: 'Hallo' },
    });
    assert.equal(authorityWrites.status, 404);
  });

  test('tokens only: no token, a wrong one, a session cookie or a revoked token get 401', async () => {
    const none = await call(null, 'GET', '/api/v1/cases');
    assert.equal(none.status, 401);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    assert.equal(none.body.error, 'unauthorized');
    const wrong = await call(`hfk_${'A'.repeat(43)}`, 'GET', '/api/v1/cases');
    assert.equal(wrong.status, 401);
    const garbage = await call('x'.repeat(5000), 'GET', '/api/v1/cases');
    assert.equal(garbage.status, 401);
    const cookie = [...office.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const withCookie = await call(null, 'GET', '/api/v1/cases', { headers: { cookie } });
    assert.equal(withCookie.status, 401, 'a logged-in browser session does not open the API');
    assert.match(String(withCookie.body.message), /keine Anmeldung über Cookies/);
    const post = await call(null, 'POST', `/api/v1/cases/${repCase.id}/messages`, {
      body: { text: 'über das Cookie' },
      headers: { cookie },
    });
    assert.equal(post.status, 401);

    const page = await office.get('/geschaeftsstelle/api-schluessel');
    const id = /\/geschaeftsstelle\/api-schluessel\/([0-9a-f-]{36})\/widerrufen/.exec(page.body)?.[1] ?? '';
    const row = await sec.database.db
      .selectFrom('api_tokens')
      .select('name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const which = row.name === 'Nur Fälle' ? 'officeCasesOnly' : 'office';
    assert.equal((await call(which, 'GET', '/api/v1/cases')).status, 200);
    await office.post(`/geschaeftsstelle/api-schluessel/${id}/widerrufen`, { _csrf: csrfOf(page.body) });
    assert.equal((await call(which, 'GET', '/api/v1/cases')).status, 401, 'revoked');
    const used = await sec.database.db
      .selectFrom('api_tokens')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(used.last_used_at, 'the last use was recorded');
  });
});

describe('JSON API rate limit', () => {
  let sec: SecurityApp;
  before(async () => {
    sec = await startSecurityApp({}, { rateLimitPerMinute: 8 });
  });
  after(async () => {
    await sec?.close();
  });

  test('past the limit per minute a token gets 429 with a German message, as the document says', async () => {
    const clerk = await createStaffUser(
      sec.database,
      { email: 'api-limit@example.org', name: 'Sachbearbeitung', role: 'office_clerk' },
      { masterKey: sec.masterKey },
    );
    const web = await loginStaff(new WebClient(sec.url), clerk);
    const key = await tokenFor(web, '/geschaeftsstelle/api-schluessel', ['cases:read']);
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 10; i++) {
      last = await fetch(new URL('/api/v1/cases', sec.url), { headers: { authorization: `Bearer ${key}` } });
      statuses.push(last.status);
      if (last.status === 429) break;
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 429]);
    const body = (await last?.json()) as Json;
    assert.deepEqual(body, {
      error: 'too_many_requests',
      message: 'Zu viele Anfragen. Bitte warten Sie eine Minute.',
    });
    const document = await (await fetch(new URL('/api/openapi.json', sec.url))).json();
    assert.ok(document.paths['/api/v1/cases'].get.responses['429'], '429 is documented');
  });
});
