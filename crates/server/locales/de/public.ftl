public-photo-of = Foto von { $name }
public-eyebrow = Coaching
public-book-a-session = Termin buchen
public-apply = Für ein Coaching bewerben
public-sessions = Termine
public-minutes = { $minutes } Min.
public-group-of = Gruppe mit bis zu { $count } Personen
public-coach-confirms = { $name } bestätigt jede Buchung dieses Termins.
public-time-zone = Zeitzone
public-session-type = Terminart
public-all-session-types = Alle Terminarten
public-show = Anzeigen
public-previous = Zurück
public-next = Weiter
public-week-word = Woche
public-today = Heute
public-view = Ansicht
public-view-week = Woche
public-view-month = Monat
public-view-list = Liste
public-times-in = Zeiten in { $zone }.
public-no-open-times = Diese Woche sind keine Zeiten frei. Versuchen Sie die nächste Woche.
public-no-open-times-ask = Diese Woche sind keine Zeiten frei. Versuchen Sie die nächste Woche oder
public-ask-for-a-time = fragen Sie nach einer Zeit
public-full-join-waitlist = Ausgebucht · Auf die Warteliste
public-confirm-your-booking = Buchung bestätigen
public-your-name = Ihr Name
public-email-hint = Die Bestätigung und ein Link zum Verwalten der Buchung gehen an diese Adresse.
public-notes-label = Möchten Sie { $name } etwas mitteilen?
public-add-to-calendar = Zum Kalender hinzufügen
public-manage-booking = Diese Buchung verwalten
public-confirm-booking = Verbindlich buchen
public-booking = Buchung
public-no-calendar = { $name } zeigt hier keinen Buchungskalender. Um zusammenzuarbeiten, bewerben Sie sich für ein Coaching.

public-credit-note =
    Verbraucht 1 Ihrer { $count } { $package }-{ $count ->
        [one] Einheit
       *[other] Einheiten
    }.
public-sign-in = Anmelden
public-slot-book = , { $date }: buchen

apply-eyebrow = Coaching mit { $coach }
apply-title = Bewerbung bei { $coach }
apply-sent-title = Danke – Ihre Bewerbung ist eingegangen.
apply-sent-body = { $coach } liest sie und antwortet per E-Mail, meist mit dem Vorschlag eines kurzen Kennenlerngesprächs.
apply-sent-note = Mehr ist im Moment nicht zu tun. Haben Sie sie versehentlich gesendet, antworten Sie auf diese E-Mail.
apply-lead = Erzählen Sie { $coach } ein wenig über sich. Nur { $coach } sieht Ihre Antworten.
apply-email-hint = Damit der Coach antworten kann.
apply-goals = Woran möchten Sie arbeiten?
apply-submit = Bewerbung senden
book-send-request = Terminanfrage senden
book-approval = { $name } bestätigt jede Buchung dieses Termins; bis dahin ist sie offen.
book-choose-another = Andere Zeit wählen
book-not-offered = Diese Zeit wird auf dieser Seite nicht angeboten.
book-choose-open = Wählen Sie eine der freien Zeiten.
booked-cancelled = Diese Buchung ist abgesagt
booked-requested = Angefragt – { $coach } bestätigt
booked-held = Ihre Zeit ist reserviert. Sie erhalten eine E-Mail, sobald { $coach } sie bestätigt.
booked-title = Ihr Termin ist gebucht
booked-what = { $session } mit { $coach }
booked-uses-credit = Dieser Termin verbraucht eine Einheit Ihres Pakets.
booked-confirmation-sent = Eine Bestätigung ist unterwegs an { $email }. Bewahren Sie den Link zum Verwalten der Buchung auf: Dort können Sie absagen oder verschieben.
booked-back = Zurück zur Seite von { $coach }

book-title = Buchen bei { $coach }
booked-page-title = Gebucht

