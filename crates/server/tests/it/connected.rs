//! Connected clients, on both databases: the coach invites a client by email, the link connects
//! the account that opens it while signed in (once), a revoked, replaced, used or expired link is
//! refused and says why, an account connected to another of the coach's clients is refused, the
//! coach disconnects a client (the record stays), and promoting an application sent by a
//! signed-in person connects them.

use axum::http::Method;
use serde_json::json;

use crate::harness::{error_code, redirect, TestApp, PASSWORD};
use crate::my_sessions::{book, client, form, user};

/// The newest invitation link in the outbox: its path, `/invite/{token}`.
async fn invitation_link(app: &TestApp, to: &str) -> String {
    let body: String = sqlx::query_scalar(
        "SELECT text_body FROM emails WHERE kind = 'client_invitation' AND to_email = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(to)
    .fetch_one(app.state.db().pool())
    .await
    .expect("an invitation email");
    let at = body.find("/invite/").expect("a link in the email");
    body[at..at + "/invite/".len() + 43].to_owned()
}

async fn invite(app: &TestApp, coach: &str, client_id: i64) -> serde_json::Value {
    let (status, account) = app
        .post(
            coach,
            &format!("/api/coaching/clients/{client_id}/invitation"),
            json!({}),
        )
        .await;
    assert_eq!(status, 201, "{account}");
    account
}

db_test! {
    async fn an_invitation_connects_the_signed_in_account_once(db) {
        let app = TestApp::serve(db).await;
        let (coach_browser, coach) = app.signed_in_coach().await;
        let zed = client(&app, &coach, "Zed Quill", "zed.quill@example.com", "").await;

        let account = invite(&app, &coach, zed).await;
        assert_eq!(account["connected"], false);
        assert_eq!(account["invitation"]["status"], "open");
        assert_eq!(account["invitation"]["email"], "zed.quill@example.com");
        assert_eq!(account["invitation"]["expiresAt"], "2026-11-16T09:00:00+00:00", "14 days");
        assert!(!account.to_string().contains("/invite/"), "the link goes to the client only");

        // The email is in the outbox and goes out with the job.
        let link = invitation_link(&app, "zed.quill@example.com").await;
        let (subject, html): (String, String) = sqlx::query_as("SELECT subject, html_body FROM emails WHERE kind = 'client_invitation'")
            .fetch_one(app.state.db().pool()).await.unwrap();
        assert_eq!(subject, "Ana Ruiz invites you to connect your account");
        assert!(html.contains(&link), "the button links too");
        let sent = coachbook::app::jobs::drain(app.state.ctx(), "test-worker").await.unwrap();
        assert!(sent >= 1);

        // The client's page shows the card with what can be done.
        let page = coach_browser.get(app.url(&format!("/admin/clients/{zed}"))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Invitation sent to zed.quill@example.com"), "{page}");
        assert!(page.contains("Resend invitation") && page.contains("Revoke"));

        // Signed out, the link offers sign-up with the email filled in, and sign-in, both back here.
        let visitor = app.client();
        let html = visitor.get(app.url(&link)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Connect with Ana Ruiz"), "{html}");
        let back = link.replace('/', "%2F");
        assert!(html.contains(&format!("/signup?next={back}&#38;email=zed.quill%40example.com")), "{html}");
        assert!(html.contains(&format!("/login?next={back}")));
        let signup = visitor.get(app.url(&format!("/signup?next={back}&email=zed.quill%40example.com"))).send().await.unwrap().text().await.unwrap();
        assert!(signup.contains("value=\"zed.quill@example.com\""), "prefilled");
        let res = app
            .post_form(&visitor, &format!("/signup?next={back}"), &[("name", "Zed Quill"), ("email", "zed.quill@example.com"), ("password", PASSWORD), ("timeZone", "Europe/Paris")])
            .await;
        assert_eq!(redirect(&res), (303, format!("/login?next={back}").as_str()));
        let res = app
            .post_form(&visitor, "/login", &[("email", "zed.quill@example.com"), ("password", PASSWORD), ("next", link.as_str())])
            .await;
        assert_eq!(redirect(&res), (303, link.as_str()));

        // Signed in: one button connects.
        let html = visitor.get(app.url(&link)).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Connect my account to Ana Ruiz"), "{html}");
        let res = app.post_form(&visitor, &link, &[("x", "")]).await;
        assert_eq!(redirect(&res), (303, "/my"));
        let my = visitor.get(app.url("/my")).send().await.unwrap().text().await.unwrap();
        assert!(my.contains("Your account is connected to Ana Ruiz"), "the notice");
        assert!(my.contains("Ana Ruiz"));
        let (_, c) = app.get(&coach, &format!("/api/coaching/clients/{zed}")).await;
        assert_eq!(c["connected"], true);
        let (_, account) = app.get(&coach, &format!("/api/coaching/clients/{zed}/invitation")).await;
        assert_eq!((account["invitation"]["status"].as_str(), account["accountEmail"].as_str()), (Some("accepted"), Some("zed.quill@example.com")));

        // Again with the same account: the same answer; with another: used.
        let res = app.post_form(&visitor, &link, &[("x", "")]).await;
        assert_eq!(redirect(&res), (303, "/my"));
        let other = app.signed_up_user("Olly Other", "olly@example.com").await;
        let res = app.post_form(&other, &link, &[("x", "")]).await;
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("already been used"));
        let (_, c) = app.get(&coach, "/api/me").await;
        assert!(c.is_object());

        // Inviting a connected client again is refused until the coach disconnects.
        let (status, err) = app.post(&coach, &format!("/api/coaching/clients/{zed}/invitation"), json!({})).await;
        assert_eq!((status, error_code(&err)), (409, "already_connected"), "{err}");
    }
}

db_test! {
    async fn revoked_replaced_expired_and_unknown_invitations_are_refused(db) {
        let app = TestApp::new(db).await;
        let coach = app.coach_token().await;
        let zed = client(&app, &coach, "Zed Quill", "zed.quill@example.com", "").await;
        let (_, _) = user(&app, "Zed Quill", "zed.quill@example.com", "Europe/Paris").await;
        let zed_account = coachbook::app::accounts::authenticate(app.state.ctx(), "zed.quill@example.com", PASSWORD).await.unwrap();
        let accept = |token: String| {
            let account = zed_account.clone();
            let cx = app.state.ctx().clone();
            async move { coachbook::app::invitations::accept(&cx, &token, &account).await }
        };
        let token_of = |link: String| link.trim_start_matches("/invite/").to_owned();

        invite(&app, &coach, zed).await;
        let first = invitation_link(&app, "zed.quill@example.com").await;
        invite(&app, &coach, zed).await;
        let second = invitation_link(&app, "zed.quill@example.com").await;
        assert_ne!(first, second, "a new link replaces the open one");
        let page = app.send(Method::GET, &first).await;
        assert_eq!(page.status, 200);
        assert!(page.text().contains("no longer valid"), "{}", page.text());
        let refused = accept(token_of(first.clone())).await;
        assert!(matches!(refused, Err(coachbook::app::invitations::InviteError::Refused(coachbook::app::invitations::InviteRefusal::Revoked))), "{refused:?}");

        let (status, account) = app.delete(&coach, &format!("/api/coaching/clients/{zed}/invitation")).await;
        assert_eq!((status, account["invitation"]["status"].as_str()), (200, Some("revoked")), "{account}");
        let (status, err) = app.delete(&coach, &format!("/api/coaching/clients/{zed}/invitation")).await;
        assert_eq!((status, error_code(&err)), (404, "not_found"), "nothing open to revoke");
        assert!(accept(token_of(second)).await.is_err());

        invite(&app, &coach, zed).await;
        let third = invitation_link(&app, "zed.quill@example.com").await;
        app.clock.advance(jiff::SignedDuration::from_hours(14 * 24));
        let page = app.send(Method::GET, &third).await;
        assert!(page.text().contains("has expired"), "{}", page.text());
        let refused = accept(token_of(third)).await;
        assert!(matches!(refused, Err(coachbook::app::invitations::InviteError::Refused(coachbook::app::invitations::InviteRefusal::Expired))), "{refused:?}");
        let (_, c) = app.get(&coach, &format!("/api/coaching/clients/{zed}")).await;
        assert_eq!(c["connected"], false, "nothing connected");

        // Unknown and malformed tokens are a 404 page alike.
        for bad in ["/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/invite/short", "/invite/%3Cscript%3E"] {
            assert_eq!(app.send(Method::GET, bad).await.status, 404, "{bad}");
        }
        // Another coach's client is not found.
        let bo = app.other_coach_token().await;
        let (status, _) = app.post(&bo, &format!("/api/coaching/clients/{zed}/invitation"), json!({})).await;
        assert_eq!(status, 404);
        let (status, _) = app.post(&bo, &format!("/api/coaching/clients/{zed}/disconnect"), json!({})).await;
        assert_eq!(status, 404);
    }
}

db_test! {
    async fn an_account_connected_to_another_client_of_the_coach_is_refused(db) {
        let app = TestApp::new(db).await;
        let coach = app.coach_token().await;
        let zed = client(&app, &coach, "Zed Quill", "zed.quill@example.com", "").await;
        let zed2 = client(&app, &coach, "Zed Q. (work)", "zed.work@example.com", "").await;
        user(&app, "Zed Quill", "zed.quill@example.com", "Europe/Paris").await;
        let account = coachbook::app::accounts::authenticate(app.state.ctx(), "zed.quill@example.com", PASSWORD).await.unwrap();
        let cx = app.state.ctx().clone();
        invite(&app, &coach, zed).await;
        let link = invitation_link(&app, "zed.quill@example.com").await;
        coachbook::app::invitations::accept(&cx, link.trim_start_matches("/invite/"), &account).await.expect("connects");

        invite(&app, &coach, zed2).await;
        let link = invitation_link(&app, "zed.work@example.com").await;
        let refused = coachbook::app::invitations::accept(&cx, link.trim_start_matches("/invite/"), &account).await;
        match refused {
            Err(coachbook::app::invitations::InviteError::Refused(r)) => {
                assert_eq!(r.code(), "account_already_connected");
                assert!(r.message().starts_with("Your account is already connected to Ana Ruiz as another client."), "{}", r.message());
            }
            other => panic!("{other:?}"),
        }
        let (_, c) = app.get(&coach, &format!("/api/coaching/clients/{zed2}")).await;
        assert_eq!(c["connected"], false);

        // The coach opening an invitation to their own practice is told so.
        let ana = coachbook::app::accounts::authenticate(&cx, crate::harness::COACH_EMAIL, PASSWORD).await.unwrap();
        let refused = coachbook::app::invitations::accept(&cx, link.trim_start_matches("/invite/"), &ana).await;
        assert!(matches!(refused, Err(coachbook::app::invitations::InviteError::Refused(coachbook::app::invitations::InviteRefusal::OwnPractice))), "{refused:?}");
    }
}

db_test! {
    async fn disconnecting_keeps_the_client_and_hides_it_from_the_account(db) {
        let app = TestApp::new(db).await;
        let coach = app.coach_token().await;
        let coaching = app.session_type(&coach, json!({"name": "Coaching", "durationMinutes": 60})).await;
        app.open_every_day(&coach, "08:00", "20:00").await;
        let zed = client(&app, &coach, "Zed Quill", "zed.quill@example.com", "").await;
        let (zed_user, zed_token) = user(&app, "Zed Quill", "zed.quill@example.com", "Europe/Paris").await;
        crate::my_sessions::connect(&app, zed, zed_user).await;
        let booking = book(&app, &coach, json!({"sessionTypeId": coaching, "clientId": zed, "date": "2026-11-10", "startTime": "10:00"})).await;
        let (_, mine) = app.get(&zed_token, "/api/my/bookings").await;
        assert_eq!(mine.as_array().map(Vec::len), Some(1));

        let (status, account) = app.post(&coach, &format!("/api/coaching/clients/{zed}/disconnect"), json!({})).await;
        assert_eq!((status, account["connected"].as_bool()), (200, Some(false)), "{account}");
        let (_, mine) = app.get(&zed_token, "/api/my/bookings").await;
        assert_eq!(mine, json!([]), "the account no longer sees it");
        let (status, _) = app.post(&zed_token, &format!("/api/my/bookings/{booking}/cancel"), json!({})).await;
        assert_eq!(status, 404);
        let (status, c) = app.get(&coach, &format!("/api/coaching/clients/{zed}/bookings")).await;
        assert_eq!((status, c.as_array().map(Vec::len)), (200, Some(1)), "the record and its bookings stay");
        // Disconnecting again changes nothing.
        let (status, _) = app.post(&coach, &format!("/api/coaching/clients/{zed}/disconnect"), json!({})).await;
        assert_eq!(status, 200);
        // The page's buttons do the same.
        let res = form(&app, &format!("/admin/clients/{zed}/disconnect"), &[]).await;
        assert_eq!(res.status, 303, "signed out: to sign in");
    }
}

db_test! {
    async fn promoting_an_application_from_a_signed_in_user_connects_them(db) {
        let app = TestApp::serve(db).await;
        let coach = app.coach_token().await;
        let lea = app.signed_up_user("Lea Roux", "lea@example.com").await;
        let res = app
            .post_form(&lea, "/c/ana-ruiz/apply", &[("name", "Lea Roux"), ("email", "lea@example.com"), ("goals", "Find focus")])
            .await;
        assert_eq!(res.status(), 303);
        let visitor = app.client();
        let res = app
            .post_form(&visitor, "/c/ana-ruiz/apply", &[("name", "Max Mono"), ("email", "max@example.com"), ("goals", "Sleep")])
            .await;
        assert_eq!(res.status(), 303);
        let (_, apps) = app.get(&coach, "/api/coaching/applications").await;
        let id_of = |email: &str| apps.as_array().unwrap().iter().find(|a| a["email"] == email).unwrap()["id"].as_i64().unwrap();
        for (email, connected) in [("lea@example.com", true), ("max@example.com", false)] {
            let (status, p) = app.post(&coach, &format!("/api/coaching/applications/{}/promote", id_of(email)), json!({})).await;
            assert_eq!(status, 200, "{p}");
            let (_, c) = app.get(&coach, &format!("/api/coaching/clients/{}", p["clientId"])).await;
            assert_eq!(c["connected"], connected, "{email}: {c}");
        }
        let html = lea.get(app.url("/my")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Ana Ruiz") && !html.contains("not connected to a coach yet"), "{html}");
    }
}
