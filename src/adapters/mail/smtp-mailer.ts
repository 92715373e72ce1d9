import nodemailer from 'nodemailer';
import type { OutgoingMail } from '../../application/ports.ts';
import { type ClosableMailer, toMessage } from './message.ts';

/** Mailer that hands mails to an SMTP server (smtp://, smtps://; credentials in the URL). */
export function createSmtpMailer(smtpUrl: string, from: string): ClosableMailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 2,
    // Fail fast instead of the 2-minute default so the outbox worker is not blocked and retries later.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // nodemailer's logger would print addresses and subjects, which are personal data.
    logger: false,
    debug: false,
  });
  return {
    async send(mail: OutgoingMail) {
      const info = await transport.sendMail(toMessage(mail, from));
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}
