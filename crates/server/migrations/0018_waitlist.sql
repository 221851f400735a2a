-- Waitlists for full group sessions. A person waits for a seat in one session (an account, a
-- connected client, or a visitor with an email when the coach allows it). When a seat frees, the
-- first waiting (lowest position) is offered it: the entry becomes 'offered' with a claim link
-- (a random token; only its SHA-256 is stored) valid until offer_expires_at, and the seat is held
-- for them (an offered entry counts as a taken seat wherever availability is read). Claimed, the
-- entry keeps the booking it made; unclaimed at the deadline (a job at that instant), it becomes
-- 'expired' and the next person is offered the seat. status: 'waiting', 'offered', 'claimed',
-- 'expired', 'left' (the person left or passed on an offer) or 'removed' (by the coach).
-- email_key is the email trimmed and lower-cased: one live entry per person per session.
ALTER TABLE coaches ADD COLUMN waitlist_visitors BIGINT NOT NULL DEFAULT 0
    CHECK (waitlist_visitors IN (0, 1));
ALTER TABLE coaches ADD COLUMN waitlist_offer_hours BIGINT NOT NULL DEFAULT 12
    CHECK (waitlist_offer_hours BETWEEN 1 AND 168);

CREATE TABLE waitlist_entries (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    client_id BIGINT REFERENCES clients (id) ON DELETE SET NULL,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    position BIGINT NOT NULL,
    status TEXT NOT NULL DEFAULT 'waiting'
        CHECK (status IN ('waiting', 'offered', 'claimed', 'expired', 'left', 'removed')),
    token_hash TEXT,
    offered_at BIGINT,
    offer_expires_at BIGINT,
    booking_id BIGINT REFERENCES bookings (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- A session's line in order, and its held seats (the availability read counts them).
CREATE INDEX waitlist_entries_session ON waitlist_entries (session_id, status, position);
-- One live entry per person per session: joining twice is refused by the database as well.
CREATE UNIQUE INDEX waitlist_entries_live_person ON waitlist_entries (session_id, email_key)
    WHERE status IN ('waiting', 'offered');
CREATE UNIQUE INDEX waitlist_entries_token_hash ON waitlist_entries (token_hash);
CREATE INDEX waitlist_entries_user ON waitlist_entries (user_id);

-- An offer made, claimed or lapsed changes which seats are free: the calendar version moves.
-- @sqlite
CREATE TRIGGER waitlist_entries_calendar_insert AFTER INSERT ON waitlist_entries BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
CREATE TRIGGER waitlist_entries_calendar_update AFTER UPDATE OF status ON waitlist_entries BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id IN (OLD.coach_id, NEW.coach_id);
END;
CREATE TRIGGER waitlist_entries_calendar_delete AFTER DELETE ON waitlist_entries BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = OLD.coach_id;
END;
-- @end
-- @postgres
CREATE TRIGGER waitlist_entries_calendar_insert AFTER INSERT ON waitlist_entries
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER waitlist_entries_calendar_update AFTER UPDATE ON waitlist_entries
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER waitlist_entries_calendar_delete AFTER DELETE ON waitlist_entries
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
-- @end
