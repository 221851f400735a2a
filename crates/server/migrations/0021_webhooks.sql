-- Webhooks: a coach registers endpoints (an http(s) URL typed by the coach, checked against the
-- outbound policy) for event types; each change of those types writes one delivery per endpoint
-- and its `webhook.deliver` job in the change's own transaction. event_types is the list the
-- endpoint is subscribed to, space-separated, or '*' for every type (present and future).
-- secret is the endpoint's Standard Webhooks signing key, `whsec_` + base64 (kept to sign with;
-- shown to the coach only). A deleted endpoint keeps its row (deleted_at) so that deliveries
-- still queued for it end as failed; it is no longer listed or delivered to.
CREATE TABLE webhook_endpoints (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    event_types TEXT NOT NULL,
    secret TEXT NOT NULL,
    enabled BIGINT NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    created_at BIGINT NOT NULL,
    disabled_at BIGINT,
    deleted_at BIGINT
);
-- A coach's endpoints, and the ones a change delivers to.
CREATE INDEX webhook_endpoints_coach ON webhook_endpoints (coach_id, deleted_at, id);

-- One event sent to one endpoint. message_id is the `webhook-id` header, the same on every
-- attempt (receivers deduplicate on it); payload is the JSON body exactly as signed. status:
-- 'pending' (queued or between attempts), 'delivered' (a 2xx), 'failed' (attempts ran out, or
-- the endpoint went). The last attempt's response code, excerpt or error, and duration are here;
-- every attempt is a row of webhook_attempts.
CREATE TABLE webhook_deliveries (
    id {id},
    endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    message_id TEXT NOT NULL UNIQUE,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    response_code BIGINT,
    response_excerpt TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    last_attempt_at BIGINT,
    delivered_at BIGINT,
    duration_ms BIGINT
);
-- An endpoint's log, newest first, a page at a time.
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);

-- Each attempt of a delivery: when, the response code (none when no answer came), the error or
-- a short excerpt of the answer, and how long it took.
CREATE TABLE webhook_attempts (
    id {id},
    delivery_id BIGINT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at BIGINT NOT NULL,
    response_code BIGINT,
    detail TEXT NOT NULL DEFAULT '',
    duration_ms BIGINT NOT NULL
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
