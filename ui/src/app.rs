//! The app: providers (backend, store), the live watch, the header and the routes.

use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::backend::http::HttpBackend;
use crate::backend::{BackendHandle, Watch};
use crate::components::header::Header;
use crate::hooks::{use_backend, use_store, use_tr};
use crate::i18n::T;
use crate::pages::login::Login;
use crate::pages::meeting::MeetingPage;
use crate::pages::meetings::Meetings;
use crate::pages::new_meeting::NewMeeting;
use crate::pages::reader::Reader;
use crate::state::{Action, Directory, Session, Store};

#[derive(Clone, Debug, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/meetings/new")]
    NewMeeting,
    #[at("/meetings/:id")]
    Meeting { id: Uuid },
    #[at("/meetings/:meeting/documents/:document")]
    Reader { meeting: Uuid, document: Uuid },
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Meetings /> },
        Route::NewMeeting => html! { <NewMeeting /> },
        Route::Meeting { id } => html! { <MeetingPage {id} /> },
        Route::Reader { meeting, document } => html! { <Reader {meeting} {document} /> },
        Route::NotFound => html! { <NotFound /> },
    }
}

#[component]
pub fn App() -> Html {
    let backend = use_memo((), |_| {
        if crate::backend::tauri::available() {
            BackendHandle(Rc::new(crate::backend::tauri::TauriBackend::new()))
        } else {
            BackendHandle(Rc::new(HttpBackend::new()))
        }
    });
    let store = use_reducer(|| Store::initial(crate::first_screen::user()));
    html! {
        <ContextProvider<BackendHandle> context={(*backend).clone()}>
            <ContextProvider<UseReducerHandle<Store>> context={store}>
                <BrowserRouter>
                    <Shell />
                </BrowserRouter>
            </ContextProvider<UseReducerHandle<Store>>>
        </ContextProvider<BackendHandle>>
    }
}

/// Session start-up, the live watch while signed in, the directory, the page frame.
#[component]
fn Shell() -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();

    // The page's language for screen readers and hyphenation.
    use_effect_with(store.lang, |lang| {
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", lang.as_str());
        }
    });

    // A tab that kept its token stays signed in across reloads.
    {
        let backend = backend.clone();
        let store = store.clone();
        use_effect_with((), move |_| {
            if backend.has_session() {
                crate::perf::mark("ecab:me-asked");
                wasm_bindgen_futures::spawn_local(async move {
                    let me = backend.me().await;
                    crate::perf::mark("ecab:me");
                    match me {
                        Ok(user) => store.dispatch(Action::SignedIn(user)),
                        Err(_) => store.dispatch(Action::SignedOut),
                    }
                });
            } else {
                store.dispatch(Action::SignedOut);
            }
        });
    }

    let signed_in = matches!(store.session, Session::SignedIn(_));

    // What a signed-in session needs besides the first screen (live channel, status,
    // directory) starts a moment later, so it does not hold up that screen.
    let settled = use_state(|| false);
    let settle = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    {
        let settled = settled.clone();
        use_effect_with(signed_in, move |signed_in| {
            *settle.borrow_mut() = signed_in.then(|| {
                let settled = settled.clone();
                gloo_timers::callback::Timeout::new(SETTLE_MS, move || settled.set(true))
            });
            if !*signed_in {
                settled.set(false);
            }
        });
    }
    let signed_in = signed_in && *settled;

    // While signed in: live pokes, connection status, and a slow safety refresh.
    let watch = use_mut_ref(|| None::<(Watch, gloo_timers::callback::Interval)>);
    {
        let backend = backend.clone();
        let store = store.clone();
        use_effect_with(signed_in, move |signed_in| {
            if *signed_in {
                let poke = {
                    let store = store.clone();
                    Callback::from(move |()| store.dispatch(Action::Refresh))
                };
                let status = {
                    let store = store.clone();
                    Callback::from(move |s| store.dispatch(Action::Sync(s)))
                };
                let live = backend.watch(poke, status.clone());
                let first = backend.clone();
                let caught_up = store.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(s) = first.sync_status().await {
                        status.emit(s);
                    }
                    // A pull that ended before the watch began sent no poke: reload once.
                    caught_up.dispatch(Action::Refresh);
                });
                let every = gloo_timers::callback::Interval::new(60_000, move || store.dispatch(Action::Refresh));
                *watch.borrow_mut() = Some((live, every));
            } else {
                *watch.borrow_mut() = None;
            }
        });
    }

    // Names for the ids in meetings; again on refresh, it rarely changes.
    {
        let backend = backend.clone();
        let store = store.clone();
        use_effect_with((signed_in, store.refresh / 10), move |(signed_in, _)| {
            if *signed_in {
                wasm_bindgen_futures::spawn_local(async move {
                    let load = async {
                        Ok::<_, crate::backend::BackendError>(Directory {
                            users: backend.users().await?,
                            units: backend.units().await?,
                            bridge_points: backend.bridge_points().await?,
                        })
                    };
                    if let Ok(directory) = load.await {
                        store.dispatch(Action::Directory(directory));
                    }
                });
            }
        });
    }

    let body = match &store.session {
        Session::Unknown => html! { <p class="muted center">{ tr.t(T::Loading) }</p> },
        Session::SignedOut => html! { <Login /> },
        Session::SignedIn(_) => html! { <Switch<Route> render={switch} /> },
    };
    html! {
        <>
            <Header />
            <main class="main">{ body }</main>
        </>
    }
}

/// How long after sign-in (or start) the session's background work waits.
const SETTLE_MS: u32 = 400;

#[component]
fn NotFound() -> Html {
    let tr = use_tr();
    html! {
        <section class="card">
            <p>{ tr.t(T::NotFoundPage) }</p>
            <Link<Route> to={Route::Home}>{ tr.t(T::BackToMeetings) }</Link<Route>>
        </section>
    }
}
