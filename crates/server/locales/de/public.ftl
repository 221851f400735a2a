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
