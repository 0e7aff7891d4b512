"""Benchmark of ``load_units``: the current units alone (the baseline) against the current
plus the ~10,800 former units with their ~17,000 successions, on an empty database, then
the idempotent second run that writes nothing.

Each round migrates a fresh database: a temporary SQLite file, or with ``--postgres URL``
a database created (and dropped) beside the given server's ``postgres`` database.

    .venv/bin/python bench/bench_load_units.py [--rounds 3] [--postgres postgres://postgres@127.0.0.1:5432]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _manage(url: str, *args: str) -> float:
    env = {**os.environ, "DATABASE_URL": url}
    start = time.perf_counter()
    subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def _fresh(kind: str, base: str, n: int) -> tuple[str, callable]:
    if kind == "sqlite":
        path = Path(tempfile.mkdtemp()) / f"units{n}.sqlite3"
        return f"sqlite:///{path}", lambda: path.unlink(missing_ok=True)
    name = f"bench_units_{os.getpid()}_{n}"
    admin = f"{base}/postgres"
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    return f"{base}/{name}", lambda: subprocess.run(
        ["psql", admin, "-qc", f"DROP DATABASE {name}"], check=True
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", default="", help="server URL without a database name")
    args = parser.parse_args()
    kind = "postgresql" if args.postgres else "sqlite"
    # Process start-up and Django set-up are measured once and taken off every figure.
    url, drop = _fresh(kind, args.postgres, 0)
    try:
        _manage(url, "migrate", "--noinput", "-v0")
        startup = min(_manage(url, "check") for _ in range(3))
    finally:
        drop()
    figures: dict[str, list[float]] = {"current only": [], "current + former": [], "second run": []}
    for n in range(1, args.rounds + 1):
        for label, extra in (("current only", ["--no-former"]), ("current + former", [])):
            url, drop = _fresh(kind, args.postgres, n)
            try:
                _manage(url, "migrate", "--noinput", "-v0")
                figures[label].append(_manage(url, "load_units", *extra) - startup)
                if label == "current + former":
                    figures["second run"].append(_manage(url, "load_units") - startup)
            finally:
                drop()
    print(f"load_units on {kind}, {args.rounds} rounds (start-up {startup:.1f} s taken off):")
    for label, values in figures.items():
        print(f"  {label:18} {min(values):6.1f} – {max(values):6.1f} s")


if __name__ == "__main__":
    main()
