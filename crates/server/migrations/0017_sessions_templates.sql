-- Managing sessions whole: session templates, the coach's meeting-link rule, and the price a
-- template set for one client's booking.

-- How a new session without a link of its own gets one: 'none' (it has none), 'fixed' (the
-- coach's personal room, meeting_link_url) or 'pattern' (meeting_link_url is an https URL with
-- `{random}` in it, replaced per session by a random URL-safe id).
ALTER TABLE coaches ADD COLUMN meeting_link_mode TEXT NOT NULL DEFAULT 'none'
    CHECK (meeting_link_mode IN ('none', 'fixed', 'pattern'));
ALTER TABLE coaches ADD COLUMN meeting_link_url TEXT NOT NULL DEFAULT '';

-- A template pre-fills a new session or booking. client_id and client_specific_price_cents:
-- a price agreed with one client, shown only to the coach (and later to that client).
CREATE TABLE session_templates (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    session_type_id BIGINT NOT NULL REFERENCES session_types (id),
    duration_minutes BIGINT NOT NULL CHECK (duration_minutes > 0),
    capacity BIGINT NOT NULL CHECK (capacity >= 1),
    meeting_url TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    client_id BIGINT REFERENCES clients (id) ON DELETE SET NULL,
    client_specific_price_cents BIGINT CHECK (client_specific_price_cents >= 0),
    currency TEXT NOT NULL DEFAULT 'EUR',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX session_templates_coach_name ON session_templates (coach_id, name);

-- The price of one booking when a template with a client-specific price made it (else none:
-- the session type's price applies).
ALTER TABLE bookings ADD COLUMN price_cents BIGINT CHECK (price_cents >= 0);
ALTER TABLE bookings ADD COLUMN price_currency TEXT;
