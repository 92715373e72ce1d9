/**
 * R4 of the quality bar: two staff change the same case at the same moment. Over HTTP on the composed
 * app, with two logged-in clerks (and two users of one immigration authority), both load the same case
 * file and send conflicting changes at once:
 *   - exactly one change is applied; the other answers 409 with the German "inzwischen geändert" text
 *     (never a 500), and where the page keeps the typed input (the authority's statement), it is kept;
 *   - the case's history has exactly one new row, the audit trail one entry, the outbox no duplicate;
 *   - a form loaded before the other's change is refused the same way;
 *   - the assignment (a plain field, not a transition) is guarded likewise; notes and document requests
 *     only add rows, so both clerks' entries are kept.
 * Then the use case itself, with real concurrent transactions (PGlite's one connection; with
 * DATABASE_URL, PostgreSQL's pool of five): many commands at once with one expected version → one
 * applies; without a version each one applies on top of the last, the history versions without gap
 * or duplicate.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { fileApplication } from '../support/applicant.ts';
import { createStaffUser, type StaffUser, totpCode } from '../support/staff-app.ts';
import { type PageResponse, WebClient } from '../support/web-client.ts';

const DB = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const CHANGED_MEANWHILE = /Der Fall wurde inzwischen geändert/;
/** The assignee the assignment form showed ('' for nobody: an empty value may be left out); null without the field. */
const seenAssigneeOf = (html: string) => {
  const input = /<input[^>]*name="assignedBefore"[^>]*>/.exec(html)?.[0];
  return input === undefined ? null : (/value="([^"]*)"/.exec(input)?.[1] ?? '');
};

async function login(app: TestApp, user: StaffUser): Promise<WebClient> {
  const web = new WebClient(app.url);
  const first = await web.post('/anmelden', { email: user.email, password: user.password });
  assert.equal(first.status, 303, first.body.slice(0, 200));
  const page = await web.get('/anmelden/code');
  // Each user logs in once in this suite: the current code is unused.
  const done = await web.post('/anmelden/code', {
    _csrf: csrfOf(page.body),
    code: await totpCode(user, new Date()),
  });
  assert.equal(done.status, 303, text(done.body).slice(-600));
  return web;
}

/** The winner and the loser of two answers sent at once: exactly one 303, the other "changed meanwhile". */
function oneWins(answers: PageResponse[], what: string): { winner: number; loser: PageResponse } {
  const statuses = answers.map((a) => a.status);
  const winner = statuses.indexOf(303);
  assert.equal(statuses.filter((s) => s === 303).length, 1, `${what}: exactly one applied (${statuses})`);
  const loser = answers[1 - winner];
  assert.ok(loser);
  assert.equal(
    loser.status,
    409,
    `${what}: the other is told (${statuses}): ${text(loser.body).slice(0, 300)}`,
  );
  assert.match(text(loser.body), CHANGED_MEANWHILE, `${what}: in German, on the page`);
  return { winner, loser };
}

