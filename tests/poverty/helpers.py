"""Builders for facts used across the poverty tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from giamngheo.poverty import (
    Area,
    EducationLevel,
    EmploymentStatus,
    HouseholdFacts,
    HousingType,
    LatrineType,
    MemberFacts,
    Sex,
    WasteHandling,
    WaterSource,
)

ON = date(2025, 10, 1)


def born_aged(years: int, on: date = ON, days_after: int = 0) -> date:
    """A date of birth giving exactly ``years`` at ``on`` (birthday today when days_after=0)."""
    born = on.replace(year=on.year - years)
    return date.fromordinal(born.toordinal() + days_after)


def adult(name: str = "Nguyễn Văn A", age: int = 40, **changes) -> MemberFacts:
    """A member deprived on nothing under any standard."""
    base = MemberFacts(
        full_name=name,
        date_of_birth=born_aged(age),
        sex=Sex.MALE,
        has_health_insurance=True,
        seriously_ill=False,
        received_medical_care=True,
        in_school=False,
        at_age_appropriate_level=True,
        education_level=EducationLevel.UPPER_SECONDARY,
        has_enterprise_training_certificate=False,
        employment_status=EmploymentStatus.EMPLOYED,
        is_wage_earner=True,
        has_labour_contract=True,
        severe_disability=False,
        receives_monthly_social_allowance=False,
        stunted=False,
        underweight=False,
    )
    return replace(base, **changes)


def child(name: str = "Nguyễn Văn B", age: int = 10, **changes) -> MemberFacts:
    defaults = dict(
        in_school=True,
        education_level=EducationLevel.PRIMARY,
        employment_status=EmploymentStatus.NOT_IN_LABOUR_FORCE,
        is_wage_earner=False,
        has_labour_contract=None,
    )
    return adult(name, age, **{**defaults, **changes})


def household(*members: MemberFacts, **changes) -> HouseholdFacts:
    """A household deprived on nothing under any standard (two adults by default)."""
    base = HouseholdFacts(
        area=Area.RURAL,
        income_per_capita=1_000_000,
        members=members or (adult(), adult("Trần Thị C", 38, sex=Sex.FEMALE)),
        has_house=True,
        housing_type=HousingType.DURABLE,
        walls_durable=True,
        frame_durable=True,
        roof_durable=True,
        floor_area_m2=60.0,
        water_source=WaterSource.PIPED,
        latrine_type=LatrineType.SEPTIC,
        any_member_uses_telephone=True,
        any_member_uses_internet=True,
        has_television=True,
        has_radio=False,
        has_computer=False,
        has_phone=True,
        has_tablet=False,
        hears_public_loudspeaker=True,
        waste_handling=WasteHandling.COLLECTED,
    )
    return replace(base, **changes)
