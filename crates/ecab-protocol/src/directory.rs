//! Units (departments, districts) and bridge points.

use ecab_core::UnitKind;
use uuid::Uuid;

use crate::auth::User;

crate::wire! {
    pub struct Unit {
        pub id: Uuid,
        pub code: String,
        pub name: String,
        pub kind: UnitKind,
    }

    pub struct CreateUnit {
        #[serde(default)]
        pub id: Option<Uuid>,
        pub code: String,
        pub name: String,
        pub kind: UnitKind,
    }

    /// Điểm cầu: a connected room or device.
    pub struct BridgePoint {
        pub id: Uuid,
        pub name: String,
        pub unit_id: Option<Uuid>,
        pub location: String,
        /// The device account that signs in for this bridge point.
        pub account_id: Option<Uuid>,
        /// Điểm cầu trung tâm.
        pub main: bool,
    }

    pub struct CreateBridgePoint {
        #[serde(default)]
        pub id: Option<Uuid>,
        pub name: String,
        #[serde(default)]
        pub unit_id: Option<Uuid>,
        #[serde(default)]
        pub location: String,
        #[serde(default)]
        pub account_id: Option<Uuid>,
        #[serde(default)]
        pub main: bool,
    }
}

crate::wire! {
    pub struct UpdateUnit {
        #[serde(default)]
        pub code: Option<String>,
        #[serde(default)]
        pub name: Option<String>,
        #[serde(default)]
        pub kind: Option<UnitKind>,
    }

    pub struct UpdateBridgePoint {
        #[serde(default)]
        pub name: Option<String>,
        #[serde(default)]
        pub unit_id: Option<Uuid>,
        #[serde(default)]
        pub location: Option<String>,
        #[serde(default)]
        pub account_id: Option<Uuid>,
        #[serde(default)]
        pub main: Option<bool>,
    }
}

crate::wire! {
    /// Everyone and everything a meeting can name: what a client keeps to show names for
    /// ids and to offer invitees (`GET /users`, `/units`, `/bridge-points` together).
    #[derive(Default)]
    pub struct Directory {
        pub users: Vec<User>,
        pub units: Vec<Unit>,
        pub bridge_points: Vec<BridgePoint>,
    }
}

impl Directory {
    pub fn user(&self, id: Uuid) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn unit(&self, id: Uuid) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn bridge_point(&self, id: Uuid) -> Option<&BridgePoint> {
        self.bridge_points.iter().find(|b| b.id == id)
    }
}
