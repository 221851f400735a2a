# E-Mails, in der Sprache des Empfängers. Betreffzeilen sind einzeilig.

email-hello = Hallo { $name },
email-reply = Antworten Sie auf diese E-Mail, um { $coach } zu erreichen.
email-stop-reminders = Diese Erinnerungen abbestellen
email-what = Was
email-when = Wann
email-with = Mit
email-where = Wo
email-zone-time = Zeit in { $zone }
email-manage = Diese Buchung verwalten:
email-manage-link = absagen oder verschieben
email-manage-text = Diese Buchung verwalten (absagen oder verschieben): { $url }
email-reason = Grund:
email-your-times = Ihre vorgeschlagenen Zeiten
email-their-times = Die vorgeschlagenen Zeiten

email-application-acknowledged-subject = Ihre Bewerbung bei { $coach } ist eingegangen
email-application-acknowledged-title = Ihre Bewerbung ist eingegangen
email-application-acknowledged-body = Danke für Ihre Bewerbung bei { $coach }. Sie ist angekommen; { $coach } liest sie und meldet sich bei Ihnen.

email-application-received-subject = Neue Bewerbung von { $name }
email-application-received-title = Neue Bewerbung
email-application-received-body = { $name } ({ $email }) möchte mit Ihnen arbeiten.
email-application-received-goals = Ziele
email-application-received-review = Bewerbung ansehen
email-application-received-review-text = Ansehen, ein Kennenlerngespräch planen oder antworten: { $link }

email-cancelled-subject = Abgesagt: { $session } mit { $coach }, { $starts }
email-cancelled-title = Termin abgesagt
email-cancelled-by-you = Ihr Termin mit { $coach } ist wie gewünscht abgesagt.
email-cancelled-by-coach = { $coach } hat Ihren Termin abgesagt.
email-cancelled-attachment = Die angehängte Absage entfernt den Termin aus Ihrem Kalender.

email-cancelled-coach-subject = { $name } hat abgesagt: { $session }, { $starts }
email-cancelled-coach-title = { $name } hat abgesagt
email-cancelled-coach-body = { $name } ({ $email }) hat den Termin abgesagt.
email-cancelled-coach-open = Buchungen öffnen
email-cancelled-coach-open-text = Ihre Buchungen: { $link }

email-confirmed-subject = Bestätigt: { $session } mit { $coach }, { $starts }
email-confirmed-title = Ihr Termin ist bestätigt
email-confirmed-body = { $coach } hat Ihren Termin bestätigt.
email-updated-invitation = Die aktualisierte Einladung ist angehängt: Öffnen Sie sie, damit Ihr Kalender aktuell bleibt.

email-created-subject-requested = Angefragt: { $session } mit { $coach }, { $starts }
email-created-subject-booked = Gebucht: { $session } mit { $coach }, { $starts }
email-created-title-requested = Buchung angefragt
email-created-title-booked = Ihr Termin ist gebucht
email-created-body-requested = { $coach } hat Ihre Buchungsanfrage erhalten und bestätigt sie bald.
email-created-body-booked = Ihr Termin mit { $coach } ist gebucht.
email-invitation-attached = Die Einladung ist angehängt: Öffnen Sie sie, um den Termin in Ihren Kalender einzutragen.

email-rescheduled-subject = Geändert: { $session } mit { $coach }, jetzt { $starts }
email-rescheduled-title = Ihr Termin hat sich geändert
email-rescheduled-body = Ihr Termin mit { $coach } hat sich geändert. So steht er jetzt:
email-rescheduled-attachment = Die aktualisierte Einladung ist angehängt: Öffnen Sie sie, um Ihren Kalender zu aktualisieren.

email-invitation-subject = { $coach } lädt Sie ein, Ihr Konto zu verbinden
email-invitation-title = Konto verbinden
email-invitation-body = { $coach } lädt Sie ein, Ihr Konto zu verbinden: Dann sehen Sie Ihre Termine und Paketguthaben und können Termine selbst absagen oder verschieben.
email-invitation-open-text = Öffnen Sie diesen Link, um sich anzumelden (oder ein Konto anzulegen) und zu verbinden:
email-invitation-button = Mein Konto verbinden
email-invitation-or-open = Oder öffnen Sie diese Adresse:
email-invitation-once = Der Link gilt einmal und bis { $until }. Wenn Sie ihn nicht erwartet haben, ignorieren Sie diese E-Mail: Es geschieht nichts, solange der Link nicht geöffnet wird.

