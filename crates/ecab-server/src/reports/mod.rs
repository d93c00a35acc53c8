//! The PDFs the server makes from its own data with `ecab-report`: the result of a written
//! opinion poll, and the chair's briefing of a meeting's aggregated questions. Each is built
//! here as a `Report` from what the handler loaded (no IO), then rendered.

pub mod words;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use ecab_core::PollChoice;
use ecab_core::polls::{self, Tally};
use ecab_protocol::meeting::{AgendaItem, Meeting};
use ecab_protocol::poll::Poll;
use ecab_protocol::question::Question;
use ecab_report::{Align, Block, Column, Report};
use uuid::Uuid;

pub use words::Lang;

/// A person as a report names them.
#[derive(Clone, Debug, Default)]
pub struct Person {
    pub name: String,
    pub title: String,
    pub unit: Option<Uuid>,
}

/// What the reports look names up in: people and units by id.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub people: HashMap<Uuid, Person>,
    pub units: HashMap<Uuid, String>,
}

impl Names {
    fn person(&self, id: Uuid) -> (String, String) {
        self.people.get(&id).map(|p| (p.name.clone(), p.title.clone())).unwrap_or_default()
    }

    /// "Nguyễn Văn An (Sở Tài chính)".
    fn with_unit(&self, id: Uuid) -> String {
        let Some(p) = self.people.get(&id) else { return String::new() };
        match p.unit.and_then(|u| self.units.get(&u)) {
            Some(u) => format!("{} ({u})", p.name),
            None => p.name.clone(),
        }
    }
}

fn column(title: &str, width: f32, align: Align) -> Column {
    Column { title: title.to_owned(), width, align }
}

/// The result of a poll, as its staff see it: the question, the tally with what it
/// decided, and each member's answer.
pub fn poll_result(
    lang: Lang,
    m: &Meeting,
    p: &Poll,
    document: Option<&str>,
    names: &Names,
    now: DateTime<Utc>,
) -> Report {
    let t = |vi, en| lang.pick(vi, en).to_owned();
    let status = polls::status_at(p.status, &p.deadline, &now);
    let tally = Tally::of(p.voters.iter().map(|v| p.answer_of(*v).map(|a| a.choice)));
    let mut subtitle = vec![m.title.clone()];
    if let Some(d) = document {
        subtitle.push(format!("{}: {d}", lang.pick("Tài liệu xin ý kiến", "Document")));
    }
    subtitle.push(format!("{}: {}", lang.pick("Hạn trả lời", "Answer by"), words::day_time(lang, p.deadline)));
    let closed =
        p.closed_at.map(|c| format!(" ({} {})", lang.pick("lúc", "at"), words::date_time(c))).unwrap_or_default();
    subtitle.push(format!("{}: {}{closed}", lang.pick("Trạng thái", "Status"), words::poll_status(lang, status)));
    let count = |label: &str, n: u32| vec![label.to_owned(), n.to_string(), words::percent(lang, n, tally.total())];
    let mut blocks = vec![
        Block::Heading(t("1. Nội dung xin ý kiến", "1. The question asked")),
        Block::Paragraph(p.question.clone()),
        Block::Heading(t("2. Kết quả", "2. Result")),
        Block::Table {
            columns: vec![
                column(lang.pick("Ý kiến", "Answer"), 3.0, Align::Left),
                column(lang.pick("Số thành viên", "Members"), 1.5, Align::Right),
                column(lang.pick("Tỷ lệ", "Share"), 1.5, Align::Right),
            ],
            rows: vec![
                count(words::choice(lang, PollChoice::Agree), tally.agree),
                count(words::choice(lang, PollChoice::Disagree), tally.disagree),
                count(words::choice(lang, PollChoice::Other), tally.other),
                count(lang.pick("Chưa trả lời", "Not answered"), tally.unanswered),
                count(lang.pick("Tổng số thành viên được xin ý kiến", "All members asked"), tally.total()),
            ],
        },
        Block::Paragraph(words::outcome(lang, tally.outcome(status)).to_owned()),
        Block::Heading(t("3. Ý kiến của từng thành viên", "3. Each member's answer")),
    ];
    let rows = p
        .voters
        .iter()
        .enumerate()
        .map(|(n, v)| {
            let (name, title) = names.person(*v);
            let a = p.answer_of(*v);
            vec![
                (n + 1).to_string(),
                name,
                title,
                a.map_or(lang.pick("Chưa trả lời", "Not answered"), |a| words::choice(lang, a.choice)).to_owned(),
                a.map(|a| a.comment.clone()).unwrap_or_default(),
                a.map(|a| words::date_time(a.answered_at)).unwrap_or_default(),
            ]
        })
        .collect();
    blocks.push(Block::Table {
        columns: vec![
            column(lang.pick("STT", "No."), 0.9, Align::Right),
            column(lang.pick("Thành viên", "Member"), 2.4, Align::Left),
            column(lang.pick("Chức vụ", "Position"), 2.6, Align::Left),
            column(lang.pick("Ý kiến", "Answer"), 1.6, Align::Left),
            column(lang.pick("Nội dung ý kiến", "Comment"), 3.0, Align::Left),
            column(lang.pick("Thời điểm", "When"), 1.6, Align::Left),
        ],
        rows,
    });
    Report {
        title: t("KẾT QUẢ LẤY Ý KIẾN THÀNH VIÊN UBND TỈNH", "RESULT OF THE WRITTEN OPINION POLL"),
        subtitle,
        blocks,
        page_label: words::page_label(lang),
        generated: words::generated(lang, now),
    }
}

