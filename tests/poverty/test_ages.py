"""Ages are computed at the reference date; a birth year alone gives an age range."""

from datetime import date

import pytest

from giamngheo.poverty import MemberFacts, Sex
from giamngheo.poverty.ages import (
    age_between,
    age_years_range,
    of_working_age,
    past_working_age,
    retirement_age_months,
)

ON = date(2025, 10, 1)


def test_age_turns_on_the_birthday_not_the_day_before():
    assert age_years_range(MemberFacts(date_of_birth=date(2019, 10, 1)), ON) == (6, 6)
    assert age_years_range(MemberFacts(date_of_birth=date(2019, 10, 2)), ON) == (5, 5)


def test_birth_year_only_gives_a_one_year_range():
    assert age_years_range(MemberFacts(birth_year=2019), ON) == (5, 6)


def test_unknown_birth_gives_no_age():
    assert age_years_range(MemberFacts(), ON) is None
    assert age_between(MemberFacts(), ON, 6, None) is None


def test_age_range_decides_when_it_falls_on_one_side_of_the_limit():
    assert age_between(MemberFacts(birth_year=2000), ON, 6, None) is True
    assert age_between(MemberFacts(birth_year=2019), ON, 6, None) is None
    assert age_between(MemberFacts(birth_year=2022), ON, 6, None) is False


@pytest.mark.parametrize(
    ("sex", "year", "months"),
    [
        (Sex.MALE, 2020, 720),
        (Sex.MALE, 2021, 723),
        (Sex.MALE, 2028, 744),
        (Sex.MALE, 2035, 744),
        (Sex.FEMALE, 2021, 664),
        (Sex.FEMALE, 2025, 680),
        (Sex.FEMALE, 2035, 720),
    ],
)
def test_retirement_age_follows_decree_135_2020(sex, year, months):
    assert retirement_age_months(sex, year) == months


def test_working_age_starts_at_15():
    assert of_working_age(MemberFacts(date_of_birth=date(2010, 10, 1), sex=Sex.MALE), ON) is True
    assert of_working_age(MemberFacts(date_of_birth=date(2010, 10, 2), sex=Sex.MALE), ON) is False


def test_working_age_ends_at_the_retirement_age_for_the_sex():
    # In 2025 a man retires at 61 years 3 months, a woman at 56 years 8 months.
    man_61y2m = MemberFacts(date_of_birth=date(1964, 8, 1), sex=Sex.MALE)
    man_61y3m = MemberFacts(date_of_birth=date(1964, 7, 1), sex=Sex.MALE)
    assert of_working_age(man_61y2m, ON) is True
    assert of_working_age(man_61y3m, ON) is False
    assert past_working_age(man_61y3m, ON) is True
    woman_58 = MemberFacts(date_of_birth=date(1967, 10, 1), sex=Sex.FEMALE)
    assert of_working_age(woman_58, ON) is False


def test_unknown_sex_matters_only_between_the_two_retirement_ages():
    assert of_working_age(MemberFacts(date_of_birth=date(1985, 1, 1)), ON) is True
    assert of_working_age(MemberFacts(date_of_birth=date(1967, 10, 1)), ON) is None
    assert of_working_age(MemberFacts(date_of_birth=date(1950, 1, 1)), ON) is False
