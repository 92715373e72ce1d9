/**
 * The receipt (Eingangsbestätigung): case number, time of receipt, persons, representative and
 * every document with its SHA-256, followed by the notes on the procedure.
 */
import { createPdfDocument } from './document.ts';
import { DEFAULT_RECEIPT_NOTES, RECEIPT_TEXTS, type ReceiptChannel } from './receipt-texts.ts';
import {
  formatBirthDate,
  formatDateTimeBerlin,
  formatFileSize,
  formatPersonName,
  normalizeSha256,
} from './text.ts';
import type { PdfPerson, PdfRepresentative } from './types.ts';

export interface ReceiptDocument {
  fileName: string;
  /** German label of the evidence category, e.g. 'Ärztlicher Befund'. */
  category: string;
  sizeBytes: number;
  /** Hex digest of the stored plaintext. */
  sha256: string;
}

export interface ReceiptData {
  caseNumber: string;
  receivedAt: Date;
  channel: ReceiptChannel;
  persons: readonly PdfPerson[];
  representative?: PdfRepresentative;
  documents: readonly ReceiptDocument[];
  /** Notes on the procedure; defaults to `DEFAULT_RECEIPT_NOTES`. */
  notes?: readonly string[];
  /** Written into the PDF as its creation date; defaults to `receivedAt` so a re-rendered receipt is byte-identical. */
  issuedAt?: Date;
}

// async so that invalid input rejects the promise instead of throwing synchronously.
export async function renderReceipt(data: ReceiptData): Promise<Buffer> {
  const t = RECEIPT_TEXTS;
  // Checked before any drawing, so a wrong digest fails loudly instead of being filed.
  const documents = data.documents.map((document) => ({
    ...document,
    sha256: normalizeSha256(document.sha256),
  }));

  const pdf = createPdfDocument({
    // The case number identifies the letter in a viewer's title bar; names stay out of metadata.
    title: `${t.documentTitle} ${data.caseNumber}`,
    subject: t.subject,
    createdAt: data.issuedAt ?? data.receivedAt,
    runningHeader: `${t.documentTitle} · ${t.labels.caseNumber} ${data.caseNumber}`,
  });

  pdf.heading(1, t.heading);
  pdf.paragraph(t.intro);
  pdf.definitions([
    [t.labels.caseNumber, [{ text: data.caseNumber, style: 'bold' }]],
    [t.labels.receivedAt, formatDateTimeBerlin(data.receivedAt)],
    [t.labels.channel, t.channels[data.channel]],
  ]);

  pdf.heading(2, t.persons);
  pdf.table(
    [
      { header: t.labels.name, width: 45 },
      { header: t.labels.birthDate, width: 20 },
      { header: t.labels.nationality, width: 35 },
    ],
    data.persons.map((person) => [
      formatPersonName(person),
      formatBirthDate(person.birthDate) || t.unknown,
      person.nationality?.trim() || t.unknown,
    ]),
    { rowHeaders: true },
  );

  if (data.representative) {
    const rep = data.representative;
    pdf.heading(2, t.representative);
    pdf.definitions([
      [t.labels.name, rep.name],
      ...(rep.organisation ? [[t.labels.organisation, rep.organisation] as const] : []),
      [t.labels.address, rep.address.map((line) => ({ text: line }))],
    ]);
  }

  pdf.heading(2, `${t.documents} (${documents.length})`);
  if (documents.length === 0) {
    pdf.paragraph(t.noDocuments);
  } else {
    pdf.paragraph(t.documentsIntro, 'small');
    pdf.table(
      [
        // One wide column holds name, category and checksum: a separate category column would be
        // too narrow for German compounds ('Unterstützungsschreiben') without hyphenation, and the
        // width keeps even the widest SHA-256 on one line.
        { header: t.labels.number, width: 5 },
        { header: t.labels.file, width: 83 },
        { header: t.labels.size, width: 12, align: 'right' },
      ],
      documents.map((document, index) => [
        `${index + 1}`,
        [
          { text: document.fileName },
          { text: `${t.labels.category}: ${document.category}`, style: 'small' },
          { text: `${t.labels.sha256}: ${document.sha256}`, style: 'code' },
        ],
        formatFileSize(document.sizeBytes),
      ]),
    );
  }

  const notes = data.notes ?? DEFAULT_RECEIPT_NOTES;
  if (notes.length > 0) {
    pdf.heading(2, t.notes);
    pdf.list(notes);
  }
  return pdf.finish();
}
