//! Users, units and bridge points. Everyone signed in may read the directory (names,
//! titles, units); only administrators change it.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use ecab_core::access::{Audience, can_manage_directory};
use ecab_core::rules::{self, Field};
use ecab_core::{Role, UnitKind};
use ecab_protocol::auth::{CreateUser, UpdateUser, User};
use ecab_protocol::directory::{BridgePoint, CreateBridgePoint, CreateUnit, Unit, UpdateBridgePoint, UpdateUnit};
use ecab_protocol::ops;
use ecab_protocol::sync::{ChangeOp, Entity};
use serde_json::json;
use sqlx::SqliteConnection;
use utoipa_axum::router::OpenApiRouter;
use uuid::Uuid;

use super::extract::{ApiJson, ApiPath, Origin};
use super::op::OpRouter;
use crate::auth::{AuthUser, hash_password, validate_password};
use crate::error::{AppError, AppResult};
use crate::journal::{NewChange, change};
use crate::state::AppState;
use crate::store::word;
use crate::store::write::{Audit, Write};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .op(ops::ListUsers, list_users)
        .op(ops::CreateUser, create_user)
        .op(ops::UpdateUser, update_user)
        .op(ops::ListUnits, list_units)
        .op(ops::CreateUnit, create_unit)
        .op(ops::UpdateUnit, update_unit)
        .op(ops::ListBridgePoints, list_bridge_points)
        .op(ops::CreateBridgePoint, create_bridge_point)
        .op(ops::UpdateBridgePoint, update_bridge_point)
}

type UserRow = (Uuid, String, String, String, String, Option<Uuid>, bool);
const USER_COLUMNS: &str = "id, username, full_name, role, title, unit_id, active";

fn user_from(r: UserRow) -> AppResult<User> {
    Ok(User {
        id: r.0,
        username: r.1,
        full_name: r.2,
        role: word(&r.3, Role::parse)?,
        title: r.4,
        unit_id: r.5,
        active: r.6,
    })
}

pub async fn load_user(db: &mut SqliteConnection, id: Uuid) -> AppResult<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?");
    let row: Option<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(db).await?;
    row.map(user_from).transpose()
}

fn require_admin(user: &AuthUser) -> AppResult<()> {
    if can_manage_directory(user.actor()) {
        Ok(())
    } else {
        Err(AppError::forbidden("only administrators manage the directory"))
    }
}

fn required(field: Field, value: &str) -> AppResult<String> {
    Ok(rules::required(field, value)?.to_owned())
}

async fn directory_change<T: serde::Serialize>(
    db: &mut SqliteConnection,
    entity: Entity,
    id: Uuid,
    data: &T,
) -> AppResult<i64> {
    change(
        db,
        NewChange {
            meeting_id: None,
            audience: Audience::All,
            target_user: None,
            entity,
            entity_id: id,
            op: ChangeOp::Upsert,
            data,
        },
    )
    .await
}

/// Everyone in the directory.
async fn list_users(State(state): State<AppState>, _user: AuthUser) -> AppResult<Json<Vec<User>>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY username");
    let rows: Vec<UserRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(&state.db).await?;
    Ok(Json(rows.into_iter().map(user_from).collect::<AppResult<_>>()?))
}

