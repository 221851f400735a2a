-- The practice: packages a client can buy, clients and their enrolments in packages, the package
-- credit ledger, and applications (prospects asking to be coached). Bookings learn which client,
-- enrolment and application they belong to.

-- The coach's own intake questions on the apply form, one per line.
ALTER TABLE coaches ADD COLUMN intake_questions TEXT NOT NULL DEFAULT '';

-- What a client buys: a number of sessions of a length (optionally of one session type), a price
-- and a validity. validity_days NULL means the credits never expire.
CREATE TABLE packages (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    session_type_id BIGINT REFERENCES session_types (id) ON DELETE SET NULL,
    session_count BIGINT NOT NULL CHECK (session_count > 0),
    session_minutes BIGINT NOT NULL CHECK (session_minutes > 0),
    price_cents BIGINT NOT NULL DEFAULT 0 CHECK (price_cents >= 0),
    currency TEXT NOT NULL DEFAULT 'EUR',
    validity_days BIGINT CHECK (validity_days > 0),
    description TEXT NOT NULL DEFAULT '',
    archived_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX packages_coach_id ON packages (coach_id);

-- A person the coach works with. user_id links a client to an account ("connected"). Emails are
-- stored lower-case, so the unique index is case-insensitive in effect.
CREATE TABLE clients (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX clients_coach_id_email ON clients (coach_id, email);

-- A client's enrolment in a package. sessions_total is copied from the package so that editing
-- the package later does not change what the client bought.
CREATE TABLE enrolments (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    package_id BIGINT NOT NULL REFERENCES packages (id),
    sessions_total BIGINT NOT NULL CHECK (sessions_total > 0),
    starts_on TEXT NOT NULL,
    expires_on TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'cancelled')),
    created_at BIGINT NOT NULL
);
CREATE INDEX enrolments_coach_id ON enrolments (coach_id);
CREATE INDEX enrolments_client_id ON enrolments (client_id);
CREATE INDEX enrolments_package_id ON enrolments (package_id);

-- The package credit ledger: credits remaining = SUM(delta) per enrolment. Rows are only ever
-- added, so every change says who made it and when. 'grant' (+n) on enrolment; a booking 'hold's
-- one (-1); a cancellation in time 'release's it (+1); a late cancellation or no-show 'use's it
-- (0, turning the hold into a use); the coach may 'waive' a use (+1).
CREATE TABLE credit_entries (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    enrolment_id BIGINT NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
    booking_id BIGINT REFERENCES bookings (id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('grant', 'hold', 'release', 'use', 'waive')),
    delta BIGINT NOT NULL,
    actor_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX credit_entries_coach_id ON credit_entries (coach_id);
CREATE INDEX credit_entries_enrolment_id ON credit_entries (enrolment_id);
CREATE INDEX credit_entries_booking_id ON credit_entries (booking_id);

-- A prospect's request to be coached. answers is a JSON array of {question, answer} pairs, as
-- asked when they applied (the coach may change the questions later).
CREATE TABLE applications (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    goals TEXT NOT NULL DEFAULT '',
    answers TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'reviewing', 'discovery_scheduled', 'accepted', 'declined', 'promoted')),
    booking_id BIGINT REFERENCES bookings (id) ON DELETE SET NULL,
    client_id BIGINT REFERENCES clients (id) ON DELETE SET NULL,
    package_id BIGINT REFERENCES packages (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX applications_coach_id ON applications (coach_id);

-- Which client, enrolment (package credit) and application a booking belongs to. SQLite accepts
-- ADD COLUMN with REFERENCES because the default is NULL. application_id carries no foreign key:
-- applications already reference bookings, and the cycle would make deletes order-dependent.
ALTER TABLE bookings ADD COLUMN client_id BIGINT REFERENCES clients (id) ON DELETE SET NULL;
ALTER TABLE bookings ADD COLUMN enrolment_id BIGINT REFERENCES enrolments (id) ON DELETE SET NULL;
ALTER TABLE bookings ADD COLUMN application_id BIGINT;
CREATE INDEX bookings_client_id ON bookings (client_id);
