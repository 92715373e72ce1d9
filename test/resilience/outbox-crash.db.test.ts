/**
 * R2 of the quality bar: the outbox worker (`npm run worker`, a separate process) SIGKILLed again and
 * again while it hands mails to a real, slow SMTP server, and mails queued in a transaction that
 * rolled back. The design (ADR 001) is at-least-once with a Message-ID derived from the job's
 * idempotency key: a worker killed after the server accepted a mail and before it settled the job
 * sends that mail again, with the same Message-ID, so the receiving side can drop the copy. The test
 * holds the design to exactly that: every mail arrives, each with its one Message-ID; copies only of
 * mails in flight at a kill (at most one per kill); none of the rolled-back ones; every job done.
 * Cycles: CRASH_CYCLES (default 3), mails: CRASH_MAILS (default 60, or 20 per cycle when more).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { migrate } from '../../src/adapters/db/migrate.ts';
import { enqueueJob } from '../../src/adapters/db/outbox-store.ts';
import { seedReferenceData } from '../../src/adapters/db/seed-reference.ts';
import { generateIdentity } from '../../src/adapters/files/age-blob-store.ts';
import { messageIdFor } from '../../src/adapters/mail/message.ts';
import { MAIL_JOB } from '../../src/jobs/mail.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { freshDatabase, type Installation, randomInt, sleep, startWorker } from './support/app-process.ts';
import { expireLeases, openInstallationDb } from './support/inspect.ts';

const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const MAILS = Number(process.env.CRASH_MAILS ?? Math.max(60, CYCLES * 20));
const FROM = 'Härtefallkommission NRW <noreply@hfk-crash.example>';
const DB = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {});
});

const mailJob = (key: string, n: number) => ({
  kind: MAIL_JOB,
  payload: {
    to: [`empfaenger${n}@example.org`],
    subject: `Mitteilung ${n}`,
    text: `Mitteilung Nummer ${n}.\n`,
  },
  idempotencyKey: key,
});

describe(`R2: the outbox worker killed while it sends mails (${DB})`, () => {
  test(`${CYCLES} kills, ${MAILS} mails: each arrives, copies only with the same Message-ID`, {
    timeout: 90_000 + CYCLES * 20_000,
  }, async (t) => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const dataDir = mkdtempSync(join(tmpdir(), 'hfk-outbox-crash-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // A slow mail server: each mail is accepted 40 ms after its data, so kills land mid-delivery.
    const sink = await startSmtpSink({ acceptDelayMs: 40 });
    cleanups.push(() => sink.stop());
    const inst: Installation = {
      dataDir,
      ...(database.url ? { databaseUrl: database.url } : {}),
      masterKey: await generateIdentity(),
      env: { SMTP_URL: sink.url, MAIL_FROM: FROM },
    };

    const keys = Array.from({ length: MAILS }, (_, i) => `crash:mail:${i}`);
    const rolledBack = Array.from({ length: 5 }, (_, i) => `crash:rolled-back:${i}`);
    const handle = await openInstallationDb(inst);
    try {
      await migrate(handle.db);
      await seedReferenceData(handle.db);
      await handle.db.transaction().execute(async (trx) => {
        for (const [n, key] of keys.entries()) await enqueueJob(trx, mailJob(key, n));
      });
      await assert.rejects(
        handle.db.transaction().execute(async (trx) => {
          for (const [n, key] of rolledBack.entries()) await enqueueJob(trx, mailJob(key, 1000 + n));
          throw new Error('Fachliche Prüfung fehlgeschlagen');
        }),
        /Fachliche Prüfung/,
      );
    } finally {
      await handle.close();
    }

    const expected = new Map(keys.map((k, n) => [messageIdFor(k, FROM), n]));
    const arrivedIds = () => new Set(sink.mails.map((m) => m.parsed.messageId));
    const kills: { cycle: number; afterMs: number; deliveredBefore: number }[] = [];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const worker = await startWorker(inst);
      cleanups.push(() => worker.kill());
      const afterMs = randomInt(100, 1500);
      await sleep(afterMs);
      kills.push({ cycle, afterMs, deliveredBefore: sink.mails.length });
      await worker.kill();
      // What the killed worker held comes back after its lease; here at once.
      await expireLeases(inst);
    }
    const worker = await startWorker(inst);
    cleanups.push(() => worker.kill());
    const deadline = Date.now() + 60_000;
    while ([...expected.keys()].some((id) => !arrivedIds().has(id))) {
      assert.ok(Date.now() < deadline, `mails missing: ${MAILS - arrivedIds().size}`);
      await sleep(100);
    }
    await sleep(500);
    assert.equal(await worker.stop(), 0, 'the worker shuts down cleanly');

    const perId = new Map<string, number>();
    for (const m of sink.mails)
      perId.set(m.parsed.messageId ?? '', (perId.get(m.parsed.messageId ?? '') ?? 0) + 1);
    for (const [id, n] of expected) {
      assert.ok(perId.has(id), `mail ${n} arrived`);
      const copies = sink.mails.filter((m) => m.parsed.messageId === id);
      assert.ok(
        copies.every(
          (m) => m.parsed.subject === `Mitteilung ${n}` && m.to.join() === `empfaenger${n}@example.org`,
        ),
        `mail ${n}: every copy is the same mail`,
      );
    }
    for (const key of rolledBack) assert.ok(!perId.has(messageIdFor(key, FROM)), 'rolled back: never sent');
    assert.deepEqual(
      [...perId.keys()].filter((id) => !expected.has(id)),
      [],
      'no mail that was not queued in a committed transaction',
    );
    const copies = sink.mails.length - perId.size;
    assert.ok(copies <= CYCLES, `at most one copy per kill (${copies} copies, ${CYCLES} kills)`);

    const db = await openInstallationDb(inst);
    try {
      const rows = await db.db
        .selectFrom('outbox')
        .select(['idempotency_key', 'status', 'attempts'])
        .where('kind', '=', MAIL_JOB)
        .execute();
      assert.equal(rows.length, MAILS, 'no job of the rolled-back transaction');
      assert.deepEqual(
        rows.filter((r) => r.status !== 'done').map((r) => r.idempotency_key),
        [],
        'every mail job is done',
      );
      const figures = {
        database: DB,
        kills: CYCLES,
        mails: MAILS,
        delivered: sink.mails.length,
        copiesSameMessageId: copies,
        jobsRetried: rows.filter((r) => r.attempts > 1).length,
        rolledBackSent: 0,
        lost: 0,
        killedAfter: kills.map((k) => `${k.afterMs}ms/${k.deliveredBefore}`),
      };
      t.diagnostic(`outbox crash: ${JSON.stringify(figures)}`);
    } finally {
      await db.close();
    }
  });
});
