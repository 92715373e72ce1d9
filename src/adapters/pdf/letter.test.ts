import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { currentTemplate } from '../../../content/letters/de.ts';
import { letterheadFor } from '../../../content/letters/letterhead.ts';
import { renderLetter } from './letter.ts';
import { assertArchivalPdf, flat, haveTool, pdfInfo, pdfText, tempDir } from './test-support.ts';

const createdAt = new Date('2026-12-01T09:00:00Z');

describe('letter PDF', () => {
  const dir = tempDir('hfk-letter-');
  after(() => dir.cleanup());

  it('is PDF/A with the letterhead, the addressee, case number, subject, text and page numbers', async (t) => {
    const template = currentTemplate('statement_request');
    const body = template.render({
      caseNumber: 'HFK-2026-00042',
      receivedOn: '20.11.2026',
      persons: [{ name: 'Zehra Ağaoğlu', birthDate: '1980', nationality: 'afghanisch' }],
      dueOn: '29.12.2026',
      portalLink: 'https://haertefall.example/behoerde',
    });
    const head = letterheadFor('nrw');
    const bytes = await renderLetter({
      sender: head,
      addressee: ['Ausländerbehörde Düsseldorf'],
      caseNumber: 'HFK-2026-00042',
      dateLine: 'Düsseldorf, 01.12.2026',
      subject: body.subject,
      salutation: body.salutation,
      blocks: body.blocks,
      templateNote: `Vorlage ${template.id}, Fassung ${template.version}.`,
      title: template.title,
      createdAt,
    });
    const file = dir.write('statement.pdf', bytes);
    assertArchivalPdf(t, file, `${template.title} HFK-2026-00042`);
    if (!haveTool(t, 'pdftotext') || !haveTool(t, 'pdfinfo')) return;
    const text = flat(pdfText(file));
    for (const phrase of [
      head.officeName,
      head.returnAddress,
      'Ausländerbehörde Düsseldorf',
      'Aktenzeichen (Az.) HFK-2026-00042',
      'Düsseldorf, 01.12.2026',
      'Härtefallverfahren nach § 23a AufenthG – Bitte um Stellungnahme',
      'Sehr geehrte Damen und Herren,',
      'Zehra Ağaoğlu, geboren 1980, Staatsangehörigkeit: afghanisch',
      'bis zum 29.12.2026',
      'Mit freundlichen Grüßen',
      `Fassung ${template.version}`,
      'Seite 1 von 1',
    ]) {
      assert.ok(text.includes(phrase), `missing in text: ${phrase}`);
    }
    const info = pdfInfo(file);
    assert.equal(info.Author, head.officeName);
    assert.ok(!info.Title?.includes('Ağaoğlu'), 'no names in the metadata');
  });

  it('numbers the pages of a long letter and repeats the case number on later pages', async (t) => {
    const template = currentTemplate('not_taken_up_applicant');
    const reasons = Array.from(
      { length: 40 },
      (_, i) => `Absatz ${i + 1} der Begründung. ${'Text '.repeat(40)}`,
    ).join('\n\n');
    const body = template.render({
      caseNumber: 'HFK-2026-00043',
      receivedOn: '20.11.2026',
      persons: [{ name: 'Emre Ağaoğlu' }],
      reasons,
    });
    const bytes = await renderLetter({
      sender: letterheadFor('nrw'),
      addressee: ['Emre Ağaoğlu', 'Königsallee 1', '40213 Düsseldorf'],
      caseNumber: 'HFK-2026-00043',
      dateLine: 'Düsseldorf, 01.12.2026',
      subject: body.subject,
      salutation: body.salutation,
      blocks: body.blocks,
      templateNote: `Vorlage ${template.id}, Fassung ${template.version}.`,
      title: template.title,
      createdAt,
    });
    const file = dir.write('long.pdf', bytes);
    if (!haveTool(t, 'pdfinfo') || !haveTool(t, 'pdftotext')) return;
    const pages = Number(pdfInfo(file).Pages);
    assert.ok(pages >= 2, `several pages: ${pages}`);
    const last = flat(pdfText(file, pages));
    assert.ok(last.includes(`Seite ${pages} von ${pages}`));
    assert.ok(last.includes('Az. HFK-2026-00043'), 'running header with the case number');
    assert.ok(flat(pdfText(file)).includes('Absatz 40 der Begründung.'));
  });
});
