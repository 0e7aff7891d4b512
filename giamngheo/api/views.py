"""Read-only REST API; every queryset comes from the same scoping function as the pages."""

from django.db.models import Prefetch
from rest_framework import viewsets
from rest_framework.pagination import CursorPagination

from giamngheo.accounts.scoping import scoped
from giamngheo.geo.models import Unit
from giamngheo.households.models import Member
from giamngheo.households.selectors import household_filter

from .serializers import HouseholdListSerializer, HouseholdSerializer, UnitSerializer


class CodeCursor(CursorPagination):
    """Cursor paging by code: no COUNT(*) and stable pages over a million households."""

    ordering = "code"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer
    lookup_field = "code"
    pagination_class = CodeCursor

    def get_queryset(self):
        queryset = scoped(Unit.objects.select_related("parent"), self.request.user, via=None)
        level = self.request.query_params.get("level")
        return queryset.filter(level=level) if level else queryset


class HouseholdViewSet(viewsets.ReadOnlyModelViewSet):
    """Filters as on the list page: commune, village, status, ethnicity, policy_group, indicator, q."""

    lookup_field = "code"
    pagination_class = CodeCursor

    def get_serializer_class(self):
        return HouseholdSerializer if self.action == "retrieve" else HouseholdListSerializer

    def get_queryset(self):
        filterset = household_filter(self.request.user, self.request.query_params)
        queryset = filterset.qs.select_related("commune", "village")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("members", queryset=Member.objects.order_by("id")),
                "status_records",
                "deprivations",
                "policy_tags",
            )
        return queryset
