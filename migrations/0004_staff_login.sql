-- Staff login: when the owner last set the password. NULL means the password is still the initial one
-- that `npm run cli -- user create` printed (or an administrator's reset): the next login forces a change.
-- Forward only; PostgreSQL 15 and PGlite.

ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
