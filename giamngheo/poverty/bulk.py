"""Classifying millions of households at once, with exactly the single-household answers.

Provincial and national runs (recomputing the lists after a standard changes, simulating
a new line) work on columns, not objects: a Python loop over ten million households takes
minutes, numpy takes a fraction of a second. The decision within a band depends only on
(band, deprived count, unknown count), so the bulk path tabulates the single path's own
``decide_in_band`` for every such triple (a few hundred entries) and looks the rule up for
each row; which band a row falls in is a comparison with the lines. Property tests hold
the two paths to the same category and rule id on every input.

Encoding of the columns:

* ``income``: int64 đồng per person per month; ``INCOME_UNKNOWN`` (the smallest int64)
  for unknown;
* ``area``: integer codes ``Area.code`` (0 rural, 1 urban); ``AREA_UNKNOWN`` (-1) or any
  other value = unknown;
* deprivations: either counts (``deprived_count``, ``unknown_count``) or a matrix with one
  column per indicator holding 1 deprived, 0 not deprived, ``DEPRIVATION_UNKNOWN`` (-1)
  unknown (``DeprivationProfile.as_row`` gives one row).

Rows are processed in cache-sized chunks on a small thread pool (numpy releases the GIL).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import numpy as np

from .classification import decide_in_band
from .codes import AREA_UNKNOWN, CATEGORY_BY_CODE, Area, Category
from .columns import INCOME_UNKNOWN, Columns
from .standards import Standard

DEPRIVATION_UNKNOWN = -1
_CHUNK_ROWS = 1 << 18

__all__ = [
    "AREA_UNKNOWN",
    "DEPRIVATION_UNKNOWN",
    "INCOME_UNKNOWN",
    "BulkClassification",
    "classify_bulk",
    "count_deprivations",
    "deprivation_matrix",
    "supports_columns",
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
    deprived = np.empty(len(values), dtype=np.int16)
    unknown = np.empty(len(values), dtype=np.int16)

    def run(start: int, stop: int) -> None:
        chunk = values[start:stop]
        if chunk.size and (chunk.min() < DEPRIVATION_UNKNOWN or chunk.max() > 1):
            raise ValueError("Ma trận thiếu hụt chỉ nhận các giá trị 1, 0 và -1 (chưa rõ)")
        deprived[start:stop] = np.count_nonzero(chunk == 1, axis=1)
        unknown[start:stop] = np.count_nonzero(chunk == DEPRIVATION_UNKNOWN, axis=1)

    _in_chunks(len(values), run)
    return deprived, unknown


def supports_columns(standard: Standard) -> bool:
    """Whether every indicator of ``standard`` can be evaluated on columns."""
    return all(hasattr(i.rule, "evaluate_columns") for i in standard.indicators)


def deprivation_matrix(standard: Standard, columns: Columns, on: date) -> np.ndarray:
    """Every indicator of ``standard`` for every household of ``columns`` at ``on``: one
    row per household, one column per indicator, 1 / 0 / -1 (``DeprivationProfile.as_row``
    of the single path, which the tests hold it to)."""
    matrix = np.empty((columns.n, len(standard.indicators)), dtype=np.int8)
    for position, indicator in enumerate(standard.indicators):
        matrix[:, position] = indicator.rule.evaluate_columns(columns, on)
    return matrix


def _in_chunks(n: int, run) -> None:
    """Call ``run(start, stop)`` over cache-sized row chunks, on threads when worth it."""
    starts = range(0, n, _CHUNK_ROWS)
    if len(starts) <= 1:
        run(0, n)
        return
    workers = min(os.cpu_count() or 1, 8)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(run, s, min(s + _CHUNK_ROWS, n)) for s in starts]:
            future.result()


def _lookup(standard: Standard) -> np.ndarray:
    """Rule index for every (band, deprived, unknown), from the single path's own rule."""
    bands = standard.income_bands
    size = len(standard.indicators) + 1
    lookup = np.zeros((len(bands) + 1, size, size), dtype=np.uint8)
    for band in range(len(bands) + 1):
        for deprived in range(size):
            for unknown in range(size - deprived):
                lookup[band, deprived, unknown] = decide_in_band(
                    bands, standard.rule_table, band, deprived, unknown
                )
    return lookup.ravel()


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
        np.zeros(income.shape, dtype=np.int16)
        if unknown_count is None
        else np.asarray(unknown_count, dtype=np.int16)
    )
    if not income.shape == area.shape == deprived.shape == unknown.shape or income.ndim != 1:
        raise ValueError("income, area and deprivation counts must be columns of one length")

    table = standard.rule_table
    size = len(standard.indicators) + 1
    lookup = _lookup(standard)
    categories = np.array([r.category.code for r in table.rules], dtype=np.uint8)
    lines = [(b.lines[Area.RURAL], b.lines[Area.URBAN]) for b in standard.income_bands]
    rule = np.empty(income.shape, dtype=np.uint8)
    category = np.empty(income.shape, dtype=np.uint8)

    def run(start: int, stop: int) -> None:
        inc, code = income[start:stop], area[start:stop]
        dep, unk = deprived[start:stop], unknown[start:stop]
        if dep.size and (dep.min() < 0 or unk.min() < 0 or int((dep + unk).max()) >= size):
            raise ValueError(
                f"Số chỉ số thiếu hụt không hợp lệ: chuẩn {standard.code} có {size - 1} chỉ số"
            )
        urban = code == Area.URBAN.code
        rural = code == Area.RURAL.code
        # Band index = number of lines the income is above (lines increase band by band).
        band = np.zeros(inc.shape, dtype=np.int16)
        for rural_line, urban_line in lines:
            band += np.where(urban, inc > urban_line, inc > rural_line)
        index = (band * size + dep) * size + unk
        chunk_rule = lookup[index]
        chunk_rule[~(rural | urban)] = table.area_unknown
        chunk_rule[inc == INCOME_UNKNOWN] = table.measure_unknown
        rule[start:stop] = chunk_rule
        category[start:stop] = categories[chunk_rule]

    _in_chunks(income.size, run)
    return BulkClassification(category, rule, tuple(r.id for r in table.rules))
