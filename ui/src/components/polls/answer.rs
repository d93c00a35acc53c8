//! A member's answer to an open poll: agree, disagree or another opinion, with a comment.
//! Sent through the outbox, so an answer given offline is kept and delivered later.

use ecab_core::PollChoice;
use ecab_protocol::ops;
use ecab_protocol::poll::{AnswerPoll, PollAnswer};
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::{BackendError, WriteKey};
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr};
use crate::i18n::{self, T};
use crate::state::{Action, rules};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub poll: Uuid,
    pub mine: Option<PollAnswer>,
}

#[component]
pub fn AnswerForm(props: &Props) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let choice = use_state(|| props.mine.as_ref().map(|a| a.choice));
    let comment = use_state(|| props.mine.as_ref().map(|a| a.comment.clone()).unwrap_or_default());
    let note = use_state(|| None::<T>);
    let error = use_state(|| None::<BackendError>);
    let poll = props.poll;
    let onsubmit = {
        let (backend, store, choice, comment, note, error) =
            (backend.clone(), store.clone(), choice.clone(), comment.clone(), note.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(c) = *choice else { return note.set(Some(T::FieldRequired)) };
            let text = match rules::poll_comment(c, &comment) {
                Ok(t) => t.to_owned(),
                Err(why) => return note.set(Some(why)),
            };
            let req = AnswerPoll { choice: c, comment: text };
            let (backend, store, note, error) = (backend.clone(), store.clone(), note.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match backend.queue_write::<ops::AnswerPoll>(WriteKey::new(), poll, req).await {
                    Ok(()) => {
                        error.set(None);
                        note.set(Some(T::Done));
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let pick = |c: PollChoice| {
        let choice = choice.clone();
        Callback::from(move |_: Event| choice.set(Some(c)))
    };
    let set_comment = {
        let comment = comment.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            comment.set(el.value());
        })
    };
    let name = format!("poll-choice-{poll}");
    let options: Html = PollChoice::ALL
        .iter()
        .map(|&c| {
            html! {
                <label class="poll-choice">
                    <input type="radio" name={name.clone()} value={c.as_str()} checked={*choice == Some(c)} onchange={pick(c)} />
                    { i18n::poll_choice(tr.0, c) }
                </label>
            }
        })
        .collect();
    html! {
        <form class="poll-answer-form" {onsubmit}>
            <div class="row poll-choices">{ options }</div>
            <textarea class="poll-comment" rows="2" placeholder={tr.t(T::PollComment)} value={(*comment).clone()} oninput={set_comment} />
            <button class="btn btn-primary poll-answer" type="submit">{ tr.t(T::SendPollAnswer) }</button>
            if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
            if let Some(n) = *note { <Note text={tr.t(n)} ok={n == T::Done} /> }
        </form>
    }
}
