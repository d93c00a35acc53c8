//! One meeting: details, status, agenda with presenters, times and documents,
//! participants and bridge points; the workflow buttons; the secretary's editors.

use chrono::Duration;
use ecab_core::{Confidentiality, MeetingStatus};
use ecab_protocol::document::Document;
use ecab_protocol::meeting::MeetingDetail;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::agenda_editor::AgendaEditor;
use crate::components::attendance::AttendancePanel;
use crate::components::error_box::ErrorBox;
use crate::components::invitees_editor::InviteesEditor;
use crate::components::polls::PollsPanel;
use crate::components::questions::QuestionsPanel;
use crate::components::speakers::SpeakersPanel;
use crate::components::status_badge::StatusBadge;
use crate::components::upload_form::UploadForm;
use crate::components::workflow_bar::WorkflowBar;
use crate::hooks::{Load, use_load, use_store, use_tr};
use crate::i18n::{self, Lang, T};
use crate::state::rules;
use crate::time;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: Uuid,
}

#[component]
pub fn MeetingPage(props: &Props) -> Html {
    let store = use_store();
    let tr = use_tr();
    let detail = use_load(props.id, |backend, id| async move { backend.meeting(id).await });
    let detail = match detail {
        Load::Loading => return html! { <p class="muted">{ tr.t(T::Loading) }</p> },
        Load::Failed(e) => {
            return html! {
                <>
                    <Link<Route> to={Route::Home}>{ tr.t(T::BackToMeetings) }</Link<Route>>
                    <ErrorBox error={e} />
                </>
            };
        }
        Load::Ready(d) => d,
    };
    let Some(me) = store.user() else { return html! {} };
    let dir = &store.directory;
    let lang = tr.0;
    let m = &detail.meeting;
    let editable = rules::may_edit(me, &detail, dir);
    let rel = rules::relation(me, &detail, dir);
    let locked = rel.owner && matches!(m.status, MeetingStatus::InReview | MeetingStatus::Approved);

    let doc_list = |docs: Vec<&Document>| -> Html {
        if docs.is_empty() {
            return html! {};
        }
        html! {
            <ul class="doc-list">
                { for docs.into_iter().map(|d| doc_row(lang, m.id, d, rules::read_by(me, &detail, dir, d.id))) }
            </ul>
        }
    };

    // Each item's start: the meeting's start plus the minutes before it.
    let mut at = m.starts_at;
    let agenda: Html = detail
        .agenda
        .iter()
        .map(|item| {
            let starts = at;
            at += Duration::minutes(item.minutes as i64);
            let unit = item.presenting_unit_id.and_then(|u| dir.unit(u)).map(|u| u.name.clone());
            let docs: Vec<&Document> = detail.documents.iter().filter(|d| d.agenda_item_id == Some(item.id)).collect();
            html! {
                <li class="agenda-item" key={item.id.to_string()}>
                    <div class="agenda-time">
                        <span class="clock">{ time::clock(starts) }</span>
                        <span class="muted">{ i18n::minutes(lang, item.minutes) }</span>
                    </div>
                    <div class="agenda-body">
                        <div class="agenda-title">{ format!("{}. {}", item.position + 1, item.title) }</div>
                        if !item.presenter.is_empty() || unit.is_some() {
                            <div class="agenda-presenter">
                                <span class="muted">{ tr.t(T::Presenter) }{ ": " }</span>
                                { &item.presenter }
                                if let Some(u) = unit { <span class="muted">{ format!(" – {u}") }</span> }
                            </div>
                        }
                        if !item.summary.is_empty() { <p class="muted">{ &item.summary }</p> }
                        { doc_list(docs) }
                    </div>
                </li>
            }
        })
        .collect();
    let general: Vec<&Document> = detail.documents.iter().filter(|d| d.agenda_item_id.is_none()).collect();

    html! {
        <div class="meeting">
            <Link<Route> to={Route::Home} classes="back">{ tr.t(T::BackToMeetings) }</Link<Route>>
            <section class="card meeting-head">
                <h1 id="meeting-title">{ &m.title }</h1>
                <div class="meeting-meta">
                    <StatusBadge status={m.status} stage={m.review_stage} />
                    <span>{ i18n::meeting_kind(lang, m.kind) }</span>
                    if m.confidentiality == Confidentiality::Confidential {
                        <span class="tag tag-secret">{ i18n::confidentiality(lang, m.confidentiality) }</span>
                    }
                </div>
                <dl class="facts">
                    <dt>{ tr.t(T::Time) }</dt><dd>{ time::span(lang, m.starts_at, m.ends_at) }</dd>
                    <dt>{ tr.t(T::Place) }</dt><dd>{ &m.place }</dd>
                    <dt>{ tr.t(T::Chair) }</dt><dd>{ person(&detail, dir, m.chair_id) }</dd>
                    <dt>{ tr.t(T::Secretary) }</dt><dd>{ person(&detail, dir, m.secretary_id) }</dd>
                    if let Some(d) = m.question_deadline {
                        <dt>{ tr.t(T::QuestionDeadline) }</dt><dd>{ time::date_time(d) }</dd>
                    }
                </dl>
                if let Some(reason) = m.rejection_reason.as_ref().filter(|_| m.status == MeetingStatus::Draft) {
                    <div class="alert alert-warn" id="rejection-reason">
                        <strong>{ tr.t(T::ReturnedWithReason) }</strong>{ " " }{ reason }
                    </div>
                }
                <WorkflowBar detail={detail.clone()} />
                if locked { <p class="muted">{ tr.t(T::LockedHint) }</p> }
            </section>

            <section class="card">
                <h2>{ tr.t(T::Agenda) }</h2>
                if detail.agenda.is_empty() {
                    <p class="muted">{ tr.t(T::NoAgenda) }</p>
                } else {
                    <ol class="agenda" id="agenda">{ agenda }</ol>
                }
                if !general.is_empty() {
                    <h3>{ tr.t(T::DocumentsOfMeeting) }</h3>
                    { doc_list(general) }
                }
                if detail.documents.is_empty() { <p class="muted">{ tr.t(T::NoDocuments) }</p> }
            </section>

            <PollsPanel detail={detail.clone()} />

            <AttendancePanel detail={detail.clone()} />

            <QuestionsPanel detail={detail.clone()} />

            <SpeakersPanel detail={detail.clone()} />

            { participants(lang, &detail, dir) }

            if editable {
                <AgendaEditor detail={detail.clone()} />
                <UploadForm detail={detail.clone()} />
                <InviteesEditor detail={detail.clone()} />
            }
        </div>
    }
}

