/** The reminder a week before a request for documents is due — only while it is still open. */
import { z } from 'zod';
import { documentRequestMail } from '../../content/mails/de.ts';
import type { CaseContacts, DocumentRequestReader, Mailer } from '../application/ports.ts';
import { type JobHandler, PermanentJobError } from './worker.ts';

export { DOCUMENT_REQUEST_REMINDER } from '../application/case-file.ts';

const payloadSchema = z.object({ requestId: z.uuid() });

export function documentRequestReminderHandler(deps: {
  requests: DocumentRequestReader;
  contacts: CaseContacts;
  mailer: Mailer;
}): JobHandler {
  return async (job) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError('invalid reminder payload');
    const request = await deps.requests.open(parsed.data.requestId);
    if (!request) return;
    const to = await deps.contacts.of(request.caseId);
    if (!to || to.applicantEmails.length === 0) return;
    const [y, m, d] = request.dueOn.split('-');
    await deps.mailer.send({
      to: to.applicantEmails,
      ...documentRequestMail({
        caseNumber: to.caseNumber,
        dueOn: `${d}.${m}.${y}`,
        text: request.text,
        reminder: true,
      }),
      idempotencyKey: job.idempotencyKey,
    });
  };
}
