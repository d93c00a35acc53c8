"""Invented place names, investors and public investment projects (deterministic)."""
import random

from kt_xh_data import DISTRICTS

SYL = ["An", "Bình", "Phú", "Tân", "Hòa", "Thanh", "Ngọc", "Đông", "Tây", "Kim", "Mỹ", "Quế",
       "Lạc", "Hưng", "Phong", "Sơn", "Thủy", "Lương", "Trung", "Hải", "Vĩnh", "Xuân", "Cẩm",
       "Đức", "Nghĩa", "Thịnh", "Yên", "Khánh", "Minh", "Long", "Tiến", "Quang"]
RIVERS = ["sông Bình Giang", "sông Lạc Thủy", "sông Ngọc Khê", "suối Nậm Hòa", "sông Đông Hà"]

INVESTORS = [
    "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh",
    "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh",
    "Ban Quản lý dự án đầu tư xây dựng các công trình nông nghiệp và phát triển nông thôn tỉnh",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Khoa học và Công nghệ",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
]

KINDS = [
    ("Đường giao thông liên xã {a} – {b}, {d}", 0, (28, 160)),
    ("Nâng cấp, mở rộng đường tỉnh {n}, đoạn Km{k}+000 – Km{k2}+500", 0, (60, 420)),
    ("Cầu {a} bắc qua {r}", 0, (35, 210)),
    ("Kè chống sạt lở bờ {r} đoạn qua xã {a}, {d}", 2, (25, 180)),
    ("Hồ chứa nước {a}, {d}", 2, (40, 260)),
    ("Kiên cố hóa kênh mương nội đồng xã {a}, {d}", 2, (8, 45)),
    ("Trường Trung học cơ sở {a}, {d}", 4, (12, 60)),
    ("Trường Mầm non {a}, {d}: xây dựng bổ sung phòng học", 4, (6, 30)),
    ("Trạm y tế xã {a}, {d}", 3, (5, 18)),
    ("Bệnh viện đa khoa {d2}: cải tạo, mở rộng khu điều trị", 3, (45, 220)),
    ("Trụ sở làm việc Ủy ban nhân dân xã {a}, {d}", 1, (10, 38)),
    ("Nhà văn hóa trung tâm {d}", 1, (15, 70)),
    ("Hạ tầng cụm công nghiệp {a}, {d}", 1, (60, 300)),
    ("Trung tâm dữ liệu và điều hành thông minh tỉnh (giai đoạn {g})", 5, (80, 260)),
    ("Nền tảng chuyển đổi số dùng chung của tỉnh, hạng mục {g}", 5, (20, 90)),
    ("Doanh trại lực lượng vũ trang {d}", 7, (20, 95)),
    ("Trụ sở Công an xã {a}, {d}", 6, (6, 15)),
]


def communes(rng, n):
    """n distinct invented commune names, each with its district."""
    seen, out = set(), []
    while len(out) < n:
        a, b = rng.sample(SYL, 2)
        name = f"{a} {b}"
        if name in seen:
            continue
        seen.add(name)
        out.append((name, DISTRICTS[rng.randrange(len(DISTRICTS))][0]))
    return out


def district_short(d):
    """'Huyện Ngọc Lâm' -> 'huyện Ngọc Lâm' (inside a sentence)."""
    return d[0].lower() + d[1:]


def projects(n, seed="du-an-dau-tu-cong"):
    """n invented public investment projects with plan and disbursement figures (tỷ đồng)."""
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        tpl, inv, (lo, hi) = KINDS[rng.randrange(len(KINDS))]
        a, b = rng.sample(SYL, 2)
        d = DISTRICTS[rng.randrange(len(DISTRICTS))][0]
        name = tpl.format(a=f"{a} {b}", b=f"{b} {rng.choice(SYL)}", d=district_short(d),
                          d2=d.split(" ", 1)[1], r=rng.choice(RIVERS), n=rng.randint(201, 299),
                          k=(k := rng.randint(1, 40)), k2=k + rng.randint(3, 12),
                          g=rng.choice(["1", "2"]))
        if name in seen:
            continue
        seen.add(name)
        investor = INVESTORS[inv] if rng.random() < 0.6 or inv >= 3 else "Ủy ban nhân dân " + \
            district_short(d)
        total = round(rng.uniform(lo, hi), 1)
        plan = round(total * rng.uniform(0.2, 0.55), 1)
        rate = min(1.0, max(0.0, rng.gauss(0.58, 0.22)))
        done = round(plan * rate, 1)
        out.append(dict(name=name, investor=investor, district=d, total=total, plan=plan,
                        done=done, group="B" if total >= 120 else "C",
                        start=rng.choice([2024, 2025, 2026]), note=_note(rng, rate)))
    return out


def _note(rng, rate):
    if rate >= 0.85:
        return rng.choice(["Đang hoàn thiện hồ sơ quyết toán", "Vượt tiến độ", "Đạt tiến độ"])
    if rate >= 0.5:
        return rng.choice(["Đạt tiến độ", "Đang thi công", "Chờ nghiệm thu giai đoạn"])
    return rng.choice(["Vướng giải phóng mặt bằng", "Chậm lựa chọn nhà thầu",
                       "Điều chỉnh thiết kế", "Thiếu vật liệu đắp nền", "Chờ điều chỉnh chủ trương"])
