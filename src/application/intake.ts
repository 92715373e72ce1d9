/**
 * Registering an application that came by post, fax, e-mail or De-Mail: it becomes the same kind of
 * case as an online one (case number, history, audit, the responsible authority from the address),
 * in one transaction; the scanned letter follows as a document of the case.
 */

import { authorityNoticeMail } from '../../content/mails/de.ts';
import { mayDo } from '../domain/access/policy.ts';
import {
  type FieldError,
  type IntakeDraft,
  type ValidationContext,
  validateIntake,
} from '../domain/application/index.ts';
import type { Actor } from '../domain/case/index.ts';
import { nameKey } from '../domain/search/name-key.ts';
import { registerReceivedCase } from './cases.ts';
import { MAIL_JOB_KIND } from './drafts.ts';
import type { AuthorityDirectory, Clock, Randomness, UnitOfWork } from './ports.ts';

export interface IntakeDeps {
  uow: UnitOfWork;
  clock: Clock;
  random: Randomness;
  validation: () => ValidationContext;
  authorities: AuthorityDirectory;
  profileId: string;
  /** The service's address: the authority's notice links to its portal there. */
  publicUrl: string;
}

export type IntakeResult =
  | { ok: true; caseId: string; caseNumber: string }
  | { ok: false; errors: FieldError[] }
  | { ok: false; forbidden: true };

export function intakeUseCase(deps: IntakeDeps) {
  return {
    async register(actor: Actor, draft: IntakeDraft): Promise<IntakeResult> {
      if (!mayDo(actor.role, 'view_case_file')) return { ok: false, forbidden: true };
      const checked = validateIntake(draft, deps.validation());
      if (!checked.ok) return { ok: false, errors: checked.errors };
      const intake = checked.value;
      const matches = intake.address ? await deps.authorities.forPostalCode(intake.address.postalCode) : [];
      const place = intake.address?.place.toLocaleLowerCase('de-DE') ?? '';
      const match =
        matches.find((m) => m.municipalityName.toLocaleLowerCase('de-DE') === place) ?? matches[0] ?? null;
      const caseId = deps.random.uuid();
      return deps.uow.run(async (scope) => {
        const registered = await registerReceivedCase(
          scope,
          {
            caseId,
            channel: intake.channel,
            actor,
            profileId: deps.profileId,
            authorityId: match?.authorityId ?? null,
            submissionKey: null,
            // Midnight in Germany on the stamp's day: the letter was there that morning.
            receivedAt: `${intake.receivedOn}T00:00:00+01:00`,
          },
          deps.clock.now(),
        );
        if (!registered.ok) {
          return {
            ok: false,
            errors: [
              {
                path: 'receivedOn',
                message:
                  registered.kind === 'refused'
                    ? registered.error.message
                    : 'Der Eingang konnte nicht erfasst werden.',
              },
            ],
          };
        }
        const address = intake.address ?? {
          careOf: null,
          street: '',
          houseNumber: null,
          postalCode: '',
          place: '',
        };
        await scope.filings.insertPersons(
          caseId,
          intake.persons.map((p, position) => ({
            id: deps.random.uuid(),
            position,
            familyName: p.familyName,
            givenNames: p.givenNames,
            birthDate: p.birthDate,
            birthPlace: '',
            nationalityCode: p.nationality,
            relation: position === 0 ? 'main_applicant' : 'other',
            address: { ...address },
            municipalityAgs: match?.municipalityAgs ?? null,
          })),
        );
        const names = intake.persons.map((p) => `${p.givenNames} ${p.familyName}`);
        const plain = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
        await scope.filings.indexForSearch(caseId, {
          text: [registered.caseNumber, ...names, intake.note ?? ''].join('\n'),
          names: names.map((n) => `${plain(n)} ${nameKey(n)}`).join(' | '),
        });
        // The authority hears of it as of an online application: a mail without personal data.
        if (match?.authorityEmail) {
          await scope.outbox.enqueue({
            kind: MAIL_JOB_KIND,
            payload: {
              to: [match.authorityEmail],
              ...authorityNoticeMail({
                caseNumber: registered.caseNumber,
                portalLink: `${deps.publicUrl.replace(/\/$/, '')}/behoerde`,
              }),
            },
            idempotencyKey: `authority-notice:${caseId}`,
          });
        }
        return { ok: true, caseId, caseNumber: registered.caseNumber };
      });
    },
  };
}

export type IntakeUseCase = ReturnType<typeof intakeUseCase>;
