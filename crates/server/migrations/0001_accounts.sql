-- Accounts: people who sign in (coaches and users), their browser sessions and API tokens.
-- Instants are UTC Unix seconds; booleans are 0/1 BIGINTs so both backends read them alike.

CREATE TABLE users (
    id {id},
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('coach', 'user')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- A coach is a user who runs a practice. Every coach-owned record carries coach_id.
-- lock_version is bumped first in every booking write so those writes serialise per coach.
CREATE TABLE coaches (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    lock_version BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX coaches_user_id_key ON coaches (user_id);
CREATE UNIQUE INDEX coaches_slug_key ON coaches (slug);

-- Browser sessions, shared by every node. Only a hash of the cookie's id is stored.
CREATE TABLE login_sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    data TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX login_sessions_user_id ON login_sessions (user_id);
CREATE INDEX login_sessions_expires_at ON login_sessions (expires_at);

-- Bearer tokens for scripts. Only a SHA-256 of the token is stored.
CREATE TABLE api_tokens (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT
);
CREATE UNIQUE INDEX api_tokens_token_hash_key ON api_tokens (token_hash);
CREATE INDEX api_tokens_user_id ON api_tokens (user_id);
