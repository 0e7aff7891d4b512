"""Classifying millions of households at once, with exactly the single-household answers.

Provincial and national runs (recomputing the lists after a standard changes, simulations
of a new line) work on columns, not objects: a Python loop over ten million households
takes minutes, numpy takes a fraction of a second. The rule is the same table as the
single path (``Standard.rule_table``), evaluated with array operations, so both paths
return the same category and the same rule id for every input; property tests hold them
to it.

Encoding of the columns:

* ``income``: int64 đồng per person per month; ``INCOME_UNKNOWN`` (the smallest int64)
  for unknown;
* ``area``: integer codes ``Area.code`` (0 rural, 1 urban), ``AREA_UNKNOWN`` (-1) or any
  other value for unknown;
* deprivations: either counts (``deprived_count``, ``unknown_count``) or a matrix with one
  column per indicator holding 1 deprived, 0 not deprived, ``DEPRIVATION_UNKNOWN`` (-1)
  unknown (``DeprivationProfile.as_row`` gives one row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .codes import AREA_UNKNOWN, CATEGORY_BY_CODE, Area, Category
from .standards import FEWER, MET, UNDECIDED, Standard

INCOME_UNKNOWN = np.iinfo(np.int64).min
DEPRIVATION_UNKNOWN = -1

__all__ = [
    "AREA_UNKNOWN",
    "DEPRIVATION_UNKNOWN",
    "INCOME_UNKNOWN",
    "BulkClassification",
    "classify_bulk",
    "count_deprivations",
]


@dataclass(frozen=True)
class BulkClassification:
    """Category codes (``Category.code``) and rule codes (indexes into ``rule_ids``)."""

    category: np.ndarray
    rule: np.ndarray
    rule_ids: tuple[str, ...]

    def category_of(self, row: int) -> Category:
        return CATEGORY_BY_CODE[int(self.category[row])]

    def rule_id_of(self, row: int) -> str:
        return self.rule_ids[int(self.rule[row])]

    def counts(self) -> dict[Category, int]:
        """Number of households in each category."""
        found = np.bincount(self.category, minlength=len(CATEGORY_BY_CODE))
        return {CATEGORY_BY_CODE[code]: int(n) for code, n in enumerate(found)}


def count_deprivations(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Deprived and unknown counts per row of a 1 / 0 / -1 deprivation matrix."""
    values = np.asarray(matrix)
    if values.ndim != 2:
        raise ValueError("Ma trận thiếu hụt phải có 2 chiều (hộ × chỉ số)")
    if values.size and (values.min() < DEPRIVATION_UNKNOWN or values.max() > 1):
        raise ValueError("Ma trận thiếu hụt chỉ nhận các giá trị 1, 0 và -1 (chưa rõ)")
    deprived = np.count_nonzero(values == 1, axis=1).astype(np.int16)
    unknown = np.count_nonzero(values == DEPRIVATION_UNKNOWN, axis=1).astype(np.int16)
    return deprived, unknown


def classify_bulk(
    standard: Standard,
    income: Sequence[int] | np.ndarray,
    area: Sequence[int] | np.ndarray,
    deprived_count: Sequence[int] | np.ndarray | None = None,
    unknown_count: Sequence[int] | np.ndarray | None = None,
    *,
    deprivations: np.ndarray | None = None,
) -> BulkClassification:
    """Classify columns of households under ``standard`` (same rule as ``classify``)."""
    income = np.asarray(income, dtype=np.int64)
    area = np.asarray(area)
    if deprivations is not None:
        if deprived_count is not None or unknown_count is not None:
            raise ValueError("Give either deprivation counts or a deprivation matrix, not both")
        if len(deprivations) != len(income):
            raise ValueError("The deprivation matrix must have one row per household")
        deprived_count, unknown_count = count_deprivations(deprivations)
    if deprived_count is None:
        raise ValueError("Deprivation counts or a deprivation matrix are required")
    deprived = np.asarray(deprived_count, dtype=np.int16)
    unknown = (
        np.zeros(1, dtype=np.int16)
        if unknown_count is None
        else np.asarray(unknown_count, np.int16)
    )
    if income.shape != area.shape or income.shape != deprived.shape:
        raise ValueError("income, area and deprivation counts must have the same length")

    table = standard.rule_table
    bands = standard.income_bands
    urban = area == Area.URBAN.code
    # Band index = number of lines the income is above (lines increase band by band); the
    # last index means "above every line".
    band = np.zeros(income.shape, dtype=np.uint8)
    for item in bands:
        line = np.where(urban, item.lines[Area.URBAN], item.lines[Area.RURAL])
        band += income > line
    thresholds = np.array([b.min_deprivations for b in bands] + [0], dtype=np.int16)
    threshold = thresholds[band]
    outcome = np.full(income.shape, UNDECIDED, dtype=np.uint8)
    outcome[deprived + unknown < threshold] = FEWER
    outcome[deprived >= threshold] = MET
    lookup = np.empty((len(bands) + 1, 3), dtype=np.uint8)
    for index, outcomes in enumerate(table.by_band):
        lookup[index, MET] = outcomes[MET]
        lookup[index, FEWER] = outcomes[FEWER]
        lookup[index, UNDECIDED] = outcomes[UNDECIDED]
    lookup[len(bands), :] = table.above
    rule = lookup.ravel()[band * np.uint8(3) + outcome]
    rule[(area != Area.RURAL.code) & ~urban] = table.area_unknown
    rule[income == INCOME_UNKNOWN] = table.measure_unknown
    categories = np.array([r.category.code for r in table.rules], dtype=np.uint8)
    return BulkClassification(categories[rule], rule, tuple(r.id for r in table.rules))
