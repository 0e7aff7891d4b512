"""Indicators evaluated on columns give exactly the single-household answers.

The bulk re-assessment of the register relies on ``deprivation_matrix``; random households
(ages around every limit, birth years only, unknown facts everywhere) must get the same
1 / 0 / -1 row as ``DeprivationProfile.as_row`` under every standard.
"""

from datetime import date, timedelta

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from giamngheo.poverty import (
    NATIONAL_STANDARDS,
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
    columns_from_facts,
    deprivation_matrix,
    deprivation_profile,
    supports_columns,
)

ON = date(2026, 10, 1)
DATES = [ON, date(2026, 4, 30), date(2026, 12, 31), date(2027, 1, 1), date(2024, 2, 29)]
TRI = st.sampled_from([True, False, None])


def maybe(values):
    return st.one_of(st.none(), st.sampled_from(list(values)))


@st.composite
def members(draw, on):
    years = draw(st.integers(0, 90))
    shift = draw(st.integers(-2, 2))
    born = date(on.year - years, on.month, 28 if on.month == 2 else on.day) + timedelta(days=shift)
    how = draw(st.sampled_from(["date", "year", "none"]))
    return MemberFacts(
        full_name=draw(st.sampled_from(["A", None])),
        date_of_birth=born if how == "date" else None,
        birth_year=born.year if how == "year" else None,
        sex=draw(maybe(Sex)),
        has_health_insurance=draw(TRI),
        seriously_ill=draw(TRI),
        received_medical_care=draw(TRI),
        in_school=draw(TRI),
        at_age_appropriate_level=draw(TRI),
        education_level=draw(maybe(EducationLevel)),
        has_enterprise_training_certificate=draw(TRI),
        employment_status=draw(maybe(EmploymentStatus)),
        is_wage_earner=draw(TRI),
        has_labour_contract=draw(TRI),
        severe_disability=draw(TRI),
        receives_monthly_social_allowance=draw(TRI),
        stunted=draw(TRI),
        underweight=draw(TRI),
    )


@st.composite
def households(draw, on):
    return HouseholdFacts(
        area=draw(maybe(Area)),
        income_per_capita=draw(st.one_of(st.none(), st.integers(0, 4_000_000))),
        members=draw(st.one_of(st.none(), st.lists(members(on), max_size=6).map(tuple))),
        member_count=draw(st.one_of(st.none(), st.integers(0, 8))),
        has_house=draw(TRI),
        housing_type=draw(maybe(HousingType)),
        walls_durable=draw(TRI),
        frame_durable=draw(TRI),
        roof_durable=draw(TRI),
        floor_area_m2=draw(
            st.one_of(st.none(), st.sampled_from([0.0, 7.9, 8.0, 16.0, 23.9, 24.0, 47.5]))
        ),
        water_source=draw(maybe(WaterSource)),
        latrine_type=draw(maybe(LatrineType)),
        any_member_uses_telephone=draw(TRI),
        any_member_uses_internet=draw(TRI),
        has_television=draw(TRI),
        has_radio=draw(TRI),
        has_computer=draw(TRI),
        has_phone=draw(TRI),
        has_tablet=draw(TRI),
        hears_public_loudspeaker=draw(TRI),
        waste_handling=draw(maybe(WasteHandling)),
    )


def test_every_national_standard_can_be_evaluated_on_columns():
    assert all(supports_columns(s) for s in NATIONAL_STANDARDS)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(NATIONAL_STANDARDS), st.sampled_from(DATES))
def test_column_path_matches_single_path(data, standard, on):
    facts = data.draw(st.lists(households(on), min_size=1, max_size=25))
    matrix = deprivation_matrix(standard, columns_from_facts(facts), on)
    expected = np.array(
        [deprivation_profile(f, standard, on=on).as_row() for f in facts], dtype=np.int8
    )
    for row, f in enumerate(facts):
        assert matrix[row].tolist() == expected[row].tolist(), (standard.code, f)


def test_retirement_boundary_without_sex_and_with_birth_year_only():
    """Ages straddling the retirement ages: the unknowns must be the same."""
    facts = [
        HouseholdFacts(
            members=(
                MemberFacts(birth_year=ON.year - years, employment_status=status),
                MemberFacts(date_of_birth=date(ON.year - years, 1, 1), sex=sex),
            ),
            member_count=3,
        )
        for years in range(54, 64)
        for sex in Sex
        for status in EmploymentStatus
    ]
    for standard in NATIONAL_STANDARDS:
        matrix = deprivation_matrix(standard, columns_from_facts(facts), ON)
        for row, f in enumerate(facts):
            assert tuple(matrix[row]) == deprivation_profile(f, standard, on=ON).as_row()
