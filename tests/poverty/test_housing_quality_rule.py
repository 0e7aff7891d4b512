"""Housing quality under every standard: no house, less-durable or makeshift is deprived; a
semi-durable house (one non-durable structure) is not (standards.md, corrected 2026-11-29)."""

from dataclasses import replace

import pytest

from giamngheo.poverty import (
    NATIONAL_STANDARDS,
    STANDARD_2022_2025,
    STANDARD_2027_2030,
    Category,
    HousingType,
    LatrineType,
    WaterSource,
    assess_household,
)

from .helpers import ON, household

BY_TYPE = [
    (HousingType.DURABLE, False),
    (HousingType.SEMI_DURABLE, False),
    (HousingType.LESS_DURABLE, True),
    (HousingType.MAKESHIFT, True),
]
STRUCTURES = [
    ((True, True, True), False),
    ((False, True, True), False),
    ((True, False, True), False),
    ((True, True, False), False),
    ((False, False, True), True),
    ((False, True, False), True),
    ((True, False, False), True),
    ((False, False, False), True),
    ((False, None, True), None),
    ((True, None, None), None),
    ((None, None, None), None),
    ((False, False, None), True),
    ((True, True, None), False),
]


def evaluate(standard, facts):
    return standard.indicator("housing_quality").evaluate(facts, ON)


def by_type(housing_type):
    return household(
        walls_durable=None, frame_durable=None, roof_durable=None, housing_type=housing_type
    )


@pytest.mark.parametrize("standard", NATIONAL_STANDARDS, ids=lambda s: s.code)
@pytest.mark.parametrize(("housing_type", "deprived"), BY_TYPE)
def test_each_housing_type_under_each_standard(standard, housing_type, deprived):
    result = evaluate(standard, by_type(housing_type))
    assert result.deprived is deprived
    assert result.reason.startswith(f"Hộ ở {housing_type.label}")


@pytest.mark.parametrize("standard", NATIONAL_STANDARDS, ids=lambda s: s.code)
@pytest.mark.parametrize(("structures", "deprived"), STRUCTURES)
def test_the_three_structures_under_each_standard(standard, structures, deprived):
    walls, frame, roof = structures
    facts = household(walls_durable=walls, frame_durable=frame, roof_durable=roof)
    if structures == (None, None, None):
        facts = by_type(None)
    assert evaluate(standard, facts).deprived is deprived


@pytest.mark.parametrize("standard", NATIONAL_STANDARDS, ids=lambda s: s.code)
def test_no_house_is_deprived_under_each_standard(standard):
    result = evaluate(standard, household(has_house=False, housing_type=None))
    assert result.deprived is True
    assert result.reason == "Hộ không có nhà ở"


@pytest.mark.parametrize("standard", [STANDARD_2022_2025, STANDARD_2027_2030], ids=str)
def test_the_wording_shown_says_a_semi_durable_house_is_not_deprived(standard):
    indicator = standard.indicator("housing_quality")
    assert "ít nhất 2 trong 3" in indicator.deprived_when
    assert "Nhà bán kiên cố (1 kết cấu không bền chắc) không bị coi là thiếu hụt" in (
        indicator.deprived_when
    )
    assert "không đều" not in indicator.deprived_when


def test_the_verification_note_records_the_correction():
    indicator = STANDARD_2022_2025.indicator("housing_quality")
    assert indicator.verification.value == "to_confirm"
    assert "Đính chính ngày 29/11/2026" in indicator.note
    assert any("Đính chính" in note for note in STANDARD_2022_2025.notes)


def test_a_semi_durable_house_no_longer_pushes_a_household_into_poverty():
    """Two other deprivations and a semi-durable house: near-poor, not poor (2022–2025)."""
    facts = household(
        roof_durable=False,
        water_source=WaterSource.SURFACE,
        latrine_type=LatrineType.NONE,
        income_per_capita=1_200_000,
    )
    result = assess_household(facts, STANDARD_2022_2025, on=ON)
    assert result.profile.deprived == ("water_source", "latrine")
    assert result.category is Category.NEAR_POOR
    worse = assess_household(replace(facts, walls_durable=False), STANDARD_2022_2025, on=ON)
    assert worse.category is Category.POOR
