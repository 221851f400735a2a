# Was die Skripte im Browser (assets/*.js) selbst schreiben. Die Seite trägt diese Texte als JSON
# (docs/i18n.md, „Scripts“); ein Skript füllt `{ $name }` mit `t()` aus. Keine Selektoren: Zu
# einer Anzahl gibt es je Pluralform einen Text, `-one` und `-other`, das Skript wählt.

# Von mehreren Skripten gebraucht.
js-offline = Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.
js-fix-fields = Bitte korrigieren Sie die markierten Felder.

# Die Seite des Coachs (coach_page.js).
js-cp-times-in = Zeiten in { $zone }.
js-cp-load-failed = Der Kalender konnte nicht geladen werden.
js-cp-load-error = { $error } Laden Sie die Seite neu, um es noch einmal zu versuchen.
js-cp-booked-block = Gebucht
js-cp-booked-as = Gebucht · { $type }
js-cp-full-waitlist = Ausgebucht · Auf die Warteliste
js-cp-session = Termin
js-cp-seats-left-one = noch { $count } Platz
js-cp-seats-left-other = noch { $count } Plätze
js-cp-slot-book = , { $date }: buchen
js-cp-slot-book-type = { $type }, { $date }: buchen
js-cp-empty-week = Hier sind keine Zeiten frei. Versuchen Sie die nächste Woche.
js-cp-empty-month = Hier sind keine Zeiten frei. Versuchen Sie den nächsten Monat.
js-cp-empty-week-ask = Hier sind keine Zeiten frei. Versuchen Sie die nächste Woche oder { $link }.
js-cp-empty-month-ask = Hier sind keine Zeiten frei. Versuchen Sie den nächsten Monat oder { $link }.
js-cp-ask-for-a-time = fragen Sie nach einer Zeit
js-cp-day-today = { $day } (heute)
js-cp-no-times = Keine Zeiten
js-cp-open-one = { $count } frei
js-cp-open-other = { $count } frei
js-cp-day-open-one = { $day }: { $count } Zeit frei
js-cp-day-open-other = { $day }: { $count } Zeiten frei
js-cp-when = { $day }, { $start }–{ $end } ({ $zone })
js-cp-at = { $day }, { $time }
js-cp-approval = Der Coach bestätigt jede Buchung dieses Termins; bis dahin ist sie offen.
js-cp-credit-one = Verbraucht Ihre letzte { $package }-Einheit.
js-cp-credit-other = Verbraucht 1 Ihrer { $count } { $package }-Einheiten.
js-cp-cancel = Abbrechen
js-cp-close = Schließen
js-cp-confirm-title = Buchung bestätigen
js-cp-send-failed = Die Buchung konnte nicht gesendet werden. Prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.
js-cp-taken = Diese Zeit wurde gerade vergeben.
js-cp-nearest = Die nächsten freien Zeiten:
js-cp-send-request = Terminanfrage senden
js-cp-failed = Die Buchung ist nicht durchgegangen. Versuchen Sie es noch einmal.
js-cp-requested = Angefragt
js-cp-booked = Ihr Termin ist gebucht
js-cp-held = Ihre Zeit ist reserviert, bis der Coach sie bestätigt.
js-cp-type-booked = { $session } ist gebucht.
js-cp-confirmation = Eine Bestätigung ist unterwegs an { $email }.
js-cp-confirmation-credit = Dafür wird eine Einheit Ihres Pakets verbraucht. Eine Bestätigung ist unterwegs an { $email }.

# Der Kalender des Coachs (calendar.js).
js-cal-dragging = Sie verschieben den Termin: Legen Sie ihn auf der neuen Zeit ab, oder drücken Sie Escape, damit er bleibt.
js-cal-drag-cancelled = Der Termin bleibt, wo er war.
js-cal-moving = Der Termin wird verschoben …
js-cal-moved = Verschoben. Alle Teilnehmenden werden benachrichtigt.
js-cal-move-failed = Der Termin konnte nicht verschoben werden. Es hat sich nichts geändert; versuchen Sie es noch einmal.
js-cal-not-moved = Nicht verschoben: { $reason }

