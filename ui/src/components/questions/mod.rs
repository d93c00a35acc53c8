//! Câu hỏi, ý kiến, đề xuất of one meeting: the time left to send them, the delegate's form
//! and their own questions ([`mine`]), the secretary's aggregation ([`inbox`]) and the
//! answers of the presenting unit. What each person may do is predicted with
//! `ecab_core::questions`, the rules the server enforces.

mod inbox;
mod mine;

use std::rc::Rc;

use chrono::{DateTime, Utc};
use ecab_core::QuestionKind;
use ecab_protocol::meeting::MeetingDetail;
use ecab_protocol::ops;
use ecab_protocol::question::{QuestionEntry, SubmitQuestion};
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::BackendError;
use crate::components::error_box::{ErrorBox, Note};
use crate::components::report_button::ReportButton;
use crate::hooks::{Load, use_backend, use_load, use_now, use_store, use_tr, use_write_keys};
use crate::i18n::{self, T};
use crate::state::{Action, rules};
use crate::time;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
}

#[component]
pub fn QuestionsPanel(props: &Props) -> Html {
    let store = use_store();
    let tr = use_tr();
    let now = use_now();
    let meeting_id = props.detail.meeting.id;
    let entries = use_load(meeting_id, |backend, id| async move { backend.questions(id).await });
    let Some(me) = store.user() else { return html! {} };
    let detail = &props.detail;
    let dir = &store.directory;
    if !detail.meeting.status.is_published() {
        return html! {};
    }
    let entries: Rc<Vec<QuestionEntry>> = match entries {
        Load::Ready(e) => e,
        Load::Loading => {
            return html! { <section class="card" id="questions"><p class="muted">{ tr.t(T::Loading) }</p></section> };
        }
        Load::Failed(e) => return html! { <section class="card" id="questions"><ErrorBox error={e} /></section> },
    };
    let may_submit = rules::may_submit(me, detail, dir, now).is_ok();
    let aggregate = rules::may_aggregate(me, detail, dir);
    let mine: Vec<QuestionEntry> = entries.iter().filter(|e| e.question.authors.contains(&me.id)).cloned().collect();
    let to_answer: Vec<QuestionEntry> = entries
        .iter()
        .filter(|e| rules::may_answer(me, detail, dir, &e.question) && !e.question.authors.contains(&me.id))
        .cloned()
        .collect();
    let briefing = rules::may_view_briefing(me, detail, dir);
    if !may_submit && !aggregate && !briefing && mine.is_empty() && to_answer.is_empty() {
        return html! {};
    }
    html! {
        <section class="card" id="questions">
            <h2>{ tr.t(T::Questions) }</h2>
            { deadline_line(tr.0, detail, now) }
            if briefing {
                <p id="briefing">
                    <ReportButton op={<ops::Briefing as ops::Operation>::INFO} id={detail.meeting.id} label={T::BriefingPdf}
                        filename={tr.0.pick("Tổng hợp ý kiến.pdf", "Briefing.pdf").to_owned()} class="briefing-pdf" />
                </p>
            }
            if may_submit { <QuestionForm detail={detail.clone()} /> }
            if !mine.is_empty() { <mine::Mine detail={detail.clone()} entries={Rc::new(mine)} {now} /> }
            if !to_answer.is_empty() { <mine::ToAnswer detail={detail.clone()} entries={Rc::new(to_answer)} /> }
            if aggregate { <inbox::Inbox detail={detail.clone()} entries={entries.clone()} /> }
        </section>
    }
}

