# Hinweise neben einem Formularfeld, wenn eine Eingabe abgelehnt wird (siehe en/validation.ftl).

## Allgemeine Regeln (crates/core/src/validate.rs)

validate-at-most = Verwenden Sie höchstens { $max } Zeichen.
validate-value-control = Entfernen Sie die Steuerzeichen aus diesem Wert.
validate-name-empty = Geben Sie einen Namen ein.
validate-name-too-long = Verwenden Sie höchstens 100 Zeichen für den Namen.
validate-name-control = Der Name darf keine Steuerzeichen enthalten.
validate-email-empty = Geben Sie eine E-Mail-Adresse ein.
validate-email-too-long = Verwenden Sie eine E-Mail-Adresse mit höchstens 254 Zeichen.
validate-email-malformed = Geben Sie eine E-Mail-Adresse wie name@example.com ein.
validate-password-too-short = Verwenden Sie ein Passwort mit mindestens 10 Zeichen.
validate-password-too-long = Verwenden Sie ein Passwort mit höchstens 256 Zeichen.
validate-slug-length = Verwenden Sie 3 bis 40 Zeichen für die Adresse der Seite.
validate-slug-characters = Verwenden Sie nur Buchstaben a–z, Ziffern und einzelne Bindestriche (nicht am Anfang oder Ende).
validate-slug-reserved = „{ $slug }“ ist reserviert; wählen Sie eine andere Adresse.
validate-zone-empty = Wählen Sie eine Zeitzone.
validate-zone-unknown = „{ $zone }“ ist keine bekannte Zeitzone; verwenden Sie einen IANA-Namen wie Europe/Berlin.
validate-date-range = Wählen Sie ein Datum zwischen 2000 und 2199.
validate-instant-format = Geben Sie die Zeit im Format RFC 3339 mit Zeitversatz an, z. B. 2026-12-01T10:00:00+01:00.
validate-date-empty = Wählen Sie ein Datum.
validate-date-format = Geben Sie das Datum als JJJJ-MM-TT an, z. B. 2026-12-01.
validate-time-empty = Wählen Sie eine Uhrzeit.
validate-time-format = Geben Sie die Uhrzeit als HH:MM an, z. B. 09:30.

## Preise (crates/core/src/pricing.rs)

validate-currency = Verwenden Sie einen dreistelligen Währungscode nach ISO 4217, etwa EUR, USD oder GBP.
validate-price-range = Verwenden Sie einen Preis von 0 bis { $max } in der kleinsten Einheit der Währung (Cent).
validate-tiers-none = Geben Sie mindestens eine Preisstufe an, beginnend mit Sitzung 1.
validate-tiers-too-many = Verwenden Sie höchstens { $max } Preisstufen.
validate-tier-first = Beginnen Sie die erste Preisstufe mit Sitzung 1.
validate-tier-from-range = Verwenden Sie eine Sitzungsnummer von 1 bis { $max }.
validate-tier-order = Beginnen Sie jede Preisstufe mit einer späteren Sitzung als die vorige.
validate-tier-currency = Diese Preisstufe ist in { $tier }, die Sitzungsart aber in { $currency } bepreist; verwenden Sie { $currency }.

## Buchungen, Anfragen, Konten, Bewerbungen, Klienten (crates/server/src/app)

