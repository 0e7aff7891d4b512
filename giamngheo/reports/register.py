"""The register's aggregates for one area: categories, sub-areas, deprivations, Alkire–Foster.

One grouped query reads every household of the area once and returns, per (sub-area,
ethnicity, status, standard, deprivation pattern), a count. The pattern is the household's
set of deprived indicators as a bit mask (``Household.deprivation_mask``: one bit per
indicator of the standard, written with the ``Deprivation`` rows by every assessment). Everything on the
dashboard about households is a sum over those cells, and Alkire–Foster runs on them with the
counts as population weights, which gives exactly the figures of the household-by-household
matrix (``alkire_foster`` sums over deprivation patterns in the same way).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db import connection
from django.db.models import Count

from giamngheo.core.ethnicity import KINH
from giamngheo.households.models import Household, PovertyStatus
from giamngheo.poverty import Standard, alkire_foster

# The dual cut-off of the global MPI: poor when deprived on a third of the weighted indicators.
AF_K = 1 / 3
KINH_GROUP, MINORITY_GROUP, UNKNOWN_GROUP = "kinh", "minority", "unknown"
AREA_COLUMNS = ("commune_id", "village_id")
GROUPING = (
    "commune_id", "village_id", "status", "ethnicity", "assessed_standard", "deprivation_mask",
)  # fmt: skip


@dataclass(frozen=True)
class Cells:
    """Household counts per cell; every array has one entry per cell."""

    sub: np.ndarray
    ethnicity: np.ndarray
    status: np.ndarray
    current: np.ndarray
    mask: np.ndarray
    count: np.ndarray
    indicators: tuple[str, ...]

    def bits(self) -> np.ndarray:
        """The cells' deprivation matrix (cells × indicators, 0/1)."""
        shifts = np.arange(len(self.indicators), dtype=np.int64)
        return ((self.mask[:, None] >> shifts[None, :]) & 1).astype(np.int8)


def household_cells(column: str, ids: list[int], sub_column: str, standard: Standard) -> Cells:
    """The grouped read of the area's households (``column`` IN ``ids``), in one query.

    Grouped by all the columns of the index (commune, village, status, ethnicity,
    assessed_standard, deprivation_mask) in its order, so PostgreSQL streams an index-only
    scan into a sorted aggregate, with no join and no hash table; the literal id list keeps
    the plan on the index. Cells are per village; ``sub_column`` picks the sub-area.
    """
    if column not in AREA_COLUMNS or sub_column not in AREA_COLUMNS:
        raise ValueError("area columns are commune_id or village_id")
    query = (
        Household.objects.filter(**{f"{column}__in": ids})
        .values_list(*GROUPING)
        .annotate(n=Count("*"))
        .order_by()
    )
    # Plain tuples from the cursor: tens of thousands of cells skip the ORM's converters.
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(GROUPING) + 1)
    by_name = dict(zip((*GROUPING, "n"), columns, strict=True))
    return Cells(
        sub=np.array(by_name[sub_column], dtype=np.int64),
        ethnicity=np.array(by_name["ethnicity"], dtype=object),
        status=np.array(by_name["status"], dtype=object),
        current=np.array(by_name["assessed_standard"], dtype=object) == standard.code,
        mask=np.array([m or 0 for m in by_name["deprivation_mask"]], dtype=np.int64),
        count=np.array(by_name["n"], dtype=np.int64),
        indicators=standard.indicator_codes,
    )


def totals_by(keys: np.ndarray, counts: np.ndarray) -> dict:
    """Sum of ``counts`` per distinct key."""
    out: dict = {}
    for key, n in zip(keys.tolist(), counts.tolist(), strict=True):
        out[key] = out.get(key, 0) + n
    return out


def categories(cells: Cells) -> dict[str, int]:
    """Households per status (every status present, zero when none)."""
    by_status = totals_by(cells.status, cells.count)
    return {status: by_status.get(status, 0) for status in PovertyStatus.values}


def categories_by_sub(cells: Cells) -> dict[int, dict[str, int]]:
    """Households per status in each sub-area (one ``np.add.at`` over the cells)."""
    statuses = list(PovertyStatus.values)
    position = {status: j for j, status in enumerate(statuses)}
    subs, row = np.unique(cells.sub, return_inverse=True)
    column = np.array([position[s] for s in cells.status.tolist()], dtype=np.intp)
    grid = np.zeros((len(subs), len(statuses)), dtype=np.int64)
    np.add.at(grid, (row.ravel(), column), cells.count)
    return {
        int(sub): dict(zip(statuses, grid[i].tolist(), strict=True))
        for i, sub in enumerate(subs.tolist())
    }


def headcounts(cells: Cells, statuses: tuple[str, ...]) -> np.ndarray:
    """Households deprived on each indicator among those of ``statuses`` assessed under the
    standard (a vector over the indicators)."""
    chosen = cells.current & np.isin(cells.status, statuses)
    if not chosen.any():
        return np.zeros(len(cells.indicators), dtype=np.int64)
    return (cells.bits()[chosen].astype(np.int64) * cells.count[chosen, None]).sum(axis=0)


def ethnic_group(codes: np.ndarray) -> np.ndarray:
    """Kinh / minority / unknown for each ethnicity code."""
    out = np.full(codes.shape, MINORITY_GROUP, dtype=object)
    out[codes == KINH] = KINH_GROUP
    out[codes == ""] = UNKNOWN_GROUP
    return out


def dense(values: np.ndarray) -> tuple[np.ndarray, list]:
    """Integer codes 0..G-1 for ``values`` and the value of each code: the engine groups
    integer labels with a ``bincount`` instead of sorting strings."""
    index: dict = {}
    codes = [index.setdefault(value, len(index)) for value in values.tolist()]
    return np.array(codes, dtype=np.int64), list(index)


def alkire_foster_of(cells: Cells, standard: Standard, groups=None):
    """Alkire–Foster over the households assessed under ``standard`` (``None`` when there are
    none); ``groups`` gives one label per cell for the decomposition."""
    chosen = cells.current & (cells.count > 0)
    if not chosen.any():
        return None
    return alkire_foster(
        cells.bits()[chosen],
        k=AF_K,
        population_weights=cells.count[chosen].astype(np.float64),
        groups=None if groups is None else np.asarray(groups)[chosen],
        dimensions=standard,
    )
