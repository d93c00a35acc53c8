"""The big one: Báo cáo tình hình kinh tế – xã hội 10 tháng năm 2026 (120+ pages).

Text comes from sentence templates filled with deterministic pseudo-random figures
(random.Random seeded with a fixed string), so every run gives the same document.
"""
import random

from reportlab.platypus import CondPageBreak, PageBreak, Spacer

import kt_xh_data as D
from names import communes, district_short, projects
from vnadmin import (H, P, bullets, data_table, pct, signature, title_block, ubnd_header, vn)

ROMAN = "I II III IV V VI VII VIII IX X XI XII XIII XIV XV".split()
DASH = "–"


def lower1(s):
    """Lower-case the first letter unless it starts an acronym (GRDP, FDI)."""
    return s if len(s) > 1 and s[1].isupper() else s[0].lower() + s[1:]


def summable(ind):
    name, unit, _, _, _, kind = ind
    return (kind in ("flow", "stock", "down") and "/" not in unit
            and "bình quân" not in name and "trên một vạn" not in name)


class Figures:
    """All figures of the report, computed once from one seeded generator."""

    def __init__(self, seed="bao-cao-kt-xh-10-thang-2026"):
        self.rng = random.Random(seed)
        self.by_name = {}
        for _, sections in D.CHAPTERS:
            for _, inds in sections:
                for ind in inds:
                    self.by_name[ind[0]] = self._compute(ind)

    def _compute(self, ind):
        name, unit, prev, dec, g, kind = ind
        r = self.rng
        f = dict(name=name, unit=unit, dec=dec, kind=kind, prev=prev)
        if kind == "index":
            f["cur"] = 100 + g + r.uniform(-0.3, 0.3)
            f["plan"] = 100 + g + r.uniform(-1.5, 1.0)
        elif kind == "rate":
            f["cur"] = prev + g + r.uniform(-0.15, 0.15) * abs(g)
            f["plan"] = f["cur"] + r.uniform(-0.6, 0.9) * max(abs(g), 0.3)
        else:
            cur = prev * (1 + (g + r.uniform(-0.8, 0.8)) / 100)
            if summable(ind):
                self._split(f, prev, cur, dec)
            else:
                f["cur"] = cur
            share = r.uniform(0.79, 0.93) if kind == "flow" else r.uniform(0.96, 1.03)
            f["plan"] = f["cur"] / share
        if dec == 0 and kind not in ("index", "rate"):
            f["cur"], f["plan"] = round(f["cur"]), round(f["plan"])
        f["growth"] = (f["cur"] / f["prev"] - 1) * 100 if kind not in ("rate",) else f["cur"] - prev
        f["pct_plan"] = f["cur"] / f["plan"] * 100 if f["plan"] else 0
        return f

    def _split(self, f, prev, cur, dec):
        r = self.rng
        w = [wt * r.uniform(0.8, 1.2) for _, wt in D.DISTRICTS]
        tw = sum(w)
        p_d = [round(prev * x / tw, dec) for x in w]
        c_d = [round(v * (1 + r.uniform(-0.06, 0.06)) * cur / prev, dec) for v in p_d]
        f["prev"], f["cur"] = round(sum(p_d), dec), round(sum(c_d), dec)
        f["districts"] = list(zip(p_d, c_d))


# ---------------------------------------------------------------- sentences

def change_word(x):
    return "tăng" if x >= 0 else "giảm"


def change(g):
    """'tăng 3,2% so với cùng kỳ' / 'giảm ...' / 'bằng cùng kỳ'."""
    if abs(g) < 0.05:
        return "bằng cùng kỳ"
    return f"{change_word(g)} {vn(abs(g))}% so với cùng kỳ"


