-- 002_accounts.sql — users of the web app, their sessions and API tokens.
-- Passwords are argon2id strings (libsodium crypto_pwhash_str); session and
-- API tokens are stored only as their SHA-256, never in clear. Sessions
-- live in the store, so several servers can share one ledger.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'unit', 'viewer')),
    unit_id       INTEGER REFERENCES units(id),
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    disabled_at   TEXT,
    CHECK (role <> 'unit' OR unit_id IS NOT NULL)
);

CREATE TABLE sessions (
    token_sha256  TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    csrf_token    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    ended_at      TEXT
);

CREATE TABLE api_tokens (
    token_sha256  TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    name          TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    revoked_at    TEXT
);

CREATE INDEX sessions_user ON sessions(user_id);
