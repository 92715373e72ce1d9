/** Public API of the evidence module: categories, the checklist from the answers, statuses and progress. */
export {
  CATEGORY_TEXTS,
  EVIDENCE_CATEGORIES,
  type EvidenceCategory,
  isEvidenceCategory,
  isSignedForm,
  isSpecialCategory,
  SIGNED_FORMS,
  SPECIAL_CATEGORIES,
} from './categories.ts';
export {
  type ChecklistInput,
  EVIDENCE_ITEM_ID,
  type EvidenceItem,
  type EvidenceRequirement,
  evidenceChecklist,
  requiredItems,
} from './checklist.ts';
export {
  EVIDENCE_STATUSES,
  type EvidenceProgress,
  type EvidenceStatus,
  type EvidenceStatusDraft,
  type EvidenceStatusesDraft,
  type EvidenceStatusKind,
  evidenceProgress,
  evidenceStatusDraftSchema,
  evidenceStatusesDraftSchema,
  evidenceStatusPath,
  validateEvidenceStatus,
  validateEvidenceStatuses,
} from './status.ts';
export { missingUploads, UPLOAD_MISSING_MESSAGE } from './uploads.ts';
