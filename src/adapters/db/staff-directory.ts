/** Staff accounts as the login sees them (`users`). */
import { type Kysely, type Selectable, sql } from 'kysely';
import type { StaffAccount, StaffDirectory } from '../../application/ports.ts';
import type { Database, UsersTable } from './schema.ts';

export function toStaffAccount(row: Selectable<UsersTable>): StaffAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    passwordHash: row.password_hash,
    totpSecretSealed: row.totp_secret_enc,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    disabled: row.disabled,
    passwordChangedAt: row.password_changed_at,
  };
}

/** The directory on the database, or inside a transaction. */
export function staffDirectoryIn(db: Kysely<Database>): StaffDirectory {
  return {
    async findByEmail(email) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        // The expression of the unique index users_email, so that the index is used.
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst();
      return row ? toStaffAccount(row) : null;
    },

    async findById(id, options = {}) {
      let query = db.selectFrom('users').selectAll().where('id', '=', id);
      if (options.forUpdate) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row ? toStaffAccount(row) : null;
    },

    async recordFailure(userId, policy) {
      // One statement: parallel failures each add one, and exactly one of them sets the lock.
      const row = await db
        .updateTable('users')
        .set({
          failed_logins: sql<number>`CASE WHEN failed_logins + 1 >= ${policy.maxFailures} THEN 0 ELSE failed_logins + 1 END`,
          locked_until: sql<Date | null>`CASE WHEN failed_logins + 1 >= ${policy.maxFailures} THEN ${policy.lockUntil}::timestamptz ELSE locked_until END`,
        })
        .where('id', '=', userId)
        .returning(['failed_logins', 'locked_until', sql<boolean>`failed_logins = 0`.as('locked_now')])
        .executeTakeFirst();
      if (!row) return { failedLogins: 0, lockedUntil: null, lockedNow: false };
      return {
        failedLogins: row.locked_now ? policy.maxFailures : row.failed_logins,
        lockedUntil: row.locked_until,
        lockedNow: row.locked_now,
      };
    },

    async recordSuccess(userId) {
      await db
        .updateTable('users')
        .set({ failed_logins: 0, locked_until: null })
        .where('id', '=', userId)
        .execute();
    },

    async claimTotpStep(userId, step) {
      const result = await db
        .updateTable('users')
        .set({ totp_last_step: String(step) })
        .where('id', '=', userId)
        .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async setPassword(userId, passwordHash, changedAt) {
      await db
        .updateTable('users')
        .set({ password_hash: passwordHash, password_changed_at: changedAt })
        .where('id', '=', userId)
        .execute();
    },
  };
}
