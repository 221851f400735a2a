# Die Warteliste eines Gruppentermins für den Coach (/admin/sessions/{id}/waitlist und das Seitenfeld im Kalender).

waitlist-admin-title = Warteliste: { $session }
waitlist-title = Warteliste
waitlist-seats = { $capacity ->
    [one] { $booked } von { $capacity } Platz gebucht, { $free } frei
   *[other] { $booked } von { $capacity } Plätzen gebucht, { $free } frei
}
waitlist-seats-held = { $capacity ->
    [one] { $booked } von { $capacity } Platz gebucht, { $held } für ein Angebot reserviert, { $free } frei
   *[other] { $booked } von { $capacity } Plätzen gebucht, { $held } für ein Angebot reserviert, { $free } frei
}
waitlist-nobody = Niemand wartet.
waitlist-nobody-open = Niemand wartet. Wenn der Termin ausgebucht ist, können sich Interessierte auf Ihrer Seite auf die Warteliste setzen.
waitlist-status-waiting = Wartet
waitlist-status-offered = Platz angeboten
waitlist-status-claimed = Gesichert
waitlist-status-expired = Angebot abgelaufen
waitlist-status-left = Ausgetragen
waitlist-status-removed = Entfernt
waitlist-held-until = reserviert bis { $time }
waitlist-joined = eingetragen { $time }
waitlist-move-up = { $name } nach oben
waitlist-move-down = { $name } nach unten
waitlist-offer-now = Jetzt einen Platz anbieten
waitlist-offer-to = an { $name }
waitlist-remove = Entfernen
waitlist-how = Wird ein Platz frei, erhält die erste Person auf der Liste ein Angebot per E-Mail, und der Platz wird für sie reserviert; Zeiten in { $zone }.
waitlist-earlier = Früher auf dieser Warteliste ({ $count })
waitlist-settings = Einstellungen der Warteliste
waitlist-settings-hint = Für alle Ihre Gruppentermine.
waitlist-visitors = Besucher ohne Konto dürfen sich mit Name und E-Mail eintragen (sofern sie überhaupt buchen dürfen)
waitlist-offer-hours = Einen frei gewordenen Platz reservieren für (Stunden)
waitlist-offer-hours-hint = So lange hat die Person, der ein Platz angeboten wird, Zeit, ihn zu sichern, höchstens bis der Termin beginnt; danach geht er an die nächste Person auf der Liste.
waitlist-save = Speichern
waitlist-order-saved = Die Reihenfolge der Warteliste ist gespeichert.
waitlist-removed = Von der Warteliste entfernt.
waitlist-offered = Platz angeboten: Die Person hat per E-Mail einen Link erhalten, um ihn zu sichern.
waitlist-settings-saved = Einstellungen der Warteliste gespeichert.
waitlist-refused-not-waiting = Diese Person wartet nicht mehr: Ihr wurde der Platz bereits angeboten, oder sie hat sich von der Liste ausgetragen.
waitlist-refused-no-seat = Jeder Platz ist gebucht oder für ein Angebot reserviert. Erhöhen Sie die Teilnehmerzahl des Termins oder warten Sie auf eine Absage.
waitlist-refused-over = Dieser Termin hat begonnen, ist vorbei oder wurde abgesagt.