validate-choose-date-between-2000 = Wählen Sie ein Datum zwischen 2000 und 2199.
validate-give-date-2026-12 = Geben Sie `{ $field }` als Datum (2026-12-01, Mitternacht in Ihrer Zeitzone) oder im Format RFC 3339 mit Zeitversatz (2026-12-01T09:00:00+01:00) an.
validate-must-after-from = `to` muss nach `from` liegen.
validate-ask-most-days-time = Fragen Sie höchstens { $max-calendar-days } Tage auf einmal ab.
validate-choose-earlier-start = Wählen Sie einen früheren Beginn.
validate-choose-session-type = Wählen Sie eine Terminart.
validate-no-such-session-type = Diese Terminart gibt es auf dieser Seite nicht; wählen Sie eine der aufgeführten.
validate-time-has-passed-choose = Diese Zeit ist bereits vorbei; wählen Sie eine spätere.
validate-choose-earlier-time = Wählen Sie eine frühere Zeit.
validate-end-must-after-start = Das Ende muss nach dem Beginn liegen.
validate-session-can-last-most = Ein Termin kann höchstens 12 Stunden dauern.
validate-choose-earlier-end = Wählen Sie ein früheres Ende: Zeiten und Daten müssen zwischen den Jahren 2000 und 2199 liegen.
validate-use-earlier-later-say = Geben Sie earlier oder later an, um zu sagen, welche der doppelt vorkommenden Zeiten Sie meinen.
validate-choose-another-time = Wählen Sie eine andere Zeit.
validate-no-such-client = Diesen Klienten gibt es unter Ihren Klienten nicht.
validate-no-such-application = Diese Bewerbung gibt es unter Ihren Bewerbungen nicht.
validate-no-such-package = Dieses Paket gibt es unter Ihren Paketen nicht.
validate-choose-client-whose-package = Wählen Sie den Klienten, dessen Paketguthaben diese Sitzung nutzt.
validate-not-enrolled = { $name } ist nicht im Paket { $package } angemeldet. Melden Sie die Person zuerst auf ihrer Seite an, oder buchen Sie ohne Paket.
validate-use-meeting-link-starting = Verwenden Sie einen Besprechungslink, der mit https:// beginnt, z. B. https://meet.example.com/ana.
validate-credits-none-left = Im Paket { $package } ist kein Guthaben mehr übrig: Alle { $total } Sitzungen sind gebucht oder genutzt. Buchen Sie ohne Paket, oder melden Sie den Klienten erneut an.
validate-credits-expired = Das Guthaben aus { $package } gilt für Sitzungen vor dem { $expires-on }; wählen Sie ein früheres Datum, oder buchen Sie ohne Paket.
validate-choose-date-time = Wählen Sie ein Datum und eine Uhrzeit.
validate-choose-another-time-range = Wählen Sie eine andere Zeit: Zeiten und Daten müssen zwischen den Jahren 2000 und 2199 liegen.
validate-give-time-rfc-3339 = Geben Sie die Zeit im Format RFC 3339 (2026-12-01T10:00:00+01:00) oder als 2026-12-01T10:00 in Ihrer Zeitzone an.
validate-propose-one-two-three = Schlagen Sie eine, zwei oder drei Zeiten vor, die Ihnen passen würden.
validate-time-has-passed-choose-2 = Diese Zeit ist bereits vorbei; wählen Sie eine in der Zukunft.
validate-choose-time-within-next = Wählen Sie eine Zeit innerhalb der nächsten { $max-days-ahead } Tage.
validate-proposed-time-already-choose = Diese Zeit haben Sie bereits vorgeschlagen; wählen Sie eine andere.
validate-own-page-book-time = Dies ist Ihre eigene Seite: Buchen Sie die Zeit in Ihrem Kalender, statt sie anzufragen.
validate-choose-proposed-time = Wählen Sie eine der { $count } vorgeschlagenen Zeiten (0 bis { $last }).
validate-say-which-time-book = Geben Sie an, welche Zeit gebucht werden soll: timeIndex (0, 1 oder 2) oder ihren Beginn.
validate-not-one-proposed-times = Das ist keine der vorgeschlagenen Zeiten.
validate-tell-requester-why-few = Sagen Sie der anfragenden Person in wenigen Worten, warum (sie erhält es per E-Mail).
validate-expiry-hours = Wählen Sie zwischen { $fewest } und { $most } Stunden (30 Tage).
validate-account-email-already-exists = Ein Konto mit dieser E-Mail-Adresse gibt es bereits; melden Sie sich stattdessen an.
validate-page-address-taken-choose = Diese Adresse ist bereits vergeben; wählen Sie eine andere.
validate-choose-page-address-coach = Wählen Sie eine Adresse für die Seite dieses Coachs.
validate-locale = Wählen Sie en (English) oder de (Deutsch).
validate-another-account-uses-email = Ein anderes Konto verwendet diese E-Mail-Adresse.
validate-current-password-wrong = Das aktuelle Passwort ist falsch.
validate-send-most-20-answers = Senden Sie höchstens 20 Antworten.
validate-tell-coach-briefly-what = Sagen Sie dem Coach kurz, woran Sie arbeiten möchten.
validate-ask-most-questions = Stellen Sie höchstens { $max-questions } Fragen.
validate-keep-each-question-one = Fassen Sie jede Frage in eine Zeile mit höchstens { $max-question-chars } Zeichen.
validate-use-digits-spaces-only = Verwenden Sie nur Ziffern, Leerzeichen und + - ( ), höchstens 40 Zeichen.
validate-use-active-archived = Verwenden Sie active oder archived.
validate-already-have-client-email = Sie haben bereits einen Klienten mit dieser E-Mail-Adresse.
validate-package-archived-restore-choose = Dieses Paket ist archiviert; stellen Sie es wieder her, oder wählen Sie ein anderes.
validate-choose-one-packages = Wählen Sie eines Ihrer Pakete.
validate-choose-start-date-keeps = Wählen Sie ein Startdatum, bei dem das Paket innerhalb der Jahre 2000 bis 2199 liegt.

