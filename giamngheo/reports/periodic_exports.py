"""The periodic report as an .xlsx workbook: a title block, then the template's lines."""

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from giamngheo.core.spreadsheets import safe_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_workbook(template, unit, period, lines) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Report")[:31]
    ws.append(safe_row([template.name]))
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(safe_row([_("Reporting unit"), unit.name]))
    ws.append(safe_row([_("Period"), str(period.label)]))
    ws.append(safe_row([_("Template of"), template.office.name]))
    ws.append([])
    ws.append(safe_row([_("No."), _("Item"), _("Value"), _("Unit")]))
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for number, line in enumerate(lines, start=1):
        ws.append(safe_row([number, line.label, line.value, line.unit]))
        if line.is_text:
            ws.cell(row=ws.max_row, column=3).alignment = Alignment(wrap_text=True)
        else:
            ws.cell(row=ws.max_row, column=3).number_format = "#,##0"
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 40
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def report_response(template, unit, period, lines) -> HttpResponse:
    response = HttpResponse(report_workbook(template, unit, period, lines), content_type=XLSX)
    filename = f"bao-cao-{template.pk}-{unit.code}-{period.slug}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
