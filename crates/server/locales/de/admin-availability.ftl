# Die Seite Verfügbarkeit des Coachs (/admin/availability): wöchentliche Zeiten, Buchungsregeln,
# abweichende Tage, Abwesenheiten, die Vorschau und die Frage nach gebuchten Terminen, die eine
# Änderung träfe.

avail-title = Verfügbarkeit
avail-lead = Wann Klienten bei Ihnen buchen können. Die Zeiten gelten in { $zone } (<a href="/admin/settings">ändern</a>).
avail-sections = Bereiche der Verfügbarkeit
avail-hours = Wöchentliche Zeiten
avail-rules = Buchungsregeln
avail-overrides = Abweichende Tage
avail-time-off = Abwesenheit
avail-preview = Vorschau

## Wochentage
avail-day-1 = Montag
avail-day-2 = Dienstag
avail-day-3 = Mittwoch
avail-day-4 = Donnerstag
avail-day-5 = Freitag
avail-day-6 = Samstag
avail-day-7 = Sonntag
avail-days-1 = Montags
avail-days-2 = Dienstags
avail-days-3 = Mittwochs
avail-days-4 = Donnerstags
avail-days-5 = Freitags
avail-days-6 = Samstags
avail-days-7 = Sonntags
avail-day-short-1 = Mo.
avail-day-short-2 = Di.
avail-day-short-3 = Mi.
avail-day-short-4 = Do.
avail-day-short-5 = Fr.
avail-day-short-6 = Sa.
avail-day-short-7 = So.

## Wöchentliche Zeiten
avail-your-hours = Ihre wöchentlichen Zeiten
avail-summary = { $days } { $start }–{ $end }
avail-summary-cycle = { $days } { $start }–{ $end }, jede { $count }. Woche ab { $date }
avail-no-hours = Sie haben noch keine wöchentlichen Zeiten: Klienten können Sie erst buchen, wenn Sie welche festlegen.
avail-fix-days = { $count ->
    [one] Bitte korrigieren Sie den markierten Tag unten. Es wurde nichts gespeichert.
   *[other] Bitte korrigieren Sie die { $count } markierten Tage unten. Es wurde nichts gespeichert.
}
avail-save-hours = Wöchentliche Zeiten speichern
avail-hours-hint = Haken Sie die Tage an, an denen Sie arbeiten. Füllen Sie die leere Zeile aus, um ein Zeitfenster hinzuzufügen; leeren Sie die Zeiten eines Fensters, um es zu entfernen. Ein Ende um 00:00 bedeutet Mitternacht.
avail-unavailable = Nicht verfügbar
avail-window-start = { $day }: Beginn
avail-window-end = { $day }: Ende
avail-window-every = { $day }: wie oft
avail-every = { $count ->
    [1] Jede Woche
   *[other] Alle { $count } Wochen
}
avail-anchor = ab der Woche vom
avail-window-anchor = { $day }: ab der Woche vom
avail-window-remove = Dieses Zeitfenster am { $day } entfernen
avail-scope-only = Nur { $names }
avail-scope-type = Terminart { $id }
avail-scope-from = ab { $date }
avail-scope-until = bis { $date }
avail-add-window = Zeitfenster hinzufügen
avail-copy-to = Auf andere Tage kopieren
avail-copy-legend = Zeiten von { $day } kopieren nach
avail-copy = Kopieren
avail-copy-none = Haken Sie die Tage an, auf die die Zeiten von { $day } kopiert werden sollen, und klicken Sie dann auf „Kopieren“.
avail-copied = Die Zeiten von { $day } wurden auf { $days } kopiert. Noch nicht gespeichert: Prüfen Sie sie und klicken Sie auf „Wöchentliche Zeiten speichern“.
avail-list-and = { $rest } und { $last }
avail-day-empty = { $day }: Fügen Sie ein Zeitfenster mit Beginn und Ende hinzu, oder entfernen Sie den Haken bei { $day }, um an diesem Tag nicht verfügbar zu sein.
avail-day-incomplete = { $day }: Geben Sie jedem Zeitfenster einen Beginn und ein Ende, oder leeren Sie beides, um es zu entfernen.
avail-saved-no-hours = Gespeichert: Sie haben keine wöchentlichen Zeiten, daher können Klienten Sie nicht buchen.
avail-saved-hours = Ihre wöchentlichen Zeiten sind gespeichert.

