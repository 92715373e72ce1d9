/**
 * Retention and deletion of closed cases. The office head sees which cases are due, sets and lifts legal
 * holds, and approves deletions; the approval queues a job that first writes the archive package for the
 * state archive (a ZIP, stored encrypted like every file), then in one transaction deletes every row of
 * the case, keeps a tombstone and queues the case's files for deletion after commit. Every step is
 * audited with ids only; the audit trail itself is never touched.
 *
 * The job is safe to run again at any point: a stored package is reused as long as the case has not
 * changed since (its fingerprint), a deleted case only has its files drained, and a case that was
 * reopened or put under a hold meanwhile is not deleted (its approval is withdrawn).
 */
import { OUTCOME_LABELS, retentionTexts } from '../../content/messages/retention/de.ts';
import { mayDo } from '../domain/access/policy.ts';
import { normaliseLongText } from '../domain/application/text.ts';
import { type Actor, isCaseState, isTerminal } from '../domain/case/index.ts';
import type { ProcedureProfile } from '../domain/rules/profile.ts';
import {
  checkHoldReason,
  deletionVerdict,
  type HoldReasonError,
  latestDueClosingDate,
} from '../domain/rules/retention.ts';
import {
  describedRecord,
  documentPath,
  type PackagedDocument,
  packageEntries,
  recordFingerprint,
} from './archive-package.ts';
import {
  type BlobDeletionQueue,
  BlobNotFoundError,
  type BlobStore,
  type CaseDeletionRecord,
  type Clock,
  type LegalHold,
  type Randomness,
  type RetentionScope,
  type RetentionStore,
  type RetentionTransactions,
  type ZipWriter,
} from './ports.ts';
import { berlinDate } from './statement-reminders.ts';

export const RETENTION_DELETE_JOB = 'retention.delete';

