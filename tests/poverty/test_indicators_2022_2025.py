"""Each 2022–2025 indicator from facts, at its boundaries, with unknowns and reasons."""

import pytest

from giamngheo.poverty import (
    STANDARD_2022_2025,
    EducationLevel,
    EmploymentStatus,
    LatrineType,
    WaterSource,
)

from .helpers import ON, adult, born_aged, child, household

S = STANDARD_2022_2025


def evaluate(code, facts):
    return S.indicator(code).evaluate(facts, ON)


def test_a_household_with_every_fact_in_order_is_deprived_on_nothing():
    for indicator in S.indicators:
        result = indicator.evaluate(household(), ON)
        assert result.deprived is False, (indicator.code, result.reasons)


# --- health insurance: a member aged 6 or over without it (Decree 07/2021, verified) ---


def test_member_aged_exactly_6_without_insurance_is_deprived_with_a_named_reason():
    facts = household(adult(), child("Nguyễn Văn B", 6, has_health_insurance=False))
    result = evaluate("health_insurance", facts)
    assert result.deprived is True
    assert result.reason == "Nguyễn Văn B (6 tuổi) không có bảo hiểm y tế"


def test_child_one_day_short_of_6_without_insurance_is_not_deprived():
    young = child("Bé", 6, has_health_insurance=False, date_of_birth=born_aged(6, days_after=1))
    assert evaluate("health_insurance", household(adult(), young)).deprived is False


def test_unknown_insurance_is_unknown_not_silently_fine():
    result = evaluate("health_insurance", household(adult(), adult("X", has_health_insurance=None)))
    assert result.deprived is None
    assert "chưa rõ có thẻ bảo hiểm y tế không" in result.reason


def test_one_clearly_deprived_member_decides_even_if_another_is_unknown():
    facts = household(adult("A", has_health_insurance=None), adult("B", has_health_insurance=False))
    result = evaluate("health_insurance", facts)
    assert result.deprived is True
    assert result.reasons == ("B (40 tuổi) không có bảo hiểm y tế",)


def test_unknown_age_without_insurance_is_unknown():
    who = adult("A", has_health_insurance=False, date_of_birth=None)
    result = evaluate("health_insurance", household(adult(), who))
    assert result.deprived is None
    assert "ngày sinh" in result.reason


def test_child_under_6_with_unknown_insurance_does_not_make_it_unknown():
    baby = child("Bé", 2, has_health_insurance=None)
    assert evaluate("health_insurance", household(adult(), baby)).deprived is False


def test_no_member_list_is_unknown_for_member_indicators():
    facts = household(members=None)
    for code in ("health_insurance", "employment", "nutrition", "adult_education", "dependants"):
        assert evaluate(code, facts).deprived is None


# --- employment ---


def test_unemployed_member_of_working_age_is_deprived():
    facts = household(adult(), adult("D", 30, employment_status=EmploymentStatus.UNEMPLOYED))
    result = evaluate("employment", facts)
    assert result.deprived is True
    assert "thất nghiệp" in result.reason


def test_wage_earner_without_contract_is_deprived():
    facts = household(adult(), adult("D", 30, has_labour_contract=False))
    result = evaluate("employment", facts)
    assert result.deprived is True
    assert "không có hợp đồng lao động" in result.reason


def test_self_employed_without_contract_is_not_deprived():
    facts = household(adult(), adult("D", 30, is_wage_earner=False, has_labour_contract=False))
    assert evaluate("employment", facts).deprived is False


def test_unemployment_outside_working_age_does_not_count():
    fourteen = child("E", 14, employment_status=EmploymentStatus.UNEMPLOYED)
    retired = adult("F", 70, employment_status=EmploymentStatus.UNEMPLOYED)
    assert evaluate("employment", household(adult(), fourteen, retired)).deprived is False
    fifteen = child("E", 15, employment_status=EmploymentStatus.UNEMPLOYED)
    assert evaluate("employment", household(adult(), fifteen)).deprived is True


def test_unknown_contract_of_a_wage_earner_is_unknown():
    facts = household(adult(), adult("D", 30, has_labour_contract=None))
    assert evaluate("employment", facts).deprived is None


# --- dependants: more than 50 % ---


