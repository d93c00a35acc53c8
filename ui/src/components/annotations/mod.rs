//! Annotating the page being read: the tools (đánh dấu, gạch chân, bút vẽ, ghi chú), the
//! layer over the page image that draws the annotations and takes the pointer (mouse, pen
//! or finger), and the list of the document's annotations. Writes are queued: in the
//! desktop app they wait in the outbox offline and show at once, marked pending.

mod layer;
mod list;

use std::rc::Rc;

use ecab_core::{AnnotationColor, AnnotationKind};
use ecab_protocol::annotation::{AnnotationEntry, Point};
use ecab_protocol::document::{Document, PageText};
use ecab_protocol::ops;
use yew::prelude::*;

use crate::annotate;
use crate::backend::{BackendError, Exported, WriteKey};
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{Load, use_backend, use_load, use_store, use_tr};
use crate::i18n::{self, T};
use crate::state::Action;

use self::layer::Layer;
use self::list::AnnotationList;

/// What the pointer does on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Read,
    Mark(AnnotationKind),
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub document: Rc<Document>,
    /// 0-based.
    pub page: u32,
    /// The page image, which the layer lies over.
    pub children: Html,
    /// Go to a page (from the list).
    pub go: Callback<u32>,
    /// Offer the export (see `rules::may_export`).
    pub may_export: bool,
}

