/**
 * The interfaces the use cases need. Adapters in src/adapters implement them;
 * src/main wires the implementations in. Nothing here knows a library or a protocol.
 */
import type { Readable } from 'node:stream';
import type { CaseEvent, CaseSnapshot, ExclusionReview } from '../domain/case/index.ts';
import type { CaseOutcome } from '../domain/rules/profile.ts';
import type { RetentionStart } from '../domain/rules/retention.ts';
import type { AgendaDecision, Membership } from '../domain/session/index.ts';

/** The current time; injected so that use cases and tests agree on "now". */
export interface Clock {
  now(): Date;
}

/** A mail as the outbox hands it over: German text, no special-category data. */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
  /** Stable id so that a retried send can be recognised by the receiver (Message-ID). */
  idempotencyKey: string;
}

export interface Mailer {
  /** Sends one mail. Throws on a transient failure so that the outbox retries. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export interface StoredBlob {
  /** Opaque storage key, random, never derived from user input. */
  key: string;
  /** SHA-256 of the plaintext, hex. */
  sha256: string;
  size: number;
}

/** Encrypted file storage. Plaintext never touches the disk. */
export interface BlobStore {
  put(content: Readable | Buffer): Promise<StoredBlob>;
  /** Plaintext stream; rejects with BlobNotFoundError for an unknown key. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class BlobNotFoundError extends Error {
  constructor() {
    super('Datei nicht gefunden');
    this.name = 'BlobNotFoundError';
  }
}

/**
 * The store could not write (disk full, directory gone or read-only, I/O error): nothing was stored, and
 * the same put may succeed later. `code` is the system's error code (ENOSPC, EROFS, …), never a path.
 */
export class BlobStoreUnavailableError extends Error {
  constructor(
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(`Dateiablage nicht beschreibbar: ${code}`, options);
    this.name = 'BlobStoreUnavailableError';
  }
}

/** One entry of the audit trail: who did what to which resource. No personal data in details. */
export interface AuditEntry {
  at: Date;
  actor: { role: string; id: string | null };
  action: string;
  resource: { type: string; id: string | null };
  details?: Record<string, unknown>;
}

export interface AuditTrail {
  append(entry: AuditEntry): Promise<void>;
}

/** A side effect to run after the change that caused it has committed. */
export interface OutboxJob {
  kind: string;
  payload: Record<string, unknown>;
  /** The same key twice queues the job once. */
  idempotencyKey: string;
  runAfter?: Date;
}

export interface Outbox {
  enqueue(job: OutboxJob): Promise<void>;
}

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  idempotencyKey: string;
  attempts: number;
  maxAttempts: number;
}

/** The worker's side of the outbox: claim due jobs exclusively, then settle each. */
export interface OutboxQueue {
  claim(limit: number, lockSeconds: number): Promise<ClaimedJob[]>;
  /**
   * Marks the job done — only while this claim still holds it (same attempt, still pending), so a
   * worker whose lease ran out cannot overwrite what another worker settled meanwhile.
   */
  complete(job: ClaimedJob): Promise<boolean>;
  /** Schedules a retry with backoff, or marks the job failed after its last attempt or when permanent. */
  fail(job: ClaimedJob, reason: string, permanent?: boolean): Promise<'retry' | 'failed' | 'lost_lease'>;
}

/** Registration data of a case beyond its snapshot. */
export interface NewCaseRecord {
  caseNumber: string;
  profileId: string;
  authorityId: string | null;
  /** Set for online submissions: the same key submitted again yields the same case. */
  submissionKey: string | null;
}

/** Cases as the use cases see them, inside one transaction. */
export interface CaseStore {
  /** Loads and locks the case row until the transaction ends; null if there is no such case. */
  loadForUpdate(caseId: string): Promise<CaseSnapshot | null>;
  /** Serialises submissions with the same key until the transaction ends (double click, retry). */
  lockSubmissionKey(key: string): Promise<void>;
  findBySubmissionKey(key: string): Promise<{ id: string; caseNumber: string } | null>;
  caseNumberOf(caseId: string): Promise<string | null>;
  /** Reserves the next readable case number of the year (HFK-2026-00042). */
  nextCaseNumber(year: number): Promise<string>;
  insert(snapshot: CaseSnapshot, record: NewCaseRecord): Promise<void>;
  /** Writes the new snapshot only if the stored version is still `expectedVersion`. */
  update(snapshot: CaseSnapshot, expectedVersion: number): Promise<boolean>;
  /** Appends events with consecutive versions ending at the snapshot's version. */
  appendHistory(caseId: string, events: readonly CaseEvent[], firstVersion: number): Promise<void>;
}

export interface TransactionScope {
  cases: CaseStore;
  audit: AuditTrail;
  outbox: Outbox;
  drafts: DraftStore;
  filings: FilingStore;
  contacts: CaseContacts;
  desk: CaseDesk;
  messages: MessageStore;
  /** When a closed case's retention period began (set by the step that ends the procedure). */
  retention: RetentionScheduleStore;
  /** The commission, its sessions, agenda, attendance, decisions and minutes. */
  sessions: SessionStore;
  /** Statements answered in the immigration authority's portal. */
  authorityStatements: AuthorityStatementStore;
  /** What the office chose for the session packs, and what the members' view reads of the agenda's cases. */
  packs: SessionPackStore;
}

/** Runs a use case's writes in one transaction: all of them commit, or none. */
export interface UnitOfWork {
  run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T>;
}

/** Random identifiers and secrets; injected so that tests can make them predictable where needed. */
export interface Randomness {
  uuid(): string;
  /** A URL-safe secret of at least 256 bits. */
  secret(): string;
}

/** A stored draft as the use cases see it; `content` is unparsed JSON (parsed by the domain). */
export interface DraftRecord {
  id: string;
  content: unknown;
  contactEmail: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  expiresAt: Date;
  submittedAt: Date | null;
  caseId: string | null;
}

/** An evidence file attached to a draft (the bytes are in the BlobStore). */
export interface DraftDocument {
  id: string;
  evidenceItem: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  blobKey: string;
  flags: string[];
  createdAt: Date;
}

export interface DraftStore {
  create(draft: {
    id: string;
    tokenHash: string;
    content: unknown;
    now: Date;
    expiresAt: Date;
    /** The representative's account that started it. */
    ownerUserId?: string | null;
  }): Promise<void>;
  /** Matches the resume link's secret and the key an account handed out. */
  findByTokenHash(tokenHash: string): Promise<DraftRecord | null>;
  /** A new key for the account's browser (the resume link keeps working). */
  setAccountToken(id: string, tokenHash: string): Promise<void>;
  findById(id: string): Promise<DraftRecord | null>;
  /** Locks the draft row until the transaction ends (used by the submission). */
  loadForUpdate(id: string): Promise<DraftRecord | null>;
  /** Writes the content only if the stored version is still `expectedVersion`; false otherwise. */
  save(
    id: string,
    change: { content: unknown; expectedVersion: number; now: Date; expiresAt: Date },
  ): Promise<boolean>;
  setContactEmail(id: string, email: string | null): Promise<void>;
  markSubmitted(id: string, caseId: string, at: Date): Promise<void>;
  documents(draftId: string): Promise<DraftDocument[]>;
  addDocument(draftId: string, document: DraftDocument): Promise<void>;
  /** Deletes unsubmitted drafts past their expiry; returns the blob keys of their files. */
  purgeExpired(now: Date): Promise<string[]>;
  /** Detaches a document from the draft; returns it (so the caller can delete the blob), or null. */
  removeDocument(draftId: string, documentId: string): Promise<DraftDocument | null>;
}

