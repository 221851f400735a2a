# Calendar texts (invitations and feeds), in the reader's language.

ical-summary = { $session } with { $coach }
ical-join = Join: { $url }
ical-anonymous = Client session
ical-feed-anonymised = { $coach } (anonymised)
ical-feed-coach = { $coach } – sessions
ical-feed-client = Sessions with { $coach }
ical-group-empty = { $session } (no one booked yet)
ical-participant = { $name } ({ $status })
ical-status-pending = pending
ical-status-confirmed = confirmed
ical-status-cancelled = cancelled
ical-status-completed = completed
ical-status-no-show = no-show
