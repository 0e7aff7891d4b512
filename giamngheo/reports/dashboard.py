"""The area dashboard: the figures a province, a commune or a village runs on, for one area.

Every figure is a grouped query on indexed columns (or the bulk Alkire–Foster engine over
the grouped cells of ``register``); nothing loops over households in Python. The area is
filtered with a literal list of commune (or village) ids so PostgreSQL uses the (commune, …)
indexes. Figures are plain dicts and lists so the page and the API share them as they are.
"""

from __future__ import annotations

import datetime

import numpy as np
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from giamngheo.accounts.capabilities import roots_where
from giamngheo.accounts.scoping import current_assignments, get_scoped_or_404, sees_everything
from giamngheo.assistance.models import OPEN_STATES, HelpRequest
from giamngheo.clubs.models import Club, Meeting, MeetingState
from giamngheo.collaborators.models import Collaborator, PeriodReport, ReportState
from giamngheo.collaborators.models import Status as CollaboratorStatus
from giamngheo.core import area_cache
from giamngheo.core.ethnicity import name_of
from giamngheo.core.periods import Period, PeriodKind
from giamngheo.geo.models import Level, Unit
from giamngheo.households.assessment import standard_in_force
from giamngheo.households.models import Household, Member, Movement, PovertyStatus, StatusRecord
from giamngheo.households.movements import movement_counts

from . import register
from .register import KINH_GROUP, MINORITY_GROUP, UNKNOWN_GROUP

AREA_LEVELS = (Level.PROVINCE, Level.COMMUNE, Level.VILLAGE)
CHILD_AGE = 16  # reports.md, report 11: children are those under 16
LISTED = (PovertyStatus.POOR, PovertyStatus.NEAR_POOR)


def _roots(user) -> list[Unit]:
    paths = set(roots_where(user, "view_dashboard") or ())
    return list(
        {a.unit.pk: a.unit for a in current_assignments(user) if a.unit.path in paths}.values()
    )


def has_dashboard(user) -> bool:
    return sees_everything(user) or bool(_roots(user))


def default_area(user) -> Unit | None:
    """The widest unit over which the user holds a dashboard role (the first province for
    an administrator)."""
    if sees_everything(user):
        return Unit.objects.filter(level=Level.PROVINCE).order_by("code").first()
    roots = [u for u in _roots(user) if u.level in AREA_LEVELS]
    return min(roots, key=lambda u: (u.path.count("/"), u.path), default=None)


def area_for(user, code: str) -> Unit:
    """The unit ``code`` when it lies inside the user's dashboard area; 404 otherwise, so an
    area outside is indistinguishable from one that does not exist."""
    unit = get_scoped_or_404(Unit.objects.filter(level__in=AREA_LEVELS), user, None, code=code)
    if not sees_everything(user) and not any(unit.path.startswith(r.path) for r in _roots(user)):
        raise Http404
    return unit


class AreaShape:
    """How an area's households are selected and split into sub-areas."""

    def __init__(self, unit: Unit):
        self.unit = unit
        inside = Unit.objects.filter(path__startswith=unit.path)
        if unit.level == Level.PROVINCE:
            self.column, self.sub_column = "commune_id", "commune_id"
            self.ids = list(inside.filter(level=Level.COMMUNE).values_list("pk", flat=True))
            self.sub_level = Level.COMMUNE
        elif unit.level == Level.COMMUNE:
            self.column, self.sub_column, self.ids = "commune_id", "village_id", [unit.pk]
            self.sub_level = Level.VILLAGE
        else:
            self.column, self.sub_column, self.ids = "village_id", "village_id", [unit.pk]
            self.sub_level = Level.VILLAGE
        self.unit_ids = list(inside.values_list("pk", flat=True))

    def households(self, prefix: str = "") -> Q:
        """The area as a filter on a model reaching households through ``prefix``."""
        field = self.column.removesuffix("_id")
        return Q(**{f"{prefix}{field}__in": self.ids or [0]})


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 2) if whole else None


