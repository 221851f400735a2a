//! Response security headers and the cross-site request check for state-changing requests.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::Public;
use super::AppState;

/// No inline scripts or styles, no framing, forms post only here.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub async fn headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    // A response that set its own policy keeps it (an email's HTML part: inline styles, framed
    // only by this site's own pages, sandboxed).
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.entry(header::X_FRAME_OPTIONS)
        .or_insert(HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if state.config().https() {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

/// Refuses a state-changing request that a browser says comes from another site. Browsers send
/// `Origin` on every cross-origin POST and `Sec-Fetch-Site` on every request; scripts with a bearer
/// token send neither and are not at risk (they carry no ambient cookie).
pub async fn same_origin(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_origin(req.headers(), &state.config().public_url()) {
        return next.run(req).await;
    }
    let message =
        "This request came from another site and was refused. Submit the form from this site.";
    let public = Public::new(StatusCode::FORBIDDEN, "cross_site_request", message);
    if req.uri().path().starts_with("/api/") {
        public.into_json()
    } else {
        public.into_page().into_response()
    }
}

/// Whether the browser says the request comes from this site: its `Origin` is the public URL, or
/// the same scheme (the public URL's: `https` when behind TLS) with the host the request was sent
/// to. Scheme, host and port all count: `https://host` is another origin than `http://host`.
fn is_same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Ok(origin) = origin.to_str() else {
            return false;
        };
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        let scheme = public_url.split_once("://").map_or("http", |(s, _)| s);
        return origin != "null"
            && (origin == public_url
                || (!host.is_empty() && origin == format!("{scheme}://{host}")));
    }
    !matches!(
        headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()),
        Some("cross-site" | "same-site")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn a_foreign_origin_is_refused_and_our_own_accepted() {
        let public = "http://127.0.0.1:8080";
        assert!(is_same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:8080"),
                ("host", "127.0.0.1:8080")
            ]),
            public
        ));
        assert!(
            is_same_origin(
                &headers(&[
                    ("origin", "http://book.example.com"),
                    ("host", "book.example.com")
                ]),
                public
            ),
            "the host the request was sent to, in the server's scheme"
        );
        assert!(
            !is_same_origin(
                &headers(&[
                    ("origin", "https://book.example.com"),
                    ("host", "book.example.com")
                ]),
                public
            ),
            "another scheme is another origin"
        );
        assert!(
            !is_same_origin(
                &headers(&[
                    ("origin", "http://book.example.com:8443"),
                    ("host", "book.example.com")
                ]),
                public
            ),
            "another port is another origin"
        );
        assert!(is_same_origin(
            &headers(&[
                ("origin", "https://book.example.com"),
                ("host", "book.example.com")
            ]),
            "https://book.example.com"
        ));
        assert!(!is_same_origin(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:8080")
            ]),
            public
        ));
        assert!(!is_same_origin(
            &headers(&[("origin", "null"), ("host", "127.0.0.1:8080")]),
            public
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            public
        ));
        assert!(
            is_same_origin(&headers(&[]), public),
            "scripts without browser headers pass"
        );
    }
}
