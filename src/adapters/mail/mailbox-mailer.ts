import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { OutgoingMail } from '../../application/ports.ts';
import { fsyncDir } from '../durable-fs.ts';
import { type ClosableMailer, hashKey, messageIdFor, toMessage } from './message.ts';

const TMP_PREFIX = '.tmp-';

/** 20261125T101500Z: sortable, and free of characters some file systems reject. */
function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Mailer for the embedded default: each mail becomes one .eml file in a local folder. */
export function createMailboxMailer(
  dir: string,
  from: string,
  now: () => Date = () => new Date(),
): ClosableMailer {
  // Same-key sends in this process are serialised; across processes the outbox claims each job only once.
  const inFlight = new Map<string, Promise<{ messageId: string }>>();
  let ready: Promise<unknown> | undefined;

  async function write(mail: OutgoingMail, hash: string): Promise<{ messageId: string }> {
    const message = toMessage(mail, from);
    ready ??= mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    await ready;
    const messageId = messageIdFor(mail.idempotencyKey, from);
    // The hash is in the file name, so "already sent" is a directory lookup; the time varies per attempt.
    const suffix = `-${hash}.eml`;
    if ((await readdir(dir)).some((name) => name.endsWith(suffix) && !name.startsWith(TMP_PREFIX))) {
      return { messageId };
    }
    const date = now();
    const eml = await new MailComposer({ ...message, date }).compile().build();
    const finalPath = join(dir, `${stamp(date)}${suffix}`);
    const tmpPath = join(dir, `${TMP_PREFIX}${randomBytes(8).toString('hex')}`);
    try {
      const handle = await open(tmpPath, 'wx', 0o600);
      try {
        await handle.writeFile(eml);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmpPath, finalPath);
    } catch (error) {
      await unlink(tmpPath).catch(() => undefined);
      throw error;
    }
    await fsyncDir(dir);
    return { messageId };
  }

  return {
    send(mail: OutgoingMail) {
      const hash = hashKey(mail.idempotencyKey).slice(0, 32);
      const pending = inFlight.get(hash) ?? write(mail, hash).finally(() => inFlight.delete(hash));
      inFlight.set(hash, pending);
      return pending;
    },
    async close() {
      await Promise.allSettled(inFlight.values());
    },
  };
}
