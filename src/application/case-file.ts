/**
 * The office's reading of cases: the list, the case file and its documents. Every view of a case file
 * and every download is written to the audit trail before the data leaves; what a role may not see is
 * indistinguishable from what does not exist.
 */
import type { Readable } from 'node:stream';
import { documentRequestMail } from '../../content/mails/de.ts';
import { authorityChangeTexts as at } from '../../content/messages/office/de.ts';
import { mayDo, maySeeDocument } from '../domain/access/policy.ts';
import { normaliseLine, normaliseLongText } from '../domain/application/text.ts';
import { type Actor, isCaseState, isTerminal } from '../domain/case/index.ts';
import { isEvidenceCategory, isSpecialCategory } from '../domain/evidence/index.ts';
import { letterOnAuthorityChange } from '../domain/letters/index.ts';
import { addDays, compareDates } from '../domain/rules/dates.ts';
import { deadlineFrom } from '../domain/rules/deadlines.ts';
import { nameKey } from '../domain/search/name-key.ts';
import { MAIL_JOB_KIND } from './drafts.ts';
import { letterJob } from './letters.ts';
import { RECEIPT_JOB_KIND } from './submission.ts';

/** Cases on one page of the office's list and of a search. */
export const CASE_LIST_PAGE_SIZE = 50;

export const DOCUMENT_REQUEST_REMINDER = 'document_request.remind';

import type {
  BlobStore,
  CaseFileData,
  CaseFileReader,
  Clock,
  InboxFilter,
  InboxRow,
  UnitOfWork,
  UploadInspector,
  VirusScanner,
} from './ports.ts';
import { inspectUploaded } from './uploaded-file.ts';

export interface CaseFileDeps {
  reader: CaseFileReader;
  blobs: BlobStore;
  uow: UnitOfWork;
  clock: Clock;
  inspector: UploadInspector;
  /** ClamAV where configured; null or absent: no virus scanning. */
  scanner?: VirusScanner | null;
}

/** What the office files besides the evidence kinds: the formless letter, the authority's statement, other mail. */
export const OFFICE_DOCUMENT_KINDS = ['application_letter', 'authority_statement', 'correspondence'] as const;

export function isOfficeDocumentCategory(value: string): boolean {
  return (OFFICE_DOCUMENT_KINDS as readonly string[]).includes(value) || isEvidenceCategory(value);
}

