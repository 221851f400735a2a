-- What a coach's practice sends: the reminder offsets before a session (minutes, comma-separated,
-- at most three; empty for none; 24 hours by default) and the kinds of email switched off
-- (comma-separated kinds; empty: every kind is sent).
ALTER TABLE coaches ADD COLUMN reminder_offsets TEXT NOT NULL DEFAULT '1440';
ALTER TABLE coaches ADD COLUMN emails_off TEXT NOT NULL DEFAULT '';
