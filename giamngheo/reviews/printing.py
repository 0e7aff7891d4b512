"""Printable documents of the annual review: the provisional lists to post (niêm yết) and
the summary report (biểu tổng hợp), as PDF (reportlab, DejaVu font for Vietnamese) and
.xlsx (openpyxl). They are official papers, so their text is Vietnamese data, not UI.
"""

import io
from functools import cache

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from giamngheo.core.spreadsheets import safe_row
from giamngheo.households.models import PovertyStatus

from .procedures import procedure_by_code
from .selectors import SUMMARY_COLUMNS

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
STATUS_VI = {
    PovertyStatus.POOR: "Hộ nghèo",
    PovertyStatus.NEAR_POOR: "Hộ cận nghèo",
    PovertyStatus.ESCAPED_POOR: "Hộ thoát nghèo",
    PovertyStatus.ESCAPED_NEAR_POOR: "Hộ thoát cận nghèo",
    PovertyStatus.NOT_LISTED: "Không thuộc diện nghèo, cận nghèo",
}
ROMAN = ["I", "II", "III", "IV", "V"]


@cache
def _fonts() -> tuple[str, str]:
    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT_DIR + "DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", FONT_DIR + "DejaVuSans-Bold.ttf"))
    return "DejaVuSans", "DejaVuSans-Bold"


def _styles():
    regular, bold = _fonts()
    return {
        "body": ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12),
        "center": ParagraphStyle("center", fontName=regular, fontSize=9.5, leading=12, alignment=1),
        "head": ParagraphStyle("head", fontName=bold, fontSize=10, leading=13, alignment=1),
        "title": ParagraphStyle("title", fontName=bold, fontSize=12.5, leading=16, alignment=1),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=10.5, leading=14, spaceBefore=6),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=10.5),
    }


def _letterhead(commune_name: str, width: float, s) -> Table:
    table = Table(
        [
            [
                Paragraph(f"ỦY BAN NHÂN DÂN<br/>{commune_name.upper()}", s["head"]),
                Paragraph(
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br/>Độc lập - Tự do - Hạnh phúc", s["head"]
                ),
            ]
        ],
        colWidths=[width * 0.42, width * 0.58],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _grid(data, widths, header_rows=1, bold_last=False):
    regular, bold = _fonts()
    table = Table(data, colWidths=widths, repeatRows=header_rows)
    style = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("FONTNAME", (0, 0), (-1, header_rows - 1), bold),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#eeeeee")),
    ]
    if bold_last:
        style.append(("FONTNAME", (0, -1), (-1, -1), bold))
    table.setStyle(TableStyle(style))
    return table


def _place(review, village) -> str:
    return village.name if village is not None else f"toàn {review.commune.name}"


def posting_title(review) -> str:
    return (
        "DANH SÁCH DỰ KIẾN HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ THOÁT NGHÈO, HỘ THOÁT CẬN NGHÈO "
        f"NĂM {review.status_year}"
    )


def _posting_period(review, posting) -> str:
    procedure = procedure_by_code(review.procedure)
    if posting is None:
        return f"Thời gian niêm yết: {procedure.posting.label}."
    return (
        f"Niêm yết từ ngày {posting.posted_from:%d/%m/%Y} đến hết ngày {posting.ends_on:%d/%m/%Y} "
        f"({procedure.posting.label}) tại: {posting.places}"
    )


def posting_pdf(review, lists, posting, village=None) -> bytes:
    """The provisional lists to post at the commune office or a village's community house."""
    s = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=posting_title(review),
    )
    width = doc.width
    story = [
        _letterhead(review.commune.name, width, s),
        Spacer(1, 6 * mm),
        Paragraph(posting_title(review), s["title"]),
        Paragraph(
            f"Kết quả rà soát định kỳ năm {review.year} theo chuẩn {review.standard} — "
            f"{_place(review, village)}",
            s["center"],
        ),
        Spacer(1, 3 * mm),
        Paragraph(_posting_period(review, posting), s["body"]),
    ]
    totals = []
    for number, (status, _label, entries) in enumerate(lists):
        totals.append((STATUS_VI[status], len(entries)))
        story.append(
            Paragraph(f"{ROMAN[number]}. {STATUS_VI[status]} ({len(entries)} hộ)", s["h2"])
        )
        rows = [["STT", "Mã hộ", "Họ và tên chủ hộ", "Thôn", "Trước rà soát"]]
        for i, e in enumerate(entries, start=1):
            rows.append(
                [
                    str(i),
                    e.household.code,
                    Paragraph(e.household.head_name or "—", s["cell"]),
                    Paragraph(e.village.name, s["cell"]),
                    Paragraph(STATUS_VI[PovertyStatus(e.previous_status)], s["cell"]),
                ]
            )
        if not entries:
            rows.append(["", "", "Không có", "", ""])
        story.append(_grid(rows, [12 * mm, 32 * mm, width - 124 * mm, 40 * mm, 40 * mm]))
    story += [Paragraph("TỔNG HỢP", s["h2"])]
    total_rows = [["Danh sách", "Số hộ"]] + [[k, str(v)] for k, v in totals]
    total_rows.append(["Tổng cộng", str(sum(v for _k, v in totals))])
    story.append(_grid(total_rows, [90 * mm, 30 * mm], bold_last=True))
    story += [
        Spacer(1, 4 * mm),
        Paragraph(
            "Mọi ý kiến, khiếu nại về danh sách này xin gửi Ủy ban nhân dân xã trong thời gian "
            "niêm yết.",
            s["body"],
        ),
    ]
    doc.build(story)
    return buffer.getvalue()


