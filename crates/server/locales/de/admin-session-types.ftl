# Die Terminarten des Coachs (/admin/session-types und die Seite einer Terminart).

session-types-archived-means = Sie wird nicht mehr angeboten; gebuchte Termine behalten sie.
session-types-title = Terminarten
session-types-lead = Die Arten von Terminen, die Sie anbieten. Klienten buchen sie auf Ihrer Seite.
session-types-new = Neue Terminart
session-types-yours = Ihre Terminarten
session-types-none = Noch keine Terminarten.
session-types-none-hint = Legen Sie Ihre erste an, etwa ein 60-minütiges Coaching und ein kostenloses 20-minütiges Kennenlerngespräch.
session-types-create-first = Erste Terminart anlegen
session-types-col-name = Name
session-types-col-kind = Art
session-types-col-length = Dauer
session-types-col-price = Preis
session-types-needs-approval = Mit Bestätigung
session-types-one-on-one = Einzeltermin
session-types-group = Gruppe mit { $capacity } Plätzen
session-types-discovery = Kennenlerngespräch
session-types-archive-question = „{ $name }“ archivieren? Klienten können sie nicht mehr buchen; gebuchte Termine bleiben, wie sie sind. Sie können sie später wiederherstellen.
session-types-archive-button = Terminart archivieren
session-types-create = Terminart anlegen
session-types-back = ← Terminarten
session-types-edit-title = { $name } bearbeiten
session-types-archived-lead = Archiviert: wird Klienten nicht angeboten.
