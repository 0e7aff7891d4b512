"""Where the time of each page of the load benchmark goes, one request at a time.

For every URL of ``bench_load.ROLES`` (as the role's account), in-process through Django's
test client on your copy of the 1,000,000-household database: the median and slowest of
``--rounds`` requests, the number of SQL queries, the time spent in SQL and the slowest
query, the CPU time this process spent (median) and the CPU time the PostgreSQL backend spent
(mean; read from /proc, so the database must run on this machine). The first request of each
URL is reported apart (a cold cache: the dashboard's figures are computed then, and served
from the cache afterwards). Set REDIS_URL to measure with the production cache.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/giamngheo_bench_mine \\
        .venv/bin/python bench/bench_pages.py [--rounds 5] [--only /tro-giup/]
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "giamngheo.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from bench_load import ROLES, sample_codes  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from giamngheo.accounts.models import User  # noqa: E402


def backend_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (loopback: /proc)."""
    if connection.vendor != "postgresql":
        return 0.0
    connection.ensure_connection()
    fields = Path(f"/proc/{connection.connection.info.backend_pid}/stat").read_text().split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def measure(client, path):
    with CaptureQueriesContext(connection) as queries:
        started, cpu, db_cpu = time.perf_counter(), time.process_time(), backend_cpu()
        response = client.get(path, secure=True, follow=True)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        cpu = (cpu, backend_cpu() - db_cpu)
    sql = sum(float(q["time"]) for q in queries.captured_queries)
    slowest = max(queries.captured_queries, key=lambda q: float(q["time"]), default=None)
    return response.status_code, elapsed, len(queries), sql, slowest, queries.captured_queries, cpu


# Static files are served by Caddy, not measured here: plain names, no collectstatic needed.
@override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}})  # fmt: skip
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="")
    parser.add_argument("--queries", action="store_true", help="print every query of the last")
    options = parser.parse_args()
    codes = sample_codes(os.environ["DATABASE_URL"])
    rng = random.Random(1)
    cpus = []  # median CPU of this process (Django + psycopg) per page, one per URL
    db_cpus = []  # mean CPU of the PostgreSQL backend per page (clock ticks: a mean, not a median)
    print(f"{'account':16} {'page':34} {'first':>7} {'median':>7} {'max':>7} {'queries':>7} "
          f"{'sql ms':>7} {'cpu ms':>7} {'db cpu':>7}  slowest query")  # fmt: skip
    for username, paths in ROLES.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for template in paths:
            if options.only and options.only not in template:
                continue
            runs = [measure(client, template.format(code=rng.choice(codes)))
                    for _ in range(options.rounds + 1)]  # fmt: skip
            status, first = runs[0][0], runs[0][1]
            times = [r[1] for r in runs[1:]]
            last = runs[-1]
            cpu = statistics.median(r[6][0] for r in runs[1:])
            db_cpu = statistics.mean(r[6][1] for r in runs[1:])
            cpus.append(cpu)
            db_cpus.append(db_cpu)
            slow = last[4]
            slow_text = f"{float(slow['time']) * 1000:.0f} ms {slow['sql'][:90]}" if slow else ""
            print(
                f"{username:16} {template[:34]:34} {first * 1000:7.0f} "
                f"{statistics.median(times) * 1000:7.0f} {max(times) * 1000:7.0f} "
                f"{last[2]:7d} {last[3] * 1000:7.0f} {cpu * 1000:7.1f} {db_cpu * 1000:7.1f}  {slow_text}"
                + ("" if status == 200 else f"  HTTP {status}")
            )
            for query in last[5] if options.queries else ():
                print(f"    {float(query['time']) * 1000:6.1f} ms  {query['sql'][:300]}")
    if cpus:
        print(
            f"mean CPU per page (median of each URL, this process): {statistics.mean(cpus) * 1000:.1f} ms"
            f"; PostgreSQL backend (mean): {statistics.mean(db_cpus) * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
