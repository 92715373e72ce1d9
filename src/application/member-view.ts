/**
 * The members' view of the commission's sessions and the session pack.
 *
 * A member or deputy sees a session once the office has invited and their appointment covers the
 * session's day; of it, only the cases on its agenda (case number, persons with nationality, a short
 * summary), never a vote, a decision or an internal note. The pack — a PDF per session and member,
 * watermarked with the member's name — is available only here, and only up to a set number of days
 * after the session day. Whatever a member may not see answers like something that does not exist
 * (null → 404). Every view and every download is audited.
 *
 * The office chooses per agenda item which evidence goes into the pack; documents of special
 * categories (health, criminal records) only in their own, separately marked group.
 */
import type { Readable } from 'node:stream';
import { memberTexts, PART_TITLES, packTexts, RELATION_LABELS } from '../../content/messages/members/de.ts';
import { OFFICE_DOCUMENT_LABELS } from '../../content/messages/office/de.ts';
import { mayDo } from '../domain/access/policy.ts';
import type { Actor } from '../domain/case/index.ts';
import { CATEGORY_TEXTS, isEvidenceCategory } from '../domain/evidence/index.ts';
import {
  APPLICATION_CATEGORIES,
  choicesFromForm,
  excerpt,
  invitedTo,
  type PackPartKind,
  packAvailable,
  packAvailableThrough,
  packParts,
  STATEMENT_CATEGORY,
  selectableForPack,
} from '../domain/session/index.ts';
import { germanDate } from './drafts.ts';
import type {
  AgendaCaseSummary,
  AgendaItemRecord,
  BlobStore,
  Clock,
  PackDocumentRecord,
  SessionPackBuilder,
  SessionPackPart,
  SessionPackSection,
  SessionRecord,
  TransactionScope,
  UnitOfWork,
} from './ports.ts';
import { onAgenda, sessionDateText } from './sessions.ts';
import { berlinDate } from './statement-reminders.ts';

/** A summary sheet as headed sections (rendered by the PDF adapter as a sectioned document). */
export interface PackSheet {
  title: string;
  subject: string;
  createdAt: Date;
  runningHeader: string;
  heading: string;
  intro?: string;
  sections: {
    heading: string;
    blocks: (
      | { kind: 'definitions'; pairs: [string, string][] }
      | { kind: 'paragraphs'; text: string }
      | { kind: 'list'; items: string[] }
    )[];
  }[];
}

export interface MemberViewDeps {
  uow: UnitOfWork;
  clock: Clock;
  blobs: BlobStore;
  builder: SessionPackBuilder;
  /** Days after the session day through which the pack can be downloaded. */
  packDays: number;
  renderSheet(sheet: PackSheet): Promise<Buffer>;
  /** German adjective of a nationality code ('syrisch', 'staatenlos'). */
  nationalityName(code: string): string;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));

/** '12.03.2027' from '2027-03-12'. */
const dayText = (day: string) => day.split('-').reverse().join('.');

/** The items of this session's agenda (after approval: those it decided), without any decision. */
function agendaOf(session: SessionRecord, items: readonly AgendaItemRecord[]) {
  return items
    .filter((item) => (session.approvedAt ? item.decision !== null : onAgenda(item, session.id)))
    .map((item) => ({ caseId: item.caseId, caseNumber: item.caseNumber, personNames: item.personNames }));
}

export type MemberAgendaItem = ReturnType<typeof agendaOf>[number];

/** A person as the members see them: name, birth date as filed, nationality, relation. */
export interface MemberPerson {
  name: string;
  birthDate: string;
  nationality: string;
  relation: string;
}

export interface MemberCase {
  caseId: string;
  caseNumber: string;
  /** 1-based position on the agenda. */
  position: number;
  receivedOn: string;
  channel: string;
  authorityName: string | null;
  persons: MemberPerson[];
  /** The beginning of the urgent reasons; null for an application filed from a letter. */
  summary: string | null;
}

export interface MemberSessionView {
  session: SessionRecord;
  when: string;
  /** Pack available through this day ('YYYY-MM-DD'). */
  packThrough: string;
  packAvailable: boolean;
  /** Empty once the pack is no longer available: the case data leave the members' view with it. */
  cases: MemberCase[];
}

/** The urgent reasons of a filed online application, if any. */
function reasonsOf(application: unknown): string | null {
  if (!application || typeof application !== 'object') return null;
  const reasons = (application as { reasons?: { humanitarianReasons?: unknown } }).reasons;
  const text = reasons?.humanitarianReasons;
  return typeof text === 'string' && text.trim() ? text : null;
}

function birthText(value: string): string {
  const [y, m, d] = value.split('-');
  if (d) return `${d}.${m}.${y}`;
  if (m) return `${m}.${y}`;
  return y ?? '';
}

