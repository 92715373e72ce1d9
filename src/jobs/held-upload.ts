import { z } from 'zod';
import type { DraftUseCases } from '../application/drafts.ts';
import { VirusScannerUnavailableError } from '../application/ports.ts';
import { type JobHandler, PermanentJobError } from './worker.ts';

export { HELD_UPLOAD_JOB_KIND as HELD_UPLOAD_JOB } from '../application/drafts.ts';

const payloadSchema = z.object({
  draftId: z.string().min(1),
  uploadId: z.string().min(1),
  blobKey: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().min(1),
  fileName: z.string(),
  evidenceItem: z.string(),
});

/**
 * Scans an upload again that came in while the virus scanner was down: clean, it is filed like any
 * upload (in the draft, or in the case if the draft was submitted meanwhile); with malware, it is
 * deleted and audited. While the scanner is still down the job fails and the outbox retries it later.
 */
export function heldUploadJobHandler(drafts: Pick<DraftUseCases, 'acceptUpload'>): JobHandler {
  return async (job) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError('invalid held upload payload');
    const outcome = await drafts.acceptUpload(parsed.data, { rescan: true });
    if (!outcome.ok && outcome.code === 'scan_pending') throw new VirusScannerUnavailableError('unreachable');
  };
}
