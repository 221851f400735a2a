-- A number that every change to what a coach's availability is computed from bumps: sessions and
-- their bookings, weekly hours, date overrides, time off, session types and the booking policy.
-- A node may keep a coach's calendar in memory while the number is still the one it loaded it
-- at; a write on any node changes the number, so the copy stays right across several nodes.
-- Triggers keep it, so that no write path can forget to.
ALTER TABLE coaches ADD COLUMN calendar_version BIGINT NOT NULL DEFAULT 0;
-- @sqlite
CREATE TRIGGER sessions_calendar_insert AFTER INSERT ON sessions BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
CREATE TRIGGER sessions_calendar_update AFTER UPDATE ON sessions BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id IN (OLD.coach_id, NEW.coach_id);
END;
CREATE TRIGGER sessions_calendar_delete AFTER DELETE ON sessions BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = OLD.coach_id;
END;
CREATE TRIGGER bookings_calendar_insert AFTER INSERT ON bookings BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
CREATE TRIGGER bookings_calendar_update AFTER UPDATE ON bookings BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id IN (OLD.coach_id, NEW.coach_id);
END;
CREATE TRIGGER bookings_calendar_delete AFTER DELETE ON bookings BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = OLD.coach_id;
END;
CREATE TRIGGER availability_rules_calendar_insert AFTER INSERT ON availability_rules BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
CREATE TRIGGER availability_rules_calendar_update AFTER UPDATE ON availability_rules BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id IN (OLD.coach_id, NEW.coach_id);
END;
CREATE TRIGGER availability_rules_calendar_delete AFTER DELETE ON availability_rules BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = OLD.coach_id;
END;
CREATE TRIGGER date_overrides_calendar_insert AFTER INSERT ON date_overrides BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
CREATE TRIGGER date_overrides_calendar_update AFTER UPDATE ON date_overrides BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id IN (OLD.coach_id, NEW.coach_id);
END;
CREATE TRIGGER date_overrides_calendar_delete AFTER DELETE ON date_overrides BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = OLD.coach_id;
END;
CREATE TRIGGER blocks_calendar_insert AFTER INSERT ON blocks BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
CREATE TRIGGER blocks_calendar_update AFTER UPDATE ON blocks BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id IN (OLD.coach_id, NEW.coach_id);
END;
CREATE TRIGGER blocks_calendar_delete AFTER DELETE ON blocks BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = OLD.coach_id;
END;
CREATE TRIGGER session_types_calendar_insert AFTER INSERT ON session_types BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.coach_id;
END;
CREATE TRIGGER session_types_calendar_update AFTER UPDATE ON session_types BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id IN (OLD.coach_id, NEW.coach_id);
END;
CREATE TRIGGER session_types_calendar_delete AFTER DELETE ON session_types BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = OLD.coach_id;
END;
CREATE TRIGGER coaches_calendar_policy AFTER UPDATE OF min_notice_minutes, max_days_ahead,
    slot_interval_minutes, max_sessions_per_day, max_sessions_per_week, cancellation_cutoff_minutes,
    reschedule_cutoff_minutes ON coaches BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1 WHERE id = NEW.id;
END;
-- @end
-- @postgres
-- Once per statement, for every coach the statement touched (a bulk insert bumps once).
CREATE FUNCTION coachbook_bump_calendar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coaches SET calendar_version = calendar_version + 1
    WHERE id IN (SELECT DISTINCT coach_id FROM changed);
    RETURN NULL;
END $$;
CREATE TRIGGER sessions_calendar_insert AFTER INSERT ON sessions
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER sessions_calendar_update AFTER UPDATE ON sessions
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER sessions_calendar_delete AFTER DELETE ON sessions
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER bookings_calendar_insert AFTER INSERT ON bookings
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER bookings_calendar_update AFTER UPDATE ON bookings
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER bookings_calendar_delete AFTER DELETE ON bookings
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER availability_rules_calendar_insert AFTER INSERT ON availability_rules
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER availability_rules_calendar_update AFTER UPDATE ON availability_rules
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER availability_rules_calendar_delete AFTER DELETE ON availability_rules
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER date_overrides_calendar_insert AFTER INSERT ON date_overrides
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER date_overrides_calendar_update AFTER UPDATE ON date_overrides
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER date_overrides_calendar_delete AFTER DELETE ON date_overrides
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER blocks_calendar_insert AFTER INSERT ON blocks
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER blocks_calendar_update AFTER UPDATE ON blocks
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER blocks_calendar_delete AFTER DELETE ON blocks
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER session_types_calendar_insert AFTER INSERT ON session_types
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER session_types_calendar_update AFTER UPDATE ON session_types
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE TRIGGER session_types_calendar_delete AFTER DELETE ON session_types
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION coachbook_bump_calendar();
CREATE FUNCTION coachbook_bump_calendar_policy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.calendar_version := OLD.calendar_version + 1;
    RETURN NEW;
END $$;
CREATE TRIGGER coaches_calendar_policy BEFORE UPDATE OF min_notice_minutes, max_days_ahead,
    slot_interval_minutes, max_sessions_per_day, max_sessions_per_week, cancellation_cutoff_minutes,
    reschedule_cutoff_minutes ON coaches FOR EACH ROW EXECUTE FUNCTION coachbook_bump_calendar_policy();
-- @end
