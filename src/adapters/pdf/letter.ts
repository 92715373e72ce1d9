/**
 * A letter of the office as tagged PDF/A: the letterhead from content, the sender line and the
 * addressee, case number and date, the subject, the text and the closing; page numbers and the
 * footer on every page. Every word comes from the caller (the templates in content/letters).
 */
import { createPdfDocument } from './document.ts';

export interface LetterSender {
  officeName: string;
  lines: readonly string[];
  contact: readonly string[];
  returnAddress: string;
  signature: readonly string[];
  footer: string;
}

export type LetterPdfBlock = { kind: 'paragraph'; text: string } | { kind: 'list'; items: readonly string[] };

export interface LetterPdf {
  sender: LetterSender;
  /** Name and postal address of the addressee, one line each. */
  addressee: readonly string[];
  caseNumber: string;
  /** 'Düsseldorf, 01.12.2026' */
  dateLine: string;
  subject: string;
  salutation: string;
  blocks: readonly LetterPdfBlock[];
  /** Names the template and version in the footer, e.g. 'Vorlage statement_request, Fassung 2026-12-01'. */
  templateNote: string;
  /** Title in the metadata: the kind of letter, never a name (metadata travels further than content). */
  title: string;
  createdAt: Date;
}

// async so that invalid input rejects the promise instead of throwing synchronously.
export async function renderLetter(letter: LetterPdf): Promise<Buffer> {
  const pdf = createPdfDocument({
    title: `${letter.title} ${letter.caseNumber}`,
    subject: letter.title,
    createdAt: letter.createdAt,
    officeName: letter.sender.officeName,
    letterheadLines: [...letter.sender.lines, ...letter.sender.contact],
    runningHeader: `${letter.title} · Az. ${letter.caseNumber}`,
    footerNote: `${letter.sender.footer} ${letter.templateNote}`,
  });
  pdf.lines([letter.sender.returnAddress], 'small');
  pdf.lines(letter.addressee);
  pdf.space(6);
  pdf.definitions([
    ['Aktenzeichen (Az.)', [{ text: letter.caseNumber, style: 'bold' }]],
    ['Datum', letter.dateLine],
  ]);
  pdf.heading(2, letter.subject);
  pdf.paragraph(letter.salutation);
  for (const block of letter.blocks) {
    if (block.kind === 'list') pdf.list(block.items.length > 0 ? block.items : ['–']);
    else pdf.paragraph(block.text);
  }
  pdf.space(4);
  pdf.lines(letter.sender.signature);
  return pdf.finish();
}
