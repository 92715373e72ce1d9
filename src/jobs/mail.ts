import { z } from 'zod';
import type { Mailer } from '../application/ports.ts';
import { type JobHandler, PermanentJobError } from './worker.ts';

export const MAIL_JOB = 'mail.send';

const payloadSchema = z.object({
  to: z.array(z.email()).min(1),
  subject: z.string().min(1),
  text: z.string().min(1),
});

/** Sends one queued mail; the outbox row's idempotency key becomes the Message-ID. */
export function mailJobHandler(mailer: Mailer): JobHandler {
  return async (job) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError('invalid mail payload');
    await mailer.send({ ...parsed.data, idempotencyKey: job.idempotencyKey });
  };
}
