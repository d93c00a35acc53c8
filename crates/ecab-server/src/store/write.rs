//! One write to the store: a `BEGIN IMMEDIATE` transaction whose only way to finish is
//! [`Write::commit`], which appends the audit entry and commits together. Blobs the write
//! references are moved into place only after the commit, so a failed write leaves no
//! file behind. Handlers append their feed changes with `crate::feed` on the same
//! transaction (it derefs to the connection).

use std::ops::{Deref, DerefMut};

use sqlx::{Sqlite, SqliteConnection, Transaction};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::blobs::Incoming;
use crate::error::AppResult;
use crate::http::extract::Origin;
use crate::journal;
use crate::state::AppState;

/// What the audit log says of a write.
pub struct Audit<'a> {
    /// What was done: `create`, `update`, `set_invitees`…
    pub action: &'a str,
    /// To what kind of thing: `meeting`, `agenda_item`…
    pub entity: &'a str,
    pub id: Option<Uuid>,
    pub detail: serde_json::Value,
}

impl<'a> Audit<'a> {
    /// An update of `entity` `id`, its detail the request as it came (the fields changed).
    pub fn update(entity: &'a str, id: Uuid, req: &impl serde::Serialize) -> Self {
        Audit { action: "update", entity, id: Some(id), detail: serde_json::to_value(req).unwrap_or_default() }
    }
}

pub struct Write<'a> {
    tx: Transaction<'static, Sqlite>,
    state: &'a AppState,
    /// None for the server's own writes (a poll closing at its deadline).
    user: Option<&'a AuthUser>,
    origin: Origin,
    blobs: Vec<Incoming>,
}

impl<'a> Write<'a> {
    /// Begin a write by `user`, taking the store's write lock up front.
    pub async fn begin(state: &'a AppState, user: &'a AuthUser, origin: &'a Origin) -> AppResult<Write<'a>> {
        let tx = crate::db::write(&state.db).await?;
        Ok(Write { tx, state, user: Some(user), origin: origin.clone(), blobs: Vec::new() })
    }

    /// Begin a write the server makes by itself, on no one's request.
    pub async fn system(state: &'a AppState) -> AppResult<Write<'a>> {
        let tx = crate::db::write(&state.db).await?;
        Ok(Write { tx, state, user: None, origin: Origin::default(), blobs: Vec::new() })
    }

    /// A received blob that this write references: it is moved into the blob store when
    /// the write commits, and removed if it does not.
    pub fn keep_blob(&mut self, blob: Incoming) {
        self.blobs.push(blob);
    }

    /// Record `audit` and commit; then move the kept blobs into place.
    pub async fn commit(mut self, audit: Audit<'_>) -> AppResult<()> {
        journal::audit(&mut self.tx, self.user, &self.origin, audit.action, audit.entity, audit.id, audit.detail)
            .await?;
        self.tx.commit().await?;
        for blob in self.blobs {
            let sha256 = blob.sha256.clone();
            if let Err(e) = self.state.blobs.commit(blob).await {
                // The rows are written; the same upload again puts the file in place.
                tracing::error!(error = %e, sha256, "a committed blob could not be moved into place");
                return Err(e.into());
            }
        }
        Ok(())
    }
}

impl Deref for Write<'_> {
    type Target = SqliteConnection;
    fn deref(&self) -> &SqliteConnection {
        &self.tx
    }
}

impl DerefMut for Write<'_> {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.tx
    }
}
