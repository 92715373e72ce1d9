/**
 * The minutes of a session as tagged PDF/A: the letterhead, a heading (and, for a draft, a mark on
 * top), then headed sections of label/value pairs, tables and paragraphs. Every word comes from the
 * caller (application/session-minutes.ts with content/messages/sessions).
 */
import { createPdfDocument, type TableColumn } from './document.ts';

export type MinutesBlock =
  | { kind: 'definitions'; pairs: readonly (readonly [string, string])[] }
  | { kind: 'table'; columns: readonly TableColumn[]; rows: readonly (readonly string[])[] }
  | { kind: 'paragraph'; text: string; style?: 'normal' | 'small' | 'bold' }
  | { kind: 'heading'; text: string };

export interface MinutesPdf {
  /** Metadata title: the kind of document and the date, never a name. */
  title: string;
  subject: string;
  createdAt: Date;
  officeName: string;
  letterheadLines: readonly string[];
  runningHeader: string;
  footerNote: string;
  heading: string;
  /** A line above the heading, e.g. the draft mark. */
  mark?: string;
  sections: readonly { heading: string; blocks: readonly MinutesBlock[] }[];
}

export async function renderMinutes(doc: MinutesPdf): Promise<Buffer> {
  const pdf = createPdfDocument({
    title: doc.title,
    subject: doc.subject,
    createdAt: doc.createdAt,
    officeName: doc.officeName,
    letterheadLines: doc.letterheadLines,
    runningHeader: doc.runningHeader,
    footerNote: doc.footerNote,
  });
  if (doc.mark) pdf.paragraph(doc.mark, 'bold');
  pdf.heading(1, doc.heading);
  for (const section of doc.sections) {
    pdf.heading(2, section.heading);
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'definitions':
          pdf.definitions(block.pairs.map(([k, v]) => [k, v || '–'] as const));
          break;
        case 'table':
          pdf.table(
            block.columns,
            block.rows.map((row) => row.map((cell) => cell || '–')),
            { rowHeaders: true },
          );
          break;
        case 'heading':
          pdf.heading(3, block.text);
          break;
        case 'paragraph':
          for (const part of block.text.split(/\n{2,}/)) pdf.paragraph(part.trim() || '–', block.style);
      }
    }
  }
  return pdf.finish();
}
