# Einstellungen › Belegt-Kalender (/admin/settings/busy-calendars).

busy-title = Belegt-Kalender
busy-lead = Ihre anderen Kalender (Google, Outlook, Apple, Nextcloud, Fastmail …), deren Termine Sie belegen. Diese Zeiten blockieren Ihre freien Zeiten; Klienten sehen nur, dass eine Zeit nicht frei ist. Übernommen werden nur die Zeiten, nie Titel oder Details. Jeder Kalender wird alle { $minutes } Minuten gelesen.
busy-yours = Ihre Belegt-Kalender
busy-none = Noch keine Belegt-Kalender.
busy-none-hint = Fügen Sie unten die geheime iCal-Adresse eines Kalenders oder einen CalDAV-Kalender hinzu; seine Termine blockieren dann Ihre freien Zeiten.
busy-col-name = Name
busy-col-kind = Art
busy-col-synced = Zuletzt abgeglichen
busy-col-status = Status
busy-col-count = Belegte Zeiten, nächste 30 Tage
busy-col-actions = Aktionen
busy-status-ok = OK
busy-status-error = Fehler
busy-status-waiting = Wartet
busy-status-waiting-text = wartet auf den ersten Abgleich
busy-sync-now = Jetzt abgleichen
busy-remove = Entfernen
busy-remove-question = { $name } entfernen? Die belegte Zeit daraus blockiert Ihre freien Zeiten dann nicht mehr.
busy-remove-button = Kalender entfernen
busy-add-title = Kalender hinzufügen
busy-fix-fields = { $count ->
    [one] Bitte korrigieren Sie das markierte Feld unten. Es wurde nichts hinzugefügt.
   *[other] Bitte korrigieren Sie die markierten Felder unten. Es wurde nichts hinzugefügt.
}
busy-name-hint = Erscheint in Ihrem Kalender als „Belegt · Name“.
busy-kind-ics = ICS-Adresse (Googles geheime Adresse im iCal-Format, der veröffentlichte Kalender von Outlook, jeder .ics-Link)
busy-kind-caldav = CalDAV (iCloud, Nextcloud, Fastmail und andere CalDAV-Server)
busy-url = Adresse
busy-url-hint = Beginnt mit https:// (webcal:// geht auch). Bei CalDAV die Adresse des Kalenders oder des Servers.
busy-username = Benutzername (nur CalDAV)
busy-password = Passwort (nur CalDAV)
busy-password-hint = Ein App-Passwort, wo Ihr Anbieter eines anbietet. Es wird nie wieder angezeigt.
busy-add = Kalender hinzufügen
busy-added = { $name } ist hinzugefügt; der erste Abgleich läuft jetzt.
busy-syncing = { $name } wird jetzt abgeglichen; laden Sie die Seite gleich neu, um das Ergebnis zu sehen.
busy-removed = Der Kalender ist entfernt; seine belegte Zeit blockiert Ihre freien Zeiten nicht mehr.
busy-ago-never = nie
busy-ago-now = gerade eben
busy-ago-minutes = { $count ->
    [one] vor 1 Minute
   *[other] vor { $count } Minuten
}
busy-ago-hours = { $count ->
    [one] vor 1 Stunde
   *[other] vor { $count } Stunden
}
busy-ago-days = { $count ->
    [one] vor 1 Tag
   *[other] vor { $count } Tagen
}
