import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import type { OutgoingMail } from '../../application/ports.ts';
import { createMailer } from './index.ts';
import { createMailboxMailer } from './mailbox-mailer.ts';

const FROM = 'Härtefallkommission NRW <geschaeftsstelle@hfk.nrw.example>';
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from([0, 0xff, 0x80, 0x0d, 0x0a]),
  Buffer.alloc(3000, 9),
]);
const FIXED_NOW = () => new Date('2026-11-25T10:15:00.123Z');

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: ['mustafa.oeztuerk@example.org'],
    subject: 'Eingangsbestätigung Ihres Härtefallersuchens',
    text: 'Sehr geehrter Herr Öztürk,\n\nIhr Ersuchen ist eingegangen.\n',
    attachments: [{ filename: 'Eingangsbestätigung.pdf', contentType: 'application/pdf', content: PDF }],
    idempotencyKey: 'outbox:receipt:HFK-2026-0042',
    ...overrides,
  };
}

describe('mailbox mailer', () => {
  const dirs: string[] = [];
  const newDir = async () => {
    const base = await mkdtemp(join(tmpdir(), 'hfk-mailbox-'));
    dirs.push(base);
    return join(base, 'mail', 'out');
  };
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('writes one .eml that parses back, named by time and key hash only', async () => {
    const dir = await newDir();
    const mailer = createMailboxMailer(dir, FROM, FIXED_NOW);
    const sent = await mailer.send(mail());

    const hash = createHash('sha256').update('outbox:receipt:HFK-2026-0042').digest('hex');
    assert.equal(sent.messageId, `<${hash}@hfk.nrw.example>`);
    const files = await readdir(dir);
    assert.deepEqual(files, [`20261125T101500Z-${hash.slice(0, 32)}.eml`]);
    const name = files[0] ?? '';
    for (const personal of ['oeztuerk', 'HFK-2026', 'Eingang']) assert.ok(!name.includes(personal));

    const parsed = await simpleParser(await readFile(join(dir, name)));
    assert.equal(parsed.subject, 'Eingangsbestätigung Ihres Härtefallersuchens');
    assert.equal(parsed.text, mail().text);
    assert.equal(parsed.messageId, sent.messageId);
    assert.equal(parsed.date?.toISOString(), '2026-11-25T10:15:00.000Z');
    const attachment = parsed.attachments[0];
    assert.ok(attachment);
    assert.equal(attachment.filename, 'Eingangsbestätigung.pdf');
    assert.ok(attachment.content.equals(PDF));
  });

  it('is idempotent on the key, also for concurrent and later retries', async () => {
    const dir = await newDir();
    let clock = new Date('2026-11-25T10:15:00Z').getTime();
    const tick = () => {
      clock += 1000;
      return new Date(clock);
    };
    const mailer = createMailboxMailer(dir, FROM, tick);

    const results = await Promise.all([mailer.send(mail()), mailer.send(mail()), mailer.send(mail())]);
    const later = await mailer.send(mail());
    // A fresh instance (a restarted worker) must also see the earlier file.
    const restarted = await createMailboxMailer(dir, FROM).send(mail());
    assert.equal(new Set([...results, later, restarted].map((r) => r.messageId)).size, 1);
    assert.equal((await readdir(dir)).length, 1);

    const other = await mailer.send(mail({ idempotencyKey: 'outbox:receipt:HFK-2026-0043' }));
    assert.notEqual(other.messageId, later.messageId);
    const files = await readdir(dir);
    assert.equal(files.length, 2);
    assert.ok(
      files.every((f) => /^\d{8}T\d{6}Z-[0-9a-f]{32}\.eml$/.test(f)),
      'no temp files left',
    );
  });

  it('createMailer falls back to the mailbox without an SMTP URL', async () => {
    const dir = await newDir();
    const mailer = createMailer({ mailDir: dir, from: FROM, smtpUrl: '  ' });
    await mailer.send(mail({ attachments: [] }));
    await mailer.close();
    assert.equal((await readdir(dir)).length, 1);
  });

  it('rejects a mail without recipients and writes nothing', async () => {
    const dir = await newDir();
    const mailer = createMailboxMailer(dir, FROM);
    await assert.rejects(mailer.send(mail({ to: [] })));
    await assert.rejects(readdir(dir), { code: 'ENOENT' });
  });
});
