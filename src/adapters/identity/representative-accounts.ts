/** Representatives' registrations and accounts on the database; passwords argon2id, TOTP secrets sealed. */
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import { generateSecret, generateURI } from 'otplib';
import type { RepresentativeAccounts } from '../../application/ports.ts';
import { appendAudit } from '../db/audit-log.ts';
import type { Database } from '../db/schema.ts';
import type { SecretBox } from './secret-box.ts';
import { ARGON2_OPTIONS } from './staff-accounts.ts';

const byEmail = (email: string) => sql<boolean>`lower(email) = ${email.toLowerCase()}`;

/** Drafts started by the account, or by a colleague of its organisation (`d`, `starter`, `me` joined). */
function ownedBy(eb: ExpressionBuilder<OwnershipJoin, 'd' | 'starter' | 'me'>, userId: string) {
  return eb.or([
    eb('d.owner_user_id', '=', userId),
    eb.and([
      eb('me.organisation_id', 'is not', null),
      eb('starter.organisation_id', '=', eb.ref('me.organisation_id')),
    ]),
  ]);
}

type OwnershipJoin = { d: Database['drafts']; starter: Database['users']; me: Database['users'] };

/** A representative's user row with a new sealed TOTP secret, audited; the authenticator URI once. */
async function createAccount(
  trx: Transaction<Database>,
  secrets: SecretBox,
  a: {
    email: string;
    name: string;
    organisationId: string | null;
    passwordHash: string;
    now: Date;
    action: string;
    details: Record<string, unknown>;
  },
) {
  const userId = randomUUID();
  const secret = generateSecret();
  await trx
    .insertInto('users')
    .values({
      id: userId,
      email: a.email,
      display_name: a.name,
      role: 'representative',
      organisation_id: a.organisationId,
      password_hash: a.passwordHash,
      totp_secret_enc: secrets.seal(secret),
      totp_last_step: null,
      locked_until: null,
      // The owner chose the password: no forced change at the first login.
      password_changed_at: a.now,
    })
    .execute();
  await appendAudit(trx, {
    at: a.now,
    actor: { role: 'representative', id: userId },
    action: a.action,
    resource: { type: 'user', id: userId },
    details: a.details,
  });
  const totpUri = generateURI({ issuer: 'Härtefallverfahren NRW', label: a.email, secret });
  return { ok: true as const, userId, email: a.email, totpUri };
}

const emailIs = (email: string) => (eb: ExpressionBuilder<Database, 'users'>) =>
  eb(eb.fn('lower', ['email']), '=', email.toLowerCase());

