/** Sends a statement reminder to the immigration authority if the statement is still awaited. */
import { z } from 'zod';
import { statementReminderMail } from '../../content/mails/de.ts';
import { germanDate } from '../application/drafts.ts';
import type { CaseContacts, Mailer, StatementDeadlines } from '../application/ports.ts';
import { type JobHandler, PermanentJobError } from './worker.ts';

export { STATEMENT_REMINDER } from '../application/statement-reminders.ts';

const payloadSchema = z.object({
  caseId: z.uuid(),
  dueAt: z.iso.datetime({ offset: true }),
  stage: z.enum(['before', 'overdue']),
});

export function statementReminderHandler(deps: {
  deadlines: StatementDeadlines;
  contacts: CaseContacts;
  mailer: Mailer;
  publicUrl: string;
}): JobHandler {
  return async (job) => {
    const parsed = payloadSchema.safeParse(job.payload);
    if (!parsed.success) throw new PermanentJobError('invalid statement reminder payload');
    const { caseId, dueAt, stage } = parsed.data;
    const awaited = await deps.deadlines.awaitedStatementDueAt(caseId);
    if (awaited === null || Date.parse(awaited) !== Date.parse(dueAt)) return;
    const to = await deps.contacts.of(caseId);
    if (!to?.authorityEmail) return;
    await deps.mailer.send({
      to: [to.authorityEmail],
      ...statementReminderMail({
        caseNumber: to.caseNumber,
        dueOn: germanDate(new Date(dueAt)),
        portalLink: `${deps.publicUrl.replace(/\/$/, '')}/behoerde`,
        overdue: stage === 'overdue',
      }),
      idempotencyKey: job.idempotencyKey,
    });
  };
}
