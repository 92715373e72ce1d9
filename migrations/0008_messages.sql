-- Messages between the applicant (or representative) and the office, one thread per case.
-- from_applicant: written through the status page (no staff author); from_office: by a clerk or the
-- office head. read_at is set when the other side has seen the message.
CREATE TABLE case_messages (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  direction text NOT NULL CHECK (direction IN ('from_applicant', 'from_office')),
  author_role text NOT NULL,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  CHECK (direction = 'from_office' OR author_id IS NULL)
);
CREATE INDEX case_messages_case ON case_messages (case_id, created_at);
CREATE INDEX case_messages_unread_from_applicant ON case_messages (case_id)
  WHERE direction = 'from_applicant' AND read_at IS NULL;
