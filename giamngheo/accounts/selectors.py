"""Reads for the account pages, always through the scoping function."""

from django.db.models import Count, Prefetch, Q

from giamngheo.geo.models import Level

from .models import PersonalDataRead, RoleAssignment, User
from .scoping import current_assignments, scoped, visible_units


def home_summary(user) -> dict:
    """What the home page shows: the user's roles and the size of their area."""
    counts = visible_units(user).aggregate(
        communes=Count("pk", filter=Q(level=Level.COMMUNE)),
        villages=Count("pk", filter=Q(level=Level.VILLAGE)),
        provinces=Count("pk", filter=Q(level=Level.PROVINCE)),
    )
    return {"assignments": current_assignments(user), **counts}


def communes_of(user):
    return visible_units(user).filter(level=Level.COMMUNE).select_related("parent")


def units_for_roles(user):
    """Units over which the user may give roles: their area's provinces and communes."""
    return visible_units(user).filter(level__in=[Level.PROVINCE, Level.COMMUNE]).order_by("path")


def accounts_visible_to(user):
    """People holding a role inside the user's area, with those roles (one query each)."""
    units = visible_units(user)
    roles = (
        RoleAssignment.objects.filter(unit__in=units).select_related("unit").order_by("unit__path")
    )
    return (
        User.objects.filter(role_assignments__unit__in=units)
        .distinct()
        .order_by("username")
        .prefetch_related(Prefetch("role_assignments", queryset=roles, to_attr="area_roles"))
    )


def personal_data_reads(user):
    """The read audit of the user's area, newest first (what the auditor reads; filtered
    further by forms.ReadAuditFilter)."""
    reads = scoped(PersonalDataRead.objects.select_related("user", "unit"), user, via="unit")
    return reads.order_by("-at", "-id")
