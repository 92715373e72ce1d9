/**
 * The outbox end to end: jobs queued in a transaction, claimed by the worker, sent by the
 * mail.send handler over a real SMTP server (smtp-server on loopback) or into the mailbox folder.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { type DatabaseHandle, openDatabase } from '../../src/adapters/db/connect.ts';
import { createOutboxQueue, enqueueJob } from '../../src/adapters/db/outbox-store.ts';
import { type ClosableMailer, createMailboxMailer, createSmtpMailer } from '../../src/adapters/mail/index.ts';
import { MAIL_JOB, mailJobHandler } from '../../src/jobs/mail.ts';
import { createWorker, type Worker, type WorkerLog } from '../../src/jobs/worker.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const FROM = 'Härtefallkommission NRW <geschaeftsstelle@hfk.nrw.example>';
const TO = 'gueluem.oeztuerk@example.org';
const SUBJECT = 'Eingangsbestätigung: Ihr Härtefallersuchen für Frau Öztürk ist eingegangen';
const TEXT = 'Sehr geehrte Frau Öztürk,\n\nwir haben Ihr Ersuchen erhalten. Grüße aus Düsseldorf.\n';
const TEST_TIMEOUT = 30_000;

const expectedMessageId = (key: string) =>
  `<${createHash('sha256').update(key, 'utf8').digest('hex')}@hfk.nrw.example>`;

// ---------------------------------------------------------------------------------------------
// A real SMTP server on 127.0.0.1 with an ephemeral port.

interface Received {
  raw: Buffer;
  rcptTo: string[];
}

interface Smtp {
  server: SMTPServer;
  port: number;
  inbox: Received[];
  stop(): Promise<void>;
}

async function startSmtp(port = 0, delayMs = 0): Promise<Smtp> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({ raw: Buffer.concat(chunks), rcptTo: session.envelope.rcptTo.map((r) => r.address) });
        setTimeout(() => callback(), delayMs);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  let stopped: Promise<void> | undefined;
  return {
    server,
    port: (server.server.address() as AddressInfo).port,
    inbox,
    stop: () => {
      stopped ??= new Promise((resolve) => server.close(() => resolve()));
      return stopped;
    },
  };
}

async function messageIds(inbox: Received[]): Promise<string[]> {
  return Promise.all(inbox.map(async (r) => (await simpleParser(r.raw)).messageId ?? '(keine)'));
}

// ---------------------------------------------------------------------------------------------
// Per-test resources, always released.

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

async function database(): Promise<TestDatabase> {
  const t = await createTestDatabase();
  cleanups.push(() => t.close());
  return t;
}

async function smtp(port = 0, delayMs = 0): Promise<Smtp> {
  const s = await startSmtp(port, delayMs);
  cleanups.push(() => s.stop());
  return s;
}

function smtpMailer(port: number): ClosableMailer {
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, FROM);
  cleanups.push(() => mailer.close());
  return mailer;
}

/** Records what the worker logs, so the tests can check no personal data reaches the log. */
function recordingLog(): WorkerLog & {
  entries: { level: string; obj: Record<string, unknown>; msg: string }[];
} {
  const entries: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  return {
    entries,
    info: (obj, msg) => entries.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => entries.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => entries.push({ level: 'error', obj, msg }),
  };
}

function mailWorker(
  db: DatabaseHandle,
  mailer: ClosableMailer,
  options: { log?: WorkerLog; batchSize?: number } = {},
): Worker {
  const worker = createWorker({
    queue: createOutboxQueue(db.db),
    handlers: { [MAIL_JOB]: mailJobHandler(mailer) },
    log: options.log ?? recordingLog(),
    pollMs: 50,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
  });
  cleanups.push(() => worker.stop());
  return worker;
}

function mailJob(key: string, overrides: Partial<{ to: string[]; subject: string; text: string }> = {}) {
  return {
    kind: MAIL_JOB,
    payload: { to: [TO], subject: SUBJECT, text: TEXT, ...overrides },
    idempotencyKey: key,
  };
}

async function queueCommitted(db: DatabaseHandle, ...jobs: ReturnType<typeof mailJob>[]): Promise<void> {
  await db.db.transaction().execute(async (trx) => {
    for (const job of jobs) await enqueueJob(trx, job);
  });
}

