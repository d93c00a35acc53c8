"""Shared layout for Vietnamese provincial administrative documents.

Fonts, paragraph styles, the two-column national header, the signature block,
table helpers, Vietnamese number formatting and a two-pass builder that prints
"Trang X/Y" in the footer and a PDF outline from the headings.

Layout follows the usual shape of Decree 30/2020/ND-CP documents (A4, left
margin 30 mm, the issuing body top-left, the national motto top-right), with
DejaVu Sans in place of Times New Roman so every Vietnamese glyph is embedded.
"""
import os

from reportlab import rl_config

rl_config.invariant = 1  # fixed dates and document IDs: byte-identical output

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import (  # noqa: E402
    BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Paragraph,
    Spacer, Table, TableStyle,
)

HERE = os.path.dirname(os.path.abspath(__file__))
FONT_DIR = os.path.normpath(os.path.join(HERE, "..", "fonts"))

PROVINCE = "Hòa Bình An"          # invented province
PROVINCE_UP = "HÒA BÌNH AN"
UBND_UP = "ỦY BAN NHÂN DÂN"

F, FB, FI = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
pdfmetrics.registerFont(TTFont(F, os.path.join(FONT_DIR, "DejaVuSans.ttf")))
pdfmetrics.registerFont(TTFont(FB, os.path.join(FONT_DIR, "DejaVuSans-Bold.ttf")))
pdfmetrics.registerFont(TTFont(FI, os.path.join(FONT_DIR, "DejaVuSans-Oblique.ttf")))
pdfmetrics.registerFontFamily(F, normal=F, bold=FB, italic=FI, boldItalic=FB)

PAGE_W, PAGE_H = A4
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 30 * mm, 15 * mm, 20 * mm, 20 * mm
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R


def _style(name, **kw):
    base = dict(fontName=F, fontSize=10.5, leading=14.5)
    base.update(kw)
    return ParagraphStyle(name, **base)


S = {
    "body": _style("body", alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=4),
    "bodyni": _style("bodyni", alignment=TA_JUSTIFY, spaceAfter=4),
    "bullet": _style("bullet", alignment=TA_JUSTIFY, leftIndent=6 * mm,
                     firstLineIndent=-4 * mm, spaceAfter=3),
    "h1": _style("h1", keepWithNext=1, fontName=FB, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=5,
                 alignment=TA_LEFT),
    "h2": _style("h2", keepWithNext=1, fontName=FB, fontSize=10.5, leading=14.5, spaceBefore=6, spaceAfter=4),
    "h3": _style("h3", keepWithNext=1, fontName=FI, fontSize=10.5, leading=14.5, spaceBefore=4, spaceAfter=3),
    "part": _style("part", keepWithNext=1, fontName=FB, fontSize=11.5, leading=15, alignment=TA_CENTER,
                   spaceBefore=10, spaceAfter=6),
    "title": _style("title", fontName=FB, fontSize=13, leading=17, alignment=TA_CENTER,
                    spaceBefore=10),
    "subtitle": _style("subtitle", fontName=FB, fontSize=11, leading=15, alignment=TA_CENTER),
    "center": _style("center", alignment=TA_CENTER),
    "centerb": _style("centerb", fontName=FB, alignment=TA_CENTER),
    "centeri": _style("centeri", fontName=FI, alignment=TA_CENTER),
    "hdr": _style("hdr", fontSize=9.5, leading=12.5, alignment=TA_CENTER),
    "hdrb": _style("hdrb", fontName=FB, fontSize=9.5, leading=12.5, alignment=TA_CENTER),
    "hdri": _style("hdri", fontName=FI, fontSize=9.5, leading=12.5, alignment=TA_CENTER),
    "small": _style("small", fontSize=8, leading=10),
    "smallbi": _style("smallbi", fontName=FB, fontSize=8.5, leading=11),
    "caption": _style("caption", fontName=FB, fontSize=9.5, leading=12.5, alignment=TA_CENTER,
                      spaceBefore=4, spaceAfter=3, keepWithNext=1),
    "unit": _style("unit", fontName=FI, fontSize=8, leading=10, alignment=TA_RIGHT, spaceAfter=2,
                   keepWithNext=1),
    "note": _style("note", fontName=FI, fontSize=8, leading=10, spaceBefore=2, spaceAfter=6),
    "td": _style("td", fontSize=8, leading=10),
    "tdb": _style("tdb", fontName=FB, fontSize=8, leading=10),
    "th": _style("th", fontName=FB, fontSize=8, leading=10, alignment=TA_CENTER),
    "tdr": _style("tdr", fontSize=8, leading=10, alignment=TA_RIGHT),
}


