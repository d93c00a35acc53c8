//! The words of the generated reports, in Vietnamese (the default) and English. These are
//! the server's only texts for people; the ui has its own catalogue.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;
use ecab_core::polls::Outcome;
use ecab_core::{PollChoice, PollStatus, QuestionKind, QuestionStatus};

pub use ecab_core::Lang;

/// `03/12/2026 07:15`, in Asia/Ho_Chi_Minh.
pub fn date_time(t: DateTime<Utc>) -> String {
    t.with_timezone(&Ho_Chi_Minh).format("%d/%m/%Y %H:%M").to_string()
}

/// `Thứ Năm, 03/12/2026 07:15`.
pub fn day_time(lang: Lang, t: DateTime<Utc>) -> String {
    const VI: [&str; 7] = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"];
    const EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let day = t.with_timezone(&Ho_Chi_Minh).weekday().num_days_from_monday() as usize;
    format!("{}, {}", lang.pick(VI[day], EN[day]), date_time(t))
}

/// The footer's "made at" line.
pub fn generated(lang: Lang, now: DateTime<Utc>) -> String {
    let local = now.with_timezone(&Ho_Chi_Minh);
    let (clock, day) = (local.format("%H:%M"), local.format("%d/%m/%Y"));
    match lang {
        Lang::Vi => format!("Lập lúc {clock} ngày {day}"),
        Lang::En => format!("Made at {clock} on {day}"),
    }
}

pub fn page_label(lang: Lang) -> String {
    lang.pick("Trang {n}/{total}", "Page {n} of {total}").to_owned()
}

pub fn choice(lang: Lang, c: PollChoice) -> &'static str {
    match c {
        PollChoice::Agree => lang.pick("Đồng ý", "Agree"),
        PollChoice::Disagree => lang.pick("Không đồng ý", "Disagree"),
        PollChoice::Other => lang.pick("Ý kiến khác", "Other opinion"),
    }
}

pub fn poll_status(lang: Lang, s: PollStatus) -> &'static str {
    match s {
        PollStatus::Draft => lang.pick("Chưa gửi", "Not sent"),
        PollStatus::Open => lang.pick("Đang lấy ý kiến", "Open"),
        PollStatus::Closed => lang.pick("Đã kết thúc", "Closed"),
    }
}

pub fn outcome(lang: Lang, o: Outcome) -> &'static str {
    match o {
        Outcome::Passed => lang.pick(
            "Kết quả: được thông qua (quá nửa tổng số thành viên đồng ý).",
            "Result: passed (more than half of all members agree).",
        ),
        Outcome::NotPassed => lang.pick(
            "Kết quả: không được thông qua (chưa đủ quá nửa tổng số thành viên đồng ý).",
            "Result: not passed (not more than half of all members agree).",
        ),
        Outcome::Pending => lang.pick(
            "Kết quả tạm thời: phiếu đang lấy ý kiến, số liệu có thể còn thay đổi.",
            "Provisional: the poll is still open and the figures may change.",
        ),
    }
}

pub fn question_kind(lang: Lang, k: QuestionKind) -> &'static str {
    match k {
        QuestionKind::Question => lang.pick("Câu hỏi", "Question"),
        QuestionKind::Opinion => lang.pick("Ý kiến", "Opinion"),
        QuestionKind::Proposal => lang.pick("Đề xuất", "Proposal"),
    }
}

pub fn question_status(lang: Lang, s: QuestionStatus) -> &'static str {
    match s {
        QuestionStatus::Submitted => lang.pick("Đã gửi", "Sent"),
        QuestionStatus::Assigned => lang.pick("Đã giao trả lời", "Assigned for an answer"),
        QuestionStatus::Answered => lang.pick("Đã trả lời", "Answered"),
        QuestionStatus::Merged => lang.pick("Đã gộp", "Merged"),
        QuestionStatus::Withdrawn => lang.pick("Đã rút", "Withdrawn"),
    }
}

/// A share of a whole, `62,5 %` in Vietnamese, `62.5 %` in English.
pub fn percent(lang: Lang, part: u32, whole: u32) -> String {
    let p = if whole == 0 { 0.0 } else { f64::from(part) * 100.0 / f64::from(whole) };
    let text = format!("{p:.1} %");
    if lang == Lang::Vi { text.replace('.', ",") } else { text }
}
