//! Sign-in, sign-out, the caller's own account.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use ecab_protocol::ErrorCode;
use ecab_protocol::auth::{ChangePasswordRequest, LoginRequest, LoginResponse, User};
use ecab_protocol::ops;
use serde_json::json;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::directory::load_user;
use super::extract::{ApiJson, Origin};
use super::op::OpRouter;
use crate::auth::{AuthUser, backoff, hash_password, new_token, validate_password, verify_password};
use crate::db;
use crate::error::{AppError, AppResult};
use crate::journal::audit;
use crate::state::AppState;
use crate::store::write::{Audit, Write};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .op(ops::Login, login)
        .op(ops::Logout, logout)
        .op(ops::Me, me)
        .op(ops::ChangePassword, change_password)
}

/// A hash to verify against when the user does not exist, so both cases take as long.
static DUMMY_HASH: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();

/// Sign in with a username and password.
async fn login(
    State(state): State<AppState>,
    origin: Origin,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Json<LoginResponse>> {
    let row: Option<(Uuid, String, bool, i64, Option<chrono::DateTime<Utc>>)> =
        sqlx::query_as("SELECT id, password_hash, active, failed_logins, locked_until FROM users WHERE username = ?")
            .bind(req.username.trim())
            .fetch_optional(&state.db)
            .await?;
    let now = Utc::now();
    let Some((id, phc, active, failures, locked_until)) = row else {
        let dummy = DUMMY_HASH.get_or_try_init(|| hash_password("not-a-password".into())).await?;
        let _ = verify_password(req.password, dummy.clone()).await;
        return Err(invalid_credentials());
    };
    if let Some(until) = locked_until.filter(|u| *u > now) {
        let wait = (until - now).num_seconds().max(1) as u64;
        return Err(AppError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::AccountLocked,
            format!("too many failed sign-ins: try again in {wait} s"),
        )
        .retry_after(wait));
    }
    if !verify_password(req.password, phc).await? || !active {
        let failures = failures + 1;
        let until = backoff(failures).map(|d| now + d);
        let mut tx = db::write(&state.db).await?;
        sqlx::query("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?")
            .bind(failures)
            .bind(until)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        audit(&mut tx, None, &origin, "login_failed", "user", Some(id), json!({ "failures": failures })).await?;
        tx.commit().await?;
        return Err(invalid_credentials());
    }
    let (token, hash) = new_token();
    let expires_at = now + chrono::Duration::hours(state.config.session_hours);
    let mut tx = db::write(&state.db).await?;
    sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO sessions (token_hash, user_id, device, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
        .bind(&hash[..])
        .bind(id)
        .bind(req.device.as_deref())
        .bind(now)
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
    let user = load_user(&mut tx, id).await?.ok_or_else(|| AppError::internal("user vanished"))?;
    let actor = AuthUser { id, role: user.role, token_hash: hash };
    audit(&mut tx, Some(&actor), &origin, "login", "user", Some(id), json!({ "device": req.device })).await?;
    tx.commit().await?;
    Ok(Json(LoginResponse { token, expires_at, user }))
}

fn invalid_credentials() -> AppError {
    AppError::new(StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials, "wrong username or password")
}

/// End this session: the token stops working at once.
async fn logout(State(state): State<AppState>, origin: Origin, user: AuthUser) -> AppResult<StatusCode> {
    let mut tx = Write::begin(&state, &user, &origin).await?;
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?").bind(&user.token_hash[..]).execute(&mut *tx).await?;
    tx.commit(Audit { action: "logout", entity: "user", id: Some(user.id), detail: json!({}) }).await?;
    state.sessions.evict_token(&user.token_hash);
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in user.
async fn me(State(state): State<AppState>, user: AuthUser) -> AppResult<Json<User>> {
    let mut conn = state.db.acquire().await?;
    load_user(&mut conn, user.id).await?.map(Json).ok_or_else(|| AppError::unauthenticated("account removed"))
}

/// Change one's own password; every other session of the account ends.
async fn change_password(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiJson(req): ApiJson<ChangePasswordRequest>,
) -> AppResult<StatusCode> {
    validate_password(&req.new_password)?;
    let phc: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?").bind(user.id).fetch_one(&state.db).await?;
    if !verify_password(req.current_password, phc).await? {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::InvalidCredentials,
            "the current password is wrong",
        ));
    }
    let new_hash = hash_password(req.new_password).await?;
    let mut tx = Write::begin(&state, &user, &origin).await?;
    sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(new_hash)
        .bind(user.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?")
        .bind(user.id)
        .bind(&user.token_hash[..])
        .execute(&mut *tx)
        .await?;
    tx.commit(Audit { action: "change_password", entity: "user", id: Some(user.id), detail: json!({}) }).await?;
    state.sessions.evict_user(user.id);
    Ok(StatusCode::NO_CONTENT)
}
