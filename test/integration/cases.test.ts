import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { verifyAuditChain } from '../../src/adapters/db/audit-log.ts';
import { createUnitOfWork } from '../../src/adapters/db/unit-of-work.ts';
import { caseUseCases } from '../../src/application/cases.ts';
import type { UnitOfWork } from '../../src/application/ports.ts';
import type { Actor } from '../../src/domain/case/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

let t: TestDatabase;
let now = new Date('2026-11-25T09:00:00Z');
const clock = { now: () => now };
const clerk: Actor = { role: 'office_clerk', id: 'clerk-1' };
const head: Actor = { role: 'office_head', id: 'head-1' };

before(async () => {
  t = await createTestDatabase();
});
after(() => t.close());

const counts = async (caseId: string) => ({
  history: (await t.db.selectFrom('case_history').select('version').where('case_id', '=', caseId).execute())
    .length,
  audit: (await t.db.selectFrom('audit_log').select('id').where('resource_id', '=', caseId).execute()).length,
});

async function newCase(
  uc = caseUseCases({ uow: createUnitOfWork(t.db), clock }),
  channel: 'post' | 'online' = 'post',
) {
  const r = await uc.receiveCase({
    caseId: randomUUID(),
    channel,
    actor: clerk,
    profileId: 'nrw',
    authorityId: null,
    submissionKey: null,
  });
  assert.equal(r.ok, true);
  if (!r.ok) throw new Error('unreachable');
  return r;
}

test('a received case gets the next readable number, its first history row and an audit entry', async () => {
  const a = await newCase();
  const b = await newCase();
  assert.match(a.caseNumber, /^HFK-2026-\d{5}$/);
  assert.equal(Number(b.caseNumber.slice(-5)), Number(a.caseNumber.slice(-5)) + 1);
  assert.equal(a.snapshot.state, 'received');
  assert.deepEqual(await counts(a.caseId), { history: 1, audit: 1 });
  const row = await t.db.selectFrom('cases').selectAll().where('id', '=', a.caseId).executeTakeFirstOrThrow();
  assert.equal(row.state, 'received');
  assert.equal(row.version, 1);
  assert.equal(row.channel, 'post');
});

test('the same submission sent five times at once yields one case and one case number', async () => {
  const uc = caseUseCases({ uow: createUnitOfWork(t.db), clock });
  const key = `submission-${randomUUID()}`;
  const results = await Promise.all(
    Array.from({ length: 5 }, () =>
      uc.receiveCase({
        caseId: randomUUID(),
        channel: 'online',
        actor: { role: 'applicant', id: 'draft-1' },
        profileId: 'nrw',
        authorityId: null,
        submissionKey: key,
      }),
    ),
  );
  const numbers = new Set(results.map((r) => (r.ok ? r.caseNumber : 'refused')));
  assert.equal(numbers.size, 1);
  assert.ok(!numbers.has('refused'));
  const rows = await t.db.selectFrom('cases').select('id').where('submission_key', '=', key).execute();
  assert.equal(rows.length, 1);
});

test('a command moves the case and writes history and audit in the same transaction', async () => {
  const uc = caseUseCases({ uow: createUnitOfWork(t.db), clock });
  const c = await newCase(uc);
  now = new Date('2026-11-25T10:00:00Z');
  const r = await uc.applyCommand({
    caseId: c.caseId,
    command: { type: 'startPreCheck' },
    actor: clerk,
    expectedVersion: 1,
  });
  assert.equal(r.ok && r.snapshot.state, 'pre_check');
  assert.equal(r.ok && r.caseNumber, c.caseNumber);
  assert.deepEqual(await counts(c.caseId), { history: 2, audit: 2 });
  const history = await t.db
    .selectFrom('case_history')
    .select(['version', 'event_type', 'actor_role'])
    .where('case_id', '=', c.caseId)
    .orderBy('version')
    .execute();
  assert.deepEqual(history, [
    { version: 1, event_type: 'Received', actor_role: 'office_clerk' },
    { version: 2, event_type: 'PreCheckStarted', actor_role: 'office_clerk' },
  ]);
  assert.equal((await verifyAuditChain(t.db)).ok, true);
});

