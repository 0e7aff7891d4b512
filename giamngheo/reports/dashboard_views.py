"""The area dashboard, as a page and in the API: thin views over ``dashboard``."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from . import dashboard
from .serializers import DashboardSerializer


@login_required
def area_dashboard(request, code: str | None = None):
    """The dashboard of one area; without a code, of the user's widest area."""
    if not dashboard.has_dashboard(request.user):
        raise Http404
    if code is None:
        unit = dashboard.default_area(request.user)
        if unit is None:
            raise Http404
        return redirect("reports:dashboard", code=unit.code)
    unit = dashboard.area_for(request.user, code)
    figures = dashboard.cached_area_figures(unit)
    context = {"dashboard": figures, "dashboard_charts": dashboard.chart_specs(figures)}
    return render(request, "reports/dashboard.html", context)


class DashboardAPIView(APIView):
    """The area dashboard's figures for one unit of the caller's area (404 outside it)."""

    @extend_schema(responses=DashboardSerializer, operation_id="area_dashboard")
    def get(self, request, code: str):
        if not dashboard.has_dashboard(request.user):
            raise Http404
        figures = dashboard.cached_area_figures(dashboard.area_for(request.user, code))
        return Response(DashboardSerializer(figures).data)