email-discovery-subject = Kennenlerngespräch mit { $coach }, { $starts }
email-discovery-title = Ihr Kennenlerngespräch
email-discovery-body = Danke für Ihre Bewerbung. { $coach } möchte zuerst mit Ihnen sprechen: Ein Kennenlerngespräch ist für Sie gebucht.
email-discovery-attachment = Die Einladung ist angehängt: Öffnen Sie sie, um das Gespräch in Ihren Kalender einzutragen. Passt Ihnen die Zeit nicht, antworten Sie auf diese E-Mail.

email-reminder-subject = Erinnerung: { $session } mit { $coach }, { $starts }
email-reminder-title = Bis bald
email-reminder-body = Eine Erinnerung an Ihren Termin mit { $coach }.
email-reminder-stop-text = Diese Erinnerungen abbestellen: { $url }

email-request-acknowledged-subject = Ihre Terminanfrage an { $coach } ist eingegangen
email-request-acknowledged-title = Anfrage erhalten
email-request-acknowledged-body = { $coach } hat Ihre Terminanfrage erhalten und bestätigt eine Ihrer Zeiten oder meldet sich bei Ihnen.
email-request-acknowledged-next = Wird sie bestätigt, erhalten Sie eine Buchungsbestätigung mit Kalendereinladung. Ohne Antwort bis { $expires } verfällt die Anfrage, und wir geben Ihnen Bescheid.

email-request-declined-subject = { $coach } hat Ihre Terminanfrage abgelehnt
email-request-declined-title = Anfrage abgelehnt
email-request-declined-body = { $coach } kann zu den vorgeschlagenen Zeiten nicht.
email-request-declined-wrote = { $coach } schreibt
email-request-book-or-new = Eine freie Zeit buchen oder neu anfragen
email-request-book-or-new-text = Sie können eine freie Zeit buchen oder neu anfragen: { $link }

email-request-expired-subject = Ihre Terminanfrage an { $coach } ist verfallen
email-request-expired-title = Anfrage verfallen
email-request-expired-body = Ihre Terminanfrage wurde nicht rechtzeitig beantwortet und ist verfallen. Es wurde nichts gebucht.
email-request-expired-text = Sie können eine freie Zeit buchen oder mit anderen Zeiten neu anfragen: { $link }

email-request-received-subject = Terminanfrage von { $name }: { $session }
email-request-received-title = Neue Terminanfrage
email-request-received-body = { $name } ({ $email }) fragt nach einem Termin zu einer Zeit, die Sie nicht anbieten.
email-request-received-message = Nachricht
email-request-received-approve = Bestätigen oder ablehnen
email-request-received-approve-text = Bestätigen Sie eine der Zeiten (sie wird sofort gebucht, wenn sie noch frei ist) oder lehnen Sie mit Begründung ab: { $link }
email-request-received-expires = Unbeantwortet verfällt die Anfrage am { $expires }.

email-waitlist-subject = Ein Platz ist frei in { $session } mit { $coach }: sichern Sie ihn bis { $expires }
email-waitlist-title = Ein Platz ist frei
email-waitlist-body = Im Termin, auf den Sie warten, ist ein Platz frei geworden, und er ist für Sie reserviert:
email-waitlist-claim-by = Sichern Sie ihn bis { $expires } ({ $zone }). Danach wird er der nächsten wartenden Person angeboten.
email-waitlist-claim-by-text = Sichern Sie ihn bis { $expires } ({ $zone }): { $link }
email-waitlist-button = Platz sichern
email-waitlist-or-open = Oder öffnen Sie diesen Link:
email-waitlist-pass-on = Kein Bedarf mehr? Geben Sie ihn auf derselben Seite weiter.
email-waitlist-pass-on-text = Sichern Sie ihn nicht bis dahin, wird er der nächsten wartenden Person angeboten. Wenn Sie ihn nicht mehr möchten, können Sie ihn auf derselben Seite weitergeben.
email-session = Termin
email-times = { $count ->
    [one] Zeit
   *[other] Zeiten
}