test('a refused command changes nothing and says why in German', async () => {
  const uc = caseUseCases({ uow: createUnitOfWork(t.db), clock });
  const c = await newCase(uc);
  await uc.applyCommand({ caseId: c.caseId, command: { type: 'startPreCheck' }, actor: clerk });
  const before = await counts(c.caseId);
  const refused = await uc.applyCommand({
    caseId: c.caseId,
    command: { type: 'reopen', reasons: 'x' },
    actor: head,
  });
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.kind, 'refused');
  assert.match(!refused.ok && refused.kind === 'refused' ? refused.error.message : '', /[äöüß]|nicht|Fall/);
  const wrongRole = await uc.applyCommand({
    caseId: c.caseId,
    command: { type: 'notTakeUp', reasons: 'Ausschlussgrund' },
    actor: { role: 'authority', id: 'abh-1' },
  });
  assert.equal(!wrongRole.ok && wrongRole.kind, 'refused');
  assert.deepEqual(await counts(c.caseId), before);
  const row = await t.db
    .selectFrom('cases')
    .select(['state', 'version'])
    .where('id', '=', c.caseId)
    .executeTakeFirst();
  assert.deepEqual(row, { state: 'pre_check', version: 2 });
});

test('unknown and malformed case ids are "not found"', async () => {
  const uc = caseUseCases({ uow: createUnitOfWork(t.db), clock });
  for (const id of [randomUUID(), "x' OR 1=1 --", '../etc']) {
    const r = await uc.applyCommand({ caseId: id, command: { type: 'startPreCheck' }, actor: clerk });
    assert.deepEqual(r, { ok: false, kind: 'not_found' });
  }
});

test('two staff changing the same case at once: one wins, the other is told it changed meanwhile', async () => {
  const uc = caseUseCases({ uow: createUnitOfWork(t.db), clock });
  const c = await newCase(uc);
  const [a, b] = await Promise.all([
    uc.applyCommand({
      caseId: c.caseId,
      command: { type: 'startPreCheck' },
      actor: clerk,
      expectedVersion: 1,
    }),
    uc.applyCommand({
      caseId: c.caseId,
      command: { type: 'withdraw', note: 'Antrag zurückgenommen' },
      actor: head,
      expectedVersion: 1,
    }),
  ]);
  const outcomes = [a, b].map((r) => (r.ok ? 'ok' : r.kind)).sort();
  assert.deepEqual(outcomes, ['conflict', 'ok']);
  const loser = [a, b].find((r) => !r.ok);
  assert.match(loser && !loser.ok && loser.kind === 'conflict' ? loser.message : '', /inzwischen/);
  assert.deepEqual(await counts(c.caseId), { history: 2, audit: 2 });
});

test('if any write of the use case fails, none of them is kept', async () => {
  const base = createUnitOfWork(t.db);
  const failingAudit: UnitOfWork = {
    run: (work) =>
      base.run((scope) =>
        work({
          ...scope,
          audit: {
            append: async () => {
              throw new Error('audit store unavailable');
            },
          },
        }),
      ),
  };
  const c = await newCase();
  const before = await counts(c.caseId);
  await assert.rejects(
    caseUseCases({ uow: failingAudit, clock }).applyCommand({
      caseId: c.caseId,
      command: { type: 'startPreCheck' },
      actor: clerk,
    }),
    /audit store unavailable/,
  );
  assert.deepEqual(await counts(c.caseId), before);
  const row = await t.db
    .selectFrom('cases')
    .select(['state', 'version'])
    .where('id', '=', c.caseId)
    .executeTakeFirst();
  assert.deepEqual(row, { state: 'received', version: 1 });
});
