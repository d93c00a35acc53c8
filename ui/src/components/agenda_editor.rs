//! The secretary's agenda: add, edit, move up/down, remove. A form keeps what was typed
//! when the server refuses it; it clears only after success.

use std::rc::Rc;

use ecab_protocol::meeting::{AgendaItem, CreateAgendaItem, MeetingDetail, ReorderAgenda, UpdateAgendaItem};
use ecab_protocol::ops;
use uuid::Uuid;
use yew::prelude::*;

use crate::backend::BackendError;
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr, use_write_keys};
use crate::i18n::{self, T};
use crate::state::{Action, rules};

#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ItemFields {
    pub title: String,
    pub presenter: String,
    pub unit: Option<Uuid>,
    pub minutes: String,
}

impl ItemFields {
    fn of(item: &AgendaItem) -> Self {
        ItemFields {
            title: item.title.clone(),
            presenter: item.presenter.clone(),
            unit: item.presenting_unit_id,
            minutes: item.minutes.to_string(),
        }
    }

    /// Checked before sending: a title, minutes as a number the server accepts.
    fn check(&self) -> Result<u32, T> {
        rules::title(&self.title)?;
        let text = self.minutes.trim();
        if text.is_empty() {
            return Ok(0);
        }
        rules::agenda_minutes(text.parse::<u32>().map_err(|_| T::BadMinutes)?)
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub detail: Rc<MeetingDetail>,
}

#[derive(Clone, Copy, PartialEq)]
enum Op {
    Add,
    Edit(Uuid),
    Move,
    Remove,
}

#[component]
pub fn AgendaEditor(props: &Props) -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let add_keys = use_write_keys();
    let edit_keys = use_write_keys();
    let move_keys = use_write_keys();
    let remove_keys = use_write_keys();
    let busy = use_state(|| false);
    let failure = use_state(|| None::<(Op, BackendError)>);
    let check = use_state(|| None::<(Op, T)>);
    let editing = use_state(|| None::<Uuid>);
    // A new generation remounts the add form empty after a success.
    let add_generation = use_state(|| 0u32);
    let meeting_id = props.detail.meeting.id;
    let agenda = props.detail.agenda.clone();

