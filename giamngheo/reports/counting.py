"""How a report's figures are counted: GROUP BYs in the database, whatever the area's size.

- one GROUP BY per base (households, children, status records, each tag table), filtered on
  the (commune, …) indexes and on the figures' own conditions (``commune_id IN … AND (status
  = 'POOR' OR …)``), each figure a ``COUNT(*) FILTER (WHERE …)``;
- a figure on a tag (a policy group, a need, a cause, a deprivation) is counted on the tag's
  table joined to its household, never by an EXISTS per household;
- a household's list at the end of the period and at its start (``st``, ``st0``) are first
  taken as its status column, then corrected on the few households for which that is not
  so (``passes``): those with a decision dated on or after the start of the period, and
  listed households with no recorded decision at all. Reading the history of every household
  (a correlated subquery each) took 15–20 s a report on a million households;
- the total row is the sum of the sub-area rows (every household has its commune and village).
"""

import operator
from dataclasses import dataclass
from datetime import date
from functools import reduce

from django.db.models import CharField, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from giamngheo.households.models import PovertyStatus, StatusRecord
from giamngheo.households.movements import status_on

from .scope import ReportPeriod

NOT_LISTED = PovertyStatus.NOT_LISTED


def under(age: int, on: date, member: str = "") -> Q:
    """Members younger than ``age`` on the date ``on`` (by full date, else by year of birth)."""
    born_after = date(on.year - age, on.month, min(on.day, 28))
    return Q(**{f"{member}date_of_birth__gt": born_after}) | Q(
        **{f"{member}date_of_birth__isnull": True, f"{member}birth_year__gt": on.year - age}
    )


def status_at_start(period: ReportPeriod, ref: str = "pk"):
    """The list a household was on when the period began. A list imported during the period
    was taken over, not decided in it: it counts as the household's list at the start, so the
    movements of the period still explain the change (start − decreases + increases = end)."""
    before = (
        StatusRecord.objects.filter(
            household_id=OuterRef(ref), decision_date__lte=period.day_before
        )
        .order_by("-decision_date", "-id")
        .values("status")[:1]
    )
    imported = (
        StatusRecord.objects.filter(
            household_id=OuterRef(ref),
            source=StatusRecord.Source.IMPORT,
            decision_date__range=(period.start, period.end),
        )
        .order_by("decision_date", "id")
        .values("status")[:1]
    )
    return Coalesce(
        Subquery(before), Subquery(imported), Value(NOT_LISTED), output_field=CharField()
    )


@dataclass(frozen=True)
class Pass:
    """One GROUP BY of a base: the households it is restricted to, their lists, and whether
    its counts are added or taken away."""

    only: Q
    st: object
    st0: object
    sign: int


def passes(period: ReportPeriod, path: str, starts: bool) -> list[Pass]:
    """The GROUP BYs whose signed sum counts a base with each household's true lists; ``path``
    leads from the base to its household (``""`` or ``"household__"``), ``starts`` says
    whether figures read the list at the start (``st0``)."""
    ref = f"{path}pk" if path else "pk"
    status = F(f"{path}status")
    passes_ = [Pass(Q(), status, status, 1)]
    if period.end_or_today is None and not starts:
        return passes_  # today's lists are the status column itself
    decided = StatusRecord.objects.filter(decision_date__gte=period.start).values("household_id")
    owner = "household_id" if path else "pk"
    unrecorded = ~Q(Exists(StatusRecord.objects.filter(household_id=OuterRef(owner)))) & ~Q(
        **{f"{path}status": NOT_LISTED}
    )
    end = status_on(period.end_or_today, path.removesuffix("__"))
    start = status_at_start(period, owner) if starts else status
    never = status if period.end_or_today is None else Value(NOT_LISTED)
    for only, st, st0 in (
        (Q(**{f"{ref}__in": decided}), end, start),
        (unrecorded, never, Value(NOT_LISTED)),
    ):
        passes_ += [Pass(only, status, status, -1), Pass(only, st, st0, 1)]
    return passes_


def grouped(
    queryset: QuerySet,
    key: str,
    figures: list,
    conditions: list,
    counted="pk",
    distinct=False,
    prefilter=True,
) -> dict:
    """``{sub-area id: {figure key: count}}`` in one GROUP BY; rows matching none of the
    conditions are filtered out first (``prefilter``), so the indexes on them can be used."""
    if prefilter and conditions and all(conditions):  # an empty Q() counts every row
        queryset = queryset.filter(reduce(operator.or_, conditions))
    aggregates = {
        f"c{i}": Count(counted, filter=c, distinct=distinct) for i, c in enumerate(conditions)
    }
    rows = queryset.values(key).annotate(**aggregates).order_by()
    return {r[key]: {f.key: r[f"c{i}"] for i, f in enumerate(figures)} for r in rows}


def add(into: dict, counts: dict, sign: int = 1) -> dict:
    for unit_id, values in counts.items():
        row = into.setdefault(unit_id, {})
        for k, v in values.items():
            row[k] = row.get(k, 0) + sign * v
    return into


def counted(
    queryset: QuerySet, key: str, figures: list, conditions: list, steps: list[Pass], **count
) -> dict:
    """The figures over ``queryset`` with each household's true lists (the signed passes)."""
    counts: dict = {}
    for n, step in enumerate(steps):
        rows = queryset.filter(step.only).alias(st=step.st, st0=step.st0)
        # A correction reads few households: its conditions (a subquery each) must not be
        # pushed down to the scan, where PostgreSQL would evaluate them for every household.
        add(counts, grouped(rows, key, figures, conditions, prefilter=n == 0, **count), step.sign)
    return counts


def summed(counts: dict) -> dict:
    """``counts`` with the sum of every row under ``"total"``."""
    total: dict = {}
    for values in counts.values():
        add(total, {"total": values})
    return {**counts, "total": total.get("total", {})}
