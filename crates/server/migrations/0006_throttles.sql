-- The throttles' state (sign-in failures, public-form submissions), in the database so that every
-- node on it counts against one allowance instead of each node granting its own. A row is one
-- key's "next try due at" instant (the GCRA's theoretical arrival time), in milliseconds since the
-- epoch. Keys are SHA-256 digests of what they count (an address, an email), never the address or
-- the email itself. Rows whose time has passed are deleted by housekeeping.
CREATE TABLE throttles (
    scope TEXT NOT NULL,
    key_digest TEXT NOT NULL,
    due_at_ms BIGINT NOT NULL,
    PRIMARY KEY (scope, key_digest)
);
CREATE INDEX throttles_due_at_ms ON throttles (due_at_ms);
