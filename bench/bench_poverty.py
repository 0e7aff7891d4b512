"""Benchmark of the poverty engine: bulk classification and grouped Alkire–Foster.

Generates 10 million synthetic households (seeded), classifies them under the 2022–2025
standard through the bulk path, checks a 50,000-household sample against a plain Python
loop through the single-household path (same categories and rule ids), and computes
Alkire–Foster by 3,321 communes.

    .venv/bin/python bench/bench_poverty.py [--households N] [--sample N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

# Run from a checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from giamngheo.poverty import (  # noqa: E402
    AREA_UNKNOWN,
    INCOME_UNKNOWN,
    STANDARD_2022_2025,
    Area,
    alkire_foster,
    classify,
    classify_bulk,
)

COMMUNES = 3_321
SEED = 20250101


def synthetic_households(n: int, seed: int = SEED) -> dict[str, np.ndarray]:
    """Incomes around the lines, 70 % rural, 12 indicators with realistic-ish prevalences."""
    rng = np.random.default_rng(seed)
    standard = STANDARD_2022_2025
    income = np.exp(rng.normal(np.log(2_600_000), 0.6, n)).astype(np.int64) // 1000 * 1000
    income[rng.random(n) < 0.005] = INCOME_UNKNOWN
    area = (rng.random(n) < 0.3).astype(np.int8)
    area[rng.random(n) < 0.001] = AREA_UNKNOWN
    prevalence = rng.uniform(0.03, 0.30, len(standard.indicators)).astype(np.float32)
    deprivations = np.empty((n, len(standard.indicators)), dtype=np.uint8)
    step = 1 << 20
    for start in range(0, n, step):
        stop = min(start + step, n)
        deprivations[start:stop] = (
            rng.random((stop - start, prevalence.size), np.float32) < prevalence
        )
    unknown = np.zeros(n, dtype=np.int16)
    some = rng.random(n) < 0.02
    unknown[some] = rng.integers(1, 3, some.sum())
    deprived = deprivations.sum(axis=1, dtype=np.int16)
    unknown = np.minimum(unknown, len(standard.indicators) - deprived).astype(np.int16)
    commune_codes = np.sort(rng.choice(np.arange(1, 32_000), COMMUNES, replace=False))
    communes = commune_codes[rng.integers(0, COMMUNES, n)]
    return {
        "income": income,
        "area": area,
        "deprivations": deprivations,
        "deprived": deprived,
        "unknown": unknown,
        "communes": communes,
    }


def per_row_baseline(data: dict[str, np.ndarray], rows: np.ndarray) -> tuple[list, float]:
    standard = STANDARD_2022_2025
    started = time.perf_counter()
    results = []
    for i in rows:
        income = int(data["income"][i])
        code = int(data["area"][i])
        results.append(
            classify(
                standard,
                income_per_capita=None if income == INCOME_UNKNOWN else income,
                area=None if code == AREA_UNKNOWN else (Area.URBAN if code == 1 else Area.RURAL),
                deprived_count=int(data["deprived"][i]),
                unknown_count=int(data["unknown"][i]),
            )
        )
    return results, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=10_000_000)
    parser.add_argument("--sample", type=int, default=50_000)
    args = parser.parse_args()
    n = args.households
    standard = STANDARD_2022_2025

    started = time.perf_counter()
    data = synthetic_households(n)
    print(f"generated {n:,} synthetic households in {time.perf_counter() - started:.2f} s")

    timings = []
    for _ in range(3):
        started = time.perf_counter()
        bulk = classify_bulk(
            standard, data["income"], data["area"], data["deprived"], data["unknown"]
        )
        timings.append(time.perf_counter() - started)
    bulk_seconds = timings[0]
    bulk_rate = n / bulk_seconds

    started = time.perf_counter()
    from_matrix = classify_bulk(
        standard, data["income"], data["area"], deprivations=data["deprivations"]
    )
    matrix_seconds = time.perf_counter() - started

    rows = np.random.default_rng(SEED + 1).choice(n, min(args.sample, n), replace=False)
    single, loop_seconds = per_row_baseline(data, rows)
    loop_rate = len(rows) / loop_seconds
    mismatches = sum(
        1
        for i, result in zip(rows, single, strict=True)
        if result.category.code != bulk.category[i] or result.rule_id != bulk.rule_id_of(i)
    )

    print(f"standard {standard.code}, {len(standard.indicators)} indicators")
    print(
        f"bulk classification (counts):  {n:,} households in {bulk_seconds:.3f} s "
        f"= {bulk_rate:,.0f} households/s (first run; best of 3: {min(timings):.3f} s)"
    )
    print(
        f"bulk classification (matrix):  {n:,} households in {matrix_seconds:.3f} s "
        f"= {n / matrix_seconds:,.0f} households/s (incl. counting a {n:,}×12 matrix)"
    )
    print(
        f"single path, Python loop:      {len(rows):,} households in {loop_seconds:.3f} s "
        f"= {loop_rate:,.0f} households/s"
    )
    print(f"speed-up bulk / loop:          {bulk_rate / loop_rate:,.0f}× (first bulk run)")
    print(f"loop at that rate for {n:,}:  {n / loop_rate:,.0f} s (estimated)")
    print(f"sample check: {mismatches} mismatches between single and bulk on {len(rows):,} rows")
    no_unknowns = classify_bulk(standard, data["income"], data["area"], data["deprived"])
    same = np.array_equal(no_unknowns.rule, from_matrix.rule)
    print(f"counts path and matrix path agree on all {n:,} rows: {same}")
    for category, count in bulk.counts().items():
        print(f"  {category.value:<10} {count:>12,}  {100 * count / n:5.2f} %")

    started = time.perf_counter()
    result = alkire_foster(
        data["deprivations"], groups=data["communes"], dimensions=standard, k=1 / 3
    )
    af_seconds = time.perf_counter() - started
    groups = result.groups
    print(
        f"Alkire–Foster, {n:,} × {len(result.indicators)} indicators, "
        f"{groups.labels.size:,} communes: {af_seconds:.3f} s"
    )
    print(f"  H = {result.H:.4f}  A = {result.A:.4f}  M0 = {result.M0:.4f}")
    print(
        f"  indicator contributions sum to {np.nansum(result.contribution):.6f} %, "
        f"group contributions sum to {groups.group_contribution.sum():.6f} %, "
        f"Σ share×M0_g − M0 = {(groups.population_share * groups.M0).sum() - result.M0:.2e}"
    )


if __name__ == "__main__":
    main()
