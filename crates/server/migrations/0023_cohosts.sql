-- Sessions with several coaches (issue 16): one row per host of a session, the owner
-- (sessions.coach_id) included, so that the database can protect each host's time.
-- role: 'owner' (exactly the session's coach, kept by the triggers below) or 'cohost' (invited by
-- the owner). status: 'invited' (asked, not yet answered), 'accepted' or 'declined'; the owner's
-- row is always 'accepted'. An invited co-host's time is held already, so that the invitation
-- cannot be double booked while it waits; declining (or being removed) frees it.
-- start_at, end_at and session_status are copies of the session's, kept by triggers whatever
-- code path changes the session, so the exclusion constraint below sees every host's real time.
CREATE TABLE session_hosts (
    id {id},
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'cohost')),
    status TEXT NOT NULL CHECK (status IN ('invited', 'accepted', 'declined')),
    start_at BIGINT NOT NULL,
    end_at BIGINT NOT NULL,
    session_status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (end_at > start_at),
    CHECK (role = 'cohost' OR status = 'accepted')
);
CREATE UNIQUE INDEX session_hosts_session_coach ON session_hosts (session_id, coach_id);
-- A host's sessions near a range: the availability and list reads start at this bound.
CREATE INDEX session_hosts_coach_start ON session_hosts (coach_id, start_at);

INSERT INTO session_hosts (session_id, coach_id, role, status, start_at, end_at, session_status, created_at, updated_at)
    SELECT id, coach_id, 'owner', 'accepted', start_at, end_at, status, created_at, updated_at FROM sessions;

-- @sqlite
CREATE TRIGGER sessions_hosts_insert AFTER INSERT ON sessions BEGIN
    INSERT INTO session_hosts (session_id, coach_id, role, status, start_at, end_at, session_status, created_at, updated_at)
    VALUES (NEW.id, NEW.coach_id, 'owner', 'accepted', NEW.start_at, NEW.end_at, NEW.status, NEW.created_at, NEW.created_at);
END;
CREATE TRIGGER sessions_hosts_update AFTER UPDATE OF start_at, end_at, status, coach_id ON sessions BEGIN
    UPDATE session_hosts SET coach_id = NEW.coach_id
        WHERE session_id = NEW.id AND role = 'owner' AND coach_id <> NEW.coach_id;
    UPDATE session_hosts SET start_at = NEW.start_at, end_at = NEW.end_at, session_status = NEW.status
        WHERE session_id = NEW.id;
END;
-- A co-host's calendar (their free slots, cached per node) changes with the rows about them.
CREATE TRIGGER session_hosts_calendar_insert AFTER INSERT ON session_hosts WHEN NEW.role = 'cohost' BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
CREATE TRIGGER session_hosts_calendar_update AFTER UPDATE ON session_hosts
    WHEN NEW.role = 'cohost' OR OLD.role = 'cohost' BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id IN (OLD.coach_id, NEW.coach_id);
END;
CREATE TRIGGER session_hosts_calendar_delete AFTER DELETE ON session_hosts WHEN OLD.role = 'cohost' BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = OLD.coach_id;
END;
-- @end
-- @postgres
CREATE FUNCTION coachbook_session_hosts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO session_hosts (session_id, coach_id, role, status, start_at, end_at, session_status, created_at, updated_at)
    VALUES (NEW.id, NEW.coach_id, 'owner', 'accepted', NEW.start_at, NEW.end_at, NEW.status, NEW.created_at, NEW.created_at);
    RETURN NULL;
END $$;
CREATE TRIGGER sessions_hosts_insert AFTER INSERT ON sessions
    FOR EACH ROW EXECUTE FUNCTION coachbook_session_hosts_insert();
CREATE FUNCTION coachbook_session_hosts_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE session_hosts SET coach_id = NEW.coach_id
        WHERE session_id = NEW.id AND role = 'owner' AND coach_id <> NEW.coach_id;
    UPDATE session_hosts SET start_at = NEW.start_at, end_at = NEW.end_at, session_status = NEW.status
        WHERE session_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER sessions_hosts_update AFTER UPDATE OF start_at, end_at, status, coach_id ON sessions
    FOR EACH ROW WHEN (OLD.start_at IS DISTINCT FROM NEW.start_at OR OLD.end_at IS DISTINCT FROM NEW.end_at
        OR OLD.status IS DISTINCT FROM NEW.status OR OLD.coach_id IS DISTINCT FROM NEW.coach_id)
    EXECUTE FUNCTION coachbook_session_hosts_update();
CREATE FUNCTION coachbook_bump_calendar_cohosts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1
    WHERE id IN (SELECT DISTINCT coach_id FROM changed WHERE role = 'cohost');
    RETURN NULL;
END $$;
CREATE TRIGGER session_hosts_calendar_insert AFTER INSERT ON session_hosts
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar_cohosts();
CREATE TRIGGER session_hosts_calendar_update AFTER UPDATE ON session_hosts
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar_cohosts();
CREATE TRIGGER session_hosts_calendar_delete AFTER DELETE ON session_hosts
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar_cohosts();
-- The database backstop per host: two rows holding time (a scheduled session, a host who has
-- not declined) of one coach never overlap, whichever session they belong to.
ALTER TABLE session_hosts ADD CONSTRAINT session_hosts_no_overlap
    EXCLUDE USING gist (coach_id WITH =, int8range(start_at, end_at) WITH &&)
    WHERE (session_status = 'scheduled' AND status <> 'declined');
-- @end
