"""Short reports and the draft notice: phòng chống thiên tai, giải ngân (07:15 Steering
Committee), báo cáo nhanh trong ngày, dự thảo Thông báo kết luận."""
import random

from kt_xh_data import DISTRICTS
from names import INVESTORS, district_short, projects
from vnadmin import (H, P, PROVINCE, PROVINCE_UP, bullets, data_table, national_header,
                     signature, title_block, ubnd_header, vn)

CT = "Trần Quốc Bảo"         # Chủ tịch UBND tỉnh (invented)
PCT = "Lê Thị Minh Hằng"
CVP = "Đỗ Thanh Tùng"        # Chánh Văn phòng (invented)
PCVP = "Vũ Ngọc Lan"
VP_HEADER = ["UBND TỈNH " + PROVINCE_UP, "VĂN PHÒNG"]


DAILY_SEED = "giai-ngan-hang-ngay"


def daily_rate():
    """Disbursement rate (%) of the projects in the daily report, shared by docs 6, 7, 8."""
    ps = projects(34, DAILY_SEED)
    return vn(sum(p["done"] for p in ps) / sum(p["plan"] for p in ps) * 100)


def _short(inv):
    return inv.replace("Ban Quản lý dự án đầu tư xây dựng các công trình", "Ban QLDA")


# ------------------------------------------------------------------ 4. Phòng chống thiên tai