def sentence(f, r):
    n, u, d = f["name"], f["unit"], f["dec"]
    cur, g = vn(f["cur"], d), vn(abs(f["growth"]), 1)
    ck = r.choice(["so với cùng kỳ năm trước", "so với cùng kỳ năm 2025", "so với cùng kỳ"])
    k = f["kind"]
    if k == "index":
        return f"{n} 10 tháng năm 2026 {change_word(f['growth'])} {g}% {ck}."
    if k == "rate":
        pp = vn(abs(f["growth"]), 2 if d == 2 else 1)
        tail = ("vượt mục tiêu kế hoạch đề ra" if f["cur"] >= f["plan"]
                else f"thấp hơn mục tiêu kế hoạch ({vn(f['plan'], d)}%)")
        return (f"{n} ước đạt {cur}%, {change_word(f['growth'])} {pp} điểm phần trăm {ck}, "
                f"{tail}.")
    if k == "stock":
        return (f"Đến hết tháng 10, {lower1(n)} ước đạt {cur} {u}, "
                f"{change_word(f['growth'])} {g}% so với cùng thời điểm năm trước, "
                f"bằng {pct(f['pct_plan'])} kế hoạch.")
    if k == "down":
        diff = vn(abs(f["cur"] - f["prev"]), d)
        tone = ("" if f["growth"] < 0 else
                "; đây là vấn đề cần tập trung chỉ đạo trong thời gian tới")
        return (f"{n} là {cur} {u}, {change_word(f['growth'])} {diff} {u} "
                f"({vn(abs(f['growth']))}%) {ck}{tone}.")
    verb = r.choice(["ước đạt", "ước thực hiện", "đạt"])
    s = (f"{n} {verb} {cur} {u}, {change_word(f['growth'])} {g}% {ck}, "
         f"{r.choice(['bằng', 'đạt'])} {pct(f['pct_plan'])} kế hoạch năm")
    if r.random() < 0.45:
        s += ("; " + r.choice(D.GOOD)) if f["growth"] >= 0 else ("; nguyên nhân chủ yếu " +
                                                                   r.choice(D.BAD))
    return s + "."


OPENERS = [
    "Trong 10 tháng năm 2026, {s} trên địa bàn tỉnh tiếp tục có chuyển biến tích cực.",
    "Lĩnh vực {s} trong 10 tháng năm 2026 cơ bản ổn định, một số chỉ tiêu tăng khá so với cùng "
    "kỳ.",
    "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, các ngành, địa phương đã tập trung triển khai "
    "đồng bộ các giải pháp về {s}.",
    "Bám sát kế hoạch năm 2026, công tác {s} được triển khai chủ động, đạt nhiều kết quả.",
]
WORKS = [
    "Ban hành {a} văn bản chỉ đạo, hướng dẫn, đôn đốc về {s}.",
    "Tổ chức {b} đoàn kiểm tra tại {c} huyện, thị xã, thành phố; kịp thời chấn chỉnh các tồn tại.",
    "Mở {b} lớp tập huấn cho {d} lượt cán bộ làm công tác {s} cấp huyện, cấp xã.",
    "Giải quyết {a} kiến nghị của doanh nghiệp, người dân liên quan đến {s}.",
    "Cập nhật dữ liệu {s} lên hệ thống thông tin báo cáo của tỉnh, bảo đảm đúng hạn.",
]


def works(r, s):
    picks = r.sample(WORKS, 3)
    nums = dict(a=r.randint(6, 48), b=r.randint(3, 14), c=r.randint(3, 11), d=r.randint(80, 900))
    return bullets([w.format(s=s, **nums) for w in picks])


def district_highlights(f, r):
    ranked = sorted(((c / p * 100 - 100 if p else 0, name)
                     for (name, _), (p, c) in zip(D.DISTRICTS, f["districts"])), reverse=True)
    top = ", ".join(f"{district_short(n)} (tăng {vn(g)}%)" for g, n in ranked[:3] if g > 0)
    low = [(g, n) for g, n in ranked[-3:] if g < 2]
    s = f"Xét theo địa bàn, {lower1(f['name'])} "
    s += f"tăng khá tại {top}" if top else "tăng chậm ở hầu hết các địa phương"
    if low:
        s += "; tăng thấp hoặc giảm tại " + ", ".join(
            f"{district_short(n)} ({change_word(g)} {vn(abs(g))}%)" for g, n in low)
    return s + ". " + r.choice([
        "Ủy ban nhân dân tỉnh yêu cầu các địa phương có chỉ tiêu đạt thấp phân tích rõ nguyên "
        "nhân, đề ra giải pháp khắc phục trong quý IV.",
        "Các địa phương cần rà soát, đánh giá sát thực tế, chủ động đề xuất giải pháp tháo gỡ.",
        "Kết quả này phản ánh sự chênh lệch về điều kiện phát triển giữa các vùng trong tỉnh.",
    ])


