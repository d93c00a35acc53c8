//! Passwords (argon2id), bearer tokens (random, stored as SHA-256), sign-in back-off,
//! and the `AuthUser` extractor every protected handler takes.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use base64::Engine;
use chrono::{DateTime, Utc};
use ecab_core::{Actor, Role};
use ecab_protocol::ErrorCode;
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// Failed sign-ins allowed before the account backs off.
pub const FREE_ATTEMPTS: i64 = 5;
const CACHE_TTL: Duration = Duration::from_secs(30);

/// The signed-in caller.
#[derive(Clone, Debug)]
pub struct AuthUser {
    pub id: Uuid,
    pub role: Role,
    pub token_hash: [u8; 32],
}

impl AuthUser {
    pub fn actor(&self) -> Actor {
        Actor { role: self.role }
    }
}

pub async fn hash_password(password: String) -> AppResult<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

pub async fn verify_password(password: String, phc: String) -> AppResult<bool> {
    tokio::task::spawn_blocking(move || {
        let Ok(parsed) = PasswordHash::new(&phc) else { return false };
        Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
    })
    .await
    .map_err(AppError::internal)
}

pub fn validate_password(password: &str) -> AppResult<()> {
    if password.chars().count() < 10 {
        return Err(AppError::invalid("password", "a password needs at least 10 characters"));
    }
    Ok(())
}

/// How long an account waits after `failures` consecutive failed sign-ins.
pub fn backoff(failures: i64) -> Option<chrono::Duration> {
    (failures >= FREE_ATTEMPTS).then(|| {
        let step = (failures - FREE_ATTEMPTS).min(5) as u32;
        chrono::Duration::seconds(30 * 2_i64.pow(step))
    })
}

/// A new opaque token and the hash that is stored.
pub fn new_token() -> (String, [u8; 32]) {
    let mut raw = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// A short-lived cache of token → user so that downloads do not hit the database per
/// request. Logout and account changes evict entries.
#[derive(Default)]
pub struct SessionCache {
    entries: Mutex<HashMap<[u8; 32], (AuthUser, DateTime<Utc>, Instant)>>,
}

impl SessionCache {
    fn get(&self, hash: &[u8; 32]) -> Option<(AuthUser, DateTime<Utc>)> {
        let entries = self.entries.lock().ok()?;
        let (user, expires, cached) = entries.get(hash)?;
        (cached.elapsed() < CACHE_TTL).then(|| (user.clone(), *expires))
    }

    fn put(&self, user: AuthUser, expires: DateTime<Utc>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() > 10_000 {
                entries.retain(|_, (_, _, cached)| cached.elapsed() < CACHE_TTL);
            }
            entries.insert(user.token_hash, (user, expires, Instant::now()));
        }
    }

    pub fn evict_token(&self, hash: &[u8; 32]) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(hash);
        }
    }

    pub fn evict_user(&self, user: Uuid) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.retain(|_, (u, _, _)| u.id != user);
        }
    }
}

/// Resolve a bearer token to the caller.
pub async fn authenticate(state: &AppState, parts: &Parts) -> AppResult<AuthUser> {
    let header = parts
        .headers
        .get(AUTHORIZATION)
        .ok_or_else(|| AppError::unauthenticated("sign in first: no Authorization header"))?;
    let token = header
        .to_str()
        .ok()
        .and_then(|h| h.strip_prefix("Bearer "))
        .ok_or_else(|| AppError::unauthenticated("expected `Authorization: Bearer <token>`"))?;
    let hash = token_hash(token.trim());
    let now = Utc::now();
    let (user, expires) = match state.sessions.get(&hash) {
        Some(hit) => hit,
        None => {
            let row: Option<(Uuid, String, DateTime<Utc>, bool)> = sqlx::query_as(
                "SELECT u.id, u.role, s.expires_at, u.active FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.token_hash = ?",
            )
            .bind(&hash[..])
            .fetch_optional(&state.db)
            .await?;
            let (id, role, expires, active) =
                row.ok_or_else(|| AppError::unauthenticated("the token is not valid: sign in again"))?;
            if !active {
                return Err(AppError::unauthenticated("this account is disabled"));
            }
            let role = Role::parse(&role).ok_or_else(|| AppError::internal("unknown role in store"))?;
            let user = AuthUser { id, role, token_hash: hash };
            state.sessions.put(user.clone(), expires);
            (user, expires)
        }
    };
    if expires <= now {
        return Err(AppError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::TokenExpired,
            "the session has expired: sign in again",
        ));
    }
    Ok(user)
}

impl FromRequestParts<AppState> for AuthUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<AuthUser>() {
            return Ok(user.clone());
        }
        let user = authenticate(state, parts).await?;
        parts.extensions.insert(user.clone());
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_starts_after_the_free_attempts_and_is_capped() {
        assert_eq!(backoff(FREE_ATTEMPTS - 1), None);
        assert_eq!(backoff(FREE_ATTEMPTS), Some(chrono::Duration::seconds(30)));
        assert_eq!(backoff(FREE_ATTEMPTS + 1), Some(chrono::Duration::seconds(60)));
        assert_eq!(backoff(FREE_ATTEMPTS + 50), Some(chrono::Duration::seconds(960)));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), ha);
        assert!(a.len() >= 43);
    }
}
