-- Representatives' accounts, continued: a new password from a mailed link (the second factor stays),
-- and colleagues invited into an organisation's account (their user row exists once they accept).
-- Only hashes of the mailed secrets are kept; expired rows are purged by the hourly maintenance.
-- Forward only; PostgreSQL 15 and PGlite.

CREATE TABLE password_resets (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX password_resets_user ON password_resets (user_id);
CREATE INDEX password_resets_expires ON password_resets (expires_at);

CREATE TABLE account_invitations (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  organisation_id uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  invited_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  email text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX account_invitations_organisation ON account_invitations (organisation_id);
CREATE INDEX account_invitations_expires ON account_invitations (expires_at);