export function representativeAccountsIn(db: Kysely<Database>, secrets: SecretBox): RepresentativeAccounts {
  return {
    async savePending(r) {
      const passwordHash = await hash(r.password, ARGON2_OPTIONS);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('account_registrations').where(byEmail(r.email)).execute();
        await trx
          .insertInto('account_registrations')
          .values({
            token_hash: r.tokenHash,
            email: r.email,
            display_name: r.name,
            organisation_name: r.organisation?.name ?? null,
            organisation_kind: r.organisation?.kind ?? null,
            password_hash: passwordHash,
            expires_at: r.expiresAt,
          })
          .execute();
      });
    },

    async emailTaken(email) {
      const row = await db
        .selectFrom('users')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst();
      return row !== undefined;
    },

    confirm(tokenHash, now) {
      return db.transaction().execute(async (trx) => {
        const pending = await trx
          .deleteFrom('account_registrations')
          .where('token_hash', '=', tokenHash)
          .returningAll()
          .executeTakeFirst();
        if (!pending) return { ok: false as const, kind: 'unknown' as const };
        if (new Date(pending.expires_at).getTime() <= now.getTime())
          return { ok: false as const, kind: 'expired' as const };
        const taken = await trx
          .selectFrom('users')
          .select('id')
          .where((eb) => eb(eb.fn('lower', ['email']), '=', pending.email.toLowerCase()))
          .executeTakeFirst();
        if (taken) return { ok: false as const, kind: 'taken' as const };
        let organisationId: string | null = null;
        if (pending.organisation_name && pending.organisation_kind) {
          organisationId = randomUUID();
          await trx
            .insertInto('organisations')
            .values({ id: organisationId, kind: pending.organisation_kind, name: pending.organisation_name })
            .execute();
        }
        return createAccount(trx, secrets, {
          email: pending.email,
          name: pending.display_name,
          organisationId,
          passwordHash: pending.password_hash,
          now,
          action: 'user.registered',
          details: { organisation: organisationId !== null },
        });
      });
    },

    async applications(userId) {
      const rows = await db
        .selectFrom('drafts as d')
        .innerJoin('users as starter', 'starter.id', 'd.owner_user_id')
        .innerJoin('users as me', (join) => join.on('me.id', '=', userId))
        .leftJoin('cases as c', 'c.id', 'd.case_id')
        .select([
          'd.id',
          'd.created_at',
          'd.updated_at',
          'd.submitted_at',
          'c.case_number',
          'c.state',
          'starter.display_name',
          sql<
            string[]
          >`coalesce((select array_agg(trim(coalesce(p ->> 'givenNames', '') || ' ' || coalesce(p ->> 'familyName', '')))
            from jsonb_array_elements(coalesce(d.content -> 'persons', '[]'::jsonb)) p), '{}')`.as(
            'person_names',
          ),
        ])
        .where((eb) => ownedBy(eb, userId))
        .orderBy('d.updated_at', 'desc')
        .limit(500)
        .execute();
      return rows.map((r) => ({
        draftId: r.id,
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
        submittedAt: r.submitted_at ? new Date(r.submitted_at) : null,
        caseNumber: r.case_number,
        caseState: r.state,
        personNames: r.person_names.filter((n) => n.trim() !== ''),
        startedBy: r.display_name,
      }));
    },

    async owns(userId, draftId) {
      const row = await db
        .selectFrom('drafts as d')
        .innerJoin('users as starter', 'starter.id', 'd.owner_user_id')
        .innerJoin('users as me', (join) => join.on('me.id', '=', userId))
        .select('d.id')
        .where('d.id', '=', draftId)
        .where('me.role', '=', 'representative')
        .where((eb) => ownedBy(eb, userId))
        .executeTakeFirst();
      return row !== undefined;
    },

    async representativeByEmail(email) {
      const row = await db
        .selectFrom('users')
        .select(['id', 'email'])
        .where(emailIs(email))
        .where('role', '=', 'representative')
        .where('disabled', '=', false)
        .executeTakeFirst();
      return row ? { userId: row.id, email: row.email } : null;
    },

    async saveReset(r) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('password_resets').where('user_id', '=', r.userId).execute();
        await trx
          .insertInto('password_resets')
          .values({ token_hash: r.tokenHash, user_id: r.userId, expires_at: r.expiresAt })
          .execute();
      });
    },

    async resetPassword(tokenHash, password, now) {
      // Hashing takes a while: before the transaction, so that no row waits on it.
      const passwordHash = await hash(password, ARGON2_OPTIONS);
      return db.transaction().execute(async (trx) => {
        const reset = await trx
          .deleteFrom('password_resets')
          .where('token_hash', '=', tokenHash)
          .returningAll()
          .executeTakeFirst();
        if (!reset) return { ok: false as const, kind: 'unknown' as const };
        if (new Date(reset.expires_at).getTime() <= now.getTime())
          return { ok: false as const, kind: 'expired' as const };
        const user = await trx
          .updateTable('users')
          .set({
            password_hash: passwordHash,
            password_changed_at: now,
            failed_logins: 0,
            locked_until: null,
          })
          .where('id', '=', reset.user_id)
          .where('role', '=', 'representative')
          .where('disabled', '=', false)
          .returning(['id', 'email'])
          .executeTakeFirst();
        if (!user) return { ok: false as const, kind: 'unknown' as const };
        await trx.deleteFrom('password_resets').where('user_id', '=', user.id).execute();
        await trx.deleteFrom('login_sessions').where('user_id', '=', user.id).execute();
        await appendAudit(trx, {
          at: now,
          actor: { role: 'representative', id: user.id },
          action: 'user.password_reset_by_link',
          resource: { type: 'user', id: user.id },
          details: {},
        });
        return { ok: true as const, userId: user.id, email: user.email };
      });
    },

    async saveInvitation(i) {
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('account_invitations')
          .where('organisation_id', '=', i.organisationId)
          .where(sql<boolean>`lower(email) = ${i.email.toLowerCase()}`)
          .execute();
        await trx
          .insertInto('account_invitations')
          .values({
            token_hash: i.tokenHash,
            organisation_id: i.organisationId,
            invited_by: i.invitedBy,
            email: i.email,
            expires_at: i.expiresAt,
          })
          .execute();
        await appendAudit(trx, {
          at: new Date(),
          actor: { role: 'representative', id: i.invitedBy },
          action: 'user.invited',
          resource: { type: 'organisation', id: i.organisationId },
          details: {},
        });
      });
    },

    async invitation(tokenHash, now) {
      const row = await db
        .selectFrom('account_invitations as i')
        .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
        .select(['i.email', 'i.expires_at', 'o.name'])
        .where('i.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return { ok: false as const, kind: 'unknown' as const };
      if (new Date(row.expires_at).getTime() <= now.getTime())
        return { ok: false as const, kind: 'expired' as const };
      return { ok: true as const, email: row.email, organisationName: row.name };
    },

    async acceptInvitation(tokenHash, input, now) {
      const passwordHash = await hash(input.password, ARGON2_OPTIONS);
      return db.transaction().execute(async (trx) => {
        const invited = await trx
          .deleteFrom('account_invitations')
          .where('token_hash', '=', tokenHash)
          .returningAll()
          .executeTakeFirst();
        if (!invited) return { ok: false as const, kind: 'unknown' as const };
        if (new Date(invited.expires_at).getTime() <= now.getTime())
          return { ok: false as const, kind: 'expired' as const };
        const taken = await trx
          .selectFrom('users')
          .select('id')
          .where(emailIs(invited.email))
          .executeTakeFirst();
        if (taken) return { ok: false as const, kind: 'taken' as const };
        return createAccount(trx, secrets, {
          email: invited.email,
          name: input.name,
          organisationId: invited.organisation_id,
          passwordHash,
          now,
          action: 'user.invitation_accepted',
          details: { organisation: true, invitedBy: invited.invited_by },
        });
      });
    },

    async colleagues(organisationId) {
      const members = await db
        .selectFrom('users')
        .select(['display_name', 'email'])
        .where('organisation_id', '=', organisationId)
        .where('role', '=', 'representative')
        .where('disabled', '=', false)
        .orderBy('display_name')
        .execute();
      const invited = await db
        .selectFrom('account_invitations')
        .select(['email', 'expires_at'])
        .where('organisation_id', '=', organisationId)
        .where('expires_at', '>', new Date())
        .orderBy('created_at')
        .execute();
      const organisation = await db
        .selectFrom('organisations')
        .select('name')
        .where('id', '=', organisationId)
        .executeTakeFirst();
      return {
        organisationName: organisation?.name ?? '',
        members: members.map((m) => ({ name: m.display_name, email: m.email })),
        invited: invited.map((i) => ({ email: i.email, expiresAt: new Date(i.expires_at) })),
      };
    },

    async purgeExpired(now) {
      let count = 0;
      for (const table of ['account_registrations', 'password_resets', 'account_invitations'] as const) {
        const done = await db.deleteFrom(table).where('expires_at', '<=', now).executeTakeFirst();
        count += Number(done.numDeletedRows);
      }
      return count;
    },
  };
}
