/**
 * Letters of the procedure, run from the outbox: the step that causes a letter queues a
 * `letter.issue` job in its own transaction; the job writes the letter with the current version of
 * its template, renders it with the office's letterhead, stores it encrypted as a document of the
 * case and lists it with template, version, addressee and channel. Letters to the applicant side
 * are mailed as an attachment where an address is known, otherwise marked for print; letters to
 * the authority stay in the file for the portal (the notice mail without personal data points there).
 *
 * A rerun after a crash finds the stored letter and only sends the mail again (the Message-ID is the
 * job's key, so the receiver can tell).
 */
import { buffer } from 'node:stream/consumers';
import {
  currentTemplate,
  type LetterBody,
  type LetterPerson,
  type LetterTemplate,
  letterMail,
} from '../../content/letters/de.ts';
import type { Letterhead } from '../../content/letters/letterhead.ts';
import { formatPartialDate } from '../domain/application/index.ts';
import type { CaseEvent } from '../domain/case/index.ts';
import { isLetterKind, type LetterKind, lettersForEvents, routeLetter } from '../domain/letters/index.ts';
import { germanDate } from './drafts.ts';
import type {
  BlobStore,
  Clock,
  LetterFacts,
  LetterRecords,
  Mailer,
  Outbox,
  OutboxJob,
  Randomness,
} from './ports.ts';

export const LETTER_JOB_KIND = 'letter.issue';

/** What causes the letter: the case version of the step, or a request for documents. */
export type LetterCause = { version: number } | { requestId: string };

/** The outbox job of one letter; the key makes it one letter per case, kind and step. */
export function letterJob(kind: LetterKind, caseId: string, cause: LetterCause): OutboxJob {
  const ref = 'version' in cause ? `v${cause.version}` : `r${cause.requestId}`;
  return {
    kind: LETTER_JOB_KIND,
    payload: { caseId, letter: kind, ...cause },
    idempotencyKey: `letter:${kind}:${caseId}:${ref}`,
  };
}

/** Queues the letters a step's events cause, inside the step's transaction. */
export async function queueLettersForEvents(
  outbox: Outbox,
  caseId: string,
  events: readonly CaseEvent[],
  version: number,
): Promise<void> {
  for (const kind of lettersForEvents(events)) await outbox.enqueue(letterJob(kind, caseId, { version }));
}

/** What the PDF renderer needs; structural, so that the adapter needs nothing from here. */
export interface LetterRenderInput {
  sender: Letterhead;
  addressee: string[];
  caseNumber: string;
  dateLine: string;
  subject: string;
  salutation: string;
  blocks: LetterBody['blocks'];
  templateNote: string;
  title: string;
  createdAt: Date;
}

export interface LetterDeps {
  records: LetterRecords;
  blobs: BlobStore;
  mailer: Mailer;
  random: Randomness;
  clock: Clock;
  letterhead: Letterhead;
  publicUrl: string;
  render(input: LetterRenderInput): Promise<Buffer>;
  /** German adjective of a nationality code ('syrisch', 'staatenlos'). */
  nationalityName(code: string): string;
}

export interface LetterJobPayload {
  caseId: string;
  letter: string;
  version?: number;
  requestId?: string;
}

type Composed = { template: LetterTemplate; body: LetterBody } | null;

const CHANNEL_NAMES: Record<string, string> = {
  online: 'Online-Antrag',
  post: 'Post',
  fax: 'Telefax',
  email: 'E-Mail',
  de_mail: 'De-Mail',
};

const isoToGerman = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

/** The letter's fields from the facts; null when what it needs is gone (e.g. the request was deleted). */
async function compose(
  kind: LetterKind,
  facts: LetterFacts,
  payload: LetterJobPayload,
  deps: LetterDeps,
  caseId: string,
): Promise<Composed> {
  const portalLink = `${deps.publicUrl.replace(/\/$/, '')}/behoerde`;
  const named: LetterPerson[] = facts.persons.map((p) => ({ name: `${p.givenNames} ${p.familyName}` }));
  const identified: LetterPerson[] = facts.persons.map((p) => ({
    name: `${p.givenNames} ${p.familyName}`,
    birthDate: formatPartialDate(p.birthDate),
    nationality: deps.nationalityName(p.nationalityCode),
  }));
  const base = { caseNumber: facts.caseNumber, receivedOn: germanDate(facts.receivedAt) };
  const event = (type: string) =>
    payload.version !== undefined
      ? facts.history.find((h) => h.version === payload.version && h.eventType === type)
      : undefined;
  /** The latest event of a type up to the step that causes the letter. */
  const latest = (type: string) =>
    [...facts.history]
      .reverse()
      .find((h) => h.eventType === type && (payload.version === undefined || h.version <= payload.version));
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  /** The day of the session that decided: from the scheduling for that session, else the day recorded. */
  const sessionDay = (decided: { at: Date; data: Record<string, unknown> } | undefined) => {
    if (!decided) return null;
    const scheduled = [...facts.history]
      .reverse()
      .find((h) => h.eventType === 'ScheduledForSession' && h.data.sessionId === decided.data.sessionId);
    const date = text(scheduled?.data.sessionDate);
    return germanDate(date ? new Date(date) : decided.at);
  };
  const make = <K extends Exclude<LetterKind, 'receipt'>>(
    k: K,
    fields: Parameters<LetterTemplate<K>['render']>[0],
  ): Composed => {
    const template = currentTemplate(k);
    return { template: template as unknown as LetterTemplate, body: template.render(fields) };
  };
  switch (kind) {
    case 'receipt':
      return null;
    case 'authority_new_application':
      return make(kind, {
        ...base,
        persons: identified,
        channel: CHANNEL_NAMES[facts.channel] ?? facts.channel,
      });
    case 'not_taken_up_applicant': {
      const e = event('NotTakenUp');
      return e ? make(kind, { ...base, persons: named, reasons: text(e.data.reasons) }) : null;
    }
    case 'not_taken_up_authority':
      return event('NotTakenUp') ? make(kind, { ...base, persons: identified }) : null;
    case 'statement_request': {
      const e = event('StatementRequested');
      const dueAt = text(e?.data.dueAt);
      return e && dueAt
        ? make(kind, { ...base, persons: identified, dueOn: germanDate(new Date(dueAt)), portalLink })
        : null;
    }
    case 'document_request': {
      const request = payload.requestId
        ? await deps.records.documentRequest(caseId, payload.requestId)
        : null;
      return request
        ? make(kind, {
            ...base,
            persons: named,
            dueOn: isoToGerman(request.dueOn),
            requestText: request.text,
          })
        : null;
    }
    case 'hardship_request': {
      if (!event('RequestSent')) return null;
      const decided = latest('HardshipRequestDecided');
      return make(kind, {
        ...base,
        persons: identified,
        decidedOn: sessionDay(decided),
        reasons: text(decided?.data.reasons),
        portalLink,
      });
    }
    case 'no_request_authority': {
      const decided = event('NoRequestDecided');
      if (!decided) return null;
      const recommendation = decided.data.recommendation as { text?: unknown } | undefined;
      return make(kind, {
        ...base,
        persons: identified,
        decidedOn: sessionDay(decided),
        recommendation: text(recommendation?.text) || null,
      });
    }
    case 'closing_notice': {
      if (!event('Closed')) return null;
      const sent = latest('RequestSent');
      const noRequest = latest('NoRequestDecided');
      const requestSent = sent !== undefined && (noRequest === undefined || noRequest.version < sent.version);
      return make(kind, {
        ...base,
        persons: named,
        outcome: requestSent ? 'request_sent' : 'no_request',
        authorityName: facts.authority?.name ?? null,
      });
    }
  }
}

