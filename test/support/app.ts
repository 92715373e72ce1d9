/** The real web application on a loopback port, over a fresh test database. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { composeApp } from '../../src/main/compose.ts';
import type { Services } from '../../src/main/services.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  url: string;
  database: TestDatabase;
  dataDir: string;
  /** The composed use cases (for tests that need a step the UI of another slice takes). */
  services: Services;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hfk-app-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', ...env });
  const database = await createTestDatabase();
  const running = await composeApp(config, database, pino({ level: 'silent' }));
  const address = await running.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    database,
    dataDir,
    services: running.services,
    async close() {
      await running.close();
      await database.close();
    },
  };
}
