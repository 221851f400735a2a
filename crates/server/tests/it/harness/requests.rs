//! Requests straight to the app's router, in-process: no socket, no HTTP client. There is no
//! connection, so no `ConnectInfo`; the server takes the client to be 127.0.0.1, as it is over a
//! real port in these tests.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request};
use serde_json::Value;
use tower::ServiceExt;

use super::TestApp;

/// The router's whole answer to one request.
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON; fails the test when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "{} answered a body that is not JSON ({e}): {}",
                self.status,
                self.text()
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A JSON body (or none) with a bearer token and an optional `Idempotency-Key`.
fn json_request(
    method: Method,
    token: &str,
    path: &str,
    body: Option<&Value>,
    idempotency_key: Option<&str>,
) -> Request<Body> {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    if let Some(key) = idempotency_key {
        req = req.header("idempotency-key", key);
    }
    match body {
        Some(body) => req
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => req.body(Body::empty()),
    }
    .expect("a valid request")
}

impl TestApp {
    /// Sends `req` to the router, in-process, and reads the whole answer. A request without a
    /// `Host` gets `localhost`, as every real client sends one.
    pub async fn request(&self, mut req: Request<Body>) -> Reply {
        req.headers_mut()
            .entry(header::HOST)
            .or_insert(HeaderValue::from_static("localhost"));
        let res = self
            .router
            .clone()
            .oneshot(req)
            .await
            .unwrap_or_else(|never| match never {});
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .expect("read the body");
        Reply {
            status,
            headers,
            body: body.to_vec(),
        }
    }

    /// A bare request: no credentials, no body.
    pub async fn send(&self, method: Method, path: &str) -> Reply {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .expect("a valid request");
        self.request(req).await
    }

    /// One JSON API call as `token`: `body` sent as JSON (nothing when `None`), an
    /// `Idempotency-Key` when given. Answers the status and the JSON body (`Null` when the body is
    /// empty or not JSON).
    pub async fn call(
        &self,
        method: Method,
        token: &str,
        path: &str,
        body: Option<&Value>,
        idempotency_key: Option<&str>,
    ) -> (u16, Value) {
        let reply = self
            .request(json_request(method, token, path, body, idempotency_key))
            .await;
        let json = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
        (reply.status, json)
    }

    pub async fn get(&self, token: &str, path: &str) -> (u16, Value) {
        self.call(Method::GET, token, path, None, None).await
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::POST, token, path, Some(&body), None)
            .await
    }

    /// A POST that a client may retry: the same `idempotency_key` means the same request.
    pub async fn post_with_key(
        &self,
        token: &str,
        path: &str,
        body: &Value,
        idempotency_key: &str,
    ) -> (u16, Value) {
        self.call(Method::POST, token, path, Some(body), Some(idempotency_key))
            .await
    }

    pub async fn put(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PUT, token, path, Some(&body), None).await
    }

    pub async fn patch(&self, token: &str, path: &str, body: Value) -> (u16, Value) {
        self.call(Method::PATCH, token, path, Some(&body), None)
            .await
    }

    pub async fn delete(&self, token: &str, path: &str) -> (u16, Value) {
        self.call(Method::DELETE, token, path, None, None).await
    }
}

/// One JSON request without credentials (a visitor) or with a bearer token, straight to the
/// router: the status and the JSON body (`Null` when there is none).
pub async fn call(
    app: &TestApp,
    method: &str,
    token: Option<&str>,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = Request::builder().method(method).uri(path);
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let req = match body {
        Some(b) => req
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(b.to_string())),
        None => req.body(Body::empty()),
    }
    .expect("a valid request");
    let reply = app.request(req).await;
    (
        reply.status,
        serde_json::from_slice(&reply.body).unwrap_or(Value::Null),
    )
}
