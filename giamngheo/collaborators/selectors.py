"""Scoped reads: the roster, the compliance warnings, compiled reports, statistics of the
force, per-organisation results and the allowance sheet.

Every read starts from ``accounts.scoping.scoped`` (the office sees the communes of its
area); a user who is only a collaborator additionally sees only their own record and
work. Figures come from database aggregation, never from loops over the roster.
"""

import datetime
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.module_loading import import_string

from giamngheo.accounts.capabilities import can_anywhere, capability
from giamngheo.accounts.scoping import current_assignments, scoped, sees_everything, visible_units
from giamngheo.core import area_cache
from giamngheo.core.ethnicity import MINORITY_CODES
from giamngheo.core.periods import Period, PeriodKind
from giamngheo.core.search import search
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household

from . import work_links
from .duties import Duty
from .models import (
    QUALIFIED,
    Activity,
    Assignment,
    Collaborator,
    Contract,
    Evaluation,
    Grade,
    MassOrganisation,
    PeriodReport,
    Qualification,
    ReportState,
    Sex,
    Status,
    Training,
)

ONE_DECIMAL = Decimal("0.1")


def share(count: int, total: int) -> Decimal | None:
    """A percentage as officials write it: one decimal, halves rounded up (55.9 %).

    Decimal with ROUND_HALF_UP, not float ``round`` (banker's rounding on a binary
    approximation): 1 of 16 is 6.25 % and is written 6.3 %, not 6.2 %.
    """
    if not total:
        return None
    return (Decimal(count) * 100 / Decimal(total)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


# --- who sees what -----------------------------------------------------------------


def own_work_only(user) -> bool:
    """True for a user whose only roles are collaborator roles: they see their own work."""
    if sees_everything(user):
        return False
    roles = {a.role for a in current_assignments(user)}
    return bool(roles) and roles <= capability("act_as_collaborator").roles


def manages_collaborators(user) -> bool:
    """Whether the user acts as a managing office anywhere (for the "add" button)."""
    return can_anywhere(user, "manage_collaborators")


def collaborator_of(user) -> Collaborator | None:
    """The roster record linked to the user's account, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Collaborator.objects.select_related("commune").filter(user=user).first()


def _visible(qs: QuerySet, user, via: str, own: str) -> QuerySet:
    qs = scoped(qs, user, via=via)
    if own_work_only(user):
        qs = qs.filter(**{own: user})
    return qs


def collaborators_visible_to(user) -> QuerySet[Collaborator]:
    """The roster of the user's area (filtered by forms.CollaboratorListFilter)."""
    today = timezone.localdate()
    qs = _visible(Collaborator.objects.all(), user, "commune", "user")
    return qs.select_related("commune", "managing_office").annotate(
        contract_until=Max("contracts__ends_on"),
        has_contract=Exists(_contracts_in_force(today).filter(collaborator=OuterRef("pk"))),
    )


def get_collaborator(user, pk: int) -> Collaborator:
    qs = _visible(Collaborator.objects.all(), user, "commune", "user")
    return get_object_or_404(qs.select_related("commune", "managing_office"), pk=pk)


def own_record_pk(user) -> int | None:
    """The pk of the roster record linked to the user's account (the home page's redirect)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Collaborator.objects.filter(user=user).values_list("pk", flat=True).first()


def collaborator_record(collaborator: Collaborator) -> dict:
    """What the collaborator's page lists besides the person: contracts, trainings, grades."""
    return {
        "contracts": list(collaborator.contracts.select_related("renews").order_by("-starts_on")),
        "trainings": list(collaborator.trainings.all()),
        "evaluations": list(collaborator.evaluations.select_related("evaluated_by")),
        "reports": list(collaborator.reports.all()[:12]),
    }


def activities_visible_to(user) -> QuerySet[Activity]:
    return _visible(Activity.objects.all(), user, "collaborator__commune", "collaborator__user")


def assignments_visible_to(user) -> QuerySet[Assignment]:
    return _visible(Assignment.objects.all(), user, "collaborator__commune", "collaborator__user")


def get_activity(user, pk: int) -> Activity:
    return get_object_or_404(
        activities_visible_to(user).select_related("collaborator__commune"), pk=pk
    )


def get_report(collaborator: Collaborator, period: Period) -> PeriodReport | None:
    return (
        PeriodReport.objects.filter(
            collaborator=collaborator, period_kind=period.kind, period_start=period.start
        )
        .select_related("decided_by")
        .first()
    )


def evaluation_notes(collaborator: Collaborator, period: Period) -> list:
    """What other apps say about the collaborator's work in ``period``, for the office
    grading it: each app names its reader as ``collaborator_evaluation_notes`` on its
    AppConfig (inspections does), so this app depends on none of them."""
    notes = []
    for config in apps.get_app_configs():
        if path := getattr(config, "collaborator_evaluation_notes", None):
            notes += import_string(path)(collaborator, period)
    return notes


def get_evaluation(collaborator: Collaborator, period: Period) -> Evaluation | None:
    return Evaluation.objects.filter(
        collaborator=collaborator, period_kind=period.kind, period_start=period.start
    ).first()


def _month_tasks(collaborator: Collaborator, period: Period) -> list[Assignment]:
    return list(
        collaborator.assignments.filter(month__range=(period.start, period.end))
        .annotate(done=Count("activities"))
        .order_by("month", "duty", "due_on")
    )


def _recent(collaborator: Collaborator, limit: int) -> list[Activity]:
    activities = collaborator.activities.select_related("assignment")
    return list(activities.order_by("-done_on", "-created_at")[:limit])


def month_assignments(collaborator: Collaborator, period: Period) -> list[Assignment]:
    """The tasks of a period with how many activities each has received so far."""
    tasks = _month_tasks(collaborator, period)
    work_links.attach(assignments=tasks)
    return tasks


def recent_activities(collaborator: Collaborator, limit: int = 20) -> list[Activity]:
    activities = _recent(collaborator, limit)
    work_links.attach(activities=activities)
    return activities


def collaborator_page(collaborator: Collaborator, period: Period) -> dict:
    """The lists of the collaborator's page: the period's tasks and the recent activities,
    with their villages and households (one query for both lists)."""
    tasks, activities = _month_tasks(collaborator, period), _recent(collaborator, 20)
    work_links.attach(assignments=tasks, activities=activities)
    return {"tasks": tasks, "activities": activities}


def villages_for(collaborator: Collaborator) -> QuerySet[Unit]:
    return Unit.objects.filter(parent=collaborator.commune, level=Level.VILLAGE).order_by("name")


def households_for(collaborator: Collaborator, *, query: str = "", chosen=(), limit: int = 20):
    """Households of the collaborator's commune to pick from: the search's matches (by
    code or head's name, diacritics optional) plus those already chosen."""
    commune_households = Household.objects.filter(commune=collaborator.commune)
    shown = list(commune_households.filter(pk__in=[c for c in chosen if str(c).isdigit()]))
    if query:
        matches = search(commune_households, query).exclude(pk__in=[h.pk for h in shown])
        shown += list(matches.order_by("code")[:limit])
    return commune_households, shown


def communes_for_roster(user) -> QuerySet[Unit]:
    """Communes the user may put a collaborator in."""
    return visible_units(user).filter(level=Level.COMMUNE).order_by("name")


def offices_for_roster(user) -> QuerySet[Unit]:
    return visible_units(user).filter(level__in=[Level.PROVINCE, Level.DISTRICT])


# --- report compilation ------------------------------------------------------------


@dataclass
class DutyLine:
    duty: str
    title: str
    assignments: int = 0
    assignments_met: int = 0
    activities: int = 0
    activities_on_tasks: int = 0
    households: int = 0

    @property
    def activities_unassigned(self) -> int:
        return self.activities - self.activities_on_tasks


@dataclass
class TaskLine:
    pk: int
    duty: str
    description: str
    target: str
    target_count: int
    due_on: str
    done: int

    @property
    def met(self) -> bool:
        return self.done >= self.target_count


@dataclass
class Compilation:
    period: str
    lines: list[DutyLine] = field(default_factory=list)
    tasks: list[TaskLine] = field(default_factory=list)
    households_reached: int = 0

    @property
    def totals(self) -> DutyLine:
        total = DutyLine(duty="", title="")
        for line in self.lines:
            total.assignments += line.assignments
            total.assignments_met += line.assignments_met
            total.activities += line.activities
            total.activities_on_tasks += line.activities_on_tasks
        total.households = self.households_reached
        return total

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Compilation":
        return cls(
            period=data.get("period", ""),
            lines=[DutyLine(**line) for line in data.get("lines", [])],
            tasks=[TaskLine(**task) for task in data.get("tasks", [])],
            households_reached=data.get("households_reached", 0),
        )


def compile_report(collaborator: Collaborator, period: Period) -> Compilation:
    """The period's work by duty, against the office's assignments.

    For each of the six duties: tasks given in the period, tasks met (as many activities
    logged against the task as it expects), activities logged in the period, how many of
    them answer a task, and the distinct households concerned. Three grouped queries,
    whatever the size of the log.
    """
    logged = collaborator.activities.filter(done_on__range=(period.start, period.end))
    activity_rows = {
        row["duty"]: row
        for row in logged.values("duty").annotate(
            n=Count("pk", distinct=True),
            on_tasks=Count("pk", distinct=True, filter=Q(assignment__isnull=False)),
            households=Count("households", distinct=True),
        )
    }
    reached = logged.aggregate(n=Count("households", distinct=True))["n"]
    tasks = [
        TaskLine(
            pk=a.pk,
            duty=a.duty,
            description=a.description,
            target=a.target,
            target_count=a.target_count,
            due_on=a.due_on.isoformat(),
            done=a.done,
        )
        for a in collaborator.assignments.filter(month__range=(period.start, period.end))
        .annotate(done=Count("activities"))
        .order_by("month", "duty", "due_on")
    ]
    lines = []
    for duty in Duty:
        row = activity_rows.get(duty.value, {})
        duty_tasks = [t for t in tasks if t.duty == duty.value]
        lines.append(
            DutyLine(
                duty=duty.value,
                title=str(duty.label),
                assignments=len(duty_tasks),
                assignments_met=sum(1 for t in duty_tasks if t.met),
                activities=row.get("n", 0),
                activities_on_tasks=row.get("on_tasks", 0),
                households=row.get("households", 0),
            )
        )
    return Compilation(period=period.slug, lines=lines, tasks=tasks, households_reached=reached)


def report_view(
    collaborator: Collaborator, period: Period
) -> tuple[PeriodReport | None, Compilation]:
    """The report record (if handed in) and its figures: frozen once handed in, live before."""
    report = get_report(collaborator, period)
    if report is not None and report.state != ReportState.DRAFT and report.compiled:
        return report, Compilation.from_dict(report.compiled)
    return report, compile_report(collaborator, period)


def period_activities(collaborator: Collaborator, period: Period) -> list[Activity]:
    activities = list(
        collaborator.activities.filter(done_on__range=(period.start, period.end))
        .select_related("assignment")
        .order_by("duty", "done_on")
    )
    work_links.attach(activities=activities)
    return activities


def reports_awaiting(user) -> QuerySet[PeriodReport]:
    """Reports the office has to accept or return."""
    return (
        _visible(PeriodReport.objects.all(), user, "collaborator__commune", "collaborator__user")
        .filter(state__in=[ReportState.SUBMITTED, ReportState.RESUBMITTED])
        .select_related("collaborator__commune")
    )


# --- compliance ----------------------------------------------------------------------


def _contracts_in_force(day: datetime.date) -> QuerySet[Contract]:
    return Contract.objects.filter(starts_on__lte=day, ends_on__gte=day).filter(
        Q(terminated_on__isnull=True) | Q(terminated_on__gte=day)
    )


@dataclass
class Compliance:
    """The office's at-a-glance warnings (none of them blocks any work)."""

    communes_without: list[Unit]
    communes_with_several: list[Unit]
    contract_expired: list[Collaborator]
    no_contract: list[Collaborator]
    outside_organisations: list[Collaborator]
    low_qualification: list[Collaborator]
    no_training: list[Collaborator]

    @property
    def count(self) -> int:
        return sum(len(v) for v in asdict_shallow(self).values())


def asdict_shallow(obj) -> dict:
    return {name: getattr(obj, name) for name in obj.__dataclass_fields__}


def compliance_warnings(user, *, on: datetime.date | None = None) -> Compliance:
    """Warnings against Decision 29/QĐ-UBND and the 2018 Kon Tum review.

    One collaborator per commune; a contract in force; drawn from a mass organisation;
    trained to intermediate level or higher; trained every year. Computed on working
    collaborators (status "working") of the user's area, in two queries.
    """
    day = on or timezone.localdate()
    communes = (
        scoped(Unit.objects.filter(level=Level.COMMUNE, is_active=True), user, via=None)
        .annotate(n=Count("collaborators", filter=Q(collaborators__status=Status.ACTIVE)))
        .order_by("name")
    )
    communes = list(communes.filter(Q(n=0) | Q(n__gt=1)))
    working = list(
        _visible(Collaborator.objects.filter(status=Status.ACTIVE), user, "commune", "user")
        .select_related("commune")
        .annotate(
            has_contract=Exists(_contracts_in_force(day).filter(collaborator=OuterRef("pk"))),
            last_contract_end=Max("contracts__ends_on"),
            trained=Exists(
                Training.objects.filter(collaborator=OuterRef("pk"), held_on__year=day.year)
            ),
        )
        .order_by("commune__name", "full_name")
    )
    return Compliance(
        communes_without=[c for c in communes if c.n == 0],
        communes_with_several=[c for c in communes if c.n > 1],
        contract_expired=[c for c in working if not c.has_contract and c.last_contract_end],
        no_contract=[c for c in working if not c.has_contract and not c.last_contract_end],
        outside_organisations=[c for c in working if c.organisation == MassOrganisation.NONE],
        low_qualification=[c for c in working if c.qualification not in QUALIFIED],
        no_training=[c for c in working if not c.trained],
    )


# --- statistics of the force -----------------------------------------------------------


@dataclass
class ForceFigures:
    """Counts and shares of one group of collaborators (a commune, a province, the total)."""

    code: str
    name: str
    total: int
    women: int
    minority: int
    organisations: dict[str, int]
    qualifications: dict[str, int]

    @property
    def women_share(self):
        return share(self.women, self.total)

    @property
    def minority_share(self):
        return share(self.minority, self.total)

    @property
    def qualified(self) -> int:
        return sum(self.qualifications[q] for q in QUALIFIED)

    @property
    def qualified_share(self):
        return share(self.qualified, self.total)

    def organisation_rows(self) -> list[tuple[str, int, Decimal | None]]:
        return [
            (label, self.organisations[value], share(self.organisations[value], self.total))
            for value, label in MassOrganisation.choices
        ]

    def qualification_rows(self) -> list[tuple[str, int, Decimal | None]]:
        return [
            (label, self.qualifications[value], share(self.qualifications[value], self.total))
            for value, label in Qualification.choices
        ]


def _figure_expressions() -> dict:
    exprs = {
        "total": Count("pk"),
        "women": Count("pk", filter=Q(sex=Sex.FEMALE)),
        "minority": Count("pk", filter=Q(ethnicity__in=sorted(MINORITY_CODES))),
    }
    for value in MassOrganisation.values:
        exprs[f"org_{value}"] = Count("pk", filter=Q(organisation=value))
    for value in Qualification.values:
        exprs[f"qual_{value}"] = Count("pk", filter=Q(qualification=value))
    return exprs


def _figures(code: str, name: str, row: dict) -> ForceFigures:
    return ForceFigures(
        code=code,
        name=name,
        total=row["total"] or 0,
        women=row["women"] or 0,
        minority=row["minority"] or 0,
        organisations={v: row[f"org_{v}"] or 0 for v in MassOrganisation.values},
        qualifications={v: row[f"qual_{v}"] or 0 for v in Qualification.values},
    )


@dataclass
class ForceStatistics:
    total: ForceFigures
    provinces: list[ForceFigures]
    communes: list[ForceFigures]
    # Today's communes grouped by their former district (pre-July-2025), as offices still
    # report during the transition; empty when the former units are not loaded.
    former_districts: list[ForceFigures] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict) -> "ForceStatistics":
        """Back from ``asdict`` (the cache keeps plain data, not pickled classes)."""
        return cls(
            total=ForceFigures(**data["total"]),
            provinces=[ForceFigures(**f) for f in data["provinces"]],
            communes=[ForceFigures(**f) for f in data["communes"]],
            former_districts=[ForceFigures(**f) for f in data["former_districts"]],
        )


