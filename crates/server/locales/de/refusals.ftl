# Ablehnungen und Hinweise aus crates/server/src/web/words.rs (siehe en/refusals.ftl).

refuse-collision-session = Diese Zeit überschneidet sich mit einem anderen Termin ({ $start }–{ $until }, { $zone }). Wählen Sie eine andere Zeit.
refuse-collision-time-off = Diese Zeit überschneidet sich mit einer Abwesenheit ({ $start }–{ $until }, { $zone }). Wählen Sie eine andere Zeit.
refuse-collision-busy = Diese Zeit überschneidet sich mit einer belegten Zeit aus einem anderen Kalender ({ $start }–{ $until }, { $zone }). Wählen Sie eine andere Zeit.
refuse-overlap = Diese Zeit überschneidet sich mit einem anderen Termin. Wählen Sie eine andere Zeit.

refuse-past-api = Diese Zeit liegt in der Vergangenheit. Senden Sie "overrideAvailability": true, um sie trotzdem zu buchen, oder wählen Sie eine andere Zeit.
refuse-horizon-api = Diese Zeit liegt jenseits Ihres Buchungshorizonts. Senden Sie "overrideAvailability": true, um sie trotzdem zu buchen, oder wählen Sie eine andere Zeit.
refuse-hours-api = Diese Zeit liegt außerhalb Ihrer Wochenzeiten und abweichenden Tageszeiten. Senden Sie "overrideAvailability": true, um sie trotzdem zu buchen, oder wählen Sie eine andere Zeit.
refuse-past-page = Diese Zeit liegt in der Vergangenheit. Kreuzen Sie „{ $label }“ an, um sie zu buchen, oder wählen Sie eine andere Zeit.
refuse-horizon-page = Diese Zeit liegt jenseits Ihres Buchungshorizonts. Kreuzen Sie „{ $label }“ an, um sie zu buchen, oder wählen Sie eine andere Zeit.
refuse-hours-page = Diese Zeit liegt außerhalb Ihrer Wochenzeiten. Kreuzen Sie „{ $label }“ an, um sie zu buchen, oder wählen Sie eine andere Zeit.

refuse-already = Die Buchung ist bereits { $status ->
    [pending] offen
    [confirmed] bestätigt
    [cancelled] abgesagt
    [completed] abgeschlossen
   *[no_show] als nicht erschienen markiert
}.
refuse-not-started = Der Termin hat noch nicht begonnen und kann daher nicht als abgeschlossen oder nicht erschienen markiert werden.
refuse-already-started = Der Termin hat bereits begonnen; markieren Sie ihn stattdessen als abgeschlossen oder nicht erschienen.
refuse-not-allowed = Eine Buchung, die { $status ->
    [pending] offen ist,
    [confirmed] bestätigt ist,
    [cancelled] abgesagt ist,
    [completed] abgeschlossen ist,
   *[no_show] als nicht erschienen markiert ist,
} lässt sich so nicht ändern.
refuse-not-movable = Eine Buchung, die { $status ->
    [pending] offen ist,
    [confirmed] bestätigt ist,
    [cancelled] abgesagt ist,
    [completed] abgeschlossen ist,
   *[no_show] als nicht erschienen markiert ist,
} lässt sich nicht verschieben; nur offene und bestätigte Buchungen lassen sich verschieben.

refuse-discovery-call-booked = Für diese Bewerbung ist bereits ein Kennenlerngespräch gebucht; verschieben Sie diese Buchung, statt eine weitere anzulegen.
refuse-setup-done = Die Einrichtung ist bereits abgeschlossen; melden Sie sich stattdessen an.
refuse-raced = { $what ->
    [waitlist] Diese Warteliste wurde
    [client] Dieser Klient wurde
   *[other] Dies wurde
} im selben Moment von einer anderen Anfrage geändert; versuchen Sie es erneut.
refuse-merge-nothing-earlier = Dies ist die früheste Bewerbung von dieser E-Mail-Adresse; führen Sie die späteren mit ihr zusammen.
refuse-merge-promoted = Eine übernommene Bewerbung ist endgültig und lässt sich nicht zusammenführen; lehnen Sie die andere ab, falls sie nicht gebraucht wird.
refuse-merge-two-calls = Für beide Bewerbungen ist ein Kennenlerngespräch gebucht; sagen Sie eines der Gespräche ab, dann führen Sie sie zusammen.

