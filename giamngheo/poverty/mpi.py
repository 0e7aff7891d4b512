"""Alkire–Foster multidimensional poverty measures (Alkire & Foster 2011).

Used for statistics over the register (province, commune, group of households), not to
decide a household's legal category, which follows the standard's own rule
(``classification``). Reference: S. Alkire and J. Foster, "Counting and multidimensional
poverty measurement", Journal of Public Economics 95 (2011) 476–487.

Notation, for ``n`` people (rows) and ``d`` indicators (columns):

* ``g0[i, j]`` ∈ {0, 1}: person ``i`` is deprived on indicator ``j``;
* ``w[j]`` ≥ 0 with Σ w = 1: indicator weights. Default: equal weights per dimension and
  equal weights among the indicators of a dimension ("nested" weights, as for the global
  MPI); without dimension information, 1/d per column;
* ``c[i] = Σ_j w[j] g0[i, j]``: deprivation score, between 0 and 1;
* identification: ``i`` is poor when ``c[i] ≥ k`` (the dual cut-off; 0 < k ≤ 1). Scores
  are sums of floats, so 1/3 + 1/6 + ... may land a hair below ``k``: the test is
  ``c[i] ≥ k − 1e-9`` (``EPSILON``);
* censored score ``c_k[i] = c[i]`` if poor, else 0;
* with population (sampling) weights ``p[i]`` (default 1) and ``N = Σ p``:
  - headcount ratio ``H = Σ_{poor} p[i] / N``;
  - intensity ``A = Σ p[i] c_k[i] / Σ_{poor} p[i]`` (``A = 0`` when nobody is poor);
  - adjusted headcount ratio ``M0 = H × A = Σ p[i] c_k[i] / N``;
  - uncensored headcount ratio ``h[j] = Σ p[i] g0[i, j] / N``;
  - censored headcount ratio ``h_k[j] = Σ_{poor} p[i] g0[i, j] / N``, so that
    ``M0 = Σ_j w[j] h_k[j]``;
  - contribution of indicator ``j`` in % ``= 100 w[j] h_k[j] / M0`` (sums to 100); when
    ``M0 = 0`` the contributions are undefined and reported as NaN;
* subgroup decomposition for groups ``g`` with population ``N_g``:
  ``M0 = Σ_g (N_g / N) M0_g``; contribution of group ``g`` in % ``= 100 (N_g / N) M0_g / M0``
  (sums to 100; NaN when ``M0 = 0``). Every per-group figure uses the formulas above on
  the group's rows.

Large inputs are processed in row chunks and group sums use ``np.bincount``: with few
indicators, over (group, deprivation pattern) cells, since everything above is a function
of a person's pattern of deprivations; otherwise per indicator. Ten million rows and
thousands of communes take about a second, with no Python loop over rows or groups.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .standards import Standard

EPSILON = 1e-9
_CHUNK_ROWS = 1 << 20
# The pattern method needs (groups × 2**d) cells; beyond these limits, go row by row.
_MAX_PATTERN_BITS = 20
_MAX_PATTERN_SLOTS = 1 << 24


@dataclass(frozen=True)
class GroupBreakdown:
    """The measures for each group; arrays are indexed like ``labels``."""

    labels: np.ndarray
    population: np.ndarray
    population_share: np.ndarray
    H: np.ndarray
    A: np.ndarray
    M0: np.ndarray
    uncensored_headcount: np.ndarray
    censored_headcount: np.ndarray
    contribution: np.ndarray
    group_contribution: np.ndarray


@dataclass(frozen=True)
class AlkireFosterResult:
    """H, A, M0 and the indicator breakdown (and, with ``groups``, the group breakdown)."""

    indicators: tuple[str, ...]
    weights: np.ndarray
    k: float
    population: float
    H: float
    A: float
    M0: float
    uncensored_headcount: np.ndarray
    censored_headcount: np.ndarray
    contribution: np.ndarray
    groups: GroupBreakdown | None = None

    def indicator_table(self) -> list[dict[str, float | str]]:
        """One row per indicator: weight, headcount ratios and contribution (%)."""
        return [
            {
                "indicator": name,
                "weight": float(self.weights[j]),
                "uncensored_headcount": float(self.uncensored_headcount[j]),
                "censored_headcount": float(self.censored_headcount[j]),
                "contribution": float(self.contribution[j]),
            }
            for j, name in enumerate(self.indicators)
        ]


def nested_weights(indicators: Sequence[str], dimension_of: Mapping[str, str]) -> np.ndarray:
    """Equal weight per dimension, split equally among the dimension's indicators."""
    missing = [name for name in indicators if name not in dimension_of]
    if missing:
        raise ValueError(f"No dimension given for indicators: {', '.join(missing)}")
    dims = [dimension_of[name] for name in indicators]
    per_dimension = {dim: dims.count(dim) for dim in dims}
    return np.array([1.0 / (len(per_dimension) * per_dimension[dim]) for dim in dims])