def _summed(code: str, name: str, rows: list[dict]) -> ForceFigures:
    """The figures of a group of communes' rows, added up."""
    return _figures(code, name, {k: sum(r[k] or 0 for r in rows) for k in _figure_expressions()})


def _grouped(rows: list[dict], code: str, name: str) -> list[ForceFigures]:
    """The communes' rows added up by ``code`` (a province, a former district), by code."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        if row[code] is not None:
            groups.setdefault(row[code], []).append(row)
    return [_summed(c, groups[c][0][name], groups[c]) for c in sorted(groups)]


def force_statistics(user, *, commune: str = "") -> ForceStatistics:
    """The force in officials' terms: counts by organisation, share of women, of ethnic
    minorities and by qualification, per commune, per former district, per province and
    in total.

    Counts working collaborators only. One query grouped by commune (its province and former
    district with it); provinces, former districts and the total are the communes' sums.
    """
    qs = _visible(Collaborator.objects.filter(status=Status.ACTIVE), user, "commune", "user")
    if commune:
        qs = qs.filter(commune__code=commune)
    rows = list(
        qs.values(
            "commune__code",
            "commune__name",
            "commune__parent__code",
            "commune__parent__name",
            "commune__former_district__code",
            "commune__former_district__name",
        )
        .annotate(**_figure_expressions())
        .order_by("commune__name", "commune__code")
    )
    communes = [_figures(r["commune__code"], r["commune__name"], r) for r in rows]
    return ForceStatistics(
        total=_summed("", "", rows),
        provinces=_grouped(rows, "commune__parent__code", "commune__parent__name"),
        communes=communes,
        former_districts=_grouped(
            rows, "commune__former_district__code", "commune__former_district__name"
        ),
    )


def cached_force_statistics(user, *, commune: str = "") -> tuple[ForceStatistics, object]:
    """``force_statistics`` and when they were computed: from the area's cache
    (``core.area_cache``, kept until a collaborator of the area changes, at most
    ``AREA_FIGURES_SECONDS``), keyed by the units the user's roles cover and the commune
    filter (a unit code), never by who asks. A collaborator's own figures and a superuser's
    are computed each time (``None`` for when)."""
    roots = {a.unit.path for a in current_assignments(user)}
    if sees_everything(user) or own_work_only(user) or not roots:
        return force_statistics(user, commune=commune), None
    if commune and not (commune.isdigit() and len(commune) <= 12):
        return force_statistics(user, commune=commune), None

    def compute():
        return {"stats": asdict(force_statistics(user, commune=commune))}

    found = area_cache.figures_over("collaborator-force", roots, compute, commune)
    return ForceStatistics.from_dict(found["stats"]), found["as_of"]


# --- per-organisation results ---------------------------------------------------------


@dataclass
class OrganisationResult:
    organisation: str
    label: str
    collaborators: int = 0
    activities: int = 0
    reports_accepted: int = 0
    grades: dict[str, int] = field(default_factory=dict)

    def grade_rows(self) -> list[tuple[str, int]]:
        return [(label, self.grades.get(value, 0)) for value, label in Grade.choices]


def organisation_results(user, *, year: int) -> list[OrganisationResult]:
    """What each mass organisation's members did as collaborators in a year, for the
    organisation's yearly emulation targets (Decision 29/QĐ-UBND: the organisations
    count their members' collaborator work). One grouped query per measure.
    """
    collaborators = _visible(Collaborator.objects.all(), user, "commune", "user")
    results = {
        value: OrganisationResult(organisation=value, label=str(label))
        for value, label in MassOrganisation.choices
    }
    for row in (
        collaborators.filter(status=Status.ACTIVE).values("organisation").annotate(n=Count("pk"))
    ):
        results[row["organisation"]].collaborators = row["n"]
    for row in (
        Activity.objects.filter(collaborator__in=collaborators, done_on__year=year)
        .values("collaborator__organisation")
        .annotate(n=Count("pk"))
    ):
        results[row["collaborator__organisation"]].activities = row["n"]
    for row in (
        PeriodReport.objects.filter(
            collaborator__in=collaborators, period_start__year=year, state=ReportState.ACCEPTED
        )
        .values("collaborator__organisation")
        .annotate(n=Count("pk"))
    ):
        results[row["collaborator__organisation"]].reports_accepted = row["n"]
    for row in (
        Evaluation.objects.filter(collaborator__in=collaborators, period_start__year=year)
        .values("collaborator__organisation", "grade")
        .annotate(n=Count("pk"))
    ):
        results[row["collaborator__organisation"]].grades[row["grade"]] = row["n"]
    return list(results.values())


def default_period() -> Period:
    return Period.containing(timezone.localdate())


def quarter_period(period: Period) -> Period:
    return Period.of(PeriodKind.QUARTER, period.start)
