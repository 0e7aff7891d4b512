"""Benchmark of the household register on PostgreSQL: list/search latency and import time.

Builds (once) a database with 1,000,000 households spread over the 96 communes of the demo
province, then measures through Django's test client, as a logged-in user:

* the list page with a filter, with a search, and with both (median and p95 over N runs);
* baseline in the same run: the same searches with the trigram index dropped;
* the import of a 100,000-row file (check + write, one transaction) against a baseline of
  the per-household service path (``create_household``) on a small sample.

    .venv/bin/python bench/bench_households.py [--households 1000000] [--import-rows 100000]

Uses DATABASE_URL (default: postgres://postgres@127.0.0.1:5432/giamngheo_bench); the
database is created if missing and the generated rows are kept for the next run.
"""

from __future__ import annotations

import argparse
import io
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
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

import numpy as np  # noqa: E402

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "A",
    "Y",
    "Đinh",
    "Rơ Châm",
]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Ngọc", "Thanh", "Hữu", "Quốc", "Thu", "Kim"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Blong", "Hyơk", "Pơ", "Thắng"]  # fmt: skip


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production static storage
    from giamngheo.site.demo import build_demo

    build_demo()


def generate(n: int) -> None:
    """COPY ``n`` households (and their deprivation rows) into the database, if not there yet."""
    from django.db import connection

    from giamngheo.core.search import fold
    from giamngheo.geo.models import Kind, Level, Unit
    from giamngheo.geo.services import add_village
    from giamngheo.households.models import Household

    have = Household.objects.count()
    if have >= n:
        print(f"database already holds {have:,} households")
        return
    admin = __import__("giamngheo.accounts.models", fromlist=["User"]).User.objects.get(
        username="admin"
    )
    communes = list(Unit.objects.filter(parent__code="51", level=Level.COMMUNE).order_by("code"))
    for commune in communes:
        for i in range(1, 6 - commune.children.count()):
            add_village(commune=commune, name=f"Thôn bench {i}", kind=Kind.HAMLET, by=admin)
    villages = list(
        Unit.objects.filter(parent__in=communes, level=Level.VILLAGE).values_list("pk", "parent_id")
    )
    rng = np.random.default_rng(7)
    t0 = time.perf_counter()
    todo = n - have
    v_idx = rng.integers(0, len(villages), todo)
    fam, mid, giv = (
        rng.integers(0, len(FAMILY), (3, todo)),
        rng.integers(0, len(MIDDLE), (2, todo)),
        rng.integers(0, len(GIVEN), (2, todo)),
    )
    status = rng.choice(
        ["POOR", "NEAR_POOR", "ESCAPED_POOR", "NOT_LISTED"], todo, p=[0.06, 0.08, 0.03, 0.83]
    )
    income = rng.integers(500_000, 5_000_000, todo) // 1000 * 1000
    ethnic = rng.choice(["01", "16", "12", "18", "10"], todo, p=[0.6, 0.15, 0.1, 0.1, 0.05])
    deprived = rng.integers(0, 6, todo)
    buf = io.StringIO()
    for i in range(todo):
        village, commune = villages[v_idx[i]]
        head = f"{FAMILY[fam[0, i]]} {MIDDLE[mid[0, i]]} {GIVEN[giv[0, i]]}"
        spouse = f"{FAMILY[fam[1, i]]} {MIDDLE[mid[1, i]]} {GIVEN[giv[1, i]]}"
        code = f"B{have + i:07d}"
        cid = f"0{int(rng.integers(10, 96)):02d}0{int(rng.integers(60, 99)):02d}{have + i:06d}"
        search = fold(f"{code} {head} {spouse} {cid}")
        buf.write(
            f"{code}\t{commune}\t{village}\t{head}\t{ethnic[i]}\t\t\t{income[i]}\t\t\t\t\t{status[i]}\t2026\tPOOR\t2022-2025\t{deprived[i]}\t0\t{search}\t1\t\t\tnow()\tnow()\n"
        )
    with connection.cursor() as cursor:
        raw = cursor.connection
        columns = ("code, commune_id, village_id, head_name, ethnicity, address, phone, income_per_capita, housing_type, "
                   "water_source, latrine_type, waste_handling, status, status_year, assessed_category, assessed_standard, "
                   "deprived_count, unknown_count, search_text, version, previous_assessed_category, "
                   "previous_assessed_standard, created_at, updated_at")  # fmt: skip
        data = buf.getvalue().replace(
            "\tnow()\tnow()\n", "\t2026-11-01 00:00:00+07\t2026-11-01 00:00:00+07\n"
        )
        with raw.cursor().copy(f"COPY households_household ({columns}) FROM STDIN") as copy:
            copy.write(data)
        cursor.execute(
            "INSERT INTO households_deprivation (household_id, indicator) "
            "SELECT id, (ARRAY['health_insurance','housing_quality','floor_area','domestic_water','hygienic_latrine','telecom_use'])[1 + (id % 6)] "
            "FROM households_household WHERE code LIKE 'B%%' AND deprived_count > 2 "
            "ON CONFLICT DO NOTHING"
        )
        cursor.execute("ANALYZE")
    print(f"generated {todo:,} households in {time.perf_counter() - t0:.1f} s")


