/** Composition helpers shared by the server, the worker and the CLI. */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';
import { type DatabaseHandle, openDatabase } from '../adapters/db/connect.ts';
import { DataDirLockedError } from '../adapters/db/lock.ts';
import { migrate } from '../adapters/db/migrate.ts';
import { seedReferenceData } from '../adapters/db/seed-reference.ts';
import { generateIdentity } from '../adapters/files/age-blob-store.ts';
import { loadLetterhead, loadProfile, ProfileError } from '../adapters/reference/profiles.ts';
import { type Config, ConfigError, loadConfig } from '../config/config.ts';
import type { ProcedureProfile } from '../domain/rules/profile.ts';

/** Parses the environment or ends the process with the German list of problems (no stack trace). */
export function configOrExit(env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

export function createLogger(config: Config, name: string): Logger {
  return pino({ name, level: config.logLevel });
}

/**
 * The file store's age identity: from MASTER_KEY, or in the embedded default from
 * DATA_DIR/master.key, generated on first start. Production never generates one (config refuses).
 */
export async function masterKey(config: Config, log: Logger): Promise<string> {
  if (config.masterKey) return config.masterKey;
  const file = config.paths.masterKeyFile;
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const identity = await generateIdentity();
  try {
    writeFileSync(file, `${identity}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process started at the same moment and wrote its key first: use that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
  chmodSync(file, 0o600);
  log.warn(
    { file },
    'Neuer Hauptschlüssel erzeugt. Sichern Sie diese Datei getrennt von den Daten: ohne sie sind die gespeicherten Dateien nicht lesbar.',
  );
  return identity;
}

/** Opens the configured database, applies pending migrations and loads the reference data. */
export async function openMigratedDatabase(config: Config, log: Logger): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.paths.pglite });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(75);
    }
    throw error;
  }
  const applied = await migrate(handle.db);
  if (applied.length > 0) log.info({ applied }, 'Datenbankmigrationen angewendet');
  const seeded = await seedReferenceData(handle.db);
  if (seeded.jurisdictionsCreated > 0) log.info(seeded, 'Referenzdaten geladen');
  return handle;
}

/** The configured procedure profile (PROFILE), or the end of the process with its German problems. */
export async function profileOrExit(config: Config): Promise<ProcedureProfile> {
  try {
    const profile = await loadProfile(config.profile, config.profilesDir);
    await loadLetterhead(config.profile, config.profilesDir);
    return profile;
  } catch (error) {
    if (error instanceof ProfileError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
