/**
 * The immigration authority's portal: its users see the cases whose file lies with their authority,
 * and of each only what the policy allows (persons, the application, evidence outside the special
 * categories, its own statements and the letters to it; never notes, messages or votes). They answer
 * the statement request and report their intended and final decision on a hardship request; both are
 * the case's ordinary commands (`receiveStatement`, `receiveAuthorityFeedback`), decided by the state
 * machine like the office's. Every view and download is audited; "not yours" is "not found" (null).
 */
import type { Readable } from 'node:stream';
import {
  decisionTexts as dt,
  reportLabels,
  statementTexts as st,
} from '../../content/messages/authority/de.ts';
import { authorityMaySeeDocument, mayDo } from '../domain/access/policy.ts';
import { normaliseLongText } from '../domain/application/text.ts';
import type { Actor, CaseCommand } from '../domain/case/index.ts';
import { isIsoDate } from '../domain/rules/dates.ts';
import type { CaseOutcome, CaseUseCases } from './cases.ts';
import { germanDate } from './drafts.ts';
import type {
  AuthorityCaseFile,
  AuthorityCaseRow,
  AuthorityPortalReader,
  AuthorityReport,
  AuthorityStatementRecord,
  BlobStore,
  Clock,
  Randomness,
  UnitOfWork,
  UploadInspector,
  VirusScanner,
} from './ports.ts';
import { inspectUploaded } from './uploaded-file.ts';

/** A logged-in user of an authority: the role, the user id and the organisation (the authority). */
export interface PortalActor extends Actor {
  readonly organisationId: string | null;
  readonly name?: string;
}

/** What the statement PDF renderer takes; structural, like the sectioned documents of the PDF adapter. */
export interface StatementPdf {
  title: string;
  subject: string;
  createdAt: Date;
  runningHeader: string;
  heading: string;
  intro?: string;
  sections: {
    heading: string;
    blocks: (
      | { kind: 'definitions'; pairs: (readonly [string, string])[] }
      | { kind: 'paragraphs'; heading?: string; text: string }
      | { kind: 'list'; items: string[] }
    )[];
  }[];
}

export interface AuthorityPortalDeps {
  reader: AuthorityPortalReader;
  uow: UnitOfWork;
  clock: Clock;
  random: Randomness;
  blobs: BlobStore;
  inspector: UploadInspector;
  /** null or absent: virus scanning is not configured. */
  scanner?: VirusScanner | null;
  cases: Pick<CaseUseCases, 'applyWithin'>;
  renderStatement(doc: StatementPdf): Promise<Buffer>;
}

export type PortalDocument = AuthorityCaseFile['documents'][number];

/** The case as the portal shows it: the documents already narrowed by the policy. */
export interface PortalCaseFile extends Omit<AuthorityCaseFile, 'documents'> {
  /** The application and evidence the authority may see (no letters). */
  documents: PortalDocument[];
  /** The letters addressed to the authority. */
  letters: PortalDocument[];
  /** Attachments the authority has uploaded that no statement carries yet. */
  pendingAttachments: PortalDocument[];
}

export interface StatementInput {
  statusSummary: string;
  statement: string;
  residenceSituation: string;
  /** Day, month and year as typed; all empty for "no date". */
  deportationDate: { day: string; month: string; year: string };
  expectedVersion?: number;
}

export type StatementField = 'statusSummary' | 'statement' | 'residenceSituation' | 'deportationDate';

export type PortalStepResult =
  | { ok: true }
  | {
      ok: false;
      kind: 'invalid';
      errors: { field: StatementField | 'stage' | 'decision' | 'reasons' | 'decidedOn'; message: string }[];
    }
  | { ok: false; kind: 'conflict' }
  | { ok: false; kind: 'refused'; message: string }
  | null;

export interface ReportInput {
  stage: 'intended' | 'final';
  decision: string;
  reasons: string;
  conditions: string[];
  /** For the final decision: the day as typed. */
  decidedOn?: { day: string; month: string; year: string };
  expectedVersion?: number;
}

const MAX_TEXT = 20_000;
const STATEMENT_CATEGORY = 'authority_statement';

/** 'YYYY-MM-DD' from a typed day, month, year; '' when all are empty; null when it is no real date. */
export function typedDate(value: { day: string; month: string; year: string }): string | null | '' {
  const [d, m, y] = [value.day.trim(), value.month.trim(), value.year.trim()];
  if (d === '' && m === '' && y === '') return '';
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

const isoToGerman = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
};

class RolledBack extends Error {
  constructor(readonly outcome: Exclude<CaseOutcome, { ok: true }>) {
    super('rolled back');
  }
}

