"""Scoped reads: every list, detail and export of the app starts from ``scoped``."""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from giamngheo.accounts.scoping import current_assignments, scoped, sees_everything, visible_units
from giamngheo.collaborators.models import Collaborator
from giamngheo.collaborators.models import Status as CollaboratorStatus
from giamngheo.core.search import fold, search
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household, PovertyStatus, StatusRecord

from . import measures
from .catalogues import STATE_SOURCES
from .models import (
    CollaboratorAssessment,
    Finding,
    FindingState,
    FollowUp,
    GoodExample,
    Inspection,
    OutreachActivity,
    PeriodicReport,
    PolicyProposal,
    ProductionProject,
    ReportTemplate,
    ResourceMobilisation,
    SelfManagedGroup,
    Support,
)
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


def reporting_units_for(user) -> QuerySet[Unit]:
    """Communes and provinces in the user's area: the units a periodic report is made for."""
    return (
        visible_units(user)
        .filter(level__in=[Level.COMMUNE, Level.PROVINCE], is_active=True)
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


def groups_visible_to(user, *, query: str = "", state: str = "", commune: str = ""):
    qs = scoped(SelfManagedGroup.objects.all(), user, via="commune")
    if state:
        qs = qs.filter(state=state)
    if commune:
        qs = qs.filter(commune__code=commune)
    qs = search(qs, query)
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
    return get_object_or_404(
        scoped(SelfManagedGroup.objects.all(), user, via="commune").select_related(
            "commune", "village", "leader", "advisor"
        ),
        pk=pk,
    )


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


def projects_visible_to(user, *, query: str = "", state: str = "") -> QuerySet[ProductionProject]:
    qs = scoped(ProductionProject.objects.all(), user, via="group__commune")
    if state:
        qs = qs.filter(state=state)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(group__search_text__contains=fold(query)))
    return (
        qs.select_related("group__commune", "replicates")
        .annotate(
            households=Count("beneficiaries", distinct=True),
            total_funding=Sum("funding__amount"),
        )
        .order_by("-starts_on", "name")
    )


def get_project(user, pk: int) -> ProductionProject:
    return get_object_or_404(
        scoped(ProductionProject.objects.all(), user, via="group__commune").select_related(
            "group__commune", "replicates__group__commune"
        ),
        pk=pk,
    )


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


# --- inspections -----------------------------------------------------------------------------


def inspections_visible_to(user, *, query: str = "", subject: str = "") -> QuerySet[Inspection]:
    qs = scoped(Inspection.objects.all(), user, via="commune")
    if subject:
        qs = qs.filter(subject=subject)
    qs = search(qs, query)
    return (
        qs.select_related("commune", "project", "collaborator")
        .annotate(
            finding_count=Count("findings", distinct=True),
            open_count=Count(
                "findings", filter=Q(findings__state=FindingState.OPEN), distinct=True
            ),
        )
        .order_by("-held_on", "-id")
    )


def get_inspection(user, pk: int) -> Inspection:
    return get_object_or_404(
        scoped(Inspection.objects.all(), user, via="commune").select_related(
            "commune", "project__group", "collaborator", "recorded_by"
        ),
        pk=pk,
    )


def inspection_detail(inspection: Inspection) -> dict:
    return {
        "team": list(inspection.team.select_related("collaborator")),
        "findings": list(
            inspection.findings.select_related("household").prefetch_related(
                Prefetch("follow_ups", queryset=FollowUp.objects.select_related("recorded_by"))
            )
        ),
        "assessments": list(inspection.collaborator_assessments.select_related("collaborator")),
    }


def get_finding(user, pk: int) -> Finding:
    return get_object_or_404(
        scoped(Finding.objects.all(), user, via="inspection__commune").select_related(
            "inspection__commune"
        ),
        pk=pk,
    )


@dataclass
class InspectionNote:
    """What one inspection said about a collaborator's work."""

    inspection: Inspection
    rating: str
    rating_label: str
    comments: str
    findings: list


def inspection_findings_for(collaborator: Collaborator, period) -> list[InspectionNote]:
    """Inspections held in ``period`` (anything with ``start`` and ``end`` dates) that
    assessed ``collaborator``, with the findings of those that inspected their work.

    For the collaborators app's evaluation page: the office reads these before grading
    the period. The caller has already scoped ``collaborator``.
    """
    assessments = (
        CollaboratorAssessment.objects.filter(
            collaborator=collaborator,
            inspection__held_on__gte=period.start,
            inspection__held_on__lte=period.end,
        )
        .select_related("inspection__commune")
        .prefetch_related(
            Prefetch(
                "inspection__findings",
                queryset=Finding.objects.order_by("id"),
            )
        )
        .order_by("inspection__held_on", "pk")
    )
    notes = []
    for a in assessments:
        own_work = a.inspection.collaborator_id == collaborator.pk
        notes.append(
            InspectionNote(
                inspection=a.inspection,
                rating=a.rating,
                rating_label=a.get_rating_display(),
                comments=a.comments,
                findings=list(a.inspection.findings.all()) if own_work else [],
            )
        )
    return notes


# --- periodic reports ------------------------------------------------------------------------


def _ancestor_paths(user) -> set[str]:
    """Paths of the user's role units and every unit above them."""
    paths = set()
    for a in current_assignments(user):
        parts = a.unit.path.strip("/").split("/")
        paths.update("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    return paths


def templates_visible_to(user) -> QuerySet[ReportTemplate]:
    """Templates of offices in the user's area and of the offices above it, whose
    templates the units below report in."""
    qs = ReportTemplate.objects.all()
    if not sees_everything(user):
        qs = qs.filter(
            Q(office__in=visible_units(user).values("pk"))
            | Q(office__path__in=_ancestor_paths(user))
        )
    return qs.select_related("office").annotate(field_count=Count("fields")).order_by("name")


def get_template(user, pk: int) -> ReportTemplate:
    return get_object_or_404(
        templates_visible_to(user).prefetch_related("fields"),
        pk=pk,
    )


def template_lines(template: ReportTemplate) -> list[tuple]:
    """(field, label) in order; a measure's label comes from the catalogue."""
    return [
        (f, f.label or (m.label if (m := measures.MEASURES.get(f.measure)) else f.measure))
        for f in template.fields.all()
    ]


def get_report(template: ReportTemplate, unit: Unit, period) -> PeriodicReport | None:
    return PeriodicReport.objects.filter(
        template=template, unit=unit, period_start=period.start
    ).first()


@dataclass
class ReportLine:
    position: int
    field_id: int
    label: str
    unit: str
    value: object
    is_text: bool
    is_money: bool = False


def report_lines(template: ReportTemplate, unit: Unit, period, report=None) -> list[ReportLine]:
    """The template's lines for the unit and period, measures computed from the data."""
    figures = measures.compute(unit, period)
    texts = report.texts if report is not None else {}
    lines = []
    for f in template.fields.all():
        if f.is_text:
            lines.append(ReportLine(f.position, f.pk, f.label, "", texts.get(str(f.pk), ""), True))
        else:
            measure = measures.MEASURES.get(f.measure)
            if measure is None:
                continue
            lines.append(
                ReportLine(
                    f.position,
                    f.pk,
                    f.label or str(measure.label),
                    str(measure.unit),
                    figures[f.measure],
                    False,
                    measure.is_money,
                )
            )
    return lines


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
