/**
 * Who may see what of a case, by role: least privilege. Administrators manage accounts, not cases;
 * health and criminal-record documents (special categories) only reach the office by default. The
 * authority portal and the members' view get their own, narrower rules with their issues.
 */
import type { Role } from '../case/actors.ts';

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
