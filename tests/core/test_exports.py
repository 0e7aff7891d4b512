"""Large exports run on the worker: queued from the list, written with progress, downloaded by
the person who asked, removed after the retention period."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from giamngheo.core.models import ExportJob
from giamngheo.households.models import Household, PovertyStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def run_worker(monkeypatch, settings):
    from django_tasks_db.management.commands import db_worker

    # Inside the test's transaction the worker must not recycle the connection.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    return run


def _export(client, **filters):
    url = reverse("households:household_export")
    query = "&".join(f"{k}={v}" for k, v in filters.items())
    return client.post(f"{url}?{query}" if query else url)


def _workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_export_is_queued_then_written_by_the_worker_with_the_filtered_scoped_rows(
    demo, login, run_worker
):
    client = login(demo.users["canbo.tumorong"])
    response = _export(client, status=PovertyStatus.POOR)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:export_job", args=[job.pk])
    assert job.state == ExportJob.State.QUEUED
    page = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' in page and "export-download" not in page

    run_worker()

    job.refresh_from_db()
    expected = set(
        Household.objects.filter(commune=demo.commune_a, status=PovertyStatus.POOR).values_list(
            "code", flat=True
        )
    )
    assert job.state == ExportJob.State.DONE
    assert job.total_rows == job.written_rows == len(expected) > 0
    page = client.get(reverse("core:export_job", args=[job.pk])).content.decode()
    assert "export-download" in page
    ws = _workbook(client.get(reverse("core:export_download", args=[job.pk])))
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in rows} == expected
    assert {r[4] for r in rows} == {"Hộ nghèo"}
    assert all(isinstance(r[9], int) and r[9] > 0 for r in rows)  # members counted


def test_the_list_offers_the_export_as_a_post_form_and_get_is_refused(demo, login):
    client = login(demo.users["canbo.tumorong"])
    page = client.get("/ho-gia-dinh/").content.decode()
    assert 'id="household-export"' in page
    assert client.get(reverse("households:household_export")).status_code == 405
    assert not ExportJob.objects.exists()


def test_only_the_requester_sees_or_downloads_an_export(demo, login, run_worker):
    _export(login(demo.users["canbo.tumorong"]))
    run_worker()
    job = ExportJob.objects.get()
    other = login(demo.users["canbo.kontum"])
    assert other.get(reverse("core:export_job", args=[job.pk])).status_code == 404
    assert other.get(reverse("core:export_download", args=[job.pk])).status_code == 404


def test_an_expired_export_is_refused_and_purged_with_its_file(demo, login, run_worker):
    client = login(demo.users["canbo.tumorong"])
    _export(client)
    run_worker()
    job = ExportJob.objects.get()
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    ExportJob.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(reverse("core:export_download", args=[job.pk])).status_code == 404
    call_command("purge_exports")
    assert not ExportJob.objects.exists()
    assert not storage.exists(name)


def test_a_failing_export_is_marked_failed_without_details_on_the_page(
    demo, login, run_worker, monkeypatch
):
    from giamngheo.core import exports

    client = login(demo.users["canbo.tumorong"])
    _export(client)
    broken = exports.REGISTRY["households"]

    def explode(user, params):
        raise RuntimeError("secret detail")

    monkeypatch.setitem(
        exports.REGISTRY, "households", exports.Export(**{**broken.__dict__, "rows": explode})
    )
    run_worker()
    job = ExportJob.objects.get()
    assert job.state == ExportJob.State.FAILED
    page = client.get(reverse("core:export_job", args=[job.pk])).content.decode()
    assert "secret detail" not in page and 'role="alert"' in page
