/**
 * A session of the commission over HTTP on the composed app (NRW profile): the administrator appoints
 * members and a deputy in the UI; the office plans a session, puts ready cases on the agenda (one with
 * its statement, one released without it after the deadline), orders it and invites; the quorum blocks
 * a vote with too few present; then a request, an adjournment and a tie (no request, with a
 * recommendation) are recorded; the chair approves the minutes, which locks the session and carries
 * each decision into its case; the minutes PDF/A and the letters follow. Who voted how is stored nowhere.
 * Access: members and administrators get 404 on every office page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { assertArchivalPdf, flat, haveTool, pdfText, tempDir } from '../../src/adapters/pdf/test-support.ts';
import { berlinDate } from '../../src/application/statement-reminders.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { waitForMail } from '../support/mailbox.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

/** A TOTP code works once; a second login in the same 30 seconds takes the next step's code. */
const logins = new Map<string, number>();

async function login(app: TestApp, user: StaffUser): Promise<WebClient> {
  const web = new WebClient(app.url);
  const first = await web.post('/anmelden', { email: user.email, password: user.password });
  assert.equal(first.status, 303, first.body.slice(0, 200));
  const page = await web.get('/anmelden/code');
  const offset = logins.get(user.id) ?? 0;
  logins.set(user.id, offset + 1);
  const done = await web.post('/anmelden/code', {
    _csrf: csrfOf(page.body),
    code: await totpCode(user, new Date(), offset),
  });
  assert.equal(done.status, 303, text(done.body).slice(-600));
  return web;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a commission session over HTTP', () => {
  let app: TestApp;
  let masterKey: string;
  let clerk: StaffUser;
  let head: StaffUser;
  let admin: StaffUser;
  const members: StaffUser[] = [];
  let deputy: StaffUser;
  let clerkWeb: WebClient;
  let headWeb: WebClient;
  let adminWeb: WebClient;
  let sessionId = '';
  const cases: Record<'a' | 'b' | 'c', { id: string; number: string }> = {
    a: { id: '', number: '' },
    b: { id: '', number: '' },
    c: { id: '', number: '' },
  };
  const membership = new Map<string, string>();
  const pdfs = tempDir('hfk-sessions-it-');
  const today = berlinDate(new Date());
  const [ty, tm, td] = today.split('-');

  const caseIdOf = async (caseNumber: string) =>
    (
      await app.database.db
        .selectFrom('cases')
        .select('id')
        .where('case_number', '=', caseNumber)
        .executeTakeFirstOrThrow()
    ).id;
  const stateOf = async (caseId: string) =>
    (
      await app.database.db
        .selectFrom('cases')
        .select('state')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).state;

  const step = async (caseId: string, command: string, fields: Record<string, string> = {}) => {
    const page = await clerkWeb.get(`/geschaeftsstelle/faelle/${caseId}`);
    const done = await clerkWeb.post(`/geschaeftsstelle/faelle/${caseId}/schritte/${command}`, {
      _csrf: csrfOf(page.body),
      version: versionOf(page.body),
      ...fields,
    });
    assert.equal(done.status, 303, `${command}: ${text(done.body).slice(0, 400)}`);
  };
  const due = () => {
    const d = new Date(Date.now() + 28 * 24 * 3600 * 1000);
    return {
      'dueAt.day': String(d.getUTCDate()),
      'dueAt.month': String(d.getUTCMonth() + 1),
      'dueAt.year': String(d.getUTCFullYear()),
    };
  };
  const session = (path = '') => `/geschaeftsstelle/sitzungen/${sessionId}${path}`;
  const post = async (web: WebClient, path: string, fields: Record<string, string | string[]> = {}) => {
    const page = await web.get(session());
    return web.post(path, { _csrf: csrfOf(page.body), ...fields });
  };
  const decide = async (caseId: string, fields: Record<string, string>) => {
    const page = await clerkWeb.get(session(`/tagesordnung/${caseId}`));
    assert.equal(page.status, 200);
    return clerkWeb.post(session(`/tagesordnung/${caseId}`), { _csrf: csrfOf(page.body), ...fields });
  };

  before(async () => {
    masterKey = await generateIdentity();
    app = await startTestApp({ MASTER_KEY: masterKey });
    const user = (email: string, name: string, role: 'office_clerk' | 'office_head' | 'admin' | 'member') =>
      createStaffUser(app.database, { email, name, role }, { masterKey });
    clerk = await user('sb-sitzung@example.org', 'Sachbearbeitung Sitzung', 'office_clerk');
    head = await user('leitung@example.org', 'Dr. Leitung Vorsitz', 'office_head');
    admin = await user('admin-kommission@example.org', 'Administration', 'admin');
    for (let i = 1; i <= 6; i++)
      members.push(await user(`mitglied${i}@example.org`, `Mitglied ${i}`, 'member'));
    deputy = await user('vertretung4@example.org', 'Vertretung Vier', 'member');
    clerkWeb = await login(app, clerk);
    adminWeb = await login(app, admin);
  });
  after(async () => {
    pdfs.cleanup();
    await app?.close();
  });

  test('the administrator creates a member account and appoints members and a deputy in the UI', async () => {
    // The seventh member's account is created in the UI, like any staff account, with the role "Mitglied".
    const page = await adminWeb.get('/verwaltung');
    assert.match(page.body, /href="\/verwaltung\/kommission"/);
    const created = await adminWeb.post('/verwaltung/konten', {
      _csrf: csrfOf(page.body),
      email: 'mitglied7@example.org',
      name: 'Mitglied 7',
      role: 'member',
      organisationId: '',
    });
    assert.equal(created.status, 200);
    const initialPassword = /id="initial-password">([^<]+)</.exec(created.body)?.[1] ?? '';
    const secret = new URL(
      /id="totp-uri">([^<]+)</.exec(created.body)?.[1]?.replace(/&amp;/g, '&') ?? 'x:',
    ).searchParams.get('secret');
    assert.ok(initialPassword && secret, 'one-time password and authenticator link shown');
    const seventh = await app.database.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'mitglied7@example.org')
      .executeTakeFirstOrThrow();
    members.push({
      id: seventh.id,
      email: 'mitglied7@example.org',
      password: initialPassword,
      secret: secret ?? '',
    });

    const from = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    const to = new Date(Date.now() + 700 * 24 * 3600 * 1000);
    const term = {
      'termFrom.day': String(from.getUTCDate()),
      'termFrom.month': String(from.getUTCMonth() + 1),
      'termFrom.year': String(from.getUTCFullYear()),
      'termTo.day': String(to.getUTCDate()),
      'termTo.month': String(to.getUTCMonth() + 1),
      'termTo.year': String(to.getUTCFullYear()),
    };
    const appoint = async (fields: Record<string, string>) => {
      const form = await adminWeb.get('/verwaltung/kommission');
      assert.equal(form.status, 200);
      return adminWeb.post('/verwaltung/kommission', { _csrf: csrfOf(form.body), ...term, ...fields });
    };
    for (const [i, m] of members.entries()) {
      // The first two also sit on the pre-screening committee (§ 3 HFKVO: the chair plus two members).
      const done = await appoint({
        userId: m.id,
        function: 'member',
        nominatedBy: `Organisation ${i + 1}`,
        ...(i < 2 ? { preScreening: 'ja' } : {}),
      });
      assert.equal(done.status, 303, text(done.body).slice(0, 500));
    }
    // Errors come back next to their fields, in German, with what was typed.
    const bad = await appoint({ userId: members[0]?.id ?? '', function: 'deputy', nominatedBy: '' });
    assert.equal(bad.status, 400);
    assert.match(text(bad.body), /Bitte wählen Sie das Mitglied, das die Person vertritt/);
    assert.match(text(bad.body), /Bitte geben Sie die entsendende Organisation an/);
    assert.match(bad.body, /id="deputyOf-error"/);

    const rows = await app.database.db
      .selectFrom('commission_memberships')
      .select(['id', 'user_id'])
      .execute();
    for (const r of rows) membership.set(r.user_id, r.id);
    const fourth = membership.get(members[3]?.id ?? '') ?? '';
    const onCommittee = await appoint({
      userId: deputy.id,
      function: 'deputy',
      deputyOf: fourth,
      nominatedBy: 'Organisation 4',
      preScreening: 'ja',
    });
    assert.equal(onCommittee.status, 400);
    assert.match(text(onCommittee.body), /Dem Vorprüfungsausschuss gehören nur Mitglieder an/);
    assert.match(onCommittee.body, /id="preScreening-error"/);
    const done = await appoint({
      userId: deputy.id,
      function: 'deputy',
      deputyOf: fourth,
      nominatedBy: 'Organisation 4',
    });
    assert.equal(done.status, 303, text(done.body).slice(0, 500));
    const list = await adminWeb.get('/verwaltung/kommission');
    assert.match(text(list.body), /Vertretung Vier Stellvertretung Mitglied 4 Organisation 4/);
    assert.match(
      text(list.body),
      /Heute gehören dem Vorprüfungsausschuss neben dem Vorsitz an: Mitglied 1, Mitglied 2\./,
    );
    const committee = await app.database.db
      .selectFrom('commission_memberships')
      .select('user_id')
      .where('pre_screening', '=', true)
      .execute();
    assert.deepEqual(committee.map((r) => r.user_id).sort(), [members[0]?.id, members[1]?.id].sort());
    const deputyRow = await app.database.db
      .selectFrom('commission_memberships')
      .select('id')
      .where('user_id', '=', deputy.id)
      .executeTakeFirstOrThrow();
    membership.set(deputy.id, deputyRow.id);
    // Appointments are audited; members log in with password and code like all staff.
    const audited = await app.database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'commission.membership_added')
      .execute();
    assert.equal(audited.length, 8);
    const seventhLogin = new WebClient(app.url);
    const asSeventh = await seventhLogin.post('/anmelden', {
      email: 'mitglied7@example.org',
      password: initialPassword,
    });
    assert.equal(asSeventh.status, 303);
    assert.equal(asSeventh.location, '/anmelden/code', 'the second factor is asked for');
  });

  test('two cases get ready: one with its statement, one released after its deadline with reasons', async () => {
    for (const [key, name] of [
      ['a', 'Ağaoğlu'],
      ['b', 'Berisha'],
      ['c', 'Celik'],
    ] as const) {
      cases[key].number = await fileApplication(new WebClient(app.url), name);
      cases[key].id = await caseIdOf(cases[key].number);
      await step(cases[key].id, 'startPreCheck');
      await step(cases[key].id, 'recordExclusionReview');
      // Case a was taken up by the pre-screening committee; the office records it so.
      await step(cases[key].id, 'takeUp', key === 'a' ? { decidedBy: 'pre_screening_committee' } : {});
      await step(cases[key].id, 'requestStatement', due());
    }
    const fileA = text((await clerkWeb.get(`/geschaeftsstelle/faelle/${cases.a.id}`)).body);
    assert.match(fileA, /Zur Befassung angenommen – Beschluss des Vorprüfungsausschusses/);
    const fileC = text((await clerkWeb.get(`/geschaeftsstelle/faelle/${cases.c.id}`)).body);
    assert.doesNotMatch(fileC, /Beschluss des Vorprüfungsausschusses/);
    for (const key of ['a', 'c'] as const) {
      await step(cases[key].id, 'receiveStatement');
      await step(cases[key].id, 'markReadyForSession');
    }
    // Case b: the authority's deadline passed without a statement.
    await sql`update cases set snapshot = jsonb_set(snapshot, '{statementDueAt}', '"2026-01-05T11:00:00.000Z"') where id = ${cases.b.id}`.execute(
      app.database.db,
    );
    await step(cases.b.id, 'releaseOverdueStatement', {
      reasons: 'Die Ausländerbehörde hat trotz Erinnerung nicht geantwortet.',
    });
    for (const key of ['a', 'b', 'c'] as const)
      assert.equal(await stateOf(cases[key].id), 'ready_for_session');
  });

  test('the office plans a session, builds and orders the agenda, and invites without personal data', async () => {
    const list = await clerkWeb.get('/geschaeftsstelle/sitzungen');
    assert.equal(list.status, 200);
    const refused = await clerkWeb.post('/geschaeftsstelle/sitzungen', {
      _csrf: csrfOf(list.body),
      'date.day': '1',
      'date.month': '1',
      'date.year': '2020',
      time: '25:00',
      place: '',
      chairId: head.id,
    });
    assert.equal(refused.status, 400);
    assert.match(text(refused.body), /nur für heute oder einen späteren Tag/);
    assert.match(text(refused.body), /Uhrzeit im Format 10:00/);
    assert.match(text(refused.body), /Sitzungsort/);
    const planned = await clerkWeb.post('/geschaeftsstelle/sitzungen', {
      _csrf: csrfOf(list.body),
      'date.day': String(Number(td)),
      'date.month': String(Number(tm)),
      'date.year': ty ?? '',
      time: '10:00',
      place: 'Düsseldorf, Raum 2.14',
      chairId: head.id,
    });
    assert.equal(planned.status, 303, text(planned.body).slice(0, 500));
    sessionId = /sitzungen\/([0-9a-f-]{36})/.exec(planned.location ?? '')?.[1] ?? '';
    assert.ok(sessionId);

    // With the pre-screening committee in place the next session is due within a quarter.
    const cadence = text((await clerkWeb.get('/geschaeftsstelle/sitzungen')).body);
    assert.match(
      cadence,
      new RegExp(
        `Die letzte Sitzung war am ${td}\\.${tm}\\.${ty}\\. Die nächste Sitzung muss spätestens am \\d\\d\\.\\d\\d\\.\\d{4} stattfinden \\(mindestens vierteljährlich`,
      ),
    );
    const page = await clerkWeb.get(session());
    assert.equal(page.status, 200);
    for (const key of ['a', 'b', 'c'] as const)
      assert.ok(page.body.includes(cases[key].number), 'a candidate');
    for (const key of ['a', 'b', 'c'] as const) {
      const added = await post(clerkWeb, session('/tagesordnung'), { caseId: cases[key].id });
      assert.equal(added.status, 303, text(added.body).slice(0, 500));
    }
    // A case already on the agenda cannot be added twice.
    const again = await post(clerkWeb, session('/tagesordnung'), { caseId: cases.a.id });
    assert.equal(again.status, 400);
    assert.match(text(again.body), /nicht \(mehr\) bereit für eine Sitzung/);
    assert.equal(await stateOf(cases.a.id), 'scheduled');
    // c moves to the top: c, a, b.
    const moved = await post(clerkWeb, session(`/tagesordnung/${cases.c.id}/verschieben`), {
      richtung: 'hoch',
    });
    assert.equal(moved.status, 303);
    await post(clerkWeb, session(`/tagesordnung/${cases.c.id}/verschieben`), { richtung: 'hoch' });
    const order = (
      await app.database.db
        .selectFrom('session_agenda_items')
        .select(['case_id'])
        .where('session_id', '=', sessionId)
        .orderBy('position')
        .execute()
    ).map((r) => r.case_id);
    assert.deepEqual(order, [cases.c.id, cases.a.id, cases.b.id]);
    const file = await clerkWeb.get(`/geschaeftsstelle/faelle/${cases.a.id}`);
    assert.match(text(file.body), /Auf die Tagesordnung gesetzt/, 'the case file shows the scheduling');

    const invited = await post(clerkWeb, session('/einladungen'));
    assert.equal(invited.status, 303);
    assert.match(invited.location ?? '', /ok=eingeladen&n=8/);
    const mail = await waitForMail(
      app.dataDir,
      (m) => m.includes('mitglied1@example.org') && m.includes(sessionId),
    );
    assert.ok(mail.includes(`/kommission/sitzungen/${sessionId}`), 'a link to the members’ view');
    for (const secret of [cases.a.number, 'Ağaoğlu', 'Berisha', 'Celik', 'Zehra', 'Raum 2.14', 'Mitglied 2'])
      assert.ok(!mail.includes(secret), `no ${secret} in the invitation`);
    const deputyMail = await waitForMail(app.dataDir, (m) => m.includes('vertretung4@example.org'));
    assert.ok(deputyMail.includes(sessionId), 'the deputy is invited too');
  });

  test('the quorum blocks a vote with too few present; a deputy counts for the absent member', async () => {
    const three = members.slice(0, 3).map((m) => membership.get(m.id) ?? '');
    assert.equal((await post(clerkWeb, session('/anwesenheit'), { present: three })).status, 303);
    const blocked = await decide(cases.a.id, {
      kind: 'vote',
      'votes.yes': '3',
      'votes.no': '0',
      reasons: 'x',
    });
    assert.equal(blocked.status, 400);
    assert.match(text(blocked.body), /nicht beschlussfähig: 3 von mindestens 4 erforderlichen/);
    assert.match(blocked.body, /href="#votes-yes"/, 'the error summary links to the field');
    const stored = await app.database.db
      .selectFrom('session_agenda_items')
      .select('decision')
      .where('session_id', '=', sessionId)
      .where('case_id', '=', cases.a.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.decision, null, 'nothing recorded');

    // Member 4 is absent, their deputy is there: 4 of 7 seats.
    const present = [...three, membership.get(deputy.id) ?? ''];
    assert.equal((await post(clerkWeb, session('/anwesenheit'), { present })).status, 303);
    const page = await clerkWeb.get(session());
    assert.match(text(page.body), /4 von 7 Sitzen besetzt; erforderlich: 4/);
    assert.match(text(page.body), /Die Kommission ist beschlussfähig/);
  });

  test('a request needs its reasons; then a request, an adjournment and a tie with a recommendation', async () => {
    const noReasons = await decide(cases.a.id, { kind: 'vote', 'votes.yes': '3', 'votes.no': '1' });
    assert.equal(noReasons.status, 400);
    assert.match(
      text(noReasons.body),
      /Die Gründe für das Härtefallersuchen müssen im Protokoll festgehalten werden/,
    );
    assert.match(noReasons.body, /id="reasons-error"/);
    assert.match(
      noReasons.body,
      /name="votes.yes"[^>]*value="3"|value="3"[^>]*name="votes.yes"/,
      'typed values kept',
    );
    const tooMany = await decide(cases.a.id, {
      kind: 'vote',
      'votes.yes': '4',
      'votes.no': '1',
      reasons: 'x',
    });
    assert.match(text(tooMany.body), /5 Stimmen erfasst, aber nur 4 Stimmberechtigte/);

    const request = await decide(cases.a.id, {
      kind: 'vote',
      'votes.yes': '3',
      'votes.no': '1',
      reasons: 'Die Familie lebt seit zwölf Jahren in Essen; die Kinder sind hier geboren.',
    });
    assert.equal(request.status, 303, text(request.body).slice(0, 600));
    assert.match(request.location ?? '', /beschluss=hardship_request/);
    const adjourn = await decide(cases.b.id, {
      kind: 'adjourn',
      reasons: 'Die Stellungnahme soll abgewartet werden.',
    });
    assert.equal(adjourn.status, 303);
    const tie = await decide(cases.c.id, {
      kind: 'vote',
      'votes.yes': '2',
      'votes.no': '2',
      recommendationText: 'Die Kommission empfiehlt, eine Ausbildungsduldung zu prüfen.',
      'recommendationVotes.yes': '3',
      'recommendationVotes.no': '1',
    });
    assert.equal(tie.status, 303, text(tie.body).slice(0, 600));
    assert.match(tie.location ?? '', /beschluss=no_request/);
    // Recorded, not yet in effect: the cases stay on the agenda until the minutes are approved.
    assert.equal(await stateOf(cases.a.id), 'scheduled');
    const page = await clerkWeb.get(session());
    assert.match(text(page.body), /Härtefallersuchen: 3 Ja, 1 Nein, 0 Enthaltungen/);
    assert.match(text(page.body), /Kein Härtefallersuchen: 2 Ja, 2 Nein.*Empfehlung beschlossen/);

    // Only counts are stored: no member, deputy or account id appears with any decision.
    const rows = await app.database.db
      .selectFrom('session_agenda_items')
      .select('decision')
      .where('session_id', '=', sessionId)
      .execute();
    const stored = JSON.stringify(rows);
    for (const id of [...membership.values(), ...membership.keys()])
      assert.ok(!stored.includes(id), 'who voted how is stored nowhere');
  });

  test('only the chair approves; approval locks the session and carries the decisions into the cases', async (tc) => {
    const draft = await clerkWeb.download(session('/protokoll'));
    assert.equal(draft.status, 200);
    assert.match(
      draft.headers.get('content-disposition') ?? '',
      /^attachment; filename="Protokoll-Sitzung-.*-Entwurf\.pdf"/,
    );
    if (haveTool(tc, 'pdftotext')) {
      assert.match(flat(pdfText(pdfs.write('draft.pdf', draft.bytes))), /ENTWURF/);
    }
    // The clerk runs the session but does not approve: that path answers 404.
    const byClerk = await post(clerkWeb, session('/protokoll/genehmigen'));
    assert.equal(byClerk.status, 404);
    assert.match(
      text((await clerkWeb.get(session())).body),
      /genehmigt die oder der Vorsitzende: Dr\. Leitung Vorsitz/,
    );

    headWeb = await login(app, head);
    const approved = await post(headWeb, session('/protokoll/genehmigen'));
    assert.equal(approved.status, 303, text(approved.body).slice(0, 600));
    assert.equal(await stateOf(cases.a.id), 'request_sent');
    assert.equal(await stateOf(cases.b.id), 'adjourned');
    assert.equal(await stateOf(cases.c.id), 'closed');
    const events = async (caseId: string) =>
      (
        await app.database.db
          .selectFrom('case_history')
          .select(['event_type', 'actor_id'])
          .where('case_id', '=', caseId)
          .orderBy('version')
          .execute()
      ).map((e) => e.event_type);
    assert.deepEqual((await events(cases.a.id)).slice(-3), [
      'ScheduledForSession',
      'HardshipRequestDecided',
      'RequestSent',
    ]);
    assert.deepEqual((await events(cases.b.id)).slice(-2), ['ScheduledForSession', 'Adjourned']);
    assert.deepEqual((await events(cases.c.id)).slice(-3), [
      'ScheduledForSession',
      'NoRequestDecided',
      'Closed',
    ]);
    const file = text((await clerkWeb.get(`/geschaeftsstelle/faelle/${cases.a.id}`)).body);
    assert.match(file, /Härtefallersuchen beschlossen/);
    assert.match(file, /Ersuchen versandt/);

    // Locked: no change to decisions or attendance, and the adjourned case is ready for the next session.
    const lateVote = await clerkWeb.post(session(`/tagesordnung/${cases.c.id}`), {
      _csrf: csrfOf((await clerkWeb.get(session())).body),
      kind: 'adjourn',
    });
    assert.equal(lateVote.status, 400);
    assert.match(text(lateVote.body), /Das Protokoll dieser Sitzung ist genehmigt/);
    const lateAttendance = await post(clerkWeb, session('/anwesenheit'), { present: [] });
    assert.equal(lateAttendance.status, 400);
    assert.equal(
      (
        await app.database.db
          .selectFrom('session_attendance')
          .select('membership_id')
          .where('session_id', '=', sessionId)
          .execute()
      ).length,
      4,
    );
    const approvedAgain = await post(headWeb, session('/protokoll/genehmigen'));
    assert.equal(approvedAgain.status, 400);
  });

  test('the minutes PDF/A and the outcome letters follow from the outbox', async (tc) => {
    const stored = await until('the minutes', async () => {
      const row = await app.database.db
        .selectFrom('commission_sessions')
        .select(['minutes_blob_key', 'minutes_sha256'])
        .where('id', '=', sessionId)
        .executeTakeFirstOrThrow();
      return row.minutes_blob_key ? row : undefined;
    });
    assert.match(stored.minutes_sha256 ?? '', /^[0-9a-f]{64}$/);
    const download = await clerkWeb.download(session('/protokoll'));
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.doesNotMatch(download.headers.get('content-disposition') ?? '', /Entwurf/);
    const file = pdfs.write('minutes.pdf', download.bytes);
    const day = `${td}.${tm}.${ty}`;
    assertArchivalPdf(tc, file, `Protokoll der Sitzung der Härtefallkommission vom ${day}`);
    if (haveTool(tc, 'pdftotext')) {
      const minutes = flat(pdfText(file));
      for (const phrase of [
        'Düsseldorf, Raum 2.14',
        'Dr. Leitung Vorsitz',
        'Vertretung Vier',
        'Stellvertretung für Mitglied 4',
        'beschlussfähig',
        cases.a.number,
        '3 Ja, 1 Nein, 0 Enthaltungen, 0 ohne Stimme; 4 stimmberechtigt anwesend, 3 Ja-Stimmen erforderlich',
        'die Kinder sind hier geboren',
        'Die Stellungnahme soll abgewartet werden',
        'Ausbildungsduldung',
        'beschlossen (nicht bindend)',
        'Genehmigt von',
      ])
        assert.ok(minutes.includes(phrase), `missing in the minutes: ${phrase}`);
      assert.ok(!minutes.includes('ENTWURF'));
    }

    const lettersOf = (caseId: string) =>
      app.database.db
        .selectFrom('letters as l')
        .innerJoin('documents as d', 'd.id', 'l.document_id')
        .select(['l.template_id', 'l.channel', 'l.addressee_kind', 'l.document_id'])
        .where('l.case_id', '=', caseId)
        .execute();
    const waitFor = (caseId: string, templates: string[]) =>
      until(`letters ${templates.join(', ')}`, async () => {
        const rows = await lettersOf(caseId);
        return templates.every((t) => rows.some((r) => r.template_id === t)) ? rows : undefined;
      });
    const a = await waitFor(cases.a.id, ['hardship_request']);
    const request = a.find((r) => r.template_id === 'hardship_request');
    assert.equal(request?.channel, 'portal');
    const c = await waitFor(cases.c.id, ['no_request_authority', 'closing_notice']);
    assert.equal(c.find((r) => r.template_id === 'no_request_authority')?.addressee_kind, 'authority');
    assert.deepEqual(
      (await lettersOf(cases.b.id))
        .map((r) => r.template_id)
        .filter((t) => !['receipt', 'authority_new_application', 'statement_request'].includes(t)),
      [],
      'an adjournment writes no letter',
    );
    const page = text((await clerkWeb.get(`/geschaeftsstelle/faelle/${cases.a.id}`)).body);
    assert.match(
      page,
      /Härtefallersuchen an die Ausländerbehörde/,
      'listed under the letters of the case file',
    );
    if (haveTool(tc, 'pdftotext')) {
      const letter = await clerkWeb.download(
        `/geschaeftsstelle/faelle/${cases.a.id}/dokumente/${request?.document_id}`,
      );
      const body = flat(pdfText(pdfs.write('request.pdf', letter.bytes)));
      assert.ok(body.includes(`in ihrer Sitzung am ${day}`), 'the session’s day');
      assert.ok(body.includes('die Kinder sind hier geboren'), 'the minuted reasons');
      const notice = c.find((r) => r.template_id === 'no_request_authority');
      const noRequest = await clerkWeb.download(
        `/geschaeftsstelle/faelle/${cases.c.id}/dokumente/${notice?.document_id}`,
      );
      assert.match(
        flat(pdfText(pdfs.write('no-request.pdf', noRequest.bytes))),
        /Ausbildungsduldung zu prüfen/,
      );
    }
    const audit = await app.database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('resource_type', '=', 'session')
      .where('resource_id', '=', sessionId)
      .execute();
    const actions = new Set(audit.map((r) => r.action));
    for (const action of [
      'session.planned',
      'session.viewed',
      'session.case_added',
      'session.invited',
      'session.attendance_recorded',
      'session.decision_recorded',
      'session.minutes_approved',
      'session.minutes_downloaded',
    ])
      assert.ok(actions.has(action), `audited: ${action}`);
  });

  test('access: the clerk runs sessions; members and administrators get 404 on every office page', async () => {
    assert.equal((await clerkWeb.get('/geschaeftsstelle/sitzungen')).status, 200);
    const member = await login(app, members[0] as StaffUser);
    // The staff home sends members to their own view (/kommission); every office page answers 404.
    const home = await member.get('/geschaeftsstelle');
    assert.equal(home.status, 303);
    assert.equal(home.location, '/kommission');
    const paths = [
      '/geschaeftsstelle/sitzungen',
      session(),
      session(`/tagesordnung/${cases.a.id}`),
      session('/protokoll'),
      `/geschaeftsstelle/faelle/${cases.a.id}`,
      '/verwaltung/kommission',
    ];
    for (const path of paths) assert.equal((await member.get(path)).status, 404, `member: ${path}`);
    for (const path of [
      session('/anwesenheit'),
      session('/protokoll/genehmigen'),
      '/geschaeftsstelle/sitzungen',
    ])
      assert.equal((await member.post(path, {})).status, 404, `member POST ${path}`);
    for (const path of paths.slice(0, 5))
      assert.equal((await adminWeb.get(path)).status, 404, `admin: ${path}`);
    assert.equal((await adminWeb.post('/geschaeftsstelle/sitzungen', {})).status, 404);
    assert.equal((await clerkWeb.get('/verwaltung/kommission')).status, 404, 'the office does not appoint');
    assert.equal(
      (await clerkWeb.get('/geschaeftsstelle/sitzungen/00000000-0000-4000-8000-000000000000')).status,
      404,
    );
    assert.equal((await clerkWeb.get('/geschaeftsstelle/sitzungen/kein-uuid')).status, 404);
    const anonymous = await new WebClient(app.url).get('/geschaeftsstelle/sitzungen');
    assert.equal(anonymous.status, 303);
  });
});
