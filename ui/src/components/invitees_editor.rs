//! Mời tham dự: delegates and bridge points as checkbox lists, saved together.

use std::collections::BTreeSet;
use std::rc::Rc;

use ecab_core::Role;
use ecab_protocol::meeting::{MeetingDetail, SetInvitees};
use ecab_protocol::ops;
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::BackendError;
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr, use_write_keys};
use crate::i18n::{self, T};
use crate::state::{Action, rules};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
}

#[component]
pub fn InviteesEditor(props: &Props) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let keys = use_write_keys();
    let delegates = use_state(|| props.detail.invitees.delegate_ids.iter().copied().collect::<BTreeSet<Uuid>>());
    let points = use_state(|| props.detail.invitees.bridge_point_ids.iter().copied().collect::<BTreeSet<Uuid>>());
    let busy = use_state(|| false);
    let outcome = use_state(|| None::<Result<(), BackendError>>);
    let meeting_id = props.detail.meeting.id;
    let dir = store.directory.clone();

    let toggle = |set: UseStateHandle<BTreeSet<Uuid>>, id: Uuid| {
        Callback::from(move |_: Event| {
            let mut next = (*set).clone();
            if !next.remove(&id) {
                next.insert(id);
            }
            set.set(next);
        })
    };
    let all = |set: UseStateHandle<BTreeSet<Uuid>>, ids: Vec<Uuid>| {
        Callback::from(move |_| set.set(ids.iter().copied().collect()))
    };
    let none = |set: UseStateHandle<BTreeSet<Uuid>>| Callback::from(move |_| set.set(BTreeSet::new()));

    let save = {
        let (delegates, points, busy, outcome, keys, store) =
            (delegates.clone(), points.clone(), busy.clone(), outcome.clone(), keys.clone(), store.clone());
        Callback::from(move |_| {
            let req = SetInvitees {
                delegate_ids: delegates.iter().copied().collect(),
                bridge_point_ids: points.iter().copied().collect(),
            };
            let key = keys.key_for(&(meeting_id, &req));
            let (backend, busy, outcome, keys, store) =
                (backend.clone(), busy.clone(), outcome.clone(), keys.clone(), store.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = backend.write::<ops::SetInvitees>(key, meeting_id, req).await;
                busy.set(false);
                match result {
                    Ok(_) => {
                        keys.done();
                        outcome.set(Some(Ok(())));
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => outcome.set(Some(Err(e))),
                }
            });
        })
    };

    // Everyone the server accepts as a delegate, delegates by role first.
    let mut people: Vec<_> = dir.users.iter().filter(|u| rules::may_be_delegate(u)).collect();
    people.sort_by_key(|u| u.role != Role::Delegate);
    let people_ids: Vec<Uuid> = people.iter().map(|u| u.id).collect();
    let point_ids: Vec<Uuid> = dir.bridge_points.iter().map(|b| b.id).collect();

    let delegate_rows: Html = people
        .iter()
        .map(|u| {
            let checked = delegates.contains(&u.id);
            html! {
                <label class="check" key={u.id.to_string()}>
                    <input type="checkbox" {checked} data-username={u.username.clone()}
                           onchange={toggle(delegates.clone(), u.id)} />
                    <span>{ &u.full_name }</span>
                    <span class="muted">{ &u.title }</span>
                </label>
            }
        })
        .collect();
    let point_rows: Html = dir
        .bridge_points
        .iter()
        .map(|b| {
            let checked = points.contains(&b.id);
            html! {
                <label class="check" key={b.id.to_string()}>
                    <input type="checkbox" {checked} onchange={toggle(points.clone(), b.id)} />
                    <span>{ &b.name }</span>
                    if b.main { <span class="tag">{ tr.t(T::MainBridgePoint) }</span> }
                </label>
            }
        })
        .collect();

    html! {
        <section class="card" id="invitees">
            <h2>{ tr.t(T::Invite) }</h2>
            <p class="muted">{ i18n::invited_count(tr.0, delegates.len(), points.len()) }</p>
            <div class="two-col">
                <fieldset>
                    <legend>{ tr.t(T::Delegates) }</legend>
                    <div class="row">
                        <button class="btn btn-small" type="button" onclick={all(delegates.clone(), people_ids)}>{ tr.t(T::SelectAll) }</button>
                        <button class="btn btn-small" type="button" onclick={none(delegates.clone())}>{ tr.t(T::SelectNone) }</button>
                    </div>
                    <div class="check-list" id="invite-delegates">{ delegate_rows }</div>
                </fieldset>
                <fieldset>
                    <legend>{ tr.t(T::BridgePoints) }</legend>
                    <div class="row">
                        <button class="btn btn-small" type="button" onclick={all(points.clone(), point_ids)}>{ tr.t(T::SelectAll) }</button>
                        <button class="btn btn-small" type="button" onclick={none(points.clone())}>{ tr.t(T::SelectNone) }</button>
                    </div>
                    <div class="check-list" id="invite-points">{ point_rows }</div>
                </fieldset>
            </div>
            <div class="row">
                <button id="invitees-save" class="btn btn-primary" disabled={*busy} onclick={save}>
                    { if *busy { tr.t(T::Saving) } else { tr.t(T::SaveInvitees) } }
                </button>
            </div>
            {
                match &*outcome {
                    Some(Ok(())) => html! { <Note text={tr.t(T::Saved)} ok=true /> },
                    Some(Err(e)) => html! { <ErrorBox error={e.clone()} /> },
                    None => html! {},
                }
            }
        </section>
    }
}
