"""The review reports on screen, as .xlsx and as PDF, and the households behind a number.

Every view takes the area through ``scope.report_area`` (404 outside the user's area) and the
households behind a number through ``accounts.scoping.scoped``.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from giamngheo.accounts.scoping import visible_units

from .catalogue import BY_SLUG, REPORTS, Figure
from .figures import build_table, figure_for, households_behind
from .lists import LIST_HEADERS, list_rows
from .official import heading_for
from .render import list_pdf, list_xlsx, table_pdf, table_xlsx, title_lines
from .report_jobs import file_name, in_background
from .report_jobs import start as start_job
from .scope import AREA_LEVELS, default_area, parse_period, report_area

SCREEN_LIST_LIMIT = 500
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


@login_required
@require_GET
def index(request):
    """Choose a report, an area and a period; the choice is a plain GET form."""
    areas = visible_units(request.user).filter(level__in=AREA_LEVELS).order_by("path")
    slug = request.GET.get("bieu")
    if slug in BY_SLUG and request.GET.get("don_vi"):
        area = report_area(request.user, request.GET["don_vi"])
        period = parse_period(request.GET.get("ky"))
        return redirect("reports:report", slug=slug, area=area.code, period=period.key)
    area = default_area(request.user)
    return render(
        request,
        "reports/index.html",
        {
            "reports": REPORTS,
            "areas": areas[:200],
            "area": area,
            "period": parse_period(None),
        },
    )


def _report(slug):
    report = BY_SLUG.get(slug)
    if report is None:
        raise Http404
    return report


def _file(content: bytes, fmt: str, report, area, period) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = file_name(report, area, period, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def report_view(request, slug, area, period):
    report = _report(slug)
    area = report_area(request.user, area)
    period = parse_period(period)
    context = {"downloads": [(f, in_background(report, area, period, f)) for f in CONTENT_TYPES]}
    if report.is_list:
        rows = list(list_rows(report, area, period, limit=SCREEN_LIST_LIMIT))
        context |= {"list_rows": rows, "headers": LIST_HEADERS}
    else:
        context["table"] = build_table(report, area, period)
    return _page(request, report, area, period, context)


@login_required
@require_http_methods(["GET", "POST"])
def report_file(request, slug, area, period, fmt):
    """The report as .xlsx or PDF. A commune's is built in the request (GET); a province's, or
    a long list as PDF, is queued for the worker (POST from the report page) and downloaded
    from the job's page."""
    report = _report(slug)
    area = report_area(request.user, area)
    period = parse_period(period)
    if fmt not in CONTENT_TYPES:
        raise Http404
    if request.method == "POST":
        job = start_job(request.user, report, area, period, fmt)
        return redirect("core:export_job", pk=job.pk)
    if in_background(report, area, period, fmt):
        return redirect("reports:report", slug=report.slug, area=area.code, period=period.key)
    heading = heading_for(area)
    if report.is_list:
        writer = list_xlsx if fmt == "xlsx" else list_pdf
        rows = list_rows(report, area, period)
        return _file(writer(report, area, period, rows, heading), fmt, report, area, period)
    writer = table_xlsx if fmt == "xlsx" else table_pdf
    return _file(writer(build_table(report, area, period), heading), fmt, report, area, period)


def _page(request, report, area, period, context):
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "area": area,
            "period": period,
            "title_lines": title_lines(report, area, period),
            "limit": SCREEN_LIST_LIMIT,
            **context,
        },
    )


@login_required
@require_GET
def households_view(request, slug, area, period):
    """The households counted in one cell (``cot`` = column, ``hang`` = sub-area row)."""
    report = _report(slug)
    area = report_area(request.user, area)
    period = parse_period(period)
    figure = figure_for(report, area, period, request.GET.get("cot", ""))
    if not isinstance(figure, Figure):
        raise Http404
    try:
        unit_id = int(request.GET["hang"]) if request.GET.get("hang") else None
    except ValueError as exc:
        raise Http404 from exc
    households = households_behind(request.user, report, area, period, figure, unit_id)
    page = Paginator(households, 50).get_page(request.GET.get("page"))
    back = reverse("reports:report", args=[report.slug, area.code, period.key])
    return render(
        request,
        "reports/households.html",
        {
            "report": report,
            "area": area,
            "period": period,
            "figure": figure,
            "page": page,
            "back": back,
            "caption": _("Households behind the figure"),
        },
    )
