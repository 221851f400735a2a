# Der Kalender des Coachs (/admin/calendar): die Seite, ihre Ansichten und das Terminfeld.

calendar-title = Kalender
calendar-lead = Ihre Termine, Öffnungszeiten und freien Tage. Klicken Sie auf eine freie Zeit, um sie zu buchen, oder auf einen Termin, um zu sehen, wer dabei ist.
calendar-new-session = Neuer Termin
calendar-create-many = Mehrere anlegen
calendar-dismiss = Schließen
calendar-today = Heute
calendar-previous = { $view ->
    [day] Vorheriger Tag
    [week] Vorherige Woche
   *[other] Vorheriger Monat
}
calendar-next = { $view ->
    [day] Nächster Tag
    [week] Nächste Woche
   *[other] Nächster Monat
}
calendar-views = Kalenderansicht
calendar-view-day = Tag
calendar-view-week = Woche
calendar-view-month = Monat
calendar-view-list = Liste
calendar-go-to-date = Zum Datum
calendar-session-type = Terminart
calendar-all-types = Alle Arten
calendar-time-zone = Zeitzone
calendar-show = Anzeigen
calendar-zone-note = Zeiten werden in <strong>{ $zone }</strong> angezeigt; Ihre Zeiten werden in { $coachZone } geführt.
calendar-show-zone = { $zone } anzeigen
calendar-key = Legende
calendar-open-hours = Öffnungszeiten
calendar-time-off = Abwesenheit
calendar-busy-elsewhere = In einem anderen Kalender belegt
calendar-pending = Offen
calendar-requested = Angefragt
calendar-truncated = In diesem Zeitraum gibt es mehr Buchungen, als eine Seite zeigt; die ersten sind eingezeichnet. Wählen Sie eine kürzere Ansicht oder eine Terminart.
calendar-missing-session = Dieser Termin ist nicht in dieser Ansicht (er wurde vielleicht verschoben oder abgesagt).
calendar-today-mark = (heute)
calendar-closed = Geschlossen
calendar-open-at = Geöffnet { $time }
calendar-time-off-at = Abwesend { $time }
calendar-busy-in = Belegt in { $calendar } { $time }
calendar-busy-label = Belegt · { $calendar } { $time }
calendar-busy = Belegt
calendar-busy-named = Belegt · { $calendar }
calendar-more = +{ $count } weitere
calendar-seats = { $seats } Plätze
calendar-meeting-link = Meeting-Link
calendar-answer = Beantworten
calendar-nothing = Nichts in Ihrem Kalender: { $title }.
calendar-nothing-hint = Termine, die Sie oder Ihre Klienten buchen, erscheinen hier.
calendar-summary-sessions = { $count ->
    [one] { $count } Termin
   *[other] { $count } Termine
}
calendar-summary-pending = { $count } warten auf Bestätigung
calendar-summary-requests = { $count ->
    [one] { $count } angefragte Zeit
   *[other] { $count } angefragte Zeiten
}
calendar-cohost-invited = Eingeladen — annehmen / ablehnen
calendar-cohosting = Co-Leitung
# Der Titel einer Woche: „2.–8. Nov. 2026“, über zwei Monate „30. Nov. – 6. Dez. 2026“.
calendar-week-title = { $first }.–{ $last }. { $month } { $year }
calendar-week-title-across = { $first }. { $firstMonth } – { $last }. { $month } { $year }
calendar-month-title = { $month } { $year }
calendar-day-short = { $weekday } { $day }.
calendar-weekday = { $weekday ->
    [1] Mo.
    [2] Di.
    [3] Mi.
    [4] Do.
    [5] Fr.
    [6] Sa.
   *[7] So.
}
calendar-month-short = { $month ->
    [1] Jan.
    [2] Feb.
    [3] März
    [4] Apr.
    [5] Mai
    [6] Juni
    [7] Juli
    [8] Aug.
    [9] Sept.
    [10] Okt.
    [11] Nov.
   *[12] Dez.
}
calendar-month-long = { $month ->
    [1] Januar
    [2] Februar
    [3] März
    [4] April
    [5] Mai
    [6] Juni
    [7] Juli
    [8] August
    [9] September
    [10] Oktober
    [11] November
   *[12] Dezember
}

