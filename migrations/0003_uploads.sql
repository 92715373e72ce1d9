-- Resumable uploads (tus and the plain form): the state of each upload, so that any app instance can
-- continue one that another instance started. The bytes live in the encrypted blob store, one blob per
-- received part; this table only names them. Forward only; PostgreSQL 15 and PGlite.

CREATE TABLE uploads (
  id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{32}$'),
  -- Opaque id of whoever may continue the upload (the application draft); not a foreign key, so that
  -- a draft can be removed by its own retention rules.
  owner_id text NOT NULL,
  declared_length bigint NOT NULL CHECK (declared_length >= 0),
  -- Bytes durably stored: always the sum of the sizes in parts (until the parts are merged).
  upload_offset bigint NOT NULL DEFAULT 0 CHECK (upload_offset >= 0 AND upload_offset <= declared_length),
  -- Ordered list of {key, size, sha256}; one entry per PATCH body that reached the store.
  parts jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(parts) = 'array'),
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Lease of the one request that may change the upload now (append a part, finish, purge).
  writer text,
  writer_until timestamptz,
  -- Set once every byte is in one blob: the file. sha256 is of the plaintext.
  blob_key text,
  sha256 text CHECK (sha256 IS NULL OR sha256 ~ '^[0-9a-f]{64}$'),
  -- Set just before the file is handed to the use case: from then on the blob may be a document's,
  -- so purging never deletes it.
  handed_over_at timestamptz,
  -- What the use case answered when it took the file; set exactly once.
  result jsonb,
  delivered_at timestamptz,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK ((blob_key IS NULL) = (sha256 IS NULL)),
  CHECK (blob_key IS NULL OR upload_offset = declared_length),
  CHECK ((result IS NULL) = (delivered_at IS NULL)),
  CHECK (result IS NULL OR (blob_key IS NOT NULL AND handed_over_at IS NOT NULL)),
  CHECK ((writer IS NULL) = (writer_until IS NULL))
);
CREATE INDEX uploads_owner ON uploads (owner_id);
CREATE INDEX uploads_expires ON uploads (expires_at);
