"""A province report is written by the background worker (core.exports), not in the request:
the download button queues a job, the worker writes the official file with progress, and only
the requester downloads it; the area is checked again through their scoping when it runs."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from giamngheo.accounts.models import RoleAssignment
from giamngheo.core.models import ExportJob
from giamngheo.households.models import Household, PovertyStatus

pytestmark = pytest.mark.django_db


def _file_url(report: int, area: str, fmt: str = "xlsx") -> str:
    return f"/bao-cao/bieu-{report:02d}/{area}/2025/tai-ve.{fmt}"


def _rows(client, job) -> list:
    response = client.get(reverse("core:export_download", args=[job.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    return [list(r) for r in load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)]


def test_a_province_report_is_queued_written_by_the_worker_and_downloaded(small, login, run_worker):
    client = login(small.province_staff)
    province = small.demo.province.code
    page = client.get(f"/bao-cao/bieu-02/{province}/2025/").content.decode()
    assert 'method="post"' in page and 'id="download-xlsx"' in page
    # No file is built in the request: a GET of the file sends back to the report's page.
    response = client.get(_file_url(2, province))
    assert response.status_code == 302 and not ExportJob.objects.exists()

    response = client.post(_file_url(2, province))
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:export_job", args=[job.pk])
    assert job.state == ExportJob.State.QUEUED and job.filename == f"bieu-02_{province}_2025.xlsx"
    assert 'http-equiv="refresh"' in client.get(response["Location"]).content.decode()

    run_worker()

    job.refresh_from_db()
    assert job.state == ExportJob.State.DONE and job.written_rows == job.total_rows > 0
    rows = _rows(client, job)
    flat = [str(v) for row in rows for v in row if v is not None]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat and "NGƯỜI LẬP BIỂU" in flat
    commune = next(r for r in rows if r[1] == "Xã Thử Nghiệm")
    total = next(r for r in rows if r[1] == "Tổng cộng")
    # Report 2 of the small commune (tests/reports/expected.py): start 4, moved out 1, end 4.
    assert commune[2] == 4 and commune[-3] == 4
    assert total[2] >= commune[2]


def test_a_province_list_is_written_by_the_worker_with_every_listed_household(
    small, login, run_worker
):
    client = login(small.province_staff)
    client.post(_file_url(15, small.demo.province.code))
    run_worker()
    job = ExportJob.objects.get()
    rows = _rows(client, job)
    poor = Household.objects.filter(
        commune__parent=small.demo.province, status=PovertyStatus.POOR
    ).count()
    assert job.state == ExportJob.State.DONE and job.total_rows == job.written_rows == poor
    codes = [r[1] for r in rows if isinstance(r[0], int)]
    assert len(codes) == poor and "99901-H01" in codes and "99901-H02" not in codes
    assert [r[1] for r in rows if str(r[1]).startswith("Tổng cộng")] == [f"Tổng cộng: {poor} hộ"]


def test_another_officer_gets_404_for_the_job_and_its_file(small, login, run_worker):
    login(small.province_staff).post(_file_url(1, small.demo.province.code))
    run_worker()
    job = ExportJob.objects.get()
    for user in (small.officer, small.other_officer):
        other = login(user)
        assert other.get(reverse("core:export_job", args=[job.pk])).status_code == 404
        assert other.get(reverse("core:export_download", args=[job.pk])).status_code == 404
        # Nor may they queue the province's report.
        assert other.post(_file_url(1, small.demo.province.code)).status_code == 404
    assert ExportJob.objects.count() == 1


def test_the_job_checks_the_area_again_when_it_runs(small, login, run_worker):
    client = login(small.province_staff)
    client.post(_file_url(1, small.demo.province.code))
    RoleAssignment.objects.filter(user=small.province_staff).delete()
    run_worker()
    job = ExportJob.objects.get()
    assert job.state == ExportJob.State.FAILED and not job.file


def test_a_communes_report_is_still_built_in_the_request(small, login):
    client = login(small.officer)
    response = client.get(_file_url(2, small.commune.code))
    assert response.status_code == 200 and response["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    assert not ExportJob.objects.exists()


def test_a_long_list_as_pdf_goes_to_the_worker_even_for_a_commune(
    small, login, run_worker, monkeypatch
):
    from giamngheo.reports import report_jobs

    monkeypatch.setattr(report_jobs, "LIST_PDF_IN_REQUEST", 3)  # the commune lists 4 poor
    client = login(small.officer)
    page = client.get(f"/bao-cao/bieu-15/{small.commune.code}/2025/").content.decode()
    assert f'action="{_file_url(15, small.commune.code, "pdf")}"' in page  # a POST form
    assert f'href="{_file_url(15, small.commune.code)}"' in page  # the .xlsx: in the request
    assert client.get(_file_url(15, small.commune.code, "pdf")).status_code == 302
    assert client.get(_file_url(15, small.commune.code)).status_code == 200
    client.post(_file_url(15, small.commune.code, "pdf"))
    run_worker()
    job = ExportJob.objects.get()
    assert job.state == ExportJob.State.DONE and job.filename.endswith(".pdf")
    response = client.get(reverse("core:export_download", args=[job.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")
