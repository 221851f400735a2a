-- Session requests: a client (or a registered user, or a visitor, as the coach's privacy settings
-- allow) asks for a time that is not offered, proposing up to three times. The coach approves one
-- (which books it, conflict-checked like every booking) or declines with a reason; unanswered
-- past expires_at, it expires (a job at that instant). status: 'pending', 'approved',
-- 'declined', 'expired' or 'withdrawn'. time_zone is the requester's, in which their emails are
-- written. client_id / user_id name the requester when they were signed in.
ALTER TABLE coaches ADD COLUMN request_expiry_hours BIGINT NOT NULL DEFAULT 72
    CHECK (request_expiry_hours BETWEEN 1 AND 720);

CREATE TABLE session_requests (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    client_id BIGINT REFERENCES clients (id) ON DELETE SET NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    session_type_id BIGINT NOT NULL REFERENCES session_types (id),
    message TEXT NOT NULL DEFAULT '',
    time_zone TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'approved', 'declined', 'expired', 'withdrawn')),
    decline_reason TEXT NOT NULL DEFAULT '',
    booking_id BIGINT REFERENCES bookings (id) ON DELETE SET NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- The coach's list (newest first, optionally one status) and the dashboard's pending count.
CREATE INDEX session_requests_coach_status ON session_requests (coach_id, status, id);
CREATE INDEX session_requests_coach_id ON session_requests (coach_id, id);
-- A requester's own requests (the client's portal).
CREATE INDEX session_requests_user ON session_requests (user_id, id);

-- The proposed times, one row each (position 0..2 in the order given). coach_id and created_at
-- are the request's, kept here so that the demand report reads one index range: the coach's
-- times asked for in the last 90 days. local_weekday (1 = Monday .. 7) and local_hour are the
-- start in the coach's zone when asked; offered says whether the time was an open slot then.
CREATE TABLE session_request_times (
    id {id},
    request_id BIGINT NOT NULL REFERENCES session_requests (id) ON DELETE CASCADE,
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    position BIGINT NOT NULL CHECK (position BETWEEN 0 AND 2),
    start_at BIGINT NOT NULL,
    end_at BIGINT NOT NULL,
    local_weekday BIGINT NOT NULL CHECK (local_weekday BETWEEN 1 AND 7),
    local_hour BIGINT NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
    offered BIGINT NOT NULL DEFAULT 0 CHECK (offered IN (0, 1)),
    created_at BIGINT NOT NULL,
    CHECK (end_at > start_at)
);
CREATE UNIQUE INDEX session_request_times_position ON session_request_times (request_id, position);
CREATE INDEX session_request_times_demand ON session_request_times (coach_id, created_at);
