/**
 * S1 – the access matrix, generated from the route table. Every route the app registers belongs to
 * exactly one zone of ACCESS (a new route without a zone fails the test); every role is tried on
 * every route with real ids of existing resources. A denied logged-in role gets 404 (nothing says the
 * resource exists), a visitor without a login is sent to the login (staff areas) or gets nothing of a
 * draft (applicant area); an allowed role gets its page. Applicants reach only their own draft's
 * persons and files. The JSON API (/api/v1) is tried with each role's own API token (made on its token
 * page): allowed roles get 200 on their own case, a role with a token but not the right gets 404, a role
 * without tokens (its cookies only) 401; another account's or another area's case is 404.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { pdfkitLetter } from '../../src/adapters/scan/test-support.ts';
import { DRAFT_COOKIE } from '../../src/web/public/application/routes.tsx';
import { draftUpToEvidence } from '../support/applicant.ts';
import { registerRepresentative as registerAccount } from '../support/representative.ts';
import { createStaffUser } from '../support/staff-app.ts';
import { type PageResponse, WebClient } from '../support/web-client.ts';
import {
  caseIdOf,
  csrfOf,
  fileApplicationWith,
  loginStaff,
  type SecurityApp,
  startSecurityApp,
  waitForReceipt,
} from './support.ts';

const ROLES = [
  'anonymous',
  'applicant',
  'representative',
  'office_clerk',
  'office_head',
  'admin',
  'member',
  'authority',
] as const;
type Role = (typeof ROLES)[number];
const STAFF: readonly Role[] = [
  'representative',
  'office_clerk',
  'office_head',
  'admin',
  'member',
  'authority',
];
const EVERYONE: readonly Role[] = ROLES;

interface Zone {
  name: string;
  matches(method: string, url: string): boolean;
  allowed: readonly Role[];
  /** Who guards it: the staff login (visitors are sent to it), the draft cookie or an API token. */
  guard: 'none' | 'staff' | 'draft' | 'token';
}

const under = (prefix: string) => (url: string) => url === prefix || url.startsWith(`${prefix}/`);
const exactly =
  (...urls: string[]) =>
  (url: string) =>
    urls.includes(url);

/** Who may use which route: the first zone that matches decides. */
const ACCESS: Zone[] = [
  { name: 'API document', matches: (_m, u) => u === '/api/openapi.json', allowed: EVERYONE, guard: 'none' },
  {
    name: 'JSON API: messages (office and representatives)',
    matches: (_m, u) => u === '/api/v1/cases/:caseRef/messages',
    allowed: ['representative', 'office_clerk', 'office_head'],
    guard: 'token',
  },
  {
    name: 'JSON API: cases and documents',
    matches: (_m, u) => under('/api/v1/cases')(u),
    allowed: ['representative', 'office_clerk', 'office_head', 'authority'],
    guard: 'token',
  },
  {
    name: 'assets and health',
    matches: (_m, u) => under('/assets')(u) || under('/health')(u),
    allowed: EVERYONE,
    guard: 'none',
  },
  // Loopback only (checked below); open to every role from this machine.
  { name: 'metrics', matches: (_m, u) => u === '/metrics', allowed: EVERYONE, guard: 'none' },
  {
    name: 'login steps',
    matches: (_m, u) => under('/anmelden')(u) || u === '/abmelden',
    allowed: EVERYONE,
    guard: 'none',
  },
  {
    name: 'session extension',
    matches: (_m, u) => u === '/sitzung/verlaengern',
    allowed: STAFF,
    guard: 'staff',
  },
  { name: 'administration', matches: (_m, u) => under('/verwaltung')(u), allowed: ['admin'], guard: 'staff' },
  {
    name: 'registration, password links and invitations of representatives',
    matches: (_m, u) =>
      [
        '/konto/registrieren',
        '/konto/bestaetigen',
        '/konto/passwort-vergessen',
        '/konto/passwort-neu',
        '/konto/einladung',
      ].some((prefix) => under(prefix)(u)),
    allowed: EVERYONE,
    guard: 'none',
  },
  {
    name: 'representative account',
    matches: (_m, u) => under('/konto')(u),
    allowed: ['representative'],
    guard: 'staff',
  },
  {
    name: 'retention and data-subject requests',
    matches: (_m, u) => under('/geschaeftsstelle/aussonderung')(u) || under('/geschaeftsstelle/auskunft')(u),
    allowed: ['office_head'],
    guard: 'staff',
  },
  {
    name: 'back-office start (sends administrators, representatives, members and authorities on)',
    matches: (m, u) => (m === 'GET' || m === 'HEAD') && u === '/geschaeftsstelle',
    allowed: ['office_clerk', 'office_head', 'admin', 'representative', 'member', 'authority'],
    guard: 'staff',
  },
  {
    name: "commission members' view",
    matches: (_m, u) => under('/kommission')(u),
    allowed: ['member'],
    guard: 'staff',
  },
  {
    name: 'immigration-authority portal',
    matches: (_m, u) => under('/behoerde')(u),
    allowed: ['authority'],
    guard: 'staff',
  },
  {
    name: 'back office',
    matches: (_m, u) => under('/geschaeftsstelle')(u),
    allowed: ['office_clerk', 'office_head'],
    guard: 'staff',
  },
  {
    name: 'public information and the start of an application',
    matches: (_m, u) =>
      exactly('/', '/barrierefreiheit', '/datenschutz', '/impressum', '/antrag', '/antrag/selbstcheck')(u) ||
      u === '/antrag/beginnen' ||
      u === '/antrag/fortsetzen/:token',
    allowed: EVERYONE,
    guard: 'none',
  },
  {
    name: 'the applicant’s own application',
    matches: (_m, u) => under('/antrag')(u),
    allowed: ['applicant'],
    guard: 'draft',
  },
];

