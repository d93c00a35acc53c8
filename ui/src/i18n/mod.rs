//! The one message catalogue: every text a user sees, in Vietnamese (the default) and
//! English. Components never hold literal text; they ask for a [`T`] key, or for one of the
//! functions of [`words`] (the domain's vocabularies), [`phrases`] (texts with numbers and
//! times) and [`errors`] (every error), all re-exported here.

mod errors;
mod phrases;
mod words;

pub use errors::*;
pub use phrases::*;
pub use words::*;

/// Vietnamese (the default) or English: `ecab_core`'s, shared with the server's reports.
pub use ecab_core::Lang;

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
