# Die Pakete des Coachs (/admin/packages und die Seite eines Pakets).

packages-title = Pakete
packages-lead = Was Klienten kaufen: eine Anzahl Termine, ein Preis und wie lange das Guthaben gültig bleibt.
packages-new = Neues Paket
packages-yours = Ihre Pakete
packages-none = Noch keine Pakete.
packages-none-hint = Legen Sie eines an, etwa sechs Termine zu 60 Minuten, 90 Tage gültig. Dann können Sie Klienten darin einbuchen.
packages-create-first = Erstes Paket anlegen
packages-col-package = Paket
packages-col-sessions = Termine
packages-col-price = Preis
packages-col-validity = Gültigkeit
packages-col-enrolled = Eingebucht
packages-sessions = { $count } × { $minutes } Min.
packages-validity = { $days ->
    [one] { $days } Tag
   *[other] { $days } Tage
}
packages-no-expiry = Unbegrenzt
packages-archive-question = „{ $name }“ archivieren? Niemand Neues kann eingebucht werden; eingebuchte Klienten behalten ihr Guthaben. Sie können es später wiederherstellen.
packages-archive-button = Paket archivieren
packages-create = Paket anlegen
packages-back = ← Pakete
packages-edit-title = { $name } bearbeiten
packages-enrolled = { $count ->
    [one] { $count } Klient eingebucht. Bereits eingebuchte Klienten behalten, was sie gekauft haben.
   *[other] { $count } Klienten eingebucht. Bereits eingebuchte Klienten behalten, was sie gekauft haben.
}
packages-enrolled-archived = { $count ->
    [one] { $count } Klient eingebucht. Archiviert: Niemand Neues kann eingebucht werden. Bereits eingebuchte Klienten behalten, was sie gekauft haben.
   *[other] { $count } Klienten eingebucht. Archiviert: Niemand Neues kann eingebucht werden. Bereits eingebuchte Klienten behalten, was sie gekauft haben.
}
packages-archived-means = Niemand Neues kann eingebucht werden; eingebuchte Klienten behalten ihr Guthaben.

## Das Paketformular.
packages-name = Name
packages-name-hint = Was Klienten sehen, z. B. „Programm mit sechs Terminen“.
packages-session-type = Terminart
packages-session-type-hint = Die Art von Termin, als die das Guthaben gebucht wird.
packages-any-type = Jede Terminart
packages-type-option = { $name } ({ $minutes } Min.)
packages-type-option-archived = { $name } ({ $minutes } Min.) – archiviert
packages-session-count = Termine
packages-session-minutes = Minuten je Termin
packages-price = Preis
packages-price-hint = Für das ganze Paket; 0 für kostenlos.
packages-currency = Währung
packages-currency-hint = z. B. EUR
packages-validity-days = Gültig für (Tage)
packages-validity-days-hint = Ab der Einbuchung. Leer lassen für unbegrenzt.
packages-description = Beschreibung
