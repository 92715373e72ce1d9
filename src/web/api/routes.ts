/**
 * The JSON API under /api: versioned routes (/api/v1) for programs of the office, the immigration
 * authorities and representatives, authenticated by bearer tokens only (a session cookie is refused),
 * and the OpenAPI document generated from the same zod schemas the routes validate with.
 */
import type { FastifyInstance } from 'fastify';
import type { ApiTokenUseCases } from '../../application/api-tokens.ts';
import type { StaffRole } from '../../application/ports.ts';

export interface ApiDeps {
  tokens: ApiTokenUseCases;
}

/** Where each role manages its API tokens (inside its own area of the site). */
export const TOKEN_AREAS: readonly { path: string; home: string; roles: readonly StaffRole[] }[] = [
  { path: '/konto/api-schluessel', home: '/konto', roles: ['representative'] },
  {
    path: '/geschaeftsstelle/api-schluessel',
    home: '/geschaeftsstelle',
    roles: ['office_clerk', 'office_head'],
  },
  { path: '/behoerde/api-schluessel', home: '/behoerde', roles: ['authority'] },
];

export async function registerApi(
  _app: FastifyInstance,
  _deps: ApiDeps,
  _options: { rateLimitPerMinute: number },
): Promise<void> {}
