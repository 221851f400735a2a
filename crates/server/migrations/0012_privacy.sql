-- The coach's public page and who sees what on it: a short profile, the privacy settings (who sees
-- the calendar, who may book, how booked time shows, whether prices show), and per session type
-- who sees it and a line describing it. Defaults keep a page public and anonymous: booked time
-- shows only as "Booked".
ALTER TABLE coaches ADD COLUMN bio TEXT NOT NULL DEFAULT '';
ALTER TABLE coaches ADD COLUMN photo_url TEXT NOT NULL DEFAULT '';
ALTER TABLE coaches ADD COLUMN calendar_visibility TEXT NOT NULL DEFAULT 'public'
    CHECK (calendar_visibility IN ('private', 'connected', 'public'));
ALTER TABLE coaches ADD COLUMN booking_audience TEXT NOT NULL DEFAULT 'public'
    CHECK (booking_audience IN ('connected', 'registered', 'public'));
ALTER TABLE coaches ADD COLUMN show_booked TEXT NOT NULL DEFAULT 'booked'
    CHECK (show_booked IN ('no', 'booked', 'booked_with_type'));
ALTER TABLE coaches ADD COLUMN show_prices BIGINT NOT NULL DEFAULT 1;

ALTER TABLE session_types ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'
    CHECK (visibility IN ('nobody', 'connected', 'registered', 'public'));
ALTER TABLE session_types ADD COLUMN description TEXT NOT NULL DEFAULT '';

-- A client's account link is looked up on every visit to a coach's page by a signed-in person.
CREATE INDEX clients_user_id ON clients (user_id);
