/**
 * S3 – cross-site requests on the composed app. Every state-changing request of the applicant and
 * of the staff is refused (403) when it comes from a foreign origin (Origin or Sec-Fetch-Site, ADR
 * 004); the staff's also without this session's CSRF token. A refused request changes nothing in the
 * database; the same request from our own pages does. No GET changes state.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { pdfkitLetter } from '../../src/adapters/scan/test-support.ts';
import { createStaffUser, type StaffUser } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';
import {
  caseIdOf,
  csrfOf,
  fileApplicationWith,
  loginStaff,
  type SecurityApp,
  startSecurityApp,
  waitFor,
  waitForReceipt,
} from './support.ts';

/** Ways a browser marks a request from another site (each header alone is enough). */
const FOREIGN: Record<string, Record<string, string | null>> = {
  'foreign Origin': { origin: 'https://evil.example' },
  'Origin null (sandboxed frame, data: URL)': { origin: 'null' },
  'Origin of a sibling subdomain': { origin: 'http://evil.localhost' },
  'Sec-Fetch-Site cross-site, no Origin': { origin: null, 'sec-fetch-site': 'cross-site' },
  'Sec-Fetch-Site same-site, no Origin': { origin: null, 'sec-fetch-site': 'same-site' },
  'own Origin but Sec-Fetch-Site cross-site': { 'sec-fetch-site': 'cross-site' },
};

/**
 * Everything a request could change, as one string: equal before and after means nothing changed.
 * Taken once the background worker is idle (no job due), so that its own work (the maintenance run
 * at start, letters after a submission) is never mistaken for a change made by a request.
 */