def test_dependants_exactly_half_is_not_deprived_more_than_half_is():
    half = household(adult(), child("K1", 5), adult("G", 45), child("K2", 3))
    assert evaluate("dependants", half).deprived is False
    more = household(adult(), child("K1", 5), child("K2", 3))
    result = evaluate("dependants", more)
    assert result.deprived is True
    assert "2/3 thành viên là người phụ thuộc" in result.reason


def test_age_16_is_not_a_child_dependant_but_15_is():
    assert evaluate("dependants", household(adult(), child("K", 16))).deprived is False
    assert evaluate("dependants", household(child("K", 15))).deprived is True


def test_severe_disability_and_past_working_age_count_as_dependants():
    facts = household(adult(), adult("H", 40, severe_disability=True), adult("I", 75))
    assert evaluate("dependants", facts).deprived is True


def test_unknown_members_make_dependants_unknown_only_when_they_could_tip_the_share():
    could_tip = household(adult(), child("K", 5), adult("H", 40, severe_disability=None))
    assert evaluate("dependants", could_tip).deprived is None
    cannot_tip = household(adult(), adult("G", 41), adult("H", 40, severe_disability=None))
    assert evaluate("dependants", cannot_tip).deprived is False


def test_members_missing_from_the_list_count_as_unknown():
    facts = household(adult(), child("K", 5), member_count=4)
    assert evaluate("dependants", facts).deprived is None


# --- nutrition ---


def test_stunted_child_under_16_is_deprived_and_16_is_not():
    assert evaluate("nutrition", household(adult(), child("K", 15, stunted=True))).deprived is True
    assert evaluate("nutrition", household(adult(), child("K", 16, stunted=True))).deprived is False
    assert evaluate("nutrition", household(adult(), child("K", 4, underweight=True))).deprived


def test_unknown_nutrition_of_a_child_is_unknown_but_not_for_adults():
    assert evaluate("nutrition", household(adult(), child("K", 4, stunted=None))).deprived is None
    assert evaluate("nutrition", household(adult("A", stunted=None))).deprived is False


# --- adult education: 16–30 ---


@pytest.mark.parametrize(
    ("age", "level", "deprived"),
    [
        (15, EducationLevel.PRIMARY, False),
        (16, EducationLevel.PRIMARY, True),
        (16, EducationLevel.LOWER_SECONDARY, False),
        (17, EducationLevel.LOWER_SECONDARY, False),
        (18, EducationLevel.LOWER_SECONDARY, True),
        (18, EducationLevel.VOCATIONAL_ELEMENTARY, False),
        (18, EducationLevel.UPPER_SECONDARY, False),
        (30, EducationLevel.LOWER_SECONDARY, True),
        (31, EducationLevel.NONE, False),
    ],
)
def test_adult_education_age_limits_and_expected_levels(age, level, deprived):
    member = adult("L", age, education_level=level, in_school=False)
    assert evaluate("adult_education", household(adult(), member)).deprived is deprived


def test_studying_or_an_enterprise_certificate_counts():
    in_school = adult("L", 20, education_level=EducationLevel.PRIMARY, in_school=True)
    assert evaluate("adult_education", household(adult(), in_school)).deprived is False
    trained = adult(
        "L", 20, education_level=EducationLevel.PRIMARY, has_enterprise_training_certificate=True
    )
    assert evaluate("adult_education", household(adult(), trained)).deprived is False


def test_adult_education_reason_names_the_shortfall():
    member = adult("Lê Văn L", 20, education_level=EducationLevel.LOWER_SECONDARY)
    result = evaluate("adult_education", household(adult(), member))
    assert result.reason.startswith("Lê Văn L (20 tuổi) không đi học và chưa tốt nghiệp trung học")


def test_birth_year_straddling_17_and_18_still_decides_when_both_agree():
    member = adult(
        "L",
        0,
        education_level=EducationLevel.UPPER_SECONDARY,
        date_of_birth=None,
        birth_year=ON.year - 18,
    )
    assert evaluate("adult_education", household(adult(), member)).deprived is False
    member = adult(
        "L",
        0,
        education_level=EducationLevel.LOWER_SECONDARY,
        date_of_birth=None,
        birth_year=ON.year - 18,
    )
    result = evaluate("adult_education", household(adult(), member))
    assert result.deprived is None
    assert "ngày sinh đầy đủ" in result.reason


# --- child school attendance: 3 to under 16, at the level for the age ---