def _status_rows(counts: dict[str, int], total: int) -> list[dict]:
    labels = dict(PovertyStatus.choices)
    return [
        {"status": s, "label": str(labels[s]), "count": counts[s], "rate": _rate(counts[s], total)}
        for s in PovertyStatus.values
    ]


def _float(value) -> float | None:
    value = float(value)
    return None if np.isnan(value) else round(value, 4)


def _sub_areas(shape: AreaShape, cells, standard) -> list[dict]:
    by_sub = register.categories_by_sub(cells)
    af = register.alkire_foster_of(cells, standard, groups=cells.sub)
    measures = {}
    if af is not None:
        g = af.groups
        for i, label in enumerate(g.labels.tolist()):
            measures[label] = {
                "H": _float(g.H[i]),
                "A": _float(g.A[i]),
                "M0": _float(g.M0[i]),
                "contribution": _float(g.group_contribution[i]),
            }
    units = Unit.objects.filter(path__startswith=shape.unit.path, level=shape.sub_level)
    if shape.unit.level == Level.VILLAGE:
        units = Unit.objects.filter(pk=shape.unit.pk)
    rows = []
    for pk, code, name in units.order_by("name").values_list("pk", "code", "name"):
        counts = by_sub.get(pk, dict.fromkeys(PovertyStatus.values, 0))
        total = sum(counts.values())
        rows.append(
            {
                "code": code,
                "name": name,
                "households": total,
                **counts,
                "poor_rate": _rate(counts[PovertyStatus.POOR], total),
                "near_poor_rate": _rate(counts[PovertyStatus.NEAR_POOR], total),
                **measures.get(pk, {"H": None, "A": None, "M0": None, "contribution": None}),
            }
        )
    return rows


def _deprivations(cells, standard, af) -> list[dict]:
    poor = register.headcounts(cells, (PovertyStatus.POOR,))
    near = register.headcounts(cells, (PovertyStatus.NEAR_POOR,))
    every = register.headcounts(cells, tuple(PovertyStatus.values))
    rows = []
    for j, indicator in enumerate(standard.indicators):
        rows.append(
            {
                "indicator": indicator.code,
                "name": indicator.name,
                "poor": int(poor[j]),
                "near_poor": int(near[j]),
                "households": int(every[j]),
                "weight": _float(af.weights[j]) if af else None,
                "uncensored": _float(af.uncensored_headcount[j]) if af else None,
                "censored": _float(af.censored_headcount[j]) if af else None,
                "contribution": _float(af.contribution[j]) if af else None,
            }
        )
    return rows


def _group_rows(breakdown, names: list, label_of) -> list[dict]:
    """One row per group; the engine's labels are the codes of ``register.dense``."""
    if breakdown is None:
        return []
    rows = []
    for i, code in enumerate(breakdown.labels.tolist()):
        name = names[code]
        rows.append(
            {
                "group": name,
                "label": label_of(name),
                "households": int(breakdown.population[i]),
                "share": _float(100 * breakdown.population_share[i]),
                "H": _float(breakdown.H[i]),
                "A": _float(breakdown.A[i]),
                "M0": _float(breakdown.M0[i]),
                "contribution": _float(breakdown.group_contribution[i]),
            }
        )
    return sorted(rows, key=lambda row: row["group"])


GROUP_LABELS = {
    KINH_GROUP: _("Kinh"),
    MINORITY_GROUP: _("Ethnic minorities"),
    UNKNOWN_GROUP: _("Ethnicity not recorded"),
}


def _ethnicity(cells, standard) -> dict:
    """The decomposition by Kinh / minority and by each group (one engine call each)."""
    broad_codes, broad_names = register.dense(register.ethnic_group(cells.ethnicity))
    each_codes, each_names = register.dense(cells.ethnicity)
    broad = register.alkire_foster_of(cells, standard, broad_codes)
    each = register.alkire_foster_of(cells, standard, each_codes)
    return {
        "broad": _group_rows(broad and broad.groups, broad_names, lambda g: str(GROUP_LABELS[g])),
        "groups": _group_rows(
            each and each.groups,
            each_names,
            lambda c: name_of(c) if c else str(GROUP_LABELS[UNKNOWN_GROUP]),
        ),
    }


