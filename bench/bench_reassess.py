"""Benchmark: re-assess the whole 1,000,000-household register after the housing rule was
corrected (a semi-durable house is no longer deprived), on PostgreSQL.

Works on a COPY of the database built by ``bench_households.py`` (never on
``giamngheo_bench`` itself):

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE giamngheo_bench_12 TEMPLATE giamngheo_bench'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/giamngheo_bench_12 \\
        .venv/bin/python bench/bench_reassess.py [--runs 2] [--sample 2000]

Once per database it gives every household survey facts and 1–5 members (seeded SQL), and
stores the assessments under the OLD rule (a semi-durable house deprived), snapshotting them.
Each run then restores that snapshot (untimed) and times, in the same process:

* (once) ``VACUUM FULL`` so the pages follow the fillfactor set by migration 0003;
* the bulk re-assessment of every household (``reassessment.reassess``) under the corrected
  rule: chunked COPY reads, column indicators, ``classify_bulk``, bulk writes of what changed;
* a second, idempotent pass (nothing to write);
* the baseline: the per-household path (``assessment.recompute_per_household``, one
  ``HouseholdFacts`` and one engine call per household, batched reads and writes) on a
  random sample, extrapolated to the million; and checks that it stores exactly what the
  bulk path stored for the sample;
* that no status, status record or history row changed.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "giamngheo.settings")
os.environ.setdefault("DEBUG", "0")

ON = date(2026, 12, 1)

FACTS_SQL = """
SELECT setseed(0.2026);
UPDATE households_household SET
  has_house = random() > 0.01,
  housing_type = (ARRAY['durable','durable','semi_durable','semi_durable','less_durable','makeshift'])
                 [1 + floor(random() * 6)::int],
  walls_durable = CASE WHEN random() < 0.6 THEN NULL ELSE random() > 0.3 END,
  frame_durable = CASE WHEN random() < 0.6 THEN NULL ELSE random() > 0.3 END,
  roof_durable = CASE WHEN random() < 0.6 THEN NULL ELSE random() > 0.3 END,
  floor_area_m2 = CASE WHEN random() < 0.03 THEN NULL ELSE round((10 + random() * 90)::numeric, 1) END,
  water_source = (ARRAY['piped','drilled_well','protected_dug_well','unprotected_dug_well','surface',''])
                 [1 + floor(random() * 6)::int],
  latrine_type = (ARRAY['septic','semi_septic','simple_pit','none','septic',''])[1 + floor(random() * 6)::int],
  any_member_uses_telephone = random() > 0.1,
  any_member_uses_internet = CASE WHEN random() < 0.05 THEN NULL ELSE random() > 0.3 END,
  has_television = random() > 0.2, has_radio = random() > 0.7, has_computer = random() > 0.8,
  has_phone = random() > 0.1, has_tablet = random() > 0.9, hears_public_loudspeaker = random() > 0.3,
  waste_handling = (ARRAY['collected','treated_on_site','burned_openly','dumped',''])[1 + floor(random() * 5)::int];
INSERT INTO households_member (household_id, full_name, sex, date_of_birth, birth_year, ethnicity,
  relation, has_health_insurance, seriously_ill, received_medical_care, in_school,
  at_age_appropriate_level, education_level, has_enterprise_training_certificate,
  employment_status, is_wage_earner, has_labour_contract, severe_disability,
  receives_monthly_social_allowance, stunted, underweight)
SELECT h.id, 'Thành viên ' || g, CASE WHEN random() < 0.5 THEN 'male' ELSE 'female' END,
  CASE WHEN random() < 0.9 THEN DATE '2026-12-01' - (floor(random() * 85 * 365.25))::int END,
  NULL, '', CASE WHEN g = 1 THEN 'head' ELSE 'child' END,
  CASE WHEN random() < 0.05 THEN NULL ELSE random() > 0.1 END, random() < 0.05, random() > 0.2,
  CASE WHEN random() < 0.05 THEN NULL ELSE random() > 0.5 END, random() > 0.1,
  (ARRAY['none','primary','lower_secondary','upper_secondary','college',''])[1 + floor(random() * 6)::int],
  random() < 0.05,
  (ARRAY['employed','employed','unemployed','not_in_labour_force',''])[1 + floor(random() * 5)::int],
  random() < 0.4, random() < 0.5, random() < 0.03, random() < 0.05, random() < 0.05, random() < 0.05
