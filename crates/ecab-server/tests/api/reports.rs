//! The PDFs the server makes of its own data: a poll's result and the chair's briefing of
//! the aggregated questions. Read back with poppler's `pdftotext`, so the Vietnamese text
//! is checked as any PDF reader would extract it.

use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::common::{Client, Server};

/// The PDF at `path`, or the status and body of the refusal.
async fn download(c: &Client<'_>, path: &str) -> Result<Vec<u8>, (StatusCode, String)> {
    let res = c.req(Method::GET, path).send().await.unwrap();
    let status = res.status();
    let kind = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let bytes = res.bytes().await.unwrap().to_vec();
    if status != StatusCode::OK {
        return Err((status, String::from_utf8_lossy(&bytes).into_owned()));
    }
    assert_eq!(kind, "application/pdf");
    Ok(bytes)
}

/// What pdftotext reads in `pdf`, its white space made single spaces.
fn text_of(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext").arg(&file).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn name_of(c: &Client<'_>, id: &Value) -> String {
    let (_, users) = c.get("/api/v1/users").await;
    users.as_array().unwrap().iter().find(|u| u["id"] == *id).unwrap()["full_name"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_result_of_a_poll_reads_back_in_vietnamese() {
    let s = Server::start().await;
    let thuky = s.login("thuky").await;
    let meeting = thuky.meeting_id("bằng văn bản").await;
    let (_, polls) = thuky.get(&format!("/api/v1/meetings/{meeting}/polls")).await;
    let open = polls.as_array().unwrap().iter().find(|p| p["status"] == "open").unwrap().clone();
    let draft = polls.as_array().unwrap().iter().find(|p| p["status"] == "draft").unwrap().clone();
    let path = |p: &Value| format!("/api/v1/polls/{}/result", p["id"].as_str().unwrap());

    let text = text_of(&download(&s.login("chutich").await, &path(&open)).await.expect("the chair downloads it"));
    assert!(text.contains("KẾT QUẢ LẤY Ý KIẾN THÀNH VIÊN UBND TỈNH"), "{text}");
    let question = open["question"].as_str().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains(&question), "the question, whole: {text}");
    assert!(text.contains("Kết quả tạm thời"), "still open: provisional");
    for a in open["answers"].as_array().unwrap() {
        let name = name_of(&thuky, &a["user_id"]).await;
        assert!(text.contains(&name), "{name} is listed");
    }
    for v in open["voters"].as_array().unwrap() {
        assert!(text.contains(&name_of(&thuky, v).await), "every member is listed");
    }
    let t = &open["tally"];
    let unanswered = format!("Chưa trả lời {}", t["unanswered"]);
    assert!(text.contains(&unanswered), "{unanswered} in {text}");

    let en = text_of(&download(&thuky, &format!("{}?lang=en", path(&open))).await.unwrap());
    assert!(en.contains("RESULT OF THE WRITTEN OPINION POLL") && en.contains("Not answered"), "{en}");
    let (status, body) = download(&thuky, &format!("{}?lang=fr", path(&open))).await.unwrap_err();
    assert_eq!(status, StatusCode::BAD_REQUEST, "a language it does not know is refused: {body}");

    let (status, _) = download(&s.login("daibieu01").await, &path(&open)).await.unwrap_err();
    assert_eq!(status, StatusCode::FORBIDDEN, "a member sees no one else's answers");
    let (status, body) = download(&thuky, &path(&draft)).await.unwrap_err();
    assert_eq!(status, StatusCode::CONFLICT, "a draft has no result: {body}");
    let (status, _) = download(&s.login("phochutich").await, &path(&open)).await.unwrap_err();
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_chairs_briefing_lists_every_open_question_by_item() {
    let s = Server::start().await;
    let chair = s.login("chutich").await;
    let meeting = chair.meeting_id("thường kỳ").await;
    let (_, detail) = chair.get(&format!("/api/v1/meetings/{meeting}")).await;
    let (_, questions) = chair.get(&format!("/api/v1/meetings/{meeting}/questions")).await;
    let pdf = download(&chair, &format!("/api/v1/meetings/{meeting}/briefing")).await.expect("the chair downloads it");
    let text = text_of(&pdf);
    assert!(text.contains("TỔNG HỢP CÂU HỎI, Ý KIẾN CỦA ĐẠI BIỂU"), "{text}");
    let open: Vec<&Value> = questions
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["status"] != "merged" && q["status"] != "withdrawn")
        .collect();
    assert!(text.contains(&format!("Tổng số {} câu hỏi", open.len())), "{text}");
    for q in &open {
        let words = q["text"].as_str().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&words), "{words} in {text}");
        assert!(text.contains(&name_of(&chair, &q["authors"][0]).await), "its author");
    }
    for item in detail["agenda"].as_array().unwrap() {
        let title = item["title"].as_str().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(&title), "every agenda item: {title}");
    }
    // The first item's questions come before the second item's heading, in the secretary's order.
    let second = detail["agenda"][1]["title"].as_str().unwrap();
    let first_q = open.iter().find(|q| q["agenda_item_id"] == detail["agenda"][0]["id"]).unwrap();
    let first_words = first_q["text"].as_str().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.find(&first_words) < text.find(second), "by item");

    let (status, _) =
        download(&s.login("daibieu01").await, &format!("/api/v1/meetings/{meeting}/briefing")).await.unwrap_err();
    assert_eq!(status, StatusCode::FORBIDDEN, "for the staff");
    let draft = s.login("thuky").await.meeting_id("giao ban Văn phòng").await;
    let (status, _) =
        download(&s.login("thuky").await, &format!("/api/v1/meetings/{draft}/briefing")).await.unwrap_err();
    assert_eq!(status, StatusCode::CONFLICT, "a draft has no questions yet");
}
