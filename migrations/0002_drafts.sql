-- Online application: drafts that are never lost, their evidence files, and the filed application.
-- Forward only. Written for PostgreSQL 15 and PGlite.

-- A draft as typed, saved on every step. Whoever holds the resume secret may continue it; only a
-- SHA-256 of the secret is stored, so a copy of the database does not open anybody's draft.
CREATE TABLE drafts (
  id uuid PRIMARY KEY,
  resume_token_hash text NOT NULL UNIQUE CHECK (resume_token_hash ~ '^[0-9a-f]{64}$'),
  owner_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  content jsonb NOT NULL,
  -- Where the resume link (and later the receipt) may be mailed, if the applicant gave an address.
  contact_email text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  submitted_at timestamptz,
  case_id uuid REFERENCES cases (id) ON DELETE SET NULL
);
CREATE INDEX drafts_owner ON drafts (owner_user_id) WHERE owner_user_id IS NOT NULL;
CREATE INDEX drafts_expires ON drafts (expires_at) WHERE submitted_at IS NULL;

-- Evidence files attached to a draft (stored encrypted; the row holds only what the checklist needs).
CREATE TABLE draft_documents (
  id uuid PRIMARY KEY,
  draft_id uuid NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  evidence_item text NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL CHECK (size > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  blob_key text NOT NULL,
  flags text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX draft_documents_draft ON draft_documents (draft_id);

-- The application as filed (validated, German), one per case; the case row holds the procedure state.
CREATE TABLE applications (
  case_id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  content jsonb NOT NULL,
  language text NOT NULL,
  submitted_at timestamptz NOT NULL,
  receipt_document_id uuid REFERENCES documents (id)
);

-- Which evidence item a case document answers, and flags from the upload inspection.
ALTER TABLE documents ADD COLUMN evidence_item text;
ALTER TABLE documents ADD COLUMN flags text[] NOT NULL DEFAULT '{}';
