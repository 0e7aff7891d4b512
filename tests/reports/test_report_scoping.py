"""A report is for an area in the user's scope: another area's report, file or households are
a 404, and a province report never includes another province."""

import io

import pytest
from openpyxl import load_workbook

from giamngheo.core.models import ExportJob
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household, PovertyStatus, StatusRecord
from giamngheo.households.services import record_status

URLS = ["", "tai-ve.xlsx", "tai-ve.pdf", "ho/?cot=end"]


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", URLS)
def test_a_commune_officer_gets_404_for_another_communes_report(small, login, suffix):
    client = login(small.officer)
    assert client.get(f"/bao-cao/bieu-02/99901/2025/{suffix}").status_code == 200
    other = small.demo.commune_a.code
    assert client.get(f"/bao-cao/bieu-02/{other}/2025/{suffix}").status_code == 404
    assert (
        client.get(f"/bao-cao/bieu-02/{small.demo.province.code}/2025/{suffix}").status_code == 404
    )
    client = login(small.other_officer)
    assert client.get(f"/bao-cao/bieu-02/99901/2025/{suffix}").status_code == 404


@pytest.fixture
def other_province(small):
    """A household of another province that would count as poor if it leaked in."""
    province = Unit.objects.create(code="97", name="Tỉnh Khác", level=Level.PROVINCE, kind="tinh")
    commune = Unit.objects.create(
        code="97001", name="Xã Khác", level=Level.COMMUNE, kind="xa", parent=province
    )
    village = Unit.objects.create(
        code="9700101", name="Thôn Khác", level=Level.VILLAGE, kind="thon", parent=commune
    )
    h = Household.objects.create(code="97001-00001", commune=commune, village=village)
    record_status(
        household=h, status=PovertyStatus.POOR, year=2026, standard="2022-2025",
        decision_number="1/QĐ", decision_date=small.households["H01"].status_records.first().decision_date,
        source=StatusRecord.Source.REVIEW, by=small.officer,
    )  # fmt: skip
    return province


@pytest.mark.django_db
def test_a_province_report_never_includes_another_province(
    small, other_province, login, run_worker
):
    client = login(small.province_staff)
    province = small.demo.province
    expected = Household.objects.filter(commune__parent=province, status=PovertyStatus.POOR).count()
    # A province's file is written by the worker (reports.report_jobs), then downloaded.
    client.post(f"/bao-cao/bieu-01/{province.code}/2026/tai-ve.xlsx")
    run_worker()
    job = ExportJob.objects.get(created_by=small.province_staff)
    content = b"".join(client.get(f"/xuat/{job.pk}/tai-ve/").streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    names = {r[1] for r in rows if isinstance(r[0], int)}
    assert "Xã Khác" not in names and "Xã Thử Nghiệm" in names
    total = next(r for r in rows if r[1] == "Tổng cộng")
    assert total[3] == expected  # poor households: this province's only
    listed = client.get(f"/bao-cao/bieu-15/{province.code}/2026/").content.decode()
    assert "97001-00001" not in listed and "99901-H01" in listed
    behind = client.get(f"/bao-cao/bieu-01/{province.code}/2026/ho/?cot=poor").content.decode()
    assert "97001-00001" not in behind
    assert client.get(f"/bao-cao/bieu-01/{other_province.code}/2026/").status_code == 404


@pytest.mark.django_db
def test_the_households_behind_a_number_are_those_counted(small, login):
    client = login(small.officer)
    hai = small.villages["Hai"].pk
    page = client.get(f"/bao-cao/bieu-02/99901/2025/ho/?cot=inc_newly_poor&hang={hai}")
    html = page.content.decode()
    assert "99901-H04" in html and "99901-H05" in html and "99901-H03" not in html
    page = client.get("/bao-cao/bieu-02/99901/2025/ho/?cot=inc_fallen_back").content.decode()
    assert "99901-H03" in page and "99901-H04" not in page
    assert client.get("/bao-cao/bieu-02/99901/2025/ho/?cot=nope").status_code == 404
    assert client.get("/bao-cao/bieu-02/99901/2025/ho/?cot=end&hang=x").status_code == 404
    assert client.get("/bao-cao/bieu-99/99901/2025/").status_code == 404
    assert client.get("/bao-cao/bieu-02/99901/20x5/").status_code == 404
