/**
 * The real web app (`buildApp`: helmet, cookie, formbody, rate limit, Origin check, logger redaction,
 * error pages) plus the staff login over a test database, with an injected clock and the log lines
 * captured. Until app.tsx registers the login, this is how the tests get it. Also: staff accounts made
 * with `createStaffAccount` and their TOTP codes.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { h } from 'preact';
import { loginSessionStoreIn, staffAuthTransactions } from '../../src/adapters/db/login-session-store.ts';
import { staffDirectoryIn } from '../../src/adapters/db/staff-directory.ts';
import { argon2PasswordHasher } from '../../src/adapters/identity/password-hasher.ts';
import { createSecretBox } from '../../src/adapters/identity/secret-box.ts';
import { createStaffAccount } from '../../src/adapters/identity/staff-accounts.ts';
import { totpVerifier } from '../../src/adapters/identity/totp.ts';
import type { Clock } from '../../src/application/ports.ts';
import { type StaffAuthUseCases, staffAuthUseCases } from '../../src/application/staff-auth.ts';
import { loadDescriptions } from '../../src/main/compose.ts';
import { buildApp } from '../../src/web/app.tsx';
import { registerLoginPages, sessionTimeoutFor } from '../../src/web/auth/pages.tsx';
import { csrfField, registerStaffAuth, requireStaff } from '../../src/web/auth/session.ts';
import { renderPage } from '../../src/web/views/render.ts';
import type { TestDatabase } from './db.ts';

export const TEST_MASTER_KEY = `AGE-SECRET-KEY-1${'A'.repeat(58)}`;
const box = createSecretBox(TEST_MASTER_KEY);

export interface StaffUser {
  id: string;
  email: string;
  password: string;
  /** The TOTP secret (base32), as the authenticator app has it. */
  secret: string;
}

/**
 * A staff account; unless `initial`, its password counts as changed already (no forced change at the
 * first login).
 */
export async function createStaffUser(
  db: TestDatabase,
  input: {
    email: string;
    name: string;
    role: 'office_clerk' | 'office_head' | 'admin' | 'member' | 'authority';
    /** The immigration authority of an `authority` account. */
    organisationId?: string;
  },
  options: { initial?: boolean; changedAt?: Date; masterKey?: string } = {},
): Promise<StaffUser> {
  const secrets = options.masterKey ? createSecretBox(options.masterKey) : box;
  const created = await createStaffAccount(db.db, secrets, input, { role: 'system', id: 'test' });
  if (!created.ok) throw new Error(created.errors.join(' '));
  if (!options.initial) {
    await db.db
      .updateTable('users')
      .set({ password_changed_at: options.changedAt ?? new Date() })
      .where('id', '=', created.userId)
      .execute();
  }
  const secret = new URL(created.totpUri).searchParams.get('secret') ?? '';
  return { id: created.userId, email: input.email, password: created.initialPassword, secret };
}

/** The authenticator app's code at `at` (or `stepOffset` 30-second steps away). */
export function totpCode(user: StaffUser, at: Date, stepOffset = 0): Promise<string> {
  return generate({ secret: user.secret, epoch: Math.floor(at.getTime() / 1000) + 30 * stepOffset });
}

export interface StaffTestApp {
  app: FastifyInstance;
  url: string;
  auth: StaffAuthUseCases;
  /** Every log line the app wrote (level trace). */
  logs: string[];
  close(): Promise<void>;
}

/**
 * Starts the app on a loopback port with the login and three stand-in routes: `/geschaeftsstelle` (a
 * page with a form and the time-out warning), `/geschaeftsstelle/akte/:id` and POST
 * `/geschaeftsstelle/aktion` for the office roles, and `/kommission` for members.
 */
export async function startStaffTestApp(options: {
  db: TestDatabase;
  clock: Clock;
  publicUrl?: string;
  rateLimit?: { attemptsPerMinute?: number; pagesPerMinute?: number };
  host?: string;
}): Promise<StaffTestApp> {
  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildApp({
    publicUrl,
    trustProxy: false,
    logger: { level: 'trace', stream },
    descriptions: await loadDescriptions(),
    ready: async () => true,
  });
  const { db } = options.db;
  const auth = staffAuthUseCases({
    directory: staffDirectoryIn(db),
    sessions: loginSessionStoreIn(db),
    transactions: staffAuthTransactions(db),
    hasher: argon2PasswordHasher(),
    totp: totpVerifier(box),
    clock: options.clock,
    random: { uuid: () => crypto.randomUUID(), secret: () => randomBytes(32).toString('base64url') },
  });
  await registerStaffAuth(app, { auth, publicUrl });
  await registerLoginPages(app, {
    auth,
    publicUrl,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });

  const office = requireStaff(['office_clerk', 'office_head']);
  app.get('/geschaeftsstelle', { preHandler: office }, async (request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(
        renderPage(
          // preact's `h` types a host element by its props; renderPage takes any element.
          h<Record<string, unknown>>(
            'html',
            { lang: 'de' },
            h(
              'head',
              null,
              h('title', null, 'Geschäftsstelle'),
              h('link', { rel: 'stylesheet', href: '/assets/kern/kern.min.css' }),
            ),
            h(
              'body',
              null,
              h(
                'main',
                null,
                h('h1', null, 'Geschäftsstelle'),
                h('p', null, `Angemeldet als ${request.staff?.name}`),
                h(
                  'form',
                  { method: 'post', action: '/geschaeftsstelle/aktion' },
                  csrfField(reply),
                  h('label', { for: 'notiz' }, 'Notiz'),
                  h('input', { id: 'notiz', name: 'notiz', type: 'text' }),
                ),
              ),
              sessionTimeoutFor(request, reply),
            ),
          ),
        ),
      ),
  );
  app.get<{ Params: { id: string } }>(
    '/geschaeftsstelle/akte/:id',
    { preHandler: office },
    async (request) => ({
      akte: request.params.id,
    }),
  );
  app.post('/geschaeftsstelle/aktion', { preHandler: office }, async () => ({ done: true }));
  app.get('/kommission', { preHandler: requireStaff(['member']) }, async () => 'Sitzungen');

  const url = await app.listen({ port: 0, host: options.host ?? '127.0.0.1' });
  return { app, url, auth, logs, close: () => app.close() };
}