FROM households_household h, generate_series(1, 1 + (h.id % 5)::int) AS g
WHERE NOT EXISTS (SELECT 1 FROM households_member m WHERE m.household_id = h.id);
ANALYZE households_household;
ANALYZE households_member;
"""


def setup():
    import django

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres") or url.rstrip("/").rsplit("/", 1)[-1] == "giamngheo_bench":
        sys.exit("Set DATABASE_URL to a PostgreSQL COPY of giamngheo_bench (never the original).")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def old_rule_standard():
    """The 2022–2025 standard as it was before the correction (semi-durable deprived)."""
    from giamngheo.poverty import STANDARD_2022_2025
    from giamngheo.poverty.indicators import HousingQualityRule

    indicators = tuple(
        dataclasses.replace(i, rule=HousingQualityRule(min_non_durable=1))
        if i.code == "housing_quality"
        else i
        for i in STANDARD_2022_2025.indicators
    )
    return dataclasses.replace(STANDARD_2022_2025, indicators=indicators)


def prepare() -> None:
    """Facts, members and the old-rule assessments, once; snapshot them for each run."""
    from django.db import connection

    from giamngheo.households.models import Household
    from giamngheo.households.reassessment import reassess

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_assessment_snapshot') IS NOT NULL")
        if cursor.fetchone()[0]:
            return
        started = time.perf_counter()
        cursor.execute(FACTS_SQL)
        print(f"prepare: facts and members generated in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    reassess(Household.objects.all(), on=ON, standard=old_rule_standard(), scope="bench-old")
    print(f"prepare: old-rule assessments stored in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_assessment_snapshot AS SELECT id, assessed_category, "
            "assessed_standard, deprived_count, unknown_count FROM households_household"
        )
        cursor.execute(
            "CREATE TABLE bench_deprivation_snapshot AS SELECT household_id, indicator "
            "FROM households_deprivation"
        )


def rewrite_pages() -> None:
    """Once: make the table's pages follow the fillfactor the migrations set (VACUUM FULL,
    as an operator does after the upgrade), so a re-assessment can update rows in place."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('bench_pages_rewritten') IS NOT NULL")
        if cursor.fetchone()[0]:
            return
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'households_household'")
        print(f"prepare: households_household options {cursor.fetchone()[0]}")
        started = time.perf_counter()
        cursor.execute("VACUUM FULL households_household")
        cursor.execute("VACUUM FULL households_deprivation")
        cursor.execute("CREATE TABLE bench_pages_rewritten ()")
        print(f"prepare: tables rewritten (VACUUM FULL) in {time.perf_counter() - started:.0f} s")


def restore() -> None:
    """Back to the old-rule assessments (untimed)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE households_household h SET assessed_category = s.assessed_category, "
            "assessed_standard = s.assessed_standard, deprived_count = s.deprived_count, "
            "unknown_count = s.unknown_count, assessment_changed_at = NULL, "
            "previous_assessed_category = '', previous_assessed_standard = '' "
            "FROM bench_assessment_snapshot s WHERE h.id = s.id AND ("
            "h.assessed_category, h.assessed_standard, h.deprived_count, h.unknown_count, "
            "h.assessment_changed_at) IS DISTINCT FROM (s.assessed_category, "
            "s.assessed_standard, s.deprived_count, s.unknown_count, NULL)"
        )
        cursor.execute(
            "DELETE FROM households_deprivation d WHERE NOT EXISTS (SELECT 1 FROM "
            "bench_deprivation_snapshot s WHERE s.household_id = d.household_id "
            "AND s.indicator = d.indicator)"
        )
        cursor.execute(
            "INSERT INTO households_deprivation (household_id, indicator) "
            "SELECT household_id, indicator FROM bench_deprivation_snapshot "
            "ON CONFLICT DO NOTHING"
        )
        cursor.execute("VACUUM ANALYZE households_household")
        cursor.execute("VACUUM ANALYZE households_deprivation")


def fingerprint() -> tuple:
    """Statuses, status records and history rows: must not move."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT status, count(*), sum(status_year) FROM households_household GROUP BY 1 ORDER BY 1"
        )
        statuses = tuple(cursor.fetchall())
        cursor.execute("SELECT count(*) FROM households_statusrecord")
        records = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM households_historicalhousehold")
        history = cursor.fetchone()[0]
    return statuses, records, history


