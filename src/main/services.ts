/** Wires the adapters into the ports that the worker and use cases need. */
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../adapters/db/connect.ts';
import { createOutboxQueue } from '../adapters/db/outbox-store.ts';
import { createMailer } from '../adapters/mail/index.ts';
import type { Config } from '../config/config.ts';
import { MAIL_JOB, mailJobHandler } from '../jobs/mail.ts';
import { createWorker, type Worker } from '../jobs/worker.ts';

export function createOutboxWorker(config: Config, database: DatabaseHandle, log: Logger) {
  const mailer = createMailer({
    ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
    mailDir: config.paths.mail,
    from: config.mailFrom,
  });
  const worker: Worker = createWorker({
    queue: createOutboxQueue(database.db),
    handlers: { [MAIL_JOB]: mailJobHandler(mailer) },
    log,
  });
  return {
    worker,
    async close() {
      await worker.stop();
      await mailer.close();
    },
  };
}
