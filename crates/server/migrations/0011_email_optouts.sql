-- Unsubscribing from reminders. A reminder email carries a link (and a List-Unsubscribe header,
-- RFC 2369/8058) with a random token of its own; following it records that this address wants no
-- more reminders from this coach. Reminders check it when they are written.
ALTER TABLE emails ADD COLUMN unsubscribe_token TEXT;
CREATE UNIQUE INDEX emails_unsubscribe_token ON emails (unsubscribe_token);
CREATE TABLE email_optouts (
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (coach_id, email, kind)
);
