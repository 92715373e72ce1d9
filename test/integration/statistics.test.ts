/**
 * Statistics for the annual report on the composed app: five cases registered by the office (stamps
 * 20, 10, 6, 4 and 2 days ago; Syrian, Afghan and Iraqi main applicants) are driven through the real use
 * cases — pre-check, taking up or not, the statement, a real session with a request and a "no request"
 * with a recommendation (approved minutes), the authority's decision, closing, withdrawal. The page
 * and every CSV file show exactly the expected counts and durations; breakdowns show 1 and 2 as "<3";
 * a formula in an authority's name stays text in the CSV and no person's name reaches any file; each
 * export is audited; administrators, members and strangers get 404; the form's URL holds the period only.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { berlinDate } from '../../src/application/statement-reminders.ts';
import { STATISTICS_TABLES } from '../../src/application/statistics.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { Actor } from '../../src/domain/case/index.ts';
import { addDays } from '../../src/domain/rules/dates.ts';
import { composeApp, type RunningApp } from '../../src/main/compose.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { WebClient } from '../support/web-client.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const logins = new Map<string, number>();
async function login(url: string, user: StaffUser): Promise<WebClient> {
  const web = new WebClient(url);
  const first = await web.post('/anmelden', { email: user.email, password: user.password });
  assert.equal(first.status, 303);
  const page = await web.get('/anmelden/code');
  const offset = logins.get(user.id) ?? 0;
  logins.set(user.id, offset + 1);
  const done = await web.post('/anmelden/code', {
    _csrf: csrfOf(page.body),
    code: await totpCode(user, new Date(), offset),
  });
  assert.equal(done.status, 303, text(done.body).slice(-400));
  return web;
}

/** The rows of one CSV file: BOM removed, split at CRLF and semicolons (the cells here hold none). */
function csvRows(bytes: Buffer): string[][] {
  const body = bytes.toString('utf8');
  assert.ok(body.startsWith('\uFEFF'), 'UTF-8 with a byte-order mark');
  return body
    .slice(1)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(';'));
}

const FORMULA = '=HYPERLINK("http://angriff.example/","Klick")';