/** A person as filed: the columns the back office searches and lists. */
export interface FiledPerson {
  id: string;
  position: number;
  familyName: string;
  givenNames: string;
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  birthDate: string;
  birthPlace: string;
  nationalityCode: string;
  relation: string;
  address: Record<string, unknown>;
  municipalityAgs: string | null;
}

export interface FiledDocument {
  id: string;
  personId: string | null;
  evidenceItem: string | null;
  category: string;
  specialCategory: boolean;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  blobKey: string;
  flags: string[];
  uploadedByRole: string;
}

/** The filed application of a case: its persons, documents and content, written with the case. */
export interface FilingStore {
  insertPersons(caseId: string, persons: readonly FiledPerson[]): Promise<void>;
  insertDocuments(caseId: string, documents: readonly FiledDocument[]): Promise<void>;
  insertApplication(
    caseId: string,
    application: { content: unknown; language: string; submittedAt: Date },
  ): Promise<void>;
  /** What the office's search finds the case by: free text (stemmed) and folded name keys. */
  indexForSearch(caseId: string, index: { text: string; names: string }): Promise<void>;
}

/** The immigration authority responsible for an address, from the reference data. */
export interface AuthorityMatch {
  authorityId: string;
  authorityName: string;
  /** Where notices go; null while the administrator has not entered one. */
  authorityEmail: string | null;
  municipalityAgs: string;
  municipalityName: string;
}

export interface AuthorityDirectory {
  /** Municipalities with this postal code; more than one when a postal code spans municipalities. */
  forPostalCode(postalCode: string): Promise<AuthorityMatch[]>;
}

/** What the receipt shows, read from the filed application. */
export interface ReceiptFacts {
  caseNumber: string;
  receivedAt: Date;
  channel: 'online' | 'post' | 'fax' | 'email' | 'de_mail';
  /** The filed application content (validated, German); null for an application by post, fax or e-mail. */
  application: unknown;
  /** The persons as the office registered them, for an application that came on paper. */
  registeredPersons: {
    familyName: string;
    givenNames: string;
    birthDate: string;
    nationalityCode: string;
    address: {
      careOf: string | null;
      street: string;
      houseNumber: string | null;
      postalCode: string;
      place: string;
    } | null;
  }[];
  documents: { fileName: string; category: string; size: number; sha256: string }[];
  /** The receipt already stored for this case, if an earlier run got that far. */
  receipt: { documentId: string; blobKey: string } | null;
  /** Who gets it by mail: the representative's address, else the applicant's contact address. */
  recipients: string[];
}

export interface ReceiptRecords {
  load(caseId: string): Promise<ReceiptFacts | null>;
  /**
   * Stores the receipt and the application copy as documents of the case, linked to the application;
   * for a paper application only the receipt (the scanned letter is the application).
   */
  record(
    caseId: string,
    documents: {
      receipt: { id: string; blobKey: string; sha256: string; size: number };
      applicationCopy: { id: string; blobKey: string; sha256: string; size: number } | null;
    },
    /** Lists the receipt among the letters of the case. */
    letter?: Omit<StoredLetter, 'documentId' | 'blobKey'> & { idempotencyKey: string },
  ): Promise<void>;
}

/** What the client said about an upload (file name, type, form fields): untrusted text. */
export type UploadMetadata = Record<string, string>;

/** One upload as stored: how far it got and, once the use case took the file, what it answered. */
export interface UploadState {
  id: string;
  ownerId: string;
  /** Declared size in bytes. */
  length: number;
  /** Bytes durably stored; a resumed upload continues here. */
  offset: number;
  metadata: UploadMetadata;
  createdAt: Date;
  expiresAt: Date;
  /** What finish() recorded from the use case; null until then. */
  result: Record<string, unknown> | null;
}

/** A finished upload: every byte in one encrypted blob. */
export interface FinishedUpload {
  uploadId: string;
  ownerId: string;
  size: number;
  /** SHA-256 of the plaintext, hex. */
  sha256: string;
  blobKey: string;
  metadata: UploadMetadata;
}

export type UploadErrorReason = 'not_found' | 'conflict' | 'too_large' | 'incomplete' | 'empty';

export class UploadError extends Error {
  readonly reason: UploadErrorReason;
  /** For too_large: the limit in bytes. */
  readonly limit: number | undefined;

  constructor(reason: UploadErrorReason, limit?: number) {
    super(`Upload abgelehnt: ${reason}`);
    this.name = 'UploadError';
    this.reason = reason;
    this.limit = limit;
  }
}

/**
 * Resumable uploads into the encrypted blob store, their state shared by all instances.
 * `Protocol` is the same store as the upload protocol's server library sees it (for tus: a DataStore).
 */
export interface UploadStore<Protocol = unknown> {
  readonly protocol: Protocol;
  /** Registers a new, empty upload; `id` must be random (32 hex digits). Rejects too_large past the limit. */
  createUpload(input: {
    id: string;
    ownerId: string;
    length: number;
    metadata: UploadMetadata;
    createdAt?: Date;
  }): Promise<UploadState>;
  getUploadState(id: string): Promise<UploadState | null>;
  /**
   * Stores a whole file from one stream (the form upload) as a fully received upload. Rejects with
   * too_large once more than `maxBytes` arrive, with empty for no bytes at all, and keeps nothing then.
   */
  ingest(input: {
    ownerId: string;
    content: Readable;
    metadata: UploadMetadata;
    maxBytes?: number;
  }): Promise<UploadState>;
  /**
   * Joins the parts of a fully received upload into one blob and hands it to `deliver` while holding
   * the upload exclusively; records deliver's answer. An upload already delivered returns the recorded
   * answer without calling `deliver` again. Rejects with conflict while another request holds the
   * upload, incomplete before the last byte arrived.
   */
  finish(
    id: string,
    deliver: (file: FinishedUpload) => Promise<Record<string, unknown>>,
  ): Promise<{ file: FinishedUpload; result: Record<string, unknown> }>;
  /**
   * Deletes expired uploads that were never handed to deliver (blobs and rows) and forgets delivered
   * ones (rows only; the file is the use case's now). Returns how many rows went.
   */
  purgeExpiredUploads(now: Date): Promise<number>;
}

/** What the applicant's confirmation page shows of a filed case. */
export interface FiledCaseLookup {
  /** Case number, the stored receipt (once the outbox has issued it) and whether it goes by mail. */
  confirmation(caseId: string): Promise<{
    caseNumber: string;
    state: string;
    version: number;
    receiptBlobKey: string | null;
    mailed: boolean;
  } | null>;
  /** The files of the case that the applicant or representative handed in (name, item, when). */
  submittedDocuments(
    caseId: string,
  ): Promise<{ id: string; evidenceItem: string | null; fileName: string; size: number; createdAt: Date }[]>;
}