def _matrix(deprivations, standard: Standard | None) -> tuple[np.ndarray, tuple[str, ...] | None]:
    if hasattr(deprivations, "columns") and hasattr(deprivations, "to_numpy"):
        names = tuple(str(column) for column in deprivations.columns)
        values = deprivations.to_numpy()
    else:
        names = None
        values = np.asarray(deprivations)
    if values.ndim != 2:
        raise ValueError("deprivations must be a 2-D matrix (people × indicators)")
    if values.shape[0] == 0 or values.shape[1] == 0:
        raise ValueError("deprivations must have at least one row and one column")
    if names is None and standard is not None:
        if values.shape[1] != len(standard.indicators):
            raise ValueError(
                f"Standard {standard.code} has {len(standard.indicators)} indicators, "
                f"the matrix has {values.shape[1]} columns"
            )
        names = standard.indicator_codes
    if values.dtype == object:
        values = values.astype(np.float64)
    return values, names


def _weights(weights, names: tuple[str, ...] | None, d: int, dimensions) -> np.ndarray:
    if weights is None:
        if isinstance(dimensions, Standard):
            return nested_weights(names, dimensions.dimension_of())
        if isinstance(dimensions, Mapping):
            return nested_weights(names, dimensions)
        if dimensions is not None:
            labels = [str(dim) for dim in dimensions]
            if len(labels) != d:
                raise ValueError(f"dimensions must give one dimension per column ({d})")
            columns = [str(j) for j in range(d)]
            return nested_weights(columns, dict(zip(columns, labels, strict=True)))
        return np.full(d, 1.0 / d)
    if isinstance(weights, Mapping):
        unknown = set(weights) - set(names)
        missing = [name for name in names if name not in weights]
        if unknown or missing:
            raise ValueError(
                f"Weights must name every indicator once; unknown: {sorted(unknown)}, "
                f"missing: {missing}"
            )
        vector = np.array([float(weights[name]) for name in names])
    else:
        vector = np.asarray(weights, dtype=np.float64).ravel()
    if vector.shape != (d,):
        raise ValueError(f"Need {d} weights, one per indicator; got {vector.size}")
    if not np.all(np.isfinite(vector)) or np.any(vector < 0):
        raise ValueError("Weights must be finite and non-negative")
    if not math.isclose(float(vector.sum()), 1.0, abs_tol=1e-9):
        raise ValueError(f"Weights must sum to 1; they sum to {vector.sum():.12g}")
    return vector


