-- In-app notifications: one row per person (user) who should hear of a change, written in the
-- same transaction as the change. The words are kept as they were written for that person (in
-- their time zone), with a link to a page of this site. read_at is NULL until they read it.
-- coach_id is the practice it happened in; booking_id / application_id what it is about.
CREATE TABLE notifications (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    coach_id BIGINT NOT NULL REFERENCES coaches (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL,
    booking_id BIGINT REFERENCES bookings (id) ON DELETE SET NULL,
    application_id BIGINT REFERENCES applications (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
-- "Newest for a user" (a page of the list, newest first, by id) and "unread for a user" (the
-- bell's count and the unread list): each read starts at the user and stops at its LIMIT.
CREATE INDEX notifications_user_newest ON notifications (user_id, id);
CREATE INDEX notifications_user_unread ON notifications (user_id, id) WHERE read_at IS NULL;
-- Deleting a booking or an application finds the notifications that point at it.
CREATE INDEX notifications_booking_id ON notifications (booking_id);
CREATE INDEX notifications_application_id ON notifications (application_id);
