//! Tải tài liệu lên: a PDF for an agenda item or the whole meeting, with a progress bar.
//! The server checks the file with pdfium after the last byte; meanwhile the bar is full
//! and the ui says so.

use std::rc::Rc;

use ecab_core::{Confidentiality, DocumentKind};
use ecab_protocol::document::DocumentMeta;
use ecab_protocol::meeting::MeetingDetail;
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::{BackendError, UploadProgress};
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr, use_write_keys};
use crate::i18n::{self, T};
use crate::state::{Action, rules};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
}

#[derive(Clone, PartialEq)]
struct Fields {
    title: String,
    kind: DocumentKind,
    item: Option<Uuid>,
    confidentiality: Confidentiality,
}

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Sending(u32),
    Checking,
    Done,
    Failed(BackendError),
    Invalid(T),
}

#[component]
pub fn UploadForm(props: &Props) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let keys = use_write_keys();
    let file_ref = use_node_ref();
    let fields = use_state(|| Fields {
        title: String::new(),
        kind: DocumentKind::Report,
        item: props.detail.agenda.first().map(|i| i.id),
        confidentiality: Confidentiality::Normal,
    });
    let stage = use_state(|| Stage::Idle);
    let file_name = use_state(|| None::<String>);
    let meeting_id = props.detail.meeting.id;

    let on_title = {
        let fields = fields.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            fields.set(Fields { title: input.value(), ..(*fields).clone() });
        })
    };
    let on_file = {
        let (fields, file_name) = (fields.clone(), file_name.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let file = input.files().and_then(|f| f.get(0));
            file_name.set(file.as_ref().map(|f| f.name()));
            if let Some(file) = file
                && fields.title.trim().is_empty()
            {
                let name = file.name();
                let stem = name.strip_suffix(".pdf").or_else(|| name.strip_suffix(".PDF")).unwrap_or(&name);
                fields.set(Fields { title: stem.to_string(), ..(*fields).clone() });
            }
        })
    };
    let on_kind = {
        let fields = fields.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let kind = DocumentKind::parse(&select.value()).unwrap_or(DocumentKind::Other);
            fields.set(Fields { kind, ..(*fields).clone() });
        })
    };
    let on_item = {
        let fields = fields.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            fields.set(Fields { item: select.value().parse().ok(), ..(*fields).clone() });
        })
    };
    let on_conf = {
        let fields = fields.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let confidentiality = Confidentiality::parse(&select.value()).unwrap_or(Confidentiality::Normal);
            fields.set(Fields { confidentiality, ..(*fields).clone() });
        })
    };

    let onsubmit = {
        let (fields, stage, file_ref, keys, store, file_name) =
            (fields.clone(), stage.clone(), file_ref.clone(), keys.clone(), store.clone(), file_name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = file_ref.cast::<web_sys::HtmlInputElement>() else { return };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return stage.set(Stage::Invalid(T::ChooseFile));
            };
            if let Err(t) = rules::title(&fields.title) {
                return stage.set(Stage::Invalid(t));
            }
            let f = (*fields).clone();
            let fingerprint =
                (meeting_id, &f.title, f.kind, f.item, f.confidentiality, file.name(), file.size() as u64);
            let key = keys.key_for(&fingerprint);
            let meta = DocumentMeta {
                id: Some(key.0),
                title: f.title.trim().to_string(),
                kind: f.kind,
                agenda_item_id: f.item,
                confidentiality: f.confidentiality,
            };
            let progress = {
                let stage = stage.clone();
                Callback::from(move |p: UploadProgress| {
                    if p.total > 0.0 {
                        let pct = ((p.sent / p.total) * 100.0).round() as u32;
                        stage.set(if pct >= 100 { Stage::Checking } else { Stage::Sending(pct) });
                    }
                })
            };
            let (backend, stage, keys, store, input, fields, file_name) = (
                backend.clone(),
                stage.clone(),
                keys.clone(),
                store.clone(),
                input.clone(),
                fields.clone(),
                file_name.clone(),
            );
            stage.set(Stage::Sending(0));
            wasm_bindgen_futures::spawn_local(async move {
                match backend.upload_document(key, meeting_id, meta, file, progress).await {
                    Ok(_) => {
                        keys.done();
                        input.set_value("");
                        file_name.set(None);
                        fields.set(Fields { title: String::new(), ..(*fields).clone() });
                        stage.set(Stage::Done);
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => stage.set(Stage::Failed(e)),
                }
            });
        })
    };

    let busy = matches!(*stage, Stage::Sending(_) | Stage::Checking);
    let lang = tr.0;
    let item_options: Html = props
        .detail
        .agenda
        .iter()
        .map(|i| {
            let selected = fields.item == Some(i.id);
            html! { <option value={i.id.to_string()} {selected}>{ format!("{}. {}", i.position + 1, i.title) }</option> }
        })
        .collect();
    let kind_options: Html = DocumentKind::ALL
        .iter()
        .map(|k| {
            let selected = fields.kind == *k;
            html! { <option value={k.as_str()} {selected}>{ i18n::document_kind(lang, *k) }</option> }
        })
        .collect();
    let conf_options: Html = Confidentiality::ALL
        .iter()
        .map(|c| {
            let selected = fields.confidentiality == *c;
            html! { <option value={c.as_str()} {selected}>{ i18n::confidentiality(lang, *c) }</option> }
        })
        .collect();
    let progress = match &*stage {
        Stage::Sending(pct) => Some((*pct, i18n::upload_percent(lang, *pct))),
        Stage::Checking => Some((100, tr.t(T::Checking).to_string())),
        _ => None,
    };

    html! {
        <section class="card" id="upload">
            <h2>{ tr.t(T::UploadDocument) }</h2>
            <form class="upload-form" {onsubmit}>
                <div class="field">
                    <span class="field-label">{ tr.t(T::PdfFile) }</span>
                    <div class="file-pick">
                        <label for="upload-file" class="btn">{ tr.t(T::PickFile) }</label>
                        <input id="upload-file" class="visually-hidden" type="file" accept="application/pdf,.pdf"
                               ref={file_ref} onchange={on_file} disabled={busy} />
                        <span class="file-name">
                            { file_name.as_deref().unwrap_or(tr.t(T::NoFileChosen)).to_string() }
                        </span>
                    </div>
                </div>
                <label class="grow">{ tr.t(T::DocTitle) }
                    <input id="upload-title" type="text" value={fields.title.clone()} oninput={on_title} />
                </label>
                <label>{ tr.t(T::AttachTo) }
                    <select id="upload-item" onchange={on_item}>
                        { item_options }
                        <option value="" selected={fields.item.is_none()}>{ tr.t(T::WholeMeeting) }</option>
                    </select>
                </label>
                <label>{ tr.t(T::DocKind) }
                    <select id="upload-kind" onchange={on_kind}>{ kind_options }</select>
                </label>
                <label>{ tr.t(T::Confidentiality) }
                    <select id="upload-conf" onchange={on_conf}>{ conf_options }</select>
                </label>
                <div class="row">
                    <button id="upload-submit" class="btn btn-primary" type="submit" disabled={busy}>
                        { tr.t(T::Upload) }
                    </button>
                </div>
            </form>
            if let Some((pct, label)) = progress {
                <div class="progress-wrap">
                    <progress id="upload-progress" max="100" value={pct.to_string()}></progress>
                    <span class="progress-label">{ label }</span>
                </div>
            }
            {
                match &*stage {
                    Stage::Done => html! { <Note text={tr.t(T::Uploaded)} ok=true /> },
                    Stage::Failed(e) => html! { <ErrorBox error={e.clone()} /> },
                    Stage::Invalid(t) => html! { <Note text={tr.t(*t)} /> },
                    _ => html! {},
                }
            }
        </section>
    }
}