def measure(client, params: dict, runs: int) -> list[float]:
    client.get("/ho-gia-dinh/", params)  # warm up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        response = client.get("/ho-gia-dinh/", params)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
    return times


def p95(values):
    return float(np.percentile(values, 95))


def bench_list(runs: int) -> None:
    from django.db import connection
    from django.test import Client

    from giamngheo.accounts.models import User

    client = Client()
    client.force_login(
        User.objects.get(username="tinh.quangngai"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    officer = Client()
    officer.force_login(
        User.objects.get(username="canbo.tumorong"),
        backend="django.contrib.auth.backends.ModelBackend",
    )
    cases = [
        ("province staff, filter status=POOR", client, {"status": "POOR"}),
        ("province staff, search 'nguyen van hung'", client, {"q": "nguyen van hung"}),
        (
            "province staff, filter + search 'tran thi lan'",
            client,
            {"status": "NEAR_POOR", "q": "tran thi lan"},
        ),
        ("province staff, deprived on health insurance", client, {"indicator": "health_insurance"}),
        ("province staff, search one household code", client, {"q": "B0777777"}),
        ("commune officer, search 'blong'", officer, {"q": "blong"}),
        ("province staff, page 50 of the full list", client, {"page": 50}),
    ]
    print(f"\nlist page, {runs} requests each (ms)        median     p95")
    results = {}
    for label, c, params in cases:
        t = measure(c, params, runs)
        results[label] = t
        print(f"  {label:<46} {statistics.median(t):7.1f} {p95(t):7.1f}")
    print("\nbaseline: the same searches without the trigram index")
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS households_household_search_trgm")
    try:
        for label, c, params in cases[1:3] + cases[4:5]:
            t = measure(c, params, max(5, runs // 4))
            print(
                f"  {label:<46} {statistics.median(t):7.1f} {p95(t):7.1f}   ({statistics.median(t) / statistics.median(results[label]):.1f}× slower)"
            )
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS households_household_search_trgm ON households_household USING gin (search_text gin_trgm_ops)"
            )
    worst = max(p95(t) for t in results.values())
    print(f"\nworst p95 with the index: {worst:.1f} ms (goal < 200 ms)")


def bench_import(rows: int, sample: int) -> None:
    from django.core.files.base import ContentFile
    from openpyxl import Workbook

    from giamngheo.accounts.models import User
    from giamngheo.geo.models import Level, Unit
    from giamngheo.households.importer import COLUMNS, run_import
    from giamngheo.households.models import ImportJob, Member
    from giamngheo.households.services import create_household

    remove_imported()
    commune = Unit.objects.get(code="23473")  # Xã Măng Đen
    village = Unit.objects.filter(parent=commune, level=Level.VILLAGE).first()
    user = User.objects.get(username="canbo.mangden")
    run = int(time.time())
    headers = [c.header for c in COLUMNS]
    index = {h: i for i, h in enumerate(headers)}
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(headers)
    t0 = time.perf_counter()
    for r in range(rows):
        household, position = divmod(r, 4)
        row = [None] * len(headers)
        row[index["Mã hộ"]] = f"I{run}-{household:06d}"
        row[index["Họ và tên"]] = f"{FAMILY[r % 20]} {MIDDLE[r % 10]} {GIVEN[r % 24]}"
        if position == 0:
            row[index["Thôn"]] = village.name
            row[index["Quan hệ với chủ hộ"]] = "Chủ hộ"
            row[index["Thu nhập bình quân (đồng/người/tháng)"]] = 1_000_000 + (r % 30) * 100_000
            row[index["Loại nhà"]] = "Bán kiên cố"
            row[index["Diện tích nhà ở (m²)"]] = 20 + r % 40
            row[index["Nguồn nước sinh hoạt"]] = "Giếng khoan"
            row[index["Nhà tiêu"]] = "Tự hoại"
            row[index["Tình trạng"]] = "Hộ nghèo" if r % 7 == 0 else None
            if r % 7 == 0:
                row[index["Năm"]], row[index["Số quyết định"]], row[index["Ngày quyết định"]] = (
                    2026,
                    "9/QĐ-UBND",
                    "20/12/2025",
                )
        else:
            row[index["Quan hệ với chủ hộ"]] = "Con" if position > 1 else "Vợ/chồng"
        born = 1980 + r % 20 if position < 2 else 2014 + r % 8
        row[index["Ngày sinh"]] = f"{1 + r % 28:02d}/{1 + r % 12:02d}/{born}"
        row[index["Giới tính"]] = "Nam" if r % 2 == 0 else "Nữ"
        row[index["Dân tộc"]] = "Xơ Đăng"
        if position < 2:
            row[index["Số CCCD"]] = (
                f"062{(0 if born < 2000 else 2) + r % 2}{born % 100:02d}{r // 2:06d}"
            )
        row[index["Có BHYT"]] = "Có"
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    print(
        f"\nimport: built a {rows:,}-row file ({len(buffer.getvalue()) / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s"
    )
    job = ImportJob.objects.create(commune=commune, original_name="bench.xlsx", created_by=user,
                                   file=ContentFile(buffer.getvalue(), name="bench.xlsx"))  # fmt: skip
    t = time.perf_counter()
    run_import(job)
    elapsed = time.perf_counter() - t
    job.refresh_from_db()
    if job.state != ImportJob.State.DONE:
        print(f"  import state {job.state}: {job.errors[:5]}")
        return
    print(f"  {rows:,} rows → {job.households_created:,} households, {job.members_created:,} members in {elapsed:.1f} s "
          f"= {rows / elapsed:,.0f} rows/s (goal < 60 s)")  # fmt: skip
    # Baseline: the per-household service path, as a form save does it.
    t = time.perf_counter()
    for i in range(sample):
        members = [
            Member(
                full_name=f"Mẫu {i}", relation="head", sex="male", citizen_id=None, birth_year=2015
            )
        ]
        create_household(village=village, data={"address": "", "phone": "", "income_per_capita": 1_000_000},
                         members=members, by=user, confirm_duplicates=True, code=f"S{run}-{i}")  # fmt: skip
    per_row = (time.perf_counter() - t) / sample
    print(f"  baseline, one household per service call: {sample} households in {per_row * sample:.1f} s "
          f"= {1 / per_row:,.0f} households/s; bulk import = {(job.households_created / elapsed) * per_row:.1f}× faster per household")  # fmt: skip
    remove_imported()


def remove_imported() -> None:
    """Delete the rows a previous import benchmark left, in plain SQL (no per-row signals)."""
    from django.db import connection

    where = "household_id IN (SELECT id FROM households_household WHERE code LIKE 'I%%' OR code LIKE 'S%%')"
    with connection.cursor() as cursor:
        for table in (
            "households_member",
            "households_deprivation",
            "households_policytag",
            "households_statusrecord",
        ):
            cursor.execute(f"DELETE FROM {table} WHERE {where}")
        cursor.execute("DELETE FROM households_household WHERE code LIKE 'I%%' OR code LIKE 'S%%'")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    ensure_database(os.environ["DATABASE_URL"])
    setup_django()
    generate(args.households)
    bench_list(args.runs)
    bench_import(args.import_rows, args.sample)


if __name__ == "__main__":
    main()
