import { randomBytes, randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI } from 'otplib';
import { z } from 'zod';
import { appendAudit } from '../db/audit-log.ts';
import type { Database, StaffRole } from '../db/schema.ts';
import type { SecretBox } from './secret-box.ts';

/** argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane). */
export const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

const STAFF_ROLES = ['office_clerk', 'office_head', 'admin', 'member', 'authority'] as const;

export const newStaffAccountSchema = z.object({
  email: z.email({ error: 'Bitte geben Sie eine gültige E-Mail-Adresse an.' }).max(254),
  name: z.string().trim().min(1, 'Bitte geben Sie einen Namen an.').max(200, 'Der Name ist zu lang.'),
  role: z.enum(STAFF_ROLES, { error: `Die Rolle muss eine von ${STAFF_ROLES.join(', ')} sein.` }),
  organisationId: z.uuid().nullable().default(null),
});

export type NewStaffAccount = z.input<typeof newStaffAccountSchema>;

export type CreatedAccount =
  | { ok: true; userId: string; initialPassword: string; totpUri: string }
  | { ok: false; errors: string[] };

/**
 * Creates a staff account with a random initial password (argon2id) and a TOTP secret
 * (sealed with the master key). The password and the TOTP URI are returned once, never stored.
 */
export async function createStaffAccount(
  db: Kysely<Database>,
  secrets: SecretBox,
  input: NewStaffAccount,
  actor: { role: string; id: string | null },
): Promise<CreatedAccount> {
  const parsed = newStaffAccountSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
  const { email, name, role, organisationId } = parsed.data;
  const initialPassword = randomBytes(15).toString('base64url');
  const totpSecret = generateSecret();
  const passwordHash = await hash(initialPassword, ARGON2_OPTIONS);
  const userId = randomUUID();
  return db.transaction().execute(async (trx): Promise<CreatedAccount> => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    if (taken) return { ok: false, errors: ['Es gibt bereits ein Konto mit dieser E-Mail-Adresse.'] };
    await trx
      .insertInto('users')
      .values({
        id: userId,
        email,
        display_name: name,
        role: role as StaffRole,
        organisation_id: organisationId,
        password_hash: passwordHash,
        totp_secret_enc: secrets.seal(totpSecret),
        totp_last_step: null,
        locked_until: null,
      })
      .execute();
    await appendAudit(trx, {
      at: new Date(),
      actor,
      action: 'user.created',
      resource: { type: 'user', id: userId },
      details: { role },
    });
    const totpUri = generateURI({ issuer: 'Härtefallverfahren NRW', label: email, secret: totpSecret });
    return { ok: true, userId, initialPassword, totpUri };
  });
}

/**
 * An administrator's reset of a staff account's login: a new random initial password (changed at
 * the next login), a new TOTP secret (the old authenticator entry stops working), the login lock
 * lifted, and every session of the account ended. The password and TOTP URI are returned once.
 */
export async function resetStaffCredentials(
  db: Kysely<Database>,
  secrets: SecretBox,
  userId: string,
  actor: { role: string; id: string | null },
): Promise<{ email: string; initialPassword: string; totpUri: string } | null> {
  if (!z.uuid().safeParse(userId).success) return null;
  const initialPassword = randomBytes(15).toString('base64url');
  const totpSecret = generateSecret();
  const passwordHash = await hash(initialPassword, ARGON2_OPTIONS);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        password_changed_at: null,
        totp_secret_enc: secrets.seal(totpSecret),
        totp_last_step: null,
        locked_until: null,
        failed_logins: 0,
      })
      .where('id', '=', userId)
      .where('role', '!=', 'representative')
      .returning('email')
      .executeTakeFirst();
    if (!row) return null;
    await trx.deleteFrom('login_sessions').where('user_id', '=', userId).execute();
    await appendAudit(trx, {
      at: new Date(),
      actor,
      action: 'user.credentials_reset',
      resource: { type: 'user', id: userId },
    });
    const totpUri = generateURI({ issuer: 'Härtefallverfahren NRW', label: row.email, secret: totpSecret });
    return { email: row.email, initialPassword, totpUri };
  });
}