async function row(db: DatabaseHandle, key: string) {
  return db.db
    .selectFrom('outbox')
    .select(['id', 'status', 'attempts', 'last_error', 'done_at'])
    .where('idempotency_key', '=', key)
    .executeTakeFirstOrThrow();
}

async function makeDue(db: DatabaseHandle, key: string): Promise<void> {
  await sql`UPDATE outbox SET run_after = now() - interval '1 second' WHERE idempotency_key = ${key}`.execute(
    db.db,
  );
}

/** Reserves a loopback port on which nothing listens afterwards. */
async function closedPort(): Promise<number> {
  const probe = await startSmtp();
  await probe.stop();
  return probe.port;
}

// ---------------------------------------------------------------------------------------------

describe('outbox → mail.send → SMTP', () => {
  test('(a) a mail queued in a committed transaction is delivered exactly once', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const t = await database();
    const server = await smtp();
    const log = recordingLog();
    const worker = mailWorker(t, smtpMailer(server.port), { log });
    const key = 'outbox:receipt:HFK-2026-00042';

    await queueCommitted(t, mailJob(key));
    assert.equal(server.inbox.length, 0, 'nothing is sent before the worker runs');
    assert.equal(await worker.runOnce(), 1);

    assert.equal(server.inbox.length, 1);
    const received = server.inbox[0];
    assert.ok(received);
    assert.deepEqual(received.rcptTo, [TO]);
    const parsed = await simpleParser(received.raw);
    assert.equal(parsed.subject, SUBJECT);
    assert.equal(parsed.text, TEXT);
    assert.equal(parsed.messageId, expectedMessageId(key));
    assert.ok(
      !received.raw.toString('latin1').includes('HFK-2026-00042'),
      'the raw key never leaves the system',
    );

    const settled = await row(t, key);
    assert.equal(settled.status, 'done');
    assert.equal(settled.attempts, 1);
    assert.equal(settled.last_error, null);
    assert.ok(settled.done_at);

    assert.equal(await worker.runOnce(), 0, 'a second round finds nothing to do');
    assert.equal(server.inbox.length, 1, 'and sends nothing more');
    assert.deepEqual(log.entries, []);
  });

  test('(b) a mail queued in a transaction that rolls back is never sent', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const t = await database();
    const server = await smtp();
    const worker = mailWorker(t, smtpMailer(server.port));

    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, mailJob('outbox:rolled-back'));
        throw new Error('Fachliche Prüfung fehlgeschlagen');
      }),
      /Fachliche Prüfung/,
    );
    assert.equal(await worker.runOnce(), 0);
    assert.equal(server.inbox.length, 0);
    const rows = await t.db.selectFrom('outbox').select('id').execute();
    assert.equal(rows.length, 0);
  });

  test('(c) with the SMTP server down the job is retried without personal data, then delivered once', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const t = await database();
    const port = await closedPort();
    const log = recordingLog();
    const worker = mailWorker(t, smtpMailer(port), { log });
    const key = 'outbox:receipt:HFK-2026-00043';

    await queueCommitted(t, mailJob(key));
    assert.equal(await worker.runOnce(), 1);

    const failed = await row(t, key);
    assert.equal(failed.status, 'pending');
    assert.equal(failed.attempts, 1);
    assert.ok(failed.last_error, 'the failure is recorded');
    // Only the error class and code, e.g. "Error (ESOCKET)".
    assert.match(failed.last_error, /^[A-Za-z]+( \([A-Z0-9_.]+\))?$/);
    for (const personal of [TO, 'oeztuerk', 'Öztürk', 'Eingangsbestätigung', 'HFK-2026', '127.0.0.1']) {
      assert.ok(!failed.last_error.includes(personal), `last_error contains ${personal}`);
    }
    const logged = JSON.stringify(log.entries);
    assert.equal(log.entries.length, 1);
    assert.equal(log.entries[0]?.level, 'warn');
    for (const personal of [TO, 'oeztuerk', 'Öztürk', 'Eingangsbestätigung', 'HFK-2026']) {
      assert.ok(!logged.includes(personal), `log contains ${personal}`);
    }

    // The server comes back; the backoff still holds the job.
    const server = await smtp(port);
    assert.equal(await worker.runOnce(), 0, 'not before the backoff has passed');
    assert.equal(server.inbox.length, 0);

    await makeDue(t, key);
    assert.equal(await worker.runOnce(), 1);
    assert.equal(server.inbox.length, 1);
    assert.deepEqual(await messageIds(server.inbox), [expectedMessageId(key)]);
    const done = await row(t, key);
    assert.equal(done.status, 'done');
    assert.equal(done.attempts, 2);
    assert.equal(done.last_error, null);

    await makeDue(t, key);
    assert.equal(await worker.runOnce(), 0);
    assert.equal(server.inbox.length, 1);
  });

  test('(d) a job of an unknown kind is retried, then marked failed after max_attempts', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const t = await database();
    const server = await smtp();
    const log = recordingLog();
    const worker = mailWorker(t, smtpMailer(server.port), { log });
    const key = 'outbox:letter:unknown-kind';

    await t.db
      .transaction()
      .execute((trx) =>
        enqueueJob(trx, { kind: 'letter.print', payload: { to: [TO] }, idempotencyKey: key }),
      );
    await sql`UPDATE outbox SET max_attempts = 3 WHERE idempotency_key = ${key}`.execute(t.db);

    for (const attempt of [1, 2]) {
      if (attempt > 1) await makeDue(t, key);
      assert.equal(await worker.runOnce(), 1);
      const r = await row(t, key);
      assert.equal(r.status, 'pending', `after attempt ${attempt}`);
      assert.equal(r.attempts, attempt);
      assert.equal(r.last_error, 'UnknownJobKind (letter.print)');
    }
    await makeDue(t, key);
    assert.equal(await worker.runOnce(), 1);
    const final = await row(t, key);
    assert.equal(final.status, 'failed');
    assert.equal(final.attempts, 3);
    assert.equal(final.last_error, 'UnknownJobKind (letter.print)');

    await makeDue(t, key);
    assert.equal(await worker.runOnce(), 0, 'a failed job is not claimed again');
    assert.deepEqual(
      log.entries.map((e) => e.level),
      ['warn', 'warn', 'error'],
    );
    assert.ok(!JSON.stringify(log.entries).includes(TO));
    assert.equal(server.inbox.length, 0);
  });

  test('(d2) a mail job with an invalid payload fails at once, without retries', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const t = await database();
    const server = await smtp();
    const log = recordingLog();
    const worker = mailWorker(t, smtpMailer(server.port), { log });
    const key = 'outbox:mail:invalid';
    await t.db
      .transaction()
      .execute((trx) =>
        enqueueJob(trx, { kind: 'mail.send', payload: { to: ['kein-at'] }, idempotencyKey: key }),
      );
    assert.equal(await worker.runOnce(), 1);
    const r = await row(t, key);
    assert.equal(r.status, 'failed');
    assert.equal(r.attempts, 1);
    assert.equal(r.last_error, 'PermanentJobError');
    assert.equal(server.inbox.length, 0);
  });

  test('(e) the same idempotency key enqueued twice leads to one delivery', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const t = await database();
    const server = await smtp();
    const worker = mailWorker(t, smtpMailer(server.port));
    const key = 'outbox:decision:HFK-2026-00044';

    // Twice in one transaction, and again in a later one (a retried request).
    await queueCommitted(t, mailJob(key), mailJob(key, { subject: 'Zweite Fassung' }));
    await queueCommitted(t, mailJob(key, { subject: 'Dritte Fassung' }));
    assert.equal(await worker.runOnce(), 1);
    assert.equal(await worker.runOnce(), 0);

    assert.equal(server.inbox.length, 1);
    const parsed = await simpleParser(server.inbox[0]?.raw ?? Buffer.alloc(0));
    assert.equal(parsed.messageId, expectedMessageId(key));
    assert.equal(parsed.subject, SUBJECT, 'the first queued version is the one sent');
  });

  test('(f) two workers over 20 queued mails deliver each exactly once', {
    timeout: TEST_TIMEOUT,
  }, async () => {
    const t = await database();
    // On PostgreSQL the second worker gets its own connection pool, as a second process would.
    let second: DatabaseHandle = t;
    if (t.url) {
      const own = await openDatabase({ databaseUrl: t.url, pgliteDir: 'memory://', poolSize: 3 });
      cleanups.push(() => own.close());
      second = own;
    }
    // A slow server keeps each worker busy, so both claim while the other is sending.
    const server = await smtp(0, 15);
    const keys = Array.from({ length: 20 }, (_, i) => `outbox:bulk:${String(i).padStart(2, '0')}`);
    await queueCommitted(t, ...keys.map((k) => mailJob(k, { to: [`person${k.slice(-2)}@example.org`] })));

    const workers = [
      mailWorker(t, smtpMailer(server.port), { batchSize: 4 }),
      mailWorker(second, smtpMailer(server.port), { batchSize: 4 }),
    ];
    const handled = [0, 0];
    await Promise.all(
      workers.map(async (worker, i) => {
        for (let round = 0; round < 20; round++) {
          const n = await worker.runOnce();
          if (n === 0) return;
          handled[i] = (handled[i] ?? 0) + n;
        }
      }),
    );

    const ids = await messageIds(server.inbox);
    const perId = new Map<string, number>();
    for (const id of ids) perId.set(id, (perId.get(id) ?? 0) + 1);
    const duplicates = [...perId].filter(([, n]) => n > 1);
    assert.deepEqual(duplicates, [], 'no mail delivered twice');
    assert.deepEqual([...perId.keys()].sort(), keys.map(expectedMessageId).sort(), 'every mail delivered');
    assert.equal(ids.length, 20);
    assert.equal((handled[0] ?? 0) + (handled[1] ?? 0), 20);
    assert.ok(
      (handled[0] ?? 0) > 0 && (handled[1] ?? 0) > 0,
      `both workers took part: ${handled.join(' + ')}`,
    );
    const statuses = await t.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('idempotency_key', 'like', 'outbox:bulk:%')
      .execute();
    assert.equal(statuses.length, 20);
    assert.ok(statuses.every((s) => s.status === 'done' && s.attempts === 1));

    for (const worker of workers) assert.equal(await worker.runOnce(), 0);
    assert.equal(server.inbox.length, 20);
  });
});

