-- Retention and deletion (issue 4, item 11). Forward only; PostgreSQL 15 and PGlite.
--
-- retention_schedule: one row per case whose procedure has ended (closed, not taken up, withdrawn,
-- settled otherwise), written by the step that ends it and removed by reopening. The due date is not
-- stored: it follows from the outcome, the closing date and the profile's periods (domain function
-- retentionEndDate), so a change of the periods applies to every closed case.
CREATE TABLE retention_schedule (
  case_id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  outcome text NOT NULL
    CHECK (outcome IN ('hardship_request', 'no_request', 'not_taken_up', 'withdrawn', 'settled_otherwise')),
  closed_on date NOT NULL
);
CREATE INDEX retention_schedule_closed ON retention_schedule (closed_on);

-- Legal holds (Löschsperren): set and lifted by the office head, each with a reason. A case with an
-- active hold (lifted_at IS NULL) is never deleted. Rows go with the case when it is deleted.
CREATE TABLE legal_holds (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  set_by uuid NOT NULL REFERENCES users (id),
  set_at timestamptz NOT NULL,
  lift_reason text CHECK (lift_reason IS NULL OR length(lift_reason) BETWEEN 1 AND 2000),
  lifted_by uuid REFERENCES users (id),
  lifted_at timestamptz,
  CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
);
CREATE UNIQUE INDEX legal_holds_active ON legal_holds (case_id) WHERE lifted_at IS NULL;

-- The deletion of one case, from the office head's approval to the tombstone. No foreign key to the
-- case: the row outlives it. status: approved (job queued) → archived (archive package stored) →
-- deleted (rows gone, files queued for deletion). Once deleted, the row is the tombstone: case number,
-- outcome, dates, who approved, the archive package's SHA-256 — no personal data.
CREATE TABLE case_deletions (
  case_id uuid PRIMARY KEY,
  case_number text NOT NULL UNIQUE,
  outcome text NOT NULL
    CHECK (outcome IN ('hardship_request', 'no_request', 'not_taken_up', 'withdrawn', 'settled_otherwise')),
  received_on date NOT NULL,
  closed_on date NOT NULL,
  due_on date NOT NULL,
  approved_by uuid NOT NULL REFERENCES users (id),
  approved_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('approved', 'archived', 'deleted')),
  -- The archive package for the state archive (a ZIP, encrypted in the file store like every file).
  archive_blob_key text,
  archive_sha256 text CHECK (archive_sha256 IS NULL OR archive_sha256 ~ '^[0-9a-f]{64}$'),
  archive_size bigint,
  -- SHA-256 of the case description the package was made from: a change before the deletion makes it stale.
  archive_fingerprint text,
  archived_at timestamptz,
  deleted_at timestamptz,
  handed_over_at timestamptz,
  handed_over_by uuid REFERENCES users (id),
  CHECK (status = 'approved' OR (archive_sha256 IS NOT NULL AND archived_at IS NOT NULL)),
  CHECK ((status = 'deleted') = (deleted_at IS NOT NULL)),
  CHECK (handed_over_at IS NULL OR status = 'deleted')
);

-- Files to delete after the transaction that removed their rows has committed: a crash never leaves a
-- row pointing to a deleted file, and a file left over is deleted on the next run.
CREATE TABLE blob_deletions (
  blob_key text PRIMARY KEY,
  queued_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0
);

-- Cases that ended before this migration get their schedule from their history: the date of the last
-- event, and for 'closed' whether a hardship request was decided since the last reopening.
INSERT INTO retention_schedule (case_id, outcome, closed_on)
SELECT c.id,
  CASE c.state
    WHEN 'closed' THEN
      CASE WHEN EXISTS (
        SELECT 1 FROM case_history h
        WHERE h.case_id = c.id AND h.event_type = 'HardshipRequestDecided'
          AND h.version > coalesce((SELECT max(r.version) FROM case_history r
                                    WHERE r.case_id = c.id AND r.event_type = 'Reopened'), 0)
      ) THEN 'hardship_request' ELSE 'no_request' END
    ELSE c.state
  END,
  ((SELECT max(h.at) FROM case_history h WHERE h.case_id = c.id) AT TIME ZONE 'Europe/Berlin')::date
FROM cases c
WHERE c.state IN ('closed', 'not_taken_up', 'withdrawn', 'settled_otherwise');
