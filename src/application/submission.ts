/**
 * Submitting an online application: the draft becomes a case with its persons, documents and the
 * filed application, in one transaction with the history, the audit entry and the outbox jobs for
 * the receipt and the authority's notice. Submitting the same draft again (double click, retry,
 * five tabs) yields the same case.
 */
import { authorityNoticeMail } from '../../content/mails/de.ts';
import {
  type Application,
  type Missing,
  type Person,
  REASON_TEXTS,
  readyToSubmit,
  type ValidationContext,
} from '../domain/application/index.ts';
import { evidenceChecklist, isSpecialCategory, missingUploads } from '../domain/evidence/index.ts';
import { nameKey } from '../domain/search/name-key.ts';
import { registerReceivedCase } from './cases.ts';
import { MAIL_JOB_KIND, type OpenDraft } from './drafts.ts';
import type {
  AuthorityDirectory,
  AuthorityMatch,
  Clock,
  FiledDocument,
  FiledPerson,
  Randomness,
  UnitOfWork,
} from './ports.ts';

export const RECEIPT_JOB_KIND = 'receipt.issue';

export type SubmitResult =
  | { ok: true; caseId: string; caseNumber: string; receivedAt: Date; repeated: boolean }
  | { ok: false; kind: 'missing'; missing: Missing[] }
  | { ok: false; kind: 'not_found' };

export interface SubmissionDeps {
  uow: UnitOfWork;
  clock: Clock;
  random: Randomness;
  validation: () => ValidationContext;
  authorities: AuthorityDirectory;
  profileId: string;
  publicUrl: string;
}

const UPLOADS_MISSING =
  'Für einige Nachweise, die laut Ihren Angaben vorliegen, wurde noch keine Datei hochgeladen.';

/** The person whose address decides the responsible immigration authority. */
function mainPerson(persons: readonly Person[]): Person | undefined {
  return persons.find((p) => p.relation === 'main_applicant') ?? persons[0];
}

/** One of the municipalities of the postal code; the one whose name matches the place, if any. */
function pickMunicipality(matches: readonly AuthorityMatch[], place: string): AuthorityMatch | null {
  const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('de-DE').trim();
  return matches.find((m) => norm(m.municipalityName) === norm(place)) ?? matches[0] ?? null;
}