def _group_codes(groups, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Dense group codes 0..G-1 and the label of each code."""
    labels = groups.to_numpy() if hasattr(groups, "to_numpy") else np.asarray(groups)
    if labels.shape != (n,):
        raise ValueError("groups must give one label per row")
    if labels.dtype.kind in "iu" and labels.min() >= 0 and labels.max() < max(4 * n, 1 << 20):
        # Integer labels such as commune codes: compact them with a bincount and a cumsum
        # instead of sorting ten million labels.
        present = np.bincount(labels) > 0
        dense = np.cumsum(present) - 1
        return dense[labels].astype(np.intp, copy=False), np.flatnonzero(present)
    unique, codes = np.unique(labels, return_inverse=True)
    return codes.astype(np.intp, copy=False).ravel(), unique


def _check_binary(chunk: np.ndarray) -> None:
    if chunk.dtype == np.bool_:
        return
    if chunk.dtype.kind in "iu":
        if chunk.min() < 0 or chunk.max() > 1:
            raise ValueError("deprivations must hold only 0 and 1")
        return
    if not np.all((chunk == 0) | (chunk == 1)):
        raise ValueError("deprivations must hold only 0 and 1 (no missing values)")


def alkire_foster(
    deprivations,
    weights=None,
    k: float = 1 / 3,
    population_weights=None,
    groups=None,
    *,
    dimensions: Standard | Mapping[str, str] | Sequence[str] | None = None,
) -> AlkireFosterResult:
    """Alkire–Foster H, A, M0 with indicator and (optional) group breakdowns.

    ``deprivations``: n × d 0/1 matrix (numpy array, or polars/pandas DataFrame whose column
    names are the indicator names). ``weights``: d weights summing to 1 (sequence, or mapping
    by name); default nested by dimension when ``dimensions`` is given (a ``Standard``, a
    mapping indicator → dimension, or one dimension label per column), else equal.
    ``k``: poverty cut-off on the weighted score. ``population_weights``: sampling weights.
    ``groups``: one label per row (e.g. commune codes). Formulas: module docstring.
    """
    standard = dimensions if isinstance(dimensions, Standard) else None
    values, names = _matrix(deprivations, standard)
    n, d = values.shape
    if names is None:
        names = tuple(f"indicator_{j + 1}" for j in range(d))
    if isinstance(dimensions, Standard):
        unknown = set(names) - set(dimensions.indicator_codes)
        if unknown and weights is None:
            raise ValueError(f"Not indicators of {dimensions.code}: {sorted(unknown)}")
    w = _weights(weights, names, d, dimensions)
    if not (isinstance(k, int | float) and 0 < k <= 1):
        raise ValueError("k must be a number with 0 < k <= 1")
    p = _population_weights(population_weights, n)
    sums, group_labels = _group_sums(values, w, k, p, groups)
    g_pop, g_poor, g_score, g_uncensored, g_censored = sums
    population = float(g_pop.sum())
    H, A, M0, h, h_k, contribution = _measures(
        population,
        float(g_poor.sum()),
        float(g_score.sum()),
        g_uncensored.sum(axis=0),
        g_censored.sum(axis=0),
        w,
    )
    return AlkireFosterResult(
        indicators=names,
        weights=w,
        k=float(k),
        population=population,
        H=H,
        A=A,
        M0=M0,
        uncensored_headcount=h,
        censored_headcount=h_k,
        contribution=contribution,
        groups=None if groups is None else _breakdown(group_labels, sums, w, population, M0),
    )


def _group_sums(values, w, k, p, groups):
    """The sums per group (one group for all when ``groups`` is None) and the groups' labels;
    through deprivation patterns when there are few enough, else row by row."""
    n, d = values.shape
    if groups is None:
        codes, group_labels, slots = None, np.empty(0), 1
    else:
        codes, group_labels = _group_codes(groups, n)
        slots = len(group_labels)
    if d <= _MAX_PATTERN_BITS and slots << d <= _MAX_PATTERN_SLOTS:
        return _sums_by_pattern(values, w, k, p, codes, slots), group_labels
    return _sums_by_row(values, w, k, p, codes, slots), group_labels


def _population_weights(population_weights, n: int) -> np.ndarray | None:
    """The sampling weights as floats (None for none), checked: one per row, finite,
    non-negative, not all zero."""
    if population_weights is None:
        return None
    p = np.asarray(population_weights, dtype=np.float64)
    if p.shape != (n,):
        raise ValueError("population_weights must give one weight per row")
    if not np.all(np.isfinite(p)) or np.any(p < 0) or p.sum() <= 0:
        raise ValueError("population_weights must be finite, non-negative, not all zero")
    return p


def _breakdown(labels, sums, w, population: float, M0: float) -> GroupBreakdown:
    """H, A, M0, headcounts and contributions of each group, from the group sums; a group's
    contribution to M0 is its population share times its M0 over the whole M0."""
    g_pop, g_poor, g_score, g_uncensored, g_censored = sums
    with np.errstate(divide="ignore", invalid="ignore"):
        gH = np.where(g_pop > 0, g_poor / g_pop, 0.0)
        gA = np.where(g_poor > 0, g_score / g_poor, 0.0)
        gM0 = np.where(g_pop > 0, g_score / g_pop, 0.0)
        gh = np.where(g_pop[:, None] > 0, g_uncensored / g_pop[:, None], 0.0)
        ghk = np.where(g_pop[:, None] > 0, g_censored / g_pop[:, None], 0.0)
        g_contribution = np.where(gM0[:, None] > 0, 100.0 * ghk * w[None, :] / gM0[:, None], np.nan)
        share = g_pop / population
        group_contribution = 100.0 * share * gM0 / M0 if M0 > 0 else np.full(share.shape, np.nan)
    return GroupBreakdown(
        labels=labels,
        population=g_pop,
        population_share=share,
        H=gH,
        A=gA,
        M0=gM0,
        uncensored_headcount=gh,
        censored_headcount=ghk,
        contribution=g_contribution,
        group_contribution=group_contribution,
    )


def _sums_by_pattern(values, w, k, p, codes, slots):
    """Group sums through deprivation patterns: one ``bincount`` over (group, pattern).

    With d indicators there are only 2**d patterns, and a person's score, poverty status and
    deprivations are functions of the pattern. So the weighted population of every
    (group, pattern) cell is all the data needs: two passes over the rows, then small
    matrix products over the 2**d patterns.
    """
    n, d = values.shape
    patterns = 1 << d
    bits = ((np.arange(patterns)[:, None] >> np.arange(d)[None, :]) & 1).astype(np.float64)
    score = bits @ w
    poor = score >= k - EPSILON
    pattern = np.empty(n, dtype=np.int64)
    powers = (1 << np.arange(d)).astype(np.int64)
    for start in range(0, n, _CHUNK_ROWS):
        stop = min(start + _CHUNK_ROWS, n)
        chunk = values[start:stop]
        _check_binary(chunk)
        if d <= 16:
            packed = np.packbits(chunk.astype(bool, copy=False), axis=1, bitorder="little")
            cell = packed[:, 0].astype(np.int64)
            if d > 8:
                cell |= packed[:, 1].astype(np.int64) << 8
        else:
            cell = chunk.astype(np.int64) @ powers
        if codes is not None:
            cell += codes[start:stop].astype(np.int64) * patterns
        pattern[start:stop] = cell
    cells = np.bincount(pattern, weights=p, minlength=slots * patterns).astype(np.float64)
    cells = cells.reshape(slots, patterns)
    poor_cells = cells * poor[None, :]
    return (
        cells.sum(axis=1),
        poor_cells.sum(axis=1),
        poor_cells @ score,
        cells @ bits,
        poor_cells @ bits,
    )


def _sums_by_row(values, w, k, p, codes, slots):
    """Group sums row chunk by row chunk, for many indicators or very many groups."""
    n, d = values.shape
    pop, poor_sum, score_sum = (np.zeros(slots) for _ in range(3))
    uncensored = np.zeros((slots, d))
    censored = np.zeros((slots, d))
    code = np.zeros(min(n, _CHUNK_ROWS), dtype=np.intp)
    for start in range(0, n, _CHUNK_ROWS):
        stop = min(start + _CHUNK_ROWS, n)
        raw = values[start:stop]
        _check_binary(raw)
        chunk = raw.astype(np.float64)
        score = chunk @ w
        poor = score >= k - EPSILON
        pw = np.ones(stop - start) if p is None else p[start:stop]
        poor_pw = np.where(poor, pw, 0.0)
        code = codes[start:stop] if codes is not None else code[: stop - start]
        pop += np.bincount(code, weights=pw, minlength=slots)
        poor_sum += np.bincount(code, weights=poor_pw, minlength=slots)
        score_sum += np.bincount(code, weights=poor_pw * score, minlength=slots)
        for j in range(d):
            column = chunk[:, j]
            uncensored[:, j] += np.bincount(code, weights=pw * column, minlength=slots)
            censored[:, j] += np.bincount(code, weights=poor_pw * column, minlength=slots)
    return pop, poor_sum, score_sum, uncensored, censored


def _measures(population, poor_total, score_total, uncensored, censored, w):
    H = poor_total / population
    A = score_total / poor_total if poor_total > 0 else 0.0
    M0 = score_total / population
    h = uncensored / population
    h_k = censored / population
    if M0 > 0:
        contribution = 100.0 * w * h_k / M0
    else:
        contribution = np.full(w.shape, np.nan)
    return H, A, M0, h, h_k, contribution
