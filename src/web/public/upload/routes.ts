/**
 * Evidence upload: resumable with tus (`basePath/tus`, used by client.js) and, without JavaScript,
 * a plain multipart form posted to `basePath`. Both stream into the encrypted upload store; neither
 * holds a file in memory. Every request belongs to an owner (the draft, from its cookie); an upload of
 * another owner answers exactly like one that does not exist.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import { Server } from '@tus/server';
import { type DataStore, ERRORS, type Locker, TUS_RESUMABLE } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  BlobStoreUnavailableError,
  type FinishedUpload,
  UploadError,
  type UploadMetadata,
  type UploadStore,
} from '../../../application/ports.ts';
import { noStore } from '../../security.ts';

export interface UploadRouteOptions {
  /** e.g. '/antrag/hochladen' */
  basePath: string;
  store: UploadStore<DataStore>;
  maxBytes: number;
  /** Who is uploading: an opaque owner id (the draft id) from the request's cookie, or null → 404. */
  authorize(request: FastifyRequest): Promise<string | null>;
  /**
   * Called once per finished upload, after the bytes are stored; its result is returned to the client
   * (JSON for tus, a redirect target for the form). Should a crash strike between its return and the
   * recording of the answer, the next request for the upload calls it again with the same uploadId.
   */
  onComplete(upload: CompletedUpload): Promise<UploadResult>;
  /**
   * How many files one form post may carry (default 1). Above 1, each file is stored and handed to
   * onComplete on its own, a file that is too large or empty is refused alone, and `onFormResults`
   * answers the post with what became of every file.
   */
  maxFiles?: number;
  /**
   * Checks a form post once its first file part arrives, with the text fields sent before it (staff
   * forms put their CSRF token first). False refuses the post with 403 before a byte is stored.
   */
  verifyForm?(request: FastifyRequest, fieldsBeforeFile: UploadMetadata): boolean;
  onFormResults?(
    request: FastifyRequest,
    reply: FastifyReply,
    outcome: { fields: UploadMetadata; files: FormFileOutcome[] },
  ): Promise<unknown>;
}

/** What onComplete answers: the document, where to go next, and a refusal code if the file was not taken. */
export interface UploadResult {
  documentId: string;
  redirect?: string;
  /** A short code (letters and underscores) saying why the file was refused; no text, no names. */
  error?: string;
}

/** One file of a multi-file form post: its cleaned name and onComplete's answer, or why it was refused. */
export type FormFileOutcome =
  | { fileName: string; ok: true; result: UploadResult }
  | { fileName: string; ok: false; code: string };

export interface CompletedUpload {
  ownerId: string;
  uploadId: string;
  fileName: string;
  declaredType: string | null;
  size: number;
  sha256: string;
  blobKey: string;
  metadata: Record<string, string>;
}

/** German texts of the form fallback (to move into the message catalogue). */
export const UPLOAD_TEXTS = {
  tooLarge: (limit: string) => `Die Datei ist zu groß. Erlaubt sind höchstens ${limit}.`,
  noFile: 'Bitte wählen Sie eine Datei aus.',
  tooManyParts:
    'Das Formular enthält zu viele Angaben oder Dateien. Bitte laden Sie eine Datei nach der anderen hoch.',
  fieldTooLong: 'Eine Angabe im Formular ist zu lang. Bitte kürzen Sie sie.',
  notMultipart: 'Das Formular wurde nicht vollständig gesendet. Bitte versuchen Sie es noch einmal.',
  interrupted: 'Die Übertragung wurde unterbrochen. Bitte wählen Sie die Datei noch einmal aus.',
  busy: 'Diese Datei wird gerade noch verarbeitet. Bitte laden Sie die Seite in einigen Sekunden neu.',
  storageUnavailable:
    'Die Datei konnte gerade nicht gespeichert werden. Bitte versuchen Sie es in einigen Minuten noch einmal. Ihre übrigen Angaben und Dateien bleiben gespeichert.',
} as const;

/** The refusal code of a file the store could not write (disk full, directory gone): try again later. */
export const STORAGE_UNAVAILABLE = 'storage_unavailable';

/** The field of the form that carries the file; client.js looks for the same name. */
export const FILE_FIELD = 'datei';
/** On HEAD of a delivered upload: the JSON answer (URI-encoded), for a client whose last response got lost. */
export const RESULT_HEADER = 'Hfk-Upload-Result';

