"""The stored deprivation pattern (``deprivation_mask``) always matches the deprivation rows,
whichever path assessed the household: the form's service, the import, the bulk re-assessment."""

from datetime import date

import pytest

from giamngheo.households.models import Deprivation, Household
from giamngheo.households.reassessment import reassess
from giamngheo.poverty import STANDARD_2022_2025

pytestmark = pytest.mark.django_db


def _mask_from_rows(household) -> int:
    position = {code: j for j, code in enumerate(STANDARD_2022_2025.indicator_codes)}
    return sum(
        1 << position[code]
        for code in Deprivation.objects.filter(household=household).values_list(
            "indicator", flat=True
        )
    )


def test_every_demo_household_has_the_mask_of_its_rows(demo):
    households = list(Household.objects.filter(assessed_standard=STANDARD_2022_2025.code))
    assert households
    assert any(h.deprivation_mask for h in households)
    for household in households:
        assert household.deprivation_mask == _mask_from_rows(household), household.code


def test_the_bulk_reassessment_rewrites_the_mask_with_the_rows(demo):
    household = Household.objects.filter(commune=demo.commune_a, members__isnull=False).first()
    household.members.update(has_health_insurance=False)
    Household.objects.filter(pk=household.pk).update(water_source="surface", latrine_type="none")
    reassess(Household.objects.filter(pk=household.pk), on=date(2026, 6, 1))
    household.refresh_from_db()
    deprived = set(
        Deprivation.objects.filter(household=household).values_list("indicator", flat=True)
    )
    assert {"health_insurance", "water_source", "latrine"} <= deprived
    assert household.deprivation_mask == _mask_from_rows(household)
