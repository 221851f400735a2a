# The API reference (/api/docs): the page's own words. The operations' summaries, descriptions
# and the JSON come from the OpenAPI document and stay English, the API's one language.

api-title = API reference
api-lead = JSON over HTTP under <code>/api</code>. Send <code>Authorization: Bearer TOKEN</code>; create a token with <code>coachbook token create --email E</code>. The machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3).
api-english = The API speaks English: the operations below, their descriptions and the JSON fields are in English, so that scripts can rely on them. Error messages come in German when a request sends the header “Coachbook-Language: de”.
api-errors = Errors
api-errors-lead = Every error has the same shape and an HTTP status that fits it:
api-col-status = Status
api-col-meaning = Meaning
