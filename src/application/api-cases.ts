/**
 * What the JSON API reads and writes of cases, for each kind of caller, through the same use cases and
 * access policy as the pages: the office through the case file (every view and download audited
 * there), an immigration authority through its portal (its own area, narrowed by the policy), a
 * representative's account through its own filed cases (as its status pages show them: the stage in
 * plain words, the persons' names, the messages and the receipt). Anyone else, and any case that is
 * not the caller's, gets null: "not yours" is "not found". Votes are never part of any answer.
 */
import type { Readable } from 'node:stream';
import { STATE_FOR_AUTHORITY } from '../../content/messages/authority/de.ts';
import { STATE_LABELS } from '../../content/messages/office/de.ts';
import { wizardDe } from '../../content/messages/wizard/de.ts';
import { accountMaySeeDocument, mayDo } from '../domain/access/policy.ts';
import { type Actor, applicantStage, isCaseState } from '../domain/case/index.ts';
import type { AuthorityPortalUseCases } from './authority-portal.ts';
import type { CaseFileUseCases } from './case-file.ts';
import type { MessageUseCases, WriteResult } from './messages.ts';
import type { AccountCases, BlobStore, CaseMessage, CaseRefs, Clock, UnitOfWork } from './ports.ts';

/** The caller behind a token: its role, user id and organisation (authority or representatives' office). */
export interface ApiActor extends Actor {
  readonly organisationId: string | null;
}

export interface ApiCaseState {
  /** The machine code: the case state for office and authority, the applicant's stage for representatives. */
  code: string;
  /** The same in plain German words, as the caller's pages say it. */
  text: string;
}

export interface ApiCaseRow {
  id: string;
  caseNumber: string;
  state: ApiCaseState;
  receivedAt: Date;
  /** "Given Family" of each person. */
  personNames: string[];
}

export interface ApiCase {
  id: string;
  caseNumber: string;
  state: ApiCaseState;
  receivedAt: Date;
  persons: {
    givenNames: string;
    familyName: string;
    /** Office and authority only. */
    birthDate?: string;
    nationalityCode?: string;
    relation?: string | null;
  }[];
  /** The immigration authority whose area the case is in (office and authority). */
  authorityName?: string | null;
  /** How the application came in (office only). */
  channel?: string;
  /** While the authority's statement is asked for (authority only). */
  statementDueAt?: string | null;
}