/// Create an account (administrators).
async fn create_user(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiJson(req): ApiJson<CreateUser>,
) -> AppResult<(StatusCode, Json<User>)> {
    require_admin(&user)?;
    let username = required(Field::Username, &req.username)?;
    let full_name = required(Field::FullName, &req.full_name)?;
    validate_password(&req.password)?;
    let id = req.id.unwrap_or_else(Uuid::now_v7);
    let hash = hash_password(req.password).await?;
    let mut tx = Write::begin(&state, &user, &origin).await?;
    if let Some(existing) = load_user(&mut tx, id).await? {
        return if existing.username == username {
            Ok((StatusCode::OK, Json(existing)))
        } else {
            Err(AppError::conflict("id already used"))
        };
    }
    sqlx::query("INSERT INTO users (id, username, full_name, role, title, unit_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(id).bind(&username).bind(&full_name).bind(req.role.as_str()).bind(req.title.trim()).bind(req.unit_id).bind(hash).bind(Utc::now())
        .execute(&mut *tx).await?;
    let created = load_user(&mut tx, id).await?.ok_or_else(|| AppError::internal("user vanished"))?;
    directory_change(&mut tx, Entity::User, id, &created).await?;
    tx.commit(Audit {
        action: "create",
        entity: "user",
        id: Some(id),
        detail: json!({ "username": username, "role": req.role }),
    })
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// Change an account (administrators); a new password or deactivation ends its sessions.
async fn update_user(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<UpdateUser>,
) -> AppResult<Json<User>> {
    require_admin(&user)?;
    let hash = match req.password.clone() {
        Some(p) => {
            validate_password(&p)?;
            Some(hash_password(p).await?)
        }
        None => None,
    };
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let old = load_user(&mut tx, id).await?.ok_or_else(|| AppError::not_found("user"))?;
    let full_name = match &req.full_name {
        Some(n) => required(Field::FullName, n)?,
        None => old.full_name.clone(),
    };
    sqlx::query("UPDATE users SET full_name = ?, role = ?, title = ?, unit_id = ?, active = ?, password_hash = COALESCE(?, password_hash),
                 failed_logins = CASE WHEN ? IS NULL THEN failed_logins ELSE 0 END, locked_until = CASE WHEN ? IS NULL THEN locked_until ELSE NULL END WHERE id = ?")
        .bind(full_name).bind(req.role.unwrap_or(old.role).as_str()).bind(req.title.as_deref().unwrap_or(&old.title))
        .bind(req.unit_id.or(old.unit_id)).bind(req.active.unwrap_or(old.active)).bind(hash.as_deref())
        .bind(hash.as_deref()).bind(hash.as_deref()).bind(id)
        .execute(&mut *tx).await?;
    if hash.is_some() || req.active == Some(false) || req.role.is_some_and(|r| r != old.role) {
        sqlx::query("DELETE FROM sessions WHERE user_id = ?").bind(id).execute(&mut *tx).await?;
    }
    let updated = load_user(&mut tx, id).await?.ok_or_else(|| AppError::internal("user vanished"))?;
    directory_change(&mut tx, Entity::User, id, &updated).await?;
    let fields: Vec<&str> = [
        ("full_name", req.full_name.is_some()),
        ("role", req.role.is_some()),
        ("title", req.title.is_some()),
        ("unit_id", req.unit_id.is_some()),
        ("active", req.active.is_some()),
        ("password", req.password.is_some()),
    ]
    .into_iter()
    .filter_map(|(n, set)| set.then_some(n))
    .collect();
    tx.commit(Audit { action: "update", entity: "user", id: Some(id), detail: json!({ "fields": fields }) }).await?;
    state.sessions.evict_user(id);
    Ok(Json(updated))
}

/// Departments, districts and the office.
async fn list_units(State(state): State<AppState>, _user: AuthUser) -> AppResult<Json<Vec<Unit>>> {
    let rows: Vec<(Uuid, String, String, String)> =
        sqlx::query_as("SELECT id, code, name, kind FROM units ORDER BY code").fetch_all(&state.db).await?;
    let units =
        rows.into_iter().map(|(id, code, name, kind)| Ok(Unit { id, code, name, kind: word(&kind, UnitKind::parse)? }));
    Ok(Json(units.collect::<AppResult<_>>()?))
}

async fn create_unit(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiJson(req): ApiJson<CreateUnit>,
) -> AppResult<(StatusCode, Json<Unit>)> {
    require_admin(&user)?;
    let unit = Unit {
        id: req.id.unwrap_or_else(Uuid::now_v7),
        code: required(Field::Code, &req.code)?,
        name: required(Field::Name, &req.name)?,
        kind: req.kind,
    };
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let existing: Option<String> =
        sqlx::query_scalar("SELECT code FROM units WHERE id = ?").bind(unit.id).fetch_optional(&mut *tx).await?;
    if let Some(code) = existing {
        return if code == unit.code {
            Ok((StatusCode::OK, Json(unit)))
        } else {
            Err(AppError::conflict("id already used"))
        };
    }
    sqlx::query("INSERT INTO units (id, code, name, kind) VALUES (?, ?, ?, ?)")
        .bind(unit.id)
        .bind(&unit.code)
        .bind(&unit.name)
        .bind(unit.kind.as_str())
        .execute(&mut *tx)
        .await?;
    directory_change(&mut tx, Entity::Unit, unit.id, &unit).await?;
    tx.commit(Audit { action: "create", entity: "unit", id: Some(unit.id), detail: json!({ "code": unit.code }) })
        .await?;
    Ok((StatusCode::CREATED, Json(unit)))
}

async fn list_bridge_points(State(state): State<AppState>, _user: AuthUser) -> AppResult<Json<Vec<BridgePoint>>> {
    let rows: Vec<(Uuid, String, Option<Uuid>, String, Option<Uuid>, bool)> = sqlx::query_as(
        "SELECT id, name, unit_id, location, account_id, main FROM bridge_points ORDER BY main DESC, name",
    )
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(id, name, unit_id, location, account_id, main)| BridgePoint {
                id,
                name,
                unit_id,
                location,
                account_id,
                main,
            })
            .collect(),
    ))
}

