//! Registrations to speak (đăng ký phát biểu) per agenda item, in the order they came, and
//! the form to register. Kept for the live meeting's speaking list.

use std::rc::Rc;

use ecab_protocol::attendance::{RegisterToSpeak, Speaker};
use ecab_protocol::meeting::MeetingDetail;
use ecab_protocol::ops;
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::{BackendError, WriteKey};
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr, use_write_keys};
use crate::i18n::T;
use crate::state::{Action, rules};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
}

#[component]
pub fn SpeakersPanel(props: &Props) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let keys = use_write_keys();
    let item = use_state(|| props.detail.agenda.first().map(|i| i.id));
    let topic = use_state(String::new);
    let note = use_state(|| None::<T>);
    let error = use_state(|| None::<BackendError>);
    let Some(me) = store.user() else { return html! {} };
    let detail = &props.detail;
    let dir = &store.directory;
    if !detail.meeting.status.is_published() || detail.agenda.is_empty() {
        return html! {};
    }
    let may_register = rules::may_register(me, detail, dir);
    if detail.speakers.is_empty() && !may_register {
        return html! {};
    }
    let meeting = detail.meeting.id;

    let run = {
        let (backend, store, error, note) = (backend.clone(), store.clone(), error.clone(), note.clone());
        move |write: Rc<
            dyn Fn(
                crate::backend::BackendHandle,
            ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), BackendError>>>>,
        >,
              done: Option<Callback<()>>| {
            let (backend, store, error, note) = (backend.clone(), store.clone(), error.clone(), note.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match write(backend).await {
                    Ok(()) => {
                        error.set(None);
                        note.set(Some(T::Done));
                        if let Some(d) = done {
                            d.emit(());
                        }
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let onsubmit = {
        let (item, topic, note, run, keys) = (item.clone(), topic.clone(), note.clone(), run.clone(), keys.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(agenda_item_id) = *item else { return };
            let text = match rules::speak_topic(&topic) {
                Ok(t) => t.to_owned(),
                Err(why) => return note.set(Some(why)),
            };
            // The registration's id is its write's key: a retry registers once.
            let key = keys.key_for(&(agenda_item_id, &text));
            let req = RegisterToSpeak { id: key.0, agenda_item_id, topic: text };
            let (topic, keys) = (topic.clone(), keys.clone());
            let done = Callback::from(move |()| {
                keys.done();
                topic.set(String::new());
            });
            run(
                Rc::new(move |b| {
                    let req = req.clone();
                    Box::pin(async move { b.queue_write::<ops::RegisterToSpeak>(key, meeting, req).await })
                }),
                Some(done),
            );
        })
    };
    let withdraw = |id: Uuid| {
        let run = run.clone();
        Callback::from(move |_: MouseEvent| {
            run(
                Rc::new(move |b| {
                    Box::pin(async move { b.queue_write::<ops::WithdrawSpeaker>(WriteKey::new(), id, ()).await })
                }),
                None,
            )
        })
    };
    let set_item = {
        let item = item.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            item.set(el.value().parse().ok());
        })
    };
    let set_topic = {
        let topic = topic.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            topic.set(el.value());
        })
    };
    let row = |s: &Speaker| {
        let who = dir.user(s.user_id).map(|u| format!("{} – {}", u.full_name, u.title)).unwrap_or_default();
        html! {
            <li class="speaker-item" data-user={s.user_id.to_string()} key={s.id.to_string()}>
                { who }
                if !s.topic.is_empty() { <span class="muted">{ format!(": {}", s.topic) }</span> }
                if rules::may_withdraw_speaker(me, detail, dir, s) {
                    { " " }<button class="btn speak-withdraw" onclick={withdraw(s.id)}>{ tr.t(T::WithdrawRegistration) }</button>
                }
            </li>
        }
    };
    let items: Html = detail
        .agenda
        .iter()
        .filter(|i| detail.speakers.iter().any(|s| s.agenda_item_id == i.id))
        .map(|i| {
            html! {
                <li key={i.id.to_string()}>
                    <strong>{ format!("{}. {}", i.position + 1, i.title) }</strong>
                    <ol class="speakers">{ for detail.speakers.iter().filter(|s| s.agenda_item_id == i.id).map(&row) }</ol>
                </li>
            }
        })
        .collect();
    let options: Html = detail
        .agenda
        .iter()
        .map(|i| html! { <option value={i.id.to_string()} selected={*item == Some(i.id)}>{ format!("{}. {}", i.position + 1, i.title) }</option> })
        .collect();
    html! {
        <section class="card" id="speakers">
            <h2>{ tr.t(T::Speakers) }</h2>
            if detail.speakers.is_empty() { <p class="muted">{ tr.t(T::NoSpeakers) }</p> } else { <ul class="speaker-items">{ items }</ul> }
            if may_register {
                <form id="speak-form" {onsubmit}>
                    <select id="speak-item" onchange={set_item}>{ options }</select>
                    <input id="speak-topic" placeholder={tr.t(T::SpeakTopic)} value={(*topic).clone()} oninput={set_topic} />
                    <button class="btn btn-primary" id="speak-send" type="submit">{ tr.t(T::RegisterToSpeak) }</button>
                </form>
            }
            if let Some(err) = &*error { <ErrorBox error={err.clone()} /> }
            if let Some(n) = *note { <Note text={tr.t(n)} /> }
        </section>
    }
}