def bao_cao_thien_tai():
    rng = random.Random("bao-cao-phong-chong-thien-tai")
    out = [ubnd_header("Số: 389/BC-UBND", 26, 9)]
    out += title_block("BÁO CÁO", ["Tình hình thiệt hại do cơn bão số 3 và mưa lũ;",
                                   "công tác ứng phó, khắc phục hậu quả và đề xuất hỗ trợ"],
                       "Ban Chỉ đạo Quốc gia về phòng thủ dân sự")
    out.append(H("I. DIỄN BIẾN THIÊN TAI"))
    out += [P("Do ảnh hưởng của hoàn lưu cơn bão số 3, từ ngày 07/9 đến ngày 11/9/2026 trên địa "
              "bàn tỉnh có mưa to đến rất to; tổng lượng mưa phổ biến từ 250 – 400 mm, có nơi trên "
              "520 mm (trạm Ngọc Lâm 536 mm). Mực nước sông Bình Giang tại trạm Hòa Phong lên mức "
              "7,84 m (trên báo động III 0,34 m) vào 14 giờ ngày 10/9/2026."),
            P("Mưa lớn gây ngập úng diện rộng tại các huyện vùng thấp, sạt lở đất tại các huyện "
              "vùng cao, chia cắt cục bộ nhiều tuyến đường giao thông, ảnh hưởng nghiêm trọng đến "
              "sản xuất và đời sống nhân dân.")]
    out.append(H("II. TÌNH HÌNH THIỆT HẠI"))
    cols = ["Người chết", "Người bị thương", "Nhà sập, trôi", "Nhà hư hỏng", "Lúa, hoa màu ngập "
            "(ha)", "Gia súc, gia cầm chết (con)", "Đường sạt lở (m³)", "Ước thiệt hại (tỷ đồng)"]
    rows, tot = [], [0] * 8
    for i, (d, wt) in enumerate(DISTRICTS, 1):
        hit = rng.uniform(0.2, 1.6)
        vals = [rng.randint(0, 2) if hit > 1.1 else 0, rng.randint(0, 5), round(rng.uniform(0, 18) * hit),
                round(rng.uniform(40, 600) * hit), round(rng.uniform(80, 1400) * hit),
                round(rng.uniform(200, 9000) * hit), round(rng.uniform(500, 24000) * hit),
                round(rng.uniform(12, 160) * hit, 1)]
        tot = [a + b for a, b in zip(tot, vals)]
        rows.append([str(i), d] + [vn(v, 1 if k == 7 else 0) for k, v in enumerate(vals)])
    rows.append(["", "Tổng cộng"] + [vn(v, 1 if k == 7 else 0) for k, v in enumerate(tot)])
    out += data_table(["TT", "Địa phương"] + cols, rows, col_w=[7, 38] + [16] * 8,
                      bold_rows=(len(rows) - 1,),
                      caption="Bảng 1. Tổng hợp thiệt hại theo địa phương (đến 17 giờ ngày 25/9/2026)")
    out.append(P(f"Tổng giá trị thiệt hại ước tính {vn(tot[7])} tỷ đồng; trong đó thiệt hại về "
                 f"nhà ở chiếm khoảng {rng.randint(22, 30)}%, nông nghiệp {rng.randint(30, 38)}%, "
                 f"giao thông, thủy lợi {rng.randint(25, 32)}%, còn lại là các công trình công cộng."))
    out += disaster_details(rng)
    out.append(H("Dự báo tình hình thời gian tới", 3))
    out.append(P("Theo Đài Khí tượng thủy văn tỉnh, từ nay đến cuối năm 2026 có khả năng còn 1 – 2 "
                 "cơn bão, áp thấp nhiệt đới ảnh hưởng trực tiếp đến tỉnh; nguy cơ lũ quét, sạt lở "
                 "đất tiếp tục ở mức cao tại các huyện vùng cao do đất đã bão hòa nước. Tình trạng "
                 "rét đậm, rét hại có thể xuất hiện sớm từ cuối tháng 11, ảnh hưởng đến vụ Đông."))
    out.append(H("III. CÔNG TÁC CHỈ ĐẠO, ỨNG PHÓ"))
    out += bullets([
        "Ủy ban nhân dân tỉnh ban hành 06 công điện chỉ đạo ứng phó; Chủ tịch Ủy ban nhân dân tỉnh "
        "trực tiếp kiểm tra, chỉ đạo tại các điểm xung yếu.",
        f"Sơ tán {vn(rng.randint(3000, 5000), 0)} hộ với {vn(rng.randint(11000, 16000), 0)} khẩu "
        "ra khỏi vùng nguy hiểm; bố trí nơi ở tạm, bảo đảm lương thực, nước uống.",
        f"Huy động {vn(rng.randint(6000, 9000), 0)} lượt cán bộ, chiến sĩ lực lượng vũ trang, dân "
        f"quân và {rng.randint(120, 200)} phương tiện tham gia cứu hộ, cứu nạn.",
        "Tổ chức họp trực tuyến với các điểm cầu huyện, xã hai lần mỗi ngày để cập nhật tình hình "
        "và chỉ đạo xử lý.",
        "Thông tin kịp thời trên các phương tiện truyền thông, nhắn tin cảnh báo đến thuê bao di "
        "động trên địa bàn.",
    ])
    rows, tot = [], [0, 0, 0]
    for i, unit in enumerate(["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh", "Bộ đội Biên phòng tỉnh",
                              "Sở Xây dựng", "Sở Y tế", "Công ty Điện lực tỉnh",
                              "Tỉnh Đoàn", "Hội Chữ thập đỏ tỉnh"] + [d for d, _ in DISTRICTS], 1):
        v = [rng.randint(20, 900), rng.randint(0, 30), rng.randint(0, 8)]
        tot = [a + b for a, b in zip(tot, v)]
        rows.append([str(i), unit] + [vn(x, 0) for x in v])
    rows.append(["", "Tổng cộng"] + [vn(x, 0) for x in tot])
    out += data_table(["TT", "Đơn vị", "Lượt người", "Phương tiện cơ giới", "Xuồng, ca nô"], rows,
                      col_w=[8, 80, 28, 28, 28], bold_rows=(len(rows) - 1,),
                      caption="Bảng 1d. Lực lượng, phương tiện huy động ứng phó")
    out.append(H("IV. KHẮC PHỤC HẬU QUẢ"))
    out += [P(f"Ủy ban nhân dân tỉnh đã trích ngân sách dự phòng {vn(rng.uniform(40, 60))} tỷ đồng "
              "hỗ trợ khẩn cấp cho các địa phương; hỗ trợ gia đình có người chết, bị thương; hỗ trợ "
              "sửa chữa nhà ở, giống cây trồng, vật nuôi theo quy định."),
            P("Các tuyến giao thông bị sạt lở đã cơ bản được thông xe tạm thời; hệ thống điện, "
              "thông tin liên lạc được khôi phục; trường học, trạm y tế bị ảnh hưởng đã được vệ "
              "sinh, khử khuẩn để hoạt động trở lại.")]
    rows = [[str(i), w, vn(rng.uniform(5, 60)), rng.choice(["Hoàn thành", "Đang thực hiện"])]
            for i, w in enumerate(["Hỗ trợ nhà ở bị sập, hư hỏng", "Hỗ trợ giống lúa, hoa màu",
                                   "Khắc phục sạt lở đường tỉnh, đường huyện", "Sửa chữa kè, đê, "
                                   "công trình thủy lợi", "Tiêu độc, khử trùng, phòng dịch bệnh",
                                   "Sửa chữa trường học, trạm y tế"], 1)]
    out += data_table(["TT", "Nội dung", "Kinh phí (tỷ đồng)", "Tình trạng"], rows,
                      col_w=[8, 100, 30, 36], caption="Bảng 2. Kinh phí khắc phục hậu quả")
    donors = ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ngân hàng thương mại cổ phần trên địa "
              "bàn", "Tổng công ty Điện lực miền Bắc", "Hiệp hội Doanh nghiệp tỉnh",
              "Công ty cổ phần Xi măng Bình An", "Cộng đồng người Hòa Bình An ở Hà Nội",
              "Các tổ chức tôn giáo trên địa bàn", "Công ty TNHH May mặc Hòa Phong",
              "Quỹ Phòng, chống thiên tai tỉnh", "Cán bộ, công chức, viên chức toàn tỉnh"]
    rows, tot = [], 0.0
    for i, d in enumerate(donors, 1):
        v = round(rng.uniform(0.3, 12), 2)
        tot += v
        rows.append([str(i), d, vn(v, 2), rng.choice(["Tiền mặt", "Tiền và hàng hóa",
                                                     "Chuyển khoản"])])
    rows.append(["", "Tổng cộng", vn(tot, 2), ""])
    out += data_table(["TT", "Tổ chức, cá nhân ủng hộ", "Giá trị (tỷ đồng)", "Hình thức"], rows,
                      col_w=[8, 100, 30, 36], bold_rows=(len(rows) - 1,),
                      caption="Bảng 3. Tiếp nhận ủng hộ khắc phục hậu quả")
    out.append(H("V. ĐÁNH GIÁ, BÀI HỌC KINH NGHIỆM"))
    out += bullets([
        "Công tác dự báo, cảnh báo được thực hiện sớm, giúp các địa phương chủ động sơ tán dân.",
        "Phương châm \"bốn tại chỗ\" phát huy hiệu quả; sự vào cuộc của cả hệ thống chính trị.",
        "Việc họp trực tuyến đến cấp xã giúp chỉ đạo kịp thời, rút ngắn thời gian ra quyết định.",
        "Hạn chế: một số hộ dân còn chủ quan, chưa chấp hành di dời; hệ thống cảnh báo lũ quét "
        "tại các huyện vùng cao còn thiếu; kinh phí dự phòng còn hạn chế.",
    ])
    out.append(H("VI. ĐỀ XUẤT, KIẾN NGHỊ"))
    out.append(P(f"Đề nghị Trung ương hỗ trợ tỉnh {vn(rng.uniform(350, 480))} tỷ đồng từ nguồn dự "
                 "phòng ngân sách trung ương để khắc phục các công trình hạ tầng bị hư hỏng; hỗ trợ "
                 f"{vn(rng.randint(800, 1500), 0)} tấn gạo cứu đói và giống cây trồng cho vụ Đông "
                 "năm 2026."))
    out.append(P("Ủy ban nhân dân tỉnh kính báo cáo./."))
    out.append(signature(["Như trên;", "Bộ Nông nghiệp và Môi trường;", "Thường trực Tỉnh ủy;",
                          "Thường trực HĐND tỉnh;", "Ban Chỉ huy PCTT và TKCN tỉnh;",
                          "Lưu: VT, NN."], ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], CT))
    return out


