//! The domain's vocabularies in the users' words: statuses, kinds, roles, weekdays,
//! answers.

use ecab_core::{Confidentiality, DocumentKind, MeetingKind, MeetingStatus, ReviewStage, Role};

use super::{Lang, T};

/// The name of a colour of the reader's palette.
pub fn color(lang: Lang, c: ecab_core::AnnotationColor) -> &'static str {
    use ecab_core::AnnotationColor as C;
    match c {
        C::Yellow => T::ColorYellow,
        C::Green => T::ColorGreen,
        C::Blue => T::ColorBlue,
        C::Pink => T::ColorPink,
        C::Red => T::ColorRed,
    }
    .text(lang)
}

/// The name of a kind of annotation.
pub fn annotation_kind(lang: Lang, k: ecab_core::AnnotationKind) -> &'static str {
    use ecab_core::AnnotationKind as K;
    match k {
        K::Highlight => T::ToolHighlight,
        K::Underline => T::ToolUnderline,
        K::Ink => T::ToolInk,
        K::Note => T::ToolNote,
    }
    .text(lang)
}

/// Monday first, as chrono numbers them from Monday = 0.
pub fn weekday(lang: Lang, from_monday: u32) -> &'static str {
    const VI: [&str; 7] = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"];
    const EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let i = (from_monday % 7) as usize;
    match lang {
        Lang::Vi => VI[i],
        Lang::En => EN[i],
    }
}

pub fn status(lang: Lang, s: MeetingStatus) -> &'static str {
    use MeetingStatus as S;
    match (lang, s) {
        (Lang::Vi, S::Draft) => "Soạn thảo",
        (Lang::Vi, S::InReview) => "Trình duyệt",
        (Lang::Vi, S::Approved) => "Đã duyệt",
        (Lang::Vi, S::Published) => "Đã phát hành",
        (Lang::Vi, S::Live) => "Đang họp",
        (Lang::Vi, S::Ended) => "Đã kết thúc",
        (Lang::Vi, S::Archived) => "Lưu trữ",
        (Lang::En, S::Draft) => "Draft",
        (Lang::En, S::InReview) => "In review",
        (Lang::En, S::Approved) => "Approved",
        (Lang::En, S::Published) => "Published",
        (Lang::En, S::Live) => "Live",
        (Lang::En, S::Ended) => "Ended",
        (Lang::En, S::Archived) => "Archived",
    }
}

pub fn review_stage(lang: Lang, s: ReviewStage) -> &'static str {
    match (lang, s) {
        (Lang::Vi, ReviewStage::ChiefOfOffice) => "Chờ Chánh Văn phòng duyệt",
        (Lang::Vi, ReviewStage::Chair) => "Chờ chủ trì phê duyệt",
        (Lang::En, ReviewStage::ChiefOfOffice) => "Awaiting the Chief of Office",
        (Lang::En, ReviewStage::Chair) => "Awaiting the chair's approval",
    }
}

pub fn meeting_kind(lang: Lang, k: MeetingKind) -> &'static str {
    use MeetingKind as K;
    match (lang, k) {
        (Lang::Vi, K::Regular) => "Họp thường kỳ",
        (Lang::Vi, K::Thematic) => "Họp chuyên đề",
        (Lang::Vi, K::SteeringCommittee) => "Ban Chỉ đạo",
        (Lang::Vi, K::Briefing) => "Họp giao ban",
        (Lang::Vi, K::Written) => T::KindWritten.text(Lang::Vi),
        (Lang::En, K::Regular) => "Regular meeting",
        (Lang::En, K::Thematic) => "Thematic meeting",
        (Lang::En, K::SteeringCommittee) => "Steering Committee",
        (Lang::En, K::Briefing) => "Briefing",
        (Lang::En, K::Written) => T::KindWritten.text(Lang::En),
    }
}