def stored(ids) -> dict:
    from giamngheo.households.models import Deprivation, Household

    rows = Household.objects.filter(pk__in=ids).values_list(
        "pk", "assessed_category", "assessed_standard", "deprived_count", "unknown_count"
    )
    deprived: dict[int, set] = {}
    for pk, code in Deprivation.objects.filter(household_id__in=ids).values_list(
        "household_id", "indicator"
    ):
        deprived.setdefault(pk, set()).add(code)
    return {r[0]: (*r[1:], frozenset(deprived.get(r[0], ()))) for r in rows}


def run_once(number: int, sample: int) -> dict:
    import numpy as np

    from giamngheo.households.assessment import recompute_per_household
    from giamngheo.households.models import Household
    from giamngheo.households.reassessment import reassess

    restore()
    rewrite_pages()
    before = fingerprint()
    n = Household.objects.count()
    last = [0.0]
    started = time.perf_counter()

    def progress(done, total):
        now = time.perf_counter()
        if now - last[0] > 10 or done == total:
            last[0] = now
            print(f"  run {number}: {done:,}/{total:,} in {now - started:.1f} s", flush=True)

    timings: dict = {}
    run = reassess(
        Household.objects.all(),
        on=ON,
        scope=f"bench-{number}",
        progress=progress,
        timings=timings,
    )
    bulk_seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = reassess(Household.objects.all(), on=ON, scope=f"bench-{number}-again")
    again_seconds = time.perf_counter() - started

    rng = np.random.default_rng(number)
    all_ids = np.array(Household.objects.order_by("pk").values_list("pk", flat=True))
    ids = sorted(rng.choice(all_ids, sample, replace=False).tolist())
    bulk_result = stored(ids)
    started = time.perf_counter()
    recompute_per_household(Household.objects.filter(pk__in=ids), on=ON)
    loop_seconds = time.perf_counter() - started
    loop_result = stored(ids)
    mismatches = sum(1 for pk in ids if bulk_result[pk] != loop_result[pk])
    after = fingerprint()
    loop_rate = sample / loop_seconds
    print(
        f"run {number}: bulk re-assessment of {n:,} households in {bulk_seconds:.1f} s "
        f"= {n / bulk_seconds:,.0f} households/s; {run.changed:,} assessments changed, "
        f"{run.category_changed:,} categories changed"
    )
    print(
        f"run {number}: of which waiting for reads {timings['read']:.1f} s (read ahead on a "
        f"second connection), computing "
        f"{timings['compute']:.1f} s, writing {timings['write']:.1f} s (household rows "
        f"{timings['write households']:.1f} s, deprivation rows "
        f"{timings['write'] - timings['write households']:.1f} s)"
    )
    print(
        f"run {number}: idempotent second pass {again_seconds:.1f} s, "
        f"{again.changed} assessments written"
    )
    print(
        f"run {number}: baseline per-household path, {sample:,} sampled households in "
        f"{loop_seconds:.1f} s = {loop_rate:,.0f} households/s → {n / loop_rate:,.0f} s "
        f"({n / loop_rate / 60:.1f} min) estimated for {n:,}; bulk is "
        f"{(n / loop_rate) / bulk_seconds:.1f}× faster"
    )
    print(
        f"run {number}: sample check: {mismatches} of {sample:,} households differ between "
        f"the bulk and the per-household path; statuses, status records and history "
        f"unchanged: {before == after}"
    )
    return {"bulk": bulk_seconds, "again": again_seconds, "loop_rate": loop_rate, "n": n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=2_000)
    args = parser.parse_args()
    setup()
    prepare()
    from giamngheo.households.models import Household

    print(f"households: {Household.objects.count():,}; reference date {ON:%d/%m/%Y}")
    results = [run_once(i + 1, args.sample) for i in range(args.runs)]
    bulk = [r["bulk"] for r in results]
    rates = [r["loop_rate"] for r in results]
    n = results[0]["n"]
    print(
        f"summary over {len(results)} runs: bulk {min(bulk):.1f}–{max(bulk):.1f} s for "
        f"{n:,} households (goal < 120 s); per-household baseline "
        f"{n / max(rates):,.0f}–{n / min(rates):,.0f} s estimated; idempotent pass "
        f"{min(r['again'] for r in results):.1f}–{max(r['again'] for r in results):.1f} s"
    )


if __name__ == "__main__":
    main()
