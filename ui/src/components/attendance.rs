//! Attendance before the meeting: the invitee's reply (attend, absent with a reason, or a
//! deputy of their unit), the deputy's note, and the roll at a glance for the staff. What
//! each may do is predicted with `ecab_core::attendance`, the rules the server enforces.

use std::rc::Rc;

use ecab_core::Attendance;
use ecab_core::attendance::tally;
use ecab_protocol::attendance::{Reply, SetReply};
use ecab_protocol::meeting::MeetingDetail;
use ecab_protocol::ops;
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::{BackendError, WriteKey};
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr};
use crate::i18n::{self, T};
use crate::state::{Action, Directory, rules};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
}

#[derive(Properties, PartialEq)]
struct ReplyProps {
    detail: Rc<MeetingDetail>,
    /// The invitee the secretary replies for (a phone call to the office); none: one's own.
    #[prop_or_default]
    on_behalf: Option<Uuid>,
}

fn name(dir: &Directory, id: Uuid) -> String {
    dir.user(id).map_or_else(|| id.to_string(), |u| u.full_name.clone())
}

/// What a reply says, in a line: "Vắng mặt: lý do", "Cử người dự thay: tên".
fn reply_line(lang: i18n::Lang, dir: &Directory, r: &Reply) -> String {
    let label = i18n::attendance(lang, r.status);
    match (r.status, r.deputy_id) {
        (Attendance::Deputy, Some(d)) => format!("{label}: {}", name(dir, d)),
        (_, _) if !r.reason.is_empty() => format!("{label}: {}", r.reason),
        _ => label.to_owned(),
    }
}

#[component]
pub fn AttendancePanel(props: &Props) -> Html {
    let store = use_store();
    let tr = use_tr();
    let behalf = use_state(|| None::<Uuid>);
    let Some(me) = store.user() else { return html! {} };
    let detail = &props.detail;
    let dir = &store.directory;
    if !detail.meeting.status.is_published() {
        return html! {};
    }
    let rel = rules::relation(me, detail, dir);
    let staff = ecab_core::access::is_staff(ecab_core::Actor { role: me.role }, rel);
    let standing_in: Vec<&Reply> =
        detail.replies.iter().filter(|r| r.status == Attendance::Deputy && r.deputy_id == Some(me.id)).collect();
    let invited = rel.delegate && !rel.deputy;
    if !(invited || staff || !standing_in.is_empty()) {
        return html! {};
    }
    html! {
        <section class="card" id="attendance">
            <h2>{ tr.t(T::Attendance) }</h2>
            { for standing_in.iter().map(|r| html! {
                <p class="alert" id="deputy-for">{ format!("{} {}.", tr.t(T::DeputyFor), name(dir, r.user_id)) }</p>
            }) }
            if invited { <MyReply detail={detail.clone()} /> }
            if staff { { roll(tr.0, me, detail, dir, behalf.clone()) } }
            if let Some(invitee) = *behalf {
                <MyReply key={invitee.to_string()} detail={detail.clone()} on_behalf={Some(invitee)} />
            }
        </section>
    }
}

/// The staff's roll: the count of each reply, then every invitee with theirs.
fn roll(
    lang: i18n::Lang,
    me: &ecab_protocol::auth::User,
    detail: &MeetingDetail,
    dir: &Directory,
    behalf: UseStateHandle<Option<Uuid>>,
) -> Html {
    let replies: Vec<Reply> = detail.invitees.delegate_ids.iter().map(|id| rules::reply_of(detail, *id)).collect();
    let counts = tally(replies.iter().map(|r| r.status));
    let summary =
        counts.iter().map(|(a, n)| format!("{} {n}", i18n::attendance(lang, *a))).collect::<Vec<_>>().join(" · ");
    let rows: Html = replies
        .iter()
        .map(|r| {
            let title = dir.user(r.user_id).map(|u| u.title.clone()).unwrap_or_default();
            html! {
                <tr class="roll-row" data-status={r.status.as_str()} key={r.user_id.to_string()}>
                    <td>{ name(dir, r.user_id) }<div class="muted">{ title }</div></td>
                    <td>{ reply_line(lang, dir, r) }</td>
                    <td>
                        if rules::may_reply_for(me, detail, dir, r.user_id) && r.user_id != me.id {
                            <button class="btn btn-small reply-behalf" data-user={r.user_id.to_string()}
                                    onclick={{ let (behalf, id) = (behalf.clone(), r.user_id); Callback::from(move |_: MouseEvent| behalf.set(Some(id))) }}>
                                { T::ReplyOnBehalf.text(lang) }
                            </button>
                        }
                    </td>
                    <td class="roll-reads muted">{ { let (n, of) = rules::documents_read(detail, r.user_id); i18n::documents_read(lang, n, of) } }</td>
                </tr>
            }
        })
        .collect();
    html! {
        <div id="roll">
            <h3>{ T::Roll.text(lang) }</h3>
            <p id="roll-tally" class="muted">{ summary }</p>
            <table class="roll"><tbody>{ rows }</tbody></table>
        </div>
    }
}

