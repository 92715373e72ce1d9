/**
 * The members' view and the session pack over HTTP on the composed app: an invited member sees the
 * session, its agenda (case numbers, persons with nationality, a short summary) and each case on it,
 * never a case outside it, a vote or an internal note; an account without appointment sees none of it
 * (404). The office chooses the evidence for the pack; a health document only in its own group. The
 * pack has a bookmark per case and per part and the member's name on every page, and after the set time
 * the address answers 404 with an explanation. Every view and download is audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { flat, haveTool, pdfText, runOk, tempDir } from '../../src/adapters/pdf/test-support.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  appoint,
  csrfOf,
  login,
  officeUpload,
  readyCase,
  sessionToday,
  textOf,
  textPdf,
  until,
} from '../support/members.ts';
import { createStaffUser, type StaffUser } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

describe('the members’ view and the session pack', () => {
  let app: TestApp;
  let clerk: StaffUser;
  let head: StaffUser;
  let member: StaffUser;
  let outsider: StaffUser;
  let clerkWeb: WebClient;
  let memberWeb: WebClient;
  let outsiderWeb: WebClient;
  let sessionId = '';
  const cases: Record<'a' | 'b' | 'c', { id: string; number: string }> = {
    a: { id: '', number: '' },
    b: { id: '', number: '' },
    c: { id: '', number: '' },
  };
  const docs: Record<string, string> = {};
  const pdfs = tempDir('hfk-members-it-');
  const base = () => `/kommission/sitzungen/${sessionId}`;
  const office = () => `/geschaeftsstelle/sitzungen/${sessionId}`;
  const auditRows = (action: string) =>
    app.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'resource_type', 'resource_id', 'details'])
      .where('action', '=', action)
      .execute();

  before(async () => {
    const masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    const user = (email: string, name: string, role: 'office_clerk' | 'office_head' | 'member') =>
      createStaffUser(app.database, { email, name, role }, { masterKey });
    clerk = await user('sb-mappe@example.org', 'Sachbearbeitung Mappe', 'office_clerk');
    head = await user('leitung-mappe@example.org', 'Leitung Mappe', 'office_head');
    member = await user('mitglied-mappe@example.org', 'Zeynep Ağaoğlu-Schröder', 'member');
    const second = await user('mitglied-zwei@example.org', 'Mitglied Zwei', 'member');
    outsider = await user('ohne-bestellung@example.org', 'Ohne Bestellung', 'member');
    await appoint(app, member.id, 1);
    await appoint(app, second.id, 2);
    clerkWeb = await login(app, clerk);

    cases.a = await readyCase(app, clerkWeb, 'Ağaoğlu');
    cases.b = await readyCase(app, clerkWeb, 'Berisha');
    cases.c = await readyCase(app, clerkWeb, 'Celik');
    await officeUpload(
      clerkWeb,
      cases.a.id,
      'authority_statement',
      'Stellungnahme.pdf',
      await textPdf('STELLUNGNAHME-ESSEN-A'),
    );
    await officeUpload(
      clerkWeb,
      cases.a.id,
      'school',
      'Schule.pdf',
      await textPdf('SCHULBESCHEINIGUNG-EMRE'),
    );
    await officeUpload(
      clerkWeb,
      cases.a.id,
      'medical_report',
      'Befund.pdf',
      await textPdf('BEFUND-DIAGNOSE-VERTRAULICH'),
    );
    await officeUpload(
      clerkWeb,
      cases.c.id,
      'school',
      'Andere.pdf',
      await textPdf('FALL-C-NICHT-AUF-DER-TAGESORDNUNG'),
    );
    for (const r of await app.database.db
      .selectFrom('documents')
      .select(['id', 'file_name', 'case_id', 'category'])
      .execute())
      docs[`${r.case_id}:${r.file_name}`] = r.id;
    // The receipt job files the application copy of each online application.
    await until('the application copies', async () => {
      const n = await app.database.db
        .selectFrom('documents')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('category', '=', 'application_copy')
        .executeTakeFirstOrThrow();
      return n.n >= 3 ? true : undefined;
    });
    // An internal note of the office on case a: never shown to members.
    const file = await clerkWeb.get(`/geschaeftsstelle/faelle/${cases.a.id}`);
    const note = await clerkWeb.post(`/geschaeftsstelle/faelle/${cases.a.id}/notizen`, {
      _csrf: csrfOf(file.body),
      note: 'INTERNE-NOTIZ-NUR-GESCHAEFTSSTELLE',
    });
    assert.equal(note.status, 303, textOf(note.body).slice(0, 300));
    sessionId = await sessionToday(clerkWeb, head.id, [cases.a.id, cases.b.id]);
    memberWeb = await login(app, member);
    outsiderWeb = await login(app, outsider);
  });
  after(async () => {
    pdfs.cleanup();
    await app?.close();
  });

  test('an invited member sees the session and its agenda, with persons and nationality, read-only', async () => {
    const home = await memberWeb.get('/kommission');
    assert.equal(home.status, 200);
    assert.ok(home.body.includes(`href="${base()}"`), 'the session is listed');
    assert.match(textOf(home.body), /2 Fälle/);
    const landing = await memberWeb.get('/geschaeftsstelle');
    assert.equal(landing.status, 303, 'the staff home sends members to their view');
    assert.equal(landing.location, '/kommission');

    const page = await memberWeb.get(base());
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    for (const phrase of [
      cases.a.number,
      cases.b.number,
      'Zehra Ağaoğlu',
      'Emre Berisha',
      'afghanisch',
      'Düsseldorf, Raum 2.14',
    ])
      assert.ok(text.includes(phrase), `shows ${phrase}`);
    assert.match(text, /Die Familie ist hier verwurzelt/, 'the short summary of the reasons');
    assert.ok(!text.includes(cases.c.number), 'not a case outside the agenda');
    const forms = [...page.body.matchAll(/<form[^>]*action="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(
      forms.every((action) => action === '/sitzung/verlaengern' || action === '/abmelden'),
      `read-only: only the login session's own forms (${forms.join(', ')})`,
    );
    assert.ok(page.body.includes(`href="${base()}/mappe"`), 'the pack');

    const item = await memberWeb.get(`${base()}/faelle/${cases.a.id}`);
    assert.equal(item.status, 200);
    assert.match(textOf(item.body), /Zehra Ağaoğlu, geb\. 1980, afghanisch, Antragsteller\/in/);
    assert.ok(!textOf(item.body).includes('INTERNE-NOTIZ'), 'no internal note');
  });

  test('denied paths answer 404: not invited, a case not on the agenda, unknown ids, office pages', async () => {
    assert.equal(
      (await memberWeb.get(`${base()}/faelle/${cases.c.id}`)).status,
      404,
      'case not on the agenda',
    );
    assert.equal((await memberWeb.get(`${base()}/faelle/kein-uuid`)).status, 404);
    assert.equal(
      (await memberWeb.get('/kommission/sitzungen/00000000-0000-4000-8000-000000000000')).status,
      404,
    );
    for (const path of [base(), `${base()}/faelle/${cases.a.id}`, `${base()}/mappe`])
      assert.equal((await outsiderWeb.get(path)).status, 404, `not appointed: ${path}`);
    const outsiderHome = await outsiderWeb.get('/kommission');
    assert.equal(outsiderHome.status, 200);
    assert.ok(!outsiderHome.body.includes(sessionId), 'not listed for an account without appointment');
    // The office's choice and other office pages stay closed to members; the office has no members' view.
    assert.equal((await memberWeb.get(`${office()}/tagesordnung/${cases.a.id}/mappe`)).status, 404);
    assert.equal((await memberWeb.post(`${office()}/tagesordnung/${cases.a.id}/mappe`, {})).status, 404);
    assert.equal((await memberWeb.get(`/geschaeftsstelle/faelle/${cases.a.id}`)).status, 404);
    assert.equal((await clerkWeb.get('/kommission')).status, 404);
    // The invitation's link, opened without a login, leads to the login and back.
    const anonymous = await new WebClient(app.url).get(base());
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.location, `/anmelden?weiter=${encodeURIComponent(base())}`);
    assert.equal((await clerkWeb.get(base())).status, 404);
  });

  test('the office chooses the evidence; a health document only from its own group', async () => {
    const page = await clerkWeb.get(`${office()}/tagesordnung/${cases.a.id}/mappe`);
    assert.equal(page.status, 200);
    const text = textOf(page.body);
    assert.match(text, /Gesundheitsdaten und Strafsachen/);
    assert.match(text, /Befund\.pdf/);
    assert.match(text, /Schule\.pdf/);
    const school = docs[`${cases.a.id}:Schule.pdf`] ?? '';
    const medical = docs[`${cases.a.id}:Befund.pdf`] ?? '';
    const other = docs[`${cases.c.id}:Andere.pdf`] ?? '';
    // The health document ticked in the ordinary group, and another case's document, are dropped.
    const saved = await clerkWeb.post(`${office()}/tagesordnung/${cases.a.id}/mappe`, {
      _csrf: csrfOf(page.body),
      documents: [school, medical, other],
    });
    assert.equal(saved.status, 303);
    const rows = await app.database.db
      .selectFrom('session_pack_documents')
      .select(['document_id', 'special_included'])
      .where('session_id', '=', sessionId)
      .execute();
    assert.deepEqual(rows, [{ document_id: school, special_included: false }]);
    const overview = await clerkWeb.get(office());
    assert.match(textOf(overview.body), new RegExp(`${cases.a.number}: 1 Nachweise ausgewählt`));
    // Without the CSRF token nothing changes.
    const forged = await clerkWeb.post(`${office()}/tagesordnung/${cases.a.id}/mappe`, {
      special: [medical],
    });
    assert.equal(forged.status, 403);
  });

  test('the pack: a bookmark per case and part, the member’s name on every page, no health document unless included', async (t) => {
    const download = await memberWeb.download(`${base()}/mappe`);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.match(
      download.headers.get('content-disposition') ?? '',
      /^attachment; filename="Sitzungsmappe-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    assert.equal(download.headers.get('cache-control'), 'no-store');
    const file = pdfs.write('pack.pdf', download.bytes);
    if (!haveTool(t, 'pdftotext') || !haveTool(t, 'qpdf')) return;
    const pages = pdfText(file)
      .split('\f')
      .filter((p, i, all) => i < all.length - 1 || p.trim());
    assert.ok(pages.length >= 8, `pages: ${pages.length}`);
    const today = new Intl.DateTimeFormat('de-DE', {
      timeZone: 'Europe/Berlin',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(new Date());
    pages.forEach((p, i) => {
      assert.ok(
        flat(p).includes(`nur für Zeynep Ağaoğlu-Schröder – abgerufen am ${today}`),
        `watermark on page ${i + 1}`,
      );
    });
    const all = flat(pdfText(file));
    for (const phrase of [
      'STELLUNGNAHME-ESSEN-A',
      'SCHULBESCHEINIGUNG-EMRE',
      'Übersicht zu',
      cases.a.number,
      cases.b.number,
    ])
      assert.ok(all.includes(phrase), `in the pack: ${phrase}`);
    for (const phrase of ['BEFUND-DIAGNOSE-VERTRAULICH', 'FALL-C-NICHT-AUF', 'INTERNE-NOTIZ', cases.c.number])
      assert.ok(!all.includes(phrase), `not in the pack: ${phrase}`);
    const json = JSON.parse(runOk('qpdf', ['--json', '--json-key=outlines', file])) as {
      outlines: { title: string; kids: { title: string }[] }[];
    };
    assert.deepEqual(
      json.outlines.map((o) => [o.title, o.kids.map((k) => k.title)]),
      [
        ['Deckblatt und Tagesordnung', []],
        [
          `1. ${cases.a.number} – Zehra Ağaoğlu, Emre Ağaoğlu`,
          [
            'Übersicht',
            'Antrag',
            'Stellungnahme der Ausländerbehörde',
            'Nachweis: Schulzeugnisse und Schulbescheinigung (Schule.pdf)',
          ],
        ],
        [`2. ${cases.b.number} – Zehra Berisha, Emre Berisha`, ['Übersicht', 'Antrag']],
      ],
    );

    // Included explicitly in its own group, the health document goes in.
    const page = await clerkWeb.get(`${office()}/tagesordnung/${cases.a.id}/mappe`);
    const medical = docs[`${cases.a.id}:Befund.pdf`] ?? '';
    const school = docs[`${cases.a.id}:Schule.pdf`] ?? '';
    await clerkWeb.post(`${office()}/tagesordnung/${cases.a.id}/mappe`, {
      _csrf: csrfOf(page.body),
      documents: [school],
      special: [medical],
    });
    const again = pdfs.write('pack-2.pdf', (await memberWeb.download(`${base()}/mappe`)).bytes);
    assert.ok(flat(pdfText(again)).includes('BEFUND-DIAGNOSE-VERTRAULICH'));
  });

  test('decisions and votes never reach the members’ view', async () => {
    const members = await app.database.db.selectFrom('commission_memberships').select('id').execute();
    const page = await clerkWeb.get(office());
    const present = await clerkWeb.post(`${office()}/anwesenheit`, {
      _csrf: csrfOf(page.body),
      present: members.map((m) => m.id),
    });
    assert.equal(present.status, 303);
    const form = await clerkWeb.get(`${office()}/tagesordnung/${cases.a.id}`);
    const vote = await clerkWeb.post(`${office()}/tagesordnung/${cases.a.id}`, {
      _csrf: csrfOf(form.body),
      kind: 'vote',
      'votes.yes': '2',
      'votes.no': '0',
      'votes.abstain': '0',
      reasons: 'BEGRUENDUNG-DES-ERSUCHENS',
    });
    assert.equal(vote.status, 303, textOf(vote.body).slice(0, 400));
    for (const path of [base(), `${base()}/faelle/${cases.a.id}`]) {
      const text = textOf((await memberWeb.get(path)).body);
      for (const secret of ['Härtefallersuchen', 'BEGRUENDUNG', '2 Ja', 'Vertagt', 'Beschluss'])
        assert.ok(!text.includes(secret), `${path} shows no ${secret}`);
    }
  });

  test('after the set time the pack answers 404 with an explanation, and the cases leave the view', async () => {
    // The session took place ten days ago (the default is 7 days after the session day).
    await sql`update commission_sessions set session_day = session_day - 10, starts_at = starts_at - interval '10 days' where id = ${sessionId}`.execute(
      app.database.db,
    );
    const pack = await memberWeb.get(`${base()}/mappe`);
    assert.equal(pack.status, 404);
    assert.match(textOf(pack.body), /Die Sitzungsmappe ist nicht mehr abrufbar/);
    assert.match(textOf(pack.body), /war bis einschließlich \d{2}\.\d{2}\.\d{4} abrufbar/);
    assert.ok(!pack.headers.get('content-type')?.includes('pdf'));
    const page = await memberWeb.get(base());
    assert.equal(page.status, 200);
    assert.ok(!textOf(page.body).includes(cases.a.number), 'no case data once the pack has expired');
    assert.equal((await memberWeb.get(`${base()}/faelle/${cases.a.id}`)).status, 404);
    assert.ok(!(await memberWeb.get('/kommission')).body.includes(sessionId), 'no longer listed');
  });

  test('every view and download is audited with who and what', async () => {
    const listed = await auditRows('member.sessions_listed');
    assert.ok(listed.some((r) => r.actor_id === member.id));
    const viewed = await auditRows('member.session_viewed');
    assert.ok(viewed.some((r) => r.actor_id === member.id && r.resource_id === sessionId));
    const caseViewed = await auditRows('member.case_viewed');
    const mine = caseViewed.filter((r) => r.actor_id === member.id);
    assert.equal(mine.length, 2, 'two views of a case page');
    assert.ok(
      mine.every((r) => r.resource_type === 'case' && r.resource_id === cases.a.id),
      'only the case on the agenda (the refused ones are not cases the member saw)',
    );
    const downloads = await auditRows('member.pack_downloaded');
    assert.equal(downloads.filter((r) => r.actor_id === member.id && r.resource_id === sessionId).length, 2);
    assert.deepEqual((downloads[0]?.details as { caseIds?: string[] } | undefined)?.caseIds, [
      cases.a.id,
      cases.b.id,
    ]);
    const refused = await auditRows('member.pack_refused');
    assert.equal(refused.length, 1);
    assert.ok((await auditRows('session.pack_chosen')).length >= 2);
    assert.ok((await auditRows('session.pack_choice_viewed')).length >= 2);
  });
});
