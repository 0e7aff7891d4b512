"""The official frame every printed report and form shares, in PDF and in .xlsx.

A Vietnamese administrative document carries, in this order (Decree 30/2020/NĐ-CP on
document formats): the issuing body (left) and the national heading "CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc" (right); the number (left) and the place and
date (right); the title; the body; the signature blocks (the preparer and the approver). Our
layouts are not yet checked against the originals, so a small footnote says so on each page.

PDF through reportlab (already the project's PDF library: pure Python, no system libraries,
BSD licence) with the DejaVu fonts for Vietnamese; .xlsx through openpyxl, every cell through
``core.spreadsheets.safe_row``.
"""

import io
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.utils import timezone
from openpyxl.styles import Alignment, Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from giamngheo.core.spreadsheets import safe_row
from giamngheo.geo.models import Level

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CAVEAT = "Mẫu theo Thông tư 07/2021/TT-BLĐTBXH (bố cục chưa đối chiếu bản gốc)."
_PREFIXES = ("Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu ", "Thị trấn ")


@dataclass(frozen=True)
class Heading:
    """Who issues the paper, its number, where and when, and who signs it."""

    issuer: tuple[str, ...]
    place: str
    on: date
    number: str = "Số:        /BC-UBND"
    preparer: tuple[str, ...] = ("NGƯỜI LẬP BIỂU",)
    approver: tuple[str, ...] = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    preparer_name: str = ""
    approver_name: str = ""
    caveat: str = CAVEAT
    extra: dict = field(default_factory=dict)

    @property
    def place_and_date(self) -> str:
        return f"{self.place}, ngày {self.on.day:02d} tháng {self.on.month:02d} năm {self.on.year}"


def short_name(name: str) -> str:
    """ "Xã Tu Mơ Rông" → "Tu Mơ Rông", as the place is written before the date."""
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


_KIND_PREFIX = {"tinh": "Tỉnh ", "thanh_pho_tw": "Thành phố "}


def full_name(unit) -> str:
    """ "Quảng Ngãi" → "Tỉnh Quảng Ngãi": province names are stored without their type."""
    if unit.name.startswith(_PREFIXES):
        return unit.name
    return _KIND_PREFIX.get(unit.kind, "") + unit.name


def heading_for(
    unit, *, on: date | None = None, number: str = "", doc_code: str = "BC-UBND", **kwargs
) -> Heading:
    """The heading of a paper issued by the People's Committee of ``unit``; without a number
    the number line is left blank for the office to write in (``Số:      /BC-UBND``)."""
    issuer = ("ỦY BAN NHÂN DÂN", full_name(unit).upper())
    if unit.level == Level.COMMUNE and unit.parent_id:
        issuer = (f"UBND {full_name(unit.parent).upper()}", f"ỦY BAN NHÂN DÂN {unit.name.upper()}")
    kwargs["number"] = f"Số: {number}" if number else f"Số:        /{doc_code}"
    return Heading(
        issuer=issuer, place=short_name(unit.name), on=on or timezone.localdate(), **kwargs
    )


