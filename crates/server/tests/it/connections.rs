//! Clients that open connections and never finish a request (issue 9, fault 2): they are closed
//! after the header timeout, idle keep-alive connections too, at most `max_connections` are held
//! at once, and the server keeps answering others meanwhile. Transport only, so SQLite alone.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::harness::{Backend, TestApp};

/// Upper bound for things that should happen at once or after a one-second timeout; only ever
/// reached when the behaviour under test is broken.
const PATIENCE: Duration = Duration::from_secs(10);

fn addr(app: &TestApp) -> String {
    app.base().trim_start_matches("http://").to_owned()
}

/// A connection that sent the start of a request and then nothing more.
async fn stalled(app: &TestApp) -> TcpStream {
    let mut conn = TcpStream::connect(addr(app)).await.expect("connect");
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
        .await
        .expect("write");
    conn
}

/// Reads until the server closes the connection; what it sent before closing.
async fn until_closed(conn: &mut TcpStream) -> String {
    let mut seen = Vec::new();
    tokio::time::timeout(PATIENCE, conn.read_to_end(&mut seen))
        .await
        .expect("the server should close the connection")
        .ok();
    String::from_utf8_lossy(&seen).into_owned()
}

/// One request on a fresh connection, answered and read in full.
async fn healthz(app: &TestApp) -> String {
    let mut conn = TcpStream::connect(addr(app)).await.expect("connect");
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .expect("write");
    until_closed(&mut conn).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_headers_is_closed_after_the_header_timeout() {
    let app = TestApp::serve_with(Backend::Sqlite, |c| c.header_timeout_secs = 1).await;
    let mut conn = stalled(&app).await;
    let answer = until_closed(&mut conn).await;
    assert!(
        !answer.contains("200 OK"),
        "an unfinished request is never served: {answer:?}"
    );
    // A client that does finish in time is served as ever.
    assert!(healthz(&app).await.starts_with("HTTP/1.1 200"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_keep_alive_connection_is_closed_after_the_header_timeout() {
    let app = TestApp::serve_with(Backend::Sqlite, |c| c.header_timeout_secs = 1).await;
    let mut conn = TcpStream::connect(addr(&app)).await.expect("connect");
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .expect("write");
    let mut first = [0u8; 12];
    conn.read_exact(&mut first).await.expect("an answer");
    assert_eq!(&first, b"HTTP/1.1 200");
    // Kept alive, then closed once idle: the rest of the answer, then the end of the stream.
    let rest = until_closed(&mut conn).await;
    assert!(
        rest.ends_with("ok") || rest.contains("\r\n\r\n"),
        "{rest:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_stalled_connections_do_not_keep_others_waiting() {
    let app = TestApp::serve(Backend::Sqlite).await;
    let mut held = Vec::new();
    for _ in 0..300 {
        held.push(stalled(&app).await);
    }
    let answer = tokio::time::timeout(Duration::from_secs(1), healthz(&app))
        .await
        .expect("/healthz answers within a second beside 300 stalled connections");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    drop(held);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_cap_wait_for_a_free_slot_and_are_then_served() {
    let app = TestApp::serve_with(Backend::Sqlite, |c| c.max_connections = 8).await;
    let mut held = Vec::new();
    for _ in 0..8 {
        held.push(stalled(&app).await);
    }
    let app = std::sync::Arc::new(app);
    let waiting = tokio::spawn({
        let app = std::sync::Arc::clone(&app);
        async move { healthz(&app).await }
    });
    // The ninth is not taken while eight are held…
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !waiting.is_finished(),
        "a ninth connection was served beyond the cap of 8"
    );
    // …and is served as soon as one of them goes.
    drop(held.pop());
    let answer = tokio::time::timeout(PATIENCE, waiting)
        .await
        .expect("served once a slot is free")
        .expect("task");
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
}