describe(`R4: two staff change the same case at the same moment (${DB})`, () => {
  let app: TestApp;
  let clerkA: StaffUser;
  let clerkB: StaffUser;
  let webA: WebClient;
  let webB: WebClient;
  let orgId = '';
  let appKey = '';
  const cases: { id: string; number: string }[] = [];

  const db = () => app.database.db;
  const history = async (caseId: string) =>
    (
      await db()
        .selectFrom('case_history')
        .select(['version', 'event_type', 'actor_id', 'data'])
        .where('case_id', '=', caseId)
        .orderBy('version')
        .execute()
    ).map((h) => ({ ...h, version: Number(h.version) }));
  const auditOf = async (caseId: string, action: string) =>
    db()
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('resource_id', '=', caseId)
      .where('action', '=', action)
      .execute();
  const outboxKeys = async (caseId: string) =>
    (
      await db()
        .selectFrom('outbox')
        .select('idempotency_key')
        .where('idempotency_key', 'like', `%${caseId}%`)
        .execute()
    ).map((r) => r.idempotency_key);
  const caseRow = (caseId: string) =>
    db()
      .selectFrom('cases')
      .select(['state', 'version', 'assignee_id'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
  /** One clerk takes a step alone (to bring a case to the state a test needs). */
  const step = async (
    web: WebClient,
    caseId: string,
    command: string,
    fields: Record<string, string> = {},
  ) => {
    const page = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    const done = await web.post(`/geschaeftsstelle/faelle/${caseId}/schritte/${command}`, {
      _csrf: csrfOf(page.body),
      version: versionOf(page.body),
      ...fields,
    });
    assert.equal(done.status, 303, `${command}: ${text(done.body).slice(0, 400)}`);
  };
  const dueIn = (days: number) => {
    const d = new Date(Date.now() + days * 24 * 3600 * 1000);
    return {
      'dueAt.day': String(d.getUTCDate()),
      'dueAt.month': String(d.getUTCMonth() + 1),
      'dueAt.year': String(d.getUTCFullYear()),
    };
  };

  before(async () => {
    const masterKey = await generateIdentity();
    appKey = masterKey;
    app = await startTestApp({ MASTER_KEY: masterKey });
    orgId = (
      await db()
        .selectFrom('organisations')
        .select('id')
        .where('kreis_ags', '=', '05111') // Düsseldorf: the address of the filed applications
        .where('kind', '=', 'immigration_authority')
        .executeTakeFirstOrThrow()
    ).id;
    await db()
      .updateTable('organisations')
      .set({ email: 'abh@duesseldorf.example' })
      .where('id', '=', orgId)
      .execute();
    for (const name of ['Ağaoğlu', 'Kowalczyk', 'Nguyen', 'Haddad']) {
      const number = await fileApplication(new WebClient(app.url), name);
      const { id } = await db()
        .selectFrom('cases')
        .select('id')
        .where('case_number', '=', number)
        .executeTakeFirstOrThrow();
      cases.push({ id, number });
    }
    const staff = (email: string, name: string) =>
      createStaffUser(app.database, { email, name, role: 'office_clerk' }, { masterKey });
    clerkA = await staff('sb-a@example.org', 'Sachbearbeitung A');
    clerkB = await staff('sb-b@example.org', 'Sachbearbeitung B');
    [webA, webB] = await Promise.all([login(app, clerkA), login(app, clerkB)]);
  });
  after(async () => {
    await app?.close();
  });

  test('a step sent by both at once from the same version: one applies, the other is told; one history row', async () => {
    const c = cases[0];
    assert.ok(c);
    await step(webA, c.id, 'startPreCheck');
    const [pageA, pageB] = await Promise.all([
      webA.get(`/geschaeftsstelle/faelle/${c.id}`),
      webB.get(`/geschaeftsstelle/faelle/${c.id}`),
    ]);
    const version = versionOf(pageA.body);
    assert.equal(versionOf(pageB.body), version, 'both see the same version');
    const before = await history(c.id);
    const keysBefore = await outboxKeys(c.id);
    // Conflicting reviews of the exclusion grounds: A finds one, B none. The step may be repeated in its
    // state, so without the version guard both would be applied and A's finding silently overwritten.
    const answers = await Promise.all([
      webA.post(`/geschaeftsstelle/faelle/${c.id}/schritte/recordExclusionReview`, {
        _csrf: csrfOf(pageA.body),
        version,
        grounds: 'other_procedure_available',
        'notes.other_procedure_available': 'Folgeantrag anhängig (A)',
      }),
      webB.post(`/geschaeftsstelle/faelle/${c.id}/schritte/recordExclusionReview`, {
        _csrf: csrfOf(pageB.body),
        version,
      }),
    ]);
    const { winner } = oneWins(answers, 'exclusion review');
    const winnerId = [clerkA, clerkB][winner]?.id;
    const after = await history(c.id);
    assert.equal(after.length, before.length + 1, 'exactly one new history row');
    const last = after.at(-1);
    assert.equal(last?.event_type, 'ExclusionReviewRecorded');
    assert.equal(last?.version, Number(version) + 1);
    assert.equal(last?.actor_id, winnerId, 'the row is the winner’s');
    assert.equal((await caseRow(c.id)).version, Number(version) + 1);
    const audit = await auditOf(c.id, 'case.ExclusionReviewRecorded');
    assert.deepEqual(
      audit.map((a) => a.actor_id),
      [winnerId],
      'one audit entry, the winner’s',
    );
    assert.deepEqual(await outboxKeys(c.id), keysBefore, 'the review queues nothing');
    // The case file shows the winner's review, and the loser's page offers the current version.
    const shown = text((await webA.get(`/geschaeftsstelle/faelle/${c.id}`)).body);
    if (winner === 0) assert.match(shown, /Folgeantrag anhängig \(A\)/);
    else assert.doesNotMatch(shown, /Folgeantrag anhängig \(A\)/);
    assert.equal(versionOf(answers[1 - winner]?.body ?? ''), String(Number(version) + 1));

    // Different steps at once: one takes the case up, the other declines it.
    const fresh = await webA.get(`/geschaeftsstelle/faelle/${c.id}`);
    const v = versionOf(fresh.body);
    const freshB = await webB.get(`/geschaeftsstelle/faelle/${c.id}`);
    const [up, down] = await Promise.all([
      webA.post(`/geschaeftsstelle/faelle/${c.id}/schritte/takeUp`, {
        _csrf: csrfOf(fresh.body),
        version: v,
        overrideReasons: 'Das Folgeverfahren ist aussichtslos; die Kommission befasst sich trotzdem.',
      }),
      webB.post(`/geschaeftsstelle/faelle/${c.id}/schritte/notTakeUp`, {
        _csrf: csrfOf(freshB.body),
        version: v,
        reasons: 'Ein anderes Verfahren ist vorrangig.',
      }),
    ]);
    const second = oneWins([up, down], 'take up or not');
    const state = (await caseRow(c.id)).state;
    assert.equal(state, second.winner === 0 ? 'taken_up' : 'not_taken_up');
    const rows = (await history(c.id)).slice(after.length);
    assert.deepEqual(
      rows.map((r) => r.event_type),
      [second.winner === 0 ? 'TakenUp' : 'NotTakenUp'],
      'one of the two, never both',
    );
  });

  test('a statement request sent twice at once queues its mail and letter once', async () => {
    const c = cases[1];
    assert.ok(c);
    await step(webA, c.id, 'startPreCheck');
    await step(webA, c.id, 'recordExclusionReview');
    await step(webA, c.id, 'takeUp');
    const [pageA, pageB] = await Promise.all([
      webA.get(`/geschaeftsstelle/faelle/${c.id}`),
      webB.get(`/geschaeftsstelle/faelle/${c.id}`),
    ]);
    const version = versionOf(pageA.body);
    const keysBefore = new Set(await outboxKeys(c.id));
    const historyBefore = (await history(c.id)).length;
    const answers = await Promise.all([
      webA.post(`/geschaeftsstelle/faelle/${c.id}/schritte/requestStatement`, {
        _csrf: csrfOf(pageA.body),
        version,
        ...dueIn(28),
      }),
      webB.post(`/geschaeftsstelle/faelle/${c.id}/schritte/requestStatement`, {
        _csrf: csrfOf(pageB.body),
        version,
        ...dueIn(35),
      }),
    ]);
    oneWins(answers, 'statement request');
    const rows = (await history(c.id)).slice(historyBefore);
    assert.deepEqual(
      rows.map((r) => r.event_type),
      ['StatementRequested'],
    );
    assert.equal((await auditOf(c.id, 'case.StatementRequested')).length, 1);
    const added = (await outboxKeys(c.id)).filter((k) => !keysBefore.has(k));
    assert.ok(added.length > 0, 'the request queued its notice');
    // Per kind of notice, one job: the keys without their version part are all different.
    const kinds = added.map((k) => k.replace(/:(v?\d+|r[0-9a-f-]+)$/, ''));
    assert.equal(new Set(kinds).size, kinds.length, `no duplicate in the outbox: ${added.join(', ')}`);
  });

  test('a form loaded before the other clerk’s change is refused, and nothing of it is applied', async () => {
    const c = cases[2];
    assert.ok(c);
    await step(webA, c.id, 'startPreCheck');
    const stale = await webA.get(`/geschaeftsstelle/faelle/${c.id}`);
    await step(webB, c.id, 'recordExclusionReview', {
      grounds: 'other_procedure_available',
      'notes.other_procedure_available': 'Von B geprüft',
    });
    const before = await history(c.id);
    const late = await webA.post(`/geschaeftsstelle/faelle/${c.id}/schritte/recordExclusionReview`, {
      _csrf: csrfOf(stale.body),
      version: versionOf(stale.body),
    });
    assert.equal(late.status, 409, text(late.body).slice(0, 300));
    assert.match(text(late.body), CHANGED_MEANWHILE);
    assert.match(text(late.body), /Von B geprüft/, 'the page shows what B recorded');
    assert.deepEqual(await history(c.id), before, 'no new history row');
    assert.equal((await auditOf(c.id, 'case.ExclusionReviewRecorded')).length, 1);
  });

  test('assignment is guarded like a step; notes and document requests of both are kept', async () => {
    const c = cases[3];
    assert.ok(c);
    const [pageA, pageB] = await Promise.all([
      webA.get(`/geschaeftsstelle/faelle/${c.id}`),
      webB.get(`/geschaeftsstelle/faelle/${c.id}`),
    ]);
    assert.equal(seenAssigneeOf(pageA.body), '', 'the form says whom it showed: nobody yet');
    // Each clerk takes the case at the same moment: without a guard both would be told "done" and
    // one of them silently overwritten.
    const answers = await Promise.all([
      webA.post(`/geschaeftsstelle/faelle/${c.id}/zuweisung`, {
        _csrf: csrfOf(pageA.body),
        assignedBefore: '',
        assignee: clerkA.id,
      }),
      webB.post(`/geschaeftsstelle/faelle/${c.id}/zuweisung`, {
        _csrf: csrfOf(pageB.body),
        assignedBefore: '',
        assignee: clerkB.id,
      }),
    ]);
    const { winner } = oneWins(answers, 'assignment');
    const winnerId = [clerkA, clerkB][winner]?.id;
    assert.equal((await caseRow(c.id)).assignee_id, winnerId);
    const assigned = await auditOf(c.id, 'case.assigned');
    assert.deepEqual(
      assigned.map((a) => a.actor_id),
      [winnerId],
      'one audit entry',
    );
    // A stale form (still "nobody") is refused; one that asks for what is already so is fine.
    const loserWeb = winner === 0 ? webB : webA;
    const stale = await loserWeb.post(`/geschaeftsstelle/faelle/${c.id}/zuweisung`, {
      _csrf: csrfOf((winner === 0 ? pageB : pageA).body),
      assignedBefore: '',
      assignee: '',
    });
    assert.equal(stale.status, 409);
    assert.equal((await caseRow(c.id)).assignee_id, winnerId, 'the stale "nobody" did not win');
    const same = await loserWeb.post(`/geschaeftsstelle/faelle/${c.id}/zuweisung`, {
      _csrf: csrfOf((winner === 0 ? pageB : pageA).body),
      assignedBefore: '',
      assignee: winnerId ?? '',
    });
    assert.equal(same.status, 303, 'asking for the assignee it already has is no conflict');
    const reload = await loserWeb.get(`/geschaeftsstelle/faelle/${c.id}`);
    const moved = await loserWeb.post(`/geschaeftsstelle/faelle/${c.id}/zuweisung`, {
      _csrf: csrfOf(reload.body),
      assignedBefore: seenAssigneeOf(reload.body) ?? '',
      assignee: [clerkA, clerkB][1 - winner]?.id ?? '',
    });
    assert.equal(moved.status, 303, 'from the current page the change goes through');

    // Notes and document requests only add: both of the same moment are there, each audited once.
    const [noteA, noteB, reqA, reqB] = await Promise.all([
      webA.post(`/geschaeftsstelle/faelle/${c.id}/notizen`, {
        _csrf: csrfOf(pageA.body),
        note: 'Notiz von A',
      }),
      webB.post(`/geschaeftsstelle/faelle/${c.id}/notizen`, {
        _csrf: csrfOf(pageB.body),
        note: 'Notiz von B',
      }),
      webA.post(`/geschaeftsstelle/faelle/${c.id}/unterlagen`, {
        _csrf: csrfOf(pageA.body),
        text: 'Schulbescheinigung (A)',
        'dueOn.day': dueIn(20)['dueAt.day'],
        'dueOn.month': dueIn(20)['dueAt.month'],
        'dueOn.year': dueIn(20)['dueAt.year'],
      }),
      webB.post(`/geschaeftsstelle/faelle/${c.id}/unterlagen`, {
        _csrf: csrfOf(pageB.body),
        text: 'Arbeitsvertrag (B)',
        'dueOn.day': dueIn(20)['dueAt.day'],
        'dueOn.month': dueIn(20)['dueAt.month'],
        'dueOn.year': dueIn(20)['dueAt.year'],
      }),
    ]);
    assert.deepEqual([noteA.status, noteB.status, reqA.status, reqB.status], [303, 303, 303, 303]);
    const notes = await db().selectFrom('case_notes').select('text').where('case_id', '=', c.id).execute();
    assert.deepEqual(notes.map((n) => n.text).sort(), ['Notiz von A', 'Notiz von B']);
    const requests = await db()
      .selectFrom('document_requests')
      .select('text')
      .where('case_id', '=', c.id)
      .execute();
    assert.deepEqual(requests.map((r) => r.text).sort(), ['Arbeitsvertrag (B)', 'Schulbescheinigung (A)']);
    assert.equal((await auditOf(c.id, 'case.note_added')).length, 2);
    assert.equal((await auditOf(c.id, 'case.documents_requested')).length, 2);
  });

  test('two users of one authority answer the statement request at once: one statement; the other keeps what they typed', async () => {
    const c = cases[1];
    assert.ok(c);
    assert.equal((await caseRow(c.id)).state, 'statement_requested');
    const abh = async (email: string, name: string) =>
      createStaffUser(
        app.database,
        { email, name, role: 'authority', organisationId: orgId },
        { masterKey: appKey },
      );
    const [userX, userY] = [
      await abh('x@abh-duesseldorf.example', 'ABH X'),
      await abh('y@abh-duesseldorf.example', 'ABH Y'),
    ];
    const [webX, webY] = await Promise.all([login(app, userX), login(app, userY)]);
    const path = `/behoerde/faelle/${c.id}/stellungnahme`;
    const [pageX, pageY] = await Promise.all([webX.get(path), webY.get(path)]);
    assert.equal(pageX.status, 200, text(pageX.body).slice(0, 300));
    const version = versionOf(pageX.body);
    assert.equal(versionOf(pageY.body), version);
    const form = (who: string, page: PageResponse) => ({
      _csrf: csrfOf(page.body),
      version,
      statusSummary: `Duldung seit 2019 (${who})`,
      statement: `Keine Bedenken gegen eine Befassung (${who}).`,
      residenceSituation: `Wohnt mit der Familie in Düsseldorf (${who}).`,
      'deportationDate.day': '',
      'deportationDate.month': '',
      'deportationDate.year': '',
    });
    const historyBefore = (await history(c.id)).length;
    const answers = await Promise.all([webX.post(path, form('X', pageX)), webY.post(path, form('Y', pageY))]);
    const statuses = answers.map((a) => a.status);
    const winner = statuses.indexOf(303);
    assert.equal(statuses.filter((s) => s === 303).length, 1, `one statement (${statuses})`);
    const loser = answers[1 - winner];
    assert.equal(loser?.status, 409, text(loser?.body ?? '').slice(0, 300));
    assert.match(text(loser?.body ?? ''), /inzwischen geändert/);
    const loserName = winner === 0 ? 'Y' : 'X';
    assert.ok(
      (loser?.body ?? '').includes(`Keine Bedenken gegen eine Befassung (${loserName}).`),
      'what the loser typed is still in the form',
    );
    const rows = (await history(c.id)).slice(historyBefore);
    assert.deepEqual(
      rows.map((r) => r.event_type),
      ['StatementReceived'],
    );
    const statements = await db()
      .selectFrom('authority_statements')
      .select('author_id')
      .where('case_id', '=', c.id)
      .execute();
    assert.deepEqual(
      statements.map((s) => s.author_id),
      [[userX, userY][winner]?.id],
    );
    // The loser's statement PDF was not filed: one statement document in the case.
    const docs = await db()
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', c.id)
      .where('category', '=', 'authority_statement')
      .execute();
    assert.equal(docs.length, 1, 'one statement document');
    assert.equal((await auditOf(c.id, 'authority.statement_submitted')).length, 1);
  });

  test('the use case under concurrent transactions: one expected version, one change; without it, a clean sequence', async () => {
    const { cases: useCases } = app.services;
    const number = await fileApplication(new WebClient(app.url), 'Parallel');
    const { id: caseId } = await db()
      .selectFrom('cases')
      .select('id')
      .where('case_number', '=', number)
      .executeTakeFirstOrThrow();
    const actor = { role: 'office_clerk' as const, id: clerkA.id };
    const started = await useCases.applyCommand({
      caseId,
      command: { type: 'startPreCheck' },
      actor,
      expectedVersion: 1,
    });
    assert.ok(started.ok);
    const review = {
      type: 'recordExclusionReview' as const,
      catalogueVersion: 'HFKVO-NRW-2020-10-14',
      mandatoryGrounds: [],
      asARuleGrounds: [],
      notes: [],
    };
    const N = 8;
    const withVersion = await Promise.all(
      Array.from({ length: N }, () =>
        useCases.applyCommand({ caseId, command: review, actor, expectedVersion: 2 }),
      ),
    );
    const kinds = withVersion.map((o) => (o.ok ? 'ok' : o.kind));
    assert.equal(kinds.filter((k) => k === 'ok').length, 1, `one applied: ${kinds}`);
    assert.equal(kinds.filter((k) => k === 'conflict').length, N - 1, `the others conflict: ${kinds}`);
    for (const o of withVersion) if (!o.ok && o.kind === 'conflict') assert.match(o.message, /inzwischen/);
    assert.equal((await caseRow(caseId)).version, 3);

    // Without an expected version (a session step that knows no form): each applies on top of the last.
    const free = await Promise.all(
      Array.from({ length: N }, () => useCases.applyCommand({ caseId, command: review, actor })),
    );
    assert.ok(
      free.every((o) => o.ok),
      JSON.stringify(free.map((o) => (o.ok ? 'ok' : o.kind))),
    );
    const versions = (await history(caseId)).map((h) => h.version);
    assert.deepEqual(
      versions,
      Array.from({ length: 3 + N }, (_, i) => i + 1),
      'history versions 1..n, no gap, no duplicate',
    );
    assert.equal((await caseRow(caseId)).version, 3 + N);
    assert.equal((await auditOf(caseId, 'case.ExclusionReviewRecorded')).length, 1 + N);
  });
});