def disaster_details(rng):
    from names import SYL
    out = [H("Thiệt hại về giao thông và các điểm sạt lở", 3)]
    rows = []
    for i in range(1, 41):
        d = DISTRICTS[rng.randrange(2, len(DISTRICTS))][0]
        rows.append([str(i), f"Thôn {rng.choice(SYL)} {rng.choice(SYL)}, xã {rng.choice(SYL)} "
                     f"{rng.choice(SYL)}", d.replace("Huyện ", ""),
                     rng.choice(["Sạt taluy dương", "Sạt taluy âm", "Sụt lún nền đường",
                                 "Nứt đất, nguy cơ trượt", "Lũ quét cuốn trôi cầu tạm"]),
                     vn(rng.randint(2, 90) * 10, 0), str(rng.randint(0, 24)),
                     rng.choice(["Đã di dời", "Đang di dời", "Cắm biển cảnh báo", "Đã thông xe "
                                 "tạm", "Chưa khắc phục"])])
    out += data_table(["TT", "Vị trí", "Huyện", "Hiện tượng", "Khối lượng (m³)", "Hộ phải di "
                       "dời", "Tình trạng"], rows, col_w=[7, 48, 26, 32, 18, 16, 28],
                      caption="Bảng 1a. Các điểm sạt lở, nguy cơ mất an toàn")
    out.append(H("Thiệt hại về nhà ở và công trình công cộng", 3))
    rows = []
    for i, (d, wt) in enumerate(DISTRICTS, 1):
        rows.append([str(i), d] + [vn(rng.uniform(a, b) * wt, 0)
                                   for a, b in ((0, 8), (2, 40), (20, 400), (0, 6), (0, 3), (0, 4))])
    out += data_table(["TT", "Địa phương", "Nhà sập hoàn toàn", "Nhà hư hỏng nặng",
                       "Nhà tốc mái, hư hỏng nhẹ", "Trường học bị ảnh hưởng", "Trạm y tế",
                       "Trụ sở, nhà văn hóa"], rows, col_w=[7, 46, 18, 18, 22, 20, 16, 20],
                      caption="Bảng 1b. Thiệt hại về nhà ở và công trình công cộng")
    out.append(P("Ủy ban nhân dân các huyện đã tổ chức rà soát, lập danh sách các hộ có nhà bị sập, "
                 "hư hỏng nặng để hỗ trợ kịp thời theo quy định; huy động lực lượng đoàn viên, thanh "
                 "niên, dân quân giúp nhân dân lợp lại mái nhà, dọn dẹp vệ sinh."))
    out.append(H("Thiệt hại về nông nghiệp", 3))
    rows = []
    for i, (d, wt) in enumerate(DISTRICTS, 1):
        rows.append([str(i), d] + [vn(rng.uniform(10, 600) * wt, 0) for _ in range(4)] +
                    [vn(rng.uniform(0, 40) * wt, 0)])
    out += data_table(["TT", "Địa phương", "Lúa ngập (ha)", "Lúa mất trắng (ha)",
                       "Hoa màu thiệt hại (ha)", "Cây ăn quả gãy đổ (ha)", "Ao, lồng cá (ha)"],
                      rows, col_w=[7, 46, 22, 22, 24, 24, 22],
                      caption="Bảng 1c. Thiệt hại về sản xuất nông nghiệp")
    out += [P("Các huyện vùng thấp (Thanh Thủy Đông, Kim Đường, Quế Hải) bị ngập sâu 0,5 – 1,2 m "
              "trong 3 – 5 ngày; nhiều diện tích lúa mùa đang giai đoạn trỗ bông bị mất trắng. Tại "
              "các huyện vùng cao, sạt lở đất vùi lấp nhiều diện tích cây ăn quả, chè."),
            P("Các công trình thủy lợi bị hư hỏng gồm 18 đập dâng, 42 km kênh mương và 6 trạm bơm; "
              "một số hồ chứa nhỏ có hiện tượng thấm, sạt mái thượng lưu, đã được xử lý tạm thời.")]
    return out