def local_chapter(figs, r, ci):
    """One narrative section per district, built from that district's figures."""
    out = [H(f"{ROMAN[ci]}. TÌNH HÌNH TẠI CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ", 1, 1)]
    names = [n for n, f in figs.by_name.items() if "districts" in f and f["cur"] >= 100
             and not n.startswith("Kế hoạch")]
    for di, (dname, _) in enumerate(D.DISTRICTS):
        out.append(H(f"{di + 1}. {dname}", 2, 2))
        picks = sorted(r.sample(range(len(names)), 15))
        sents = []
        for k in picks:
            f = figs.by_name[names[k]]
            p, c = f["districts"][di]
            g = c / p * 100 - 100 if p else 0
            verb = "là" if f["kind"] == "down" else r.choice(["ước đạt", "đạt"])
            sents.append(f"{f['name']} {verb} {vn(c, f['dec'])} "
                         f"{f['unit']}, {change(g)}, chiếm "
                         f"{vn(c / (f['cur'] or 1) * 100)}% của toàn tỉnh.")
        out.append(P(f"Trong 10 tháng năm 2026, Ủy ban nhân dân {district_short(dname)} đã "
                     "tập trung chỉ đạo triển khai các nhiệm vụ được giao. " + " ".join(sents[:3])))
        for k in range(3, 15, 4):
            out.append(P(" ".join(sents[k:k + 4])))
        out.append(P(r.choice(D.ASSESS).format(s="kinh tế – xã hội")))
        out.append(P(r.choice(D.LIMITS).format(s="quản lý nhà nước")))
        out.append(P("<i>Nhiệm vụ trọng tâm thời gian tới:</i>", "bodyni"))
        out += bullets(r.sample(D.TASKS, 3))
    return out


# ---------------------------------------------------------------- tables

def indicator_table(figs, ind_names, caption):
    header = ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", "Thực hiện 10 tháng 2025",
              "Ước thực hiện 10 tháng 2026", "So cùng kỳ (%)", "So kế hoạch (%)"]
    rows = []
    for i, n in enumerate(ind_names, 1):
        f = figs.by_name[n]
        d, k = f["dec"], f["kind"]
        if k == "index":
            rows.append([str(i), n, "%", vn(f["plan"], d), vn(100, d), vn(f["cur"], d),
                         vn(f["cur"], 1), DASH])
        elif k == "rate":
            sign = "+" if f["growth"] >= 0 else "-"
            rows.append([str(i), n, "%", vn(f["plan"], d), vn(f["prev"], d), vn(f["cur"], d),
                         f"{sign}{vn(abs(f['growth']), 2)} điểm",
                         "Đạt" if f["cur"] >= f["plan"] else "Chưa đạt"])
        else:
            plan = DASH if k == "down" else vn(f["plan"], d)
            so_kh = DASH if k == "down" else vn(f["pct_plan"], 1)
            rows.append([str(i), n, f["unit"], plan, vn(f["prev"], d), vn(f["cur"], d),
                         vn(100 + f["growth"], 1), so_kh])
    return data_table(header, rows, col_w=[8, 56, 18, 20, 20, 20, 16, 16], caption=caption)


def district_table(f, caption):
    d = f["dec"]
    total = f["cur"] or 1
    rows = []
    for i, ((name, _), (p, c)) in enumerate(zip(D.DISTRICTS, f["districts"]), 1):
        so = vn(c / p * 100, 1) if p else DASH
        rows.append([str(i), name, vn(p, d), vn(c, d), so, vn(c / total * 100, 1)])
    rows.append(["", "Toàn tỉnh", vn(f["prev"], d), vn(f["cur"], d),
                 vn(100 + f["growth"], 1), "100,0"])
    return data_table(["TT", "Huyện, thị xã, thành phố", "Thực hiện 10 tháng 2025",
                       "Ước thực hiện 10 tháng 2026", "So cùng kỳ (%)", "Tỷ trọng (%)"],
                      rows, col_w=[8, 60, 26, 26, 18, 18], bold_rows=(len(rows) - 1,),
                      caption=caption, unit=f"Đơn vị tính: {f['unit']}")


def monthly_table(f, r, caption):
    """Month-by-month figures of a flow indicator (they add up to the 10-month total)."""
    d = f["dec"]
    w = [r.uniform(0.8, 1.2) * (1 + 0.03 * m) for m in range(10)]
    vals = [round(f["cur"] * x / sum(w), d) for x in w]
    vals[-1] = round(f["cur"] - sum(vals[:-1]), d)
    header = ["Chỉ tiêu"] + [f"T{m}" for m in range(1, 11)]
    rows = [[f"{f['name']} ({f['unit']})"] + [vn(v, d) for v in vals]]
    acc, cum = 0, []
    for v in vals:
        acc += v
        cum.append(vn(acc, d))
    rows.append(["Lũy kế từ đầu năm"] + cum)
    return data_table(header, rows, first_w=42, caption=caption)


# ---------------------------------------------------------------- story

