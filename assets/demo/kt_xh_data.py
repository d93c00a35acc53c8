"""Content model of the 10-month socio-economic report (invented province).

Each chapter has sections; each section has indicators:
    (name, unit, value 10 months 2025, decimals, growth %, kind)
kind: "index" - an index against the same period last year (= 100);
      "flow"  - summed over the period, plan is a full-year figure (≈ 10/12 reached);
      "stock" - a level at the end of the period (head of cattle, hospital beds);
      "rate"  - a percentage; change is reported in percentage points;
      "down"  - a flow where a fall is good news (accidents, crimes).
Districts and names are invented.
"""

DISTRICTS = [
    ("Thành phố Bình An", 1.9), ("Thị xã Hòa Phong", 1.3), ("Huyện Thanh Thủy Đông", 1.0),
    ("Huyện Ngọc Lâm", 0.8), ("Huyện Phú Lương Hạ", 0.9), ("Huyện Đông Sơn Hà", 0.7),
    ("Huyện Tây Bình", 0.6), ("Huyện Kim Đường", 1.1), ("Huyện Mỹ Hưng", 0.75),
    ("Huyện Lạc Thủy Nam", 0.65), ("Huyện Quế Hải", 0.85),
]

CHAPTERS = [
    ("TĂNG TRƯỞNG KINH TẾ", [
        ("Tổng sản phẩm trên địa bàn (GRDP)", [
            ("Tổng sản phẩm trên địa bàn (giá so sánh 2010)", "tỷ đồng", 38412.5, 1, 7.4, "flow"),
            ("Khu vực nông, lâm nghiệp và thủy sản", "tỷ đồng", 7215.3, 1, 3.6, "flow"),
            ("Khu vực công nghiệp – xây dựng", "tỷ đồng", 15930.8, 1, 9.8, "flow"),
            ("Khu vực dịch vụ", "tỷ đồng", 12804.1, 1, 7.1, "flow"),
            ("Thuế sản phẩm trừ trợ cấp sản phẩm", "tỷ đồng", 2462.3, 1, 5.2, "flow"),
        ]),
        ("Cơ cấu kinh tế và năng suất lao động", [
            ("Tỷ trọng khu vực nông, lâm nghiệp và thủy sản", "%", 18.9, 1, -0.7, "rate"),
            ("Tỷ trọng khu vực công nghiệp – xây dựng", "%", 41.5, 1, 0.9, "rate"),
            ("Tỷ trọng khu vực dịch vụ", "%", 33.2, 1, 0.1, "rate"),
            ("GRDP bình quân đầu người", "triệu đồng", 71.4, 1, 8.9, "stock"),
            ("Năng suất lao động xã hội", "triệu đồng/người", 126.3, 1, 6.8, "stock"),
        ]),
    ]),
    ("SẢN XUẤT NÔNG, LÂM NGHIỆP VÀ THỦY SẢN", [
        ("Trồng trọt", [
            ("Diện tích gieo trồng lúa cả năm", "ha", 68420, 0, -0.8, "stock"),
            ("Năng suất lúa bình quân", "tạ/ha", 58.6, 1, 1.2, "stock"),
            ("Sản lượng lương thực có hạt", "tấn", 452380, 0, 1.9, "flow"),
            ("Diện tích cây ăn quả", "ha", 21540, 0, 4.6, "stock"),
            ("Diện tích chè", "ha", 9870, 0, 1.1, "stock"),
            ("Sản lượng rau các loại", "tấn", 186240, 0, 3.4, "flow"),
        ]),
        ("Chăn nuôi", [
            ("Tổng đàn trâu", "con", 84210, 0, -2.1, "stock"),
            ("Tổng đàn bò", "con", 126430, 0, 2.7, "stock"),
            ("Tổng đàn lợn", "con", 715600, 0, 5.3, "stock"),
            ("Tổng đàn gia cầm", "nghìn con", 9845, 0, 4.1, "stock"),
            ("Sản lượng thịt hơi xuất chuồng", "tấn", 121350, 0, 4.8, "flow"),
        ]),
        ("Lâm nghiệp", [
            ("Diện tích trồng rừng tập trung", "ha", 8240, 0, 6.2, "flow"),
            ("Sản lượng gỗ khai thác", "m³", 612400, 0, 8.5, "flow"),
            ("Tỷ lệ che phủ rừng", "%", 51.8, 1, 0.4, "rate"),
            ("Số vụ cháy rừng", "vụ", 14, 0, -35.0, "down"),
        ]),
        ("Thủy sản", [
            ("Tổng sản lượng thủy sản", "tấn", 38620, 0, 5.6, "flow"),
            ("Sản lượng nuôi trồng", "tấn", 31470, 0, 6.9, "flow"),
            ("Sản lượng khai thác", "tấn", 7150, 0, 0.4, "flow"),
            ("Diện tích nuôi trồng thủy sản", "ha", 10240, 0, 1.5, "stock"),
        ]),
        ("Xây dựng nông thôn mới và chương trình OCOP", [
            ("Số xã đạt chuẩn nông thôn mới", "xã", 112, 0, 6.3, "stock"),
            ("Số xã đạt chuẩn nông thôn mới nâng cao", "xã", 31, 0, 29.0, "stock"),
            ("Số xã đạt chuẩn nông thôn mới kiểu mẫu", "xã", 6, 0, 50.0, "stock"),
            ("Sản phẩm OCOP đạt từ 3 sao trở lên", "sản phẩm", 184, 0, 19.6, "stock"),
        ]),
    ]),
    ("SẢN XUẤT CÔNG NGHIỆP", [
        ("Chỉ số sản xuất công nghiệp (IIP)", [
            ("Chỉ số sản xuất toàn ngành công nghiệp", "%", 100.0, 1, 10.2, "index"),
            ("Ngành khai khoáng", "%", 100.0, 1, -3.4, "index"),
            ("Ngành công nghiệp chế biến, chế tạo", "%", 100.0, 1, 12.6, "index"),
            ("Ngành sản xuất và phân phối điện", "%", 100.0, 1, 6.1, "index"),
            ("Ngành cung cấp nước, xử lý rác thải", "%", 100.0, 1, 4.7, "index"),
        ]),
        ("Sản phẩm công nghiệp chủ yếu", [
            ("Xi măng", "nghìn tấn", 2845, 0, 3.2, "flow"),
            ("Điện sản xuất", "triệu kWh", 4120, 0, 6.1, "flow"),
            ("Quần áo may sẵn", "nghìn cái", 58420, 0, 14.3, "flow"),
            ("Linh kiện điện tử", "triệu sản phẩm", 312, 0, 21.5, "flow"),
            ("Chè chế biến", "tấn", 18650, 0, 2.4, "flow"),
            ("Thức ăn chăn nuôi", "tấn", 264300, 0, 7.9, "flow"),
            ("Gạch xây dựng", "triệu viên", 486, 0, -4.2, "flow"),
        ]),
        ("Khu công nghiệp, cụm công nghiệp", [
            ("Tỷ lệ lấp đầy các khu công nghiệp", "%", 62.4, 1, 5.8, "rate"),
            ("Tỷ lệ lấp đầy các cụm công nghiệp", "%", 48.7, 1, 4.1, "rate"),
            ("Dự án thứ cấp được cấp mới", "dự án", 37, 0, 18.9, "flow"),
            ("Lao động làm việc trong khu, cụm công nghiệp", "người", 68450, 0, 9.2, "stock"),
        ]),
    ]),
    ("ĐẦU TƯ VÀ XÂY DỰNG", [
        ("Vốn đầu tư thực hiện trên địa bàn", [
            ("Tổng vốn đầu tư thực hiện trên địa bàn", "tỷ đồng", 31240.6, 1, 11.3, "flow"),
            ("Vốn khu vực nhà nước", "tỷ đồng", 9815.2, 1, 14.7, "flow"),
            ("Vốn khu vực ngoài nhà nước", "tỷ đồng", 17620.4, 1, 9.4, "flow"),
            ("Vốn khu vực có vốn đầu tư trực tiếp nước ngoài", "tỷ đồng", 3805.0, 1, 12.8, "flow"),
        ]),
        ("Giải ngân kế hoạch vốn đầu tư công", [
            ("Kế hoạch vốn đầu tư công đã giao", "tỷ đồng", 7420.0, 1, 9.5, "stock"),
            ("Giá trị giải ngân đến ngày 31/10", "tỷ đồng", 4315.7, 1, 16.2, "flow"),
            ("Tỷ lệ giải ngân so với kế hoạch giao", "%", 58.2, 1, 3.4, "rate"),
            ("Số dự án khởi công mới", "dự án", 146, 0, 8.1, "flow"),
            ("Số dự án hoàn thành, bàn giao đưa vào sử dụng", "dự án", 212, 0, 5.5, "flow"),
        ]),
        ("Phát triển đô thị và kết cấu hạ tầng", [
            ("Tỷ lệ đô thị hóa", "%", 31.6, 1, 1.1, "rate"),
            ("Đường giao thông nông thôn được cứng hóa", "km", 426, 0, 7.3, "flow"),
            ("Diện tích nhà ở xây dựng mới", "nghìn m²", 1284, 0, 6.6, "flow"),
            ("Căn nhà ở xã hội hoàn thành", "căn", 520, 0, 42.0, "flow"),
        ]),
    ]),
    ("THƯƠNG MẠI, DỊCH VỤ VÀ DU LỊCH", [
        ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng", [
            ("Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ", "tỷ đồng", 42860.3, 1, 10.6, "flow"),
            ("Doanh thu bán lẻ hàng hóa", "tỷ đồng", 32415.8, 1, 9.8, "flow"),
            ("Doanh thu dịch vụ lưu trú, ăn uống", "tỷ đồng", 5120.4, 1, 14.2, "flow"),
            ("Doanh thu dịch vụ khác", "tỷ đồng", 5324.1, 1, 11.0, "flow"),
        ]),
        ("Chỉ số giá tiêu dùng", [
            ("Chỉ số giá tiêu dùng bình quân 10 tháng", "%", 100.0, 2, 3.42, "index"),
            ("Nhóm hàng ăn và dịch vụ ăn uống", "%", 100.0, 2, 4.05, "index"),
            ("Nhóm nhà ở, điện, nước, chất đốt", "%", 100.0, 2, 4.87, "index"),
            ("Nhóm giao thông", "%", 100.0, 2, -0.94, "index"),
        ]),
        ("Xuất khẩu, nhập khẩu", [
            ("Kim ngạch xuất khẩu", "triệu USD", 2184.6, 1, 13.4, "flow"),
            ("Kim ngạch nhập khẩu", "triệu USD", 1562.9, 1, 10.1, "flow"),
            ("Xuất khẩu hàng dệt may", "triệu USD", 684.2, 1, 9.6, "flow"),
            ("Xuất khẩu linh kiện điện tử", "triệu USD", 912.5, 1, 18.3, "flow"),
        ]),
        ("Du lịch", [
            ("Tổng lượt khách du lịch", "nghìn lượt", 4215, 0, 16.4, "flow"),
            ("Khách quốc tế", "nghìn lượt", 318, 0, 24.7, "flow"),
            ("Tổng thu từ khách du lịch", "tỷ đồng", 6840.5, 1, 19.2, "flow"),
        ]),
        ("Vận tải, kho bãi", [
            ("Vận chuyển hành khách", "nghìn lượt", 21460, 0, 8.8, "flow"),
            ("Luân chuyển hành khách", "triệu lượt.km", 1845, 0, 9.4, "flow"),
            ("Vận chuyển hàng hóa", "nghìn tấn", 36820, 0, 7.6, "flow"),
            ("Doanh thu vận tải, kho bãi", "tỷ đồng", 5412.3, 1, 10.3, "flow"),
        ]),
    ]),
    ("TÀI CHÍNH, NGÂN HÀNG", [
        ("Thu ngân sách nhà nước", [
            ("Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", 14215.8, 1, 8.6, "flow"),
            ("Thu nội địa", "tỷ đồng", 12540.3, 1, 9.1, "flow"),
            ("Thu tiền sử dụng đất", "tỷ đồng", 3820.6, 1, -6.4, "flow"),
            ("Thu từ hoạt động xuất, nhập khẩu", "tỷ đồng", 1675.5, 1, 4.9, "flow"),
        ]),
        ("Chi ngân sách địa phương", [
            ("Tổng chi ngân sách địa phương", "tỷ đồng", 19640.2, 1, 7.8, "flow"),
            ("Chi đầu tư phát triển", "tỷ đồng", 6215.4, 1, 13.5, "flow"),
            ("Chi thường xuyên", "tỷ đồng", 12984.7, 1, 5.2, "flow"),
        ]),
        ("Hoạt động ngân hàng", [
            ("Tổng nguồn vốn huy động", "tỷ đồng", 98420.0, 1, 9.4, "stock"),
            ("Tổng dư nợ cho vay", "tỷ đồng", 112365.0, 1, 11.7, "stock"),
            ("Dư nợ cho vay nông nghiệp, nông thôn", "tỷ đồng", 41280.0, 1, 8.2, "stock"),
            ("Tỷ lệ nợ xấu", "%", 1.42, 2, -0.18, "rate"),
        ]),
    ]),
    ("PHÁT TRIỂN DOANH NGHIỆP VÀ THU HÚT ĐẦU TƯ", [
        ("Đăng ký doanh nghiệp", [
            ("Doanh nghiệp thành lập mới", "doanh nghiệp", 742, 0, 12.4, "flow"),
            ("Vốn đăng ký của doanh nghiệp thành lập mới", "tỷ đồng", 8415.2, 1, 15.8, "flow"),
            ("Doanh nghiệp quay trở lại hoạt động", "doanh nghiệp", 268, 0, 6.3, "flow"),
            ("Doanh nghiệp tạm ngừng kinh doanh", "doanh nghiệp", 395, 0, -4.1, "down"),
            ("Doanh nghiệp giải thể", "doanh nghiệp", 96, 0, -8.6, "down"),
        ]),
        ("Thu hút đầu tư", [
            ("Dự án đầu tư trong nước được chấp thuận", "dự án", 64, 0, 10.3, "flow"),
            ("Vốn đăng ký dự án trong nước", "tỷ đồng", 18240.0, 1, 21.4, "flow"),
            ("Dự án FDI cấp mới", "dự án", 17, 0, 30.8, "flow"),
            ("Vốn FDI đăng ký cấp mới và tăng thêm", "triệu USD", 486.3, 1, 27.5, "flow"),
        ]),
    ]),
    ("TÀI NGUYÊN VÀ MÔI TRƯỜNG", [
        ("Quản lý đất đai", [
            ("Giấy chứng nhận quyền sử dụng đất được cấp", "giấy", 21480, 0, 6.9, "flow"),
            ("Diện tích đất đã thu hồi, giải phóng mặt bằng", "ha", 842, 0, 12.1, "flow"),
            ("Dự án hoàn thành giải phóng mặt bằng", "dự án", 118, 0, 9.3, "flow"),
        ]),
        ("Bảo vệ môi trường", [
            ("Tỷ lệ chất thải rắn đô thị được thu gom, xử lý", "%", 94.2, 1, 1.3, "rate"),
            ("Tỷ lệ dân số nông thôn dùng nước sạch theo chuẩn", "%", 61.5, 1, 3.2, "rate"),
            ("Tỷ lệ khu công nghiệp có hệ thống xử lý nước thải", "%", 88.9, 1, 11.1, "rate"),
        ]),
    ]),
    ("VĂN HÓA – XÃ HỘI", [
        ("Giáo dục và đào tạo", [
            ("Trường đạt chuẩn quốc gia", "trường", 612, 0, 4.6, "stock"),
            ("Tỷ lệ trường đạt chuẩn quốc gia", "%", 78.4, 1, 3.5, "rate"),
            ("Tỷ lệ tốt nghiệp trung học phổ thông", "%", 98.62, 2, 0.31, "rate"),
            ("Học sinh đầu năm học 2026 – 2027", "học sinh", 312450, 0, 1.4, "stock"),
        ]),
        ("Y tế, chăm sóc sức khỏe nhân dân", [
            ("Số giường bệnh trên một vạn dân", "giường", 32.6, 1, 3.1, "stock"),
            ("Số bác sĩ trên một vạn dân", "bác sĩ", 11.2, 1, 5.4, "stock"),
            ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", 93.1, 1, 0.9, "rate"),
            ("Tỷ lệ trẻ em được tiêm chủng đầy đủ", "%", 96.4, 1, 0.8, "rate"),
        ]),
        ("Lao động, việc làm", [
            ("Lao động được giải quyết việc làm", "người", 18420, 0, 5.6, "flow"),
            ("Lao động đi làm việc ở nước ngoài", "người", 2135, 0, 12.7, "flow"),
            ("Tỷ lệ lao động qua đào tạo", "%", 69.8, 1, 1.7, "rate"),
        ]),
        ("An sinh xã hội, giảm nghèo", [
            ("Tỷ lệ hộ nghèo theo chuẩn đa chiều", "%", 4.85, 2, -1.12, "rate"),
            ("Nhà ở cho hộ nghèo, hộ cận nghèo được hỗ trợ", "căn", 1840, 0, 36.5, "flow"),
            ("Đối tượng bảo trợ xã hội được trợ cấp hằng tháng", "người", 42670, 0, 2.3, "stock"),
        ]),
        ("Văn hóa, thể thao và khoa học, công nghệ", [
            ("Gia đình đạt danh hiệu văn hóa", "%", 88.5, 1, 0.6, "rate"),
            ("Huy chương tại các giải thể thao toàn quốc", "huy chương", 64, 0, 14.3, "flow"),
            ("Nhiệm vụ khoa học và công nghệ được nghiệm thu", "nhiệm vụ", 38, 0, 8.6, "flow"),
        ]),
    ]),
    ("CẢI CÁCH HÀNH CHÍNH VÀ CHUYỂN ĐỔI SỐ", [
        ("Cải cách thủ tục hành chính", [
            ("Hồ sơ thủ tục hành chính được tiếp nhận", "hồ sơ", 486200, 0, 7.4, "flow"),
            ("Tỷ lệ hồ sơ giải quyết đúng hạn", "%", 97.8, 1, 1.1, "rate"),
            ("Tỷ lệ hồ sơ nộp trực tuyến", "%", 61.3, 1, 12.4, "rate"),
        ]),
        ("Chuyển đổi số và chính quyền số", [
            ("Dịch vụ công trực tuyến toàn trình", "dịch vụ", 1124, 0, 6.2, "stock"),
            ("Tỷ lệ văn bản điện tử có ký số", "%", 96.2, 1, 2.9, "rate"),
            ("Cuộc họp không giấy của Ủy ban nhân dân tỉnh", "cuộc họp", 86, 0, 52.3, "flow"),
            ("Thuê bao băng rộng cố định", "thuê bao", 312400, 0, 9.8, "stock"),
        ]),
    ]),
    ("QUỐC PHÒNG, AN NINH VÀ TRẬT TỰ AN TOÀN XÃ HỘI", [
        ("Trật tự, an toàn xã hội", [
            ("Vụ phạm pháp hình sự", "vụ", 412, 0, -6.8, "down"),
            ("Tỷ lệ điều tra, khám phá án hình sự", "%", 86.4, 1, 1.9, "rate"),
            ("Vụ vi phạm pháp luật về ma túy được phát hiện", "vụ", 318, 0, 4.6, "flow"),
        ]),
        ("Trật tự, an toàn giao thông", [
            ("Số vụ tai nạn giao thông", "vụ", 186, 0, -9.1, "down"),
            ("Số người chết do tai nạn giao thông", "người", 124, 0, -7.3, "down"),
            ("Số người bị thương do tai nạn giao thông", "người", 152, 0, -11.4, "down"),
        ]),
    ]),
    ("THANH TRA, TIẾP CÔNG DÂN VÀ PHÒNG, CHỐNG THAM NHŨNG", [
        ("Thanh tra, kiểm tra", [
            ("Cuộc thanh tra hành chính đã triển khai", "cuộc", 96, 0, 3.2, "flow"),
            ("Số tiền sai phạm kiến nghị thu hồi", "tỷ đồng", 48.6, 1, -12.4, "down"),
        ]),
        ("Tiếp công dân, giải quyết khiếu nại, tố cáo", [
            ("Lượt công dân được tiếp", "lượt", 3840, 0, -5.2, "down"),
            ("Đơn thư đã tiếp nhận, xử lý", "đơn", 2615, 0, -3.8, "down"),
            ("Tỷ lệ giải quyết khiếu nại, tố cáo thuộc thẩm quyền", "%", 91.3, 1, 2.2, "rate"),
        ]),
    ]),
]