@pytest.mark.parametrize(("age", "deprived"), [(2, False), (3, True), (15, True), (16, False)])
def test_child_out_of_school_age_limits(age, deprived):
    kid = child("M", age, in_school=False)
    assert evaluate("child_school_attendance", household(adult(), kid)).deprived is deprived


def test_child_in_school_below_the_level_for_age_is_deprived():
    kid = child("M", 10, at_age_appropriate_level=False)
    result = evaluate("child_school_attendance", household(adult(), kid))
    assert result.deprived is True
    assert "không học đúng cấp học" in result.reason


# --- housing ---


def test_no_house_is_deprived_on_quality_and_floor_area():
    facts = household(has_house=False, floor_area_m2=None)
    assert evaluate("housing_quality", facts).deprived is True
    assert evaluate("floor_area", facts).deprived is True


def test_one_non_durable_structure_is_a_semi_durable_house_and_not_deprived():
    result = evaluate("housing_quality", household(roof_durable=False))
    assert result.deprived is False
    assert "1/3 kết cấu chính" in result.reason
    assert "không thiếu hụt" in result.reason


def test_two_non_durable_structures_are_deprived():
    result = evaluate("housing_quality", household(roof_durable=False, walls_durable=False))
    assert result.deprived is True
    assert result.reason == "2/3 kết cấu chính (tường, khung-cột, mái) không bền chắc"


def test_housing_type_is_used_when_structures_are_not_entered():
    facts = household(walls_durable=None, frame_durable=None, roof_durable=None, housing_type=None)
    assert evaluate("housing_quality", facts).deprived is None


def test_partly_known_structures_decide_only_when_two_are_known():
    assert (
        evaluate("housing_quality", household(walls_durable=False, roof_durable=None)).deprived
        is None
    )
    facts = household(walls_durable=False, frame_durable=False, roof_durable=None)
    assert evaluate("housing_quality", facts).deprived is True
    facts = household(walls_durable=True, frame_durable=True, roof_durable=None)
    assert evaluate("housing_quality", facts).deprived is False
    facts = household(walls_durable=True, frame_durable=None, roof_durable=None)
    assert evaluate("housing_quality", facts).deprived is None


@pytest.mark.parametrize(
    ("area", "people", "deprived"),
    [(16.0, 2, False), (15.99, 2, True), (24.0, 3, False), (23.9, 3, True), (8.0, 1, False)],
)
def test_floor_area_exactly_8_m2_per_person_is_not_deprived(area, people, deprived):
    members = tuple(adult(f"P{i}") for i in range(people))
    result = evaluate("floor_area", household(*members, floor_area_m2=area))
    assert result.deprived is deprived
    assert "m²/người" in result.reason


def test_floor_area_unknown_when_area_is_missing():
    assert evaluate("floor_area", household(floor_area_m2=None)).deprived is None


# --- water, latrine, information ---


@pytest.mark.parametrize(
    ("source", "deprived"),
    [
        (WaterSource.PIPED, False),
        (WaterSource.DRILLED_WELL, False),
        (WaterSource.RAINWATER, False),
        (WaterSource.UNPROTECTED_DUG_WELL, True),
        (WaterSource.SURFACE, True),
        (None, None),
    ],
)
def test_water_source(source, deprived):
    assert evaluate("water_source", household(water_source=source)).deprived is deprived


@pytest.mark.parametrize(
    ("latrine", "deprived"),
    [
        (LatrineType.SEPTIC, False),
        (LatrineType.DOUBLE_VAULT, False),
        (LatrineType.SIMPLE_PIT, True),
        (LatrineType.NONE, True),
        (None, None),
    ],
)
def test_latrine(latrine, deprived):
    assert evaluate("latrine", household(latrine_type=latrine)).deprived is deprived


@pytest.mark.parametrize(("internet", "deprived"), [(True, False), (False, True), (None, None)])
def test_telecom_use_is_about_internet(internet, deprived):
    facts = household(any_member_uses_internet=internet, any_member_uses_telephone=True)
    assert evaluate("telecom_use", facts).deprived is deprived


def test_information_means_any_one_means_is_enough():
    nothing = dict(
        has_television=False, has_radio=False, has_computer=False, has_phone=False, has_tablet=False
    )
    assert evaluate("information_means", household(**nothing)).deprived is True
    assert (
        evaluate("information_means", household(**{**nothing, "has_tablet": True})).deprived
        is False
    )
    assert (
        evaluate("information_means", household(**{**nothing, "has_phone": None})).deprived is None
    )
