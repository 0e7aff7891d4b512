"""A report as an official table: numbered columns under their group headings, a row per
sub-area and a totals row, in the official frame (``official``), as .xlsx and as PDF."""

import io

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, TableStyle

from giamngheo.core.spreadsheets import safe_row
from giamngheo.core.tabular import open_workbook, stream_rows
from giamngheo.geo.models import Level

from .catalogue import Ratio
from .figures import ReportTable
from .lists import LIST_HEADERS, LIST_WIDTHS
from .official import (
    Heading,
    grid,
    official_pdf,
    styles,
    xlsx_formats,
    xlsx_heading,
    xlsx_signatures,
)


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


def _write(target, title: str, fill) -> bytes | None:
    """An official workbook written by ``fill(wb, ws, formats)`` to ``target`` (a path, for the
    worker) or, without one, returned as bytes (a commune's report, during the request)."""
    buffer = io.BytesIO() if target is None else None
    wb = open_workbook(buffer if target is None else target)
    fill(wb, wb.add_worksheet(title), xlsx_formats(wb))
    wb.close()
    return buffer.getvalue() if buffer is not None else None


def _table_header(ws, formats, table: ReportTable, first: int) -> None:
    """The group, label and number rows (0-based from ``first``), merged as printed."""
    groups, labels, numbers, spans = header_rows(table)
    spanned = {col for start, end, _t in spans if end > start for col in range(start, end + 1)}
    for col, text in enumerate(groups):
        if col < 2 or not labels[col]:
            ws.merge_range(first, col, first + 1, col, safe_row([text])[0], formats["header"])
        elif col not in spanned:
            ws.write_string(first, col, safe_row([text])[0], formats["header"])
    for start, end, text in spans:
        if end > start:
            ws.merge_range(first, start, first, end, safe_row([text])[0], formats["header"])
    for col, text in enumerate(labels):
        if col >= 2 and text:
            ws.write_string(first + 1, col, safe_row([text])[0], formats["header"])
    ws.write_row(first + 2, 0, numbers, formats["header"])
    ws.set_row(first + 1, 60)


def table_xlsx(table: ReportTable, heading: Heading, target=None) -> bytes | None:
    ncols = len(table.shown) + 2
    ratio_cols = {i + 2 for i, c in enumerate(table.shown) if isinstance(c, Ratio)}

    def fill(wb, ws, formats):
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.set_column(0, 0, 6)
        ws.set_column(1, 1, 28)
        ws.set_column(2, ncols - 1, 13)
        first = xlsx_heading(
            ws, formats, heading, title_lines(table.report, table.area, table.period), ncols
        )
        _table_header(ws, formats, table, first)
        ws.freeze_panes(first + 3, 2)
        rows = body_rows(table)
        row = first + 3
        for n, values in enumerate(rows):
            kind = "total" if n == len(rows) - 1 else "cell"
            for col, value in enumerate(safe_row(values)):
                style = (
                    formats[f"{kind}_ratio" if kind == "total" else "ratio"]
                    if col in ratio_cols
                    else formats[kind]
                )
                if value is None or value == "":
                    ws.write_blank(row, col, None, style)
                else:
                    ws.write(row, col, value, style)
            row += 1
        xlsx_signatures(ws, formats, heading, ncols, row)

    return _write(target, f"Biểu {table.report.number:02d}", fill)


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


def list_xlsx(report, area, period, rows, heading: Heading, target=None, on_progress=None):
    """A detailed list in the official frame; ``rows`` (``lists.list_rows``) are streamed into
    the constant-memory writer. Bytes without ``target``, else the number of households."""
    ncols = len(LIST_HEADERS)
    counted = []

    def fill(wb, ws, formats):
        ws.set_landscape()
        ws.set_paper(9)  # A4
        for col, width in enumerate(LIST_WIDTHS):
            ws.set_column(col, col, width)
        header = xlsx_heading(ws, formats, heading, title_lines(report, area, period), ncols)
        ws.write_row(header, 0, safe_row(LIST_HEADERS), formats["header"])
        ws.write_row(header + 1, 0, ["A", *[str(i) for i in range(1, ncols)]], formats["header"])
        ws.freeze_panes(header + 2, 2)
        values = (values for _code, values in rows)
        count = stream_rows(ws, header + 2, values, on_progress=on_progress)
        last = header + 2 + count
        ws.write_string(last, 1, f"Tổng cộng: {count} hộ", formats["strong"])
        ws.autofilter(header, 0, last - 1, ncols - 1)
        xlsx_signatures(ws, formats, heading, ncols, last + 1)
        counted.append(count)

    content = _write(target, f"Biểu {report.number:02d}", fill)
    return content if target is None else counted[0]


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
        table = grid(data, [width * f for f in fractions], header_rows=1, bold_last=True)
        table.setStyle(TableStyle([("SPAN", (1, -1), (-1, -1))]))
        return [table]

    return official_pdf(heading, title_lines(report, area, period), body, wide=True)


def _bytes(wb) -> bytes:
    """An openpyxl workbook as bytes (the review's printouts)."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
