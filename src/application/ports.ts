/**
 * The interfaces the use cases need. Adapters in src/adapters implement them;
 * src/main wires the implementations in. Nothing here knows a library or a protocol.
 */
import type { Readable } from 'node:stream';

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