pub fn document_kind(lang: Lang, k: DocumentKind) -> &'static str {
    use DocumentKind as K;
    match (lang, k) {
        (Lang::Vi, K::Submission) => "Tờ trình",
        (Lang::Vi, K::Draft) => "Dự thảo",
        (Lang::Vi, K::Report) => "Báo cáo",
        (Lang::Vi, K::Other) => "Tài liệu khác",
        (Lang::En, K::Submission) => "Submission",
        (Lang::En, K::Draft) => "Draft",
        (Lang::En, K::Report) => "Report",
        (Lang::En, K::Other) => "Other",
    }
}

pub fn confidentiality(lang: Lang, c: Confidentiality) -> &'static str {
    match (lang, c) {
        (Lang::Vi, Confidentiality::Normal) => "Thường",
        (Lang::Vi, Confidentiality::Confidential) => "Mật",
        (Lang::En, Confidentiality::Normal) => "Normal",
        (Lang::En, Confidentiality::Confidential) => "Confidential",
    }
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    match (lang, r) {
        (Lang::Vi, Role::Admin) => "Quản trị",
        (Lang::Vi, Role::Secretary) => "Thư ký",
        (Lang::Vi, Role::ChiefOfOffice) => "Chánh Văn phòng",
        (Lang::Vi, Role::Chair) => "Chủ tịch / Phó Chủ tịch",
        (Lang::Vi, Role::Delegate) => "Đại biểu",
        (Lang::Vi, Role::BridgePoint) => "Điểm cầu",
        (Lang::En, Role::Admin) => "Administrator",
        (Lang::En, Role::Secretary) => "Secretary",
        (Lang::En, Role::ChiefOfOffice) => "Chief of Office",
        (Lang::En, Role::Chair) => "Chairman / Vice Chairman",
        (Lang::En, Role::Delegate) => "Delegate",
        (Lang::En, Role::BridgePoint) => "Bridge point",
    }
}

/// What a delegate sends, in the users' words.
pub fn question_kind(lang: Lang, k: ecab_core::QuestionKind) -> &'static str {
    use ecab_core::QuestionKind as K;
    match k {
        K::Question => T::KindQuestion,
        K::Opinion => T::KindOpinion,
        K::Proposal => T::KindProposal,
    }
    .text(lang)
}

pub fn question_status(lang: Lang, s: ecab_core::QuestionStatus) -> &'static str {
    use ecab_core::QuestionStatus as S;
    match s {
        S::Submitted => T::StatusSubmitted,
        S::Assigned => T::StatusAssigned,
        S::Answered => T::StatusAnswered,
        S::Merged => T::StatusMerged,
        S::Withdrawn => T::StatusWithdrawn,
    }
    .text(lang)
}

/// A member's answer to a poll.
pub fn poll_choice(lang: Lang, c: ecab_core::PollChoice) -> &'static str {
    use ecab_core::PollChoice as C;
    match c {
        C::Agree => T::ChoiceAgree,
        C::Disagree => T::ChoiceDisagree,
        C::Other => T::ChoiceOther,
    }
    .text(lang)
}

pub fn poll_status(lang: Lang, s: ecab_core::PollStatus) -> &'static str {
    use ecab_core::PollStatus as S;
    match s {
        S::Draft => T::PollDraft,
        S::Open => T::PollOpen,
        S::Closed => T::PollClosed,
    }
    .text(lang)
}

/// An invitee's reply, as the roll shows it.
pub fn attendance(lang: Lang, a: ecab_core::Attendance) -> &'static str {
    use ecab_core::Attendance::*;
    match a {
        Pending => T::ReplyPending,
        Attending => T::ReplyAttending,
        Absent => T::ReplyAbsent,
        Deputy => T::ReplyDeputy,
    }
    .text(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_start_on_monday() {
        assert_eq!(weekday(Lang::Vi, 0), "Thứ Hai");
        assert_eq!(weekday(Lang::Vi, 6), "Chủ Nhật");
    }
}
