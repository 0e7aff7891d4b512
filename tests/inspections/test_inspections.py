"""Inspections: what was inspected, the team, findings with follow-up, collaborators."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from giamngheo.collaborators.models import Collaborator
from giamngheo.core.periods import Period
from giamngheo.inspections import selectors as inspection_selectors
from giamngheo.inspections import services as inspection_services
from giamngheo.inspections.catalogues import (
    CollaboratorRating,
    InspectionLevel,
    InspectionSubject,
    Severity,
)
from giamngheo.inspections.models import FindingState

D = datetime.date


@pytest.fixture
def inspect(mangden, officer):
    def _inspect(subject=InspectionSubject.REVIEW, **kw):
        kw.setdefault("held_on", D(2026, 9, 15))
        kw.setdefault("level", InspectionLevel.COMMUNE)
        kw.setdefault("leader_name", "Phó Chủ tịch UBND xã")
        return inspection_services.record_inspection(
            commune=kw.pop("commune", mangden), subject=subject, by=officer, **kw
        )

    return _inspect


@pytest.fixture
def finding(inspect, officer):
    inspection = inspect()
    return inspection_services.record_finding(
        inspection=inspection, severity=Severity.SHORTCOMING, text="Biên bản họp thôn thiếu chữ ký",
        recommendation="Bổ sung chữ ký", responsible="Trưởng thôn", due_on=D(2026, 10, 1), by=officer,
    )  # fmt: skip


def test_inspecting_support_names_the_project(inspect, project):
    with pytest.raises(ValidationError) as exc:
        inspect(InspectionSubject.SUPPORT)
    assert "project" in exc.value.error_dict
    inspection = inspect(InspectionSubject.SUPPORT, project=project)
    assert inspection.project == project
    assert inspection.team.get().is_lead


def test_a_project_of_another_commune_cannot_be_inspected_here(inspect, project, demo):
    with pytest.raises(ValidationError) as exc:
        inspect(InspectionSubject.PROJECT, project=project, commune=demo.commune_a)
    assert "project" in exc.value.error_dict


def test_inspecting_a_collaborators_work_names_them(inspect, collaborator):
    with pytest.raises(ValidationError) as exc:
        inspect(InspectionSubject.COLLABORATOR)
    assert "collaborator" in exc.value.error_dict
    assert (
        inspect(InspectionSubject.COLLABORATOR, collaborator=collaborator).collaborator
        == collaborator
    )


def test_a_collaborator_sits_on_the_team_but_not_to_inspect_their_own_work(
    inspect, collaborator, officer
):
    review = inspect()
    member = inspection_services.add_team_member(
        inspection=review, full_name="", collaborator=collaborator, by=officer
    )
    assert member.full_name == collaborator.full_name
    with pytest.raises(ValidationError):
        inspection_services.add_team_member(
            inspection=review, full_name="", collaborator=collaborator, by=officer
        )
    own = inspect(InspectionSubject.COLLABORATOR, collaborator=collaborator)
    with pytest.raises(ValidationError) as exc:
        inspection_services.add_team_member(
            inspection=own, full_name="", collaborator=collaborator, by=officer
        )
    assert collaborator.full_name in str(exc.value)


def test_a_commune_team_takes_its_own_communes_collaborator(inspect, officer):
    other = Collaborator.objects.get(user__username="ctv.tumorong")
    with pytest.raises(ValidationError):
        inspection_services.add_team_member(
            inspection=inspect(), full_name="", collaborator=other, by=officer
        )
    province = inspect(level=InspectionLevel.PROVINCE)
    inspection_services.add_team_member(
        inspection=province, full_name="", collaborator=other, by=officer
    )


def test_a_finding_needs_its_recommendation_and_who_acts(inspect, officer):
    with pytest.raises(ValidationError) as exc:
        inspection_services.record_finding(
            inspection=inspect(), severity=Severity.NOTE, text="x", recommendation="",
            responsible="", by=officer,
        )  # fmt: skip
    assert {"recommendation", "responsible"} <= set(exc.value.error_dict)


def test_the_follow_up_that_carries_out_the_recommendation_closes_the_finding(finding, officer):
    inspection_services.record_follow_up(
        finding=finding, done_on=D(2026, 9, 20), action="Đã nhắc", by=officer
    )
    finding.refresh_from_db()
    assert finding.state == FindingState.OPEN
    inspection_services.record_follow_up(
        finding=finding, done_on=D(2026, 9, 25), action="Đã bổ sung", closes=True, by=officer
    )
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED and finding.closed_on == D(2026, 9, 25)
    with pytest.raises(ValidationError) as exc:
        inspection_services.record_follow_up(
            finding=finding, done_on=D(2026, 9, 26), action="x", by=officer
        )
    assert "25/09/2026" in str(exc.value)


def test_a_follow_up_cannot_be_before_the_inspection(finding, officer):
    with pytest.raises(ValidationError) as exc:
        inspection_services.record_follow_up(
            finding=finding, done_on=D(2026, 9, 1), action="x", by=officer
        )
    assert "done_on" in exc.value.error_dict


def test_assessments_feed_the_collaborators_evaluation(inspect, collaborator, officer):
    own = inspect(InspectionSubject.COLLABORATOR, collaborator=collaborator, held_on=D(2026, 9, 15))
    inspection_services.record_finding(
        inspection=own, severity=Severity.SHORTCOMING, text="Chưa báo cáo tháng 8",
        recommendation="Nộp báo cáo", responsible=collaborator.full_name, by=officer,
    )  # fmt: skip
    inspection_services.assess_collaborator(
        inspection=own, collaborator=collaborator, rating=CollaboratorRating.ADEQUATE,
        comments="Làm đủ việc, báo cáo chậm", by=officer,
    )  # fmt: skip
    with pytest.raises(ValidationError):
        inspection_services.assess_collaborator(
            inspection=own, collaborator=collaborator, rating=CollaboratorRating.GOOD,
            comments="Lần hai", by=officer,
        )  # fmt: skip
    other = inspect(held_on=D(2026, 7, 1))
    inspection_services.assess_collaborator(
        inspection=other, collaborator=collaborator, rating=CollaboratorRating.GOOD,
        comments="Giám sát họp thôn tốt", by=officer,
    )  # fmt: skip
    notes = inspection_selectors.inspection_findings_for(collaborator, Period.quarter(2026, 3))
    assert [n.rating for n in notes] == [CollaboratorRating.GOOD, CollaboratorRating.ADEQUATE]
    assert notes[0].findings == []
    assert [f.text for f in notes[1].findings] == ["Chưa báo cáo tháng 8"]
    assert inspection_selectors.inspection_findings_for(collaborator, Period.month(2026, 8)) == []


def test_a_collaborator_of_another_commune_cannot_be_assessed_here(inspect, officer):
    other = Collaborator.objects.get(user__username="ctv.tumorong")
    with pytest.raises(ValidationError):
        inspection_services.assess_collaborator(
            inspection=inspect(), collaborator=other, rating=CollaboratorRating.GOOD,
            comments="x", by=officer,
        )  # fmt: skip
