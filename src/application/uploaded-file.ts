/** A finished upload, inspected by content: refused files are deleted at once; images are replaced by their clean copy. */
import type { BlobStore, InspectionOutcome, UploadInspector } from './ports.ts';

export type Inspected =
  | (Extract<InspectionOutcome, { ok: true }> & { stored: { key: string; sha256: string; size: number } })
  | Extract<InspectionOutcome, { ok: false }>;

export async function inspectUploaded(
  deps: { inspector: UploadInspector; blobs: BlobStore },
  upload: { blobKey: string; size: number; sha256: string; fileName: string },
): Promise<Inspected> {
  const verdict = await deps.inspector.inspect({
    open: () => deps.blobs.get(upload.blobKey),
    size: upload.size,
    declaredName: upload.fileName,
  });
  if (!verdict.ok) {
    await deps.blobs.delete(upload.blobKey).catch(() => undefined);
    return verdict;
  }
  let stored = { key: upload.blobKey, sha256: upload.sha256, size: upload.size };
  if (verdict.normalised) {
    stored = await deps.blobs.put(verdict.normalised);
    await deps.blobs.delete(upload.blobKey).catch(() => undefined);
  }
  return { ...verdict, stored };
}