const ID_IN_PATH = /\/([0-9a-f]{32})$/;
/** Metadata keys the client uses for the file itself; the rest are form fields. */
const FILE_NAME_KEY = 'filename';
const FILE_TYPE_KEY = 'filetype';
const MAX_FIELDS = 20;
const MAX_FIELD_CHARS = 2000;
const MAX_KEY_CHARS = 64;
/** Multipart framing and the text fields around the file, on top of the file itself. */
const FORM_OVERHEAD = MAX_FIELDS * (MAX_FIELD_CHARS * 4 + 512) + 16 * 1024;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** "20 MB", "1,5 GB": the limit as the German message names it. */
export function formatBytes(bytes: number): string {
  const units = ['Bytes', 'KB', 'MB', 'GB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

/** A name that is safe to show and to offer as a download name: no path, no control or bidi characters. */
export function cleanFileName(raw: string | undefined | null): string {
  const last = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const clean = last
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return Array.from(clean).slice(0, 200).join('') || 'datei';
}

function completedUpload(file: FinishedUpload, extraFields: UploadMetadata = {}): CompletedUpload {
  const { [FILE_NAME_KEY]: fileName, [FILE_TYPE_KEY]: fileType, ...fields } = file.metadata;
  return {
    ownerId: file.ownerId,
    uploadId: file.uploadId,
    fileName: cleanFileName(fileName),
    declaredType: fileType && MEDIA_TYPE.test(fileType) ? fileType.toLowerCase() : null,
    size: file.size,
    sha256: file.sha256,
    blobKey: file.blobKey,
    metadata: { ...fields, ...extraFields },
  };
}

/** What the client may see of onComplete's answer; a redirect only to a path of this site. */
function publicResult(result: Record<string, unknown>): UploadResult {
  const documentId = typeof result.documentId === 'string' ? result.documentId : '';
  const redirect = result.redirect;
  const out: UploadResult =
    typeof redirect === 'string' && /^\/(?![/\\])/.test(redirect) ? { documentId, redirect } : { documentId };
  if (typeof result.error === 'string' && /^[a-z_]{1,40}$/.test(result.error)) out.error = result.error;
  return out;
}

/** The file part as busboy delivers it, failing at its end if busboy cut it off at the size limit. */
async function* wholeOrTooLarge(file: AsyncIterable<unknown> & { truncated?: boolean }, limit: number) {
  for await (const chunk of file) yield chunk as Buffer;
  if (file.truncated) throw new UploadError('too_large', limit);
}

/** Checks tus metadata like the form's limits; null values (key without value) become ''. */
function cleanMetadata(raw: Record<string, string | null> | undefined): UploadMetadata | null {
  const entries = Object.entries(raw ?? {});
  if (entries.length > MAX_FIELDS + 2) return null;
  const out: UploadMetadata = {};
  for (const [key, value] of entries) {
    if (key.length > MAX_KEY_CHARS || (value ?? '').length > MAX_FIELD_CHARS) return null;
    out[key] = value ?? '';
  }
  return out;
}

function tusError(status_code: number, body: string) {
  return { status_code, body: `${body}\n` };
}

function tusErrorFor(error: unknown): unknown {
  // 503: tus clients retry it, so the upload continues by itself once the disk is back.
  if (error instanceof BlobStoreUnavailableError) return tusError(503, UPLOAD_TEXTS.storageUnavailable);
  if (!(error instanceof UploadError)) return error;
  switch (error.reason) {
    case 'not_found':
      return ERRORS.FILE_NOT_FOUND;
    case 'conflict':
      return ERRORS.INVALID_OFFSET;
    case 'too_large':
      return ERRORS.ERR_MAX_SIZE_EXCEEDED;
    default:
      return tusError(400, error.reason);
  }
}

/** The raw Node request behind a tus (web) request, which srvx keeps at runtime.node. */
function nodeOf(req: unknown): { req?: IncomingMessage; res?: ServerResponse } {
  return (
    (req as { runtime?: { node?: { req?: IncomingMessage; res?: ServerResponse } } }).runtime?.node ?? {}
  );
}

/**
 * tus's own locker is per process and makes a second request cancel the first. The store instead
 * serialises writers through a lease in the database, which all instances share, and answers a second
 * concurrent PATCH with 409; so the server-side lock is a no-op.
 */
const databaseLeaseLocker: Locker = {
  newLock: () => ({ lock: async () => {}, unlock: async () => {} }),
};

/** Mounts the tus endpoint at `basePath/tus` and the form fallback at `POST basePath`. */
export async function registerUploads(app: FastifyInstance, options: UploadRouteOptions): Promise<void> {
  const { basePath, store, maxBytes } = options;
  const maxFiles = Math.max(1, Math.floor(options.maxFiles ?? 1));
  if (maxFiles > 1 && !options.onFormResults) throw new Error('maxFiles > 1 braucht onFormResults');
  const tusPath = `${basePath.replace(/\/+$/, '')}/tus`;
  // Which owner a raw request belongs to, from authorize(); tus's hooks only see the raw request.
  const owners = new WeakMap<IncomingMessage, string>();
  const ownerOf = (req: unknown) => {
    const raw = nodeOf(req).req;
    return raw ? owners.get(raw) : undefined;
  };

  async function deliver(uploadId: string, extraFields?: UploadMetadata) {
    const { result } = await store.finish(uploadId, async (file) => {
      return { ...(await options.onComplete(completedUpload(file, extraFields))) };
    });
    return publicResult(result);
  }

  await app.register(async (scope) => {
    const log = scope.log;
    const tus = new Server({
      path: tusPath,
      datastore: store.protocol,
      maxSize: maxBytes,
      relativeLocation: true,
      // Same origin only: no Access-Control-Allow-Origin at all.
      allowedOrigins: [],
      locker: databaseLeaseLocker,
      disableTerminationForFinishedUploads: true,
      namingFunction: () => randomBytes(16).toString('hex'),
      getFileIdFromRequest: (req) => ID_IN_PATH.exec(new URL(req.url).pathname)?.[1],

      async onIncomingRequest(req, id) {
        if (req.method === 'POST') return;
        const ownerId = ownerOf(req);
        const state = await store.getUploadState(id);
        if (!state || !ownerId || state.ownerId !== ownerId) throw ERRORS.FILE_NOT_FOUND;
        if (req.method !== 'HEAD' || state.offset !== state.length) return;
        // All bytes are in, but the answer to the last PATCH may have got lost (or onComplete failed):
        // a resuming client only sends HEAD, so finish here and tell it the result in a header.
        let result = state.result ? publicResult(state.result) : null;
        if (!result)
          result = await deliver(id).catch((error: unknown) => {
            // The HEAD still answers; the next one (or the PATCH's retry) tries again.
            log.warn(
              { err: { type: (error as Error).name } },
              'Upload-Abschluss beim Fortsetzen fehlgeschlagen',
            );
            return null;
          });
        if (result) nodeOf(req).res?.setHeader(RESULT_HEADER, encodeURIComponent(JSON.stringify(result)));
      },

      async onUploadCreate(req, upload) {
        const ownerId = ownerOf(req);
        if (!ownerId) throw ERRORS.FILE_NOT_FOUND;
        if (upload.size === undefined) throw ERRORS.INVALID_LENGTH;
        if (upload.size === 0) throw tusError(400, UPLOAD_TEXTS.noFile);
        const metadata = cleanMetadata(upload.metadata);
        if (!metadata) throw tusError(400, UPLOAD_TEXTS.fieldTooLong);
        await store
          .createUpload({
            id: upload.id,
            ownerId,
            length: upload.size,
            metadata,
            createdAt: upload.creation_date ? new Date(upload.creation_date) : new Date(),
          })
          .catch((error: unknown) => {
            throw tusErrorFor(error);
          });
        return {};
      },

      async onUploadFinish(_req, upload) {
        const result = await deliver(upload.id).catch((error: unknown) => {
          throw tusErrorFor(error);
        });
        // tus prescribes 204 without a body; tus-js-client accepts any 2xx and hands us the body.
        return {
          status_code: 200,
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
          body: JSON.stringify(result),
        };
      },

      onResponseError(_req, error) {
        if (typeof (error as { status_code?: unknown }).status_code === 'number') return undefined;
        if (error instanceof BlobStoreUnavailableError) {
          log.error({ err: { type: error.name, code: error.code } }, 'Dateiablage nicht beschreibbar');
          return tusError(503, UPLOAD_TEXTS.storageUnavailable) as { status_code: number; body: string };
        }
        // tus would put the error's message into the body; that is ours to log, not to show.
        log.error({ err: { type: (error as Error).name, stack: (error as Error).stack } }, 'Upload-Fehler');
        return { status_code: 500, body: 'Interner Fehler\n' };
      },
    });

    // PATCH bodies stay an untouched stream for tus (and escape the 1 MB body limit of parsed bodies).
    scope.addContentTypeParser('application/offset+octet-stream', (_request, _payload, done) => done(null));
    // Registered in this scope only: other routes keep their parsers.
    await scope.register(multipart, {
      // With several files, a file past the limit is truncated and refused alone (wholeOrTooLarge).
      throwFileSizeLimit: maxFiles === 1,
      limits: {
        fileSize: maxBytes,
        files: maxFiles,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_CHARS * 4,
        fieldNameSize: MAX_KEY_CHARS,
        parts: MAX_FIELDS + maxFiles,
        headerPairs: 100,
      },
    });

    async function handleTus(request: FastifyRequest, reply: FastifyReply) {
      if (request.method !== 'OPTIONS') {
        const ownerId = await options.authorize(request);
        // The same answer as for an upload id that does not exist.
        if (ownerId === null) {
          noStore(reply);
          return reply
            .code(ERRORS.FILE_NOT_FOUND.status_code)
            .header('tus-resumable', TUS_RESUMABLE)
            .type('text/plain; charset=utf-8')
            .send(ERRORS.FILE_NOT_FOUND.body);
        }
        owners.set(request.raw, ownerId);
      }
      // tus writes the raw response: carry over what the app's hooks set (security headers).
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) reply.raw.setHeader(name, value);
      reply.raw.setHeader('cache-control', 'no-store');
      reply.hijack();
      try {
        await tus.handle(request.raw, reply.raw);
      } catch (error) {
        request.log.error({ err: { type: (error as Error).name } }, 'Upload-Fehler');
        if (!reply.raw.headersSent) reply.raw.writeHead(500).end();
        else reply.raw.destroy();
      }
    }

    scope.route({ method: ['POST', 'OPTIONS'], url: tusPath, handler: handleTus });
    scope.route({
      method: ['HEAD', 'PATCH', 'DELETE', 'OPTIONS'],
      url: `${tusPath}/:id`,
      handler: handleTus,
    });

    /**
     * A form post with up to maxFiles files: each is stored on its own; one that is too large or empty is
     * refused alone (busboy drops its surplus bytes, the other files still arrive), then every stored
     * file goes to onComplete with all the form's text fields.
     */
    /** Throws the 403 of a refused form (the app's error page) if `verifyForm` says no. */
    function refuseUnverified(request: FastifyRequest, fields: UploadMetadata): void {
      if (options.verifyForm && !options.verifyForm(request, fields))
        throw Object.assign(new Error('form token refused'), { statusCode: 403 });
    }

    async function formWithSeveralFiles(
      request: FastifyRequest,
      reply: FastifyReply,
      ownerId: string,
      refuse: (status: number, text: string) => FastifyReply,
    ) {
      const fields: UploadMetadata = {};
      const received: ({ fileName: string; uploadId: string } | { fileName: string; code: string })[] = [];
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.valueTruncated || part.fieldnameTruncated) return refuse(413, UPLOAD_TEXTS.fieldTooLong);
            if (part.fieldname !== FILE_NAME_KEY && part.fieldname !== FILE_TYPE_KEY)
              fields[part.fieldname] = String(part.value);
            continue;
          }
          if (part.fieldname !== FILE_FIELD) {
            part.file.resume();
            continue;
          }
          if (received.length === 0) refuseUnverified(request, fields);
          const fileName = cleanFileName(part.filename);
          try {
            const state = await store.ingest({
              ownerId,
              content: Readable.from(wholeOrTooLarge(part.file, maxBytes)),
              metadata: { [FILE_NAME_KEY]: part.filename ?? '', [FILE_TYPE_KEY]: part.mimetype ?? '' },
              maxBytes,
            });
            received.push({ fileName, uploadId: state.id });
          } catch (error) {
            if (error instanceof BlobStoreUnavailableError) {
              request.log.error(
                { err: { type: error.name, code: error.code } },
                'Dateiablage nicht beschreibbar',
              );
              part.file.resume();
              received.push({ fileName, code: STORAGE_UNAVAILABLE });
              continue;
            }
            if (!(error instanceof UploadError) || (error.reason !== 'too_large' && error.reason !== 'empty'))
              throw error;
            part.file.resume();
            // The empty part a browser sends when no file was chosen is no file at all.
            if (error.reason === 'empty' && !part.filename) continue;
            received.push({ fileName, code: error.reason });
          }
        }
      } catch (error) {
        request.raw.resume();
        const code = (error as { code?: unknown }).code;
        if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
          return refuse(413, UPLOAD_TEXTS.tooManyParts);
        if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return refuse(415, UPLOAD_TEXTS.notMultipart);
        if (request.raw.destroyed || request.raw.readableAborted)
          return refuse(400, UPLOAD_TEXTS.interrupted);
        throw error;
      }
      const files: FormFileOutcome[] = [];
      for (const file of received) {
        if ('code' in file) {
          files.push({ fileName: file.fileName, ok: false, code: file.code });
          continue;
        }
        try {
          files.push({ fileName: file.fileName, ok: true, result: await deliver(file.uploadId, fields) });
        } catch (error) {
          if (error instanceof BlobStoreUnavailableError) {
            files.push({ fileName: file.fileName, ok: false, code: STORAGE_UNAVAILABLE });
            continue;
          }
          if (!(error instanceof UploadError && error.reason === 'conflict')) throw error;
          files.push({ fileName: file.fileName, ok: false, code: 'busy' });
        }
      }
      noStore(reply);
      return options.onFormResults?.(request, reply, { fields, files });
    }

    scope.post(basePath, async (request, reply) => {
      const ownerId = await options.authorize(request);
      if (ownerId === null) return reply.callNotFound();
      const refuse = (status: number, text: string) => {
        noStore(reply);
        return reply.code(status).type('text/plain; charset=utf-8').send(text);
      };
      const tooLarge = () => refuse(413, UPLOAD_TEXTS.tooLarge(formatBytes(maxBytes)));
      const storageUnavailable = (error: BlobStoreUnavailableError) => {
        request.log.error({ err: { type: error.name, code: error.code } }, 'Dateiablage nicht beschreibbar');
        return refuse(503, UPLOAD_TEXTS.storageUnavailable);
      };
      // Browsers declare the size of a form post: refuse before reading a byte of it.
      if (Number(request.headers['content-length'] ?? 0) > maxFiles * maxBytes + FORM_OVERHEAD)
        return tooLarge();
      if (!request.isMultipart()) return refuse(415, UPLOAD_TEXTS.notMultipart);
      if (maxFiles > 1) return formWithSeveralFiles(request, reply, ownerId, refuse);

      const fields: UploadMetadata = {};
      let uploadId: string | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'field') {
            if (part.valueTruncated || part.fieldnameTruncated) return refuse(413, UPLOAD_TEXTS.fieldTooLong);
            if (part.fieldname !== FILE_NAME_KEY && part.fieldname !== FILE_TYPE_KEY)
              fields[part.fieldname] = String(part.value);
            continue;
          }
          if (part.fieldname !== FILE_FIELD || uploadId) {
            part.file.resume();
            continue;
          }
          refuseUnverified(request, fields);
          // busboy only truncates at the limit; failing the stream makes the store discard the blob.
          part.file.once('limit', () => part.file.destroy(new UploadError('too_large', maxBytes)));
          const state = await store.ingest({
            ownerId,
            content: part.file,
            metadata: { [FILE_NAME_KEY]: part.filename ?? '', [FILE_TYPE_KEY]: part.mimetype ?? '' },
            maxBytes,
          });
          // Belt and braces: a truncated stream must never pass for the whole file.
          if (part.file.truncated) throw new UploadError('too_large', maxBytes);
          uploadId = state.id;
        }
      } catch (error) {
        // The rest of the body is read and dropped, so that the browser gets to see the answer.
        request.raw.resume();
        const code = (error as { code?: unknown }).code;
        if (error instanceof BlobStoreUnavailableError) return storageUnavailable(error);
        if (error instanceof UploadError && error.reason === 'too_large') return tooLarge();
        if (error instanceof UploadError && error.reason === 'empty') return refuse(400, UPLOAD_TEXTS.noFile);
        if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
        if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
          return refuse(413, UPLOAD_TEXTS.tooManyParts);
        if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return refuse(415, UPLOAD_TEXTS.notMultipart);
        if (request.raw.destroyed || request.raw.readableAborted)
          return refuse(400, UPLOAD_TEXTS.interrupted);
        throw error;
      }
      if (!uploadId) return refuse(400, UPLOAD_TEXTS.noFile);
      try {
        const result = await deliver(uploadId, fields);
        return reply
          .code(303)
          .header('location', result.redirect ?? basePath)
          .send();
      } catch (error) {
        if (error instanceof UploadError && error.reason === 'conflict')
          return refuse(409, UPLOAD_TEXTS.busy);
        if (error instanceof BlobStoreUnavailableError) return storageUnavailable(error);
        throw error;
      }
    });
  });
}
