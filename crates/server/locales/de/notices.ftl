# Benachrichtigungen in der App (die Glocke): einmal geschrieben, wenn sich etwas ändert, in der
# Sprache der Person, für die sie sind. { $what } ist die Terminart mit Tag und Uhrzeit.

notices-application-title = Neue Bewerbung: { $name }
notices-application-body = Lesen Sie sie und planen Sie ein Kennenlerngespräch, oder lehnen Sie sie ab.

notices-discovery-title = Kennenlerngespräch geplant: { $name }
notices-new-booking-title = Neue Buchung: { $name }
notices-new-booking-pending = { $what }. Wartet auf Ihre Bestätigung.
notices-confirmed-title = Buchung bestätigt: { $name }
notices-client-cancelled-title = { $name } hat die Buchung abgesagt
notices-client-cancelled-body = { $what }. Abgesagt von { $name }.
notices-client-cancelled-body-reason = { $what }. Abgesagt von { $name }. Grund: { $reason }
notices-cancelled-title = Buchung abgesagt: { $name }
notices-cancelled-body = { $what }. Von Ihnen abgesagt.
notices-cancelled-body-reason = { $what }. Von Ihnen abgesagt. Grund: { $reason }
notices-updated-title = Buchung geändert: { $name }
notices-now = Jetzt { $what }

notices-my-discovery-title = Kennenlerngespräch mit { $coach } geplant
notices-my-requested-title = Termin bei { $coach } angefragt
notices-my-requested-body = { $what }. Wartet auf die Bestätigung von { $coach }.
notices-my-booked-title = Termin bei { $coach } gebucht
notices-my-confirmed-title = { $coach } hat Ihren Termin bestätigt
notices-my-you-cancelled-title = Sie haben Ihren Termin bei { $coach } abgesagt
notices-my-cancelled-title = { $coach } hat Ihren Termin abgesagt
notices-my-cancelled-body = { $what }.
notices-my-cancelled-body-reason = { $what }. Grund: { $reason }
notices-my-changed-title = Ihr Termin bei { $coach } hat sich geändert

notices-request-title = Neue Terminanfrage: { $name }
notices-request-body = { $others ->
    [0] { $session }, { $first }. Bestätigen Sie eine Zeit oder lehnen Sie die Anfrage ab.
    [one] { $session }, { $first } (oder 1 weitere Zeit). Bestätigen Sie eine Zeit oder lehnen Sie die Anfrage ab.
   *[other] { $session }, { $first } (oder { $others } weitere Zeiten). Bestätigen Sie eine Zeit oder lehnen Sie die Anfrage ab.
}
notices-request-declined-title = { $coach } hat Ihre Terminanfrage abgelehnt
notices-request-declined-body = { $session }.
notices-request-declined-body-reason = { $session }. Grund: { $reason }
notices-request-expired-title = Terminanfrage abgelaufen: { $name }
notices-request-expired-body = { $others ->
    [0] { $session }, { $first }. Sie wurde nicht rechtzeitig beantwortet.
    [one] { $session }, { $first } (oder 1 weitere Zeit). Sie wurde nicht rechtzeitig beantwortet.
   *[other] { $session }, { $first } (oder { $others } weitere Zeiten). Sie wurde nicht rechtzeitig beantwortet.
}
notices-my-request-expired-title = Ihre Terminanfrage bei { $coach } ist abgelaufen
notices-my-request-expired-body = { $session }. Senden Sie eine neue mit anderen Zeiten, oder buchen Sie eine freie Zeit.
notices-request-withdrawn-title = { $name } hat die Terminanfrage zurückgezogen
notices-request-withdrawn-body = { $others ->
    [0] { $session }, { $first }.
    [one] { $session }, { $first } (oder 1 weitere Zeit).
   *[other] { $session }, { $first } (oder { $others } weitere Zeiten).
}

notices-seat-title = Ein Platz ist frei: { $session }
notices-seat-body = { $when } bei { $coach }. Sichern Sie ihn sich bis { $expires }.

notices-cohost-title = { $coach } lädt Sie ein, eine Sitzung gemeinsam zu leiten
notices-cohost-body = Nehmen Sie die Einladung in Ihrem Kalender an oder lehnen Sie sie ab.
