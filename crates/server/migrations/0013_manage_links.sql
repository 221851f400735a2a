-- A booking made on the coach's page without a connected account is managed through a link in its
-- confirmation email: a random token of its own, as unsubscribe links have. NULL for bookings the
-- coach made and those a connected client manages from their account.
ALTER TABLE bookings ADD COLUMN manage_token TEXT;
CREATE UNIQUE INDEX bookings_manage_token ON bookings (manage_token);
