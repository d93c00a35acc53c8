//! Small hooks instead of scattered `use_context().unwrap()`: the backend, the store,
//! the language, loading data that follows the refresh counter, and write keys.

use std::future::Future;
use std::rc::Rc;

use serde::Serialize;
use yew::prelude::*;

use crate::backend::{BackendError, BackendHandle, WriteKey};
use crate::i18n::{Lang, T};
use crate::state::{Action, StoreHandle};

#[hook]
pub fn use_backend() -> BackendHandle {
    use_context::<BackendHandle>().expect("the App provides the backend")
}

#[hook]
pub fn use_store() -> StoreHandle {
    use_context::<StoreHandle>().expect("the App provides the store")
}

/// The current language and a translator for fixed texts.
#[derive(Clone, Copy, PartialEq)]
pub struct Tr(pub Lang);

impl Tr {
    pub fn t(self, key: T) -> &'static str {
        key.text(self.0)
    }
}

#[hook]
pub fn use_tr() -> Tr {
    Tr(use_store().lang)
}

#[derive(Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(Rc<T>),
    Failed(BackendError),
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        match self {
            Load::Loading => Load::Loading,
            Load::Ready(v) => Load::Ready(v.clone()),
            Load::Failed(e) => Load::Failed(e.clone()),
        }
    }
}

/// Load data for `deps`, again whenever the store's refresh counter moves. While a
/// reload runs the previous data stays on screen; a lost session signs the user out.
#[hook]
pub fn use_load<T, D, F, Fu>(deps: D, load: F) -> Load<T>
where
    T: 'static,
    D: PartialEq + Clone + 'static,
    F: Fn(BackendHandle, D) -> Fu + 'static,
    Fu: Future<Output = Result<T, BackendError>> + 'static,
{
    use_load_from(|| None, deps, load)
}

/// [`use_load`] starting from data already at hand (`first`, e.g. the desktop shell's
/// first screen): shown at once, and loaded again at the next refresh, not before.
#[hook]
pub fn use_load_from<T, I, D, F, Fu>(first: I, deps: D, load: F) -> Load<T>
where
    T: 'static,
    I: FnOnce() -> Option<T>,
    D: PartialEq + Clone + 'static,
    F: Fn(BackendHandle, D) -> Fu + 'static,
    Fu: Future<Output = Result<T, BackendError>> + 'static,
{
    let backend = use_backend();
    let store = use_store();
    let state = use_state(|| first().map_or(Load::Loading, |v| Load::Ready(Rc::new(v))));
    let skip_first = use_mut_ref(|| matches!(*state, Load::Ready(_)));
    let generation = use_mut_ref(|| 0u64);
    {
        let state = state.clone();
        let store = store.clone();
        let refresh = store.refresh;
        use_effect_with((deps, refresh), move |(deps, _)| {
            if std::mem::take(&mut *skip_first.borrow_mut()) {
                return;
            }
            let ticket = {
                let mut g = generation.borrow_mut();
                *g += 1;
                *g
            };
            let deps = deps.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = load(backend, deps).await;
                if *generation.borrow() != ticket {
                    return;
                }
                match result {
                    Ok(v) => state.set(Load::Ready(Rc::new(v))),
                    Err(e) if e.signed_out() => store.dispatch(Action::SignedOut),
                    // Keep what is shown when only the connection failed.
                    Err(BackendError::Offline) if matches!(*state, Load::Ready(_)) => {}
                    Err(e) => state.set(Load::Failed(e)),
                }
            });
        });
    }
    (*state).clone()
}

/// The key of one pending write, kept until it succeeds: retrying the same request
/// reuses it (so a write that did reach the server is not done twice), a changed
/// request gets a new one.
#[derive(Clone)]
pub struct WriteKeys {
    slot: Rc<std::cell::RefCell<Option<(WriteKey, String)>>>,
}

impl WriteKeys {
    pub fn key_for(&self, request: &impl Serialize) -> WriteKey {
        let body = serde_json::to_string(request).unwrap_or_default();
        let mut slot = self.slot.borrow_mut();
        match &*slot {
            Some((key, b)) if *b == body => *key,
            _ => {
                let key = WriteKey::new();
                *slot = Some((key, body));
                key
            }
        }
    }

    /// The write succeeded: the next one is a new write.
    pub fn done(&self) {
        *self.slot.borrow_mut() = None;
    }
}

#[hook]
pub fn use_write_keys() -> WriteKeys {
    let slot = use_mut_ref(|| None);
    WriteKeys { slot }
}

/// The current time, moved on every 30 s so the times left stay true.
#[hook]
pub fn use_now() -> chrono::DateTime<chrono::Utc> {
    let now = use_state(crate::time::now);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let timer = gloo_timers::callback::Interval::new(30_000, move || now.set(crate::time::now()));
            move || drop(timer)
        });
    }
    *now
}
