# Die API-Referenz (/api/docs): die Wörter der Seite selbst. Zusammenfassungen und Beschreibungen
# der Operationen sowie das JSON stammen aus dem OpenAPI-Dokument und bleiben Englisch, die eine
# Sprache der API.

api-title = API-Referenz
api-lead = JSON über HTTP unter <code>/api</code>. Senden Sie <code>Authorization: Bearer TOKEN</code>; ein Token erstellen Sie mit <code>coachbook token create --email E</code>. Die maschinenlesbare Beschreibung ist <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3).
api-english = Die API spricht Englisch: Die Operationen unten, ihre Beschreibungen und die JSON-Felder sind englisch, damit Skripte sich auf sie verlassen können. Fehlermeldungen kommen auf Deutsch, wenn eine Anfrage den Header „Coachbook-Language: de“ sendet.
api-errors = Fehler
api-errors-lead = Jeder Fehler hat dieselbe Form und einen passenden HTTP-Status:
api-col-status = Status
api-col-meaning = Bedeutung
