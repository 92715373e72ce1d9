import { z } from 'zod';
import { issueLetter, type LetterDeps } from '../application/letters.ts';
import { type JobHandler, PermanentJobError } from './worker.ts';

export { LETTER_JOB_KIND as LETTER_JOB } from '../application/letters.ts';

const payloadSchema = z.object({
  caseId: z.uuid(),
  letter: z.string().min(1).max(64),
  version: z.int().min(1).optional(),
  requestId: z.uuid().optional(),
});

/** Writes, stores and (where the channel is mail) sends one letter of a case. */
export function letterJobHandler(deps: LetterDeps): JobHandler {
  return async (job) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError('invalid letter payload');
    const outcome = await issueLetter(deps, parsed.data, job.idempotencyKey);
    if (outcome === 'no_case') throw new PermanentJobError('case not found');
  };
}
