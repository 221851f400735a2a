# Die Buchungsliste des Coachs (/admin/bookings) und die Zeile einer Buchung (auch auf der Seite eines Klienten).

bookings-title = Buchungen
bookings-lead = Alle bei Ihnen gebuchten Termine. Zeiten in { $zone }.
bookings-new = Neue Buchung
bookings-filter-label = Buchungen filtern
bookings-when = Zeitraum
bookings-upcoming = Anstehend
bookings-past = Vergangen
bookings-all = Alle
bookings-status-label = Status
bookings-any = Alle
bookings-type = Art
bookings-client = Klient
bookings-from = Von
bookings-to = Bis
bookings-search = Suche
bookings-search-placeholder = Name oder E-Mail
bookings-filter = Filtern
bookings-clear = Zurücksetzen
bookings-none-match = Keine Buchungen passen zu diesen Filtern.
bookings-none-match-hint = <a href="/admin/bookings">Setzen Sie die Filter zurück</a>, um alle anstehenden Buchungen zu sehen.
bookings-none-yet = Noch keine Buchungen.
bookings-none-yet-hint = Legen Sie zuerst eine Terminart an; dann buchen Sie Klienten hier, oder sie buchen selbst auf Ihrer Seite.
bookings-create-type = Terminart anlegen
bookings-none-upcoming = Keine anstehenden Buchungen.
bookings-none-upcoming-hint = Buchen Sie selbst einen Klienten, oder teilen Sie Ihre Buchungsseite.
# Der Status einer Buchung, nach seinem Code.
bookings-status = { $status ->
    [pending] Offen
    [confirmed] Bestätigt
    [cancelled] Abgesagt
    [completed] Stattgefunden
   *[no_show] Nicht erschienen
}

## Die Zeile einer Buchung.
bookings-row-credit = { $credit ->
    [held] (Einheit reserviert)
    [released] (Einheit zurückgegeben)
    [used] (Einheit verbraucht)
   *[waived] (Einheit erlassen)
}
bookings-row-client-page = Klientenseite
bookings-row-meeting-link = Meeting-Link
bookings-row-notes = Notizen:
bookings-row-confirm = Bestätigen
bookings-row-decline-menu = Ablehnen …
bookings-row-cancel-menu = Absagen …
bookings-row-reason = Grund (der Klient sieht ihn)
bookings-row-waive-late = Guthaben auch bei später Absage zurückgeben
bookings-row-decline = Buchung ablehnen
bookings-row-cancel = Buchung absagen
bookings-row-waive = Einheit erlassen
bookings-row-outcome = Ergebnis: { $who }
bookings-row-completed = Stattgefunden
bookings-row-no-show = Nicht erschienen
bookings-row-set = Setzen
bookings-row-edit = Bearbeiten
bookings-row-reschedule = Verschieben
bookings-row-notes-button = Notizen
# Für Screenreader nach einer Schaltfläche der Zeile: wessen Buchung und wann.
bookings-row-which = { $name }, { $day } { $time }
bookings-row-of-which = von { $name }, { $day } { $time }

## Was eine Statusänderung mit dem Paketguthaben macht.
bookings-credit-back = Die Einheit aus „{ $package }“ geht an den Klienten zurück.
bookings-credit-late = Nach Ihrer Absagefrist: Dies verbraucht die Einheit aus „{ $package }“, es sei denn, Sie geben sie zurück.
bookings-credit-uses = Verbraucht die dafür reservierte Einheit aus „{ $package }“.
bookings-credit-held = Die Einheit aus „{ $package }“ bleibt reserviert.

## Hinweise nach einer Aktion.
bookings-waived = { $name } bekommt die Einheit zurück.
bookings-now-confirmed = Die Buchung von { $name } ist bestätigt.
bookings-now-cancelled = Die Buchung von { $name } ist abgesagt.
bookings-now-completed = Die Buchung von { $name } ist als stattgefunden markiert.
bookings-now-no-show = Die Buchung von { $name } ist als nicht erschienen markiert.
