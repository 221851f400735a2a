# Die Klientenliste des Coachs (/admin/clients) und ihr Dialog „Klient hinzufügen“.

clients-title = Klienten
clients-lead = Die Menschen, mit denen Sie arbeiten, ihre Pakete und ihr verbleibendes Guthaben.
clients-add = Klient hinzufügen
clients-yours = Ihre Klienten
clients-search-label = Klienten suchen
clients-search-placeholder = Name oder E-Mail
clients-archived-too = Auch archivierte
clients-search = Suchen
clients-no-match = Kein Klient passt zu „{ $query }“.
clients-no-match-hint = Prüfen Sie die Schreibweise, oder <a href="/admin/clients">zeigen Sie alle Klienten</a>.
clients-none = Noch keine Klienten.
clients-none-hint = Fügen Sie jemanden hinzu, den Sie bereits begleiten, oder übernehmen Sie eine Bewerbung, sobald ein Interessent so weit ist.
clients-add-first = Ersten Klienten hinzufügen
clients-archived = Archiviert
clients-connected = Verbunden
clients-credits-left = { $count ->
    [one] noch { $count } Einheit
   *[other] noch { $count } Einheiten
}
clients-no-package = Kein Paket
clients-close = Schließen
clients-name = Name
clients-email = E-Mail
clients-phone = Telefon
clients-optional = Optional.
clients-notes = Notizen
clients-notes-hint = Nur Sie sehen diese.
clients-cancel = Abbrechen
clients-add-client = Klient hinzufügen
clients-added = { $name } hinzugefügt.

## Was im Formular zu korrigieren ist (die Meldungen des Anwendungsfalls, nach Feld).
clients-error-name-empty = Geben Sie einen Namen ein.
clients-error-name-long = Verwenden Sie höchstens 100 Zeichen für den Namen.
clients-error-name-control = Der Name darf keine Steuerzeichen enthalten.
clients-error-email-empty = Geben Sie eine E-Mail-Adresse ein.
clients-error-email-bad = Geben Sie eine E-Mail-Adresse wie name@example.com ein.
clients-error-email-long = Verwenden Sie eine E-Mail-Adresse mit höchstens 254 Zeichen.
clients-error-email-taken = Sie haben bereits einen Klienten mit dieser E-Mail-Adresse.
clients-error-phone = Verwenden Sie nur Ziffern, Leerzeichen und + - ( ), höchstens 40 Zeichen.
clients-error-notes-long = Verwenden Sie höchstens 10000 Zeichen.
clients-error-notes-control = Entfernen Sie die Steuerzeichen aus diesem Text.
