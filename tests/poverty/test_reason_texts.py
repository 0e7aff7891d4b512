"""A rule about an age group says so when the household has no member of that age, instead
of claiming that "every member aged …" meets it."""

import pytest

from giamngheo.poverty import STANDARD_2016_2020, STANDARD_2022_2025, STANDARD_2027_2030

from .helpers import ON, adult, child, household

ELDERLY = (adult("Ông A", 80), adult("Bà B", 78))
CASES = [
    (STANDARD_2022_2025, "adult_education", ELDERLY, "Hộ không có thành viên từ 16 đến 30 tuổi"),
    (STANDARD_2016_2020, "adult_education", ELDERLY, "Hộ không có thành viên từ 15 đến 30 tuổi"),
    (
        STANDARD_2022_2025,
        "child_school_attendance",
        ELDERLY,
        "Hộ không có trẻ em từ 3 đến dưới 16 tuổi",
    ),
    (
        STANDARD_2016_2020,
        "child_school_attendance",
        ELDERLY,
        "Hộ không có trẻ em từ 5 đến dưới 15 tuổi",
    ),
    (STANDARD_2027_2030, "nutrition", ELDERLY, "Hộ không có trẻ em dưới 16 tuổi"),
    (STANDARD_2022_2025, "employment", ELDERLY, "Hộ không có thành viên trong độ tuổi lao động"),
    (
        STANDARD_2022_2025,
        "health_insurance",
        (child("Bé", 2), child("Bé 2", 4)),
        "Hộ không có thành viên từ 6 tuổi trở lên",
    ),
]


@pytest.mark.parametrize(
    ("standard", "code", "members", "text"), CASES, ids=[f"{c[0].code}-{c[1]}" for c in CASES]
)
def test_no_member_of_the_age_group(standard, code, members, text):
    facts = household(*members)
    result = standard.indicator(code).evaluate(facts, ON)
    assert result.deprived is False
    assert result.reason == text


def test_with_members_of_the_age_the_reason_speaks_of_them():
    facts = household(adult("Anh C", 25), adult())
    result = STANDARD_2022_2025.indicator("adult_education").evaluate(facts, ON)
    assert result.deprived is False
    assert result.reason.startswith("Mọi thành viên từ 16 đến 30 tuổi")


def test_a_member_whose_age_is_unknown_may_be_in_the_group():
    """Only a birth year straddling 16: not "no member of that age"."""
    from dataclasses import replace

    teen = replace(adult("Em D"), date_of_birth=None, birth_year=ON.year - 16)
    facts = household(teen, adult())
    result = STANDARD_2022_2025.indicator("adult_education").evaluate(facts, ON)
    assert result.deprived is False
    assert result.reason.startswith("Mọi thành viên")
