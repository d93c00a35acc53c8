//! Creating accounts outside the API: the first administrator of a fresh install, and
//! the demo data.

use chrono::Utc;
use ecab_core::Role;
use sqlx::SqlitePool;
use uuid::Uuid;

use crate::auth::{hash_password, validate_password};

pub struct NewUser<'a> {
    pub username: &'a str,
    pub full_name: &'a str,
    pub role: Role,
    pub title: &'a str,
    pub unit_id: Option<Uuid>,
}

pub async fn add(db: &SqlitePool, u: NewUser<'_>, password: &str) -> anyhow::Result<Uuid> {
    validate_password(password)?;
    let hash = hash_password(password.to_owned()).await?;
    insert_hashed(db, u, &hash).await
}

/// Insert with an already computed hash (the demo hashes its one password once).
pub async fn insert_hashed(db: &SqlitePool, u: NewUser<'_>, hash: &str) -> anyhow::Result<Uuid> {
    let id = Uuid::now_v7();
    sqlx::query("INSERT INTO users (id, username, full_name, role, title, unit_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(id)
        .bind(u.username)
        .bind(u.full_name)
        .bind(u.role.as_str())
        .bind(u.title)
        .bind(u.unit_id)
        .bind(hash)
        .bind(Utc::now())
        .execute(db)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => anyhow::anyhow!("the username {} is taken", u.username),
            _ => e.into(),
        })?;
    Ok(id)
}
