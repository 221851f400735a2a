# Einstellungen › Ihre Seite und Privatsphäre (/admin/settings/privacy).

privacy-title = Ihre Seite und Privatsphäre
privacy-lead = Was andere auf <a href="{ $href }">Ihrer Seite</a> sehen und wer buchen darf. Wer gebucht hat, deren Notizen und Meeting-Links sieht nie jemand außer Ihnen.
privacy-fix-fields = { $count ->
    [one] Bitte korrigieren Sie das markierte Feld unten. Es wurde nichts gespeichert.
   *[other] Bitte korrigieren Sie die markierten Felder unten. Es wurde nichts gespeichert.
}
privacy-profile = Profil
privacy-bio = Über Sie
privacy-bio-hint = Ein paar Zeilen oben auf Ihrer Seite.
privacy-photo = Link zum Foto
privacy-photo-hint = Ein https://-Link zu einem quadratischen Foto von Ihnen; leer lassen, um Ihre Initialen zu zeigen.
privacy-who-sees = Wer was sieht
privacy-calendar = Wer Ihren Kalender sieht
privacy-calendar-private = Privat: nur Sie
privacy-calendar-connected = Ihre verbundenen Klienten
privacy-calendar-public = Alle
privacy-audience = Wer online buchen und Anfragen senden darf
privacy-audience-connected = Nur Ihre verbundenen Klienten
privacy-audience-registered = Alle mit einem Konto
privacy-audience-public = Alle, auch ohne Konto
privacy-booked = Gebuchte Zeit anderen zeigen
privacy-booked-no = Gar nicht
privacy-booked-booked = Als „Gebucht“
privacy-booked-with-type = Als „Gebucht“ mit der Terminart
privacy-show-prices = Preise auf meiner Seite zeigen
privacy-types = Terminarten
privacy-no-types = Sie haben noch keine Terminarten. <a href="/admin/session-types">Legen Sie eine an</a>.
privacy-type-who = { $name }: wer sie sieht
privacy-type-nobody = Niemand (nur Sie buchen sie)
privacy-type-connected = Verbundene Klienten
privacy-type-registered = Alle mit einem Konto
privacy-type-public = Alle
privacy-save = Seite und Privatsphäre speichern
privacy-view-page = Ihre Seite ansehen
privacy-saved = Die Einstellungen zu Ihrer Seite und Privatsphäre sind gespeichert.
