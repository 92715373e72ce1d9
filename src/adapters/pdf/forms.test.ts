import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { FORM_COMMON } from './form-texts.ts';
import { renderDataConsent, renderMedicalRelease, renderPowerOfAttorney } from './forms.ts';
import { assertArchivalPdf, flat, haveTool, pdfText, tempDir } from './test-support.ts';
import type { PdfPerson, PdfRepresentative } from './types.ts';

const CREATED = { createdAt: new Date('2026-11-25T09:15:00Z') };

const adult: PdfPerson = {
  familyName: 'Nguyễn',
  givenNames: 'Văn Anh',
  birthDate: '1990-03',
  address: ['Königsallee 12', '40212 Düsseldorf'],
};
const child: PdfPerson = {
  familyName: 'Żółć',
  givenNames: 'Łukasz',
  birthDate: '12.03.2015',
  address: ['Königsallee 12', '40212 Düsseldorf'],
};
const representative: PdfRepresentative = {
  name: 'Rechtsanwältin Dr. Jana Öztürk',
  organisation: 'Kanzlei Öztürk und Partner',
  address: ['Graf-Adolf-Straße 5', '40210 Düsseldorf'],
};

function assertContains(text: string, expected: readonly string[]): void {
  for (const phrase of expected) assert.ok(text.includes(phrase), `missing in text: ${phrase}`);
}

describe('forms to print and sign', () => {
  const dir = tempDir('hfk-forms-');
  after(() => dir.cleanup());

  it('consent to data processing, pre-filled and marked as a draft', async (t) => {
    const started = performance.now();
    const pdf = await renderDataConsent(adult, CREATED);
    console.log(`data consent: ${(performance.now() - started).toFixed(1)} ms`);
    const file = dir.write('consent.pdf', pdf);
    assertArchivalPdf(t, file, 'Einwilligung in die Datenverarbeitung');
    if (!haveTool(t, 'pdftotext')) return;
    const text = flat(pdfText(file));
    assertContains(text, [
      'Einwilligung in die Datenverarbeitung',
      'Nguyễn',
      'Văn Anh',
      '03.1990',
      'Königsallee 12',
      '40212 Düsseldorf',
      'Gesundheitsdaten',
      'Art. 9 DSGVO',
      'Die Einwilligung ist freiwillig.',
      'jederzeit ohne Angabe von Gründen mit Wirkung für die Zukunft widerrufen',
      'Landesbeauftragten für Datenschutz und Informationsfreiheit Nordrhein-Westfalen',
      'Ort, Datum',
      'Unterschrift der betroffenen Person',
      FORM_COMMON.draftNotice,
      FORM_COMMON.caseNumberBlank,
    ]);
    const pages = text.match(/Seite \d+ von (\d+)/);
    assert.ok(pages, 'page numbers');
    assert.equal(
      text.split(FORM_COMMON.draftNotice).length - 1,
      Number(pages[1]),
      'draft notice on every page',
    );
  });

  it('power of attorney for all persons with one signature line each', async (t) => {
    const file = dir.write(
      'poa.pdf',
      await renderPowerOfAttorney([adult, child], representative, {
        ...CREATED,
        caseNumber: 'HFK-2026-00042',
      }),
    );
    assertArchivalPdf(t, file, 'Vollmacht für das Härtefallverfahren');
    if (!haveTool(t, 'pdftotext')) return;
    const text = flat(pdfText(file));
    assertContains(text, [
      'Vollmacht für das Härtefallverfahren',
      'HFK-2026-00042',
      'Nguyễn, Văn Anh',
      'Żółć, Łukasz',
      'Rechtsanwältin Dr. Jana Öztürk',
      'Kanzlei Öztürk und Partner',
      'Graf-Adolf-Straße 5',
      'vor der Härtefallkommission des Landes Nordrhein-Westfalen',
      'Mitteilungen und Schreiben der Geschäftsstelle und der Härtefallkommission',
      'Einsicht in die Verfahrensakte zu nehmen',
      'Sie kann jederzeit widerrufen werden.',
      'Unterschrift Nguyễn, Văn Anh',
      'Unterschrift Żółć, Łukasz',
      'Für minderjährige Personen unterschreibt die gesetzliche Vertretung.',
      FORM_COMMON.draftNotice,
    ]);
    assert.ok(!text.includes(FORM_COMMON.caseNumberBlank), 'known case number replaces the blank');
  });

  it('power of attorney needs at least one person', async () => {
    await assert.rejects(renderPowerOfAttorney([], representative, CREATED), /at least one person/);
  });

  it('release from medical confidentiality towards the named doctor', async (t) => {
    const file = dir.write(
      'release.pdf',
      await renderMedicalRelease(
        adult,
        {
          name: 'Dr. med. Inés Ñúñez',
          practice: 'Praxis für Psychiatrie und Psychotherapie',
          address: ['Berliner Allee 1', '40212 Düsseldorf'],
        },
        CREATED,
      ),
    );
    assertArchivalPdf(t, file, 'Entbindung von der ärztlichen Schweigepflicht');
    if (!haveTool(t, 'pdftotext')) return;
    const text = flat(pdfText(file));
    assertContains(text, [
      'Entbindung von der ärztlichen Schweigepflicht',
      'Schweigepflichtsentbindungserklärung für das Härtefallverfahren',
      'Dr. med. Inés Ñúñez',
      'Praxis für Psychiatrie und Psychotherapie',
      'Berliner Allee 1',
      'Nguyễn',
      'von der Schweigepflicht gegenüber der Geschäftsstelle der Härtefallkommission',
      'ausschließlich für die Durchführung des Härtefallverfahrens',
      'mit Wirkung für die Zukunft widerrufen',
      'Unterschrift der Patientin oder des Patienten',
      FORM_COMMON.draftNotice,
    ]);
  });

  it('a doctor without practice or address still gives a complete form', async (t) => {
    const file = dir.write(
      'release-minimal.pdf',
      await renderMedicalRelease(child, { name: 'Dr. Łucja Nowak' }, CREATED),
    );
    assertArchivalPdf(t, file, 'Entbindung von der ärztlichen Schweigepflicht');
    if (!haveTool(t, 'pdftotext')) return;
    const text = flat(pdfText(file));
    assertContains(text, ['Dr. Łucja Nowak', 'Żółć', '12.03.2015']);
    assert.ok(!text.includes('Praxis oder Einrichtung'));
  });

  it('forms are reproducible for a fixed creation date', async () => {
    const first = await renderDataConsent(child, CREATED);
    const second = await renderDataConsent(child, CREATED);
    assert.ok(first.equals(second));
  });
});
