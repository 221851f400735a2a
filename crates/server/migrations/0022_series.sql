-- Recurring series (issue 16): a series is kept as its rule (RFC 5545 RRULE read on the coach's
-- wall clock from first_local, with exception dates), and its occurrences are materialised as
-- ordinary sessions up to materialised_until, so the conflict checks, the exclusion constraint and
-- bookings work on real rows. A job extends open series over a rolling horizon.
CREATE TABLE session_series (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    session_type_id BIGINT NOT NULL REFERENCES session_types (id),
    -- The RRULE value without DTSTART, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=10.
    rule TEXT NOT NULL,
    -- DTSTART: the first occurrence's local reading, YYYY-MM-DDTHH:MM, in zone.
    first_local TEXT NOT NULL,
    zone TEXT NOT NULL,
    duration_minutes BIGINT NOT NULL CHECK (duration_minutes > 0),
    capacity BIGINT NOT NULL CHECK (capacity >= 1),
    meeting_url TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    -- EXDATE: local readings (YYYY-MM-DDTHH:MM, comma-separated) the rule gives but the series
    -- skips (a collision left out, an occurrence removed before it was made).
    exdates TEXT NOT NULL DEFAULT '',
    -- Occurrences starting before this instant exist as sessions (or were skipped).
    materialised_until BIGINT NOT NULL,
    -- 1 once the rule has no occurrence left to make.
    ended BIGINT NOT NULL DEFAULT 0,
    -- The series this one was split from ("this and following").
    split_from BIGINT REFERENCES session_series (id) ON DELETE SET NULL,
    revision BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX session_series_coach ON session_series (coach_id);

-- An occurrence: its series and its start in the series (RECURRENCE-ID), kept when it is moved.
ALTER TABLE sessions ADD COLUMN series_id BIGINT REFERENCES session_series (id) ON DELETE SET NULL;
ALTER TABLE sessions ADD COLUMN recurrence_at BIGINT;
CREATE UNIQUE INDEX sessions_series_occurrence ON sessions (series_id, recurrence_at);

-- A series' rule is in the coach's feed: its ETag (the calendar version) must move with it.
-- @sqlite
CREATE TRIGGER session_series_calendar_insert AFTER INSERT ON session_series BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
CREATE TRIGGER session_series_calendar_update AFTER UPDATE ON session_series BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id IN (OLD.coach_id, NEW.coach_id);
END;
CREATE TRIGGER session_series_revision AFTER UPDATE ON session_series
    WHEN NEW.revision = OLD.revision BEGIN
    UPDATE session_series SET revision = OLD.revision + 1 WHERE id = NEW.id;
END;
-- @end
-- @postgres
CREATE TRIGGER session_series_calendar_insert AFTER INSERT ON session_series
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER session_series_calendar_update AFTER UPDATE ON session_series
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER session_series_revision BEFORE UPDATE ON session_series
    FOR EACH ROW EXECUTE FUNCTION coachbook_raise_revision();
-- @end
