//! `--demo`: a whole province to try eCabinet with, loaded into an empty store. Every
//! account's password is [`PASSWORD`].

mod data;

use std::collections::HashMap;

use anyhow::Context;
use chrono::{Duration, NaiveTime, Utc};
use ecab_core::{AnnotationColor, AnnotationKind, PollChoice, PollStatus};
use ecab_core::{Confidentiality, MeetingKind, MeetingStatus, QuestionStatus, Recurrence, ReviewStage, Role};
use ecab_protocol::annotation::{Anchor, Annotation, Point};
use ecab_protocol::attendance::{Reply, Speaker};
use ecab_protocol::poll::{Poll, PollAnswer};
use ecab_protocol::question::Question;
use uuid::Uuid;

use crate::auth::hash_password;
use crate::state::AppState;
use crate::time::{at_local, local_day};
use crate::users::{NewUser, insert_hashed};
use crate::{feed, store};
use data::{DOCS, Item};

pub const PASSWORD: &str = "ecabinet-demo";

struct People {
    secretary: Uuid,
    chair: Uuid,
    delegates: Vec<Uuid>,
    bridge_points: Vec<Uuid>,
    units: HashMap<&'static str, Uuid>,
}

struct Blob {
    sha256: String,
}

pub async fn load(state: &AppState) -> anyhow::Result<()> {
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&state.db).await?;
    if users > 0 {
        tracing::info!("the store already has accounts: demo data not loaded");
        return Ok(());
    }
    let people = people(state).await?;
    let mut blobs = HashMap::new();
    for doc in DOCS {
        blobs.insert(doc.key, ingest(state, doc.bytes).await.with_context(|| format!("demo document {}", doc.file))?);
    }
    for spec in meetings() {
        meeting(state, &people, &blobs, &spec).await.with_context(|| format!("demo meeting {}", spec.title))?;
    }
    tracing::info!(
        "demo data loaded: tỉnh Hòa Bình An, {} delegates, {} bridge points",
        people.delegates.len(),
        people.bridge_points.len()
    );
    Ok(())
}

async fn people(state: &AppState) -> anyhow::Result<People> {
    let db = &state.db;
    let hash = hash_password(PASSWORD.to_owned()).await?;
    let mut units = HashMap::new();
    for (code, name, kind) in data::UNITS {
        let id = Uuid::now_v7();
        sqlx::query("INSERT INTO units (id, code, name, kind) VALUES (?, ?, ?, ?)")
            .bind(id)
            .bind(code)
            .bind(name)
            .bind(kind.as_str())
            .execute(db)
            .await?;
        units.insert(*code, id);
    }
    let office = units.get("VP").copied();
    let user = |username: &'static str, full_name: &'static str, role, title: &'static str, unit_id| NewUser {
        username,
        full_name,
        role,
        title,
        unit_id,
    };
    insert_hashed(db, user("admin", "Quản trị hệ thống", Role::Admin, "Quản trị hệ thống", office), &hash).await?;
    let secretary = insert_hashed(
        db,
        user("thuky", "Nguyễn Thị Thu", Role::Secretary, "Chuyên viên Văn phòng UBND tỉnh", office),
        &hash,
    )
    .await?;
    insert_hashed(
        db,
        user("chanhvanphong", "Trần Văn Chính", Role::ChiefOfOffice, "Chánh Văn phòng UBND tỉnh", office),
        &hash,
    )
    .await?;
    let chair =
        insert_hashed(db, user("chutich", "Lê Văn Thành", Role::Chair, "Chủ tịch UBND tỉnh", office), &hash).await?;
    insert_hashed(db, user("phochutich", "Phạm Thị Hòa", Role::Chair, "Phó Chủ tịch UBND tỉnh", office), &hash).await?;
    // Delegates (daibieu01…), then the deputy directors not invited (phogiamdoc01…).
    let mut delegates = Vec::new();
    for (list, prefix) in [(data::DELEGATES, "daibieu"), (data::DEPUTIES, "phogiamdoc")] {
        for (i, (name, title, unit)) in list.iter().enumerate() {
            let username = format!("{prefix}{:02}", i + 1);
            let u = NewUser {
                username: &username,
                full_name: name,
                role: Role::Delegate,
                title,
                unit_id: units.get(unit).copied(),
            };
            let id = insert_hashed(db, u, &hash).await?;
            if prefix == "daibieu" {
                delegates.push(id);
            }
        }
    }
    let mut bridge_points = Vec::new();
    let rooms = bridge_point_rooms();
    for (i, (name, unit, main)) in rooms.iter().enumerate() {
        let username = format!("diemcau{:02}", i + 1);
        let account_name = format!("Điểm cầu {:02}", i + 1);
        let u = NewUser {
            username: &username,
            full_name: &account_name,
            role: Role::BridgePoint,
            title: name,
            unit_id: units.get(unit.as_str()).copied(),
        };
        let account = insert_hashed(db, u, &hash).await?;
        let id = Uuid::now_v7();
        sqlx::query(
            "INSERT INTO bridge_points (id, name, unit_id, location, account_id, main) VALUES (?, ?, ?, ?, ?, ?)",
        )
        .bind(id)
        .bind(name)
        .bind(units.get(unit.as_str()).copied())
        .bind("")
        .bind(account)
        .bind(main)
        .execute(db)
        .await?;
        bridge_points.push(id);
    }
    Ok(People { secretary, chair, delegates, bridge_points, units })
}