async fn create_bridge_point(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiJson(req): ApiJson<CreateBridgePoint>,
) -> AppResult<(StatusCode, Json<BridgePoint>)> {
    require_admin(&user)?;
    let bp = BridgePoint {
        id: req.id.unwrap_or_else(Uuid::now_v7),
        name: required(Field::Name, &req.name)?,
        unit_id: req.unit_id,
        location: req.location.trim().to_owned(),
        account_id: req.account_id,
        main: req.main,
    };
    let mut tx = Write::begin(&state, &user, &origin).await?;
    require_device_account(&mut tx, bp.account_id).await?;
    let existing: Option<String> =
        sqlx::query_scalar("SELECT name FROM bridge_points WHERE id = ?").bind(bp.id).fetch_optional(&mut *tx).await?;
    if let Some(name) = existing {
        return if name == bp.name {
            Ok((StatusCode::OK, Json(bp)))
        } else {
            Err(AppError::conflict("id already used"))
        };
    }
    sqlx::query("INSERT INTO bridge_points (id, name, unit_id, location, account_id, main) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(bp.id)
        .bind(&bp.name)
        .bind(bp.unit_id)
        .bind(&bp.location)
        .bind(bp.account_id)
        .bind(bp.main)
        .execute(&mut *tx)
        .await?;
    directory_change(&mut tx, Entity::BridgePoint, bp.id, &bp).await?;
    tx.commit(Audit { action: "create", entity: "bridge_point", id: Some(bp.id), detail: json!({ "name": bp.name }) })
        .await?;
    Ok((StatusCode::CREATED, Json(bp)))
}

async fn require_device_account(db: &mut SqliteConnection, account: Option<Uuid>) -> AppResult<()> {
    let Some(account) = account else { return Ok(()) };
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM users WHERE id = ?").bind(account).fetch_optional(db).await?;
    if role.as_deref() != Some(Role::BridgePoint.as_str()) {
        return Err(AppError::invalid("account_id", "the account must exist and have the bridge_point role"));
    }
    Ok(())
}

/// Rename or re-code a unit (administrators).
async fn update_unit(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<UpdateUnit>,
) -> AppResult<Json<Unit>> {
    require_admin(&user)?;
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let old: Option<(String, String, String)> =
        sqlx::query_as("SELECT code, name, kind FROM units WHERE id = ?").bind(id).fetch_optional(&mut *tx).await?;
    let (code, name, kind) = old.ok_or_else(|| AppError::not_found("unit"))?;
    let unit = Unit {
        id,
        code: match &req.code {
            Some(c) => required(Field::Code, c)?,
            None => code,
        },
        name: match &req.name {
            Some(n) => required(Field::Name, n)?,
            None => name,
        },
        kind: match req.kind {
            Some(k) => k,
            None => word(&kind, UnitKind::parse)?,
        },
    };
    sqlx::query("UPDATE units SET code = ?, name = ?, kind = ? WHERE id = ?")
        .bind(&unit.code)
        .bind(&unit.name)
        .bind(unit.kind.as_str())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    directory_change(&mut tx, Entity::Unit, id, &unit).await?;
    tx.commit(Audit::update("unit", id, &req)).await?;
    Ok(Json(unit))
}

/// Change a bridge point (administrators).
async fn update_bridge_point(
    State(state): State<AppState>,
    origin: Origin,
    user: AuthUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(req): ApiJson<UpdateBridgePoint>,
) -> AppResult<Json<BridgePoint>> {
    require_admin(&user)?;
    let mut tx = Write::begin(&state, &user, &origin).await?;
    let old: Option<(String, Option<Uuid>, String, Option<Uuid>, bool)> =
        sqlx::query_as("SELECT name, unit_id, location, account_id, main FROM bridge_points WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let (name, unit_id, location, account_id, main) = old.ok_or_else(|| AppError::not_found("bridge point"))?;
    require_device_account(&mut tx, req.account_id).await?;
    let bp = BridgePoint {
        id,
        name: match &req.name {
            Some(n) => required(Field::Name, n)?,
            None => name,
        },
        unit_id: req.unit_id.or(unit_id),
        location: req.location.as_deref().map(str::trim).map(str::to_owned).unwrap_or(location),
        account_id: req.account_id.or(account_id),
        main: req.main.unwrap_or(main),
    };
    sqlx::query("UPDATE bridge_points SET name = ?, unit_id = ?, location = ?, account_id = ?, main = ? WHERE id = ?")
        .bind(&bp.name)
        .bind(bp.unit_id)
        .bind(&bp.location)
        .bind(bp.account_id)
        .bind(bp.main)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    directory_change(&mut tx, Entity::BridgePoint, id, &bp).await?;
    tx.commit(Audit::update("bridge_point", id, &req)).await?;
    Ok(Json(bp))
}
