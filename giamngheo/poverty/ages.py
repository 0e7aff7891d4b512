"""Ages at a reference date, as ranges so that a birth year alone still decides most rules.

Every age rule in the standards ("aged 6 or over", "from 3 to under 16") is evaluated at the
reference date of the review that is passed in, never at "today". When only the birth year
is known the age is a range of one year; a rule is decided when the whole range falls on
one side of it, and is unknown otherwise.
"""

from __future__ import annotations

from datetime import date

from .facts import MemberFacts, Sex

# Labour Code 2019 Art. 169 and Decree 135/2020/NĐ-CP Art. 4: in normal working conditions
# the retirement age is 60 years 3 months (men) and 55 years 4 months (women) in 2021,
# rising by 3 months (men) / 4 months (women) a year up to 62 (2028) / 60 (2035).
_RETIREMENT = {
    Sex.MALE: (60 * 12, 3, 62 * 12),
    Sex.FEMALE: (55 * 12, 4, 60 * 12),
}
# Labour Code 2019 Art. 143: a worker is a person aged 15 or over.
WORKING_AGE_FROM_MONTHS = 15 * 12


def full_months(born: date, on: date) -> int:
    """Completed months of life from ``born`` to ``on`` (0 before the first month ends)."""
    months = (on.year - born.year) * 12 + (on.month - born.month)
    if on.day < born.day:
        months -= 1
    return months


def age_months_range(member: MemberFacts, on: date) -> tuple[int, int] | None:
    """Smallest and largest possible age in completed months, or ``None`` if unknown."""
    if member.date_of_birth is not None:
        months = full_months(member.date_of_birth, on)
        return months, months
    if member.birth_year is not None:
        youngest = full_months(date(member.birth_year, 12, 31), on)
        oldest = full_months(date(member.birth_year, 1, 1), on)
        return youngest, oldest
    return None


def age_years_range(member: MemberFacts, on: date) -> tuple[int, int] | None:
    """Smallest and largest possible age in completed years, or ``None`` if unknown."""
    months = age_months_range(member, on)
    if months is None:
        return None
    return months[0] // 12, months[1] // 12


def age_between(member: MemberFacts, on: date, low: int, below: int | None) -> bool | None:
    """Whether ``low <= age < below`` (years; ``below=None`` = no upper limit).

    ``None`` when the age is unknown or its range straddles a limit.
    """
    ages = age_years_range(member, on)
    if ages is None:
        return None
    youngest, oldest = ages
    upper = below if below is not None else 10**6
    if youngest >= low and oldest < upper:
        return True
    if oldest < low or youngest >= upper:
        return False
    return None


def retirement_age_months(sex: Sex, year: int) -> int:
    """Retirement age in months for a person reaching it in ``year`` (normal conditions)."""
    base, step, cap = _RETIREMENT[sex]
    if year <= 2020:
        return base
    return min(base + step * (year - 2020), cap)


def _retirement_bounds(member: MemberFacts, on: date) -> tuple[int, int]:
    if member.sex is not None:
        months = retirement_age_months(member.sex, on.year)
        return months, months
    by_sex = [retirement_age_months(sex, on.year) for sex in Sex]
    return min(by_sex), max(by_sex)


def of_working_age(member: MemberFacts, on: date) -> bool | None:
    """Whether the member is of working age: 15 or over and below the retirement age.

    The retirement age depends on sex; an unknown sex only matters between the two ages.
    """
    ages = age_months_range(member, on)
    if ages is None:
        return None
    youngest, oldest = ages
    retire_low, retire_high = _retirement_bounds(member, on)
    if youngest >= WORKING_AGE_FROM_MONTHS and oldest < retire_low:
        return True
    if oldest < WORKING_AGE_FROM_MONTHS or youngest >= retire_high:
        return False
    return None


def past_working_age(member: MemberFacts, on: date) -> bool | None:
    """Whether the member has reached the retirement age."""
    ages = age_months_range(member, on)
    if ages is None:
        return None
    youngest, oldest = ages
    retire_low, retire_high = _retirement_bounds(member, on)
    if youngest >= retire_high:
        return True
    if oldest < retire_low:
        return False
    return None


def describe_member(member: MemberFacts, position: int, on: date) -> str:
    """How a reason names a member: "Nguyễn Văn B (12 tuổi)" or "Thành viên thứ 2"."""
    name = member.full_name or f"Thành viên thứ {position}"
    ages = age_years_range(member, on)
    if ages is None:
        return f"{name} (chưa rõ tuổi)"
    if ages[0] == ages[1]:
        return f"{name} ({ages[0]} tuổi)"
    return f"{name} ({ages[0]}–{ages[1]} tuổi)"
