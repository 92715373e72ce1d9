/** The administrators' use cases: accounts and organisations. Nobody else may use them. */
import { mayDo } from '../domain/access/policy.ts';
import { parseEmail } from '../domain/application/index.ts';
import type { Actor } from '../domain/case/index.ts';
import type { Administration } from './ports.ts';

export const ASSIGNABLE_ROLES = ['office_clerk', 'office_head', 'admin', 'member', 'authority'] as const;

export function administrationUseCases(admin: Administration) {
  const allowed = (actor: Actor) => mayDo(actor.role, 'administer_accounts');
  return {
    allowed,
    async overview(actor: Actor) {
      if (!allowed(actor)) return null;
      const [accounts, organisations] = await Promise.all([admin.accounts(), admin.organisations()]);
      return { accounts, organisations };
    },
    async createAccount(
      actor: Actor,
      input: { email: string; name: string; role: string; organisationId: string },
    ) {
      if (!allowed(actor)) return null;
      if (input.role === 'authority') {
        // The portal shows an authority user the cases of this organisation: it must be an immigration authority.
        const authorities = (await admin.organisations()).filter((o) => o.kind === 'immigration_authority');
        if (!authorities.some((o) => o.id === input.organisationId)) {
          return {
            ok: false as const,
            errors: ['Konten einer Ausländerbehörde brauchen die Behörde, zu der sie gehören.'],
          };
        }
      }
      return admin.createAccount(
        {
          email: input.email.trim(),
          name: input.name,
          role: input.role,
          // Only authority accounts belong to an organisation here; the office's and members' do not.
          organisationId: input.role === 'authority' ? input.organisationId : null,
        },
        actor,
      );
    },
    async setOrganisationEmail(actor: Actor, id: string, raw: string) {
      if (!allowed(actor)) return null;
      const email = parseEmail(raw);
      if (!email.ok) return { ok: false as const, message: email.message };
      const changed = await admin.setOrganisationEmail(id, email.value, actor);
      return changed ? { ok: true as const } : null;
    },
    async setDisabled(actor: Actor, id: string, disabled: boolean) {
      if (!allowed(actor) || id === actor.id) return null;
      return (await admin.setDisabled(id, disabled, actor)) || null;
    },
    /** Resets another account's password and second factor; an administrator never resets their own here. */
    async resetCredentials(actor: Actor, id: string) {
      if (!allowed(actor) || id === actor.id) return null;
      return admin.resetCredentials(id, actor);
    },
    async unlock(actor: Actor, id: string) {
      if (!allowed(actor)) return null;
      return (await admin.unlock(id, actor)) || null;
    },
  };
}

export type AdministrationUseCases = ReturnType<typeof administrationUseCases>;
