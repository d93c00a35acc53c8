//! Sign-in, sessions and user accounts.

use chrono::{DateTime, Utc};
use ecab_core::Role;
use uuid::Uuid;

crate::wire! {
    pub struct LoginRequest {
        pub username: String,
        pub password: String,
        /// A label for the session, e.g. "Laptop – Sở Tài chính".
        #[serde(default)]
        pub device: Option<String>,
    }

    pub struct LoginResponse {
        /// Opaque bearer token: send as `Authorization: Bearer <token>`.
        pub token: String,
        pub expires_at: DateTime<Utc>,
        pub user: User,
    }

    pub struct ChangePasswordRequest {
        pub current_password: String,
        pub new_password: String,
    }

    pub struct User {
        pub id: Uuid,
        pub username: String,
        pub full_name: String,
        pub role: Role,
        /// Chức vụ, e.g. "Giám đốc Sở Tài chính".
        pub title: String,
        pub unit_id: Option<Uuid>,
        pub active: bool,
    }

    pub struct CreateUser {
        /// Client-made id; a retry with the same id and data changes nothing.
        #[serde(default)]
        pub id: Option<Uuid>,
        pub username: String,
        pub full_name: String,
        pub role: Role,
        #[serde(default)]
        pub title: String,
        #[serde(default)]
        pub unit_id: Option<Uuid>,
        pub password: String,
    }

    pub struct UpdateUser {
        #[serde(default)]
        pub full_name: Option<String>,
        #[serde(default)]
        pub role: Option<Role>,
        #[serde(default)]
        pub title: Option<String>,
        #[serde(default)]
        pub unit_id: Option<Uuid>,
        #[serde(default)]
        pub active: Option<bool>,
        /// Sets a new password and ends the user's sessions.
        #[serde(default)]
        pub password: Option<String>,
    }
}
