-- The commission and its sessions: members and deputies with their nominating organisation and term,
-- sessions with agenda, attendance, the decisions recorded by the office (vote counts only: who voted
-- how is never stored) and the approved, locked minutes. Forward only; PostgreSQL 15 and PGlite.

CREATE TABLE commission_memberships (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  function text NOT NULL CHECK (function IN ('member', 'deputy')),
  -- A deputy stands in for one member (their personal deputy).
  deputy_of uuid REFERENCES commission_memberships (id),
  nominated_by text NOT NULL,
  term_from date NOT NULL,
  term_to date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (term_from <= term_to),
  CHECK ((function = 'deputy') = (deputy_of IS NOT NULL))
);
CREATE INDEX commission_memberships_user ON commission_memberships (user_id);
CREATE INDEX commission_memberships_deputy_of ON commission_memberships (deputy_of);

CREATE TABLE commission_sessions (
  id uuid PRIMARY KEY,
  starts_at timestamptz NOT NULL,
  -- The day in Germany, kept beside the instant: seats, terms and "from the session day on" use it.
  session_day date NOT NULL,
  place text NOT NULL,
  -- The head of the office, who chairs the session and approves its minutes.
  chair_id uuid NOT NULL REFERENCES users (id),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  invited_at timestamptz,
  -- Approval locks the session: no change to attendance, agenda or decisions afterwards.
  minutes_approved_at timestamptz,
  minutes_approved_by uuid REFERENCES users (id),
  -- The minutes PDF/A (encrypted in the file store), written by the outbox after approval.
  minutes_blob_key text,
  minutes_sha256 text CHECK (minutes_sha256 ~ '^[0-9a-f]{64}$'),
  minutes_size bigint
);
CREATE INDEX commission_sessions_day ON commission_sessions (session_day);

CREATE TABLE session_agenda_items (
  session_id uuid NOT NULL REFERENCES commission_sessions (id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position integer NOT NULL,
  -- The recorded decision (adjourned, or the vote counts with the outcome); null until recorded.
  outcome text CHECK (outcome IN ('hardship_request', 'no_request', 'adjourned')),
  decision jsonb,
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  PRIMARY KEY (session_id, case_id),
  CHECK ((outcome IS NULL) = (decision IS NULL))
);
CREATE INDEX session_agenda_items_case ON session_agenda_items (case_id);

CREATE TABLE session_attendance (
  session_id uuid NOT NULL REFERENCES commission_sessions (id) ON DELETE CASCADE,
  membership_id uuid NOT NULL REFERENCES commission_memberships (id),
  PRIMARY KEY (session_id, membership_id)
);
CREATE INDEX session_attendance_membership ON session_attendance (membership_id);