## Vorschau
avail-no-types = Noch keine Terminarten.
avail-no-types-hint = Freie Zeiten werden für eine Terminart berechnet. <a href="/admin/session-types">Legen Sie eine Terminart an</a>, um zu sehen, was Klienten angeboten wird.
avail-session-type = Terminart
avail-type-option = { $name } ({ $minutes } Min.)
avail-show = Anzeigen
avail-preview-status = Freie Zeiten in den nächsten zwei Wochen, wie Klienten sie jetzt sehen.
avail-preview-day-none = keine
avail-preview-no-type = Legen Sie eine Terminart an, um die freien Zeiten zu sehen, die Klienten angeboten werden.
avail-preview-none = Keine freien Zeiten in den nächsten zwei Wochen: Fügen Sie wöchentliche Zeiten hinzu, oder prüfen Sie Vorlaufzeit und Buchungszeitraum.

## Buchungsregeln
avail-rules-hint = Innerhalb dieser Grenzen buchen Klienten direkt; außerhalb wird aus einer Buchung eine Anfrage, die Sie bestätigen.
avail-fix-fields-counted = { $count ->
    [one] Bitte korrigieren Sie das markierte Feld unten. Es wurde nichts gespeichert.
   *[other] Bitte korrigieren Sie die { $count } markierten Felder unten. Es wurde nichts gespeichert.
}
avail-min-notice = Mindestvorlaufzeit
avail-min-notice-hint = Keine Buchung kurzfristiger als das.
avail-days-ahead = Tage im Voraus
avail-days-ahead-hint = Wie weit im Voraus Klienten buchen dürfen.
avail-interval = Zeitraster
avail-interval-hint = Beginnzeiten alle …
avail-minutes = { $count ->
    [one] { $count } Minute
   *[other] { $count } Minuten
}
avail-per-day = Höchstens Termine pro Tag
avail-per-week = Höchstens Termine pro Woche
avail-no-limit = Leer: keine Grenze.
avail-cancellation = Kostenlose Absage bis
avail-reschedule = Verschieben bis
avail-before-start = Vor dem Beginn.
avail-unit-of = { $label }: Einheit
avail-unit-minutes = Minuten
avail-unit-hours = Stunden
avail-unit-days = Tage
avail-save-rules = Buchungsregeln speichern
avail-saved-rules = Ihre Buchungsregeln sind gespeichert.
avail-range-min-notice = Die Mindestvorlaufzeit muss zwischen 0 und { $max } { $unit ->
    [days] Tagen
    [hours] Stunden
   *[minutes] Minuten
} liegen.
avail-range-cancellation = Die Frist für kostenlose Absagen muss zwischen 0 und { $max } { $unit ->
    [days] Tagen
    [hours] Stunden
   *[minutes] Minuten
} liegen.
avail-range-reschedule = Die Frist für das Verschieben muss zwischen 0 und { $max } { $unit ->
    [days] Tagen
    [hours] Stunden
   *[minutes] Minuten
} liegen.

## Abweichende Tage
avail-overrides-hint = Eigene Zeiten für ein Datum ersetzen an diesem Tag Ihre wöchentlichen Zeiten: ein freier Tag oder ein längerer Tag.
avail-no-overrides = Keine anstehenden abweichenden Tage.
avail-closed-all-day = Ganztägig geschlossen
avail-remove = Entfernen
avail-override-on = die Abweichung am { $day }
avail-remove-override-question = Die Abweichung am { $day } entfernen? Dann gelten an diesem Tag wieder Ihre wöchentlichen Zeiten.
avail-remove-override = Abweichung entfernen
avail-add-override = Abweichenden Tag hinzufügen
avail-fix-fields = { $count ->
    [one] Bitte korrigieren Sie das markierte Feld unten. Es wurde nichts gespeichert.
   *[other] Bitte korrigieren Sie die markierten Felder unten. Es wurde nichts gespeichert.
}
avail-date = Datum
avail-that-day = An diesem Tag
avail-these-hours = Diese Zeiten:
avail-override-start = Zeitfenster { $n } der Abweichung: Beginn
avail-override-end = Zeitfenster { $n } der Abweichung: Ende
avail-save-override = Abweichung speichern
# $day ist das Datum in Worten, $date wie eingegeben (2026-12-24).
avail-saved-closed = Am { $day } ist geschlossen.
avail-saved-override = Am { $day } gelten jetzt eigene Zeiten.
avail-removed-override = Abweichung entfernt: Am { $day } gelten wieder Ihre wöchentlichen Zeiten.