# ---------------------------------------------------------------- numbers

def vn(x, d=1):
    """Vietnamese number format: 12.345,6 (dot for thousands, comma for decimals)."""
    s = f"{x:,.{d}f}"
    return s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def pct(x, d=1):
    return vn(x, d) + "%"


def vdate(day, month, year=2026):
    return f"ngày {day:02d} tháng {month:02d} năm {year}"


# ---------------------------------------------------------------- flowables

class Rule(Flowable):
    """A short centred horizontal line (under the issuing body and the motto)."""

    def __init__(self, width, gap=3.5):
        super().__init__()
        self.rule_w, self.gap = width, gap

    def wrap(self, aw, ah):
        self.aw = aw
        return aw, self.gap * 2

    def draw(self):
        x = (self.aw - self.rule_w) / 2
        self.canv.setLineWidth(0.6)
        self.canv.line(x, self.gap, x + self.rule_w, self.gap)


def P(text, style="body"):
    return Paragraph(text, S[style])


def H(text, level=1, outline=None):
    """A heading in style h1/h2/h3 (or "part"); outline = its level in the PDF outline.

    By default h1 is outline level 0, h2 level 1, h3 not in the outline.
    """
    style = level if isinstance(level, str) else "h%d" % level
    p = Paragraph(text, S[style])
    if outline is None and not isinstance(level, str):
        outline = level - 1 if level <= 2 else None
    p.outline_level = outline
    return p


def bullets(items, mark="-"):
    return [P(f"{mark} {t}", "bullet") for t in items]


