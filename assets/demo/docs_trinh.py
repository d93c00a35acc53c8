"""Submissions and drafts: Tờ trình đầu tư công, Dự thảo Nghị quyết bảng giá đất,
Tờ trình Đề án chuyển đổi số."""
import random

from reportlab.platypus import PageBreak, Spacer

from kt_xh_data import DISTRICTS
from names import SYL, district_short, projects
from vnadmin import (H, P, PROVINCE, PROVINCE_UP, bullets, data_table, national_header, signature,
                     title_block, ubnd_header, vn)

PCT = "Lê Thị Minh Hằng"      # Phó Chủ tịch (invented)
CT_HDND = "Nguyễn Hữu Phước"  # Chủ tịch HĐND (invented)
KT_CT = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
YEARS = [2026, 2027, 2028, 2029, 2030]

CAN_CU = [
    "Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2025;",
    "Luật Đầu tư công ngày 29 tháng 11 năm 2024;",
]


def _split(rng, total, n, spread=0.25):
    w = [rng.uniform(1 - spread, 1 + spread) for _ in range(n)]
    vals = [round(total * x / sum(w), 1) for x in w]
    vals[-1] = round(total - sum(vals[:-1]), 1)
    return vals


# ------------------------------------------------------------------ 2. Tờ trình đầu tư công