async function fingerprint(sec: SecurityApp): Promise<string> {
  await waitFor('an idle outbox', async () => {
    const due = await sec.database.db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('run_after', '<=', new Date())
      .execute();
    return due.length === 0 ? true : null;
  });
  const tables = [
    'drafts',
    'draft_documents',
    'uploads',
    'cases',
    'persons',
    'documents',
    'case_notes',
    'document_requests',
    'case_history',
    'outbox',
    'users',
    'organisations',
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await sql<{
      row: string;
    }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table)} t`.execute(sec.database.db);
    parts.push(
      `${table}:${rows.rows
        .map((r) => r.row)
        .sort()
        .join('\n')}`,
    );
  }
  const sessions = await sec.database.db.selectFrom('login_sessions').select('id').execute();
  parts.push(
    `sessions:${sessions
      .map((s) => s.id)
      .sort()
      .join(',')}`,
  );
  return parts.join('\n');
}

/** A multipart post with a file and chosen headers (as a foreign page's form would send it). */
async function multipart(
  url: string,
  cookie: string,
  fields: Record<string, string>,
  headers: Record<string, string | null>,
  fieldsAfterFile: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append(
    'datei',
    new Blob([new Uint8Array(await pdfkitLetter())], { type: 'application/pdf' }),
    'x.pdf',
  );
  for (const [k, v] of Object.entries(fieldsAfterFile)) form.append(k, v);
  const h: Record<string, string> = { cookie, origin: new URL(url).origin };
  for (const [k, v] of Object.entries(headers)) {
    if (v === null) delete h[k];
    else h[k] = v;
  }
  const response = await fetch(url, { method: 'POST', headers: h, body: form, redirect: 'manual' });
  return { status: response.status, body: await response.text() };
}

const cookieOf = (web: WebClient) => [...web.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

describe('S3 cross-site requests', () => {
  let sec: SecurityApp;
  before(async () => {
    sec = await startSecurityApp();
  });
  after(() => sec?.close());

  test('applicant: every unsafe request from another site is refused and changes nothing', async () => {
    const web = new WebClient(sec.url);
    await web.post('/antrag/beginnen');
    const personPath = (await web.post('/antrag/personen/neu')).location ?? '';
    assert.match(personPath, /^\/antrag\/personen\/[0-9a-f-]{36}$/);
    const item = 'data_consent';
    const posts: [string, Record<string, string>][] = [
      ['/antrag/beginnen', {}],
      ['/antrag/personen/neu', {}],
      [personPath, { relation: 'main_applicant', familyName: 'Fremdeingabe', action: 'continue' }],
      [`${personPath}/entfernen`, {}],
      ['/antrag/vertretung', { kind: 'none', action: 'continue' }],
      ['/antrag/begruendung/texte', { lifeStory: 'Fremdeingabe', action: 'later' }],
      ['/antrag/link-senden', { email: 'angreifer@example.org' }],
      ['/antrag/nachweise', { action: 'later' }],
      ['/antrag/absenden', {}],
      ['/antrag/zuruecknehmen', {}],
    ];
    const before = await fingerprint(sec);
    const cookiesBefore = cookieOf(web);
    for (const [name, headers] of Object.entries(FOREIGN)) {
      for (const [path, body] of posts) {
        const r = await web.requestWithHeaders('POST', path, body, headers);
        assert.equal(r.status, 403, `${name}: POST ${path} → ${r.status}`);
        assert.match(r.body, /Anfrage abgelehnt/, `${name}: the German page`);
        assert.equal(r.headers.getSetCookie().length, 0, `${name}: no cookie set by ${path}`);
      }
      const upload = await multipart(
        `${sec.url}/antrag/hochladen`,
        cookieOf(web),
        { evidenceItem: item },
        headers,
      );
      assert.equal(upload.status, 403, `${name}: form upload`);
      const tus = await web.requestWithHeaders('POST', '/antrag/hochladen/tus', undefined, {
        ...headers,
        'tus-resumable': '1.0.0',
        'upload-length': '10',
        'upload-metadata': `filename ${Buffer.from('x.pdf').toString('base64')}`,
      });
      assert.equal(tus.status, 403, `${name}: tus upload`);
    }
    assert.equal(cookieOf(web), cookiesBefore);
    assert.equal(await fingerprint(sec), before, 'not a byte changed in the database');

    // The same request from our own page goes through and changes the draft: the check is the reason.
    const own = await web.requestWithHeaders(
      'POST',
      personPath,
      { relation: 'main_applicant', familyName: 'Eigeneingabe', action: 'later' },
      { 'sec-fetch-site': 'same-origin' },
    );
    assert.equal(own.status, 303);
    const after = await fingerprint(sec);
    assert.notEqual(after, before);
    assert.match(after, /Eigeneingabe/);
    assert.doesNotMatch(after, /Fremdeingabe|angreifer@/);
  });

  test('applicant: no GET changes state, not even on the addresses of actions', async () => {
    const web = new WebClient(sec.url);
    const { caseNumber } = await fileApplicationWith(web, { familyName: 'Lesetest' });
    await waitForReceipt(sec.database, await caseIdOf(sec.database, caseNumber));
    await new Promise((r) => setTimeout(r, 500)); // let the outbox settle (receipt mail)
    const before = await fingerprint(sec);
    for (const path of [
      '/antrag',
      '/antrag/beginnen',
      '/antrag/uebersicht',
      '/antrag/personen',
      '/antrag/personen/neu',
      '/antrag/vertretung',
      '/antrag/fragen',
      '/antrag/begruendung/texte',
      '/antrag/nachweise',
      '/antrag/pruefen',
      '/antrag/absenden',
      '/antrag/bestaetigung',
      '/antrag/zuruecknehmen',
      '/antrag/link-senden',
      '/antrag/nachreichen',
      '/antrag/eingangsbestaetigung.pdf',
    ]) {
      const r = await web.get(path);
      assert.ok(r.status < 500, `GET ${path} → ${r.status}`);
    }
    const after = await fingerprint(sec);
    // The outbox may have finished a job meanwhile; compare without it.
    const withoutOutbox = (s: string) => s.replace(/\noutbox:[\s\S]*?\nusers:/, '\nusers:');
    assert.equal(withoutOutbox(after), withoutOutbox(before));
  });

  describe('staff', () => {
    let clerk: StaffUser;
    let admin: StaffUser;
    let web: WebClient;
    let caseId: string;
    before(async () => {
      clerk = await createStaffUser(
        sec.database,
        { email: 'csrf-clerk@example.org', name: 'Clerk', role: 'office_clerk' },
        { masterKey: sec.masterKey },
      );
      admin = await createStaffUser(
        sec.database,
        { email: 'csrf-admin@example.org', name: 'Admin', role: 'admin' },
        { masterKey: sec.masterKey },
      );
      const { caseNumber } = await fileApplicationWith(new WebClient(sec.url), { familyName: 'Fallakte' });
      caseId = await caseIdOf(sec.database, caseNumber);
      await waitForReceipt(sec.database, caseId);
      web = await loginStaff(new WebClient(sec.url), clerk);
    });

    test("office and administration: foreign origin, no token, a wrong or another session's token are refused, nothing changes", async () => {
      const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
      assert.equal(page.status, 200);
      const token = csrfOf(page.body);
      assert.ok(token);
      const step = /action="(\/geschaeftsstelle\/faelle\/[^"]+\/schritte\/[A-Za-z]+)"/.exec(page.body)?.[1];
      const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
      assert.ok(step, 'a step is offered');
      const other = await loginStaff(new WebClient(sec.url), admin);
      const adminPage = await other.get('/verwaltung');
      const otherToken = csrfOf(adminPage.body);
      assert.ok(otherToken && otherToken !== token);
      const due = new Date(Date.now() + 20 * 86_400_000);
      const office: [string, Record<string, string>][] = [
        [`/geschaeftsstelle/faelle/${caseId}/notizen`, { note: 'Fremdnotiz' }],
        [`/geschaeftsstelle/faelle/${caseId}/zuweisung`, { assignee: clerk.id }],
        [
          `/geschaeftsstelle/faelle/${caseId}/unterlagen`,
          {
            text: 'Fremdanforderung',
            'dueOn.day': String(due.getUTCDate()),
            'dueOn.month': String(due.getUTCMonth() + 1),
            'dueOn.year': String(due.getUTCFullYear()),
          },
        ],
        [step, { version }],
        ['/geschaeftsstelle/eingang', { channel: 'post', 'persons.0.familyName': 'Fremdeingang' }],
        ['/sitzung/verlaengern', {}],
        ['/abmelden', {}],
      ];
      const before = await fingerprint(sec);
      /** A variant turns a body into the refused request, given the session's own and another's token. */
      type Variant = [
        string,
        (mine: string, theirs: string) => Record<string, string>,
        Record<string, string | null>,
      ];
      const variants: Variant[] = [
        ['valid token, foreign Origin', (mine) => ({ _csrf: mine }), { origin: 'https://evil.example' }],
        [
          'valid token, Sec-Fetch-Site cross-site',
          (mine) => ({ _csrf: mine }),
          { origin: null, 'sec-fetch-site': 'cross-site' },
        ],
        ['no token', () => ({}), {}],
        ['empty token', () => ({ _csrf: '' }), {}],
        ['an altered token', (mine) => ({ _csrf: `${mine.slice(0, -3)}abc` }), {}],
        ["another session's token", (_mine, theirs) => ({ _csrf: theirs }), {}],
      ];
      for (const [name, tokenField, headers] of variants) {
        for (const [path, body] of office) {
          const r = await web.requestWithHeaders(
            'POST',
            path,
            { ...body, ...tokenField(token, otherToken) },
            headers,
          );
          assert.equal(r.status, 403, `${name}: POST ${path} → ${r.status}`);
        }
        const account = await other.requestWithHeaders(
          'POST',
          '/verwaltung/konten',
          {
            email: 'fremd@example.org',
            name: 'Fremd',
            role: 'office_head',
            ...tokenField(otherToken, token),
          },
          headers,
        );
        assert.equal(account.status, 403, `${name}: a staff account`);
      }
      assert.equal(await fingerprint(sec), before, 'not a byte changed in the database');
      assert.equal((await web.get('/geschaeftsstelle')).status, 200, 'still logged in');

      // With this session's token from our own page, the same requests work.
      const noted = await web.post(`/geschaeftsstelle/faelle/${caseId}/notizen`, {
        note: 'Eigene Notiz',
        _csrf: token,
      });
      assert.equal(noted.status, 303);
      const stepped = await web.post(step, { version, _csrf: token });
      assert.equal(stepped.status, 303, stepped.body.slice(0, 300));
      const after = await fingerprint(sec);
      assert.match(after, /Eigene Notiz/);
      assert.doesNotMatch(after, /Fremdnotiz|Fremdanforderung|Fremdeingang|fremd@example/);
    });

    test('office: GET pages change no case data (only the audit of the views)', async () => {
      const before = await fingerprint(sec);
      for (const path of [
        '/geschaeftsstelle',
        `/geschaeftsstelle/faelle/${caseId}`,
        '/geschaeftsstelle/eingang',
        `/geschaeftsstelle/faelle/${caseId}/notizen`,
        `/geschaeftsstelle/faelle/${caseId}/zuweisung`,
        '/abmelden',
      ]) {
        const r = await web.get(path);
        assert.ok(r.status < 500, `GET ${path} → ${r.status}`);
      }
      // The idle time of the login session moves on (that is what a request is for); nothing else.
      const strip = (s: string) => s.replace(/\noutbox:[\s\S]*?\nusers:/, '\nusers:');
      assert.equal(strip(await fingerprint(sec)), strip(before));
      assert.equal((await web.get('/geschaeftsstelle')).status, 200, 'a GET of /abmelden does not log out');
    });

    test("office upload: refused without this session's CSRF token, by form and by tus", async () => {
      const before = await fingerprint(sec);
      const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
      const token = csrfOf(page.body);
      const cases: Record<string, Record<string, string> | null> = {
        'no token': {},
        'a wrong token': { _csrf: `${token.slice(0, -2)}xx` },
        'the token after the file': null,
      };
      for (const [name, fields] of Object.entries(cases)) {
        const r =
          fields === null
            ? await multipart(
                `${sec.url}/geschaeftsstelle/hochladen`,
                cookieOf(web),
                { caseId, category: 'application_letter' },
                {},
                { _csrf: token },
              )
            : await multipart(
                `${sec.url}/geschaeftsstelle/hochladen`,
                cookieOf(web),
                { caseId, category: 'application_letter', ...fields },
                {},
              );
        assert.equal(r.status, 403, `${name}: ${r.status}`);
        assert.match(r.body, /Anfrage abgelehnt/);
      }
      // tus: creating an upload needs the token as a header.
      const create = (headers: Record<string, string>) =>
        fetch(`${sec.url}/geschaeftsstelle/hochladen/tus`, {
          method: 'POST',
          headers: {
            cookie: cookieOf(web),
            origin: new URL(sec.url).origin,
            'tus-resumable': '1.0.0',
            'upload-length': '10',
            'upload-metadata': `caseId ${Buffer.from(caseId).toString('base64')}`,
            ...headers,
          },
        });
      assert.equal((await create({})).status, 404, 'tus without a token');
      assert.equal((await create({ 'x-csrf-token': 'falsch' })).status, 404, 'tus with a wrong token');
      assert.equal(await fingerprint(sec), before, 'nothing stored');
      // With the token, the same post is taken.
      const ok = await multipart(
        `${sec.url}/geschaeftsstelle/hochladen`,
        cookieOf(web),
        { _csrf: token, caseId, category: 'application_letter' },
        {},
      );
      assert.equal(ok.status, 303, ok.body.slice(0, 300));
      assert.equal((await create({ 'x-csrf-token': token })).status, 201, 'tus with the token');
    });

    test('office upload: refused from a foreign origin, nothing stored', async () => {
      const before = await fingerprint(sec);
      const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
      for (const [name, headers] of Object.entries(FOREIGN)) {
        const r = await multipart(
          `${sec.url}/geschaeftsstelle/hochladen`,
          cookieOf(web),
          { caseId, category: 'application_letter', _csrf: csrfOf(page.body) },
          headers,
        );
        assert.equal(r.status, 403, `${name}: ${r.status}`);
      }
      const strip = (s: string) => s.replace(/\noutbox:[\s\S]*?\nusers:/, '\nusers:');
      assert.equal(strip(await fingerprint(sec)), strip(before));
    });
  });
});
