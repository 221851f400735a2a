-- iCalendar feeds out (issue 15): secret-token subscription addresses, and the revision numbers
-- their events' SEQUENCE is made of.

-- One feed per (coach, kind) for the coach ('coach': every session with participants' names and
-- links; 'coach_anonymous': the same times as "Client session", nothing else), and one per
-- (client, coach) for a connected client ('client': their own bookings with that coach).
-- user_id is the account the address was given to: a client's feed answers only while the client
-- record is still connected to that account. The token itself is kept (not a hash as for
-- invitation links), because its owner must be able to list the address again at any time; it is
-- a random 128-bit hex string, as manage links are. Rotating writes a new token in place, so the
-- old address answers 404 at once.
CREATE TABLE calendar_feeds (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('coach', 'coach_anonymous', 'client')),
    client_id BIGINT REFERENCES clients (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    rotated_at BIGINT,
    CHECK ((kind = 'client') = (client_id IS NOT NULL))
);
CREATE UNIQUE INDEX calendar_feeds_token ON calendar_feeds (token);
-- One coach feed of each kind, one feed per client (NULLs never collide, hence two indexes).
CREATE UNIQUE INDEX calendar_feeds_coach_kind ON calendar_feeds (coach_id, kind) WHERE client_id IS NULL;
CREATE UNIQUE INDEX calendar_feeds_client ON calendar_feeds (client_id) WHERE client_id IS NOT NULL;
CREATE INDEX calendar_feeds_user ON calendar_feeds (user_id);

-- A feed's SEQUENCE: every UPDATE of a session or a booking raises its revision, whatever code
-- path makes it, so a calendar app always sees a changed event as newer. Sessions and bookings
-- are never deleted on their own (cancelling is a status), so sums of revisions only grow.
ALTER TABLE sessions ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
-- @sqlite
-- A BEFORE trigger cannot change NEW in SQLite: the row is raised again after the update. The
-- WHEN clause keeps that second update (which changes revision) from firing it once more.
CREATE TRIGGER sessions_revision AFTER UPDATE ON sessions
    WHEN NEW.revision = OLD.revision BEGIN
    UPDATE sessions SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;
CREATE TRIGGER bookings_revision AFTER UPDATE ON bookings
    WHEN NEW.revision = OLD.revision BEGIN
    UPDATE bookings SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;
-- A client's new name is in the coach's feed: its ETag (the calendar version) must move.
CREATE TRIGGER clients_calendar_name AFTER UPDATE OF name ON clients
    WHEN NEW.name IS NOT OLD.name BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
-- @end
-- @postgres
CREATE FUNCTION coachbook_raise_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.revision := OLD.revision + 1;
    RETURN NEW;
END $$;
CREATE TRIGGER sessions_revision BEFORE UPDATE ON sessions
    FOR EACH ROW EXECUTE FUNCTION coachbook_raise_revision();
CREATE TRIGGER bookings_revision BEFORE UPDATE ON bookings
    FOR EACH ROW EXECUTE FUNCTION coachbook_raise_revision();
CREATE FUNCTION coachbook_bump_calendar_client_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
    RETURN NULL;
END $$;
CREATE TRIGGER clients_calendar_name AFTER UPDATE OF name ON clients
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION coachbook_bump_calendar_client_name();
-- @end
