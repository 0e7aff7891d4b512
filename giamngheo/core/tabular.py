"""Reading uploaded spreadsheets (.xlsx or .csv) and reporting row-level problems.

Imports check every row before writing anything; :class:`RowErrors` collects the
problems as (row, column, message) so the page can list each one in Vietnamese.
"""

import csv
import datetime
import io
import itertools
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook
from xlsxwriter import Workbook

from .search import fold
from .spreadsheets import neutralise, safe_row
from .uploads import check_size, check_table_extent, check_xlsx, decode_text


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str
    candidates: tuple[str, ...] = ()  # the units a row could mean, when it must choose


class RowErrors(ValidationError):
    """All problems found in a file; raised only after every row has been checked."""

    def __init__(self):
        self.rows: list[RowError] = []
        super().__init__(_("The file has errors; nothing was imported."))

    def add(self, row: int, column: str, message: str, candidates=()) -> None:
        self.rows.append(RowError(row, str(column), str(message), tuple(map(str, candidates))))

    def raise_if_any(self) -> None:
        if self.rows:
            self.rows.sort(key=lambda e: (e.row, e.column))
            raise self


def read_rows(
    upload, columns: dict[str, str], required: list[str] | None = None, *, kind: str
) -> list[dict]:
    """Rows of an uploaded file as dicts keyed by field name, with ``_row`` the sheet row.

    ``columns`` maps field names to the Vietnamese header expected in the first row;
    headers are matched without regard to case or diacritics. Headers listed in
    ``required`` (all of them by default) must be present; other columns may be left out.
    ``kind`` names the limits in ``settings.UPLOAD_LIMITS`` the file is measured against
    before it is parsed (see :mod:`giamngheo.core.uploads`).
    """
    table = _read_table(upload, kind)
    if not table:
        raise ValidationError(_("The file is empty."))
    positions = _column_positions(table[0], columns, required)
    rows = []
    for number, values in enumerate(table[1:], start=2):
        if not any(v not in (None, "") for v in values):
            continue
        row = {f: (values[i] if i < len(values) else None) for f, i in positions.items()}
        for field in columns.keys() - positions.keys():
            row[field] = None
        row["_row"] = number
        rows.append(row)
    return rows


def _read_table(upload, kind: str) -> list:
    """The cells of an uploaded .csv or .xlsx (first sheet), measured against the limits of
    ``kind`` before and while it is parsed."""
    name = (getattr(upload, "name", "") or "").lower()
    limits = check_size(upload, kind)
    if not name.endswith((".csv", ".xlsx")):
        raise ValidationError(_("Upload an .xlsx or .csv file."))
    data = upload.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        check_size(SimpleNamespace(size=len(data)), kind)  # a stream without a known size
    if name.endswith(".csv"):
        text = decode_text(data) if data else ""
        try:
            # Rows past the limit are not even split: one more than allowed says "too many".
            table = list(itertools.islice(csv.reader(io.StringIO(text)), limits.max_rows + 1))
        except csv.Error as exc:
            raise ValidationError(
                _("The CSV file cannot be read: a quoted value is not closed or is too long.")
            ) from exc
        check_table_extent(table, kind)
        return table
    check_xlsx(io.BytesIO(data), kind)
    # calamine (Rust) reads a 100,000-row sheet in about a second; openpyxl takes ~30 s.
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        return workbook.get_sheet_by_index(0).to_python(
            skip_empty_area=False, nrows=limits.max_rows
        )
    except Exception as exc:  # a damaged or mislabelled file raises several error types
        raise ValidationError(_("The file is not a readable .xlsx workbook.")) from exc


def _column_positions(header_row, columns: dict[str, str], required) -> dict[str, int]:
    """Where each field's column is in the header row; a missing required header is an
    error naming every missing one."""
    header = [fold(str(h or "")) for h in header_row]
    positions = {}
    missing = []
    for field, label in columns.items():
        try:
            positions[field] = header.index(fold(label))
        except ValueError:
            if required is None or label in required:
                missing.append(label)
    if missing:
        raise ValidationError(
            _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return positions


def cell_values(row) -> list:
    """One row as values the writer can take: lazy translations become text and user text is
    never a formula (``core.spreadsheets.safe_row``)."""
    return safe_row(row)


# XlsxWriter on its own turns text that looks like a formula, a URL or a number into one; every
# cell here is data, neutralised by safe_row, and must stay exactly the text it was.
WRITER_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "remove_timezone": True,
}


