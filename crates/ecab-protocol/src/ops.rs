//! Every operation of the API, described once: its name, method and path, what it takes
//! and what it answers, and whether a retry is harmless. The server's routes and its
//! OpenAPI description, the client engine, the desktop's bridge and the ui's transports
//! are all driven from this list ([`ALL`] and the [`Operation`] types).
//!
//! Adding an operation: one line in [`operations!`] below, then its server handler.

use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::{
    Transition, annotation as an, attendance as at, auth, directory as dir, document as doc, meeting as mt,
    notification as nt, poll as pl, query as q, question as qn, sync,
};

/// The HTTP method of an operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Method {
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// How the request travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// Nothing besides the path.
    Nothing,
    /// The request's fields as the query string.
    Query,
    /// A JSON body.
    Json,
    /// `multipart/form-data`: a `meta` part (the request, JSON) and a `file` part (the PDF).
    Multipart,
}

/// What a success answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    /// No body (204).
    Empty,
    /// A JSON body.
    Json,
    /// Bytes of one of these content types (ranges and ETags supported).
    Bytes(&'static [&'static str]),
}

/// Who may call an operation at all (what each may then see or change is decided by
/// `ecab-core`'s rules in the handler).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caller {
    /// Anyone, without a token.
    Anyone,
    /// Anyone signed in.
    SignedIn,
}

/// The description of one operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpInfo {
    /// Stable snake_case name: the desktop bridge and the outbox name operations by it.
    pub name: &'static str,
    pub method: Method,
    /// The path template, parameters in braces: `/api/v1/meetings/{id}/agenda`.
    pub path: &'static str,
    /// What each of the path's parameters holds, in order.
    pub param_kinds: &'static [ParamKind],
    /// The OpenAPI tag.
    pub tag: &'static str,
    /// One line for people: the OpenAPI summary.
    pub summary: &'static str,
    pub input: Input,
    pub output: Output,
    /// The status of a success (200, 201 for creations, 204 with no body).
    pub status: u16,
    pub caller: Caller,
    /// Sending it again (writes: with the same `Idempotency-Key`) has the effect of
    /// sending it once.
    pub idempotent: bool,
}

impl OpInfo {
    /// A write: anything but GET.
    pub fn is_write(&self) -> bool {
        self.method != Method::Get
    }

    /// The names of the path's parameters, in order (`["id", "n"]`).
    pub fn params(&self) -> impl Iterator<Item = &'static str> {
        self.path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }

    /// The path with `values` put in for its parameters, in order. `None` when their number
    /// differs or a value is not a plain path segment (letters, digits, `-`, `_`), so no
    /// value can reach another route.
    pub fn fill(&self, values: &[String]) -> Option<String> {
        if values.len() != self.params().count() || !values.iter().all(|v| is_segment(v)) {
            return None;
        }
        let mut values = values.iter();
        let filled: Vec<&str> = self
            .path
            .split('/')
            .map(|s| if s.starts_with('{') { values.next().map(String::as_str).unwrap_or("") } else { s })
            .collect();
        Some(filled.join("/"))
    }
}

