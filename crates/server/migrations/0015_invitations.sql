-- Connected clients: a coach invites a client by email to connect an account to the client
-- record (clients.user_id). The link carries a random token; only its SHA-256 is stored. An
-- invitation expires, is used once, and can be revoked (a new one replaces the open one).
CREATE TABLE client_invitations (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    accepted_at BIGINT,
    accepted_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX client_invitations_token_hash ON client_invitations (token_hash);
CREATE INDEX client_invitations_client_id ON client_invitations (client_id, id);

-- One account is connected to at most one client record per coach (NULLs do not collide).
CREATE UNIQUE INDEX clients_coach_id_user_id ON clients (coach_id, user_id);

-- The account that sent an application while signed in: promoting it connects the new client.
ALTER TABLE applications ADD COLUMN user_id BIGINT REFERENCES users (id) ON DELETE SET NULL;

-- A person's own bookings are found by the account they booked with, as well as by client record.
CREATE INDEX bookings_user_id ON bookings (user_id);
