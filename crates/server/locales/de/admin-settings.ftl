# Die Einstellungsseite (/admin/settings; dieselbe Seite ist das /account einer Person).

settings-profile = Profil
settings-name = Name
settings-email = E-Mail
settings-slug = Adresse der öffentlichen Seite
settings-slug-hint = Ihre Buchungsseite ist /c/ gefolgt von dieser Adresse: Buchstaben a–z, Ziffern und Bindestriche.
settings-save-profile = Profil speichern
settings-page-privacy = Ihre Seite und Privatsphäre
settings-page-privacy-hint = Ihr Foto und Ihre Vorstellung, wer Ihren Kalender und jede Terminart sieht und wer buchen darf.
settings-page-privacy-link = Seite und Privatsphäre
settings-meeting-links = Meeting-Links
settings-meeting-links-hint = Ihr persönlicher Videoraum oder ein neuer Raum für jeden Termin, eingefügt in Termine, die ohne Link gebucht werden.
settings-meeting-links-link = Meeting-Link-Einstellungen
settings-busy = Belegt-Kalender
settings-busy-hint = Ihre anderen Kalender (Google, Outlook, iCloud, Nextcloud …), deren Termine Ihre freien Zeiten blockieren.
settings-feeds = Kalender-Abos
settings-feeds-hint = Abonnieren Sie Ihre Termine in Google Kalender, Outlook oder Apple Kalender, mit Namen oder anonymisiert.
settings-notifications = Benachrichtigungen
settings-notifications-hint = Erinnerungen vor Terminen, welche E-Mails verschickt werden und etwaige Zustellprobleme.
settings-notifications-link = Benachrichtigungseinstellungen
settings-emails-sent = Gesendete E-Mails
settings-webhooks = Webhooks
settings-webhooks-hint = Senden Sie Buchungen, Anfragen, Bewerbungen und Klientenänderungen signiert und mit Zustellprotokoll an Ihre eigenen Skripte und Automatisierungen.
settings-webhooks-link = Webhook-Einstellungen
settings-password = Passwort
settings-password-hint = Wenn Sie Ihr Passwort ändern, werden Sie auf allen anderen Geräten abgemeldet.
settings-current-password = Aktuelles Passwort
settings-new-password = Neues Passwort
settings-new-password-hint = Mindestens 10 Zeichen.
settings-change-password = Passwort ändern
settings-saved = Einstellungen gespeichert.
settings-password-changed = { $others ->
    [0] Passwort geändert.
    [one] Passwort geändert. Sie wurden auf 1 anderen Gerät abgemeldet.
   *[other] Passwort geändert. Sie wurden auf { $others } anderen Geräten abgemeldet.
}
