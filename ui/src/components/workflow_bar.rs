//! Trình duyệt / Rút lại / Phê duyệt / Trả lại (with a required reason) / Phát hành:
//! only the buttons ecab-core says this user may press now.

use std::rc::Rc;

use ecab_core::Transition;
use ecab_protocol::meeting::MeetingDetail;
use ecab_protocol::ops;
use yew::prelude::*;

use crate::backend::BackendError;
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr, use_write_keys};
use crate::i18n::T;
use crate::state::{Action, rules};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
}

#[component]
pub fn WorkflowBar(props: &Props) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let keys = use_write_keys();
    let busy = use_state(|| false);
    let error = use_state(|| None::<BackendError>);
    let note = use_state(|| None::<T>);
    let rejecting = use_state(|| false);
    let reason = use_state(String::new);

    let Some(me) = store.user() else { return html! {} };
    let actions = rules::actions(me, &props.detail, &store.directory);
    if actions.is_empty() {
        return html! {};
    }
    let meeting_id = props.detail.meeting.id;
    let empty_agenda = props.detail.agenda.is_empty();

    let run = {
        let (busy, error, note, keys, store) = (busy.clone(), error.clone(), note.clone(), keys.clone(), store.clone());
        let rejecting = rejecting.clone();
        let reason_state = reason.clone();
        Callback::from(move |t: Transition| {
            if let Transition::Reject { reason } = &t
                && let Err(why) = rules::return_reason(reason)
            {
                note.set(Some(why));
                return;
            }
            let key = keys.key_for(&(meeting_id, &t));
            let (backend, busy, error, note, keys, store) =
                (backend.clone(), busy.clone(), error.clone(), note.clone(), keys.clone(), store.clone());
            let (rejecting, reason_state) = (rejecting.clone(), reason_state.clone());
            busy.set(true);
            note.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let result = backend.write::<ops::TransitionMeeting>(key, meeting_id, t).await;
                busy.set(false);
                match result {
                    Ok(_) => {
                        keys.done();
                        error.set(None);
                        rejecting.set(false);
                        reason_state.set(String::new());
                        note.set(Some(T::Done));
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    let button = |t: Transition, label: T, class: &'static str, id: &'static str| {
        let run = run.clone();
        let rejecting = rejecting.clone();
        let is_reject = matches!(t, Transition::Reject { .. });
        let disabled = *busy || (matches!(t, Transition::Submit) && empty_agenda);
        let onclick = Callback::from(move |_| {
            if is_reject {
                rejecting.set(true);
            } else {
                run.emit(t.clone());
            }
        });
        html! { <button {id} class={classes!("btn", class)} {disabled} {onclick}>{ tr.t(label) }</button> }
    };

    let buttons: Html = actions
        .iter()
        .map(|t| match t {
            Transition::Submit => button(Transition::Submit, T::Submit, "btn-primary", "act-submit"),
            Transition::Approve => button(Transition::Approve, T::Approve, "btn-primary", "act-approve"),
            Transition::Reject { .. } => {
                button(Transition::Reject { reason: String::new() }, T::Reject, "btn-danger", "act-reject")
            }
            Transition::Publish => button(Transition::Publish, T::Publish, "btn-primary", "act-publish"),
            Transition::Withdraw => button(Transition::Withdraw, T::Withdraw, "", "act-withdraw"),
            _ => html! {},
        })
        .collect();

    let reject_form = (*rejecting).then(|| {
        let oninput = {
            let reason = reason.clone();
            Callback::from(move |e: InputEvent| {
                let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
                reason.set(el.value());
            })
        };
        let confirm = {
            let run = run.clone();
            let reason = reason.clone();
            Callback::from(move |_| run.emit(Transition::Reject { reason: (*reason).clone() }))
        };
        let cancel = {
            let rejecting = rejecting.clone();
            Callback::from(move |_| rejecting.set(false))
        };
        html! {
            <div class="reject-form">
                <label for="reject-reason">{ tr.t(T::RejectReason) }</label>
                <textarea id="reject-reason" rows="3" value={(*reason).clone()} {oninput} />
                <div class="row">
                    <button id="act-reject-confirm" class="btn btn-danger" disabled={*busy} onclick={confirm}>
                        { tr.t(T::ConfirmReject) }
                    </button>
                    <button class="btn" onclick={cancel}>{ tr.t(T::Cancel) }</button>
                </div>
            </div>
        }
    });

    html! {
        <div class="workflow">
            <div class="row">{ buttons }</div>
            if empty_agenda && actions.contains(&Transition::Submit) {
                <p class="muted">{ tr.t(T::EmptyAgendaHint) }</p>
            }
            { for reject_form }
            if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
            if let Some(n) = *note { <Note text={tr.t(n)} ok={n == T::Done} /> }
        </div>
    }
}