#[component]
pub fn Annotator(props: &Props) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let doc = props.document.clone();
    let tool = use_state(|| Tool::Read);
    let color = use_state(|| AnnotationColor::Yellow);
    let share = use_state(|| false);
    let text = use_state(|| None::<Rc<PageText>>);
    let error = use_state(|| None::<BackendError>);
    let note = use_state(|| None::<(String, bool)>);
    let entries = use_load(doc.id, |b, id| async move { b.annotations(id).await });
    let entries: Rc<Vec<AnnotationEntry>> = match &entries {
        Load::Ready(list) => list.clone(),
        _ => Rc::default(),
    };

    // The page's text layer, once a tool needs it (reading alone never fetches it).
    {
        let (text, backend, error) = (text.clone(), backend.clone(), error.clone());
        let doc_id = doc.id;
        use_effect_with((props.page, *tool != Tool::Read), move |(page, needed)| {
            let page = *page;
            if *needed && text.as_ref().is_none_or(|t| t.page != page) {
                wasm_bindgen_futures::spawn_local(async move {
                    match backend.page_text(doc_id, page).await {
                        Ok(t) => text.set(Some(Rc::new(t))),
                        Err(e) => error.set(Some(e)),
                    }
                });
            }
        });
    }

    // Send a new annotation made on the page.
    let make = {
        let (backend, store, error, note, color, share) =
            (backend.clone(), store.clone(), error.clone(), note.clone(), color.clone(), share.clone());
        let doc = doc.clone();
        Callback::from(move |(kind, anchor, text): (AnnotationKind, ecab_protocol::annotation::Anchor, String)| {
            let key = WriteKey::new();
            let req = match annotate::create(key.0, kind, *color, &text, *share, anchor, doc.current.page_count) {
                Ok(req) => req,
                Err(why) => return note.set(Some((tr.t(i18n::invalid(why)).to_owned(), false))),
            };
            let (backend, store, error, note, doc_id) =
                (backend.clone(), store.clone(), error.clone(), note.clone(), doc.id);
            wasm_bindgen_futures::spawn_local(async move {
                match backend.queue_write::<ops::CreateAnnotation>(key, doc_id, req).await {
                    Ok(()) => {
                        error.set(None);
                        note.set(None);
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    let export = {
        let (backend, error, note) = (backend.clone(), error.clone(), note.clone());
        let doc = doc.clone();
        Callback::from(move |_: MouseEvent| {
            let (backend, error, note) = (backend.clone(), error.clone(), note.clone());
            let (id, filename) = (doc.id, export_name(&doc.title));
            wasm_bindgen_futures::spawn_local(async move {
                match backend.export_annotated(id, filename).await {
                    Ok(Exported::Downloaded(name)) => {
                        note.set(Some((format!("{}: {name}", tr.t(T::Downloaded)), true)))
                    }
                    Ok(Exported::Saved(path)) => note.set(Some((format!("{}: {path}", tr.t(T::SavedAt)), true))),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    let tool_button = |t: Tool, id: &'static str, label: T| {
        let tool = tool.clone();
        let on = *tool == t;
        html! {
            <button {id} class={classes!("btn", "btn-small", on.then_some("btn-on"))} aria-pressed={on.to_string()}
                    onclick={Callback::from(move |_| tool.set(t))}>{ tr.t(label) }</button>
        }
    };
    let swatches: Html = AnnotationColor::ALL
        .iter()
        .map(|&c| {
            let color_state = color.clone();
            let on = *color == c;
            html! {
                <button class={classes!("swatch", on.then_some("swatch-on"))} data-color={c.as_str()}
                        title={i18n::color(tr.0, c)} aria-label={i18n::color(tr.0, c)} aria-pressed={on.to_string()}
                        style={format!("background:{}", c.hex())}
                        onclick={Callback::from(move |_| color_state.set(c))}></button>
            }
        })
        .collect();
    let on_share = {
        let share = share.clone();
        Callback::from(move |e: Event| share.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let current = &doc.current.sha256;
    let on_page: Vec<AnnotationEntry> = entries
        .iter()
        .filter(|e| e.annotation.anchor.sha256 == *current && e.annotation.anchor.page == props.page)
        .cloned()
        .collect();
    let text_missing = *tool != Tool::Read && text.as_ref().is_some_and(|t| t.page == props.page && t.words.is_empty());

    html! {
        <div class="annotator">
            <div class="annot-tools" role="toolbar" aria-label={tr.t(T::AnnotationTools)}>
                { tool_button(Tool::Read, "tool-read", T::ToolRead) }
                { tool_button(Tool::Mark(AnnotationKind::Highlight), "tool-highlight", T::ToolHighlight) }
                { tool_button(Tool::Mark(AnnotationKind::Underline), "tool-underline", T::ToolUnderline) }
                { tool_button(Tool::Mark(AnnotationKind::Ink), "tool-ink", T::ToolInk) }
                { tool_button(Tool::Mark(AnnotationKind::Note), "tool-note", T::ToolNote) }
                <span class="swatches">{ swatches }</span>
                <label class="check"><input id="share-new" type="checkbox" checked={*share} onchange={on_share} />{ tr.t(T::ShareNew) }</label>
                if props.may_export {
                    <button id="export-annotated" class="btn btn-small" onclick={export}>{ tr.t(T::ExportAnnotated) }</button>
                }
            </div>
            if text_missing { <p class="muted">{ tr.t(T::NoTextOnPage) }</p> }
            if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
            if let Some((n, ok)) = &*note { <Note text={AttrValue::from(n.clone())} ok={*ok} /> }
            <div class="page-wrap">
                { props.children.clone() }
                <Layer tool={*tool} color={*color} text={(*text).clone().filter(|t| t.page == props.page)}
                       entries={Rc::new(on_page)} make={make} />
            </div>
            <AnnotationList document={doc.clone()} entries={entries.clone()} go={props.go.clone()} />
        </div>
    }
}

/// The exported file's name: the title, then "ghi-chu".
fn export_name(title: &str) -> String {
    let base: String =
        title.chars().filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')).take(80).collect();
    format!("{} - ghi chu.pdf", base.trim())
}

/// A point of the page under a pointer event on `el` (the layer, the size of the page).
pub(crate) fn point_of(el: &web_sys::Element, e: &web_sys::PointerEvent) -> Point {
    let r = el.get_bounding_client_rect();
    annotate::point_in(e.client_x() as f64, e.client_y() as f64, r.left(), r.top(), r.width(), r.height())
}
