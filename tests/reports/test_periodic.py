"""Periodic reports: templates from the office, figures computed from the data, exact
totals, and the .xlsx export."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from giamngheo.core.periods import Period, PeriodKind
from giamngheo.groups import services
from giamngheo.groups.catalogues import FundingSource, SupportKind
from giamngheo.inspections import services as inspection_services
from giamngheo.inspections.catalogues import InspectionLevel, InspectionSubject, Severity
from giamngheo.outreach import services as outreach_services
from giamngheo.outreach.catalogues import Audience, SponsorKind
from giamngheo.reports import measures, periodic
from tests.groups.conftest import escape

D = datetime.date
Q3 = Period.parse("2026-q3", [PeriodKind.QUARTER])


@pytest.fixture
def office(demo):
    return demo.users["vanphong.quangngai"]


@pytest.fixture
def activity(committed, eligible, officer, mangden, collaborator):
    """A quarter of work in Măng Đen: every figure below is counted by hand."""
    give = services.add_support
    # In Q3: three households get a cow (state), one of them also seed (enterprise).
    for household in eligible[:3]:
        give(project=committed, household=household, kind=SupportKind.LIVESTOCK, description="Bò",
             value=12_000_000, source=FundingSource.CENTRAL_BUDGET, delivered_on=D(2026, 7, 5), by=officer)  # fmt: skip
    give(project=committed, household=eligible[0], kind=SupportKind.SEED, description="Giống sâm",
         value=3_500_000, source=FundingSource.ENTERPRISE, delivered_on=D(2026, 8, 1), by=officer)  # fmt: skip
    # Outside Q3 (Q2) and planned only: not counted.
    give(project=committed, household=eligible[3], kind=SupportKind.TOOLS, description="Máy cày",
         value=4_000_000, source=FundingSource.CENTRAL_BUDGET, delivered_on=D(2026, 6, 30), by=officer)  # fmt: skip
    give(project=committed, household=eligible[4], kind=SupportKind.CASH, description="Tiền mặt",
         value=1_000_000, source=FundingSource.CENTRAL_BUDGET, delivered_on=None, by=officer)  # fmt: skip
    escape(eligible[0], D(2026, 9, 30), officer)
    escape(eligible[1], D(2026, 10, 1), officer)  # next quarter
    inspection = inspection_services.record_inspection(
        commune=mangden, level=InspectionLevel.COMMUNE, subject=InspectionSubject.SUPPORT,
        project=committed, held_on=D(2026, 8, 20), leader_name="Trưởng đoàn", by=officer,
    )  # fmt: skip
    findings = [
        inspection_services.record_finding(
            inspection=inspection,
            severity=Severity.NOTE,
            text=f"Phát hiện {i}",
            recommendation="Khắc phục",
            responsible="Nhóm",
            by=officer,
        )  # fmt: skip
        for i in range(3)
    ]
    inspection_services.record_follow_up(finding=findings[0], done_on=D(2026, 9, 1), action="Xong", closes=True, by=officer)  # fmt: skip
    inspection_services.record_follow_up(finding=findings[1], done_on=D(2026, 10, 3), action="Xong", closes=True, by=officer)  # fmt: skip
    for held_on, people in ((D(2026, 7, 10), 35), (D(2026, 9, 2), 28), (D(2026, 10, 2), 50)):
        outreach_services.record_outreach(commune=mangden, held_on=held_on, place="Nhà văn hóa", audience=Audience.VILLAGE,
                                 topic="Chính sách", attendees=people, presenter=collaborator, by=officer)  # fmt: skip
    outreach_services.record_resources(commune=mangden, sponsor="Ngân hàng", sponsor_kind=SponsorKind.ENTERPRISE,
                              received_on=D(2026, 7, 15), cash=20_000_000, in_kind="Phân bón",
                              in_kind_value=2_500_000, by=officer)  # fmt: skip
    outreach_services.record_proposal(commune=mangden, title="Đề xuất", content="Nội dung", proposed_on=D(2026, 9, 9),
                             addressed_to="UBND tỉnh", by=officer)  # fmt: skip
    return committed


def test_the_quarter_totals_are_exact(activity, mangden):
    figures = measures.compute(mangden, Q3)
    expected = {
        "groups_formed": 0,  # formed in February
        "groups_active": 1,
        "households_in_groups": 5,
        "projects_started": 0,
        "projects_active": 1,
        "state_funds_disbursed": 36_000_000,
        "other_funds_disbursed": 3_500_000,
        "households_supported": 3,
        "households_supported_livestock": 3,
        "households_supported_seed": 1,
        "households_supported_tools": 0,
        "households_supported_cash": 0,
        "households_escaped_poverty": 1,
        "inspections_held": 1,
        "findings_raised": 3,
        "findings_closed": 1,
        "findings_open": 2,
        "outreach_sessions": 2,
        "outreach_attendees": 63,
        "good_examples": 0,
        "resources_mobilised": 22_500_000,
        "policy_proposals": 1,
    }
    assert {k: figures[k] for k in expected} == expected


def test_the_year_and_the_next_quarter_add_up(activity, mangden):
    year = measures.compute(mangden, Period.parse("2026", [PeriodKind.YEAR]))
    q4 = measures.compute(mangden, Period.parse("2026-q4", [PeriodKind.QUARTER]))
    assert year["state_funds_disbursed"] == 40_000_000
    assert year["groups_formed"] == 1 and year["projects_started"] == 1
    assert q4["findings_closed"] == 1 and q4["findings_open"] == 1
    assert q4["households_escaped_poverty"] == 1 and year["households_escaped_poverty"] == 2
    assert q4["outreach_attendees"] == 50 and year["outreach_attendees"] == 113


def test_a_province_report_is_the_sum_of_its_communes(activity, mangden, demo):
    province = measures.compute(demo.province, Q3)
    communes = [measures.compute(c, Q3) for c in demo.province.children.filter(level="commune")]
    for code in (
        "state_funds_disbursed",
        "outreach_attendees",
        "findings_open",
        "households_in_groups",
    ):
        assert province[code] == sum(c[code] for c in communes)
    assert province["state_funds_disbursed"] >= 36_000_000


def test_computing_a_report_takes_a_fixed_number_of_queries(
    activity, mangden, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        measures.compute(mangden, Q3)


def test_a_template_lists_known_measures_once(demo, office):
    with pytest.raises(ValidationError):
        periodic.define_template(office=demo.province, name="T", period_kind=PeriodKind.QUARTER,
                                 measures=["no_such_measure"], texts=[], by=office)  # fmt: skip
    with pytest.raises(ValidationError):
        periodic.define_template(office=demo.province, name="T", period_kind=PeriodKind.QUARTER,
                                 measures=["groups_formed", "groups_formed"], texts=[], by=office)  # fmt: skip
    with pytest.raises(ValidationError):
        periodic.define_template(office=demo.province, name="T", period_kind=PeriodKind.QUARTER,
                                 measures=[], texts=["  "], by=office)  # fmt: skip


def test_lines_keep_the_offices_order_and_can_be_moved(demo, office):
    template = periodic.define_template(
        office=demo.province, name="Báo cáo thử", period_kind=PeriodKind.MONTH,
        measures=["outreach_sessions", "groups_formed"], texts=["Khó khăn"], by=office,
    )  # fmt: skip
    fields = list(template.fields.all())
    assert [f.measure or f.label for f in fields] == [
        "outreach_sessions",
        "groups_formed",
        "Khó khăn",
    ]
    periodic.move_field(field=fields[2], up=True, by=office)
    assert [f.measure or f.label for f in template.fields.all()] == [
        "outreach_sessions", "Khó khăn", "groups_formed",
    ]  # fmt: skip


def test_report_texts_are_kept_and_exported_with_the_figures(
    activity, mangden, demo, office, officer, login
):
    template = periodic.define_template(
        office=demo.province, name="Quý", period_kind=PeriodKind.QUARTER,
        measures=["state_funds_disbursed", "households_supported", "outreach_attendees"],
        texts=["Khó khăn, vướng mắc"], by=office,
    )  # fmt: skip
    client = login(officer)
    url = reverse("periodic:report", args=[template.pk, mangden.code, "2026-q3"])
    text_field = template.fields.get(measure="")
    response = client.post(url, {f"line_{text_field.pk}": "Thiếu giống sâm", "version": ""})
    assert response.status_code == 302
    response = client.get(
        reverse("periodic:report_export", args=[template.pk, mangden.code, "2026-q3"])
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r and isinstance(r[0], int)]
    assert [(r[1], r[2]) for r in rows] == [
        ("Hỗ trợ của Nhà nước đã trao cho hộ", 36_000_000),
        ("Số hộ được hỗ trợ", 3),
        ("Số lượt người dự buổi tuyên truyền", 63),
        ("Khó khăn, vướng mắc", "Thiếu giống sâm"),
    ]
    assert sheet["B2"].value == mangden.name


def test_a_period_is_read_in_the_templates_kind():
    assert Period.parse("2026-q2", [PeriodKind.QUARTER]).end == D(2026, 6, 30)
    assert Period.parse("2026-02", [PeriodKind.MONTH]).end == D(2026, 2, 28)
    assert Period.parse("2026", [PeriodKind.YEAR]).start == D(2026, 1, 1)
    for kind, slug in (
        (PeriodKind.QUARTER, "2026-02"),
        (PeriodKind.MONTH, "2026-13"),
        (PeriodKind.YEAR, "x"),
    ):
        with pytest.raises(ValueError):
            Period.parse(slug, [kind])
    assert Period.parse("2026-q1", [PeriodKind.QUARTER]).previous().slug == "2025-q4"


def test_templates_of_the_office_above_are_visible_to_communes(demo, office):
    template = periodic.define_template(office=demo.province, name="Năm", period_kind=PeriodKind.YEAR,
                                        measures=["groups_formed"], texts=[], by=office)  # fmt: skip
    assert template in periodic.templates_visible_to(demo.users["canbo.mangden"])
    assert template in periodic.templates_visible_to(demo.users["ctv.kontum"])
