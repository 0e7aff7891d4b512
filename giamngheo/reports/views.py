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
from django.views.decorators.http import require_GET

from giamngheo.accounts.scoping import visible_units

from .catalogue import BY_SLUG, REPORTS, Figure
from .figures import build_table, figure_for, households_behind
from .lists import LIST_HEADERS, list_rows
from .official import heading_for
from .render import list_pdf, list_xlsx, table_pdf, table_xlsx, title_lines
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
    name = f"{report.slug}_{area.code}_{period.key}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_GET
def report_view(request, slug, area, period, fmt=None):
    report = _report(slug)
    area = report_area(request.user, area)
    period = parse_period(period)
    if fmt is not None and fmt not in CONTENT_TYPES:
        raise Http404
    heading = heading_for(area)
    if report.is_list:
        if fmt:
            writer = list_xlsx if fmt == "xlsx" else list_pdf
            rows = list_rows(report, area, period)
            return _file(writer(report, area, period, rows, heading), fmt, report, area, period)
        rows = []
        for n, (household, values) in enumerate(list_rows(report, area, period)):
            if n == SCREEN_LIST_LIMIT:
                break
            rows.append((household, values))
        return _page(request, report, area, period, {"list_rows": rows, "headers": LIST_HEADERS})
    table = build_table(report, area, period)
    if fmt:
        writer = table_xlsx if fmt == "xlsx" else table_pdf
        return _file(writer(table, heading), fmt, report, area, period)
    return _page(request, report, area, period, {"table": table})


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
