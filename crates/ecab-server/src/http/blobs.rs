//! Downloading document content by its SHA-256, with HTTP Range (resume on 3G/4G) and
//! ETag, only for callers who may read a document that has this content.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use ecab_core::Confidentiality;
use ecab_core::access::can_view_document;
use ecab_protocol::ErrorCode;
use ecab_protocol::ops;
use tower::ServiceExt;
use tower_http::services::ServeFile;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::extract::ApiPath;
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::blobs::BlobStore;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{self, word};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().op(ops::Blob, download)
}

/// Whether the caller may read some live document whose versions include this blob.
pub async fn may_read(state: &AppState, sha256: &str, user: &AuthUser) -> AppResult<bool> {
    let mut conn = state.db.acquire().await?;
    let rows: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT DISTINCT d.meeting_id, d.confidentiality FROM document_versions v JOIN documents d ON d.id = v.document_id
         WHERE v.sha256 = ? AND d.revoked = 0",
    )
    .bind(sha256)
    .fetch_all(&mut *conn)
    .await?;
    for (meeting_id, confidentiality) in rows {
        let Some(m) = store::meetings::meeting(&mut conn, meeting_id).await? else { continue };
        let rel = store::meetings::relation(&mut conn, &m, user).await?;
        let c = word(&confidentiality, Confidentiality::parse)?;
        if can_view_document(user.actor(), rel, m.status, c).is_ok() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The bytes of a document version. Supports `Range` (one range), `If-Range`,
/// `If-None-Match` and `HEAD`.
async fn download(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(sha256): ApiPath<String>,
    req: Request,
) -> AppResult<Response> {
    if !BlobStore::is_valid_name(&sha256) {
        return Err(AppError::not_found("document content"));
    }
    if !state.access.allows(user.id, &sha256) {
        if !may_read(&state, &sha256, &user).await? {
            return Err(AppError::not_found("document content"));
        }
        state.access.remember(user.id, &sha256);
    }
    let etag = format!("\"{sha256}\"");
    let headers = req.headers();
    let matches = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .map(|v| v.split(',').any(|t| t.trim() == etag || t.trim() == "*"))
    };
    if matches(header::IF_NONE_MATCH) == Some(true) {
        return Ok((StatusCode::NOT_MODIFIED, common_headers(&etag)?).into_response());
    }
    // A range applies only if the client's copy is this very content.
    let range = match (headers.get(header::RANGE), matches(header::IF_RANGE)) {
        (Some(r), None | Some(true)) => Some(r.to_str().unwrap_or_default().to_owned()),
        _ => None,
    };
    let bytes = match state.blob_cache.get(&sha256) {
        Some(b) => b,
        None => {
            let path = state.blobs.path(&sha256);
            let size = tokio::fs::metadata(&path).await.map_err(|e| missing(&sha256, e))?.len();
            if !state.blob_cache.fits(size) {
                return serve_file(req, &path, &etag).await;
            }
            let b = Bytes::from(tokio::fs::read(&path).await.map_err(|e| missing(&sha256, e))?);
            state.blob_cache.put(&sha256, b.clone());
            b
        }
    };
    let size = bytes.len() as u64;
    let mut res = match range {
        None => Response::new(Body::from(bytes)),
        Some(r) => {
            let valid = http_range_header::parse_range_header(&r).ok().map(|p| p.validate(size));
            match valid {
                Some(Ok(ranges)) if ranges.len() == 1 => {
                    let (start, end) = (*ranges[0].start(), *ranges[0].end());
                    let mut res = Response::new(Body::from(bytes.slice(start as usize..=end as usize)));
                    *res.status_mut() = StatusCode::PARTIAL_CONTENT;
                    let cr =
                        HeaderValue::from_str(&format!("bytes {start}-{end}/{size}")).map_err(AppError::internal)?;
                    res.headers_mut().insert(header::CONTENT_RANGE, cr);
                    res
                }
                Some(Err(_)) => return Ok(unsatisfiable(size)),
                // Several ranges or a malformed header: the whole file, as HTTP allows.
                _ => Response::new(Body::from(bytes)),
            }
        }
    };
    res.headers_mut().extend(common_headers(&etag)?);
    res.headers_mut().insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    Ok(res)
}

fn common_headers(etag: &str) -> AppResult<HeaderMap> {
    let mut h = HeaderMap::new();
    h.insert(header::ETAG, HeaderValue::from_str(etag).map_err(AppError::internal)?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=31536000, immutable"));
    Ok(h)
}

fn missing(sha256: &str, e: std::io::Error) -> AppError {
    AppError::internal(format!("blob {sha256} is recorded but unreadable: {e}"))
}

fn unsatisfiable(size: u64) -> Response {
    let mut res = AppError::new(
        StatusCode::RANGE_NOT_SATISFIABLE,
        ErrorCode::RangeNotSatisfiable,
        "the requested range is outside the file",
    )
    .into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
        res.headers_mut().insert(header::CONTENT_RANGE, v);
    }
    res
}

/// Files too large for the memory cache are streamed from disk.
async fn serve_file(req: Request, path: &std::path::Path, etag: &str) -> AppResult<Response> {
    let served = ServeFile::new(path).oneshot(req).await.map_err(AppError::internal)?;
    let (mut parts, body) = served.into_parts();
    if parts.status == StatusCode::RANGE_NOT_SATISFIABLE {
        let size = tokio::fs::metadata(path).await.map(|m| m.len()).unwrap_or(0);
        return Ok(unsatisfiable(size));
    }
    parts.headers.extend(common_headers(etag)?);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    Ok(Response::from_parts(parts, Body::new(body)))
}