request-title = { $coach } nach einer Zeit fragen
request-sent-title = Ihre Anfrage liegt bei { $coach }.
request-sent-body = Wir haben Ihnen eine Kopie gemailt. { $coach } bestätigt entweder eine Ihrer Zeiten – dann erhalten Sie eine Buchungsbestätigung mit Kalendereinladung – oder sagt Ihnen, warum nicht.
request-sent-expiry = Unbeantwortet verfällt eine Anfrage nach { $hours } Stunden; dann mailen wir Ihnen ebenfalls, damit Sie andere Zeiten wählen können.
request-nothing = Hier kann noch nichts angefragt werden.
request-no-types = { $coach } hat keine Terminarten, die Sie anfragen können.
request-lead = Keine der freien Zeiten passt? Schlagen Sie bis zu drei passende Zeiten vor; { $coach } bestätigt eine davon oder meldet sich. Bis dahin wird nichts gebucht.
request-times = Zeiten, die Ihnen passen
request-times-hint = Mindestens eine, höchstens drei, in der Zeitzone unten.
request-choice-date =
    { $n ->
        [1] Erste Wahl: Datum
        [2] Zweite Wahl (optional): Datum
       *[other] Dritte Wahl (optional): Datum
    }
request-time = Uhrzeit
request-zone-hint = Leer gelassen gelten die Zeiten in der Zeitzone von { $coach }, { $zone }.
request-message = Nachricht (optional)
request-email-hint = Die Antwort kommt an diese Adresse.
request-submit = Anfrage senden
claim-title = Ein Platz ist für Sie frei
claim-booked-title = Ihr Platz ist gebucht
claim-passed-title = Platz weitergegeben
claim-lead = Hallo { $name }.
claim-lead-held = Hallo { $name }. Ein Platz im Termin, auf den Sie gewartet haben, ist bis { $expires } für Sie reserviert.
claim-booked-body = Gebucht. Eine Bestätigung mit Kalendereinladung ist unterwegs zu Ihnen.
claim-passed-body = Danke: Der Platz geht an die nächste wartende Person. Sie stehen nicht mehr auf dieser Warteliste.
claim-submit = Platz sichern
claim-pass = Nein danke, weitergeben
coach-page-of = Seite von { $coach }
join-title = Auf die Warteliste
join-lead = Dieser Termin ist ausgebucht. Tragen Sie sich auf die Warteliste ein: Sobald ein Platz frei wird, erhalten Sie eine E-Mail, und er wird eine Weile für Sie reserviert.
join-place = Sie stehen auf der Warteliste: Platz { $place }.
join-next = Wir mailen Ihnen, wenn ein Platz für Sie frei ist. Sie sichern ihn dann über den Link in dieser E-Mail.
join-email-hint = Das Angebot eines Platzes mit dem Link zum Sichern geht an diese Adresse.
reschedule-title = Termin verschieben
reschedule-lead = { $session } mit { $coach }, derzeit { $day }, { $times } ({ $zone }).
reschedule-choose = Neue Zeit wählen
reschedule-back = Zurück zu Ihrer Buchung
reschedule-none = In den nächsten zwei Wochen sind keine Zeiten frei.
reschedule-contact = Wenden Sie sich an { $coach }, um eine andere Zeit zu finden, oder behalten Sie Ihren Termin.
reschedule-keep = Termin behalten
reschedule-hint = Freie Zeiten für { $session } in den nächsten zwei Wochen, in { $zone }.
reschedule-later = Spätere Zeiten
reschedule-submit = Termin auf diese Zeit verschieben
reschedule-keep-as-is = So lassen

manage-title = Ihre Buchung bei { $coach }
manage-lead = Nur wer diesen Link hat, sieht diese Seite. Bewahren Sie die E-Mail auf, in der er kam.
manage-join = Am Meeting teilnehmen
manage-reason = Grund
manage-reschedule = Verschieben…
manage-cancel = Absagen…
manage-reason-label = Grund (optional; { $coach } sieht ihn)
manage-cancel-submit = Diesen Termin absagen
manage-show-times-in = Zeiten anzeigen in
