"""Area scoping: the one way views, exports and the API get their querysets.

A user sees a record when the record's unit lies inside (or is) a unit over which
the user holds a current role. Records outside are simply absent: a detail lookup
of another commune's record is a 404, never a 403 that confirms it exists.
"""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from giamngheo.geo.models import Unit

from .models import RoleAssignment


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


def visible_units(user, roles=None) -> QuerySet[Unit]:
    """Every unit inside the user's role units (themselves included).

    With ``roles``, only the units under the user's assignments of one of those roles (what
    a user does *in a role*; a superuser's blanket access does not count there).
    """
    if roles is None and sees_everything(user):
        return Unit.objects.all()
    roots = {a.unit.path for a in current_assignments(user) if roles is None or a.role in roles}
    if not roots:
        return Unit.objects.none()
    condition = Q()
    for path in roots:
        condition |= Q(path__startswith=path)
    return Unit.objects.filter(condition)


def scoped(queryset: QuerySet, user, via: str | None, *, roles=None) -> QuerySet:
    """``queryset`` limited to the user's area (to where they hold one of ``roles``, if given).

    ``via`` is the lookup from the model to its unit (``"commune"``,
    ``"household__village"`` …); ``None`` when the queryset is of units itself.
    """
    if roles is None and sees_everything(user):
        return queryset
    ids = _visible_unit_ids(user, roles)
    if via is None:
        return queryset.filter(pk__in_array=ids)
    return queryset.filter(**{f"{via}__in_array": ids})


def _visible_unit_ids(user, roles=None) -> list[int]:
    """The ids of ``visible_units(user, roles)``, resolved once per request into a literal list.

    ``commune_id IN (1, 2, 3)`` lets PostgreSQL use the (commune, …) indexes with exact
    estimates; the subquery form (``IN (SELECT id … WHERE path LIKE …)``) was planned as a
    scan of the whole province. Cached beside the assignments it is derived from, one list
    per set of roles asked about.
    """
    assignments = current_assignments(user)
    key = frozenset(roles) if roles is not None else None
    cached = getattr(user, "_visible_unit_ids", None)
    if cached is None or cached[0] is not assignments:
        cached = (assignments, {})
        if getattr(user, "is_authenticated", False):
            user._visible_unit_ids = cached
    if key not in cached[1]:
        units = visible_units(user, roles)
        cached[1][key] = list(units.values_list("pk", flat=True)) if assignments else []
    return cached[1][key]


def get_scoped_or_404(queryset: QuerySet, user, via: str | None, **lookup):
    return get_object_or_404(scoped(queryset, user, via), **lookup)


def in_area(user, unit: Unit | None) -> bool:
    """Whether ``unit`` lies inside (or is) a unit over which the user holds a current role:
    the same rule as ``visible_units``, answered from the cached assignments."""
    if sees_everything(user):
        return True
    return unit is not None and any(
        unit.path.startswith(a.unit.path) for a in current_assignments(user)
    )


def roles_over(user, unit: Unit) -> set[str]:
    """Roles the user holds on ``unit`` or on any unit above it."""
    if unit is None:
        return set()
    return {a.role for a in current_assignments(user) if unit.path.startswith(a.unit.path)}
