export { contentDispositionAttachment, safeFileName } from '../../domain/evidence/file-name.ts';
export {
  DEFAULT_UPLOAD_LIMITS,
  type InspectionFlag,
  type InspectionResult,
  inspectUpload,
  type RefusalCode,
  SCAN_MESSAGES,
  type UploadLimits,
  type UploadToInspect,
} from './inspect.ts';
export { createPdfScanner, type PdfScanner, type PdfScanResult, scanPdf } from './pdf-active-content.ts';
