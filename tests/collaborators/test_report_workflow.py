"""Report workflow: draft → submitted → accepted / returned → resubmitted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from giamngheo.collaborators.models import ReportState
from giamngheo.collaborators.services import (
    accept_report,
    return_report,
    submit_report,
)
from giamngheo.collaborators.workflow import REPORTS

from .conftest import existing_collaborator

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctv(demo):
    return existing_collaborator("ctv.tumorong")


def test_transition_table_names_every_allowed_move():
    assert REPORTS["submit"].target == ReportState.SUBMITTED
    assert REPORTS["return"].sources == {ReportState.SUBMITTED, ReportState.RESUBMITTED}


def test_accepted_report_cannot_be_returned_and_says_why(ctv, demo, office, this_month):
    report = submit_report(collaborator=ctv, period=this_month, by=ctv.user)
    accept_report(report=report, by=office)
    with pytest.raises(ValidationError) as exc:
        return_report(report=report, by=office, comment="Muộn")
    # The one refusal every workflow gives: the step asked for and the step the report is at.
    message = exc.value.messages[0]
    assert "Trả lại báo cáo" in message and "Đã chấp nhận" in message


def test_report_cannot_be_handed_in_twice(ctv, this_month):
    submit_report(collaborator=ctv, period=this_month, by=ctv.user)
    with pytest.raises(ValidationError):
        submit_report(collaborator=ctv, period=this_month, by=ctv.user)


def test_returning_needs_a_comment(ctv, office, this_month):
    report = submit_report(collaborator=ctv, period=this_month, by=ctv.user)
    with pytest.raises(ValidationError) as exc:
        return_report(report=report, by=office, comment=" ")
    assert "comment" in exc.value.message_dict


def test_each_step_is_in_the_reports_history(ctv, office, this_month):
    report = submit_report(collaborator=ctv, period=this_month, by=ctv.user)
    return_report(report=report, by=office, comment="Thiếu ảnh")
    report = submit_report(collaborator=ctv, period=this_month, by=ctv.user)
    accept_report(report=report, by=office)
    states = list(report.history.order_by("history_date").values_list("state", flat=True))
    assert states == ["submitted", "returned", "resubmitted", "accepted"]
    reasons = report.history.values_list("history_change_reason", flat=True)
    assert "Thiếu ảnh" in reasons


def test_collaborator_cannot_accept_their_own_report(ctv, demo, login, this_month):
    submit_report(collaborator=ctv, period=this_month, by=ctv.user)
    client = login(ctv.user)
    response = client.post(
        reverse("collaborators:report_decide", args=[ctv.pk, this_month.slug]),
        {"decision": "accept"},
    )
    assert response.status_code == 403


def test_office_cannot_hand_in_for_the_collaborator(ctv, login, office, this_month):
    response = login(office).post(
        reverse("collaborators:report_submit", args=[ctv.pk, this_month.slug]), {"note": ""}
    )
    assert response.status_code == 403


def test_refused_decision_keeps_the_comment_typed(ctv, login, office, this_month):
    response = login(office).post(
        reverse("collaborators:report_decide", args=[ctv.pk, this_month.slug]),
        {"decision": "return", "comment": "Bổ sung số liệu"},
    )
    assert response.status_code == 400
    assert "Bổ sung số liệu" in response.text
