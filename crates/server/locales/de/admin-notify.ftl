# Die Benachrichtigungseinstellungen des Coaches (Einstellungen › Benachrichtigungen).

notify-title = Benachrichtigungen
notify-settings = Einstellungen
notify-lead = Was Ihre Klienten und Bewerber von Ihnen hören, und wann.
notify-problems = Zustellprobleme
notify-failed = { $count ->
    [one] In der letzten Woche konnte 1 E-Mail nicht zugestellt werden.
   *[other] In der letzten Woche konnten { $count } E-Mails nicht zugestellt werden.
}
notify-retrying = { $count ->
    [one] In der letzten Woche wird 1 E-Mail nach einem Fehler erneut versucht.
   *[other] In der letzten Woche werden { $count } E-Mails nach einem Fehler erneut versucht.
}
notify-problems-hint = Prüfen Sie die Adressen im Postausgang, oder bitten Sie die Betreiber dieses Servers, dessen E-Mail-Einstellungen zu prüfen.
notify-open-outbox = Postausgang öffnen
notify-reminders-title = Erinnerungen und E-Mails
notify-fix = Bitte korrigieren Sie das markierte Feld unten. Es wurde nichts gespeichert.
notify-offsets = Klienten vor einer Sitzung erinnern
notify-offsets-hint = Zum Beispiel 24h, 1h — bis zu drei, zwischen 15 Minuten und 14 Tagen. Leer lassen für keine Erinnerungen.
notify-kinds = E-Mails, die Ihre Praxis verschickt
notify-kind-booking = Buchungsbestätigungen und Kalendereinladungen an Klienten
notify-kind-cancellation = Absage-E-Mails an Klienten
notify-kind-change = Aktualisierte Einladungen, wenn sich eine Sitzung verschiebt oder ihr Link ändert
notify-kind-reminder = Erinnerungen an Klienten vor einer Sitzung
notify-kind-application = Bewerbungen: die E-Mail an Sie und die Eingangsbestätigung an die Bewerber
notify-kind-request = Terminanfragen: die E-Mail an Sie sowie Bestätigung und Antwort an die Anfragenden
notify-in-app = Jede Änderung sehen Sie immer auch in der App, unter der Glocke.
notify-save = Benachrichtigungseinstellungen speichern
notify-outbox = Postausgang
notify-saved = Benachrichtigungseinstellungen gespeichert.
