/**
 * The office's reading of cases: the list, the case file and its documents. Every view of a case file
 * and every download is written to the audit trail before the data leaves; what a role may not see is
 * indistinguishable from what does not exist.
 */
import type { Readable } from 'node:stream';
import { mayDo, maySeeDocument } from '../domain/access/policy.ts';
import type { Actor } from '../domain/case/index.ts';
import { nameKey } from '../domain/search/name-key.ts';
import type {
  BlobStore,
  CaseFileData,
  CaseFileReader,
  Clock,
  InboxFilter,
  InboxRow,
  UnitOfWork,
} from './ports.ts';

export interface CaseFileDeps {
  reader: CaseFileReader;
  blobs: BlobStore;
  uow: UnitOfWork;
  clock: Clock;
}

export function caseFileUseCases(deps: CaseFileDeps) {
  const audit = (actor: Actor, action: string, caseId: string, details: Record<string, unknown> = {}) =>
    deps.uow.run(({ audit }) =>
      audit.append({ at: deps.clock.now(), actor, action, resource: { type: 'case', id: caseId }, details }),
    );

  return {
    async inbox(
      actor: Actor,
      filter: Omit<InboxFilter, 'query'> & { search?: string },
    ): Promise<InboxRow[] | null> {
      if (!mayDo(actor.role, 'list_cases')) return null;
      const search = (filter.search ?? '').slice(0, 200);
      return deps.reader.inbox({
        ...(filter.states ? { states: filter.states } : {}),
        limit: filter.limit,
        ...(search.trim() ? { query: { text: search, nameKey: nameKey(search) } } : {}),
      });
    },

    /** The case file as the actor may see it; the view is audited. */
    async open(actor: Actor, caseId: string): Promise<CaseFileData | null> {
      if (!mayDo(actor.role, 'view_case_file')) return null;
      const file = await deps.reader.caseFile(caseId);
      if (!file) return null;
      await audit(actor, 'case_file.viewed', caseId);
      return { ...file, documents: file.documents.filter((d) => maySeeDocument(actor.role, d)) };
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
