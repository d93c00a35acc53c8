//! The ui's own text for every error: a broken field rule found before sending, and every
//! error code of the API (the server's English message is only ever added for detail).

use ecab_core::rules::{Field, Invalid, Rule};
use ecab_protocol::ErrorCode;

use super::{Lang, T};
use crate::backend::BackendError;

/// The label of a request field named by a `validation` error.
fn field(lang: Lang, name: &str) -> Option<&'static str> {
    let key = match Field::parse(name)? {
        Field::Title => T::MeetingTitle,
        Field::StartsAt | Field::EndsAt => T::Time,
        Field::Place => T::Place,
        Field::ChairId => T::Chair,
        Field::QuestionDeadline => T::QuestionDeadline,
        Field::Presenter => T::Presenter,
        Field::PresentingUnitId => T::PresentingUnit,
        Field::Minutes => T::MinutesLabel,
        Field::AgendaItemId => T::AttachTo,
        Field::File => T::PdfFile,
        Field::DelegateIds => T::Delegates,
        Field::BridgePointIds => T::BridgePoints,
        Field::ItemIds => T::Agenda,
        Field::Reason => T::RejectReason,
        Field::Username => T::Username,
        Field::FullName => T::FullName,
        Field::Password => T::Password,
        Field::Name => T::NameField,
        Field::Code => T::CodeField,
        Field::Text => T::QuestionText,
        Field::QuestionIds => T::Questions,
        Field::UnitId => T::AssignTo,
        Field::DocumentId => T::Document,
        Field::Page => T::Page,
        Field::DeputyId => T::DeputyLabel,
        Field::UserId => T::Delegates,
        Field::Topic => T::SpeakTopic,
        Field::Anchor => T::Annotations,
        Field::Note => T::NoteText,
        Field::Question => T::PollQuestion,
        Field::Comment => T::PollComment,
        Field::Deadline => T::PollDeadline,
    };
    Some(key.text(lang))
}

/// The ui's text for a broken rule of `ecab_core::rules`, found before sending.
pub fn invalid(e: Invalid) -> T {
    match (e.rule, e.field) {
        (Rule::Required, Field::Reason) => T::ReasonRequired,
        (Rule::Required, Field::DeputyId) => T::ChooseDeputy,
        (Rule::Required, Field::Text) => T::QuestionTextRule,
        (Rule::Required | Rule::TooLong, Field::Note) => T::NoteTextRule,
        (Rule::Required | Rule::TooLong, Field::Comment) => T::PollCommentRule,
        (Rule::Required | Rule::TooLong, Field::Question) => T::PollQuestionRule,
        (Rule::Required, Field::Title) => T::TitleRequired,
        (Rule::Required, _) => T::FieldRequired,
        (Rule::EndsBeforeStart, _) => T::EndBeforeStart,
        (Rule::DeadlineAfterStart, _) => T::DeadlineAfterStart,
        (Rule::TooManyMinutes, _) => T::BadMinutes,
        (Rule::NotAChair, _) => T::NotAChair,
        (Rule::NotInvitable, _) => T::NotInvitable,
        (Rule::TooLong, Field::Reason | Field::Topic) => T::ReasonTooLong,
        (Rule::TooLong, _) => T::QuestionTextRule,
        (Rule::NotInMeeting, _) => T::NotInMeeting,
        (Rule::NotADeputy, _) => T::NotADeputy,
        (Rule::BadShape, _) => T::AnnotationShapeRule,
        (Rule::OutsidePage, _) => T::OutsidePageRule,
        (Rule::InThePast, _) => T::DeadlineInPast,
    }
}

