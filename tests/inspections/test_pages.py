"""The form pages of an inspection (core.forms.RecordPages): through the browser's requests."""

import datetime

from django.urls import reverse

from giamngheo.inspections import services as inspection_services
from giamngheo.inspections.catalogues import InspectionLevel, InspectionSubject, Severity
from giamngheo.inspections.models import FindingState

D = datetime.date


def _finding(mangden, officer):
    inspection = inspection_services.record_inspection(
        commune=mangden, subject=InspectionSubject.REVIEW, held_on=D(2026, 9, 15),
        level=InspectionLevel.COMMUNE, leader_name="Phó Chủ tịch UBND xã", by=officer,
    )  # fmt: skip
    return inspection_services.record_finding(
        inspection=inspection, severity=Severity.SHORTCOMING, text="Biên bản thiếu chữ ký",
        recommendation="Bổ sung chữ ký", responsible="Trưởng thôn", due_on=D(2026, 10, 1),
        by=officer,
    )  # fmt: skip


def test_a_follow_up_posted_on_its_page_lands_on_its_finding(login, mangden, officer):
    finding = _finding(mangden, officer)
    url = reverse("inspections:follow_up_add", args=[finding.pk])
    client = login(officer)
    page = client.get(url)
    assert page.status_code == 200 and 'name="action"' in page.content.decode()
    response = client.post(url, {"done_on": "2026-09-20", "action": "Đã bổ sung", "closes": "on"})
    detail = reverse("inspections:inspection_detail", args=[finding.inspection_id])
    assert response.status_code == 302
    assert response["Location"] == f"{detail}#finding-{finding.pk}"
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED
    assert finding.follow_ups.get().action == "Đã bổ sung"


def test_a_refused_follow_up_comes_back_with_what_was_typed(login, mangden, officer):
    finding = _finding(mangden, officer)
    response = login(officer).post(
        reverse("inspections:follow_up_add", args=[finding.pk]),
        {"done_on": "2026-09-01", "action": "Ghi trước ngày kiểm tra"},
    )
    assert response.status_code == 200
    assert "Ghi trước ngày kiểm tra" in response.content.decode()
    assert not finding.follow_ups.exists()


def test_a_team_member_posted_on_its_page_goes_back_to_the_inspection(login, mangden, officer):
    inspection = _finding(mangden, officer).inspection
    response = login(officer).post(
        reverse("inspections:team_add", args=[inspection.pk]),
        {"full_name": "Nguyễn Văn Kiểm", "position": "Công chức"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("inspections:inspection_detail", args=[inspection.pk])
    assert inspection.team.filter(full_name="Nguyễn Văn Kiểm").exists()