export function memberViewUseCases(deps: MemberViewDeps) {
  const { uow, clock } = deps;
  const today = () => berlinDate(clock.now());
  const audit = (
    scope: TransactionScope,
    actor: Actor,
    action: string,
    resource: { type: string; id: string | null },
    details: Record<string, unknown> = {},
  ) => scope.audit.append({ at: clock.now(), actor, action, resource, details });
  const member = (actor: Actor) => mayDo(actor.role, 'attend_sessions');
  const through = (session: SessionRecord) => packAvailableThrough(session.day, deps.packDays);
  const available = (session: SessionRecord) => packAvailable(session.day, today(), deps.packDays);

  /** The session if the actor is invited to it; null otherwise (also for an unknown id). */
  async function invitedSession(scope: TransactionScope, actor: Actor, sessionId: string) {
    if (!member(actor)) return null;
    const session = await scope.sessions.session(sessionId);
    if (!session) return null;
    if (!invitedTo(session, await scope.sessions.memberships(), actor.id)) return null;
    return session;
  }

  const person = (p: AgendaCaseSummary['persons'][number]): MemberPerson => ({
    name: `${p.givenNames} ${p.familyName}`.trim(),
    birthDate: birthText(p.birthDate),
    nationality: p.nationalityCode ? deps.nationalityName(p.nationalityCode) : memberTexts.unknown,
    relation: (p.relation && RELATION_LABELS[p.relation]) || '',
  });

  const caseOf = (summary: AgendaCaseSummary, position: number, length: number): MemberCase => {
    const reasons = reasonsOf(summary.application);
    return {
      caseId: summary.caseId,
      caseNumber: summary.caseNumber,
      position,
      receivedOn: germanDate(summary.receivedAt),
      channel: summary.channel,
      authorityName: summary.authorityName,
      persons: summary.persons.map(person),
      summary: reasons ? excerpt(reasons, length) : null,
    };
  };

  async function casesOf(scope: TransactionScope, agenda: readonly MemberAgendaItem[], length = 400) {
    const summaries = await scope.packs.summaries(agenda.map((i) => i.caseId));
    return summaries.map((s, i) => caseOf(s, i + 1, length));
  }

  const titleOf = (d: PackDocumentRecord, kind: PackPartKind) => {
    if (kind === 'application') return PART_TITLES.application;
    if (kind === 'statement') return PART_TITLES.statement;
    const title = isEvidenceCategory(d.category)
      ? CATEGORY_TEXTS[d.category].title
      : (OFFICE_DOCUMENT_LABELS[d.category] ?? d.category);
    return fill(packTexts.evidence, { title, file: d.fileName });
  };

  const bytesOf = async (stream: Readable) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  /** One case's sheet: the facts, the persons, the beginning of the reasons and what the pack holds. */
  function sheetOf(c: MemberCase, parts: string[], withheld: number, now: Date): PackSheet {
    return {
      title: fill(packTexts.summaryHeading, { caseNumber: c.caseNumber }),
      subject: packTexts.subject,
      createdAt: now,
      runningHeader: fill(packTexts.runningHeader, { caseNumber: c.caseNumber }),
      heading: fill(packTexts.summaryHeading, { caseNumber: c.caseNumber }),
      sections: [
        {
          heading: packTexts.summaryFacts,
          blocks: [
            {
              kind: 'definitions',
              pairs: [
                [packTexts.caseNumber, c.caseNumber],
                [packTexts.item, String(c.position)],
                [packTexts.received, c.receivedOn],
                [packTexts.authority, c.authorityName ?? memberTexts.unknown],
              ],
            },
          ],
        },
        {
          heading: packTexts.persons,
          blocks: [
            {
              kind: 'list',
              items: c.persons.map((p) =>
                [
                  p.name,
                  p.birthDate ? fill(memberTexts.bornIn, { date: p.birthDate }) : '',
                  p.nationality,
                  p.relation,
                ]
                  .filter(Boolean)
                  .join(', '),
              ),
            },
          ],
        },
        {
          heading: packTexts.reasons,
          blocks: [{ kind: 'paragraphs', text: c.summary ?? memberTexts.summaryNone }],
        },
        {
          heading: packTexts.contents,
          blocks: [
            { kind: 'list', items: parts },
            ...(withheld > 0
              ? [{ kind: 'paragraphs' as const, text: fill(packTexts.notInPack, { n: withheld }) }]
              : []),
          ],
        },
      ],
    };
  }

  return {
    /** The sessions the member is invited to: upcoming ones, and past ones while their pack is available. */
    async overview(actor: Actor) {
      if (!member(actor)) return null;
      return uow.run(async (scope) => {
        const memberships = await scope.sessions.memberships();
        const day = today();
        const mine = (await scope.sessions.sessions()).filter(
          (s) => invitedTo(s, memberships, actor.id) && (s.day >= day || available(s)),
        );
        const rows = await Promise.all(
          mine.map(async (s) => ({
            session: s,
            when: sessionDateText(s.startsAt),
            agendaSize: agendaOf(s, await scope.sessions.agenda(s.id)).length,
            packThrough: through(s),
          })),
        );
        await audit(
          scope,
          actor,
          'member.sessions_listed',
          { type: 'session', id: null },
          { count: rows.length },
        );
        return {
          upcoming: rows.filter((r) => r.session.day >= day).reverse(),
          past: rows.filter((r) => r.session.day < day),
        };
      });
    },

    /** One session with its agenda (no decisions); audited. */
    async session(actor: Actor, sessionId: string): Promise<MemberSessionView | null> {
      return uow.run(async (scope) => {
        const session = await invitedSession(scope, actor, sessionId);
        if (!session) return null;
        const open = available(session);
        const cases = open
          ? await casesOf(scope, agendaOf(session, await scope.sessions.agenda(session.id)))
          : [];
        await audit(
          scope,
          actor,
          'member.session_viewed',
          { type: 'session', id: sessionId },
          { cases: cases.length },
        );
        return {
          session,
          when: sessionDateText(session.startsAt),
          packThrough: through(session),
          packAvailable: open,
          cases,
        };
      });
    },

    /** One case of the session's agenda; null for a case not on it. Audited on the case. */
    async agendaCase(actor: Actor, sessionId: string, caseId: string) {
      return uow.run(async (scope) => {
        const session = await invitedSession(scope, actor, sessionId);
        if (!session || !available(session)) return null;
        const agenda = agendaOf(session, await scope.sessions.agenda(session.id));
        const position = agenda.findIndex((i) => i.caseId === caseId);
        const item = agenda[position];
        if (!item) return null;
        const [summary] = await scope.packs.summaries([item.caseId]);
        if (!summary) return null;
        await audit(scope, actor, 'member.case_viewed', { type: 'case', id: caseId }, { sessionId });
        return {
          session,
          when: sessionDateText(session.startsAt),
          case: caseOf(summary, position + 1, 1200),
        };
      });
    },

    /**
     * The session pack for this member: built on request, watermarked with their name and today's
     * date. 'expired' once the set time after the session has passed; null if not invited. Audited.
     */
    async pack(
      actor: Actor & { name: string },
      sessionId: string,
    ): Promise<{ kind: 'pdf'; pdf: Buffer; day: string } | { kind: 'expired'; through: string } | null> {
      const found = await uow.run(async (scope) => {
        const session = await invitedSession(scope, actor, sessionId);
        if (!session) return null;
        if (!available(session)) {
          await audit(
            scope,
            actor,
            'member.pack_refused',
            { type: 'session', id: sessionId },
            { reason: 'expired' },
          );
          return { expired: true as const, session };
        }
        const agenda = agendaOf(session, await scope.sessions.agenda(session.id));
        const cases = await casesOf(scope, agenda, 1500);
        const documents = await scope.packs.documents(
          sessionId,
          agenda.map((i) => i.caseId),
        );
        await audit(
          scope,
          actor,
          'member.pack_downloaded',
          { type: 'session', id: sessionId },
          { cases: cases.length, caseIds: cases.map((c) => c.caseId) },
        );
        return { expired: false as const, session, cases, documents };
      });
      if (!found) return null;
      if (found.expired) return { kind: 'expired', through: through(found.session) };
      const { session, cases, documents } = found;
      const now = clock.now();
      const when = sessionDateText(session.startsAt);
      const cover: SessionPackSection = {
        title: packTexts.coverTitle,
        nested: false,
        parts: [
          {
            title: packTexts.coverTitle,
            contentType: 'application/pdf',
            load: () =>
              deps.renderSheet({
                title: fill(packTexts.title, { date: dayText(session.day) }),
                subject: packTexts.subject,
                createdAt: now,
                runningHeader: fill(packTexts.title, { date: dayText(session.day) }),
                heading: packTexts.coverHeading,
                intro: fill(packTexts.coverIntro, { date: when, place: session.place, name: actor.name }),
                sections: [
                  {
                    heading: packTexts.agenda,
                    blocks: [
                      {
                        kind: 'list',
                        items: cases.map((c) =>
                          fill(packTexts.caseBookmark, {
                            n: c.position,
                            caseNumber: c.caseNumber,
                            names: c.persons.map((p) => p.name).join(', '),
                          }),
                        ),
                      },
                    ],
                  },
                ],
              }),
          },
        ],
      };
      const sections: SessionPackSection[] = [cover];
      for (const c of cases) {
        const own = documents.filter((d) => d.caseId === c.caseId);
        const chosen = own.flatMap((d) => (d.choice ? [{ documentId: d.id, ...d.choice }] : []));
        const inPack = packParts(own, chosen);
        const parts = inPack.map(
          ({ kind, document }): SessionPackPart => ({
            title: titleOf(document, kind),
            contentType: document.contentType,
            load: async () => bytesOf(await deps.blobs.get(document.blobKey)),
          }),
        );
        const ids = new Set(inPack.map((p) => p.document.id));
        const heldBack = selectableForPack(own).filter((d) => !ids.has(d.id)).length;
        sections.push({
          title: fill(packTexts.caseBookmark, {
            n: c.position,
            caseNumber: c.caseNumber,
            names: c.persons.map((p) => p.name).join(', '),
          }),
          nested: true,
          parts: [
            {
              title: PART_TITLES.summary,
              contentType: 'application/pdf',
              load: () =>
                deps.renderSheet(
                  sheetOf(
                    c,
                    parts.map((p) => p.title),
                    heldBack,
                    now,
                  ),
                ),
            },
            ...parts,
          ],
        });
      }
      const pdf = await deps.builder.build({
        title: fill(packTexts.title, { date: dayText(session.day) }),
        subject: packTexts.subject,
        createdAt: now,
        watermark: fill(packTexts.watermark, { name: actor.name, date: germanDate(now) }),
        sections,
        texts: { page: packTexts.page, unreadable: packTexts.unreadable },
      });
      return { kind: 'pdf', pdf, day: session.day };
    },

    // -------------------------------------------------------------------------------------------------
    // The office's choice for the pack

    /** How many documents are chosen per case of the session, and until when the pack is available. */
    async packSummary(actor: Actor, sessionId: string) {
      if (!mayDo(actor.role, 'run_sessions')) return null;
      return uow.run(async (scope) => {
        const session = await scope.sessions.session(sessionId);
        if (!session) return null;
        const agenda = agendaOf(session, await scope.sessions.agenda(sessionId));
        const documents = await scope.packs.documents(
          sessionId,
          agenda.map((i) => i.caseId),
        );
        const chosen: Record<string, number> = {};
        for (const d of documents) if (d.choice) chosen[d.caseId] = (chosen[d.caseId] ?? 0) + 1;
        return { through: through(session), chosen };
      });
    },

    /** The documents of one agenda item to choose from, with the current choice; audited. */
    async packChoice(actor: Actor, sessionId: string, caseId: string) {
      if (!mayDo(actor.role, 'run_sessions')) return null;
      return uow.run(async (scope) => {
        const session = await scope.sessions.session(sessionId);
        if (!session) return null;
        const agenda = agendaOf(session, await scope.sessions.agenda(sessionId));
        const item = agenda.find((i) => i.caseId === caseId);
        if (!item) return null;
        const documents = await scope.packs.documents(sessionId, [caseId]);
        await audit(
          scope,
          actor,
          'session.pack_choice_viewed',
          { type: 'session', id: sessionId },
          { caseId },
        );
        const selectable = selectableForPack(documents);
        return {
          session,
          when: sessionDateText(session.startsAt),
          item,
          locked: session.approvedAt !== null,
          always: documents.filter(
            (d) =>
              (APPLICATION_CATEGORIES.includes(d.category) || d.category === STATEMENT_CATEGORY) &&
              !d.specialCategory,
          ),
          ordinary: selectable.filter((d) => !d.specialCategory),
          special: selectable.filter((d) => d.specialCategory),
        };
      });
    },

    /** Stores the choice for one agenda item (until the minutes are approved); audited. */
    async choosePack(
      actor: Actor,
      sessionId: string,
      caseId: string,
      form: { ordinary: readonly string[]; special: readonly string[] },
    ): Promise<{ ok: true } | { ok: false; message: string } | null> {
      if (!mayDo(actor.role, 'run_sessions')) return null;
      return uow.run(async (scope) => {
        const session = await scope.sessions.session(sessionId, { forUpdate: true });
        if (!session) return null;
        const item = agendaOf(session, await scope.sessions.agenda(sessionId)).find(
          (i) => i.caseId === caseId,
        );
        if (!item) return null;
        if (session.approvedAt) return { ok: false as const, message: 'locked' };
        const documents = await scope.packs.documents(sessionId, [caseId]);
        const choices = choicesFromForm(documents, form.ordinary, form.special);
        await scope.packs.choose(sessionId, caseId, choices, actor.id, clock.now());
        await audit(
          scope,
          actor,
          'session.pack_chosen',
          { type: 'session', id: sessionId },
          { caseId, documents: choices.length, special: choices.filter((c) => c.specialIncluded).length },
        );
        return { ok: true as const };
      });
    },
  };
}

export type MemberViewUseCases = ReturnType<typeof memberViewUseCases>;
