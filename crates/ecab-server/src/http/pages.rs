//! Page images for readers without a local renderer (the browser ui, phones), and each
//! page's text layer (for selecting text): made by the pdfium workers, cached on disk,
//! served under the same permissions as the document. Pages of confidential documents carry the reader's name as a watermark (unless
//! the server is configured otherwise), so they are cached and tagged per watermark text.

use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ecab_pdf::ImageFormat;
use ecab_protocol::document::{Document, PageText};
use ecab_protocol::ops;
use ecab_protocol::query::{PAGE_DEFAULT_WIDTH, PageQuery, page_width};
use ecab_protocol::{Confidentiality, ErrorCode};
use sha2::{Digest, Sha256};
use tower_http::compression::CompressionLayer;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::documents::readable;
use super::extract::{ApiPath, ApiQuery};
use super::op::OpRouter;
use crate::auth::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::upload::pdf_error;

pub fn router() -> OpenApiRouter<AppState> {
    // The text layer is JSON of ~100 KB a page that gzips to a seventh: compressed for 3G.
    let text = OpenApiRouter::new().op(ops::PageText, text).layer(CompressionLayer::new());
    OpenApiRouter::new().op(ops::PageImage, page).merge(text)
}

/// The document, if the caller may read it and it has page `n`.
async fn page_of(state: &AppState, user: &AuthUser, id: Uuid, n: u32) -> AppResult<Document> {
    let doc = {
        let mut conn = state.db.acquire().await?;
        readable(&mut conn, id, user).await?.0
    };
    if n >= doc.current.page_count {
        return Err(AppError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            format!("page {n} does not exist: the document has {} pages (counted from 0)", doc.current.page_count),
        ));
    }
    Ok(doc)
}

/// Page `n` (0-based) of the current version of a document, as a compact image: a palette
/// PNG for text, JPEG for pictures (see `ecab_pdf::PdfPool::render_compact`).
async fn page(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, n)): ApiPath<(Uuid, u32)>,
    ApiQuery(q): ApiQuery<PageQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let doc = page_of(&state, &user, id, n).await?;
    let width = page_width(q.width.unwrap_or(PAGE_DEFAULT_WIDTH));
    let watermark = if doc.confidentiality == Confidentiality::Confidential && state.config.watermark_confidential {
        Some(reader_name(&state, &user).await?)
    } else {
        None
    };
    let sha = &doc.current.sha256;
    let key = match &watermark {
        Some(text) => format!("{sha}-{n}-{width}-{}", watermark_key(text)),
        None => format!("{sha}-{n}-{width}"),
    };
    let etag = HeaderValue::from_str(&format!("\"{key}\"")).map_err(AppError::internal)?;
    if headers.get(header::IF_NONE_MATCH) == Some(&etag) {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    let cached = state.config.data_dir.join("cache/pages").join(&sha[..2]).join(format!("{key}.img"));
    let bytes = match tokio::fs::read(&cached).await {
        Ok(bytes) if content_type(&bytes).is_some() => bytes,
        _ => {
            let blob = state.blobs.path(sha);
            let rendered = state.pdf.render_compact(&blob, n, width, watermark.as_deref()).await;
            let image = rendered.map_err(pdf_error)?;
            store(&cached, &image.bytes).await;
            image.bytes
        }
    };
    let kind = content_type(&bytes).ok_or_else(|| AppError::internal("a rendered page is neither PNG nor JPEG"))?;
    let mut res = Response::new(Body::from(bytes));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(header::ETAG, etag);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=31536000, immutable"));
    Ok(res)
}

/// The content type of a cached page, from its first bytes.
fn content_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG") {
        Some(ImageFormat::Png.content_type())
    } else if bytes.starts_with(&[0xFF, 0xD8]) {
        Some(ImageFormat::Jpeg.content_type())
    } else {
        None
    }
}

/// The text layer of page `n`: the words and their boxes, cached on disk per version.
async fn text(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((id, n)): ApiPath<(Uuid, u32)>,
) -> AppResult<Json<PageText>> {
    let doc = page_of(&state, &user, id, n).await?;
    let sha = doc.current.sha256;
    Ok(Json(text_layer(&state, &sha, &state.blobs.path(&sha), n).await?))
}

/// The text layer of page `n` of the version `sha`, whose file is at `path` (in the blob
/// store, or an upload not yet moved there), cached on disk per version.
pub async fn text_layer(state: &AppState, sha: &str, path: &std::path::Path, n: u32) -> AppResult<PageText> {
    let cached = state.config.data_dir.join("cache/text").join(&sha[..2]).join(format!("{sha}-{n}.json"));
    if let Ok(bytes) = tokio::fs::read(&cached).await
        && let Ok(text) = serde_json::from_slice::<PageText>(&bytes)
    {
        return Ok(text);
    }
    let found = state.pdf.page_text(path, n).await.map_err(pdf_error)?;
    let text = PageText {
        sha256: sha.to_owned(),
        page: n,
        width_pt: found.width_pt,
        height_pt: found.height_pt,
        words: found.words,
    };
    store(&cached, &serde_json::to_vec(&text).map_err(AppError::internal)?).await;
    Ok(text)
}

/// The name a confidential page is marked with: the reader's full name, else their username.
async fn reader_name(state: &AppState, user: &AuthUser) -> AppResult<String> {
    let (full_name, username): (String, String) =
        sqlx::query_as("SELECT full_name, username FROM users WHERE id = ?").bind(user.id).fetch_one(&state.db).await?;
    ecab_pdf::watermark_text(&full_name)
        .or_else(|| ecab_pdf::watermark_text(&username))
        .ok_or_else(|| AppError::internal("a user has neither a name nor a username to watermark with"))
}

/// The part of a cache file name and ETag that tells watermarks apart: a digest of the text,
/// so names never appear in file names and one reader's pages are never another's.
fn watermark_key(text: &str) -> String {
    format!("wm{}", hex::encode(&Sha256::digest(text.as_bytes())[..16]))
}

/// Keep a rendered page; a failure only costs a later re-render.
async fn store(path: &std::path::Path, bytes: &[u8]) {
    let tmp = path.with_extension(format!("{}.tmp", Uuid::new_v4()));
    let write = async {
        if let Some(dir) = path.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, path).await
    };
    if let Err(e) = write.await {
        tracing::warn!(error = %e, "could not cache a rendered page");
        let _ = tokio::fs::remove_file(&tmp).await;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn watermark_keys_differ_per_text() {
        let a = super::watermark_key("Nguyễn Văn A");
        assert_eq!(a, super::watermark_key("Nguyễn Văn A"));
        assert_ne!(a, super::watermark_key("Nguyen Van A"));
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()), "{a}");
    }
}
