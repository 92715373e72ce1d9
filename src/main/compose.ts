/** Builds the running web application from a config and an open database (used by server.ts and the tests). */
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../adapters/db/connect.ts';
import type { Config } from '../config/config.ts';
import { buildApp } from '../web/app.tsx';
import { LANGUAGES, type Lang } from '../web/i18n.ts';
import { loadServiceDescription } from '../web/public/service-info/load.ts';
import type { ServiceDescription } from '../web/public/service-info/schema.ts';
import { createOutboxWorker } from './services.ts';

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
  close(): Promise<void>;
}

/** The web app plus, unless WORKER=off, the in-process outbox worker. */
export async function composeApp(config: Config, database: DatabaseHandle, log: Logger): Promise<RunningApp> {
  const app = await buildApp({
    publicUrl: config.publicUrl,
    trustProxy: config.trustProxy,
    logger: { level: config.logLevel },
    descriptions: await loadDescriptions(),
    ready: async () => {
      await sql`SELECT 1`.execute(database.db);
      return true;
    },
  });
  const outbox = config.worker === 'inline' ? createOutboxWorker(config, database, log) : undefined;
  outbox?.worker.start();
  return {
    app,
    async close() {
      await app.close();
      await outbox?.close();
    },
  };
}
