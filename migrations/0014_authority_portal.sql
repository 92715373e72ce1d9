-- The immigration authority's portal: the statements an authority answers there, in the structure the
-- office asks for (Sachstand, Stellungnahme, aufenthaltsrechtliche Situation, a deportation date if one
-- is set). The statement is also filed as a PDF/A document of the case (category 'authority_statement'),
-- its attachments as documents uploaded by the authority; the step "statement received" is the case's
-- ordinary history event. The authority's intended and final decisions on a hardship request are case
-- events (AuthorityFeedbackReceived: stage, decision, reasons, decidedOn), not rows here.
-- Forward only; PostgreSQL 15 and PGlite.

CREATE TABLE authority_statements (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  authority_id uuid NOT NULL REFERENCES organisations (id),
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- The filed PDF of the statement.
  document_id uuid REFERENCES documents (id) ON DELETE SET NULL,
  -- The case version of the step "statement received" this statement caused.
  case_version integer NOT NULL,
  status_summary text NOT NULL,
  statement text NOT NULL,
  residence_situation text NOT NULL,
  deportation_date date,
  attachment_ids uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, case_version)
);
CREATE INDEX authority_statements_case ON authority_statements (case_id, created_at);
