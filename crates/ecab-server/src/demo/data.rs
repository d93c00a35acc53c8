//! The demo province: tỉnh Hòa Bình An (invented), its units, people and documents.

use ecab_core::{Attendance, DocumentKind, PollChoice, QuestionKind, UnitKind};

/// (code, name, kind)
pub const UNITS: &[(&str, &str, UnitKind)] = &[
    ("VP", "Văn phòng UBND tỉnh", UnitKind::Office),
    ("STC", "Sở Tài chính", UnitKind::Department),
    ("SKHDT", "Sở Kế hoạch và Đầu tư", UnitKind::Department),
    ("SXD", "Sở Xây dựng", UnitKind::Department),
    ("SGTVT", "Sở Giao thông vận tải", UnitKind::Department),
    ("STNMT", "Sở Tài nguyên và Môi trường", UnitKind::Department),
    ("SNN", "Sở Nông nghiệp và Phát triển nông thôn", UnitKind::Department),
    ("SYT", "Sở Y tế", UnitKind::Department),
    ("SGDDT", "Sở Giáo dục và Đào tạo", UnitKind::Department),
    ("SCT", "Sở Công Thương", UnitKind::Department),
    ("STTTT", "Sở Thông tin và Truyền thông", UnitKind::Department),
    ("SNV", "Sở Nội vụ", UnitKind::Department),
    ("STP", "Sở Tư pháp", UnitKind::Department),
    ("CAT", "Công an tỉnh", UnitKind::Department),
    ("TP-HBA", "Thành phố Hòa Bình An", UnitKind::District),
    ("TX-AL", "Thị xã An Lạc", UnitKind::District),
    ("H-TS", "Huyện Tân Sơn", UnitKind::District),
    ("H-PH", "Huyện Phú Hòa", UnitKind::District),
    ("H-DT", "Huyện Đồng Tiến", UnitKind::District),
    ("H-LB", "Huyện Long Bình", UnitKind::District),
    ("H-TT", "Huyện Thạch Thành", UnitKind::District),
];

