/**
 * The environment, parsed and validated once at start. A bad value stops the start with a
 * German message that names the variable; production refuses missing or weak secrets.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const AGE_IDENTITY = /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/;

const port = z.coerce
  .number({ error: 'muss eine Zahl sein' })
  .int('muss eine ganze Zahl sein')
  .min(0, 'muss zwischen 0 und 65535 liegen')
  .max(65535, 'muss zwischen 0 und 65535 liegen');

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'muss development, production oder test sein' })
    .default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ error: 'muss eine vollständige URL sein, z. B. https://haertefall.nrw.de' }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'muss mit postgres:// oder postgresql:// beginnen')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  MASTER_KEY: z
    .string()
    .regex(
      AGE_IDENTITY,
      'muss ein age-Schlüssel sein (AGE-SECRET-KEY-1…, erzeugt mit „npm run cli -- key generate“)',
    )
    .optional(),
  SESSION_SECRET: z.string().min(32, 'muss mindestens 32 Zeichen lang sein').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'muss mit smtp:// oder smtps:// beginnen')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Härtefallkommission NRW <noreply@haertefall.localhost>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKER: z.enum(['inline', 'off'], { error: 'muss inline oder off sein' }).default('inline'),
  PROFILE: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten')
    .default('nrw'),
  PROFILES_DIR: z.string().min(1).optional(),
  UPLOAD_MAX_MB: z.coerce
    .number({ error: 'muss eine Zahl sein' })
    .int('muss eine ganze Zahl sein')
    .min(1, 'muss mindestens 1 sein')
    .max(1024, 'darf höchstens 1024 sein')
    .default(25),
  APPLICATION_MAX_MB: z.coerce
    .number({ error: 'muss eine Zahl sein' })
    .int('muss eine ganze Zahl sein')
    .min(1, 'muss mindestens 1 sein')
    .max(10240, 'darf höchstens 10240 sein')
    .default(500),
  CLAMD_SOCKET: z
    .string()
    .regex(/^\//, 'muss ein absoluter Pfad sein, z. B. /var/run/clamav/clamd.ctl')
    .optional(),
  CLAMD_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:[\]-]{1,253}$/, 'muss ein Rechnername oder eine IP-Adresse sein')
    .optional(),
  CLAMD_PORT: port.min(1, 'muss zwischen 1 und 65535 liegen').optional(),
  CLAMD_TIMEOUT_S: z.coerce
    .number({ error: 'muss eine Zahl sein' })
    .int('muss eine ganze Zahl sein')
    .min(1, 'muss mindestens 1 sein')
    .max(600, 'darf höchstens 600 sein')
    .default(60),
  SESSION_PACK_DAYS: z.coerce
    .number({ error: 'muss eine Zahl sein' })
    .int('muss eine ganze Zahl sein')
    .min(0, 'darf nicht negativ sein')
    .max(365, 'darf höchstens 365 sein')
    .default(7),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** age identity for the file store; undefined means "generate one into the data directory" (not in production). */
  masterKey: string | undefined;
  sessionSecret: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  worker: 'inline' | 'off';
  profile: string;
  /**
   * Where the procedure profiles live (`<id>.json`, optionally `<id>.letterhead.json`); null = the
   * profiles shipped in content/profiles.
   */
  profilesDir: string | null;
  trustProxy: boolean;
  /**
   * ClamAV's daemon, on a unix socket or host and port; null = no virus scanning (the default). A
   * configured scanner that does not answer holds uploads back instead of passing them unchecked.
   */
  virusScan: { address: { socket: string } | { host: string; port: number }; timeoutMs: number } | null;
  /** Days after the session day through which members can download the session pack. */
  sessionPackDays: number;
  /** Largest file and largest sum of files of one application, in bytes. */
  uploads: { maxFileBytes: number; maxApplicationBytes: number };
  paths: { pglite: string; files: string; mail: string; masterKeyFile: string; uploads: string };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Die Konfiguration ist ungültig:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const WEAK = /^(changeme|secret|password|geheim|test|0+|x+)/i;

function virusScanOf(e: z.infer<typeof envSchema>): Config['virusScan'] {
  const timeoutMs = e.CLAMD_TIMEOUT_S * 1000;
  if (e.CLAMD_SOCKET) return { address: { socket: e.CLAMD_SOCKET }, timeoutMs };
  if (e.CLAMD_HOST) return { address: { host: e.CLAMD_HOST, port: e.CLAMD_PORT ?? 3310 }, timeoutMs };
  return null;
}

/** Parses the environment into a Config, or throws a ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? '?')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production') {
    if (!e.MASTER_KEY) problems.push('MASTER_KEY: fehlt – im Produktivbetrieb wird kein Schlüssel erzeugt.');
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET: fehlt (mindestens 32 zufällige Zeichen).');
    else if (WEAK.test(e.SESSION_SECRET) || new Set(e.SESSION_SECRET).size < 10)
      problems.push('SESSION_SECRET: ist zu schwach (zu wenige verschiedene Zeichen oder ein Platzhalter).');
    if (!e.PUBLIC_URL) problems.push('PUBLIC_URL: fehlt (die öffentliche https-Adresse des Dienstes).');
    else if (!e.PUBLIC_URL.startsWith('https://'))
      problems.push('PUBLIC_URL: muss im Produktivbetrieb mit https:// beginnen.');
  }
  if (e.CLAMD_SOCKET && (e.CLAMD_HOST || e.CLAMD_PORT !== undefined))
    problems.push('CLAMD_SOCKET: entweder CLAMD_SOCKET oder CLAMD_HOST/CLAMD_PORT angeben, nicht beides.');
  if (e.CLAMD_PORT !== undefined && !e.CLAMD_HOST)
    problems.push('CLAMD_PORT: braucht CLAMD_HOST (den Rechner, auf dem clamd läuft).');
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    databaseUrl: e.DATABASE_URL,
    dataDir,
    masterKey: e.MASTER_KEY,
    sessionSecret: e.SESSION_SECRET,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    worker: e.WORKER,
    profile: e.PROFILE,
    profilesDir: e.PROFILES_DIR ? resolve(e.PROFILES_DIR) : null,
    trustProxy: e.TRUST_PROXY,
    virusScan: virusScanOf(e),
    sessionPackDays: e.SESSION_PACK_DAYS,
    uploads: {
      maxFileBytes: e.UPLOAD_MAX_MB * 1024 ** 2,
      maxApplicationBytes: e.APPLICATION_MAX_MB * 1024 ** 2,
    },
    paths: {
      pglite: resolve(dataDir, 'db'),
      files: resolve(dataDir, 'files'),
      mail: resolve(dataDir, 'mail'),
      uploads: resolve(dataDir, 'uploads'),
      masterKeyFile: resolve(dataDir, 'master.key'),
    },
  };
}