@cache
def fonts() -> tuple[str, str, str]:
    for name, file in (
        ("DejaVuSans", "DejaVuSans.ttf"),
        ("DejaVuSans-Bold", "DejaVuSans-Bold.ttf"),
        ("DejaVuSans-Oblique", "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, FONT_DIR + file))
    return "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"


@cache
def styles() -> dict[str, ParagraphStyle]:
    regular, bold, italic = fonts()

    def style(name, font=regular, size=9.5, align=0, **kw):
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=size * 1.3, alignment=align, **kw
        )

    return {
        "body": style("body"),
        "center": style("center", align=1),
        "head": style("head", bold, 10, 1),
        "italic": style("italic", italic, 9.5, 1),
        "title": style("title", bold, 12.5, 1),
        "h2": style("h2", bold, 10.5, spaceBefore=6),
        "cell": style("cell", size=7.5),
        "cellb": style("cellb", bold, 7.5, 1),
        "num": style("num", size=7.5, align=2),
    }


def _lines(lines, style) -> Paragraph:
    return Paragraph("<br/>".join(lines), style)


def heading_flowables(heading: Heading, width: float) -> list:
    s = styles()
    table = Table(
        [
            [_lines(heading.issuer, s["head"]), _lines([NATION, f"<u>{MOTTO}</u>"], s["head"])],
            [
                Paragraph(heading.number, s["center"]),
                Paragraph(heading.place_and_date, s["italic"]),
            ],
        ],
        colWidths=[width * 0.42, width * 0.58],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table, Spacer(1, 5 * mm)]


def signature_flowables(heading: Heading, width: float) -> list:
    s = styles()
    cells = [
        _lines(
            [*heading.preparer, "(Ký, ghi rõ họ tên)", "", "", "", heading.preparer_name], s["head"]
        ),
        _lines(
            [*heading.approver, "(Ký tên, đóng dấu)", "", "", "", heading.approver_name], s["head"]
        ),
    ]
    table = Table([cells], colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [Spacer(1, 6 * mm), table]


def grid(data, widths, header_rows=1, bold_last=False) -> Table:
    regular, bold, _italic = fonts()
    table = Table(data, colWidths=widths, repeatRows=header_rows)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTNAME", (0, 0), (-1, header_rows - 1), bold),
        ("FONTSIZE", (0, 0), (-1, -1), 7.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#eeeeee")),
    ]
    if bold_last:
        style.append(("FONTNAME", (0, -1), (-1, -1), bold))
    table.setStyle(TableStyle(style))
    return table


def official_pdf(heading: Heading, title: list[str], body: list, *, wide: bool) -> bytes:
    """A4 (landscape when ``wide``): heading, title lines, ``body`` (a function of the frame
    width returning flowables, or flowables), signatures; the caveat as a footnote on each page."""
    s = styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4) if wide else A4,
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=14 * mm,
        title=title[0],
    )
    width = doc.width
    story = heading_flowables(heading, width)
    story.append(Paragraph(title[0], s["title"]))
    story += [Paragraph(line, s["center"]) for line in title[1:]]
    story.append(Spacer(1, 4 * mm))
    story += body(width) if callable(body) else body
    story += signature_flowables(heading, width)
    _regular, _bold, italic = fonts()

    def footnote(canvas, document):
        canvas.saveState()
        canvas.setFont(italic, 6.5)
        canvas.drawString(document.leftMargin, 7 * mm, heading.caveat)
        canvas.drawRightString(
            document.pagesize[0] - document.rightMargin, 7 * mm, f"Trang {document.page}"
        )
        canvas.restoreState()

    doc.build(story, onFirstPage=footnote, onLaterPages=footnote)
    return buffer.getvalue()


def sheet_heading(ws, heading: Heading, title: list[str], ncols: int) -> None:
    """The heading block at the top of a sheet (issuer | national heading, number | date)."""
    half = max(2, ncols // 2)
    rows = [
        (heading.issuer[0], NATION),
        (heading.issuer[-1] if len(heading.issuer) > 1 else "", MOTTO),
        (heading.number, heading.place_and_date),
    ]
    for i, (left, right) in enumerate(rows):
        r = ws.max_row + 1 if ws.max_row > 1 or ws.cell(1, 1).value else 1
        ws.cell(r, 1, safe_row([left])[0]).font = Font(bold=i < 2)
        ws.cell(r, half + 1, safe_row([right])[0]).font = Font(bold=i < 2, italic=i == 2)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=half)
        ws.merge_cells(start_row=r, start_column=half + 1, end_row=r, end_column=ncols)
        for c in (1, half + 1):
            ws.cell(r, c).alignment = Alignment(horizontal="center")
    ws.append([])
    for i, line in enumerate(title):
        ws.append(safe_row([line]))
        r = ws.max_row
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
        ws.cell(r, 1).font = Font(bold=i == 0, size=13 if i == 0 else 11)
        ws.cell(r, 1).alignment = Alignment(horizontal="center", wrap_text=True)
    ws.append([])


