-- The job queue: work done after a change commits (emails, reminders, later imports and
-- webhooks), written in the same transaction as the change. A worker claims a due job with a
-- lease (status 'running', locked_by, locked_until); one whose worker died is claimed again when
-- the lease runs out. Failures are retried with backoff until max_attempts, then 'failed' with
-- the last error. Times are Unix seconds. dedupe_key makes "at most one such job" a constraint
-- (e.g. one reminder per booking and offset).
CREATE TABLE jobs (
    id {id},
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    coach_id BIGINT,
    status TEXT NOT NULL DEFAULT 'queued',
    run_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL DEFAULT 8,
    locked_by TEXT,
    locked_until BIGINT,
    last_error TEXT NOT NULL DEFAULT '',
    dedupe_key TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX jobs_queued ON jobs (status, run_at);
CREATE INDEX jobs_leases ON jobs (status, locked_until);
CREATE INDEX jobs_coach ON jobs (coach_id, status);