## Abwesenheit
avail-time-off-hint = Während einer Abwesenheit kann Sie niemand buchen, was auch immer Ihre Zeiten sagen.
avail-no-time-off = Noch keine Abwesenheiten.
avail-time-off-what = Abwesenheit: { $summary }
avail-remove-time-off-question = Diese Abwesenheit entfernen? Klienten können Sie dann innerhalb Ihrer Zeiten wieder buchen.
avail-remove-time-off = Abwesenheit entfernen
avail-block-once = { $start } – { $end }
avail-block-day = Ganztägig { $day }
avail-block-days = Ganztägig { $from } bis { $until }
avail-block-weekly = Jeden { $days } { $start }–{ $end } ab { $from }
avail-block-weekly-until = Jeden { $days } { $start }–{ $end } ab { $from } bis { $until }
avail-add-days = Ganze Tage hinzufügen
avail-first-day = Erster Tag
avail-last-day = Letzter Tag
avail-last-day-hint = Leer: nur der erste Tag.
avail-label = Bezeichnung (optional)
avail-add-days-off = Freie Tage hinzufügen
avail-add-once = Einmalige Sperrzeit hinzufügen
avail-from = Von
avail-until = Bis
avail-add-block = Sperrzeit hinzufügen
avail-add-weekly = Wöchentliche Sperrzeit hinzufügen
avail-every-legend = Jeden
avail-midnight-hint = 00:00 bedeutet Mitternacht.
avail-starting = Ab
avail-starting-hint = Leer: heute.
avail-ending = Bis
avail-ending-hint = Leer: ohne Ende.
avail-add-weekly-block = Wöchentliche Sperrzeit hinzufügen
avail-added-time-off = Abwesenheit hinzugefügt: { $summary }.
avail-removed-time-off = Die Abwesenheit ist entfernt.

## Gebuchte Termine, die eine Änderung träfe
avail-affected-hours = { $count ->
    [one] { $count } gebuchter Termin liegt außerhalb Ihrer neuen wöchentlichen Zeiten.
   *[other] { $count } gebuchte Termine liegen außerhalb Ihrer neuen wöchentlichen Zeiten.
}
avail-affected-closed = { $count ->
    [one] { $count } gebuchter Termin liegt an einem Tag, an dem Sie schließen.
   *[other] { $count } gebuchte Termine liegen an einem Tag, an dem Sie schließen.
}
avail-affected-override = { $count ->
    [one] { $count } gebuchter Termin liegt außerhalb der neuen Zeiten dieses Tages.
   *[other] { $count } gebuchte Termine liegen außerhalb der neuen Zeiten dieses Tages.
}
avail-affected-time-off = { $count ->
    [one] { $count } gebuchter Termin liegt in der neuen Abwesenheit.
   *[other] { $count } gebuchte Termine liegen in der neuen Abwesenheit.
}
avail-affected-keep = { $count ->
    [one] Noch ist nichts gespeichert. Beim Speichern bleibt er gebucht; verschieben oder stornieren Sie ihn unter Buchungen, falls er nicht stattfinden soll.
   *[other] Noch ist nichts gespeichert. Beim Speichern bleiben sie gebucht; verschieben oder stornieren Sie sie unter Buchungen, falls sie nicht stattfinden sollen.
}
avail-pending = Offen
avail-reschedule-booking = Verschieben
avail-save-anyway = { $count ->
    [one] Trotzdem speichern: Dieser Termin bleibt gebucht
   *[other] Trotzdem speichern: Diese Termine bleiben gebucht
}
