/**
 * The online application's use cases: start a draft, open it with its resume secret, save what was
 * typed (always, even when wrong), attach evidence, send the resume link, and submit. The rules are
 * the domain's (src/domain/application, src/domain/evidence); this module only orchestrates.
 */
import { createHash } from 'node:crypto';
import { resumeLinkMail } from '../../content/mails/de.ts';
import {
  type Draft,
  type DraftLanguage,
  type DraftSection,
  draftChecklist,
  emptyDraft,
  type FieldError,
  parseDraft,
  parseEmail,
  type ValidationContext,
  validateDraftSection,
  withSection,
} from '../domain/application/index.ts';
import { missingUploads } from '../domain/evidence/index.ts';
import type {
  BlobStore,
  Clock,
  DraftDocument,
  DraftRecord,
  DraftStore,
  Outbox,
  Randomness,
  UnitOfWork,
  UploadInspector,
  VirusScanner,
} from './ports.ts';
import { inspectUploaded, type UploadContext, VIRUS_SCAN_MESSAGES } from './uploaded-file.ts';

/** How long a draft is kept after its last change. */
export const DRAFT_LIFETIME_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

export const MAIL_JOB_KIND = 'mail.send';
/** The second look at an upload the virus scanner could not check when it came in. */
export const HELD_UPLOAD_JOB_KIND = 'upload.held_scan';

/** A finished upload of a draft, as the upload route hands it over (and the held-upload job keeps it). */
export interface HeldUpload {
  draftId: string;
  uploadId: string;
  blobKey: string;
  size: number;
  sha256: string;
  fileName: string;
  evidenceItem: string;
}

/** SHA-256 of a resume secret: only this is stored. */
export function hashResumeToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A secret has the shape `secret()` gives out; anything else is not looked up at all. */
export function isResumeTokenShape(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43,128}$/.test(token);
}

/** An open draft: the parsed content, its version for optimistic saves, its files. */
export interface OpenDraft {
  id: string;
  draft: Draft;
  version: number;
  contactEmail: string | null;
  expiresAt: Date;
  documents: DraftDocument[];
  submittedAt: Date | null;
  caseId: string | null;
}

export type OpenResult = { kind: 'open'; draft: OpenDraft } | { kind: 'not_found' } | { kind: 'expired' };

export type SaveResult =
  | { ok: true; draft: OpenDraft; errors: FieldError[] }
  | { ok: false; kind: 'conflict' | 'submitted' | 'malformed'; errors: FieldError[] };

export interface DraftDeps {
  drafts: DraftStore;
  uow: UnitOfWork;
  blobs: BlobStore;
  clock: Clock;
  random: Randomness;
  /** Today's date in Berlin and the nationality list, for validation. */
  validation: () => ValidationContext;
  publicUrl: string;
  inspector: UploadInspector;
  /** ClamAV where configured; null or absent: no virus scanning. */
  scanner?: VirusScanner | null;
  limits: { maxBytesPerApplication: number };
}

/** The Berlin calendar date of an instant, as dd.mm.yyyy (for texts). */
export function germanDate(at: Date): string {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(at);
}

function open(record: DraftRecord, documents: DraftDocument[]): OpenDraft | null {
  const parsed = parseDraft(record.content);
  if (!parsed.ok) return null;
  return {
    id: record.id,
    draft: parsed.value,
    version: record.version,
    contactEmail: record.contactEmail,
    expiresAt: record.expiresAt,
    documents,
    submittedAt: record.submittedAt,
    caseId: record.caseId,
  };
}

