-- Letters sent in a case: the PDF is a document of the case (category 'letter'); this row says which
-- template and version wrote it, to whom it went and how. The idempotency key is the outbox job's,
-- so a rerun after a crash finds the letter it already stored.
CREATE TABLE letters (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  document_id uuid NOT NULL UNIQUE REFERENCES documents (id) ON DELETE CASCADE,
  template_id text NOT NULL,
  template_version text NOT NULL,
  addressee_kind text NOT NULL CHECK (addressee_kind IN ('applicant', 'representative', 'authority')),
  channel text NOT NULL CHECK (channel IN ('mail', 'portal', 'print')),
  idempotency_key text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX letters_case ON letters (case_id, created_at);
