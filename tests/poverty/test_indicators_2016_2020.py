"""Each 2016–2020 indicator (Decision 59/2015/QĐ-TTg) at its boundaries."""

import pytest

from giamngheo.poverty import STANDARD_2016_2020, EducationLevel, HousingType

from .helpers import ON, adult, child, household

S = STANDARD_2016_2020


def evaluate(code, facts):
    return S.indicator(code).evaluate(facts, ON)


def test_a_household_with_every_fact_in_order_is_deprived_on_nothing():
    for indicator in S.indicators:
        assert indicator.evaluate(household(), ON).deprived is False, indicator.code


def test_seriously_ill_member_without_care_is_deprived():
    sick = adult("Ốm", seriously_ill=True, received_medical_care=False)
    result = evaluate("health_services", household(adult(), sick))
    assert result.deprived is True
    assert "không được khám chữa bệnh" in result.reason
    cared = adult("Ốm", seriously_ill=True, received_medical_care=True)
    assert evaluate("health_services", household(adult(), cared)).deprived is False
    unknown = adult("Ốm", seriously_ill=True, received_medical_care=None)
    assert evaluate("health_services", household(adult(), unknown)).deprived is None
    healthy = adult("Khỏe", seriously_ill=False, received_medical_care=None)
    assert evaluate("health_services", household(adult(), healthy)).deprived is False


@pytest.mark.parametrize(("age", "deprived"), [(5, False), (6, True)])
def test_health_insurance_from_age_6(age, deprived):
    member = child("K", age, has_health_insurance=False)
    assert evaluate("health_insurance", household(adult(), member)).deprived is deprived


@pytest.mark.parametrize(
    ("age", "level", "deprived"),
    [
        (14, EducationLevel.PRIMARY, False),
        (15, EducationLevel.PRIMARY, True),
        (15, EducationLevel.LOWER_SECONDARY, False),
        (30, EducationLevel.PRIMARY, True),
        (31, EducationLevel.PRIMARY, False),
    ],
)
def test_adult_education_15_to_30_without_lower_secondary(age, level, deprived):
    member = adult("L", age, education_level=level, in_school=False)
    assert evaluate("adult_education", household(adult(), member)).deprived is deprived


def test_enterprise_certificate_does_not_count_in_2016():
    member = adult(
        "L", 20, education_level=EducationLevel.PRIMARY, has_enterprise_training_certificate=True
    )
    assert evaluate("adult_education", household(adult(), member)).deprived is True


@pytest.mark.parametrize(("age", "deprived"), [(4, False), (5, True), (14, True), (15, False)])
def test_child_school_attendance_5_to_under_15(age, deprived):
    kid = child("M", age, in_school=False)
    assert evaluate("child_school_attendance", household(adult(), kid)).deprived is deprived


def test_school_level_for_age_does_not_matter_in_2016():
    kid = child("M", 10, at_age_appropriate_level=False)
    assert evaluate("child_school_attendance", household(adult(), kid)).deprived is False


@pytest.mark.parametrize(
    ("housing", "deprived"),
    [
        (HousingType.DURABLE, False),
        (HousingType.SEMI_DURABLE, False),
        (HousingType.LESS_DURABLE, True),
        (HousingType.MAKESHIFT, True),
    ],
)
def test_housing_quality_less_durable_or_makeshift(housing, deprived):
    facts = household(
        walls_durable=None, frame_durable=None, roof_durable=None, housing_type=housing
    )
    assert evaluate("housing_quality", facts).deprived is deprived


def test_housing_quality_from_structures_needs_two_non_durable():
    assert evaluate("housing_quality", household(roof_durable=False)).deprived is False
    facts = household(roof_durable=False, walls_durable=False)
    assert evaluate("housing_quality", facts).deprived is True
    facts = household(roof_durable=False, walls_durable=None)
    assert evaluate("housing_quality", facts).deprived is None


def test_floor_area_8_m2():
    assert evaluate("floor_area", household(floor_area_m2=16.0)).deprived is False
    assert evaluate("floor_area", household(floor_area_m2=15.5)).deprived is True


@pytest.mark.parametrize(
    ("phone", "internet", "deprived"),
    [(True, False, False), (False, True, False), (False, False, True), (None, False, None)],
)
def test_telecom_use_counts_telephone_or_internet(phone, internet, deprived):
    facts = household(any_member_uses_telephone=phone, any_member_uses_internet=internet)
    assert evaluate("telecom_use", facts).deprived is deprived


def test_information_means_includes_the_loudspeaker():
    none = dict(has_television=False, has_radio=False, has_computer=False)
    assert (
        evaluate("information_means", household(**none, hears_public_loudspeaker=True)).deprived
        is False
    )
    result = evaluate("information_means", household(**none, hears_public_loudspeaker=False))
    assert result.deprived is True
    assert "loa truyền thanh" in result.reason
    # A phone is not an information means in 2016–2020.
    facts = household(**none, has_phone=True, hears_public_loudspeaker=False)
    assert evaluate("information_means", facts).deprived is True
