"""Benchmark of the poverty engine: bulk classification and grouped Alkire–Foster.

Generates 10 million synthetic households (seeded) and classifies them under the 2022–2025
standard with ``classify_bulk``, against the baselines a competent person would write, all
in the same run and all checked to give the same rule on every row they classify:

* a vectorised polars classification of the same columns (when/then on the lines read from
  the standard) — the fair vectorised baseline;
* a plain Python loop returning rule codes (no explanation text) on a sample;
* the single-household path ``classify`` in a loop (it also formats the Vietnamese
  explanation, so it flatters the bulk path; shown for what a form costs).

Then computes Alkire–Foster by 3,321 communes.

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


def polars_baseline(data: dict[str, np.ndarray]) -> tuple[np.ndarray, float]:
    """Rule codes from polars expressions: band by the area's lines, then the threshold."""
    import polars as pl

    standard = STANDARD_2022_2025
    table = standard.rule_table
    started = time.perf_counter()
    frame = pl.DataFrame(
        {
            "income": data["income"],
            "area": data["area"],
            "deprived": data["deprived"],
            "unknown": data["unknown"],
        }
    )
    band = pl.lit(0, dtype=pl.Int16)
    for b in standard.income_bands:
        line = pl.when(pl.col("area") == 1).then(b.lines[Area.URBAN]).otherwise(b.lines[Area.RURAL])
        band = band + (pl.col("income") > line).cast(pl.Int16)
    rule = pl.lit(table.above, dtype=pl.Int16)
    for index in reversed(range(len(standard.income_bands))):
        met, fewer, undecided = table.by_band[index]
        threshold = standard.income_bands[index].min_deprivations
        in_band = (
            pl.when(pl.col("deprived") >= threshold)
            .then(met)
            .when(pl.col("deprived") + pl.col("unknown") < threshold)
            .then(fewer)
            .otherwise(undecided)
        )
        rule = pl.when(pl.col("band") == index).then(in_band).otherwise(rule)
    result = (
        frame.with_columns(band=band)
        .select(
            pl.when(pl.col("income") == INCOME_UNKNOWN)
            .then(table.measure_unknown)
            .when(~pl.col("area").is_in([0, 1]))
            .then(table.area_unknown)
            .otherwise(rule)
            .cast(pl.UInt8)
            .alias("rule")
        )
        .to_series()
        .to_numpy()
    )
    return result, time.perf_counter() - started


def plain_loop(data: dict[str, np.ndarray], rows: np.ndarray) -> tuple[list[int], float]:
    """A plain Python loop returning rule codes, no explanation."""
    standard = STANDARD_2022_2025
    table = standard.rule_table
    lines = [
        (b.lines[Area.RURAL], b.lines[Area.URBAN], b.min_deprivations)
        for b in standard.income_bands
    ]
    income, area = data["income"].tolist(), data["area"].tolist()
    deprived, unknown = data["deprived"].tolist(), data["unknown"].tolist()
    started = time.perf_counter()
    out = []
    for i in rows.tolist():
        value, code = income[i], area[i]
        if value == INCOME_UNKNOWN:
            out.append(table.measure_unknown)
            continue
        if code not in (0, 1):
            out.append(table.area_unknown)
            continue
        rule = table.above
        for band, (rural, urban, threshold) in enumerate(lines):
            if value <= (urban if code == 1 else rural):
                met, fewer, undecided = table.by_band[band]
                d, u = deprived[i], unknown[i]
                rule = met if d >= threshold else fewer if d + u < threshold else undecided
                break
        out.append(rule)
    return out, time.perf_counter() - started


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
    polars_runs = [polars_baseline(data) for _ in range(3)]
    polars_rules, polars_seconds = polars_runs[0]
    polars_best = min(t for _, t in polars_runs)
    polars_same = np.array_equal(polars_rules, bulk.rule)
    plain_rules, plain_seconds = plain_loop(data, rows)
    plain_rate = len(rows) / plain_seconds
    plain_same = all(int(bulk.rule[i]) == r for i, r in zip(rows, plain_rules, strict=True))
    print(
        f"polars vectorised baseline:    {n:,} households in {polars_seconds:.3f} s "
        f"= {n / polars_seconds:,.0f} households/s (first run; best of 3: {polars_best:.3f} s; "
        f"same rule on every row: {polars_same})"
    )
    print(
        f"plain Python loop (rule codes): {len(rows):,} households in {plain_seconds:.3f} s "
        f"= {plain_rate:,.0f} households/s (same rule on every row: {plain_same})"
    )
    print("ratios (bulk first run = 1):")
    print(f"  bulk vs polars vectorised:          {polars_seconds / bulk_seconds:6.1f}× faster")
    print(f"  bulk vs plain loop (rule codes):    {bulk_rate / plain_rate:6.0f}× faster")
    print(f"  bulk vs classify() loop (+ text):   {bulk_rate / loop_rate:6.0f}× faster")
    print(f"  plain loop vs classify() loop:      {plain_rate / loop_rate:6.1f}× faster")
    print(f"  bulk best of 3 vs polars best of 3: {polars_best / min(timings):6.1f}× faster")
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
