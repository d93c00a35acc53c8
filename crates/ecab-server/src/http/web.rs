//! The web ui for browsers (bridge points, phones): the built Yew app served from a
//! folder, with every unknown non-API path answered by `index.html` so the app's own
//! routes work on reload. Unknown API paths stay JSON errors.
//!
//! Pages carry a strict Content-Security-Policy whose only inline script allowed is the
//! loader in `index.html`, by hash. Files whose names carry a content hash (the wasm, its
//! JS glue, the stylesheet) are cached for a year; `index.html` is revalidated every time,
//! so a new build reaches users at their next load. A `.gz` twin beside a file (written by
//! the ui build) is sent to browsers that accept gzip: on 3G the wasm is most of the wait.

use std::path::Path;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::state::AppState;

pub async fn fallback(State(state): State<AppState>, req: Request) -> Response {
    let Some(dir) = state.config.ui_dir.as_deref() else { return super::not_found().await.into_response() };
    if req.uri().path().starts_with("/api/") {
        return super::not_found().await.into_response();
    }
    let immutable = has_content_hash(req.uri().path());
    let files =
        ServeDir::new(dir).precompressed_gzip().fallback(ServeFile::new(dir.join("index.html")).precompressed_gzip());
    let mut res = match files.oneshot(req).await {
        Ok(res) => res.into_response(),
        Err(e) => return crate::error::AppError::internal(e).into_response(),
    };
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let csp = if is_html { Some(content_security_policy(dir).await) } else { None };
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    let cache = if immutable && !is_html { "public, max-age=31536000, immutable" } else { "no-cache" };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Some(csp) = csp.and_then(|c| HeaderValue::from_str(&c).ok()) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    res
}

/// The policy for the ui's pages: own origin only, wasm allowed, and the inline loader
/// scripts of the current `index.html` allowed by their SHA-256.
async fn content_security_policy(dir: &Path) -> String {
    let index = tokio::fs::read_to_string(dir.join("index.html")).await.unwrap_or_default();
    let hashes: String = inline_scripts(&index)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' blob: data:; connect-src 'self'; font-src 'self'; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The bodies of `<script>` elements without a `src`, exactly as the browser hashes them.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (attributes, body) = rest.split_once('>')?;
        let (body, _) = body.split_once("</script>")?;
        (!attributes.contains("src=")).then_some(body)
    })
}

/// Build outputs named like `ecab-ui-eea05322cab46326_bg.wasm`: a 16-hex-digit content hash.
fn has_content_hash(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default().trim_end_matches("_bg");
    stem.rsplit_once('-').is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_found_and_external_ones_skipped() {
        let html = "<script src=\"/a.js\"></script><script type=\"module\">\nimport x;\n</script><p>";
        assert_eq!(inline_scripts(html).collect::<Vec<_>>(), ["\nimport x;\n"]);
    }

    #[test]
    fn hashed_file_names_are_recognised() {
        assert!(has_content_hash("/ecab-ui-eea05322cab46326_bg.wasm"));
        assert!(has_content_hash("/styles-24c763d856305370.css"));
        assert!(!has_content_hash("/index.html"));
        assert!(!has_content_hash("/meetings/0190f0f0-0000-7000-8000-000000000000"));
    }
}
