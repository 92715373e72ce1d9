/**
 * The members' side of a session: who may see it, until when its pack is available, and what goes
 * into the pack of each case. A member (or deputy) sees a session once the office has invited and
 * their appointment covers the session's day; the pack stays available up to a set number of days
 * after the session day. The pack holds the application and the authority's statement of every case
 * on the agenda and the evidence the office selected; documents of special categories (health,
 * criminal records) only where the office included them explicitly.
 */
import { addDays } from '../rules/dates.ts';
import { activeOn, type Membership } from './commission.ts';

/** How long a pack stays available when nothing else is configured: a week after the session day. */
export const DEFAULT_PACK_DAYS = 7;

/** True if the account holds an appointment (member or deputy) on the session's day and was invited. */
export function invitedTo(
  session: { day: string; invitedAt: Date | null },
  memberships: readonly Pick<Membership, 'userId' | 'termFrom' | 'termTo'>[],
  userId: string,
): boolean {
  return (
    session.invitedAt !== null && memberships.some((m) => m.userId === userId && activeOn(m, session.day))
  );
}

/** The last day ('YYYY-MM-DD', in Germany) on which the pack of a session can be downloaded. */
export function packAvailableThrough(sessionDay: string, days: number): string {
  return addDays(sessionDay, Math.max(0, Math.floor(days)));
}

/** True while the pack of a session held on `sessionDay` is available on `today`. */
export function packAvailable(sessionDay: string, today: string, days: number): boolean {
  return today <= packAvailableThrough(sessionDay, days);
}

/** The kinds of parts a case contributes to the pack, in their order. */
export type PackPartKind = 'application' | 'statement' | 'evidence';

/** The categories of the documents that are the application itself (online copy or the letter as filed). */
export const APPLICATION_CATEGORIES: readonly string[] = ['application_copy', 'application_letter'];
/** The category of the authority's statement. */
export const STATEMENT_CATEGORY = 'authority_statement';
/** Documents that never go into a pack: the office's own letters and the receipt. */
export const NEVER_IN_PACK: readonly string[] = ['receipt', 'letter'];

export interface PackDocument {
  id: string;
  category: string;
  specialCategory: boolean;
  createdAt: Date;
}

export interface PackChoice {
  documentId: string;
  /** The office ticked it in the separate group of health and criminal-record documents. */
  specialIncluded: boolean;
}

/** What the office may choose from for a case's pack: every document but the application, statement and letters. */
export function selectableForPack<D extends PackDocument>(documents: readonly D[]): D[] {
  return documents.filter(
    (d) =>
      !APPLICATION_CATEGORIES.includes(d.category) &&
      d.category !== STATEMENT_CATEGORY &&
      !NEVER_IN_PACK.includes(d.category),
  );
}

/**
 * The parts of one case in the pack: the application, the statement(s), then the selected evidence,
 * each group oldest first. A special-category document goes in only when explicitly included — also
 * if it was filed as the application or the statement.
 */
export function packParts<D extends PackDocument>(
  documents: readonly D[],
  choices: readonly PackChoice[],
): { kind: PackPartKind; document: D }[] {
  const chosen = new Map(choices.map((c) => [c.documentId, c]));
  const allowed = (d: D) => !d.specialCategory || chosen.get(d.id)?.specialIncluded === true;
  const byAge = (a: D, b: D) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);
  const of = (kind: PackPartKind, list: D[]) =>
    list
      .filter(allowed)
      .sort(byAge)
      .map((document) => ({ kind, document }));
  return [
    ...of(
      'application',
      documents.filter((d) => APPLICATION_CATEGORIES.includes(d.category)),
    ),
    ...of(
      'statement',
      documents.filter((d) => d.category === STATEMENT_CATEGORY),
    ),
    ...of(
      'evidence',
      selectableForPack(documents).filter((d) => chosen.has(d.id)),
    ),
  ];
}

/**
 * The office's choice from a form: ticked ordinary documents and, separately, ticked special-category
 * ones; anything else (another case's document, a special one ticked in the ordinary group) is dropped.
 */
export function choicesFromForm(
  documents: readonly PackDocument[],
  ordinary: readonly string[],
  special: readonly string[],
): PackChoice[] {
  const selectable = selectableForPack(documents);
  const ordinaryIds = new Set(ordinary);
  const specialIds = new Set(special);
  return selectable
    .filter((d) => (d.specialCategory ? specialIds.has(d.id) : ordinaryIds.has(d.id)))
    .map((d) => ({ documentId: d.id, specialIncluded: d.specialCategory }));
}

/** A short excerpt of a text for the members' overview: whole words, at most `max` characters. */
export function excerpt(text: string, max = 400): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')} …`;
}