fn person(_detail: &MeetingDetail, dir: &crate::state::Directory, id: Uuid) -> Html {
    match dir.user(id) {
        Some(u) => html! { <>{ &u.full_name }<span class="muted">{ format!(" – {}", u.title) }</span></> },
        None => html! {},
    }
}

fn doc_row(lang: Lang, meeting: Uuid, d: &Document, read: Option<(usize, usize)>) -> Html {
    html! {
        <li class="doc" key={d.id.to_string()}>
            <Link<Route> to={Route::Reader { meeting, document: d.id }} classes="doc-link">{ &d.title }</Link<Route>>
            <span class="muted">
                { format!(" · {} · {}", i18n::document_kind(lang, d.kind), i18n::pages_count(lang, d.current.page_count)) }
            </span>
            if d.current.version > 1 {
                <span class="muted">{ format!(" · {} {}", T::Version.text(lang), d.current.version) }</span>
            }
            if d.confidentiality == Confidentiality::Confidential {
                <span class="tag tag-secret">{ i18n::confidentiality(lang, d.confidentiality) }</span>
            }
            if let Some((n, of)) = read {
                <span class="doc-reads muted" data-read={n.to_string()} data-of={of.to_string()}>{ format!(" · {}", i18n::read_by(lang, n, of)) }</span>
            }
        </li>
    }
}

fn participants(lang: Lang, detail: &MeetingDetail, dir: &crate::state::Directory) -> Html {
    let delegates: Html = detail
        .invitees
        .delegate_ids
        .iter()
        .filter_map(|id| dir.user(*id))
        .map(|u| html! { <li key={u.id.to_string()}>{ &u.full_name }<span class="muted">{ format!(" – {}", u.title) }</span></li> })
        .collect();
    let mut points: Vec<_> = detail.invitees.bridge_point_ids.iter().filter_map(|id| dir.bridge_point(*id)).collect();
    points.sort_by_key(|b| (!b.main, b.name.clone()));
    let points: Html = points
        .into_iter()
        .map(|b| {
            html! {
                <li key={b.id.to_string()}>
                    { &b.name }
                    if b.main { <span class="tag">{ T::MainBridgePoint.text(lang) }</span> }
                </li>
            }
        })
        .collect();
    html! {
        <section class="card" id="participants">
            <h2>{ T::Participants.text(lang) }</h2>
            <p class="muted">{ i18n::invited_count(lang, detail.invitees.delegate_ids.len(), detail.invitees.bridge_point_ids.len()) }</p>
            <div class="two-col">
                <div>
                    <h3>{ T::Delegates.text(lang) }</h3>
                    if detail.invitees.delegate_ids.is_empty() {
                        <p class="muted">{ T::NoneInvited.text(lang) }</p>
                    } else {
                        <ul class="people">{ delegates }</ul>
                    }
                </div>
                <div>
                    <h3>{ T::BridgePoints.text(lang) }</h3>
                    if detail.invitees.bridge_point_ids.is_empty() {
                        <p class="muted">{ T::NoneInvited.text(lang) }</p>
                    } else {
                        <ul class="people">{ points }</ul>
                    }
                </div>
            </div>
        </section>
    }
}
