# Eine Buchung bearbeiten und verschieben (/admin/bookings/{id}/edit und /reschedule).

booking-edit-back = ← Zurück
booking-edit-title = Buchung bearbeiten
booking-edit-reschedule-title = Buchung verschieben
booking-edit-tabs = Diese Buchung ändern
booking-edit-details = Angaben
booking-edit-date-time = Datum und Uhrzeit
booking-edit-fix-fields = { $count ->
    [one] Bitte korrigieren Sie das markierte Feld unten. Nichts wurde gespeichert.
   *[other] Bitte korrigieren Sie die { $count } markierten Felder unten. Nichts wurde gespeichert.
}
# $status ist der Statuscode der Buchung; $started, ob sie begonnen hat („yes“ oder „no“).
booking-edit-notes-only = { $started ->
    [yes] Diese Buchung ist { $status ->
        [pending] offen
        [confirmed] bestätigt
        [cancelled] abgesagt
        [completed] abgeschlossen
       *[no_show] als nicht erschienen markiert
    } und hat begonnen: Nur Ihre Notizen lassen sich noch ändern.
   *[no] Diese Buchung ist { $status ->
        [pending] offen
        [confirmed] bestätigt
        [cancelled] abgesagt
        [completed] abgeschlossen
       *[no_show] als nicht erschienen markiert
    }: Nur Ihre Notizen lassen sich noch ändern.
}
booking-edit-no-move = { $started ->
    [yes] Diese Buchung ist { $status ->
        [pending] offen
        [confirmed] bestätigt
        [cancelled] abgesagt
        [completed] abgeschlossen
       *[no_show] als nicht erschienen markiert
    } und hat begonnen; sie lässt sich nicht mehr verschieben.
   *[no] Diese Buchung ist { $status ->
        [pending] offen
        [confirmed] bestätigt
        [cancelled] abgesagt
        [completed] abgeschlossen
       *[no_show] als nicht erschienen markiert
    }; sie lässt sich nicht mehr verschieben.
}
booking-edit-shared = { $count ->
    [one] { $count } weitere Person ist in diesem Gruppentermin gebucht: Art und Meeting-Link ändern sich für alle Teilnehmenden, und alle werden benachrichtigt.
   *[other] { $count } weitere Personen sind in diesem Gruppentermin gebucht: Art und Meeting-Link ändern sich für alle Teilnehmenden, und alle werden benachrichtigt.
}
booking-edit-session-type = Terminart
booking-edit-type-option = { $name } ({ $minutes } Min.)
booking-edit-package = Paket
booking-edit-package-hint = Der Termin reserviert eine Einheit des gewählten Pakets; eine zuvor reservierte Einheit geht zurück.
booking-edit-no-package = Kein Paket (separat bezahlt)
booking-edit-package-option = { $package } — noch { $left } von { $total } Einheiten
booking-edit-package-expired = { $package } — noch { $left } von { $total } Einheiten, abgelaufen
booking-edit-package-used-now = { $label } (jetzt genutzt)
booking-edit-meeting-link = Meeting-Link
booking-edit-meeting-link-hint = https://…, oder leer für keinen. Ein neuer Link geht an die Teilnehmenden.
booking-edit-notes = Notizen
booking-edit-notes-hint = Ihre eigenen: bei der Buchung auf Ihren Seiten angezeigt, nie dem Klienten.
booking-edit-save = Änderungen speichern
booking-edit-cancel = Abbrechen
booking-edit-back-button = Zurück
booking-edit-move-hint = Der Termin behält seine Dauer. Die neue Zeit wird wie eine neue Buchung geprüft: Zu dieser Zeit darf nichts anderes gebucht sein, und { $name } wird benachrichtigt.
booking-edit-move-hint-group = Der Termin behält seine Dauer. Die neue Zeit wird wie eine neue Buchung geprüft: Zu dieser Zeit darf nichts anderes gebucht sein, und { $name } wird benachrichtigt. Nur { $name } wird verschoben; der Gruppentermin bleibt.
booking-edit-date = Datum
booking-edit-start = Beginn ({ $zone })
booking-edit-move = Buchung verschieben
booking-edit-keep = So lassen
booking-edit-error-type = Wählen Sie eine Ihrer Terminarten.
booking-edit-error-package = Wählen Sie eines der Pakete des Klienten oder keines.
booking-edit-saved = Die Buchung von { $name } ist gespeichert.
booking-edit-moved = Die Buchung von { $name } ist auf { $day }, { $time } verschoben; { $name } wird benachrichtigt.
