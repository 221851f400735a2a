# Was die Seiten Pakete und Terminarten teilen: die Hinweise nach einer Änderung, die Archivierungsfrage.

catalog-created = „{ $name }“ angelegt.
catalog-saved = „{ $name }“ gespeichert.
catalog-archived = „{ $name }“ archiviert. { $means }
catalog-restored = „{ $name }“ wird wieder angeboten.
catalog-edit = Bearbeiten
catalog-edit-named = { $name } bearbeiten
catalog-restore = Wiederherstellen
catalog-restore-named = { $name } wiederherstellen
catalog-archive = Archivieren
catalog-close = Schließen
catalog-cancel = Abbrechen
catalog-save-changes = Änderungen speichern
catalog-archived-badge = Archiviert
catalog-actions = Aktionen
catalog-minutes = { $minutes } Min.

# Das Formular einer Sitzungsart (neu und bearbeiten).
stform-name = Name
stform-name-hint = Was Klienten sehen, z. B. „Coaching-Sitzung“.
stform-description = Beschreibung
stform-description-hint = Eine Zeile für Ihre Seite, z. B. „Eine konzentrierte Stunde für ein Ziel“.
stform-kind = Art
stform-kind-one_on_one = Einzelsitzung
stform-kind-group = Gruppe
stform-kind-discovery = Kennenlerngespräch
stform-duration = Dauer (Minuten)
stform-capacity = Teilnehmende
stform-capacity-hint = 1, oder bis zu 500 für Gruppen.
stform-price = Preis
stform-price-hint = 0 für kostenlos.
stform-currency = Währung
stform-currency-hint = z. B. EUR
stform-tiers = Günstigere Preise ab einer späteren Sitzung
stform-tiers-hint = Optional: jeweils erste Sitzungsnummer und Preis, z. B. „5: 90, 10: 80“. Der Preis oben gilt für die ersten Sitzungen.
stform-buffer-before = Puffer davor (Minuten)
stform-buffer-after = Puffer danach (Minuten)
stform-color = Kalenderfarbe
stform-color-hint = Etwa #2f6f62.
stform-approval = Buchungen brauchen meine Bestätigung
stform-visibility = Wer sie auf Ihrer Seite sieht
stform-visibility-nobody = Niemand (nur Sie buchen sie)
stform-visibility-connected = Verbundene Klienten
stform-visibility-registered = Alle mit einem Konto
stform-visibility-public = Alle
