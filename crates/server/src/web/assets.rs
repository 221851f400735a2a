//! Static assets embedded in the binary. Pages link them by content hash
//! (`/assets/{hash}/{file}`), so they can be cached forever and still change on upgrade.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

fn hashes() -> &'static HashMap<String, String> {
    static HASHES: OnceLock<HashMap<String, String>> = OnceLock::new();
    HASHES.get_or_init(|| {
        Assets::iter()
            .filter_map(|path| {
                let file = Assets::get(&path)?;
                let hash: String = file
                    .metadata
                    .sha256_hash()
                    .iter()
                    .take(6)
                    .map(|b| format!("{b:02x}"))
                    .collect();
                Some((path.into_owned(), hash))
            })
            .collect()
    })
}

/// The URL of an embedded asset, e.g. `asset_url("app.css")` -> `/assets/3fa2c1d09e4b/app.css`.
pub fn asset_url(path: &str) -> String {
    match hashes().get(path) {
        Some(hash) => format!("/assets/{hash}/{path}"),
        None => format!("/assets/missing/{path}"),
    }
}

pub async fn serve((hash, path): (String, String)) -> Response {
    let Some(file) = Assets::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let current = hashes().get(&path).map(String::as_str).unwrap_or_default();
    let cache = if hash == current {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mime = match path.rsplit('.').next() {
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        file.data.into_owned(),
    )
        .into_response()
}

pub async fn get(Path((hash, path)): Path<(String, String)>) -> Response {
    serve((hash, path)).await
}

#[cfg(test)]
mod tests {
    use super::Assets;

    /// A stylesheet with a brace left open (a merge that dropped one) silently turns every rule
    /// after it into nonsense for the browser; no page test would see the layout go.
    #[test]
    fn every_stylesheet_closes_what_it_opens_and_holds_no_merge_markers() {
        for path in Assets::iter().filter(|p| p.ends_with(".css")) {
            let file = Assets::get(&path).expect("listed");
            let text = String::from_utf8_lossy(&file.data);
            let mut depth = 0i64;
            let mut in_comment = false;
            let chars: Vec<char> = text.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                match (in_comment, chars[i], chars.get(i + 1)) {
                    (false, '/', Some('*')) => {
                        in_comment = true;
                        i += 1;
                    }
                    (true, '*', Some('/')) => {
                        in_comment = false;
                        i += 1;
                    }
                    (false, '{', _) => depth += 1,
                    (false, '}', _) => {
                        depth -= 1;
                        assert!(depth >= 0, "{path}: a `}}` closes nothing");
                    }
                    _ => {}
                }
                i += 1;
            }
            assert_eq!(depth, 0, "{path}: {depth} block(s) left open");
            assert!(!in_comment, "{path}: a comment left open");
            for marker in ["<<<<<<<", ">>>>>>>", "\n=======\n"] {
                assert!(!text.contains(marker), "{path}: a merge marker");
            }
        }
    }
}
