import { createMailboxMailer } from './mailbox-mailer.ts';
import type { ClosableMailer } from './message.ts';
import { createSmtpMailer } from './smtp-mailer.ts';

export { createMailboxMailer } from './mailbox-mailer.ts';
export type { ClosableMailer } from './message.ts';
export { createSmtpMailer } from './smtp-mailer.ts';

/** SMTP when a server is configured, otherwise the local mailbox folder of the embedded default. */
export function createMailer(config: { smtpUrl?: string; mailDir: string; from: string }): ClosableMailer {
  const smtpUrl = config.smtpUrl?.trim();
  return smtpUrl ? createSmtpMailer(smtpUrl, config.from) : createMailboxMailer(config.mailDir, config.from);
}
