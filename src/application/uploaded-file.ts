/**
 * A finished upload, checked before it becomes a document: scanned for malware where a scanner is
 * configured, then inspected by content. Refused files are deleted at once; images are replaced by
 * their clean copy. A file the scanner could not check is refused too (held back, never passed as clean).
 */
import {
  type BlobStore,
  type Clock,
  type InspectionOutcome,
  type UnitOfWork,
  type UploadInspector,
  type VirusScanner,
  VirusScannerUnavailableError,
} from './ports.ts';

export type Inspected =
  | (Extract<InspectionOutcome, { ok: true }> & { stored: { key: string; sha256: string; size: number } })
  | Extract<InspectionOutcome, { ok: false }>;

/** The applicant's texts for the two outcomes of the virus scan (codes `infected`, `scan_unavailable`). */
export const VIRUS_SCAN_MESSAGES = {
  infected:
    'Die Datei enthält Schadsoftware und wurde nicht angenommen. Bitte laden Sie eine saubere Fassung des Dokuments hoch, zum Beispiel einen neuen Scan oder ein neues Foto.',
  unavailable:
    'Die Datei konnte gerade nicht auf Schadsoftware geprüft werden und wurde deshalb noch nicht angenommen. Bitte laden Sie sie in einigen Minuten noch einmal hoch. Ihre übrigen Angaben und Dateien bleiben gespeichert.',
  held: 'Die Datei ist angekommen, konnte aber gerade nicht auf Schadsoftware geprüft werden. Sie wird von selbst geprüft, sobald das wieder möglich ist, und erscheint dann hier. Sie müssen sie nicht noch einmal hochladen.',
} as const;

export interface UploadCheckDeps {
  inspector: UploadInspector;
  blobs: BlobStore;
  /** null or absent: virus scanning is not configured, uploads are inspected as before. */
  scanner?: VirusScanner | null;
  uow: UnitOfWork;
  clock: Clock;
}

/** Who uploaded into what, for the audit row of a file with malware (no file name: it may name a person). */
export interface UploadContext {
  actor: { role: string; id: string | null };
  resource: { type: string; id: string | null };
  details?: Record<string, unknown>;
}

export async function inspectUploaded(
  deps: UploadCheckDeps,
  upload: { blobKey: string; size: number; sha256: string; fileName: string },
  context: UploadContext,
  /** keep: a file the scanner could not check stays stored (held back) for a later scan; not a document. */
  options: { keepUnscanned?: boolean } = {},
): Promise<Inspected> {
  const discard = () => deps.blobs.delete(upload.blobKey).catch(() => undefined);
  if (deps.scanner) {
    let verdict: Awaited<ReturnType<VirusScanner['scan']>>;
    try {
      verdict = await deps.scanner.scan(() => deps.blobs.get(upload.blobKey));
    } catch (error) {
      if (!(error instanceof VirusScannerUnavailableError)) throw error;
      if (!options.keepUnscanned) await discard();
      return { ok: false, code: 'scan_unavailable', message: VIRUS_SCAN_MESSAGES.unavailable };
    }
    if (!verdict.clean) {
      await discard();
      await deps.uow.run(({ audit }) =>
        audit.append({
          at: deps.clock.now(),
          actor: context.actor,
          action: 'upload.malware_refused',
          resource: context.resource,
          details: { ...context.details, signature: verdict.signature, size: upload.size },
        }),
      );
      return { ok: false, code: 'infected', message: VIRUS_SCAN_MESSAGES.infected };
    }
  }
  const verdict = await deps.inspector.inspect({
    open: () => deps.blobs.get(upload.blobKey),
    size: upload.size,
    declaredName: upload.fileName,
  });
  if (!verdict.ok) {
    await discard();
    return verdict;
  }
  let stored = { key: upload.blobKey, sha256: upload.sha256, size: upload.size };
  if (verdict.normalised) {
    stored = await deps.blobs.put(verdict.normalised);
    await discard();
  }
  return { ...verdict, stored };
}
