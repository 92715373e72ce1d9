/**
 * The letters of the procedure: which kinds exist, to whom each goes and which step causes it.
 * Pure data and rules; the wording is in `content/letters/`, the rendering in the PDF adapter.
 */
import type { CaseEvent, CaseState } from '../case/index.ts';

export const LETTER_KINDS = [
  'receipt',
  'authority_new_application',
  'not_taken_up_applicant',
  'not_taken_up_authority',
  'statement_request',
  'document_request',
  'hardship_request',
  'no_request_authority',
  'closing_notice',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** Who a letter is written to: the applicant side (the representative, where there is one) or the authority. */
export type LetterSide = 'applicant' | 'authority';
export type AddresseeKind = 'applicant' | 'representative' | 'authority';

/** How the letter leaves: attached to a mail, kept for the authority portal, or printed and posted by the office. */
export const LETTER_CHANNELS = ['mail', 'portal', 'print'] as const;
export type LetterChannel = (typeof LETTER_CHANNELS)[number];

export const LETTER_SIDE: Record<LetterKind, LetterSide> = {
  receipt: 'applicant',
  authority_new_application: 'authority',
  not_taken_up_applicant: 'applicant',
  not_taken_up_authority: 'authority',
  statement_request: 'authority',
  document_request: 'applicant',
  hardship_request: 'authority',
  no_request_authority: 'authority',
  closing_notice: 'applicant',
};

export function isLetterKind(value: string): value is LetterKind {
  return (LETTER_KINDS as readonly string[]).includes(value);
}

/** The letters a step's events cause (the receipt and the request for documents have their own triggers). */
export function lettersForEvents(events: readonly Pick<CaseEvent, 'type'>[]): LetterKind[] {
  const kinds: LetterKind[] = [];
  for (const event of events) {
    if (event.type === 'Received') kinds.push('authority_new_application');
    else if (event.type === 'StatementRequested') kinds.push('statement_request');
    else if (event.type === 'NotTakenUp') kinds.push('not_taken_up_applicant', 'not_taken_up_authority');
    else if (event.type === 'RequestSent') kinds.push('hardship_request');
    else if (event.type === 'NoRequestDecided') kinds.push('no_request_authority');
    else if (event.type === 'Closed') kinds.push('closing_notice');
  }
  return kinds;
}

/**
 * What a newly responsible authority is sent when the office changes the authority of a case: the
 * letter of the step it now has to act on, written from that step's event — the statement request
 * while a statement is awaited, the hardship request once it has been sent — otherwise the notice of
 * the application. Earlier letters stay in the case file and show in its portal.
 */
export function letterOnAuthorityChange(state: CaseState): {
  kind: 'authority_new_application' | 'statement_request' | 'hardship_request';
  event: string;
} {
  if (state === 'statement_requested') return { kind: 'statement_request', event: 'StatementRequested' };
  if (state === 'request_sent' || state === 'authority_feedback')
    return { kind: 'hardship_request', event: 'RequestSent' };
  return { kind: 'authority_new_application', event: 'Received' };
}

/**
 * The addressee and channel of a letter. Authority letters carry personal data and so never travel
 * by mail: they are kept for the authority portal (the notice mail without personal data points
 * there). Letters to the applicant side go to the representative where there is one, attached to a
 * mail where an address is known, otherwise printed and posted.
 */
export function routeLetter(
  kind: LetterKind,
  contacts: { hasRepresentative: boolean; email: string | null },
): { addressee: AddresseeKind; channel: LetterChannel } {
  if (LETTER_SIDE[kind] === 'authority') return { addressee: 'authority', channel: 'portal' };
  return {
    addressee: contacts.hasRepresentative ? 'representative' : 'applicant',
    channel: contacts.email ? 'mail' : 'print',
  };
}