function stepFailure(outcome: Exclude<CaseOutcome, { ok: true }>): PortalStepResult {
  if (outcome.kind === 'not_found') return null;
  if (outcome.kind === 'conflict') return { ok: false, kind: 'conflict' };
  return { ok: false, kind: 'refused', message: outcome.error.message };
}

export function authorityPortalUseCases(deps: AuthorityPortalDeps) {
  /** The authority of a portal user, or null for anyone else (or an authority account without one). */
  const authorityOf = (actor: PortalActor): string | null =>
    mayDo(actor.role, 'use_authority_portal') && actor.organisationId ? actor.organisationId : null;

  const audit = (actor: Actor, action: string, resource: { type: string; id: string }, details = {}) =>
    deps.uow.run(({ audit: trail }) =>
      trail.append({
        at: deps.clock.now(),
        actor: { role: actor.role, id: actor.id },
        action,
        resource,
        details,
      }),
    );

  function narrow(file: AuthorityCaseFile): PortalCaseFile {
    const visible = file.documents.filter((d) => authorityMaySeeDocument(d));
    const attached = new Set(file.statements.flatMap((s) => [...s.attachmentIds, s.documentId ?? '']));
    return {
      ...file,
      documents: visible.filter((d) => d.category !== 'letter'),
      letters: visible.filter((d) => d.category === 'letter'),
      pendingAttachments: visible.filter(
        (d) => d.category === STATEMENT_CATEGORY && d.uploadedByRole === 'authority' && !attached.has(d.id),
      ),
    };
  }

  /** Reads the case for a step, without auditing (the step itself is audited). */
  async function caseForStep(actor: PortalActor, caseId: string) {
    const authorityId = authorityOf(actor);
    if (!authorityId) return null;
    const file = await deps.reader.caseFile(authorityId, caseId);
    return file ? { authorityId, file: narrow(file) } : null;
  }

  return {
    /** The cases of the actor's authority; the view of the list is audited. */
    async list(actor: PortalActor): Promise<{ authorityName: string; rows: AuthorityCaseRow[] } | null> {
      const authorityId = authorityOf(actor);
      if (!authorityId) return null;
      const authorityName = await deps.reader.authorityName(authorityId);
      if (authorityName === null) return null;
      const rows = await deps.reader.cases(authorityId);
      await audit(actor, 'authority_portal.cases_listed', { type: 'organisation', id: authorityId });
      return { authorityName, rows };
    },

    /** One case of the actor's authority, narrowed by the policy; the view is audited. */
    async open(actor: PortalActor, caseId: string): Promise<PortalCaseFile | null> {
      const found = await caseForStep(actor, caseId);
      if (!found) return null;
      await audit(actor, 'case_file.viewed', { type: 'case', id: caseId }, { via: 'authority_portal' });
      return found.file;
    },

    /** A document the authority may see, for download; the download is audited. */
    async download(
      actor: PortalActor,
      caseId: string,
      documentId: string,
    ): Promise<{ stream: Readable; fileName: string; contentType: string } | null> {
      const authorityId = authorityOf(actor);
      if (!authorityId) return null;
      const doc = await deps.reader.document(authorityId, caseId, documentId);
      if (!doc || !authorityMaySeeDocument(doc)) return null;
      await audit(
        actor,
        'document.downloaded',
        { type: 'case', id: caseId },
        { documentId, via: 'authority_portal' },
      );
      return {
        stream: await deps.blobs.get(doc.blobKey),
        fileName: doc.fileName,
        contentType: doc.contentType,
      };
    },

    /**
     * An attachment for the statement, while the statement is asked for: inspected like every upload
     * (type by content, active PDFs flagged, images re-encoded), filed as the authority's, audited.
     */
    async addAttachment(
      actor: PortalActor,
      upload: {
        caseId: string;
        documentId: string;
        blobKey: string;
        size: number;
        sha256: string;
        fileName: string;
      },
    ): Promise<{ ok: true } | { ok: false; code: string } | null> {
      const found = await caseForStep(actor, upload.caseId);
      if (found?.file.state !== 'statement_requested') {
        await deps.blobs.delete(upload.blobKey).catch(() => undefined);
        return found ? { ok: false, code: 'not_now' } : null;
      }
      if (found.file.documents.some((d) => d.id === upload.documentId)) return { ok: true };
      const verdict = await inspectUploaded(deps, upload, {
        actor,
        resource: { type: 'case', id: upload.caseId },
        details: { category: STATEMENT_CATEGORY },
      });
      if (!verdict.ok) return { ok: false, code: verdict.code };
      await deps.uow.run(async ({ filings, audit: trail, authorityStatements }) => {
        if ((await authorityStatements.authorityOf(upload.caseId)) !== found.authorityId) return;
        await filings.insertDocuments(upload.caseId, [
          {
            id: upload.documentId,
            personId: null,
            evidenceItem: null,
            category: STATEMENT_CATEGORY,
            specialCategory: false,
            fileName: verdict.safeName,
            contentType: verdict.contentType,
            size: verdict.stored.size,
            sha256: verdict.stored.sha256,
            blobKey: verdict.stored.key,
            flags: verdict.flags,
            uploadedByRole: actor.role,
          },
        ]);
        await trail.append({
          at: deps.clock.now(),
          actor: { role: actor.role, id: actor.id },
          action: 'document.added',
          resource: { type: 'case', id: upload.caseId },
          details: { documentId: upload.documentId, category: STATEMENT_CATEGORY, via: 'authority_portal' },
        });
      });
      return { ok: true };
    },

    /**
     * The statement: checked field by field, filed as a PDF/A document of the case with the pending
     * attachments, and recorded as "statement received" (the office's own command) in one transaction.
     */
    async submitStatement(
      actor: PortalActor,
      caseId: string,
      input: StatementInput,
    ): Promise<PortalStepResult> {
      const found = await caseForStep(actor, caseId);
      if (!found) return null;
      const texts = {
        statusSummary: normaliseLongText(input.statusSummary).trim(),
        statement: normaliseLongText(input.statement).trim(),
        residenceSituation: normaliseLongText(input.residenceSituation).trim(),
      };
      const errors: { field: StatementField; message: string }[] = [];
      for (const field of ['statusSummary', 'statement', 'residenceSituation'] as const) {
        if (texts[field] === '') errors.push({ field, message: st.required[field] });
        else if (texts[field].length > MAX_TEXT) errors.push({ field, message: st.tooLong });
      }
      const deportation = typedDate(input.deportationDate);
      if (deportation === null) errors.push({ field: 'deportationDate', message: st.badDate });
      if (errors.length > 0) return { ok: false, kind: 'invalid', errors };
      const { file, authorityId } = found;
      if (file.state !== 'statement_requested') {
        return {
          ok: false,
          kind: 'refused',
          message: 'Eine Stellungnahme ist im aktuellen Stand des Verfahrens nicht vorgesehen.',
        };
      }
      const now = deps.clock.now();
      const attachments = file.pendingAttachments;
      const pdf = await deps.renderStatement({
        title: `${st.pdfTitle} – ${file.caseNumber}`,
        subject: st.pdfTitle,
        createdAt: now,
        runningHeader: `${st.pdfTitle} · ${file.caseNumber}`,
        heading: st.pdfTitle,
        intro: st.pdfIntro,
        sections: [
          {
            heading: st.pdfCase,
            blocks: [
              {
                kind: 'definitions',
                pairs: [
                  [st.pdfCase, file.caseNumber],
                  [st.pdfFrom, file.authorityName],
                  [st.pdfBy, actor.name ?? ''],
                  [st.pdfAt, germanDate(now)],
                ],
              },
            ],
          },
          { heading: st.statusSummary, blocks: [{ kind: 'paragraphs', text: texts.statusSummary }] },
          { heading: st.statement, blocks: [{ kind: 'paragraphs', text: texts.statement }] },
          {
            heading: st.residenceSituation,
            blocks: [{ kind: 'paragraphs', text: texts.residenceSituation }],
          },
          {
            heading: st.deportationDate.replace(' (freiwillig)', ''),
            blocks: [{ kind: 'paragraphs', text: deportation ? isoToGerman(deportation) : st.pdfNoDate }],
          },
          {
            heading: st.pdfAttachments,
            blocks: [{ kind: 'list', items: attachments.map((a) => a.fileName) }],
          },
        ],
      });
      const blob = await deps.blobs.put(pdf);
      const documentId = deps.random.uuid();
      try {
        const done = await deps.uow.run(async (scope) => {
          if ((await scope.authorityStatements.authorityOf(caseId)) !== authorityId) return null;
          await scope.filings.insertDocuments(caseId, [
            {
              id: documentId,
              personId: null,
              evidenceItem: null,
              category: STATEMENT_CATEGORY,
              specialCategory: false,
              fileName: `Stellungnahme-${file.caseNumber}.pdf`,
              contentType: 'application/pdf',
              size: blob.size,
              sha256: blob.sha256,
              blobKey: blob.key,
              flags: [],
              uploadedByRole: actor.role,
            },
          ]);
          const outcome = await deps.cases.applyWithin(scope, {
            caseId,
            command: { type: 'receiveStatement', documentId },
            actor: { role: actor.role, id: actor.id },
            ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
          });
          if (!outcome.ok) throw new RolledBack(outcome);
          await scope.authorityStatements.insert({
            id: deps.random.uuid(),
            caseId,
            authorityId,
            authorId: actor.id,
            documentId,
            caseVersion: outcome.snapshot.version,
            ...texts,
            deportationDate: deportation || null,
            attachmentIds: attachments.map((a) => a.id),
          });
          await scope.audit.append({
            at: now,
            actor: { role: actor.role, id: actor.id },
            action: 'authority.statement_submitted',
            resource: { type: 'case', id: caseId },
            details: { documentId, attachments: attachments.length },
          });
          return { ok: true as const };
        });
        if (!done) await deps.blobs.delete(blob.key).catch(() => undefined);
        return done;
      } catch (error) {
        await deps.blobs.delete(blob.key).catch(() => undefined);
        if (error instanceof RolledBack) return stepFailure(error.outcome);
        throw error;
      }
    },

    /** The intended or final decision on the hardship request, as the case command `receiveAuthorityFeedback`. */
    async report(actor: PortalActor, caseId: string, input: ReportInput): Promise<PortalStepResult> {
      const authorityId = authorityOf(actor);
      if (!authorityId) return null;
      const errors: { field: 'decision' | 'reasons' | 'decidedOn'; message: string }[] = [];
      const decision = input.decision === 'grant' || input.decision === 'refuse' ? input.decision : null;
      if (!decision) {
        errors.push({
          field: 'decision',
          message: input.stage === 'intended' ? dt.chooseIntention : dt.chooseDecision,
        });
      }
      const reasons = normaliseLongText(input.reasons).trim();
      if (reasons.length > MAX_TEXT) errors.push({ field: 'reasons', message: st.tooLong });
      let decidedOn: string | undefined;
      if (input.stage === 'final') {
        const typed = typedDate(input.decidedOn ?? { day: '', month: '', year: '' });
        if (!typed) errors.push({ field: 'decidedOn', message: dt.badDate });
        else decidedOn = typed;
      }
      if (errors.length > 0) return { ok: false, kind: 'invalid', errors };
      const conditions = input.conditions.filter(
        (c): c is 'livelihood_secured' | 'sponsor_declaration' =>
          c === 'livelihood_secured' || c === 'sponsor_declaration',
      );
      const command: CaseCommand = {
        type: 'receiveAuthorityFeedback',
        stage: input.stage,
        decision: decision ?? 'grant',
        ...(conditions.length > 0 && decision === 'grant' ? { conditions } : {}),
        ...(reasons ? { reasons } : {}),
        ...(decidedOn ? { decidedOn } : {}),
      };
      const outcome = await deps.uow.run(async (scope) => {
        if ((await scope.authorityStatements.authorityOf(caseId)) !== authorityId) return null;
        return deps.cases.applyWithin(scope, {
          caseId,
          command,
          actor: { role: actor.role, id: actor.id },
          ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
        });
      });
      if (!outcome) return null;
      if (!outcome.ok) {
        const code = outcome.kind === 'refused' ? outcome.error.code : null;
        if (
          code === 'refusal_reasons_required' ||
          code === 'decision_date_in_future' ||
          code === 'decision_date_required'
        ) {
          const field = code === 'refusal_reasons_required' ? 'reasons' : 'decidedOn';
          return {
            ok: false,
            kind: 'invalid',
            errors: [{ field, message: outcome.kind === 'refused' ? outcome.error.message : '' }],
          };
        }
        return stepFailure(outcome);
      }
      return { ok: true };
    },

    /** The statements and reports of a case, for the office's case file (office roles only). */
    async forOffice(
      actor: Actor,
      caseId: string,
    ): Promise<{ statements: AuthorityStatementRecord[]; reports: AuthorityReport[] } | null> {
      if (!mayDo(actor.role, 'view_case_file')) return null;
      return deps.reader.forOffice(caseId);
    },
  };
}

export type AuthorityPortalUseCases = ReturnType<typeof authorityPortalUseCases>;

/** A report in words: "Beabsichtigte Entscheidung: will dem Ersuchen nicht folgen". */
export function reportSummary(report: Pick<AuthorityReport, 'stage' | 'decision'>): string {
  const what =
    report.stage === 'intended'
      ? report.decision === 'grant'
        ? reportLabels.intendedGrant
        : reportLabels.intendedRefuse
      : report.decision === 'grant'
        ? reportLabels.finalGrant
        : reportLabels.finalRefuse;
  return `${report.stage === 'intended' ? reportLabels.intended : reportLabels.final}: ${what}`;
}