/** A person as the office's forms print it (all strings as entered). */
export interface FormPerson {
  familyName: string;
  givenNames: string;
  /** '12.03.1990', '03.1990' or '1990'. */
  birthDate: string;
  nationality?: string;
  address?: string[];
}

/** The three forms to sign, pre-filled (consent, power of attorney, release from medical confidentiality). */
export interface FormRenderer {
  dataConsent(person: FormPerson): Promise<Buffer>;
  powerOfAttorney(
    persons: readonly FormPerson[],
    representative: { name: string; organisation?: string; address: string[] },
  ): Promise<Buffer>;
  medicalRelease(person: FormPerson, doctor: { name: string }): Promise<Buffer>;
}

/** The verdict on an uploaded file, decided by its content. */
export type InspectionOutcome =
  | {
      ok: true;
      contentType: string;
      safeName: string;
      /** Re-encoded bytes (images without metadata), or null to keep the stored bytes as they are. */
      normalised: Buffer | null;
      flags: string[];
    }
  | { ok: false; code: string; message: string };

export interface UploadInspector {
  inspect(input: {
    open: () => Promise<Readable>;
    size: number;
    declaredName: string;
  }): Promise<InspectionOutcome>;
}

/** A virus scanner's verdict on one file; `signature` is the scanner's name for what it found (no personal data). */
export type VirusScanVerdict = { clean: true } | { clean: false; signature: string };

/** The scanner is configured but did not answer (down, too slow, refused): the file is not clean, only unchecked. */
export class VirusScannerUnavailableError extends Error {
  constructor(readonly reason: 'unreachable' | 'timeout' | 'protocol' | 'limit') {
    super(`Virenprüfung nicht verfügbar: ${reason}`);
    this.name = 'VirusScannerUnavailableError';
  }
}

