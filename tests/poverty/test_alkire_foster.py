"""Alkire–Foster measures: hand-computed examples, decomposition, validation."""

import sys

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giamngheo.poverty import STANDARD_2027_2030, alkire_foster, nested_weights

# Alkire & Foster (2011), section 4 example: 4 people, 4 dimensions, achievement matrix
#   y = [[13.1, 14, 4, 1], [15.2, 7, 5, 0], [12.5, 10, 1, 0], [20, 11, 3, 1]]
# with cut-offs z = (13, 12, 3, 1) gives the deprivation matrix g0 below and counts
# c = (0, 2, 4, 1). With k = 2 of 4 (0.5 in weighted terms) persons 2 and 3 are poor:
#   H  = 2/4 = 0.5
#   A  = (2/4 + 4/4) / 2 = 0.75
#   M0 = H × A = 0.375  (= 6/16: six censored deprivations in sixteen cells)
# Uncensored headcounts: (1, 3, 1, 2)/4; person 4 is censored out of column 2, so the
# censored headcounts are (1, 2, 1, 2)/4. Contributions: w h_k / M0 = 0.25·0.25/0.375 =
# 16.67 %, 0.25·0.5/0.375 = 33.33 %, 16.67 %, 33.33 % (sum 100).
G0 = np.array([[0, 0, 0, 0], [0, 1, 0, 1], [1, 1, 1, 1], [0, 1, 0, 0]])
mpi = sys.modules["giamngheo.poverty.mpi"]


def test_alkire_foster_2011_example():
    result = alkire_foster(G0, k=0.5)
    assert result.H == pytest.approx(0.5)
    assert result.A == pytest.approx(0.75)
    assert result.M0 == pytest.approx(0.375)
    assert result.uncensored_headcount == pytest.approx([0.25, 0.75, 0.25, 0.5])
    assert result.censored_headcount == pytest.approx([0.25, 0.5, 0.25, 0.5])
    assert result.contribution == pytest.approx([100 / 6, 100 / 3, 100 / 6, 100 / 3])


def test_default_cutoff_one_third_gives_the_same_poor_in_the_example():
    # Person 4 has 1/4 < 1/3; person 2 has 2/4 ≥ 1/3.
    assert alkire_foster(G0).M0 == pytest.approx(0.375)


def test_cutoff_exactly_at_a_score_counts_as_poor_despite_float_rounding():
    # Nested weights of the 2027 draft: 1/6 per dimension, water dimension split in three,
    # so 1/18 + 1/18 + 1/18 + 1/6 = 1/3 only up to rounding.
    codes = STANDARD_2027_2030.indicator_codes
    row = np.zeros((1, len(codes)), dtype=np.int8)
    for code in ("water_source", "latrine", "waste_handling", "telecom_use"):
        row[0, codes.index(code)] = 1
    result = alkire_foster(row, dimensions=STANDARD_2027_2030, k=1 / 3)
    assert result.H == 1.0


def test_weights_example_with_unequal_weights_by_hand():
    # Weights (0.5, 0.25, 0.125, 0.125); scores: p1 0, p2 .375, p3 1, p4 .25. k = 0.3:
    # poor p2, p3 → H = .5, A = (.375 + 1)/2 = .6875, M0 = .34375.
    result = alkire_foster(G0, weights=[0.5, 0.25, 0.125, 0.125], k=0.3)
    assert (result.H, result.A, result.M0) == pytest.approx((0.5, 0.6875, 0.34375))
    assert result.contribution.sum() == pytest.approx(100)


def test_population_weights_are_sampling_weights():
    # Giving person 3 weight 2 is the same as duplicating the row.
    weighted = alkire_foster(G0, k=0.5, population_weights=[1, 1, 2, 1])
    duplicated = alkire_foster(np.vstack([G0, G0[2:3]]), k=0.5)
    assert weighted.M0 == pytest.approx(duplicated.M0)
    assert weighted.H == pytest.approx(duplicated.H)
    assert weighted.censored_headcount == pytest.approx(duplicated.censored_headcount)


