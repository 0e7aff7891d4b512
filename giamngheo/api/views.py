"""Read-only REST API; every queryset comes from the same scoping function as the pages."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from giamngheo.accounts.models import PersonalDataRead
from giamngheo.accounts.personal_data import area_unit, record_read
from giamngheo.accounts.scoping import scoped
from giamngheo.core.citizen_id import looks_like_citizen_id, normalise_citizen_id
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Member
from giamngheo.households.selectors import household_filter, households_visible_to

from .household_writes import HouseholdWriteMixin
from .serializers import HouseholdListSerializer, HouseholdSerializer, UnitSerializer


class CodeCursor(CursorPagination):
    """Cursor paging by code: no COUNT(*) and stable pages over a million households."""

    ordering = "code"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def get_page_size(self, request):
        """A page size that is not a whole number from 1 to 1000 is refused, not ignored."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: _(
                        "The page size must be a whole number from 1 to %(max)d."
                    )
                    % {"max": self.max_page_size}
                }
            )
        return int(raw)


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer
    lookup_field = "code"
    pagination_class = CodeCursor

    def get_queryset(self):
        queryset = scoped(Unit.objects.select_related("parent"), self.request.user, via=None)
        level = self.request.query_params.get("level")
        if level and level not in Level.values:
            raise ValidationError(
                {
                    "level": _("Unknown level; use one of: %(levels)s.")
                    % {"levels": ", ".join(Level.values)}
                }
            )
        return queryset.filter(level=level) if level else queryset


class HouseholdViewSet(HouseholdWriteMixin, viewsets.ReadOnlyModelViewSet):
    """Filters as on the list page: commune, village, status, ethnicity, policy_group, indicator, q.

    An invalid filter value is a 400 naming the filter, never a silently wider list. A search
    by citizen ID is a POST to ``tim-cccd/`` so the number stays out of URLs and logs. A PATCH
    changes the household through the edit page's service (``household_writes``).
    """

    lookup_field = "code"
    pagination_class = CodeCursor

    def get_serializer_class(self):
        return HouseholdSerializer if self.action == "retrieve" else HouseholdListSerializer

    def get_queryset(self):
        params = self.request.query_params
        if looks_like_citizen_id(params.get("q") or ""):
            raise ValidationError(
                {"q": _("Search by citizen ID with a POST to tim-cccd/, not in the address.")}
            )
        filterset = household_filter(self.request.user, params)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        self.filters = filterset.form.cleaned_data
        queryset = filterset.qs.select_related("commune", "village")
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("members", queryset=Member.objects.order_by("id")),
                "status_records",
                "deprivations",
                "policy_tags",
            )
        return queryset

    def retrieve(self, request, *args, **kwargs):
        household = self.get_object()
        record_read(user=request.user, action=PersonalDataRead.Action.API, unit=household.commune,
                    subject=household.code)  # fmt: skip
        return Response(self.get_serializer(household).data)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        filters = getattr(self, "filters", {})
        record_read(
            user=request.user,
            action=PersonalDataRead.Action.API,
            unit=area_unit(request.user, filters.get("village"), filters.get("commune")),
            subject="api/ho-gia-dinh",
            count=len(response.data.get("results", [])),
        )
        return response

    @extend_schema(
        request=inline_serializer("CitizenIdSearch", {"citizen_id": serializers.CharField()}),
        responses=HouseholdListSerializer(many=True),
        parameters=[OpenApiParameter("page_size", exclude=True)],
    )
    @action(detail=False, methods=["post"], url_path="tim-cccd")
    def search_by_citizen_id(self, request):
        """Households in the caller's area with a member holding this citizen ID."""
        value = normalise_citizen_id(request.data.get("citizen_id"))
        if not (value.isdigit() and len(value) == 12):
            raise ValidationError({"citizen_id": _("A citizen ID has exactly 12 digits.")})
        households = (
            households_visible_to(request.user)
            .filter(members__citizen_id=value)
            .select_related("commune", "village")
            .distinct()
            .order_by("code")
        )
        record_read(user=request.user, action=PersonalDataRead.Action.SEARCH,
                    unit=area_unit(request.user))  # fmt: skip
        return Response(HouseholdListSerializer(households, many=True).data)
