# Von allen Seiten geteilt: Layout, Navigation, überall gebrauchte Wörter.

brand = Coachbook
skip-to-content = Zum Inhalt springen
nav-menu = Menü
nav-main = Hauptmenü
sign-out = Abmelden
footer-api-reference = API-Referenz
notifications = Benachrichtigungen
notifications-unread = { $count ->
    [0] Benachrichtigungen
   *[other] Benachrichtigungen, { $count } ungelesen
}

nav-dashboard = Übersicht
nav-calendar = Kalender
nav-bookings = Buchungen
nav-clients = Klienten
nav-applications = Bewerbungen
nav-requests = Anfragen
nav-insights = Auswertungen
nav-packages = Pakete
nav-session-types = Terminarten
nav-availability = Verfügbarkeit
nav-settings = Einstellungen
nav-my-sessions = Meine Termine
nav-account = Konto

count-sessions = { $count ->
    [one] { $count } Termin
   *[other] { $count } Termine
}

language = Sprache
language-browser = Wie mein Browser fragt
language-hint = Die Sprache Ihrer Seiten und E-Mails. Ohne Wahl entscheidet die Sprache Ihres Browsers.
default-language = Sprache Ihrer Praxis
default-language-hint = Für Klienten und Besucher, die keine Sprache gewählt haben und deren Browser keine von Coachbook gesprochene verlangt.
save = Speichern
cancel = Abbrechen

# Ein Preis: Betrag mit deutschen Trennzeichen, dann der ISO-4217-Code.

close = Schließen
email = E-Mail
optional = (optional)
leave-empty = Dieses Feld leer lassen

form-fix-fields =
    { $count ->
        [one] Bitte korrigieren Sie das markierte Feld unten.
       *[other] Bitte korrigieren Sie die { $count } markierten Felder unten.
    }
password = Passwort
password-hint = Mindestens 10 Zeichen.
your-name = Ihr Name

choose = Bitte wählen…
back = Zurück
