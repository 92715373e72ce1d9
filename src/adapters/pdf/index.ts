export type {
  CellLine,
  PdfDocumentBuilder,
  PdfDocumentOptions,
  SignatureField,
  TableCell,
  TableColumn,
  TableOptions,
} from './document.ts';
export { createPdfDocument, OFFICE_NAME, PDFA_CONFORMANCE } from './document.ts';
export type { FormSection, FormText } from './form-texts.ts';
export { DATA_CONSENT, FORM_COMMON, MEDICAL_RELEASE, POWER_OF_ATTORNEY } from './form-texts.ts';
export type { FormOptions } from './forms.ts';
export { renderDataConsent, renderMedicalRelease, renderPowerOfAttorney } from './forms.ts';
export { imagePdfBuilder, imagesToPdf } from './images-to-pdf.ts';
export type { LetterPdf, LetterPdfBlock, LetterSender } from './letter.ts';
export { renderLetter } from './letter.ts';
export type { MinutesBlock, MinutesPdf } from './minutes.ts';
export { renderMinutes } from './minutes.ts';
export type { ReceiptData, ReceiptDocument } from './receipt.ts';
export { renderReceipt } from './receipt.ts';
export type { ReceiptChannel } from './receipt-texts.ts';
export { DEFAULT_RECEIPT_NOTES, RECEIPT_TEXTS } from './receipt-texts.ts';
export type { SectionBlock, SectionedDocument } from './sectioned.ts';
export { renderSectionedDocument } from './sectioned.ts';
export { formatBirthDate, formatDateTimeBerlin, formatFileSize, formatPersonName } from './text.ts';
export type { PdfDoctor, PdfPerson, PdfRepresentative } from './types.ts';
