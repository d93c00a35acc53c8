#!/usr/bin/env python3
"""Generate the eCabinet demo document pack (assets/demo/*.pdf and pack.json).

    python3 -m venv /tmp/x && /tmp/x/bin/pip install -r assets/demo/requirements.txt
    /tmp/x/bin/python assets/demo/generate.py

Output is byte-identical from run to run: reportlab runs in invariant mode (fixed
creation date and document ID, see vnadmin.py) and every figure comes from a
random.Random seeded with a fixed string. The province, places, people and
figures are invented.
"""
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # keep __pycache__ out of the repo

import docs_bao_cao  # noqa: E402
import docs_cds  # noqa: E402
import docs_trinh  # noqa: E402
import kt_xh  # noqa: E402
from vnadmin import build  # noqa: E402

# (file, Vietnamese title, kind, story function, stamp in the top-right corner)
DOCS = [
    ("bao-cao-kinh-te-xa-hoi-10-thang-2026.pdf",
     "Báo cáo tình hình kinh tế – xã hội 10 tháng năm 2026; nhiệm vụ, giải pháp trọng tâm 2 tháng "
     "cuối năm 2026", "bao_cao", kt_xh.story, None),
    ("to-trinh-ke-hoach-dau-tu-cong-2026-2030.pdf",
     "Tờ trình về việc đề nghị thông qua Kế hoạch đầu tư công trung hạn giai đoạn 2026 – 2030",
     "to_trinh", docs_trinh.to_trinh_dau_tu_cong, None),
    ("du-thao-nghi-quyet-bang-gia-dat.pdf",
     "Dự thảo Nghị quyết quy định bảng giá đất áp dụng từ ngày 01/01/2027",
     "du_thao", docs_trinh.du_thao_nghi_quyet_gia_dat, "DỰ THẢO"),
    ("bao-cao-phong-chong-thien-tai.pdf",
     "Báo cáo tình hình thiệt hại do cơn bão số 3 và mưa lũ; công tác ứng phó, khắc phục hậu quả",
     "bao_cao", docs_bao_cao.bao_cao_thien_tai, None),
    ("to-trinh-de-an-chuyen-doi-so.pdf",
     "Tờ trình về việc đề nghị thông qua Đề án chuyển đổi số tỉnh giai đoạn 2026 – 2030, định "
     "hướng đến năm 2035", "to_trinh", docs_cds.story, None),
    ("bao-cao-giai-ngan-von-dau-tu-cong.pdf",
     "Báo cáo tiến độ giải ngân vốn đầu tư công năm 2026 đến ngày 11/11/2026 (họp Ban Chỉ đạo "
     "07:15)", "bao_cao", docs_bao_cao.bao_cao_giai_ngan, None),
    ("bao-cao-nhanh-tinh-hinh-trong-ngay.pdf",
     "Báo cáo nhanh tình hình trong ngày 11/11/2026", "bao_cao", docs_bao_cao.bao_cao_nhanh, None),
    ("du-thao-thong-bao-ket-luan.pdf",
     "Dự thảo Thông báo kết luận của Chủ tịch UBND tỉnh tại cuộc họp Ban Chỉ đạo giải ngân vốn "
     "đầu tư công ngày 12/11/2026", "du_thao", docs_bao_cao.du_thao_thong_bao_ket_luan, "DỰ THẢO"),
]


def main():
    pack = []
    for name, title, kind, story, stamp in DOCS:
        path = os.path.join(HERE, name)
        pages = build(path, story, title, subject=kind, stamp=stamp)
        with open(path, "rb") as f:
            data = f.read()
        pack.append(dict(file=name, title=title, kind=kind, pages=pages,
                         sha256=hashlib.sha256(data).hexdigest(), bytes=len(data)))
        print(f"{name}: {pages} pages, {len(data)} bytes")
    with open(os.path.join(HERE, "pack.json"), "w", encoding="utf-8") as f:
        json.dump(pack, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