def sheet_signatures(ws, heading: Heading, ncols: int) -> None:
    """Place and date, the preparer's and the approver's blocks, then the caveat."""
    half = max(2, ncols // 2)
    ws.append([])
    r = ws.max_row + 1
    ws.cell(r, half + 1, heading.place_and_date).font = Font(italic=True)
    blocks = [
        (heading.preparer + ("(Ký, ghi rõ họ tên)",), 1),
        (heading.approver + ("(Ký tên, đóng dấu)",), half + 1),
    ]
    for lines, column in blocks:
        for i, line in enumerate(lines):
            cell = ws.cell(r + 1 + i, column, line)
            cell.font = Font(bold=i < len(lines) - 1, italic=i == len(lines) - 1)
            cell.alignment = Alignment(horizontal="center")
    for row in range(r, r + 1 + max(len(lines) for lines, _c in blocks)):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=half)
        ws.merge_cells(start_row=row, start_column=half + 1, end_row=row, end_column=ncols)
    foot = ws.max_row + 4
    ws.cell(foot, 1, heading.caveat).font = Font(italic=True, size=8)


# The same frame for XlsxWriter (core.tabular's constant-memory writer): rows go out in order,
# so the heading is written first, the body streamed, the signatures last.


def xlsx_formats(wb) -> dict:
    """The cell formats of an official sheet, made once per workbook."""
    box = {"border": 1, "valign": "vcenter"}
    return {
        "bold": wb.add_format({"bold": True, "align": "center"}),
        "plain": wb.add_format({"align": "center"}),
        "italic": wb.add_format({"italic": True, "align": "center"}),
        "title": wb.add_format({"bold": True, "font_size": 13, "align": "center", "text_wrap": True}),
        "line": wb.add_format({"font_size": 11, "align": "center", "text_wrap": True}),
        "header": wb.add_format({**box, "bold": True, "align": "center", "text_wrap": True, "bg_color": "#EEEEEE"}),
        "cell": wb.add_format(box),
        "ratio": wb.add_format({**box, "num_format": "0.00"}),
        "total": wb.add_format({**box, "bold": True}),
        "total_ratio": wb.add_format({**box, "bold": True, "num_format": "0.00"}),
        "strong": wb.add_format({"bold": True}),
        "caveat": wb.add_format({"italic": True, "font_size": 8}),
    }  # fmt: skip


def xlsx_span(ws, row: int, first: int, last: int, value, cell_format) -> None:
    """``value`` across the columns ``first``..``last`` of ``row`` (0-based), neutralised."""
    value = safe_row([value])[0]
    if last > first:
        ws.merge_range(row, first, row, last, value, cell_format)
    else:
        ws.write(row, first, value, cell_format)


def xlsx_heading(ws, formats: dict, heading: Heading, title: list[str], ncols: int) -> int:
    """The heading block and the title lines from the sheet's first row; the next free row."""
    half = max(2, ncols // 2)
    rows = [
        (heading.issuer[0], NATION, "bold"),
        (heading.issuer[-1] if len(heading.issuer) > 1 else "", MOTTO, "bold"),
        (heading.number, heading.place_and_date, "plain"),
    ]
    for r, (left, right, style) in enumerate(rows):
        xlsx_span(ws, r, 0, half - 1, left, formats[style])
        xlsx_span(ws, r, half, ncols - 1, right, formats["italic" if r == 2 else style])
    for i, line in enumerate(title):
        xlsx_span(ws, 4 + i, 0, ncols - 1, line, formats["title" if i == 0 else "line"])
    ws.set_row(4, 36)
    return 4 + len(title) + 1


def xlsx_signatures(ws, formats: dict, heading: Heading, ncols: int, row: int) -> None:
    """Place and date, the preparer's and the approver's blocks, then the caveat, from ``row``."""
    half = max(2, ncols // 2)
    row += 1
    xlsx_span(ws, row, 0, half - 1, "", formats["plain"])
    xlsx_span(ws, row, half, ncols - 1, heading.place_and_date, formats["italic"])
    left = [*heading.preparer, "(Ký, ghi rõ họ tên)"]
    right = [*heading.approver, "(Ký tên, đóng dấu)"]
    for i in range(max(len(left), len(right))):
        for lines, first, last in ((left, 0, half - 1), (right, half, ncols - 1)):
            text = lines[i] if i < len(lines) else ""
            style = "italic" if i == len(lines) - 1 else "bold"
            xlsx_span(ws, row + 1 + i, first, last, text, formats[style])
    ws.write_string(row + max(len(left), len(right)) + 4, 0, heading.caveat, formats["caveat"])
