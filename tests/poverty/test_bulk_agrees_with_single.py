"""The bulk path gives the single path's category and rule id on every input."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from giamngheo.poverty import (
    AREA_UNKNOWN,
    INCOME_UNKNOWN,
    NATIONAL_STANDARDS,
    STANDARD_2022_2025,
    Area,
    Category,
    classify,
    classify_bulk,
    derive_standard,
)

STANDARDS = NATIONAL_STANDARDS + (
    derive_standard(
        STANDARD_2022_2025,
        code="local",
        income_lines={"rural": 1_700_000, "urban": 2_100_000},
        legal_basis=["Quyết định địa phương (ví dụ)"],
    ),
)


def _boundaries():
    values = {0, 1, 10_000_000}
    for standard in STANDARDS:
        for band in standard.income_bands:
            for line in band.lines.values():
                values.update({line - 1, line, line + 1})
    return sorted(values)


@st.composite
def household_rows(draw, standard):
    size = len(standard.indicators)
    income = draw(
        st.one_of(
            st.sampled_from(_boundaries()),
            st.integers(min_value=-5, max_value=5_000_000),
            st.just(None),
        )
    )
    area = draw(st.sampled_from([0, 1, AREA_UNKNOWN]))
    deprived = draw(st.integers(0, size))
    unknown = draw(st.integers(0, size - deprived))
    return income, area, deprived, unknown


@st.composite
def batches(draw):
    standard = draw(st.sampled_from(STANDARDS))
    rows = draw(st.lists(household_rows(standard), min_size=1, max_size=60))
    return standard, rows


def single(standard, income, area, deprived, unknown):
    return classify(
        standard,
        income_per_capita=income,
        area=None if area == AREA_UNKNOWN else (Area.URBAN if area == 1 else Area.RURAL),
        deprived_count=deprived,
        unknown_count=unknown,
    )


@settings(max_examples=400, deadline=None)
@given(batches())
def test_bulk_and_single_agree_on_counts(batch):
    standard, rows = batch
    income = np.array([INCOME_UNKNOWN if r[0] is None else r[0] for r in rows], dtype=np.int64)
    bulk = classify_bulk(
        standard,
        income,
        np.array([r[1] for r in rows], dtype=np.int8),
        np.array([r[2] for r in rows]),
        np.array([r[3] for r in rows]),
    )
    for i, row in enumerate(rows):
        expected = single(standard, *row)
        assert bulk.category_of(i) is expected.category
        assert bulk.rule_id_of(i) == expected.rule_id


@st.composite
def matrices(draw):
    standard = draw(st.sampled_from(STANDARDS))
    n = draw(st.integers(1, 30))
    d = len(standard.indicators)
    cells = draw(st.lists(st.sampled_from([-1, 0, 1]), min_size=n * d, max_size=n * d))
    incomes = draw(st.lists(st.sampled_from(_boundaries()), min_size=n, max_size=n))
    areas = draw(st.lists(st.sampled_from([0, 1]), min_size=n, max_size=n))
    return standard, np.array(cells, dtype=np.int8).reshape(n, d), incomes, areas


@settings(max_examples=200, deadline=None)
@given(matrices())
def test_bulk_matrix_path_agrees_with_single(case):
    standard, matrix, incomes, areas = case
    bulk = classify_bulk(
        standard, np.array(incomes), np.array(areas, dtype=np.int8), deprivations=matrix
    )
    for i, row in enumerate(matrix):
        deprived = int((row == 1).sum())
        unknown = int((row == -1).sum())
        expected = single(standard, incomes[i], areas[i], deprived, unknown)
        assert bulk.rule_id_of(i) == expected.rule_id


def test_bulk_over_many_chunks_matches_a_small_run():
    rng = np.random.default_rng(7)
    n = 700_000
    income = rng.integers(0, 3_500_000, n)
    area = rng.integers(-1, 2, n).astype(np.int8)
    deprived = rng.integers(0, 7, n)
    unknown = rng.integers(0, 6, n)
    whole = classify_bulk(STANDARD_2022_2025, income, area, deprived, unknown)
    part = classify_bulk(
        STANDARD_2022_2025, income[-1000:], area[-1000:], deprived[-1000:], unknown[-1000:]
    )
    assert np.array_equal(whole.rule[-1000:], part.rule)
    assert sum(whole.counts().values()) == n
    assert whole.counts()[Category.AVERAGE] > 0


def test_bulk_refuses_bad_input():
    with pytest.raises(ValueError):
        classify_bulk(STANDARD_2022_2025, [1], [0], [13])
    with pytest.raises(ValueError):
        classify_bulk(STANDARD_2022_2025, [1, 2], [0], [1])
    with pytest.raises(ValueError):
        classify_bulk(STANDARD_2022_2025, [1], [0], deprivations=np.array([[2] * 12]))
    with pytest.raises(ValueError):
        classify_bulk(STANDARD_2022_2025, [1], [0])
