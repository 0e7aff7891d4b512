"""Import templates office workers can fill in without guessing, and import as downloaded.

The first sheet (the one an import reads) holds only the header row: a drop-down list (data
validation) on every coded column, required headers marked, the header frozen. Examples live on
a second sheet, so importing the template unchanged adds nothing and collides with nothing; the
allowed values of every coded column are listed on a third sheet, which the drop-downs point at.
"""

import io
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .spreadsheets import safe_row
from .tabular import column_widths

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
REQUIRED_FILL = PatternFill("solid", fgColor="FDE9D9")


@dataclass(frozen=True)
class TemplateColumn:
    header: str
    allowed: tuple[str, ...] = ()  # the drop-down's values (labels the import accepts)
    strict: bool = True  # False: the list is offered, other text (e.g. "A, B") is accepted
    required: bool = False


def _lists_sheet(wb, columns):
    """One column of allowed values per coded column; returns {index: range formula}."""
    ws = wb.create_sheet(_("Allowed values")[:31])
    ranges, out = {}, 0
    for index, column in enumerate(columns):
        if not column.allowed:
            continue
        out += 1
        letter = get_column_letter(out)
        ws.cell(row=1, column=out, value=column.header).font = Font(bold=True)
        for row, value in enumerate(column.allowed, start=2):
            ws.cell(row=row, column=out, value=safe_row([value])[0])
        ws.column_dimensions[letter].width = min(max(len(str(v)) for v in column.allowed) + 2, 60)
        last = len(column.allowed) + 1
        ranges[index] = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${last}"
    ws.freeze_panes = "A2"
    return ranges


def _header(ws, columns, widths):
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=safe_row([column.header])[0])
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = REQUIRED_FILL
        ws.column_dimensions[get_column_letter(index)].width = widths[index - 1]
    ws.freeze_panes = "A2"


def template_workbook(columns, examples, *, data_title, max_rows=5000) -> bytes:
    """The workbook's bytes: data sheet (header + drop-downs), examples, allowed values."""
    wb = Workbook()
    data = wb.active
    data.title = str(data_title)[:31]
    widths = column_widths([c.header for c in columns], examples)
    _header(data, columns, widths)
    ranges = _lists_sheet(wb, columns)
    for index, formula in ranges.items():
        column = columns[index]
        check = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=column.strict,
            errorTitle=_("Value not allowed"),
            error=_("Choose a value from the list (sheet “%(sheet)s”).")
            % {"sheet": _("Allowed values")},
            promptTitle=column.header[:32],
            prompt=_("Choose from the list."),
        )
        letter = get_column_letter(index + 1)
        check.add(f"{letter}2:{letter}{max_rows + 1}")
        data.add_data_validation(check)
    sample = wb.create_sheet(_("Examples")[:31], 1)
    _header(sample, columns, widths)
    for row in examples:
        sample.append(safe_row(row))
    note = len(examples) + 3
    sample.cell(row=note, column=1, value=_("Examples only: this sheet is never imported."))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def template_response(filename: str, columns, examples, *, data_title) -> HttpResponse:
    response = HttpResponse(
        template_workbook(columns, examples, data_title=data_title), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
