/**
 * What the applicant and the office do with stored evidence files besides uploading them: several photos
 * of one document combined into one PDF (the photos then go), thumbnails for the applicant's list, and the
 * office's page-by-page preview. Previews are pictures rendered from the decrypted file in memory; the
 * uploaded bytes themselves are never shown inline. Every preview a staff member sees is audited like a
 * download.
 */
import type { Readable } from 'node:stream';
import { mayDo, maySeeDocument } from '../domain/access/policy.ts';
import type { Actor } from '../domain/case/index.ts';
import { safeFileName } from '../domain/evidence/file-name.ts';
import type { OpenDraft } from './drafts.ts';
import type {
  BlobStore,
  CaseFileReader,
  Clock,
  DocumentPreviewer,
  DraftDocument,
  DraftStore,
  ImagePdfBuilder,
  PreviewImage,
  Randomness,
  UnitOfWork,
} from './ports.ts';

/** Most photos one PDF is made of; a document longer than that is better scanned. */
export const MAX_COMBINED_IMAGES = 40;
/** Edge of an applicant's thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 160;
/** The roles whose uploads the applicant's pages show (the rest of the case file is the office's). */
const APPLICANT_UPLOADS: readonly string[] = ['applicant', 'representative'];
/** Pages the office's preview shows at most, and their width in pixels. */
export const PREVIEW_MAX_PAGES = 10;
export const PREVIEW_WIDTH = 1000;

export interface EvidenceFileDeps {
  drafts: DraftStore;
  uow: UnitOfWork;
  blobs: BlobStore;
  clock: Clock;
  random: Randomness;
  pdf: ImagePdfBuilder;
  previewer: DocumentPreviewer;
  reader: CaseFileReader;
  limits: { maxBytesPerApplication: number; maxFileBytes: number };
}

export type CombineResult =
  | { ok: true; document: DraftDocument }
  | { ok: false; code: 'submitted' | 'too_few' | 'not_found' | 'too_large' };

type ImageType = 'image/jpeg' | 'image/png';
const isImage = (d: { contentType: string }): d is { contentType: ImageType } =>
  d.contentType === 'image/jpeg' || d.contentType === 'image/png';