def to_trinh_dau_tu_cong():
    rng = random.Random("to-trinh-dau-tu-cong-2026-2030")
    out = [ubnd_header("Số: 298/TTr-UBND", 20, 10)]
    out += title_block("TỜ TRÌNH", ["Về việc đề nghị thông qua Kế hoạch đầu tư công trung hạn",
                                    f"giai đoạn 2026 – 2030 của tỉnh {PROVINCE}"],
                       f"Hội đồng nhân dân tỉnh {PROVINCE}")
    out += [P(f"<i>Căn cứ {c}</i>") for c in CAN_CU]
    out.append(P("Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, thông qua Kế "
                 "hoạch đầu tư công trung hạn giai đoạn 2026 – 2030 với các nội dung sau:"))
    out.append(H("I. SỰ CẦN THIẾT"))
    out += [P("Kế hoạch đầu tư công trung hạn giai đoạn 2021 – 2025 của tỉnh đã cơ bản hoàn "
              "thành; nhiều công trình hạ tầng giao thông, thủy lợi, y tế, giáo dục được đưa vào "
              "sử dụng, phát huy hiệu quả, góp phần quan trọng vào tăng trưởng kinh tế của tỉnh."),
            P("Giai đoạn 2026 – 2030, nhu cầu đầu tư kết cấu hạ tầng kinh tế – xã hội rất lớn, "
              "trong khi nguồn lực còn hạn chế. Việc xây dựng kế hoạch đầu tư công trung hạn tập "
              "trung, có trọng tâm, trọng điểm, tránh dàn trải là yêu cầu cấp thiết.")]
    out += review_2021_2025(rng)
    out.append(H("II. MỤC TIÊU VÀ NGUYÊN TẮC PHÂN BỔ"))
    out += bullets([
        "Ưu tiên bố trí vốn cho dự án chuyển tiếp, dự án hoàn thành trong giai đoạn; bố trí đủ "
        "vốn thu hồi các khoản ứng trước và thanh toán nợ đọng xây dựng cơ bản.",
        "Tập trung cho các dự án trọng điểm, có tính liên kết vùng, tạo động lực phát triển.",
        "Bảo đảm tỷ lệ vốn đối ứng cho các chương trình mục tiêu quốc gia.",
        "Dành tối thiểu 10% tổng vốn cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.",
    ])
    out.append(H("III. TỔNG NGUỒN VỐN VÀ PHƯƠNG ÁN PHÂN BỔ"))
    out.append(H("1. Tổng nguồn vốn theo năm", 2))
    sources = [("Vốn ngân sách địa phương", 24850.0), ("Trong đó: thu tiền sử dụng đất", 12600.0),
               ("Vốn ngân sách trung ương", 15420.0), ("Vốn nước ngoài (ODA)", 3180.0),
               ("Vốn chương trình mục tiêu quốc gia", 4250.0)]
    rows, years = [], [0.0] * 5
    for name, total in sources:
        split = _split(rng, total, 5)
        rows.append([name, vn(total)] + [vn(v) for v in split])
        if not name.startswith("Trong đó"):
            years = [a + b for a, b in zip(years, split)]
    grand = sum(t for n, t in sources if not n.startswith("Trong đó"))
    rows.append(["Tổng cộng", vn(grand)] + [vn(v) for v in years])
    out += data_table(["Nguồn vốn", "Giai đoạn 2026 – 2030"] + [str(y) for y in YEARS], rows,
                      first_w=50, bold_rows=(len(rows) - 1,), unit="Đơn vị: tỷ đồng",
                      caption="Bảng 1. Tổng nguồn vốn đầu tư công giai đoạn 2026 – 2030")
    out.append(H("2. Phân bổ theo ngành, lĩnh vực", 2))
    sectors = ["Giao thông", "Nông nghiệp, thủy lợi, phòng chống thiên tai", "Y tế",
               "Giáo dục và đào tạo, giáo dục nghề nghiệp", "Khoa học, công nghệ, chuyển đổi số",
               "Văn hóa, thể thao, du lịch", "Bảo vệ môi trường", "Quốc phòng, an ninh",
               "Hạ tầng khu, cụm công nghiệp", "Quản lý nhà nước", "Cấp nước, thoát nước đô thị"]
    vals = _split(rng, grand, len(sectors), 0.6)
    rows = [[str(i), s, vn(v), vn(v / grand * 100), str(rng.randint(4, 38))]
            for i, (s, v) in enumerate(zip(sectors, vals), 1)]
    out += data_table(["TT", "Ngành, lĩnh vực", "Vốn dự kiến (tỷ đồng)", "Tỷ trọng (%)",
                       "Số dự án"], rows, col_w=[8, 80, 30, 24, 20],
                      caption="Bảng 2. Phương án phân bổ theo ngành, lĩnh vực")
    out.append(H("3. Danh mục dự án trọng điểm", 2))
    rows = []
    for i, p in enumerate(projects(110, "trung-han-2026-2030"), 1):
        t = round(p["total"] * 4.5, 1)
        rows.append([str(i), p["name"], p["investor"].replace("Ban Quản lý dự án", "Ban QLDA"),
                     vn(t), vn(t * rng.uniform(0.55, 0.95)), f"{p['start']}–{p['start'] + 3}"])
    out += data_table(["TT", "Tên dự án", "Chủ đầu tư", "Tổng mức đầu tư (tỷ đồng)",
                       "Vốn bố trí 2026 – 2030 (tỷ đồng)", "Thời gian thực hiện"], rows,
                      col_w=[8, 62, 48, 20, 22, 18])
    out.append(H("IV. GIẢI PHÁP THỰC HIỆN"))
    out += [P(f"{i}. {t}") for i, t in enumerate([
        "Tăng cường huy động các nguồn lực, đẩy mạnh đấu giá quyền sử dụng đất để tạo vốn.",
        "Nâng cao chất lượng công tác chuẩn bị đầu tư; kiên quyết không bố trí vốn cho dự án "
        "chưa đủ thủ tục.",
        "Đẩy nhanh giải phóng mặt bằng; gắn trách nhiệm người đứng đầu với tiến độ giải ngân.",
        "Tăng cường thanh tra, kiểm tra, giám sát; xử lý nghiêm các vi phạm.",
    ], 1)]
    out.append(H("V. KIẾN NGHỊ"))
    out.append(P("Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, thông qua Kế hoạch "
                 "đầu tư công trung hạn giai đoạn 2026 – 2030 của tỉnh (có dự thảo Nghị quyết kèm "
                 "theo)./."))
    out.append(signature(["Như trên;", "Thường trực Tỉnh ủy;", "Thường trực HĐND tỉnh;",
                          "Các Ban HĐND tỉnh;", "Đại biểu HĐND tỉnh;", "Sở Tài chính;",
                          "Lưu: VT, KT."], KT_CT, PCT))
    return out


