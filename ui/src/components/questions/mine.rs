//! A delegate's own questions (with their status, the answer, and edit or withdraw while
//! allowed; a write the server refused keeps its text and can be dropped) and the
//! questions given to their unit to answer.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use ecab_protocol::meeting::MeetingDetail;
use ecab_protocol::ops;
use ecab_protocol::question::{AnswerQuestion, QuestionEntry, UpdateQuestion};
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::{BackendError, WriteKey};
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr};
use crate::i18n::{self, T};
use crate::state::{Action, rules};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
    pub entries: Rc<Vec<QuestionEntry>>,
    #[prop_or_default]
    pub now: Option<DateTime<Utc>>,
}

/// The item a question is about, as a short label.
pub(super) fn item_label(detail: &MeetingDetail, lang: i18n::Lang, item: Option<Uuid>) -> String {
    match item.and_then(|id| detail.agenda.iter().find(|i| i.id == id)) {
        Some(i) => format!("{}. {}", i.position + 1, i.title),
        None => T::WholeMeeting.text(lang).to_owned(),
    }
}

#[component]
pub fn Mine(props: &Props) -> Html {
    let tr = use_tr();
    let rows: Html = props.entries.iter().map(|e| html! { <MineRow key={e.question.id.to_string()} detail={props.detail.clone()} entry={e.clone()} now={props.now} /> }).collect();
    html! {
        <div id="my-questions">
            <h3>{ tr.t(T::MyQuestions) }</h3>
            <ul class="questions">{ rows }</ul>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RowProps {
    detail: Rc<MeetingDetail>,
    entry: QuestionEntry,
    now: Option<DateTime<Utc>>,
}

#[component]
fn MineRow(props: &RowProps) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let editing = use_state(|| None::<String>);
    let error = use_state(|| None::<BackendError>);
    let note = use_state(|| None::<T>);
    let Some(me) = store.user() else { return html! {} };
    let e = &props.entry;
    let q = &e.question;
    let id = q.id;
    let may_change =
        !e.pending && props.now.is_some_and(|now| rules::may_change_own(me, &props.detail, &store.directory, now, q));
    let may_withdraw =
        !e.pending && props.now.is_some_and(|now| rules::may_withdraw(me, &props.detail, &store.directory, now, q));

    let run = |write: Rc<
        dyn Fn(
            crate::backend::BackendHandle,
        ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), BackendError>>>>,
    >| {
        let (backend, store, error, editing) = (backend.clone(), store.clone(), error.clone(), editing.clone());
        Callback::from(move |_: MouseEvent| {
            let (backend, store, error, editing, write) =
                (backend.clone(), store.clone(), error.clone(), editing.clone(), write.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match write(backend).await {
                    Ok(()) => {
                        error.set(None);
                        editing.set(None);
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let withdraw = run(Rc::new(move |b| {
        Box::pin(async move { b.queue_write::<ops::WithdrawQuestion>(WriteKey::new(), id, ()).await })
    }));
    let discard = {
        let write = e.write_id;
        run(Rc::new(move |b| {
            Box::pin(async move {
                match write {
                    Some(w) => b.discard(w).await,
                    None => Ok(()),
                }
            })
        }))
    };
    let save = {
        let (editing, note) = (editing.clone(), note.clone());
        let text = (*editing).clone().unwrap_or_default();
        let checked = rules::question_text(&text).map(str::to_owned);
        let go = run(Rc::new(move |b| {
            let text = checked.clone();
            Box::pin(async move {
                let Ok(text) = text else { return Ok(()) };
                b.queue_write::<ops::UpdateQuestion>(
                    WriteKey::new(),
                    id,
                    UpdateQuestion { kind: None, text: Some(text) },
                )
                .await
            })
        }));
        let bad = rules::question_text(&text).err();
        Callback::from(move |ev: MouseEvent| match bad {
            Some(why) => note.set(Some(why)),
            None => {
                let _ = &editing;
                go.emit(ev)
            }
        })
    };
    let start_edit = {
        let (editing, text) = (editing.clone(), q.text.clone());
        Callback::from(move |_| editing.set(Some(text.clone())))
    };
    let on_text = {
        let editing = editing.clone();
        Callback::from(move |ev: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = ev.target_unchecked_into();
            editing.set(Some(el.value()));
        })
    };
    let lang = tr.0;
    let status = if e.refused.is_some() {
        html! { <span class="tag tag-secret">{ tr.t(T::NotSent) }</span> }
    } else if e.pending {
        html! { <span class="tag">{ tr.t(T::Pending) }</span> }
    } else {
        html! { <span class="tag">{ i18n::question_status(lang, q.status) }</span> }
    };
    html! {
        <li class={classes!("my-question", if e.pending { "pending" } else { "" })} data-id={id.to_string()}>
            <div class="muted">
                { format!("{} · {} · ", i18n::question_kind(lang, q.kind), item_label(&props.detail, lang, q.agenda_item_id)) }
                { status }
                if q.authors.len() > 1 { <span class="muted">{ format!(" · {} {}", tr.t(T::Authors), q.authors.len()) }</span> }
            </div>
            if let Some(text) = &*editing {
                <textarea class="question-edit" rows="3" value={text.clone()} oninput={on_text} />
                <button class="btn btn-primary q-save" onclick={save}>{ tr.t(T::SaveQuestion) }</button>
            } else {
                <p class="question-text">{ &q.text }</p>
            }
            if let Some(a) = &q.answer {
                <p class="answer"><strong>{ tr.t(T::AnswerLabel) }{ ": " }</strong>{ &a.text }</p>
            }
            <div class="row">
                if may_change && editing.is_none() {
                    <button class="btn q-edit" onclick={start_edit}>{ tr.t(T::EditQuestion) }</button>
                }
                if may_withdraw && editing.is_none() {
                    <button class="btn q-withdraw" onclick={withdraw}>{ tr.t(T::WithdrawQuestion) }</button>
                }
                if e.refused.is_some() { <button class="btn q-discard" onclick={discard}>{ tr.t(T::Discard) }</button> }
            </div>
            if let Some(r) = &e.refused { <ErrorBox error={BackendError::Server(r.clone())} /> }
            if let Some(err) = &*error { <ErrorBox error={err.clone()} /> }
            if let Some(n) = *note { <Note text={tr.t(n)} /> }
        </li>
    }
}

/// Questions given to the user's unit, each with its answer box.
#[component]
pub fn ToAnswer(props: &Props) -> Html {
    let tr = use_tr();
    let rows: Html = props.entries.iter().map(|e| html! { <AnswerRow key={e.question.id.to_string()} detail={props.detail.clone()} entry={e.clone()} now={None::<DateTime<Utc>>} /> }).collect();
    html! {
        <div id="to-answer">
            <h3>{ tr.t(T::ToAnswer) }</h3>
            <ul class="questions">{ rows }</ul>
        </div>
    }
}

#[component]
fn AnswerRow(props: &RowProps) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let q = &props.entry.question;
    let text = use_state(|| q.answer.as_ref().map(|a| a.text.clone()).unwrap_or_default());
    let error = use_state(|| None::<BackendError>);
    let note = use_state(|| None::<T>);
    let id = q.id;
    let send = {
        let (text, error, note) = (text.clone(), error.clone(), note.clone());
        Callback::from(move |_: MouseEvent| {
            let body = match rules::question_text(&text) {
                Ok(t) => t.to_owned(),
                Err(why) => return note.set(Some(why)),
            };
            let (backend, store, error, note) = (backend.clone(), store.clone(), error.clone(), note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match backend.write::<ops::AnswerQuestion>(WriteKey::new(), id, AnswerQuestion { text: body }).await {
                    Ok(_) => {
                        error.set(None);
                        note.set(Some(T::Done));
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |ev: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = ev.target_unchecked_into();
            text.set(el.value());
        })
    };
    let lang = tr.0;
    html! {
        <li class="to-answer" data-id={id.to_string()}>
            <div class="muted">{ format!("{} · {} · {}", i18n::question_kind(lang, q.kind), item_label(&props.detail, lang, q.agenda_item_id), i18n::question_status(lang, q.status)) }</div>
            <p class="question-text">{ &q.text }</p>
            <label>{ tr.t(T::AnswerLabel) }</label>
            <textarea class="answer-text" rows="3" value={(*text).clone()} oninput={on_text} />
            <button class="btn btn-primary q-answer" onclick={send}>{ tr.t(T::SendAnswer) }</button>
            if let Some(err) = &*error { <ErrorBox error={err.clone()} /> }
            if let Some(n) = *note { <Note text={tr.t(n)} ok={n == T::Done} /> }
        </li>
    }
}
