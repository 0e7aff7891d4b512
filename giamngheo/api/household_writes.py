"""A change to a household and its members from the field: through ``update_household``, the
service the edit page uses, with its optimistic ``version``. A change made on a phone hours
ago never overwrites a newer one silently: the answer is 409 with both versions."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from giamngheo.accounts.capabilities import require
from giamngheo.core.concurrency import EditConflict
from giamngheo.geo.models import Level, Unit
from giamngheo.households import services
from giamngheo.households.models import Household, Member, PolicyGroup

from .idempotency import refusal, run_once
from .offline import household_copy
from .writes import KEY_PARAMETER, REFUSED


class HouseholdFieldsIn(serializers.ModelSerializer):
    class Meta:
        model = Household
        fields = services.HOUSEHOLD_FIELDS


class MemberIn(serializers.ModelSerializer):
    """A member: ``id`` for one already registered, none for a new one. The phone never holds
    a full citizen ID: leave ``citizen_id`` out to keep the registered number."""

    id = serializers.IntegerField(required=False)
    citizen_id = serializers.CharField(required=False, allow_null=True, allow_blank=True)

    class Meta:
        model = Member
        fields = ["id", *services.MEMBER_FIELDS]
        validators = []


class HouseholdChangeIn(HouseholdFieldsIn):
    version = serializers.IntegerField()
    village = serializers.CharField(required=False, help_text="village code")
    members = MemberIn(many=True, required=False)
    policy_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=PolicyGroup.choices), required=False
    )
    reason = serializers.CharField(required=False, allow_blank=True, max_length=255)
    confirm_duplicates = serializers.BooleanField(required=False, default=False)

    class Meta(HouseholdFieldsIn.Meta):
        fields = [*services.HOUSEHOLD_FIELDS, "version", "village", "members", "policy_groups",
                  "reason", "confirm_duplicates"]  # fmt: skip
        extra_kwargs = {name: {"required": False} for name in services.HOUSEHOLD_FIELDS}


CONFLICT = inline_serializer(
    "HouseholdConflict",
    {"detail": serializers.CharField(), "server": serializers.DictField(),
     "yours": serializers.DictField()},
)  # fmt: skip


class HouseholdWriteMixin:
    """PATCH on ``/ho-gia-dinh/{code}/`` for the read-only household resource."""

    @extend_schema(
        request=HouseholdChangeIn,
        parameters=[KEY_PARAMETER],
        responses={200: inline_serializer("Changed", {"code": serializers.CharField(),
                   "version": serializers.IntegerField()}), 400: REFUSED, 409: CONFLICT},
    )  # fmt: skip
    def partial_update(self, request, *args, **kwargs):
        def write():
            household = self.get_object()
            require(request.user, "edit_register", household.commune)
            incoming = HouseholdChangeIn(data=request.data)
            incoming.is_valid(raise_exception=True)
            try:
                saved = _apply(household, incoming.validated_data, by=request.user)
            except EditConflict as exc:
                current = Household.objects.select_related("village").get(pk=household.pk)
                body = refusal(exc, status.HTTP_409_CONFLICT).data
                body.update(server=household_copy(current), yours=request.data)
                return Response(body, status=status.HTTP_409_CONFLICT)
            except IntegrityError:
                raise DjangoValidationError(
                    _("A citizen ID in this household was just registered elsewhere; check the "
                      "numbers and save again.")
                ) from None  # fmt: skip
            return Response({"code": saved.code, "version": saved.version})

        return run_once(request, write)


def _village(household, code):
    if not code:
        return household.village
    village = Unit.objects.filter(code=code, level=Level.VILLAGE).first()
    if village is None or village.parent_id != household.commune_id:
        raise DjangoValidationError({"village": _("Choose a village of the household's commune.")})
    return village


def _members(household, rows) -> list[Member]:
    registered = {m.pk: m for m in household.members.all()}
    members = []
    for row in rows:
        row = dict(row)
        pk = row.pop("id", None)
        if pk is None:
            members.append(Member(**row))
            continue
        member = registered.get(pk)
        if member is None:
            raise DjangoValidationError({"members": _("Member %(id)s is not in this household.")
                                         % {"id": pk}})  # fmt: skip
        for name, value in row.items():
            setattr(member, name, value)
        members.append(member)
    return members


def _apply(household, data, *, by) -> Household:
    members = data.get("members")
    if members is None:
        members = list(household.members.all())
    else:
        members = _members(household, members)
    groups = data.get("policy_groups")
    if groups is None:
        groups = [t.group for t in household.policy_tags.all()
                  if t.group != PolicyGroup.ETHNIC_MINORITY]  # fmt: skip
    fields = {k: ("" if v is None and k in _TEXT else v) for k, v in data.items()
              if k in services.HOUSEHOLD_FIELDS}  # fmt: skip
    return services.update_household(
        household=household, village=_village(household, data.get("village")), data=fields,
        members=members, policy_groups=groups, version=data["version"], by=by,
        reason=data.get("reason") or _("Changed in the field (API)"),
        confirm_duplicates=data.get("confirm_duplicates", False),
    )  # fmt: skip


_TEXT = {"address", "phone", "housing_type", "water_source", "latrine_type", "waste_handling"}
