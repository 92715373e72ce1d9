/**
 * Issuing the receipt (Eingangsbestätigung) of a filed application, run from the outbox: render the
 * PDF once, store it encrypted as a document of the case, and mail it where an address is known.
 * A rerun after a crash finds the stored receipt and only sends the mail again (the Message-ID is
 * the job's key, so the receiver can tell).
 */
import { buffer } from 'node:stream/consumers';
import { RECEIPT_TEMPLATE } from '../../content/letters/de.ts';
import { receiptMail } from '../../content/mails/de.ts';
import type { Application } from '../domain/application/index.ts';
import { type ApplicationCopy, applicationCopy } from './application-copy.ts';
import { germanDate } from './drafts.ts';
import type { BlobStore, Mailer, Randomness, ReceiptFacts, ReceiptRecords } from './ports.ts';

/** What the PDF renderer needs; kept structural so the adapter needs nothing from here. */
export interface ReceiptInput {
  caseNumber: string;
  receivedAt: Date;
  channel: 'online' | 'post' | 'fax' | 'email' | 'de-mail';
  persons: {
    familyName: string;
    givenNames: string;
    birthDate: string;
    nationality?: string;
    address?: string[];
  }[];
  representative?: { name: string; organisation?: string; address: string[] };
  documents: { fileName: string; category: string; sizeBytes: number; sha256: string }[];
}

export interface ReceiptDeps {
  records: ReceiptRecords;
  blobs: BlobStore;
  mailer: Mailer;
  random: Randomness;
  render(input: ReceiptInput): Promise<Buffer>;
  renderCopy(copy: ApplicationCopy): Promise<Buffer>;
  /** German name of a nationality code ('staatenlos', 'syrisch', …). */
  nationalityName(code: string): string;
  /** German label of an evidence category. */
  categoryTitle(category: string): string;
}

function addressLines(a: {
  careOf: string | null;
  street: string;
  houseNumber: string | null;
  postalCode: string;
  place: string;
}) {
  return [
    ...(a.careOf ? [`c/o ${a.careOf}`] : []),
    [a.street, a.houseNumber].filter(Boolean).join(' '),
    `${a.postalCode} ${a.place}`,
  ];
}

/** The receipt's content from the filed facts. */
export function receiptInput(
  facts: ReceiptFacts,
  deps: Pick<ReceiptDeps, 'nationalityName' | 'categoryTitle'>,
): ReceiptInput {
  const documents = facts.documents.map((d) => ({
    fileName: d.fileName,
    category: deps.categoryTitle(d.category),
    sizeBytes: d.size,
    sha256: d.sha256,
  }));
  if (facts.application === null) {
    // On paper: the persons as the office registered them, the scanned documents filed so far.
    return {
      caseNumber: facts.caseNumber,
      receivedAt: facts.receivedAt,
      channel: facts.channel === 'de_mail' ? 'de-mail' : facts.channel,
      persons: facts.registeredPersons.map((p) => ({
        familyName: p.familyName,
        givenNames: p.givenNames,
        birthDate: p.birthDate,
        nationality: deps.nationalityName(p.nationalityCode),
        ...(p.address ? { address: addressLines(p.address) } : {}),
      })),
      documents,
    };
  }
  const app = facts.application as Application;
  const rep = app.representative;
  return {
    caseNumber: facts.caseNumber,
    receivedAt: facts.receivedAt,
    channel: facts.channel === 'de_mail' ? 'de-mail' : facts.channel,
    persons: app.persons.map((p) => ({
      familyName: p.familyName,
      givenNames: p.givenNames,
      birthDate: p.birthDate,
      nationality: deps.nationalityName(p.nationality),
      address: addressLines(p.address),
    })),
    ...(rep.kind === 'none'
      ? {}
      : {
          representative:
            rep.kind === 'person'
              ? { name: `${rep.givenNames} ${rep.familyName}`, address: addressLines(rep.address) }
              : {
                  name: rep.contactPerson,
                  organisation: rep.organisationName,
                  address: addressLines(rep.address),
                },
        }),
    documents,
  };
}

/** Issues the receipt of one case; throws on a transient failure so that the outbox retries. */
export async function issueReceipt(
  deps: ReceiptDeps,
  caseId: string,
  idempotencyKey: string,
): Promise<'sent' | 'stored' | 'no_case'> {
  const facts = await deps.records.load(caseId);
  if (!facts) return 'no_case';
  let pdf: Buffer;
  if (facts.receipt) {
    pdf = await buffer(await deps.blobs.get(facts.receipt.blobKey));
  } else {
    pdf = await deps.render(receiptInput(facts, deps));
    // The complete application as a PDF exists only for an online one; on paper the scan is the application.
    const copy =
      facts.application === null
        ? null
        : await deps.renderCopy(
            applicationCopy(
              facts.application as Application,
              {
                caseNumber: facts.caseNumber,
                receivedAt: facts.receivedAt,
                receivedText: germanDateTime(facts.receivedAt),
              },
              deps.nationalityName,
            ),
          );
    const doc = (stored: { key: string; sha256: string; size: number }) => ({
      id: deps.random.uuid(),
      blobKey: stored.key,
      sha256: stored.sha256,
      size: stored.size,
    });
    const receipt = doc(await deps.blobs.put(pdf));
    const applicationCopyDoc = copy ? doc(await deps.blobs.put(copy)) : null;
    const represented =
      facts.application !== null && (facts.application as Application).representative.kind !== 'none';
    await deps.records.record(
      caseId,
      { receipt, applicationCopy: applicationCopyDoc },
      {
        id: deps.random.uuid(),
        templateId: RECEIPT_TEMPLATE.id,
        templateVersion: RECEIPT_TEMPLATE.version,
        addressee: represented ? 'representative' : 'applicant',
        channel: facts.recipients.length > 0 ? 'mail' : 'print',
        idempotencyKey,
      },
    );
  }
  if (facts.recipients.length === 0) return 'stored';
  const mail = receiptMail({ caseNumber: facts.caseNumber, receivedAt: germanDate(facts.receivedAt) });
  await deps.mailer.send({
    to: facts.recipients,
    ...mail,
    attachments: [
      {
        filename: `Eingangsbestaetigung-${facts.caseNumber}.pdf`,
        contentType: 'application/pdf',
        content: pdf,
      },
    ],
    idempotencyKey,
  });
  return 'sent';
}

/** Date and time in Berlin, e.g. "01.12.2026, 14:05 Uhr". */
export function germanDateTime(at: Date): string {
  const text = new Intl.DateTimeFormat('de-DE', {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
  return `${text} Uhr`;
}
