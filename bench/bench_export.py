"""Background export of the register: a province of 1,000,000 households on the worker.

Needs a PostgreSQL copy of the benchmark database (never giamngheo_bench itself, which this
script migrates):

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE giamngheo_bench_mine TEMPLATE giamngheo_bench'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/giamngheo_bench_mine .venv/bin/python bench/bench_export.py

Figures: wall time and the worker process's peak memory (maxrss of `manage.py db_worker
--batch`, a separate process as in production) for the province export and for one commune's;
baseline in the same run: that commune's export built in memory the way the request used to
(openpyxl write-only into a BytesIO, members counted by JOIN + GROUP BY).
Goal: province < 3 min and < 500 MB.
"""

import io
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
url = os.environ.get("DATABASE_URL", "")
if not url.startswith("postgres") or url.rstrip("/").endswith("/giamngheo_bench"):
    sys.exit("Set DATABASE_URL to your own PostgreSQL copy of giamngheo_bench (see the docstring).")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "giamngheo.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.http import QueryDict  # noqa: E402

from giamngheo.accounts.models import User  # noqa: E402
from giamngheo.core import exports  # noqa: E402
from giamngheo.core.models import ExportJob  # noqa: E402
from giamngheo.core.tabular import write_xlsx  # noqa: E402
from giamngheo.households.exports import COLUMNS, HOUSEHOLDS, headers  # noqa: E402
from giamngheo.households.models import Household  # noqa: E402
from giamngheo.households.selectors import household_filter  # noqa: E402


def run_worker() -> tuple[float, float]:
    """Seconds and peak MB of one worker process that runs the queued job and exits; its CPU
    seconds go to ``CPU`` (on a shared machine the wall time depends on the others' load)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = usage.ru_maxrss
    cpu_before = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "-v0"],
        cwd=ROOT,
        check=True,
    )
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[0] = usage.ru_utime + usage.ru_stime - cpu_before
    return seconds, max(usage.ru_maxrss, before) / 1024


CPU = [0.0]


def export_job(user, query: str) -> tuple[ExportJob, float, float]:
    job = exports.start(kind=HOUSEHOLDS.kind, by=user, query=QueryDict(query))
    seconds, mb = run_worker()
    job.refresh_from_db()
    assert job.state == ExportJob.State.DONE, job.state
    return job, seconds, mb


def old_in_request(user, query: str) -> float:
    started = time.perf_counter()
    queryset = household_filter(user, QueryDict(query)).qs.annotate(member_count=Count("members"))
    buffer = io.BytesIO()
    # The request's export had neither the head's citizen ID nor the unit path (for masking).
    columns = [c for c in COLUMNS if c not in ("head_cccd", "commune__path")]
    write_xlsx(buffer, headers()[: len(columns)], queryset.values_list(*columns).iterator(2000))
    return time.perf_counter() - started


def read_vs_write(user, n: int = 100_000) -> None:
    """Where the time goes: the first ``n`` province rows read alone (the job's own query and
    masking), then the same rows written alone from memory."""
    started, cpu = time.perf_counter(), time.process_time()
    generator = HOUSEHOLDS.rows(user, QueryDict(""))[1]
    rows = list(itertools.islice(generator, n))
    generator.close()
    read, read_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as folder:
        write_xlsx(Path(folder) / "x.xlsx", headers(), rows)
    write, write_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"  {len(rows):,} rows: read {read:5.1f} s (this process's CPU {read_cpu:4.1f} s; "
        f"the rest waits for PostgreSQL), write {write:5.1f} s (CPU {write_cpu:4.1f} s)"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    staff = User.objects.get(username="tinh.quangngai")
    commune = Household.objects.values("commune").annotate(n=Count("id")).order_by("-n").first()
    commune_query = f"commune={commune['commune']}"
    print(f"commune export ({commune['n']:,} households), 3 runs")
    for _ in range(3):
        baseline = old_in_request(staff, commune_query)
        job, seconds, mb = export_job(staff, commune_query)
        print(
            f"  in the request (old): {baseline:6.1f} s | worker job: {seconds:6.1f} s "
            f"(process start included), peak {mb:5.0f} MB, {job.written_rows:,} rows"
        )
    print("read vs. write, province rows, 2 runs")
    for _ in range(2):
        read_vs_write(staff)
    print("province export (all households of Quảng Ngãi)")
    job, seconds, mb = export_job(staff, "")
    size = job.file.size / 1e6
    print(
        f"  worker job: {seconds:6.1f} s, peak {mb:5.0f} MB, {job.written_rows:,} rows "
        f"({job.written_rows / seconds:,.0f} rows/s), worker CPU {CPU[0]:5.1f} s, "
        f"{size:.0f} MB file (goal < 180 s, < 500 MB)"
    )
    exports.purge_expired(now=job.expires_at.replace(year=job.expires_at.year + 1))


if __name__ == "__main__":
    main()