def _alkire_foster(cells, standard, af) -> dict:
    assessed = int(cells.count[cells.current].sum())
    total = int(cells.count.sum())
    return {
        "standard": standard.code,
        "standard_name": standard.name,
        "k": round(register.AF_K, 4),
        "k_label": "1/3",
        "assessed": assessed,
        "not_assessed": total - assessed,
        "H": _float(af.H) if af else None,
        "A": _float(af.A) if af else None,
        "M0": _float(af.M0) if af else None,
        "poor": int(round(af.H * af.population)) if af else 0,
    }


def _trend(shape: AreaShape) -> list[dict]:
    """Households per status in every year the history holds (one household once a year)."""
    rows = (
        StatusRecord.objects.filter(shape.households("household__"))
        .values("year", "status")
        .annotate(n=Count("household", distinct=True))
        .order_by()
    )
    years: dict[int, dict[str, int]] = {}
    for row in rows:
        years.setdefault(row["year"], dict.fromkeys(PovertyStatus.values, 0))[row["status"]] = row[
            "n"
        ]
    return [{"year": year, **years[year]} for year in sorted(years)]


def _movements(shape: AreaShape, year: int) -> list[dict]:
    """Households per movement type (derived from the status history) decided in ``year``,
    in the order of ``Movement``."""
    households = Household.objects.filter(shape.households())
    counts = {
        row["movement"]: row["households"]
        for row in movement_counts(
            households, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        )
    }
    return [
        {"movement": value, "label": str(label), "count": counts[value]}
        for value, label in Movement.choices
        if value in counts
    ]


def _children(shape: AreaShape, today: datetime.date) -> dict:
    """Children under 16 in the area and, in poor and near-poor households, their deprivations
    (reports.md, report 11): no health insurance, stunted or underweight, out of school."""
    born_after = today.replace(year=today.year - CHILD_AGE)
    child = Q(date_of_birth__gt=born_after) | Q(
        date_of_birth__isnull=True, birth_year__gt=today.year - CHILD_AGE
    )
    listed = Q(household__status__in=LISTED)
    return (
        Member.objects.filter(shape.households("household__"))
        .filter(child)
        .aggregate(
            children=Count("id"),
            listed=Count("id", filter=listed),
            no_insurance=Count("id", filter=listed & Q(has_health_insurance=False)),
            malnourished=Count("id", filter=listed & (Q(stunted=True) | Q(underweight=True))),
            out_of_school=Count("id", filter=listed & Q(in_school=False)),
        )
    )


def _requests(shape: AreaShape, today: datetime.date) -> dict:
    area = Q(commune_id__in=shape.ids or [0])
    if shape.column == "village_id":
        area = Q(household__village_id__in=shape.ids)
    open_ = Q(state__in=OPEN_STATES)
    return HelpRequest.objects.filter(area).aggregate(
        waiting=Count("id", filter=open_),
        overdue=Count("id", filter=open_ & Q(due_on__lt=today)),
    )


def _collaborators(shape: AreaShape, today: datetime.date) -> dict:
    """Collaborators working in the area, and those without a report for last month."""
    period = Period.containing(today.replace(day=1) - datetime.timedelta(days=1))
    sent = PeriodReport.objects.filter(
        collaborator=OuterRef("pk"), period_kind=PeriodKind.MONTH, period_start=period.start
    ).exclude(state=ReportState.DRAFT)
    communes = Unit.objects.filter(pk__in=shape.unit_ids, level=Level.COMMUNE).values("pk")
    working = Collaborator.objects.filter(status=CollaboratorStatus.ACTIVE, commune_id__in=communes)
    figures = working.aggregate(
        in_post=Count("id"), reports_missing=Count("id", filter=~Exists(sent))
    )
    return {**figures, "period": period.start.strftime("%m/%Y")}


