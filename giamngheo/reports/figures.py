"""The figures of a report: GROUP BYs in the database, rows per sub-area, a total, and the
households behind any number (the same filter lists them as counted them).

How a report is counted, whatever the size of the area (bench/bench_reports.py):

- one GROUP BY per base (households at the end, status records, children), filtered on the
  (commune, …) indexes and on the figures' own conditions (``commune_id IN … AND (status =
  'POOR' OR …)``), each figure a ``COUNT(*) FILTER (WHERE …)``;
- a figure on a tag (a policy group, a need, a cause, a deprivation) is counted on the tag's
  table joined to its household, one GROUP BY per table, never an EXISTS per household;
- the lists at the start of the period are the lists at its end, corrected on the few
  households whose list can differ: those with a decision in the period, and (for a period
  not yet over) listed households with no recorded decision at all;
- the total row is the sum of the sub-area rows (every household has its commune and village).
"""

import operator
from dataclasses import dataclass, field
from datetime import date
from functools import reduce

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from giamngheo.accounts.scoping import scoped
from giamngheo.geo.models import Unit
from giamngheo.households.models import Household, Member, PovertyStatus, StatusRecord
from giamngheo.households.movements import status_on

from .catalogue import CHILDREN, END, RECORDS, START, Figure, Ratio, Report
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


def under(age: int, on: date, member: str = "") -> Q:
    """Members younger than ``age`` on the date ``on`` (by full date, else by year of birth)."""
    born_after = date(on.year - age, on.month, min(on.day, 28))
    return Q(**{f"{member}date_of_birth__gt": born_after}) | Q(
        **{f"{member}date_of_birth__isnull": True, f"{member}birth_year__gt": on.year - age}
    )


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


def status_at_start(period: ReportPeriod):
    """The list a household was on when the period began. A list imported during the period
    was taken over, not decided in it: it counts as the household's list at the start, so the
    movements of the period still explain the change (start − decreases + increases = end)."""
    before = (
        StatusRecord.objects.filter(
            household_id=OuterRef("pk"), decision_date__lte=period.day_before
        )
        .order_by("-decision_date", "-id")
        .values("status")[:1]
    )
    imported = (
        StatusRecord.objects.filter(
            household_id=OuterRef("pk"),
            source=StatusRecord.Source.IMPORT,
            decision_date__range=(period.start, period.end),
        )
        .order_by("decision_date", "id")
        .values("status")[:1]
    )
    return Coalesce(
        Subquery(before), Subquery(imported), Value("NOT_LISTED"), output_field=CharField()
    )


def _key(base: str, area: Unit) -> str:
    return ("household__" if base in (RECORDS, CHILDREN) else "") + group_field(area)


def _grouped(
    queryset: QuerySet, key: str, figures: list, conditions: list, counted="pk", distinct=False
) -> dict:
    """``{sub-area id: {figure key: count}}`` in one GROUP BY; rows matching none of the
    conditions are filtered out first, so the indexes on them can be used."""
    if conditions and all(conditions):  # an empty Q() counts every row
        queryset = queryset.filter(reduce(operator.or_, conditions))
    aggregates = {
        f"c{i}": Count(counted, filter=c, distinct=distinct) for i, c in enumerate(conditions)
    }
    rows = queryset.values(key).annotate(**aggregates).order_by()
    return {r[key]: {f.key: r[f"c{i}"] for i, f in enumerate(figures)} for r in rows}


def _add(into: dict, counts: dict, sign: int = 1) -> dict:
    for unit_id, values in counts.items():
        row = into.setdefault(unit_id, {})
        for k, v in values.items():
            row[k] = row.get(k, 0) + sign * v
    return into


def _tagged(figures: list[Figure], area: Unit, period: ReportPeriod) -> dict:
    """Figures on a tag, counted on each tag table joined to its household (one GROUP BY per
    table); the household's columns the figures filter on are aliased onto the tag row."""
    counts: dict = {}
    tables: dict = {}
    for f in figures:
        tables.setdefault(f.tag.model, []).append(f)
    for model, group in tables.items():
        rows = model.objects.filter(in_area(area, "household__")).alias(
            st=status_on(period.end_or_today, "household"),
            assessed_category=F("household__assessed_category"),
            ethnicity=F("household__ethnicity"),
            deprived_count=F("household__deprived_count"),
        )
        distinct = any(not f.tag.field for f in group)  # "any row": a household once
        conditions = [f.q & f.tag.condition for f in group]
        key = "household__" + group_field(area)
        _add(counts, _grouped(rows, key, group, conditions, "household_id", distinct))
    return counts


def _started(figures: list[Figure], area: Unit, period: ReportPeriod) -> dict:
    """The corrections that turn figures on the start lists, counted with the end lists
    (``st0 = st``), into figures on the start lists: on the households with a decision in the
    period, and, while the period runs (the end lists are the status column), on listed
    households with no decision recorded."""
    key = group_field(area)
    st = status_on(period.end_or_today)
    changed = households_in(area).filter(
        pk__in=StatusRecord.objects.filter(decision_date__range=(period.start, period.end)).values(
            "household_id"
        )
    )
    corrections = [(changed, status_at_start(period))]
    if period.end_or_today is None:
        unrecorded = (
            households_in(area)
            .exclude(status=PovertyStatus.NOT_LISTED)
            .filter(~Exists(StatusRecord.objects.filter(household_id=OuterRef("pk"))))
        )
        corrections.append((unrecorded, Value(PovertyStatus.NOT_LISTED)))
    counts: dict = {}
    conditions = [f.q for f in figures]
    for households, start in corrections:
        naive = households.annotate(st=st, st0=F("st"))
        actual = households.annotate(st=st, st0=start)
        _add(counts, _grouped(naive, key, figures, conditions), -1)
        _add(counts, _grouped(actual, key, figures, conditions))
    return counts


def _counts(columns: list, area: Unit, period: ReportPeriod) -> dict:
    """Every figure of the report per sub-area, and their sum under ``"total"``."""
    figures = [c for c in columns if isinstance(c, Figure)]
    plain = {
        base: [f for f in figures if f.base == base and not f.tag]
        for base in (END, START, RECORDS, CHILDREN)
    }
    counts: dict = {}
    households = plain[END] + plain[START]
    if households:
        queryset = base_queryset(END, area, period).annotate(st0=F("st"))
        _add(counts, _grouped(queryset, _key(END, area), households, [f.q for f in households]))
    if plain[START]:
        _add(counts, _started(plain[START], area, period))
    for base in (RECORDS, CHILDREN):
        if plain[base]:
            queryset = base_queryset(base, area, period)
            _add(
                counts,
                _grouped(queryset, _key(base, area), plain[base], [f.q for f in plain[base]]),
            )
    tagged = [f for f in figures if f.tag]
    assert all(f.base == END for f in tagged), "a tag counts on the end lists"
    _add(counts, _tagged(tagged, area, period))
    total: dict = {}
    for values in counts.values():
        _add(total, {"total": values})
    counts["total"] = total.get("total", {})
    return counts


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