## Das Terminfeld.
calendar-panel-close = Termindetails schließen
calendar-panel-repeats = Wiederholt sich: { $rule }
calendar-panel-waiting = Wartet auf Ihre Bestätigung
calendar-panel-seats = { $taken } von { $capacity } Plätzen belegt · { $left } frei
calendar-panel-meeting-link = Meeting-Link:
calendar-panel-no-meeting-link = Kein Meeting-Link.
calendar-panel-attendees = Teilnehmende
calendar-panel-notes = Notizen:
calendar-panel-client-page = Klientenseite<span class="visually-hidden"> von { $name }</span>
calendar-panel-edit-booking = Buchung bearbeiten<span class="visually-hidden"> von { $name }</span>
calendar-panel-confirm = Bestätigen<span class="visually-hidden"> { $name }</span>
calendar-panel-cancel-menu = Absagen …<span class="visually-hidden"> Platz von { $name }</span>
calendar-panel-reason-seen = Grund (wird angezeigt)
calendar-panel-waive = Guthaben auch bei später Absage zurückgeben
calendar-panel-cancel-booking = Buchung von { $name } absagen
calendar-panel-outcome = Ergebnis für { $name }
calendar-panel-completed = Stattgefunden
calendar-panel-no-show = Nicht erschienen
calendar-panel-set = Setzen
calendar-panel-nobody = Noch niemand hat einen Platz in diesem Termin.
calendar-panel-change = Diesen Termin ändern
calendar-panel-edit = Bearbeiten
calendar-panel-session-notes = Notizen zum Termin
calendar-panel-save = Speichern
calendar-panel-move = Verschieben auf …
calendar-panel-move-hint = Dieselben Prüfungen wie bei einer Buchung: Eine Zeit mit Überschneidung wird abgelehnt, und nichts ändert sich. Alle Teilnehmenden werden benachrichtigt.
calendar-panel-new-date = Neues Datum
calendar-panel-new-time = Neue Startzeit
calendar-panel-outside-hours = Notfalls außerhalb meiner Zeiten verschieben
calendar-panel-move-session = Termin verschieben
calendar-panel-template = Als Vorlage speichern …
calendar-panel-template-hint = Art, Dauer, Plätze, Meeting-Link und Notizen, um den nächsten Termin mit zwei Klicks davon anzulegen.
calendar-panel-template-name = Name der Vorlage
calendar-panel-save-template = Als Vorlage speichern
calendar-panel-cancel-session = Termin absagen …
calendar-panel-series = Dieser Termin gehört zu einer Serie <span class="muted">({ $rule })</span>
calendar-panel-scope-this = Nur diesen Termin
calendar-panel-scope-following = Diesen und alle folgenden Termine
calendar-panel-scope-all = Alle noch anstehenden Termine der Serie
calendar-panel-reason-everyone = Grund (alle Teilnehmenden sehen ihn)
calendar-panel-cancel-everyone = Für alle Gebuchten absagen

## Die Leitung des Termins.
calendar-hosts = Leitung
calendar-hosts-owner = Inhaber
calendar-hosts-accepted = Angenommen
calendar-hosts-invited = Eingeladen
calendar-hosts-declined = Abgelehnt
calendar-hosts-remove = Entfernen<span class="visually-hidden"> { $name }</span>
calendar-hosts-invited-hint = Sie sind eingeladen, diesen Termin mitzuleiten; Ihre Zeit ist reserviert, bis Sie antworten.
calendar-hosts-declined-hint = Sie haben abgelehnt; beim Annehmen wird Ihr Kalender erneut geprüft.
calendar-hosts-accept = Annehmen
calendar-hosts-decline = Ablehnen
calendar-hosts-invite-menu = Co-Leitung einladen …
calendar-hosts-invite-hint = Ein anderer Coach dieser Praxis. Er muss zu dieser Zeit frei sein; seine Zeit ist reserviert, bis er antwortet.
calendar-hosts-coach = Coach
calendar-hosts-invite = Einladen

## Hinweise nach einer Änderung im Terminfeld.
calendar-moved = Verschoben auf { $day }, { $time }. Alle Teilnehmenden werden benachrichtigt.
calendar-saved = Die Angaben zum Termin sind gespeichert.
calendar-saved-template = Als Vorlage „{ $name }“ gespeichert: Wählen Sie sie beim Buchen unter „Aus Vorlage“.
calendar-cancelled-series = { $count ->
    [one] { $count } Termin der Serie abgesagt. Alle Teilnehmenden werden benachrichtigt.
   *[other] { $count } Termine der Serie abgesagt. Alle Teilnehmenden werden benachrichtigt.
}
calendar-cancelled = Der Termin am { $day }, { $time } ist abgesagt. Alle Teilnehmenden werden benachrichtigt.
calendar-please-fix = Bitte korrigieren Sie: { $message }
