/**
 * The interfaces the use cases need. Adapters in src/adapters implement them;
 * src/main wires the implementations in. Nothing here knows a library or a protocol.
 */
import type { Readable } from 'node:stream';
import type { CaseEvent, CaseSnapshot } from '../domain/case/index.ts';

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
}

/** Runs a use case's writes in one transaction: all of them commit, or none. */
export interface UnitOfWork {
  run<T>(work: (scope: TransactionScope) => Promise<T>): Promise<T>;
}
