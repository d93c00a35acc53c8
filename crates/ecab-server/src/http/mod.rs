//! The HTTP API: one router per resource, merged here with the OpenAPI description.

pub mod agenda;
pub mod annotations;
pub mod attachment;
pub mod attendance;
pub mod audit;
pub mod blobs;
pub mod copy;
pub mod directory;
pub mod documents;
pub mod extract;
pub mod invitees;
pub mod live;
pub mod meetings;
pub mod notifications;
mod op;
pub mod pages;
pub mod polls;
pub mod questions;
pub mod reads;
pub mod session;
pub mod sync;
pub mod web;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{Method, StatusCode};
use axum::routing::get;
use axum::{Json, Router, middleware};
use ecab_protocol::ErrorCode;
use ecab_protocol::ops;
use ecab_protocol::query::Health;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use self::op::OpRouter;
use crate::error::AppError;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "eCabinet API", description = "Phòng họp không giấy – the central server's API. Errors are `ApiError` with a stable `code`."),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        if let Some(c) = openapi.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
        openapi.security =
            Some(vec![utoipa::openapi::security::SecurityRequirement::new("bearer", Vec::<String>::new())]);
    }
}

/// Liveness and the database behind it.
async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    sqlx::query("SELECT 1").execute(&state.db).await.map_err(|_| {
        AppError::new(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable, "the database is unavailable")
    })?;
    Ok(Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}

fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .op(ops::Health, health)
        .merge(session::router())
        .merge(directory::router())
        .merge(meetings::router())
        .merge(agenda::router())
        .merge(invitees::router())
        .merge(copy::router())
        .merge(sync::router())
        .merge(blobs::router())
        .merge(audit::router())
        .merge(polls::router())
        .merge(notifications::router())
        .merge(pages::router())
        .merge(questions::router())
        .merge(attendance::router())
        .merge(annotations::router())
        .merge(reads::router())
}

/// The whole application. Tests call this in-process against a real store.
pub fn app(state: AppState) -> Router {
    let (api, _) = api().split_for_parts();
    let openapi = openapi();
    let upload_limit = state.config.max_upload_bytes().saturating_add(1024 * 1024) as usize;
    let (uploads, _) = OpenApiRouter::new().merge(documents::router()).split_for_parts();
    Router::new()
        .merge(api.layer(DefaultBodyLimit::max(256 * 1024)))
        .merge(uploads.layer(DefaultBodyLimit::max(upload_limit)).layer(middleware::map_response(close_on_refusal)))
        .route("/api/openapi.json", get(move || async move { Json(openapi.clone()) }))
        .route(ecab_protocol::LIVE_PATH, get(live::socket))
        .fallback(web::fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(state.clone(), crate::idempotency::layer))
        .layer(middleware::from_fn_with_state(state.clone(), live::after_writes))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The OpenAPI document, including the upload routes.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, mut doc) = api().split_for_parts();
    let (_, uploads) = OpenApiRouter::<AppState>::new().merge(documents::router()).split_for_parts();
    doc.merge(uploads);
    doc
}

/// An upload refused before its body was read (no access, too large) closes the connection:
/// the rest of the body is still on its way, so the connection cannot carry another request,
/// and a client that reused it would see its next request fail as if offline.
async fn close_on_refusal(mut res: axum::response::Response) -> axum::response::Response {
    if !res.status().is_success() {
        res.headers_mut().insert(axum::http::header::CONNECTION, axum::http::HeaderValue::from_static("close"));
    }
    res
}

pub(crate) async fn not_found() -> AppError {
    AppError::not_found("route")
}

async fn method_not_allowed(method: Method) -> AppError {
    AppError::new(StatusCode::METHOD_NOT_ALLOWED, ErrorCode::BadRequest, format!("method {method} is not allowed here"))
}
