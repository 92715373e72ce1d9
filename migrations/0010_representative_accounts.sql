-- Accounts of representatives (a person, or the staff of a counselling centre or law firm).
-- A registration waits here until its e-mail address is confirmed; only then does the user row exist.
-- Forward only; PostgreSQL 15 and PGlite.

CREATE TABLE account_registrations (
  token_hash text PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL,
  organisation_name text,
  organisation_kind text CHECK (organisation_kind IN ('counselling', 'law_firm')),
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX account_registrations_expires ON account_registrations (expires_at);

-- A second key to a draft: the one an account hands out when it opens its draft (the resume link stays valid).
ALTER TABLE drafts ADD COLUMN account_token_hash text UNIQUE;
