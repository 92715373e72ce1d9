/**
 * S8 – no personal data in logs, URLs, error pages or metrics. An application is filed with a marker
 * in every field (names, places, address, doctor, representative, e-mail addresses, the four texts,
 * a file name), the office logs in, searches, opens, downloads, notes and asks for documents, and
 * some requests go wrong on purpose; every log line the server wrote (request log at level trace,
 * services and outbox worker) is then searched for the markers, and so are every redirect target,
 * every link and form address in the pages served, every error page and the metrics.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pdfkitLetter, peExecutable } from '../../src/adapters/scan/test-support.ts';
import { STAFF_COOKIE } from '../../src/web/auth/session.ts';
import { createStaffUser } from '../support/staff-app.ts';
import {
  type ApplicantValues,
  caseIdOf,
  csrfOf,
  fileApplicationWith,
  loginStaff,
  RecordingClient,
  type SecurityApp,
  startSecurityApp,
  waitFor,
  waitForReceipt,
} from './support.ts';

/** Every marker begins with this (ASCII, so that no escaping hides it), the phone number aside. */
const MARK = 'Xqmark';
const PHONE_DIGITS = '7319468250';
const MARKED: ApplicantValues = {
  familyName: `${MARK}fam`,
  givenNames: `${MARK}giv`,
  childGivenNames: `${MARK}kid`,
  birthPlace: `${MARK}ort`,
  street: `${MARK}str`,
  doctor: `Dr. ${MARK}doc`,
  organisationName: `${MARK}org e. V.`,
  contactPerson: `${MARK}con`,
  representativeEmail: `${MARK.toLowerCase()}rep@example.org`,
  phone: `0211 ${PHONE_DIGITS}`,
  lifeStory: `${MARK}life: wir kamen 2015.`,
  familyTies: `${MARK}ties: die Schwester.`,
  integration: `${MARK}integ: Schule.`,
  humanitarianReasons: `${MARK}hum: schwer krank.`,
  resumeEmail: `${MARK.toLowerCase()}mail@example.org`,
};

/** The places a marker must never be found, with where it was found. */
function findMarkers(text: string): string[] {
  const found: string[] = [];
  const lower = text.toLowerCase();
  for (const needle of [MARK.toLowerCase(), PHONE_DIGITS, encodeURIComponent('@example.org')]) {
    let at = lower.indexOf(needle.toLowerCase());
    while (at >= 0 && found.length < 5) {
      found.push(text.slice(Math.max(0, at - 80), at + 60));
      at = lower.indexOf(needle.toLowerCase(), at + 1);
    }
  }
  return found;
}