def _sheet_title(ws, lines, width):
    for line in lines:
        ws.append(safe_row([line]))
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
        ws.cell(ws.max_row, 1).font = Font(bold=True)
        ws.cell(ws.max_row, 1).alignment = Alignment(horizontal="center", wrap_text=True)


def _xlsx_bytes(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def posting_xlsx(review, lists, posting, village=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Niêm yết"
    _sheet_title(
        ws,
        [
            f"ỦY BAN NHÂN DÂN {review.commune.name.upper()}",
            posting_title(review),
            f"Kết quả rà soát định kỳ năm {review.year} theo chuẩn {review.standard} — {_place(review, village)}",
            _posting_period(review, posting),
        ],
        6,
    )
    header = ["Danh sách", "STT", "Mã hộ", "Họ và tên chủ hộ", "Thôn", "Trước rà soát"]
    ws.append(safe_row(header))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    totals = []
    for status, _label, entries in lists:
        totals.append((STATUS_VI[status], len(entries)))
        for i, e in enumerate(entries, start=1):
            ws.append(
                safe_row(
                    [
                        STATUS_VI[status],
                        i,
                        e.household.code,
                        e.household.head_name,
                        e.village.name,
                        STATUS_VI[PovertyStatus(e.previous_status)],
                    ]
                )
            )
    ws.append([])
    ws.append(["TỔNG HỢP", "Số hộ"])
    for label, n in totals:
        ws.append(safe_row([label, n]))
    ws.append(["Tổng cộng", sum(n for _label, n in totals)])
    for col, w in zip("ABCDEF", (30, 6, 16, 30, 22, 30), strict=True):
        ws.column_dimensions[col].width = w
    return _xlsx_bytes(wb)


SUMMARY_TITLE = "BIỂU TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {year}"


def summary_headers() -> tuple[list[str], list[str]]:
    top = ["Thôn", "Số hộ rà soát"]
    sub = ["", ""]
    for status in SUMMARY_COLUMNS:
        top += [STATUS_VI[status], ""]
        sub += ["Hộ", "Khẩu"]
    top += ["Hộ nghèo mới", "Hộ cận nghèo mới"]
    sub += ["", ""]
    return top, sub


def _summary_lines(review, form_label):
    procedure = procedure_by_code(review.procedure)
    return [
        SUMMARY_TITLE.format(year=review.year),
        f"{review.commune.name} — chuẩn {review.standard}, danh sách áp dụng năm {review.status_year}",
        f"{form_label}; gửi: {procedure.report_to}",
    ]


def summary_pdf(review, rows, total, form_label: str, decision=None) -> bytes:
    s = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=SUMMARY_TITLE.format(year=review.year),
    )
    width = doc.width
    title, subtitle, basis = _summary_lines(review, form_label)
    story = [
        _letterhead(review.commune.name, width, s),
        Spacer(1, 5 * mm),
        Paragraph(title, s["title"]),
        Paragraph(subtitle, s["center"]),
        Paragraph(basis, s["center"]),
    ]
    if decision is not None:
        story.append(
            Paragraph(
                f"Theo Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y} "
                f"({decision.signer_name})",
                s["center"],
            )
        )
    story.append(Spacer(1, 4 * mm))
    top, sub = summary_headers()
    data = [
        [Paragraph(h, s["cell"]) if h else "" for h in top],
        sub,
    ]
    for row in rows:
        data.append([Paragraph(row.name, s["cell"]), *[str(v) for v in row.cells()]])
    data.append(["Tổng cộng", *[str(v) for v in total.cells()]])
    first = 38 * mm
    rest = (width - first) / (len(top) - 1)
    table = _grid(data, [first] + [rest] * (len(top) - 1), header_rows=2, bold_last=True)
    spans = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1))]
    for i in range(len(SUMMARY_COLUMNS)):
        spans.append(("SPAN", (2 + 2 * i, 0), (3 + 2 * i, 0)))
    spans += [
        ("SPAN", (len(top) - 2, 0), (len(top) - 2, 1)),
        ("SPAN", (len(top) - 1, 0), (len(top) - 1, 1)),
    ]
    table.setStyle(TableStyle([*spans, ("ALIGN", (1, 1), (-1, -1), "CENTER")]))
    story.append(table)
    doc.build(story)
    return buffer.getvalue()


def summary_xlsx(review, rows, total, form_label: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    top, sub = summary_headers()
    _sheet_title(ws, _summary_lines(review, form_label), len(top))
    ws.append(safe_row(top))
    ws.append(safe_row(sub))
    for r in (ws.max_row - 1, ws.max_row):
        for cell in ws[r]:
            cell.font = Font(bold=True)
    for row in rows:
        ws.append(safe_row([row.name, *row.cells()]))
    ws.append(["Tổng cộng", *total.cells()])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 26
    return _xlsx_bytes(wb)
