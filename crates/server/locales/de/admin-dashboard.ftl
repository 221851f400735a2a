# Die Übersicht des Coachs (/admin).

dashboard-title = Übersicht
dashboard-greeting = Schön, Sie zu sehen, { $name }
dashboard-lead = Ihre Praxis auf einen Blick.
dashboard-problems-label = Zustellprobleme:
dashboard-problems-failed = { $failed ->
    [one] { $failed } E-Mail an Ihre Klienten konnte diese Woche nicht zugestellt werden.
   *[other] { $failed } E-Mails an Ihre Klienten konnten diese Woche nicht zugestellt werden.
}
dashboard-problems-retrying = { $retrying ->
    [one] { $retrying } E-Mail wird erneut zugestellt.
   *[other] { $retrying } E-Mails werden erneut zugestellt.
}
dashboard-problems-both = { $failed ->
    [one] { $failed } E-Mail an Ihre Klienten konnte diese Woche nicht zugestellt werden
   *[other] { $failed } E-Mails an Ihre Klienten konnten diese Woche nicht zugestellt werden
}, { $retrying ->
    [one] { $retrying } wird erneut zugestellt.
   *[other] { $retrying } werden erneut zugestellt.
}
dashboard-problems-link = Was zu tun ist
dashboard-today = Heute
dashboard-open-calendar = Kalender öffnen
dashboard-no-sessions-today = Heute keine Termine.
dashboard-seats = { $taken }/{ $capacity } Plätze
dashboard-pending = Offen
dashboard-week = Diese Woche
dashboard-week-sessions = { $count ->
    [one] <strong>{ $count }</strong> Termin
   *[other] <strong>{ $count }</strong> Termine
}
dashboard-week-sessions-people = { $count ->
    [one] <strong>{ $count }</strong> Termin
   *[other] <strong>{ $count }</strong> Termine
}, { $people ->
    [one] { $people } Teilnehmer
   *[other] { $people } Teilnehmende
}
dashboard-see-week = Woche ansehen
dashboard-waiting = Wartet auf Sie
dashboard-to-approve = { $count ->
    [one] <strong>{ $shown }</strong> Buchung zu bestätigen
   *[other] <strong>{ $shown }</strong> Buchungen zu bestätigen
}
dashboard-session-requests = { $count ->
    [one] <strong>{ $shown }</strong> Terminanfrage
   *[other] <strong>{ $shown }</strong> Terminanfragen
}
dashboard-new-applications = { $count ->
    [one] <strong>{ $count }</strong> neue Bewerbung
   *[other] <strong>{ $count }</strong> neue Bewerbungen
}
dashboard-credits = Guthaben geht zur Neige
dashboard-no-low-credits = Kein Klient hat nur noch wenig Paketguthaben oder steht kurz vor dem Ende seines Pakets.
dashboard-no-credits-left = kein Guthaben mehr
dashboard-credits-left = { $count ->
    [one] noch { $count } Einheit
   *[other] noch { $count } Einheiten
}
dashboard-usable-until = , nutzbar bis zum Tag vor dem { $date }
dashboard-more-on-clients = und { $count } weitere unter <a href="/admin/clients">Klienten</a>.
dashboard-requests = Terminanfragen
dashboard-requests-waiting = { $count ->
    [one] <strong>{ $shown }</strong> Anfrage für Zeiten, die Sie nicht anbieten, wartet auf Ihre Antwort.
   *[other] <strong>{ $shown }</strong> Anfragen für Zeiten, die Sie nicht anbieten, warten auf Ihre Antwort.
}
dashboard-answer-requests = Anfragen beantworten
dashboard-no-requests = Keine Terminanfragen warten auf Sie.
dashboard-requests-hint = Unter <a href="/admin/requests">Anfragen</a> sehen Sie auch, wonach Klienten gefragt haben, was Sie nicht anbieten.
dashboard-public-page = Ihre öffentliche Seite
dashboard-public-page-lead = Klienten buchen und bewerben sich unter
dashboard-public-page-change = Die Adresse ändern Sie in den <a href="/admin/settings">Einstellungen</a>.
dashboard-time-zone = Zeitzone
dashboard-time-zone-text = Ihre Verfügbarkeit wird in <strong>{ $zone }</strong> geführt. Klienten sehen Zeiten in ihrer eigenen Zeitzone.
dashboard-scripts = Skripte und Kalender
dashboard-scripts-token = Erstellen Sie auf dem Server ein API-Token mit
dashboard-scripts-docs = und lesen Sie dann die <a href="/api/docs">API-Referenz</a>.