/// The chair's briefing: per agenda item, its open questions in the secretary's order, each
/// with its kind, every author, whether it is for discussion, and the unit's answer.
pub fn briefing(
    lang: Lang,
    m: &Meeting,
    agenda: &[AgendaItem],
    questions: &[Question],
    names: &Names,
    now: DateTime<Utc>,
) -> Report {
    let open: Vec<&Question> = questions.iter().filter(|q| q.status.is_open()).collect();
    let discussed = open.iter().filter(|q| q.for_discussion).count();
    let answered = open.iter().filter(|q| q.answer.is_some()).count();
    let chair = names.person(m.chair_id).0;
    let subtitle = vec![
        m.title.clone(),
        format!("{} – {}", words::day_time(lang, m.starts_at), m.place),
        format!("{}: {chair}", lang.pick("Chủ trì", "Chair")),
    ];
    let summary = match lang {
        Lang::Vi => format!(
            "Tổng số {} câu hỏi, ý kiến, đề xuất; {discussed} được đưa ra thảo luận; {answered} đã được trả lời.",
            open.len()
        ),
        Lang::En => format!(
            "{} questions, opinions and proposals in all; {discussed} for discussion; {answered} answered.",
            open.len()
        ),
    };
    let mut blocks = vec![Block::Paragraph(summary), Block::Rule];
    let sections = agenda
        .iter()
        .map(|i| (Some(i.id), format!("{}. {}", i.position + 1, i.title)))
        .chain(std::iter::once((None, lang.pick("Ý kiến chung về cuộc họp", "On the meeting as a whole").to_owned())));
    for (item, heading) in sections {
        let mut here: Vec<&&Question> = open.iter().filter(|q| q.agenda_item_id == item).collect();
        if item.is_none() && here.is_empty() {
            continue;
        }
        here.sort_by_key(|q| (q.position, q.created_at));
        blocks.push(Block::Heading(heading));
        if here.is_empty() {
            blocks
                .push(Block::Paragraph(lang.pick("Chưa có câu hỏi, ý kiến.", "No questions or opinions.").to_owned()));
        }
        for (n, q) in here.iter().enumerate() {
            blocks.push(question_item(lang, n + 1, q, names));
        }
    }
    Report {
        title: lang.pick("TỔNG HỢP CÂU HỎI, Ý KIẾN CỦA ĐẠI BIỂU", "AGGREGATED QUESTIONS AND OPINIONS").to_owned(),
        subtitle,
        blocks,
        page_label: words::page_label(lang),
        generated: words::generated(lang, now),
    }
}

fn question_item(lang: Lang, n: usize, q: &Question, names: &Names) -> Block {
    let authors: Vec<String> = q.authors.iter().map(|a| names.with_unit(*a)).collect();
    let mut meta = vec![format!("{}: {}", lang.pick("Người gửi", "Sent by"), authors.join("; "))];
    let mut status = words::question_status(lang, q.status).to_owned();
    if let Some(unit) = q.assigned_unit_id.and_then(|u| names.units.get(&u)) {
        status = format!("{status} – {unit}");
    }
    if q.for_discussion {
        status = format!("{status} · {}", lang.pick("Đưa ra thảo luận", "For discussion"));
    }
    meta.push(format!("{}: {status}", lang.pick("Tình trạng", "Status")));
    if let Some(a) = &q.answer {
        meta.push(format!("{}: {}", lang.pick("Trả lời", "Answer"), a.text));
    }
    Block::Item { label: format!("{n}."), text: format!("[{}] {}", words::question_kind(lang, q.kind), q.text), meta }
}
