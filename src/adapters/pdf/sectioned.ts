/**
 * A document of headed sections — label/value pairs and paragraphs — for filed copies such as the
 * application copy. The caller decides every word; this module only lays it out as tagged PDF/A.
 */
import { createPdfDocument } from './document.ts';

export type SectionBlock =
  | { kind: 'definitions'; pairs: readonly (readonly [string, string])[] }
  | { kind: 'paragraphs'; heading?: string; text: string }
  | { kind: 'list'; items: readonly string[] };

export interface SectionedDocument {
  title: string;
  subject: string;
  createdAt: Date;
  runningHeader: string;
  heading: string;
  intro?: string;
  sections: readonly { heading: string; blocks: readonly SectionBlock[] }[];
}

export async function renderSectionedDocument(doc: SectionedDocument): Promise<Buffer> {
  const pdf = createPdfDocument({
    title: doc.title,
    subject: doc.subject,
    createdAt: doc.createdAt,
    runningHeader: doc.runningHeader,
  });
  pdf.heading(1, doc.heading);
  if (doc.intro) pdf.paragraph(doc.intro);
  for (const section of doc.sections) {
    pdf.heading(2, section.heading);
    for (const block of section.blocks) {
      if (block.kind === 'definitions') pdf.definitions(block.pairs.map(([k, v]) => [k, v || '–'] as const));
      else if (block.kind === 'list') pdf.list(block.items.length > 0 ? block.items : ['–']);
      else {
        if (block.heading) pdf.heading(3, block.heading);
        for (const paragraph of block.text.split(/\n{2,}/)) pdf.paragraph(paragraph.trim() || '–');
      }
    }
  }
  return pdf.finish();
}