    // Run one write; on success refresh everything and call `after`.
    let perform = {
        let (busy, failure, store) = (busy.clone(), failure.clone(), store.clone());
        move |op: Op, fut: crate::backend::Fut<'static, ()>, after: Box<dyn FnOnce()>| {
            let (busy, failure, store) = (busy.clone(), failure.clone(), store.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = fut.await;
                busy.set(false);
                match result {
                    Ok(()) => {
                        failure.set(None);
                        after();
                        store.dispatch(Action::Refresh);
                    }
                    Err(e) => failure.set(Some((op, e))),
                }
            });
        }
    };

    let on_add = {
        let (backend, keys, check, perform, add_generation) =
            (backend.clone(), add_keys.clone(), check.clone(), perform.clone(), add_generation.clone());
        Callback::from(move |fields: ItemFields| {
            let minutes = match fields.check() {
                Ok(m) => m,
                Err(t) => return check.set(Some((Op::Add, t))),
            };
            check.set(None);
            let key = keys.key_for(&(meeting_id, &fields));
            let req = CreateAgendaItem {
                id: Some(key.0),
                title: fields.title.trim().to_string(),
                presenter: fields.presenter.trim().to_string(),
                presenting_unit_id: fields.unit,
                minutes,
                summary: String::new(),
                position: None,
            };
            let backend = backend.clone();
            let fut =
                Box::pin(async move { backend.write::<ops::AddAgendaItem>(key, meeting_id, req).await.map(|_| ()) });
            let (keys, add_generation) = (keys.clone(), add_generation.clone());
            perform(
                Op::Add,
                fut,
                Box::new(move || {
                    keys.done();
                    add_generation.set(*add_generation + 1);
                }),
            );
        })
    };

    let on_edit = {
        let (backend, keys, check, perform, editing) =
            (backend.clone(), edit_keys.clone(), check.clone(), perform.clone(), editing.clone());
        Callback::from(move |(item, fields): (Uuid, ItemFields)| {
            let minutes = match fields.check() {
                Ok(m) => m,
                Err(t) => return check.set(Some((Op::Edit(item), t))),
            };
            check.set(None);
            let req = UpdateAgendaItem {
                title: Some(fields.title.trim().to_string()),
                presenter: Some(fields.presenter.trim().to_string()),
                presenting_unit_id: fields.unit,
                minutes: Some(minutes),
                summary: None,
            };
            let key = keys.key_for(&(item, &req));
            let backend = backend.clone();
            let fut = Box::pin(async move { backend.write::<ops::UpdateAgendaItem>(key, item, req).await.map(|_| ()) });
            let (keys, editing) = (keys.clone(), editing.clone());
            perform(
                Op::Edit(item),
                fut,
                Box::new(move || {
                    keys.done();
                    editing.set(None);
                }),
            );
        })
    };

    let on_move = {
        let (backend, keys, perform, agenda) = (backend.clone(), move_keys.clone(), perform.clone(), agenda.clone());
        Callback::from(move |(index, up): (usize, bool)| {
            let mut order: Vec<Uuid> = agenda.iter().map(|i| i.id).collect();
            let other = if up { index.checked_sub(1) } else { Some(index + 1).filter(|i| *i < order.len()) };
            let Some(other) = other else { return };
            order.swap(index, other);
            let req = ReorderAgenda { item_ids: order };
            let key = keys.key_for(&(meeting_id, &req));
            let backend = backend.clone();
            let fut =
                Box::pin(async move { backend.write::<ops::ReorderAgenda>(key, meeting_id, req).await.map(|_| ()) });
            let keys = keys.clone();
            perform(Op::Move, fut, Box::new(move || keys.done()));
        })
    };

    let on_remove = {
        let (backend, keys, perform) = (backend.clone(), remove_keys.clone(), perform.clone());
        let lang = tr.0;
        Callback::from(move |item: Uuid| {
            let sure = web_sys::window()
                .and_then(|w| w.confirm_with_message(T::ConfirmRemove.text(lang)).ok())
                .unwrap_or(false);
            if !sure {
                return;
            }
            let key = keys.key_for(&item);
            let backend = backend.clone();
            let fut = Box::pin(async move { backend.write::<ops::RemoveAgendaItem>(key, item, ()).await });
            let keys = keys.clone();
            perform(Op::Remove, fut, Box::new(move || keys.done()));
        })
    };

    let problem = |op: Op| -> Html {
        html! {
            <>
                if let Some((o, t)) = &*check && *o == op { <Note text={tr.t(*t)} /> }
                if let Some((o, e)) = &*failure && *o == op { <ErrorBox error={e.clone()} /> }
            </>
        }
    };

    let units = store.directory.units.clone();
    let last = agenda.len().saturating_sub(1);
    let rows: Html = agenda
        .iter()
        .enumerate()
        .map(|(i, item)| {
            if *editing == Some(item.id) {
                let id = item.id;
                let on_edit = on_edit.clone();
                let editing = editing.clone();
                return html! {
                    <li key={id.to_string()} class="agenda-edit-row">
                        <ItemForm initial={ItemFields::of(item)} units={units.clone()} busy={*busy}
                                  submit={T::Save} on_submit={Callback::from(move |f| on_edit.emit((id, f)))}
                                  on_cancel={Some(Callback::from(move |_| editing.set(None)))} />
                        { problem(Op::Edit(id)) }
                    </li>
                };
            }
            let (id, on_move_up, on_move_down) = (item.id, on_move.clone(), on_move.clone());
            let (on_remove, editing) = (on_remove.clone(), editing.clone());
            html! {
                <li key={item.id.to_string()} class="agenda-edit-row">
                    <span class="agenda-num">{ format!("{}.", i + 1) }</span>
                    <span class="agenda-edit-title">{ &item.title }</span>
                    <span class="muted">{ i18n::minutes(tr.0, item.minutes) }</span>
                    <span class="row-actions">
                        <button class="btn btn-small" disabled={*busy || i == 0} title={tr.t(T::MoveUp)}
                                onclick={Callback::from(move |_| on_move_up.emit((i, true)))}>{ tr.t(T::MoveUp) }</button>
                        <button class="btn btn-small" disabled={*busy || i == last} title={tr.t(T::MoveDown)}
                                onclick={Callback::from(move |_| on_move_down.emit((i, false)))}>{ tr.t(T::MoveDown) }</button>
                        <button class="btn btn-small" disabled={*busy}
                                onclick={Callback::from(move |_| editing.set(Some(id)))}>{ tr.t(T::Edit) }</button>
                        <button class="btn btn-small btn-danger" disabled={*busy}
                                onclick={Callback::from(move |_| on_remove.emit(id))}>{ tr.t(T::Remove) }</button>
                    </span>
                </li>
            }
        })
        .collect();

    html! {
        <section class="card" id="agenda-editor">
            <h2>{ tr.t(T::EditAgenda) }</h2>
            <ol class="agenda-edit">{ rows }</ol>
            { problem(Op::Move) }
            { problem(Op::Remove) }
            <h3>{ tr.t(T::AddItem) }</h3>
            <ItemForm key={add_generation.to_string()} initial={ItemFields::default()} units={units}
                      busy={*busy} submit={T::AddItem} on_submit={on_add} id_prefix="new-item" />
            { problem(Op::Add) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ItemFormProps {
    initial: ItemFields,
    units: Vec<ecab_protocol::directory::Unit>,
    busy: bool,
    submit: T,
    on_submit: Callback<ItemFields>,
    #[prop_or_default]
    on_cancel: Option<Callback<()>>,
    #[prop_or_default]
    id_prefix: Option<AttrValue>,
}

#[component]
fn ItemForm(props: &ItemFormProps) -> Html {
    let tr = use_tr();
    let fields = use_state(|| props.initial.clone());
    let prefix = props.id_prefix.clone().unwrap_or_else(|| "item".into());
    let id = |name: &str| format!("{prefix}-{name}");

    let set = |apply: fn(&mut ItemFields, String)| {
        let fields = fields.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = (*fields).clone();
            apply(&mut next, input.value());
            fields.set(next);
        })
    };
    let set_unit = {
        let fields = fields.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let mut next = (*fields).clone();
            next.unit = select.value().parse().ok();
            fields.set(next);
        })
    };
    let onsubmit = {
        let (fields, on_submit) = (fields.clone(), props.on_submit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit((*fields).clone());
        })
    };
    let unit_options: Html = props
        .units
        .iter()
        .map(|u| {
            let selected = fields.unit == Some(u.id);
            html! { <option value={u.id.to_string()} {selected}>{ &u.name }</option> }
        })
        .collect();

    html! {
        <form class="item-form" {onsubmit}>
            <label class="grow">{ tr.t(T::ItemTitle) }
                <input id={id("title")} type="text" value={fields.title.clone()}
                       oninput={set(|f, v| f.title = v)} />
            </label>
            <label>{ tr.t(T::Presenter) }
                <input id={id("presenter")} type="text" value={fields.presenter.clone()}
                       oninput={set(|f, v| f.presenter = v)} />
            </label>
            <label>{ tr.t(T::PresentingUnit) }
                <select id={id("unit")} onchange={set_unit}>
                    <option value="" selected={fields.unit.is_none()}>{ tr.t(T::NoUnit) }</option>
                    { unit_options }
                </select>
            </label>
            <label class="narrow">{ tr.t(T::MinutesLabel) }
                <input id={id("minutes")} type="text" inputmode="numeric" value={fields.minutes.clone()}
                       oninput={set(|f, v| f.minutes = v)} />
            </label>
            <div class="row">
                <button id={id("submit")} class="btn btn-primary" type="submit" disabled={props.busy}>
                    { if props.busy { tr.t(T::Saving) } else { tr.t(props.submit) } }
                </button>
                if let Some(cancel) = props.on_cancel.clone() {
                    <button class="btn" type="button" onclick={Callback::from(move |_| cancel.emit(()))}>
                        { tr.t(T::Cancel) }
                    </button>
                }
            </div>
        </form>
    }
}
