"""Scoped reads of the unit tree."""

from django.db.models import Count, Q

from giamngheo.accounts.scoping import scoped

from .models import Level, Unit


def communes_visible_to(user):
    """The communes of the user's area with their active villages counted (filtered further
    by forms.CommuneListFilter)."""
    qs = scoped(Unit.objects.filter(level=Level.COMMUNE), user, via=None)
    return qs.select_related("parent").annotate(
        village_count=Count(
            "children", filter=Q(children__level=Level.VILLAGE, children__is_active=True)
        )
    )


def villages_of(commune: Unit):
    return commune.children.filter(level=Level.VILLAGE).order_by("code")
