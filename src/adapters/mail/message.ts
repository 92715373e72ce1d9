import { createHash } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import type { MailComposerOptions } from 'nodemailer/lib/mail-composer';
import type { Mailer, OutgoingMail } from '../../application/ports.ts';

/** A mailer that also releases its connections; the worker calls close() on shutdown. */
export interface ClosableMailer extends Mailer {
  close(): Promise<void>;
}

/** Hex SHA-256 of the idempotency key: keys may contain case numbers, so they never appear raw. */
export function hashKey(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('hex');
}

/** Domain of the sender address, so Message-IDs are unique to this installation. */
export function senderDomain(from: string): string {
  for (const entry of addressparser(from, { flatten: true })) {
    const at = entry.address?.lastIndexOf('@') ?? -1;
    const domain = at >= 0 ? entry.address?.slice(at + 1).trim() : undefined;
    if (domain && /^[A-Za-z0-9.-]+$/.test(domain)) return domain.toLowerCase();
  }
  return 'haertefall.local';
}

/** Message-ID derived from the idempotency key, so a retried send is recognisable downstream. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  return `<${hashKey(idempotencyKey)}@${senderDomain(from)}>`;
}

/** Maps the port's mail onto nodemailer's message options. */
export function toMessage(mail: OutgoingMail, from: string): MailComposerOptions {
  if (mail.to.length === 0) throw new Error('Mail ohne Empfänger');
  return {
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html === undefined ? {} : { html: mail.html }),
    attachments: (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
    messageId: messageIdFor(mail.idempotencyKey, from),
    // Content only ever comes as Buffers; nothing in a mail may make us read local files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
