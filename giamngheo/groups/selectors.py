"""Scoped reads: every list, detail and export of the app starts from ``scoped``.

The unit, household and collaborator choices here are also what the inspections and
communication pages offer.
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum

from giamngheo.accounts.scoping import get_scoped_or_404, scoped, visible_units
from giamngheo.collaborators.models import Collaborator
from giamngheo.collaborators.models import Status as CollaboratorStatus
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household, PovertyStatus, StatusRecord

from .catalogues import STATE_SOURCES
from .models import ProductionProject, SelfManagedGroup, Support
from .services import ELIGIBLE_STATUSES

# --- units ---------------------------------------------------------------------------------


def communes_for(user) -> QuerySet[Unit]:
    return visible_units(user).filter(level=Level.COMMUNE, is_active=True).order_by("name")


def villages_for(user) -> QuerySet[Unit]:
    return (
        visible_units(user)
        .filter(level=Level.VILLAGE, is_active=True)
        .select_related("parent")
        .order_by("path")
    )


def eligible_households(user, commune: Unit | None = None) -> QuerySet[Household]:
    """Poor and near-poor households a group may be formed of, in the user's area."""
    qs = scoped(Household.objects.all(), user, via="commune").filter(status__in=ELIGIBLE_STATUSES)
    if commune is not None:
        qs = qs.filter(commune=commune)
    return qs.select_related("commune").order_by("code")


def collaborators_for(user) -> QuerySet[Collaborator]:
    return (
        scoped(Collaborator.objects.all(), user, via="commune")
        .filter(status=CollaboratorStatus.ACTIVE)
        .select_related("commune")
        .order_by("commune__name", "full_name")
    )


# --- groups ----------------------------------------------------------------------------------


def groups_visible_to(user):
    """The groups of the user's area with their counts (filtered by forms.GroupListFilter)."""
    qs = scoped(SelfManagedGroup.objects.all(), user, via="commune")
    return (
        qs.select_related("commune", "village", "leader", "advisor")
        .annotate(
            member_count=Count(
                "memberships", filter=Q(memberships__left_on__isnull=True), distinct=True
            ),
            project_count=Count("projects", distinct=True),
        )
        .order_by("commune__name", "name")
    )


def get_group(user, pk: int) -> SelfManagedGroup:
    related = SelfManagedGroup.objects.select_related("commune", "village", "leader", "advisor")
    return get_scoped_or_404(related, user, via="commune", pk=pk)


def group_detail(group: SelfManagedGroup) -> dict:
    memberships = list(
        group.memberships.select_related("household__village").order_by(
            F("left_on").asc(nulls_first=True), "household__code"
        )
    )
    projects = list(group.projects.order_by("-starts_on"))
    return {
        "current": [m for m in memberships if m.left_on is None],
        "former": [m for m in memberships if m.left_on is not None],
        "projects": projects,
    }


# --- projects --------------------------------------------------------------------------------


def projects_visible_to(user) -> QuerySet[ProductionProject]:
    """The projects of the user's area with their households and funding (filtered by
    forms.ProjectListFilter)."""
    qs = scoped(ProductionProject.objects.all(), user, via="group__commune")
    return (
        qs.select_related("group__commune", "replicates")
        .annotate(
            households=Count("beneficiaries", distinct=True),
            total_funding=Sum("funding__amount"),
        )
        .order_by("-starts_on", "name")
    )


def get_project(user, pk: int) -> ProductionProject:
    related = ProductionProject.objects.select_related(
        "group__commune", "replicates__group__commune"
    )
    return get_scoped_or_404(related, user, via="group__commune", pk=pk)


@dataclass
class ProjectResults:
    """What a project delivered and achieved, computed from its records and the register."""

    funding_state: int = 0
    funding_other: int = 0
    delivered_state: int = 0
    delivered_other: int = 0
    planned: int = 0
    households: int = 0
    income_change: int | None = None
    households_measured: int = 0
    escaped_poverty: int = 0
    escaped_near_poverty: int = 0
    replications: int = 0
    by_kind: list = field(default_factory=list)


def project_results(project: ProductionProject) -> ProjectResults:
    """Money in and out, the average change of income per person per month of supported
    households since their first support, and those recognised as escaped from poverty
    (or near-poverty) by a decision dated on or after the project's start."""
    state = Q(source__in=STATE_SOURCES)
    funding = project.funding.aggregate(
        state=Sum("amount", filter=state, default=0),
        other=Sum("amount", filter=~state, default=0),
    )
    support = project.support.aggregate(
        delivered_state=Sum("value", filter=state & Q(delivered_on__isnull=False), default=0),
        delivered_other=Sum("value", filter=~state & Q(delivered_on__isnull=False), default=0),
        planned=Sum("value", filter=Q(delivered_on__isnull=True), default=0),
    )
    recognised = StatusRecord.objects.filter(
        household=OuterRef("household"), decision_date__gte=project.starts_on
    )
    measured = Q(income_at_start__isnull=False, household__income_per_capita__isnull=False)
    people = project.beneficiaries.aggregate(
        households=Count("pk"),
        measured=Count("pk", filter=measured),
        change=Avg(F("household__income_per_capita") - F("income_at_start"), filter=measured),
        escaped=Count("pk", filter=Exists(recognised.filter(status=PovertyStatus.ESCAPED_POOR))),
        escaped_near=Count(
            "pk", filter=Exists(recognised.filter(status=PovertyStatus.ESCAPED_NEAR_POOR))
        ),
    )
    by_kind = list(
        project.support.values("kind")
        .annotate(households=Count("beneficiary", distinct=True), value=Sum("value"))
        .order_by("kind")
    )
    return ProjectResults(
        funding_state=funding["state"],
        funding_other=funding["other"],
        delivered_state=support["delivered_state"],
        delivered_other=support["delivered_other"],
        planned=support["planned"],
        households=people["households"],
        income_change=round(people["change"]) if people["change"] is not None else None,
        households_measured=people["measured"],
        escaped_poverty=people["escaped"],
        escaped_near_poverty=people["escaped_near"],
        replications=project.replications.count(),
        by_kind=by_kind,
    )


def project_detail(project: ProductionProject) -> dict:
    beneficiaries = list(
        project.beneficiaries.select_related("household").prefetch_related(
            Prefetch("support", queryset=Support.objects.order_by("id"))
        )
    )
    members = list(
        project.group.memberships.filter(left_on__isnull=True)
        .select_related("household")
        .order_by("household__code")
    )
    return {
        "beneficiaries": beneficiaries,
        "members": members,
        "funding": list(project.funding.all()),
        "milestones": list(project.milestones.all()),
        "replications": list(project.replications.select_related("group__commune")),
    }


def replicable_projects(user) -> QuerySet[ProductionProject]:
    return projects_visible_to(user).order_by("name")


def group_households(group: SelfManagedGroup) -> QuerySet[Household]:
    """The group's current member households."""
    return Household.objects.filter(
        group_memberships__group=group, group_memberships__left_on__isnull=True
    ).order_by("code")


def households_for(user, commune: Unit | None = None) -> QuerySet[Household]:
    qs = scoped(Household.objects.all(), user, via="commune")
    if commune is not None:
        qs = qs.filter(commune=commune)
    return qs.order_by("code")