/** Allowed GETs that need a resource in a particular state this fixture does not have. */
const STATE_DEPENDENT: Record<string, string> = {
  'GET /geschaeftsstelle/aussonderung/:caseId/paket': 'only a deleted case has a package',
  'GET /geschaeftsstelle/aussonderung/:caseId/sperre': 'only a closed case can be put on hold',
  'GET /geschaeftsstelle/sitzungen/:id': 'needs a planned session (see test/integration/sessions.test.ts)',
  'GET /geschaeftsstelle/sitzungen/:id/tagesordnung/:caseId': 'needs a session with the case on its agenda',
  'GET /geschaeftsstelle/sitzungen/:id/protokoll': 'needs held session with minutes',
  'GET /geschaeftsstelle/sitzungen/:id/tagesordnung/:caseId/mappe':
    'needs a session with the case on its agenda',
  'GET /kommission/sitzungen/:id':
    'needs a session the member is invited to (own and other sessions: test/integration/members-view.test.ts)',
  'GET /kommission/sitzungen/:id/faelle/:caseId': 'needs a session the member is invited to, with the case',
  'GET /kommission/sitzungen/:id/mappe': 'needs a session the member is invited to',
  'GET /geschaeftsstelle/faelle/:caseId/dokumente/:documentId/vorschau/:page':
    'page images are made on demand for image documents only',
  'GET /konto/bestaetigen/:token': 'a confirmation link is mailed once',
  'GET /konto/einladung/:token':
    'an invitation is mailed once (test/integration/representative-accounts.test.ts)',
  'GET /antrag/fortsetzen/:token':
    'a resume link is secret: a made-up one is unknown (test/integration/online-application.test.ts)',
  'GET /antrag/nachreichen': 'only after submission (the applicant here has a draft)',
  'GET /antrag/nachreichen/:item': 'only after submission',
  'GET /antrag/nachreichen/dateien/:documentId/vorschau':
    'only after submission (test/integration/evidence-files.test.ts)',
  'GET /antrag/bestaetigung': 'only after submission',
  'GET /antrag/nachrichten': 'only after submission',
  'GET /antrag/zuruecknehmen': 'only after submission',
  'GET /antrag/eingangsbestaetigung.pdf': 'only after submission',
};