/// 30 rooms: the main one, one per department and district, and commune halls.
fn bridge_point_rooms() -> Vec<(String, String, bool)> {
    let mut rooms = vec![("Điểm cầu trung tâm – Phòng họp trực tuyến UBND tỉnh".to_owned(), "VP".to_owned(), true)];
    for (code, name, _) in data::UNITS.iter().skip(1) {
        rooms.push((format!("Phòng họp trực tuyến {name}"), (*code).to_owned(), false));
    }
    let communes =
        ["Tân Lập", "Phú Thịnh", "Đồng Tâm", "Long Hưng", "Thạch Bàn", "An Phú", "Tân Hòa", "Phú Xuân", "Bình Minh"];
    for (name, code) in communes.iter().zip(["H-TS", "H-PH", "H-DT", "H-LB", "H-TT", "TX-AL", "H-TS", "H-PH", "H-DT"]) {
        rooms.push((format!("Điểm cầu UBND xã {name}"), code.to_owned(), false));
    }
    rooms.truncate(30);
    rooms
}

/// Validate an embedded PDF with pdfium and keep it in the blob store.
async fn ingest(state: &AppState, bytes: &'static [u8]) -> anyhow::Result<Blob> {
    let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from_static(bytes))]);
    let incoming = state.blobs.receive(chunks, u64::MAX).await?;
    let info = state.pdf.inspect(&incoming.path).await?;
    let sha256 = incoming.sha256.clone();
    let mut tx = crate::db::write(&state.db).await?;
    store::blobs::record(&mut tx, &sha256, incoming.size, &info).await?;
    state.blobs.commit(incoming).await?;
    tx.commit().await?;
    Ok(Blob { sha256 })
}

struct Spec {
    title: &'static str,
    kind: MeetingKind,
    day: i64,
    start: (u32, u32),
    minutes: i64,
    status: MeetingStatus,
    review_stage: Option<ReviewStage>,
    recurrence: Recurrence,
    daily_series: bool,
    place: &'static str,
    agenda: &'static [Item],
    delegates: usize,
    bridge_points: usize,
    confidential: &'static [&'static str],
    questions: &'static [data::DemoQuestion],
    replies: &'static [data::DemoReply],
    speakers: &'static [data::DemoSpeaker],
    notes: &'static [data::DemoNote],
    polls: &'static [data::DemoPoll],
}

