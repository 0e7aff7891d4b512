"""Classifying one household: boundaries, unknowns and the rule that decided."""

import pytest

from giamngheo.poverty import (
    STANDARD_2016_2020,
    STANDARD_2022_2025,
    STANDARD_2027_2030,
    Area,
    Category,
    HousingType,
    WaterSource,
    assess_household,
    classify,
    classify_profile,
    deprivation_profile,
    standard_for_review,
)

from .helpers import ON, adult, child, household

R, U = Area.RURAL, Area.URBAN
POOR, NEAR, AVG, NOT, UNK = (
    Category.POOR,
    Category.NEAR_POOR,
    Category.AVERAGE,
    Category.NOT_POOR,
    Category.UNKNOWN,
)


def category(standard, income, area, deprived, unknown=0):
    return classify(
        standard,
        income_per_capita=income,
        area=area,
        deprived_count=deprived,
        unknown_count=unknown,
    ).category


@pytest.mark.parametrize(
    ("income", "area", "deprived", "expected"),
    [
        (700_000, R, 0, POOR),
        (700_001, R, 2, NEAR),
        (700_001, R, 3, POOR),
        (1_000_000, R, 2, NEAR),
        (1_000_000, R, 3, POOR),
        (1_000_001, R, 9, AVG),
        (1_500_001, R, 9, NOT),
        (900_000, U, 0, POOR),
        (900_001, U, 2, NEAR),
        (1_300_000, U, 3, POOR),
        (1_300_001, U, 3, AVG),
        (1_950_001, U, 3, NOT),
        (0, R, 0, POOR),
    ],
)
def test_2016_2020_bands(income, area, deprived, expected):
    assert category(STANDARD_2016_2020, income, area, deprived) is expected


@pytest.mark.parametrize(
    ("income", "area", "deprived", "expected"),
    [
        (1_500_000, R, 3, POOR),
        (1_500_000, R, 2, NEAR),
        (100_000, R, 0, NEAR),
        (1_500_001, R, 12, AVG),
        (2_250_000, R, 0, AVG),
        (2_250_001, R, 0, NOT),
        (2_000_000, U, 3, POOR),
        (2_000_000, U, 2, NEAR),
        (2_000_001, U, 5, AVG),
        (3_000_000, U, 5, AVG),
        (3_000_001, U, 5, NOT),
    ],
)
def test_2022_2025_bands(income, area, deprived, expected):
    assert category(STANDARD_2022_2025, income, area, deprived) is expected


@pytest.mark.parametrize(
    ("income", "area", "deprived", "expected"),
    [
        (2_200_000, R, 3, POOR),
        (2_200_000, R, 2, NEAR),
        (2_200_001, R, 12, NOT),
        (2_800_000, U, 3, POOR),
        (2_800_000, U, 2, NEAR),
        (2_800_001, U, 3, NOT),
    ],
)
def test_2027_2030_bands_without_an_average_band(income, area, deprived, expected):
    assert category(STANDARD_2027_2030, income, area, deprived) is expected


def test_unknown_income_is_unknown():
    result = classify(STANDARD_2022_2025, income_per_capita=None, area=R, deprived_count=5)
    assert result.category is UNK
    assert result.rule_id == "2022-2025/income_unknown"
    assert "Chưa có thu nhập" in result.explanation


def test_unknown_area_is_unknown():
    result = classify(STANDARD_2022_2025, income_per_capita=1, area=None, deprived_count=5)
    assert result.category is UNK
    assert result.rule_id == "2022-2025/area_unknown"


@pytest.mark.parametrize(
    ("deprived", "unknown", "expected"),
    [(3, 9, POOR), (2, 0, NEAR), (2, 1, UNK), (1, 1, NEAR), (1, 2, UNK), (0, 2, NEAR)],
)
def test_unknown_indicators_only_matter_when_they_could_change_the_outcome(
    deprived, unknown, expected
):
    assert category(STANDARD_2022_2025, 1_200_000, R, deprived, unknown) is expected