function zoneOf(method: string, url: string): Zone | undefined {
  return ACCESS.find((zone) => zone.matches(method, url));
}

describe('S1 access matrix over the route table', () => {
  let sec: SecurityApp;
  const clients = new Map<Role, WebClient>();
  const tokens = new Map<Role, string>();
  /** API tokens (with every scope the role may have), made on each role's own token page. */
  const apiKeys = new Map<Role, string>();
  let otherAreaKey = '';
  /** Real ids of existing resources, by route parameter. */
  const ids: Record<string, string> = {};
  let otherApplicant: WebClient;
  let otherPersonId = '';
  let otherDocumentId = '';

  before(async () => {
    // Thousands of requests from one address: the rate limit is not what this test is about.
    sec = await startSecurityApp({}, { rateLimitPerMinute: 100_000 });
    const staff = {
      office_clerk: await createStaffUser(
        sec.database,
        {
          email: 's1-clerk@example.org',
          name: 'Sachbearbeitung',
          role: 'office_clerk',
        },
        { masterKey: sec.masterKey },
      ),
      office_head: await createStaffUser(
        sec.database,
        {
          email: 's1-head@example.org',
          name: 'Leitung',
          role: 'office_head',
        },
        { masterKey: sec.masterKey },
      ),
      admin: await createStaffUser(
        sec.database,
        {
          email: 's1-admin@example.org',
          name: 'Admin',
          role: 'admin',
        },
        { masterKey: sec.masterKey },
      ),
      member: await createStaffUser(
        sec.database,
        {
          email: 's1-member@example.org',
          name: 'Mitglied',
          role: 'member',
        },
        { masterKey: sec.masterKey },
      ),
      // The immigration authority of the filed case's address (Düsseldorf).
      authority: await createStaffUser(
        sec.database,
        {
          email: 's1-authority@example.org',
          name: 'Ausländerbehörde',
          role: 'authority',
          organisationId: (
            await sec.database.db
              .selectFrom('organisations')
              .select('id')
              .where('kreis_ags', '=', '05111')
              .where('kind', '=', 'immigration_authority')
              .executeTakeFirstOrThrow()
          ).id,
        },
        { masterKey: sec.masterKey },
      ),
    };
    for (const [role, user] of Object.entries(staff)) {
      const web = await loginStaff(new WebClient(sec.url), user);
      clients.set(role as Role, web);
    }
    clients.set('representative', await registerRepresentative(sec));
    clients.set('anonymous', new WebClient(sec.url));
    // The representative's own filed case (the API's "own" resource for the account).
    const rep = clients.get('representative') as WebClient;
    const repFiled = await fileApplicationWith(rep, { familyName: 'Vertreten' });
    rep.cookies.delete(DRAFT_COOKIE);
    ids['rep case'] = await caseIdOf(sec.database, repFiled.caseNumber);
    await waitForReceipt(sec.database, ids['rep case']);
    ids['rep receipt'] = (
      await sec.database.db
        .selectFrom('documents')
        .select('id')
        .where('case_id', '=', ids['rep case'])
        .where('category', '=', 'receipt')
        .executeTakeFirstOrThrow()
    ).id;

    // A filed case with its documents, for the office's routes.
    const filer = new WebClient(sec.url);
    const filed = await fileApplicationWith(filer, {}, [
      { item: 'school', name: 'Schule.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    ]);
    ids.caseId = await caseIdOf(sec.database, filed.caseNumber);
    await waitForReceipt(sec.database, ids.caseId);
    const document = await sec.database.db
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', ids.caseId)
      .where('category', '=', 'receipt')
      .executeTakeFirstOrThrow();
    ids['case document'] = document.id;
    // The portal shows the application copy to the authority (the receipt is the applicant's).
    const copy = await sec.database.db
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', ids.caseId)
      .where('category', '=', 'application_copy')
      .executeTakeFirstOrThrow();
    ids['portal document'] = copy.id;

    // The applicant: a draft of their own, with a person and an uploaded file.
    const applicant = new WebClient(sec.url);
    const items = await draftUpToEvidence(applicant, 'Matrix');
    ids.item = items[0] ?? '';
    ids.form = items.find((item) => item.startsWith('data_consent')) ?? '';
    assert.ok(ids.form, `a consent form among ${items.join(', ')}`);
    const sent = await applicant.upload(
      '/antrag/hochladen',
      { evidenceItem: ids.item },
      { field: 'datei', name: 'Nachweis.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    );
    assert.equal(sent.status, 303, sent.body.slice(0, 300));
    const own = await draftResources(sec, applicant, 'Nachweis.pdf');
    ids.personId = own.personId;
    ids['draft document'] = own.documentId;
    clients.set('applicant', applicant);

    // A second applicant with a draft of their own: they must not reach the first one's.
    otherApplicant = new WebClient(sec.url);
    const otherItems = await draftUpToEvidence(otherApplicant, 'Andere');
    await otherApplicant.upload(
      '/antrag/hochladen',
      { evidenceItem: otherItems[0] ?? '' },
      { field: 'datei', name: 'Andere.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    );
    const theirs = await draftResources(sec, otherApplicant, 'Andere.pdf');
    otherPersonId = theirs.personId;
    otherDocumentId = theirs.documentId;

    const admin = await sec.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 's1-clerk@example.org')
      .executeTakeFirstOrThrow();
    ids.id = admin.id;
    const repDraft = await sec.database.db
      .selectFrom('drafts')
      .select('id')
      .where('owner_user_id', 'is not', null)
      .executeTakeFirst();
    ids.draftId = repDraft?.id ?? randomUUID();
    for (const role of ROLES) tokens.set(role, await csrfFor(role, clients.get(role) as WebClient));
    for (const [role, page] of Object.entries(TOKEN_PAGES) as [Role, string][])
      apiKeys.set(role, await apiKeyFrom(clients.get(role) as WebClient, page));
    // An authority of another area (Essen), for "another's case" through the API.
    const essen = await createStaffUser(
      sec.database,
      {
        email: 's1-authority-essen@example.org',
        name: 'Ausländerbehörde Essen',
        role: 'authority',
        organisationId: (
          await sec.database.db
            .selectFrom('organisations')
            .select('id')
            .where('kreis_ags', '=', '05113')
            .where('kind', '=', 'immigration_authority')
            .executeTakeFirstOrThrow()
        ).id,
      },
      { masterKey: sec.masterKey },
    );
    otherAreaKey = await apiKeyFrom(
      await loginStaff(new WebClient(sec.url), essen),
      '/behoerde/api-schluessel',
    );
  });
  after(async () => {
    await sec?.close();
  });

  /** The concrete path of a route template for this role's attempt. */
  function concrete(url: string, role?: Role): string {
    // The API: each role's own case (the account's for a representative) and a document it may see.
    if (url.startsWith('/api/v1/'))
      return url
        .replace(':caseRef', (role === 'representative' ? ids['rep case'] : ids.caseId) ?? '')
        .replace(
          ':documentId',
          (role === 'representative'
            ? ids['rep receipt']
            : role === 'authority'
              ? ids['portal document']
              : ids['case document']) ?? '',
        );
    return url
      .replace(':caseId', ids.caseId ?? '')
      .replace(
        ':documentId',
        url.startsWith('/antrag')
          ? (ids['draft document'] ?? '')
          : url.startsWith('/behoerde')
            ? (ids['portal document'] ?? '')
            : (ids['case document'] ?? ''),
      )
      .replace(':personId', ids.personId ?? '')
      .replace(':item', ids.item ?? '')
      .replace(':draftId', ids.draftId ?? '')
      .replace(':command', 'startPreCheck')
      .replace(':page', '1')
      .replace(':file', url.startsWith('/geschaeftsstelle/statistik') ? 'ueberblick.csv' : `${ids.form}.pdf`)
      .replace(':token', 'x'.repeat(43))
      .replace(':id', url.startsWith('/verwaltung') ? (ids.id ?? '') : randomUUID())
      .replace('/assets/kern/*', '/assets/kern/kern.min.css')
      .replace(
        '/assets/fonts/noto-sans-arabic/*',
        '/assets/fonts/noto-sans-arabic/noto-sans-arabic-arabic-400-normal.woff2',
      )
      .replace('/assets/*', '/assets/app.css');
  }

  function routes() {
    const seen = new Set<string>();
    return sec.app.routeTable.filter((route) => {
      const key = `${route.method} ${route.url}`;
      if (seen.has(key) || route.method === 'HEAD' || route.method === 'OPTIONS') return false;
      seen.add(key);
      return true;
    });
  }

  test('every registered route belongs to a zone of the access table', () => {
    const unclassified = routes()
      .filter((route) => !zoneOf(route.method, route.url))
      .map((route) => `${route.method} ${route.url}`);
    assert.deepEqual(unclassified, [], 'routes without a zone: add them to ACCESS');
    assert.ok(routes().length > 80, `the route table is complete (${routes().length} routes)`);
  });

  test('every denied role is refused on every route: 404 when logged in, the login or nothing otherwise', async (t) => {
    const wrong: string[] = [];
    let cells = 0;
    for (const route of routes()) {
      const zone = zoneOf(route.method, route.url);
      if (!zone || zone.guard === 'none') continue;
      for (const role of ROLES) {
        if (zone.allowed.includes(role)) continue;
        const web = clients.get(role) as WebClient;
        const path = concrete(route.url, role);
        const answer =
          zone.guard === 'token'
            ? await apiAttempt(web, apiKeys.get(role), route.method, path)
            : await attempt(web, route.method, path, tokens.get(role) ?? '');
        cells += 1;
        const refused =
          zone.guard === 'token'
            ? // A role with a token but not this right: 404 as on the pages; without a token (cookies only): 401.
              answer.status === (apiKeys.has(role) ? 404 : 401)
            : zone.guard === 'staff' && (role === 'anonymous' || role === 'applicant')
              ? answer.status === 404 ||
                (answer.status === 303 && (answer.location ?? '').startsWith('/anmelden'))
              : zone.guard === 'draft'
                ? answer.status === 404 ||
                  (answer.status === 303 && /^\/antrag([/?#]|$)/.test(answer.location ?? ''))
                : answer.status === 404;
        if (!refused)
          wrong.push(`${role} ${route.method} ${route.url} → ${answer.status} ${answer.location ?? ''}`);
      }
    }
    assert.deepEqual(wrong, [], 'denied cells that were not refused');
    t.diagnostic(`${cells} denied cells tried`);
    assert.ok(cells > 300, `${cells} denied cells tried`);
  });

  test('every allowed role gets its page on every GET route with an existing resource', async (t) => {
    const wrong: string[] = [];
    let cells = 0;
    for (const route of routes()) {
      if (route.method !== 'GET' || STATE_DEPENDENT[`GET ${route.url}`]) continue;
      const zone = zoneOf(route.method, route.url);
      if (!zone || zone.name === 'login steps') continue;
      for (const role of zone.allowed) {
        if (zone.name === 'assets and health' && role !== 'anonymous') continue;
        const path = concrete(route.url, role);
        const answer =
          zone.guard === 'token'
            ? await apiAttempt(clients.get(role) as WebClient, apiKeys.get(role), 'GET', path)
            : await (clients.get(role) as WebClient).get(path);
        cells += 1;
        const fine =
          zone.guard === 'token'
            ? answer.status === 200
            : answer.status === 200 ||
              (answer.status === 303 && !(answer.location ?? '').startsWith('/anmelden'));
        if (!fine) wrong.push(`${role} GET ${route.url} → ${answer.status} ${answer.location ?? ''}`);
      }
    }
    assert.deepEqual(wrong, [], 'allowed cells that failed');
    t.diagnostic(`${cells} allowed cells tried`);
    assert.ok(cells > 40, `${cells} allowed cells tried`);
  });

  test('an applicant reaches only the persons and files of their own draft', async () => {
    const token = '';
    const tries: [string, string, string][] = [
      ['GET', `/antrag/personen/${ids.personId}`, 'another draft’s person'],
      ['POST', `/antrag/personen/${ids.personId}`, 'changing another draft’s person'],
      ['POST', `/antrag/personen/${ids.personId}/entfernen`, 'removing another draft’s person'],
      ['GET', `/antrag/nachweise/dateien/${ids['draft document']}/vorschau`, 'another draft’s file'],
      [
        'POST',
        `/antrag/nachweise/dateien/${ids['draft document']}/entfernen`,
        'removing another draft’s file',
      ],
    ];
    for (const [method, path, what] of tries) {
      const answer = await attempt(otherApplicant, method, path, token);
      assert.equal(answer.status, 404, `${what}: ${answer.status}`);
    }
    // Their own work: the same routes with their ids answer.
    assert.equal((await otherApplicant.get(`/antrag/personen/${otherPersonId}`)).status, 200);
    assert.equal(
      (await otherApplicant.get(`/antrag/nachweise/dateien/${otherDocumentId}/vorschau`)).status,
      200,
    );
    // And the first applicant's draft is untouched.
    const applicant = clients.get('applicant') as WebClient;
    assert.equal((await applicant.get(`/antrag/personen/${ids.personId}`)).status, 200);
    assert.equal(
      (await applicant.get(`/antrag/nachweise/dateien/${ids['draft document']}/vorschau`)).status,
      200,
    );
  });

  test('an API token reaches only its own cases: another account’s or another area’s case is not found', async () => {
    const apiGets = routes().filter((r) => r.method === 'GET' && r.url.includes(':caseRef'));
    assert.ok(apiGets.length >= 4, 'the API case routes');
    const wrong: string[] = [];
    const tries: [string, string | undefined, Record<string, string>][] = [
      // The representative on the case someone else filed (with that case's receipt).
      [
        'representative',
        apiKeys.get('representative'),
        { caseRef: ids.caseId ?? '', documentId: ids['case document'] ?? '' },
      ],
      // The authority of Essen on the Düsseldorf case.
      [
        'authority of another area',
        otherAreaKey,
        { caseRef: ids.caseId ?? '', documentId: ids['portal document'] ?? '' },
      ],
    ];
    for (const [who, key, values] of tries) {
      for (const route of apiGets) {
        const path = route.url
          .replace(':caseRef', values.caseRef ?? '')
          .replace(':documentId', values.documentId ?? '');
        const answer = await apiAttempt(clients.get('anonymous') as WebClient, key, 'GET', path);
        if (answer.status !== 404) wrong.push(`${who} GET ${route.url} → ${answer.status}`);
      }
    }
    const post = await apiAttempt(
      clients.get('anonymous') as WebClient,
      apiKeys.get('representative'),
      'POST',
      `/api/v1/cases/${ids.caseId}/messages`,
    );
    if (post.status !== 404) wrong.push(`representative POST another's messages → ${post.status}`);
    assert.deepEqual(wrong, [], 'own/other cells of the API that were not refused');
    // The office sees every case, the account's too; the account its own.
    const office = await apiAttempt(
      clients.get('anonymous') as WebClient,
      apiKeys.get('office_clerk'),
      'GET',
      `/api/v1/cases/${ids['rep case']}`,
    );
    assert.equal(office.status, 200);
    const own = await apiAttempt(
      clients.get('anonymous') as WebClient,
      apiKeys.get('representative'),
      'GET',
      `/api/v1/cases/${ids['rep case']}`,
    );
    assert.equal(own.status, 200);
  });

  test('metrics answer only on this machine, not through a proxy', async () => {
    const direct = await fetch(new URL('/metrics', sec.url));
    assert.equal(direct.status, 200);
    const proxied = await fetch(new URL('/metrics', sec.url), {
      headers: { 'x-forwarded-for': '203.0.113.7' },
    });
    assert.equal(proxied.status, 404);
  });
});

/** Where each role with API tokens makes them. */
const TOKEN_PAGES: Partial<Record<Role, string>> = {
  representative: '/konto/api-schluessel',
  office_clerk: '/geschaeftsstelle/api-schluessel',
  office_head: '/geschaeftsstelle/api-schluessel',
  authority: '/behoerde/api-schluessel',
};

/** A token with every right the page offers this login. */
async function apiKeyFrom(web: WebClient, page: string): Promise<string> {
  const form = await web.get(page);
  const scopes = [...form.body.matchAll(/name="scopes" value="([^"]+)"/g)].map((m) => m[1] as string);
  assert.ok(scopes.length > 0, `${page} offers rights`);
  const made = await web.post(page, { _csrf: csrfOf(form.body), name: 'Matrix', scopes, validity: '30' });
  const key = /id="new-api-token">(hfk_[A-Za-z0-9_-]{43})</.exec(made.body)?.[1];
  assert.ok(key, `a token from ${page}`);
  return key;
}

/** One attempt at an API route: with the role's token if it has one, and with its cookies (which the API ignores). */
async function apiAttempt(
  web: WebClient,
  key: string | undefined,
  method: string,
  path: string,
): Promise<PageResponse> {
  const headers: Record<string, string> = {
    cookie: [...web.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
  if (key) headers.authorization = `Bearer ${key}`;
  if (method === 'POST') headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, web.baseUrl), {
    method,
    headers,
    redirect: 'manual',
    ...(method === 'POST' ? { body: JSON.stringify({ text: 'Nachricht aus der Zugriffsmatrix' }) } : {}),
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: await response.text(),
    headers: response.headers,
  };
}

/** One attempt at a route: with this login's CSRF token, so a refusal is the access rule's doing. */
async function attempt(web: WebClient, method: string, path: string, csrf: string): Promise<PageResponse> {
  if (method === 'GET') return web.get(path);
  if (method === 'POST') return web.post(path, csrf ? { _csrf: csrf } : {});
  const headers: Record<string, string> = {
    cookie: [...web.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    origin: new URL(web.baseUrl).origin,
    'tus-resumable': '1.0.0',
    ...(csrf ? { 'x-csrf-token': csrf } : {}),
  };
  if (method === 'PATCH') {
    headers['content-type'] = 'application/offset+octet-stream';
    headers['upload-offset'] = '0';
  }
  const response = await fetch(new URL(path, web.baseUrl), {
    method,
    headers,
    redirect: 'manual',
    ...(method === 'PATCH' ? { body: 'x' } : {}),
  });
  return {
    status: response.status,
    location: response.headers.get('location'),
    body: await response.text(),
    headers: response.headers,
  };
}

/** The CSRF token of a logged-in role (from a page with a form of theirs); empty for the others. */
async function csrfFor(role: Role, web: WebClient): Promise<string> {
  const page: Partial<Record<Role, string>> = {
    office_clerk: '/geschaeftsstelle/eingang',
    office_head: '/geschaeftsstelle/eingang',
    admin: '/verwaltung',
    representative: '/konto',
    authority: '/behoerde',
  };
  const path = page[role];
  if (path) return csrfOf((await web.get(path)).body);
  if (role === 'member') return csrfOf((await web.get('/sitzung/verlaengern')).body);
  return '';
}

/** The person of the draft this client works on, and the file uploaded to it under this name. */
async function draftResources(
  sec: SecurityApp,
  web: WebClient,
  fileName: string,
): Promise<{ personId: string; documentId: string }> {
  const overview = await web.get('/antrag/personen');
  const personId = /\/antrag\/personen\/([0-9a-f-]{36})/.exec(overview.body)?.[1] ?? '';
  assert.ok(personId, 'the draft lists its person');
  const document = await sec.database.db
    .selectFrom('draft_documents')
    .select('id')
    .where('file_name', '=', fileName)
    .executeTakeFirstOrThrow();
  return { personId, documentId: document.id };
}

/** The representative of the matrix, with a draft of its own listed in the account. */
async function registerRepresentative(sec: SecurityApp): Promise<WebClient> {
  const rep = await registerAccount(sec, { email: 's1-rep@example.org', name: 'Anna Rechtsanwältin' });
  // A draft of the representative's own, listed in the account; then back to the account alone.
  await rep.post('/antrag/beginnen');
  rep.cookies.delete(DRAFT_COOKIE);
  return rep;
}