def _clubs(shape: AreaShape, today: datetime.date) -> dict:
    clubs = Club.objects.filter(unit_id__in=shape.unit_ids, founded_on__lte=today).exclude(
        dissolved_on__lte=today
    )
    held = Meeting.objects.filter(
        club__in=clubs, state=MeetingState.HELD, planned_on__year=today.year
    ).count()
    return {"clubs": clubs.count(), "meetings_held": held, "year": today.year}


def area_figures(unit: Unit, *, today: datetime.date | None = None) -> dict:
    """Every figure of the dashboard for ``unit`` (already checked to be in the user's area)."""
    today = today or timezone.localdate()
    standard = standard_in_force(today)
    shape = AreaShape(unit)
    cells = register.household_cells(shape.column, shape.ids or [0], shape.sub_column, standard)
    counts = register.categories(cells)
    total = sum(counts.values())
    af = register.alkire_foster_of(cells, standard)
    return {
        "area": {"code": unit.code, "name": unit.name, "level": unit.level},
        "sub_level": shape.sub_level if unit.level != Level.VILLAGE else None,
        "households": total,
        "categories": _status_rows(counts, total),
        "sub_areas": _sub_areas(shape, cells, standard) if unit.level != Level.VILLAGE else [],
        "trend": _trend(shape),
        "year": today.year,
        "movements": _movements(shape, today.year),
        "alkire_foster": _alkire_foster(cells, standard, af),
        "deprivations": _deprivations(cells, standard, af),
        "ethnicity": _ethnicity(cells, standard),
        "children": _children(shape, today),
        "requests": _requests(shape, today),
        "collaborators": _collaborators(shape, today),
        "clubs": _clubs(shape, today),
    }


def cached_area_figures(unit: Unit) -> dict:
    """``area_figures`` from the cache while the area's data has not changed (a status
    decided, households imported: ``core.area_cache``) and for at most
    ``AREA_FIGURES_SECONDS``; ``as_of`` says when they were computed. Per day (ages, the
    year's movements) and per language (the labels)."""
    today = timezone.localdate()
    return area_cache.figures(
        "dashboard", unit.path, lambda: area_figures(unit, today=today), today, get_language()
    )


def home_dashboard(user) -> dict:
    """The home page's context addition: the dashboard of the user's widest area, if any."""
    unit = default_area(user) if has_dashboard(user) else None
    if unit is None:
        return {}
    figures = cached_area_figures(unit)
    return {"dashboard": figures, "dashboard_charts": chart_specs(figures)}


def chart_specs(figures: dict) -> dict:
    """What the page's charts draw: the same numbers as the tables beside them."""
    subs = figures["sub_areas"]
    trend = figures["trend"]
    indicators = figures["deprivations"]
    return {
        "chart-sub": {
            "kind": "hbar",
            "labels": [s["name"] for s in subs],
            "series": [
                {"label": str(_("Poverty rate (%)")), "data": [s["poor_rate"] for s in subs]},
                {
                    "label": str(_("Near-poverty rate (%)")),
                    "data": [s["near_poor_rate"] for s in subs],
                },
            ],
        },
        "chart-trend": {
            "kind": "line",
            "labels": [str(t["year"]) for t in trend],
            "series": [
                {"label": str(_("Poor")), "data": [t[PovertyStatus.POOR] for t in trend]},
                {"label": str(_("Near-poor")), "data": [t[PovertyStatus.NEAR_POOR] for t in trend]},
            ],
        },
        "chart-indicators": {
            "kind": "hbar",
            "labels": [r["name"] for r in indicators],
            "series": [
                {
                    "label": str(_("Contribution (%)")),
                    "data": [r["contribution"] for r in indicators],
                }
            ],
        },
    }
