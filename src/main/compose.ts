/** Builds the running web application from a config and an open database (used by server.ts and the tests). */
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { DestinationStream, Logger } from 'pino';
import { documentRequestReader } from '../adapters/db/case-desk.ts';
import type { DatabaseHandle } from '../adapters/db/connect.ts';
import { filedCaseLookup } from '../adapters/db/receipt-records.ts';
import { authorityDirectory } from '../adapters/db/reference-repository.ts';
import { renderDataConsent, renderMedicalRelease, renderPowerOfAttorney } from '../adapters/pdf/index.ts';
import type { Nationality } from '../adapters/reference/load.ts';
import { loadProfile } from '../adapters/reference/profiles.ts';
import { signedForm } from '../application/forms.ts';
import type { Config } from '../config/config.ts';
import { buildApp } from '../web/app.tsx';
import { LANGUAGES, type Lang } from '../web/i18n.ts';
import { loadServiceDescription } from '../web/public/service-info/load.ts';
import type { ServiceDescription } from '../web/public/service-info/schema.ts';
import { createOutboxWorker, createServices, type Services } from './services.ts';

const formRenderer = {
  dataConsent: (person: Parameters<typeof renderDataConsent>[0]) => renderDataConsent(person),
  powerOfAttorney: (...args: Parameters<typeof renderPowerOfAttorney>) =>
    renderPowerOfAttorney(args[0], args[1]),
  medicalRelease: (...args: Parameters<typeof renderMedicalRelease>) =>
    renderMedicalRelease(args[0], args[1]),
};

/** The nationality list of the person form: stateless and unclear first, then by German name. */
export function nationalityOptions(list: readonly Nationality[]) {
  const special = ['997', '998'];
  const chosen = list.filter((n) => n.selectable);
  const byName = chosen
    .filter((n) => !special.includes(n.code))
    .sort((a, b) => a.name.localeCompare(b.name, 'de'))
    .map((n) => ({ code: n.code, label: n.name }));
  const first = special.flatMap((code) =>
    chosen.filter((n) => n.code === code).map((n) => ({ code: n.code, label: n.name })),
  );
  return [...first, ...byName];
}

export const CONTENT_DIR = fileURLToPath(new URL('../../content/', import.meta.url));

export async function loadDescriptions(contentDir = CONTENT_DIR): Promise<Record<Lang, ServiceDescription>> {
  const entries = await Promise.all(
    (Object.keys(LANGUAGES) as Lang[]).map(
      async (lang) => [lang, await loadServiceDescription(contentDir, lang)] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<Lang, ServiceDescription>;
}

export interface RunningApp {
  app: FastifyInstance;
  services: Services;
  /** Stops / restarts the in-process outbox worker (no-ops with WORKER=off). */
  pauseWorker(): Promise<void>;
  resumeWorker(): void;
  close(): Promise<void>;
}

export interface ComposeOptions {
  /** Requests per minute and IP; the benchmarks lift it so that one loopback client is never refused. */
  rateLimitPerMinute?: number;
  /** Schedules the hourly housekeeping (default true; the benchmarks leave it out). */
  maintenance?: boolean;
  /** Where the request log goes instead of standard output (the security tests read every line). */
  logStream?: DestinationStream;
}

/**
 * The web app plus, unless WORKER=off, the in-process outbox worker. The request log goes to
 * standard output, or to `options.logStream` (the security tests read every line).
 */
export async function composeApp(
  config: Config,
  database: DatabaseHandle,
  log: Logger,
  options: ComposeOptions = {},
): Promise<RunningApp> {
  const services = await createServices(config, database, log);
  const profile = await loadProfile(config.profile, config.profilesDir);
  const app = await buildApp({
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    logger: { level: config.logLevel, ...(options.logStream ? { stream: options.logStream } : {}) },
    descriptions: await loadDescriptions(),
    ready: async () => {
      await sql`SELECT 1`.execute(database.db);
      return true;
    },
    ...(services.virusScanner ? { virusScanReady: services.virusScanner.ping } : {}),
    ...(options.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    staffAuth: services.staffAuth,
    administration: services.administration,
    representatives: services.representatives,
    office: {
      caseFiles: services.caseFiles,
      messages: services.messages,
      cases: services.cases,
      profile,
      nationalityName: services.nationalityName,
      today: () => services.validation().today,
      intake: services.intake,
      uploads: services.uploads,
      maxUploadBytes: config.uploads.maxFileBytes,
      evidenceFiles: services.evidenceFiles,
      nationalities: nationalityOptions(services.nationalities),
      sessions: services.sessions,
      statistics: services.statistics,
      packs: services.members,
    },
    retention: {
      retention: services.retention,
      personExport: services.personExport,
      nationalityName: services.nationalityName,
    },
    commission: services.sessions,
    authority: {
      portal: services.authorityPortal,
      nationalityName: services.nationalityName,
      today: () => services.validation().today,
      uploads: services.uploads,
      maxUploadBytes: config.uploads.maxFileBytes,
    },
    members: services.members,
    api: { tokens: services.apiTokens, cases: services.apiCases },
    application: {
      drafts: services.drafts,
      submission: services.submission,
      authorities: authorityDirectory(database.db),
      filedCases: filedCaseLookup(database.db),
      blobs: services.blobs,
      nationalities: nationalityOptions(services.nationalities),
      validation: services.validation,
      exclusionGrounds: profile.exclusionGrounds.grounds,
      publicUrl: config.publicUrl,
      uploadAction: '/antrag/hochladen',
      maxUploadMb: Math.floor(config.uploads.maxFileBytes / 1024 ** 2),
      uploads: services.uploads,
      evidenceFiles: services.evidenceFiles,
      maxApplicationMb: Math.floor(config.uploads.maxApplicationBytes / 1024 ** 2),
      cases: services.cases,
      documentRequests: documentRequestReader(database.db),
      messages: services.messages,
      signedForm: (draft, itemId) =>
        signedForm(draft, itemId, services.validation().today, formRenderer, services.nationalityName),
    },
  });
  const outbox = config.worker === 'inline' ? createOutboxWorker(config, database, log, services) : undefined;
  outbox?.worker.start();
  if (options.maintenance !== false) await outbox?.scheduleMaintenance();
  return {
    app,
    services,
    async pauseWorker() {
      await outbox?.worker.stop();
    },
    resumeWorker() {
      outbox?.worker.start();
    },
    async close() {
      await app.close();
      await outbox?.close();
    },
  };
}
