import { z } from 'zod';
import { ArchiveIntegrityError } from '../application/archive-package.ts';
import type { RetentionUseCases } from '../application/retention.ts';
import { type JobHandler, PermanentJobError } from './worker.ts';

export { RETENTION_DELETE_JOB } from '../application/retention.ts';

const payloadSchema = z.object({ caseId: z.uuid() });

/**
 * Deletes one approved case: archive package, rows, files. Any failure is retried by the outbox from
 * where it stopped; a document that no longer matches its checksum stops the deletion for good.
 */
export function retentionJobHandler(retention: Pick<RetentionUseCases, 'runDeletion'>): JobHandler {
  return async (job) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError('invalid retention payload');
    try {
      await retention.runDeletion(parsed.data.caseId, { idempotencyKey: job.idempotencyKey });
    } catch (error) {
      if (error instanceof ArchiveIntegrityError || (error as Error)?.name === 'ArchiveIntegrityError')
        throw new PermanentJobError('document checksum mismatch');
      throw error;
    }
  };
}