## Formulare der Seiten (crates/server/src/web/pages)

validate-date-and-time = Geben Sie ein Datum und eine Uhrzeit an.

## Einstellungen und Werkzeuge des Coachs (crates/server/src/app)

validate-address-holds-space-control = Die Adresse enthält ein Leerzeichen, ein Steuerzeichen oder ein unsichtbares Zeichen; geben Sie sie ohne erneut ein.
validate-address-longer-than-2000 = Die Adresse ist länger als 2000 Zeichen.
validate-already-have-template-called = Sie haben bereits eine Vorlage namens „{ $name }“; wählen Sie einen anderen Namen.
validate-block-most-366-days = Blockieren Sie höchstens 366 Tage auf einmal.
validate-booking-priced-record-payment = Diese Buchung ist in { $code } bepreist; erfassen Sie die Zahlung in { $code }.
validate-cancel-most-days-time = Sagen Sie höchstens { $max-cancel-days } Tage auf einmal ab.
validate-choose-abort-skip = Wählen Sie abort oder skip.
validate-choose-cash-bank-transfer = Wählen Sie cash, bank_transfer, card_in_person oder other.
validate-choose-client-price-leave = Wählen Sie den Klienten, für den dieser Preis gilt, oder lassen Sie den Preis weg.
validate-choose-date-weekday = Wählen Sie date oder weekday.
validate-choose-days-within-calendar = Wählen Sie Tage innerhalb des Kalenders.
validate-choose-from-1-sessions = Wählen Sie 1 bis { $max-occurrences } Sitzungen; höchstens { $max-occurrences } lassen sich auf einmal anlegen.
validate-choose-how-booked-time = Wählen Sie, wie gebuchte Zeit erscheint: no, booked oder booked_with_type.
validate-choose-ics-calendar-s = Wählen Sie ics (die .ics-Adresse eines Kalenders) oder caldav (ein CalDAV-Server).
validate-choose-least-one-event = Wählen Sie mindestens einen Ereignistyp oder „*“ für alle.
validate-choose-least-one-weekday = Wählen Sie mindestens einen Wochentag.
validate-choose-none-fixed-personal = Wählen Sie none, fixed (Ihr persönlicher Raum) oder pattern (ein neuer Raum je Sitzung).
validate-choose-once-days-weekly = Wählen Sie once, days oder weekly als Art der Abwesenheit.
validate-choose-one-client-s = Wählen Sie eine der Paketanmeldungen dieses Klienten.
validate-choose-one-client-s-2 = Wählen Sie eine der Buchungen dieses Klienten.
validate-choose-one-clients = Wählen Sie einen Ihrer Klienten.
validate-choose-one-one-group = Wählen Sie one_on_one, group oder discovery.
validate-choose-policy-always = Wählen Sie policy oder always.
validate-choose-session-type-template = Wählen Sie eine Sitzungsart oder eine Vorlage.
validate-choose-times-between-years = Wählen Sie Zeiten zwischen den Jahren 2000 und 2199.
validate-choose-weekly-daily-monthly = Wählen Sie weekly, daily oder monthly.
validate-choose-who-may-book = Wählen Sie, wer buchen darf: connected, registered oder public.
validate-choose-who-sees-calendar = Wählen Sie, wer Ihren Kalender sieht: private, connected oder public.
validate-choose-who-sees-each = Wählen Sie für jede Sitzungsart, wer sie sieht: nobody, connected, registered oder public.
validate-choose-who-sees-nobody = Wählen Sie, wer sie sieht: nobody, connected, registered oder public.
validate-enrolment-was-sold-record = Diese Paketanmeldung wurde in { $code } verkauft; erfassen Sie die Zahlung in { $code }.
validate-enter-address-send-events = Geben Sie die Adresse ein, an die Ereignisse gesendet werden, z. B. https://hooks.example.com/coachbook.
validate-enter-amount-above-0 = Geben Sie einen Betrag über 0 ein.
validate-enter-calendar-s-address = Geben Sie die Adresse des Kalenders ein, beginnend mit https://.
validate-enter-personal-room-s = Geben Sie den Link Ihres persönlichen Raums ein, z. B. https://meet.example.com/ana.
validate-give-calendar-name-personal = Geben Sie dem Kalender einen Namen, z. B. Privat oder Familie.
validate-give-date-time-between = Geben Sie ein Datum mit Uhrzeit zwischen 2000 und 2199 an, z. B. 2026-12-24T09:00 (Ihre Zeitzone) oder im Format RFC 3339.
validate-give-either-count-until = Geben Sie entweder count oder until an, nicht beides.
validate-give-either-dates-pattern = Geben Sie entweder Daten oder ein Muster an, nicht beides.
validate-give-id-last-delivery = Geben Sie die ID der letzten Zustellung der vorigen Seite an (1 oder mehr).
validate-have-busy-calendars-remove = Sie haben { $max-sources } Kalender für belegte Zeiten; entfernen Sie zuerst einen.
validate-have-entries-time-off = Sie haben { $max-blocks } Abwesenheiten eingetragen; entfernen Sie zuerst alte.
validate-keep-description-one-line = Fassen Sie die Beschreibung in eine Zeile mit höchstens 300 Zeichen.
validate-keep-label-one-line = Fassen Sie die Bezeichnung in eine Zeile mit höchstens 100 Zeichen.
validate-keep-name-one-line = Fassen Sie den Namen in eine Zeile mit höchstens 100 Zeichen.
validate-keep-note-most-500 = Fassen Sie die Notiz in höchstens 500 Zeichen.
validate-keep-one-line-most = Fassen Sie es in eine Zeile mit höchstens { $max } Zeichen.
validate-last-date-must-not = { $name }: Das letzte Datum darf nicht vor dem ersten liegen.
validate-last-date-must-not-2 = Das letzte Datum darf nicht vor dem ersten liegen.
validate-last-day-before-first = Der letzte Tag liegt vor dem ersten; wählen Sie für until einen Tag an oder nach from.
validate-last-day-before-first-2 = Der letzte Tag liegt vor dem ersten; wählen Sie für to einen Tag an oder nach from.
validate-last-day-must-not = Der letzte Tag darf nicht vor dem ersten liegen.
validate-no-such-session-template = Diese Terminvorlage gibt es unter Ihren Vorlagen nicht.
validate-no-such-session-type-2 = Diese Sitzungsart gibt es unter Ihren Sitzungsarten nicht.
validate-only-client-s-booking = Nur die Buchung eines Klienten kann Paketguthaben nutzen: Buchen Sie die Sitzung stattdessen für den Klienten.
validate-only-group-sessions-take = Nur Gruppensitzungen haben mehr als eine teilnehmende Person; verwenden Sie 1, oder machen Sie daraus eine Gruppe.
validate-only-group-sessions-take-2 = Nur Gruppensitzungen haben mehr als eine teilnehmende Person; verwenden Sie 1, oder wählen Sie eine Gruppenart.
validate-pattern-gives-more-than = Dieses Muster ergibt mehr als { $max-occurrences } Sitzungen; höchstens { $max-occurrences } lassen sich auf einmal anlegen. Wählen Sie ein früheres until.
validate-pattern-gives-no-session = Dieses Muster ergibt keine Sitzung; prüfen Sie die Wochentage und die Tage from und until.
validate-pattern-reaches-time-cannot = Dieses Muster erreicht eine Zeit, die sich nicht in Ihren Kalender eintragen lässt.
validate-payment-enrolment-booking-not = Eine Zahlung gilt für eine Paketanmeldung oder eine Buchung, nicht für beides; lassen Sie eines leer.
validate-personal-room-one-fixed = Ein persönlicher Raum ist ein fester Link; für einen neuen Raum je Sitzung wählen Sie stattdessen das Muster.
validate-remove-control-characters-from = Entfernen Sie die Steuerzeichen aus diesem Text.
validate-remove-control-characters-from-2 = Entfernen Sie die Steuerzeichen aus der Suche.
validate-repeat-every-weeks-not = { $name }: Wiederholen Sie alle { $min-every-weeks } bis { $max-every-weeks } Wochen, nicht alle { $every }.
validate-say-how-many-sessions = Geben Sie an, wie viele Sitzungen (count) oder den letzten Tag (until).
validate-say-when-list-dates = Geben Sie an, wann: eine Liste von Daten oder ein Muster.
validate-search-most-200-characters = Suchen Sie nach höchstens 200 Zeichen.
validate-session-type-archived-restore = Diese Sitzungsart ist archiviert; stellen Sie sie wieder her, oder wählen Sie eine andere.
validate-session-type-not-one = { $name }: Die Sitzungsart { $bad } gehört nicht zu Ihren.
validate-session-type-not-one-2 = Die Sitzungsart { $id } gehört nicht zu Ihren.
validate-time-off-can-last = Eine Abwesenheit kann höchstens ein Jahr dauern; verwenden Sie für längere ganze Tage.
validate-use-address-most-2000 = Verwenden Sie eine Adresse mit höchstens 2000 Zeichen.
validate-use-colour-like-2f6f62 = Verwenden Sie eine Farbe wie #2f6f62.
validate-use-link-photo-starting = Verwenden Sie einen Link zu Ihrem Foto, der mit https:// beginnt, oder lassen Sie das Feld leer.
validate-use-link-starting-https = Verwenden Sie einen Link, der mit https:// beginnt, z. B. https://meet.example.com/ana.
validate-use-most-12-windows = Verwenden Sie höchstens 12 Zeitfenster pro Tag.
validate-use-most-80-ordinary = Verwenden Sie höchstens 80 gewöhnliche Zeichen für den Namen.
validate-use-most-windows = Verwenden Sie höchstens { $max-rules } Zeitfenster.
validate-use-three-letter-currency = Verwenden Sie einen dreistelligen Währungscode wie EUR, USD oder GBP.
validate-weekdays-1-monday-7 = Wochentage sind 1 (Montag) bis 7 (Sonntag).

