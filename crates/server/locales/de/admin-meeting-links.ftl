# Die Regel für Meeting-Links des Coaches (Einstellungen › Meeting-Links).

mlinks-title = Meeting-Links
mlinks-settings = Einstellungen
mlinks-lead = Wie eine neue Sitzung ihren Videocall-Link erhält, wenn Sie keinen angeben. Der Link steht in der Einladungs-E-Mail der Teilnehmenden und neben der Sitzung in Ihrem Kalender; nur Sie und die in diese Sitzung Gebuchten sehen ihn.
mlinks-fix = { $count ->
    [one] Bitte korrigieren Sie das markierte Feld unten. Es wurde nichts gespeichert.
   *[other] Bitte korrigieren Sie die markierten Felder unten. Es wurde nichts gespeichert.
}
mlinks-legend = Neue Sitzungen erhalten
mlinks-mode-none = Keinen Link, außer ich füge einen hinzu
mlinks-mode-fixed = Meinen persönlichen Raum, denselben Link für jede Sitzung
mlinks-mode-pattern = Einen neuen Raum für jede Sitzung, nach einem Muster
mlinks-url = Link oder Muster
mlinks-url-hint = Für Ihren persönlichen Raum dessen https://-Link, z. B. https://meet.example.com/ana. Für einen neuen Raum pro Sitzung einen Link mit { $placeholder } an der Stelle des Raumnamens, z. B. https://meet.jit.si/coachbook-{ $placeholder }.
mlinks-kept = Bereits angelegte Sitzungen behalten ihre Links; ein beim Buchen eingegebener Link hat immer Vorrang.
mlinks-save = Meeting-Links speichern
mlinks-saved = Ihre Einstellung für Meeting-Links ist gespeichert.
