/**
 * Who may see what of a case, by role: least privilege. Administrators manage accounts, not cases;
 * health and criminal-record documents (special categories) only reach the office by default. The
 * authority portal and the members' view get their own, narrower rules with their issues.
 */
import type { Role } from '../case/actors.ts';
import { isEvidenceCategory, isSpecialCategory } from '../evidence/index.ts';

export type CaseAction =
  | 'list_cases'
  | 'view_case_file'
  | 'download_document'
  | 'view_special_category'
  | 'write_message'
  | 'administer_accounts'
  /** Legal holds, approving deletions, the archive packages for the state archive. */
  | 'dispose_cases'
  /** The export of all data on one person (Art. 15 DSGVO). */
  | 'export_person_data'
  | 'run_sessions'
  | 'approve_minutes'
  | 'administer_commission'
  /** The immigration authority's portal: the cases of its own area, narrowed (see `authorityMaySeeDocument`). */
  | 'use_authority_portal'
  /** The statistics for the annual report (counts only, no case data). */
  | 'view_statistics'
  /** The members' view: the sessions a member is invited to, their agenda and session pack. */
  | 'attend_sessions';

const OFFICE: readonly Role[] = ['office_clerk', 'office_head'];

const ALLOWED: { readonly [A in CaseAction]: readonly Role[] } = {
  list_cases: OFFICE,
  view_case_file: OFFICE,
  download_document: OFFICE,
  view_special_category: OFFICE,
  /** Messages to the applicant or representative are written on behalf of the office. */
  write_message: OFFICE,
  administer_accounts: ['admin'],
  dispose_cases: ['office_head'],
  export_person_data: ['office_head'],
  /** Plan sessions, build the agenda, invite, record attendance and decisions (counts only). */
  run_sessions: OFFICE,
  /** Only the head of the office chairs, and only the chair of a session approves its minutes. */
  approve_minutes: ['office_head'],
  /** Appoint members and deputies (their accounts are the administrators' too). */
  administer_commission: ['admin'],
  use_authority_portal: ['authority'],
  view_statistics: OFFICE,
  /** Members and deputies (both log in with the role `member`); which sessions is decided by the invitation. */
  attend_sessions: ['member'],
};

/** True if the role may do the action at all (ownership is checked where the resource is loaded). */
export function mayDo(role: Role, action: CaseAction): boolean {
  return ALLOWED[action].includes(role);
}

/** True if the role may open this document: special categories need their own right. */
export function maySeeDocument(role: Role, document: { specialCategory: boolean }): boolean {
  return (
    mayDo(role, 'download_document') && (!document.specialCategory || mayDo(role, 'view_special_category'))
  );
}

/** Documents of the application itself that the authority needs besides the evidence. */
const AUTHORITY_DOCUMENT_KINDS: readonly string[] = [
  'application_copy',
  'application_letter',
  'authority_statement',
];

/**
 * What the authority portal may show of a document of one of its cases: the application, its own
 * statements, the letters addressed to it and the evidence outside the special categories (health,
 * criminal records). Never the receipt, the office's correspondence or letters to the applicant side.
 */
export function authorityMaySeeDocument(document: {
  category: string;
  specialCategory: boolean;
  /** For a letter: to whom it was written; null for other documents. */
  letterAddressee: string | null;
}): boolean {
  if (document.specialCategory) return false;
  if (document.category === 'letter') return document.letterAddressee === 'authority';
  if (AUTHORITY_DOCUMENT_KINDS.includes(document.category)) return true;
  return isEvidenceCategory(document.category) && !isSpecialCategory(document.category);
}

/**
 * What a representative's account may open of one of its cases: what its pages give it, the receipt
 * of the application (the status page's download). Never the office's files or special categories.
 */
export function accountMaySeeDocument(document: { category: string; specialCategory: boolean }): boolean {
  return !document.specialCategory && document.category === 'receipt';
}
