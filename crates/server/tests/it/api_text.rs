//! Every text field of every JSON route, sent what a hostile or careless client sends (issue 9):
//! a NUL byte, 100 kB, a right-to-left override, a zero-width space. Each answers a 4xx or takes
//! the value and gives it back unchanged, never a 5xx, on both databases. The routes come from the
//! OpenAPI document, so a new route or field without a case here fails the test. And the document
//! itself is held to what the server does (fault 11).

use axum::http::Method;
use serde_json::{json, Map, Value};

use crate::harness::TestApp;

/// A valid body for each route that takes one, with every text field the route reads.
struct Case {
    method: Method,
    /// As in the document, e.g. `/api/bookings/{id}`.
    template: &'static str,
    /// With the ids of this test's records.
    path: String,
    body: Value,
}

/// Ana's practice with one of everything a route needs an id of.
struct Ids {
    session_type: i64,
    package: i64,
    client: i64,
    application: i64,
    booking: i64,
    other_booking: i64,
    /// The session `booking` is in.
    session: i64,
}

async fn practice(app: &TestApp, token: &str) -> Ids {
    let session_type = app
        .session_type(token, json!({"name": "Coaching", "durationMinutes": 60}))
        .await;
    app.open_every_day(token, "00:00", "24:00").await;
    let package = app
        .create(
            token,
            "/api/coaching/packages",
            json!({"name": "Six sessions", "sessionTypeId": session_type}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let client = app
        .create(
            token,
            "/api/coaching/clients",
            json!({"name": "Kim Lee", "email": "kim@example.com"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let application = app
        .create(
            token,
            "/api/coaching/applications",
            json!({"name": "Lena Ortiz", "email": "lena@example.com", "goals": "Focus"}),
        )
        .await["id"]
        .as_i64()
        .unwrap();
    let booking = |day: u32| {
        let body = json!({"sessionTypeId": session_type, "start": format!("2027-03-{day:02}T10:00:00Z"), "name": "Jo Client", "email": "jo@example.com"});
        async move {
            app.create(token, "/api/bookings", body).await["id"]
                .as_i64()
                .unwrap()
        }
    };
    let (booking, other_booking) = (booking(10).await, booking(11).await);
    let (_, read) = app.get(token, &format!("/api/bookings/{booking}")).await;
    let session = read["sessionId"].as_i64().expect("the booking's session");
    Ids {
        session,
        session_type,
        package,
        client,
        application,
        booking,
        other_booking,
    }
}

fn cases(ids: &Ids) -> Vec<Case> {
    let when = json!({"start": "2027-04-01T09:00:00Z", "end": "2027-04-01T10:00:00Z", "date": "", "startTime": "", "endTime": "", "fold": "earlier"});
    let merged = |base: Value, extra: &Value| {
        let mut out = base;
        for (k, v) in extra.as_object().unwrap() {
            out[k] = v.clone();
        }
        out
    };
    let session_type = json!({"name": "Deep work", "kind": "one_on_one", "durationMinutes": 60, "currency": "EUR", "color": "#2f6f62", "description": "A focused hour", "visibility": "public", "priceTiers": [{"from": 1, "priceCents": 9000, "currency": "EUR"}, {"from": 5, "priceCents": 8000, "currency": "EUR"}]});
    let package = json!({"name": "Twelve sessions", "sessionTypeId": ids.session_type, "currency": "EUR", "description": "Three months"});
    let client = json!({"name": "Kim Lee", "email": "kim@example.com", "phone": "+44 20 7946 0101", "notes": "Prefers mornings", "status": "active"});
    let booking = merged(
        json!({"sessionTypeId": ids.session_type, "name": "Sam Roe", "email": "sam@example.com", "notes": "First session", "meetingUrl": "https://meet.example.com/sam"}),
        &when,
    );
    let (st, pkg, cl, ap, b, b2) = (
        ids.session_type,
        ids.package,
        ids.client,
        ids.application,
        ids.booking,
        ids.other_booking,
    );
    let se = ids.session;
    let case = |method: Method, template: &'static str, path: String, body: Value| Case {
        method,
        template,
        path,
        body,
    };
    vec![
        case(
            Method::POST,
            "/api/session-types",
            "/api/session-types".into(),
            session_type.clone(),
        ),
        case(
            Method::PUT,
            "/api/session-types/{id}",
            format!("/api/session-types/{st}"),
            session_type,
        ),
        case(
            Method::POST,
            "/api/coaching/packages",
            "/api/coaching/packages".into(),
            package.clone(),
        ),
        case(
            Method::PUT,
            "/api/coaching/packages/{id}",
            format!("/api/coaching/packages/{pkg}"),
            package,
        ),
        case(
            Method::POST,
            "/api/coaching/clients",
            "/api/coaching/clients".into(),
            merged(client.clone(), &json!({"email": "new.client@example.com"})),
        ),
        case(
            Method::PUT,
            "/api/coaching/clients/{id}",
            format!("/api/coaching/clients/{cl}"),
            client,
        ),
        case(
            Method::POST,
            "/api/coaching/clients/{id}/enrolments",
            format!("/api/coaching/clients/{cl}/enrolments"),
            json!({"packageId": pkg, "startsOn": "2026-11-03"}),
        ),
        case(
            Method::POST,
            "/api/coaching/applications",
            "/api/coaching/applications".into(),
            json!({"name": "Lena Ortiz", "email": "lena.two@example.com", "goals": "Focus at work", "answers": [{"question": "What have you tried?", "answer": "Books"}]}),
        ),
        case(
            Method::PUT,
            "/api/coaching/applications/{id}",
            format!("/api/coaching/applications/{ap}"),
            json!({"status": "reviewing", "name": "Lena Ortiz", "email": "lena@example.com", "goals": "Focus", "discoveryCall": merged(json!({"sessionTypeId": st, "meetingUrl": "https://meet.example.com/lena", "notes": "Intro"}), &when)}),
        ),
        case(
            Method::POST,
            "/api/coaching/applications/{id}/promote",
            format!("/api/coaching/applications/{ap}/promote"),
            json!({"packageId": pkg}),
        ),
        case(
            Method::PATCH,
            "/api/me",
            "/api/me".into(),
            json!({"name": "Ana Ruiz", "email": "ana@example.com", "timeZone": "Europe/London", "slug": "ana-ruiz", "locale": "de", "defaultLocale": "en"}),
        ),
        case(
            Method::POST,
            "/api/bookings",
            "/api/bookings".into(),
            booking.clone(),
        ),
        case(
            Method::POST,
            "/api/bookings/check",
            "/api/bookings/check".into(),
            booking,
        ),
        case(
            Method::PUT,
            "/api/bookings/{id}",
            format!("/api/bookings/{b}"),
            json!({"notes": "Bring the plan", "meetingUrl": "https://meet.example.com/jo"}),
        ),
        case(
            Method::POST,
            "/api/bookings/{id}/cancel",
            format!("/api/bookings/{b2}/cancel"),
            json!({"reason": "Feeling unwell", "waive": false}),
        ),
        case(
            Method::POST,
            "/api/bookings/{id}/reschedule",
            format!("/api/bookings/{b}/reschedule"),
            merged(json!({"overrideAvailability": false}), &when),
        ),
        case(
            Method::PUT,
            "/api/availability/rules",
            "/api/availability/rules".into(),
            json!({"rules": [{"weekday": 1, "start": "09:00", "end": "17:00", "sessionTypeIds": [], "validFrom": "2026-11-02", "validUntil": "2027-12-31", "everyWeeks": 2, "anchorDate": "2026-11-02"}]}),
        ),
        case(
            Method::PUT,
            "/api/availability/overrides/{date}",
            "/api/availability/overrides/2027-03-20".into(),
            json!({"windows": [{"start": "09:00", "end": "12:00"}]}),
        ),
        case(
            Method::PUT,
            "/api/availability/policy",
            "/api/availability/policy".into(),
            json!({"minNoticeMinutes": 60, "maxDaysAhead": 90, "slotIntervalMinutes": 30, "cancellationCutoffMinutes": 1440, "rescheduleCutoffMinutes": 1440}),
        ),
        case(
            Method::POST,
            "/api/availability/blocks",
            "/api/availability/blocks".into(),
            json!({"kind": "once", "start": "2027-05-01T09:00:00Z", "end": "2027-05-01T12:00:00Z", "from": "", "until": "", "weekdays": [], "startTime": "", "endTime": "", "label": "Conference"}),
        ),
        case(
            Method::PUT,
            "/api/me/privacy",
            "/api/me/privacy".into(),
            json!({"calendarVisibility": "public", "bookingAudience": "public", "showBooked": "booked",
                   "showPrices": true, "bio": "Coaching for new managers", "photoUrl": "https://example.com/ana.png",
                   "sessionTypes": [{"id": st, "visibility": "public"}]}),
        ),
        // Every text field (three changes at once is refused, but read first), then one change.
        case(
            Method::POST,
            "/api/availability/impact",
            "/api/availability/impact".into(),
            json!({"weeklyHours": [{"weekday": 1, "start": "09:00", "end": "17:00", "sessionTypeIds": [], "validFrom": "2026-11-02", "validUntil": "2027-12-31", "everyWeeks": 2, "anchorDate": "2026-11-02"}],
                   "dateOverride": {"date": "2027-03-20", "windows": [{"start": "09:00", "end": "12:00"}]},
                   "timeOff": {"kind": "once", "start": "2027-05-01T09:00:00Z", "end": "2027-05-01T12:00:00Z", "from": "", "until": "", "weekdays": [], "startTime": "", "endTime": "", "label": "Conference"}}),
        ),
        case(
            Method::POST,
            "/api/availability/impact",
            "/api/availability/impact".into(),
            json!({"timeOff": {"kind": "once", "start": "2027-05-01T09:00:00Z", "end": "2027-05-01T12:00:00Z", "from": "", "until": "", "weekdays": [], "startTime": "", "endTime": "", "label": "Conference"}}),
        ),
        // Sessions, templates, meeting links and waitlists (issue 14).
        case(
            Method::POST,
            "/api/sessions",
            "/api/sessions".into(),
            merged(
                json!({"sessionTypeId": st, "meetingUrl": "https://meet.example.com/circle", "notes": "Bring a notebook", "capacity": 1}),
                &json!({"start": "2027-04-05T09:00:00Z", "end": "2027-04-05T10:00:00Z", "date": "", "startTime": "", "endTime": "", "fold": "earlier"}),
            ),
        ),
        case(
            Method::PATCH,
            "/api/sessions/{id}",
            format!("/api/sessions/{se}"),
            json!({"notes": "Room 2", "meetingUrl": "https://meet.example.com/room-2"}),
        ),
        case(
            Method::POST,
            "/api/sessions/{id}/move",
            format!("/api/sessions/{se}/move"),
            merged(
                json!({"overrideAvailability": false}),
                &json!({"start": "2027-04-06T09:00:00Z", "end": "2027-04-06T10:00:00Z", "date": "", "startTime": "", "endTime": "", "fold": "earlier"}),
            ),
        ),
        case(
            Method::POST,
            "/api/sessions/{id}/template",
            format!("/api/sessions/{se}/template"),
            json!({"name": "Morning coaching"}),
        ),
        case(
            Method::POST,
            "/api/sessions/{id}/cancel",
            "/api/sessions/999999/cancel".into(),
            json!({"reason": "Closed that week", "releaseCredits": true}),
        ),
        case(
            Method::PUT,
            "/api/sessions/{id}/capacity",
            format!("/api/sessions/{se}/capacity"),
            json!({"capacity": 1}),
        ),
        // Co-hosts (issue 16): by email (no coach has it: a 422 whatever the text).
        case(
            Method::POST,
            "/api/sessions/{id}/hosts",
            format!("/api/sessions/{se}/hosts"),
            json!({"email": "nobody@example.com"}),
        ),
        // Bulk sessions (issue 16): both forms of when, so every text field is sent.
        case(
            Method::POST,
            "/api/sessions/bulk",
            "/api/sessions/bulk".into(),
            json!({"sessionTypeId": st, "meetingUrl": "https://meet.example.com/class", "notes": "Bring a mat", "dates": ["2027-04-12T09:00"], "pattern": {"frequency": "weekly", "monthlyBy": "date", "interval": 1, "weekdays": ["mo"], "time": "09:00", "from": "2027-04-12", "until": "2027-04-26"}, "dryRun": true, "onConflict": "skip"}),
        ),
        // Series (issue 16): an unknown series answers 404 whatever the text.
        case(
            Method::PATCH,
            "/api/series/{id}",
            "/api/series/999999".into(),
            json!({"scope": "following", "fromSessionId": 1, "time": "19:00", "durationMinutes": 60, "capacity": 1, "meetingUrl": "https://meet.example.com/x", "notes": "Bring a mat"}),
        ),
        case(
            Method::POST,
            "/api/series/{id}/cancel",
            "/api/series/999999/cancel".into(),
            json!({"scope": "all", "reason": "Term ends", "releaseCredits": false}),
        ),
        case(
            Method::POST,
            "/api/series/{id}/bookings",
            "/api/series/999999/bookings".into(),
            json!({"clientId": 1}),
        ),
        case(
            Method::POST,
            "/api/sessions/bulk-cancel",
            "/api/sessions/bulk-cancel".into(),
            json!({"from": "2027-05-03", "to": "2027-05-07", "reason": "Away at a retreat", "refund": "policy", "dryRun": true}),
        ),
        case(
            Method::PUT,
            "/api/me/meeting-links",
            "/api/me/meeting-links".into(),
            json!({"mode": "pattern", "url": "https://meet.example.com/ana-{random}"}),
        ),
        case(
            Method::POST,
            "/api/me/feeds/rotate",
            "/api/me/feeds/rotate".into(),
            json!({"kind": "coach_anonymous"}),
        ),
        // Busy calendars (issue 15): the first sync is queued, never run here.
        case(
            Method::POST,
            "/api/me/busy-calendars",
            "/api/me/busy-calendars".into(),
            json!({"name": "Family", "kind": "caldav", "url": "https://dav.example.com/cal/ana/family/", "username": "ana", "password": "app-password"}),
        ),
        case(
            Method::PATCH,
            "/api/me/busy-calendars/{id}",
            "/api/me/busy-calendars/999999".into(),
            json!({"name": "Family"}),
        ),
        case(
            Method::POST,
            "/api/session-templates",
            "/api/session-templates".into(),
            json!({"name": "Evening check-in", "sessionTypeId": st, "meetingUrl": "https://meet.example.com/ana", "notes": "Short one", "currency": "EUR", "clientId": cl, "clientSpecificPriceCents": 5000}),
        ),
        case(
            Method::PUT,
            "/api/session-templates/{id}",
            "/api/session-templates/999999".into(),
            json!({"name": "Evening check-in", "sessionTypeId": st, "meetingUrl": "https://meet.example.com/ana", "notes": "Short one", "currency": "EUR"}),
        ),
        case(
            Method::POST,
            "/api/sessions/{id}/waitlist",
            format!("/api/sessions/{se}/waitlist"),
            json!({"name": "Wes West", "email": "wes@example.com", "timeZone": "Europe/London", "clientId": cl}),
        ),
        case(
            Method::POST,
            "/api/sessions/{id}/waitlist/claim",
            format!("/api/sessions/{se}/waitlist/claim"),
            json!({"token": "0123456789abcdef"}),
        ),
        case(
            Method::PUT,
            "/api/sessions/{id}/waitlist/order",
            format!("/api/sessions/{se}/waitlist/order"),
            json!({"entryIds": []}),
        ),
        case(
            Method::PUT,
            "/api/me/waitlist",
            "/api/me/waitlist".into(),
            json!({"waitlistVisitors": true, "waitlistOfferHours": 12}),
        ),
        case(
            Method::POST,
            "/api/webhooks",
            "/api/webhooks".into(),
            json!({"url": "https://hooks.example.com/coachbook", "description": "CRM sync", "eventTypes": ["booking.created"]}),
        ),
        // The coach's page (the coach booking on their own page books as the coach).
        case(
            Method::POST,
            "/api/coaches/{slug}/bookings",
            "/api/coaches/ana-ruiz/bookings".into(),
            json!({"sessionTypeId": st, "start": "2027-04-02T10:00:00Z", "timeZone": "Europe/London",
                   "name": "Sam Roe", "email": "sam@example.com", "notes": "First time"}),
        ),
        // Session requests (the coach sending one on their own page is refused; the answers go
        // to a request that does not exist).
        case(
            Method::POST,
            "/api/coaches/{slug}/session-requests",
            "/api/coaches/ana-ruiz/session-requests".into(),
            json!({"sessionTypeId": st, "times": [{"start": "2027-04-01T19:00:00Z", "end": "2027-04-01T20:00:00Z"}],
                   "timeZone": "Europe/London", "message": "Evenings", "name": "Sam Roe", "email": "sam@example.com"}),
        ),
        case(
            Method::POST,
            "/api/session-requests/{id}/approve",
            "/api/session-requests/999999/approve".into(),
            json!({"start": "2027-04-01T19:00:00Z"}),
        ),
        case(
            Method::POST,
            "/api/session-requests/{id}/decline",
            "/api/session-requests/999999/decline".into(),
            json!({"reason": "Away that week"}),
        ),
        case(
            Method::PUT,
            "/api/session-requests/settings",
            "/api/session-requests/settings".into(),
            json!({"expiryHours": 72}),
        ),
        // The client's own side (the coach has no bookings as a client: not found).
        case(
            Method::POST,
            "/api/my/bookings/{id}/cancel",
            "/api/my/bookings/999999/cancel".into(),
            json!({"reason": "Ill"}),
        ),
        case(
            Method::POST,
            "/api/my/bookings/{id}/reschedule",
            "/api/my/bookings/999999/reschedule".into(),
            json!({"start": "2027-04-01T09:00:00Z"}),
        ),
        // Prices and payments (issue 17).
        case(
            Method::PUT,
            "/api/clients/{id}/prices/{sessionTypeId}",
            format!("/api/clients/{cl}/prices/{st}"),
            json!({"priceCents": 7000, "currency": "EUR"}),
        ),
        case(
            Method::POST,
            "/api/payments",
            "/api/payments".into(),
            json!({"clientId": cl, "amountCents": 5000, "currency": "EUR", "method": "cash", "paidOn": "2026-11-02", "note": "Paid at the door"}),
        ),
    ]
}

/// Makes a hostile value out of a valid one.
type Hostile = fn(&str) -> String;

/// Where a text value sits in a body: keys and array indexes.
type Path = Vec<Value>;

fn text_leaves(v: &Value, at: &mut Path, out: &mut Vec<(Path, String)>) {
    match v {
        Value::String(s) => out.push((at.clone(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(json!(i));
                text_leaves(item, at, out);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                at.push(json!(k));
                text_leaves(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn slot<'a>(v: &'a mut Value, path: &Path) -> &'a mut Value {
    path.iter().fold(v, |v, step| match step {
        Value::String(k) => &mut v[k.as_str()],
        Value::Number(i) => &mut v[usize::try_from(i.as_u64().unwrap()).unwrap()],
        _ => unreachable!(),
    })
}

fn keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, item) in map {
                out.push(k.clone());
                keys(item, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| keys(i, out)),
        _ => {}
    }
}

/// The names of every property of `schema` (through `$ref`, `allOf`/`oneOf`/`anyOf` and array
/// items) that can hold a string.
fn string_properties(doc: &Value, schema: &Value, out: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    if let Some(props) = schema["properties"].as_object() {
        for (name, prop) in props {
            if can_be_string(doc, prop) {
                out.push(name.clone());
            }
            string_properties(doc, prop, out);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for sub in schema[key].as_array().into_iter().flatten() {
            string_properties(doc, sub, out);
        }
    }
    if !schema["items"].is_null() {
        string_properties(doc, &schema["items"], out);
    }
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
        None => schema,
    }
}

fn can_be_string(doc: &Value, schema: &Value) -> bool {
    let schema = resolve(doc, schema);
    let ty = &schema["type"];
    ty == "string"
        || ty.as_array().is_some_and(|t| t.contains(&json!("string")))
        || ["oneOf", "anyOf"].iter().any(|k| {
            schema[*k]
                .as_array()
                .is_some_and(|subs| subs.iter().any(|s| can_be_string(doc, s)))
        })
}

fn openapi() -> Value {
    serde_json::to_value(coachbook::web::api::openapi()).unwrap()
}

/// Every operation of the document: (method, path, operation).
fn operations(doc: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            out.push((method.to_uppercase(), path.clone(), op.clone()));
        }
    }
    out
}

db_test! {
    async fn every_text_field_of_every_json_route_takes_hostile_text_without_a_server_error(db) {
        let app = TestApp::new(db).await;
        let token = app.coach_token().await;
        let ids = practice(&app, &token).await;
        let cases = cases(&ids);
        let doc = openapi();

        // The cases cover every route with a body, and every text field of each.
        for (method, path, op) in operations(&doc) {
            let Some(schema) = op["requestBody"]["content"]["application/json"].get("schema") else { continue };
            let case = cases.iter().find(|c| c.method.as_str() == method && c.template == path)
                .unwrap_or_else(|| panic!("no case for {method} {path}: add one"));
            let mut fields = Vec::new();
            string_properties(&doc, schema, &mut fields);
            let mut sent = Vec::new();
            keys(&case.body, &mut sent);
            for field in fields {
                assert!(sent.contains(&field), "{method} {path}: the case does not send the text field {field}");
            }
        }

        let hostile: [(&str, Hostile); 4] = [
            ("a NUL byte", |base| format!("{base}\u{0}")),
            ("100 kB", |base| format!("{base}{}", "x".repeat(100_000))),
            ("a right-to-left override", |base| format!("\u{202E}{base}")),
            ("a zero-width space", |base| format!("\u{200B}{base}")),
        ];
        let mut taken = 0;
        for case in &cases {
            let mut leaves = Vec::new();
            text_leaves(&case.body, &mut Vec::new(), &mut leaves);
            for (at, base) in &leaves {
                for (what, make) in &hostile {
                    let value = make(base);
                    let mut body = case.body.clone();
                    *slot(&mut body, at) = json!(value);
                    let (status, answer) = app.call(case.method.clone(), &token, &case.path, Some(&body), None).await;
                    let name = at.last().and_then(Value::as_str).unwrap_or("?");
                    assert!(status < 500, "{} {} with {what} in {at:?}: {status} {answer}", case.method, case.path);
                    if matches!(*what, "a NUL byte" | "100 kB") {
                        assert!((400..500).contains(&status), "{} {} took {what} in {name}: {status}", case.method, case.path);
                        continue;
                    }
                    // Taken: what comes back under the same name at the top is what was sent.
                    if (200..300).contains(&status) && at.len() == 1 {
                        taken += 1;
                        if let Some(back) = answer.get(name).and_then(Value::as_str) {
                            assert_eq!(back, value, "{} {}: {name} did not round-trip", case.method, case.path);
                        }
                    }
                }
            }
        }
        assert!(taken > 20, "only {taken} hostile-but-valid values were taken; the cases are not reaching the handlers");
    }
}

/// What fault 11 found, held: list filters are query parameters, every operation lists the
/// answers the layers in front of it give, and request schemas state what the server requires.
#[test]
fn the_openapi_document_says_what_the_server_does() {
    let doc = openapi();
    for (method, path, op) in operations(&doc) {
        let params = op["parameters"].as_array().cloned().unwrap_or_default();
        for p in &params {
            let name = p["name"].as_str().unwrap();
            match p["in"].as_str().unwrap() {
                "path" => assert!(
                    path.contains(&format!("{{{name}}}")),
                    "{method} {path}: {name} is not in the path"
                ),
                "query" => assert_eq!(
                    p["required"],
                    json!(false),
                    "{method} {path}: the filter {name} is optional"
                ),
                _ => {}
            }
        }
        let answers: Map<String, Value> = op["responses"].as_object().unwrap().clone();
        let has_body = op.get("requestBody").is_some();
        let has_query = params.iter().any(|p| p["in"] == "query");
        let mut expected = vec!["401", "403"];
        if has_body || has_query {
            expected.push("400");
        }
        if has_body {
            expected.extend(["413", "415", "422"]);
        }
        for code in expected {
            assert!(
                answers.contains_key(code),
                "{method} {path} does not document {code}"
            );
            assert!(
                !answers[code]["description"]
                    .as_str()
                    .unwrap_or_default()
                    .is_empty(),
                "{method} {path}: {code} has no description"
            );
        }
    }
    let schemas = &doc["components"]["schemas"];
    for (schema, required) in [
        ("NewClient", &["name", "email"][..]),
        ("NewSessionType", &["name"]),
        ("NewPackage", &["name"]),
        ("NewApplication", &["name", "email"]),
        ("NewEnrolmentRequest", &["packageId"]),
        ("SettingsUpdate", &["name", "email", "timeZone"]),
        ("NewBlock", &["kind"]),
    ] {
        let listed = schemas[schema]["required"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for field in required {
            assert!(
                listed.contains(&json!(field)),
                "{schema} does not say {field} is required"
            );
        }
    }
    // Every text a request carries states its limit (a length, a set of values or a format).
    for (method, path, op) in operations(&doc) {
        let Some(schema) = op["requestBody"]["content"]["application/json"].get("schema") else {
            continue;
        };
        let mut unbounded = Vec::new();
        bounded_strings(&doc, schema, "", &mut unbounded);
        assert!(
            unbounded.is_empty(),
            "{method} {path}: no limit on {unbounded:?}"
        );
    }
    assert_eq!(
        schemas["NewClient"]["properties"]["notes"]["maxLength"],
        json!(10000)
    );
    assert_eq!(
        schemas["NewSessionType"]["properties"]["durationMinutes"]["maximum"],
        json!(720)
    );
}

fn bounded_strings(doc: &Value, schema: &Value, at: &str, out: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    let ty = &schema["type"];
    let is_string = ty == "string" || ty.as_array().is_some_and(|t| t.contains(&json!("string")));
    if is_string
        && schema.get("maxLength").is_none()
        && schema.get("enum").is_none()
        && schema.get("format").is_none()
    {
        out.push(at.to_owned());
    }
    if let Some(props) = schema["properties"].as_object() {
        for (name, prop) in props {
            bounded_strings(doc, prop, &format!("{at}.{name}"), out);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for sub in schema[key].as_array().into_iter().flatten() {
            bounded_strings(doc, sub, at, out);
        }
    }
    if !schema["items"].is_null() {
        bounded_strings(doc, &schema["items"], &format!("{at}[]"), out);
    }
}
