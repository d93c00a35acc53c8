//! The meetings: the daily 07:15 Steering Committee meeting on top, then tabs
//! Hôm nay / Sắp tới / Đã qua by the local day (Asia/Ho_Chi_Minh).

use chrono::{NaiveTime, Timelike};
use ecab_core::MeetingKind;
use ecab_protocol::meeting::Meeting;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::error_box::ErrorBox;
use crate::components::status_badge::StatusBadge;
use crate::hooks::{Load, use_load_from, use_store, use_tr};
use crate::i18n::{self, T};
use crate::state::rules;
use crate::time;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Today,
    Upcoming,
    Past,
}

/// The 07:15 series: a Steering Committee meeting starting at 07:15 local time.
fn is_daily_0715(m: &Meeting) -> bool {
    let start = time::local(m.starts_at);
    m.kind == MeetingKind::SteeringCommittee && start.time().with_second(0) == NaiveTime::from_hms_opt(7, 15, 0)
}

#[component]
pub fn Meetings() -> Html {
    let store = use_store();
    let tr = use_tr();
    let tab = use_state(|| Tab::Today);
    let list = use_load_from(crate::first_screen::take_meetings, (), |backend, ()| async move {
        crate::perf::mark("ecab:meetings-asked");
        let list = backend.meetings().await;
        crate::perf::mark("ecab:meetings");
        list
    });

    use_effect_with(matches!(list, Load::Ready(_)), |ready| {
        if *ready {
            crate::perf::mark("ecab:list-shown");
        }
    });
    let meetings = match &list {
        Load::Loading => return html! { <p class="muted">{ tr.t(T::Loading) }</p> },
        Load::Failed(e) => return html! { <ErrorBox error={e.clone()} /> },
        Load::Ready(m) => m.clone(),
    };
    let today = time::local_day(time::now());
    // A meeting that spans days (a written consultation) is today's until its last day.
    let (starts, ends) = (|m: &&Meeting| time::local_day(m.starts_at), |m: &&Meeting| time::local_day(m.ends_at));
    let mut on_today: Vec<&Meeting> = meetings.iter().filter(|m| starts(m) <= today && ends(m) >= today).collect();
    let mut upcoming: Vec<&Meeting> = meetings.iter().filter(|m| starts(m) > today).collect();
    let mut past: Vec<&Meeting> = meetings.iter().filter(|m| ends(m) < today).collect();
    on_today.sort_by_key(|m| m.starts_at);
    upcoming.sort_by_key(|m| m.starts_at);
    past.sort_by_key(|m| std::cmp::Reverse(m.starts_at));
    let daily = on_today.iter().find(|m| is_daily_0715(m)).copied();

    let lang = tr.0;
    let card = |m: &Meeting| {
        html! {
            <li class="meeting-item" key={m.id.to_string()}>
                <Link<Route> to={Route::Meeting { id: m.id }} classes="meeting-link">{ &m.title }</Link<Route>>
                <div class="meeting-meta">
                    <StatusBadge status={m.status} stage={m.review_stage} />
                    <span>{ time::span(lang, m.starts_at, m.ends_at) }</span>
                    <span class="muted">{ &m.place }</span>
                    <span class="muted">{ i18n::meeting_kind(lang, m.kind) }</span>
                </div>
            </li>
        }
    };

    let daily_box = match daily {
        Some(m) => html! {
            <section class="daily card" id="daily-0715">
                <div class="daily-label">{ tr.t(T::Daily0715) }</div>
                <h2 class="daily-title">
                    <Link<Route> to={Route::Meeting { id: m.id }}>{ &m.title }</Link<Route>>
                </h2>
                <div class="meeting-meta">
                    <StatusBadge status={m.status} stage={m.review_stage} />
                    <span>{ time::span(lang, m.starts_at, m.ends_at) }</span>
                    <span class="muted">{ &m.place }</span>
                </div>
                <Link<Route> to={Route::Meeting { id: m.id }} classes="btn btn-primary">{ tr.t(T::OpenMeeting) }</Link<Route>>
            </section>
        },
        None => html! {
            <section class="daily daily-none card">
                <div class="daily-label">{ tr.t(T::Daily0715) }</div>
                <p class="muted">{ tr.t(T::NoDailyToday) }</p>
            </section>
        },
    };

    let (shown, count) = match *tab {
        Tab::Today => (&on_today, on_today.len()),
        Tab::Upcoming => (&upcoming, upcoming.len()),
        Tab::Past => (&past, past.len()),
    };
    let tab_button = |t: Tab, label: T, n: usize, id: &'static str| {
        let tab = tab.clone();
        let selected = *tab == t;
        html! {
            <button {id} role="tab" aria-selected={selected.to_string()}
                    class={classes!("tab", selected.then_some("tab-on"))}
                    onclick={Callback::from(move |_| tab.set(t))}>
                { tr.t(label) }<span class="tab-count">{ n }</span>
            </button>
        }
    };
    let may_create = store.user().is_some_and(rules::may_create);

    html! {
        <div class="meetings">
            { daily_box }
            <div class="list-head">
                <h1>{ tr.t(T::Meetings) }</h1>
                <span class="muted">{ format!("{}, {}", i18n::weekday(lang, chrono::Datelike::weekday(&today).num_days_from_monday()), time::date_of(today)) }</span>
                if may_create {
                    <Link<Route> to={Route::NewMeeting} classes="btn btn-primary push-right">{ tr.t(T::NewMeeting) }</Link<Route>>
                }
            </div>
            <div class="tabs" role="tablist">
                { tab_button(Tab::Today, T::Today, on_today.len(), "tab-today") }
                { tab_button(Tab::Upcoming, T::Upcoming, upcoming.len(), "tab-upcoming") }
                { tab_button(Tab::Past, T::Past, past.len(), "tab-past") }
            </div>
            if count == 0 {
                <p class="muted card">{ tr.t(T::NoMeetings) }</p>
            } else {
                <ul class="meeting-list card">{ for shown.iter().map(|m| card(m)) }</ul>
            }
        </div>
    }
}
