# Was die Seiten Pakete und Terminarten teilen: die Hinweise nach einer Änderung, die Archivierungsfrage.

catalog-created = „{ $name }“ angelegt.
catalog-saved = „{ $name }“ gespeichert.
catalog-archived = „{ $name }“ archiviert. { $means }
catalog-restored = „{ $name }“ wird wieder angeboten.
catalog-fix-fields = { $count ->
    [one] Bitte korrigieren Sie das markierte Feld unten.
   *[other] Bitte korrigieren Sie die { $count } markierten Felder unten.
}
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
