//! The web ui for browsers (bridge points, phones): the built Yew app served from a
//! folder, with every unknown non-API path answered by `index.html` so the app's own
//! routes work on reload. Unknown API paths stay JSON errors.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::state::AppState;

pub async fn fallback(State(state): State<AppState>, req: Request) -> Response {
    let Some(dir) = state.config.ui_dir.as_deref() else { return super::not_found().await.into_response() };
    if req.uri().path().starts_with("/api/") {
        return super::not_found().await.into_response();
    }
    let files = ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")));
    let mut res = match files.oneshot(req).await {
        Ok(res) => res.into_response(),
        Err(e) => return crate::error::AppError::internal(e).into_response(),
    };
    let h = res.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    res
}
