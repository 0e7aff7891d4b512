"""The three national standards are data, exactly as in standards.md."""

import pytest

from giamngheo.poverty import (
    LOW_INCOME_WORKER_LINES,
    STANDARD_2016_2020,
    STANDARD_2022_2025,
    STANDARD_2027_2030,
    Area,
    Category,
    Verification,
    derive_standard,
    is_low_income_worker_household,
)

R, U = Area.RURAL, Area.URBAN


def test_2016_2020_has_five_dimensions_ten_indicators_and_three_income_bands():
    s = STANDARD_2016_2020
    assert [d.code for d in s.dimensions] == [
        "health",
        "education",
        "housing",
        "water_sanitation",
        "information",
    ]
    assert len(s.indicators) == 10
    poverty, near, average = s.income_bands
    assert dict(poverty.lines) == {R: 700_000, U: 900_000}
    assert dict(average.lines) == {R: 1_500_000, U: 1_950_000}
    assert average.category is Category.AVERAGE
    assert dict(near.lines) == {R: 1_000_000, U: 1_300_000}
    assert poverty.min_deprivations == 0 and poverty.category is Category.POOR
    assert near.min_deprivations == 3 and near.category_if_fewer is Category.NEAR_POOR
    assert "59/2015/QĐ-TTg" in s.legal_basis[0]


def test_2022_2025_has_six_dimensions_twelve_indicators_and_the_average_band():
    s = STANDARD_2022_2025
    assert len(s.dimensions) == 6 and len(s.indicators) == 12
    assert s.indicator_codes == (
        "employment",
        "dependants",
        "nutrition",
        "health_insurance",
        "adult_education",
        "child_school_attendance",
        "housing_quality",
        "floor_area",
        "water_source",
        "latrine",
        "telecom_use",
        "information_means",
    )
    poverty, average = s.income_bands
    assert dict(poverty.lines) == {R: 1_500_000, U: 2_000_000}
    assert dict(average.lines) == {R: 2_250_000, U: 3_000_000}
    assert average.category is Category.AVERAGE
    assert s.has_average_band
    assert any("07/2021/NĐ-CP" in basis for basis in s.legal_basis)
    assert any("30/2025/NĐ-CP" in basis for basis in s.legal_basis)
    assert any("351/2025/NĐ-CP" in basis for basis in s.legal_basis)


def test_2022_2025_unconfirmed_wordings_carry_a_note_to_confirm_against_decree_07():
    s = STANDARD_2022_2025
    verified = {i.code for i in s.indicators if i.verification is Verification.VERIFIED}
    assert verified == {"health_insurance", "floor_area"}
    for indicator in s.indicators:
        if indicator.code not in verified:
            assert indicator.verification is Verification.TO_CONFIRM
            assert "Nghị định 07/2021/NĐ-CP" in indicator.note
    assert any("07/2021" in note for note in s.notes)


def test_2027_2030_lines_and_provisional_indicator_structure():
    s = STANDARD_2027_2030
    (poverty,) = s.income_bands
    assert dict(poverty.lines) == {R: 2_200_000, U: 2_800_000}
    assert not s.has_average_band
    assert s.verification is Verification.PROVISIONAL
    assert "TẠM THỜI" in s.note
    assert len(s.indicators) == 12 and len(s.dimensions) == 6
    assert "information_means" not in s.indicator_codes
    assert "waste_handling" in s.indicator_codes
    assert all(i.verification is Verification.PROVISIONAL for i in s.indicators)
    assert s.dimension_of()["waste_handling"] == "water_sanitation_environment"


def test_2016_2020_thresholds_are_marked_unverified():
    assert all(i.verification is Verification.UNVERIFIED for i in STANDARD_2016_2020.indicators)
    assert Verification.UNVERIFIED.label == "CHƯA KIỂM CHỨNG"


def test_every_indicator_has_vietnamese_wording_and_a_legal_source():
    for standard in (STANDARD_2016_2020, STANDARD_2022_2025, STANDARD_2027_2030):
        for indicator in standard.indicators:
            assert indicator.name and indicator.deprived_when and indicator.source


def test_province_standard_raises_the_poverty_line_and_keeps_the_indicators():
    local = derive_standard(
        STANDARD_2022_2025,
        code="HCM-2022-2025",
        income_lines={"rural": 2_000_000, "urban": 2_800_000},
        legal_basis=["Quyết định 995/QĐ-UBND (ví dụ)"],
        province="79",
    )
    assert dict(local.income_bands[0].lines) == {R: 2_000_000, U: 2_800_000}
    assert local.base == "2022-2025" and local.province == "79"
    assert local.indicators == STANDARD_2022_2025.indicators
    assert local.legal_basis[0] == "Quyết định 995/QĐ-UBND (ví dụ)"
    assert local.survey_scoring is None
    assert local.rules[0].id.startswith("HCM-2022-2025/")


def test_province_standard_can_set_several_bands_by_code():
    local = derive_standard(
        STANDARD_2016_2020,
        code="local",
        income_lines={
            "poverty_line": {"rural": 800_000, "urban": 1_000_000},
            "near_poverty_line": {"rural": 1_200_000, "urban": 1_500_000},
        },
        legal_basis=["x"],
    )
    assert [dict(b.lines) for b in local.income_bands] == [
        {R: 800_000, U: 1_000_000},
        {R: 1_200_000, U: 1_500_000},
        {R: 1_500_000, U: 1_950_000},
    ]


def test_province_standard_cannot_go_below_the_national_line():
    with pytest.raises(ValueError, match="không được thấp hơn"):
        derive_standard(
            STANDARD_2027_2030,
            code="low",
            income_lines={"rural": 2_000_000, "urban": 2_800_000},
            legal_basis=["x"],
        )


def test_province_standard_rejects_unknown_bands_and_crossing_lines():
    with pytest.raises(ValueError, match="không có mức"):
        derive_standard(
            STANDARD_2027_2030,
            code="x",
            income_lines={"average": {"rural": 1, "urban": 2}},
            legal_basis=["x"],
        )
    with pytest.raises(ValueError, match="increase"):
        derive_standard(
            STANDARD_2022_2025,
            code="x",
            income_lines={"rural": 2_300_000, "urban": 2_000_000},
            legal_basis=["x"],
        )


def test_low_income_worker_lines_from_decree_30_2025():
    assert dict(LOW_INCOME_WORKER_LINES.lines) == {R: 2_250_000, U: 3_000_000}
    assert "30/2025" in LOW_INCOME_WORKER_LINES.source


@pytest.mark.parametrize(
    ("income", "area", "category", "expected"),
    [
        (2_250_000, R, Category.AVERAGE, True),
        (2_250_001, R, Category.NOT_POOR, False),
        (3_000_000, U, Category.AVERAGE, True),
        (3_000_001, U, Category.NOT_POOR, False),
        (1_000_000, R, Category.POOR, False),
        (1_000_000, R, Category.NEAR_POOR, False),
        (None, R, Category.NOT_POOR, None),
        (2_000_000, None, Category.NOT_POOR, None),
        (2_000_000, R, Category.UNKNOWN, None),
    ],
)
def test_low_income_worker_household(income, area, category, expected):
    assert (
        is_low_income_worker_household(
            STANDARD_2022_2025, income_per_capita=income, area=area, category=category
        )
        is expected
    )


def test_low_income_worker_is_not_defined_for_2027_2030():
    with pytest.raises(ValueError):
        is_low_income_worker_household(
            STANDARD_2027_2030, income_per_capita=1, area=R, category=Category.NOT_POOR
        )
