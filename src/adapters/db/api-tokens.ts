/**
 * The JSON API's records: tokens (only hashes), the filed cases of a representative's account, and
 * case numbers to ids.
 */
import { type Kysely, sql } from 'kysely';
import type { AccountCaseRow, AccountCases, ApiTokenStore, CaseRefs } from '../../application/ports.ts';
import { appendAudit } from './audit-log.ts';
import type { Database } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CASE_NUMBER = /^HFK-\d{4}-\d{5,}$/;

export function apiTokenStoreIn(db: Kysely<Database>): ApiTokenStore {
  return {
    async create(token, audit) {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('api_tokens')
          .values({
            id: token.id,
            user_id: token.userId,
            name: token.name,
            token_hash: token.tokenHash,
            display_prefix: token.displayPrefix,
            scopes: [...token.scopes],
            expires_at: token.expiresAt,
            last_used_at: null,
            revoked_at: null,
          })
          .execute();
        await appendAudit(trx, audit);
      });
    },

    async ofUser(userId) {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        displayPrefix: r.display_prefix,
        scopes: r.scopes,
        createdAt: new Date(r.created_at),
        expiresAt: r.expires_at ? new Date(r.expires_at) : null,
        lastUsedAt: r.last_used_at ? new Date(r.last_used_at) : null,
        revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
      }));
    },

    revoke(userId, tokenId, at, audit) {
      return db.transaction().execute(async (trx) => {
        const done = await trx
          .updateTable('api_tokens')
          .set({ revoked_at: at })
          .where('id', '=', tokenId)
          .where('user_id', '=', userId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) return false;
        await appendAudit(trx, audit);
        return true;
      });
    },

    async use(tokenHash, now) {
      const row = await db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select([
          't.id',
          't.scopes',
          't.last_used_at',
          'u.id as user_id',
          'u.role',
          'u.display_name',
          'u.organisation_id',
        ])
        .where('t.token_hash', '=', tokenHash)
        .where('t.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
        .where('u.disabled', '=', false)
        .executeTakeFirst();
      if (!row) return null;
      const last = row.last_used_at ? new Date(row.last_used_at).getTime() : 0;
      if (now.getTime() - last > 60_000) {
        await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
      }
      return {
        tokenId: row.id,
        userId: row.user_id,
        role: row.role,
        name: row.display_name,
        organisationId: row.organisation_id,
        scopes: row.scopes,
      };
    },
  };
}

/** The cases of drafts the account, or a colleague of its organisation, started and submitted. */
export function accountCasesIn(db: Kysely<Database>): AccountCases {
  const base = (userId: string) =>
    db
      .selectFrom('drafts as d')
      .innerJoin('users as starter', 'starter.id', 'd.owner_user_id')
      .innerJoin('users as me', (join) => join.on('me.id', '=', userId))
      .innerJoin('cases as c', 'c.id', 'd.case_id')
      .where('me.role', '=', 'representative')
      .where((eb) =>
        eb.or([
          eb('d.owner_user_id', '=', userId),
          eb.and([
            eb('me.organisation_id', 'is not', null),
            eb('starter.organisation_id', '=', eb.ref('me.organisation_id')),
          ]),
        ]),
      )
      .select([
        'c.id',
        'c.case_number',
        'c.state',
        'c.received_at',
        sql<{ givenNames: string; familyName: string }[]>`coalesce((
          select json_agg(json_build_object('givenNames', p.given_names, 'familyName', p.family_name)
                          order by p.position)
          from persons p where p.case_id = c.id), '[]'::json)`.as('persons'),
      ]);
  const row = (r: {
    id: string;
    case_number: string;
    state: string;
    received_at: Date | string;
    persons: { givenNames: string; familyName: string }[];
  }): AccountCaseRow => ({
    caseId: r.id,
    caseNumber: r.case_number,
    state: r.state,
    receivedAt: new Date(r.received_at),
    persons: r.persons,
  });
  const find = async (userId: string, ref: string) => {
    if (!UUID.test(ref) && !CASE_NUMBER.test(ref)) return null;
    const found = await base(userId)
      .where(UUID.test(ref) ? 'c.id' : 'c.case_number', '=', ref)
      .executeTakeFirst();
    return found ? row(found) : null;
  };
  return {
    async list(userId) {
      const rows = await base(userId).orderBy('c.received_at', 'desc').limit(500).execute();
      return rows.map(row);
    },
    find,
    async documents(userId, caseId) {
      if (!(await find(userId, caseId))) return null;
      const docs = await db
        .selectFrom('documents')
        .select([
          'id',
          'category',
          'special_category',
          'file_name',
          'content_type',
          'size',
          'created_at',
          'blob_key',
        ])
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .execute();
      return docs.map((d) => ({
        id: d.id,
        category: d.category,
        specialCategory: d.special_category,
        fileName: d.file_name,
        contentType: d.content_type,
        size: Number(d.size),
        createdAt: new Date(d.created_at),
        blobKey: d.blob_key,
      }));
    },
  };
}

export function caseRefsIn(db: Kysely<Database>): CaseRefs {
  return {
    async idOf(ref) {
      if (UUID.test(ref)) return ref;
      if (!CASE_NUMBER.test(ref)) return null;
      const row = await db.selectFrom('cases').select('id').where('case_number', '=', ref).executeTakeFirst();
      return row?.id ?? null;
    },
  };
}
