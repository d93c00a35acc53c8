//! A button that fetches a report the server makes (a poll's result, the chair's briefing)
//! in the ui's language, and says where the file went.

use ecab_protocol::ops::OpInfo;
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::{BackendError, Exported};
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_tr};
use crate::i18n::T;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub op: OpInfo,
    pub id: Uuid,
    pub filename: AttrValue,
    pub label: T,
    /// The button's class, for tests and styles.
    pub class: AttrValue,
}

#[component]
pub fn ReportButton(props: &Props) -> Html {
    let backend = use_backend();
    let tr = use_tr();
    let note = use_state(|| None::<String>);
    let error = use_state(|| None::<BackendError>);
    let busy = use_state(|| false);
    let onclick = {
        let (backend, tr, note, error, busy) = (backend.clone(), tr, note.clone(), error.clone(), busy.clone());
        let (op, id, filename) = (props.op, props.id, props.filename.to_string());
        Callback::from(move |_: MouseEvent| {
            let (backend, tr, note, error, busy, filename) =
                (backend.clone(), tr, note.clone(), error.clone(), busy.clone(), filename.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = backend.report(op, id, tr.0, filename).await;
                busy.set(false);
                match result {
                    Ok(Exported::Downloaded(name)) => note.set(Some(format!("{}: {name}", tr.t(T::Downloaded)))),
                    Ok(Exported::Saved(path)) => note.set(Some(format!("{}: {path}", tr.t(T::SavedAt)))),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    html! {
        <span class="report">
            <button class={classes!("btn", props.class.to_string())} {onclick} disabled={*busy}>{ tr.t(props.label) }</button>
            if let Some(n) = &*note { <Note text={n.clone()} ok=true /> }
            if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
        </span>
    }
}
