"""The background worker: a killed worker's job ends failed, and database trouble is survived.

Real processes: ``manage.py db_worker`` runs as a subprocess on the test database (on
SQLite, a file copy of the in-memory test database, since another process cannot open that).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import connection

from giamngheo.core.worker import LOST_CLASS_PATH
from giamngheo.geo.models import Level, Unit
from giamngheo.households.importer import COLUMNS
from giamngheo.households.models import ImportJob

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db(transaction=True)


class Database:
    """The test database as another process sees it, and reads of it after that process ran."""

    def __init__(self, tmp_path):
        self.sqlite_path = None
        if connection.vendor == "sqlite":
            self.sqlite_path = tmp_path / "worker.sqlite3"
            self.url = f"sqlite:///{self.sqlite_path}"
        else:
            s = connection.settings_dict
            user = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
            self.url = f"postgres://{user}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"

    def publish(self):
        """On SQLite, copy what the test wrote so far to the file the subprocess opens."""
        if self.sqlite_path:
            target = sqlite3.connect(self.sqlite_path)
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()

    def one(self, sql, *params):
        if self.sqlite_path:
            with sqlite3.connect(self.sqlite_path, timeout=30) as db:
                return db.execute(sql, params).fetchone()
        with connection.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), params)
            return cursor.fetchone()

    def job(self, pk):
        return self.one("SELECT state, message FROM households_importjob WHERE id = ?", pk)

    def task(self, pk):
        return self.one(
            "SELECT status, exception_class_path FROM django_tasks_database_dbtaskresult WHERE id = ?",
            str(pk).replace("-", "") if self.sqlite_path else str(pk),
        )

    def worker(self, *args):
        env = {**os.environ, "DATABASE_URL": self.url, "DEBUG": "0", "LOG_LEVEL": "WARNING"}
        env["TASKS_WORKER_HEARTBEAT_SECONDS"] = "1"
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload", *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )


def _wait_for(predicate, timeout=120, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _big_csv(village, rows=60_000) -> bytes:
    headers = [c.header for c in COLUMNS]
    at = {h: i for i, h in enumerate(headers)}
    lines = [",".join(headers)]
    for r in range(rows):
        row = [""] * len(headers)
        row[at["Mã hộ"]] = f"K-{r:06d}"
        row[at["Thôn"]] = village.name
        row[at["Họ và tên"]] = f"Người Thứ {r}"
        row[at["Quan hệ với chủ hộ"]] = "Chủ hộ"
        row[at["Ngày sinh"]] = "2015"
        lines.append(",".join(row))
    return ("\n".join(lines) + "\n").encode()


def _queued_job(demo, settings, data: bytes):
    from giamngheo.households.tasks import import_households

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    village = Unit.objects.filter(parent=demo.commune_a, level=Level.VILLAGE).order_by("code")[0]
    job = ImportJob.objects.create(
        commune=demo.commune_a,
        file=ContentFile(data(village) if callable(data) else data, name="lon.csv"),
        original_name="lon.csv",
        created_by=demo.users["canbo.tumorong"],
    )
    result = import_households.enqueue(job.pk)
    return job, result


def test_a_job_whose_worker_is_killed_ends_failed_not_queued(demo, settings, tmp_path):
    job, result = _queued_job(demo, settings, _big_csv)
    db = Database(tmp_path)
    db.publish()
    worker = db.worker("--worker-id", "doomed", "--interval", "0.1")
    try:
        _wait_for(lambda: db.job(job.pk)[0] == "checking", what="the import to start")
        assert db.task(result.id)[0] == "RUNNING"
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert db.job(job.pk)[0] == "checking"  # what the issue saw: stuck for ever

    # The next worker (here in batch mode: reap, run what is ready, exit) notices at once:
    # the dead worker's process is gone from this machine.
    reaper = db.worker("--batch", "--interval", "0")
    output = reaper.communicate(timeout=120)[0].decode()
    assert reaper.returncode == 0, output
    assert db.task(result.id) == ("FAILED", LOST_CLASS_PATH)
    state, message = db.job(job.pk)
    assert state == "failed"
    assert "bị gián đoạn" in message
    assert not db.one("SELECT COUNT(*) FROM households_household WHERE code LIKE ?", "K-%")[0]


def test_the_worker_survives_losing_its_database_and_runs_the_next_job(
    demo, settings, tmp_path, village_csv
):
    db = Database(tmp_path)
    db.publish()
    worker = db.worker("--worker-id", "survivor", "--interval", "0.2")
    try:
        _wait_for(
            lambda: db.one(
                "SELECT COUNT(*) FROM core_workerheartbeat WHERE worker_id = ?", "survivor"
            )[0],
            what="the first heartbeat",
        )
        _break_database(db)
        time.sleep(3)  # the worker meets the error at least once and waits
        assert worker.poll() is None, worker.stdout.read().decode()
        _repair_database(db)
        job, _result = _queued_job(demo, settings, village_csv)
        db.publish()  # SQLite: the job was written to the in-memory test database
        state = _wait_for(
            lambda: db.job(job.pk)[0] in ("done", "rejected", "failed") and db.job(job.pk)[0],
            what="the job after the outage",
        )
        assert state == "done", db.job(job.pk)
        assert worker.poll() is None
    finally:
        worker.send_signal(signal.SIGTERM)
        output = worker.communicate(timeout=60)[0].decode()
    if db.sqlite_path:
        # On PostgreSQL Django's connection health checks (CONN_HEALTH_CHECKS) may reconnect
        # before a query fails, so the outage need not reach the log; the job above ran.
        assert "Database error in the worker" in output


@pytest.fixture
def village_csv():
    def build(village):
        headers = [c.header for c in COLUMNS]
        at = {h: i for i, h in enumerate(headers)}
        row = [""] * len(headers)
        row[at["Mã hộ"]], row[at["Thôn"]] = "SURVIVE-1", village.name
        row[at["Họ và tên"]], row[at["Quan hệ với chủ hộ"]] = "Người Sống Sót", "Chủ hộ"
        row[at["Ngày sinh"]] = "2016"
        return (",".join(headers) + "\n" + ",".join(row) + "\n").encode()

    return build


def _break_database(db):
    """Cut the worker off: PostgreSQL drops its connections; SQLite loses its file."""
    if db.sqlite_path:
        for suffix in ("", "-wal", "-shm"):
            path = Path(f"{db.sqlite_path}{suffix}")
            if path.exists():
                path.rename(f"{path}.away")
        # What the worker's next connection finds: a database with no tables.
        sqlite3.connect(db.sqlite_path).close()
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


def _repair_database(db):
    if db.sqlite_path:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db.sqlite_path}{suffix}").unlink(missing_ok=True)
        for suffix in ("", "-wal", "-shm"):
            away = Path(f"{db.sqlite_path}{suffix}.away")
            if away.exists():
                away.rename(f"{db.sqlite_path}{suffix}")