MAX_SHEET_ROWS = 1_048_576  # Excel's limit, header row included
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60


def _shown_length(value) -> int:
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(headers, sample_rows) -> list[float]:
    """A width per column (in characters) fitting its header and the sampled values."""
    widths = [_shown_length(h) for h in headers]
    for row in sample_rows:
        for column, value in enumerate(row):
            if column < len(widths) and value is not None:
                widths[column] = max(widths[column], _shown_length(value))
    return [min(max(w + 2, MIN_WIDTH), MAX_WIDTH) for w in widths]


def open_workbook(target):
    """An XlsxWriter workbook on ``target`` (a path or a binary file) in constant memory, with the
    options every export shares (cells stay exactly the text they are)."""
    return Workbook(target, WRITER_OPTIONS)


def add_sheet(wb, sheet_title: str = "Sheet1"):
    """A sheet of ``wb`` that writes dates and moments as dates, not as numbers."""
    ws = wb.add_worksheet(str(sheet_title)[:31])
    dates = wb.add_format({"num_format": "dd/mm/yyyy"})
    moments = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    ws.add_write_handler(
        datetime.date, lambda sheet, r, c, v, *a: sheet.write_datetime(r, c, v, dates)
    )
    ws.add_write_handler(
        datetime.datetime, lambda sheet, r, c, v, *a: sheet.write_datetime(r, c, v, moments)
    )
    return ws


def stream_rows(ws, first_row: int, rows, *, on_progress=None, every=5000, cell_format=None):
    """Write ``rows`` (an iterable of value lists) from the sheet row ``first_row`` on, each cell
    through ``cell_values``; returns how many rows were written.

    Text and numbers go straight to their typed writers (a tenth less CPU than write_row's
    guessing); the rest (None, "", booleans, dates) through write(). ``on_progress(n)`` is
    called every ``every`` rows.
    """
    write = ws.write
    typed = {str: ws.write_string, int: ws.write_number, float: ws.write_number}
    typed[Decimal] = ws.write_number
    written = 0
    for written, row in enumerate(rows, start=1):
        r = first_row + written - 1
        if r >= MAX_SHEET_ROWS:  # XlsxWriter would drop the rest without a word
            raise ValueError("more rows than one sheet holds")
        for column, value in enumerate(cell_values(row)):
            if value == "" and cell_format is None:
                continue  # an empty cell, as write() leaves it
            if value is None or value == "":
                ws.write_blank(r, column, None, cell_format)
                continue
            typed.get(value.__class__, write)(r, column, value, cell_format)
        if on_progress is not None and written % every == 0:
            on_progress(written)
    return written


def write_xlsx(target, headers, rows, sheet_title: str = "Sheet1", on_progress=None, every=5000):
    """Write a one-sheet workbook to ``target`` (a path or a binary file) in constant memory.

    XlsxWriter's ``constant_memory`` mode writes each row out as soon as the next one starts
    (text inline, no shared-string table), so a million-row export uses the memory of one row;
    it writes about three times as fast as openpyxl's write-only mode with lxml
    (bench/bench_export.py). ``on_progress(n)`` is called every ``every`` rows and at the end.
    Returns the number of data rows written.
    """
    wb = open_workbook(target)
    ws = add_sheet(wb, sheet_title)
    ws.write_row(0, 0, [neutralise(str(h)) for h in headers], wb.add_format({"bold": True}))
    # What office workers expect of a list: the header stays in view, columns wide enough to
    # read (measured on the first rows, as the rest are streamed), and a filter on every column.
    ws.freeze_panes(1, 0)
    rows = iter(rows)
    first = list(itertools.islice(rows, WIDTH_SAMPLE_ROWS))
    for column, width in enumerate(column_widths(headers, first)):
        ws.set_column(column, column, width)
    rows = itertools.chain(first, rows)
    written = stream_rows(ws, 1, rows, on_progress=on_progress, every=every)
    if headers:
        ws.autofilter(0, 0, written, len(headers) - 1)
    wb.close()
    if on_progress is not None:
        on_progress(written)
    return written


def xlsx_response(filename: str, headers: list[str], rows, sheet_title: str = "Sheet1"):
    """A small .xlsx download built during the request (large lists go through core.exports)."""
    buffer = io.BytesIO()
    write_xlsx(buffer, headers, rows, sheet_title)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
