import { z } from 'zod';
import { issueReceipt, type ReceiptDeps } from '../application/receipts.ts';
import { type JobHandler, PermanentJobError } from './worker.ts';

export { RECEIPT_JOB_KIND as RECEIPT_JOB } from '../application/submission.ts';

const payloadSchema = z.object({ caseId: z.uuid() });

/** Renders, stores and mails the receipt of a filed application. */
export function receiptJobHandler(deps: ReceiptDeps): JobHandler {
  return async (job) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError('invalid receipt payload');
    const outcome = await issueReceipt(deps, parsed.data.caseId, job.idempotencyKey);
    if (outcome === 'no_case') throw new PermanentJobError('case not found');
  };
}
