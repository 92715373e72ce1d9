/**
 * What an installation holds after the crashes, read straight from its database and file store
 * (with the server stopped: PGlite has one process only): cases, drafts and their documents, every
 * stored file decrypted and hashed, and the invariants that "nothing is half-submitted" means.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../../../src/adapters/db/connect.ts';
import { createAgeBlobStore } from '../../../src/adapters/files/age-blob-store.ts';
import type { Installation } from './app-process.ts';

export async function openInstallationDb(inst: Installation): Promise<DatabaseHandle> {
  return openDatabase({
    databaseUrl: inst.databaseUrl,
    pgliteDir: join(inst.dataDir, 'db'),
    poolSize: 2,
  });
}

/** Hex SHA-256 of the plaintext of one stored file (decrypted with the installation's key). */
export async function plaintextSha256(
  inst: Installation,
  key: string,
): Promise<{ sha256: string; size: number }> {
  const files = createAgeBlobStore({ dir: join(inst.dataDir, 'files'), identity: inst.masterKey });
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of await files.get(key)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

export interface FiledCase {
  id: string;
  caseNumber: string;
  submissionKey: string | null;
  persons: number;
  hasApplication: boolean;
  receiptDocumentId: string | null;
  /** sha256 of the documents the applicant uploaded (not receipt, copy, letters). */
  uploaded: string[];
}

export interface Snapshot {
  cases: FiledCase[];
  drafts: {
    id: string;
    tokenHash: string;
    submittedAt: Date | null;
    caseId: string | null;
    documents: string[];
  }[];
  /** Problems that make an application half-submitted or a file unreadable. */
  problems: string[];
  /** How many stored files were decrypted and compared with their recorded SHA-256. */
  filesChecked: number;
  outbox: { status: string; n: number }[];
}

const sorted = (xs: readonly string[]) => [...xs].sort();
const same = (a: readonly string[], b: readonly string[]) => sorted(a).join() === sorted(b).join();

export async function snapshot(inst: Installation): Promise<Snapshot> {
  const handle = await openInstallationDb(inst);
  const { db } = handle;
  try {
    const problems: string[] = [];
    const caseRows = await db
      .selectFrom('cases')
      .leftJoin('applications as a', 'a.case_id', 'cases.id')
      .select([
        'cases.id',
        'cases.case_number',
        'cases.submission_key',
        'a.case_id as application_case',
        'a.receipt_document_id',
      ])
      .execute();
    const personRows = await db
      .selectFrom('persons')
      .select(['case_id', (e) => e.fn.countAll<string>().as('n')])
      .groupBy('case_id')
      .execute();
    const docRows = await db
      .selectFrom('documents')
      .select(['id', 'case_id', 'category', 'sha256', 'size', 'blob_key', 'uploaded_by_role'])
      .execute();
    const draftRows = await db
      .selectFrom('drafts')
      .select(['id', 'resume_token_hash', 'submitted_at', 'case_id'])
      .execute();
    const draftDocRows = await db
      .selectFrom('draft_documents')
      .select(['draft_id', 'sha256', 'size', 'blob_key'])
      .execute();
    const outbox = await db
      .selectFrom('outbox')
      .select(['status', (e) => e.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute();

    const personsOf = new Map(personRows.map((p) => [p.case_id, Number(p.n)]));
    const cases: FiledCase[] = caseRows.map((c) => ({
      id: c.id,
      caseNumber: c.case_number,
      submissionKey: c.submission_key,
      persons: personsOf.get(c.id) ?? 0,
      hasApplication: c.application_case !== null,
      receiptDocumentId: c.receipt_document_id ?? null,
      uploaded: docRows
        .filter((d) => d.case_id === c.id && ['applicant', 'representative'].includes(d.uploaded_by_role))
        .map((d) => d.sha256),
    }));
    const drafts = draftRows.map((d) => ({
      id: d.id,
      tokenHash: d.resume_token_hash,
      submittedAt: d.submitted_at,
      caseId: d.case_id,
      documents: draftDocRows.filter((x) => x.draft_id === d.id).map((x) => x.sha256),
    }));

    const draftById = new Map(drafts.map((d) => [d.id, d]));
    const caseById = new Map(cases.map((c) => [c.id, c]));
    for (const c of cases) {
      if (!c.submissionKey) continue;
      const draft = draftById.get(c.submissionKey);
      if (!c.hasApplication) problems.push(`${c.caseNumber}: case without its application`);
      if (c.persons === 0) problems.push(`${c.caseNumber}: case without persons`);
      if (!draft) problems.push(`${c.caseNumber}: case without the draft it was filed from`);
      else {
        if (!draft.submittedAt || draft.caseId !== c.id)
          problems.push(`${c.caseNumber}: its draft is not marked as submitted to it`);
        if (!same(draft.documents, c.uploaded))
          problems.push(
            `${c.caseNumber}: documents differ from the draft's (${c.uploaded.length} vs ${draft.documents.length})`,
          );
      }
    }
    for (const d of drafts) {
      if ((d.submittedAt === null) !== (d.caseId === null))
        problems.push(`draft ${d.id}: submitted_at and case_id disagree`);
      if (d.caseId && !caseById.has(d.caseId)) problems.push(`draft ${d.id}: submitted to a missing case`);
    }
    // Every recorded file is there and decrypts to exactly its recorded hash and size.
    const files = [
      ...docRows.map((d) => ({
        what: `document ${d.id}`,
        key: d.blob_key,
        sha256: d.sha256,
        size: Number(d.size),
      })),
      ...draftDocRows.map((d) => ({
        what: `draft file of ${d.draft_id}`,
        key: d.blob_key,
        sha256: d.sha256,
        size: Number(d.size),
      })),
    ];
    const seen = new Set<string>();
    let filesChecked = 0;
    for (const f of files) {
      if (seen.has(`${f.key}:${f.sha256}`)) continue;
      seen.add(`${f.key}:${f.sha256}`);
      try {
        const got = await plaintextSha256(inst, f.key);
        filesChecked++;
        if (got.sha256 !== f.sha256 || got.size !== f.size)
          problems.push(`${f.what}: stored file differs from its recorded SHA-256 or size`);
      } catch (error) {
        problems.push(`${f.what}: stored file unreadable (${(error as Error).name})`);
      }
    }
    return {
      cases,
      drafts,
      problems,
      filesChecked,
      outbox: outbox.map((o) => ({ status: o.status, n: Number(o.n) })),
    };
  } finally {
    await handle.close();
  }
}

/**
 * The leases of jobs a killed worker had claimed, and their backoff, are moved to now: the same as
 * waiting the 120 s lease out, without the wait (the server is stopped while this runs on PGlite).
 */
export async function expireLeases(inst: Installation): Promise<number> {
  const handle = await openInstallationDb(inst);
  try {
    const result = await sql`UPDATE outbox SET locked_until = NULL,
        run_after = CASE WHEN last_error IS NULL THEN run_after ELSE LEAST(run_after, now()) END
      WHERE status = 'pending' AND (locked_until IS NOT NULL OR last_error IS NOT NULL)`.execute(handle.db);
    return Number(result.numAffectedRows ?? 0);
  } finally {
    await handle.close();
  }
}
