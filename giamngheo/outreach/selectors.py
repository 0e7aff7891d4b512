"""Scoped reads of communication work."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from giamngheo.accounts.scoping import scoped

from .models import GoodExample, OutreachActivity, PolicyProposal, ResourceMobilisation

# --- communication -------------------------------------------------------------------------


def outreach_visible_to(user) -> QuerySet[OutreachActivity]:
    return (
        scoped(OutreachActivity.objects.all(), user, via="commune")
        .select_related("commune", "village", "presenter")
        .order_by("-held_on", "-id")
    )


def examples_visible_to(user) -> QuerySet[GoodExample]:
    return (
        scoped(GoodExample.objects.all(), user, via="commune")
        .select_related("commune", "household")
        .order_by("-recorded_on", "-id")
    )


def get_example(user, pk: int) -> GoodExample:
    return get_object_or_404(examples_visible_to(user), pk=pk)


def resources_visible_to(user) -> QuerySet[ResourceMobilisation]:
    return (
        scoped(ResourceMobilisation.objects.all(), user, via="commune")
        .select_related("commune", "project")
        .order_by("-received_on", "-id")
    )


def proposals_visible_to(user) -> QuerySet[PolicyProposal]:
    return (
        scoped(PolicyProposal.objects.all(), user, via="commune")
        .select_related("commune")
        .order_by("-proposed_on", "-id")
    )
