import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { OutgoingMail } from '../../application/ports.ts';
import { createSmtpMailer } from './smtp-mailer.ts';

const FROM = 'Härtefallkommission NRW <geschaeftsstelle@hfk.nrw.example>';
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80]),
  Buffer.alloc(5000, 7),
]);

interface Received {
  raw: Buffer;
  rcptTo: string[];
}

async function startServer(port = 0): Promise<{ server: SMTPServer; port: number; inbox: Received[] }> {
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
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address() as AddressInfo;
  return { server, port: address.port, inbox };
}

function stop(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function mail(overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  return {
    to: ['antragstellerin@example.org'],
    subject: 'Eingangsbestätigung Ihres Härtefallersuchens – Aktenzeichen HFK-2026-0042',
    text: 'Sehr geehrte Frau Öztürk,\n\nwir haben Ihr Ersuchen erhalten. Grüße aus Düsseldorf.\n',
    attachments: [{ filename: 'Eingangsbestätigung.pdf', contentType: 'application/pdf', content: PDF }],
    idempotencyKey: 'outbox:receipt:0f8e7d6c',
    ...overrides,
  };
}

const expectedMessageId = (key: string) =>
  `<${createHash('sha256').update(key).digest('hex')}@hfk.nrw.example>`;

describe('SMTP mailer', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('delivers German subject, text and a PDF attachment with a Message-ID derived from the key', async () => {
    const { server, port, inbox } = await startServer();
    cleanups.push(() => stop(server));
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, FROM);
    cleanups.push(() => mailer.close());

    const sent = await mailer.send(mail());
    assert.equal(sent.messageId, expectedMessageId('outbox:receipt:0f8e7d6c'));
    assert.equal(inbox.length, 1);
    const received = inbox[0];
    assert.ok(received);
    assert.deepEqual(received.rcptTo, ['antragstellerin@example.org']);

    const parsed = await simpleParser(received.raw);
    assert.equal(parsed.subject, mail().subject);
    assert.equal(parsed.text, mail().text);
    assert.equal(parsed.messageId, sent.messageId);
    assert.equal(parsed.attachments.length, 1);
    const attachment = parsed.attachments[0];
    assert.ok(attachment);
    assert.equal(attachment.filename, 'Eingangsbestätigung.pdf');
    assert.equal(attachment.contentType, 'application/pdf');
    assert.ok(attachment.content.equals(PDF));
  });

  it('keeps the same Message-ID when the same mail is sent again', async () => {
    const { server, port, inbox } = await startServer();
    cleanups.push(() => stop(server));
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, FROM);
    cleanups.push(() => mailer.close());

    const first = await mailer.send(mail({ attachments: [] }));
    const second = await mailer.send(mail({ attachments: [] }));
    const other = await mailer.send(mail({ attachments: [], idempotencyKey: 'outbox:receipt:other' }));
    assert.equal(first.messageId, second.messageId);
    assert.notEqual(first.messageId, other.messageId);
    const ids = await Promise.all(inbox.map(async (r) => (await simpleParser(r.raw)).messageId));
    assert.deepEqual(ids, [first.messageId, first.messageId, other.messageId]);
  });

  it('does not let a line break in the subject inject headers or recipients', async () => {
    const { server, port, inbox } = await startServer();
    cleanups.push(() => stop(server));
    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, FROM);
    cleanups.push(() => mailer.close());

    await mailer.send(mail({ subject: 'Hallo\r\nBcc: evil@attacker.example\r\n\r\nboo', attachments: [] }));
    const received = inbox[0];
    assert.ok(received);
    assert.deepEqual(received.rcptTo, ['antragstellerin@example.org']);
    const parsed = await simpleParser(received.raw);
    assert.equal(parsed.bcc, undefined);
    assert.ok(!parsed.headers.has('bcc'));
  });

  it('rejects while the server is down and succeeds once it is back', async () => {
    // Reserve a free port, then free it so nothing listens there.
    const probe = await startServer();
    const port = probe.port;
    await stop(probe.server);

    const mailer = createSmtpMailer(`smtp://127.0.0.1:${port}`, FROM);
    cleanups.push(() => mailer.close());
    await assert.rejects(mailer.send(mail()));
    await assert.rejects(mailer.send(mail()));

    const { server, inbox } = await startServer(port);
    cleanups.push(() => stop(server));
    const sent = await mailer.send(mail());
    assert.equal(sent.messageId, expectedMessageId('outbox:receipt:0f8e7d6c'));
    assert.equal(inbox.length, 1);
  });
});