## Zahlen in einem Bereich und Namen, nach ihrer Art ($kind)

validate-in-range = { $kind ->
    [length-in-minutes] Verwenden Sie eine Dauer von { $min } bis { $max } Minuten.
    [duration-in-minutes] Verwenden Sie eine Dauer von { $min } bis { $max } Minuten.
    [session-length-in-minutes] Verwenden Sie eine Sitzungsdauer von { $min } bis { $max } Minuten.
    [buffer-in-minutes] Verwenden Sie einen Puffer von { $min } bis { $max } Minuten.
    [group-size] Verwenden Sie eine Gruppengröße von { $min } bis { $max }.
    [validity-in-days] Verwenden Sie eine Gültigkeit von { $min } bis { $max } Tagen.
    [price-in-cents] Verwenden Sie einen Preis von { $min } bis { $max } Cent.
    [page-size] Verwenden Sie eine Seitengröße von { $min } bis { $max }.
    [interval] Verwenden Sie ein Intervall von { $min } bis { $max }.
    [number-of-sessions] Verwenden Sie eine Anzahl von { $min } bis { $max } Sitzungen.
   *[other] Verwenden Sie einen Wert von { $min } bis { $max }.
}
validate-between = { $kind ->
    [minimum-notice-minutes] Die Mindestvorlaufzeit muss zwischen { $min } und { $max } Minuten liegen.
    [booking-horizon-days] Der Buchungshorizont muss zwischen { $min } und { $max } Tagen liegen.
    [slot-interval-minutes] Der Abstand der Startzeiten muss zwischen { $min } und { $max } Minuten liegen.
    [cancellation-cut-off-minutes] Die Absagefrist muss zwischen { $min } und { $max } Minuten liegen.
    [reschedule-cut-off-minutes] Die Frist zum Verschieben muss zwischen { $min } und { $max } Minuten liegen.
    [daily-limit-leave-it-empty-for-none] Das Tageslimit muss zwischen { $min } und { $max } liegen (leer lassen für keines).
    [weekly-limit-leave-it-empty-for-none] Das Wochenlimit muss zwischen { $min } und { $max } liegen (leer lassen für keines).
   *[other] Der Wert muss zwischen { $min } und { $max } liegen.
}
validate-name-template = Geben Sie der Vorlage einen Namen, z. B. „Wöchentliche Gruppenstunde“.
validate-name-session-type = Geben Sie der Sitzungsart einen Namen, z. B. „Coaching-Sitzung“.
validate-name-package = Geben Sie dem Paket einen Namen, z. B. „Programm mit sechs Sitzungen“.
validate-bulk-too-many-dates = Es wurden { $given } Daten angegeben; höchstens { $max-occurrences } Sitzungen lassen sich auf einmal anlegen. Teilen Sie die Liste auf.
validate-bulk-date-unreadable = Datum { $n } („{ $shown }“) ist nicht lesbar: Geben Sie ein lokales Datum mit Uhrzeit wie 2027-01-05T18:00 oder RFC 3339 wie 2027-01-05T18:00:00Z an, zwischen den Jahren 2000 und 2199.
validate-bulk-not-a-weekday = „{ $shown }“ ist kein Wochentag; verwenden Sie mo, tu, we, th, fr, sa oder su.
validate-webhook-event-type = „{ $u }“ ist kein Ereignistyp; verwenden Sie „*“ oder einen von { $known }.
validate-meeting-pattern-placeholder = Setzen Sie {"{"}random{"}"} dort ein, wo der Raumname jeder Sitzung steht, z. B. https://meet.jit.si/coachbook-{"{"}random{"}"}.
validate-weekday-number = Wochentag { $weekday } liegt nicht zwischen 1 (Montag) und 7 (Sonntag).
validate-edit-group-taken = { $taken } Personen sind in diesem Termin gebucht; { $type-name } erlaubt nur eine. Behalten Sie eine Gruppenart, oder sagen Sie zuerst Buchungen ab.
validate-edit-no-such-package = { $name } hat kein solches Paket. Melden Sie die Person zuerst auf ihrer Seite an, oder lassen Sie das Paket, wie es ist.