export function submissionUseCase(deps: SubmissionDeps) {
  const { uow, clock, random } = deps;

  /** The authority and municipality per distinct postal code of the persons. */
  async function resolveAddresses(persons: readonly Person[]) {
    const byPerson = new Map<string, AuthorityMatch | null>();
    for (const p of persons) {
      byPerson.set(
        p.id,
        pickMunicipality(await deps.authorities.forPostalCode(p.address.postalCode), p.address.place),
      );
    }
    const main = mainPerson(persons);
    return { byPerson, authority: main ? (byPerson.get(main.id) ?? null) : null };
  }

  function filedPersons(application: Application, municipalities: Map<string, AuthorityMatch | null>) {
    const ids = new Map<string, string>();
    const persons: FiledPerson[] = application.persons.map((p, position) => {
      const id = random.uuid();
      ids.set(p.id, id);
      return {
        id,
        position,
        familyName: p.familyName,
        givenNames: p.givenNames,
        birthDate: p.birthDate,
        birthPlace: p.birthPlace,
        nationalityCode: p.nationality,
        relation: p.relation,
        address: { ...p.address },
        municipalityAgs: municipalities.get(p.id)?.municipalityAgs ?? null,
      };
    });
    return { persons, ids };
  }

  return {
    async submit(current: OpenDraft): Promise<SubmitResult> {
      const ctx = deps.validation();
      const ready = readyToSubmit(current.draft, ctx);
      const uploadGaps = missingUploads(
        evidenceChecklist(current.draft, ctx.today),
        current.draft.evidence,
        new Set(current.documents.map((d) => d.evidenceItem)),
      );
      if (!current.submittedAt && (!ready.ok || uploadGaps.length > 0)) {
        const missing = ready.ok ? [] : [...ready.missing];
        if (uploadGaps.length > 0)
          missing.push({ task: 'evidence', message: UPLOADS_MISSING, errors: uploadGaps });
        return { ok: false, kind: 'missing', missing };
      }
      const resolved = ready.ok ? await resolveAddresses(ready.application.persons) : null;

      return uow.run(async (scope): Promise<SubmitResult> => {
        const { cases, drafts, filings, audit, outbox } = scope;
        await cases.lockSubmissionKey(current.id);
        const existing = await cases.findBySubmissionKey(current.id);
        const locked = await drafts.loadForUpdate(current.id);
        if (!locked) return { ok: false, kind: 'not_found' };
        if (existing) {
          const at = locked.submittedAt ?? clock.now();
          return {
            ok: true,
            caseId: existing.id,
            caseNumber: existing.caseNumber,
            receivedAt: at,
            repeated: true,
          };
        }
        if (!ready.ok || !resolved)
          return { ok: false, kind: 'missing', missing: ready.ok ? [] : ready.missing };
        const application = ready.application;
        const at = clock.now();
        const caseId = random.uuid();
        const registered = await registerReceivedCase(
          scope,
          {
            caseId,
            channel: 'online',
            actor: {
              role: application.representative.kind === 'none' ? 'applicant' : 'representative',
              id: `draft:${current.id}`,
            },
            profileId: deps.profileId,
            authorityId: resolved.authority?.authorityId ?? null,
            submissionKey: current.id,
          },
          at,
        );
        if (!registered.ok) throw new Error(`online receipt refused: ${registered.kind}`);

        const { persons, ids } = filedPersons(application, resolved.byPerson);
        await filings.insertPersons(caseId, persons);
        const items = new Map(application.evidence.items.map((i) => [i.id, i]));
        const documents: FiledDocument[] = current.documents.map((d) => {
          const item = items.get(d.evidenceItem);
          const category = item?.category ?? 'support_letters';
          return {
            id: random.uuid(),
            personId: item?.personId ? (ids.get(item.personId) ?? null) : null,
            evidenceItem: d.evidenceItem,
            category,
            specialCategory: item ? item.specialCategory : isSpecialCategory(category),
            fileName: d.fileName,
            contentType: d.contentType,
            size: d.size,
            sha256: d.sha256,
            blobKey: d.blobKey,
            flags: d.flags,
            uploadedByRole: application.representative.kind === 'none' ? 'applicant' : 'representative',
          };
        });
        await filings.insertDocuments(caseId, documents);
        await filings.insertApplication(caseId, {
          content: application,
          language: application.language,
          submittedAt: at,
        });
        await filings.indexForSearch(caseId, searchIndex(registered.caseNumber, application, documents));
        await drafts.markSubmitted(current.id, caseId, at);
        await audit.append({
          at,
          actor: { role: 'system', id: null },
          action: 'application.submitted',
          resource: { type: 'case', id: caseId },
          details: { persons: persons.length, documents: documents.length },
        });
        await outbox.enqueue({
          kind: RECEIPT_JOB_KIND,
          payload: { caseId },
          idempotencyKey: `receipt:${caseId}`,
        });
        const email = resolved.authority?.authorityEmail;
        if (email) {
          const mail = authorityNoticeMail({
            caseNumber: registered.caseNumber,
            portalLink: `${deps.publicUrl.replace(/\/$/, '')}/behoerde`,
          });
          await outbox.enqueue({
            kind: MAIL_JOB_KIND,
            payload: { to: [email], ...mail },
            idempotencyKey: `authority-notice:${caseId}`,
          });
        }
        return { ok: true, caseId, caseNumber: registered.caseNumber, receivedAt: at, repeated: false };
      });
    },
  };
}

export type SubmissionUseCase = ReturnType<typeof submissionUseCase>;

/** What the office's search finds a filed application by. */
export function searchIndex(
  caseNumber: string,
  application: Application,
  documents: readonly { fileName: string }[],
): { text: string; names: string } {
  const rep = application.representative;
  const people = [
    ...application.persons.map((p) => `${p.givenNames} ${p.familyName}`),
    ...(rep.kind === 'person' ? [`${rep.givenNames} ${rep.familyName}`] : []),
    ...(rep.kind === 'organisation' ? [rep.organisationName, rep.contactPerson] : []),
  ];
  const plain = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return {
    text: [
      caseNumber,
      ...people,
      ...REASON_TEXTS.map((k) => application.reasons[k]),
      ...documents.map((d) => d.fileName),
    ].join('\n'),
    names: people.map((n) => `${plain(n)} ${nameKey(n)}`).join(' | '),
  };
}
