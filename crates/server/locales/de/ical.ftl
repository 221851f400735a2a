# Kalendertexte (Einladungen und Feeds), in der Sprache des Lesers.

ical-summary = { $session } mit { $coach }
ical-join = Teilnehmen: { $url }
ical-anonymous = Klienten-Termin
ical-feed-anonymised = { $coach } (anonymisiert)
ical-feed-coach = { $coach } – Termine
ical-feed-client = Termine mit { $coach }
ical-group-empty = { $session } (noch niemand gebucht)
ical-participant = { $name } ({ $status })
ical-status-pending = offen
ical-status-confirmed = bestätigt
ical-status-cancelled = abgesagt
ical-status-completed = stattgefunden
ical-status-no-show = nicht erschienen
