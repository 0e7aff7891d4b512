"""Sub-area rows add up to the area's totals, for the province and each commune."""

import pytest

from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household, PovertyStatus
from giamngheo.reports.dashboard import area_figures

pytestmark = pytest.mark.django_db


def _check_adds_up(figures):
    subs = figures["sub_areas"]
    assert sum(s["households"] for s in subs) == figures["households"]
    for category in figures["categories"]:
        assert sum(s[category["status"]] for s in subs) == category["count"]
    with_households = [s for s in subs if s["households"] and s["contribution"] is not None]
    if figures["alkire_foster"]["M0"]:
        assert sum(s["contribution"] for s in with_households) == pytest.approx(100, abs=0.01)


def test_province_rows_per_commune_add_up_to_the_province(demo):
    figures = area_figures(demo.province)
    assert (
        figures["households"]
        == Household.objects.filter(commune__path__startswith=demo.province.path).count()
    )
    assert figures["sub_level"] == Level.COMMUNE
    _check_adds_up(figures)


def test_commune_rows_per_village_add_up_to_the_commune(demo):
    for commune in Unit.objects.filter(
        level=Level.COMMUNE, pk__in=Household.objects.values("commune")
    ):
        figures = area_figures(commune)
        poor = next(c for c in figures["categories"] if c["status"] == PovertyStatus.POOR)
        assert poor["count"] == Household.objects.filter(commune=commune, status="POOR").count()
        _check_adds_up(figures)
        assert {s["code"] for s in figures["sub_areas"]} == set(
            Unit.objects.filter(parent=commune, level=Level.VILLAGE).values_list("code", flat=True)
        )


def test_rates_are_shares_of_all_households(demo):
    figures = area_figures(demo.commune_a)
    total = figures["households"]
    for category in figures["categories"]:
        assert category["rate"] == round(100 * category["count"] / total, 2)