fn meetings() -> Vec<Spec> {
    let daily = |day, status| Spec {
        title: "Họp Ban Chỉ đạo giải ngân vốn đầu tư công (giao ban trực tuyến 07:15)",
        kind: MeetingKind::SteeringCommittee,
        day,
        start: (7, 15),
        minutes: 45,
        status,
        review_stage: None,
        recurrence: Recurrence::Daily,
        daily_series: true,
        place: "Phòng họp trực tuyến UBND tỉnh",
        agenda: data::DAILY_AGENDA,
        delegates: 20,
        bridge_points: 30,
        confidential: &[],
        questions: &[],
        replies: &[],
        speakers: &[],
        notes: &[],
        polls: &[],
    };
    vec![
        Spec {
            title: "Lấy ý kiến thành viên UBND tỉnh bằng văn bản tháng 12 năm 2026",
            kind: MeetingKind::Written,
            day: -1,
            start: (8, 0),
            minutes: 4 * 24 * 60,
            status: MeetingStatus::Published,
            review_stage: None,
            recurrence: Recurrence::None,
            daily_series: false,
            place: "Phiếu gửi qua Phòng họp không giấy",
            agenda: data::WRITTEN_AGENDA,
            delegates: 12,
            bridge_points: 0,
            confidential: &[],
            questions: &[],
            replies: &[],
            speakers: &[],
            notes: &[],
            polls: data::WRITTEN_POLLS,
        },
        daily(-1, MeetingStatus::Ended),
        daily(0, MeetingStatus::Published),
        Spec {
            title: "Phiên họp thường kỳ UBND tỉnh tháng 11 năm 2026",
            kind: MeetingKind::Regular,
            day: 3,
            start: (8, 0),
            minutes: 240,
            status: MeetingStatus::Published,
            review_stage: None,
            recurrence: Recurrence::None,
            daily_series: false,
            place: "Hội trường UBND tỉnh, tầng 3",
            agenda: data::REGULAR_AGENDA,
            delegates: 20,
            bridge_points: 21,
            confidential: &["giadat"],
            questions: data::REGULAR_QUESTIONS,
            replies: data::REGULAR_REPLIES,
            speakers: data::REGULAR_SPEAKERS,
            notes: data::REGULAR_NOTES,
            polls: &[],
        },
        Spec {
            title: "Họp chuyên đề về Đề án chuyển đổi số tỉnh",
            kind: MeetingKind::Thematic,
            day: 7,
            start: (14, 0),
            minutes: 120,
            status: MeetingStatus::InReview,
            review_stage: Some(ReviewStage::Chair),
            recurrence: Recurrence::None,
            daily_series: false,
            place: "Phòng họp số 2, UBND tỉnh",
            agenda: data::THEMATIC_AGENDA,
            delegates: 12,
            bridge_points: 10,
            confidential: &[],
            questions: &[],
            replies: &[],
            speakers: &[],
            notes: &[],
            polls: &[],
        },
        Spec {
            title: "Họp giao ban Văn phòng UBND tỉnh",
            kind: MeetingKind::Briefing,
            day: 2,
            start: (15, 0),
            minutes: 90,
            status: MeetingStatus::Draft,
            review_stage: None,
            recurrence: Recurrence::None,
            daily_series: false,
            place: "Phòng họp Văn phòng UBND tỉnh",
            agenda: data::BRIEFING_AGENDA,
            delegates: 4,
            bridge_points: 0,
            confidential: &[],
            questions: &[],
            replies: &[],
            speakers: &[],
            notes: &[],
            polls: &[],
        },
        Spec {
            title: "Họp tháo gỡ vướng mắc giải phóng mặt bằng các dự án trọng điểm",
            kind: MeetingKind::Thematic,
            day: -12,
            start: (8, 30),
            minutes: 150,
            status: MeetingStatus::Ended,
            review_stage: None,
            recurrence: Recurrence::None,
            daily_series: false,
            place: "Hội trường UBND tỉnh, tầng 3",
            agenda: data::PAST_AGENDA,
            delegates: 10,
            bridge_points: 21,
            confidential: &["ketluan"],
            questions: &[],
            replies: &[],
            speakers: &[],
            notes: &[],
            polls: &[],
        },
    ]
}

