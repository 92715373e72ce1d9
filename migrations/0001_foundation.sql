-- Foundation: reference data, organisations, users, cases, persons, documents, history, audit, outbox.
-- Forward only. Written for PostgreSQL 15 and PGlite (PostgreSQL 18).

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Reference data: NRW Kreise and municipalities (content/reference, see its SOURCES.md).
CREATE TABLE kreise (
  kreis_ags text PRIMARY KEY CHECK (kreis_ags ~ '^05[0-9]{3}$'),
  name text NOT NULL,
  name_official text NOT NULL,
  kind text NOT NULL,
  regierungsbezirk text NOT NULL
);

CREATE TABLE municipalities (
  ags text PRIMARY KEY CHECK (ags ~ '^05[0-9]{6}$'),
  name text NOT NULL,
  name_official text NOT NULL,
  kind text NOT NULL,
  kreis_ags text NOT NULL REFERENCES kreise (kreis_ags),
  postal_codes text[] NOT NULL
);
CREATE INDEX municipalities_postal_codes ON municipalities USING gin (postal_codes);

-- Immigration authorities, counselling organisations, law firms, the office itself.
CREATE TABLE organisations (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('office', 'immigration_authority', 'counselling', 'law_firm')),
  name text NOT NULL,
  email text,
  kreis_ags text REFERENCES kreise (kreis_ags),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organisations_authority_per_kreis ON organisations (kreis_ags)
  WHERE kind = 'immigration_authority' AND kreis_ags IS NOT NULL;

-- Which immigration authority is responsible for a municipality (changeable by the administrator).
CREATE TABLE jurisdictions (
  municipality_ags text PRIMARY KEY REFERENCES municipalities (ags),
  authority_id uuid NOT NULL REFERENCES organisations (id)
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('office_clerk', 'office_head', 'admin', 'member', 'authority', 'representative')),
  organisation_id uuid REFERENCES organisations (id),
  password_hash text,
  totp_secret_enc text,
  totp_last_step bigint,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

-- Server-side login sessions; the id stored is a hash of the cookie value.
CREATE TABLE login_sessions (
  id text PRIMARY KEY,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  data jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX login_sessions_user ON login_sessions (user_id);
CREATE INDEX login_sessions_expires ON login_sessions (expires_at);

-- One-time setup tokens (first administrator), stored hashed.
CREATE TABLE setup_tokens (
  token_hash text PRIMARY KEY,
  purpose text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Readable case numbers HFK-YYYY-NNNNN, gap-free per year.
CREATE TABLE case_number_counters (
  year integer PRIMARY KEY,
  last_number integer NOT NULL
);

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  case_number text NOT NULL UNIQUE,
  profile_id text NOT NULL,
  state text NOT NULL,
  version integer NOT NULL,
  channel text NOT NULL CHECK (channel IN ('online', 'post', 'fax', 'email', 'de_mail')),
  received_at timestamptz NOT NULL,
  authority_id uuid REFERENCES organisations (id),
  snapshot jsonb NOT NULL,
  submission_key text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_state ON cases (state);
CREATE INDEX cases_authority ON cases (authority_id);

CREATE TABLE persons (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position integer NOT NULL,
  family_name text NOT NULL,
  given_names text NOT NULL,
  birth_date text NOT NULL CHECK (birth_date ~ '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$'),
  birth_place text NOT NULL,
  nationality_code text NOT NULL,
  relation text,
  address jsonb,
  municipality_ags text REFERENCES municipalities (ags),
  UNIQUE (case_id, position)
);

CREATE TABLE documents (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  person_id uuid REFERENCES persons (id) ON DELETE SET NULL,
  category text NOT NULL,
  special_category boolean NOT NULL DEFAULT false,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size bigint NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  blob_key text NOT NULL,
  scan_status text NOT NULL DEFAULT 'pending' CHECK (scan_status IN ('pending', 'clean', 'infected', 'not_scanned')),
  uploaded_by_role text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_case ON documents (case_id);

-- Every accepted command's events, in order; (case_id, version) makes a lost update impossible.
CREATE TABLE case_history (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  version integer NOT NULL,
  event_type text NOT NULL,
  actor_role text NOT NULL,
  actor_id text,
  at timestamptz NOT NULL,
  data jsonb NOT NULL,
  UNIQUE (case_id, version)
);

-- Append-only, hash-chained audit trail: who did what to which resource, when.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_role text NOT NULL,
  actor_id text,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);

-- Side effects, written in the same transaction as the change that causes them.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 10,
  run_after timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);
CREATE INDEX outbox_due ON outbox (run_after) WHERE status = 'pending';