fn is_segment(v: &str) -> bool {
    !v.is_empty() && v.len() <= 128 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What a path parameter holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamKind {
    Uuid,
    /// A 0-based number.
    Index,
    /// A SHA-256 in lowercase hex.
    Sha256,
}

/// The values of an operation's path parameters.
pub trait PathParams {
    /// One per parameter, in the order of the template.
    const KINDS: &'static [ParamKind];
    /// As path segments, in the order of the template.
    fn segments(&self) -> Vec<String>;
}

impl PathParams for () {
    const KINDS: &'static [ParamKind] = &[];
    fn segments(&self) -> Vec<String> {
        Vec::new()
    }
}

impl PathParams for Uuid {
    const KINDS: &'static [ParamKind] = &[ParamKind::Uuid];
    fn segments(&self) -> Vec<String> {
        vec![self.to_string()]
    }
}

impl PathParams for String {
    const KINDS: &'static [ParamKind] = &[ParamKind::Sha256];
    fn segments(&self) -> Vec<String> {
        vec![self.clone()]
    }
}

impl PathParams for (Uuid, u32) {
    const KINDS: &'static [ParamKind] = &[ParamKind::Uuid, ParamKind::Index];
    fn segments(&self) -> Vec<String> {
        vec![self.0.to_string(), self.1.to_string()]
    }
}

impl PathParams for (Uuid, Uuid) {
    const KINDS: &'static [ParamKind] = &[ParamKind::Uuid, ParamKind::Uuid];
    fn segments(&self) -> Vec<String> {
        vec![self.0.to_string(), self.1.to_string()]
    }
}

/// A type that crosses the wire: (de)serializable and, for the server, described by an
/// OpenAPI schema.
#[cfg(feature = "openapi")]
pub trait Wire: Serialize + DeserializeOwned + utoipa::ToSchema + 'static {}
#[cfg(feature = "openapi")]
impl<T: Serialize + DeserializeOwned + utoipa::ToSchema + 'static> Wire for T {}
/// A type that crosses the wire.
#[cfg(not(feature = "openapi"))]
pub trait Wire: Serialize + DeserializeOwned + 'static {}
#[cfg(not(feature = "openapi"))]
impl<T: Serialize + DeserializeOwned + 'static> Wire for T {}

/// One operation of the API as a type.
pub trait Operation: 'static {
    const INFO: OpInfo;
    /// What fills the path template (`()`, a `Uuid`, …).
    type Params: PathParams;
    /// The query (GET), the JSON body or the multipart `meta`; `()` for none.
    type Request: Wire;
    /// The JSON answer; `()` for none or for bytes.
    type Response: Wire;

    /// The path for these parameters.
    fn path(params: &Self::Params) -> String {
        // Parameters made by the typed constructors are always plain segments.
        Self::INFO.fill(&params.segments()).unwrap_or_else(|| Self::INFO.path.to_owned())
    }
}