describe('outbox → mail.send → mailbox folder', () => {
  test('one .eml file per job, also when a sent job is run again', { timeout: TEST_TIMEOUT }, async () => {
    const t = await database();
    const base = await mkdtemp(join(tmpdir(), 'hfk-outbox-mailbox-'));
    cleanups.push(() => rm(base, { recursive: true, force: true }));
    const dir = join(base, 'mail');
    // Each send sees a later second, so a rewritten mail would get a new file name.
    let clock = Date.parse('2026-11-25T10:15:00Z');
    const tick = () => {
      clock += 1000;
      return new Date(clock);
    };
    const mailer = createMailboxMailer(dir, FROM, tick);
    cleanups.push(() => mailer.close());
    const worker = mailWorker(t, mailer);

    const keys = ['outbox:mailbox:1', 'outbox:mailbox:2', 'outbox:mailbox:3'];
    await queueCommitted(t, ...keys.map((k) => mailJob(k)), mailJob('outbox:mailbox:1'));
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        await enqueueJob(trx, mailJob('outbox:mailbox:rolled-back'));
        throw new Error('rollback');
      }),
    );
    assert.equal(await worker.runOnce(), 3);

    const files = (await readdir(dir)).sort();
    assert.equal(files.length, 3);
    assert.ok(files.every((f) => /^\d{8}T\d{6}Z-[0-9a-f]{32}\.eml$/.test(f)));
    const parsed = await Promise.all(files.map(async (f) => simpleParser(await readFile(join(dir, f)))));
    assert.deepEqual(parsed.map((p) => p.messageId).sort(), keys.map(expectedMessageId).sort());
    for (const p of parsed) assert.equal(p.subject, SUBJECT);

    // A worker that crashed after writing but before settling: the job comes back, no second file.
    await sql`UPDATE outbox SET status = 'pending', run_after = now() - interval '1 second'
              WHERE idempotency_key = ${keys[0]}`.execute(t.db);
    assert.equal(await worker.runOnce(), 1);
    assert.equal(await worker.runOnce(), 0);
    assert.deepEqual((await readdir(dir)).sort(), files);
  });
});
