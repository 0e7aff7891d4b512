"""Another commune's records are absent: 404 on details, left out of lists and exports;
read-only roles cannot write."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from giamngheo.core.periods import PeriodKind
from giamngheo.inspections import services as inspection_services
from giamngheo.inspections.catalogues import InspectionLevel, InspectionSubject, Severity
from giamngheo.reports import periodic


@pytest.fixture
def inspection(mangden, officer):
    inspection = inspection_services.record_inspection(
        commune=mangden, level=InspectionLevel.COMMUNE, subject=InspectionSubject.REVIEW,
        held_on=__import__("datetime").date(2026, 9, 1), leader_name="Trưởng đoàn", by=officer,
    )  # fmt: skip
    inspection_services.record_finding(inspection=inspection, severity=Severity.NOTE, text="Ghi nhận",
                            recommendation="Khắc phục", responsible="Xã", by=officer)  # fmt: skip
    return inspection


def test_another_communes_records_are_not_found(project, inspection, login, demo):
    client = login(demo.users["canbo.tumorong"])
    finding = inspection.findings.get()
    for url in (
        reverse("groups:group_detail", args=[project.group_id]),
        reverse("groups:group_edit", args=[project.group_id]),
        reverse("groups:project_detail", args=[project.pk]),
        reverse("groups:support_add", args=[project.pk]),
        reverse("inspections:inspection_detail", args=[inspection.pk]),
        reverse("inspections:follow_up_add", args=[finding.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_lists_and_exports_leave_out_other_communes(project, inspection, login, demo):
    client = login(demo.users["canbo.tumorong"])
    assert project.group.name not in client.get(reverse("groups:home")).content.decode()
    assert project.name not in client.get(reverse("groups:project_list")).content.decode()
    assert (
        f"/nhom-ho/kiem-tra/{inspection.pk}/"
        not in client.get(reverse("inspections:inspection_list")).content.decode()
    )
    sheet = load_workbook(io.BytesIO(client.get(reverse("groups:group_export")).content)).active
    names = [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert project.group.name not in names and names  # the demo's own group is there
    own = login(demo.users["canbo.mangden"])
    sheet = load_workbook(io.BytesIO(own.get(reverse("groups:group_export")).content)).active
    assert [r[0] for r in sheet.iter_rows(min_row=2, values_only=True)] == [project.group.name]


def test_a_report_for_a_unit_outside_the_area_is_not_found(demo, login):
    template = periodic.define_template(office=demo.province, name="Q", period_kind=PeriodKind.QUARTER,
                                        measures=["groups_formed"], texts=[], by=demo.users["vanphong.quangngai"])  # fmt: skip
    client = login(demo.users["canbo.mangden"])
    assert (
        client.get(reverse("periodic:report", args=[template.pk, "23473", "2026-q3"])).status_code
        == 200
    )
    assert (
        client.get(reverse("periodic:report", args=[template.pk, "23425", "2026-q3"])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("periodic:report_export", args=[template.pk, "23425", "2026-q3"])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("periodic:report", args=[template.pk, "23473", "2026-13"])).status_code
        == 404
    )


def test_the_auditor_reads_but_cannot_write(project, login, demo):
    client = login(demo.users["kiemtra.quangngai"])
    assert client.get(reverse("groups:project_detail", args=[project.pk])).status_code == 200
    assert client.post(reverse("groups:support_add", args=[project.pk]), {}).status_code == 403
    assert client.get(reverse("groups:group_add")).status_code == 403
    assert client.get(reverse("inspections:inspection_add")).status_code == 403


def test_only_the_commune_leader_or_officer_records_the_rules_approval(make_group, login, demo):
    group = make_group()
    url = reverse("groups:rules_approve", args=[group.pk])
    assert login(demo.users["ctv.mangden"]).get(url).status_code == 403
    assert login(demo.users["lanhdao.mangden"]).get(url).status_code == 200


def test_only_a_managing_office_defines_templates(login, demo):
    assert (
        login(demo.users["canbo.mangden"]).get(reverse("periodic:template_add")).status_code == 403
    )
    assert (
        login(demo.users["vanphong.quangngai"]).get(reverse("periodic:template_add")).status_code
        == 200
    )
