# Die Terminanfragen beim Coach (/admin/requests): von Klienten erbetene Zeiten, die nicht angeboten werden.

requests-title = Anfragen
requests-lead = Zeiten, um die Klienten gebeten haben und die Sie nicht anbieten. Bestätigen Sie eine, um sie zu buchen, oder lehnen Sie mit Begründung ab. Klienten fragen an unter <a href="{ $url }">{ $url }</a>.
requests-show = Anfragen anzeigen
requests-waiting = Wartet auf Sie
requests-all = Alle
requests-heading = Terminanfragen
requests-none = Noch keine Terminanfragen.
requests-none-hint = Wenn ein Klient eine Zeit anfragt, die Sie nicht anbieten, erscheint sie hier, damit Sie sie bestätigen oder ablehnen.
requests-nothing-waiting = Nichts wartet auf Sie.
requests-nothing-waiting-hint = Neue Anfragen erscheinen hier und unter der Glocke.
requests-show-all = Alle Anfragen zeigen
requests-client = (Klient)
requests-status = { $status ->
    [pending] Wartet auf Antwort
    [approved] Bestätigt
    [declined] Abgelehnt
    [expired] Abgelaufen
   *[withdrawn] Zurückgezogen
}
requests-sent = gesendet { $when }
requests-expires = läuft ab { $when }
requests-view-booking = Buchung ansehen
requests-your-reason = Ihre Begründung: { $reason }
requests-proposed = Vorgeschlagene Zeiten, in { $zone }
requests-was-open = war frei
requests-approve = Bestätigen<span class="visually-hidden"> { $when } für { $name }</span>
requests-times-in = Zeiten in { $zone }.
requests-times-in-theirs = Zeiten in { $zone }; { $name } sieht sie in { $theirs }.
requests-decline-menu = Ablehnen …
requests-why = Warum? { $name } erhält dies per E-Mail.
requests-decline = Ja, ablehnen
requests-demand = Nachfrage, die Sie nicht abdecken
requests-demand-lead = Zeiten aus Anfragen vom { $from } bis { $to }, die zum Zeitpunkt der Anfrage nicht frei waren, nach Wochentag und Stunde ihres Beginns ({ $zone }).
requests-demand-none = In den letzten 90 Tagen keine Anfragen für Zeiten, die Sie nicht anbieten.
requests-demand-caption = Vorgeschlagene, nicht angebotene Zeiten nach Wochentag und Stunde, insgesamt { $count }
requests-hour = Stunde
requests-demand-total = { $count ->
    [one] Insgesamt { $count } vorgeschlagene Zeit. Dunklere Felder wurden öfter angefragt; erwägen Sie, dort Zeiten zu öffnen.
   *[other] Insgesamt { $count } vorgeschlagene Zeiten. Dunklere Felder wurden öfter angefragt; erwägen Sie, dort Zeiten zu öffnen.
}
requests-weekday-short = { $weekday ->
    [1] Mo.
    [2] Di.
    [3] Mi.
    [4] Do.
    [5] Fr.
    [6] Sa.
   *[7] So.
}
requests-weekday-long = { $weekday ->
    [1] Montag
    [2] Dienstag
    [3] Mittwoch
    [4] Donnerstag
    [5] Freitag
    [6] Samstag
   *[7] Sonntag
}
requests-expiry = Ablauf
requests-expiry-label = Anfragen laufen ab nach (Stunden)
requests-expiry-hint = Bis dahin unbeantwortet, läuft eine Anfrage ab, und der Klient wird benachrichtigt. 1 bis 720; bereits gesendete Anfragen behalten ihre Frist.
requests-save = Speichern
requests-passed = Diese Zeit ist vorbei.
requests-not-possible = Das ist nicht möglich.
requests-give-reason = Geben Sie eine Begründung an.
requests-whole-hours = Geben Sie eine ganze Zahl von Stunden ein, z. B. 72.
requests-approved = Bestätigt: { $name } ist gebucht und wurde per E-Mail benachrichtigt.
requests-approved-booking = Bestätigt: { $name } ist gebucht; in Ihrem Kalender als Buchung { $booking }. { $name } wurde per E-Mail benachrichtigt.
requests-declined = Abgelehnt. { $name } hat Ihre Begründung per E-Mail erhalten.
requests-expiry-saved = { $hours ->
    [one] Neue Anfragen laufen jetzt nach { $hours } Stunde ohne Antwort ab.
   *[other] Neue Anfragen laufen jetzt nach { $hours } Stunden ohne Antwort ab.
}
