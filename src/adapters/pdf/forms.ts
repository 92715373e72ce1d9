/**
 * The three forms the applicant prints, signs and uploads: consent to data processing, power of
 * attorney and release from medical confidentiality, pre-filled from the answers. Wording lives in
 * `form-texts.ts`; this module only lays it out.
 */
import { type CellLine, createPdfDocument, type PdfDocumentBuilder } from './document.ts';
import {
  DATA_CONSENT,
  FORM_COMMON,
  type FormText,
  MEDICAL_RELEASE,
  POWER_OF_ATTORNEY,
} from './form-texts.ts';
import { formatBirthDate, formatPersonName } from './text.ts';
import type { PdfDoctor, PdfPerson, PdfRepresentative } from './types.ts';

export interface FormOptions {
  /** Creation date of the PDF; defaults to now. Pass a fixed date for reproducible output. */
  createdAt?: Date;
  /** Printed if the case already has a number (forms sent later); otherwise a blank to fill in. */
  caseNumber?: string;
}

const lines = (address: readonly string[] | undefined): CellLine[] =>
  (address ?? []).filter((line) => line.trim()).map((text) => ({ text }));

function startForm(text: FormText, options: FormOptions): PdfDocumentBuilder {
  const pdf = createPdfDocument({
    title: text.title,
    subject: text.subject,
    createdAt: options.createdAt ?? new Date(),
    runningHeader: text.title,
    footerNote: FORM_COMMON.draftNotice,
  });
  pdf.heading(1, text.title);
  pdf.paragraph(text.intro);
  pdf.definitions([[FORM_COMMON.caseNumber, options.caseNumber?.trim() || FORM_COMMON.caseNumberBlank]]);
  return pdf;
}

function sections(pdf: PdfDocumentBuilder, text: FormText): void {
  for (const section of text.sections) {
    pdf.heading(2, section.heading);
    for (const paragraph of section.paragraphs ?? []) pdf.paragraph(paragraph);
    if (section.items && section.items.length > 0) pdf.list(section.items);
  }
}

function personDefinitions(pdf: PdfDocumentBuilder, person: PdfPerson): void {
  pdf.definitions([
    [FORM_COMMON.familyName, person.familyName],
    [FORM_COMMON.givenNames, person.givenNames],
    [FORM_COMMON.birthDate, formatBirthDate(person.birthDate)],
    [FORM_COMMON.address, lines(person.address)],
  ]);
}

const placeAndSignature = (signatureLabel: string) => [
  { label: FORM_COMMON.placeDate, width: 4 },
  { label: signatureLabel, width: 6 },
];

/** Einwilligung in die Datenverarbeitung, one per person. */
export async function renderDataConsent(person: PdfPerson, options: FormOptions = {}): Promise<Buffer> {
  const pdf = startForm(DATA_CONSENT, options);
  pdf.heading(2, DATA_CONSENT.personHeading);
  personDefinitions(pdf, person);
  sections(pdf, DATA_CONSENT);
  pdf.space(12);
  pdf.signatureLine(placeAndSignature(DATA_CONSENT.signature));
  return pdf.finish();
}

/** Vertretungsvollmacht of all persons of the application for one representative. */
export async function renderPowerOfAttorney(
  persons: readonly PdfPerson[],
  representative: PdfRepresentative,
  options: FormOptions = {},
): Promise<Buffer> {
  if (persons.length === 0) throw new Error('A power of attorney needs at least one person');
  const t = POWER_OF_ATTORNEY;
  const pdf = startForm(t, options);
  pdf.heading(2, t.personsHeading);
  pdf.table(
    [
      { header: FORM_COMMON.name, width: 38 },
      { header: FORM_COMMON.birthDate, width: 18 },
      { header: FORM_COMMON.address, width: 44 },
    ],
    persons.map((person) => [
      formatPersonName(person),
      formatBirthDate(person.birthDate),
      lines(person.address),
    ]),
    { rowHeaders: true },
  );
  pdf.heading(2, t.representativeHeading);
  pdf.definitions([
    [FORM_COMMON.name, representative.name],
    ...(representative.organisation
      ? [[FORM_COMMON.organisation, representative.organisation] as const]
      : []),
    [FORM_COMMON.address, lines(representative.address)],
  ]);
  sections(pdf, t);
  pdf.heading(2, t.signaturesHeading);
  pdf.paragraph(t.minorHint, 'small');
  pdf.space(4);
  for (const person of persons) {
    pdf.signatureLine(placeAndSignature(`${t.signatureFor} ${formatPersonName(person)}`));
  }
  return pdf.finish();
}

/** Schweigepflichtsentbindungserklärung of one person towards one doctor. */
export async function renderMedicalRelease(
  person: PdfPerson,
  doctor: PdfDoctor,
  options: FormOptions = {},
): Promise<Buffer> {
  const t = MEDICAL_RELEASE;
  const pdf = startForm(t, options);
  pdf.heading(2, t.personHeading);
  personDefinitions(pdf, person);
  pdf.heading(2, t.doctorHeading);
  pdf.definitions([
    [t.doctorLabels.name, doctor.name],
    ...(doctor.practice ? [[t.doctorLabels.practice, doctor.practice] as const] : []),
    [t.doctorLabels.address, lines(doctor.address)],
  ]);
  sections(pdf, t);
  pdf.space(12);
  pdf.signatureLine(placeAndSignature(t.signature));
  return pdf.finish();
}
