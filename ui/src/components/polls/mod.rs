//! Phiếu lấy ý kiến of one meeting: each poll with its question, document, deadline and
//! status; a member's answer form; the tally and, for the staff, every member's answer and
//! who has not answered; the secretary's form ([`form`]). What each person may do is
//! predicted with `ecab_core::polls`, the rules the server enforces.

mod answer;
mod form;

use std::rc::Rc;

use chrono::{DateTime, Utc};
use ecab_core::polls::{Outcome, Tally};
use ecab_core::{PollChoice, PollStatus};
use ecab_protocol::meeting::MeetingDetail;
use ecab_protocol::ops::{self, Operation};
use ecab_protocol::poll::Poll;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::backend::{BackendError, WriteKey};
use crate::components::error_box::ErrorBox;
use crate::components::report_button::ReportButton;
use crate::hooks::{use_backend, use_now, use_store, use_tr};
use crate::i18n::{self, Lang, T};
use crate::state::{Action, Directory, rules};
use crate::time;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
}

#[component]
pub fn PollsPanel(props: &Props) -> Html {
    let store = use_store();
    let tr = use_tr();
    let now = use_now();
    let Some(me) = store.user() else { return html! {} };
    let detail = &props.detail;
    let prepare = rules::may_prepare_poll(me, detail, &store.directory);
    if detail.polls.is_empty() && !prepare {
        return html! {};
    }
    html! {
        <section class="card" id="polls">
            <h2>{ tr.t(T::Polls) }</h2>
            if detail.polls.is_empty() { <p class="muted">{ tr.t(T::NoPolls) }</p> }
            { for detail.polls.iter().map(|p| html! { <PollCard key={p.id.to_string()} detail={detail.clone()} poll={p.clone()} {now} /> }) }
            if prepare { <form::PollForm detail={detail.clone()} /> }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    detail: Rc<MeetingDetail>,
    poll: Poll,
    now: DateTime<Utc>,
}

/// Which staff write a button sends.
#[derive(Clone, Copy)]
enum StaffWrite {
    Send,
    Close,
    Delete,
}

#[component]
fn PollCard(props: &CardProps) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let error = use_state(|| None::<BackendError>);
    let Some(me) = store.user() else { return html! {} };
    let (detail, p, now, lang) = (&props.detail, &props.poll, props.now, tr.0);
    let dir = &store.directory;
    let can = rules::poll_actions(me, detail, dir, p, now);
    let status = rules::poll_status(p, now);
    let staff = |what: StaffWrite| {
        let (backend, store, error, id) = (backend.clone(), store.clone(), error.clone(), p.id);
        Callback::from(move |_: MouseEvent| {
            let (backend, store, error) = (backend.clone(), store.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let key = WriteKey::new();
                let result = match what {
                    StaffWrite::Send => backend.write::<ops::SendPoll>(key, id, ()).await.map(drop),
                    StaffWrite::Close => backend.write::<ops::ClosePoll>(key, id, ()).await.map(drop),
                    StaffWrite::Delete => backend.write::<ops::DeletePoll>(key, id, ()).await,
                };
                match result {
                    Ok(()) => {
                        error.set(None);
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let doc = p.document_id.and_then(|d| detail.documents.iter().find(|x| x.id == d));
    let mine = p.answer_of(me.id);
    html! {
        <article class="poll" data-id={p.id.to_string()} data-status={status.as_str()}>
            <div class="poll-head">
                <span class={classes!("tag", format!("poll-{}", status.as_str()))}>{ i18n::poll_status(lang, status) }</span>
                <span class="muted">{ format!(" {}: {}", T::PollDeadline.text(lang), time::date_time(p.deadline)) }</span>
                if status == PollStatus::Open {
                    <span class="muted poll-left">{ format!(" · {}", i18n::poll_time_left(lang, (p.deadline - now).num_minutes().max(0))) }</span>
                }
            </div>
            <p class="poll-question">{ &p.question }</p>
            if let Some(d) = doc {
                <p class="poll-doc">
                    <span class="muted">{ format!("{}: ", T::PollDocument.text(lang)) }</span>
                    <Link<Route> to={Route::Reader { meeting: detail.meeting.id, document: d.id }} classes="doc-link">{ &d.title }</Link<Route>>
                </p>
            }
            if let Some(a) = mine {
                <p class="poll-mine" data-choice={a.choice.as_str()} data-pending={a.pending.to_string()}>
                    <strong>{ format!("{}: {}", T::YourAnswer.text(lang), i18n::poll_choice(lang, a.choice)) }</strong>
                    if !a.comment.is_empty() { { format!(" – {}", a.comment) } }
                    if a.pending { <span class="muted">{ format!(" ({})", T::AnswerPending.text(lang)) }</span> }
                </p>
            }
            if can.answer { <answer::AnswerForm poll={p.id} mine={mine.cloned()} /> }
            if let Some(t) = p.tally { { tally(lang, t, status) } }
            if can.sees_answers && status != PollStatus::Draft { { answers(lang, dir, p) } }
            <div class="row poll-actions">
                if can.send { <button class="btn btn-primary poll-send" onclick={staff(StaffWrite::Send)}>{ tr.t(T::SendPoll) }</button> }
                if can.edit { <button class="btn poll-delete" onclick={staff(StaffWrite::Delete)}>{ tr.t(T::DeletePoll) }</button> }
                if can.close { <button class="btn poll-close" onclick={staff(StaffWrite::Close)}>{ tr.t(T::ClosePoll) }</button> }
                if can.sees_answers && status != PollStatus::Draft {
                    <ReportButton op={<ops::PollResult as Operation>::INFO} id={p.id} label={T::PollResultPdf}
                        filename={lang.pick("Kết quả lấy ý kiến.pdf", "Poll result.pdf").to_owned()} class="poll-result" />
                }
            </div>
            if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
        </article>
    }
}

/// The count of each answer as bars, "Đã trả lời 9/13" and what it decides.
fn tally(lang: Lang, t: Tally, status: PollStatus) -> Html {
    let total = t.total().max(1);
    let bar = |class: &'static str, label: &str, n: u32| {
        let width = format!("width: {}%", n * 100 / total);
        html! {
            <div class={classes!("poll-bar", class)}>
                <span class="poll-bar-label">{ format!("{label}: {n}") }</span>
                <span class="poll-bar-fill" style={width}></span>
            </div>
        }
    };
    let (outcome, text) = match t.outcome(status) {
        Outcome::Passed => ("passed", T::PollPassed),
        Outcome::NotPassed => ("not_passed", T::PollNotPassed),
        Outcome::Pending => ("pending", T::PollPending),
    };
    html! {
        <div class="poll-tally" data-agree={t.agree.to_string()} data-disagree={t.disagree.to_string()}
             data-other={t.other.to_string()} data-unanswered={t.unanswered.to_string()}>
            { bar("agree", i18n::poll_choice(lang, PollChoice::Agree), t.agree) }
            { bar("disagree", i18n::poll_choice(lang, PollChoice::Disagree), t.disagree) }
            { bar("other", i18n::poll_choice(lang, PollChoice::Other), t.other) }
            { bar("unanswered", T::NotAnswered.text(lang), t.unanswered) }
            <p class="muted">{ i18n::answered_of(lang, t.answered(), t.total()) }</p>
            <p class="poll-outcome" data-outcome={outcome}>{ text.text(lang) }</p>
        </div>
    }
}

/// Every member asked, with their answer or "Chưa trả lời" (the staff).
fn answers(lang: Lang, dir: &Directory, p: &Poll) -> Html {
    let rows: Html = p
        .voters
        .iter()
        .map(|v| {
            let name = dir.user(*v).map(|u| format!("{} – {}", u.full_name, u.title)).unwrap_or_default();
            let a = p.answer_of(*v);
            let choice = a.map_or("none", |a| a.choice.as_str());
            html! {
                <li class="poll-voter" key={v.to_string()} data-user={v.to_string()} data-choice={choice}>
                    { name }{ ": " }
                    <strong>{ a.map_or(T::NotAnswered.text(lang), |a| i18n::poll_choice(lang, a.choice)) }</strong>
                    if let Some(a) = a.filter(|a| !a.comment.is_empty()) { <span class="muted">{ format!(" – {}", a.comment) }</span> }
                </li>
            }
        })
        .collect();
    html! {
        <details class="poll-answers" open=true>
            <summary>{ T::AnswersOfMembers.text(lang) }</summary>
            <ul class="people">{ rows }</ul>
        </details>
    }
}
