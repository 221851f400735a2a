# Die Benachrichtigungsseite (/notifications): die Liste der Glocke.

notifications-title = Benachrichtigungen
notifications-unread-count = { $count ->
    [0] Nichts ungelesen.
    [one] { $count } ungelesen.
   *[other] { $count } ungelesen.
}
notifications-newest-first = Neueste zuerst.
notifications-mark-all = Alle als gelesen markieren
notifications-older = Ältere Benachrichtigungen
notifications-yours = Ihre Benachrichtigungen
notifications-caught-up = Sie sind auf dem neuesten Stand
notifications-nothing-older = Es gibt nichts Älteres.
notifications-coach-empty = Neue Buchungen, Änderungen daran und Bewerbungen erscheinen hier.
notifications-client-empty = Neuigkeiten zu Ihren Terminen erscheinen hier.
notifications-back-newest = Zurück zu den neuesten
notifications-unread-badge = Ungelesen
notifications-mark-read = Als gelesen markieren
notifications-marked = „{ $title }“ als gelesen markiert.
notifications-marked-all = { $count ->
    [0] Es war nichts ungelesen.
    [one] { $count } Benachrichtigung als gelesen markiert.
   *[other] { $count } Benachrichtigungen als gelesen markiert.
}
