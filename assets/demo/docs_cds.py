"""5. Tờ trình Đề án chuyển đổi số tỉnh giai đoạn 2026 – 2030 (~15 pages)."""
import random

from reportlab.platypus import PageBreak

from kt_xh_data import DISTRICTS
from vnadmin import H, P, PROVINCE, bullets, data_table, signature, title_block, ubnd_header, vn

YEARS = ["2026", "2027", "2028", "2029", "2030"]

PILLARS = {
    "Chính quyền số": [
        ("Hệ thống phòng họp không giấy (eCabinet) cho UBND tỉnh và các sở, ngành, địa phương",
         "Văn phòng UBND tỉnh"),
        ("Nâng cấp hệ thống quản lý văn bản và điều hành, ký số trên thiết bị di động",
         "Văn phòng UBND tỉnh"),
        ("Hệ thống thông tin báo cáo và Trung tâm điều hành thông minh (IOC)", "Sở Khoa học và Công nghệ"),
        ("Kho dữ liệu dùng chung và nền tảng tích hợp, chia sẻ dữ liệu (LGSP)",
         "Sở Khoa học và Công nghệ"),
        ("Cơ sở dữ liệu đất đai số hóa toàn tỉnh", "Sở Nông nghiệp và Môi trường"),
        ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Trung tâm Phục vụ hành chính công"),
        ("Hệ thống giám sát an toàn thông tin (SOC) cấp tỉnh", "Sở Khoa học và Công nghệ"),
        ("Hội nghị truyền hình trực tuyến đến cấp xã, điểm cầu thông minh", "Văn phòng UBND tỉnh"),
    ],
    "Kinh tế số": [
        ("Đưa sản phẩm OCOP và nông sản chủ lực lên sàn thương mại điện tử", "Sở Công Thương"),
        ("Hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số", "Sở Tài chính"),
        ("Thanh toán không dùng tiền mặt trong trường học, bệnh viện", "Ngân hàng Nhà nước khu vực"),
        ("Du lịch thông minh: bản đồ số, thuyết minh tự động", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Truy xuất nguồn gốc nông sản", "Sở Nông nghiệp và Môi trường"),
    ],
    "Xã hội số": [
        ("Hồ sơ sức khỏe điện tử và bệnh án điện tử", "Sở Y tế"),
        ("Trường học số, học bạ số", "Sở Giáo dục và Đào tạo"),
        ("Tổ công nghệ số cộng đồng tại thôn, tổ dân phố", "Ủy ban nhân dân cấp xã"),
        ("Phủ sóng di động 4G/5G tại thôn, bản vùng lõm sóng", "Sở Khoa học và Công nghệ"),
        ("Phổ cập kỹ năng số cho người dân", "Tỉnh Đoàn"),
    ],
}


def story():
    rng = random.Random("de-an-chuyen-doi-so-2026-2030")
    out = [ubnd_header("Số: 311/TTr-UBND", 2, 11)]
    out += title_block("TỜ TRÌNH", ["Về việc đề nghị thông qua Đề án chuyển đổi số",
                                    f"tỉnh {PROVINCE} giai đoạn 2026 – 2030, định hướng đến năm 2035"],
                       f"Hội đồng nhân dân tỉnh {PROVINCE}")
    out.append(P("Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, thông qua Đề án "
                 "chuyển đổi số tỉnh giai đoạn 2026 – 2030, định hướng đến năm 2035 (sau đây gọi "
                 "tắt là Đề án) với những nội dung chính như sau:"))

    out.append(H("I. SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN"))
    out += [P("Chuyển đổi số là xu thế tất yếu, là động lực quan trọng để đổi mới phương thức "
              "lãnh đạo, chỉ đạo, điều hành; nâng cao năng suất lao động và sức cạnh tranh của nền "
              "kinh tế; bảo đảm mọi người dân được tiếp cận dịch vụ công thuận tiện, an toàn."),
            P("Giai đoạn 2021 – 2025, tỉnh đã đạt được những kết quả bước đầu quan trọng: hệ thống "
              "quản lý văn bản và điều hành được triển khai đến cấp xã; tỷ lệ văn bản điện tử có ký "
              "số đạt trên 96%; các cuộc họp của Ủy ban nhân dân tỉnh từng bước chuyển sang hình "
              "thức họp không giấy. Tuy nhiên, dữ liệu còn phân tán, chưa được kết nối, chia sẻ; hạ "
              "tầng số tại vùng sâu, vùng xa còn hạn chế; nguồn nhân lực công nghệ thông tin còn "
              "thiếu."),
            P("Vì vậy, việc xây dựng và ban hành Đề án là cần thiết, làm cơ sở để huy động, bố trí "
              "nguồn lực thực hiện đồng bộ các nhiệm vụ chuyển đổi số trong giai đoạn mới.")]
    out.append(H("II. CĂN CỨ PHÁP LÝ"))
    out += bullets([
        "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
        "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
        "Luật Giao dịch điện tử ngày 22/6/2023;",
        "Luật Dữ liệu ngày 30/11/2024;",
        "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030;",
        f"Nghị quyết Đại hội đại biểu Đảng bộ tỉnh {PROVINCE} lần thứ XX, nhiệm kỳ 2025 – 2030.",
    ])

    out.append(H("III. THỰC TRẠNG CHUYỂN ĐỔI SỐ CỦA TỈNH"))
    out.append(P("Thực trạng chuyển đổi số của tỉnh được đánh giá trên cơ sở kết quả xác định Chỉ "
                 "số chuyển đổi số cấp tỉnh (DTI) hằng năm, số liệu khảo sát hạ tầng số tại các "
                 "địa phương và hiện trạng các hệ thống thông tin đang vận hành."))
    out.append(H("1. Chỉ số chuyển đổi số (DTI) cấp tỉnh", 2))
    rows = []
    for name in ["Chỉ số chung", "Nhận thức số", "Thể chế số", "Hạ tầng số", "Nhân lực số",
                 "An toàn thông tin mạng", "Hoạt động chính quyền số", "Hoạt động kinh tế số",
                 "Hoạt động xã hội số"]:
        vals = [rng.uniform(0.35, 0.6)]
        for _ in range(4):
            vals.append(min(0.98, vals[-1] * rng.uniform(1.02, 1.15)))
        rows.append([name] + [vn(v, 4) for v in vals] + [str(rng.randint(12, 48))])
    out += data_table(["Chỉ số thành phần", "2021", "2022", "2023", "2024", "2025",
                       "Xếp hạng 2025"], rows, first_w=56,
                      caption="Bảng 1. Kết quả đánh giá DTI của tỉnh giai đoạn 2021 – 2025")
    out.append(P("Chỉ số chuyển đổi số của tỉnh tăng đều qua các năm; các chỉ số hạ tầng số và "
                 "hoạt động chính quyền số tăng mạnh nhất, trong khi kinh tế số và nhân lực số "
                 "còn ở mức thấp so với mặt bằng chung của vùng."))
    out.append(H("2. Hạ tầng số tại các địa phương", 2))
    rows = []
    for i, (d, wt) in enumerate(DISTRICTS, 1):
        rows.append([str(i), d, str(rng.randint(8, 26)), vn(min(100, 70 + 20 * wt * rng.uniform(0.6, 1.1))),
                     vn(min(100, 55 + 30 * wt * rng.uniform(0.5, 1.0))), str(rng.randint(0, 14)),
                     vn(rng.uniform(35, 80))])
    out += data_table(["TT", "Huyện, thị xã, thành phố", "Số xã", "Thôn có cáp quang (%)",
                       "Hộ gia đình có Internet (%)", "Thôn lõm sóng", "Hồ sơ trực tuyến (%)"], rows,
                      col_w=[8, 52, 14, 24, 24, 18, 24],
                      caption="Bảng 2. Hiện trạng hạ tầng số cấp huyện năm 2025")
    out += systems_table(rng)
    out.append(H("4. Tồn tại, hạn chế", 2))
    out += bullets([
        "Dữ liệu chuyên ngành còn phân tán, nhiều cơ sở dữ liệu chưa được chuẩn hóa, chưa kết nối "
        "với Kho dữ liệu dùng chung của tỉnh.",
        "Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến ở một số địa phương còn thấp.",
        "Hạ tầng mạng tại các thôn, bản vùng cao chưa bảo đảm; còn thôn lõm sóng.",
        "Đội ngũ cán bộ chuyên trách công nghệ thông tin cấp xã còn thiếu, thường kiêm nhiệm.",
        "Kinh phí bố trí cho chuyển đổi số chưa tương xứng với yêu cầu nhiệm vụ.",
    ])

    out.append(H("IV. QUAN ĐIỂM, MỤC TIÊU"))
    out.append(H("1. Quan điểm", 2))
    out += bullets([
        "Người dân và doanh nghiệp là trung tâm, là chủ thể của chuyển đổi số.",
        "Nhận thức đóng vai trò quyết định; người đứng đầu trực tiếp chỉ đạo, chịu trách nhiệm.",
        "Dữ liệu là tài nguyên; an toàn thông tin là yêu cầu xuyên suốt.",
        "Làm đến đâu chắc đến đó, ưu tiên các nền tảng dùng chung, tránh đầu tư trùng lặp.",
    ])
    out.append(H("2. Mục tiêu cụ thể", 2))
    targets = [("Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", 75, 100),
               ("Tỷ lệ hồ sơ thủ tục hành chính nộp trực tuyến", "%", 62, 90),
               ("Tỷ lệ văn bản điện tử có ký số", "%", 96, 100),
               ("Tỷ lệ cuộc họp của UBND tỉnh tổ chức theo hình thức không giấy", "%", 60, 100),
               ("Tỷ lệ cơ sở dữ liệu chuyên ngành kết nối Kho dữ liệu dùng chung", "%", 40, 100),
               ("Tỷ trọng kinh tế số trong GRDP", "%", 8, 20),
               ("Tỷ lệ hộ gia đình có kết nối Internet băng rộng cáp quang", "%", 72, 95),
               ("Tỷ lệ người trưởng thành có danh tính số", "%", 70, 95),
               ("Tỷ lệ dân số có hồ sơ sức khỏe điện tử", "%", 85, 98),
               ("Tỷ lệ thôn, bản được phủ sóng di động 4G/5G", "%", 93, 100)]
    rows = []
    for i, (name, u, a, b) in enumerate(targets, 1):
        steps = [a + (b - a) * k / 4 for k in range(5)]
        rows.append([str(i), name, u] + [vn(x, 0) for x in steps])
    out += data_table(["TT", "Chỉ tiêu", "ĐVT"] + YEARS, rows, col_w=[8, 70, 12, 16, 16, 16, 16, 16],
                      caption="Bảng 3. Lộ trình chỉ tiêu chuyển đổi số giai đoạn 2026 – 2030")

    out.append(H("V. NHIỆM VỤ VÀ GIẢI PHÁP"))
    n = 0
    for pi, (pillar, items) in enumerate(PILLARS.items(), 1):
        out.append(H(f"{pi}. Phát triển {pillar.lower()}", 2))
        for name, unit in items:
            n += 1
            out.append(P(f"<b>{pi}.{items.index((name, unit)) + 1}. {name}.</b> "
                         f"Đơn vị chủ trì: {unit}. " + _task_text(rng, name), "body"))
            out += bullets(rng.sample(STEPS, 4))
    out.append(H("6. Giải pháp bảo đảm", 2))
    out += bullets([
        "Hoàn thiện thể chế: ban hành quy chế quản lý, khai thác, chia sẻ dữ liệu của tỉnh.",
        "Phát triển nhân lực: đào tạo, bồi dưỡng kỹ năng số cho 100% cán bộ, công chức, viên chức.",
        "Huy động nguồn lực: kết hợp ngân sách nhà nước với nguồn xã hội hóa, thuê dịch vụ công "
        "nghệ thông tin.",
        "Hợp tác với các doanh nghiệp công nghệ, viện, trường trong và ngoài nước.",
        "Tăng cường truyền thông, nâng cao nhận thức về chuyển đổi số.",
    ])

    out.append(H("VI. KINH PHÍ THỰC HIỆN"))
    funds = [("Ngân sách tỉnh", 0.62), ("Ngân sách trung ương", 0.18),
             ("Nguồn xã hội hóa, thuê dịch vụ", 0.2)]
    total = 1865.0
    rows, years = [], [0.0] * 5
    for name, share in funds:
        amt = total * share
        w = [rng.uniform(0.8, 1.3) for _ in range(5)]
        split = [amt * x / sum(w) for x in w]
        years = [a + b for a, b in zip(years, split)]
        rows.append([name, vn(amt)] + [vn(v) for v in split])
    rows.append(["Tổng cộng", vn(total)] + [vn(v) for v in years])
    out += data_table(["Nguồn kinh phí", "Tổng"] + YEARS, rows, first_w=50,
                      bold_rows=(len(rows) - 1,), unit="Đơn vị: tỷ đồng",
                      caption="Bảng 4. Dự kiến kinh phí thực hiện Đề án")
    out.append(P("Kinh phí được bố trí theo phân cấp ngân sách hiện hành, lồng ghép với các chương "
                 "trình, dự án khác; ưu tiên hình thức thuê dịch vụ công nghệ thông tin đối với các "
                 "hệ thống dùng chung."))
    out.append(H("VII. DANH MỤC NHIỆM VỤ, DỰ ÁN ƯU TIÊN"))
    rows = []
    i = 0
    for pillar, items in PILLARS.items():
        for name, unit in items:
            for phase in ("giai đoạn 1", "giai đoạn 2", "giai đoạn 3"):
                i += 1
                start = {"1": 2026, "2": 2027, "3": 2029}[phase[-1]] + rng.randint(0, 1)
                rows.append([str(i), f"{name} ({phase})", unit, vn(rng.uniform(4, 95)),
                             f"{start}–{start + rng.randint(1, 2)}"])
    out += data_table(["TT", "Nhiệm vụ, dự án", "Đơn vị chủ trì", "Kinh phí dự kiến (tỷ đồng)",
                       "Thời gian"], rows, col_w=[8, 78, 46, 22, 18])
    out.append(H("VIII. RỦI RO VÀ BIỆN PHÁP PHÒNG NGỪA"))
    risks = [
        ("Mất an toàn thông tin, lộ lọt dữ liệu", "Cao", "Giám sát tập trung (SOC), phân quyền, "
         "mã hóa dữ liệu, diễn tập ứng cứu sự cố hằng năm"),
        ("Gián đoạn kết nối mạng tại điểm cầu cấp xã", "Trung bình", "Đường truyền dự phòng, chế "
         "độ làm việc ngoại tuyến, đồng bộ khi có mạng"),
        ("Người dùng chưa quen sử dụng", "Trung bình", "Đào tạo, tài liệu hướng dẫn, tổ hỗ trợ "
         "kỹ thuật tại chỗ"),
        ("Chậm bố trí kinh phí", "Cao", "Lồng ghép nguồn vốn, thuê dịch vụ, phân kỳ đầu tư"),
        ("Phụ thuộc một nhà cung cấp", "Trung bình", "Yêu cầu chuẩn mở, chuyển giao dữ liệu, "
         "điều khoản thoát trong hợp đồng"),
        ("Dữ liệu không đồng bộ giữa các hệ thống", "Cao", "Chuẩn hóa danh mục dùng chung, kết nối "
         "qua LGSP, kiểm tra chất lượng dữ liệu định kỳ"),
        ("Thiếu nhân lực chuyên trách", "Cao", "Tuyển dụng, thu hút chuyên gia, hợp tác với "
         "trường đại học"),
        ("Thiết bị đầu cuối lạc hậu", "Thấp", "Rà soát, thay thế theo lộ trình; ưu tiên thiết bị "
         "cho điểm cầu"),
    ]
    out += data_table(["TT", "Rủi ro", "Mức độ", "Biện pháp phòng ngừa"],
                      [[str(i), a, b, c] for i, (a, b, c) in enumerate(risks, 1)],
                      col_w=[8, 52, 18, 100])
    out.append(H("IX. TỔ CHỨC THỰC HIỆN"))
    out += [P(f"{i}. {t}") for i, t in enumerate([
        "Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi, đôn đốc, tổng hợp "
        "báo cáo định kỳ 6 tháng, hằng năm.",
        "Văn phòng Ủy ban nhân dân tỉnh chủ trì triển khai hệ thống phòng họp không giấy, hệ thống "
        "quản lý văn bản và điều hành; bảo đảm 100% cuộc họp của Ủy ban nhân dân tỉnh được tổ chức "
        "theo hình thức không giấy từ năm 2027.",
        "Sở Tài chính tham mưu bố trí kinh phí thực hiện Đề án hằng năm.",
        "Các sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố xây dựng kế hoạch "
        "chi tiết, triển khai các nhiệm vụ được giao.",
    ], 1)]
    out.append(H("X. KIẾN NGHỊ"))
    out.append(P("Ủy ban nhân dân tỉnh kính trình Hội đồng nhân dân tỉnh xem xét, thông qua Đề án "
                 "chuyển đổi số tỉnh giai đoạn 2026 – 2030, định hướng đến năm 2035 (có dự thảo "
                 "Nghị quyết và Đề án chi tiết kèm theo)./."))
    out.append(signature(["Như trên;", "Thường trực Tỉnh ủy;", "Thường trực HĐND tỉnh;",
                          "Các Ban HĐND tỉnh;", "Sở Khoa học và Công nghệ;", "Lưu: VT, KGVX."],
                         ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Phạm Đức Thịnh"))
    out += assignments(rng)
    return out


STEPS = [
    "Khảo sát hiện trạng, xác định yêu cầu nghiệp vụ và quy trình số hóa.",
    "Xây dựng kiến trúc, thiết kế kỹ thuật bảo đảm phù hợp Kiến trúc chính quyền số của tỉnh.",
    "Lựa chọn hình thức đầu tư hoặc thuê dịch vụ; tổ chức lựa chọn nhà thầu theo quy định.",
    "Triển khai thí điểm tại một số đơn vị, đánh giá, hoàn thiện trước khi nhân rộng.",
    "Kết nối, chia sẻ dữ liệu qua nền tảng tích hợp, chia sẻ dữ liệu của tỉnh (LGSP).",
    "Đánh giá, phê duyệt hồ sơ đề xuất cấp độ an toàn hệ thống thông tin.",
    "Đào tạo, chuyển giao, hướng dẫn sử dụng cho cán bộ, công chức và người dân.",
    "Ban hành quy chế quản lý, vận hành, khai thác hệ thống.",
    "Theo dõi, đo lường hiệu quả qua các chỉ số trên hệ thống thông tin báo cáo.",
]

UNITS = ["Văn phòng UBND tỉnh", "Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Nội vụ",
         "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng",
         "Sở Công Thương", "Sở Tư pháp", "Công an tỉnh", "Thanh tra tỉnh"]
SYSTEMS = ["Hệ thống quản lý văn bản và điều hành", "Cổng thông tin điện tử", "Hệ thống một cửa "
           "điện tử", "Phần mềm quản lý cán bộ, công chức", "Cơ sở dữ liệu chuyên ngành",
           "Phần mềm kế toán", "Hệ thống thư điện tử công vụ", "Phần mềm quản lý hồ sơ",
           "Hệ thống giám sát, cảnh báo", "Phần mềm thống kê, báo cáo"]


def systems_table(rng):
    rows, seen = [], set()
    while len(rows) < 60:
        sysname, unit = rng.choice(SYSTEMS), rng.choice(UNITS)
        if (sysname, unit) in seen:
            continue
        seen.add((sysname, unit))
        rows.append([str(len(rows) + 1), sysname, unit, str(rng.randint(2014, 2025)),
                     vn(rng.randint(1, 90) * 50, 0), f"Cấp độ {rng.randint(1, 3)}",
                     rng.choice(["Đã kết nối", "Đã kết nối", "Chưa kết nối", "Đang kết nối"])])
    rows.sort(key=lambda r: (r[2], r[1]))
    for i, r in enumerate(rows, 1):
        r[0] = str(i)
    return [H("3. Hiện trạng các hệ thống thông tin", 2)] + data_table(
        ["TT", "Hệ thống", "Đơn vị quản lý", "Năm triển khai", "Người dùng", "Cấp độ an toàn",
         "Kết nối LGSP"], rows, col_w=[8, 52, 40, 16, 16, 18, 20],
        caption="Bảng 3a. Danh mục hệ thống thông tin đang vận hành")


PRODUCTS = ["Hệ thống được đưa vào vận hành chính thức", "Quyết định phê duyệt và báo cáo kết quả",
            "Cơ sở dữ liệu được kết nối, chia sẻ", "Quy chế vận hành được ban hành",
            "Báo cáo đánh giá hiệu quả", "Tài liệu hướng dẫn và danh sách người dùng được cấp"]


def assignments(rng):
    """Task assignment table: performer, deadline, product (the three constraints)."""
    rows, i = [], 0
    for pillar, items in PILLARS.items():
        for name, unit in items:
            i += 1
            partner = ", ".join(rng.sample([u for u in UNITS if u != unit], 2))
            rows.append([str(i), name, unit, partner + "; UBND các huyện, thị xã, thành phố",
                         f"{rng.choice(['Quý II', 'Quý III', 'Quý IV'])}/{rng.randint(2026, 2029)}",
                         rng.choice(PRODUCTS)])
    out = [PageBreak(), H("PHỤ LỤC. PHÂN CÔNG NHIỆM VỤ CỤ THỂ", "part", 0)]
    out += data_table(["TT", "Nhiệm vụ", "Người thực hiện (đơn vị chủ trì)", "Đơn vị phối hợp",
                       "Thời hạn", "Sản phẩm"], rows, col_w=[7, 50, 30, 44, 16, 34])
    rows = []
    for k, (d, wt) in enumerate(DISTRICTS, 1):
        start = 0 if wt > 1 else rng.randint(1, 3)
        stage = {0: "Thí điểm", 1: "Triển khai"}
        rows.append([str(k), d] + ["–" if y < start else stage.get(y - start, "Hoàn thành")
                                   for y in range(5)])
    out += data_table(["TT", "Địa phương"] + YEARS, rows, col_w=[8, 56, 18, 18, 18, 18, 18],
                      caption="Lộ trình triển khai phòng họp không giấy đến cấp huyện")
    return out


def _task_text(rng, name):
    goal = rng.choice(["Hoàn thành trong năm 2027", "Hoàn thành trong năm 2028",
                       "Triển khai theo lộ trình đến năm 2030"])
    what = rng.choice([
        "Xây dựng, nâng cấp hệ thống bảo đảm kết nối với các nền tảng quốc gia, đáp ứng yêu cầu "
        "an toàn thông tin cấp độ 3.",
        "Triển khai đồng bộ từ cấp tỉnh đến cấp xã; đào tạo, hướng dẫn sử dụng cho người dùng.",
        "Ưu tiên thuê dịch vụ, tận dụng hạ tầng sẵn có, bảo đảm khả năng mở rộng.",
    ])
    return (f"{what} {goal}; dự kiến phục vụ khoảng {vn(rng.randint(2, 60) * 1000, 0)} người "
            f"dùng và giảm {rng.randint(20, 60)}% thời gian xử lý công việc so với hiện nay.")
