//! The header on every screen: the product, who is signed in, the connection status
//! (always visible), the language switch.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::notifications::Bell;
use crate::hooks::{use_backend, use_store, use_tr};
use crate::i18n::{self, T};
use crate::state::Action;
use crate::time;

#[component]
pub fn Header() -> Html {
    let store = use_store();
    let backend = use_backend();
    let tr = use_tr();
    let lang = store.lang;

    let switch_lang = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::SetLang(lang.other())))
    };
    let refresh = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::Refresh))
    };
    let sign_out = {
        let store = store.clone();
        Callback::from(move |_| {
            let backend = backend.clone();
            let store = store.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = backend.logout().await;
                store.dispatch(Action::SignedOut);
            });
        })
    };

    let user = store.user().map(|u| {
        html! {
            <div class="who">
                <span class="who-name">{ &u.full_name }</span>
                <span class="who-role">{ i18n::role(lang, u.role) }</span>
                <button class="btn btn-link" onclick={sign_out}>{ tr.t(T::SignOut) }</button>
            </div>
        }
    });

    let sync = &store.sync;
    let (dot, label) = if sync.online { ("dot online", T::Online) } else { ("dot offline", T::Offline) };
    let updated = match sync.last_sync {
        Some(at) => format!("{} {}", tr.t(T::UpdatedAt), time::date_time(at)),
        None => tr.t(T::NotYet).to_string(),
    };

    html! {
        <header class="header">
            <div class="brand">
                <Link<Route> to={Route::Home} classes="brand-link">
                    <span class="brand-mark">{ tr.t(T::Brand) }</span>
                    <span class="brand-name">{ tr.t(T::AppName) }</span>
                </Link<Route>>
                <span class="brand-org">{ tr.t(T::Org) }</span>
            </div>
            <div class="header-right">
                <div class={classes!("sync", (!sync.online).then_some("sync-offline"))} id="sync-status"
                     role="status" aria-live="polite">
                    <span class={dot} aria-hidden="true"></span>
                    <span class="sync-label">{ tr.t(label) }</span>
                    <span class="sync-time">{ updated }</span>
                    if store.user().is_some() {
                        <button class="btn btn-small" onclick={refresh} title={tr.t(T::Refresh)}>{ "⟳" }</button>
                    }
                </div>
                if store.user().is_some() { <Bell /> }
                <button class="btn btn-small" id="lang-switch" onclick={switch_lang} title={tr.t(T::SwitchLangTitle)}>
                    { tr.t(T::SwitchLang) }
                </button>
                { for user }
            </div>
        </header>
    }
}
