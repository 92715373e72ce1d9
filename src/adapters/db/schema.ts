/** Kysely table types; they mirror migrations/*.sql and change with them. */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = JSONColumnType<Record<string, unknown>, string, string>;

export interface KreiseTable {
  kreis_ags: string;
  name: string;
  name_official: string;
  kind: string;
  regierungsbezirk: string;
}

export interface MunicipalitiesTable {
  ags: string;
  name: string;
  name_official: string;
  kind: string;
  kreis_ags: string;
  postal_codes: string[];
}

export interface OrganisationsTable {
  id: string;
  kind: 'office' | 'immigration_authority' | 'counselling' | 'law_firm';
  name: string;
  email: string | null;
  kreis_ags: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface JurisdictionsTable {
  municipality_ags: string;
  authority_id: string;
}

export type StaffRole = 'office_clerk' | 'office_head' | 'admin' | 'member' | 'authority' | 'representative';

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: StaffRole;
  organisation_id: string | null;
  password_hash: string | null;
  totp_secret_enc: string | null;
  totp_last_step: string | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
  /** migrations/0004: null while the password is the initial one. */
  password_changed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface LoginSessionsTable {
  id: string;
  user_id: string | null;
  data: Json;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

/** migrations/0010: a representative's registration until the e-mail address is confirmed. */
export interface AccountRegistrationsTable {
  token_hash: string;
  email: string;
  display_name: string;
  organisation_name: string | null;
  organisation_kind: 'counselling' | 'law_firm' | null;
  password_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

/** migrations/0018: a mailed link to set a new password (representatives). */
export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

/** migrations/0019: a token of the JSON API (only its hash). */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  display_prefix: string;
  scopes: string[];
  created_at: Generated<Date>;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** migrations/0018: a colleague invited into an organisation's account. */
export interface AccountInvitationsTable {
  token_hash: string;
  organisation_id: string;
  invited_by: string;
  email: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface SetupTokensTable {
  token_hash: string;
  purpose: string;
  expires_at: Timestamp;
  used_at: Date | null;
}

export interface CaseNumberCountersTable {
  year: number;
  last_number: number;
}

export interface CasesTable {
  id: string;
  case_number: string;
  profile_id: string;
  state: string;
  version: number;
  channel: 'online' | 'post' | 'fax' | 'email' | 'de_mail';
  received_at: Timestamp;
  authority_id: string | null;
  snapshot: Json;
  submission_key: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** migrations/0005: written by FilingStore.indexForSearch. */
  search_text: ColumnType<string | null, never, never>;
  search_names: ColumnType<string, never, never>;
  /** migrations/0020: the words of search_names (generated). */
  search_keys: ColumnType<string, never, never>;
  /** migrations/0006 */
  assignee_id: ColumnType<string | null, never, string | null>;
}

export interface DocumentRequestsTable {
  id: string;
  case_id: string;
  text: string;
  due_on: ColumnType<string, string, string>;
  created_by: string | null;
  created_at: Generated<Date>;
  answered_at: Date | null;
}

export interface CaseMessagesTable {
  id: string;
  case_id: string;
  direction: 'from_applicant' | 'from_office';
  author_role: string;
  author_id: string | null;
  body: string;
  created_at: Date;
  read_at: Date | null;
}

export interface CaseNotesTable {
  id: string;
  case_id: string;
  author_id: string | null;
  text: string;
  created_at: Generated<Date>;
}

export interface PersonsTable {
  id: string;
  case_id: string;
  position: number;
  family_name: string;
  given_names: string;
  birth_date: string;
  birth_place: string;
  nationality_code: string;
  relation: string | null;
  address: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  municipality_ags: string | null;
}

export interface DocumentsTable {
  id: string;
  case_id: string;
  person_id: string | null;
  category: string;
  special_category: Generated<boolean>;
  file_name: string;
  content_type: string;
  size: ColumnType<string, number | bigint, number | bigint>;
  sha256: string;
  blob_key: string;
  scan_status: Generated<'pending' | 'clean' | 'infected' | 'not_scanned'>;
  uploaded_by_role: string;
  created_at: Generated<Date>;
  evidence_item: string | null;
  flags: Generated<string[]>;
}

export interface DraftsTable {
  id: string;
  resume_token_hash: string;
  owner_user_id: string | null;
  /** migrations/0010: the key an account hands out when it opens its draft. */
  account_token_hash: ColumnType<string | null, string | null | undefined, string | null>;
  content: Json;
  contact_email: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  expires_at: Timestamp;
  submitted_at: Date | null;
  case_id: string | null;
}

export interface DraftDocumentsTable {
  id: string;
  draft_id: string;
  evidence_item: string;
  file_name: string;
  content_type: string;
  size: ColumnType<string, number | bigint, number | bigint>;
  sha256: string;
  blob_key: string;
  flags: Generated<string[]>;
  created_at: Generated<Date>;
}

export interface ApplicationsTable {
  case_id: string;
  content: Json;
  language: string;
  submitted_at: Timestamp;
  receipt_document_id: string | null;
}

export interface CaseHistoryTable {
  id: Generated<string>;
  case_id: string;
  version: number;
  event_type: string;
  actor_role: string;
  actor_id: string | null;
  at: Timestamp;
  data: Json;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_role: string;
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  details: Json;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: Generated<string>;
  kind: string;
  payload: Json;
  idempotency_key: string;
  status: Generated<'pending' | 'done' | 'failed'>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_after: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: Date | null;
  last_error: string | null;
  created_at: Generated<Date>;
  done_at: Date | null;
}

export interface UploadPartRecord {
  key: string;
  size: number;
  sha256: string;
}

export interface UploadsTable {
  id: string;
  owner_id: string;
  declared_length: ColumnType<string, number, number>;
  upload_offset: ColumnType<string, number | undefined, number>;
  parts: ColumnType<UploadPartRecord[], string | undefined, string>;
  metadata: ColumnType<Record<string, string>, string | undefined, string>;
  writer: string | null;
  writer_until: Date | null;
  blob_key: string | null;
  sha256: string | null;
  handed_over_at: Date | null;
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  delivered_at: Date | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** migrations/0009 */
export interface LettersTable {
  id: string;
  case_id: string;
  document_id: string;
  template_id: string;
  template_version: string;
  addressee_kind: 'applicant' | 'representative' | 'authority';
  channel: 'mail' | 'portal' | 'print';
  idempotency_key: string;
  created_at: Generated<Date>;
}

/** migrations/0012: when a closed case's retention began. */
export interface RetentionScheduleTable {
  case_id: string;
  outcome: string;
  closed_on: ColumnType<string, string, string>;
}

/** migrations/0012 */
export interface LegalHoldsTable {
  id: string;
  case_id: string;
  reason: string;
  set_by: string;
  set_at: Timestamp;
  lift_reason: string | null;
  lifted_by: string | null;
  lifted_at: Date | null;
}

/** migrations/0012: a case's deletion; once deleted, its tombstone. */
export interface CaseDeletionsTable {
  case_id: string;
  case_number: string;
  outcome: string;
  received_on: ColumnType<string, string, string>;
  closed_on: ColumnType<string, string, string>;
  due_on: ColumnType<string, string, string>;
  approved_by: string;
  approved_at: Timestamp;
  status: 'approved' | 'archived' | 'deleted';
  archive_blob_key: string | null;
  archive_sha256: string | null;
  archive_size: ColumnType<string | null, number | null | undefined, number | null>;
  archive_fingerprint: string | null;
  archived_at: Date | null;
  deleted_at: Date | null;
  handed_over_at: Date | null;
  handed_over_by: string | null;
}

/** migrations/0012: files whose rows are gone, deleted after commit. */
export interface BlobDeletionsTable {
  blob_key: string;
  queued_at: Generated<Date>;
  attempts: Generated<number>;
}

/** migrations/0013: the commission's members and deputies. */
export interface CommissionMembershipsTable {
  id: string;
  user_id: string;
  function: 'member' | 'deputy';
  deputy_of: string | null;
  nominated_by: string;
  /** A `date` column: read back as 'YYYY-MM-DD' text (see the adapter's select). */
  term_from: ColumnType<string, string, string>;
  term_to: ColumnType<string, string, string>;
  created_at: Generated<Date>;
  /** migrations/0021 */
  pre_screening: Generated<boolean>;
}

/** migrations/0013 */
export interface CommissionSessionsTable {
  id: string;
  starts_at: Timestamp;
  session_day: ColumnType<string, string, string>;
  place: string;
  chair_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
  invited_at: Date | null;
  minutes_approved_at: Date | null;
  minutes_approved_by: string | null;
  minutes_blob_key: string | null;
  minutes_sha256: string | null;
  minutes_size: ColumnType<string | null, number | null, number | null>;
}

/** migrations/0013 */
export interface SessionAgendaItemsTable {
  session_id: string;
  case_id: string;
  position: number;
  outcome: 'hardship_request' | 'no_request' | 'adjourned' | null;
  decision: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  decided_at: Date | null;
  decided_by: string | null;
}

/** migrations/0013 */
export interface SessionAttendanceTable {
  session_id: string;
  membership_id: string;
}

/** migrations/0015 */
export interface SessionPackDocumentsTable {
  session_id: string;
  case_id: string;
  document_id: string;
  special_included: Generated<boolean>;
  selected_by: string | null;
  selected_at: Generated<Date>;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: Generated<Date>;
}

/** migrations/0014: statements answered in the authority portal (structured text; the PDF is a document). */
export interface AuthorityStatementsTable {
  id: string;
  case_id: string;
  authority_id: string;
  author_id: string | null;
  document_id: string | null;
  case_version: number;
  status_summary: string;
  statement: string;
  residence_situation: string;
  deportation_date: ColumnType<string | null, string | null, string | null>;
  attachment_ids: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Generated<Date>;
}

export interface Database {
  kreise: KreiseTable;
  municipalities: MunicipalitiesTable;
  organisations: OrganisationsTable;
  jurisdictions: JurisdictionsTable;
  users: UsersTable;
  login_sessions: LoginSessionsTable;
  setup_tokens: SetupTokensTable;
  account_registrations: AccountRegistrationsTable;
  password_resets: PasswordResetsTable;
  account_invitations: AccountInvitationsTable;
  api_tokens: ApiTokensTable;
  case_number_counters: CaseNumberCountersTable;
  cases: CasesTable;
  persons: PersonsTable;
  documents: DocumentsTable;
  drafts: DraftsTable;
  draft_documents: DraftDocumentsTable;
  applications: ApplicationsTable;
  case_notes: CaseNotesTable;
  case_messages: CaseMessagesTable;
  document_requests: DocumentRequestsTable;
  case_history: CaseHistoryTable;
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  uploads: UploadsTable;
  letters: LettersTable;
  retention_schedule: RetentionScheduleTable;
  legal_holds: LegalHoldsTable;
  case_deletions: CaseDeletionsTable;
  blob_deletions: BlobDeletionsTable;
  commission_memberships: CommissionMembershipsTable;
  commission_sessions: CommissionSessionsTable;
  session_agenda_items: SessionAgendaItemsTable;
  session_attendance: SessionAttendanceTable;
  authority_statements: AuthorityStatementsTable;
  session_pack_documents: SessionPackDocumentsTable;
  schema_migrations: SchemaMigrationsTable;
}
