# Einstellungen › Webhooks (/admin/settings/webhooks): die Endpunkte des Coaches und ihre
# Zustellungen. Die Namen der Ereignistypen (booking.created) und das gesendete JSON bleiben, wie
# sie sind: Skripte lesen sie.

webhooks-title = Webhooks
webhooks-lead = Senden Sie Ihre Buchungen, Terminanfragen, Bewerbungen und Änderungen an Klienten sofort an Ihre eigenen Skripte und Automatisierungen. Jedes Ereignis wird als JSON per POST gesendet und mit dem Geheimnis des Endpunkts signiert (Standard Webhooks); antwortet Ihr Server nicht mit 2xx, wird es mit wachsenden Pausen erneut versucht. <a href="https://www.standardwebhooks.com/">So prüfen Sie eine Signatur</a>.
webhooks-endpoints = Ihre Endpunkte
webhooks-none = Noch keine Endpunkte.
webhooks-none-hint = Fügen Sie unten die Adresse eines Skripts oder eines Automatisierungsdienstes hinzu und wählen Sie die Ereignisse, die er erhalten soll.
webhooks-events = Ereignisse: { $events }
webhooks-all-events = Alle Ereignisse
webhooks-last-delivery = Letzte Zustellung:
webhooks-last-answered = { $event }, Antwort { $code }, { $when }
webhooks-last-unanswered = { $event }, { $when }
webhooks-last-none = noch keine
webhooks-status-pending = Ausstehend
webhooks-status-delivered = Zugestellt
webhooks-status-failed = Fehlgeschlagen
webhooks-show-secret = Geheimnis anzeigen<span class="visually-hidden"> für { $url }</span>
webhooks-secret = Signaturgeheimnis
webhooks-send-test = Testereignis senden<span class="visually-hidden"> an { $url }</span>
webhooks-delete = Löschen
webhooks-delete-question = Diesen Endpunkt löschen? Es wird nichts mehr an ihn gesendet; Ereignisse, die noch für ihn warten, werden verworfen.
webhooks-delete-button = Endpunkt löschen
webhooks-recent = Letzte Zustellungen
webhooks-recent-none = Noch nichts gesendet. Senden Sie ein Testereignis, um hier eines zu sehen.
webhooks-col-time = Zeit
webhooks-col-event = Ereignis
webhooks-col-status = Status
webhooks-col-response = Antwort
webhooks-col-attempts = Versuche
webhooks-no-answer = keine Antwort
webhooks-add-title = Endpunkt hinzufügen
webhooks-fix = { $count ->
    [one] Bitte korrigieren Sie das markierte Feld unten. Es wurde nichts gespeichert.
   *[other] Bitte korrigieren Sie die { $count } markierten Felder unten. Es wurde nichts gespeichert.
}
webhooks-url = Adresse des Endpunkts
webhooks-url-hint = Eine https://-Adresse im öffentlichen Internet, z. B. https://hooks.example.com/coachbook.
webhooks-description = Beschreibung (optional)
webhooks-events-legend = Zu sendende Ereignisse
webhooks-all-events-later = Alle Ereignisse, auch später hinzukommende
webhooks-add = Endpunkt hinzufügen
webhooks-added = Endpunkt hinzugefügt. Prüfen Sie mit seinem Signaturgeheimnis (Geheimnis anzeigen), was er erhält.
webhooks-test-queued = Testereignis eingereiht; laden Sie die Seite gleich neu, um im Protokoll zu sehen, wie es gelaufen ist.
webhooks-deleted = Endpunkt gelöscht; es wird nichts mehr an ihn gesendet.

webhooks-event-booking-created = Eine Buchung wird angelegt
webhooks-event-booking-confirmed = Eine ausstehende Buchung wird bestätigt
webhooks-event-booking-cancelled = Eine Buchung wird abgesagt
webhooks-event-booking-rescheduled = Eine Buchung wird verschoben (oder ihr Meeting-Link ändert sich)
webhooks-event-session-request-received = Eine Terminanfrage geht ein
webhooks-event-session-request-approved = Sie bestätigen eine Terminanfrage
webhooks-event-session-request-declined = Sie lehnen eine Terminanfrage ab
webhooks-event-session-request-expired = Eine Terminanfrage läuft unbeantwortet ab
webhooks-event-session-request-withdrawn = Jemand zieht seine Terminanfrage zurück
webhooks-event-application-received = Eine Bewerbung geht ein (oder Sie erfassen eine)
webhooks-event-application-status-changed = Der Status einer Bewerbung ändert sich
webhooks-event-application-promoted = Eine Bewerbung wird als Klient übernommen
webhooks-event-client-created = Ein Klient wird angelegt
webhooks-event-client-updated = Die Daten eines Klienten ändern sich
webhooks-event-client-archived = Ein Klient wird archiviert