/// "Còn … để gửi ý kiến", or that the deadline has passed.
fn deadline_line(lang: i18n::Lang, detail: &MeetingDetail, now: DateTime<Utc>) -> Html {
    let m = &detail.meeting;
    let open = ecab_core::questions::is_open_for_questions(m.status, m.question_deadline.as_ref(), &now);
    let text = match (m.question_deadline, open) {
        (Some(d), true) => format!(
            "{} ({} {})",
            i18n::time_left(lang, (d - now).num_minutes().max(0)),
            T::QuestionDeadline.text(lang),
            time::date_time(d)
        ),
        (_, false) => T::DeadlineClosed.text(lang).to_owned(),
        (None, true) => T::NoDeadline.text(lang).to_owned(),
    };
    html! { <p id="question-deadline" class={classes!(if open { "muted" } else { "alert alert-warn" })}>{ text }</p> }
}

/// The agenda item a question is about, for a select: the items, then the meeting as a whole.
pub(super) fn item_options(detail: &MeetingDetail, lang: i18n::Lang, chosen: Option<Uuid>) -> Html {
    let items: Html = detail
        .agenda
        .iter()
        .map(|i| {
            let selected = chosen == Some(i.id);
            html! { <option value={i.id.to_string()} {selected}>{ format!("{}. {}", i.position + 1, i.title) }</option> }
        })
        .collect();
    html! { <>{ items }<option value="" selected={chosen.is_none()}>{ T::WholeMeeting.text(lang) }</option></> }
}

pub(super) fn kind_options(lang: i18n::Lang, chosen: QuestionKind) -> Html {
    QuestionKind::ALL
        .iter()
        .map(
            |k| html! { <option value={k.as_str()} selected={*k == chosen}>{ i18n::question_kind(lang, *k) }</option> },
        )
        .collect()
}

#[component]
fn QuestionForm(props: &Props) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let item = use_state(|| props.detail.agenda.first().map(|i| i.id));
    let kind = use_state(|| QuestionKind::Question);
    let text = use_state(String::new);
    let note = use_state(|| None::<T>);
    let error = use_state(|| None::<BackendError>);
    let busy = use_state(|| false);
    let keys = use_write_keys();
    let meeting_id = props.detail.meeting.id;

    let onsubmit = {
        let (item, kind, text, note, error, busy) =
            (item.clone(), kind.clone(), text.clone(), note.clone(), error.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = match rules::question_text(&text) {
                Ok(t) => t.to_owned(),
                Err(why) => return note.set(Some(why)),
            };
            // The question's id is its write's key: sending the same text again after a lost
            // answer names the same question, and the outbox keeps it while offline.
            let key = keys.key_for(&(*item, *kind, &body));
            let req = SubmitQuestion {
                id: key.0,
                agenda_item_id: *item,
                document_id: None,
                page: None,
                kind: *kind,
                text: body,
            };
            let (backend, store, text, note, error, busy, keys) =
                (backend.clone(), store.clone(), text.clone(), note.clone(), error.clone(), busy.clone(), keys.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = backend.queue_write::<ops::SubmitQuestion>(key, meeting_id, req).await;
                busy.set(false);
                match result {
                    Ok(()) => {
                        keys.done();
                        text.set(String::new());
                        error.set(None);
                        note.set(Some(T::Done));
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let set_item = {
        let item = item.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            item.set(el.value().parse().ok());
        })
    };
    let set_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            kind.set(QuestionKind::parse(&el.value()).unwrap_or(QuestionKind::Question));
        })
    };
    let set_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            text.set(el.value());
        })
    };
    html! {
        <form id="question-form" class="question-form" {onsubmit}>
            <div class="row">
                <select id="question-item" onchange={set_item}>{ item_options(&props.detail, tr.0, *item) }</select>
                <select id="question-kind" onchange={set_kind}>{ kind_options(tr.0, *kind) }</select>
            </div>
            <label for="question-text">{ tr.t(T::QuestionText) }</label>
            <textarea id="question-text" rows="3" value={(*text).clone()} oninput={set_text} />
            <button id="question-send" class="btn btn-primary" type="submit" disabled={*busy}>{ tr.t(T::SendQuestion) }</button>
            if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
            if let Some(n) = *note { <Note text={tr.t(n)} ok={n == T::Done} /> }
        </form>
    }
}
