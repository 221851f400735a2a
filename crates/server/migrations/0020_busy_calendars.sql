-- Busy time from the coach's other calendars (issue 15). A busy calendar is a source the coach
-- added: an ICS address polled on a schedule, or a CalDAV calendar (url is what the coach typed;
-- calendar_url the calendar that discovery found there). What a sync last saw is kept so the next
-- one asks only for changes: the ICS answer's ETag and Last-Modified, the CalDAV collection's
-- sync-token and ctag. The CalDAV password is kept as typed (the server needs it as such) and is
-- never shown again. window_end_at: how far ahead the stored intervals were expanded.
CREATE TABLE busy_calendars (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('ics', 'caldav')),
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    username TEXT NOT NULL DEFAULT '',
    password TEXT NOT NULL DEFAULT '',
    calendar_url TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    http_etag TEXT,
    http_last_modified TEXT,
    sync_token TEXT,
    ctag TEXT,
    window_end_at BIGINT,
    last_synced_at BIGINT,
    last_attempt_at BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX busy_calendars_coach ON busy_calendars (coach_id, id);

-- The busy intervals imported from one source: times only, never a title, description or place.
-- href and etag name the CalDAV resource an interval came from (empty for ICS), so a changed or
-- deleted resource replaces or drops its own intervals. No interval is longer than 7 days (longer
-- ones are stored in pieces), so a window's query starts at a bound the index serves.
CREATE TABLE busy_intervals (
    id {id},
    calendar_id BIGINT NOT NULL REFERENCES busy_calendars (id) ON DELETE CASCADE,
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    href TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX busy_intervals_coach_time ON busy_intervals (coach_id, starts_at);
CREATE INDEX busy_intervals_calendar ON busy_intervals (calendar_id, href);

-- Imported busy time changes which slots are open: the calendar version moves.
-- @sqlite
CREATE TRIGGER busy_intervals_calendar_insert AFTER INSERT ON busy_intervals BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
CREATE TRIGGER busy_intervals_calendar_update AFTER UPDATE ON busy_intervals BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id IN (OLD.coach_id, NEW.coach_id);
END;
CREATE TRIGGER busy_intervals_calendar_delete AFTER DELETE ON busy_intervals BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = OLD.coach_id;
END;
-- @end
-- @postgres
CREATE TRIGGER busy_intervals_calendar_insert AFTER INSERT ON busy_intervals
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER busy_intervals_calendar_update AFTER UPDATE ON busy_intervals
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER busy_intervals_calendar_delete AFTER DELETE ON busy_intervals
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
-- @end
