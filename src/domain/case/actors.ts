import { z } from 'zod';

/** Every role that can act on a case; who may do what is decided by the transition table. */
export const ROLES = [
  'applicant',
  'representative',
  'office_clerk',
  'office_head',
  'admin',
  'member',
  'authority',
  'system',
] as const;

export type Role = (typeof ROLES)[number];

/** The office (Geschäftsstelle): clerks and the head, who also chairs the commission. */
export const OFFICE_ROLES = ['office_clerk', 'office_head'] as const satisfies readonly Role[];

export const roleSchema = z.enum(ROLES, { error: 'Unbekannte Rolle.' });

export const actorSchema = z.object({
  role: roleSchema,
  id: z
    .string({ error: 'Die Kennung der handelnden Person fehlt.' })
    .trim()
    .min(1, 'Die Kennung der handelnden Person fehlt.')
    .max(200, 'Die Kennung der handelnden Person ist zu lang.'),
});

/** Who acts: a role and a stable id (user, authority or job id). */
export interface Actor {
  readonly role: Role;
  readonly id: string;
}