def review_2021_2025(rng):
    out = [H("Kết quả thực hiện giai đoạn 2021 – 2025", 3)]
    rows, tot = [], [0.0, 0.0]
    for i, (name, plan) in enumerate([
            ("Vốn ngân sách địa phương", 18420.0), ("Vốn ngân sách trung ương", 12350.0),
            ("Vốn nước ngoài (ODA)", 2840.0), ("Vốn chương trình mục tiêu quốc gia", 3610.0)], 1):
        done = round(plan * rng.uniform(0.86, 0.99), 1)
        tot = [tot[0] + plan, tot[1] + done]
        rows.append([str(i), name, vn(plan), vn(done), vn(done / plan * 100)])
    rows.append(["", "Tổng cộng", vn(tot[0]), vn(tot[1]), vn(tot[1] / tot[0] * 100)])
    out += data_table(["TT", "Nguồn vốn", "Kế hoạch giao (tỷ đồng)", "Giải ngân (tỷ đồng)",
                       "Tỷ lệ (%)"], rows, col_w=[8, 70, 30, 30, 20], bold_rows=(len(rows) - 1,),
                      caption="Bảng 0. Kết quả giải ngân kế hoạch đầu tư công giai đoạn 2021 – 2025")
    out += [P("Trong giai đoạn, toàn tỉnh đã hoàn thành, đưa vào sử dụng "
              f"{rng.randint(620, 720)} dự án, trong đó có {rng.randint(18, 26)} dự án trọng điểm; "
              f"xây dựng mới và nâng cấp {rng.randint(900, 1200)} km đường giao thông, "
              f"{rng.randint(80, 120)} trường học đạt chuẩn quốc gia và {rng.randint(40, 70)} trạm "
              "y tế xã."),
            P("Tuy nhiên, một số dự án chậm tiến độ do vướng mắc giải phóng mặt bằng, biến động giá "
              "vật liệu xây dựng; năng lực của một số chủ đầu tư, nhà thầu còn hạn chế; tỷ lệ giải "
              "ngân một số năm chưa đạt kế hoạch.")]
    return out


# ------------------------------------------------------------------ 3. Dự thảo NQ bảng giá đất

