//! Tạo cuộc họp (secretaries): a draft with its title, type, day and times, place,
//! chair and confidentiality. The agenda, documents and invitations follow on the
//! meeting's page.

use ecab_core::{Confidentiality, MeetingKind, Recurrence};
use ecab_protocol::meeting::CreateMeeting;
use ecab_protocol::ops;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::backend::BackendError;
use crate::components::error_box::{ErrorBox, Note};
use crate::hooks::{use_backend, use_store, use_tr, use_write_keys};
use crate::i18n::{self, T};
use crate::state::{Action, rules};
use crate::time;

#[derive(Clone, PartialEq, serde::Serialize)]
struct Fields {
    title: String,
    kind: MeetingKind,
    date: String,
    start: String,
    end: String,
    place: String,
    chair: Option<Uuid>,
    confidentiality: Confidentiality,
}

impl Fields {
    fn request(&self) -> Result<CreateMeeting, T> {
        let title = rules::title(&self.title)?;
        let day = time::parse_date(&self.date).ok_or(T::BadDate)?;
        let start = time::parse_clock(&self.start).ok_or(T::BadTime)?;
        let end = time::parse_clock(&self.end).ok_or(T::BadTime)?;
        let chair_id = self.chair.ok_or(T::ChairRequired)?;
        let (starts_at, ends_at) = (time::at_local(day, start), time::at_local(day, end));
        rules::meeting_times(starts_at, ends_at, None)?;
        Ok(CreateMeeting {
            id: None,
            title: title.to_string(),
            kind: self.kind,
            starts_at,
            ends_at,
            place: self.place.trim().to_string(),
            chair_id,
            confidentiality: self.confidentiality,
            question_deadline: None,
            recurrence: Recurrence::None,
        })
    }
}

#[component]
pub fn NewMeeting() -> Html {
    let backend = use_backend();
    let store = use_store();
    let tr = use_tr();
    let navigator = use_navigator();
    let keys = use_write_keys();
    let fields = use_state(|| Fields {
        title: String::new(),
        kind: MeetingKind::Thematic,
        date: time::date_of(time::local_day(time::now()) + chrono::Duration::days(1)),
        start: "08:00".into(),
        end: "10:00".into(),
        place: String::new(),
        chair: None,
        confidentiality: Confidentiality::Normal,
    });
    let busy = use_state(|| false);
    let error = use_state(|| None::<BackendError>);
    let check = use_state(|| None::<T>);

    let Some(me) = store.user() else { return html! {} };
    if !rules::may_create(me) {
        return html! { <ErrorBox error={BackendError::Server(ecab_protocol::ApiError {
        code: ecab_protocol::ErrorCode::Forbidden, message: String::new(), field: None, retry_after: None })} /> };
    }

    let text = |apply: fn(&mut Fields, String)| {
        let fields = fields.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*fields).clone();
            apply(&mut next, e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
            fields.set(next);
        })
    };
    let select = |apply: fn(&mut Fields, String)| {
        let fields = fields.clone();
        Callback::from(move |e: Event| {
            let mut next = (*fields).clone();
            apply(&mut next, e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
            fields.set(next);
        })
    };

    let onsubmit = {
        let (fields, busy, error, check, keys) =
            (fields.clone(), busy.clone(), error.clone(), check.clone(), keys.clone());
        let store = store.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut req = match fields.request() {
                Ok(r) => r,
                Err(t) => return check.set(Some(t)),
            };
            check.set(None);
            let key = keys.key_for(&*fields);
            req.id = Some(key.0);
            let (backend, busy, error, keys, navigator, store) =
                (backend.clone(), busy.clone(), error.clone(), keys.clone(), navigator.clone(), store.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let result = backend.write::<ops::CreateMeeting>(key, (), req).await;
                busy.set(false);
                match result {
                    Ok(detail) => {
                        keys.done();
                        store.dispatch(Action::Refresh);
                        if let Some(nav) = navigator {
                            nav.push(&Route::Meeting { id: detail.meeting.id });
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };

    let lang = tr.0;
    let kinds: Html = MeetingKind::ALL
        .iter()
        .map(|k| html! { <option value={k.as_str()} selected={fields.kind == *k}>{ i18n::meeting_kind(lang, *k) }</option> })
        .collect();
    let chairs: Html = store
        .directory
        .users
        .iter()
        .filter(|u| rules::may_chair(u))
        .map(|u| {
            html! {
                <option value={u.id.to_string()} selected={fields.chair == Some(u.id)}>
                    { format!("{} – {}", u.full_name, u.title) }
                </option>
            }
        })
        .collect();
    let confs: Html = Confidentiality::ALL
        .iter()
        .map(|c| html! { <option value={c.as_str()} selected={fields.confidentiality == *c}>{ i18n::confidentiality(lang, *c) }</option> })
        .collect();

    html! {
        <div class="new-meeting">
            <Link<Route> to={Route::Home} classes="back">{ tr.t(T::BackToMeetings) }</Link<Route>>
            <section class="card">
                <h1>{ tr.t(T::NewMeeting) }</h1>
                <form class="form-grid" {onsubmit}>
                    <label class="span2">{ tr.t(T::MeetingTitle) }
                        <input id="m-title" type="text" value={fields.title.clone()} oninput={text(|f, v| f.title = v)} />
                    </label>
                    <label>{ tr.t(T::Kind) }
                        <select id="m-kind" onchange={select(|f, v| f.kind = MeetingKind::parse(&v).unwrap_or(MeetingKind::Thematic))}>{ kinds }</select>
                    </label>
                    <label>{ tr.t(T::Chair) }
                        <select id="m-chair" onchange={select(|f, v| f.chair = v.parse().ok())}>
                            <option value="" selected={fields.chair.is_none()}>{ tr.t(T::ChooseChair) }</option>
                            { chairs }
                        </select>
                    </label>
                    <label>{ tr.t(T::Date) }
                        <input id="m-date" type="text" placeholder="dd/MM/yyyy" value={fields.date.clone()} oninput={text(|f, v| f.date = v)} />
                    </label>
                    <div class="pair">
                        <label>{ tr.t(T::StartTime) }
                            <input id="m-start" type="text" placeholder="HH:mm" value={fields.start.clone()} oninput={text(|f, v| f.start = v)} />
                        </label>
                        <label>{ tr.t(T::EndTime) }
                            <input id="m-end" type="text" placeholder="HH:mm" value={fields.end.clone()} oninput={text(|f, v| f.end = v)} />
                        </label>
                    </div>
                    <label class="span2">{ tr.t(T::Place) }
                        <input id="m-place" type="text" value={fields.place.clone()} oninput={text(|f, v| f.place = v)} />
                    </label>
                    <label>{ tr.t(T::Confidentiality) }
                        <select id="m-conf" onchange={select(|f, v| f.confidentiality = Confidentiality::parse(&v).unwrap_or(Confidentiality::Normal))}>{ confs }</select>
                    </label>
                    <div class="row span2">
                        <button id="m-create" class="btn btn-primary" type="submit" disabled={*busy}>
                            { if *busy { tr.t(T::Creating) } else { tr.t(T::Create) } }
                        </button>
                    </div>
                </form>
                if let Some(t) = *check { <Note text={tr.t(t)} /> }
                if let Some(e) = &*error { <ErrorBox error={e.clone()} /> }
            </section>
        </div>
    }
}