async fn meeting(state: &AppState, p: &People, blobs: &HashMap<&str, Blob>, s: &Spec) -> anyhow::Result<()> {
    let today = local_day(Utc::now());
    let day = today + Duration::days(s.day);
    let starts_at = at_local(day, NaiveTime::from_hms_opt(s.start.0, s.start.1, 0).context("bad time")?);
    let ends_at = starts_at + Duration::minutes(s.minutes);
    let id = Uuid::now_v7();
    let series = s.daily_series.then(|| Uuid::from_u128(0x7150_0000_0000_7000_8000_0000_0000_0715));
    let mut tx = crate::db::write(&state.db).await?;
    let now = Utc::now();
    sqlx::query(
        "INSERT INTO meetings (id, title, kind, status, review_stage, starts_at, ends_at, place, chair_id, secretary_id, confidentiality,
         question_deadline, recurrence, series_id, series_day, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(id).bind(s.title).bind(s.kind.as_str()).bind(s.status.as_str()).bind(s.review_stage.map(|r| r.as_str()))
    .bind(starts_at).bind(ends_at).bind(s.place).bind(p.chair).bind(p.secretary).bind(Confidentiality::Normal.as_str())
    .bind(starts_at - Duration::hours(if s.daily_series { 1 } else { 24 })).bind(s.recurrence.as_str()).bind(series)
    .bind(series.map(|_| day)).bind(now).bind(now)
    .execute(&mut *tx).await?;
    let mut items = Vec::new();
    let mut doc_ids: HashMap<&str, (Uuid, String)> = HashMap::new();
    for (pos, (title, presenter, unit, minutes, docs)) in s.agenda.iter().enumerate() {
        let item = Uuid::now_v7();
        items.push((item, p.units.get(unit).copied()));
        sqlx::query("INSERT INTO agenda_items (id, meeting_id, position, title, presenter, presenting_unit_id, minutes, summary) VALUES (?, ?, ?, ?, ?, ?, ?, '')")
            .bind(item).bind(id).bind(pos as i64).bind(title).bind(presenter).bind(p.units.get(unit).copied()).bind(*minutes as i64)
            .execute(&mut *tx).await?;
        for key in *docs {
            let doc = DOCS.iter().find(|d| d.key == *key).context("unknown demo document")?;
            let blob = blobs.get(key).context("demo document not ingested")?;
            let conf =
                if s.confidential.contains(key) { Confidentiality::Confidential } else { Confidentiality::Normal };
            let doc_id = Uuid::now_v7();
            doc_ids.insert(*key, (doc_id, blob.sha256.clone()));
            sqlx::query("INSERT INTO documents (id, meeting_id, agenda_item_id, title, kind, confidentiality, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(doc_id).bind(id).bind(item).bind(doc.title).bind(doc.kind.as_str()).bind(conf.as_str()).bind(now).bind(now)
                .execute(&mut *tx).await?;
            sqlx::query("INSERT INTO document_versions (document_id, version, sha256, filename, uploaded_by, uploaded_at) VALUES (?, 1, ?, ?, ?, ?)")
                .bind(doc_id).bind(&blob.sha256).bind(doc.file).bind(p.secretary).bind(now)
                .execute(&mut *tx).await?;
        }
    }
    for d in p.delegates.iter().take(s.delegates) {
        sqlx::query("INSERT INTO meeting_delegates (meeting_id, user_id) VALUES (?, ?)")
            .bind(id)
            .bind(d)
            .execute(&mut *tx)
            .await?;
    }
    for b in p.bridge_points.iter().take(s.bridge_points) {
        sqlx::query("INSERT INTO meeting_bridge_points (meeting_id, bridge_point_id) VALUES (?, ?)")
            .bind(id)
            .bind(b)
            .execute(&mut *tx)
            .await?;
    }
    let m = store::meetings::meeting(&mut tx, id).await?.context("demo meeting vanished")?;
    feed::snapshot(&mut tx, &m, None).await?;
    for (n, (item, delegate, kind, text, assigned)) in s.questions.iter().enumerate() {
        let (item, unit) = items[*item];
        let q = Question {
            id: Uuid::now_v7(),
            meeting_id: id,
            agenda_item_id: Some(item),
            document_id: None,
            page: None,
            kind: *kind,
            text: (*text).to_owned(),
            authors: vec![p.delegates[*delegate]],
            status: if *assigned { QuestionStatus::Assigned } else { QuestionStatus::Submitted },
            merged_into: None,
            position: store::questions::next_position(&mut tx, id, Some(item)).await?,
            for_discussion: false,
            assigned_unit_id: unit.filter(|_| *assigned),
            answer: None,
            created_at: now + Duration::seconds(n as i64),
            updated_at: now + Duration::seconds(n as i64),
        };
        store::questions::save(&mut tx, &q).await?;
        feed::question(&mut tx, &m, &q, &Default::default()).await?;
    }
    for (n, (delegate, status, reason)) in s.replies.iter().enumerate() {
        let user = p.delegates[*delegate];
        let r = Reply {
            status: *status,
            reason: (*reason).to_owned(),
            by: Some(user),
            updated_at: Some(now + Duration::seconds(n as i64)),
            ..Reply::pending(id, user)
        };
        store::attendance::save_reply(&mut tx, &r).await?;
        feed::reply(&mut tx, &m, &r, None).await?;
    }
    for (n, (item, delegate, topic)) in s.speakers.iter().enumerate() {
        let sp = Speaker {
            id: Uuid::now_v7(),
            meeting_id: id,
            agenda_item_id: items[*item].0,
            user_id: p.delegates[*delegate],
            topic: (*topic).to_owned(),
            created_at: now + Duration::seconds(n as i64),
        };
        store::attendance::insert_speaker(&mut tx, &sp).await?;
        feed::speaker(&mut tx, &m, &sp).await?;
    }
    for (delegate, key, page, x, y, text) in s.notes {
        let (doc, sha) = doc_ids.get(key).context("a demo note on a document not in the meeting")?;
        let a = Annotation {
            id: Uuid::now_v7(),
            meeting_id: id,
            document_id: *doc,
            author: p.delegates[*delegate],
            kind: AnnotationKind::Note,
            color: AnnotationColor::Yellow,
            note: (*text).to_owned(),
            shared: true,
            anchor: Anchor {
                sha256: sha.clone(),
                page: *page,
                rects: Vec::new(),
                strokes: Vec::new(),
                point: Some(Point { x: *x, y: *y }),
                quote: Default::default(),
                quote_box: None,
            },
            made_on: None,
            created_at: now,
            updated_at: now,
        };
        store::annotations::insert(&mut tx, &a).await?;
        let d = store::documents::one(&mut tx, *doc).await?.context("demo document vanished")?.0;
        feed::annotation(&mut tx, &m, &d, &a, false).await?;
    }
    for (n, (key, question, sent, answers)) in s.polls.iter().enumerate() {
        let (doc, _) = doc_ids.get(key).context("a demo poll on a document not in the meeting")?;
        poll(&mut tx, &m, p, *doc, n, question, *sent, answers).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// One demo poll: a draft, or sent yesterday with some members' answers; due when the
/// written meeting ends.
#[allow(clippy::too_many_arguments)]
async fn poll(
    tx: &mut sqlx::SqliteConnection,
    m: &ecab_protocol::meeting::Meeting,
    p: &People,
    doc: Uuid,
    n: usize,
    question: &str,
    sent: bool,
    answers: &[(usize, PollChoice, &str)],
) -> anyhow::Result<()> {
    let now = Utc::now();
    let created = now - Duration::hours(20) + Duration::seconds(n as i64);
    let mut poll = Poll {
        id: Uuid::now_v7(),
        meeting_id: m.id,
        document_id: Some(doc),
        question: question.to_owned(),
        deadline: m.ends_at,
        status: if sent { PollStatus::Open } else { PollStatus::Draft },
        voters: Vec::new(),
        answers: Vec::new(),
        tally: None,
        created_at: created,
        sent_at: sent.then_some(created),
        closed_at: None,
        updated_at: created,
    };
    store::polls::insert(tx, &poll, p.secretary).await?;
    if sent {
        let voters = store::polls::members(tx, m).await?;
        store::polls::set_voters(tx, poll.id, &voters).await?;
        for (k, (delegate, choice, comment)) in answers.iter().enumerate() {
            let at = created + Duration::minutes(30 * (k as i64 + 1));
            let a = PollAnswer {
                user_id: p.delegates[*delegate],
                choice: *choice,
                comment: (*comment).to_owned(),
                answered_at: at,
                pending: false,
            };
            store::polls::save_answer(tx, poll.id, &a).await?;
        }
        poll = store::polls::one(tx, poll.id).await?.context("demo poll vanished")?;
    }
    feed::poll(tx, m, &poll, None, now).await?;
    Ok(())
}
