//! The secretary's form for a new poll: the question, one of the meeting's documents and
//! the deadline (dd/MM/yyyy HH:mm, Asia/Ho_Chi_Minh). Saved as a draft, then sent from its
//! card.

use std::rc::Rc;

use ecab_protocol::meeting::MeetingDetail;
use ecab_protocol::ops;
use ecab_protocol::poll::CreatePoll;
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::BackendError;
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr, use_write_keys};
use crate::i18n::T;
use crate::state::{Action, rules};
use crate::time;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
}

#[component]
pub fn PollForm(props: &Props) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let keys = use_write_keys();
    let question = use_state(String::new);
    let document = use_state(|| props.detail.documents.first().map(|d| d.id));
    let date = use_state(|| time::date_of(time::local_day(props.detail.meeting.ends_at)));
    let clock = use_state(|| "17:00".to_owned());
    let note = use_state(|| None::<T>);
    let error = use_state(|| None::<BackendError>);
    let meeting = props.detail.meeting.id;
    let onsubmit = {
        let (backend, store, keys) = (backend.clone(), store.clone(), keys.clone());
        let (question, document, date, clock, note, error) =
            (question.clone(), document.clone(), date.clone(), clock.clone(), note.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = match rules::poll_question(&question) {
                Ok(t) => t.to_owned(),
                Err(why) => return note.set(Some(why)),
            };
            let Some(day) = time::parse_date(&date) else { return note.set(Some(T::BadDate)) };
            let Some(at) = time::parse_clock(&clock) else { return note.set(Some(T::BadTime)) };
            let deadline = time::at_local(day, at);
            if deadline <= time::now() {
                return note.set(Some(T::DeadlineInPast));
            }
            // The poll's id is its write's key: saving again after a lost answer saves once.
            let key = keys.key_for(&(&text, *document, deadline));
            let req = CreatePoll { id: key.0, document_id: *document, question: text, deadline };
            let (backend, store, keys, question, note, error) =
                (backend.clone(), store.clone(), keys.clone(), question.clone(), note.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match backend.write::<ops::CreatePoll>(key, meeting, req).await {
                    Ok(_) => {
                        keys.done();
                        question.set(String::new());
                        error.set(None);
                        note.set(Some(T::Done));
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let text_input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.set(el.value());
        })
    };
    let set_question = {
        let question = question.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            question.set(el.value());
        })
    };
    let set_document = {
        let document = document.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            document.set(el.value().parse::<Uuid>().ok());
        })
    };
    let options: Html = props
        .detail
        .documents
        .iter()
        .map(|d| html! { <option value={d.id.to_string()} selected={*document == Some(d.id)}>{ &d.title }</option> })
        .collect();
    html! {
        <form id="poll-form" class="poll-form" {onsubmit}>
            <h3>{ tr.t(T::NewPoll) }</h3>
            <label for="poll-question">{ tr.t(T::PollQuestion) }</label>
            <textarea id="poll-question" rows="3" value={(*question).clone()} oninput={set_question} />
            <label for="poll-doc">{ tr.t(T::PollDocument) }</label>
            <select id="poll-doc" onchange={set_document}>
                { options }
                <option value="" selected={document.is_none()}>{ tr.t(T::NoDocument) }</option>
            </select>
            <label for="poll-date">{ tr.t(T::PollDeadline) }</label>
            <div class="row">
                <input id="poll-date" type="text" placeholder="dd/MM/yyyy" value={(*date).clone()} oninput={text_input(&date)} />
                <input id="poll-time" type="text" placeholder="HH:mm" value={(*clock).clone()} oninput={text_input(&clock)} />
            </div>
            <button id="poll-save" class="btn btn-primary" type="submit">{ tr.t(T::SavePollDraft) }</button>
            if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
            if let Some(n) = *note { <Note text={tr.t(n)} ok={n == T::Done} /> }
        </form>
    }
}
