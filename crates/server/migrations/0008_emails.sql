-- Emails: rendered when the change that causes them commits (in its transaction), then sent by
-- an 'email.send' job. The row keeps everything the message needs, so sending reads nothing
-- else and what was sent can be shown as it was. status: 'queued' (waiting or retrying),
-- 'sent' (the SMTP server took it), 'kept' (no SMTP server configured: kept here only),
-- 'failed' (refused for good, or out of attempts; last_error says why). ics_sequence is the
-- invitation's SEQUENCE: one more than the booking's previous invitation, so every change of a
-- booking raises it. Times are Unix seconds.
CREATE TABLE emails (
    id {id},
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    booking_id BIGINT REFERENCES bookings (id) ON DELETE SET NULL,
    application_id BIGINT REFERENCES applications (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    from_name TEXT NOT NULL,
    reply_to_name TEXT NOT NULL,
    reply_to_email TEXT NOT NULL,
    to_name TEXT NOT NULL,
    to_email TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    ics TEXT,
    ics_method TEXT,
    ics_sequence BIGINT,
    list_unsubscribe TEXT,
    message_id TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'kept', 'failed')),
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    sent_at BIGINT
);
CREATE INDEX emails_coach ON emails (coach_id, id);
CREATE INDEX emails_booking ON emails (booking_id, ics_sequence);
CREATE INDEX emails_status ON emails (status, id);
