from datetime import date

import pytest
from django.core.management import call_command

from giamngheo.households.models import Deprivation, Household

pytestmark = pytest.mark.django_db


def test_recompute_moves_every_household_to_the_new_standard_on_1_january_2027(demo):
    from giamngheo.households.reassessment import recompute

    mine = Household.objects.filter(commune=demo.commune_a)
    no_means = mine.first()
    Household.objects.filter(pk=no_means.pk).update(
        has_television=False, has_radio=False, has_computer=False, has_phone=False, has_tablet=False
    )
    recompute(mine, on=date(2026, 12, 31))
    assert Deprivation.objects.filter(household=no_means, indicator="information_means").exists()
    assert set(mine.values_list("assessed_standard", flat=True)) == {"2022-2025"}
    call_command(
        "recompute_assessments",
        "--commune",
        "23425",
        "--on",
        "2027-01-01",
        stdout=open("/dev/null", "w"),
    )
    assert set(mine.values_list("assessed_standard", flat=True)) == {"2027-2030"}
    # The 2027 standard has no "information means" indicator; its deprivation rows are gone.
    assert not Deprivation.objects.filter(
        household__in=mine, indicator="information_means"
    ).exists()
    other = Household.objects.filter(commune=demo.commune_b)
    assert set(other.values_list("assessed_standard", flat=True)) == {"2022-2025"}


def test_recompute_twice_gives_the_same_result(demo):
    from giamngheo.households.reassessment import recompute

    queryset = Household.objects.filter(commune=demo.commune_a)
    recompute(queryset, on=date(2026, 6, 1))
    first = sorted(
        Deprivation.objects.filter(household__in=queryset).values_list("household_id", "indicator")
    )
    recompute(queryset, on=date(2026, 6, 1), batch=3)
    assert (
        sorted(
            Deprivation.objects.filter(household__in=queryset).values_list(
                "household_id", "indicator"
            )
        )
        == first
    )