export function caseFileUseCases(deps: CaseFileDeps) {
  const audit = (actor: Actor, action: string, caseId: string, details: Record<string, unknown> = {}) =>
    deps.uow.run(({ audit }) =>
      audit.append({ at: deps.clock.now(), actor, action, resource: { type: 'case', id: caseId }, details }),
    );

  return {
    async inbox(
      actor: Actor,
      filter: Omit<InboxFilter, 'query' | 'assigneeId'> & { search?: string; mine?: boolean },
    ): Promise<InboxRow[] | null> {
      if (!mayDo(actor.role, 'list_cases')) return null;
      // Normalised like every text field: a NUL or a lone surrogate would make PostgreSQL throw.
      const search = normaliseLine(filter.search ?? '').slice(0, 200);
      return deps.reader.inbox({
        ...(filter.states ? { states: filter.states } : {}),
        ...(filter.mine ? { assigneeId: actor.id } : {}),
        ...(filter.authorityId ? { authorityId: filter.authorityId } : {}),
        ...(filter.overdueOn ? { overdueOn: filter.overdueOn } : {}),
        ...(filter.unreadMessages ? { unreadMessages: true } : {}),
        limit: filter.limit,
        ...(filter.offset ? { offset: filter.offset } : {}),
        ...(search.trim() ? { query: { text: search, nameKey: nameKey(search) } } : {}),
      });
    },

    /** The immigration authorities that have cases (for the list's filter). */
    async authorities(actor: Actor): Promise<{ id: string; name: string }[]> {
      return mayDo(actor.role, 'list_cases') ? deps.reader.authoritiesWithCases() : [];
    },

    /** The case file as the actor may see it; the view is audited. */
    async open(actor: Actor, caseId: string): Promise<CaseFileData | null> {
      if (!mayDo(actor.role, 'view_case_file')) return null;
      const file = await deps.reader.caseFile(caseId);
      if (!file) return null;
      await audit(actor, 'case_file.viewed', caseId);
      return { ...file, documents: file.documents.filter((d) => maySeeDocument(actor.role, d)) };
    },

    /**
     * Earlier or parallel cases that may concern the same person: born in the same year, and the same
     * name once spelling variants are folded (re-applications need new facts, so the office must know).
     */
    async possibleRepeats(actor: Actor, caseId: string) {
      if (!mayDo(actor.role, 'view_case_file')) return [];
      const key = (p: { givenNames: string; familyName: string }) =>
        nameKey(`${p.givenNames} ${p.familyName}`);
      const found = new Map<
        string,
        { caseId: string; caseNumber: string; state: string; receivedAt: Date }
      >();
      for (const { person, other } of await deps.reader.sameBirthYear(caseId)) {
        const sameName =
          key(person) === key(other) ||
          (nameKey(person.familyName) === nameKey(other.familyName) &&
            nameKey(person.givenNames).split(' ')[0] === nameKey(other.givenNames).split(' ')[0]);
        if (sameName)
          found.set(other.caseId, {
            caseId: other.caseId,
            caseNumber: other.caseNumber,
            state: other.state,
            receivedAt: other.receivedAt,
          });
      }
      return [...found.values()].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    },

    /** A scanned letter or later evidence, added by the office: inspected like every upload, audited. */
    async addDocument(
      actor: Actor,
      upload: {
        caseId: string;
        documentId: string;
        blobKey: string;
        size: number;
        sha256: string;
        fileName: string;
        category: string;
      },
    ): Promise<{ ok: true } | { ok: false; code: string; message: string } | null> {
      if (!mayDo(actor.role, 'view_case_file') || !isOfficeDocumentCategory(upload.category)) {
        await deps.blobs.delete(upload.blobKey).catch(() => undefined);
        return null;
      }
      const file = await deps.reader.caseFile(upload.caseId);
      if (!file) {
        await deps.blobs.delete(upload.blobKey).catch(() => undefined);
        return null;
      }
      if (file.documents.some((d) => d.id === upload.documentId)) return { ok: true };
      const verdict = await inspectUploaded(deps, upload, {
        actor,
        resource: { type: 'case', id: upload.caseId },
        details: { category: upload.category },
      });
      if (!verdict.ok) return verdict;
      await deps.uow.run(async ({ filings, audit: trail }) => {
        await filings.insertDocuments(upload.caseId, [
          {
            id: upload.documentId,
            personId: null,
            evidenceItem: null,
            category: upload.category,
            specialCategory: isEvidenceCategory(upload.category) && isSpecialCategory(upload.category),
            fileName: verdict.safeName,
            contentType: verdict.contentType,
            size: verdict.stored.size,
            sha256: verdict.stored.sha256,
            blobKey: verdict.stored.key,
            flags: verdict.flags,
            uploadedByRole: actor.role,
          },
        ]);
        await trail.append({
          at: deps.clock.now(),
          actor,
          action: 'document.added',
          resource: { type: 'case', id: upload.caseId },
          details: { documentId: upload.documentId, category: upload.category },
        });
      });
      return { ok: true };
    },

    /** An internal note of the office (never shown outside it), audited. */
    async addNote(
      actor: Actor,
      caseId: string,
      raw: string,
    ): Promise<{ ok: true } | { ok: false; message: string } | null> {
      if (!mayDo(actor.role, 'view_case_file')) return null;
      const text = normaliseLongText(raw); // also drops NUL, which PostgreSQL cannot store
      if (text === '') return { ok: false, message: 'Bitte schreiben Sie eine Notiz.' };
      if (text.length > 5000)
        return { ok: false, message: 'Die Notiz ist zu lang (höchstens 5.000 Zeichen).' };
      const id = crypto.randomUUID();
      return deps.uow.run(async ({ desk, audit: trail }) => {
        if (!(await desk.addNote(caseId, { id, authorId: actor.id, text }))) return null;
        await trail.append({
          at: deps.clock.now(),
          actor,
          action: 'case.note_added',
          resource: { type: 'case', id: caseId },
          details: { noteId: id },
        });
        return { ok: true as const };
      });
    },

    /**
     * The receipt of an application that came by post, fax or e-mail, once the office has filed its
     * scans: the same receipt as online (persons, every document with its SHA-256), from the outbox,
     * kept in the case file for print. One per case; asking twice changes nothing.
     */
    async issuePaperReceipt(
      actor: Actor,
      caseId: string,
    ): Promise<{ ok: true } | { ok: false; message: string } | null> {
      if (!mayDo(actor.role, 'view_case_file')) return null;
      const file = await deps.reader.caseFile(caseId);
      if (!file) return null;
      if (file.channel === 'online')
        return { ok: false, message: 'Ein Online-Antrag erhält seine Eingangsbestätigung von selbst.' };
      if (file.documents.some((d) => d.category === 'receipt'))
        return { ok: false, message: 'Die Eingangsbestätigung liegt schon in der Fallakte.' };
      if (file.documents.length === 0)
        return {
          ok: false,
          message:
            'Bitte erfassen Sie zuerst das eingescannte Schreiben; die Bestätigung listet jedes Dokument.',
        };
      await deps.uow.run(async ({ outbox, audit: trail }) => {
        await outbox.enqueue({
          kind: RECEIPT_JOB_KIND,
          payload: { caseId },
          idempotencyKey: `receipt:${caseId}`,
        });
        await trail.append({
          at: deps.clock.now(),
          actor,
          action: 'case.receipt_requested',
          resource: { type: 'case', id: caseId },
          details: { documents: file.documents.length },
        });
      });
      return { ok: true };
    },

    /** The immigration authorities a case can be given to. */
    async responsibleAuthorities(actor: Actor): Promise<{ id: string; name: string }[]> {
      if (!mayDo(actor.role, 'view_case_file')) return [];
      return deps.reader.authorities();
    },

    /**
     * Makes another immigration authority responsible (the address was wrong, the person moved, the
     * authority said it is not competent). Only while the case is open and with a reason, which goes
     * into the case's notes; the newly responsible authority gets the letter of the step it now has
     * to act on, through its portal; the previous one no longer sees the case.
     */
    async changeAuthority(
      actor: Actor,
      caseId: string,
      input: { authorityId: string; reason: string },
    ): Promise<{ ok: true } | { ok: false; field: 'authorityId' | 'reason'; message: string } | null> {
      if (!mayDo(actor.role, 'view_case_file')) return null;
      const reason = normaliseLongText(input.reason);
      if (!input.authorityId.trim())
        return {
          ok: false,
          field: 'authorityId',
          message: at.chooseAuthority,
        };
      if (reason === '') return { ok: false, field: 'reason', message: at.reasonMissing };
      if (reason.length > 2000)
        return {
          ok: false,
          field: 'reason',
          message: at.reasonTooLong,
        };
      return deps.uow
        .run(async ({ desk, audit: trail, outbox }) => {
          const changed = await desk.changeAuthority(caseId, input.authorityId.trim());
          if (!changed) return null;
          if (changed === 'unknown_authority')
            return {
              ok: false as const,
              field: 'authorityId' as const,
              message: at.unknownAuthority,
            };
          if (!isCaseState(changed.state) || isTerminal(changed.state))
            throw new AuthorityChangeRefused(at.caseClosed);
          if (changed.previous?.id === changed.authority.id)
            throw new AuthorityChangeRefused(at.alreadyResponsible);
          await desk.addNote(caseId, {
            id: crypto.randomUUID(),
            authorId: actor.id,
            text: at.note
              .replace('{previous}', () => changed.previous?.name ?? at.none)
              .replace('{next}', () => changed.authority.name)
              .replace('{reason}', () => reason),
          });
          const letter = letterOnAuthorityChange(changed.state);
          const version = (await desk.latestEventVersion(caseId, letter.event)) ?? changed.version;
          const job = letterJob(letter.kind, caseId, { version });
          await outbox.enqueue({
            ...job,
            idempotencyKey: `${job.idempotencyKey}:authority:${changed.authority.id}`,
          });
          await trail.append({
            at: deps.clock.now(),
            actor,
            action: 'case.authority_changed',
            resource: { type: 'case', id: caseId },
            details: { from: changed.previous?.id ?? null, to: changed.authority.id },
          });
          return { ok: true as const };
        })
        .catch((error: unknown) => {
          // Thrown inside the transaction so that the update is rolled back.
          if (error instanceof AuthorityChangeRefused)
            return { ok: false as const, field: 'authorityId' as const, message: error.message };
          throw error;
        });
    },

    /**
     * Asks the applicant for missing documents by a date: the request is shown on the status page,
     * mailed where an address is known, and a reminder is queued a week before the date.
     */
    async requestDocuments(
      actor: Actor,
      caseId: string,
      input: { text: string; dueOn: string | null; today: string; defaultDays: number },
    ): Promise<{ ok: true } | { ok: false; message: string } | null> {
      if (!mayDo(actor.role, 'view_case_file')) return null;
      const text = normaliseLongText(input.text);
      if (text === '') return { ok: false, message: 'Bitte geben Sie an, welche Unterlagen fehlen.' };
      if (text.length > 2000)
        return { ok: false, message: 'Der Text ist zu lang (höchstens 2.000 Zeichen).' };
      const dueOn = input.dueOn ?? deadlineFrom(input.today, input.defaultDays);
      if (compareDates(dueOn, input.today) <= 0)
        return { ok: false, message: 'Die Frist muss in der Zukunft liegen.' };
      const id = crypto.randomUUID();
      return deps.uow.run(async ({ desk, audit: trail, outbox, contacts }) => {
        if (!(await desk.addDocumentRequest(caseId, { id, text, dueOn, createdBy: actor.id }))) return null;
        await trail.append({
          at: deps.clock.now(),
          actor,
          action: 'case.documents_requested',
          resource: { type: 'case', id: caseId },
          details: { requestId: id, dueOn },
        });
        const to = await contacts.of(caseId);
        const [y, m, d] = dueOn.split('-');
        if (to && to.applicantEmails.length > 0) {
          await outbox.enqueue({
            kind: MAIL_JOB_KIND,
            payload: {
              to: to.applicantEmails,
              ...documentRequestMail({
                caseNumber: to.caseNumber,
                dueOn: `${d}.${m}.${y}`,
                text,
                reminder: false,
              }),
            },
            idempotencyKey: `document-request:${id}`,
          });
        }
        await outbox.enqueue(letterJob('document_request', caseId, { requestId: id }));
        const remindOn = addDays(dueOn, -7);
        const remindAt =
          compareDates(remindOn, input.today) > 0 ? new Date(`${remindOn}T08:00:00+01:00`) : deps.clock.now();
        await outbox.enqueue({
          kind: DOCUMENT_REQUEST_REMINDER,
          payload: { requestId: id },
          idempotencyKey: `document-request-reminder:${id}`,
          runAfter: remindAt,
        });
        return { ok: true as const };
      });
    },

    /**
     * Who in the office handles the case (null: nobody yet), audited. With `seenAssigneeId` (what the
     * form showed), a form made stale by someone else's assignment is refused: 'conflict'.
     */
    async assign(
      actor: Actor,
      caseId: string,
      assigneeId: string | null,
      seenAssigneeId?: string | null,
    ): Promise<'assigned' | 'conflict' | null> {
      if (!mayDo(actor.role, 'view_case_file')) return null;
      return deps.uow.run(async ({ desk, audit: trail }) => {
        const done = await desk.assign(
          caseId,
          assigneeId,
          seenAssigneeId === undefined ? undefined : { assigneeId: seenAssigneeId },
        );
        if (done !== 'assigned') return done === 'conflict' ? 'conflict' : null;
        await trail.append({
          at: deps.clock.now(),
          actor,
          action: 'case.assigned',
          resource: { type: 'case', id: caseId },
          details: { assigneeId },
        });
        return 'assigned';
      });
    },

    /** A document's plaintext for download; the download is audited. */
    async download(
      actor: Actor,
      caseId: string,
      documentId: string,
    ): Promise<{ stream: Readable; fileName: string; contentType: string } | null> {
      if (!mayDo(actor.role, 'download_document')) return null;
      const doc = await deps.reader.document(caseId, documentId);
      if (!doc || !maySeeDocument(actor.role, doc)) return null;
      await audit(actor, 'document.downloaded', caseId, { documentId });
      return {
        stream: await deps.blobs.get(doc.blobKey),
        fileName: doc.fileName,
        contentType: doc.contentType,
      };
    },
  };
}

export type CaseFileUseCases = ReturnType<typeof caseFileUseCases>;

/** A change of authority the case does not allow; rolls its transaction back. */
class AuthorityChangeRefused extends Error {}