def story():
    figs = Figures()
    r = random.Random("bao-cao-kt-xh-10-thang-2026/text")
    out = [ubnd_header("Số: 412/BC-UBND", 5, 11)]
    out += title_block("BÁO CÁO", ["Tình hình kinh tế – xã hội 10 tháng năm 2026;",
                                   "nhiệm vụ, giải pháp trọng tâm 2 tháng cuối năm 2026"])
    out.append(P("Thực hiện Nghị quyết của Hội đồng nhân dân tỉnh về kế hoạch phát triển kinh tế – "
                 "xã hội năm 2026, Ủy ban nhân dân tỉnh Hòa Bình An báo cáo tình hình kinh tế – xã "
                 "hội 10 tháng năm 2026 và nhiệm vụ, giải pháp trọng tâm 2 tháng cuối năm như sau:"))
    out.append(H("Phần thứ nhất<br/>TÌNH HÌNH KINH TẾ – XÃ HỘI 10 THÁNG NĂM 2026", "part", 0))
    out += [P(t) for t in D.CONTEXT[:3]]
    biểu = 0
    summary = []
    for ci, (ctitle, sections) in enumerate(D.CHAPTERS):
        out.append(CondPageBreak(60 * 2.83))
        out.append(H(f"{ROMAN[ci]}. {ctitle}", 1, 1))
        out.append(P(r.choice(D.CONTEXT[3:]) if r.random() < 0.5 else r.choice(OPENERS).format(
            s=lower1(ctitle.lower()))))
        for si, (stitle, inds) in enumerate(sections, 1):
            s_low = lower1(stitle)
            out.append(H(f"{si}. {stitle}", 2, 2))
            out.append(P(r.choice(OPENERS).format(s=s_low)))
            sents = [sentence(figs.by_name[i[0]], r) for i in inds]
            while sents:
                k = r.randint(2, 3)
                out.append(P(" ".join(sents[:k])))
                sents = sents[k:]
            out.append(P("<i>Các công việc trọng tâm đã triển khai:</i>", "bodyni"))
            out += works(r, s_low)
            biểu += 1
            out += indicator_table(figs, [i[0] for i in inds],
                                   f"Biểu {biểu:02d}. Một số chỉ tiêu chủ yếu về {s_low}")
            for ind in [i for i in inds if summable(i)][:2]:
                f = figs.by_name[ind[0]]
                biểu += 1
                out += district_table(f, f"Biểu {biểu:02d}. {f['name']} phân theo huyện, thị xã, "
                                         "thành phố")
            first = [i for i in inds if summable(i)][:1]
            if first:
                out.append(P(district_highlights(figs.by_name[first[0][0]], r)))
            out.append(P(r.choice(D.ASSESS).format(s=s_low)))
            if r.random() < 0.5:
                out.append(P(r.choice(D.LIMITS).format(s=s_low)))
        flows = [figs.by_name[i[0]] for _, inds in sections for i in inds if i[5] == "flow"]
        if flows:
            biểu += 1
            out += monthly_table(flows[0], r, f"Biểu {biểu:02d}. Diễn biến theo tháng: "
                                              f"{lower1(flows[0]['name'])}")
            summary.append(flows[0])

    out += local_chapter(figs, r, len(D.CHAPTERS))
    out.append(PageBreak())
    out.append(H("Phần thứ hai<br/>ĐÁNH GIÁ CHUNG", "part", 0))
    out.append(H("1. Kết quả nổi bật", 2, 1))
    best = sorted([f for f in figs.by_name.values() if f["kind"] == "flow"],
                  key=lambda f: -f["growth"])[:8]
    out += bullets([f"{f['name']} tăng {vn(f['growth'])}% so với cùng kỳ, đạt "
                    f"{pct(f['pct_plan'])} kế hoạch năm." for f in best])
    out.append(H("2. Hạn chế, khó khăn", 2, 1))
    worst = sorted([f for f in figs.by_name.values() if f["kind"] == "flow"],
                   key=lambda f: f["pct_plan"])[:6]
    out += bullets([f"{f['name']} mới đạt {pct(f['pct_plan'])} kế hoạch năm." for f in worst])
    out += [P(t.format(s="quản lý nhà nước")) for t in D.LIMITS]
    out.append(H("3. Nguyên nhân", 2, 1))
    out += [P("Nguyên nhân khách quan: " + ", ".join(D.BAD[:3]) + "."),
            P("Nguyên nhân chủ quan: một số cơ quan, địa phương chưa quyết liệt trong chỉ đạo, "
              "điều hành; công tác phối hợp có lúc chưa chặt chẽ; năng lực của một bộ phận cán "
              "bộ, công chức còn hạn chế.")]

    out.append(H("Phần thứ ba<br/>NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM 2 THÁNG CUỐI NĂM 2026",
                 "part", 0))
    out += bullets(D.TASKS, "")[:0] + [P(f"{i}. {t}") for i, t in enumerate(D.TASKS, 1)]
    out.append(P("Trên đây là báo cáo tình hình kinh tế – xã hội 10 tháng năm 2026; nhiệm vụ, giải "
                 "pháp trọng tâm 2 tháng cuối năm 2026 của Ủy ban nhân dân tỉnh Hòa Bình An./."))
    out.append(signature(
        ["Văn phòng Chính phủ;", "Bộ Tài chính;", "Thường trực Tỉnh ủy;", "Thường trực HĐND tỉnh;",
         "Chủ tịch, các Phó Chủ tịch UBND tỉnh;", "Các sở, ban, ngành tỉnh;",
         "UBND các huyện, thị xã, thành phố;", "Lưu: VT, KT."],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Trần Quốc Bảo"))

    out.append(PageBreak())
    out.append(H("PHỤ LỤC<br/>MỘT SỐ CHỈ TIÊU CHỦ YẾU PHÂN THEO HUYỆN, THỊ XÃ, THÀNH PHỐ",
                 "part", 0))
    out.append(P("<i>(Kèm theo Báo cáo số 412/BC-UBND ngày 05/11/2026 của Ủy ban nhân dân tỉnh)"
                 "</i>", "center"))
    names = [n for n, f in figs.by_name.items() if "districts" in f]
    for di, (dname, _) in enumerate(D.DISTRICTS):
        if di:
            out.append(PageBreak())
        rows = []
        for i, n in enumerate(names, 1):
            f = figs.by_name[n]
            p, c = f["districts"][di]
            rows.append([str(i), n, f["unit"], vn(p, f["dec"]), vn(c, f["dec"]),
                         vn(c / p * 100, 1) if p else DASH,
                         vn(c / (f["cur"] or 1) * 100, 1)])
        out += data_table(["TT", "Chỉ tiêu", "Đơn vị tính", "Thực hiện 10 tháng 2025",
                           "Ước thực hiện 10 tháng 2026", "So cùng kỳ (%)", "Tỷ trọng so toàn "
                           "tỉnh (%)"], rows, col_w=[8, 66, 20, 22, 22, 16, 18],
                          caption=f"Biểu PL-{di + 1:02d}. {dname}")
    out += appendix_projects()
    out += appendix_communes(r)
    out.append(Spacer(1, 4))
    return out


def appendix_projects():
    out = [PageBreak(), H("PHỤ LỤC II<br/>TIẾN ĐỘ GIẢI NGÂN CÁC DỰ ÁN ĐẦU TƯ CÔNG NĂM 2026",
                          "part", 0)]
    rows, tot = [], [0.0, 0.0, 0.0]
    for i, p in enumerate(projects(560), 1):
        rows.append([str(i), p["name"], p["group"], vn(p["total"]), vn(p["plan"]),
                     vn(p["done"]), vn(p["done"] / p["plan"] * 100 if p["plan"] else 0),
                     p["note"]])
        tot = [tot[0] + p["total"], tot[1] + p["plan"], tot[2] + p["done"]]
    rows.append(["", "Tổng cộng", "", vn(tot[0]), vn(tot[1]), vn(tot[2]),
                 vn(tot[2] / tot[1] * 100), ""])
    out += data_table(["TT", "Tên dự án", "Nhóm", "Tổng mức đầu tư", "Kế hoạch vốn 2026",
                       "Giải ngân đến 31/10", "Tỷ lệ (%)", "Ghi chú"], rows,
                      col_w=[8, 60, 12, 18, 18, 18, 13, 28], bold_rows=(len(rows) - 1,),
                      unit="Đơn vị tính: tỷ đồng")
    return out


def appendix_communes(r):
    out = [PageBreak(), H("PHỤ LỤC III<br/>KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI",
                          "part", 0)]
    rows = []
    for i, (name, d) in enumerate(sorted(communes(r, 240), key=lambda c: (c[1], c[0])), 1):
        n = min(19, max(9, round(r.gauss(16, 3))))
        level = ("Nông thôn mới nâng cao" if n == 19 and r.random() < 0.3 else
                 "Đạt chuẩn" if n == 19 else "Chưa đạt chuẩn")
        year = str(r.choice([2019, 2020, 2021, 2022, 2023, 2024, 2025])) if n == 19 else DASH
        rows.append([str(i), "Xã " + name, d, str(n), year, level])
    out += data_table(["TT", "Xã", "Huyện, thị xã, thành phố", "Số tiêu chí đạt (/19)",
                       "Năm đạt chuẩn", "Mức độ"], rows, col_w=[8, 34, 46, 20, 18, 40])
    return out