# Der Dialog, der von jeder Seite des Coachs aus einen Termin bucht (book_session.js).
js-bs-title = Termin buchen
js-bs-client = Klient: { $name }
js-bs-client-email = Klient: { $name } ({ $email })
js-bs-applicant = Interessent: { $name }
js-bs-applicant-email = Interessent: { $name } ({ $email })
js-bs-change = Ändern
js-bs-custom = Jemand anderes – Name und E-Mail eingeben
js-bs-no-package = Kein Paket (ein einzelner Termin)
js-bs-package-left = { $package } — noch { $count }
js-bs-no-credits = In diesem Paket sind keine Einheiten mehr übrig: Eine Buchung damit wird abgelehnt. Wählen Sie kein Paket, oder buchen Sie den Klienten in ein neues Paket ein.
js-bs-credits-left-one = Noch { $count } Einheit übrig; die Buchung reserviert sie.
js-bs-credits-left-other = Noch { $count } Einheiten übrig; die Buchung reserviert eine davon.
js-bs-free = Frei – innerhalb Ihrer Zeiten.
js-bs-free-note = Frei – innerhalb Ihrer Zeiten. { $note }
js-bs-free-override = Frei – wie gewählt außerhalb Ihrer Zeiten gebucht.
js-bs-free-override-note = Frei – wie gewählt außerhalb Ihrer Zeiten gebucht. { $note }
js-bs-template-option = { $name } · { $type }, { $minutes } Min.
js-bs-template-capacity = Bis zu { $count } Teilnehmende.
js-bs-template-price = Preis für { $name }: { $price }.
js-bs-booking = Wird gebucht …
js-bs-book = Termin buchen
js-bs-booked = { $name } ist gebucht.
js-bs-save-failed = Die Buchung konnte nicht gespeichert werden. Versuchen Sie es noch einmal.
js-bs-override-past = Diesen vergangenen Termin trotzdem erfassen
js-bs-override-horizon = Trotzdem über meinen Buchungshorizont hinaus buchen
js-bs-override-hours = Trotzdem außerhalb meiner Zeiten buchen
js-bs-outside-past = Diese Zeit liegt in der Vergangenheit. Kreuzen Sie „{ $choice }“ an, um sie zu buchen, oder wählen Sie eine andere Zeit.
js-bs-outside-horizon = Diese Zeit liegt jenseits Ihres Buchungshorizonts. Kreuzen Sie „{ $choice }“ an, um sie zu buchen, oder wählen Sie eine andere Zeit.
js-bs-outside-hours = Diese Zeit liegt außerhalb Ihrer wöchentlichen Zeiten. Kreuzen Sie „{ $choice }“ an, um sie zu buchen, oder wählen Sie eine andere Zeit.

# Verfügbarkeit (availability.js).
js-av-unsaved = Nicht gespeicherte Änderungen.
js-av-every-weeks-one = Jede Woche
js-av-every-weeks-other = Alle { $count } Wochen
js-av-tick-days = Kreuzen Sie die Tage an, auf die Sie die Zeiten von { $day } übertragen möchten.
js-av-copied = { $day } auf { $days } übertragen. Noch nicht gespeichert.
js-av-none = keine
js-av-cannot-preview = Dieser Entwurf lässt sich nicht als Vorschau zeigen:
js-av-went-wrong = Etwas ist schiefgegangen.
js-av-updating = Wird aktualisiert …
js-av-showing = Freie Zeiten der nächsten zwei Wochen, mit Ihren nicht gespeicherten Änderungen.
js-av-fix-draft = Korrigieren Sie den Entwurf, um seine freien Zeiten zu sehen.
js-av-offline = Der Server ist nicht erreichbar; prüfen Sie Ihre Verbindung.

# Einstellungen › Kalender-Feeds (calendar_feeds.js).
js-feeds-copied = Kopiert.
js-feeds-select = Drücken Sie Strg+C (⌘C auf dem Mac), um die markierte Adresse zu kopieren.

# Die Glocke (notifications.js); wie `notifications-unread` in common.ftl.
js-bell = Benachrichtigungen
js-bell-unread-one = Benachrichtigungen, { $count } ungelesen
js-bell-unread-other = Benachrichtigungen, { $count } ungelesen
