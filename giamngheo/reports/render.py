"""A report as an official table: numbered columns under their group headings, a row per
sub-area and a totals row, in the official frame (``official``), as .xlsx and as PDF."""

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, TableStyle

from giamngheo.core.spreadsheets import safe_row
from giamngheo.geo.models import Level

from .catalogue import Ratio
from .figures import LIST_HEADERS, ReportTable
from .official import Heading, grid, official_pdf, sheet_heading, sheet_signatures, styles

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")


def number(value) -> str:
    """A figure as Vietnamese print it: 1.234 and 40,25."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{value:,}".replace(",", ".")


def unit_label(table_or_area) -> str:
    area = getattr(table_or_area, "area", table_or_area)
    return "Thôn, tổ dân phố" if area.level == Level.COMMUNE else "Xã, phường, đặc khu"


def title_lines(report, area, period) -> list[str]:
    return [
        f"Biểu {report.number:02d}. {report.title.upper()}",
        f"Địa bàn: {area.name}" + (f", {area.parent.name}" if area.level == Level.COMMUNE else ""),
        f"Kỳ báo cáo: {period.label} (từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y})",
        "Đơn vị tính: hộ; trẻ em: người; tỷ lệ: %",
    ]


def header_rows(table: ReportTable) -> tuple[list, list, list, list]:
    """Group row, label row, number row, and the column spans ``(first, last, text)`` of groups."""
    columns = table.shown
    groups, labels, numbers, spans = ["STT", unit_label(table)], ["", ""], ["A", "B"], []
    for i, c in enumerate(columns, start=2):
        groups.append(c.group or c.label)
        labels.append(c.label if c.group else "")
        numbers.append(str(i - 1))
        if c.group and spans and spans[-1][2] == c.group and spans[-1][1] == i - 1:
            spans[-1] = (spans[-1][0], i, c.group)
        elif c.group:
            spans.append((i, i, c.group))
    return groups, labels, numbers, spans


def body_rows(table: ReportTable) -> list[list]:
    rows = [
        [n, row.label, *(row.values[c.key] for c in table.shown)]
        for n, row in enumerate(table.rows, start=1)
    ]
    rows.append(["", table.total.label, *(table.total.values[c.key] for c in table.shown)])
    return rows


def table_xlsx(table: ReportTable, heading: Heading) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Biểu {table.report.number:02d}"
    groups, labels, numbers, spans = header_rows(table)
    ncols = len(groups)
    sheet_heading(ws, heading, title_lines(table.report, table.area, table.period), ncols)
    first = ws.max_row + 1
    for values in (groups, labels, numbers):
        ws.append(safe_row(values))
    for col in range(1, ncols + 1):
        if col <= 2 or not labels[col - 1]:
            ws.merge_cells(start_row=first, start_column=col, end_row=first + 1, end_column=col)
    for start, end, _text in spans:
        if end > start:
            ws.merge_cells(
                start_row=first, start_column=start + 1, end_row=first, end_column=end + 1
            )
    for r in range(first, first + 3):
        for col in range(1, ncols + 1):
            cell = ws.cell(r, col)
            cell.font, cell.border, cell.fill = Font(bold=True), BOX, HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ratio_cols = {i + 3 for i, c in enumerate(table.shown) if isinstance(c, Ratio)}
    for values in body_rows(table):
        ws.append(safe_row(values))
        for col in range(1, ncols + 1):
            cell = ws.cell(ws.max_row, col)
            cell.border = BOX
            if col in ratio_cols:
                cell.number_format = "0.00"
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    ws.freeze_panes = ws.cell(first + 3, 3)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 28
    for col in range(3, ncols + 1):
        ws.column_dimensions[get_column_letter(col)].width = 13
    ws.row_dimensions[first + 1].height = 60
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    sheet_signatures(ws, heading, ncols)
    return _bytes(wb)


def table_pdf(table: ReportTable, heading: Heading) -> bytes:
    s = styles()
    groups, labels, numbers, spans = header_rows(table)
    ncols = len(groups)

    def body(width):
        data = [
            [Paragraph(str(g), s["cellb"]) for g in groups],
            [Paragraph(str(label), s["cellb"]) for label in labels],
            numbers,
        ]
        for values in body_rows(table):
            data.append([str(values[0]), Paragraph(values[1], s["cell"]), *map(number, values[2:])])
        first, unit = 8 * mm, 32 * mm
        rest = (width - first - unit) / max(1, ncols - 2)
        t = grid(data, [first, unit] + [rest] * (ncols - 2), header_rows=3, bold_last=True)
        commands = [("ALIGN", (0, 2), (-1, -1), "CENTER"), ("ALIGN", (2, 3), (-1, -1), "RIGHT")]
        for col in range(ncols):
            if col < 2 or not labels[col]:
                commands.append(("SPAN", (col, 0), (col, 1)))
        commands += [("SPAN", (a, 0), (b, 0)) for a, b, _t in spans if b > a]
        t.setStyle(TableStyle(commands))
        return [t]

    lines = title_lines(table.report, table.area, table.period)
    return official_pdf(heading, lines, body, wide=ncols > 7 or table.report.landscape)


def list_xlsx(report, area, period, rows, heading: Heading) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"Biểu {report.number:02d}"
    ncols = len(LIST_HEADERS)
    sheet_heading(ws, heading, title_lines(report, area, period), ncols)
    ws.append(safe_row(LIST_HEADERS))
    header = ws.max_row
    ws.append(safe_row(["A", *[str(i) for i in range(1, ncols)]]))
    for r in (header, header + 1):
        for cell in ws[r]:
            cell.font, cell.border, cell.fill = Font(bold=True), BOX, HEADER_FILL
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    count = 0
    for _household, values in rows:
        ws.append(safe_row(values))
        count += 1
    ws.append(safe_row(["", f"Tổng cộng: {count} hộ"]))
    ws.cell(ws.max_row, 2).font = Font(bold=True)
    ws.freeze_panes = ws.cell(header + 2, 3)
    for col, width in enumerate((6, 16, 24, 18, 12, 26, 40, 22, 60), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.auto_filter.ref = f"A{header}:{get_column_letter(ncols)}{ws.max_row - 1}"
    sheet_signatures(ws, heading, ncols)
    return _bytes(wb)


def list_pdf(report, area, period, rows, heading: Heading) -> bytes:
    s = styles()

    def body(width):
        data = [[Paragraph(h, s["cellb"]) for h in LIST_HEADERS]]
        count = 0
        for _household, values in rows:
            data.append([str(values[0]), *(Paragraph(str(v), s["cell"]) for v in values[1:])])
            count += 1
        data.append(["", Paragraph(f"<b>Tổng cộng: {count} hộ</b>", s["cell"]), *[""] * 7])
        fractions = (0.03, 0.08, 0.11, 0.08, 0.06, 0.11, 0.19, 0.1, 0.24)
        return [grid(data, [width * f for f in fractions], header_rows=1, bold_last=True)]

    return official_pdf(heading, title_lines(report, area, period), body, wide=True)


def _bytes(wb) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
