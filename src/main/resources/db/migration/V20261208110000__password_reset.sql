-- One-time links to set a new password for a user who forgot it (issue 16): like an invitation, only the SHA-256
-- of the token is stored; a link expires (cascade.security.password-reset.ttl) and works once.
CREATE TABLE password_reset (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES app_user (id),
    token_hash  bytea       NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);
CREATE INDEX password_reset_user ON password_reset (user_id) WHERE used_at IS NULL;
