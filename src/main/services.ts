/** Wires the adapters into the ports that the worker and the use cases need. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Letterhead } from '../../content/letters/letterhead.ts';
import { fflateZipWriter } from '../adapters/archive/zip.ts';
import { administrationIn } from '../adapters/db/administration.ts';
import { accountCasesIn, apiTokenStoreIn, caseRefsIn } from '../adapters/db/api-tokens.ts';
import { authorityPortalReader } from '../adapters/db/authority-portal.ts';
import { documentRequestReader } from '../adapters/db/case-desk.ts';
import { caseFileReader } from '../adapters/db/case-file-reader.ts';
import type { DatabaseHandle } from '../adapters/db/connect.ts';
import { draftStoreIn } from '../adapters/db/draft-store.ts';
import { letterRecords } from '../adapters/db/letter-records.ts';
import { loginSessionStoreIn, staffAuthTransactions } from '../adapters/db/login-session-store.ts';
import { createOutboxQueue, enqueueJob } from '../adapters/db/outbox-store.ts';
import { caseContacts, receiptRecords } from '../adapters/db/receipt-records.ts';
import { authorityDirectory } from '../adapters/db/reference-repository.ts';
import {
  blobDeletionQueue,
  retentionStoreIn,
  retentionTransactions,
} from '../adapters/db/retention-store.ts';
import { staffDirectoryIn } from '../adapters/db/staff-directory.ts';
import { statementDeadlines } from '../adapters/db/statement-deadlines.ts';
import { statisticsReader } from '../adapters/db/statistics-reader.ts';
import { createUnitOfWork } from '../adapters/db/unit-of-work.ts';
import { createAgeBlobStore } from '../adapters/files/age-blob-store.ts';
import { createTusBlobStore, type TusBlobStore } from '../adapters/files/tus-store.ts';
import { argon2PasswordHasher } from '../adapters/identity/password-hasher.ts';
import { representativeAccountsIn } from '../adapters/identity/representative-accounts.ts';
import { createSecretBox } from '../adapters/identity/secret-box.ts';
import { totpVerifier } from '../adapters/identity/totp.ts';
import { createMailer } from '../adapters/mail/index.ts';
import {
  imagePdfBuilder,
  renderLetter,
  renderMinutes,
  renderReceipt,
  renderSectionedDocument,
} from '../adapters/pdf/index.ts';
import { sessionPackBuilder } from '../adapters/pdf/session-pack.ts';
import { createDocumentPreviewer } from '../adapters/preview/index.ts';
import { loadNationalities, type Nationality } from '../adapters/reference/load.ts';
import { loadLetterhead, loadProfile } from '../adapters/reference/profiles.ts';
import { createClamdScanner } from '../adapters/scan/clamd.ts';
import { inspectUpload } from '../adapters/scan/index.ts';
import { type AdministrationUseCases, administrationUseCases } from '../application/administration.ts';
import { type ApiCaseUseCases, apiCaseUseCases } from '../application/api-cases.ts';
import { type ApiTokenUseCases, apiTokenUseCases } from '../application/api-tokens.ts';
import { type AuthorityPortalUseCases, authorityPortalUseCases } from '../application/authority-portal.ts';
import { type CaseFileUseCases, caseFileUseCases } from '../application/case-file.ts';
import { type CaseUseCases, caseUseCases } from '../application/cases.ts';
import { type DraftUseCases, draftUseCases } from '../application/drafts.ts';
import { type EvidenceFileUseCases, evidenceFileUseCases } from '../application/evidence-files.ts';
import { type IntakeUseCase, intakeUseCase } from '../application/intake.ts';
import { queueLettersForEvents } from '../application/letters.ts';
import { type MemberViewUseCases, memberViewUseCases } from '../application/member-view.ts';
import { type MessageUseCases, messageUseCases } from '../application/messages.ts';
import { noticesFor } from '../application/notices.ts';
import { type PersonExportUseCases, personExportUseCases } from '../application/person-export.ts';
import {
  type BlobStore,
  type Clock,
  type Randomness,
  type UploadInspector,
  type VirusScanner,
  VirusScannerUnavailableError,
} from '../application/ports.ts';
import { type RepresentativeUseCases, representativeUseCases } from '../application/representatives.ts';
import { type RetentionUseCases, retentionUseCases } from '../application/retention.ts';
import { composeMinutes } from '../application/session-minutes.ts';
import { type SessionUseCases, sessionUseCases } from '../application/sessions.ts';
import { type StaffAuthUseCases, staffAuthUseCases } from '../application/staff-auth.ts';
import { berlinDate, statementRemindersFor } from '../application/statement-reminders.ts';
import { type StatisticsUseCases, statisticsUseCases } from '../application/statistics.ts';
import { type SubmissionUseCase, submissionUseCase } from '../application/submission.ts';
import type { Config } from '../config/config.ts';
import type { ValidationContext } from '../domain/application/index.ts';
import { CATEGORY_TEXTS, isEvidenceCategory } from '../domain/evidence/index.ts';
import { DOCUMENT_REQUEST_REMINDER, documentRequestReminderHandler } from '../jobs/document-request.ts';
import { HELD_UPLOAD_JOB, heldUploadJobHandler } from '../jobs/held-upload.ts';
import { LETTER_JOB, letterJobHandler } from '../jobs/letter.ts';
import { MAIL_JOB, mailJobHandler } from '../jobs/mail.ts';
import { MAINTENANCE_JOB, maintenanceJobHandler, maintenanceKey } from '../jobs/maintenance.ts';
import { MINUTES_JOB, minutesJobHandler } from '../jobs/minutes.ts';
import { RECEIPT_JOB, receiptJobHandler } from '../jobs/receipt.ts';
import { RETENTION_DELETE_JOB, retentionJobHandler } from '../jobs/retention.ts';
import { STATEMENT_REMINDER, statementReminderHandler } from '../jobs/statement-reminder.ts';
import { createWorker, type Worker } from '../jobs/worker.ts';
import { masterKey } from './bootstrap.ts';

export const systemClock: Clock = { now: () => new Date() };

export const secureRandom: Randomness = {
  uuid: () => randomUUID(),
  secret: () => randomBytes(32).toString('base64url'),
};

export interface Services {
  /** The sender of the office's letters and minutes (per profile). */
  letterhead: Letterhead;
  blobs: BlobStore;
  drafts: DraftUseCases;
  representatives: RepresentativeUseCases;
  cases: CaseUseCases;
  submission: SubmissionUseCase;
  nationalities: Nationality[];
  uploads: TusBlobStore;
  staffAuth: StaffAuthUseCases;
  administration: AdministrationUseCases;
  intake: IntakeUseCase;
  caseFiles: CaseFileUseCases;
  messages: MessageUseCases;
  /** Photos combined into a PDF, thumbnails, the office's preview. */
  evidenceFiles: EvidenceFileUseCases;
  /** Retention periods, legal holds, deletion with the archive package for the state archive. */
  retention: RetentionUseCases;
  /** The export of all data on one person (Art. 15 DSGVO). */
  personExport: PersonExportUseCases;
  /** The commission: members, sessions, votes, minutes. */
  sessions: SessionUseCases;
  /** The immigration authorities' portal: their cases, statements, intended and final decisions. */
  authorityPortal: AuthorityPortalUseCases;
  /** Statistics for the annual report. */
  statistics: StatisticsUseCases;
  /** The members' view of their sessions and the session pack (and the office's choice for it). */
  members: MemberViewUseCases;
  /** The JSON API's tokens, and its reading and writing of cases. */
  apiTokens: ApiTokenUseCases;
  apiCases: ApiCaseUseCases;
  validation: () => ValidationContext;
  /** German adjective of a nationality code ('syrisch', 'staatenlos'). */
  nationalityName(code: string): string;
  clock: Clock;
  /** ClamAV's daemon where CLAMD_SOCKET or CLAMD_HOST is set; null: uploads are not scanned for viruses. */
  virusScanner: VirusScanner | null;
}

