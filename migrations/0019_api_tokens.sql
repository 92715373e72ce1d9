-- API tokens for the JSON API (/api/v1): per user (office staff, immigration authorities, representatives;
-- a representative's token reaches the cases of the account's organisation as the account pages do).
-- Only the SHA-256 of the token is kept (the token is shown once); scoped, revocable, optionally
-- expiring, with the time of the last use. Forward only; PostgreSQL 15 and PGlite.

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  -- The token's first characters (`hfk_` and six more), so that its owner can tell tokens apart.
  display_prefix text NOT NULL CHECK (display_prefix ~ '^hfk_[A-Za-z0-9_-]{6}$'),
  scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
