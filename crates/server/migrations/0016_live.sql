-- Live updates across nodes. Every change to what a coach's calendar shows bumps
-- coaches.calendar_version (migration 0005 and the privacy settings); on PostgreSQL this tells
-- every node, through NOTIFY on the channel `coachbook_calendar` with the payload
-- `{coach id}:{version}`, so each node's open event streams hear of it. NOTIFY is transactional:
-- it is delivered when the change commits, and never for one rolled back. SQLite has one
-- process, which reads the numbers itself (see app/live.rs).
-- @postgres
CREATE FUNCTION coachbook_notify_calendar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('coachbook_calendar', NEW.id::text || ':' || NEW.calendar_version::text);
    RETURN NULL;
END $$;
CREATE TRIGGER coaches_calendar_notify AFTER UPDATE ON coaches FOR EACH ROW
    WHEN (NEW.calendar_version IS DISTINCT FROM OLD.calendar_version)
    EXECUTE FUNCTION coachbook_notify_calendar();
-- @end
