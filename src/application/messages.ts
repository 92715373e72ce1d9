/**
 * Messages between the applicant (or representative) and the office, one thread per case. Each
 * message is written with its audit entry in one transaction; a message of the office queues a mail
 * to the applicant's known addresses that says only that there is something new (never the text).
 * Reading marks the other side's messages read. The office reads the thread as part of the case
 * file, whose view is audited there.
 */
import { newMessageMail } from '../../content/mails/de.ts';
import { mayDo } from '../domain/access/policy.ts';
import { type Actor, isTerminal } from '../domain/case/index.ts';
import {
  directionOf,
  incomingFor,
  MAX_UNREAD_FROM_APPLICANT,
  type MessageBodyError,
  type MessageDirection,
  parseMessageBody,
} from '../domain/messages/message.ts';
import { MAIL_JOB_KIND } from './drafts.ts';
import type { CaseMessage, Clock, UnitOfWork } from './ports.ts';

export interface MessageDeps {
  uow: UnitOfWork;
  clock: Clock;
}

export type WriteResult =
  | { ok: true; messageId: string }
  | { ok: false; error: MessageBodyError | 'closed' | 'too_many' };

export function messageUseCases(deps: MessageDeps) {
  const written = (actor: Actor, caseId: string, messageId: string, direction: string) => ({
    at: deps.clock.now(),
    actor,
    action: 'case.message_written',
    resource: { type: 'case', id: caseId },
    details: { messageId, direction },
  });

  /** The thread with the read marks as they were; the other side's messages are read from now on. */
  const readAs = (side: MessageDirection, caseId: string) =>
    deps.uow.run(async ({ messages }) => {
      const thread = await messages.thread(caseId);
      const incoming = incomingFor(side);
      if (thread.some((m) => m.direction === incoming && !m.readAt))
        await messages.markRead(caseId, incoming, deps.clock.now());
      return thread;
    });

  return {
    /** The thread as the applicant sees it (oldest first); the office's messages are read from now on. */
    async forApplicant(caseId: string): Promise<CaseMessage[]> {
      return readAs('from_applicant', caseId);
    },

    /**
     * A message of the applicant or representative, while the procedure runs. null: the actor takes
     * no part or the case does not exist.
     */
    async writeAsApplicant(actor: Actor, caseId: string, raw: unknown): Promise<WriteResult | null> {
      if (directionOf(actor.role) !== 'from_applicant') return null;
      const body = parseMessageBody(raw);
      if (!body.ok) return body;
      const id = crypto.randomUUID();
      return deps.uow.run(async ({ cases, messages, audit }) => {
        const snapshot = await cases.loadForUpdate(caseId);
        if (!snapshot) return null;
        if (isTerminal(snapshot.state)) return { ok: false as const, error: 'closed' as const };
        if ((await messages.countUnread(caseId, 'from_applicant')) >= MAX_UNREAD_FROM_APPLICANT)
          return { ok: false as const, error: 'too_many' as const };
        const at = deps.clock.now();
        await messages.add(caseId, {
          id,
          direction: 'from_applicant',
          authorRole: actor.role,
          authorId: null,
          body: body.value,
          createdAt: at,
        });
        await audit.append(written(actor, caseId, id, 'from_applicant'));
        return { ok: true as const, messageId: id };
      });
    },

    /** The thread in the case file (oldest first); the applicant's messages are read from now on. */
    async forOffice(actor: Actor, caseId: string): Promise<CaseMessage[] | null> {
      if (!mayDo(actor.role, 'view_case_file')) return null;
      return readAs('from_office', caseId);
    },

    /**
     * An answer of the office (clerks and the office head). The applicant's known addresses get a
     * mail without the text. null: not allowed or no such case.
     */
    async writeAsOffice(actor: Actor, caseId: string, raw: unknown): Promise<WriteResult | null> {
      if (!mayDo(actor.role, 'write_message') || directionOf(actor.role) !== 'from_office') return null;
      const body = parseMessageBody(raw);
      if (!body.ok) return body;
      const id = crypto.randomUUID();
      return deps.uow.run(async ({ messages, audit, outbox, contacts }) => {
        const added = await messages.add(caseId, {
          id,
          direction: 'from_office',
          authorRole: actor.role,
          authorId: actor.id,
          body: body.value,
          createdAt: deps.clock.now(),
        });
        if (!added) return null;
        await audit.append(written(actor, caseId, id, 'from_office'));
        const to = await contacts.of(caseId);
        if (to && to.applicantEmails.length > 0) {
          await outbox.enqueue({
            kind: MAIL_JOB_KIND,
            payload: { to: to.applicantEmails, ...newMessageMail({ caseNumber: to.caseNumber }) },
            idempotencyKey: `message:${id}`,
          });
        }
        return { ok: true as const, messageId: id };
      });
    },
  };
}

export type MessageUseCases = ReturnType<typeof messageUseCases>;