def national_header(body_lines, number, place_date, left_w=72 * mm):
    """Issuing body (left) and national motto (right), as on every official document.

    body_lines: e.g. ["ỦY BAN NHÂN DÂN", "TỈNH HÒA BÌNH AN"]; the last is bold.
    """
    left = [P(t, "hdr") for t in body_lines[:-1]] + [P(body_lines[-1], "hdrb"), Rule(22 * mm)]
    if number:
        left += [Spacer(1, 3), P(number, "hdr")]
    right = [P("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "hdrb"),
             P("Độc lập - Tự do - Hạnh phúc", "hdrb"), Rule(58 * mm),
             Spacer(1, 3), P(place_date, "hdri")]
    t = Table([[left, right]], colWidths=[left_w, TEXT_W - left_w])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def ubnd_header(number, day, month, year=2026):
    return national_header([UBND_UP, "TỈNH " + PROVINCE_UP], number,
                           f"{PROVINCE}, {vdate(day, month, year)}")


def title_block(kind, subject_lines, kinh_gui=None):
    out = [Spacer(1, 6), P(kind, "title")]
    out += [P(s, "subtitle") for s in subject_lines]
    out.append(Rule(40 * mm, gap=3))
    if kinh_gui:
        out += [Spacer(1, 4), P(f"Kính gửi: {kinh_gui}", "center")]
    out.append(Spacer(1, 6))
    return out


def signature(noi_nhan, lines, name, left_w=80 * mm):
    """Recipients list (left) and the signer (right)."""
    left = [P("<b><i>Nơi nhận:</i></b>", "smallbi")] + [P(f"- {r}", "small") for r in noi_nhan]
    right = [P(t, "centerb") for t in lines] + [Spacer(1, 22 * mm), P(name, "centerb")]
    t = Table([[left, right]], colWidths=[left_w, TEXT_W - left_w])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return KeepTogether([Spacer(1, 8), t])


# ---------------------------------------------------------------- tables

GRID = [
    ("FONTNAME", (0, 0), (-1, -1), F),
    ("FONTSIZE", (0, 0), (-1, -1), 8),
    ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
]


def data_table(header, rows, col_w=None, first_w=None, bold_rows=(), caption=None, unit=None,
               note=None):
    """A gridded table: header row repeats on each page, numbers right-aligned.

    header: list of strings; rows: list of lists (str or numbers already formatted).
    col_w: list of widths in mm, or first_w to give column 0 a width and share the rest.
    """
    n = len(header)
    if col_w is None:
        first = (first_w or 60) * mm
        rest = (TEXT_W - first) / (n - 1)
        widths = [first] + [rest] * (n - 1)
    else:
        widths = [w * mm for w in col_w]
        scale = TEXT_W / sum(widths)
        widths = [w * scale for w in widths]
    data = [[Paragraph(h, S["th"]) for h in header]]
    for i, r in enumerate(rows):
        bold = i in bold_rows
        cells = []
        for j, c in enumerate(r):
            if j == 0 or not _numeric(c):
                cells.append(Paragraph(str(c), S["tdb" if bold else "td"]))
            else:
                cells.append(Paragraph(f"<b>{c}</b>" if bold else str(c), S["tdr"]))
        data.append(cells)
    t = Table(data, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle(GRID))
    out = []
    if caption:
        out.append(P(caption, "caption"))
    if unit:
        out.append(P(unit, "unit"))
    out.append(t)
    if note:
        out.append(P(note, "note"))
    else:
        out.append(Spacer(1, 6))
    return out


def _numeric(c):
    s = str(c).replace(".", "").replace(",", "").replace("%", "").replace("-", "").replace("+", "")
    return s.strip().isdigit()


# ---------------------------------------------------------------- builder

class _Doc(BaseDocTemplate):
    def __init__(self, path, total, stamp, **kw):
        super().__init__(path, pagesize=A4, leftMargin=MARGIN_L, rightMargin=MARGIN_R,
                         topMargin=MARGIN_T, bottomMargin=MARGIN_B, **kw)
        self.total, self.stamp, self._outline_n = total, stamp, 0
        frame = Frame(MARGIN_L, MARGIN_B, TEXT_W, PAGE_H - MARGIN_T - MARGIN_B, id="f",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="p", frames=[frame], onPage=self._decorate)])

    def _decorate(self, canv, doc):
        canv.saveState()
        canv.setFont(F, 8)
        canv.setFillColor(colors.Color(0.3, 0.3, 0.3))
        label = f"Trang {doc.page}/{self.total}" if self.total else f"Trang {doc.page}"
        canv.drawCentredString(MARGIN_L + TEXT_W / 2, 10 * mm, label)
        if self.stamp and doc.page == 1:
            canv.setFillColor(colors.black)
            canv.setFont(FB, 10)
            w = canv.stringWidth(self.stamp, FB, 10) + 8 * mm
            x, y = PAGE_W - MARGIN_R - w, PAGE_H - 13 * mm
            canv.setLineWidth(0.8)
            canv.rect(x, y - 2 * mm, w, 7 * mm)
            canv.drawCentredString(x + w / 2, y, self.stamp)
        canv.restoreState()

    def afterFlowable(self, flowable):
        level = getattr(flowable, "outline_level", None)
        if level is None:
            return
        key = f"h{self._outline_n}"
        self._outline_n += 1
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=level > 0)


def build(path, story_fn, title, subject="", stamp=None):
    """Build twice: the first pass counts pages so the footer can say 'Trang X/Y'.

    story_fn() must return a fresh story and be deterministic.
    Returns the page count.
    """
    meta = dict(title=title, author=f"Ủy ban nhân dân tỉnh {PROVINCE}", subject=subject,
                creator="eCabinet demo pack (assets/demo/generate.py)", lang="vi-VN")
    probe = _Doc(path, None, stamp, **meta)
    probe.build(story_fn())
    total = probe.page
    doc = _Doc(path, total, stamp, **meta)
    doc.build(story_fn())
    assert doc.page == total, (doc.page, total)
    return total
