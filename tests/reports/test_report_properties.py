"""Properties of every report on random registers: the sub-area rows add up to the area's
total (counted by the database on its own), and each list's movements explain its change."""

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import (
    CauseTag,
    Deprivation,
    Household,
    Member,
    NeedTag,
    PolicyTag,
    PovertyStatus,
    Relation,
    StatusRecord,
)
from giamngheo.households.services import record_status
from giamngheo.reports.catalogue import REPORTS, Figure
from giamngheo.reports.figures import build_table
from giamngheo.reports.scope import parse_period

P = PovertyStatus
S = StatusRecord.Source
LISTS = [P.POOR, P.NEAR_POOR, P.ESCAPED_POOR, P.ESCAPED_NEAR_POOR, P.NOT_LISTED]
_codes = itertools.count(1)

household_st = st.fixed_dictionaries(
    {
        "village": st.integers(0, 2),
        "arrival": st.sampled_from(["none", "import", "moved_in"]),
        "first": st.sampled_from(LISTS),
        "steps": st.lists(st.sampled_from(LISTS), max_size=3),
        "leaves": st.sampled_from([None, S.MOVED_OUT, S.DISSOLVED]),
        "ethnicity": st.sampled_from(["01", "16", "12", ""]),
        "deprived": st.lists(st.sampled_from(["latrine", "nutrition", "employment"]), unique=True),
        "groups": st.lists(st.sampled_from(["person_of_merit", "agriculture"]), unique=True),
        "causes": st.lists(st.sampled_from(["no_land", "illness"]), unique=True),
        "needs": st.lists(st.sampled_from(["health", "credit"]), unique=True),
        "children": st.lists(st.tuples(st.booleans(), st.booleans()), max_size=2),
    }
)


def _area(province):
    n = next(_codes)
    commune = Unit.objects.create(
        code=f"98{n:03d}",
        name=f"Xã Ngẫu Nhiên {n}",
        level=Level.COMMUNE,
        kind="xa",
        parent=province,
    )
    villages = [
        Unit.objects.create(code=f"98{n:03d}{v}", name=f"Thôn {v}", level=Level.VILLAGE, kind="thon", parent=commune)
        for v in range(3)
    ]  # fmt: skip
    return commune, villages


def _household(commune, village, spec, n, by):
    h = Household.objects.create(
        code=f"{commune.code}-{n:03d}", commune=commune, village=village,
        ethnicity=spec["ethnicity"], deprived_count=len(spec["deprived"]),
        assessed_category="AVERAGE" if n % 2 else "POOR",
    )  # fmt: skip
    Deprivation.objects.bulk_create(
        [Deprivation(household=h, indicator=i) for i in spec["deprived"]]
    )
    PolicyTag.objects.bulk_create([PolicyTag(household=h, group=g) for g in spec["groups"]])
    CauseTag.objects.bulk_create([CauseTag(household=h, cause=c) for c in spec["causes"]])
    NeedTag.objects.bulk_create([NeedTag(household=h, need=x) for x in spec["needs"]])
    Member.objects.bulk_create(
        [Member(household=h, full_name="Chủ hộ", relation=Relation.HEAD, birth_year=1980)]
        + [
            Member(household=h, full_name=f"Con {i}", relation=Relation.CHILD, birth_year=2015,
                   has_health_insurance=insured, in_school=school)
            for i, (insured, school) in enumerate(spec["children"])
        ]
    )  # fmt: skip
    history = []
    if spec["arrival"] != "none":
        on = date(2024, 11, 1) if spec["arrival"] == "import" else date(2025, 1, 15)
        history.append((spec["first"], on, S.IMPORT if spec["arrival"] == "import" else S.MOVED_IN))
    day = date(2025, 2, 1)
    for status in spec["steps"]:
        day += timedelta(days=40)
        history.append((status, day, S.REVIEW))
    if spec["leaves"]:
        history.append((P.NOT_LISTED, day + timedelta(days=30), spec["leaves"]))
    for status, on, source in history:
        record_status(
            household=h, status=status, year=on.year, standard="2022-2025",
            decision_number=f"{n}-{on:%d%m%Y}", decision_date=on, source=source, by=by,
        )  # fmt: skip


def _check_rows_add_up(table):
    for column in table.columns:
        if isinstance(column, Figure):
            rows = sum(r.values[column.key] for r in table.rows)
            assert rows == table.total.values[column.key], (table.report.number, column.key)


def _check_movements_explain_change(table):
    for row in [*table.rows, table.total]:
        v = row.values
        assert v["start"] - v["dec"] + v["inc"] == v["end"], (table.report.number, row.label)
        decreases = sum(v[k] for k in v if k.startswith("dec_"))
        increases = sum(v[k] for k in v if k.startswith("inc_"))
        assert (decreases, increases) == (v["dec"], v["inc"])


@pytest.mark.django_db
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(household_st, min_size=1, max_size=8))
def test_rows_add_up_to_the_area_total_in_every_report(demo, specs):
    commune, villages = _area(demo.province)
    by = demo.users["canbo.tumorong"]
    for n, spec in enumerate(specs):
        _household(commune, villages[spec["village"]], spec, n, by)
    areas = {"2025": (commune, demo.province), "2025-06": (commune,)}
    for key, units in areas.items():
        period = parse_period(key)
        for area, report in itertools.product(units, REPORTS):
            if report.is_list:
                continue
            table = build_table(report, area, period)
            _check_rows_add_up(table)
            if report.number in (2, 3):
                _check_movements_explain_change(table)
