//! Downloading document content by its SHA-256, with HTTP Range (resume on 3G/4G) and
//! ETag, only for callers who may read a document that has this content.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ecab_core::Confidentiality;
use ecab_core::access::can_view_document;
use ecab_protocol::{ApiError, ErrorCode};
use tower::ServiceExt;
use tower_http::services::ServeFile;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::extract::ApiPath;
use crate::auth::AuthUser;
use crate::blobs::BlobStore;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store::{self, word};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(download))
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

/// The bytes of a document version. Supports `Range`, `If-None-Match` and `HEAD`.
#[utoipa::path(get, path = "/api/v1/blobs/{sha256}", tag = "documents",
    responses((status = 200, description = "the PDF", content_type = "application/pdf"), (status = 206, description = "part of it"),
              (status = 304), (status = 404, body = ApiError), (status = 416, body = ApiError)))]
async fn download(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(sha256): ApiPath<String>,
    req: Request,
) -> AppResult<Response> {
    if !BlobStore::is_valid_name(&sha256) || !may_read(&state, &sha256, &user).await? {
        return Err(AppError::not_found("document content"));
    }
    let etag = HeaderValue::from_str(&format!("\"{sha256}\"")).map_err(AppError::internal)?;
    let cache = HeaderValue::from_static("private, max-age=31536000, immutable");
    let not_modified = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag.to_str().unwrap_or_default() || t.trim() == "*"));
    if not_modified {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        res.headers_mut().insert(header::ETAG, etag);
        res.headers_mut().insert(header::CACHE_CONTROL, cache);
        return Ok(res);
    }
    let served = ServeFile::new(state.blobs.path(&sha256)).oneshot(req).await.map_err(AppError::internal)?;
    let (mut parts, body) = served.into_parts();
    match parts.status {
        StatusCode::RANGE_NOT_SATISFIABLE => {
            let size = parts.headers.get(header::CONTENT_RANGE).cloned();
            let mut res = AppError::new(
                StatusCode::RANGE_NOT_SATISFIABLE,
                ErrorCode::RangeNotSatisfiable,
                "the requested range is outside the file",
            )
            .into_response();
            if let Some(size) = size {
                res.headers_mut().insert(header::CONTENT_RANGE, size);
            }
            Ok(res)
        }
        StatusCode::NOT_FOUND => Err(AppError::internal(format!("blob {sha256} is recorded but missing on disk"))),
        _ => {
            parts.headers.insert(header::ETAG, etag);
            parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
            parts.headers.insert(header::CACHE_CONTROL, cache);
            Ok(Response::from_parts(parts, Body::new(body)))
        }
    }
}
