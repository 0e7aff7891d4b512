"""The 2016–2020 average-living-standard band (Decision 59/2015 Art. 2(3)), kept as data
marked as coming from a secondary source."""

import numpy as np
import pytest

from giamngheo.poverty import STANDARD_2016_2020, Category, Verification, classify, classify_bulk

S = STANDARD_2016_2020

EDGES = [
    ("rural", 1_000_000, 0, Category.NEAR_POOR),
    ("rural", 1_000_000, 3, Category.POOR),
    ("rural", 1_000_001, 5, Category.AVERAGE),
    ("rural", 1_500_000, 0, Category.AVERAGE),
    ("rural", 1_500_001, 0, Category.NOT_POOR),
    ("urban", 1_300_000, 0, Category.NEAR_POOR),
    ("urban", 1_300_001, 0, Category.AVERAGE),
    ("urban", 1_950_000, 4, Category.AVERAGE),
    ("urban", 1_950_001, 0, Category.NOT_POOR),
]


@pytest.mark.parametrize(("area", "income", "deprived", "category"), EDGES)
def test_band_edges_single_and_bulk(area, income, deprived, category):
    single = classify(S, income_per_capita=income, area=area, deprived_count=deprived)
    assert single.category is category
    bulk = classify_bulk(S, np.array([income]), np.array([1 if area == "urban" else 0]), [deprived])
    assert bulk.category_of(0) is category
    assert bulk.rule_id_of(0) == single.rule_id


def test_the_band_is_marked_as_secondary_source():
    band = next(b for b in S.income_bands if b.category is Category.AVERAGE)
    assert band.verification is Verification.UNVERIFIED
    assert "tài liệu thứ cấp" in band.note
    assert S.has_average_band
    assert any("tài liệu thứ cấp" in note for note in S.notes)


def test_the_average_rule_cites_its_source():
    single = classify(S, income_per_capita=1_200_000, area="rural", deprived_count=0)
    assert single.rule_id == "2016-2020/average"
    assert "Quyết định 59/2015/QĐ-TTg, Điều 2, khoản 3" in single.rule
