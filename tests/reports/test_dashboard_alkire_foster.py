"""The dashboard's Alkire–Foster figures are the engine's on the household-level matrix."""

import numpy as np
import pytest

from giamngheo.core.ethnicity import KINH
from giamngheo.households.assessment import standard_in_force
from giamngheo.households.models import Deprivation, Household
from giamngheo.poverty import alkire_foster
from giamngheo.reports.dashboard import area_figures

pytestmark = pytest.mark.django_db


def _household_matrix(households):
    """One row per household, one column per indicator, from the deprivation rows (not the
    stored masks the dashboard reads), so the two paths are independent."""
    standard = standard_in_force()
    pks = list(households.order_by("pk").values_list("pk", flat=True))
    row = {pk: i for i, pk in enumerate(pks)}
    column = {code: j for j, code in enumerate(standard.indicator_codes)}
    matrix = np.zeros((len(pks), len(column)), dtype=np.int8)
    for pk, code in Deprivation.objects.filter(household_id__in=pks).values_list(
        "household_id", "indicator"
    ):
        matrix[row[pk], column[code]] = 1
    return pks, matrix, standard


def test_province_h_a_m0_and_contributions_equal_the_engine_on_the_same_matrix(demo):
    households = Household.objects.filter(commune__path__startswith=demo.province.path)
    _pks, matrix, standard = _household_matrix(households)
    expected = alkire_foster(matrix, k=1 / 3, dimensions=standard)

    figures = area_figures(demo.province)
    af = figures["alkire_foster"]
    assert af["assessed"] == len(matrix) == figures["households"]
    assert af["H"] == pytest.approx(expected.H, abs=1e-4)
    assert af["A"] == pytest.approx(expected.A, abs=1e-4)
    assert af["M0"] == pytest.approx(expected.M0, abs=1e-4)
    assert 0 < af["M0"] < af["H"]
    for row, contribution in zip(figures["deprivations"], expected.contribution, strict=True):
        if np.isnan(contribution):
            assert row["contribution"] is None
        else:
            assert row["contribution"] == pytest.approx(contribution, abs=1e-3)
    assert sum(r["contribution"] or 0 for r in figures["deprivations"]) == pytest.approx(100, 0.01)


def test_poor_households_deprived_per_indicator_are_counted_from_the_register(demo):
    figures = area_figures(demo.commune_a)
    for row in figures["deprivations"]:
        assert (
            row["poor"]
            == Deprivation.objects.filter(
                indicator=row["indicator"],
                household__commune=demo.commune_a,
                household__status="POOR",
            ).count()
        )


def test_decomposition_by_two_ethnic_groups_adds_up(demo):
    households = Household.objects.filter(commune=demo.commune_a)
    pks = list(households.order_by("pk").values_list("pk", flat=True))
    kinh, xodang = pks[::2], pks[1::2]
    Household.objects.filter(pk__in=kinh).update(ethnicity=KINH)
    Household.objects.filter(pk__in=xodang).update(ethnicity="16")
    _pks, matrix, standard = _household_matrix(households)
    groups = np.array(["kinh" if pk in kinh else "minority" for pk in _pks])

    figures = area_figures(demo.commune_a)
    af = figures["alkire_foster"]
    broad = {row["group"]: row for row in figures["ethnicity"]["broad"]}
    assert set(broad) == {"kinh", "minority"}
    assert broad["kinh"]["households"] + broad["minority"]["households"] == af["assessed"]
    # M0 = Σ (N_g / N) M0_g and the groups' contributions make 100 %.
    weighted = sum(row["share"] / 100 * row["M0"] for row in broad.values())
    assert weighted == pytest.approx(af["M0"], abs=1e-3)
    assert sum(row["contribution"] for row in broad.values()) == pytest.approx(100, abs=0.01)
    for name in ("kinh", "minority"):
        alone = alkire_foster(matrix[groups == name], k=1 / 3, dimensions=standard)
        assert broad[name]["M0"] == pytest.approx(alone.M0, abs=1e-4)
        assert broad[name]["H"] == pytest.approx(alone.H, abs=1e-4)
    each = {row["group"]: row for row in figures["ethnicity"]["groups"]}
    assert each[KINH]["M0"] == broad["kinh"]["M0"]
    assert each["16"]["label"] == "Xơ Đăng"
    assert each["16"]["households"] == len(xodang)