## Termine, Serien, Co-Hosts, Feeds, Erinnerungen, Auswertungen, die Warteliste und die Formulare der Seiten

validate-ask-between-1-notifications = Fragen Sie zwischen 1 und { $max-limit } Benachrichtigungen ab.
validate-ask-most-366-days = Fragen Sie höchstens 366 Tage auf einmal ab.
validate-choose-after-from = Wählen Sie für `to` einen Zeitpunkt nach `from`.
validate-choose-client-add-waitlist = Wählen Sie den Klienten, der auf die Warteliste soll.
validate-choose-coach-invite = Wählen Sie den Coach, den Sie einladen möchten.
validate-choose-coach-invite-coachid = Wählen Sie den Coach, den Sie einladen möchten (coachId oder seine E-Mail-Adresse).
validate-choose-confirm-cancel-complete = Wählen Sie confirm, cancel, complete oder no-show.
validate-choose-day-week-month = Wählen Sie die Tages-, Wochen-, Monats- oder Listenansicht.
validate-choose-earlier-day = Wählen Sie für to einen früheren Tag.
validate-choose-following-all = Wählen Sie following oder all.
validate-choose-later-day = Wählen Sie für to einen späteren Tag.
validate-choose-most-days-range = Wählen Sie höchstens { $max-days } Tage (dieser Zeitraum umfasst { $days }).
validate-choose-one-open-times = Wählen Sie eine der freien Zeiten.
validate-choose-one-session-types = Wählen Sie eine Ihrer Sitzungsarten.
validate-choose-package = Wählen Sie ein Paket.
validate-choose-shorter-length = Wählen Sie eine kürzere Dauer.
validate-choose-time-zone-from = Wählen Sie eine Zeitzone aus der Liste, z. B. Europe/Berlin.
validate-coach-cannot-co-host = Coach { $id } kann nicht Co-Host sein: Wählen Sie andere Coachs dieser Praxis.
validate-coach-host-session-already = Dieser Coach leitet diesen Termin bereits.
validate-create-session-type-first = Legen Sie zuerst eine Sitzungsart an: Freie Zeiten werden für eine Sitzungsart berechnet.
validate-does-not-read-write = „{ $part }“ ist nicht lesbar; schreiben Sie jede Stufe als erste Sitzung: Preis, etwa „5: 90, 10: 80“.
validate-enter-whole-number = Geben Sie eine ganze Zahl ein.
validate-give-coach-s-id = Geben Sie die ID des Coachs (coachId) des Klienten-Feeds an, der erneuert werden soll; GET /api/me/feeds listet sie auf.
validate-give-hours-date-choose = Geben Sie die Zeiten für dieses Datum an, oder wählen Sie „Ganztägig geschlossen“.
validate-give-rfc-3339-time = Geben Sie `{ $field }` als RFC-3339-Zeit mit Zeitversatz (2026-12-01T09:00:00+01:00 oder 2026-12-01T08:00:00Z) oder als Datum (2026-12-01, Mitternacht in Ihrer Zeitzone) an.
validate-give-whole-number = Geben Sie eine ganze Zahl an.
validate-give-whole-number-hours = Geben Sie eine ganze Zahl von Stunden an, von 1 bis 168.
validate-have-no-feed-coach = Sie haben keinen Feed dieses Coachs: Sie sind nicht als Klient mit ihm verbunden.
validate-hold-freed-seat-between = Halten Sie einen frei gewordenen Platz zwischen 1 und { $max-offer-hours } Stunden frei.
validate-host-session-already-choose = Sie leiten diesen Termin bereits; wählen Sie einen anderen Coach.
validate-idempotency-key-was-used = Dieser Idempotency-Key wurde für eine andere Anfrage verwendet; verwenden Sie einen neuen Schlüssel.
validate-invite-most-co-hosts = Laden Sie höchstens { $max-cohosts } Co-Hosts ein.
validate-most-reminders-per-session = Höchstens { $max-reminders } Erinnerungen pro Termin.
validate-no-coach-practice-has = Kein Coach dieser Praxis hat diese E-Mail-Adresse.
validate-no-coach-practice-has-2 = Kein Coach dieser Praxis hat diese ID.
validate-no-such-client-yours = Diesen Klienten gibt es unter Ihren Klienten nicht.
validate-occurrence-has-started-change = Dieser Termin der Serie hat bereits begonnen; ändern Sie die folgenden ab einem späteren Termin.
validate-only-coach-has-feed = Nur ein Coach hat diesen Feed; Ihre sind die Klienten-Feeds, Art client mit der ID des Coachs.
validate-out-range-reminder-goes = { $part } liegt außerhalb des Bereichs: Eine Erinnerung geht zwischen 15 Minuten und 14 Tagen vorher hinaus.
validate-range-must-start-before = Der Zeitraum muss am oder vor seinem letzten Tag beginnen (from ≤ to).
validate-say-which-feed-coach = Geben Sie an, welcher Feed: coach, coach_anonymous oder client (mit coachId).
validate-say-which-occurrence-change = Geben Sie an, ab welchem Termin der Serie die Änderung gilt (fromSessionId).
validate-session-another-type = Der Termin ist von einer anderen Art.
validate-session-not-occurrence-series = Dieser Termin gehört nicht zu dieser Serie.
validate-time-not-open-booking = Diese Zeit ist nicht zur Buchung frei. Wählen Sie eine der freien Zeiten.
validate-use-week-month = Verwenden Sie week oder month für by.
validate-ask-most-days-range = Fragen Sie höchstens { $max-range-days } Tage auf einmal ab.
validate-client-price-currency = { $name } ist in { $currency } bepreist; geben Sie den Preis des Klienten in { $currency } an.
validate-price-other-currency = Dieser Preis ist in { $code }, die Währung aber ist { $currency }; gleichen Sie beides an.
validate-price-hint = Geben Sie den Preis als Zahl wie 1.200,50 oder 79,50 ein (höchstens zwei Nachkommastellen).
validate-clock-gap-day = { $day }, { $time } Uhr gibt es in { $zone } nicht: Die Uhren werden dann vorgestellt. Wählen Sie eine andere Zeit.
validate-clock-gap-on = { $time } Uhr gibt es am { $day } in { $zone } nicht: Die Uhren werden dann vorgestellt. Wählen Sie eine andere Zeit.
validate-windows-overlap = { $a }–{ $b } überschneidet sich mit { $c }–{ $d }; fassen Sie beide zu einem Zeitfenster zusammen.
validate-bio-too-long = Fassen Sie Ihre Vorstellung in höchstens 2000 Zeichen Text.
