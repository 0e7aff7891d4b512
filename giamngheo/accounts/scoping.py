"""Area scoping: the one way views, exports and the API get their querysets.

A user sees a record when the record's unit lies inside (or is) a unit over which
the user holds a current role. Records outside are simply absent: a detail lookup
of another commune's record is a 404, never a 403 that confirms it exists.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from giamngheo.geo.models import Unit

from .models import Role, RoleAssignment

# What each role may do. Reading is implied by holding any role; the auditor reads only.
CAPABILITIES: dict[str, frozenset[str]] = {
    "manage_units": frozenset({Role.PROVINCE_STAFF, Role.MANAGING_OFFICE, Role.COMMUNE_OFFICER}),
    "edit_register": frozenset({Role.COMMUNE_OFFICER, Role.COLLABORATOR}),
    "decide": frozenset({Role.COMMUNE_LEADER}),
    "manage_collaborators": frozenset({Role.MANAGING_OFFICE}),
    "manage_clubs": frozenset({Role.CLUB_OFFICER, Role.COMMUNE_OFFICER, Role.MANAGING_OFFICE}),
    "manage_accounts": frozenset({Role.PROVINCE_STAFF, Role.MANAGING_OFFICE}),
    "view_audit": frozenset(set(Role.values)),
    # Full citizen IDs: see personal_data.py for who needs them and why.
    "view_citizen_id": frozenset({Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER}),
    "view_read_audit": frozenset({Role.AUDITOR}),
}


def current_assignments(user) -> list[RoleAssignment]:
    """The user's roles valid today, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_current_assignments", None)
    if cached is None:
        today = timezone.localdate()
        cached = list(
            RoleAssignment.objects.filter(user=user)
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .select_related("unit")
        )
        user._current_assignments = cached
    return cached


def sees_everything(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active)


def visible_units(user) -> QuerySet[Unit]:
    """Every unit inside the user's role units (themselves included)."""
    if sees_everything(user):
        return Unit.objects.all()
    roots = {a.unit.path for a in current_assignments(user)}
    if not roots:
        return Unit.objects.none()
    condition = Q()
    for path in roots:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


def scoped(queryset: QuerySet, user, via: str | None) -> QuerySet:
    """``queryset`` limited to the user's area.

    ``via`` is the lookup from the model to its unit (``"commune"``,
    ``"household__village"`` …); ``None`` when the queryset is of units itself.
    """
    if sees_everything(user):
        return queryset
    ids = _visible_unit_ids(user)
    if via is None:
        return queryset.filter(pk__in=ids)
    return queryset.filter(**{f"{via}__in": ids})


def _visible_unit_ids(user) -> list[int]:
    """The ids of ``visible_units``, resolved once per request into a literal list.

    ``commune_id IN (1, 2, 3)`` lets PostgreSQL use the (commune, …) indexes with exact
    estimates; the subquery form (``IN (SELECT id … WHERE path LIKE …)``) was planned as a
    scan of the whole province. Cached beside the assignments it is derived from.
    """
    assignments = current_assignments(user)
    cached = getattr(user, "_visible_unit_ids", None)
    if cached is not None and cached[0] is assignments:
        return cached[1]
    ids = list(visible_units(user).values_list("pk", flat=True)) if assignments else []
    if getattr(user, "is_authenticated", False):
        user._visible_unit_ids = (assignments, ids)
    return ids


def get_scoped_or_404(queryset: QuerySet, user, via: str | None, **lookup):
    return get_object_or_404(scoped(queryset, user, via), **lookup)


def roles_over(user, unit: Unit) -> set[str]:
    """Roles the user holds on ``unit`` or on any unit above it."""
    if unit is None:
        return set()
    return {a.role for a in current_assignments(user) if unit.path.startswith(a.unit.path)}


def can(user, capability: str, unit: Unit) -> bool:
    if sees_everything(user):
        return True
    return bool(roles_over(user, unit) & CAPABILITIES[capability])


def can_anywhere(user, capability: str) -> bool:
    """Whether the user may do this somewhere in their area (to show or hide a button)."""
    if sees_everything(user):
        return True
    return any(a.role in CAPABILITIES[capability] for a in current_assignments(user))


def require(user, capability: str, unit: Unit) -> None:
    """Refuse an action: outside the area it is a 404, inside without the role a 403."""
    from django.core.exceptions import PermissionDenied

    if not sees_everything(user) and not roles_over(user, unit):
        raise Http404
    if not can(user, capability, unit):
        raise PermissionDenied
