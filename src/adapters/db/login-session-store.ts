/**
 * Server-side login sessions (`login_sessions`). The row's id is the SHA-256 of the cookie value, so a
 * copy of the table does not let anyone in. Also the login's transaction (directory, sessions, audit).
 */
import type { Kysely } from 'kysely';
import type { LoginSessionStore, StaffAuthTransactions } from '../../application/ports.ts';
import { auditTrailIn } from './audit-log.ts';
import type { Database } from './schema.ts';
import { staffDirectoryIn, toStaffAccount } from './staff-directory.ts';

export function loginSessionStoreIn(db: Kysely<Database>): LoginSessionStore {
  return {
    async create(session) {
      await db
        .insertInto('login_sessions')
        .values({
          id: session.idHash,
          user_id: session.userId,
          data: JSON.stringify(session.data),
          created_at: session.now,
          last_seen_at: session.now,
          expires_at: session.expiresAt,
        })
        .execute();
    },

    async findByIdHash(idHash) {
      const row = await db
        .selectFrom('login_sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('u')
        .select([
          's.id as session_id',
          's.user_id as session_user_id',
          's.data as session_data',
          's.created_at as session_created_at',
          's.last_seen_at as session_last_seen_at',
          's.expires_at as session_expires_at',
        ])
        .where('s.id', '=', idHash)
        .executeTakeFirst();
      if (!row) return null;
      const {
        session_id,
        session_user_id,
        session_data,
        session_created_at,
        session_last_seen_at,
        session_expires_at,
        ...user
      } = row;
      return {
        session: {
          idHash: session_id,
          userId: session_user_id ?? user.id,
          data: session_data,
          createdAt: new Date(session_created_at),
          lastSeenAt: new Date(session_last_seen_at),
          expiresAt: new Date(session_expires_at),
        },
        account: toStaffAccount(user),
      };
    },

    async touch(idHash, now) {
      await db.updateTable('login_sessions').set({ last_seen_at: now }).where('id', '=', idHash).execute();
    },

    async delete(idHash) {
      const result = await db.deleteFrom('login_sessions').where('id', '=', idHash).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async deleteAllOfUser(userId) {
      const result = await db.deleteFrom('login_sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpired(now, idleSince) {
      const result = await db
        .deleteFrom('login_sessions')
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleSince)]))
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** The login's writes and their audit entries in one database transaction. */
export function staffAuthTransactions(db: Kysely<Database>): StaffAuthTransactions {
  return {
    run: (work) =>
      db.transaction().execute((trx) =>
        work({
          directory: staffDirectoryIn(trx),
          sessions: loginSessionStoreIn(trx),
          audit: auditTrailIn(trx),
        }),
      ),
  };
}
