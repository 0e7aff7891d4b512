"""The offline copy of the user's area for the field app: households and members as compact
rows (column names once, values as arrays), gzipped. Citizen IDs are always masked, whatever
the role: a phone can be lost, and the field work needs only to recognise a person."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from giamngheo.accounts.models import PersonalDataRead
from giamngheo.accounts.personal_data import area_unit, mask_citizen_id, record_read
from giamngheo.accounts.scoping import visible_units
from giamngheo.assistance.catalogues import NeedKind, ShockKind
from giamngheo.collaborators.models import Duty
from giamngheo.collaborators.selectors import collaborator_of
from giamngheo.geo.models import Level
from giamngheo.households.models import Member, Relation, Sex
from giamngheo.households.selectors import households_visible_to
from giamngheo.households.services import HOUSEHOLD_FIELDS, MEMBER_FIELDS
from giamngheo.reviews.models import AdHocReview, AdHocState, AnnualState, ReviewEntry

HOUSEHOLD_COLUMNS = ["code", "village__code", "head_name", "status", "version", *HOUSEHOLD_FIELDS]
MEMBER_COLUMNS = ["id", "household__code", *MEMBER_FIELDS]


def household_copy(household) -> dict:
    """One household as the phone holds it (for a conflict: the server's version)."""
    row = {name: getattr(household, name) for name in HOUSEHOLD_FIELDS}
    members = [
        {"id": m.pk, **{n: getattr(m, n) for n in MEMBER_FIELDS}}
        for m in household.members.order_by("id")
    ]
    for m in members:
        m["citizen_id"] = mask_citizen_id(m["citizen_id"] or "")
    return {"code": household.code, "village": household.village.code,
            "head_name": household.head_name, "version": household.version,
            **row, "members": members}  # fmt: skip


def _households(user, commune_code: str | None):
    queryset = households_visible_to(user)
    if commune_code:
        queryset = queryset.filter(commune__code=commune_code)
    limit = settings.OFFLINE_COPY_MAX_HOUSEHOLDS
    if queryset[limit : limit + 1].exists():
        raise ValidationError(
            {"commune": _("Your area holds more than %(n)d households: choose one commune for "
                          "the offline copy.") % {"n": limit}}
        )  # fmt: skip
    return queryset


def _rows(queryset, columns) -> list[list]:
    return [list(row) for row in queryset.values_list(*columns)]


def _members(households) -> list[list]:
    rows = _rows(
        Member.objects.filter(household__in=households.values("pk")).order_by("household_id", "id"),
        MEMBER_COLUMNS,
    )
    at = MEMBER_COLUMNS.index("citizen_id")
    for row in rows:
        row[at] = mask_citizen_id(row[at] or "")
    return rows


def _tasks(user) -> list[dict]:
    collaborator = collaborator_of(user)
    if collaborator is None:
        return []
    month = timezone.localdate().replace(day=1)
    start = (month - timezone.timedelta(days=1)).replace(day=1)
    return [
        {"id": a.pk, "month": a.month, "duty": a.duty, "description": a.description,
         "due_on": a.due_on, "households": [h.code for h in a.households.all()]}
        for a in collaborator.assignments.filter(month__gte=start).prefetch_related("households")
    ]  # fmt: skip


def _surveys(user, households) -> list[dict]:
    codes = households.values("pk")
    entries = ReviewEntry.objects.filter(
        household__in=codes, review__state=AnnualState.SURVEYING
    ).values_list("pk", "household__code", "review__procedure", "review__standard")
    adhoc = AdHocReview.objects.filter(household__in=codes, state=AdHocState.SUBMITTED).values_list(
        "pk", "household__code", "procedure", "standard", "version"
    )
    return [
        {"entry": pk, "household": code, "procedure": p, "standard": s} for pk, code, p, s in entries
    ] + [
        {"adhoc": pk, "household": code, "procedure": p, "standard": s, "version": v}
        for pk, code, p, s, v in adhoc
    ]  # fmt: skip


def _choices() -> dict:
    return {name: [[v, str(label)] for v, label in enum.choices] for name, enum in
            {"need": NeedKind, "shock": ShockKind, "duty": Duty, "relation": Relation,
             "sex": Sex}.items()}  # fmt: skip


@extend_schema(
    parameters=[OpenApiParameter("commune", description="commune code, when the area is larger")],
    responses=inline_serializer("OfflineCopy", {"household_columns": serializers.ListField(),
                                "households": serializers.ListField()}),
)  # fmt: skip
@gzip_page
@api_view(["GET"])
def offline_copy(request):
    """Everything the field app needs without signal, in one compressed answer."""
    households = _households(request.user, request.query_params.get("commune"))
    rows = _rows(households.order_by("code"), HOUSEHOLD_COLUMNS)
    villages = visible_units(request.user).filter(
        level=Level.VILLAGE, parent__in=households.values("commune")
    )
    record_read(user=request.user, action=PersonalDataRead.Action.API, unit=area_unit(request.user),
                subject="api/ban-sao", count=len(rows))  # fmt: skip
    return Response({
        "generated_at": timezone.now(), "user": request.user.get_username(),
        "wipe_after_days": settings.OFFLINE_COPY_WIPE_AFTER_DAYS,
        "villages": list(villages.order_by("code").values_list("code", "name")),
        "household_columns": HOUSEHOLD_COLUMNS, "households": rows,
        "member_columns": MEMBER_COLUMNS, "members": _members(households),
        "tasks": _tasks(request.user), "surveys": _surveys(request.user, households),
        "choices": _choices(),
    })  # fmt: skip