def test_groups_by_hand_and_decomposition():
    # Group a = persons 1 and 3, group b = persons 2 and 4.
    # a: scores 0, 1 → H .5, A 1, M0 .5;  b: scores .5, .25 → H .5, A .5, M0 .25.
    # Shares .5 each: total M0 = .5·.5 + .5·.25 = .375; contributions 66.7 % and 33.3 %.
    result = alkire_foster(G0, k=0.5, groups=["a", "b", "a", "b"])
    g = result.groups
    assert list(g.labels) == ["a", "b"]
    assert g.H == pytest.approx([0.5, 0.5])
    assert g.A == pytest.approx([1.0, 0.5])
    assert g.M0 == pytest.approx([0.5, 0.25])
    assert g.group_contribution == pytest.approx([200 / 3, 100 / 3])
    assert g.contribution[1] == pytest.approx([0, 50, 0, 50])
    assert (g.population_share * g.M0).sum() == pytest.approx(result.M0)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 200),
    st.integers(1, 8),
    st.integers(0, 2**32 - 1),
    st.floats(0.05, 1.0),
    st.booleans(),
)
def test_decompositions_add_up(n, d, seed, k, weighted):
    rng = np.random.default_rng(seed)
    g0 = (rng.random((n, d)) < 0.4).astype(np.uint8)
    pw = rng.random(n) + 0.1 if weighted else None
    groups = rng.integers(0, 5, n) * 100
    result = alkire_foster(g0, k=k, population_weights=pw, groups=groups)
    assert result.M0 == pytest.approx(result.H * result.A)
    assert result.M0 == pytest.approx(float(result.weights @ result.censored_headcount))
    g = result.groups
    assert (g.population_share * g.M0).sum() == pytest.approx(result.M0)
    if result.M0 > 0:
        assert result.contribution.sum() == pytest.approx(100)
        assert g.group_contribution.sum() == pytest.approx(100)
    else:
        assert np.isnan(result.contribution).all()


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 120), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_pattern_and_row_methods_agree(n, d, seed):
    rng = np.random.default_rng(seed)
    g0 = (rng.random((n, d)) < 0.5).astype(np.int8)
    pw = rng.random(n)
    groups = rng.integers(0, 4, n)
    fast = alkire_foster(g0, population_weights=pw, groups=groups)
    limit = mpi._MAX_PATTERN_BITS
    mpi._MAX_PATTERN_BITS = 0
    try:
        slow = alkire_foster(g0, population_weights=pw, groups=groups)
    finally:
        mpi._MAX_PATTERN_BITS = limit
    assert fast.M0 == pytest.approx(slow.M0)
    assert fast.groups.censored_headcount == pytest.approx(slow.groups.censored_headcount)
    assert fast.groups.uncensored_headcount == pytest.approx(slow.groups.uncensored_headcount)
    assert list(fast.groups.labels) == list(slow.groups.labels)


def test_nobody_poor_gives_zero_intensity_and_nan_contributions():
    result = alkire_foster(np.zeros((3, 4)), groups=[1, 1, 2])
    assert (result.H, result.A, result.M0) == (0.0, 0.0, 0.0)
    assert np.isnan(result.contribution).all()
    assert np.isnan(result.groups.group_contribution).all()
    assert (result.groups.A == 0).all()


def test_nested_default_weights_from_a_standard():
    result = alkire_foster(np.zeros((1, 12)), dimensions=STANDARD_2027_2030)
    weights = dict(zip(result.indicators, result.weights, strict=True))
    assert weights["telecom_use"] == pytest.approx(1 / 6)
    assert weights["employment"] == pytest.approx(1 / 12)
    assert weights["waste_handling"] == pytest.approx(1 / 18)
    assert result.weights.sum() == pytest.approx(1)


def test_dataframe_columns_name_the_indicators_and_a_dimension_mapping_nests_weights():
    frame = pl.DataFrame({"water": [1, 0], "latrine": [1, 0], "insurance": [0, 1]})
    result = alkire_foster(
        frame, dimensions={"water": "wash", "latrine": "wash", "insurance": "health"}
    )
    assert result.indicators == ("water", "latrine", "insurance")
    assert result.weights == pytest.approx([0.25, 0.25, 0.5])
    assert result.H == 1.0 and result.M0 == pytest.approx(0.5)
    by_name = alkire_foster(frame, weights={"water": 0.5, "latrine": 0.25, "insurance": 0.25})
    assert by_name.weights == pytest.approx([0.5, 0.25, 0.25])


def test_without_dimension_information_weights_are_equal():
    assert alkire_foster(G0).weights == pytest.approx([0.25] * 4)
    assert nested_weights(["a", "b", "c"], {"a": "x", "b": "x", "c": "y"}) == pytest.approx(
        [0.25, 0.25, 0.5]
    )


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([0.5, 0.5, 0.5, 0.5], "sum to 1"),
        ([0.5, 0.5], "Need 4 weights"),
        ([1.5, -0.5, 0, 0], "non-negative"),
        ([np.nan, 0.5, 0.25, 0.25], "finite"),
    ],
)
def test_invalid_weights_are_refused(weights, message):
    with pytest.raises(ValueError, match=message):
        alkire_foster(G0, weights=weights)


def test_weights_by_name_must_cover_every_indicator():
    frame = pl.DataFrame({"a": [1], "b": [0]})
    with pytest.raises(ValueError, match="missing"):
        alkire_foster(frame, weights={"a": 1.0})
    with pytest.raises(ValueError, match="unknown: \\['a'\\]"):
        alkire_foster(G0, weights={"a": 1.0})


@pytest.mark.parametrize("k", [0, -0.1, 1.2])
def test_invalid_cutoff_is_refused(k):
    with pytest.raises(ValueError, match="k must"):
        alkire_foster(G0, k=k)


def test_non_binary_or_missing_deprivations_are_refused():
    with pytest.raises(ValueError, match="0 and 1"):
        alkire_foster(np.array([[0, 2]]))
    with pytest.raises(ValueError, match="0 and 1"):
        alkire_foster(np.array([[0.0, np.nan]]))
    with pytest.raises(ValueError, match="2-D"):
        alkire_foster(np.array([0, 1]))


def test_invalid_population_weights_and_groups_are_refused():
    with pytest.raises(ValueError, match="population_weights"):
        alkire_foster(G0, population_weights=[1, 1, 1])
    with pytest.raises(ValueError, match="population_weights"):
        alkire_foster(G0, population_weights=[0, 0, 0, 0])
    with pytest.raises(ValueError, match="groups"):
        alkire_foster(G0, groups=[1, 2])
