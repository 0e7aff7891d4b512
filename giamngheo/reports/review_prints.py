"""Printable documents of the annual review: the provisional lists to post (niêm yết) and the
summary report (biểu tổng hợp), as PDF and .xlsx in the official frame (``official``).

Moved here from ``reviews.printing`` so every printed paper shares one heading, signature
block and footnote; their URLs stay under ``/ra-soat/`` (``review_urls``). They are official
papers, so their text is Vietnamese data, not UI.
"""

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, TableStyle

from giamngheo.core.spreadsheets import safe_row
from giamngheo.households.models import PovertyStatus
from giamngheo.reviews.procedures import procedure_by_code
from giamngheo.reviews.selectors import SUMMARY_COLUMNS

from .official import grid, heading_for, official_pdf, sheet_heading, sheet_signatures, styles
from .render import _bytes

UNVERIFIED = " — chưa xác minh với văn bản gốc"
CAVEAT = "Bố cục mẫu biểu, thời hạn và nơi nhận in trên giấy này chưa xác minh với văn bản gốc."
STATUS_VI = {
    PovertyStatus.POOR: "Hộ nghèo",
    PovertyStatus.NEAR_POOR: "Hộ cận nghèo",
    PovertyStatus.ESCAPED_POOR: "Hộ thoát nghèo",
    PovertyStatus.ESCAPED_NEAR_POOR: "Hộ thoát cận nghèo",
    PovertyStatus.NOT_LISTED: "Không thuộc diện nghèo, cận nghèo",
}
ROMAN = ["I", "II", "III", "IV", "V"]
SUMMARY_TITLE = "BIỂU TỔNG HỢP KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM {year}"


def _plain(text: str) -> str:
    """The verification note leaves the body: the footnote carries it, small."""
    return text.replace(UNVERIFIED, "")


def _heading(review, doc_code, preparer):
    return heading_for(review.commune, doc_code=doc_code, preparer=preparer, caveat=CAVEAT)


def _place(review, village) -> str:
    return village.name if village is not None else f"toàn {review.commune.name}"


def posting_title(review) -> str:
    return (
        "DANH SÁCH DỰ KIẾN HỘ NGHÈO, HỘ CẬN NGHÈO, HỘ THOÁT NGHÈO, HỘ THOÁT CẬN NGHÈO "
        f"NĂM {review.status_year}"
    )


def _posting_lines(review, posting, village) -> list[str]:
    procedure = procedure_by_code(review.procedure)
    if posting is None:
        period = f"Thời gian niêm yết: {_plain(procedure.posting.label)}."
    else:
        period = (
            f"Niêm yết từ ngày {posting.posted_from:%d/%m/%Y} đến hết ngày "
            f"{posting.ends_on:%d/%m/%Y} ({_plain(procedure.posting.label)}) tại: {posting.places}"
        )
    return [
        posting_title(review),
        f"Kết quả rà soát định kỳ năm {review.year} theo chuẩn {review.standard} — "
        f"{_place(review, village)}",
        period,
    ]


def posting_pdf(review, lists, posting, village=None) -> bytes:
    """The provisional lists to post at the commune office or a village's community house."""
    s = styles()

    def body(width):
        story, totals = [], []
        for number, (status, _label, entries) in enumerate(lists):
            totals.append((STATUS_VI[status], len(entries)))
            story.append(
                Paragraph(f"{ROMAN[number]}. {STATUS_VI[status]} ({len(entries)} hộ)", s["h2"])
            )
            rows = [["STT", "Mã hộ", "Họ và tên chủ hộ", "Thôn", "Trước rà soát"]]
            rows += [
                [str(i), e.household.code, Paragraph(e.household.head_name or "—", s["cell"]),
                 Paragraph(e.village.name, s["cell"]),
                 Paragraph(STATUS_VI[PovertyStatus(e.previous_status)], s["cell"])]
                for i, e in enumerate(entries, start=1)
            ] or [["", "", "Không có", "", ""]]  # fmt: skip
            story.append(grid(rows, [12 * mm, 32 * mm, width - 124 * mm, 40 * mm, 40 * mm]))
        story.append(Paragraph("TỔNG HỢP", s["h2"]))
        total_rows = [["Danh sách", "Số hộ"]] + [[k, str(v)] for k, v in totals]
        total_rows.append(["Tổng cộng", str(sum(v for _k, v in totals))])
        story += [
            grid(total_rows, [90 * mm, 30 * mm], bold_last=True),
            Spacer(1, 4 * mm),
            Paragraph(
                "Mọi ý kiến, khiếu nại về danh sách này xin gửi Ủy ban nhân dân xã trong thời "
                "gian niêm yết.",
                s["body"],
            ),
        ]
        return story

    heading = _heading(review, "TB-UBND", ("NGƯỜI LẬP DANH SÁCH",))
    return official_pdf(heading, _posting_lines(review, posting, village), body, wide=False)