/** The configured clamd, logging what it finds and when it cannot be reached (signature names only). */
export function virusScannerFor(config: Config, log: Logger): VirusScanner | null {
  if (!config.virusScan) return null;
  const clamd = createClamdScanner({
    address: config.virusScan.address,
    scanTimeoutMs: config.virusScan.timeoutMs,
  });
  return {
    ping: () => clamd.ping(),
    async scan(open) {
      try {
        const verdict = await clamd.scan(open);
        if (!verdict.clean)
          log.warn(
            { signature: verdict.signature },
            'Schadsoftware in einem Upload gefunden, Datei verworfen',
          );
        return verdict;
      } catch (error) {
        if (error instanceof VirusScannerUnavailableError)
          log.error({ reason: error.reason }, 'Virenprüfung nicht erreichbar, Upload zurückgehalten');
        throw error;
      }
    },
  };
}

export async function createServices(
  config: Config,
  database: DatabaseHandle,
  log: Logger,
): Promise<Services> {
  const identity = await masterKey(config, log);
  const blobs = createAgeBlobStore({ dir: config.paths.files, identity });
  const nationalities = await loadNationalities();
  const known = new Set(nationalities.filter((n) => n.selectable).map((n) => n.code));
  const clock = systemClock;
  const validation = (): ValidationContext => ({
    today: berlinDate(clock.now()),
    isKnownNationality: (code) => known.has(code),
  });
  const names = new Map(nationalities.map((n) => [n.code, n.adjective]));
  const uow = createUnitOfWork(database.db);
  const inspector: UploadInspector = {
    inspect: (input) =>
      inspectUpload({
        ...input,
        limits: { maxBytes: config.uploads.maxFileBytes, maxImageBytes: config.uploads.maxFileBytes },
      }),
  };
  const virusScanner = virusScannerFor(config, log);
  const common = { uow, clock, random: secureRandom, validation, publicUrl: config.publicUrl };
  const profile = await loadProfile(config.profile, config.profilesDir);
  const caseFiles = caseFileUseCases({
    reader: caseFileReader(database.db),
    blobs,
    uow,
    clock,
    inspector,
    scanner: virusScanner,
  });
  const retentionDeps = {
    transactions: retentionTransactions(database.db),
    store: retentionStoreIn(database.db),
    blobs,
    zip: fflateZipWriter,
    clock,
    profile,
  };
  const drafts = draftUseCases({
    ...common,
    drafts: draftStoreIn(database.db),
    blobs,
    inspector,
    scanner: virusScanner,
    limits: { maxBytesPerApplication: config.uploads.maxApplicationBytes },
  });
  const cases = caseUseCases({
    uow,
    clock,
    notices: allNotices(
      noticesFor({ publicUrl: config.publicUrl }),
      statementRemindersFor({ profile, now: () => clock.now() }),
      (scope, caseId, events, version) => queueLettersForEvents(scope.outbox, caseId, events, version),
    ),
  });
  const letterhead = await loadLetterhead(config.profile, config.profilesDir);
  const authorityPortal = authorityPortalUseCases({
    reader: authorityPortalReader(database.db),
    uow,
    clock,
    random: secureRandom,
    blobs,
    inspector,
    scanner: virusScanner,
    cases,
    renderStatement: renderSectionedDocument,
  });
  const messages = messageUseCases({ uow, clock });
  return {
    letterhead,
    blobs,
    virusScanner,
    nationalities,
    validation,
    nationalityName: (code) => names.get(code) ?? code,
    clock,
    cases,
    sessions: sessionUseCases({
      uow,
      clock,
      random: secureRandom,
      profile,
      cases,
      blobs,
      publicUrl: config.publicUrl,
      renderMinutes: (facts, options) =>
        renderMinutes(composeMinutes(facts, { ...options, letterhead, now: clock.now() })),
    }),
    members: memberViewUseCases({
      uow,
      clock,
      blobs,
      builder: sessionPackBuilder,
      packDays: config.sessionPackDays,
      renderSheet: renderSectionedDocument,
      nationalityName: (code) => names.get(code) ?? code,
    }),
    caseFiles,
    authorityPortal,
    statistics: statisticsUseCases({ reader: statisticsReader(database.db), uow, clock }),
    retention: retentionUseCases({
      ...retentionDeps,
      queue: blobDeletionQueue(database.db),
      random: secureRandom,
    }),
    personExport: personExportUseCases({
      ...retentionDeps,
      findCases: (actor, text) => caseFiles.inbox(actor, { states: [], limit: 50, search: text }),
    }),
    messages,
    apiCases: apiCaseUseCases({
      caseFiles,
      portal: authorityPortal,
      messages,
      accountCases: accountCasesIn(database.db),
      refs: caseRefsIn(database.db),
      blobs,
      uow,
      clock,
    }),
    apiTokens: apiTokenUseCases({ store: apiTokenStoreIn(database.db), clock, random: secureRandom }),
    intake: intakeUseCase({
      ...common,
      authorities: authorityDirectory(database.db),
      profileId: config.profile,
    }),
    administration: administrationUseCases(administrationIn(database.db, createSecretBox(identity))),
    staffAuth: staffAuthUseCases({
      directory: staffDirectoryIn(database.db),
      sessions: loginSessionStoreIn(database.db),
      transactions: staffAuthTransactions(database.db),
      hasher: argon2PasswordHasher(),
      totp: totpVerifier(createSecretBox(identity)),
      clock,
      random: secureRandom,
    }),
    drafts,
    representatives: representativeUseCases({
      accounts: representativeAccountsIn(database.db, createSecretBox(identity)),
      uow,
      clock,
      random: secureRandom,
      publicUrl: config.publicUrl,
      keyForDraft: (draftId) => drafts.keyForAccount(draftId),
    }),
    uploads: createTusBlobStore({ db: database.db, blobs, maxBytes: config.uploads.maxFileBytes }),
    evidenceFiles: evidenceFileUseCases({
      drafts: draftStoreIn(database.db),
      uow,
      blobs,
      clock,
      random: secureRandom,
      pdf: imagePdfBuilder,
      previewer: createDocumentPreviewer(),
      reader: caseFileReader(database.db),
      limits: {
        maxBytesPerApplication: config.uploads.maxApplicationBytes,
        maxFileBytes: config.uploads.maxFileBytes,
      },
    }),
    submission: submissionUseCase({
      ...common,
      authorities: authorityDirectory(database.db),
      profileId: config.profile,
    }),
  };
}

