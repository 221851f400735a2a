# Die Bewerbungen beim Coach (/admin/applications): Interessenten, die mit ihm arbeiten möchten.

applications-title = Bewerbungen
applications-lead = Menschen, die mit Ihnen arbeiten möchten. Interessenten bewerben sich unter <a href="{ $url }">{ $url }</a>.
applications-filter = Nach Status filtern
applications-all = Alle
applications-status = { $status ->
    [new] Neu
    [reviewing] In Prüfung
    [discovery_scheduled] Kennenlerngespräch geplant
    [accepted] Angenommen
    [declined] Abgelehnt
   *[promoted] Übernommen
}
applications-search-label = Bewerbungen durchsuchen
applications-search-placeholder = Name, E-Mail oder Ziele
applications-search = Suchen
applications-clear = Zurücksetzen
applications-none = Noch keine Bewerbungen.
applications-none-hint = Teilen Sie Ihr Bewerbungsformular mit Interessenten; was sie senden, erscheint hier, damit Sie es prüfen, ein Kennenlerngespräch planen und sie als Klienten übernehmen können.
applications-open-form = Bewerbungsformular öffnen
applications-none-match = Keine passenden Bewerbungen.
applications-none-match-hint = Versuchen Sie einen anderen Status oder eine andere Suche.
applications-show-all = Alle Bewerbungen zeigen
applications-applied = beworben am { $date }
applications-package = Paket: { $package }
applications-shared = { $count ->
    [one] { $count } Bewerbung von dieser E-Mail-Adresse
   *[other] { $count } Bewerbungen von dieser E-Mail-Adresse
}
applications-earliest = (dies ist die früheste)
applications-view-booking = Buchung ansehen
applications-schedule-title = Kennenlerngespräch mit { $name } planen
applications-schedule = Kennenlerngespräch planen
applications-view-client = Klient ansehen
applications-goals-answers = Ziele und Antworten
applications-goals = Ziele
applications-not-given = Nicht angegeben
applications-no-answer = Keine Antwort
applications-status-of = Status von { $name }
applications-set-status = Status setzen
applications-promote-menu = Als Klient übernehmen …
applications-promote-question = { $name } als Klient übernehmen? Dies legt den Klienten an und bucht ihn in das gewählte Paket ein. Das lässt sich nicht rückgängig machen.
applications-promote-question-call = { $name } als Klient übernehmen? Dies legt den Klienten an, überträgt ihm das Kennenlerngespräch und bucht ihn in das gewählte Paket ein. Das lässt sich nicht rückgängig machen.
applications-package-label = Paket
applications-no-package = Noch kein Paket
applications-promote = Ja, { $name } übernehmen
applications-merge-menu = Mit der früheren zusammenführen …
applications-merge-question = Diese Bewerbung mit der frühesten von { $email } zusammenführen? Ihre Ziele und Antworten werden dort mit Datum ergänzt, und diese wird entfernt.
applications-merge = Ja, zusammenführen
applications-questions = Aufnahmefragen
applications-questions-label = Fragen in Ihrem Bewerbungsformular
applications-questions-hint = Eine Frage pro Zeile, bis zu 10. Name, E-Mail und Ziele werden immer abgefragt.
applications-save-questions = Fragen speichern
applications-not-possible = Diese Änderung ist nicht möglich.
applications-error-package = Wählen Sie eines Ihrer Pakete.
applications-now = { $name } ist jetzt „{ $status }“.
applications-promoted = Als Klient übernommen. Die Seite des Klienten steht unten: Buchen Sie dort Termine und verfolgen Sie das Guthaben.
applications-merged = Mit der Bewerbung von { $name } vom { $date } zusammengeführt; ihre Antworten wurden dort ergänzt.
applications-questions-saved = Aufnahmefragen gespeichert. Neue Bewerber sehen sie.
