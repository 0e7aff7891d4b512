"""Province reports written by the background worker (core.exports), never during a request.

A province report reads every household of the province (a million on the benchmark) and the
detailed lists write one row per listed household: more than the few seconds a request may
take. The download button queues an export job; the worker writes the file in the official
frame (``render``), with progress, and the requester downloads it from the job's page for
``EXPORT_RETENTION_HOURS``. The area is checked again, through the requester's scoping, when the
job runs. A commune's report takes well under a second and is still built in the request,
except a long detailed list as PDF (reportlab lays out ~6 ms a household: the largest commune
of the benchmark, 850 near-poor households, takes 5 s).
"""

from pathlib import Path

from django.http import QueryDict

from giamngheo.core import exports
from giamngheo.geo.models import Level

from .catalogue import BY_SLUG
from .figures import build_table
from .lists import list_count, list_rows
from .official import heading_for
from .render import list_pdf, list_xlsx, table_pdf, table_xlsx
from .scope import parse_period, report_area

FORMATS = ("xlsx", "pdf")
LIST_PDF_IN_REQUEST = 300  # households: about 2 s of PDF layout


def in_background(report, area, period, fmt: str) -> bool:
    """Whether the file is written by the worker rather than in the request."""
    if area.level != Level.COMMUNE:
        return True
    return (
        report.is_list and fmt == "pdf" and list_count(report, area, period) > LIST_PDF_IN_REQUEST
    )


def file_name(report, area, period, fmt: str) -> str:
    return f"{report.slug}_{area.code}_{period.key}.{fmt}"


def start(user, report, area, period, fmt: str):
    """Queue the report's file for the worker; the job (its page shows the progress)."""
    query = QueryDict(mutable=True)
    query.update({"bieu": report.slug, "don_vi": area.code, "ky": period.key, "dinh_dang": fmt})
    name = file_name(report, area, period, fmt)
    return exports.start(kind=REPORT_FILE.kind, by=user, query=query, filename=name)


def write(user, query: QueryDict, path: Path, on_total, on_progress) -> int:
    """The worker's side: the report as the user may see it, written at ``path``."""
    report = BY_SLUG[query["bieu"]]
    area = report_area(user, query["don_vi"])  # 404 (the job fails) once out of the user's area
    period = parse_period(query["ky"])
    fmt = query["dinh_dang"]
    if fmt not in FORMATS:
        raise ValueError("unknown format")
    heading = heading_for(area)
    if report.is_list:
        on_total(list_count(report, area, period))
        rows = list_rows(report, area, period)
        if fmt == "xlsx":
            return list_xlsx(report, area, period, rows, heading, path, on_progress)
        path.write_bytes(list_pdf(report, area, period, rows, heading))
        return list_count(report, area, period)
    table = build_table(report, area, period)
    on_total(len(table.rows) + 1)
    if fmt == "xlsx":
        table_xlsx(table, heading, path)
    else:
        path.write_bytes(table_pdf(table, heading))
    return len(table.rows) + 1


REPORT_FILE = exports.register(exports.Export(kind="report", filename="bao-cao.xlsx", write=write))
