"""Area scoping: the one way views, exports and the API get their querysets.

A user sees a record when the record's unit lies inside (or is) a unit over which
the user holds a current role. Records outside are simply absent: a detail lookup
of another commune's record is a 404, never a 403 that confirms it exists.
"""

import hashlib
import secrets

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from giamngheo.core.lookups import IdList
from giamngheo.geo.models import Unit

from .models import RoleAssignment

# Every page asks who the user is in which area. The answer (the user's current assignments and
# the ids of the units under them) changes only when a role assignment or the unit tree does,
# so it is kept in the shared cache under a *scope version* that any such change replaces:
# two queries fewer on every page. SCOPE_SECONDS bounds how long a change that bypassed the
# signals (raw SQL, a restored backup) can go unseen.
SCOPE_VERSION_KEY = "scope-version"
SCOPE_SECONDS = 300


def scope_version() -> str:
    current = cache.get(SCOPE_VERSION_KEY)
    if current is None:
        cache.add(SCOPE_VERSION_KEY, secrets.token_hex(8), timeout=None)
        current = cache.get(SCOPE_VERSION_KEY)
    return current


def scope_changed(**_kwargs) -> None:
    """Roles or units changed: scopes are recomputed on next use. At once (so the rest of this
    transaction sees it) and again after the commit (so no request caches, meanwhile, what the
    database held before it)."""

    def bump():
        cache.set(SCOPE_VERSION_KEY, secrets.token_hex(8), timeout=None)

    bump()
    transaction.on_commit(bump)


def current_assignments(user) -> list[RoleAssignment]:
    """The user's roles valid today, kept on the user object for the request and in the
    shared cache until roles or units change."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_current_assignments", None)
    if cached is None:
        today = timezone.localdate()
        key = f"scope:{user.pk}:{today.isoformat()}:{scope_version()}"
        cached = cache.get(key)
        if cached is None:
            cached = list(
                RoleAssignment.objects.filter(user=user)
                .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
                .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
                .select_related("unit")
            )
            cache.set(key, cached, timeout=SCOPE_SECONDS)
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


def _visible_unit_ids(user, roles=None) -> IdList:
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
        cached[1][key] = _unit_ids_under(
            {a.unit.path for a in assignments if roles is None or a.role in roles}
        )
    return cached[1][key]


def _unit_ids_under(roots: set[str]) -> IdList:
    """Ids of the units on or under ``roots``, shared by everyone with the same roots (a
    commune's officers and collaborators) through the cache, until units or roles change."""
    if not roots:
        return IdList(())
    digest = hashlib.sha256("|".join(sorted(roots)).encode()).hexdigest()[:32]
    key = f"scope-units:{digest}:{scope_version()}"
    ids = cache.get(key)
    if ids is None:
        condition = Q()
        for path in roots:
            condition |= Q(path__startswith=path)
        ids = IdList(Unit.objects.filter(condition).values_list("pk", flat=True))
        cache.set(key, ids, timeout=SCOPE_SECONDS)
    return ids


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