export function createOutboxWorker(
  config: Config,
  database: DatabaseHandle,
  log: Logger,
  services: Services,
) {
  const mailer = createMailer({
    ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}),
    mailDir: config.paths.mail,
    from: config.mailFrom,
  });
  const schedule = (key: string, at: Date) =>
    database.db
      .transaction()
      .execute((trx) =>
        enqueueJob(trx, { kind: MAINTENANCE_JOB, payload: {}, idempotencyKey: key, runAfter: at }),
      );
  const worker: Worker = createWorker({
    queue: createOutboxQueue(database.db),
    handlers: {
      [MAIL_JOB]: mailJobHandler(mailer),
      [HELD_UPLOAD_JOB]: heldUploadJobHandler(services.drafts),
      [MAINTENANCE_JOB]: maintenanceJobHandler({
        purges: {
          drafts: () => services.drafts.purgeExpired(),
          uploads: () => services.uploads.purgeExpiredUploads(services.clock.now()),
          sessions: () => services.staffAuth.purgeExpiredSessions(),
          accountLinks: () => services.representatives.purgeExpired(),
          // Files left over when a deletion stopped after its commit (crash, full disk): deleted now.
          files: () => services.retention.drainBlobDeletions(),
        },
        schedule,
        now: () => services.clock.now(),
        log,
      }),
      [STATEMENT_REMINDER]: statementReminderHandler({
        deadlines: statementDeadlines(database.db),
        contacts: caseContacts(database.db),
        mailer,
        publicUrl: config.publicUrl,
      }),
      [DOCUMENT_REQUEST_REMINDER]: documentRequestReminderHandler({
        requests: documentRequestReader(database.db),
        contacts: caseContacts(database.db),
        mailer,
      }),
      [LETTER_JOB]: letterJobHandler({
        records: letterRecords(database.db),
        blobs: services.blobs,
        mailer,
        random: secureRandom,
        clock: services.clock,
        letterhead: services.letterhead,
        publicUrl: config.publicUrl,
        render: renderLetter,
        nationalityName: services.nationalityName,
      }),
      [RETENTION_DELETE_JOB]: retentionJobHandler(services.retention),
      [MINUTES_JOB]: minutesJobHandler(services.sessions),
      [RECEIPT_JOB]: receiptJobHandler({
        records: receiptRecords(database.db),
        blobs: services.blobs,
        mailer,
        random: secureRandom,
        render: renderReceipt,
        renderCopy: renderSectionedDocument,
        nationalityName: services.nationalityName,
        categoryTitle: (category) =>
          isEvidenceCategory(category) ? CATEGORY_TEXTS[category].title : category,
      }),
    },
    log,
  });
  return {
    worker,
    /** Queues this hour's housekeeping (once, however many instances start). */
    scheduleMaintenance: () => schedule(maintenanceKey(services.clock.now()), services.clock.now()),
    async close() {
      await worker.stop();
      await mailer.close();
    },
  };
}

type NoticeHook = NonNullable<Parameters<typeof caseUseCases>[0]['notices']>;

/** Runs every hook a step's events cause, in order, inside the step's transaction. */
function allNotices(...hooks: NoticeHook[]): NoticeHook {
  return async (scope, caseId, events, version) => {
    for (const hook of hooks) await hook(scope, caseId, events, version);
  };
}
