//! The app-wide store: who is signed in, the language, how the connection stands, the
//! directory (users, units, bridge points) and a refresh counter that every loader
//! watches. One `Reducible` with an `Action` enum, like Yew's todomvc example.

pub mod rules;

use std::rc::Rc;

use ecab_protocol::auth::User;
use ecab_protocol::client::SyncStatus;
use yew::prelude::*;

use crate::i18n::Lang;

const LANG_KEY: &str = "ecab.lang";

#[derive(Clone, Debug, PartialEq)]
pub enum Session {
    /// Checking a kept token at start-up.
    Unknown,
    SignedOut,
    SignedIn(Rc<User>),
}

/// People, units and bridge points: names for the ids in meetings.
pub use ecab_protocol::directory::Directory;

#[derive(Clone, Debug, PartialEq)]
pub struct Store {
    pub lang: Lang,
    pub session: Session,
    pub sync: SyncStatus,
    pub directory: Rc<Directory>,
    /// Bumped whenever data may have changed (live poke, a write, the refresh button).
    pub refresh: u32,
}

pub enum Action {
    SetLang(Lang),
    SignedIn(User),
    SignedOut,
    Sync(SyncStatus),
    Directory(Directory),
    Refresh,
}

impl Store {
    /// The store at start: the language kept from last time, and the session the desktop
    /// shell already knows of (else it is checked, see `app.rs`).
    pub fn initial(user: Option<User>) -> Self {
        let lang = local_storage()
            .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
            .and_then(|c| Lang::parse(&c))
            .unwrap_or_default();
        Store {
            lang,
            session: user.map_or(Session::Unknown, |u| Session::SignedIn(Rc::new(u))),
            sync: SyncStatus {
                online: true,
                last_sync: None,
                last_error: None,
                pending_writes: 0,
                downloads: Vec::new(),
            },
            directory: Rc::default(),
            refresh: 0,
        }
    }

    pub fn user(&self) -> Option<&User> {
        match &self.session {
            Session::SignedIn(u) => Some(u),
            _ => None,
        }
    }
}

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // The same user confirmed (a start-up check of a session already shown): nothing
        // changes, and an unchanged store draws nothing again.
        if let (Action::SignedIn(user), Session::SignedIn(now)) = (&action, &self.session)
            && **now == *user
        {
            return self;
        }
        let mut next = (*self).clone();
        match action {
            Action::SetLang(lang) => {
                // The language is a preference, not a secret: it may outlive the tab.
                if let Some(s) = local_storage() {
                    let _ = s.set_item(LANG_KEY, lang.as_str());
                }
                next.lang = lang;
            }
            Action::SignedIn(user) => next.session = Session::SignedIn(Rc::new(user)),
            Action::SignedOut => {
                next.session = Session::SignedOut;
                next.directory = Rc::default();
            }
            Action::Sync(status) => next.sync = status,
            Action::Directory(d) => next.directory = Rc::new(d),
            Action::Refresh => next.refresh = next.refresh.wrapping_add(1),
        }
        Rc::new(next)
    }
}

pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub type StoreHandle = UseReducerHandle<Store>;