const SYSTEM: Actor = { role: 'system', id: 'retention' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface RetentionDeps {
  transactions: RetentionTransactions;
  /** The same store outside a transaction, for reading. */
  store: RetentionStore;
  blobs: BlobStore;
  queue: BlobDeletionQueue;
  zip: ZipWriter;
  clock: Clock;
  random: Randomness;
  profile: ProcedureProfile;
}

/** A case whose retention period has ended. */
export interface DueCase {
  caseId: string;
  caseNumber: string;
  outcome: CaseDeletionRecord['outcome'];
  closedOn: string;
  dueOn: string;
  hold: { since: Date } | null;
}

export type HoldError = HoldReasonError | 'exists' | 'missing';

type Refusal = 'reopened' | 'legal_hold' | 'not_due';

export function retentionUseCases(deps: RetentionDeps) {
  const today = () => berlinDate(deps.clock.now());
  const allowed = (actor: Actor) => mayDo(actor.role, 'dispose_cases');
  const validIds = (ids: readonly string[]) => [...new Set(ids.filter((id) => UUID.test(id)))].slice(0, 200);

  async function dueCases(): Promise<DueCase[]> {
    const day = today();
    const candidates = await deps.store.candidates(latestDueClosingDate(day, deps.profile));
    return candidates.flatMap((c) => {
      if (c.deletion !== null) return [];
      const verdict = deletionVerdict(c, false, day, deps.profile);
      if (verdict.kind !== 'due') return [];
      return [{ ...c, dueOn: verdict.dueOn }];
    });
  }

  /** Why a case may not be deleted now (inside or outside a transaction), or null. */
  async function refusal(store: RetentionStore, caseId: string, state: string): Promise<Refusal | null> {
    if (!isCaseState(state) || !isTerminal(state)) return 'reopened';
    const schedule = await store.schedule(caseId);
    if (!schedule) return 'reopened';
    const verdict = deletionVerdict(
      schedule,
      (await store.activeHold(caseId)) !== null,
      today(),
      deps.profile,
    );
    return verdict.kind === 'held' ? 'legal_hold' : verdict.kind === 'due' ? null : 'not_due';
  }

  async function withdraw(scope: RetentionScope, caseId: string, reason: Refusal): Promise<void> {
    const key = await scope.retention.cancelDeletion(caseId);
    if (key) await scope.retention.queueBlobDeletions([key]);
    await scope.audit.append({
      at: deps.clock.now(),
      actor: SYSTEM,
      action: 'retention.deletion_withdrawn',
      resource: { type: 'case', id: caseId },
      details: { reason },
    });
  }

  /** Deletes queued files whose rows are gone; a failure stays queued for the next run. */
  async function drainBlobDeletions(limit = 500): Promise<number> {
    let deleted = 0;
    for (const key of await deps.queue.next(limit)) {
      try {
        await deps.blobs.delete(key);
      } catch (error) {
        if (!(error instanceof BlobNotFoundError)) {
          await deps.queue.failed(key);
          continue;
        }
      }
      await deps.queue.done(key);
      deleted++;
    }
    return deleted;
  }

  /** Writes the archive package of an approved deletion and records it. */
  async function archive(caseId: string, deletion: CaseDeletionRecord): Promise<void> {
    const record = await deps.store.read(caseId);
    if (!record) throw new Error('case of an approved deletion is missing');
    const at = deps.clock.now();
    const documents: PackagedDocument[] = record.documents.map((d, i) => ({
      path: documentPath('dokumente', i + 1, d.fileName),
      sha256: d.sha256,
      blobKey: d.blobKey,
    }));
    const described = describedRecord(record);
    const description = {
      format: 'hfk-aussonderungspaket',
      formatVersion: 1,
      createdAt: at.toISOString(),
      deletion: {
        caseNumber: deletion.caseNumber,
        outcome: deletion.outcome,
        outcomeLabel: OUTCOME_LABELS[deletion.outcome],
        receivedOn: deletion.receivedOn,
        closedOn: deletion.closedOn,
        dueOn: deletion.dueOn,
        approvedAt: deletion.approvedAt.toISOString(),
        approvedBy: deletion.approvedBy,
      },
      ...described,
      documents: described.documents.map((d, i) => ({ ...d, path: documents[i]?.path })),
    };
    const stored = await deps.blobs.put(
      deps.zip.zip(
        packageEntries({
          description,
          descriptionName: 'akte.json',
          documents,
          readme: retentionTexts.archiveReadme,
          blobs: deps.blobs,
          at,
        }),
      ),
    );
    const recorded = await deps.transactions.run(async ({ retention, audit }) => {
      const fresh = await retention.recordArchive(caseId, {
        blobKey: stored.key,
        sha256: stored.sha256,
        size: stored.size,
        fingerprint: recordFingerprint(record),
        at,
      });
      if (!fresh) {
        await retention.queueBlobDeletions([stored.key]);
        return false;
      }
      await audit.append({
        at,
        actor: SYSTEM,
        action: 'retention.archive_created',
        resource: { type: 'case', id: caseId },
        details: { sha256: stored.sha256, size: stored.size, documents: documents.length },
      });
      return true;
    });
    if (!recorded) await drainBlobDeletions();
  }

  /** Deletes the case's rows in one transaction, if its package still describes it. */
  function deleteRows(caseId: string, job: { idempotencyKey: string }) {
    return deps.transactions.run(async (scope): Promise<'deleted' | 'stale' | 'withdrawn'> => {
      const { retention, audit } = scope;
      const locked = await retention.lockCase(caseId);
      const current = await retention.deletion(caseId);
      if (!locked || !current || current.status !== 'archived' || !current.archive) return 'stale';
      const refused = await refusal(retention, caseId, locked.state);
      if (refused) {
        await withdraw(scope, caseId, refused);
        return 'withdrawn';
      }
      const record = await retention.read(caseId);
      const at = deps.clock.now();
      if (!record || recordFingerprint(record) !== current.archive.fingerprint) {
        // Something was added or changed since the package was made: make it again.
        const old = await retention.resetArchive(caseId);
        if (old) await retention.queueBlobDeletions([old]);
        await audit.append({
          at,
          actor: SYSTEM,
          action: 'retention.archive_outdated',
          resource: { type: 'case', id: caseId },
          details: { sha256: current.archive.sha256 },
        });
        return 'stale';
      }
      const { blobKeys, rows } = await retention.deleteCase(caseId, job);
      await retention.queueBlobDeletions(blobKeys);
      await retention.markDeleted(caseId, at);
      await audit.append({
        at,
        actor: SYSTEM,
        action: 'retention.case_deleted',
        resource: { type: 'case', id: caseId },
        details: { rows, files: blobKeys.length, archiveSha256: current.archive.sha256 },
      });
      return 'deleted';
    });
  }

  return {
    drainBlobDeletions,

    /** The office head's overview: due cases, deletions under way, tombstones, active holds. */
    async overview(actor: Actor) {
      if (!allowed(actor)) return null;
      const [due, deletions, holds] = [
        await dueCases(),
        await deps.store.deletions(),
        await deps.store.activeHolds(),
      ];
      return {
        due,
        running: deletions.filter((d) => d.status !== 'deleted'),
        deleted: deletions.filter((d) => d.status === 'deleted'),
        holds,
        toBeConfirmed: deps.profile.retention.toBeConfirmedByOffice,
      };
    },

    /** The selected cases that are due (for the confirmation step). */
    async selection(actor: Actor, caseIds: readonly string[]): Promise<DueCase[] | null> {
      if (!allowed(actor)) return null;
      const ids = new Set(validIds(caseIds));
      return (await dueCases()).filter((c) => ids.has(c.caseId) && c.hold === null);
    },

    /** Approves the deletion of the selected cases that are still due and not held; queues one job each. */
    async approve(actor: Actor, caseIds: readonly string[]) {
      if (!allowed(actor)) return null;
      const at = deps.clock.now();
      const day = today();
      return deps.transactions.run(async ({ retention, audit, outbox }) => {
        const approved: string[] = [];
        const skipped: string[] = [];
        for (const caseId of validIds(caseIds)) {
          const locked = await retention.lockCase(caseId);
          if (!locked) continue;
          const schedule = await retention.schedule(caseId);
          const held = (await retention.activeHold(caseId)) !== null;
          const verdict = deletionVerdict(schedule, held, day, deps.profile);
          const terminal = isCaseState(locked.state) && isTerminal(locked.state);
          if (!schedule || !terminal || verdict.kind !== 'due' || (await retention.deletion(caseId))) {
            skipped.push(locked.caseNumber);
            continue;
          }
          await retention.approve({
            caseId,
            caseNumber: locked.caseNumber,
            outcome: schedule.outcome,
            receivedOn: berlinDate(locked.receivedAt),
            closedOn: schedule.closedOn,
            dueOn: verdict.dueOn,
            approvedBy: actor.id,
            approvedAt: at,
          });
          await audit.append({
            at,
            actor,
            action: 'retention.deletion_approved',
            resource: { type: 'case', id: caseId },
            details: { outcome: schedule.outcome, dueOn: verdict.dueOn },
          });
          await outbox.enqueue({
            kind: RETENTION_DELETE_JOB,
            payload: { caseId },
            idempotencyKey: `retention-delete:${caseId}:${at.toISOString()}`,
          });
          approved.push(locked.caseNumber);
        }
        return { approved, skipped };
      });
    },

    /**
     * The job: package, then delete, then drain the files. Answers what became of the deletion; throws
     * (so the outbox retries) when a step failed.
     */
    async runDeletion(
      caseId: string,
      job: { idempotencyKey: string },
    ): Promise<'deleted' | 'withdrawn' | 'gone'> {
      for (let round = 0; round < 3; round++) {
        const deletion = await deps.store.deletion(caseId);
        if (!deletion) return 'gone';
        if (deletion.status === 'deleted') {
          await drainBlobDeletions();
          return 'deleted';
        }
        const state = (await deps.store.caseState(caseId)) ?? '';
        const refused = await refusal(deps.store, caseId, state);
        if (refused) {
          await deps.transactions.run((scope) => withdraw(scope, caseId, refused));
          await drainBlobDeletions();
          return 'withdrawn';
        }
        if (deletion.status === 'approved') {
          await archive(caseId, deletion);
          continue;
        }
        const outcome = await deleteRows(caseId, job);
        if (outcome === 'stale') continue;
        await drainBlobDeletions();
        return outcome;
      }
      throw new Error('case kept changing while it was packaged');
    },

    /** The retention of one case, for its case file. */
    async ofCase(actor: Actor, caseId: string) {
      if (!allowed(actor) || !UUID.test(caseId)) return null;
      const schedule = await deps.store.schedule(caseId);
      const hold = await deps.store.activeHold(caseId);
      return { verdict: deletionVerdict(schedule, hold !== null, today(), deps.profile), hold };
    },

    /** The hold page of a case: its number and active hold (null: no such case). */
    async holdOf(
      actor: Actor,
      caseId: string,
    ): Promise<{ caseNumber: string; hold: LegalHold | null } | null> {
      if (!allowed(actor)) return null;
      const record = UUID.test(caseId) ? await deps.store.read(caseId) : null;
      if (!record) return null;
      return { caseNumber: record.case.caseNumber, hold: await deps.store.activeHold(caseId) };
    },

    async setHold(actor: Actor, caseId: string, raw: string) {
      if (!allowed(actor)) return null;
      const reason = normaliseLongText(raw);
      const invalid = checkHoldReason(reason);
      return deps.transactions.run(
        async ({ retention, audit }): Promise<{ ok: true } | { ok: false; error: HoldError } | null> => {
          if (!(await retention.lockCase(caseId))) return null;
          if (await retention.activeHold(caseId)) return { ok: false, error: 'exists' };
          if (invalid) return { ok: false, error: invalid };
          const id = deps.random.uuid();
          const at = deps.clock.now();
          await retention.setHold({ id, caseId, reason, setBy: actor.id, setAt: at });
          await audit.append({
            at,
            actor,
            action: 'retention.hold_set',
            resource: { type: 'case', id: caseId },
            details: { holdId: id },
          });
          return { ok: true };
        },
      );
    },

    async liftHold(actor: Actor, caseId: string, raw: string) {
      if (!allowed(actor)) return null;
      const reason = normaliseLongText(raw);
      const invalid = checkHoldReason(reason);
      return deps.transactions.run(
        async ({ retention, audit }): Promise<{ ok: true } | { ok: false; error: HoldError } | null> => {
          if (!(await retention.lockCase(caseId))) return null;
          if (!(await retention.activeHold(caseId))) return { ok: false, error: 'missing' };
          if (invalid) return { ok: false, error: invalid };
          const at = deps.clock.now();
          const id = await retention.liftHold(caseId, { reason, by: actor.id, at });
          await audit.append({
            at,
            actor,
            action: 'retention.hold_lifted',
            resource: { type: 'case', id: caseId },
            details: { holdId: id },
          });
          return { ok: true };
        },
      );
    },

    /** The package of a deleted case before it is handed over; the download is audited. */
    async downloadArchive(actor: Actor, caseId: string) {
      if (!allowed(actor)) return null;
      const deletion = await deps.store.deletion(caseId);
      const key = deletion?.archive?.blobKey;
      if (deletion?.status !== 'deleted' || deletion.handedOverAt || !key) return null;
      await deps.transactions.run(({ audit }) =>
        audit.append({
          at: deps.clock.now(),
          actor,
          action: 'retention.archive_downloaded',
          resource: { type: 'case', id: caseId },
          details: { sha256: deletion.archive?.sha256 },
        }),
      );
      return {
        stream: await deps.blobs.get(key),
        size: deletion.archive?.size ?? 0,
        fileName: `Aussonderung-${deletion.caseNumber}.zip`,
      };
    },

    /** Records that the package went to the state archive; our copy is deleted. */
    async handOver(actor: Actor, caseId: string): Promise<boolean | null> {
      if (!allowed(actor)) return null;
      const at = deps.clock.now();
      const done = await deps.transactions.run(async ({ retention, audit }) => {
        const key = await retention.handOver(caseId, actor.id, at);
        if (!key) return false;
        await retention.queueBlobDeletions([key]);
        await audit.append({
          at,
          actor,
          action: 'retention.archive_handed_over',
          resource: { type: 'case', id: caseId },
        });
        return true;
      });
      if (done) await drainBlobDeletions();
      return done;
    },
  };
}

export type RetentionUseCases = ReturnType<typeof retentionUseCases>;
