"""One period module for every app: the URL slugs are stable and an app that reports only by
some kinds refuses the others."""

import datetime

import pytest

from giamngheo.collaborators.models import REPORT_KINDS
from giamngheo.core.periods import Period, PeriodKind

D = datetime.date


@pytest.mark.parametrize(
    ("slug", "kind", "start", "end"),
    [
        ("2026-03", PeriodKind.MONTH, D(2026, 3, 1), D(2026, 3, 31)),
        ("2024-02", PeriodKind.MONTH, D(2024, 2, 1), D(2024, 2, 29)),
        ("2026-q1", PeriodKind.QUARTER, D(2026, 1, 1), D(2026, 3, 31)),
        ("2026-Q4", PeriodKind.QUARTER, D(2026, 10, 1), D(2026, 12, 31)),
        ("2026", PeriodKind.YEAR, D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_a_slug_names_one_period_and_comes_back_the_same(slug, kind, start, end):
    period = Period.parse(slug)
    assert (period.kind, period.start, period.end) == (kind, start, end)
    assert period.slug == slug.lower()
    assert Period.parse(period.slug) == period


@pytest.mark.parametrize("slug", ["2026-13", "2026-00", "2026-q5", "1999", "2101-01", "", "26-1"])
def test_what_is_not_a_period_is_refused(slug):
    with pytest.raises(ValueError):
        Period.parse(slug)


def test_an_app_reading_only_months_and_quarters_refuses_a_year():
    assert Period.parse("2026-q2", REPORT_KINDS).kind == PeriodKind.QUARTER
    with pytest.raises(ValueError):
        Period.parse("2026", REPORT_KINDS)
    with pytest.raises(ValueError):
        Period.parse("2026-05", [PeriodKind.QUARTER])


def test_neighbours_and_containing_periods():
    march = Period.month(2026, 3)
    assert march.previous().slug == "2026-02" and march.next().slug == "2026-04"
    assert Period.month(2026, 1).previous().slug == "2025-12"
    assert march.quarter_of.slug == "2026-q1" and march.days == 31
    assert Period.of(PeriodKind.YEAR, D(2026, 7, 9)).next().slug == "2027"
    assert Period.of(PeriodKind.QUARTER, D(2026, 1, 1)).previous().slug == "2025-q4"
    assert Period.containing(D(2026, 8, 15)) == Period.month(2026, 8)
