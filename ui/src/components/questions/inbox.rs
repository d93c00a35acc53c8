//! Tổng hợp ý kiến: the secretary's inbox, one list per agenda item, in the secretary's
//! order. Select duplicates and merge them (the first selected keeps every author), move a
//! question up or down, mark it for discussion, give it to a unit to answer.

use std::collections::HashSet;
use std::rc::Rc;

use ecab_protocol::meeting::MeetingDetail;
use ecab_protocol::ops;
use ecab_protocol::question::{
    AssignQuestion, MarkQuestion, MergeQuestions, Question, QuestionEntry, ReorderQuestions,
};
use uuid::Uuid;
use yew::prelude::*;

use super::mine::item_label;
use crate::backend::{BackendError, BackendHandle, WriteKey};
use crate::components::error_box::ErrorBox;
use crate::hooks::{use_backend, use_store, use_tr};
use crate::i18n::{self, T};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
    pub entries: Rc<Vec<QuestionEntry>>,
}

#[component]
pub fn Inbox(props: &Props) -> Html {
    let tr = use_tr();
    let mut groups: Vec<Option<Uuid>> = props.detail.agenda.iter().map(|i| Some(i.id)).collect();
    groups.push(None);
    let lists: Html = groups
        .into_iter()
        .map(|item| {
            let open: Vec<Question> = props
                .entries
                .iter()
                .map(|e| &e.question)
                .filter(|q| q.agenda_item_id == item && q.status.is_open())
                .cloned()
                .collect();
            html! { <ItemInbox key={item.map(|i| i.to_string()).unwrap_or_default()} detail={props.detail.clone()} {item} questions={Rc::new(open)} /> }
        })
        .collect();
    html! {
        <div id="inbox">
            <h3>{ tr.t(T::Inbox) }</h3>
            { lists }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    detail: Rc<MeetingDetail>,
    item: Option<Uuid>,
    questions: Rc<Vec<Question>>,
}

type Job = Rc<dyn Fn(BackendHandle) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), BackendError>>>>>;

#[component]
fn ItemInbox(props: &ItemProps) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let selected = use_state(HashSet::<Uuid>::new);
    let error = use_state(|| None::<BackendError>);
    if props.questions.is_empty() {
        return html! {};
    }
    let lang = tr.0;
    let dir = store.directory.clone();
    let meeting = props.detail.meeting.id;
    let item = props.item;

    let run = {
        let (backend, store, error, selected) = (backend.clone(), store.clone(), error.clone(), selected.clone());
        move |job: Job| {
            let (backend, store, error, selected) = (backend.clone(), store.clone(), error.clone(), selected.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match job(backend).await {
                    Ok(()) => {
                        error.set(None);
                        selected.set(HashSet::new());
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let order: Vec<Uuid> = props.questions.iter().map(|q| q.id).collect();
    let merge = {
        let (run, selected, order) = (run.clone(), selected.clone(), order.clone());
        Callback::from(move |_: MouseEvent| {
            let chosen: Vec<Uuid> = order.iter().copied().filter(|id| selected.contains(id)).collect();
            let Some((&into, rest)) = chosen.split_first() else { return };
            let rest = rest.to_vec();
            run(Rc::new(move |b| {
                let rest = rest.clone();
                Box::pin(async move {
                    b.write::<ops::MergeQuestions>(WriteKey::new(), into, MergeQuestions { question_ids: rest })
                        .await
                        .map(|_| ())
                })
            }));
        })
    };
    let rows: Html = props
        .questions
        .iter()
        .enumerate()
        .map(|(n, q)| {
            let id = q.id;
            let toggle = {
                let selected = selected.clone();
                Callback::from(move |_: Event| {
                    let mut s = (*selected).clone();
                    if !s.remove(&id) {
                        s.insert(id);
                    }
                    selected.set(s);
                })
            };
            let mark = {
                let run = run.clone();
                let next = !q.for_discussion;
                Callback::from(move |_: MouseEvent| {
                    run(Rc::new(move |b| {
                        Box::pin(async move {
                            b.write::<ops::MarkQuestion>(WriteKey::new(), id, MarkQuestion { for_discussion: next }).await.map(|_| ())
                        })
                    }))
                })
            };
            let assign = {
                let run = run.clone();
                Callback::from(move |e: Event| {
                    let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
                    let unit_id: Option<Uuid> = el.value().parse().ok();
                    run(Rc::new(move |b| {
                        Box::pin(async move {
                            b.write::<ops::AssignQuestion>(WriteKey::new(), id, AssignQuestion { unit_id }).await.map(|_| ())
                        })
                    }))
                })
            };
            let mover = |to: Option<usize>| {
                let run = run.clone();
                let order = order.clone();
                Callback::from(move |_: MouseEvent| {
                    let Some(to) = to else { return };
                    let mut next = order.clone();
                    next.swap(n, to);
                    run(Rc::new(move |b| {
                        let next = next.clone();
                        Box::pin(async move {
                            let req = ReorderQuestions { agenda_item_id: item, question_ids: next };
                            b.write::<ops::ReorderQuestions>(WriteKey::new(), meeting, req).await.map(|_| ())
                        })
                    }))
                })
            };
            let up = mover(n.checked_sub(1));
            let down = mover((n + 1 < order.len()).then_some(n + 1));
            let authors = q
                .authors
                .iter()
                .map(|a| dir.user(*a).map(|u| u.full_name.clone()).unwrap_or_else(|| a.to_string()))
                .collect::<Vec<_>>()
                .join(", ");
            let units: Html = dir
                .units
                .iter()
                .map(|u| html! { <option value={u.id.to_string()} selected={q.assigned_unit_id == Some(u.id)}>{ &u.name }</option> })
                .collect();
            html! {
                <li class={classes!("inbox-q", if q.for_discussion { "for-discussion" } else { "" })} key={id.to_string()} data-id={id.to_string()}>
                    <div class="row">
                        <input type="checkbox" class="q-select" checked={selected.contains(&id)} onchange={toggle} />
                        <span class="muted">{ format!("{} · {}", i18n::question_kind(lang, q.kind), i18n::question_status(lang, q.status)) }</span>
                    </div>
                    <p class="question-text">{ &q.text }</p>
                    <p class="muted q-authors">{ format!("{}: {authors}", tr.t(T::Authors)) }</p>
                    if let Some(a) = &q.answer { <p class="answer"><strong>{ tr.t(T::AnswerLabel) }{ ": " }</strong>{ &a.text }</p> }
                    <div class="row">
                        <button class={classes!("btn", "q-mark", if q.for_discussion { "btn-primary" } else { "" })} onclick={mark}>{ tr.t(T::ForDiscussion) }</button>
                        <select class="q-assign" onchange={assign} aria-label={tr.t(T::AssignTo)}>
                            <option value="" selected={q.assigned_unit_id.is_none()}>{ tr.t(T::NotAssigned) }</option>
                            { units }
                        </select>
                        <button class="btn q-up" disabled={n == 0} onclick={up}>{ tr.t(T::MoveUp) }</button>
                        <button class="btn q-down" disabled={n + 1 == order.len()} onclick={down}>{ tr.t(T::MoveDown) }</button>
                    </div>
                </li>
            }
        })
        .collect();
    html! {
        <div class="inbox-item" data-item={item.map(|i| i.to_string()).unwrap_or_default()}>
            <h4>{ item_label(&props.detail, lang, item) }</h4>
            <ol class="questions">{ rows }</ol>
            <button class="btn q-merge" disabled={selected.len() < 2} onclick={merge}>{ tr.t(T::MergeSelected) }</button>
            if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
        </div>
    }
}