# ------------------------------------------------------------------ 6. Giải ngân (07:15)

def bao_cao_giai_ngan():
    out = [national_header(["UBND TỈNH " + PROVINCE_UP, "BAN CHỈ ĐẠO GIẢI NGÂN<br/>VỐN ĐẦU TƯ CÔNG"],
                           "Số: 87/BC-BCĐ",
                           f"{PROVINCE}, ngày 12 tháng 11 năm 2026", left_w=80 * 2.8346)]
    out += title_block("BÁO CÁO", ["Tiến độ giải ngân vốn đầu tư công năm 2026 đến ngày 11/11/2026",
                                   "(phục vụ cuộc họp Ban Chỉ đạo lúc 07 giờ 15 phút ngày 12/11/2026)"])
    ps = projects(34, DAILY_SEED)
    by_unit = {}
    for p in ps:
        by_unit.setdefault(p["investor"], []).append(p)
    plan, done = sum(p["plan"] for p in ps), sum(p["done"] for p in ps)
    out.append(P(f"Tổng kế hoạch vốn đầu tư công năm 2026 của các dự án theo dõi là {vn(plan)} tỷ "
                 f"đồng; giá trị giải ngân đến hết ngày 11/11/2026 đạt {vn(done)} tỷ đồng, bằng "
                 f"{vn(done / plan * 100)}% kế hoạch (tăng {vn(done / plan * 100 * 0.012)} điểm phần "
                 "trăm so với ngày làm việc trước). Có "
                 f"{sum(1 for p in ps if p['done'] / p['plan'] < 0.5)} dự án giải ngân dưới 50%, "
                 "cần tập trung chỉ đạo."))
    rows = []
    for i, (u, lst) in enumerate(sorted(by_unit.items()), 1):
        a, b = sum(p["plan"] for p in lst), sum(p["done"] for p in lst)
        rows.append([str(i), _short(u), str(len(lst)), vn(a), vn(b), vn(b / a * 100)])
    rows.append(["", "Tổng cộng", str(len(ps)), vn(plan), vn(done), vn(done / plan * 100)])
    out += data_table(["TT", "Chủ đầu tư", "Số dự án", "Kế hoạch vốn (tỷ đồng)",
                       "Giải ngân (tỷ đồng)", "Tỷ lệ (%)"], rows, col_w=[8, 80, 16, 24, 24, 18],
                      bold_rows=(len(rows) - 1,), caption="Bảng tổng hợp theo chủ đầu tư")
    for i, (u, lst) in enumerate(sorted(by_unit.items()), 1):
        rows = [[str(k), p["name"], vn(p["plan"]), vn(p["done"]),
                 vn(p["done"] / p["plan"] * 100), p["note"]] for k, p in enumerate(lst, 1)]
        out += data_table(["TT", "Dự án", "Kế hoạch vốn", "Giải ngân", "Tỷ lệ (%)",
                           "Vướng mắc, ghi chú"], rows, col_w=[8, 78, 20, 20, 16, 40],
                          caption=f"{i}. {u}")
    out.append(H("Đề xuất"))
    out += bullets([
        "Giao chủ đầu tư các dự án giải ngân dưới 50% báo cáo nguyên nhân, cam kết tiến độ trước "
        "ngày 15/11/2026.",
        "Ủy ban nhân dân các huyện tập trung giải phóng mặt bằng các dự án giao thông trọng điểm.",
        "Sở Tài chính rà soát, tham mưu điều chuyển vốn từ dự án chậm sang dự án có khả năng giải "
        "ngân tốt.",
    ])
    out.append(signature(["Thành viên Ban Chỉ đạo;", "Các chủ đầu tư;", "Lưu: VT."],
                         ["KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], PCT))
    return out


# ------------------------------------------------------------------ 7. Báo cáo nhanh

def bao_cao_nhanh():
    rng = random.Random("bao-cao-nhanh-11-11-2026")
    out = [national_header(VP_HEADER, "Số: 245/BC-VP", f"{PROVINCE}, ngày 12 tháng 11 năm 2026")]
    out += title_block("BÁO CÁO NHANH", ["Tình hình trong ngày 11/11/2026"],
                       "Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh")
    out.append(H("1. Thời tiết, thiên tai"))
    out.append(P("Trời nhiều mây, có mưa rào rải rác; nhiệt độ từ 19 – 27°C. Không xảy ra thiên tai. "
                 "Mực nước các sông dưới mức báo động I; các hồ chứa vận hành bình thường."))
    out.append(H("2. An ninh, trật tự"))
    out.append(P(f"Tình hình an ninh chính trị ổn định. Trong ngày xảy ra {rng.randint(2, 5)} vụ phạm "
                 f"pháp hình sự (trộm cắp tài sản), đã điều tra làm rõ {rng.randint(1, 2)} vụ; phát "
                 f"hiện {rng.randint(1, 3)} vụ vi phạm pháp luật về ma túy."))
    out.append(H("3. Trật tự, an toàn giao thông"))
    rows = [[d, str(a), str(b), str(c)] for d, a, b, c in [
        (DISTRICTS[0][0], 1, 0, 2), (DISTRICTS[4][0], 1, 1, 0), (DISTRICTS[7][0], 0, 0, 0)]]
    rows.append(["Toàn tỉnh", "2", "1", "2"])
    out += data_table(["Địa bàn", "Số vụ", "Người chết", "Người bị thương"], rows,
                      col_w=[70, 30, 30, 30], bold_rows=(3,))
    out.append(H("4. Giải ngân vốn đầu tư công"))
    out.append(P("Giải ngân trong ngày đạt 38,6 tỷ đồng; lũy kế đạt " + daily_rate() + "% kế "
                 "hoạch. Chi tiết tại Báo cáo số 87/BC-BCĐ của Ban Chỉ đạo (họp lúc 07 giờ 15 phút ngày 12/11/2026)."))
    out.append(H("5. Thông tin báo chí, dư luận"))
    out += bullets([
        "Báo điện tử phản ánh tình trạng ùn tắc tại nút giao đường tỉnh 218 giờ cao điểm; đã giao "
        "Sở Xây dựng kiểm tra, báo cáo trước ngày 14/11/2026.",
        "Người dân xã An Phú, " + district_short(DISTRICTS[3][0]) + " phản ánh chậm chi trả bồi "
        "thường giải phóng mặt bằng; đã chuyển Ủy ban nhân dân huyện xử lý.",
    ])
    out.append(H("6. Lịch công tác ngày 12/11/2026 (Thứ Năm)"))
    rows = [["07:15", "Họp Ban Chỉ đạo giải ngân vốn đầu tư công (trực tuyến)", "Chủ tịch "
             "UBND tỉnh", "Phòng họp không giấy, điểm cầu trung tâm"],
            ["08:30", "Họp UBND tỉnh cho ý kiến dự thảo Nghị quyết bảng giá đất", "Chủ tịch "
             "UBND tỉnh", "Phòng họp số 1"],
            ["14:00", "Làm việc với Sở Khoa học và Công nghệ về Đề án chuyển đổi số", "Phó Chủ "
             "tịch Phạm Đức Thịnh", "Phòng họp số 2"],
            ["15:30", "Kiểm tra tiến độ dự án Kè chống sạt lở sông Bình Giang", "Phó Chủ tịch "
             "Lê Thị Minh Hằng", "Thị xã Hòa Phong"]]
    out += data_table(["Thời gian", "Nội dung", "Chủ trì", "Địa điểm"], rows,
                      col_w=[16, 76, 40, 46])
    out.append(signature(["Như trên;", "Lưu: VT, TH."], ["CHÁNH VĂN PHÒNG"], CVP))
    return out


# ------------------------------------------------------------------ 8. Thông báo kết luận

def _directive(note):
    return {
        "Vướng giải phóng mặt bằng": "UBND huyện hoàn thành bàn giao mặt bằng trước 30/11/2026",
        "Chậm lựa chọn nhà thầu": "Chủ đầu tư hoàn thành lựa chọn nhà thầu trong tháng 11/2026",
        "Điều chỉnh thiết kế": "Sở Xây dựng thẩm định trong 10 ngày kể từ khi nhận hồ sơ",
        "Thiếu vật liệu đắp nền": "Sở Nông nghiệp và Môi trường cấp phép mỏ đất trước 30/11/2026",
        "Chờ điều chỉnh chủ trương": "Sở Tài chính tham mưu điều chuyển vốn nếu không kịp",
    }.get(note, "Chủ đầu tư đẩy nhanh nghiệm thu, thanh toán khối lượng hoàn thành")


def du_thao_thong_bao_ket_luan():
    out = [national_header(VP_HEADER, "Số:&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/TB-VP",
                           f"{PROVINCE}, ngày&nbsp;&nbsp;&nbsp;&nbsp;tháng 11 năm 2026")]
    out += title_block("THÔNG BÁO", ["Kết luận của Chủ tịch Ủy ban nhân dân tỉnh",
                                     "tại cuộc họp Ban Chỉ đạo giải ngân vốn đầu tư công",
                                     "ngày 12/11/2026"])
    out.append(P(f"Ngày 12/11/2026, tại Phòng họp không giấy (điểm cầu trung tâm), đồng chí {CT}, "
                 "Chủ tịch Ủy ban nhân dân tỉnh, Trưởng Ban Chỉ đạo chủ trì cuộc họp trực tuyến "
                 "với 11 điểm cầu các huyện, thị xã, thành phố. Tham dự có đồng chí "
                 f"{PCT}, Phó Chủ tịch Ủy ban nhân dân tỉnh, Phó Trưởng Ban thường trực; thành viên "
                 "Ban Chỉ đạo; đại diện lãnh đạo các chủ đầu tư và Văn phòng Ủy ban nhân dân tỉnh."))
    out.append(P("Sau khi nghe Sở Tài chính báo cáo tiến độ giải ngân và ý kiến của các đại biểu, "
                 "Chủ tịch Ủy ban nhân dân tỉnh kết luận như sau:"))
    out.append(H("1. Đánh giá chung"))
    out.append(P("Tại cuộc họp, các đại biểu đã phát biểu ý kiến, tập trung vào các nội dung: "
                 "vướng mắc trong xác định giá đất cụ thể để bồi thường; thiếu nguồn vật liệu đắp "
                 "nền cho các dự án giao thông; thời gian thẩm định điều chỉnh thiết kế còn dài; "
                 "đề xuất điều chuyển vốn từ các dự án không có khả năng giải ngân."))
    out.append(P("Đến hết ngày 11/11/2026, tỷ lệ giải ngân vốn đầu tư công của các dự án theo dõi "
                 f"đạt {daily_rate()}% kế hoạch, cao hơn bình quân chung cả nước nhưng chưa đạt "
                 "mục tiêu đề ra. Một số chủ "
                 "đầu tư chưa quyết liệt, còn để xảy ra tình trạng chậm lựa chọn nhà thầu, chậm "
                 "hoàn thiện hồ sơ thanh toán; công tác giải phóng mặt bằng tại một số dự án giao "
                 "thông còn vướng mắc kéo dài."))
    out.append(H("2. Nhiệm vụ trọng tâm"))
    out.append(P("Yêu cầu các thành viên Ban Chỉ đạo, chủ đầu tư và Ủy ban nhân dân các huyện, thị "
                 "xã, thành phố tập trung thực hiện các nhiệm vụ sau (mỗi nhiệm vụ có người thực "
                 "hiện, thời hạn và sản phẩm cụ thể):"))
    tasks = [
        ("Báo cáo nguyên nhân, cam kết tiến độ giải ngân đối với các dự án dưới 50% kế hoạch",
         "Các chủ đầu tư", "15/11/2026", "Văn bản cam kết có chữ ký số của thủ trưởng"),
        ("Hoàn thành giải phóng mặt bằng đoạn Km12 – Km18 đường tỉnh 218",
         "UBND " + district_short(DISTRICTS[2][0]), "30/11/2026", "Biên bản bàn giao mặt bằng"),
        ("Tham mưu điều chuyển kế hoạch vốn giữa các dự án", "Sở Tài chính", "20/11/2026",
         "Tờ trình UBND tỉnh kèm dự thảo quyết định"),
        ("Rút ngắn thời gian kiểm soát chi, thanh toán vốn đầu tư",
         "Kho bạc Nhà nước khu vực", "Thường xuyên", "Báo cáo tuần"),
        ("Tổng hợp tiến độ giải ngân hằng ngày, cập nhật trên hệ thống eCabinet trước 17 giờ",
         "Văn phòng UBND tỉnh", "Hằng ngày", "Báo cáo nhanh phục vụ họp 07 giờ 15"),
        ("Kiểm tra hiện trường các dự án kè chống sạt lở", "Sở Nông nghiệp và Môi trường",
         "25/11/2026", "Báo cáo kết quả kiểm tra"),
        ("Quyết định giá đất cụ thể cho các dự án còn vướng mắc", "Sở Nông nghiệp và Môi trường",
         "22/11/2026", "Dự thảo quyết định trình UBND tỉnh"),
        ("Cấp phép khai thác mỏ đất đắp nền phục vụ dự án giao thông", "Sở Nông nghiệp và Môi "
         "trường", "30/11/2026", "Giấy phép khai thác khoáng sản"),
        ("Rút ngắn thời gian thẩm định thiết kế điều chỉnh xuống không quá 10 ngày",
         "Sở Xây dựng", "Từ ngày 13/11/2026", "Kết quả thẩm định đúng hạn"),
        ("Kiểm điểm trách nhiệm tập thể, cá nhân để chậm tiến độ", "Thủ trưởng các chủ đầu tư",
         "05/12/2026", "Báo cáo kiểm điểm gửi Sở Nội vụ"),
    ]
    out += data_table(["TT", "Nội dung nhiệm vụ", "Người thực hiện", "Thời hạn", "Sản phẩm"],
                      [[str(i), *t] for i, t in enumerate(tasks, 1)], col_w=[8, 70, 38, 22, 42])
    slow = sorted(projects(34, DAILY_SEED), key=lambda p: p["done"] / p["plan"])[:16]
    out.append(H("3. Chỉ đạo đối với các dự án giải ngân thấp"))
    out += data_table(["TT", "Dự án", "Tỷ lệ (%)", "Tồn tại", "Chỉ đạo"],
                      [[str(i), p["name"], vn(p["done"] / p["plan"] * 100), p["note"],
                        _directive(p["note"])] for i, p in enumerate(slow, 1)],
                      col_w=[8, 60, 14, 36, 62])
    out.append(P("Đối với các kiến nghị cụ thể: đồng ý chủ trương điều chuyển vốn của 05 dự án "
                 "giải ngân dưới 30% sang các dự án có khối lượng hoàn thành; không xem xét gia hạn "
                 "thời gian giải ngân đối với các dự án chậm do nguyên nhân chủ quan."))
    out.append(H("4. Chuẩn bị kế hoạch đầu tư công năm 2027"))
    out += [P("Giao Sở Tài chính chủ trì, phối hợp với các sở, ngành, địa phương rà soát danh mục "
              "dự án dự kiến bố trí vốn năm 2027, bảo đảm đủ thủ tục đầu tư theo quy định; ưu tiên "
              "dự án chuyển tiếp, dự án trọng điểm, dự án có khả năng hoàn thành trong năm; báo cáo "
              "Ủy ban nhân dân tỉnh trước ngày 30/11/2026."),
            P("Các chủ đầu tư khẩn trương hoàn thiện hồ sơ chuẩn bị đầu tư, thiết kế, dự toán đối "
              "với các dự án khởi công mới năm 2027 để có thể tổ chức lựa chọn nhà thầu ngay trong "
              "quý I năm 2027; không đề xuất bố trí vốn cho các dự án chưa đủ điều kiện."),
            P("Văn phòng Ủy ban nhân dân tỉnh phối hợp với Sở Khoa học và Công nghệ hoàn thiện "
              "chức năng theo dõi nhiệm vụ trên hệ thống phòng họp không giấy, bảo đảm mỗi nhiệm vụ "
              "sau cuộc họp được giao rõ người thực hiện, thời hạn và sản phẩm; cảnh báo tự động các "
              "nhiệm vụ sắp đến hạn, quá hạn.")]
    out.append(H("5. Tổ chức thực hiện"))
    out.append(P("Giao Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc thực hiện các nhiệm vụ "
                 "nêu trên; tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân tỉnh tại cuộc họp Ban Chỉ đạo "
                 "hằng ngày. Các cơ quan, đơn vị chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân "
                 "tỉnh nếu để chậm tiến độ."))
    out.append(P("Văn phòng Ủy ban nhân dân tỉnh thông báo để các cơ quan, đơn vị biết, thực "
                 "hiện./."))
    out.append(signature(["Chủ tịch, các PCT UBND tỉnh;", "Thành viên Ban Chỉ đạo;",
                          "Các sở, ban, ngành;", "UBND các huyện, thị xã, thành phố;",
                          "Kho bạc Nhà nước khu vực;", "Lưu: VT, KT."],
                         ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"], PCVP))
    return out