describe('statistics for the annual report', () => {
  let running: RunningApp;
  let database: TestDatabase;
  let url = '';
  let clerk: StaffUser;
  let head: StaffUser;
  let admin: StaffUser;
  let member: StaffUser;
  let clerkWeb: WebClient;
  const today = berlinDate(new Date());
  const from = addDays(today, -20);
  const period = `zeitraum=frei&von=${from}&bis=${today}`;
  const ids: Record<'a' | 'b' | 'c' | 'd' | 'e', string> = { a: '', b: '', c: '', d: '', e: '' };
  let sessionId = '';
  let clerkActor: Actor;

  const step = async (
    caseId: string,
    command: Parameters<RunningApp['services']['cases']['applyCommand']>[0]['command'],
  ) => {
    const done = await running.services.cases.applyCommand({ caseId, command, actor: clerkActor });
    assert.ok(done.ok, `${command.type}: ${JSON.stringify(done)}`);
  };
  const review = (caseId: string) =>
    step(caseId, {
      type: 'recordExclusionReview',
      catalogueVersion: 'HFKVO-NRW-2020-10-14',
      mandatoryGrounds: [],
      asARuleGrounds: [],
    });
  const toSession = async (caseId: string) => {
    await step(caseId, { type: 'startPreCheck' });
    await review(caseId);
    await step(caseId, { type: 'takeUp' });
    await step(caseId, {
      type: 'requestStatement',
      dueAt: new Date(Date.now() + 28 * 86_400_000).toISOString(),
    });
    await step(caseId, { type: 'receiveStatement' });
    await step(caseId, { type: 'markReadyForSession' });
  };

  async function register(
    daysAgo: number,
    persons: { familyName: string; nationality: string }[],
    postalCode: string,
    place: string,
  ): Promise<string> {
    const stamp = addDays(today, -daysAgo);
    const [y, m, d] = stamp.split('-');
    const form = await clerkWeb.get('/geschaeftsstelle/eingang');
    const fields: Record<string, string> = {
      _csrf: csrfOf(form.body),
      channel: 'post',
      'receivedOn.day': String(Number(d)),
      'receivedOn.month': String(Number(m)),
      'receivedOn.year': y ?? '',
      'address.postalCode': postalCode,
      'address.place': place,
      'address.street': 'Hauptstraße',
    };
    persons.forEach((p, i) => {
      fields[`persons.${i}.familyName`] = p.familyName;
      fields[`persons.${i}.givenNames`] = 'Testperson';
      fields[`persons.${i}.birthDate.year`] = String(1980 + i);
      fields[`persons.${i}.nationality`] = p.nationality;
    });
    const done = await clerkWeb.post('/geschaeftsstelle/eingang', fields);
    assert.equal(done.status, 303, text(done.body).slice(0, 600));
    return /faelle\/([0-9a-f-]{36})/.exec(done.location ?? '')?.[1] ?? '';
  }

  before(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hfk-statistik-'));
    const masterKey = await generateIdentity();
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', MASTER_KEY: masterKey });
    database = await createTestDatabase();
    running = await composeApp(config, database, pino({ level: 'silent' }));
    url = await running.app.listen({ port: 0, host: '127.0.0.1' });
    clerk = await createStaffUser(
      database,
      {
        email: 'sb-statistik@example.org',
        name: 'Sachbearbeitung',
        role: 'office_clerk',
      },
      { masterKey },
    );
    head = await createStaffUser(
      database,
      {
        email: 'leitung-statistik@example.org',
        name: 'Leitung',
        role: 'office_head',
      },
      { masterKey },
    );
    admin = await createStaffUser(
      database,
      {
        email: 'admin-statistik@example.org',
        name: 'Admin',
        role: 'admin',
      },
      { masterKey },
    );
    member = await createStaffUser(
      database,
      {
        email: 'mitglied-statistik@example.org',
        name: 'Mitglied',
        role: 'member',
      },
      { masterKey },
    );
    clerkActor = { role: 'office_clerk', id: clerk.id };
    clerkWeb = await login(url, clerk);
  });
  after(async () => {
    await running?.close();
    await database?.close();
  });

  test('before anything is recorded: zero counts, and the authorities\' decisions say "noch keine Daten"', async () => {
    const page = await clerkWeb.get(`/geschaeftsstelle/statistik?${period}`);
    assert.equal(page.status, 200);
    const words = text(page.body);
    assert.match(words, /Eingegangene Anträge \(Fälle\) 0 /);
    assert.match(words, /Ausländerbehörde ist dem Ersuchen gefolgt \(Entscheidung\) noch keine Daten/);
    assert.match(words, /Bisher ist keine erfasst/);
    // The page is linked from the case list.
    const inbox = await clerkWeb.get('/geschaeftsstelle');
    assert.match(inbox.body, /href="\/geschaeftsstelle\/statistik"/);
  });

  test('five cases driven through the procedure', async () => {
    ids.a = await register(20, [{ familyName: FORMULA, nationality: '475' }], '45127', 'Essen');
    ids.b = await register(
      10,
      [
        { familyName: 'Haddad', nationality: '475' },
        { familyName: 'Haddad', nationality: '475' },
      ],
      '45127',
      'Essen',
    );
    ids.c = await register(6, [{ familyName: 'Rahimi', nationality: '423' }], '50667', 'Köln');
    ids.d = await register(4, [{ familyName: 'Nasser', nationality: '475' }], '45127', 'Essen');
    ids.e = await register(2, [{ familyName: 'Karim', nationality: '438' }], '45127', 'Essen');
    // A formula as the name of the authority of case C (reference data can come from anywhere).
    const c = await database.db
      .selectFrom('cases')
      .select('authority_id')
      .where('id', '=', ids.c)
      .executeTakeFirstOrThrow();
    assert.ok(c.authority_id);
    await database.db
      .updateTable('organisations')
      .set({ name: FORMULA })
      .where('id', '=', c.authority_id)
      .execute();

    await toSession(ids.a);
    await toSession(ids.b);
    await step(ids.c, { type: 'startPreCheck' });
    await step(ids.c, { type: 'notTakeUp', reasons: 'Keine Zuständigkeit in NRW.' });
    await step(ids.d, { type: 'withdraw' });

    // A real session: one member present, a request for A, "no request" with a recommendation for B.
    const adminActor: Actor = { role: 'admin', id: admin.id };
    const headActor: Actor = { role: 'office_head', id: head.id };
    const appointed = await running.services.sessions.appoint(adminActor, {
      userId: member.id,
      function: 'member',
      deputyOf: '',
      nominatedBy: 'Flüchtlingsrat NRW',
      termFrom: addDays(today, -30),
      termTo: addDays(today, 700),
    });
    assert.deepEqual(appointed, { ok: true });
    const [y, m, d] = today.split('-');
    const planned = await running.services.sessions.plan(clerkActor, {
      day: String(Number(d)),
      month: String(Number(m)),
      year: y ?? '',
      time: '23:59',
      place: 'Düsseldorf',
      chairId: head.id,
    });
    assert.ok(planned?.ok, JSON.stringify(planned));
    sessionId = planned.ok ? planned.sessionId : '';
    for (const caseId of [ids.a, ids.b]) {
      const added = await running.services.sessions.addCase(clerkActor, sessionId, caseId);
      assert.ok(added && 'ok' in added && added.ok, JSON.stringify(added));
    }
    const commission = await running.services.sessions.commission(adminActor);
    const membershipId = commission?.memberships[0]?.id ?? '';
    assert.ok((await running.services.sessions.recordAttendance(clerkActor, sessionId, [membershipId]))?.ok);
    const votes = {
      yes: '',
      no: '',
      abstain: '0',
      reasons: '',
      recommendationText: '',
      recommendationYes: '',
      recommendationNo: '',
      recommendationAbstain: '',
    };
    const request = await running.services.sessions.recordDecision(clerkActor, sessionId, ids.a, {
      ...votes,
      kind: 'vote',
      yes: '1',
      no: '0',
      reasons: 'Langjährige Integration.',
    });
    assert.ok(request?.ok, JSON.stringify(request));
    const noRequest = await running.services.sessions.recordDecision(clerkActor, sessionId, ids.b, {
      ...votes,
      kind: 'vote',
      yes: '0',
      no: '1',
      recommendationText: 'Die Kommission empfiehlt eine Beschäftigungsduldung zu prüfen.',
      recommendationYes: '1',
      recommendationNo: '0',
      recommendationAbstain: '0',
    });
    assert.ok(noRequest?.ok, JSON.stringify(noRequest));
    const approved = await running.services.sessions.approve(headActor, sessionId);
    assert.ok(approved && 'ok' in approved && approved.ok, JSON.stringify(approved));

    // The authority follows the request (recorded by the office until the authority portal records it).
    await step(ids.a, {
      type: 'receiveAuthorityFeedback',
      stage: 'final',
      decision: 'grant',
      decidedOn: today,
    });
    await step(ids.a, { type: 'close' });
    const states = await database.db.selectFrom('cases').select(['id', 'state']).execute();
    const stateOf = (id: string) => states.find((s) => s.id === id)?.state;
    assert.deepEqual([ids.a, ids.b, ids.c, ids.d, ids.e].map(stateOf), [
      'closed',
      'closed',
      'not_taken_up',
      'withdrawn',
      'received',
    ]);
  });

  test('the page shows exactly the expected counts, outcomes and durations', async () => {
    const page = await clerkWeb.get(`/geschaeftsstelle/statistik?${period}`);
    assert.equal(page.status, 200);
    const words = text(page.body);
    const expect: [string, string][] = [
      ['Eingegangene Anträge \\(Fälle\\)', '5'],
      ['Personen in den eingegangenen Anträgen', '6'],
      ['Zur Befassung angenommen', '2'],
      ['Nicht zur Befassung angenommen', '1'],
      ['Vertagt', '0'],
      ['Härtefallersuchen beschlossen', '1'],
      ['Kein Härtefallersuchen beschlossen', '1'],
      ['davon mit Empfehlung', '1'],
      ['Ausländerbehörde ist dem Ersuchen gefolgt \\(Entscheidung\\)', '1'],
      ['Ausländerbehörde ist dem Ersuchen nicht gefolgt \\(Entscheidung\\)', '0'],
      ['Abgeschlossen \\(Mitteilung über die Beendigung\\)', '2'],
      ['Zurückgenommen', '1'],
      ['Anderweitig erledigt', '0'],
    ];
    for (const [label, n] of expect) assert.match(words, new RegExp(`${label} ${n} `), label);
    assert.doesNotMatch(words, /noch keine Daten/);
    // Durations: taken up after 20 and 10 days; decided in the session today (20, 10); ended after 20, 10, 6, 4.
    assert.match(words, /zur Befassung 2 15 15 /);
    assert.match(words, /zum Beschluss der Kommission 2 15 15 /);
    assert.match(words, /zum Abschluss des Verfahrens 4 8 10 /);
    // Breakdowns: 1 Afghan and 1 Iraqi only as "<3" (and the 3 Syrian cases as "x", see the CSV test).
    assert.match(page.body, /role="img"/);
    assert.match(page.body, /<title id="diagramm-monate-title">/);
    assert.match(page.body, /aria-describedby="diagramm-staatsangehoerigkeiten-desc"/);
    assert.match(page.body, /<caption[^>]*>Nach Staatsangehörigkeit<\/caption>/);
    assert.match(words, /Werte von 1 und 2 nur als „<3“/);
    assert.match(words, /zusätzlich der nächstkleinere Wert nicht ausgewiesen \(„x“\)/);
    // No person's name anywhere on the page.
    for (const name of ['Haddad', 'Rahimi', 'Nasser', 'Karim', 'Testperson'])
      assert.doesNotMatch(page.body, new RegExp(name));
    // The authority's odd name is shown as text.
    assert.match(
      page.body,
      /<th scope="row">=HYPERLINK\(&quot;http:\/\/angriff.example\/&quot;,&quot;Klick&quot;\)<\/th>/,
    );
  });

  test('the CSV files: BOM, semicolons, attachment, the same figures, "<3", formulas neutralised, audited', async () => {
    const auditBefore = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'statistics.exported')
      .execute();
    const files: Record<string, string[][]> = {};
    for (const table of STATISTICS_TABLES) {
      const file = await clerkWeb.download(`/geschaeftsstelle/statistik/${table}.csv?${period}`);
      assert.equal(file.status, 200, table);
      assert.equal(file.headers.get('content-type'), 'text/csv; charset=utf-8');
      assert.equal(
        file.headers.get('content-disposition'),
        `attachment; filename="statistik-${table}-${from}-bis-${today}.csv"`,
      );
      assert.equal(file.headers.get('cache-control'), 'no-store');
      assert.equal(file.headers.get('x-content-type-options'), 'nosniff');
      const raw = file.bytes.toString('utf8');
      for (const name of ['Haddad', 'Rahimi', 'Nasser', 'Karim', 'Testperson'])
        assert.ok(!raw.includes(name), `${table}: no person's name`);
      files[table] = table === 'behoerden' ? [] : csvRows(file.bytes);
      if (table === 'behoerden') {
        assert.ok(raw.startsWith('\uFEFF'));
        // The formula in the authority's name: quoted (it holds quotes) and led by an apostrophe.
        assert.ok(raw.includes(`\r\n"'=HYPERLINK(""http://angriff.example/"",""Klick"")";<3;<3;0;<3;`), raw);
        assert.ok(!/(^|[\r\n;])"?=/.test(raw.slice(1)), 'no cell starts with =');
        // Köln's single "<3" could be worked out from the total, so Essen's 4 and 5 are hidden as "x" too.
        assert.ok(raw.includes('\r\nAusländerbehörde Essen;x;x;<3;0;<3;<3;<3;<3;0\r\n'), raw);
      }
    }
    const overview = new Map((files.ueberblick ?? []).map(([k, v]) => [k, v]));
    assert.deepEqual(files.ueberblick?.[0], ['Kennzahl', 'Anzahl']);
    assert.equal(overview.get('Eingegangene Anträge (Fälle)'), '5');
    assert.equal(overview.get('Härtefallersuchen beschlossen'), '1');
    assert.equal(overview.get('davon mit Empfehlung'), '1');
    assert.equal(overview.get('Ausländerbehörde ist dem Ersuchen gefolgt (Entscheidung)'), '1');
    assert.deepEqual(files.ergebnisse?.at(-1), ['Zusammen', '4', '100 %']);
    assert.deepEqual(files.dauer?.[3], ['zum Abschluss des Verfahrens', '4', '8', '10']);
    const nationalities = files.staatsangehoerigkeiten ?? [];
    assert.deepEqual(nationalities[0]?.slice(0, 3), ['Staatsangehörigkeit', 'Eingänge', 'Personen']);
    assert.deepEqual(
      nationalities.slice(1).map((r) => r.slice(1, 3)),
      // Two hidden 1s would add up to total − 3, so the 3 (and the 4 persons) are hidden as "x" too.
      [
        ['x', 'x'],
        ['<3', '<3'],
        ['<3', '<3'],
      ],
    );
    const months = files.monate ?? [];
    const received = months.slice(1).reduce((sum, r) => sum + Number(r[1]), 0);
    assert.equal(received, 5, 'the months add up to the period');

    const audited = await database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'statistics.exported')
      .execute();
    assert.equal(audited.length - auditBefore.length, STATISTICS_TABLES.length);
    assert.equal(audited.at(-1)?.actor_id, clerk.id);
    assert.deepEqual(audited.at(-1)?.details, { table: 'dauer', from, to: today });
  });

  test("a decision counts on the session's day, not on the day the minutes were approved", async () => {
    await database.db
      .updateTable('commission_sessions')
      .set({ session_day: addDays(today, -3) })
      .where('id', '=', sessionId)
      .execute();
    const file = await clerkWeb.download(`/geschaeftsstelle/statistik/dauer.csv?${period}`);
    // Decided 17 and 7 days after receipt.
    assert.deepEqual(csvRows(file.bytes)[2], ['zum Beschluss der Kommission', '2', '12', '12']);
    const before = await clerkWeb.download(
      `/geschaeftsstelle/statistik/ueberblick.csv?zeitraum=frei&von=${from}&bis=${addDays(today, -4)}`,
    );
    const rows = new Map(csvRows(before.bytes).map(([k, v]) => [k, v]));
    assert.equal(rows.get('Härtefallersuchen beschlossen'), '0', 'the session lies after this range');
  });

  test('period form: GET with period parameters only; wrong input answers 400 with the error at the field', async () => {
    const page = await clerkWeb.get('/geschaeftsstelle/statistik');
    const form =
      /<form method="get" action="\/geschaeftsstelle\/statistik"[\s\S]*?<\/form>/.exec(page.body)?.[0] ?? '';
    const names = [...form.matchAll(/name="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(names)].sort(), ['bis', 'jahr', 'monat', 'quartal', 'von', 'zeitraum']);
    assert.match(text(page.body), new RegExp(`Zeitraum: Jahr ${today.slice(0, 4)}`));
    const bad = await clerkWeb.get('/geschaeftsstelle/statistik?zeitraum=frei&von=31.02.2026&bis=01.01.2026');
    assert.equal(bad.status, 400);
    assert.match(bad.body, /href="#von"/);
    assert.match(bad.body, /id="von-error"/);
    assert.match(bad.body, /value="31.02.2026"/, 'typed input kept');
    const quarter = await clerkWeb.get(
      `/geschaeftsstelle/statistik?zeitraum=quartal&jahr=${today.slice(0, 4)}&quartal=1`,
    );
    assert.match(text(quarter.body), new RegExp(`Zeitraum: 1. Quartal ${today.slice(0, 4)}`));
    assert.equal((await clerkWeb.download('/geschaeftsstelle/statistik/unbekannt.csv')).status, 404);
    assert.equal(
      (await clerkWeb.download('/geschaeftsstelle/statistik/dauer.csv?zeitraum=frei&von=x')).status,
      404,
    );
  });

  test('the office head sees it; administrators, members and strangers get 404 or the login', async () => {
    const headWeb = await login(url, head);
    assert.equal((await headWeb.get('/geschaeftsstelle/statistik')).status, 200);
    for (const user of [admin, member]) {
      const web = await login(url, user);
      assert.equal((await web.get('/geschaeftsstelle/statistik')).status, 404);
      assert.equal((await web.download(`/geschaeftsstelle/statistik/ueberblick.csv?${period}`)).status, 404);
    }
    const stranger = new WebClient(url);
    const page = await stranger.get('/geschaeftsstelle/statistik');
    assert.equal(page.status, 303);
    assert.match(page.location ?? '', /^\/anmelden/);
    assert.equal((await stranger.download('/geschaeftsstelle/statistik/ueberblick.csv')).status, 303);
  });
});