export interface ApiDocument {
  id: string;
  category: string;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

export interface ApiCaseDeps {
  caseFiles: CaseFileUseCases;
  portal: AuthorityPortalUseCases;
  messages: MessageUseCases;
  accountCases: AccountCases;
  refs: CaseRefs;
  blobs: BlobStore;
  uow: UnitOfWork;
  clock: Clock;
}

type Kind = 'office' | 'authority' | 'account';

function kindOf(actor: ApiActor): Kind | null {
  if (mayDo(actor.role, 'view_case_file')) return 'office';
  if (mayDo(actor.role, 'use_authority_portal')) return 'authority';
  if (actor.role === 'representative') return 'account';
  return null;
}

const officeState = (state: string): ApiCaseState => ({
  code: state,
  text: isCaseState(state) ? STATE_LABELS[state] : state,
});
const authorityState = (state: string): ApiCaseState => ({
  code: state,
  text: STATE_FOR_AUTHORITY[state] ?? state,
});
const accountState = (state: string): ApiCaseState => {
  const stage = isCaseState(state) ? applicantStage(state) : 'in_review';
  return { code: stage, text: wizardDe[`stage_${stage}`] };
};
/** The actor as the audit trail records it (role and user id only). */
const plain = (actor: ApiActor): Actor => ({ role: actor.role, id: actor.id });
const nameOf = (p: { givenNames: string; familyName: string }) => `${p.givenNames} ${p.familyName}`.trim();

export function apiCaseUseCases(deps: ApiCaseDeps) {
  const audit = (actor: Actor, action: string, caseId: string, details: Record<string, unknown>) =>
    deps.uow.run(({ audit: trail }) =>
      trail.append({
        at: deps.clock.now(),
        actor: { role: actor.role, id: actor.id },
        action,
        resource: { type: 'case', id: caseId },
        details,
      }),
    );

  /** The case's id for office and authority (who may see it is decided by their use cases). */
  const idOf = (ref: string) => deps.refs.idOf(ref);

  return {
    /** The cases the caller may see: the office's open cases, the authority's area, the account's own. */
    async list(actor: ApiActor, options: { limit: number }): Promise<ApiCaseRow[] | null> {
      const kind = kindOf(actor);
      if (kind === 'office') {
        const rows = await deps.caseFiles.inbox(plain(actor), { limit: options.limit });
        return (
          rows?.map((r) => ({
            id: r.caseId,
            caseNumber: r.caseNumber,
            state: officeState(r.state),
            receivedAt: r.receivedAt,
            personNames: r.personNames,
          })) ?? null
        );
      }
      if (kind === 'authority') {
        const listed = await deps.portal.list(actor);
        return (
          listed?.rows.slice(0, options.limit).map((r) => ({
            id: r.caseId,
            caseNumber: r.caseNumber,
            state: authorityState(r.state),
            receivedAt: r.receivedAt,
            personNames: r.personNames,
          })) ?? null
        );
      }
      if (kind === 'account') {
        const rows = await deps.accountCases.list(actor.id);
        return rows.slice(0, options.limit).map((r) => ({
          id: r.caseId,
          caseNumber: r.caseNumber,
          state: accountState(r.state),
          receivedAt: r.receivedAt,
          personNames: r.persons.map(nameOf),
        }));
      }
      return null;
    },

    /** One case by id or case number, with what the caller may see of it; the view is audited. */
    async read(actor: ApiActor, ref: string): Promise<ApiCase | null> {
      const kind = kindOf(actor);
      if (kind === 'account') {
        const found = await deps.accountCases.find(actor.id, ref);
        if (!found) return null;
        await audit(actor, 'case_file.viewed', found.caseId, { via: 'api' });
        return {
          id: found.caseId,
          caseNumber: found.caseNumber,
          state: accountState(found.state),
          receivedAt: found.receivedAt,
          persons: found.persons.map((p) => ({ givenNames: p.givenNames, familyName: p.familyName })),
        };
      }
      if (!kind) return null;
      const caseId = await idOf(ref);
      if (!caseId) return null;
      if (kind === 'office') {
        const file = await deps.caseFiles.open(plain(actor), caseId);
        if (!file) return null;
        return {
          id: file.caseId,
          caseNumber: file.caseNumber,
          state: officeState(file.state),
          receivedAt: file.receivedAt,
          persons: file.persons.map((p) => ({ ...p })),
          authorityName: file.authorityName,
          channel: file.channel,
        };
      }
      const file = await deps.portal.open(actor, caseId);
      if (!file) return null;
      return {
        id: file.caseId,
        caseNumber: file.caseNumber,
        state: authorityState(file.state),
        receivedAt: file.receivedAt,
        persons: file.persons.map((p) => ({ ...p })),
        authorityName: file.authorityName,
        statementDueAt: file.statementDueAt,
      };
    },

    /**
     * The message thread (office and representatives; the authorities read no messages). The office
     * reads it as part of the case file (that view is audited); reading marks the other side's read.
     */
    async messages(actor: ApiActor, ref: string): Promise<{ caseId: string; thread: CaseMessage[] } | null> {
      const kind = kindOf(actor);
      if (kind === 'account') {
        const found = await deps.accountCases.find(actor.id, ref);
        if (!found) return null;
        return { caseId: found.caseId, thread: await deps.messages.forApplicant(found.caseId) };
      }
      if (kind !== 'office') return null;
      const caseId = await idOf(ref);
      if (!caseId || !(await deps.caseFiles.open(plain(actor), caseId))) return null;
      const thread = await deps.messages.forOffice(plain(actor), caseId);
      return thread ? { caseId, thread } : null;
    },

    /** A message through the messages use case: the office's answer or the representative's. */
    async write(actor: ApiActor, ref: string, text: unknown): Promise<WriteResult | null> {
      const kind = kindOf(actor);
      if (kind === 'account') {
        const found = await deps.accountCases.find(actor.id, ref);
        if (!found) return null;
        return deps.messages.writeAsApplicant(plain(actor), found.caseId, text);
      }
      if (kind !== 'office') return null;
      const caseId = await idOf(ref);
      if (!caseId) return null;
      return deps.messages.writeAsOffice(plain(actor), caseId, text);
    },

    /** The documents the caller may see (metadata only). */
    async documents(actor: ApiActor, ref: string): Promise<ApiDocument[] | null> {
      const kind = kindOf(actor);
      const pick = (d: ApiDocument): ApiDocument => ({
        id: d.id,
        category: d.category,
        fileName: d.fileName,
        contentType: d.contentType,
        size: d.size,
        createdAt: d.createdAt,
      });
      if (kind === 'account') {
        const found = await deps.accountCases.find(actor.id, ref);
        if (!found) return null;
        const docs = await deps.accountCases.documents(actor.id, found.caseId);
        return docs?.filter(accountMaySeeDocument).map(pick) ?? null;
      }
      if (!kind) return null;
      const caseId = await idOf(ref);
      if (!caseId) return null;
      if (kind === 'office') {
        const file = await deps.caseFiles.open(plain(actor), caseId);
        return file ? file.documents.map(pick) : null;
      }
      const file = await deps.portal.open(actor, caseId);
      return file ? [...file.documents, ...file.letters].map(pick) : null;
    },

    /** One document for download, if the caller may see it; the download is audited. */
    async download(
      actor: ApiActor,
      ref: string,
      documentId: string,
    ): Promise<{ stream: Readable; fileName: string; contentType: string } | null> {
      const kind = kindOf(actor);
      if (kind === 'account') {
        const found = await deps.accountCases.find(actor.id, ref);
        if (!found) return null;
        const doc = (await deps.accountCases.documents(actor.id, found.caseId))?.find(
          (d) => d.id === documentId,
        );
        if (!doc || !accountMaySeeDocument(doc)) return null;
        await audit(actor, 'document.downloaded', found.caseId, { documentId, via: 'api' });
        return {
          stream: await deps.blobs.get(doc.blobKey),
          fileName: doc.fileName,
          contentType: doc.contentType,
        };
      }
      if (!kind) return null;
      const caseId = await idOf(ref);
      if (!caseId) return null;
      return kind === 'office'
        ? deps.caseFiles.download(plain(actor), caseId, documentId)
        : deps.portal.download(actor, caseId, documentId);
    },
  };
}

export type ApiCaseUseCases = ReturnType<typeof apiCaseUseCases>;
