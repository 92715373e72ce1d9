/**
 * The mails a step of the procedure causes, queued in the step's transaction (so they leave if and
 * only if the step committed). Mails to immigration authorities carry no personal data.
 */
import {
  hardshipRequestAuthorityMail,
  notTakenUpApplicantMail,
  notTakenUpAuthorityMail,
  statementRequestMail,
} from '../../content/mails/de.ts';
import type { CaseEvent } from '../domain/case/index.ts';
import { germanDate, MAIL_JOB_KIND } from './drafts.ts';
import type { TransactionScope } from './ports.ts';

export interface NoticeDeps {
  publicUrl: string;
}

export function noticesFor(deps: NoticeDeps) {
  const portal = `${deps.publicUrl.replace(/\/$/, '')}/behoerde`;
  return async (
    { outbox, contacts: directory }: Pick<TransactionScope, 'outbox' | 'contacts'>,
    caseId: string,
    events: readonly CaseEvent[],
    version: number,
  ) => {
    const wanted = events.filter(
      (e) => e.type === 'StatementRequested' || e.type === 'NotTakenUp' || e.type === 'RequestSent',
    );
    if (wanted.length === 0) return;
    const contacts = await directory.of(caseId);
    if (!contacts) return;
    const queue = async (to: string[], mail: { subject: string; text: string }, what: string) => {
      if (to.length === 0) return;
      await outbox.enqueue({
        kind: MAIL_JOB_KIND,
        payload: { to, ...mail },
        idempotencyKey: `${what}:${caseId}:${version}`,
      });
    };
    for (const event of wanted) {
      const authority = contacts.authorityEmail ? [contacts.authorityEmail] : [];
      if (event.type === 'StatementRequested') {
        const dueOn = germanDate(new Date((event.data as { dueAt: string }).dueAt));
        await queue(
          authority,
          statementRequestMail({ caseNumber: contacts.caseNumber, dueOn, portalLink: portal }),
          'statement-request',
        );
      } else if (event.type === 'RequestSent') {
        await queue(
          authority,
          hardshipRequestAuthorityMail({ caseNumber: contacts.caseNumber, portalLink: portal }),
          'hardship-request-authority',
        );
      } else {
        await queue(
          authority,
          notTakenUpAuthorityMail({ caseNumber: contacts.caseNumber, portalLink: portal }),
          'not-taken-up-authority',
        );
        await queue(
          contacts.applicantEmails,
          notTakenUpApplicantMail({ caseNumber: contacts.caseNumber }),
          'not-taken-up-applicant',
        );
      }
    }
  };
}
