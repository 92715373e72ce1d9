/**
 * S9 – audit. A real run (application filed, the clerk opens the case file, downloads, takes a step,
 * writes a note) leaves who/when/what for each read, download and transition, in one hash chain.
 * A row altered directly in the database (the actor of a download replaced, a row deleted, a row
 * forged together with its own hash) is found by `verifyAuditChain` and by the operators' command
 * `npm run cli -- audit verify`, which names the first bad row and exits 1.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { auditHash, verifyAuditChain } from '../../src/adapters/db/audit-log.ts';
import { openDatabase } from '../../src/adapters/db/connect.ts';
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
  waitForReceipt,
} from './support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('S9 audit chain', () => {
  let sec: SecurityApp;
  let clerk: StaffUser;
  let other: StaffUser;
  let caseId: string;
  before(async () => {
    sec = await startSecurityApp();
    const { caseNumber } = await fileApplicationWith(new WebClient(sec.url), {}, [
      { item: 'medical_report', name: 'Befund.pdf', type: 'application/pdf', bytes: await pdfkitLetter() },
    ]);
    caseId = await caseIdOf(sec.database, caseNumber);
    await waitForReceipt(sec.database, caseId);
    clerk = await createStaffUser(
      sec.database,
      { email: 'audit-clerk@example.org', name: 'Prüfung', role: 'office_clerk' },
      { masterKey: sec.masterKey },
    );
    other = await createStaffUser(
      sec.database,
      { email: 'audit-other@example.org', name: 'Andere', role: 'office_clerk' },
      { masterKey: sec.masterKey },
    );
  });
  after(() => sec?.close());

  /** `npm run cli -- audit verify` against this test's database (a copy of it, for PGlite). */
  async function cliVerify(): Promise<{ status: number | null; out: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'hfk-audit-cli-'));
    try {
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        DATA_DIR: dir,
        LOG_LEVEL: 'silent',
      };
      if (sec.database.url) env.DATABASE_URL = sec.database.url;
      else {
        // PGlite has one process per directory: the CLI gets a copy of the in-memory database on disk.
        delete env.DATABASE_URL;
        const dump = await sec.database.pglite?.dumpDataDir('gzip');
        assert.ok(dump);
        const copy = await openDatabase({ pgliteDir: join(dir, 'db'), loadDataDir: dump });
        await copy.close();
      }
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'audit', 'verify'], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
      });
      return { status: run.status, out: run.stdout + run.stderr };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('every read of the case file, every download and every transition is recorded: who, when, what', async () => {
    const web = await loginStaff(new WebClient(sec.url), clerk);
    const started = new Date(Date.now() - 1000);
    const file = await web.get(`/geschaeftsstelle/faelle/${caseId}`);
    assert.equal(file.status, 200);
    const docs = await sec.database.db
      .selectFrom('documents')
      .select('id')
      .where('case_id', '=', caseId)
      .execute();
    for (const doc of docs)
      assert.equal(
        (await web.download(`/geschaeftsstelle/faelle/${caseId}/dokumente/${doc.id}`)).status,
        200,
      );
    const step =
      /action="(\/geschaeftsstelle\/faelle\/[^"]+\/schritte\/[A-Za-z]+)"/.exec(file.body)?.[1] ?? '';
    const version = /name="version" value="(\d+)"/.exec(file.body)?.[1] ?? '';
    const stepped = await web.post(step, { _csrf: csrfOf(file.body), version });
    assert.equal(stepped.status, 303, stepped.body.slice(0, 300));
    assert.equal((await web.get(`/geschaeftsstelle/faelle/${caseId}`)).status, 200);

    const rows = await sec.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('resource_id', '=', caseId)
      .where('actor_id', '=', clerk.id)
      .orderBy('id')
      .execute();
    const actions = rows.map((r) => r.action);
    assert.equal(actions.filter((a) => a === 'case_file.viewed').length, 2, actions.join(', '));
    assert.equal(actions.filter((a) => a === 'document.downloaded').length, docs.length, actions.join(', '));
    const downloaded = rows
      .filter((r) => r.action === 'document.downloaded')
      .map((r) => r.details.documentId);
    assert.deepEqual(downloaded.sort(), docs.map((d) => d.id).sort(), 'each download names its document');
    const transitions = rows.filter((r) => !['case_file.viewed', 'document.downloaded'].includes(r.action));
    assert.ok(transitions.length >= 1, `the step is audited: ${actions.join(', ')}`);
    for (const r of rows) {
      assert.equal(r.actor_role, 'office_clerk');
      assert.equal(r.resource_type, 'case');
      assert.ok(new Date(r.at) >= started && new Date(r.at) <= new Date(), 'when');
    }
    const history = await sec.database.db
      .selectFrom('case_history')
      .select('event_type')
      .where('case_id', '=', caseId)
      .execute();
    assert.ok(history.length >= 2, 'the transition is in the history too');
    assert.deepEqual(await verifyAuditChain(sec.database.db), {
      ok: true,
      rows: Number(
        (await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(sec.database.db)).rows[0]?.n,
      ),
    });
  });

  test('a download attributed to someone else is detected by the function and by the command (names the row, exit 1)', async () => {
    const row = await sec.database.db
      .selectFrom('audit_log')
      .select(['id', 'actor_id'])
      .where('action', '=', 'document.downloaded')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // (The command on an untouched chain: exit 0, covered with the first test's function check; each
    // run of the command on PGlite costs about 15 s, so it runs once here.)

    await sql`UPDATE audit_log SET actor_id = ${other.id} WHERE id = ${row.id}`.execute(sec.database.db);
    const verdict = await verifyAuditChain(sec.database.db);
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.firstBadId, String(row.id));
    assert.equal(!verdict.ok && verdict.reason, 'content_changed');
    const caught = await cliVerify();
    assert.equal(caught.status, 1, caught.out);
    assert.match(
      caught.out,
      new RegExp(`VERÄNDERT: erste betroffene Zeile id=${row.id} \\(Inhalt verändert\\)`),
    );

    await sql`UPDATE audit_log SET actor_id = ${row.actor_id} WHERE id = ${row.id}`.execute(sec.database.db);
    assert.equal((await verifyAuditChain(sec.database.db)).ok, true, 'restored, the chain is whole again');
  });

  test('a forged row with a recomputed hash, and a deleted row, break the link to the next row', async () => {
    const rows = await sec.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const viewed = rows.findIndex((r) => r.action === 'case_file.viewed');
    const target = rows[viewed];
    const next = rows[viewed + 1];
    assert.ok(target && next, 'a view with a row after it');
    // The forger rewrites the row and its own hash consistently; only the successor still points to the old hash.
    const forged = {
      at: new Date(target.at),
      actor_role: target.actor_role,
      actor_id: other.id,
      action: target.action,
      resource_type: target.resource_type,
      resource_id: target.resource_id,
      details: target.details,
    };
    await sql`UPDATE audit_log SET actor_id = ${other.id}, hash = ${auditHash(target.prev_hash, forged)} WHERE id = ${target.id}`.execute(
      sec.database.db,
    );
    const verdict = await verifyAuditChain(sec.database.db);
    assert.deepEqual(
      { ok: verdict.ok, id: !verdict.ok && verdict.firstBadId, reason: !verdict.ok && verdict.reason },
      { ok: false, id: String(next.id), reason: 'link_broken' },
    );
    await sql`UPDATE audit_log SET actor_id = ${target.actor_id}, hash = ${target.hash} WHERE id = ${target.id}`.execute(
      sec.database.db,
    );
    assert.equal((await verifyAuditChain(sec.database.db)).ok, true);

    await sql`DELETE FROM audit_log WHERE id = ${target.id}`.execute(sec.database.db);
    const gone = await verifyAuditChain(sec.database.db);
    assert.equal(!gone.ok && gone.reason, 'link_broken');
    assert.equal(!gone.ok && gone.firstBadId, String(next.id));
  });
});
