//! Reading pages for words: the language tests ask whether a page says (or no longer says)
//! a list of phrases, and name the page when it does not.

use super::TestApp;

/// The page at `path` as the signed-in `browser` sees it; fails the test unless it is a 200.
pub async fn page(app: &TestApp, browser: &reqwest::Client, path: &str) -> String {
    let res = browser
        .get(app.url(path))
        .send()
        .await
        .expect("the page answers");
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.expect("a page body")
}

/// Fails the test unless `html` (the page at `path`) contains every one of `words`.
pub fn has_all(html: &str, path: &str, words: &[&str]) {
    for w in words {
        assert!(html.contains(w), "{path} should say {w:?}:\n{html}");
    }
}

/// Fails the test if `html` (the page at `path`) contains any of `words`.
pub fn has_none(html: &str, path: &str, words: &[&str]) {
    for w in words {
        assert!(!html.contains(w), "{path} should not say {w:?}:\n{html}");
    }
}