/// Delegates daibieu01…: (full name, title, unit code).
pub const DELEGATES: &[(&str, &str, &str)] = &[
    ("Nguyễn Văn An", "Giám đốc Sở Tài chính", "STC"),
    ("Trần Thị Bình", "Giám đốc Sở Kế hoạch và Đầu tư", "SKHDT"),
    ("Lê Hoàng Cường", "Giám đốc Sở Xây dựng", "SXD"),
    ("Phạm Minh Đức", "Giám đốc Sở Giao thông vận tải", "SGTVT"),
    ("Hoàng Thị Hà", "Giám đốc Sở Tài nguyên và Môi trường", "STNMT"),
    ("Vũ Đình Khang", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn", "SNN"),
    ("Đặng Thu Lan", "Giám đốc Sở Y tế", "SYT"),
    ("Bùi Quốc Minh", "Giám đốc Sở Giáo dục và Đào tạo", "SGDDT"),
    ("Đỗ Thanh Nam", "Giám đốc Sở Công Thương", "SCT"),
    ("Ngô Bảo Ngọc", "Giám đốc Sở Thông tin và Truyền thông", "STTTT"),
    ("Dương Văn Phúc", "Giám đốc Sở Nội vụ", "SNV"),
    ("Lý Thị Quỳnh", "Giám đốc Sở Tư pháp", "STP"),
    ("Trịnh Công Sơn", "Giám đốc Công an tỉnh", "CAT"),
    ("Mai Xuân Tùng", "Chủ tịch UBND thành phố Hòa Bình An", "TP-HBA"),
    ("Phan Thị Uyên", "Chủ tịch UBND thị xã An Lạc", "TX-AL"),
    ("Cao Văn Vinh", "Chủ tịch UBND huyện Tân Sơn", "H-TS"),
    ("Tạ Minh Xuân", "Chủ tịch UBND huyện Phú Hòa", "H-PH"),
    ("Lưu Thị Yến", "Chủ tịch UBND huyện Đồng Tiến", "H-DT"),
    ("Hồ Quang Bảo", "Chủ tịch UBND huyện Long Bình", "H-LB"),
    ("Kiều Văn Châu", "Chủ tịch UBND huyện Thạch Thành", "H-TT"),
];

/// Deputy directors, not invited themselves: whom an invitee may send in their place
/// (`phogiamdoc01`…, in this order).
pub const DEPUTIES: &[(&str, &str, &str)] = &[
    ("Trương Văn Hải", "Phó Giám đốc Sở Tài chính", "STC"),
    ("Nguyễn Thị Mai", "Phó Giám đốc Sở Kế hoạch và Đầu tư", "SKHDT"),
    ("Phùng Đức Thắng", "Phó Giám đốc Sở Y tế", "SYT"),
];

/// Demo documents embedded in the server: (file name, title, kind, bytes).
pub struct DemoDoc {
    pub key: &'static str,
    pub file: &'static str,
    pub title: &'static str,
    pub kind: DocumentKind,
    pub bytes: &'static [u8],
}

macro_rules! doc {
    ($key:literal, $file:literal, $title:literal, $kind:expr) => {
        DemoDoc {
            key: $key,
            file: $file,
            title: $title,
            kind: $kind,
            bytes: include_bytes!(concat!("../../../../assets/demo/", $file)),
        }
    };
}

pub const DOCS: &[DemoDoc] = &[
    doc!(
        "ktxh",
        "bao-cao-kinh-te-xa-hoi-10-thang-2026.pdf",
        "Báo cáo tình hình kinh tế – xã hội 10 tháng năm 2026",
        DocumentKind::Report
    ),
    doc!(
        "dtc",
        "to-trinh-ke-hoach-dau-tu-cong-2026-2030.pdf",
        "Tờ trình Kế hoạch đầu tư công trung hạn 2026 – 2030",
        DocumentKind::Submission
    ),
    doc!(
        "giadat",
        "du-thao-nghi-quyet-bang-gia-dat.pdf",
        "Dự thảo Nghị quyết quy định bảng giá đất từ 01/01/2027",
        DocumentKind::Draft
    ),
    doc!(
        "thientai",
        "bao-cao-phong-chong-thien-tai.pdf",
        "Báo cáo thiệt hại do cơn bão số 3 và mưa lũ",
        DocumentKind::Report
    ),
    doc!(
        "cds",
        "to-trinh-de-an-chuyen-doi-so.pdf",
        "Tờ trình Đề án chuyển đổi số tỉnh giai đoạn 2026 – 2030",
        DocumentKind::Submission
    ),
    doc!(
        "giaingan",
        "bao-cao-giai-ngan-von-dau-tu-cong.pdf",
        "Báo cáo tiến độ giải ngân vốn đầu tư công năm 2026",
        DocumentKind::Report
    ),
    doc!("nhanh", "bao-cao-nhanh-tinh-hinh-trong-ngay.pdf", "Báo cáo nhanh tình hình trong ngày", DocumentKind::Report),
    doc!(
        "ketluan",
        "du-thao-thong-bao-ket-luan.pdf",
        "Dự thảo Thông báo kết luận của Chủ tịch UBND tỉnh",
        DocumentKind::Draft
    ),
];

/// An agenda item: (title, presenter, presenting unit code, minutes, documents by key).
pub type Item = (&'static str, &'static str, &'static str, u32, &'static [&'static str]);

pub const DAILY_AGENDA: &[Item] = &[
    (
        "Báo cáo nhanh tình hình kinh tế – xã hội, quốc phòng, an ninh trong ngày",
        "Chánh Văn phòng UBND tỉnh",
        "VP",
        10,
        &["nhanh"],
    ),
    ("Tiến độ giải ngân vốn đầu tư công; vướng mắc và kiến nghị", "Giám đốc Sở Tài chính", "STC", 15, &["giaingan"]),
    ("Công tác phòng, chống thiên tai và khắc phục hậu quả mưa lũ", "Giám đốc Sở Nông nghiệp và PTNT", "SNN", 10, &[]),
    ("Ý kiến các điểm cầu huyện, thị xã, thành phố", "Chủ tịch UBND các huyện, thị xã, thành phố", "TP-HBA", 10, &[]),
    ("Kết luận của Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh", "VP", 5, &[]),
];

pub const REGULAR_AGENDA: &[Item] = &[
    (
        "Tình hình kinh tế – xã hội 10 tháng năm 2026; nhiệm vụ, giải pháp 2 tháng cuối năm",
        "Giám đốc Sở Kế hoạch và Đầu tư",
        "SKHDT",
        30,
        &["ktxh"],
    ),
    ("Kế hoạch đầu tư công trung hạn giai đoạn 2026 – 2030", "Giám đốc Sở Kế hoạch và Đầu tư", "SKHDT", 25, &["dtc"]),
    (
        "Dự thảo Nghị quyết quy định bảng giá đất áp dụng từ ngày 01/01/2027",
        "Giám đốc Sở Tài nguyên và Môi trường",
        "STNMT",
        30,
        &["giadat"],
    ),
    (
        "Đề án chuyển đổi số tỉnh giai đoạn 2026 – 2030, định hướng đến năm 2035",
        "Giám đốc Sở Thông tin và Truyền thông",
        "STTTT",
        25,
        &["cds"],
    ),
    ("Công tác khắc phục hậu quả cơn bão số 3 và mưa lũ", "Giám đốc Sở Nông nghiệp và PTNT", "SNN", 20, &["thientai"]),
    ("Các vấn đề phát sinh; kết luận của Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh", "VP", 15, &[]),
];

pub const THEMATIC_AGENDA: &[Item] = &[
    ("Báo cáo tóm tắt Đề án chuyển đổi số", "Giám đốc Sở Thông tin và Truyền thông", "STTTT", 20, &["cds"]),
    ("Ý kiến của các sở, ngành về nguồn lực thực hiện", "Giám đốc Sở Tài chính", "STC", 20, &[]),
    ("Ý kiến của các huyện, thị xã, thành phố", "Chủ tịch UBND thành phố Hòa Bình An", "TP-HBA", 20, &[]),
    ("Kết luận", "Chủ tịch UBND tỉnh", "VP", 10, &[]),
];

pub const WRITTEN_AGENDA: &[Item] = &[
    (
        "Dự thảo Nghị quyết quy định bảng giá đất từ 01/01/2027",
        "Giám đốc Sở Tài nguyên và Môi trường",
        "STNMT",
        0,
        &["giadat"],
    ),
    (
        "Dự thảo Thông báo kết luận phiên họp tháo gỡ vướng mắc giải phóng mặt bằng",
        "Chánh Văn phòng UBND tỉnh",
        "VP",
        0,
        &["ketluan"],
    ),
];

pub const BRIEFING_AGENDA: &[Item] = &[
    ("Kiểm điểm công tác tuần", "Chánh Văn phòng UBND tỉnh", "VP", 20, &[]),
    ("Chuẩn bị các cuộc họp tuần tới", "Phó Chánh Văn phòng", "VP", 20, &[]),
    ("Công tác tham mưu văn bản", "Phó Chánh Văn phòng", "VP", 20, &[]),
    ("Kết luận", "Chánh Văn phòng UBND tỉnh", "VP", 10, &[]),
];

pub const PAST_AGENDA: &[Item] = &[
    ("Tiến độ giải ngân vốn đầu tư công", "Giám đốc Sở Tài chính", "STC", 20, &["giaingan"]),
    ("Tháo gỡ vướng mắc giải phóng mặt bằng", "Giám đốc Sở Tài nguyên và Môi trường", "STNMT", 20, &[]),
    ("Ý kiến các điểm cầu", "Chủ tịch UBND các huyện, thị xã, thành phố", "TP-HBA", 15, &[]),
    ("Kết luận của Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh", "VP", 10, &["ketluan"]),
];

/// Questions sent to the regular meeting: (agenda item index, delegate index (daibieu01 is
/// 0), kind, text, assigned to the item's presenting unit).
/// A reply before the regular meeting: (delegate index, reply, reason).
pub type DemoReply = (usize, Attendance, &'static str);

/// Replies already in on the regular meeting: most have not answered yet.
pub const REGULAR_REPLIES: &[DemoReply] = &[
    (2, Attendance::Attending, ""),
    (3, Attendance::Attending, ""),
    (6, Attendance::Absent, "Đi công tác tại Bộ Y tế theo Giấy triệu tập số 112/GTT-BYT"),
    (9, Attendance::Attending, ""),
];

/// A registration to speak on the regular meeting: (agenda item index, delegate index, topic).
pub type DemoSpeaker = (usize, usize, &'static str);

pub const REGULAR_SPEAKERS: &[DemoSpeaker] = &[(0, 4, "Tiến độ giải phóng mặt bằng các dự án trọng điểm")];

/// A note shared with the regular meeting: (delegate index, document key, page, x, y, text).
pub type DemoNote = (usize, &'static str, u32, f32, f32, &'static str);

pub const REGULAR_NOTES: &[DemoNote] =
    &[(4, "ktxh", 0, 0.78, 0.22, "Đề nghị Sở KH&ĐT bổ sung số liệu giải ngân vốn đầu tư công đến 31/10")];

pub type DemoQuestion = (usize, usize, QuestionKind, &'static str, bool);

pub const REGULAR_QUESTIONS: &[DemoQuestion] = &[
    (
        0,
        0,
        QuestionKind::Question,
        "Đề nghị Sở Kế hoạch và Đầu tư làm rõ nguyên nhân chỉ số sản xuất công nghiệp 10 tháng tăng thấp hơn cùng kỳ năm trước.",
        true,
    ),
    (
        0,
        4,
        QuestionKind::Question,
        "Vì sao sản xuất công nghiệp 10 tháng tăng chậm hơn cùng kỳ? Đề nghị báo cáo rõ nguyên nhân.",
        false,
    ),
    (
        0,
        5,
        QuestionKind::Opinion,
        "Thống nhất với báo cáo; đề nghị bổ sung đánh giá thiệt hại do mưa lũ tháng 9 đối với sản xuất nông nghiệp.",
        false,
    ),
    (
        1,
        2,
        QuestionKind::Proposal,
        "Đề xuất ưu tiên bố trí vốn cho các dự án chuyển tiếp có khả năng hoàn thành trong năm 2027.",
        false,
    ),
    (
        2,
        13,
        QuestionKind::Question,
        "Bảng giá đất mới tăng bình quân bao nhiêu phần trăm so với bảng giá hiện hành tại khu vực đô thị?",
        false,
    ),
];

/// A written opinion poll: (document key, question, sent, answers as (delegate index,
/// choice, comment)).
pub type DemoPoll = (&'static str, &'static str, bool, &'static [(usize, PollChoice, &'static str)]);

pub const WRITTEN_POLLS: &[DemoPoll] = &[
    (
        "giadat",
        "Đồng chí có đồng ý thông qua Dự thảo Nghị quyết quy định bảng giá đất áp dụng từ ngày 01/01/2027 để trình HĐND tỉnh không?",
        true,
        &[
            (0, PollChoice::Agree, ""),
            (1, PollChoice::Agree, ""),
            (2, PollChoice::Other, "Đề nghị rà soát lại giá đất ở các tuyến đường mới mở tại thành phố Hòa Bình An."),
            (3, PollChoice::Disagree, "Mức tăng tại khu vực nông thôn quá cao so với thu nhập của người dân."),
        ],
    ),
    (
        "ketluan",
        "Đồng chí có đồng ý ban hành Thông báo kết luận phiên họp tháo gỡ vướng mắc giải phóng mặt bằng các dự án trọng điểm không?",
        false,
        &[],
    ),
];