export function draftUseCases(deps: DraftDeps) {
  const { drafts, clock, random } = deps;
  const expiry = (now: Date) => new Date(now.getTime() + DRAFT_LIFETIME_DAYS * DAY_MS);

  async function openByToken(token: unknown): Promise<OpenResult> {
    if (!isResumeTokenShape(token)) return { kind: 'not_found' };
    const record = await drafts.findByTokenHash(hashResumeToken(token));
    if (!record) return { kind: 'not_found' };
    if (record.submittedAt === null && record.expiresAt.getTime() <= clock.now().getTime()) {
      return { kind: 'expired' };
    }
    const draft = open(record, await drafts.documents(record.id));
    return draft ? { kind: 'open', draft } : { kind: 'not_found' };
  }

  async function reload(id: string, token: string): Promise<OpenDraft> {
    const r = await openByToken(token);
    if (r.kind !== 'open' || r.draft.id !== id) throw new Error('draft vanished during save');
    return r.draft;
  }

  async function write(token: string, current: OpenDraft, next: Draft): Promise<SaveResult> {
    if (current.submittedAt) return { ok: false, kind: 'submitted', errors: [] };
    const now = clock.now();
    const saved = await drafts.save(current.id, {
      content: next,
      expectedVersion: current.version,
      now,
      expiresAt: expiry(now),
    });
    if (!saved) return { ok: false, kind: 'conflict', errors: [] };
    return { ok: true, draft: await reload(current.id, token), errors: [] };
  }

  return {
    openByToken,

    /** A new, empty draft; the returned secret is the only key to it. */
    async start(language: DraftLanguage, ownerUserId?: string): Promise<{ token: string; draftId: string }> {
      const token = random.secret();
      const id = random.uuid();
      const now = clock.now();
      await drafts.create({
        id,
        tokenHash: hashResumeToken(token),
        content: emptyDraft(language),
        now,
        expiresAt: expiry(now),
        ...(ownerUserId ? { ownerUserId } : {}),
      });
      return { token, draftId: id };
    },

    /**
     * A fresh key to a draft, for the browser of the account that owns it (the caller checks the
     * ownership). The resume link the applicant may hold keeps working.
     */
    async keyForAccount(draftId: string): Promise<string> {
      const token = random.secret();
      await drafts.setAccountToken(draftId, hashResumeToken(token));
      return token;
    },

    /**
     * Saves one section exactly as typed, then validates it: the answers are kept even when they
     * are wrong, and the errors say what to correct.
     */
    async saveSection<S extends DraftSection>(
      token: string,
      current: OpenDraft,
      section: S,
      value: unknown,
    ): Promise<SaveResult> {
      const candidate = parseDraft({ ...current.draft, [section]: value });
      if (!candidate.ok) return { ok: false, kind: 'malformed', errors: candidate.errors };
      const next = withSection(current.draft, section, candidate.value[section] as never);
      const result = await write(token, current, next);
      if (!result.ok) return result;
      const check = validateDraftSection(result.draft.draft, section, deps.validation());
      const errors = check.ok ? [] : [...check.errors];
      if (section === 'evidence') errors.push(...uploadErrors(result.draft));
      return { ...result, errors };
    },

    /** Keeps the UI language in the draft, so that it opens in that language on another device. */
    async setLanguage(token: string, current: OpenDraft, language: DraftLanguage): Promise<SaveResult> {
      if (current.draft.language === language) return { ok: true, draft: current, errors: [] };
      return write(token, current, { ...current.draft, language });
    },

    /** Records that the applicant checked the answers (cleared again by any change). */
    async confirmAnswers(token: string, current: OpenDraft): Promise<SaveResult> {
      return write(token, current, { ...current.draft, answersConfirmed: true });
    },

    /** Stores the address and queues a mail with the resume link. */
    async sendResumeLink(
      token: string,
      current: OpenDraft,
      rawEmail: unknown,
    ): Promise<{ ok: true } | { ok: false; errors: FieldError[] }> {
      const email = parseEmail(rawEmail);
      if (!email.ok || email.value === null) {
        return {
          ok: false,
          errors: [
            {
              path: 'email',
              message: email.ok ? 'Bitte geben Sie Ihre E-Mail-Adresse ein.' : email.message,
            },
          ],
        };
      }
      const address = email.value;
      const mail = resumeLinkMail({
        link: resumeLink(deps.publicUrl, token),
        expiresOn: germanDate(current.expiresAt),
      });
      await deps.uow.run(async ({ drafts: store, outbox }: { drafts: DraftStore; outbox: Outbox }) => {
        await store.setContactEmail(current.id, address);
        await outbox.enqueue({
          kind: MAIL_JOB_KIND,
          payload: { to: [address], ...mail },
          idempotencyKey: `resume-link:${current.id}:${random.uuid()}`,
        });
      });
      return { ok: true };
    },

    /**
     * Takes a finished upload into the draft: inspected by content (refused files are deleted), images
     * replaced by their re-encoded copy, then attached to the evidence item. Idempotent per upload id,
     * because the upload route may hand the same upload over again after a crash.
     */
    async acceptUpload(
      upload: HeldUpload,
      /** rescan: the held-upload job's second look; an unscanned file then stays held (the job retries). */
      options: { rescan?: boolean } = {},
    ): Promise<{ ok: true; documentId: string } | { ok: false; code: string; message: string }> {
      const outcome = await acceptOnce(upload);
      if (outcome.ok || outcome.code !== 'scan_unavailable') return outcome;
      // The scanner is down: the file stays stored but is no document (so nobody sees it) until a
      // scan passes; the job scans it again with back-off, and files it by itself.
      if (!options.rescan)
        await deps.uow.run(({ outbox }) =>
          outbox.enqueue({
            kind: HELD_UPLOAD_JOB_KIND,
            payload: { ...upload },
            idempotencyKey: `held-upload:${upload.uploadId}`,
          }),
        );
      return { ok: false, code: 'scan_pending', message: VIRUS_SCAN_MESSAGES.held };
    },
    /** Attaches an inspected, stored file to an evidence item of the draft. */
    async attachDocument(
      current: OpenDraft,
      file: Omit<DraftDocument, 'id' | 'createdAt'>,
    ): Promise<DraftDocument> {
      const document: DraftDocument = { ...file, id: random.uuid(), createdAt: clock.now() };
      await drafts.addDocument(current.id, document);
      return document;
    },

    /** Removes a file from the draft and deletes its encrypted bytes. */
    async removeDocument(current: OpenDraft, documentId: string): Promise<boolean> {
      if (current.submittedAt) return false;
      const removed = await drafts.removeDocument(current.id, documentId);
      if (!removed) return false;
      await deps.blobs.delete(removed.blobKey).catch(() => undefined);
      return true;
    },

    /** Deletes drafts nobody continued within their lifetime, with their files (data minimisation). */
    async purgeExpired(): Promise<number> {
      const keys = await drafts.purgeExpired(clock.now());
      for (const key of keys) await deps.blobs.delete(key).catch(() => undefined);
      return keys.length;
    },

    /** The checklist items marked "provided" that have no file yet. */
    uploadErrors,
  };

  /** One look at a finished upload: inspected (and scanned) and filed, or refused. */
  async function acceptOnce(
    upload: HeldUpload,
  ): Promise<{ ok: true; documentId: string } | { ok: false; code: string; message: string }> {
    const documentId = documentIdFor(upload.uploadId);
    const record = await drafts.findById(upload.draftId);
    if (!record) {
      // Only a held file can outlive its draft (deleted meanwhile): it goes too.
      await deps.blobs.delete(upload.blobKey).catch(() => undefined);
      return { ok: false, code: 'not_found', message: '' };
    }
    if (record.submittedAt && record.caseId) return acceptLater(record, upload, documentId);
    const current = await drafts.documents(upload.draftId);
    if (current.some((d) => d.id === documentId)) return { ok: true, documentId };
    const refuse = async (code: string, message: string) => {
      await deps.blobs.delete(upload.blobKey).catch(() => undefined);
      return { ok: false as const, code, message };
    };
    const total = current.reduce((sum, d) => sum + d.size, 0) + upload.size;
    if (total > deps.limits.maxBytesPerApplication) {
      return refuse(
        'application_too_large',
        `Alle Dateien eines Antrags zusammen dürfen höchstens ${Math.round(deps.limits.maxBytesPerApplication / 1024 ** 2)} MB groß sein.`,
      );
    }
    const verdict = await inspected(upload, {
      actor: { role: uploaderRole(record), id: `draft:${upload.draftId}` },
      resource: { type: 'draft', id: upload.draftId },
      details: { evidenceItem: upload.evidenceItem },
    });
    if (!verdict.ok) return verdict;
    const stored = verdict.stored;
    await drafts.addDocument(upload.draftId, {
      id: documentId,
      evidenceItem: upload.evidenceItem,
      fileName: verdict.safeName,
      contentType: verdict.contentType,
      size: stored.size,
      sha256: stored.sha256,
      blobKey: stored.key,
      flags: verdict.flags,
      createdAt: clock.now(),
    });
    return { ok: true, documentId };
  }

  function inspected(
    upload: { blobKey: string; size: number; sha256: string; fileName: string },
    context: UploadContext,
  ) {
    // Held back, not thrown away, when the scanner cannot say: acceptUpload queues a second look.
    return inspectUploaded(deps, upload, context, { keepUnscanned: true });
  }

  /** Who hands in the draft's files: its representative if it names one, else the applicant. */
  function uploaderRole(record: DraftRecord | null): 'applicant' | 'representative' {
    const parsed = record ? parseDraft(record.content) : null;
    return parsed?.ok && parsed.value.representative.kind !== 'none' ? 'representative' : 'applicant';
  }

  /** Evidence handed in after submitting goes straight into the case file (and the audit trail). */
  async function acceptLater(
    record: DraftRecord,
    upload: {
      uploadId: string;
      blobKey: string;
      size: number;
      sha256: string;
      fileName: string;
      evidenceItem: string;
    },
    documentId: string,
  ): Promise<{ ok: true; documentId: string } | { ok: false; code: string; message: string }> {
    const parsed = parseDraft(record.content);
    const items = parsed.ok ? draftChecklist(parsed.value, deps.validation().today) : [];
    const item = items.find((i) => i.id === upload.evidenceItem);
    const caseId = record.caseId as string;
    const role = uploaderRole(record);
    const verdict = await inspected(upload, {
      actor: { role, id: `draft:${record.id}` },
      resource: { type: 'case', id: caseId },
      details: { category: item?.category ?? 'support_letters' },
    });
    if (!verdict.ok) return verdict;
    await deps.uow.run(async ({ filings, audit, desk }) => {
      // Evidence that comes in answers the office's open requests for documents.
      await desk.answerDocumentRequests(caseId, clock.now());
      await filings.insertDocuments(caseId, [
        {
          id: documentId,
          personId: null,
          evidenceItem: upload.evidenceItem,
          category: item?.category ?? 'support_letters',
          specialCategory: item?.specialCategory ?? false,
          fileName: verdict.safeName,
          contentType: verdict.contentType,
          size: verdict.stored.size,
          sha256: verdict.stored.sha256,
          blobKey: verdict.stored.key,
          flags: verdict.flags,
          uploadedByRole: role,
        },
      ]);
      await audit.append({
        at: clock.now(),
        actor: { role, id: `draft:${record.id}` },
        action: 'document.submitted_later',
        resource: { type: 'case', id: caseId },
        details: { documentId, category: item?.category ?? 'support_letters' },
      });
    });
    return { ok: true, documentId };
  }

  function uploadErrors(current: OpenDraft): FieldError[] {
    const items = draftChecklist(current.draft, deps.validation().today);
    return missingUploads(
      items,
      current.draft.evidence,
      new Set(current.documents.map((d) => d.evidenceItem)),
    );
  }
}

export type DraftUseCases = ReturnType<typeof draftUseCases>;

/** The link that opens a draft on any device. */
export function resumeLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/$/, '')}/antrag/fortsetzen/${token}`;
}

/** A stable document id for an upload id (a v4-shaped UUID from its hash), so a repeated hand-over inserts nothing. */
export function documentIdFor(uploadId: string): string {
  const h = createHash('sha256').update(`upload:${uploadId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h.slice(16, 17), 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
