"""Reads for the account pages, always through the scoping function."""

from django.db.models import Count, Q

from giamngheo.geo.models import Level

from .scoping import current_assignments, visible_units


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
