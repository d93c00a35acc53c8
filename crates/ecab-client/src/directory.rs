//! Who is signed in, and the directory (users, units, bridge points): asked of the server
//! when it can be reached, kept in the local store, and answered from there while offline.

use ecab_protocol::auth::User;
use ecab_protocol::directory::{BridgePoint, Directory, Unit};
use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::engine::Engine;
use crate::{Result, store};

const USER: &str = "user";
const DIRECTORY: &str = "directory";

impl Engine {
    /// The signed-in user: the server's answer, or the one kept when it cannot be reached.
    pub async fn me(&self) -> Result<User> {
        let fresh = self.get::<User>("/api/v1/auth/me").await;
        self.kept_or(USER, fresh).await
    }

    /// Users, units and bridge points (to name the ids in meetings and to invite): the
    /// server's, or the copy kept when it cannot be reached.
    pub async fn directory(&self) -> Result<Directory> {
        let fresh = async {
            let (users, units, bridge_points) = tokio::try_join!(
                self.get::<Vec<User>>("/api/v1/users"),
                self.get::<Vec<Unit>>("/api/v1/units"),
                self.get::<Vec<BridgePoint>>("/api/v1/bridge-points"),
            )?;
            Ok(Directory { users, units, bridge_points })
        };
        let fresh = fresh.await;
        self.kept_or(DIRECTORY, fresh).await
    }

    /// Keep the user who signed in (for [`Engine::me`] offline).
    pub(crate) async fn keep_user(&self, user: &User) -> Result<()> {
        store::set_setting(&self.inner.db, USER, &serde_json::to_string(user)?).await
    }

    async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        let token = self.token()?;
        let api = &self.inner.api;
        api.json(api.request(Method::GET, path, Some(&token))).await
    }

    /// Keep a fresh answer under `name`; when the server is unreachable, the kept one.
    async fn kept_or<T: Serialize + DeserializeOwned>(&self, name: &str, fresh: Result<T>) -> Result<T> {
        let db = &self.inner.db;
        match fresh {
            Ok(value) => {
                store::set_setting(db, name, &serde_json::to_string(&value)?).await?;
                Ok(value)
            }
            Err(e) if e.is_offline() => match store::setting(db, name).await? {
                Some(kept) => Ok(serde_json::from_str(&kept)?),
                None => Err(e),
            },
            Err(e) => Err(e),
        }
    }
}
