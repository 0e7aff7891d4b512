"""The provisional 2027–2030 indicators (September 2025 draft of Decree 351/2025/NĐ-CP)."""

import pytest

from giamngheo.poverty import STANDARD_2027_2030, WasteHandling

from .helpers import ON, adult, child, household

S = STANDARD_2027_2030


def evaluate(code, facts):
    return S.indicator(code).evaluate(facts, ON)


def test_a_household_with_every_fact_in_order_is_deprived_on_nothing():
    for indicator in S.indicators:
        assert indicator.evaluate(household(), ON).deprived is False, indicator.code


@pytest.mark.parametrize(
    ("handling", "deprived"),
    [
        (WasteHandling.COLLECTED, False),
        (WasteHandling.TREATED_ON_SITE, False),
        (WasteHandling.BURNED_OPENLY, True),
        (WasteHandling.DUMPED, True),
        (None, None),
    ],
)
def test_waste_handling(handling, deprived):
    assert evaluate("waste_handling", household(waste_handling=handling)).deprived is deprived


def test_dependants_are_children_and_people_on_monthly_social_allowance():
    elderly_no_allowance = adult("Cụ", 80)
    facts = household(adult(), child("K", 5), elderly_no_allowance)
    assert evaluate("dependants", facts).deprived is False
    on_allowance = adult("Cụ", 80, receives_monthly_social_allowance=True)
    assert evaluate("dependants", household(adult(), child("K", 5), on_allowance)).deprived


def test_without_information_means_the_household_is_not_judged_on_it():
    with pytest.raises(KeyError):
        S.indicator("information_means")
