/** Representatives' registrations and accounts on the database; passwords argon2id, TOTP secrets sealed. */
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
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
        const userId = randomUUID();
        const secret = generateSecret();
        await trx
          .insertInto('users')
          .values({
            id: userId,
            email: pending.email,
            display_name: pending.display_name,
            role: 'representative',
            organisation_id: organisationId,
            password_hash: pending.password_hash,
            totp_secret_enc: secrets.seal(secret),
            totp_last_step: null,
            locked_until: null,
            // The owner chose the password: no forced change at the first login.
            password_changed_at: now,
          })
          .execute();
        await appendAudit(trx, {
          at: now,
          actor: { role: 'representative', id: userId },
          action: 'user.registered',
          resource: { type: 'user', id: userId },
          details: { organisation: organisationId !== null },
        });
        const totpUri = generateURI({ issuer: 'Härtefallverfahren NRW', label: pending.email, secret });
        return { ok: true as const, userId, email: pending.email, totpUri };
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
  };
}
