-- Scheduling: session types, the coach's availability (weekly rules, date overrides, blocks),
-- the booking policy, sessions on the calendar and the bookings in them.

-- Booking policy ("firm booking" limits), one set per coach.
ALTER TABLE coaches ADD COLUMN min_notice_minutes BIGINT NOT NULL DEFAULT 720;
ALTER TABLE coaches ADD COLUMN max_days_ahead BIGINT NOT NULL DEFAULT 60;
ALTER TABLE coaches ADD COLUMN slot_interval_minutes BIGINT NOT NULL DEFAULT 30;
ALTER TABLE coaches ADD COLUMN max_sessions_per_day BIGINT;
ALTER TABLE coaches ADD COLUMN max_sessions_per_week BIGINT;
ALTER TABLE coaches ADD COLUMN cancellation_cutoff_minutes BIGINT NOT NULL DEFAULT 1440;
ALTER TABLE coaches ADD COLUMN reschedule_cutoff_minutes BIGINT NOT NULL DEFAULT 1440;

CREATE TABLE session_types (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('one_on_one', 'group', 'discovery')),
    duration_minutes BIGINT NOT NULL CHECK (duration_minutes > 0),
    price_cents BIGINT NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    currency TEXT NOT NULL DEFAULT 'EUR',
    capacity BIGINT NOT NULL DEFAULT 1 CHECK (capacity >= 1),
    buffer_before_minutes BIGINT NOT NULL DEFAULT 0 CHECK (buffer_before_minutes >= 0),
    buffer_after_minutes BIGINT NOT NULL DEFAULT 0 CHECK (buffer_after_minutes >= 0),
    color TEXT NOT NULL DEFAULT '#2f6f62',
    requires_approval BIGINT NOT NULL DEFAULT 0,
    archived_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX session_types_coach_id ON session_types (coach_id);

-- Weekly windows in the coach's time zone; minutes after local midnight. session_type_ids is a
-- comma-separated list (empty = every type).
CREATE TABLE availability_rules (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute BIGINT NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute BIGINT NOT NULL CHECK (end_minute BETWEEN 1 AND 1440),
    session_type_ids TEXT NOT NULL DEFAULT '',
    valid_from TEXT,
    valid_until TEXT,
    CHECK (end_minute > start_minute)
);
CREATE INDEX availability_rules_coach_id ON availability_rules (coach_id);

-- A date's hours replace the weekly rules for that date; a row without minutes closes the day.
CREATE TABLE date_overrides (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    start_minute BIGINT,
    end_minute BIGINT
);
CREATE INDEX date_overrides_coach_date ON date_overrides (coach_id, date);

-- Time off: once (an instant range), whole days (a date range) or weekly (weekdays + minutes).
CREATE TABLE blocks (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('once', 'days', 'weekly')),
    start_at BIGINT,
    end_at BIGINT,
    from_date TEXT,
    until_date TEXT,
    weekdays TEXT NOT NULL DEFAULT '',
    start_minute BIGINT,
    end_minute BIGINT,
    label TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'manual',
    created_at BIGINT NOT NULL
);
CREATE INDEX blocks_coach_id ON blocks (coach_id);

-- An occurrence on the coach's calendar. Buffers are copied from the type when it is created.
CREATE TABLE sessions (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    session_type_id BIGINT NOT NULL REFERENCES session_types (id),
    start_at BIGINT NOT NULL,
    end_at BIGINT NOT NULL,
    buffer_before_minutes BIGINT NOT NULL DEFAULT 0,
    buffer_after_minutes BIGINT NOT NULL DEFAULT 0,
    capacity BIGINT NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    meeting_url TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (end_at > start_at)
);
CREATE INDEX sessions_coach_start ON sessions (coach_id, start_at);
-- @postgres
-- The database itself refuses two live sessions of one coach at overlapping times, whatever
-- the application does (the backstop behind the per-coach lock).
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE sessions ADD CONSTRAINT sessions_no_overlap
    EXCLUDE USING gist (coach_id WITH =, int8range(start_at, end_at) WITH &&) WHERE (status = 'scheduled');
-- @end

-- One participant's place in a session.
CREATE TABLE bookings (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    session_id BIGINT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled', 'completed', 'no_show')),
    cancel_reason TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX bookings_session_id ON bookings (session_id);
CREATE INDEX bookings_coach_id ON bookings (coach_id);

-- A retried POST with the same Idempotency-Key gets the first answer back.
CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    response_status BIGINT NOT NULL,
    response_body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, key)
);