refuse-already-enrolled-api = { $name } ist bereits aktiv im Paket { $package } angemeldet ({ $left }). Senden Sie "allowDuplicate": true, um die Person erneut anzumelden.
refuse-already-enrolled-question = { $name } hat dieses Paket bereits ({ $left }). Trotzdem erneut anmelden?
refuse-credits-left = noch { $left } von { $count } { $count ->
    [one] Einheit
   *[other] Einheiten
} übrig, ohne Ablaufdatum
refuse-credits-left-until = noch { $left } von { $count } { $count ->
    [one] Einheit
   *[other] Einheiten
} übrig, gültig bis { $until }

refuse-notice-skipped = { $time } gibt es am { $day } nicht (die Uhren werden vorgestellt): Die Zeit wird als { $became } gelesen.
refuse-notice-repeated-first = { $time } kommt am { $day } zweimal vor (die Uhren werden zurückgestellt): Dies ist die erste, um UTC{ $offset }. Wählen Sie "later" für die um UTC{ $other }.
refuse-notice-repeated-second = { $time } kommt am { $day } zweimal vor (die Uhren werden zurückgestellt): Dies ist die zweite, um UTC{ $offset }. Wählen Sie "earlier" für die um UTC{ $other }.

refuse-waive-no-credit = Diese Buchung nutzt kein Paketguthaben.
refuse-waive-held = Das Guthaben ist für diese Buchung reserviert, nicht verbraucht: Es gibt noch nichts zurückzugeben. Eine rechtzeitige Absage gibt es frei; eine späte Absage oder ein Nichterscheinen verbraucht es, und dann lässt es sich erlassen.
refuse-waive-released = Das Guthaben wurde bereits freigegeben, als die Buchung rechtzeitig abgesagt wurde.
refuse-waive-already = Das Guthaben ist bereits erlassen.

refuse-application-final = Diese Bewerbung wurde als Klient übernommen; ihr Status lässt sich nicht mehr ändern.
refuse-application-promote-instead = Verwenden Sie „Als Klient übernehmen“, um eine Bewerbung zu übernehmen; das legt den Klienten an.
refuse-application-declined = Diese Bewerbung wurde abgelehnt; setzen Sie sie zuerst wieder auf „In Prüfung“, bevor Sie sie übernehmen.

refuse-session-cancelled = Dieser Termin ist abgesagt; er lässt sich nicht mehr ändern.
refuse-session-below-seats = { $taken ->
    [one] { $taken } Platz ist belegt, daher kann die Kapazität nicht unter { $taken } sinken. Sagen Sie zuerst Buchungen ab, oder wählen Sie { $taken } oder mehr.
   *[other] { $taken } Plätze sind belegt, daher kann die Kapazität nicht unter { $taken } sinken. Sagen Sie zuerst Buchungen ab, oder wählen Sie { $taken } oder mehr.
}
refuse-session-too-many-for-type = { $taken } Personen sind in diesem Termin gebucht; eine Einzelsitzungsart erlaubt nur eine. Behalten Sie eine Gruppenart, oder sagen Sie zuerst Buchungen ab.
refuse-session-has-outcome = Die Buchung einer teilnehmenden Person ist bereits { $status ->
    [pending] offen
    [confirmed] bestätigt
    [cancelled] abgesagt
    [completed] abgeschlossen
   *[no_show] als nicht erschienen markiert
}; ein Termin mit festgehaltenem Ergebnis lässt sich nicht verschieben.
refuse-session-full = Alle Plätze in diesem Termin sind belegt.