def test_unknown_indicators_do_not_matter_in_bands_that_ignore_deprivations():
    assert category(STANDARD_2022_2025, 2_000_000, R, 0, 12) is AVG
    assert category(STANDARD_2016_2020, 500_000, R, 0, 10) is POOR
    assert category(STANDARD_2016_2020, 800_000, R, 1, 2) is UNK


def test_undecided_explanation_says_what_would_decide():
    result = classify(
        STANDARD_2022_2025, income_per_capita=1_200_000, area=R, deprived_count=2, unknown_count=1
    )
    assert result.rule_id == "2022-2025/poverty_line/undecided"
    assert "Nếu thiếu hụt thêm từ 1 chỉ số trở lên trong số 1 chỉ số chưa rõ" in result.explanation
    assert "hộ nghèo" in result.explanation and "hộ cận nghèo" in result.explanation


def test_the_rule_is_named_with_its_legal_source_and_the_household_figures():
    result = classify(STANDARD_2022_2025, income_per_capita=1_500_000, area=R, deprived_count=3)
    assert result.rule_id == "2022-2025/poverty_line/deprived"
    assert "Nghị định 07/2021/NĐ-CP" in result.rule
    assert "1.500.000 đồng" in result.explanation
    assert "thiếu hụt 3 chỉ số" in result.explanation
    assert result.standard == "2022-2025"


def test_area_may_be_given_as_text():
    assert category(STANDARD_2022_2025, 1_800_000, "URBAN", 3) is POOR
    assert category(STANDARD_2022_2025, 1_800_000, "rural", 3) is AVG


def test_invalid_counts_are_refused():
    with pytest.raises(ValueError):
        category(STANDARD_2022_2025, 1, R, 10, 3)
    with pytest.raises(ValueError):
        category(STANDARD_2022_2025, 1, R, -1)


def test_assess_household_combines_profile_and_classification():
    facts = household(
        adult(),
        child("Nguyễn Văn B", 12, has_health_insurance=False),
        income_per_capita=1_400_000,
        housing_type=HousingType.LESS_DURABLE,
        walls_durable=None,
        frame_durable=None,
        roof_durable=None,
        water_source=WaterSource.SURFACE,
    )
    assessment = assess_household(facts, STANDARD_2022_2025, on=ON)
    assert set(assessment.profile.deprived) == {
        "health_insurance",
        "housing_quality",
        "water_source",
    }
    assert assessment.category is POOR
    assert (
        assessment.profile.result("health_insurance").reason
        == "Nguyễn Văn B (12 tuổi) không có bảo hiểm y tế"
    )


def test_assess_household_uses_the_standard_in_force_at_the_reference_date_by_default():
    assessment = assess_household(household(), on=ON)
    assert assessment.classification.standard == "2022-2025"
    assert assessment.category is NEAR


def test_missing_facts_make_the_household_unknown_when_they_could_tip_it():
    facts = household(
        income_per_capita=1_000_000, water_source=None, latrine_type=None, floor_area_m2=None
    )
    assessment = assess_household(facts, STANDARD_2022_2025, on=ON)
    assert assessment.profile.unknown_count == 3
    assert assessment.category is UNK


def test_profile_row_encodes_deprived_not_deprived_and_unknown():
    facts = household(water_source=None, latrine_type=None)
    profile = deprivation_profile(facts, STANDARD_2027_2030, on=ON)
    row = dict(zip(STANDARD_2027_2030.indicator_codes, profile.as_row(), strict=True))
    assert row["water_source"] == -1 and row["floor_area"] == 0
    changed = classify_profile(profile, STANDARD_2027_2030, income_per_capita=1, area=R)
    assert changed.category is NEAR


def test_annual_review_of_2026_classifies_under_2027_2030():
    facts = household(income_per_capita=2_100_000)
    review = assess_household(facts, standard_for_review(2026), on=ON)
    assert review.category is NEAR
    assert assess_household(facts, standard_for_review(2025), on=ON).category is AVG
