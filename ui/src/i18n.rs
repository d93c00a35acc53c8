//! The one message catalogue: every text a user sees, in Vietnamese (the default) and
//! English. Components never hold literal text; they ask for a [`T`] key or one of the
//! functions below (texts with numbers, vocabularies of the domain, error codes).

use ecab_core::rules::{Field, Invalid, Rule};
use ecab_core::{Confidentiality, DocumentKind, MeetingKind, MeetingStatus, ReviewStage, Role};
use ecab_protocol::ErrorCode;

use crate::backend::BackendError;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Self {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

macro_rules! catalogue {
    ($($key:ident => $vi:literal, $en:literal;)*) => {
        /// A fixed text of the ui.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::Vi) => $vi, (T::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

catalogue! {
    Brand => "eCabinet", "eCabinet";
    AppName => "Phòng họp không giấy", "Paperless meeting room";
    Org => "Ủy ban nhân dân tỉnh", "Provincial People's Committee";
    SwitchLang => "English", "Tiếng Việt";
    SwitchLangTitle => "Chuyển ngôn ngữ", "Change language";

    LoginTitle => "Đăng nhập", "Sign in";
    Username => "Tên đăng nhập", "Username";
    Password => "Mật khẩu", "Password";
    SignIn => "Đăng nhập", "Sign in";
    SigningIn => "Đang đăng nhập…", "Signing in…";
    SignOut => "Đăng xuất", "Sign out";
    CredentialsRequired => "Nhập tên đăng nhập và mật khẩu.", "Enter your username and password.";

    Online => "Trực tuyến", "Online";
    Offline => "Ngoại tuyến", "Offline";
    UpdatedAt => "Cập nhật", "Updated";
    NotYet => "chưa cập nhật", "not yet updated";
    Refresh => "Làm mới", "Refresh";
    Loading => "Đang tải…", "Loading…";

    Meetings => "Cuộc họp", "Meetings";
    Today => "Hôm nay", "Today";
    Upcoming => "Sắp tới", "Upcoming";
    Past => "Đã qua", "Past";
    Daily0715 => "Họp giao ban 07:15", "07:15 Steering Committee meeting";
    NoDailyToday => "Hôm nay không có họp giao ban 07:15.", "There is no 07:15 meeting today.";
    NoMeetings => "Không có cuộc họp nào.", "No meetings.";
    OpenMeeting => "Mở cuộc họp", "Open the meeting";
    NewMeeting => "Tạo cuộc họp", "New meeting";
    BackToMeetings => "← Danh sách cuộc họp", "← All meetings";
    BackToMeeting => "← Về cuộc họp", "← Back to the meeting";

    MeetingTitle => "Tên cuộc họp", "Title";
    Kind => "Loại cuộc họp", "Type of meeting";
    Date => "Ngày (dd/MM/yyyy)", "Date (dd/MM/yyyy)";
    StartTime => "Giờ bắt đầu (HH:mm)", "Starts (HH:mm)";
    EndTime => "Giờ kết thúc (HH:mm)", "Ends (HH:mm)";
    Time => "Thời gian", "Time";
    Place => "Địa điểm", "Place";
    Chair => "Chủ trì", "Chair";
    Secretary => "Thư ký cuộc họp", "Meeting secretary";
    Confidentiality => "Độ mật", "Confidentiality";
    ChooseChair => "— Chọn người chủ trì —", "— Choose the chair —";
    Create => "Tạo cuộc họp", "Create the meeting";
    Creating => "Đang tạo…", "Creating…";
    TitleRequired => "Cần nhập tên.", "A title is required.";
    ChairRequired => "Cần chọn người chủ trì.", "Choose the chair.";
    BadDate => "Ngày phải có dạng dd/MM/yyyy, ví dụ 25/11/2026.", "The date must look like dd/MM/yyyy, e.g. 25/11/2026.";
    BadTime => "Giờ phải có dạng HH:mm, ví dụ 08:00.", "Times must look like HH:mm, e.g. 08:00.";
    EndBeforeStart => "Giờ kết thúc phải sau giờ bắt đầu.", "The meeting must end after it starts.";
    DeadlineAfterStart => "Hạn gửi ý kiến phải trước giờ họp.", "The deadline for opinions must be before the meeting starts.";
    NotAChair => "Người chủ trì phải là Chủ tịch hoặc Phó Chủ tịch đang hoạt động.", "The chair must be an active Chairman or Vice Chairman.";
    NotInvitable => "Người này không thể được mời làm đại biểu.", "This person cannot be invited as a delegate.";
    FieldRequired => "Cần nhập đủ thông tin bắt buộc.", "Fill in the required information.";
    FullName => "Họ và tên", "Full name";
    NameField => "Tên", "Name";
    CodeField => "Mã", "Code";

    ReturnedWithReason => "Đã bị trả lại. Lý do:", "Returned. Reason:";
    Agenda => "Chương trình cuộc họp", "Agenda";
    NoAgenda => "Chưa có nội dung.", "No agenda items yet.";
    ItemTitle => "Nội dung", "Agenda item";
    Presenter => "Người trình bày", "Presenter";
    PresentingUnit => "Đơn vị trình", "Presenting unit";
    NoUnit => "— Không —", "— None —";
    MinutesLabel => "Thời lượng (phút)", "Duration (minutes)";
    DocumentsOfMeeting => "Tài liệu chung của cuộc họp", "Documents of the whole meeting";
    NoDocuments => "Chưa có tài liệu.", "No documents yet.";
    Participants => "Thành phần tham dự", "Participants";
    Delegates => "Đại biểu", "Delegates";
    BridgePoints => "Điểm cầu", "Bridge points";
    MainBridgePoint => "Điểm cầu trung tâm", "Main bridge point";
    NoneInvited => "Chưa mời ai.", "Nobody invited yet.";
    QuestionDeadline => "Hạn gửi ý kiến", "Deadline for opinions";

    Submit => "Trình duyệt", "Send for review";
    Withdraw => "Rút lại", "Withdraw";
    Approve => "Phê duyệt", "Approve";
    Reject => "Trả lại", "Return";
    RejectReason => "Lý do trả lại (bắt buộc)", "Reason for returning (required)";
    ConfirmReject => "Xác nhận trả lại", "Return the meeting";
    ReasonRequired => "Cần nhập lý do trả lại.", "A reason is required to return the meeting.";
    Publish => "Phát hành", "Publish";
    Cancel => "Hủy", "Cancel";
    Done => "Đã thực hiện.", "Done.";
    EmptyAgendaHint => "Cần ít nhất một nội dung trước khi trình duyệt.", "Add at least one agenda item before sending for review.";
    LockedHint => "Nội dung đang khóa trong khi trình duyệt; rút lại về Soạn thảo để sửa.", "Content is frozen during review: withdraw to draft to edit.";

    EditAgenda => "Soạn chương trình", "Edit the agenda";
    AddItem => "Thêm nội dung", "Add the item";
    Save => "Lưu", "Save";
    Saving => "Đang lưu…", "Saving…";
    Saved => "Đã lưu.", "Saved.";
    Edit => "Sửa", "Edit";
    Remove => "Xóa", "Remove";
    MoveUp => "↑ Lên", "↑ Up";
    MoveDown => "↓ Xuống", "↓ Down";
    ConfirmRemove => "Xóa nội dung này khỏi chương trình?", "Remove this item from the agenda?";
    BadMinutes => "Thời lượng là số phút (0–1440).", "The duration is a number of minutes (0–1440).";

    UploadDocument => "Tải tài liệu lên", "Upload a document";
    DocTitle => "Tên tài liệu", "Document title";
    DocKind => "Loại tài liệu", "Document type";
    AttachTo => "Thuộc nội dung", "For agenda item";
    WholeMeeting => "Chung cho cuộc họp", "The whole meeting";
    PdfFile => "Tệp PDF", "PDF file";
    PickFile => "Chọn tệp…", "Choose a file…";
    NoFileChosen => "Chưa chọn tệp", "No file chosen";
    Upload => "Tải lên", "Upload";
    Uploading => "Đang tải lên…", "Uploading…";
    Checking => "Máy chủ đang kiểm tra tệp…", "The server is checking the file…";
    Uploaded => "Đã tải lên.", "Uploaded.";
    ChooseFile => "Chọn một tệp PDF.", "Choose a PDF file.";

    Invite => "Mời tham dự", "Invitations";
    SaveInvitees => "Lưu danh sách mời", "Save the invitations";
    SelectAll => "Chọn tất cả", "Select all";
    SelectNone => "Bỏ chọn", "Select none";

    Page => "Trang", "Page";
    FirstPage => "Trang đầu", "First page";
    PrevPage => "Trang trước", "Previous page";
    NextPage => "Trang sau", "Next page";
    LastPage => "Trang cuối", "Last page";
    GoToPage => "Đến trang", "Go to page";
    Go => "Đến", "Go";
    ZoomIn => "Phóng to", "Zoom in";
    ZoomOut => "Thu nhỏ", "Zoom out";
    FitWidth => "Vừa chiều rộng", "Fit width";
    Thumbnails => "Các trang", "Pages";
    SearchPlaceholder => "Tìm trong tài liệu…", "Search the document…";
    Search => "Tìm", "Search";
    NoMatches => "Không tìm thấy.", "No matches.";
    KeyboardHint => "Phím ←/→, PageUp/PageDown, Home/End để chuyển trang.", "Keys ←/→, PageUp/PageDown, Home/End turn the pages.";
    PageFailed => "Không hiển thị được trang này.", "This page cannot be shown.";
    TryAgain => "Thử lại", "Try again";
    Version => "Phiên bản", "Version";

    NotFoundPage => "Không tìm thấy trang này.", "This page does not exist.";
    Questions => "Câu hỏi, ý kiến", "Questions and opinions";
    QuestionText => "Nội dung câu hỏi, ý kiến", "Text of the question or opinion";
    QuestionTextRule => "Nhập nội dung (tối đa 4000 ký tự).", "Write the text (at most 4000 characters).";
    NotInMeeting => "Mục này không thuộc cuộc họp.", "This is not part of the meeting.";
    AssignTo => "Giao đơn vị trả lời", "Unit to answer";
    Document => "Tài liệu", "Document";
    KindQuestion => "Câu hỏi", "Question";
    KindOpinion => "Ý kiến", "Opinion";
    KindProposal => "Đề xuất", "Proposal";
    StatusSubmitted => "Đã gửi", "Sent";
    StatusAssigned => "Đã giao trả lời", "Assigned";
    StatusAnswered => "Đã trả lời", "Answered";
    StatusMerged => "Đã gộp", "Merged";
    StatusWithdrawn => "Đã rút", "Withdrawn";
    Pending => "Chờ gửi (ngoại tuyến)", "Waiting to be sent (offline)";
    Attendance => "Xác nhận tham dự", "Attendance";
    MyReply => "Trả lời của bạn", "Your reply";
    ReplyOnBehalf => "Ghi nhận thay", "Record for them";
    ReplyFor => "Ghi nhận trả lời của", "Recording the reply of";
    ReplyAttending => "Tham dự", "Attend";
    ReplyAbsent => "Vắng mặt", "Absent";
    ReplyDeputy => "Cử người dự thay", "Send a deputy";
    ReplyPending => "Chưa trả lời", "No reply yet";
    AbsenceReason => "Lý do vắng mặt", "Reason for absence";
    AbsenceReasonRequired => "Cần nhập lý do vắng mặt.", "Give the reason for your absence.";
    ReasonTooLong => "Lý do tối đa 500 ký tự.", "At most 500 characters.";
    DeputyLabel => "Người dự thay", "Deputy";
    ChooseDeputy => "Chọn người dự thay", "Choose a deputy";
    NotADeputy => "Người dự thay phải là đại biểu cùng đơn vị, chưa được mời.", "A deputy is a delegate of the same unit who is not invited already.";
    NoDeputyCandidates => "Đơn vị chưa có người có thể dự thay.", "Nobody in your unit can stand in.";
    SendReply => "Gửi xác nhận", "Send reply";
    DeputyFor => "Bạn được cử dự thay cho", "You stand in for";
    Roll => "Danh sách xác nhận tham dự", "Attendance roll";
    Speakers => "Đăng ký phát biểu", "Registrations to speak";
    SpeakTopic => "Nội dung dự kiến phát biểu", "What you mean to raise";
    RegisterToSpeak => "Đăng ký phát biểu", "Register to speak";
    WithdrawRegistration => "Rút đăng ký", "Withdraw";
    ToolRead => "Đọc", "Read";
    ToolHighlight => "Đánh dấu", "Highlight";
    ToolUnderline => "Gạch chân", "Underline";
    ToolInk => "Bút vẽ", "Pen";
    ToolNote => "Ghi chú", "Note";
    AnnotationTools => "Công cụ ghi chú", "Annotation tools";
    ColorYellow => "Vàng", "Yellow";
    ColorGreen => "Xanh lá", "Green";
    ColorBlue => "Xanh dương", "Blue";
    ColorPink => "Hồng", "Pink";
    ColorRed => "Đỏ", "Red";
    ShareNew => "Chia sẻ với cuộc họp", "Share with the meeting";
    Shared => "Đã chia sẻ", "Shared";
    Annotations => "Ghi chú trên tài liệu", "Annotations";
    NoAnnotations => "Chưa có ghi chú nào. Chọn Đánh dấu, Gạch chân, Bút vẽ hoặc Ghi chú rồi thao tác trên trang.", "No annotations yet. Choose Highlight, Underline, Pen or Note and work on the page.";
    SaveInk => "Lưu nét vẽ", "Save drawing";
    ClearInk => "Xoá nét vẽ", "Clear drawing";
    NoteText => "Nội dung ghi chú", "Note text";
    Comment => "Nhận xét", "Comment";
    Delete => "Xoá", "Delete";
    ExportAnnotated => "Xuất PDF kèm ghi chú", "Export PDF with annotations";
    Downloaded => "Đã tải xuống", "Downloaded";
    SavedAt => "Đã lưu tại", "Saved at";
    NewVersionCarried => "Tài liệu đã có phiên bản mới; các ghi chú được chuyển sang những chỗ có cùng nội dung.", "The document has a new version; annotations were carried to where their text is.";
    NewVersionUnplaced => "Tài liệu đã có phiên bản mới. Những ghi chú sau không tìm thấy chỗ trong phiên bản mới và vẫn ở phiên bản cũ:", "The document has a new version. These annotations could not be placed on it and stay on the older version:";
    NoTextOnPage => "Trang này không có chữ để chọn (bản quét?).", "This page has no text to select (a scan?).";
    AnnotationShapeRule => "Ghi chú không hợp lệ hoặc quá lớn.", "The annotation is not valid or too large.";
    OutsidePageRule => "Ghi chú nằm ngoài trang.", "The annotation is off the page.";
    NoteTextRule => "Hãy nhập nội dung ghi chú (tối đa 4000 ký tự).", "Write the note (at most 4000 characters).";
    NoSpeakers => "Chưa có ai đăng ký phát biểu.", "Nobody has registered to speak yet.";
    NotSent => "Chưa gửi được", "Not sent";
    Discard => "Bỏ", "Discard";
    SendQuestion => "Gửi", "Send";
    EditQuestion => "Sửa", "Edit";
    SaveQuestion => "Lưu", "Save";
    WithdrawQuestion => "Rút lại", "Withdraw";
    MyQuestions => "Câu hỏi, ý kiến của tôi", "My questions and opinions";
    DeadlineClosed => "Đã hết hạn gửi ý kiến.", "The deadline for opinions has passed.";
    NoDeadline => "Nhận ý kiến đến khi cuộc họp bắt đầu.", "Opinions are taken until the meeting starts.";
    Inbox => "Tổng hợp ý kiến", "Aggregated opinions";
    MergeSelected => "Gộp các câu đã chọn", "Merge the selected";
    ForDiscussion => "Đưa ra thảo luận", "For discussion";
    NotAssigned => "— chưa giao —", "— not assigned —";
    AnswerLabel => "Trả lời", "Answer";
    SendAnswer => "Gửi trả lời", "Send the answer";
    ToAnswer => "Câu hỏi giao đơn vị trả lời", "Questions for your unit to answer";
    Authors => "Người gửi", "Sent by";
    Polls => "Phiếu lấy ý kiến", "Written opinion polls";
    NoPolls => "Chưa có phiếu lấy ý kiến nào.", "No opinion polls yet.";
    NewPoll => "Soạn phiếu lấy ý kiến", "Prepare an opinion poll";
    PollQuestion => "Nội dung xin ý kiến", "The question asked";
    PollDeadline => "Hạn trả lời", "Answer by";
    PollDocument => "Tài liệu xin ý kiến", "Document asked about";
    NoDocument => "— không kèm tài liệu —", "— no document —";
    SavePollDraft => "Lưu phiếu (chưa gửi)", "Save the poll (not sent)";
    SendPoll => "Gửi phiếu đến thành viên", "Send to the members";
    ClosePoll => "Kết thúc lấy ý kiến", "Close the poll";
    DeletePoll => "Xoá phiếu", "Delete the poll";
    PollDraft => "Chưa gửi", "Not sent";
    PollOpen => "Đang lấy ý kiến", "Open";
    PollClosed => "Đã kết thúc", "Closed";
    ChoiceAgree => "Đồng ý", "Agree";
    ChoiceDisagree => "Không đồng ý", "Disagree";
    ChoiceOther => "Ý kiến khác", "Other opinion";
    PollComment => "Ý kiến cụ thể", "Comment";
    SendPollAnswer => "Gửi ý kiến", "Send my answer";
    YourAnswer => "Ý kiến của bạn", "Your answer";
    AnswerPending => "đang chờ gửi", "waiting to be sent";
    NotAnswered => "Chưa trả lời", "Not answered";
    PollPassed => "Được thông qua: quá nửa tổng số thành viên đồng ý.", "Passed: more than half of all members agree.";
    PollNotPassed => "Không được thông qua: chưa đủ quá nửa tổng số thành viên đồng ý.", "Not passed: fewer than half of all members plus one agree.";
    PollPending => "Đang lấy ý kiến: kết quả có thể còn thay đổi.", "Still open: the result may change.";
    PollCommentRule => "Hãy ghi rõ ý kiến khác (tối đa 4000 ký tự).", "Say what the other opinion is (at most 4000 characters).";
    PollQuestionRule => "Hãy nhập nội dung xin ý kiến (tối đa 4000 ký tự).", "Write the question (at most 4000 characters).";
    DeadlineInPast => "Hạn phải ở sau thời điểm hiện tại.", "The deadline must be in the future.";
    AnswersOfMembers => "Ý kiến của các thành viên", "The members' answers";
    KindWritten => "Lấy ý kiến bằng văn bản", "Written consultation";
    Notifications => "Thông báo", "Notifications";
    NoNotifications => "Chưa có thông báo nào.", "No notifications yet.";
    NotifNewVersion => "Tài liệu có phiên bản mới", "A document has a new version";
    NotifAnswered => "Câu hỏi của bạn đã được trả lời", "Your question has been answered";
    NotifMoved => "Cuộc họp đổi lịch", "A meeting has moved";
    NotifPoll => "Phiếu lấy ý kiến chờ bạn trả lời", "An opinion poll awaits your answer";
    PollResultPdf => "Tải kết quả (PDF)", "Download the result (PDF)";
    BriefingPdf => "Tải bản tổng hợp ý kiến cho chủ trì (PDF)", "Download the chair's briefing (PDF)";
}

/// "Trang 50 / 126".
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

/// "Đã trả lời 9/13".
pub fn answered_of(lang: Lang, answered: u32, total: u32) -> String {
    match lang {
        Lang::Vi => format!("Đã trả lời {answered}/{total}"),
        Lang::En => format!("Answered {answered} of {total}"),
    }
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

    #[test]
    fn weekdays_start_on_monday() {
        assert_eq!(weekday(Lang::Vi, 0), "Thứ Hai");
        assert_eq!(weekday(Lang::Vi, 6), "Chủ Nhật");
    }
}
