-- Issue 17, pricing: tiered prices per session type, a client's own price per session type,
-- the price an enrolment was sold at, and payments the coach records.

-- A session type's tiers: from_session is the first session number (per client, per type,
-- counting bookings that were not cancelled) the tier's unit price applies to. No rows = the
-- type's price_cents for every session. The currency is the session type's.
CREATE TABLE session_type_price_tiers (
    session_type_id BIGINT NOT NULL REFERENCES session_types (id) ON DELETE CASCADE,
    from_session BIGINT NOT NULL CHECK (from_session BETWEEN 1 AND 10000),
    unit_price_cents BIGINT NOT NULL CHECK (unit_price_cents BETWEEN 0 AND 100000000),
    PRIMARY KEY (session_type_id, from_session)
);

-- The coach's arrangement with one client for one session type; replaces the tiers for them.
CREATE TABLE client_prices (
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    session_type_id BIGINT NOT NULL REFERENCES session_types (id) ON DELETE CASCADE,
    price_cents BIGINT NOT NULL CHECK (price_cents BETWEEN 0 AND 100000000),
    currency TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (client_id, session_type_id)
);
CREATE INDEX client_prices_coach_id ON client_prices (coach_id);

-- What an enrolment was sold at, so a later change of the package's price does not rewrite what
-- the client owes. Existing enrolments take their package's current price.
ALTER TABLE enrolments ADD COLUMN price_cents BIGINT CHECK (price_cents >= 0);
ALTER TABLE enrolments ADD COLUMN price_currency TEXT;
UPDATE enrolments SET
    price_cents = (SELECT p.price_cents FROM packages p WHERE p.id = enrolments.package_id),
    price_currency = (SELECT p.currency FROM packages p WHERE p.id = enrolments.package_id);

-- Money received. provider NULL = recorded by hand by the coach; an online provider later fills
-- provider, provider_ref and moves status (pending -> succeeded / failed, refunded) without a
-- change of shape. What it pays for: an enrolment, a booking, or neither (on account).
CREATE TABLE payments (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    amount_cents BIGINT NOT NULL CHECK (amount_cents > 0),
    currency TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('cash', 'bank_transfer', 'card_in_person', 'other')),
    paid_on TEXT NOT NULL,
    enrolment_id BIGINT REFERENCES enrolments (id) ON DELETE SET NULL,
    booking_id BIGINT REFERENCES bookings (id) ON DELETE SET NULL,
    note TEXT NOT NULL DEFAULT '',
    provider TEXT,
    provider_ref TEXT,
    status TEXT NOT NULL DEFAULT 'recorded' CHECK (status IN ('recorded', 'pending', 'succeeded', 'failed', 'refunded')),
    created_at BIGINT NOT NULL,
    CHECK (enrolment_id IS NULL OR booking_id IS NULL)
);
-- The insights read money received per day over a range: from the coach and the day.
CREATE INDEX payments_coach_id_paid_on ON payments (coach_id, paid_on);
CREATE INDEX payments_client_id ON payments (client_id);
CREATE UNIQUE INDEX payments_provider_ref ON payments (provider, provider_ref);