macro_rules! operations {
    ($(
        $(#[doc = $doc:literal])*
        $ty:ident = $name:literal $method:ident $path:literal, tag $tag:literal, $caller:ident,
            params $params:ty, $input:ident $req:ty => $output:ident $res:ty, status $status:literal,
            idempotent $idem:literal;
    )*) => {
        $(
            $(#[doc = $doc])*
            #[derive(Clone, Copy, Debug)]
            pub struct $ty;

            impl Operation for $ty {
                const INFO: OpInfo = OpInfo {
                    name: $name,
                    method: Method::$method,
                    path: $path,
                    param_kinds: <$params as PathParams>::KINDS,
                    tag: $tag,
                    summary: concat!($($doc),*),
                    input: Input::$input,
                    output: operations!(@output $output),
                    status: $status,
                    caller: Caller::$caller,
                    idempotent: $idem,
                };
                type Params = $params;
                type Request = $req;
                type Response = $res;
            }
        )*

        /// Every operation, in the order of the list above.
        pub const ALL: &[OpInfo] = &[$(<$ty as Operation>::INFO),*];

    };
    (@output Empty) => { Output::Empty };
    (@output Json) => { Output::Json };
    (@output Image) => { Output::Bytes(&["image/png", "image/jpeg"]) };
    (@output Pdf) => { Output::Bytes(&["application/pdf"]) };
}

operations! {
    /// Liveness and the database behind it.
    Health = "health" Get "/api/v1/health", tag "health", Anyone,
        params (), Nothing () => Json q::Health, status 200, idempotent true;

    /// Sign in: a bearer token for the other operations.
    Login = "login" Post "/api/v1/auth/login", tag "auth", Anyone,
        params (), Json auth::LoginRequest => Json auth::LoginResponse, status 200, idempotent false;
    /// Sign out: the token stops working.
    Logout = "logout" Post "/api/v1/auth/logout", tag "auth", SignedIn,
        params (), Nothing () => Empty (), status 204, idempotent true;
    /// Who is signed in.
    Me = "me" Get "/api/v1/auth/me", tag "auth", SignedIn,
        params (), Nothing () => Json auth::User, status 200, idempotent true;
    /// Change one's own password; other sessions end.
    ChangePassword = "change_password" Post "/api/v1/auth/password", tag "auth", SignedIn,
        params (), Json auth::ChangePasswordRequest => Empty (), status 204, idempotent false;

    /// Every user (the directory).
    ListUsers = "list_users" Get "/api/v1/users", tag "directory", SignedIn,
        params (), Nothing () => Json Vec<auth::User>, status 200, idempotent true;
    /// Add a user (administrators).
    CreateUser = "create_user" Post "/api/v1/users", tag "directory", SignedIn,
        params (), Json auth::CreateUser => Json auth::User, status 201, idempotent true;
    /// Change a user (administrators).
    UpdateUser = "update_user" Patch "/api/v1/users/{id}", tag "directory", SignedIn,
        params Uuid, Json auth::UpdateUser => Json auth::User, status 200, idempotent true;
    /// Every unit (departments, districts).
    ListUnits = "list_units" Get "/api/v1/units", tag "directory", SignedIn,
        params (), Nothing () => Json Vec<dir::Unit>, status 200, idempotent true;
    /// Add a unit (administrators).
    CreateUnit = "create_unit" Post "/api/v1/units", tag "directory", SignedIn,
        params (), Json dir::CreateUnit => Json dir::Unit, status 201, idempotent true;
    /// Change a unit (administrators).
    UpdateUnit = "update_unit" Patch "/api/v1/units/{id}", tag "directory", SignedIn,
        params Uuid, Json dir::UpdateUnit => Json dir::Unit, status 200, idempotent true;
    /// Every bridge point.
    ListBridgePoints = "list_bridge_points" Get "/api/v1/bridge-points", tag "directory", SignedIn,
        params (), Nothing () => Json Vec<dir::BridgePoint>, status 200, idempotent true;
    /// Add a bridge point (administrators).
    CreateBridgePoint = "create_bridge_point" Post "/api/v1/bridge-points", tag "directory", SignedIn,
        params (), Json dir::CreateBridgePoint => Json dir::BridgePoint, status 201, idempotent true;
    /// Change a bridge point (administrators).
    UpdateBridgePoint = "update_bridge_point" Patch "/api/v1/bridge-points/{id}", tag "directory", SignedIn,
        params Uuid, Json dir::UpdateBridgePoint => Json dir::BridgePoint, status 200, idempotent true;

    /// The meetings the caller may see, by start time.
    ListMeetings = "list_meetings" Get "/api/v1/meetings", tag "meetings", SignedIn,
        params (), Query q::ListMeetingsQuery => Json mt::MeetingList, status 200, idempotent true;
    /// Create a draft meeting (secretaries). A retry with the same `id` returns it.
    CreateMeeting = "create_meeting" Post "/api/v1/meetings", tag "meetings", SignedIn,
        params (), Json mt::CreateMeeting => Json mt::MeetingDetail, status 201, idempotent true;
    /// A meeting with its agenda, documents and invitees.
    GetMeeting = "get_meeting" Get "/api/v1/meetings/{id}", tag "meetings", SignedIn,
        params Uuid, Nothing () => Json mt::MeetingDetail, status 200, idempotent true;
    /// Change a meeting's details while it is a draft.
    UpdateMeeting = "update_meeting" Patch "/api/v1/meetings/{id}", tag "meetings", SignedIn,
        params Uuid, Json mt::UpdateMeeting => Json mt::Meeting, status 200, idempotent true;
    /// Move a meeting through the workflow: submit, approve, return with a reason, publish…
    TransitionMeeting = "transition" Post "/api/v1/meetings/{id}/transition", tag "meetings", SignedIn,
        params Uuid, Json Transition => Json mt::Meeting, status 200, idempotent true;
    /// A new draft from a meeting: its agenda, documents and invitees, on another day.
    CopyMeeting = "copy_meeting" Post "/api/v1/meetings/{id}/copy", tag "meetings", SignedIn,
        params Uuid, Json mt::CopyMeeting => Json mt::MeetingDetail, status 201, idempotent true;
    /// Replace the lists of invited delegates and bridge points.
    SetInvitees = "set_invitees" Put "/api/v1/meetings/{id}/invitees", tag "meetings", SignedIn,
        params Uuid, Json mt::SetInvitees => Json mt::Invitees, status 200, idempotent true;

    /// Add an agenda item, at the end or at `position`. A retry with the same `id` returns it.
    AddAgendaItem = "add_agenda_item" Post "/api/v1/meetings/{id}/agenda", tag "agenda", SignedIn,
        params Uuid, Json mt::CreateAgendaItem => Json mt::AgendaItem, status 201, idempotent true;
    /// Change an agenda item.
    UpdateAgendaItem = "update_agenda_item" Patch "/api/v1/agenda/{id}", tag "agenda", SignedIn,
        params Uuid, Json mt::UpdateAgendaItem => Json mt::AgendaItem, status 200, idempotent true;
    /// Remove an agenda item; its documents stay with the meeting as a whole.
    RemoveAgendaItem = "remove_agenda_item" Delete "/api/v1/agenda/{id}", tag "agenda", SignedIn,
        params Uuid, Nothing () => Empty (), status 204, idempotent true;
    /// Put the agenda in a new order: every item of the meeting, exactly once.
    ReorderAgenda = "reorder_agenda" Put "/api/v1/meetings/{id}/agenda/order", tag "agenda", SignedIn,
        params Uuid, Json mt::ReorderAgenda => Json Vec<mt::AgendaItem>, status 200, idempotent true;

    /// Upload a document to a meeting: a `meta` part (JSON) and a `file` part (the PDF).
    UploadDocument = "upload_document" Post "/api/v1/meetings/{id}/documents", tag "documents", SignedIn,
        params Uuid, Multipart doc::DocumentMeta => Json doc::Document, status 201, idempotent true;
    /// A new version of a document: a `meta` part (JSON) and a `file` part (the PDF).
    AddVersion = "add_version" Post "/api/v1/documents/{id}/versions", tag "documents", SignedIn,
        params Uuid, Multipart doc::DocumentMeta => Json doc::Document, status 201, idempotent true;
    /// A document and its versions.
    GetDocument = "get_document" Get "/api/v1/documents/{id}", tag "documents", SignedIn,
        params Uuid, Nothing () => Json doc::Document, status 200, idempotent true;
    /// Change a document's title, kind, agenda item or confidentiality.
    UpdateDocument = "update_document" Patch "/api/v1/documents/{id}", tag "documents", SignedIn,
        params Uuid, Json doc::UpdateDocument => Json doc::Document, status 200, idempotent true;
    /// Revoke a document: it leaves every device that holds it.
    RevokeDocument = "revoke_document" Delete "/api/v1/documents/{id}", tag "documents", SignedIn,
        params Uuid, Nothing () => Empty (), status 204, idempotent true;
    /// The text of every page of a document's current version.
    DocumentText = "document_text" Get "/api/v1/documents/{id}/text", tag "documents", SignedIn,
        params Uuid, Nothing () => Json doc::DocumentText, status 200, idempotent true;
    /// Page `n` (0-based) of the current version of a document, as an image the size of the
    /// asked width: a palette PNG for text and drawings, JPEG for pictures.
    PageImage = "page_image" Get "/api/v1/documents/{id}/pages/{n}", tag "documents", SignedIn,
        params (Uuid, u32), Query q::PageQuery => Image (), status 200, idempotent true;
    /// The words of page `n` (0-based) with their boxes and those of their letters, as
    /// fractions of the page from its top-left corner: the reader's text layer.
    PageText = "page_text" Get "/api/v1/documents/{id}/pages/{n}/text", tag "documents", SignedIn,
        params (Uuid, u32), Nothing () => Json doc::PageText, status 200, idempotent true;
    /// A document version's bytes by their SHA-256, with Range and ETag.
    Blob = "blob" Get "/api/v1/blobs/{sha256}", tag "documents", SignedIn,
        params String, Nothing () => Pdf (), status 200, idempotent true;

    /// The annotations of a document the caller may see: their own, and those shared with
    /// the meeting.
    ListAnnotations = "list_annotations" Get "/api/v1/documents/{id}/annotations", tag "annotations", SignedIn,
        params Uuid, Nothing () => Json Vec<an::Annotation>, status 200, idempotent true;
    /// Annotate a document. Made on an older version, it is carried onto the current one
    /// where its words are still there. A retry with the same `id` returns it.
    CreateAnnotation = "create_annotation" Post "/api/v1/documents/{id}/annotations", tag "annotations", SignedIn,
        params Uuid, Json an::CreateAnnotation => Json an::Annotation, status 201, idempotent true;
    /// Recolour, comment, share or unshare one's own annotation.
    UpdateAnnotation = "update_annotation" Patch "/api/v1/annotations/{id}", tag "annotations", SignedIn,
        params Uuid, Json an::UpdateAnnotation => Json an::Annotation, status 200, idempotent true;
    /// Delete one's own annotation.
    DeleteAnnotation = "delete_annotation" Delete "/api/v1/annotations/{id}", tag "annotations", SignedIn,
        params Uuid, Nothing () => Empty (), status 204, idempotent true;
    /// The document's current version with the caller's own annotations on it as PDF
    /// annotations (Highlight, Underline, Ink, Text), for any PDF reader.
    ExportAnnotated = "export_annotated" Get "/api/v1/documents/{id}/annotated", tag "annotations", SignedIn,
        params Uuid, Nothing () => Pdf (), status 200, idempotent true;

    /// The questions and opinions of a meeting the caller may see: the staff all of them,
    /// a delegate their own and those their unit must answer.
    ListQuestions = "list_questions" Get "/api/v1/meetings/{id}/questions", tag "questions", SignedIn,
        params Uuid, Nothing () => Json Vec<qn::Question>, status 200, idempotent true;
    /// Send a question, opinion or proposal (delegates, until the deadline). A retry with
    /// the same `id` returns it.
    SubmitQuestion = "submit_question" Post "/api/v1/meetings/{id}/questions", tag "questions", SignedIn,
        params Uuid, Json qn::SubmitQuestion => Json qn::Question, status 201, idempotent true;
    /// Change one's own question, until the deadline.
    UpdateQuestion = "update_question" Patch "/api/v1/questions/{id}", tag "questions", SignedIn,
        params Uuid, Json qn::UpdateQuestion => Json qn::Question, status 200, idempotent true;
    /// Withdraw from a question, until the deadline: its last author withdraws it, another
    /// author leaves it to the others.
    WithdrawQuestion = "withdraw_question" Post "/api/v1/questions/{id}/withdraw", tag "questions", SignedIn,
        params Uuid, Nothing () => Json qn::Question, status 200, idempotent true;
    /// Merge duplicates into this question, which keeps every author (the secretary).
    MergeQuestions = "merge_questions" Post "/api/v1/questions/{id}/merge", tag "questions", SignedIn,
        params Uuid, Json qn::MergeQuestions => Json qn::Question, status 200, idempotent true;
    /// Put an agenda item's open questions in a new order (the secretary).
    ReorderQuestions = "reorder_questions" Put "/api/v1/meetings/{id}/questions/order", tag "questions", SignedIn,
        params Uuid, Json qn::ReorderQuestions => Json Vec<qn::Question>, status 200, idempotent true;
    /// Mark a question for discussion at the meeting, or unmark it (the secretary).
    MarkQuestion = "mark_question" Put "/api/v1/questions/{id}/discussion", tag "questions", SignedIn,
        params Uuid, Json qn::MarkQuestion => Json qn::Question, status 200, idempotent true;
    /// Give a question to a unit to answer, or take it back (the secretary).
    AssignQuestion = "assign_question" Put "/api/v1/questions/{id}/assignee", tag "questions", SignedIn,
        params Uuid, Json qn::AssignQuestion => Json qn::Question, status 200, idempotent true;
    /// Answer a question given to one's unit.
    AnswerQuestion = "answer_question" Put "/api/v1/questions/{id}/answer", tag "questions", SignedIn,
        params Uuid, Json qn::AnswerQuestion => Json qn::Question, status 200, idempotent true;

    /// The chair's briefing: the aggregated questions of each agenda item, in the
    /// secretary's order, with their authors, status and answers, as a PDF (the staff).
    Briefing = "briefing" Get "/api/v1/meetings/{id}/briefing", tag "questions", SignedIn,
        params Uuid, Query q::ReportQuery => Pdf (), status 200, idempotent true;

    /// The roll: every invitee's reply for the staff; one's own (or the one naming one as
    /// deputy) for a delegate.
    ListReplies = "list_replies" Get "/api/v1/meetings/{id}/attendance", tag "attendance", SignedIn,
        params Uuid, Nothing () => Json Vec<at::Reply>, status 200, idempotent true;
    /// Reply for an invitee (the invitee, or the secretary on their behalf), while the
    /// meeting is published.
    SetReply = "set_reply" Put "/api/v1/meetings/{id}/attendance/{user_id}", tag "attendance", SignedIn,
        params (Uuid, Uuid), Json at::SetReply => Json at::Reply, status 200, idempotent true;
    /// The registrations to speak, per agenda item in the order they came.
    ListSpeakers = "list_speakers" Get "/api/v1/meetings/{id}/speakers", tag "attendance", SignedIn,
        params Uuid, Nothing () => Json Vec<at::Speaker>, status 200, idempotent true;
    /// Register to speak on an agenda item. A retry with the same `id` returns it.
    RegisterToSpeak = "register_to_speak" Post "/api/v1/meetings/{id}/speakers", tag "attendance", SignedIn,
        params Uuid, Json at::RegisterToSpeak => Json at::Speaker, status 201, idempotent true;
    /// Take a registration back (its speaker, or the secretary).
    WithdrawSpeaker = "withdraw_speaker" Delete "/api/v1/speakers/{id}", tag "attendance", SignedIn,
        params Uuid, Nothing () => Empty (), status 204, idempotent true;

    /// Report having opened a document (delegates; offline too, through the outbox).
    ReportRead = "report_read" Put "/api/v1/documents/{id}/read", tag "attendance", SignedIn,
        params Uuid, Json at::ReportRead => Empty (), status 204, idempotent true;
    /// Who has opened which document of a meeting (the staff).
    ListReads = "list_reads" Get "/api/v1/meetings/{id}/reads", tag "attendance", SignedIn,
        params Uuid, Nothing () => Json Vec<at::Read>, status 200, idempotent true;

    /// The written opinion polls of a meeting the caller may see: the staff every one, a
    /// member those sent to them.
    ListPolls = "list_polls" Get "/api/v1/meetings/{id}/polls", tag "polls", SignedIn,
        params Uuid, Nothing () => Json Vec<pl::Poll>, status 200, idempotent true;
    /// Prepare a poll on the meeting's draft (its secretary). A retry with the same `id`
    /// returns it.
    CreatePoll = "create_poll" Post "/api/v1/meetings/{id}/polls", tag "polls", SignedIn,
        params Uuid, Json pl::CreatePoll => Json pl::Poll, status 201, idempotent true;
    /// Change a poll's document, question and deadline while it is a draft.
    EditPoll = "edit_poll" Put "/api/v1/polls/{id}", tag "polls", SignedIn,
        params Uuid, Json pl::EditPoll => Json pl::Poll, status 200, idempotent true;
    /// Delete a poll that is still a draft.
    DeletePoll = "delete_poll" Delete "/api/v1/polls/{id}", tag "polls", SignedIn,
        params Uuid, Nothing () => Empty (), status 204, idempotent true;
    /// Send a draft to the members: the chair and the delegates invited in their own right.
    SendPoll = "send_poll" Post "/api/v1/polls/{id}/send", tag "polls", SignedIn,
        params Uuid, Nothing () => Json pl::Poll, status 200, idempotent true;
    /// Close a poll before its deadline (the secretary or the chair).
    ClosePoll = "close_poll" Post "/api/v1/polls/{id}/close", tag "polls", SignedIn,
        params Uuid, Nothing () => Json pl::Poll, status 200, idempotent true;
    /// Answer a poll, or change one's answer, while it is open (the members asked).
    AnswerPoll = "answer_poll" Put "/api/v1/polls/{id}/answer", tag "polls", SignedIn,
        params Uuid, Json pl::AnswerPoll => Json pl::Poll, status 200, idempotent true;
    /// The result as a PDF: the question, the tally, what it decided and every member's
    /// answer (the staff, once it is sent).
    PollResult = "poll_result" Get "/api/v1/polls/{id}/result", tag "polls", SignedIn,
        params Uuid, Query q::ReportQuery => Pdf (), status 200, idempotent true;

    /// What the caller has been told of, newest first (the latest 50): new versions, answers
    /// to their questions, meetings moved, polls waiting.
    ListNotifications = "list_notifications" Get "/api/v1/notifications", tag "sync", SignedIn,
        params (), Nothing () => Json Vec<nt::Notification>, status 200, idempotent true;

    /// The changes the caller may see after `since`, a page at a time.
    Sync = "sync" Get "/api/v1/sync", tag "sync", SignedIn,
        params (), Query q::SyncQuery => Json sync::SyncPage, status 200, idempotent true;
    /// The audit log, newest first (administrators).
    Audit = "audit" Get "/api/v1/audit", tag "audit", SignedIn,
        params (), Query q::AuditQuery => Json Vec<q::AuditEntry>, status 200, idempotent true;
}

/// The operation named `name`.
pub fn find(name: &str) -> Option<&'static OpInfo> {
    ALL.iter().find(|o| o.name == name)
}

/// The writes a client may send on a user's behalf with an `Idempotency-Key`: JSON (or
/// no) body, idempotent. The desktop's bridge and the outbox accept only these.
pub fn keyed_write(name: &str) -> Option<&'static OpInfo> {
    find(name).filter(|o| {
        o.is_write() && o.idempotent && o.caller == Caller::SignedIn && matches!(o.input, Input::Json | Input::Nothing)
    })
}

