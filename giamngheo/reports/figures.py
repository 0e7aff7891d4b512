"""The figures of a report: rows per sub-area and a total, counted in the database
(``counting``), and the households behind any number (the same filter lists them as counted
them).
"""

from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from giamngheo.accounts.scoping import scoped
from giamngheo.geo.models import Unit
from giamngheo.households.models import Household, Member, StatusRecord
from giamngheo.households.movements import status_on

from .catalogue import CHILDREN, END, RECORDS, START, Figure, Ratio, Report
from .counting import add, counted, grouped, passes, status_at_start, summed, under
from .scope import ReportPeriod, group_field, households_in, in_area, sub_areas

CHILD_AGE = 16


@dataclass
class Row:
    unit: Unit | None
    label: str
    values: dict = field(default_factory=dict)


@dataclass
class ReportTable:
    report: Report
    area: Unit
    period: ReportPeriod
    columns: list
    rows: list[Row]
    total: Row

    @property
    def shown(self) -> list:
        return [c for c in self.columns if c.shown]


def columns_for(report: Report, area: Unit, period: ReportPeriod) -> tuple:
    """The report's columns; report 9 adds a pair for each ethnic group listed in the area."""
    ethnic = ()
    if report.ethnic_columns:
        ethnic = tuple(
            households_in(area)
            .annotate(st=status_on(period.end_or_today))
            .filter(st__in=["POOR", "NEAR_POOR"])
            .exclude(ethnicity="")
            .values_list("ethnicity", flat=True)
            .distinct()
            .order_by("ethnicity")
        )
    return report.build(ethnic)


def base_queryset(base: str, area: Unit, period: ReportPeriod) -> QuerySet:
    """What a base counts, in the area, annotated as the report's filters expect."""
    if base == RECORDS:
        return StatusRecord.objects.filter(
            in_area(area, "household__"), decision_date__range=(period.start, period.end)
        )
    if base == CHILDREN:
        return Member.objects.filter(
            in_area(area, "household__"), under(CHILD_AGE, period.end)
        ).annotate(st=status_on(period.end_or_today, "household"))
    households = households_in(area).annotate(st=status_on(period.end_or_today))
    if base == START:
        households = households.annotate(st0=status_at_start(period))
    return households


def _key(base: str, area: Unit) -> str:
    return ("household__" if base in (RECORDS, CHILDREN) else "") + group_field(area)


def _tagged(figures: list[Figure], area: Unit, period: ReportPeriod) -> dict:
    """Figures on a tag, counted on each tag table joined to its household (one GROUP BY per
    table and pass); the household's columns the figures filter on are aliased onto the row."""
    counts: dict = {}
    tables: dict = {}
    for f in figures:
        tables.setdefault(f.tag.model, []).append(f)
    steps = passes(period, "household__", starts=False)
    for model, group in tables.items():
        rows = model.objects.filter(in_area(area, "household__")).alias(
            assessed_category=F("household__assessed_category"),
            ethnicity=F("household__ethnicity"),
            deprived_count=F("household__deprived_count"),
        )
        distinct = any(not f.tag.field for f in group)  # "any row": a household once
        conditions = [f.q & f.tag.condition for f in group]
        key = "household__" + group_field(area)
        add(
            counts,
            counted(rows, key, group, conditions, steps, counted="household_id", distinct=distinct),
        )
    return counts


def _counts(columns: list, area: Unit, period: ReportPeriod) -> dict:
    """Every figure of the report per sub-area, and their sum under ``"total"``."""
    figures = [c for c in columns if isinstance(c, Figure)]
    plain = {
        b: [f for f in figures if f.base == b and not f.tag]
        for b in (END, START, RECORDS, CHILDREN)
    }
    counts: dict = {}
    households = plain[END] + plain[START]
    if households:
        steps = passes(period, "", starts=bool(plain[START]))
        conditions = [f.q for f in households]
        add(counts, counted(households_in(area), _key(END, area), households, conditions, steps))
    if plain[CHILDREN]:
        children = Member.objects.filter(in_area(area, "household__"), under(CHILD_AGE, period.end))
        steps = passes(period, "household__", starts=False)
        conditions = [f.q for f in plain[CHILDREN]]
        add(counts, counted(children, _key(CHILDREN, area), plain[CHILDREN], conditions, steps))
    if plain[RECORDS]:
        records = base_queryset(RECORDS, area, period)
        conditions = [f.q for f in plain[RECORDS]]
        add(counts, grouped(records, _key(RECORDS, area), plain[RECORDS], conditions))
    tagged = [f for f in figures if f.tag]
    assert all(f.base == END for f in tagged), "a tag counts on the end lists"
    add(counts, _tagged(tagged, area, period))
    return summed(counts)


def _ratio(values: dict, column: Ratio):
    den = values.get(column.den) or 0
    return round(100 * values.get(column.num, 0) / den, 2) if den else None


def build_table(report: Report, area: Unit, period: ReportPeriod) -> ReportTable:
    columns = list(columns_for(report, area, period))
    figures = [c for c in columns if isinstance(c, Figure)]
    counts = _counts(columns, area, period)
    units = sub_areas(area)
    known = {u.pk for u in units}
    extra = set(counts) - known - {None, "total"}
    units += list(Unit.objects.filter(pk__in=extra).order_by("name"))
    rows = [
        Row(u, u.name, {f.key: counts.get(u.pk, {}).get(f.key, 0) for f in figures}) for u in units
    ]
    total = Row(None, "Tổng cộng", {f.key: counts.get("total", {}).get(f.key, 0) for f in figures})
    for row in [*rows, total]:
        for c in columns:
            if isinstance(c, Ratio):
                row.values[c.key] = _ratio(row.values, c)
    return ReportTable(report, area, period, columns, rows, total)


def figure_for(report: Report, area: Unit, period: ReportPeriod, key: str) -> Figure | None:
    """The figure behind a column (a ratio's numerator); ``None`` for an unknown key."""
    columns = {c.key: c for c in columns_for(report, area, period)}
    column = columns.get(key)
    if isinstance(column, Ratio):
        column = columns.get(column.num)
    return column


def households_behind(
    user, report: Report, area: Unit, period: ReportPeriod, figure: Figure, unit_id: int | None
) -> QuerySet[Household]:
    """The households a number counts, in the user's area (scoped once more)."""
    selected = base_queryset(figure.base, area, period).filter(figure.where)
    if unit_id is not None:
        selected = selected.filter(**{_key(figure.base, area): unit_id})
    if figure.base in (RECORDS, CHILDREN):
        households = Household.objects.filter(pk__in=selected.values("household_id"))
    else:
        households = Household.objects.filter(pk__in=selected.values("pk"))
    return (
        scoped(households, user, "commune")
        .select_related("village")
        .order_by("village__name", "code")
    )