def posting_xlsx(review, lists, posting, village=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Niêm yết"
    heading = _heading(review, "TB-UBND", ("NGƯỜI LẬP DANH SÁCH",))
    sheet_heading(ws, heading, _posting_lines(review, posting, village), 6)
    ws.append(safe_row(["Danh sách", "STT", "Mã hộ", "Họ và tên chủ hộ", "Thôn", "Trước rà soát"]))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.freeze_panes = ws.cell(ws.max_row + 1, 1)
    totals = []
    for status, _label, entries in lists:
        totals.append((STATUS_VI[status], len(entries)))
        for i, e in enumerate(entries, start=1):
            ws.append(safe_row([
                STATUS_VI[status], i, e.household.code, e.household.head_name, e.village.name,
                STATUS_VI[PovertyStatus(e.previous_status)],
            ]))  # fmt: skip
    ws.append([])
    ws.append(["TỔNG HỢP", "Số hộ"])
    for label, n in totals:
        ws.append(safe_row([label, n]))
    ws.append(["Tổng cộng", sum(n for _label, n in totals)])
    for col, w in zip("ABCDEF", (30, 6, 16, 30, 22, 30), strict=True):
        ws.column_dimensions[col].width = w
    sheet_signatures(ws, heading, 6)
    return _bytes(wb)


def summary_headers() -> tuple[list[str], list[str]]:
    top = ["Thôn", "Số hộ rà soát"]
    sub = ["", ""]
    for status in SUMMARY_COLUMNS:
        top += [STATUS_VI[status], ""]
        sub += ["Hộ", "Khẩu"]
    top += ["Hộ nghèo mới", "Hộ cận nghèo mới"]
    sub += ["", ""]
    return top, sub


def _summary_lines(review, form_label, decision=None):
    procedure = procedure_by_code(review.procedure)
    lines = [
        SUMMARY_TITLE.format(year=review.year),
        f"{review.commune.name} — chuẩn {review.standard}, danh sách áp dụng năm {review.status_year}",
        _plain(f"{form_label}; gửi: {procedure.report_to}").replace(" — chưa xác minh", ""),
    ]
    if decision is not None:
        lines.append(
            f"Theo Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y} "
            f"({decision.signer_name})"
        )
    return lines


def summary_pdf(review, rows, total, form_label: str, decision=None) -> bytes:
    s = styles()
    top, sub = summary_headers()

    def body(width):
        data = [[Paragraph(h, s["cellb"]) if h else "" for h in top], sub]
        for row in rows:
            data.append([Paragraph(row.name, s["cell"]), *[str(v) for v in row.cells()]])
        data.append(["Tổng cộng", *[str(v) for v in total.cells()]])
        first = 38 * mm
        rest = (width - first) / (len(top) - 1)
        table = grid(data, [first] + [rest] * (len(top) - 1), header_rows=2, bold_last=True)
        spans = [("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1))]
        spans += [("SPAN", (2 + 2 * i, 0), (3 + 2 * i, 0)) for i in range(len(SUMMARY_COLUMNS))]
        spans += [("SPAN", (c, 0), (c, 1)) for c in (len(top) - 2, len(top) - 1)]
        table.setStyle(TableStyle([*spans, ("ALIGN", (1, 1), (-1, -1), "CENTER")]))
        return [table]

    heading = _heading(review, "BC-UBND", ("NGƯỜI LẬP BIỂU",))
    lines = _summary_lines(review, form_label, decision)
    return official_pdf(heading, lines, body, wide=True)


def summary_xlsx(review, rows, total, form_label: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    top, sub = summary_headers()
    heading = _heading(review, "BC-UBND", ("NGƯỜI LẬP BIỂU",))
    sheet_heading(ws, heading, _summary_lines(review, form_label), len(top))
    ws.append(safe_row(top))
    ws.append(safe_row(sub))
    for r in (ws.max_row - 1, ws.max_row):
        for cell in ws[r]:
            cell.font = Font(bold=True)
    ws.freeze_panes = ws.cell(ws.max_row + 1, 2)
    for row in rows:
        ws.append(safe_row([row.name, *row.cells()]))
    ws.append(["Tổng cộng", *total.cells()])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 26
    sheet_signatures(ws, heading, len(top))
    return _bytes(wb)