#[component]
fn MyReply(props: &ReplyProps) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let choice = use_state(|| None::<Attendance>);
    let reason = use_state(String::new);
    let deputy = use_state(|| None::<Uuid>);
    let note = use_state(|| None::<T>);
    let error = use_state(|| None::<BackendError>);
    let Some(me) = store.user() else { return html! {} };
    let invitee = props.on_behalf.unwrap_or(me.id);
    let detail = &props.detail;
    let dir = &store.directory;
    let current = rules::reply_of(detail, invitee);
    let may = rules::may_reply_for(me, detail, dir, invitee);
    let lang = tr.0;

    let send = {
        let (backend, store, choice, reason, deputy, note, error) = (
            backend.clone(),
            store.clone(),
            choice.clone(),
            reason.clone(),
            deputy.clone(),
            note.clone(),
            error.clone(),
        );
        let (detail, dir, me_id) = (detail.clone(), store.directory.clone(), invitee);
        Callback::from(move |status: Attendance| {
            let chosen_deputy = if status == Attendance::Deputy { *deputy } else { None };
            let text = if status == Attendance::Absent { (*reason).clone() } else { String::new() };
            let checked = match rules::reply_form(&detail, &dir, me_id, status, &text, chosen_deputy) {
                Ok(r) => r,
                Err(why) => return note.set(Some(why)),
            };
            let req = SetReply { status, reason: checked, deputy_id: chosen_deputy };
            let (backend, store, choice, note, error) =
                (backend.clone(), store.clone(), choice.clone(), note.clone(), error.clone());
            let meeting = detail.meeting.id;
            wasm_bindgen_futures::spawn_local(async move {
                match backend.queue_write::<ops::SetReply>(WriteKey::new(), (meeting, me_id), req).await {
                    Ok(()) => {
                        error.set(None);
                        choice.set(None);
                        note.set(Some(T::Done));
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let pick = |a: Attendance| {
        let (choice, send, note) = (choice.clone(), send.clone(), note.clone());
        Callback::from(move |_: MouseEvent| {
            note.set(None);
            if a == Attendance::Attending { send.emit(a) } else { choice.set(Some(a)) }
        })
    };
    let on_reason = {
        let reason = reason.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            reason.set(el.value());
        })
    };
    let on_deputy = {
        let deputy = deputy.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            deputy.set(el.value().parse().ok());
        })
    };
    let confirm = {
        let (send, choice) = (send.clone(), choice.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(a) = *choice {
                send.emit(a)
            }
        })
    };
    let candidates = rules::deputy_candidates(detail, dir, invitee);
    let options: Html = candidates
        .iter()
        .map(|u| {
            let selected = *deputy == Some(u.id);
            html! { <option value={u.id.to_string()} {selected}>{ format!("{} – {}", u.full_name, u.title) }</option> }
        })
        .collect();
    html! {
        <div id={if props.on_behalf.is_some() { "behalf-reply" } else { "my-reply" }} data-user={invitee.to_string()}>
            <p>
                if props.on_behalf.is_some() {
                    <strong>{ format!("{} {}: ", tr.t(T::ReplyFor), name(dir, invitee)) }</strong>
                } else {
                    <strong>{ tr.t(T::MyReply) }{ ": " }</strong>
                }
                <span id="my-reply-status" data-status={current.status.as_str()}>{ reply_line(lang, dir, &current) }</span>
            </p>
            if may {
                <div class="row">
                    <button class="btn btn-primary" id="reply-attending" onclick={pick(Attendance::Attending)}>{ tr.t(T::ReplyAttending) }</button>
                    <button class="btn" id="reply-absent" onclick={pick(Attendance::Absent)}>{ tr.t(T::ReplyAbsent) }</button>
                    <button class="btn" id="reply-deputy" onclick={pick(Attendance::Deputy)}>{ tr.t(T::ReplyDeputy) }</button>
                </div>
            }
            if *choice == Some(Attendance::Absent) {
                <label>{ tr.t(T::AbsenceReason) }
                    <textarea id="reply-reason" rows="2" value={(*reason).clone()} oninput={on_reason} />
                </label>
                <button class="btn btn-primary" id="reply-send" onclick={confirm.clone()}>{ tr.t(T::SendReply) }</button>
            }
            if *choice == Some(Attendance::Deputy) {
                if candidates.is_empty() {
                    <p class="muted">{ tr.t(T::NoDeputyCandidates) }</p>
                } else {
                    <label>{ tr.t(T::DeputyLabel) }
                        <select id="reply-deputy-select" onchange={on_deputy}>
                            <option value="" selected={deputy.is_none()}>{ tr.t(T::ChooseDeputy) }</option>
                            { options }
                        </select>
                    </label>
                    <button class="btn btn-primary" id="reply-send" onclick={confirm}>{ tr.t(T::SendReply) }</button>
                }
            }
            if let Some(err) = &*error { <ErrorBox error={err.clone()} /> }
            if let Some(n) = *note { <Note text={tr.t(n)} /> }
        </div>
    }
}
