//! Texts with numbers and times in them: counts, pages, the time left, notifications.

use super::{Lang, T};

/// "Đã đọc 14/20": how many of the delegates have opened a document.
pub fn read_by(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::Vi => format!("Đã đọc {n}/{of}"),
        Lang::En => format!("Read by {n} of {of}"),
    }
}

/// How many of a meeting's documents one delegate has opened.
pub fn documents_read(lang: Lang, n: usize, of: usize) -> String {
    match lang {
        Lang::Vi => format!("Đã đọc {n}/{of} tài liệu"),
        Lang::En => format!("Read {n} of {of} documents"),
    }
}

/// "Trang 50 / 126".
pub fn page_of(lang: Lang, page: u32, total: u32) -> String {
    format!("{} {page} / {total}", T::Page.text(lang))
}

pub fn pages_count(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Vi => format!("{n} trang"),
        Lang::En if n == 1 => "1 page".into(),
        Lang::En => format!("{n} pages"),
    }
}

pub fn minutes(lang: Lang, n: u32) -> String {
    match lang {
        Lang::Vi => format!("{n} phút"),
        Lang::En => format!("{n} min"),
    }
}

pub fn matches(lang: Lang, pages: usize) -> String {
    match lang {
        Lang::Vi => format!("Có ở {pages} trang"),
        Lang::En if pages == 1 => "Found on 1 page".into(),
        Lang::En => format!("Found on {pages} pages"),
    }
}

pub fn upload_percent(lang: Lang, pct: u32) -> String {
    format!("{} {pct}%", T::Uploading.text(lang))
}

pub fn invited_count(lang: Lang, delegates: usize, bridge_points: usize) -> String {
    match lang {
        Lang::Vi => format!("{delegates} đại biểu, {bridge_points} điểm cầu"),
        Lang::En => format!("{delegates} delegates, {bridge_points} bridge points"),
    }
}

/// "Còn 2 ngày 3 giờ để gửi ý kiến" — the time left until the deadline, to the minute.
pub fn time_left(lang: Lang, minutes: i64) -> String {
    left(lang, minutes, "để gửi ý kiến", "to send opinions")
}

/// "Còn 2 ngày 3 giờ để trả lời" — the time left to answer a poll.
pub fn poll_time_left(lang: Lang, minutes: i64) -> String {
    left(lang, minutes, "để trả lời", "to answer")
}

fn left(lang: Lang, minutes: i64, vi: &str, en: &str) -> String {
    let (d, h, m) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    match lang {
        Lang::Vi if d > 0 => format!("Còn {d} ngày {h} giờ {vi}"),
        Lang::Vi if h > 0 => format!("Còn {h} giờ {m} phút {vi}"),
        Lang::Vi => format!("Còn {m} phút {vi}"),
        Lang::En if d > 0 => format!("{d} d {h} h left {en}"),
        Lang::En if h > 0 => format!("{h} h {m} min left {en}"),
        Lang::En => format!("{m} min left {en}"),
    }
}

/// A notification as the user reads it: a title and a line saying what, where.
pub fn notification(lang: Lang, n: &ecab_protocol::notification::Notification) -> (&'static str, String) {
    use ecab_core::NotificationKind as K;
    let when = n.when.map(crate::time::date_time).unwrap_or_default();
    match n.kind {
        K::NewVersion => {
            let v = n.version.unwrap_or(0);
            let body = match lang {
                Lang::Vi => format!("«{}» – phiên bản {v} · {}", n.subject, n.meeting_title),
                Lang::En => format!("“{}” – version {v} · {}", n.subject, n.meeting_title),
            };
            (T::NotifNewVersion.text(lang), body)
        }
        K::QuestionAnswered => (T::NotifAnswered.text(lang), format!("«{}» · {}", n.subject, n.meeting_title)),
        K::MeetingMoved => {
            let place = n.place.clone().unwrap_or_default();
            (T::NotifMoved.text(lang), format!("«{}»: {when}, {place}", n.meeting_title))
        }
        K::PollWaiting => {
            let body = match lang {
                Lang::Vi => format!("«{}» – hạn {when}", n.subject),
                Lang::En => format!("“{}” – by {when}", n.subject),
            };
            (T::NotifPoll.text(lang), body)
        }
    }
}

/// "Đã trả lời 9/13".
pub fn answered_of(lang: Lang, answered: u32, total: u32) -> String {
    match lang {
        Lang::Vi => format!("Đã trả lời {answered}/{total}"),
        Lang::En => format!("Answered {answered} of {total}"),
    }
}
