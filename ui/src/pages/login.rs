//! Đăng nhập.

use ecab_protocol::auth::LoginRequest;
use yew::prelude::*;

use crate::backend::BackendError;
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr};
use crate::i18n::T;
use crate::state::Action;

#[component]
pub fn Login() -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let username = use_state(String::new);
    let password = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<BackendError>);
    let missing = use_state(|| false);

    let on_user = {
        let username = username.clone();
        Callback::from(move |e: InputEvent| {
            username.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let on_pass = {
        let password = password.clone();
        Callback::from(move |e: InputEvent| {
            password.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let onsubmit = {
        let (username, password, busy, error, missing) =
            (username.clone(), password.clone(), busy.clone(), error.clone(), missing.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if username.trim().is_empty() || password.is_empty() {
                missing.set(true);
                return;
            }
            missing.set(false);
            let req = LoginRequest {
                username: username.trim().to_string(),
                password: (*password).clone(),
                device: Some("Trình duyệt web".into()),
            };
            let (backend, store, busy, error) = (backend.clone(), store.clone(), busy.clone(), error.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = backend.login(req).await;
                busy.set(false);
                match result {
                    Ok(res) => {
                        error.set(None);
                        store.dispatch(Action::SignedIn(res.user));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    html! {
        <section class="login card">
            <h1>{ tr.t(T::LoginTitle) }</h1>
            <p class="muted">{ tr.t(T::AppName) }{ " – " }{ tr.t(T::Org) }</p>
            <form {onsubmit}>
                <label>{ tr.t(T::Username) }
                    <input id="username" type="text" autocomplete="username" value={(*username).clone()}
                           oninput={on_user} autofocus=true />
                </label>
                <label>{ tr.t(T::Password) }
                    <input id="password" type="password" autocomplete="current-password"
                           value={(*password).clone()} oninput={on_pass} />
                </label>
                <button id="login-submit" class="btn btn-primary btn-wide" type="submit" disabled={*busy}>
                    { if *busy { tr.t(T::SigningIn) } else { tr.t(T::SignIn) } }
                </button>
            </form>
            if *missing { <Note text={tr.t(T::CredentialsRequired)} /> }
            if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
        </section>
    }
}
