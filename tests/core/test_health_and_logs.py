"""/healthz, request ids and JSON log lines that follow a request into the worker's job."""

import json
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pythonjsonlogger.json import JsonFormatter

from giamngheo.core.models import WorkerHeartbeat
from giamngheo.core.observability import RequestIdFilter

pytestmark = pytest.mark.django_db


def _beat(seconds_ago):
    now = timezone.now()
    WorkerHeartbeat.objects.create(
        worker_id="w1", hostname="may-1", pid=1, started_at=now,
        last_seen=now - timedelta(seconds=seconds_ago),
    )  # fmt: skip


def test_healthz_is_ok_with_a_recent_worker_heartbeat(client):
    _beat(5)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_fails_without_a_worker_or_with_a_silent_one(client):
    WorkerHeartbeat.objects.all().delete()  # workers of earlier tests may have committed theirs
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "no worker has started"
    _beat(600)
    body = client.get("/healthz").json()
    assert body["status"] == "fail" and body["checks"]["worker"].startswith("last seen")
    assert body["checks"]["database"] == "ok"


def test_every_response_carries_a_request_id_and_a_good_incoming_one_is_kept(client):
    assert len(client.get("/healthz")["X-Request-ID"]) == 32
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="caddy-1234-abcd")
    assert kept["X-Request-ID"] == "caddy-1234-abcd"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="x\ny")
    assert forged["X-Request-ID"] != "x\ny"


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonFormatter("%(levelname)s %(name)s %(request_id)s %(message)s"))
        self.lines = []

    def emit(self, record):
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def json_log():
    handler = _Capture()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield handler.lines
    root.removeHandler(handler)
    root.setLevel(level)


def test_the_worker_logs_an_export_under_the_id_of_the_request_that_asked(
    demo, login, json_log, monkeypatch, settings
):
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = login(demo.users["canbo.tumorong"])
    response = client.post(
        reverse("households:household_export") + "?q=nguyen", HTTP_X_REQUEST_ID="req-0001-export"
    )
    assert response["X-Request-ID"] == "req-0001-export"
    request_line = next(line for line in json_log if line["name"] == "giamngheo.request")
    assert request_line["request_id"] == "req-0001-export"
    assert request_line["path"] == "/ho-gia-dinh/xuat.xlsx"
    assert "nguyen" not in json.dumps(request_line)  # the query string (a search) is not logged
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    job_lines = [line for line in json_log if line["name"] == "giamngheo.exports"]
    assert job_lines and {line["request_id"] for line in job_lines} == {"req-0001-export"}
