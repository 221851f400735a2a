denied-hidden = Nicht gefunden.
denied-sign-in = Melden Sie sich an oder legen Sie ein Konto an, um bei diesem Coach zu buchen.
denied-clients-only = Nur Klienten dieses Coachs können online buchen. Bewerben Sie sich für ein Coaching oder bitten Sie den Coach um eine Einladung.

error-status = Fehler { $status }
error-reference = Referenz:
error-start-page = Zur Startseite

wait-seconds =
    { $count ->
        [one] eine Sekunde
       *[other] { $count } Sekunden
    }
wait-minutes =
    { $count ->
        [one] eine Minute
       *[other] { $count } Minuten
    }
book-too-many = Zu viele Buchungen von hier oder mit dieser E-Mail-Adresse. Warten Sie { $wait } und versuchen Sie es dann erneut.
book-taken-none-near = Diese Zeit wurde gerade vergeben, und in der Nähe ist keine andere Zeit frei.
book-taken-nearest = Diese Zeit wurde gerade vergeben. Dies sind die nächsten freien Zeiten:
book-outside-notice = Diese Zeit kann nicht direkt gebucht werden: Sie ist zu kurzfristig, Buchungen brauchen mehr Vorlauf. Sie können stattdessen eine Terminanfrage senden.
book-outside-ahead = Diese Zeit kann nicht direkt gebucht werden: Sie liegt weiter in der Zukunft, als Buchungen angenommen werden. Sie können stattdessen eine Terminanfrage senden.
book-outside-hours = Diese Zeit kann nicht direkt gebucht werden: Sie gehört nicht zu den angebotenen Zeiten. Sie können stattdessen eine Terminanfrage senden.
book-outside-day-full = Diese Zeit kann nicht direkt gebucht werden: Dieser Tag ist ausgebucht. Sie können stattdessen eine Terminanfrage senden.
book-outside-week-full = Diese Zeit kann nicht direkt gebucht werden: Diese Woche ist ausgebucht. Sie können stattdessen eine Terminanfrage senden.
