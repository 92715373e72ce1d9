/**
 * The message thread on a real database: each message commits with its audit entry (and, from the
 * office, the notification mail without the text); reading marks the other side's messages read;
 * the unread marker of the case list follows.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.ts';
import { caseUseCases } from '../../application/cases.ts';
import { messageUseCases } from '../../application/messages.ts';
import type { Actor } from '../../domain/case/index.ts';
import { createSecretBox } from '../identity/secret-box.ts';
import { createStaffAccount } from '../identity/staff-accounts.ts';
import { caseFileReader } from './case-file-reader.ts';
import { messageStoreIn } from './message-store.ts';
import { createUnitOfWork } from './unit-of-work.ts';

const MASTER = `AGE-SECRET-KEY-1${'A'.repeat(58)}`;
let t: TestDatabase;
let now = new Date('2026-11-25T09:00:00Z');
const clock = { now: () => now };
const tick = () => {
  now = new Date(now.getTime() + 60_000);
};
let clerk: Actor;

before(async () => {
  t = await createTestDatabase();
  const created = await createStaffAccount(
    t.db,
    createSecretBox(MASTER),
    { email: 'gs@example.org', name: 'Jürgen Groß', role: 'office_clerk' },
    { role: 'system', id: 'test' },
  );
  assert.ok(created.ok);
  clerk = { role: 'office_clerk', id: created.userId };
});
after(() => t.close());

async function newCase(email: string | null) {
  const r = await caseUseCases({ uow: createUnitOfWork(t.db), clock }).receiveCase({
    caseId: randomUUID(),
    channel: 'online',
    actor: { role: 'applicant', id: 'draft:1' },
    profileId: 'nrw',
    authorityId: null,
    submissionKey: null,
  });
  if (!r.ok) throw new Error('no case');
  await t.db
    .insertInto('applications')
    .values({
      case_id: r.caseId,
      content: JSON.stringify({ representative: email ? { kind: 'person', email } : { kind: 'none' } }),
      language: 'de',
      submitted_at: now,
    })
    .execute();
  return r;
}

const uc = () => messageUseCases({ uow: createUnitOfWork(t.db), clock });
const applicant = (caseId: string): Actor => ({ role: 'representative', id: `draft:${caseId}` });
const audits = async (caseId: string) =>
  (
    await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'details'])
      .where('resource_id', '=', caseId)
      .where('action', '=', 'case.message_written')
      .orderBy('id')
      .execute()
  ).map((a) => ({ role: a.actor_role, direction: (a.details as { direction: string }).direction }));
const mails = async (caseNumber: string) =>
  (await t.db.selectFrom('outbox').select(['kind', 'payload']).where('kind', '=', 'mail.send').execute())
    .map(
      (r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
    )
    .filter((p) => String(p.subject).includes(caseNumber));

describe('message thread', () => {
  test('a conversation: written with audit, read marks, the list marker and a mail without the text', async () => {
    const c = await newCase('kanzlei@example.org');
    const reader = caseFileReader(t.db);
    const marker = async () => (await reader.inbox({ limit: 500 })).find((r) => r.caseId === c.caseId);

    const first = await uc().writeAsApplicant(applicant(c.caseId), c.caseId, '  Frage zur Frist\r\nbitte  ');
    assert.deepEqual(first && { ok: first.ok }, { ok: true });
    tick();
    await uc().writeAsApplicant(applicant(c.caseId), c.caseId, 'سؤال ثانٍ');
    assert.equal((await marker())?.unreadMessages, 2);
    const unreadOnly = await reader.inbox({ limit: 500, unreadMessages: true });
    assert.ok(unreadOnly.some((r) => r.caseId === c.caseId));
    assert.ok(unreadOnly.every((r) => r.unreadMessages > 0));

    tick();
    const seen = await uc().forOffice(clerk, c.caseId);
    assert.deepEqual(
      seen?.map((m) => [m.direction, m.authorRole, m.body, m.readAt]),
      [
        ['from_applicant', 'representative', 'Frage zur Frist\nbitte', null],
        ['from_applicant', 'representative', 'سؤال ثانٍ', null],
      ],
      'oldest first, trimmed with unified line breaks; shown as unread this once',
    );
    assert.equal((await marker())?.unreadMessages, 0, 'opened by the office: no longer unread');
    assert.equal(
      (await reader.inbox({ limit: 500, unreadMessages: true })).some((r) => r.caseId === c.caseId),
      false,
    );

    tick();
    const answer = await uc().writeAsOffice(clerk, c.caseId, 'Die Frist läuft bis zum 30.01.2027.');
    assert.equal(answer?.ok, true);
    const sent = await mails(c.caseNumber);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]?.to, ['kanzlei@example.org']);
    assert.match(String(sent[0]?.text), new RegExp(`neue Nachricht zu Ihrem Antrag ${c.caseNumber}`));
    assert.doesNotMatch(String(sent[0]?.text), /Frist läuft/, 'never the message itself');

    const thread = await uc().forApplicant(c.caseId);
    const last = thread.at(-1);
    assert.equal(last?.direction, 'from_office');
    assert.equal(last?.authorName, 'Jürgen Groß');
    assert.equal(last?.readAt, null, 'new to the applicant when first shown');
    assert.ok((await uc().forApplicant(c.caseId)).at(-1)?.readAt, 'read once shown');
    assert.deepEqual(await audits(c.caseId), [
      { role: 'representative', direction: 'from_applicant' },
      { role: 'representative', direction: 'from_applicant' },
      { role: 'office_clerk', direction: 'from_office' },
    ]);
  });

  test('empty, too long or broken text is refused and nothing is stored', async () => {
    const c = await newCase(null);
    const w = uc();
    assert.deepEqual(await w.writeAsApplicant(applicant(c.caseId), c.caseId, ' \n\t '), {
      ok: false,
      error: 'empty',
    });
    assert.deepEqual(await w.writeAsApplicant(applicant(c.caseId), c.caseId, undefined), {
      ok: false,
      error: 'empty',
    });
    assert.deepEqual(await w.writeAsOffice(clerk, c.caseId, 'x'.repeat(5001)), {
      ok: false,
      error: 'too_long',
    });
    assert.deepEqual(await w.writeAsApplicant(applicant(c.caseId), c.caseId, 'kaputt \uD800'), {
      ok: false,
      error: 'broken',
    });
    // 5000 characters beyond the basic plane are 10000 UTF-16 units, and allowed.
    assert.equal((await w.writeAsApplicant(applicant(c.caseId), c.caseId, '😀'.repeat(5000)))?.ok, true);
    const rows = await t.db
      .selectFrom('case_messages')
      .select('id')
      .where('case_id', '=', c.caseId)
      .execute();
    assert.equal(rows.length, 1);
    assert.equal((await audits(c.caseId)).length, 1);
    assert.equal((await mails(c.caseNumber)).length, 0, 'no address known: no mail');
  });

  test('only the office writes for the office; unknown cases and other roles get null', async () => {
    const c = await newCase(null);
    const w = uc();
    assert.equal(await w.writeAsOffice({ role: 'admin', id: clerk.id }, c.caseId, 'Hallo'), null);
    assert.equal(await w.writeAsOffice({ role: 'member', id: clerk.id }, c.caseId, 'Hallo'), null);
    assert.equal(
      await w.writeAsApplicant(clerk, c.caseId, 'Hallo'),
      null,
      'the office does not write as applicant',
    );
    assert.equal(await w.forOffice({ role: 'admin', id: clerk.id }, c.caseId), null);
    assert.equal(await w.writeAsOffice(clerk, randomUUID(), 'Hallo'), null);
    assert.equal(await w.writeAsOffice(clerk, 'not-a-uuid', 'Hallo'), null);
    assert.equal(await w.writeAsApplicant(applicant(c.caseId), randomUUID(), 'Hallo'), null);
    assert.deepEqual(await messageStoreIn(t.db).thread(c.caseId), []);
  });

  test('after the procedure ended the applicant can no longer write; the office still can', async () => {
    const c = await newCase(null);
    const cases = caseUseCases({ uow: createUnitOfWork(t.db), clock });
    const done = await cases.applyCommand({
      caseId: c.caseId,
      command: { type: 'withdraw' },
      actor: { role: 'applicant', id: 'draft:1' },
    });
    assert.equal(done.ok, true);
    assert.deepEqual(await uc().writeAsApplicant(applicant(c.caseId), c.caseId, 'Noch etwas'), {
      ok: false,
      error: 'closed',
    });
    assert.equal((await uc().writeAsOffice(clerk, c.caseId, 'Bestätigung der Rücknahme'))?.ok, true);
  });

  test('at most 20 messages of the applicant wait unread; once the office has read them, more are possible', async () => {
    const c = await newCase(null);
    for (let i = 1; i <= 20; i++)
      assert.equal((await uc().writeAsApplicant(applicant(c.caseId), c.caseId, `Nachricht ${i}`))?.ok, true);
    assert.deepEqual(await uc().writeAsApplicant(applicant(c.caseId), c.caseId, 'Nummer 21'), {
      ok: false,
      error: 'too_many',
    });
    assert.equal(await messageStoreIn(t.db).countUnread(c.caseId, 'from_applicant'), 20);
    await uc().forOffice(clerk, c.caseId);
    assert.equal(await messageStoreIn(t.db).countUnread(c.caseId, 'from_applicant'), 0);
    assert.equal((await uc().writeAsApplicant(applicant(c.caseId), c.caseId, 'Nummer 21'))?.ok, true);
  });

  test('a message belongs to one case: another case does not see it', async () => {
    const a = await newCase(null);
    const b = await newCase(null);
    await uc().writeAsApplicant(applicant(a.caseId), a.caseId, 'Nur für Fall A');
    assert.deepEqual(await uc().forApplicant(b.caseId), []);
    assert.equal((await uc().forApplicant(a.caseId)).length, 1);
  });
});
