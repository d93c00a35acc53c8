//! The bell in the header: what the user has been told of (new versions, answers to their
//! questions, meetings moved, polls waiting), newest first, the unread ones counted. In the
//! desktop app each new one is also an OS notification. What was seen and what was shown
//! are kept in this device's local storage, per user.

use chrono::{DateTime, Utc};
use ecab_core::NotificationKind;
use ecab_protocol::notification::Notification;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::hooks::{Load, use_backend, use_load, use_store, use_tr};
use crate::i18n::{self, T};
use crate::state::local_storage;
use crate::time;

fn stored(key: &str) -> Option<DateTime<Utc>> {
    local_storage()?.get_item(key).ok().flatten()?.parse().ok()
}

fn store_at(key: &str, at: DateTime<Utc>) {
    if let Some(s) = local_storage() {
        let _ = s.set_item(key, &at.to_rfc3339());
    }
}

/// Where a notification leads: the document's reader for a new version, else the meeting.
fn route(n: &Notification) -> Route {
    match (n.kind, n.subject_id) {
        (NotificationKind::NewVersion, Some(document)) => Route::Reader { meeting: n.meeting_id, document },
        _ => Route::Meeting { id: n.meeting_id },
    }
}

#[component]
pub fn Bell() -> Html {
    let store = use_store();
    let backend = use_backend();
    let tr = use_tr();
    let open = use_state(|| false);
    let me = store.user().map(|u| u.id).unwrap_or_else(Uuid::nil);
    let (seen_key, shown_key) = (format!("ecab.notifications.seen.{me}"), format!("ecab.notifications.shown.{me}"));
    let seen = use_state(|| stored(&seen_key));
    let loaded = use_load(me, |b, _| async move { b.notifications().await });
    let ready = matches!(loaded, Load::Ready(_));
    let list = match &loaded {
        Load::Ready(l) => l.clone(),
        _ => Default::default(),
    };
    {
        // Each notification newer than the last one shown becomes an OS notification. The
        // first load on this device shows none (the list has them all) and only marks where
        // it stands: at the newest, or at the beginning when there is none yet.
        let (backend, lang, list) = (backend.clone(), tr.0, list.clone());
        use_effect_with((ready, list.first().map(|n| n.id)), move |(ready, _)| {
            if !*ready {
                return;
            }
            let newest = list.first().map(|n| n.at);
            match (stored(&shown_key), newest) {
                (Some(shown), Some(newest)) if newest > shown => {
                    for n in list.iter().filter(|n| n.at > shown).take(5) {
                        let (title, body) = i18n::notification(lang, n);
                        backend.os_notify(title.to_owned(), body);
                    }
                    store_at(&shown_key, newest);
                }
                (None, newest) => store_at(&shown_key, newest.unwrap_or(DateTime::UNIX_EPOCH)),
                _ => {}
            }
        });
    }
    let unread = list.iter().filter(|n| seen.is_none_or(|s| n.at > s)).count();
    let toggle = {
        let (open, seen, list) = (open.clone(), seen.clone(), list.clone());
        Callback::from(move |_: MouseEvent| {
            if !*open && let Some(newest) = list.first().map(|n| n.at) {
                store_at(&seen_key, newest);
                seen.set(Some(newest));
            }
            open.set(!*open);
        })
    };
    let close = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let lang = tr.0;
    let items: Html = list
        .iter()
        .map(|n| {
            let (title, body) = i18n::notification(lang, n);
            html! {
                <li class="notification" key={n.id.to_string()} data-kind={n.kind.as_str()}>
                    <Link<Route> to={route(n)}>
                        <strong>{ title }</strong>
                        <span class="notif-body">{ body }</span>
                    </Link<Route>>
                    <span class="muted notif-at">{ time::date_time(n.at) }</span>
                </li>
            }
        })
        .collect();
    html! {
        <div class="notif">
            <button class="btn btn-small" id="notif-bell" onclick={toggle} aria-expanded={open.to_string()}
                    title={tr.t(T::Notifications)} aria-label={tr.t(T::Notifications)}>
                <svg class="bell-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                    <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" fill="currentColor" />
                </svg>
                if unread > 0 { <span class="notif-count" data-count={unread.to_string()}>{ unread }</span> }
            </button>
            if *open {
                <div id="notifications" class="notif-panel card" role="dialog" aria-label={tr.t(T::Notifications)} onclick={close}>
                    if list.is_empty() {
                        <p class="muted">{ tr.t(T::NoNotifications) }</p>
                    } else {
                        <ul class="notif-list">{ items }</ul>
                    }
                </div>
            }
        </div>
    }
}