/// The ui's own text for every error; the server's English message is never shown
/// alone (it is added after a validation error, for the detail).
pub fn error(lang: Lang, e: &BackendError) -> String {
    let vi = lang == Lang::Vi;
    let api = match e {
        BackendError::Offline => {
            return if vi {
                "Không kết nối được máy chủ (ngoại tuyến). Những gì bạn đã nhập vẫn được giữ; hãy thử lại.".into()
            } else {
                "Cannot reach the server (offline). What you typed is kept; try again.".into()
            };
        }
        BackendError::Unexpected(detail) => {
            return if vi {
                format!("Máy chủ trả lời không như mong đợi ({detail}).")
            } else {
                format!("Unexpected answer from the server ({detail}).")
            };
        }
        BackendError::Server(api) => api,
    };
    use ErrorCode as C;
    let text: String = match (api.code, vi) {
        (C::BadRequest, true) => "Yêu cầu không hợp lệ.".into(),
        (C::BadRequest, false) => "The request is not valid.".into(),
        (C::InvalidJson, true) => "Dữ liệu gửi đi sai định dạng.".into(),
        (C::InvalidJson, false) => "The data sent is malformed.".into(),
        (C::Validation, _) => {
            let label = api.field.as_deref().and_then(|f| field(lang, f));
            match (label, vi) {
                (Some(l), true) => format!("Thông tin chưa hợp lệ: {l} ({}).", api.message),
                (Some(l), false) => format!("Not valid: {l} ({}).", api.message),
                (None, true) => format!("Thông tin chưa hợp lệ ({}).", api.message),
                (None, false) => format!("Some information is not valid ({}).", api.message),
            }
        }
        (C::Unauthenticated, true) => "Phiên đăng nhập không còn hiệu lực. Vui lòng đăng nhập lại.".into(),
        (C::Unauthenticated, false) => "You are not signed in. Please sign in again.".into(),
        (C::TokenExpired, true) => "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.".into(),
        (C::TokenExpired, false) => "Your session has expired. Please sign in again.".into(),
        (C::InvalidCredentials, true) => "Sai tên đăng nhập hoặc mật khẩu.".into(),
        (C::InvalidCredentials, false) => "Wrong username or password.".into(),
        (C::AccountLocked, true) => format!(
            "Tài khoản tạm khóa do đăng nhập sai nhiều lần. Thử lại sau {} giây.",
            api.retry_after.unwrap_or(60)
        ),
        (C::AccountLocked, false) => format!(
            "Too many failed sign-ins: the account is locked. Try again in {} s.",
            api.retry_after.unwrap_or(60)
        ),
        (C::Forbidden, true) => "Bạn không có quyền thực hiện thao tác này.".into(),
        (C::Forbidden, false) => "You may not do this.".into(),
        (C::NotFound, true) => "Không tìm thấy, hoặc bạn không có quyền xem.".into(),
        (C::NotFound, false) => "Not found, or you may not see it.".into(),
        (C::Conflict, true) => "Dữ liệu bị trùng hoặc vừa thay đổi. Hãy làm mới rồi thử lại.".into(),
        (C::Conflict, false) => "This conflicts with a change just made. Refresh and try again.".into(),
        (C::IdempotencyKeyReused, true) => "Yêu cầu bị trùng với một yêu cầu khác. Hãy thử lại.".into(),
        (C::IdempotencyKeyReused, false) => "This request clashed with another one. Try again.".into(),
        (C::RequestInProgress, true) => "Yêu cầu đang được xử lý, vui lòng chờ giây lát.".into(),
        (C::RequestInProgress, false) => "The request is still being processed; wait a moment.".into(),
        (C::InvalidTransition, true) => "Cuộc họp không ở trạng thái cho phép thao tác này.".into(),
        (C::InvalidTransition, false) => "The meeting is not in a state that allows this.".into(),
        (C::MeetingLocked, true) => "Cuộc họp đang trình duyệt hoặc đã duyệt: rút lại về Soạn thảo để sửa.".into(),
        (C::MeetingLocked, false) => "The meeting is in review or approved: withdraw it to draft to edit.".into(),
        (C::DeadlinePassed, true) => "Đã hết hạn gửi ý kiến: cuộc họp không nhận thêm câu hỏi, ý kiến.".into(),
        (C::DeadlinePassed, false) => "The deadline for opinions has passed: the meeting takes no more.".into(),
        (C::QuestionSettled, true) => {
            "Câu hỏi đã được tổng hợp, giao trả lời hoặc rút lại nên không sửa được nữa.".into()
        }
        (C::QuestionSettled, false) => {
            "The question has been aggregated, assigned or withdrawn: it can no longer change.".into()
        }
        (C::PollClosed, true) => "Phiếu lấy ý kiến đã kết thúc: không nhận thêm ý kiến.".into(),
        (C::PollClosed, false) => "The poll is closed: it takes no more answers.".into(),
        (C::PollSent, true) => "Phiếu đã được gửi đến thành viên nên không sửa hoặc xoá được nữa.".into(),
        (C::PollSent, false) => "The poll has been sent to the members: it can no longer be edited or deleted.".into(),
        (C::PayloadTooLarge, true) => "Tệp quá lớn so với giới hạn của máy chủ.".into(),
        (C::PayloadTooLarge, false) => "The file is larger than the server accepts.".into(),
        (C::UnsupportedMediaType, true) => "Định dạng dữ liệu không được hỗ trợ.".into(),
        (C::UnsupportedMediaType, false) => "This kind of data is not supported.".into(),
        (C::NotPdf, true) => "Tệp này không phải PDF.".into(),
        (C::NotPdf, false) => "This file is not a PDF.".into(),
        (C::PdfEncrypted, true) => "Tệp PDF có mật khẩu: hãy gỡ mật khẩu rồi tải lên lại.".into(),
        (C::PdfEncrypted, false) => "The PDF is password-protected: remove the password and upload again.".into(),
        (C::PdfCorrupt, true) => "Tệp PDF bị hỏng, không đọc được.".into(),
        (C::PdfCorrupt, false) => "The PDF is damaged and cannot be read.".into(),
        (C::PdfRejected, true) => "Tệp PDF làm lỗi bộ hiển thị, không dùng được.".into(),
        (C::PdfRejected, false) => "The PDF crashes the renderer and cannot be used.".into(),
        (C::RangeNotSatisfiable, true) => "Không đọc được đoạn tệp được yêu cầu.".into(),
        (C::RangeNotSatisfiable, false) => "The requested part of the file is not available.".into(),
        (C::Internal, true) => "Máy chủ gặp lỗi. Vui lòng thử lại sau.".into(),
        (C::Internal, false) => "The server failed. Please try again later.".into(),
        (C::Unavailable, true) => "Máy chủ tạm thời không sẵn sàng. Vui lòng thử lại sau.".into(),
        (C::Unavailable, false) => "The server is temporarily unavailable. Please try again later.".into(),
    };
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_a_vietnamese_text() {
        for &code in ErrorCode::ALL {
            let e = BackendError::Server(ecab_protocol::ApiError {
                code,
                message: "m".into(),
                field: Some("title".into()),
                retry_after: None,
            });
            let vi = error(Lang::Vi, &e);
            let en = error(Lang::En, &e);
            assert!(!vi.is_empty() && vi != en, "{code:?}");
        }
        assert!(error(Lang::Vi, &BackendError::Offline).contains("ngoại tuyến"));
    }

    #[test]
    fn every_rule_field_has_a_label() {
        for &f in Field::ALL {
            let (vi, en) = (field(Lang::Vi, f.as_str()), field(Lang::En, f.as_str()));
            assert!(vi.is_some() && en.is_some(), "{f}");
        }
        assert_eq!(field(Lang::Vi, "nonsense"), None);
    }
}