# Sentence material. {x} slots are filled by kt_xh.py.
CONTEXT = [
    "Ngay từ đầu năm, Ủy ban nhân dân tỉnh đã ban hành các nhiệm vụ, giải pháp chủ yếu chỉ đạo, "
    "điều hành thực hiện kế hoạch phát triển kinh tế – xã hội năm 2026, giao chỉ tiêu cụ thể cho "
    "từng sở, ban, ngành và Ủy ban nhân dân các huyện, thị xã, thành phố.",
    "Các sở, ban, ngành đã chủ động tham mưu, triển khai đồng bộ các giải pháp, tập trung tháo gỡ "
    "khó khăn, vướng mắc cho sản xuất, kinh doanh và đẩy nhanh tiến độ các dự án trọng điểm.",
    "Công tác kiểm tra, đôn đốc được tăng cường; các cuộc họp giao ban hằng tuần của Ban Chỉ đạo "
    "được duy trì đều đặn, kịp thời xử lý các vấn đề phát sinh tại cơ sở.",
    "Ủy ban nhân dân tỉnh đã tổ chức nhiều hội nghị đối thoại với doanh nghiệp, nhà đầu tư để lắng "
    "nghe, giải quyết kiến nghị về đất đai, thủ tục đầu tư, tiếp cận tín dụng.",
    "Việc phân cấp, ủy quyền được đẩy mạnh gắn với trách nhiệm người đứng đầu; kỷ luật, kỷ cương "
    "hành chính tiếp tục được siết chặt.",
    "Tình hình thời tiết cơ bản thuận lợi, tuy nhiên ảnh hưởng của cơn bão số 3 và mưa lớn kéo dài "
    "trong tháng 8 đã gây thiệt hại nhất định tại một số huyện vùng thấp.",
]
GOOD = [
    "nhờ triển khai hiệu quả các cơ chế, chính sách hỗ trợ của Trung ương và của tỉnh",
    "do một số dự án mới đi vào hoạt động ổn định và phát huy công suất",
    "do nhu cầu thị trường trong nước và xuất khẩu phục hồi tích cực",
    "nhờ công tác chỉ đạo, điều hành quyết liệt, sát thực tiễn của các cấp, các ngành",
    "do chủ động ứng dụng khoa học, công nghệ và chuyển đổi số trong quản lý",
    "nhờ sự phối hợp chặt chẽ giữa các sở, ngành và địa phương",
]
BAD = [
    "do chi phí đầu vào tăng cao, giá cả một số mặt hàng biến động mạnh",
    "do ảnh hưởng của mưa lớn, ngập úng cục bộ trong mùa mưa bão",
    "do vướng mắc trong công tác giải phóng mặt bằng tại một số dự án",
    "do thị trường tiêu thụ một số sản phẩm chủ lực chưa ổn định",
    "do một số doanh nghiệp thu hẹp quy mô sản xuất, cắt giảm đơn hàng",
]
ASSESS = [
    "Nhìn chung, lĩnh vực {s} tiếp tục duy trì đà tăng trưởng, đóng góp tích cực vào kết quả chung "
    "của tỉnh; nhiều chỉ tiêu đạt và vượt tiến độ đề ra.",
    "Kết quả đạt được trong lĩnh vực {s} khẳng định hiệu quả của các giải pháp đã triển khai; tuy "
    "nhiên vẫn còn một số chỉ tiêu đạt thấp so với kế hoạch, cần tập trung chỉ đạo trong những "
    "tháng cuối năm.",
    "Các đơn vị đã bám sát kế hoạch, chủ động tháo gỡ khó khăn; tiến độ thực hiện các chỉ tiêu "
    "thuộc lĩnh vực {s} cơ bản bảo đảm yêu cầu.",
    "Công tác quản lý nhà nước về {s} có nhiều chuyển biến, thủ tục được đơn giản hóa, thời gian "
    "xử lý hồ sơ được rút ngắn.",
]
LIMITS = [
    "Tuy nhiên, một số chỉ tiêu thuộc lĩnh vực {s} đạt thấp so với kế hoạch; công tác phối hợp "
    "giữa các cơ quan có lúc chưa chặt chẽ, việc tổng hợp, báo cáo còn chậm.",
    "Khó khăn chủ yếu là nguồn lực đầu tư còn hạn chế, cơ sở hạ tầng tại các huyện vùng cao chưa "
    "đồng bộ, trong khi nhu cầu ngày càng lớn.",
    "Một số địa phương chưa quyết liệt trong chỉ đạo, còn tâm lý trông chờ; chất lượng nguồn nhân "
    "lực làm công tác {s} ở cấp cơ sở chưa đáp ứng yêu cầu.",
]
TASKS = [
    "Tập trung chỉ đạo hoàn thành các chỉ tiêu còn đạt thấp; rà soát, tháo gỡ kịp thời khó khăn, "
    "vướng mắc cho doanh nghiệp và người dân.",
    "Đẩy nhanh tiến độ giải ngân vốn đầu tư công; xử lý dứt điểm vướng mắc về giải phóng mặt bằng; "
    "phấn đấu giải ngân đạt 100% kế hoạch vốn được giao.",
    "Chủ động phương án phòng, chống thiên tai, bảo đảm an toàn cho người và tài sản trong các "
    "tháng cuối mùa mưa bão.",
    "Chuẩn bị tốt các điều kiện phục vụ nhân dân đón Tết Nguyên đán Bính Ngọ; bình ổn thị trường, "
    "giá cả các mặt hàng thiết yếu.",
    "Tăng cường kỷ luật, kỷ cương hành chính; đẩy mạnh chuyển đổi số, thực hiện dịch vụ công trực "
    "tuyến toàn trình và họp không giấy.",
    "Bảo đảm an ninh chính trị, trật tự an toàn xã hội; kiềm chế, giảm tai nạn giao thông trên cả "
    "ba tiêu chí.",
    "Triển khai xây dựng kế hoạch phát triển kinh tế – xã hội, dự toán ngân sách năm 2027 bảo đảm "
    "đúng quy định, sát với thực tiễn.",
    "Tiếp tục thực hiện tốt các chính sách an sinh xã hội, giảm nghèo bền vững; chăm lo đời sống "
    "người có công, hộ nghèo, đối tượng bảo trợ xã hội.",
]
