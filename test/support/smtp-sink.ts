/** A real SMTP server on loopback that keeps every mail it receives, parsed (for end-to-end tests). */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  mails: { to: string[]; parsed: ParsedMail }[];
  /** Waits until a mail matches (or throws after `timeoutMs`). */
  waitFor(
    match: (mail: { to: string[]; parsed: ParsedMail }) => boolean,
    timeoutMs?: number,
  ): Promise<ParsedMail>;
  stop(): Promise<void>;
  /** While on, every mail is answered 451 (a server that is up but says "try later"). */
  setRefusing(on: boolean): void;
}

/**
 * `acceptDelayMs` holds each mail that long before the server answers 250 (a slow mail server), so a
 * sender killed meanwhile has not seen the acceptance; a mail counts as received once it is accepted.
 */
export async function startSmtpSink(
  options: { acceptDelayMs?: number; port?: number; refuse?: boolean } = {},
): Promise<SmtpSink> {
  const delay = options.acceptDelayMs ?? 0;
  let refusing = options.refuse ?? false;
  const mails: SmtpSink['mails'] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onMailFrom(_address, _session, callback) {
      if (!refusing) return callback();
      return callback(Object.assign(new Error('Bitte später erneut versuchen'), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            const accept = () => {
              mails.push({ to, parsed });
              callback();
            };
            if (delay > 0) setTimeout(accept, delay);
            else accept();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  // A sender killed mid-conversation resets its connection; that is the sender's problem, not the sink's.
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(match, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find(match);
        if (found) return found.parsed;
        if (Date.now() > until) throw new Error('no such mail arrived');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
    setRefusing(on) {
      refusing = on;
    },
  };
}
