/**
 * Tokens of the JSON API: a user (office staff, an immigration authority's staff, a representative)
 * creates tokens for their own programs. A token is `hfk_` and 256 random bits (base64url); only its
 * SHA-256 is stored, it is shown once. Each token is scoped to what its role may do on the pages at
 * most, may expire, can be revoked by its owner, and remembers when it was last used. Creating and
 * revoking are audited.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../domain/case/index.ts';
import type { ApiTokenHolder, ApiTokenRow, ApiTokenStore, Clock, Randomness, StaffRole } from './ports.ts';

export const API_TOKEN_PREFIX = 'hfk_';

export const API_SCOPES = ['cases:read', 'messages:read', 'messages:write', 'documents:read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/**
 * What each role's tokens may be granted: never more than the role does on its pages (the
 * immigration authorities read no messages). Administrators and members have no use for the API.
 */
export const SCOPES_OF_ROLE: Partial<Record<StaffRole, readonly ApiScope[]>> = {
  office_clerk: API_SCOPES,
  office_head: API_SCOPES,
  representative: API_SCOPES,
  authority: ['cases:read', 'documents:read'],
};

/** How long a new token is valid, in days; null: until revoked. */
export const TOKEN_VALIDITY = { '30': 30, '90': 90, '365': 365, none: null } as const;
export type TokenValidity = keyof typeof TOKEN_VALIDITY;

/** At most this many active tokens per user. */
export const MAX_ACTIVE_TOKENS = 20;

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The shape of a token this app gives out; anything else is not looked up at all. */
export function isApiTokenShape(token: string): boolean {
  return /^hfk_[A-Za-z0-9_-]{43}$/.test(token);
}

export interface TokenTexts {
  name: string;
  scopes: string;
  validity: string;
  tooMany: string;
}

export type CreateTokenResult =
  | { ok: true; token: string; id: string }
  | { ok: false; errors: { path: string; message: string }[] };

export function apiTokenUseCases(deps: { store: ApiTokenStore; clock: Clock; random: Randomness }) {
  const scopesOf = (role: string): readonly ApiScope[] => SCOPES_OF_ROLE[role as StaffRole] ?? [];

  return {
    /** The scopes this actor's tokens may carry; empty: the role has no API tokens. */
    scopesFor(actor: Actor): readonly ApiScope[] {
      return scopesOf(actor.role);
    },

    /** The actor's own tokens; null if the role has no API tokens. */
    async list(actor: Actor): Promise<ApiTokenRow[] | null> {
      if (scopesOf(actor.role).length === 0 || !actor.id) return null;
      return deps.store.ofUser(actor.id);
    },

    /** A new token of the actor's; the token itself is in the answer and nowhere else. */
    async create(
      actor: Actor,
      input: { name: string; scopes: readonly string[]; validity: string },
      texts: TokenTexts,
    ): Promise<CreateTokenResult | null> {
      const allowed = scopesOf(actor.role);
      if (allowed.length === 0 || !actor.id) return null;
      const name = input.name
        .normalize('NFC')
        .replace(/\p{Cc}/gu, '')
        .trim();
      const scopes = [...new Set(input.scopes)];
      const errors: { path: string; message: string }[] = [];
      if (name.length < 1 || name.length > 100) errors.push({ path: 'name', message: texts.name });
      if (scopes.length === 0 || !scopes.every((s) => isApiScope(s) && allowed.includes(s)))
        errors.push({ path: 'scopes', message: texts.scopes });
      if (!Object.hasOwn(TOKEN_VALIDITY, input.validity))
        errors.push({ path: 'validity', message: texts.validity });
      if (errors.length > 0) return { ok: false, errors };
      const existing = await deps.store.ofUser(actor.id);
      const now = deps.clock.now();
      const active = existing.filter((t) => !t.revokedAt && (!t.expiresAt || t.expiresAt > now));
      if (active.length >= MAX_ACTIVE_TOKENS)
        return { ok: false, errors: [{ path: 'name', message: texts.tooMany }] };
      const days = TOKEN_VALIDITY[input.validity as TokenValidity];
      const token = `${API_TOKEN_PREFIX}${deps.random.secret()}`;
      if (!isApiTokenShape(token)) throw new Error('Zufallsquelle liefert keine 256 Bit');
      const id = deps.random.uuid();
      await deps.store.create(
        {
          id,
          userId: actor.id,
          name,
          tokenHash: hashApiToken(token),
          displayPrefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
          scopes,
          expiresAt: days === null ? null : new Date(now.getTime() + days * 24 * 3600 * 1000),
        },
        {
          at: now,
          actor,
          action: 'api_token.created',
          resource: { type: 'api_token', id },
          details: { scopes, days },
        },
      );
      return { ok: true, token, id };
    },

    /** Revokes one of the actor's own tokens; false if it is not theirs or already revoked. */
    async revoke(actor: Actor, tokenId: string): Promise<boolean> {
      if (scopesOf(actor.role).length === 0 || !actor.id) return false;
      if (!/^[0-9a-f-]{36}$/.test(tokenId)) return false;
      const at = deps.clock.now();
      return deps.store.revoke(actor.id, tokenId, at, {
        at,
        actor,
        action: 'api_token.revoked',
        resource: { type: 'api_token', id: tokenId },
      });
    },

    /**
     * Who a bearer token speaks for, or null (unknown, revoked, expired, disabled user). The scopes
     * are cut to what the user's role may have now, in case the role changed since.
     */
    async authenticate(token: string): Promise<ApiTokenHolder | null> {
      if (!isApiTokenShape(token)) return null;
      const holder = await deps.store.use(hashApiToken(token), deps.clock.now());
      if (!holder) return null;
      const allowed = scopesOf(holder.role);
      const scopes = holder.scopes.filter((s) => isApiScope(s) && allowed.includes(s));
      return scopes.length > 0 ? { ...holder, scopes } : null;
    },
  };
}

export type ApiTokenUseCases = ReturnType<typeof apiTokenUseCases>;