/// The reports a client may fetch for its user and save: a PDF made by the server of one
/// entity (`GET`, one id in the path, the language in the query).
pub fn report(name: &str) -> Option<&'static OpInfo> {
    find(name).filter(|o| {
        o.method == Method::Get
            && o.input == Input::Query
            && o.output == Output::Bytes(&["application/pdf"])
            && o.param_kinds == [ParamKind::Uuid]
    })
}

/// Shorthands for an operation's request and answer types.
pub type Req<O> = <O as Operation>::Request;
pub type Res<O> = <O as Operation>::Response;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_routes_are_unique() {
        let mut names: Vec<_> = ALL.iter().map(|o| o.name).collect();
        let mut routes: Vec<_> = ALL.iter().map(|o| (o.method, o.path)).collect();
        names.sort();
        names.dedup();
        routes.sort_by_key(|(m, p)| (m.as_str(), *p));
        routes.dedup();
        assert_eq!(names.len(), ALL.len());
        assert_eq!(routes.len(), ALL.len());
    }

    #[test]
    fn every_path_parameter_has_its_kind() {
        for op in ALL {
            assert_eq!(op.params().count(), op.param_kinds.len(), "{}", op.name);
        }
    }

    #[test]
    fn paths_fill_only_with_plain_segments() {
        let op = &<AddAgendaItem as Operation>::INFO;
        let id = Uuid::nil();
        assert_eq!(
            op.fill(&id.segments()).as_deref(),
            Some("/api/v1/meetings/00000000-0000-0000-0000-000000000000/agenda")
        );
        assert_eq!(op.fill(&[]), None);
        assert_eq!(op.fill(&["..".into()]), None);
        assert_eq!(op.fill(&["a/b".into()]), None);
        assert_eq!(op.fill(&["x".into(), "y".into()]), None);
        assert_eq!(PageImage::path(&(id, 3)), format!("/api/v1/documents/{id}/pages/3"));
    }

    #[test]
    fn the_bridge_accepts_keyed_writes_only() {
        assert!(keyed_write("set_invitees").is_some());
        assert!(keyed_write("remove_agenda_item").is_some());
        for refused in ["login", "change_password", "get_meeting", "upload_document", "sync", "nope"] {
            assert!(keyed_write(refused).is_none(), "{refused}");
        }
    }

    #[test]
    fn reports_are_pdfs_of_one_entity() {
        assert!(report("poll_result").is_some());
        assert!(report("briefing").is_some());
        for refused in ["export_annotated", "blob", "page_image", "get_meeting", "nope"] {
            assert!(report(refused).is_none(), "{refused}");
        }
    }

    #[test]
    fn summaries_are_written() {
        for op in ALL {
            assert!(!op.summary.trim().is_empty(), "{} has no summary", op.name);
        }
    }
}