async function readAll(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

export function evidenceFileUseCases(deps: EvidenceFileDeps) {
  const { clock } = deps;
  // Stored files are at most maxFileBytes; a little room for a combined PDF, which may be larger.
  const readLimit = Math.max(deps.limits.maxFileBytes, deps.limits.maxBytesPerApplication);
  const plaintext = async (blobKey: string) => readAll(await deps.blobs.get(blobKey), readLimit);

  return {
    /**
     * Combines images of one evidence item of the draft, in the given order, into one PDF (one page
     * each), stores it encrypted, attaches it to the item and removes the images — the swap in one
     * transaction; the images' blobs are deleted after it committed.
     */
    async combineImages(
      current: OpenDraft,
      itemId: string,
      documentIds: readonly string[],
    ): Promise<CombineResult> {
      if (current.submittedAt) return { ok: false, code: 'submitted' };
      const ids = [...new Set(documentIds)];
      if (ids.length < 2) return { ok: false, code: 'too_few' };
      if (ids.length > MAX_COMBINED_IMAGES) return { ok: false, code: 'too_large' };
      const documents = await deps.drafts.documents(current.id);
      const chosen = ids.map((id) => documents.find((d) => d.id === id));
      const images: (DraftDocument & { contentType: ImageType })[] = [];
      for (const d of chosen) {
        if (!d || d.evidenceItem !== itemId || !isImage(d)) return { ok: false, code: 'not_found' };
        images.push(d as DraftDocument & { contentType: ImageType });
      }
      const data: { data: Buffer; contentType: ImageType }[] = [];
      for (const image of images) {
        const bytes = await plaintext(image.blobKey);
        if (!bytes) return { ok: false, code: 'too_large' };
        data.push({ data: bytes, contentType: image.contentType });
      }
      const pdf = await deps.pdf.build(data);
      const others = documents.filter((d) => !ids.includes(d.id)).reduce((sum, d) => sum + d.size, 0);
      if (pdf.length > deps.limits.maxFileBytes || others + pdf.length > deps.limits.maxBytesPerApplication)
        return { ok: false, code: 'too_large' };
      const stored = await deps.blobs.put(pdf);
      const first = images[0] as DraftDocument;
      const document: DraftDocument = {
        id: deps.random.uuid(),
        evidenceItem: itemId,
        fileName: safeFileName(first.fileName, 'pdf'),
        contentType: 'application/pdf',
        size: stored.size,
        sha256: stored.sha256,
        blobKey: stored.key,
        flags: [],
        createdAt: clock.now(),
      };
      let swapped: boolean;
      try {
        swapped = await deps.uow.run(async ({ drafts }) => {
          for (const image of images) {
            // Removed meanwhile (another tab): nothing changes.
            if (!(await drafts.removeDocument(current.id, image.id))) throw new SwapAborted();
          }
          await drafts.addDocument(current.id, document);
          return true;
        });
      } catch (error) {
        if (!(error instanceof SwapAborted)) {
          await deps.blobs.delete(stored.key).catch(() => undefined);
          throw error;
        }
        swapped = false;
      }
      if (!swapped) {
        await deps.blobs.delete(stored.key).catch(() => undefined);
        return { ok: false, code: 'not_found' };
      }
      for (const image of images) await deps.blobs.delete(image.blobKey).catch(() => undefined);
      return { ok: true, document };
    },

    /** A small picture of one of the draft's files; null if the draft has no such file (or it cannot be drawn). */
    async draftThumbnail(current: OpenDraft, documentId: string): Promise<PreviewImage | null> {
      const document = current.documents.find((d) => d.id === documentId);
      if (!document) return null;
      const data = await plaintext(document.blobKey);
      if (!data) return null;
      return deps.previewer.thumbnail({ data, contentType: document.contentType }, THUMBNAIL_SIZE);
    },

    /**
     * A small picture of a file the applicant or representative handed in for their submitted case
     * (with the application or later); null for the office's and the authority's documents.
     */
    async filedThumbnail(caseId: string, documentId: string): Promise<PreviewImage | null> {
      const document = await deps.reader.document(caseId, documentId);
      if (!document || !APPLICANT_UPLOADS.includes(document.uploadedByRole)) return null;
      const data = await plaintext(document.blobKey).catch(() => null);
      if (!data) return null;
      return deps.previewer.thumbnail({ data, contentType: document.contentType }, THUMBNAIL_SIZE);
    },

    /** For the office's preview page: the document's name and how many of its pages are shown. */
    async casePreview(
      actor: Actor,
      caseId: string,
      documentId: string,
    ): Promise<{ fileName: string; pages: number; shown: number } | null> {
      const document = await visibleDocument(actor, caseId, documentId);
      if (!document) return null;
      const data = await plaintext(document.blobKey);
      const pages = data ? await deps.previewer.pageCount({ data, contentType: document.contentType }) : null;
      return {
        fileName: document.fileName,
        pages: pages ?? 0,
        shown: Math.min(pages ?? 0, PREVIEW_MAX_PAGES),
      };
    },

    /** One page of a document of the case as a picture; audited before it leaves. */
    async casePreviewPage(
      actor: Actor,
      caseId: string,
      documentId: string,
      page: number,
    ): Promise<PreviewImage | null> {
      if (!Number.isInteger(page) || page < 1 || page > PREVIEW_MAX_PAGES) return null;
      const document = await visibleDocument(actor, caseId, documentId);
      if (!document) return null;
      const data = await plaintext(document.blobKey);
      if (!data) return null;
      const image = await deps.previewer.page(
        { data, contentType: document.contentType },
        page,
        PREVIEW_WIDTH,
      );
      if (!image) return null;
      await deps.uow.run(({ audit }) =>
        audit.append({
          at: clock.now(),
          actor,
          action: 'document.previewed',
          resource: { type: 'case', id: caseId },
          details: { documentId, page },
        }),
      );
      return image;
    },
  };

  async function visibleDocument(actor: Actor, caseId: string, documentId: string) {
    if (!mayDo(actor.role, 'download_document')) return null;
    const document = await deps.reader.document(caseId, documentId);
    if (!document || !maySeeDocument(actor.role, document)) return null;
    return document;
  }
}

class SwapAborted extends Error {}

export type EvidenceFileUseCases = ReturnType<typeof evidenceFileUseCases>;