describe('S8 no personal data in logs, URLs, error pages or metrics', () => {
  let sec: SecurityApp;
  const clients: RecordingClient[] = [];
  const secrets = new Set<string>();
  const client = () => {
    const c = new RecordingClient(sec.url);
    clients.push(c);
    return c;
  };

  before(async () => {
    sec = await startSecurityApp({}, { logLevel: 'trace' });
  });
  after(() => sec?.close());

  test('a full run with marker values: applicant, office, failures on purpose', async () => {
    const applicant = client();
    const { caseNumber, personPaths } = await fileApplicationWith(applicant, MARKED, [
      {
        item: 'medical_report',
        name: `${MARK}befund.pdf`,
        type: 'application/pdf',
        bytes: await pdfkitLetter(),
      },
    ]);
    for (const value of applicant.cookies.values()) secrets.add(value);
    const caseId = await caseIdOf(sec.database, caseNumber);
    await waitForReceipt(sec.database, caseId);
    // A refused upload with a marker in its name, after submitting (evidence handed in later).
    const refused = await applicant.upload(
      '/antrag/hochladen',
      { evidenceItem: 'school', later: '1' },
      { field: 'datei', name: `${MARK}programm.pdf`, type: 'application/pdf', bytes: peExecutable() },
    );
    assert.ok(refused.status < 500);
    assert.equal((await applicant.get('/antrag/bestaetigung')).status, 200);
    assert.equal((await applicant.download('/antrag/eingangsbestaetigung.pdf')).status, 200);
    // Broken requests carrying markers in the body: a bad JSON body, a wrong type, a page that is gone.
    const broken = await applicant.requestWithHeaders('POST', personPaths[0] ?? '', undefined, {
      'content-type': 'application/json',
    });
    assert.ok(broken.status < 500);
    const badJson = await fetch(`${sec.url}/antrag/begruendung/texte`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: sec.url, cookie: `x=${MARK}cookie` },
      body: `{"lifeStory":"${MARK}json`,
    });
    assert.ok(badJson.status >= 400 && badJson.status < 500, `bad JSON → ${badJson.status}`);
    const xml = await fetch(`${sec.url}/antrag/personen/neu`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', origin: sec.url },
      body: `<name>${MARK}xml</name>`,
    });
    assert.ok(xml.status >= 400 && xml.status < 500, `xml → ${xml.status}`);
    const gone = await applicant.post('/gibt-es-nicht', { familyName: `${MARK}gone` });
    assert.equal(gone.status, 404);

    // The office: a login that fails with a marker address, then the clerk's day's work.
    const wrong = client();
    const failed = await wrong.post('/anmelden', {
      email: `${MARK.toLowerCase()}wrong@example.org`,
      password: `${MARK}pw`,
    });
    assert.equal(failed.status, 400);
    const clerk = await createStaffUser(
      sec.database,
      { email: `${MARK.toLowerCase()}clerk@example.org`, name: `${MARK}clerkname`, role: 'office_clerk' },
      { masterKey: sec.masterKey },
    );
    secrets.add(clerk.password).add(clerk.secret);
    const office = await loginStaff(client(), clerk);
    secrets.add(office.cookies.get(STAFF_COOKIE) ?? '');
    assert.equal((await office.get('/geschaeftsstelle')).status, 200);
    assert.equal((await office.get(`/geschaeftsstelle?suche=${encodeURIComponent(caseNumber)}`)).status, 200);
    const file = await office.get(`/geschaeftsstelle/faelle/${caseId}`);
    assert.equal(file.status, 200);
    assert.ok(file.body.includes(MARKED.familyName), 'the office sees the name: the markers went through');
    const csrf = csrfOf(file.body);
    const docs = await sec.database.db
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    for (const doc of docs)
      assert.equal(
        (await office.download(`/geschaeftsstelle/faelle/${caseId}/dokumente/${doc.id}`)).status,
        200,
      );
    assert.equal(
      (await office.post(`/geschaeftsstelle/faelle/${caseId}/notizen`, { _csrf: csrf, note: `${MARK}note` }))
        .status,
      303,
    );
    const due = new Date(Date.now() + 20 * 86_400_000);
    const asked = await office.post(`/geschaeftsstelle/faelle/${caseId}/unterlagen`, {
      _csrf: csrf,
      text: `${MARK}request`,
      'dueOn.day': String(due.getUTCDate()),
      'dueOn.month': String(due.getUTCMonth() + 1),
      'dueOn.year': String(due.getUTCFullYear()),
    });
    assert.equal(asked.status, 303, asked.body.slice(0, 300));
    const intake = await office.post('/geschaeftsstelle/eingang', {
      _csrf: csrf,
      channel: 'post',
      'persons.0.familyName': `${MARK}intake`,
    });
    assert.equal(intake.status, 400, 'an incomplete intake keeps the input and explains');
    // Odd case addresses (not a UUID, another's document) must be plain 404s, not server errors.
    for (const path of [
      `/geschaeftsstelle/faelle/keine-uuid`,
      `/geschaeftsstelle/faelle/${caseId}/dokumente/keine-uuid`,
      `/geschaeftsstelle/faelle/keine-uuid/notizen`,
    ]) {
      const r = path.endsWith('notizen')
        ? await office.post(path, { _csrf: csrf, note: 'x' })
        : await office.get(path);
      assert.equal(r.status, 404, `${path} → ${r.status}`);
    }
    // The outbox sends the mails (receipt, resume link, document request); wait for it to be idle.
    await waitFor('outbox drained', async () => {
      const open = await sec.database.db
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'pending')
        .where('run_after', '<=', new Date())
        .execute();
      return open.length === 0 ? true : null;
    });
  });

  test('no marker in any log line; request lines name the route template, never the URL', () => {
    const lines = sec.logs;
    assert.ok(lines.length > 60, `${lines.length} log lines`);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = parsed.filter((l) => l.req !== undefined);
    assert.ok(requests.length > 30, 'the requests were logged');
    assert.ok(
      requests.some((l) => (l.req as { route?: string }).route === '/geschaeftsstelle/faelle/:caseId'),
      'with the route template',
    );
    for (const line of lines) {
      assert.deepEqual(findMarkers(line), [], `personal data in the log: ${line.slice(0, 300)}`);
      for (const secret of secrets)
        assert.ok(!line.includes(secret), `a secret in the log: ${line.slice(0, 200)}`);
    }
    for (const l of requests) {
      const req = l.req as Record<string, unknown>;
      assert.equal(req.url, undefined, 'no concrete URL');
      assert.equal(req.headers, undefined, 'no headers');
    }
  });

  test('no marker in any address the app sent: redirects, links, form actions, sources', () => {
    let seen = 0;
    for (const c of clients) {
      for (const r of c.seen) {
        seen++;
        assert.deepEqual(findMarkers(r.location ?? ''), [], `redirect of ${r.method} ${r.path}`);
        for (const m of r.body.matchAll(/\s(?:href|action|src|formaction)="([^"]*)"/g))
          assert.deepEqual(findMarkers(m[1] ?? ''), [], `address in ${r.path}: ${m[1]}`);
      }
    }
    assert.ok(seen > 25, `${seen} answers checked`);
  });

  test('no marker in any error page (403, 404, 410, 413, 415, 429, 5xx)', () => {
    let pages = 0;
    for (const c of clients) {
      for (const r of c.seen) {
        if (r.status < 400 || r.status === 400 || r.status === 409) continue; // 400/409 forms keep the input on purpose
        pages++;
        assert.ok(r.status < 500, `${r.method} ${r.path} → ${r.status}`);
        assert.deepEqual(findMarkers(r.body), [], `error page of ${r.method} ${r.path}`);
      }
    }
    assert.ok(pages >= 4, `${pages} error pages checked`);
  });

  test('no marker in the metrics', async () => {
    const metrics = await fetch(`${sec.url}/metrics`);
    assert.equal(metrics.status, 200);
    const text = await metrics.text();
    assert.match(text, /http_request_duration_seconds_bucket\{[^}]*route="\/antrag\/personen\/:personId"/);
    assert.deepEqual(findMarkers(text), []);
  });
});