def du_thao_nghi_quyet_gia_dat():
    rng = random.Random("du-thao-nghi-quyet-bang-gia-dat")
    out = [national_header(["HỘI ĐỒNG NHÂN DÂN", "TỈNH " + PROVINCE_UP], "Số:&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/2026/NQ-HĐND",
                           f"{PROVINCE}, ngày&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;tháng 12 năm 2026")]
    out += title_block("NGHỊ QUYẾT", ["Quy định bảng giá đất áp dụng từ ngày 01 tháng 01 năm 2027",
                                      f"trên địa bàn tỉnh {PROVINCE}"])
    out += [Spacer(1, 6), P(f"HỘI ĐỒNG NHÂN DÂN TỈNH {PROVINCE_UP}", "centerb"),
            P("KHÓA XVII, KỲ HỌP THỨ MƯỜI BỐN", "centerb"), Spacer(1, 6)]
    out += [P(t, "bodyni") for t in [
        "<i>Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;</i>",
        "<i>Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024; Luật sửa đổi, bổ sung một số điều của "
        "Luật Đất đai;</i>",
        "<i>Căn cứ Nghị định của Chính phủ quy định về giá đất;</i>",
        f"<i>Xét Tờ trình số 305/TTr-UBND ngày 28 tháng 10 năm 2026 của Ủy ban nhân dân tỉnh về "
        "dự thảo Nghị quyết quy định bảng giá đất; Báo cáo thẩm tra của Ban Kinh tế – Ngân sách "
        "Hội đồng nhân dân tỉnh; ý kiến thảo luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ "
        "họp.</i>"]]
    out += [Spacer(1, 4), P("QUYẾT NGHỊ:", "centerb"), Spacer(1, 4)]
    articles = [
        ("Phạm vi điều chỉnh", "Nghị quyết này quy định bảng giá đất áp dụng từ ngày 01 tháng 01 "
         f"năm 2027 trên địa bàn tỉnh {PROVINCE}, gồm giá đất nông nghiệp, giá đất ở tại nông "
         "thôn, giá đất ở tại đô thị và giá đất thương mại, dịch vụ."),
        ("Đối tượng áp dụng", "Cơ quan nhà nước thực hiện chức năng quản lý nhà nước về đất đai; "
         "tổ chức, hộ gia đình, cá nhân sử dụng đất và các đối tượng khác có liên quan."),
        ("Bảng giá đất", "Ban hành kèm theo Nghị quyết này bảng giá các loại đất tại các Phụ lục "
         "I, II và III. Giá đất thương mại, dịch vụ bằng 70% giá đất ở cùng vị trí; giá đất sản "
         "xuất, kinh doanh phi nông nghiệp không phải là đất thương mại, dịch vụ bằng 60% giá đất "
         "ở cùng vị trí."),
        ("Xác định vị trí", "Vị trí 1 áp dụng đối với thửa đất có ít nhất một mặt giáp đường; vị "
         "trí 2, 3, 4 áp dụng đối với thửa đất giáp ngõ, ngách theo chiều rộng và khoảng cách tới "
         "đường chính, theo hướng dẫn của Ủy ban nhân dân tỉnh."),
        ("Tổ chức thực hiện", "Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết. Giao "
         "Thường trực Hội đồng nhân dân tỉnh, các Ban, các Tổ đại biểu và đại biểu Hội đồng nhân "
         "dân tỉnh giám sát việc thực hiện."),
        ("Hiệu lực thi hành", "Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2027."),
    ]
    for i, (t, body) in enumerate(articles, 1):
        out.append(P(f"<b>Điều {i}. {t}</b>", "bodyni"))
        out.append(P(body))
    out.append(P(f"Nghị quyết này đã được Hội đồng nhân dân tỉnh {PROVINCE} khóa XVII, kỳ họp thứ "
                 "mười bốn thông qua ngày&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;tháng 12 năm 2026./."))
    out.append(signature(["Ủy ban Thường vụ Quốc hội;", "Chính phủ;", "Bộ Nông nghiệp và Môi "
                          "trường;", "Thường trực Tỉnh ủy;", "UBND tỉnh;", "Đại biểu HĐND tỉnh;",
                          "Lưu: VT."], ["CHỦ TỊCH"], CT_HDND))
    out.append(PageBreak())
    out.append(H("PHỤ LỤC I<br/>BẢNG GIÁ ĐẤT NÔNG NGHIỆP", "part", 0))
    rows = []
    for i, (d, wt) in enumerate(DISTRICTS, 1):
        base = 55 * (0.6 + 0.4 * wt)
        rows.append([str(i), d] + [vn(round(base * k * rng.uniform(0.9, 1.1)), 0)
                                   for k in (1.0, 0.95, 1.1, 0.45, 0.9)])
    out += data_table(["TT", "Đơn vị hành chính", "Đất trồng lúa", "Đất trồng cây hằng năm khác",
                       "Đất trồng cây lâu năm", "Đất rừng sản xuất", "Đất nuôi trồng thủy sản"],
                      rows, col_w=[8, 52, 22, 22, 22, 22, 22], unit="Đơn vị: nghìn đồng/m²")
    out.append(H("PHỤ LỤC II<br/>BẢNG GIÁ ĐẤT Ở TẠI ĐÔ THỊ", "part", 0))
    streets = sorted({f"{a} {b}" for a, b in (rng.sample(SYL, 2) for _ in range(200))})
    for d, wt in DISTRICTS[:3]:
        rows = []
        for i, s in enumerate(rng.sample(streets, 60), 1):
            a, b = rng.sample(streets, 2)
            vt1 = round(rng.uniform(6, 48) * wt) * 1000
            rows.append([str(i), f"Đường {s}", f"Từ đường {a} đến đường {b}"] +
                        [vn(vt1 * k, 0) for k in (1, 0.55, 0.4, 0.3)])
        out += data_table(["TT", "Tên đường, phố", "Đoạn", "VT1", "VT2", "VT3", "VT4"], rows,
                          col_w=[8, 36, 58, 18, 18, 18, 18], caption=d,
                          unit="Đơn vị: nghìn đồng/m²")
    out.append(H("PHỤ LỤC III<br/>BẢNG GIÁ ĐẤT Ở TẠI NÔNG THÔN", "part", 0))
    rows = []
    for i, (d, wt) in enumerate(DISTRICTS[3:] * 4, 1):
        a = " ".join(rng.sample(SYL, 2))
        vt1 = round(rng.uniform(0.8, 9) * wt * 1000, -1)
        rows.append([str(i), f"Xã {a}, {district_short(d)}",
                     rng.choice(["Ven quốc lộ", "Ven đường tỉnh", "Trung tâm xã", "Khu dân cư"])] +
                    [vn(vt1 * k, 0) for k in (1, 0.6, 0.4)])
    out += data_table(["TT", "Xã", "Khu vực", "VT1", "VT2", "VT3"], rows,
                      col_w=[8, 72, 34, 20, 20, 20], unit="Đơn vị: nghìn đồng/m²")
    return out


# ------------------------------------------------------------------ 5. Đề án chuyển đổi số

def to_trinh_chuyen_doi_so():
    from docs_cds import story as cds_story
    return cds_story()