/** Scans a file's bytes for malware (ClamAV's clamd). Throws VirusScannerUnavailableError when it cannot say. */
export interface VirusScanner {
  scan(open: () => Promise<Readable>): Promise<VirusScanVerdict>;
  /** true when the scanner answers now (for /health/ready and the startup log). */
  ping(): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------------------
// Staff login (password + TOTP, server-side sessions)

/** The roles that log in with password and TOTP (a subset of the domain's roles). */
export type StaffRole = 'office_clerk' | 'office_head' | 'admin' | 'member' | 'authority' | 'representative';

/** A user account as the login sees it. `role` is the stored text: it may be a role that cannot log in here. */
export interface StaffAccount {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organisationId: string | null;
  /** argon2id (PHC string); null while no password is set. */
  passwordHash: string | null;
  /** The TOTP secret, sealed with the master key; only the TotpVerifier opens it. */
  totpSecretSealed: string | null;
  /** The last TOTP time step accepted: a code of this step or an earlier one is never accepted again. */
  totpLastStep: number | null;
  failedLogins: number;
  lockedUntil: Date | null;
  disabled: boolean;
  /** When the owner last set the password; null means it is still the initial one (change forced). */
  passwordChangedAt: Date | null;
}

export interface StaffDirectory {
  /** The account with this e-mail address, compared without regard to case. */
  findByEmail(email: string): Promise<StaffAccount | null>;
  /** `forUpdate` locks the row until the transaction ends (use inside StaffAuthTransactions only). */
  findById(id: string, options?: { forUpdate?: boolean }): Promise<StaffAccount | null>;
  /**
   * Counts one failed attempt; the `maxFailures`th in a row locks the account until `lockUntil` (and
   * starts the count again). Atomic, so parallel attempts are all counted.
   */
  recordFailure(
    userId: string,
    policy: { maxFailures: number; lockUntil: Date },
  ): Promise<{ failedLogins: number; lockedUntil: Date | null; lockedNow: boolean }>;
  /** A completed login: the failure count and any lock are cleared. */
  recordSuccess(userId: string): Promise<void>;
  /** Records the TOTP step just used, only if it is later than the last one; false if it is not (a reuse). */
  claimTotpStep(userId: string, step: number): Promise<boolean>;
  setPassword(userId: string, passwordHash: string, changedAt: Date): Promise<void>;
}

/** One login session. `idHash` is the SHA-256 (hex) of the cookie value; the value itself is never stored. */
export interface LoginSessionRecord {
  idHash: string;
  userId: string;
  data: Record<string, unknown>;
  createdAt: Date;
  lastSeenAt: Date;
  /** The absolute end of the session. */
  expiresAt: Date;
}

export interface LoginSessionStore {
  create(session: {
    idHash: string;
    userId: string;
    data: Record<string, unknown>;
    now: Date;
    expiresAt: Date;
  }): Promise<void>;
  /** The session with its account, or null. Expired rows are returned too: the use case decides. */
  findByIdHash(idHash: string): Promise<{ session: LoginSessionRecord; account: StaffAccount } | null>;
  touch(idHash: string, now: Date): Promise<void>;
  /** true if a row was deleted. */
  delete(idHash: string): Promise<boolean>;
  /** Ends every session of a user; returns how many there were. */
  deleteAllOfUser(userId: string): Promise<number>;
  /** Deletes sessions past their absolute end or idle since before `idleSince`; returns how many. */
  deleteExpired(now: Date, idleSince: Date): Promise<number>;
}

/** The login's writes with their audit entries in one transaction. */
export interface StaffAuthTransactions {
  run<T>(
    work: (scope: {
      directory: StaffDirectory;
      sessions: LoginSessionStore;
      audit: AuditTrail;
    }) => Promise<T>,
  ): Promise<T>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * true if the password matches. With `hash` null it checks against a fixed dummy hash and answers
   * false, taking as long as a real check (so an unknown account is not recognisable by timing).
   */
  verify(hash: string | null, password: string): Promise<boolean>;
}

export interface TotpVerifier {
  /**
   * Checks a 6-digit code against the sealed secret at `at`, allowing one 30-second step either side;
   * answers the time step the code belongs to, so the caller can refuse a reuse.
   */
  verify(
    sealedSecret: string,
    code: string,
    at: Date,
  ): Promise<{ valid: true; step: number } | { valid: false }>;
}

/** One row of the office's case list. */
export interface InboxRow {
  caseId: string;
  caseNumber: string;
  state: string;
  channel: string;
  receivedAt: Date;
  authorityName: string | null;
  /** "Given Family" of each person, in order. */
  personNames: string[];
  deportationDate: string | null;
  assigneeName: string | null;
  /** The nearest open deadline: the authority's statement or documents asked of the applicant. */
  deadline: { kind: 'statement' | 'documents'; dueOn: string } | null;
  /** Messages of the applicant or representative the office has not read yet. */
  unreadMessages: number;
}

export interface InboxFilter {
  states?: readonly string[];
  limit: number;
  /** Rows skipped before the first returned (the pages after the first). */
  offset?: number;
  /** Free text: case number, names (any spelling), reasons, file names. */
  query?: { text: string; nameKey: string };
  /** Only the cases of this office user. */
  assigneeId?: string;
  /** Only the cases whose file lies with this immigration authority. */
  authorityId?: string;
  /** Only the cases with an open deadline before this date (YYYY-MM-DD): overdue on that day; sorted by it. */
  overdueOn?: string;
  /** Only cases with unread messages of the applicant or representative. */
  unreadMessages?: boolean;
}

/** Everything the case file shows; the application content is the filed (German) one. */
export interface CaseFileData {
  caseId: string;
  caseNumber: string;
  state: string;
  version: number;
  channel: string;
  receivedAt: Date;
  authorityName: string | null;
  application: unknown;
  /** What the pre-check recorded on the exclusion grounds, with the notes per ground. */
  exclusionReview: ExclusionReview | null;
  assignee: { id: string; name: string } | null;
  notes: { id: string; authorName: string | null; text: string; createdAt: Date }[];
  documentRequests: DocumentRequest[];
  /** The office staff a case can be assigned to. */
  officeStaff: { id: string; name: string }[];
  /** The persons as filed (for every channel; the online content has more). */
  persons: {
    familyName: string;
    givenNames: string;
    birthDate: string;
    nationalityCode: string;
    relation: string | null;
  }[];
  documents: {
    id: string;
    category: string;
    evidenceItem: string | null;
    specialCategory: boolean;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    flags: string[];
    uploadedByRole: string;
    createdAt: Date;
  }[];
  history: {
    version: number;
    eventType: string;
    actorRole: string;
    at: Date;
    /** For a pre-check decision: the pre-screening committee took it. */
    byCommittee: boolean;
  }[];
  /** Letters sent in the case, oldest first (their PDFs are documents of category 'letter'). */
  letters: LetterRow[];
}

export interface CaseFileReader {
  inbox(filter: InboxFilter): Promise<InboxRow[]>;
  /** The immigration authorities that have cases, for the list's filter. */
  authoritiesWithCases(): Promise<{ id: string; name: string }[]>;
  /** Every active immigration authority, for changing the one responsible for a case. */
  authorities(): Promise<{ id: string; name: string }[]>;
  caseFile(caseId: string): Promise<CaseFileData | null>;
  /** Persons of other cases born in the same year as a person of this case (candidates for repeats). */
  sameBirthYear(caseId: string): Promise<
    {
      person: { givenNames: string; familyName: string };
      other: {
        caseId: string;
        caseNumber: string;
        state: string;
        receivedAt: Date;
        givenNames: string;
        familyName: string;
      };
    }[]
  >;
  /** A document with its blob, only if it belongs to the case. */
  document(
    caseId: string,
    documentId: string,
  ): Promise<{
    blobKey: string;
    fileName: string;
    contentType: string;
    specialCategory: boolean;
    /** Who filed it: 'applicant' or 'representative' for what came with the application or later. */
    uploadedByRole: string;
  } | null>;
}

/** An organisation as the administration lists it. */
export interface OrganisationRow {
  id: string;
  kind: 'office' | 'immigration_authority' | 'counselling' | 'law_firm';
  name: string;
  email: string | null;
  kreisAgs: string | null;
}

/** A staff account as the administration lists it (no secrets). */
export interface AccountRow {
  id: string;
  email: string;
  name: string;
  role: string;
  organisationId: string | null;
  disabled: boolean;
  lockedUntil: Date | null;
  initialPassword: boolean;
}

/** Accounts and organisations, for administrators only; every change is audited by the adapter's transaction. */
export interface Administration {
  organisations(): Promise<OrganisationRow[]>;
  setOrganisationEmail(
    id: string,
    email: string | null,
    actor: { role: string; id: string },
  ): Promise<boolean>;
  accounts(): Promise<AccountRow[]>;
  createAccount(
    input: { email: string; name: string; role: string; organisationId: string | null },
    actor: { role: string; id: string },
  ): Promise<
    { ok: true; userId: string; initialPassword: string; totpUri: string } | { ok: false; errors: string[] }
  >;
  setDisabled(id: string, disabled: boolean, actor: { role: string; id: string }): Promise<boolean>;
  /** New initial password and TOTP secret, lock lifted, sessions ended; null for an unknown account. */
  resetCredentials(
    id: string,
    actor: { role: string; id: string },
  ): Promise<{ email: string; initialPassword: string; totpUri: string } | null>;
  /** Lifts a lockout and resets the failure count. */
  unlock(id: string, actor: { role: string; id: string }): Promise<boolean>;
}

/** Where the notices of a case go: the authority's address and the applicant's (or representative's). */
export interface CaseContacts {
  of(
    caseId: string,
  ): Promise<{ caseNumber: string; authorityEmail: string | null; applicantEmails: string[] } | null>;
}

/** The due date of the statement a case is waiting for (null: it waits for none). */
export interface StatementDeadlines {
  awaitedStatementDueAt(caseId: string): Promise<string | null>;
}

/** Office-internal bookkeeping of a case: notes and the person handling it. */
export interface CaseDesk {
  addNote(caseId: string, note: { id: string; authorId: string; text: string }): Promise<boolean>;
  /**
   * Sets who handles the case. With `seen` (the assignee the form showed), only if that is still the
   * assignee or the case already has the wanted one: a stale form answers 'conflict', not a lost update.
   */
  assign(
    caseId: string,
    assigneeId: string | null,
    seen?: { assigneeId: string | null },
  ): Promise<'assigned' | 'conflict' | 'not_found'>;
  addDocumentRequest(
    caseId: string,
    request: { id: string; text: string; dueOn: string; createdBy: string },
  ): Promise<boolean>;
  /** Marks the open requests of a case answered (evidence came in); returns how many. */
  answerDocumentRequests(caseId: string, at: Date): Promise<number>;
  /**
   * Makes another active immigration authority responsible for the case, the case row locked against
   * a concurrent step; null when the case does not exist.
   */
  changeAuthority(
    caseId: string,
    authorityId: string,
  ): Promise<
    | {
        previous: { id: string; name: string } | null;
        authority: { id: string; name: string };
        state: string;
        version: number;
      }
    | 'unknown_authority'
    | null
  >;
  /** The version of the latest event of a type in the case's history. */
  latestEventVersion(caseId: string, eventType: string): Promise<number | null>;
}

export interface DocumentRequest {
  id: string;
  text: string;
  dueOn: string;
  createdAt: Date;
  answeredAt: Date | null;
}

export interface DocumentRequestReader {
  forCase(caseId: string): Promise<DocumentRequest[]>;
  /** One request with its case, if it is still open (for the reminder). */
  open(requestId: string): Promise<{ caseId: string; dueOn: string; text: string } | null>;
}

/** One message of a case's thread between the applicant (or representative) and the office. */
export interface CaseMessage {
  id: string;
  direction: 'from_applicant' | 'from_office';
  /** applicant, representative, office_clerk or office_head. */
  authorRole: string;
  /** The staff member's name for office messages (null once the account is gone, and for applicants). */
  authorName: string | null;
  body: string;
  createdAt: Date;
  /** When the other side saw it. */
  readAt: Date | null;
}

/** The thread of a case, inside the use case's transaction. */
export interface MessageStore {
  /** false if there is no such case. */
  add(
    caseId: string,
    message: {
      id: string;
      direction: 'from_applicant' | 'from_office';
      authorRole: string;
      authorId: string | null;
      body: string;
      createdAt: Date;
    },
  ): Promise<boolean>;
  /** Oldest first. */
  thread(caseId: string): Promise<CaseMessage[]>;
  /** How many messages of one direction are still unread. */
  countUnread(caseId: string, direction: 'from_applicant' | 'from_office'): Promise<number>;
  /** Marks the unread messages of one direction read; returns how many. */
  markRead(caseId: string, direction: 'from_applicant' | 'from_office', at: Date): Promise<number>;
}

// ---------------------------------------------------------------------------------------------------------
// Letters

/** What a letter of a case is written from: the filed case, its persons, contacts and history. */
export interface LetterFacts {
  caseNumber: string;
  receivedAt: Date;
  channel: string;
  /** In order; the first is the main applicant. `address` as filed (may be incomplete for paper intake). */
  persons: {
    givenNames: string;
    familyName: string;
    birthDate: string;
    nationalityCode: string;
    address: {
      careOf?: string | null;
      street?: string;
      houseNumber?: string | null;
      postalCode?: string;
      place?: string;
    } | null;
  }[];
  authority: { name: string } | null;
  representative: { name: string; organisation: string | null; address: string[] } | null;
  /** Where applicant-side letters are mailed: the representative's address, else the applicant's. */
  emails: string[];
  history: { version: number; eventType: string; at: Date; data: Record<string, unknown> }[];
}

/** A letter as stored: its PDF is a document of the case (category 'letter'). */
export interface StoredLetter {
  id: string;
  documentId: string;
  blobKey: string;
  templateId: string;
  templateVersion: string;
  addressee: 'applicant' | 'representative' | 'authority';
  channel: 'mail' | 'portal' | 'print';
}

/** One row of the case file's list of letters. */
export interface LetterRow {
  id: string;
  documentId: string;
  fileName: string;
  templateId: string;
  templateVersion: string;
  addressee: string;
  channel: string;
  createdAt: Date;
}

export interface LetterRecords {
  load(caseId: string): Promise<LetterFacts | null>;
  /** A request for documents of the case, answered or not. */
  documentRequest(caseId: string, requestId: string): Promise<{ text: string; dueOn: string } | null>;
  /** The letter an earlier run of the same job stored, if any. */
  find(idempotencyKey: string): Promise<StoredLetter | null>;
  /** Stores the letter's document and its row in one transaction. */
  record(
    caseId: string,
    letter: StoredLetter & { sha256: string; size: number; fileName: string; idempotencyKey: string },
  ): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------
// Several photos of one document as one PDF; safe previews

/** Builds one PDF from images (one page each, in the given order); the images are already re-encoded. */
export interface ImagePdfBuilder {
  build(images: readonly { data: Buffer; contentType: 'image/jpeg' | 'image/png' }[]): Promise<Buffer>;
}

/** A picture we produced from a document, never the document's own bytes. */
export interface PreviewImage {
  data: Buffer;
  contentType: 'image/png' | 'image/jpeg';
}

/**
 * Renders documents (PDF, JPEG, PNG) as images from their plaintext, in memory: a small thumbnail, or
 * one page of a PDF. Bounded in time and size; null when the document cannot be rendered.
 */
export interface DocumentPreviewer {
  thumbnail(document: { data: Buffer; contentType: string }, size: number): Promise<PreviewImage | null>;
  /** How many pages a preview of the document has (1 for an image); null when it cannot be read. */
  pageCount(document: { data: Buffer; contentType: string }): Promise<number | null>;
  /** Page `page` (1-based) at most `width` pixels wide. */
  page(
    document: { data: Buffer; contentType: string },
    page: number,
    width: number,
  ): Promise<PreviewImage | null>;
}

// ---------------------------------------------------------------------------------------------------------
// Representatives' accounts

/** A draft or filed application of a representative's account (or a colleague's in the organisation). */
export interface AccountApplication {
  draftId: string;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  caseNumber: string | null;
  caseState: string | null;
  /** "Given Family" of each person of the draft, in order. */
  personNames: string[];
  /** Who in the organisation started it. */
  startedBy: string;
}

export interface RepresentativeAccounts {
  /** Stores a registration until its address is confirmed (a newer one for the same address replaces it). */
  savePending(registration: {
    tokenHash: string;
    email: string;
    name: string;
    organisation: { name: string; kind: 'counselling' | 'law_firm' } | null;
    password: string;
    expiresAt: Date;
  }): Promise<void>;
  emailTaken(email: string): Promise<boolean>;
  /**
   * Turns a registration into an account (with its organisation) and a new TOTP secret, audited; the
   * registration is used up. The authenticator URI is returned once.
   */
  confirm(
    tokenHash: string,
    now: Date,
  ): Promise<
    | { ok: true; userId: string; email: string; totpUri: string }
    | { ok: false; kind: 'unknown' | 'expired' | 'taken' }
  >;
  applications(userId: string): Promise<AccountApplication[]>;
  /** True if the draft was started by the account or by a colleague of its organisation. */
  owns(userId: string, draftId: string): Promise<boolean>;
  /** The active representative account with this address (any case of letters), if there is one. */
  representativeByEmail(email: string): Promise<{ userId: string; email: string } | null>;
  /** Stores a password link of the account; earlier ones of the same account stop working. */
  saveReset(reset: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void>;
  /**
   * Sets the new password from a link (used up), ends every login session of the account and
   * clears a lockout, audited; the second factor is unchanged.
   */
  resetPassword(
    tokenHash: string,
    password: string,
    now: Date,
  ): Promise<{ ok: true; userId: string; email: string } | { ok: false; kind: 'unknown' | 'expired' }>;
  /** Stores an invitation into the organisation (a newer one for the same address replaces it), audited. */
  saveInvitation(invitation: {
    tokenHash: string;
    organisationId: string;
    invitedBy: string;
    email: string;
    expiresAt: Date;
  }): Promise<void>;
  /** The address an open invitation was sent to, or why there is none. */
  invitation(
    tokenHash: string,
    now: Date,
  ): Promise<
    { ok: true; email: string; organisationName: string } | { ok: false; kind: 'unknown' | 'expired' }
  >;
  /** Accepts an invitation: the colleague's account in the organisation, with a new TOTP secret (once). */
  acceptInvitation(
    tokenHash: string,
    input: { name: string; password: string },
    now: Date,
  ): Promise<
    | { ok: true; userId: string; email: string; totpUri: string }
    | { ok: false; kind: 'unknown' | 'expired' | 'taken' }
  >;
  /** The accounts of the organisation and its open invitations. */
  colleagues(organisationId: string): Promise<Colleagues>;
  /** Deletes expired registrations, password links and invitations; how many. */
  purgeExpired(now: Date): Promise<number>;
}

export interface Colleagues {
  organisationName: string;
  members: { name: string; email: string }[];
  invited: { email: string; expiresAt: Date }[];
}

// ---------------------------------------------------------------------------------------------------------
// Retention, deletion with an archive package, and the export of one person's data (Art. 15 DSGVO)

/** The retention period of a case, written in the step's transaction. */
export interface RetentionScheduleStore {
  /** The procedure ended: its retention period begins (replacing one of an earlier ending). */
  start(caseId: string, start: RetentionStart): Promise<void>;
  /** The case was reopened: no retention period runs. */
  cancel(caseId: string): Promise<void>;
}

/** An active legal hold (Löschsperre) of a case. */
export interface LegalHold {
  id: string;
  caseId: string;
  caseNumber: string;
  reason: string;
  setByName: string | null;
  setAt: Date;
}

export type DeletionStatus = 'approved' | 'archived' | 'deleted';

/** A case in the office's deletion list: its retention began on or before the pre-filter's date. */
export interface RetentionCandidate {
  caseId: string;
  caseNumber: string;
  outcome: CaseOutcome;
  closedOn: string;
  hold: { since: Date } | null;
  /** Set once the office head approved the deletion. */
  deletion: DeletionStatus | null;
}

/** A deletion, from approval to the tombstone (status 'deleted'): no personal data. */
export interface CaseDeletionRecord {
  caseId: string;
  caseNumber: string;
  outcome: CaseOutcome;
  receivedOn: string;
  closedOn: string;
  dueOn: string;
  approvedBy: string;
  approvedByName: string | null;
  approvedAt: Date;
  status: DeletionStatus;
  archive: { blobKey: string | null; sha256: string; size: number; fingerprint: string; at: Date } | null;
  deletedAt: Date | null;
  handedOverAt: Date | null;
}

/** Everything stored of one case: what its archive package describes and a person's export draws on. */
export interface CaseRecord {
  case: {
    id: string;
    caseNumber: string;
    profileId: string;
    state: string;
    channel: string;
    receivedAt: string;
    authority: string | null;
  };
  application: { content: unknown; language: string; submittedAt: string } | null;
  persons: {
    id: string;
    position: number;
    familyName: string;
    givenNames: string;
    birthDate: string;
    birthPlace: string;
    nationalityCode: string;
    relation: string | null;
    address: Record<string, unknown> | null;
    municipalityAgs: string | null;
  }[];
  history: { version: number; eventType: string; actorRole: string; at: string; data: unknown }[];
  messages: {
    id: string;
    direction: string;
    authorRole: string;
    body: string;
    createdAt: string;
    readAt: string | null;
  }[];
  notes: { id: string; text: string; createdAt: string }[];
  documentRequests: {
    id: string;
    text: string;
    dueOn: string;
    createdAt: string;
    answeredAt: string | null;
  }[];
  letters: {
    id: string;
    documentId: string;
    templateId: string;
    templateVersion: string;
    addressee: string;
    channel: string;
    createdAt: string;
  }[];
  documents: {
    id: string;
    personId: string | null;
    category: string;
    evidenceItem: string | null;
    specialCategory: boolean;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    uploadedByRole: string;
    createdAt: string;
    /** Where the bytes are; never written into a package. */
    blobKey: string;
  }[];
  holds: { reason: string; setAt: string; liftReason: string | null; liftedAt: string | null }[];
  retention: RetentionStart | null;
}

/** A person as the export's search lists them, with their case. */
export interface PersonMatch {
  personId: string;
  caseId: string;
  caseNumber: string;
  givenNames: string;
  familyName: string;
  birthDate: string;
  nationalityCode: string;
  relation: string | null;
}

/** Retention data, bound to one transaction (or to the database outside one). */
export interface RetentionStore {
  /** Closed cases whose retention began on or before `closedOnOrBefore`, with hold and deletion. */
  candidates(closedOnOrBefore: string): Promise<RetentionCandidate[]>;
  /** Locks the case row until the transaction ends. */
  lockCase(caseId: string): Promise<{ caseNumber: string; state: string; receivedAt: Date } | null>;
  /** The case's state without locking it; null if there is no such case. */
  caseState(caseId: string): Promise<string | null>;
  schedule(caseId: string): Promise<RetentionStart | null>;
  activeHold(caseId: string): Promise<LegalHold | null>;
  activeHolds(): Promise<LegalHold[]>;
  setHold(hold: { id: string; caseId: string; reason: string; setBy: string; setAt: Date }): Promise<void>;
  /** Lifts the active hold; its id, or null when there was none. */
  liftHold(caseId: string, lift: { reason: string; by: string; at: Date }): Promise<string | null>;
  deletion(caseId: string): Promise<CaseDeletionRecord | null>;
  deletions(): Promise<CaseDeletionRecord[]>;
  approve(
    row: Omit<CaseDeletionRecord, 'approvedByName' | 'status' | 'archive' | 'deletedAt' | 'handedOverAt'>,
  ): Promise<void>;
  /** Records the stored package while the deletion is still only approved; false otherwise. */
  recordArchive(
    caseId: string,
    archive: { blobKey: string; sha256: string; size: number; fingerprint: string; at: Date },
  ): Promise<boolean>;
  /** Forgets an outdated package (back to 'approved'); its blob key, to be deleted. */
  resetArchive(caseId: string): Promise<string | null>;
  /** Removes a deletion that is not carried out; the blob key of its package, if any. */
  cancelDeletion(caseId: string): Promise<string | null>;
  /** Everything stored of the case. */
  read(caseId: string): Promise<CaseRecord | null>;
  /**
   * Deletes every row of the case (persons, documents, history, messages, notes, requests, letters,
   * drafts, uploads, holds, schedule, its outbox jobs but `keepJob`) and the case; the blob keys of its files.
   */
  deleteCase(
    caseId: string,
    keepJob: { idempotencyKey: string },
  ): Promise<{ blobKeys: string[]; rows: number }>;
  markDeleted(caseId: string, at: Date): Promise<void>;
  /** Marks a deleted case's package handed over to the state archive; its blob key, or null if not possible. */
  handOver(caseId: string, by: string, at: Date): Promise<string | null>;
  /** Queues files for deletion after commit. */
  queueBlobDeletions(keys: readonly string[]): Promise<void>;
  /** The persons of these cases, in case and position order. */
  personsOfCases(caseIds: readonly string[]): Promise<PersonMatch[]>;
  personsByIds(personIds: readonly string[]): Promise<PersonMatch[]>;
}

export interface RetentionScope {
  retention: RetentionStore;
  audit: AuditTrail;
  outbox: Outbox;
}

/** Retention's writes with their audit entries and jobs in one transaction. */
export interface RetentionTransactions {
  run<T>(work: (scope: RetentionScope) => Promise<T>): Promise<T>;
}

/** Files whose rows are gone, waiting to be deleted (after the commit that removed the rows). */
export interface BlobDeletionQueue {
  /** Up to `limit` queued keys that no row refers to any more, oldest first. */
  next(limit: number): Promise<string[]>;
  /** The file is gone: the key leaves the queue. */
  done(key: string): Promise<void>;
  /** Deleting the file failed: counted, retried on the next run. */
  failed(key: string): Promise<void>;
}

/** One file of a ZIP: its path inside and its bytes (streamed). */
export interface ZipEntry {
  name: string;
  data: Uint8Array | AsyncIterable<Uint8Array>;
  modified?: Date;
}

/** Writes a ZIP (stored, not compressed) as a stream, reading each entry only when it is its turn. */
export interface ZipWriter {
  zip(entries: AsyncIterable<ZipEntry>): Readable;
}

// The commission and its sessions

/** A planned (or held) session of the commission. */
export interface SessionRecord {
  id: string;
  startsAt: Date;
  /** The day in Germany, 'YYYY-MM-DD'. */
  day: string;
  place: string;
  chairId: string;
  chairName: string;
  invitedAt: Date | null;
  /** Set when the chair approved the minutes: the session is locked from then on. */
  approvedAt: Date | null;
  approvedBy: string | null;
  /** The stored minutes PDF, once the outbox has written it. */
  minutes: { blobKey: string; sha256: string; size: number } | null;
}

/** One case on a session's agenda, with its current state and the decision recorded so far. */
export interface AgendaItemRecord {
  caseId: string;
  caseNumber: string;
  position: number;
  /** "Given Family" of each person, in order. */
  personNames: string[];
  caseState: string;
  /** The session the case is scheduled for now (another one, or none, once it left this agenda). */
  caseSessionId: string | null;
  decision: AgendaDecision | null;
  decidedAt: Date | null;
}

/** A case that can go on an agenda: ready for a session, or adjourned by an earlier one. */
export interface AgendaCandidate {
  caseId: string;
  caseNumber: string;
  state: string;
  personNames: string[];
  authorityName: string | null;
}

/** The commission's and the sessions' records, inside the use case's transaction. */
export interface SessionStore {
  /** Serialises changes to the commission's appointments (their rules count across rows). */
  lockCommission(): Promise<void>;
  /** Every appointment, past and future, with the person's name. */
  memberships(): Promise<Membership[]>;
  /** The accounts with the role `member` (members and deputies log in with them). */
  memberAccounts(): Promise<{ id: string; name: string; email: string; disabled: boolean }[]>;
  insertMembership(membership: Omit<Membership, 'name'>): Promise<void>;
  /** True if a session's attendance or another appointment refers to it. */
  membershipInUse(id: string): Promise<boolean>;
  deleteMembership(id: string): Promise<boolean>;
  /** The heads of the office (enabled accounts), who may chair. */
  officeHeads(): Promise<{ id: string; name: string }[]>;
  /** Members and deputies appointed on the day, with enabled accounts: whom an invitation goes to. */
  inviteesOn(day: string): Promise<{ userId: string; email: string }[]>;
  insertSession(session: {
    id: string;
    startsAt: Date;
    day: string;
    place: string;
    chairId: string;
    createdBy: string;
  }): Promise<void>;
  /** All sessions, latest first, with the size of their agenda and how many decisions are recorded. */
  sessions(): Promise<(SessionRecord & { agendaSize: number; decided: number })[]>;
  /** One session; `forUpdate` locks its row until the transaction ends. */
  session(id: string, options?: { forUpdate?: boolean }): Promise<SessionRecord | null>;
  /** Deletes a session without agenda (a cancelled date); false otherwise. */
  deleteSession(id: string): Promise<boolean>;
  agenda(sessionId: string): Promise<AgendaItemRecord[]>;
  /** Puts the case at the end of the agenda. */
  addAgendaItem(sessionId: string, caseId: string): Promise<void>;
  /** Numbers the agenda in the given order of case ids. */
  setPositions(sessionId: string, caseIds: readonly string[]): Promise<void>;
  candidates(): Promise<AgendaCandidate[]>;
  /** Cases on their way to a session: statement received (to be marked ready), statement overdue (to be released). */
  waiting(now: Date): Promise<{ statementReceived: number; statementOverdue: number }>;
  /** The memberships marked present. */
  attendance(sessionId: string): Promise<string[]>;
  setAttendance(sessionId: string, present: readonly string[]): Promise<void>;
  saveDecision(
    sessionId: string,
    caseId: string,
    decision: AgendaDecision,
    by: string,
    at: Date,
  ): Promise<boolean>;
  markInvited(sessionId: string, at: Date): Promise<void>;
  /** Locks the session; false if it was approved already. */
  approve(sessionId: string, by: string, at: Date): Promise<boolean>;
  /** Links the stored minutes; false if minutes are stored already. */
  recordMinutes(sessionId: string, blob: { blobKey: string; sha256: string; size: number }): Promise<boolean>;
}

/** A statement answered in the authority portal, in the structure the office asks for. */
export interface AuthorityStatementRecord {
  id: string;
  caseId: string;
  authorityId: string;
  authorId: string | null;
  /** The filed PDF of the statement. */
  documentId: string | null;
  caseVersion: number;
  /** Sachstand. */
  statusSummary: string;
  /** Stellungnahme. */
  statement: string;
  /** Aufenthaltsrechtliche Situation. */
  residenceSituation: string;
  /** A deportation date already set, 'YYYY-MM-DD'. */
  deportationDate: string | null;
  attachmentIds: string[];
  createdAt: Date;
}

/** The authority portal's writes, inside the use case's transaction. */
export interface AuthorityStatementStore {
  /** The immigration authority whose file the case is, locking nothing; null for an unknown case. */
  authorityOf(caseId: string): Promise<string | null>;
  insert(record: Omit<AuthorityStatementRecord, 'createdAt'>): Promise<void>;
}

/** One report of the authority on the hardship request (a case event), as the portal and the office show it. */
export interface AuthorityReport {
  version: number;
  at: Date;
  actorRole: string;
  stage: 'intended' | 'final';
  decision: 'grant' | 'refuse';
  reasons: string | null;
  decidedOn: string | null;
  conditions: string[];
}

/** One case of an authority's list in its portal. */
export interface AuthorityCaseRow {
  caseId: string;
  caseNumber: string;
  state: string;
  receivedAt: Date;
  personNames: string[];
  /** The statement's due instant while it is asked for. */
  statementDueAt: string | null;
  authorityFeedback: { stage: 'intended' | 'final'; decision: 'grant' | 'refuse' } | null;
  /** When the latest letter to the authority was filed. */
  latestLetterAt: Date | null;
}

/** What the portal shows of a case of the authority's own area; nothing else is read. */
export interface AuthorityCaseFile {
  caseId: string;
  caseNumber: string;
  state: string;
  version: number;
  receivedAt: Date;
  authorityId: string;
  authorityName: string;
  statementDueAt: string | null;
  authorityFeedback: { stage: 'intended' | 'final'; decision: 'grant' | 'refuse' } | null;
  persons: {
    familyName: string;
    givenNames: string;
    birthDate: string;
    nationalityCode: string;
    relation: string | null;
  }[];
  /** Every document of the case with what the policy needs to decide; the use case filters them. */
  documents: {
    id: string;
    category: string;
    specialCategory: boolean;
    /** For a letter: its addressee; null for other documents. */
    letterAddressee: string | null;
    fileName: string;
    contentType: string;
    size: number;
    uploadedByRole: string;
    createdAt: Date;
  }[];
  statements: AuthorityStatementRecord[];
  reports: AuthorityReport[];
}

export interface AuthorityPortalReader {
  /** The authority's name; null if there is no such immigration authority. */
  authorityName(authorityId: string): Promise<string | null>;
  /** The cases whose file lies with this authority, open ones first. */
  cases(authorityId: string): Promise<AuthorityCaseRow[]>;
  /** The case, only if its file lies with this authority. */
  caseFile(authorityId: string, caseId: string): Promise<AuthorityCaseFile | null>;
  /** A document with its blob, only if its case lies with this authority. */
  document(
    authorityId: string,
    caseId: string,
    documentId: string,
  ): Promise<{
    blobKey: string;
    fileName: string;
    contentType: string;
    category: string;
    specialCategory: boolean;
    letterAddressee: string | null;
  } | null>;
  /** The statements and reports of a case, for the office's case file. */
  forOffice(caseId: string): Promise<{ statements: AuthorityStatementRecord[]; reports: AuthorityReport[] }>;
}

/** One case for the statistics: no names, no texts; the counted history events with their instants. */
export interface StatisticsCaseRow {
  caseId: string;
  receivedAt: Date;
  persons: number;
  /** The main applicant's (first person's) nationality code. */
  nationalityCode: string | null;
  authorityId: string | null;
  authorityName: string | null;
  /** Counted events (types from `COUNTED_EVENT_TYPES`) before the end of the range, in order. */
  events: {
    type: string;
    at: Date;
    /** For a session's decision: the session's day ('YYYY-MM-DD') if the session is known. */
    sessionDay: string | null;
    stage: string | null;
    decision: string | null;
    recommendation: boolean;
  }[];
}

/** Reads what the statistics count (statistics for the annual report). */
export interface StatisticsReader {
  /**
   * The cases received in `[from, to)` or with a counted event in it, each with all its counted
   * events before `to` (earlier ones are needed for durations).
   */
  casesBetween(from: Date, to: Date, eventTypes: readonly string[]): Promise<StatisticsCaseRow[]>;
  /** True once any case history holds an authority's decision. */
  anyAuthorityDecision(): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------------------
// The members' view and the session pack

/** One part of the pack (a summary sheet, the application, a statement, a piece of evidence). */
export interface SessionPackPart {
  /** The bookmark's title. */
  title: string;
  /** 'application/pdf', 'image/jpeg' or 'image/png'; anything else becomes a page saying it is missing. */
  contentType: string;
  /** Read only when it is the part's turn (decrypting one document at a time). */
  load(): Promise<Buffer>;
}

/** A bookmark with its parts: the cover, or one case with a bookmark per part beneath it. */
export interface SessionPackSection {
  title: string;
  /** Bookmarks per part beneath this one. */
  nested: boolean;
  parts: readonly SessionPackPart[];
}

export interface SessionPackInput {
  /** Metadata title: the kind of document and the date, never a name. */
  title: string;
  subject: string;
  createdAt: Date;
  /** Drawn on every page, in the footer and across the page: the member's name and the date. */
  watermark: string;
  /** The large faint watermark across every page (default true). */
  diagonal?: boolean;
  sections: readonly SessionPackSection[];
  texts: {
    /** 'Seite {n} von {total}' */
    page: string;
    /** On the page that stands in for a part that could not be read. */
    unreadable: string;
  };
}

/** Merges the parts into one PDF with an outline and a watermark on every page. */
export interface SessionPackBuilder {
  build(input: SessionPackInput): Promise<Buffer>;
}

/** A person of a case on an agenda, as the members see them. */
export interface AgendaPerson {
  givenNames: string;
  familyName: string;
  birthDate: string;
  nationalityCode: string;
  relation: string | null;
}

/** What the members' overview and the pack's summary sheet show of a case on the agenda. */
export interface AgendaCaseSummary {
  caseId: string;
  caseNumber: string;
  channel: string;
  receivedAt: Date;
  authorityName: string | null;
  persons: AgendaPerson[];
  /** The filed application's content (German), or null for a case filed from a letter. */
  application: unknown;
}

/** A document of a case on the agenda, with what the office chose for the pack. */
export interface PackDocumentRecord {
  id: string;
  caseId: string;
  category: string;
  specialCategory: boolean;
  fileName: string;
  contentType: string;
  size: number;
  blobKey: string;
  createdAt: Date;
  /** Chosen for this session's pack (and, for special categories, explicitly included). */
  choice: { specialIncluded: boolean } | null;
}

/** The pack's records, inside the use case's transaction. */
export interface SessionPackStore {
  /** The cases of these ids with persons and filed application, in the given order. */
  summaries(caseIds: readonly string[]): Promise<AgendaCaseSummary[]>;
  /** The documents of these cases with this session's choices. */
  documents(sessionId: string, caseIds: readonly string[]): Promise<PackDocumentRecord[]>;
  /** Replaces the choice for one case of the session. */
  choose(
    sessionId: string,
    caseId: string,
    choices: readonly { documentId: string; specialIncluded: boolean }[],
    by: string,
    at: Date,
  ): Promise<void>;
}

/** A token of the JSON API as its owner sees it in the list (never the token or its hash). */
export interface ApiTokenRow {
  id: string;
  name: string;
  /** `hfk_` and the next six characters of the token. */
  displayPrefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Who a valid token speaks for: the token and its (active) user. */
export interface ApiTokenHolder {
  tokenId: string;
  userId: string;
  role: StaffRole;
  name: string;
  organisationId: string | null;
  scopes: string[];
}

/** The API tokens (migrations/0019); writes carry their audit entry into the same transaction. */
export interface ApiTokenStore {
  create(
    token: {
      id: string;
      userId: string;
      name: string;
      tokenHash: string;
      displayPrefix: string;
      scopes: readonly string[];
      expiresAt: Date | null;
    },
    audit: AuditEntry,
  ): Promise<void>;
  /** The user's tokens, newest first (revoked ones too, marked). */
  ofUser(userId: string): Promise<ApiTokenRow[]>;
  /** Revokes one of the user's own active tokens; false if there is none with this id. */
  revoke(userId: string, tokenId: string, at: Date, audit: AuditEntry): Promise<boolean>;
  /**
   * The holder of an active token (not revoked, not expired, its user not disabled) with this hash;
   * records the use (at most once a minute per token).
   */
  use(tokenHash: string, now: Date): Promise<ApiTokenHolder | null>;
}

/** A filed case of a representative's account, as the account's pages show it. */
export interface AccountCaseRow {
  caseId: string;
  caseNumber: string;
  state: string;
  receivedAt: Date;
  persons: { givenNames: string; familyName: string }[];
}

/** A document of a case with what the policy needs to decide whether the account may see it. */
export interface AccountCaseDocument {
  id: string;
  category: string;
  specialCategory: boolean;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: Date;
  blobKey: string;
}

/**
 * The filed cases of a representative's account: the drafts it, or a colleague of its organisation,
 * started and submitted (the same circle as `RepresentativeAccounts.owns`).
 */
export interface AccountCases {
  list(userId: string): Promise<AccountCaseRow[]>;
  /** The case with this id or case number, only if it is the account's. */
  find(userId: string, ref: string): Promise<AccountCaseRow | null>;
  /** The documents of one of the account's cases (all of them; the use case filters by the policy). */
  documents(userId: string, caseId: string): Promise<AccountCaseDocument[] | null>;
}

/** A case's id from its id or its case number (`HFK-2026-00042`); null if there is no such case. */
export interface CaseRefs {
  idOf(ref: string): Promise<string | null>;
}
