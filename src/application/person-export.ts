/**
 * Auskunft (Art. 15 DSGVO): the office head finds a person with the office's search, chooses every
 * entry that concerns the person (a family may have applied more than once), and downloads one ZIP with
 * every case the person appears in, the person's records, messages, notes, requests, letters, the
 * metadata of the documents and the documents themselves (those of the person and those of the whole
 * case). The export is audited with ids before any byte leaves.
 */
import type { Readable } from 'node:stream';
import { exportTexts, OUTCOME_LABELS } from '../../content/messages/retention/de.ts';
import { mayDo } from '../domain/access/policy.ts';
import type { Actor } from '../domain/case/index.ts';
import { retentionEndDate } from '../domain/rules/deadlines.ts';
import type { ProcedureProfile } from '../domain/rules/profile.ts';
import {
  describedRecord,
  documentPath,
  type PackagedDocument,
  packageEntries,
  zipSafeName,
} from './archive-package.ts';
import type {
  BlobStore,
  CaseRecord,
  Clock,
  PersonMatch,
  RetentionStore,
  RetentionTransactions,
  ZipWriter,
} from './ports.ts';
import { berlinDate } from './statement-reminders.ts';

const MAX_PERSONS = 50;

export interface PersonExportDeps {
  store: RetentionStore;
  transactions: RetentionTransactions;
  /** The office's case search (case number, names in any spelling, reasons, file names). */
  findCases(actor: Actor, text: string): Promise<{ caseId: string }[] | null>;
  blobs: BlobStore;
  zip: ZipWriter;
  clock: Clock;
  profile: ProcedureProfile;
}

export function personExportUseCases(deps: PersonExportDeps) {
  const allowed = (actor: Actor) => mayDo(actor.role, 'export_person_data');

  return {
    /** The persons of the cases the search finds (the office head picks the right entries). */
    async search(actor: Actor, text: string): Promise<PersonMatch[] | null> {
      if (!allowed(actor)) return null;
      const found = await deps.findCases(actor, text);
      if (!found) return null;
      return deps.store.personsOfCases(found.map((c) => c.caseId));
    },

    /** The ZIP with everything stored on the chosen entries of one person; 'none' if none of them exists. */
    async export(
      actor: Actor,
      personIds: readonly string[],
    ): Promise<{ stream: Readable; fileName: string } | 'none' | null> {
      if (!allowed(actor)) return null;
      const persons = await deps.store.personsByIds([...new Set(personIds)].slice(0, MAX_PERSONS));
      if (persons.length === 0) return 'none';
      const chosen = new Set(persons.map((p) => p.personId));
      const records: CaseRecord[] = [];
      for (const caseId of [...new Set(persons.map((p) => p.caseId))]) {
        const record = await deps.store.read(caseId);
        if (record) records.push(record);
      }
      const at = deps.clock.now();
      const documents: PackagedDocument[] = [];
      const cases = records.map((record) => {
        const described = describedRecord(record);
        const concerned = record.documents.filter((d) => d.personId === null || chosen.has(d.personId));
        const folder = `dokumente/${zipSafeName(record.case.caseNumber)}`;
        const listed = concerned.map((d, i) => {
          const path = documentPath(folder, i + 1, d.fileName);
          documents.push({ path, sha256: d.sha256, blobKey: d.blobKey });
          const { blobKey: _key, ...meta } = d;
          return { ...meta, path };
        });
        const retention = record.retention
          ? {
              outcome: record.retention.outcome,
              outcomeLabel: OUTCOME_LABELS[record.retention.outcome],
              closedOn: record.retention.closedOn,
              deletionFrom: retentionEndDate(
                record.retention.closedOn,
                record.retention.outcome,
                deps.profile,
              ),
            }
          : null;
        return {
          case: described.case,
          retention,
          application: described.application,
          personsOfTheCase: described.persons.map((p) => ({
            ...p,
            concernsThePerson: chosen.has(p.id),
          })),
          history: described.history,
          messages: described.messages,
          notes: described.notes,
          documentRequests: described.documentRequests,
          letters: described.letters,
          documents: listed,
        };
      });
      await deps.transactions.run(({ audit }) =>
        audit.append({
          at,
          actor,
          action: 'person_data.exported',
          resource: { type: 'person', id: persons[0]?.personId ?? null },
          details: {
            personIds: [...chosen].sort(),
            caseIds: records.map((r) => r.case.id),
            documents: documents.length,
          },
        }),
      );
      const description = {
        format: 'hfk-auskunft',
        formatVersion: 1,
        createdAt: at.toISOString(),
        legalBasis: 'Art. 15 DSGVO',
        purposes: exportTexts.purposes,
        recipients: exportTexts.recipients,
        retentionMonthsByOutcome: deps.profile.retention.monthsByOutcome,
        persons: persons.map((p) => ({ ...p })),
        cases,
      };
      return {
        stream: deps.zip.zip(
          packageEntries({
            description,
            descriptionName: 'auskunft.json',
            documents,
            readme: exportTexts.readme,
            blobs: deps.blobs,
            at,
          }),
        ),
        fileName: `Auskunft-${berlinDate(at)}.zip`,
      };
    },
  };
}

export type PersonExportUseCases = ReturnType<typeof personExportUseCases>;
