"""Benchmark of the area dashboard (reports app) on the 1,000,000-household PostgreSQL database.

Needs the database ``bench/bench_households.py`` builds, migrated (work on a copy:
``CREATE DATABASE giamngheo_bench_<tag> TEMPLATE giamngheo_bench``). Measures, as signed-in
users through Django's test client, in one run:

* the province dashboard page, and commune dashboard pages over different communes
  (median and p95); goals: province p95 < 1 s, commune p95 < 300 ms;
* baselines on the same rows: (a) the plain SQL a first version would write — every household
  joined to its deprivation rows and grouped; (b) a polars aggregation over the area's rows
  read from the database, with ``alkire_foster`` on the household-by-household matrix;
* the likely-to-escape page of commune officers over different communes, with area scoping
  as it is (literal id list) and as it was (``commune_id IN (SELECT … path LIKE …)``);
* the 15 province reports as .xlsx through their download button and the export job the
  worker runs (``core.exports.build``, run in this process), each report's seconds and all
  together (goal < 60 s); report 1 against a per-household counting loop, and the detailed
  lists (14, 15) against one plain SQL COPY of their rows (the floor of reading them).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/giamngheo_bench_15b \\
        .venv/bin/python bench/bench_reports.py [--communes 30] [--runs 10] [--reports 1]
        [--parts dashboard,scoping,reports]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/giamngheo_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "giamngheo.settings")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")

import numpy as np  # noqa: E402


def p95(values):
    return float(np.percentile(values, 95))


def line(label, times):
    ms = [t * 1000 for t in times]
    print(f"  {label:<58} {statistics.median(ms):8.1f} {p95(ms):8.1f}  (n={len(ms)})")
    return statistics.median(ms), p95(ms)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def setup():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def sample_communes(n: int, seed: int = 15):
    from giamngheo.geo.models import Level, Unit
    from giamngheo.households.models import Household

    with_households = Household.objects.order_by().values("commune").distinct()
    pks = list(Unit.objects.filter(level=Level.COMMUNE, pk__in=with_households).order_by("code"))
    rng = np.random.default_rng(seed)
    return [pks[i] for i in rng.choice(len(pks), size=min(n, len(pks)), replace=False)]


def officer_for(commune):
    """A commune officer of ``commune`` (created on the copy when missing)."""
    from giamngheo.accounts.models import Role, RoleAssignment, User

    user, _ = User.objects.get_or_create(username=f"bench.{commune.code}")
    RoleAssignment.objects.get_or_create(user=user, role=Role.COMMUNE_OFFICER, unit=commune)
    return user


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response


# --- baselines -------------------------------------------------------------------------------


def baseline_sql_join(unit):
    """Every household of the area joined to its deprivation rows, grouped by pattern."""
    from django.db import connection

    from giamngheo.households.assessment import standard_in_force
    from giamngheo.reports.dashboard import AreaShape

    shape = AreaShape(unit)
    codes = standard_in_force().indicator_codes
    cases = " ".join(f"WHEN '{c}' THEN {1 << j}" for j, c in enumerate(codes))
    ids = ",".join(str(i) for i in shape.ids)
    sql = f"""
        SELECT t.sub, t.eth, t.status, t.std, t.mask, COUNT(*) FROM (
          SELECT h.{shape.sub_column} sub, h.ethnicity eth, h.status, h.assessed_standard std,
                 COALESCE(SUM(CASE d.indicator {cases} ELSE 0 END), 0) mask
          FROM households_household h
          LEFT JOIN households_deprivation d ON d.household_id = h.id
          WHERE h.{shape.column} IN ({ids})
          GROUP BY h.id, h.{shape.sub_column}, h.ethnicity, h.status, h.assessed_standard) t
        GROUP BY 1, 2, 3, 4, 5"""  # noqa: S608 — ids and codes come from the database
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def baseline_polars(unit):
    """The area's households and deprivation rows read into polars, the matrix built per
    household, and ``alkire_foster`` on it with the sub-area as groups."""
    import polars as pl

    from giamngheo.households.assessment import standard_in_force
    from giamngheo.households.models import Deprivation, Household
    from giamngheo.poverty import alkire_foster
    from giamngheo.reports.dashboard import AreaShape

    shape = AreaShape(unit)
    standard = standard_in_force()
    area = {f"{shape.column}__in": shape.ids}
    households = pl.DataFrame(
        list(
            Household.objects.filter(**area).values_list(
                "pk", shape.sub_column, "status", "ethnicity", "assessed_standard"
            )
        ),
        schema=["id", "sub", "status", "ethnicity", "standard"],
        orient="row",
    )
    rows = pl.DataFrame(
        list(
            Deprivation.objects.filter(**{f"household__{shape.column}__in": shape.ids}).values_list(
                "household_id", "indicator"
            )
        ),
        schema=["id", "indicator"],
        orient="row",
    )
    households.group_by("sub", "status").len()
    wide = rows.with_columns(v=pl.lit(1, dtype=pl.Int8)).pivot(
        on="indicator", index="id", values="v"
    )
    matrix = households.filter(pl.col("standard") == standard.code).join(wide, on="id", how="left")
    columns = [
        pl.col(c).fill_null(0) if c in wide.columns else pl.lit(0).alias(c)
        for c in standard.indicator_codes
    ]
    values = matrix.select(columns).to_numpy()
    return alkire_foster(values, groups=matrix["sub"].to_numpy(), dimensions=standard)


# --- scoping before/after ----------------------------------------------------------------------


@contextlib.contextmanager
def subquery_scoping():
    """Area scoping as it was before issue 15: a subquery on the unit paths."""
    from giamngheo.accounts import scoping

    def old(queryset, user, via):
        if scoping.sees_everything(user):
            return queryset
        units = scoping.visible_units(user)
        if via is None:
            return queryset.filter(pk__in=units.values("pk"))
        return queryset.filter(**{f"{via}__in": units.values("pk")})

    modules = [
        m for m in list(sys.modules.values()) if getattr(m, "scoped", None) is scoping.scoped
    ]
    saved = scoping.scoped
    for module in modules:
        module.scoped = old
    try:
        yield
    finally:
        for module in modules:
            module.scoped = saved


# --- the runs ----------------------------------------------------------------------------------


def bench_dashboard(runs: int, communes) -> None:
    from giamngheo.accounts.models import User
    from giamngheo.geo.models import Unit

    province = Unit.objects.get(code="51")
    staff = client_for(User.objects.get(username="tinh.quangngai"))
    print("\ndashboard page (ms)                                           median      p95")
    get_ok(staff, f"/bao-cao/tong-quan/{province.code}/")  # warm the connection and templates
    line("province 51 (1,000,000 households), page", [timed(lambda: get_ok(staff, f"/bao-cao/tong-quan/{province.code}/")) for _ in range(runs)])  # fmt: skip
    line("province 51, API /api/v1/tong-quan/51/", [timed(lambda: get_ok(staff, "/api/v1/tong-quan/51/")) for _ in range(runs)])  # fmt: skip
    line(f"communes, page, {len(communes)} different communes", [timed(lambda c=c: get_ok(staff, f"/bao-cao/tong-quan/{c.code}/")) for c in communes])  # fmt: skip
    officers = [(c, client_for(officer_for(c))) for c in communes]
    line("communes, officer's home page (dashboard of own commune)", [timed(lambda o=o: get_ok(o, "/")) for _c, o in officers])  # fmt: skip

    print("\nbaselines on the same rows (ms)")
    line("province, plain SQL join of households and deprivation rows", [timed(lambda: baseline_sql_join(province)) for _ in range(max(2, runs // 4))])  # fmt: skip
    line("province, polars over the rows + alkire_foster per household", [timed(lambda: baseline_polars(province)) for _ in range(max(2, runs // 4))])  # fmt: skip
    line("communes, plain SQL join", [timed(lambda c=c: baseline_sql_join(c)) for c in communes])
    line(
        "communes, polars + alkire_foster",
        [timed(lambda c=c: baseline_polars(c)) for c in communes],
    )


def bench_scoping(communes, rounds: int = 3) -> None:
    """Both ways of scoping on the same officers, interleaved (ABBA order, after a warm-up of
    each), so neither profits from the caches the other filled; and the unit-id look-up alone."""
    from django.urls import reverse

    from giamngheo.accounts import scoping
    from giamngheo.accounts.models import User

    users = [officer_for(c) for c in communes]
    officers = [client_for(u) for u in users]
    url = reverse("assistance:likely_to_escape")

    def now(o):
        return timed(lambda: get_ok(o, url))

    def before(o):
        with subquery_scoping():
            return timed(lambda: get_ok(o, url))

    for o in officers:  # warm-up: each officer's rows and both plans once
        now(o), before(o)
    times = {now: [], before: []}
    for r in range(rounds):
        for i, o in enumerate(officers):
            for variant in (now, before) if (i + r) % 2 == 0 else (before, now):
                times[variant].append(variant(o))
    print("\nlikely-to-escape page, commune officers, interleaved (ms)      median      p95")
    line("scoping as literal unit ids (now)", times[now])
    line("scoping as a path subquery (before)", times[before])
    fresh = [User.objects.get(pk=u.pk) for u in users]
    line("the officer's unit ids, resolved once per request", [timed(lambda u=u: scoping._visible_unit_ids(u)) for u in fresh])  # fmt: skip


def baseline_report_1_loop(province):
    """Report 1 (households by category per commune) counted by a per-household Python loop."""
    from giamngheo.households.models import Household
    from giamngheo.reports.dashboard import AreaShape

    counts: dict = {}
    rows = Household.objects.filter(commune_id__in=AreaShape(province).ids)
    for commune, status in rows.values_list("commune_id", "status").iterator(chunk_size=20_000):
        key = (commune, status)
        counts[key] = counts.get(key, 0) + 1
    return counts


def report_through_job(staff, report, province, period) -> float:
    """Seconds from the download button (POST) to the file written by the worker's code
    (``core.exports.build`` run here, as ``manage.py db_worker`` runs it)."""
    from giamngheo.core import exports
    from giamngheo.core.models import ExportJob

    url = f"/bao-cao/{report.slug}/{province.code}/{period.key}/tai-ve.xlsx"
    t = time.perf_counter()
    response = staff.post(url)
    assert response.status_code == 302, (url, response.status_code)
    job = ExportJob.objects.select_related("created_by").get(pk=response["Location"].split("/")[-2])
    exports.build(job)
    elapsed = time.perf_counter() - t
    job.refresh_from_db()
    assert job.state == ExportJob.State.DONE, (report.slug, job.state)
    job.file.delete(save=False)
    job.delete()
    return elapsed


def baseline_list_copy(province, status: str) -> int:
    """The floor of a detailed list: its rows (household, village, joined tags and members)
    read by one plain SQL statement through COPY, nothing formatted or written."""
    from django.db import connection

    from giamngheo.reports.dashboard import AreaShape

    ids = ",".join(str(i) for i in AreaShape(province).ids)
    sql = f"""COPY (SELECT h.code, h.head_name, v.name, h.ethnicity,
        (SELECT string_agg(t."group", ',') FROM households_policytag t WHERE t.household_id = h.id),
        (SELECT string_agg(d.indicator, ',') FROM households_deprivation d WHERE d.household_id = h.id),
        (SELECT string_agg(n.need, ',') FROM households_needtag n WHERE n.household_id = h.id),
        (SELECT string_agg(m.full_name, ';') FROM households_member m WHERE m.household_id = h.id)
      FROM households_household h JOIN geo_unit v ON v.id = h.village_id
      WHERE h.commune_id IN ({ids}) AND h.status = '{status}' ORDER BY v.name, h.code) TO STDOUT"""  # noqa: S608
    size = 0
    with connection.cursor() as cursor, cursor.connection.cursor().copy(sql) as copy:
        for block in copy:
            size += len(block)
    return size


def bench_official_reports(runs: int) -> None:
    """The 15 reports of reports.md for the province as .xlsx, through the download button and
    the background job that writes them (reports.report_jobs)."""
    from giamngheo.accounts.models import User
    from giamngheo.geo.models import Unit
    from giamngheo.reports.catalogue import REPORTS
    from giamngheo.reports.figures import build_table
    from giamngheo.reports.scope import parse_period

    province = Unit.objects.get(code="51")
    period = parse_period(None)
    staff = client_for(User.objects.get(username="tinh.quangngai"))
    print(
        f"\nthe {len(REPORTS)} province reports as .xlsx through the export job, period {period.key} (s)"
    )
    for run in range(runs):
        times = {r.number: report_through_job(staff, r, province, period) for r in REPORTS}
        each = " ".join(f"{n}:{t:.1f}" for n, t in times.items())
        print(
            f"  run {run + 1}: all {len(REPORTS)} in {sum(times.values()):.1f} s (goal < 60 s); {each}"
        )
    report_1 = next(r for r in REPORTS if r.number == 1)
    line("report 1 table, grouped query (ms)", [timed(lambda: build_table(report_1, province, period)) for _ in range(3)])  # fmt: skip
    line("baseline: report 1 by a per-household loop (ms)", [timed(lambda: baseline_report_1_loop(province)) for _ in range(3)])  # fmt: skip
    line("baseline: report 15's rows by one plain SQL COPY (ms)", [timed(lambda: baseline_list_copy(province, "POOR")) for _ in range(3)])  # fmt: skip
    line("baseline: report 14's rows by one plain SQL COPY (ms)", [timed(lambda: baseline_list_copy(province, "NEAR_POOR")) for _ in range(3)])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--communes", type=int, default=30)
    parser.add_argument("--reports", type=int, default=1, help="runs of the 15 reports (0: skip)")
    parser.add_argument(
        "--parts", default="dashboard,scoping,reports", help="which parts to run (comma-separated)"
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    setup()
    from giamngheo.households.models import Household

    print(
        f"database {os.environ['DATABASE_URL'].rsplit('/', 1)[1]}: {Household.objects.count():,} households"
    )
    communes = sample_communes(args.communes)
    if "dashboard" in parts:
        bench_dashboard(args.runs, communes)
    if "scoping" in parts:
        bench_scoping(communes)
    if importlib.util.find_spec("giamngheo.reports.catalogue") is None:
        print("\nthe 15 province reports: not run, engineer 15a's report set is not on this branch")
    elif args.reports and "reports" in parts:
        bench_official_reports(args.reports)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
