"""Which standard is in force in a year, and which one an annual review uses."""

import pytest

from giamngheo.poverty import (
    NATIONAL_STANDARDS,
    NoStandardForYear,
    derive_standard,
    standard_for_review,
    standard_for_year,
)


@pytest.mark.parametrize(
    ("year", "code"),
    [
        (2016, "2016-2020"),
        (2020, "2016-2020"),
        (2021, "2016-2020"),
        (2022, "2022-2025"),
        (2025, "2022-2025"),
        (2026, "2022-2025"),
        (2027, "2027-2030"),
        (2030, "2027-2030"),
    ],
)
def test_standard_for_year_picks_the_standard_in_force(year, code):
    assert standard_for_year(year).code == code


@pytest.mark.parametrize("year", [2015, 2031, 1990])
def test_years_outside_every_standard_raise_a_clear_error(year):
    with pytest.raises(NoStandardForYear, match=f"năm {year}"):
        standard_for_year(year)


@pytest.mark.parametrize(
    ("review_year", "code"),
    [(2020, "2016-2020"), (2021, "2022-2025"), (2025, "2022-2025"), (2026, "2027-2030")],
)
def test_the_review_at_the_end_of_a_year_uses_the_standard_of_the_next_year(review_year, code):
    assert standard_for_review(review_year).code == code


def test_review_at_the_end_of_2030_has_no_standard_yet():
    with pytest.raises(NoStandardForYear):
        standard_for_review(2030)


def test_selection_reads_the_years_from_the_data_so_a_new_standard_is_just_data():
    future = derive_standard(
        NATIONAL_STANDARDS[-1],
        code="2031-2035",
        income_lines={"rural": 3_000_000, "urban": 3_500_000},
        legal_basis=["Nghị định giả định"],
    )
    from dataclasses import replace

    future = replace(future, years=range(2031, 2036))
    assert standard_for_year(2033, NATIONAL_STANDARDS + (future,)).code == "2031-2035"
    assert standard_for_year(2025, NATIONAL_STANDARDS + (future,)).code == "2022-2025"
