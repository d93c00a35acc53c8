//! The document's annotations, by page: colour, kind, the words under it, the comment, and
//! for one's own the controls to recolour, comment, share and delete. Above them, after a
//! new version: which were carried onto it, and which could not be placed (they stay on
//! the version they were made on, listed with their words, never dropped).

use std::rc::Rc;

use ecab_core::AnnotationColor;
use ecab_protocol::annotation::{AnnotationEntry, UpdateAnnotation};
use ecab_protocol::document::Document;
use ecab_protocol::ops;
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::{BackendError, WriteKey};
use crate::components::error_box::ErrorBox;
use crate::hooks::{use_backend, use_store, use_tr};
use crate::i18n::{self, T};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub document: Rc<Document>,
    pub entries: Rc<Vec<AnnotationEntry>>,
    pub go: Callback<u32>,
}

#[component]
pub fn AnnotationList(props: &Props) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let error = use_state(|| None::<BackendError>);
    let editing = use_state(|| None::<(Uuid, String)>);
    let Some(me) = store.user().map(|u| u.id) else { return html! {} };
    let doc = &props.document;
    let current = &doc.current.sha256;

    let queue = {
        let (backend, store, error) = (backend.clone(), store.clone(), error.clone());
        move |id: Uuid, change: Option<UpdateAnnotation>| {
            let (backend, store, error) = (backend.clone(), store.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let key = WriteKey::new();
                let sent = match change {
                    Some(req) => backend.queue_write::<ops::UpdateAnnotation>(key, id, req).await,
                    None => backend.queue_write::<ops::DeleteAnnotation>(key, id, ()).await,
                };
                match sent {
                    Ok(()) => {
                        error.set(None);
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let version_of = |sha: &str| doc.version(sha).map_or(0, |v| v.version);

    let unplaced: Vec<&AnnotationEntry> =
        props.entries.iter().filter(|e| e.annotation.anchor.sha256 != *current).collect();
    let carried = props
        .entries
        .iter()
        .filter(|e| e.annotation.anchor.sha256 == *current && e.annotation.made_on.is_some())
        .count();
    let placed: Vec<&AnnotationEntry> =
        props.entries.iter().filter(|e| e.annotation.anchor.sha256 == *current).collect();

    let row = |e: &AnnotationEntry| {
        let a = &e.annotation;
        let own = a.author == me;
        let id = a.id;
        let go = {
            let (go, page) = (props.go.clone(), a.anchor.page);
            Callback::from(move |_: MouseEvent| go.emit(page))
        };
        let author = store.directory.user(a.author).map(|u| u.full_name.clone()).unwrap_or_default();
        let controls = own.then(|| {
            let recolour = {
                let queue = queue.clone();
                Callback::from(move |ev: Event| {
                    let v = ev.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
                    if let Some(c) = AnnotationColor::parse(&v) {
                        queue(id, Some(UpdateAnnotation { color: Some(c), note: None, shared: None }));
                    }
                })
            };
            let reshare = {
                let queue = queue.clone();
                Callback::from(move |ev: Event| {
                    let on = ev.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                    queue(id, Some(UpdateAnnotation { color: None, note: None, shared: Some(on) }));
                })
            };
            let delete = {
                let queue = queue.clone();
                Callback::from(move |_: MouseEvent| queue(id, None))
            };
            let edit = {
                let (editing, note) = (editing.clone(), a.note.clone());
                Callback::from(move |_: MouseEvent| editing.set(Some((id, note.clone()))))
            };
            let options: Html = AnnotationColor::ALL.iter().map(|&c| html! {
                <option value={c.as_str()} selected={c == a.color}>{ i18n::color(tr.0, c) }</option>
            }).collect();
            html! {
                <span class="annot-controls">
                    <select class="annot-color" onchange={recolour} aria-label={tr.t(T::ColorYellow)}>{ options }</select>
                    <label class="check"><input class="annot-share" type="checkbox" checked={a.shared} onchange={reshare} />{ tr.t(T::Shared) }</label>
                    <button class="btn btn-small annot-edit" onclick={edit}>{ tr.t(T::Comment) }</button>
                    <button class="btn btn-small annot-delete" onclick={delete}>{ tr.t(T::Delete) }</button>
                </span>
            }
        });
        let edit_form = match &*editing {
            Some((eid, text)) if *eid == id => {
                let on_input = {
                    let editing = editing.clone();
                    Callback::from(move |ev: InputEvent| {
                        editing.set(Some((id, ev.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())))
                    })
                };
                let save = {
                    let (queue, editing, text) = (queue.clone(), editing.clone(), text.clone());
                    Callback::from(move |ev: SubmitEvent| {
                        ev.prevent_default();
                        queue(id, Some(UpdateAnnotation { color: None, note: Some(text.clone()), shared: None }));
                        editing.set(None);
                    })
                };
                html! {
                    <form class="annot-note-form" onsubmit={save}>
                        <textarea class="annot-note" rows="2" value={text.clone()} oninput={on_input} />
                        <button class="btn btn-small btn-primary annot-save" type="submit">{ tr.t(T::Save) }</button>
                    </form>
                }
            }
            _ => html! {},
        };
        let quoted =
            if a.anchor.quote.exact.is_empty() { String::new() } else { format!("“{}”", a.anchor.quote.exact) };
        html! {
            <li key={id.to_string()} class="annotation-item" data-id={id.to_string()} data-kind={a.kind.as_str()}
                data-shared={a.shared.to_string()} data-pending={e.pending.to_string()} data-color={a.color.as_str()}>
                <button class="link annot-go" onclick={go}>
                    <span class="annot-dot" style={format!("background:{}", a.color.hex())}></span>
                    { format!("{} · {}", i18n::page_of(tr.0, a.anchor.page + 1, doc.current.page_count), i18n::annotation_kind(tr.0, a.kind)) }
                </button>
                if !own { <span class="muted annot-author">{ format!(" – {author}") }</span> }
                if e.pending { <span class="badge badge-pending">{ tr.t(T::Pending) }</span> }
                if a.shared && own { <span class="badge">{ tr.t(T::Shared) }</span> }
                <div class="annot-quote">{ quoted }</div>
                if !a.note.is_empty() { <div class="annot-note-text">{ &a.note }</div> }
                if let Some(refused) = &e.refused { <ErrorBox error={BackendError::Server(refused.clone())} /> }
                { for controls }
                { edit_form }
            </li>
        }
    };

    let unplaced_rows: Html = unplaced
        .iter()
        .map(|e| {
            let a = &e.annotation;
            html! {
                <li key={a.id.to_string()} class="unplaced-item" data-id={a.id.to_string()}>
                    { format!("{} · {} · v{}: “{}”", i18n::annotation_kind(tr.0, a.kind),
                              format!("{} {}", tr.t(T::Page), a.anchor.page + 1),
                              version_of(&a.anchor.sha256), a.anchor.quote.exact) }
                    if !a.note.is_empty() { <div class="annot-note-text">{ &a.note }</div> }
                </li>
            }
        })
        .collect();

    html! {
        <section class="card annotations" id="annotations">
            <h2>{ tr.t(T::Annotations) }</h2>
            if carried > 0 && unplaced.is_empty() { <p class="alert alert-ok" id="version-note">{ tr.t(T::NewVersionCarried) }</p> }
            if !unplaced.is_empty() {
                <div class="alert alert-warn" id="version-note">
                    <p>{ tr.t(T::NewVersionUnplaced) }</p>
                    <ul id="unplaced">{ unplaced_rows }</ul>
                </div>
            }
            if placed.is_empty() { <p class="muted">{ tr.t(T::NoAnnotations) }</p> }
            <ul class="annotation-items">{ for placed.into_iter().map(row) }</ul>
            if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
        </section>
    }
}