function addressLines(address: LetterFacts['persons'][number]['address']): string[] {
  if (!address) return [];
  const street = [address.street, address.houseNumber].filter(Boolean).join(' ');
  const place = [address.postalCode, address.place].filter(Boolean).join(' ');
  return [address.careOf ? `c/o ${address.careOf}` : '', street, place].filter(Boolean);
}

function addresseeLines(
  addressee: 'applicant' | 'representative' | 'authority',
  facts: LetterFacts,
): string[] | null {
  if (addressee === 'authority') return facts.authority ? [facts.authority.name] : null;
  if (addressee === 'representative' && facts.representative) {
    const rep = facts.representative;
    return [...(rep.organisation ? [rep.organisation] : []), rep.name, ...rep.address];
  }
  const main = facts.persons[0];
  if (!main) return null;
  return [`${main.givenNames} ${main.familyName}`, ...addressLines(main.address)];
}

/** Issues one letter; throws on a transient failure so that the outbox retries. */
export async function issueLetter(
  deps: LetterDeps,
  payload: LetterJobPayload,
  idempotencyKey: string,
): Promise<'sent' | 'stored' | 'skipped' | 'no_case'> {
  if (!isLetterKind(payload.letter) || payload.letter === 'receipt') return 'skipped';
  const kind = payload.letter;
  const facts = await deps.records.load(payload.caseId);
  if (!facts) return 'no_case';
  let stored = await deps.records.find(idempotencyKey);
  let title: string;
  let pdf: Buffer;
  if (stored) {
    pdf = await buffer(await deps.blobs.get(stored.blobKey));
    title = currentTemplate(kind).title;
  } else {
    const route = routeLetter(kind, {
      hasRepresentative: facts.representative !== null,
      email: facts.emails[0] ?? null,
    });
    const addressee = addresseeLines(route.addressee, facts);
    // No authority known (a paper application without an address): there is nobody to write to.
    if (!addressee) return 'skipped';
    const composed = await compose(kind, facts, payload, deps, payload.caseId);
    if (!composed) return 'skipped';
    const { template, body } = composed;
    title = template.title;
    const now = deps.clock.now();
    pdf = await deps.render({
      sender: deps.letterhead,
      addressee,
      caseNumber: facts.caseNumber,
      dateLine: `${deps.letterhead.place}, ${germanDate(now)}`,
      subject: body.subject,
      salutation: body.salutation,
      blocks: body.blocks,
      templateNote: `Vorlage ${template.id}, Fassung ${template.version}.`,
      title: template.title,
      createdAt: now,
    });
    const blob = await deps.blobs.put(pdf);
    stored = {
      id: deps.random.uuid(),
      documentId: deps.random.uuid(),
      blobKey: blob.key,
      templateId: template.id,
      templateVersion: template.version,
      addressee: route.addressee,
      channel: route.channel,
    };
    await deps.records.record(payload.caseId, {
      ...stored,
      sha256: blob.sha256,
      size: blob.size,
      fileName: `${template.fileName}-${facts.caseNumber}.pdf`,
      idempotencyKey,
    });
  }
  if (stored.channel !== 'mail' || facts.emails.length === 0) return 'stored';
  await deps.mailer.send({
    to: facts.emails,
    ...letterMail({ caseNumber: facts.caseNumber, title }),
    attachments: [
      {
        filename: `${currentTemplate(kind).fileName}-${facts.caseNumber}.pdf`,
        contentType: 'application/pdf',
        content: pdf,
      },
    ],
    idempotencyKey,
  });
  return 'sent';
}
