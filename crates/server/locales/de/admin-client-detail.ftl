# Die Seite eines Klienten: Überblick, Sitzungen, Paketguthaben, Notizen, Preise und Zahlungen.

cdetail-back = Klienten
cdetail-archived = Archiviert
cdetail-connected = Verbunden
cdetail-sections = Bereiche des Klienten
cdetail-tab-overview = Überblick
cdetail-tab-sessions = Sitzungen
cdetail-tab-credits = Paketguthaben
cdetail-tab-notes = Notizen
cdetail-tab-payments = Preise und Zahlungen
cdetail-packages = Pakete
cdetail-not-enrolled = In keinem Paket angemeldet.
cdetail-enrol-hint = Melden Sie { $name } in einem Paket an, um Sitzungsguthaben zu vergeben.
cdetail-enrol-button = In einem Paket anmelden
cdetail-expired = Abgelaufen
cdetail-credits-left = noch { $left } von { $total } Guthaben
cdetail-from = Ab { $date }
cdetail-expires = läuft ab am { $date }
cdetail-no-expiry = läuft nicht ab
cdetail-credit-history = Verlauf des Guthabens ansehen
cdetail-details = Angaben
cdetail-name = Name
cdetail-email = E-Mail
cdetail-phone = Telefon
cdetail-optional = Optional.
cdetail-status = Status
cdetail-active = Aktiv
cdetail-archive-question = { $count ->
    [one] { $name } hat 1 bevorstehende Sitzung. Was soll damit geschehen, wenn Sie { $name } archivieren?
   *[other] { $name } hat { $count } bevorstehende Sitzungen. Was soll damit geschehen, wenn Sie { $name } archivieren?
}
cdetail-upcoming-legend = Bevorstehende Sitzungen
cdetail-keep = Gebucht lassen
cdetail-cancel = Absagen und { $name } benachrichtigen (Paketguthaben nach Ihren Stornierungsregeln)
cdetail-reason = Grund, falls Sie absagen (der Klient sieht ihn)
cdetail-archive = { $name } archivieren
cdetail-save-details = Angaben speichern
cdetail-account = Konto
cdetail-book-title = Sitzung mit { $name } buchen
cdetail-book = Sitzung buchen
cdetail-upcoming = Bevorstehende Sitzungen
cdetail-no-upcoming = Keine bevorstehenden Sitzungen.
cdetail-no-upcoming-hint = Mit „Sitzung buchen“ buchen Sie { $name } ein; Paket und Angaben sind schon ausgefüllt.
cdetail-past = Vergangene Sitzungen
cdetail-no-past = Noch keine vergangenen Sitzungen.
cdetail-credits = Paketguthaben
cdetail-no-credits = Kein Paketguthaben.
cdetail-no-credits-hint = Melden Sie { $name } mit dem Formular in einem Paket an, um dessen Sitzungen als Guthaben zu vergeben.
cdetail-history = Verlauf
cdetail-col-when = Wann
cdetail-col-package = Paket
cdetail-col-change = Änderung
cdetail-col-credits = Guthaben
cdetail-col-by = Von
cdetail-kind-grant = Vergeben
cdetail-kind-hold = Für eine Buchung reserviert
cdetail-kind-release = Freigegeben
cdetail-kind-use = Verbraucht
cdetail-kind-waive = Erlassen
cdetail-enrol-title = In einem Paket anmelden
cdetail-no-packages = Sie haben noch keine Pakete.
cdetail-no-packages-hint = Legen Sie zuerst ein Paket an und melden Sie { $name } dann darin an.
cdetail-create-package = Paket anlegen
cdetail-package = Paket
cdetail-choose-package = Paket auswählen
cdetail-starts-on = Beginnt am
cdetail-starts-on-hint = Leer für heute. Die Gültigkeit zählt ab diesem Tag.
cdetail-enrol-again-check = Ja, { $name } erneut darin anmelden
cdetail-enrol-again = Erneut anmelden und Guthaben vergeben
cdetail-enrol = Anmelden und Guthaben vergeben
cdetail-notes = Notizen
cdetail-notes-private = Nur für Sie: nie { $name } oder jemand anderem gezeigt.
cdetail-notes-about = Notizen zu { $name }
cdetail-save-notes = Notizen speichern
cdetail-balance = Saldo
cdetail-nothing-charged = Noch nichts berechnet oder bezahlt.
cdetail-col-currency = Währung
cdetail-record-payment = Zahlung erfassen
cdetail-payments = Zahlungen
cdetail-no-payments = Keine Zahlungen erfasst.
cdetail-own-prices = Eigene Preise
cdetail-own-prices-hint = Ein mit { $name } vereinbarter Preis ersetzt nur für diese Person die Preise (und Staffelpreise) der Sitzungsart. Niemand sonst sieht ihn.
cdetail-per-session = { $type }: { $price } pro Sitzung
cdetail-remove = Entfernen
cdetail-remove-question = Diesen Preis entfernen? Dann gelten wieder die Preise der Sitzungsart.
cdetail-remove-price = Preis entfernen
cdetail-session-type = Sitzungsart
cdetail-their-price = Eigener Preis pro Sitzung
cdetail-their-price-hint = In der Währung der Sitzungsart, z. B. 70 oder 65,50.
cdetail-set-price = Preis festlegen
cdetail-saved = { $name } gespeichert.
cdetail-archived-cancelled = { $count ->
    [one] { $name } archiviert; die bevorstehende Sitzung ist abgesagt, und { $name } wird benachrichtigt.
   *[other] { $name } archiviert; die { $count } bevorstehenden Sitzungen sind abgesagt, und { $name } wird benachrichtigt.
}
cdetail-notes-saved = Notizen gespeichert.
cdetail-enrolled = { $count ->
    [one] In { $package } angemeldet: 1 Sitzungsguthaben vergeben.
   *[other] In { $package } angemeldet: { $count } Sitzungsguthaben vergeben.
}
cdetail-price-removed = Der eigene Preis ist entfernt; es gelten wieder die Preise der Sitzungsart.
