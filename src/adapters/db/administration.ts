/** Accounts and organisations for the administrators; each change with its audit entry in one transaction. */
import type { Kysely } from 'kysely';
import type { Administration } from '../../application/ports.ts';
import type { SecretBox } from '../identity/secret-box.ts';
import { createStaffAccount, resetStaffCredentials } from '../identity/staff-accounts.ts';
import { appendAudit } from './audit-log.ts';
import type { Database } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function administrationIn(db: Kysely<Database>, secrets: SecretBox): Administration {
  async function changeUser(
    id: string,
    set: Partial<{ disabled: boolean; locked_until: null; failed_logins: number }>,
    action: string,
    actor: { role: string; id: string },
  ) {
    if (!UUID.test(id)) return false;
    return db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('users')
        .set(set)
        .where('id', '=', id)
        .where('role', '!=', 'representative')
        .executeTakeFirst();
      if (r.numUpdatedRows !== 1n) return false;
      await appendAudit(trx, { at: new Date(), actor, action, resource: { type: 'user', id } });
      return true;
    });
  }

  return {
    async organisations() {
      const rows = await db.selectFrom('organisations').selectAll().orderBy('kind').orderBy('name').execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        name: r.name,
        email: r.email,
        kreisAgs: r.kreis_ags,
      }));
    },

    async setOrganisationEmail(id, email, actor) {
      if (!UUID.test(id)) return false;
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('organisations')
          .set({ email })
          .where('id', '=', id)
          .executeTakeFirst();
        if (r.numUpdatedRows !== 1n) return false;
        await appendAudit(trx, {
          at: new Date(),
          actor,
          action: 'organisation.email_changed',
          resource: { type: 'organisation', id },
        });
        return true;
      });
    },

    async accounts() {
      const rows = await db
        .selectFrom('users')
        .select([
          'id',
          'email',
          'display_name',
          'role',
          'organisation_id',
          'disabled',
          'locked_until',
          'password_changed_at',
        ])
        .where('role', '!=', 'representative')
        .orderBy('display_name')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        email: r.email,
        name: r.display_name,
        role: r.role,
        organisationId: r.organisation_id,
        disabled: r.disabled,
        lockedUntil: r.locked_until,
        initialPassword: r.password_changed_at === null,
      }));
    },

    createAccount(input, actor) {
      return createStaffAccount(
        db,
        secrets,
        {
          email: input.email,
          name: input.name,
          role: input.role as 'office_clerk',
          organisationId: input.organisationId,
        },
        actor,
      );
    },

    setDisabled: (id, disabled, actor) =>
      changeUser(id, { disabled }, disabled ? 'user.disabled' : 'user.enabled', actor),
    resetCredentials: (id, actor) => resetStaffCredentials(db, secrets, id, actor),
    unlock: (id, actor) => changeUser(id, { locked_until: null, failed_logins: 0 }, 'user.unlocked', actor),
  };
}
