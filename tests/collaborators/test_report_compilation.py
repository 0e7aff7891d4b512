"""A period's report is compiled from the log, by duty, against the office's tasks."""

import pytest

from giamngheo.collaborators.addendum import report_addendum
from giamngheo.collaborators.duties import Duty
from giamngheo.collaborators.models import ReportState
from giamngheo.collaborators.selectors import compile_report, report_view
from giamngheo.collaborators.services import (
    accept_report,
    assign_task,
    log_activity,
    return_report,
    submit_report,
)

from .conftest import day_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked_month(office, make_collaborator, collaborator_user, last_month):
    """Last month: two tasks (visits ×2, one meeting), three visits and one extra activity."""
    user = collaborator_user()
    ctv = make_collaborator(user=user)
    visits = assign_task(
        collaborator=ctv,
        month=last_month.start,
        duty=Duty.REQUESTS,
        description="Thăm hộ nghèo",
        target="2 hộ",
        target_count=2,
        due_on=last_month.end,
        by=office,
    )
    meeting = assign_task(
        collaborator=ctv,
        month=last_month.start,
        duty=Duty.COMMUNICATION,
        description="Tuyên truyền",
        due_on=last_month.end,
        by=office,
    )
    for day in (3, 5, 7):
        log_activity(
            collaborator=ctv,
            done_on=day_in(last_month, day),
            duty=Duty.REQUESTS,
            assignment=visits,
            description="Thăm hộ",
            by=user,
        )
    log_activity(
        collaborator=ctv,
        done_on=day_in(last_month, 9),
        duty=Duty.AD_HOC_REVIEW,
        description="Phát hiện hộ gặp thiên tai",
        by=user,
    )
    # Outside the period: must not count.
    log_activity(
        collaborator=ctv,
        done_on=last_month.start.replace(day=1) - __import__("datetime").timedelta(days=1),
        duty=Duty.REQUESTS,
        description="Tháng trước nữa",
        by=user,
    )
    return ctv, user, visits, meeting


def test_month_is_compiled_by_duty_against_the_tasks(worked_month, last_month):
    ctv, _user, _visits, _meeting = worked_month
    compiled = compile_report(ctv, last_month)
    lines = {line.duty: line for line in compiled.lines}
    assert len(lines) == 6
    assert (lines["1"].assignments, lines["1"].assignments_met, lines["1"].activities) == (1, 1, 3)
    assert lines["1"].activities_on_tasks == 3
    assert (lines["6"].assignments, lines["6"].assignments_met, lines["6"].activities) == (1, 0, 0)
    assert (lines["2"].activities, lines["2"].activities_unassigned) == (1, 1)
    totals = compiled.totals
    assert (totals.assignments, totals.assignments_met, totals.activities) == (2, 1, 4)
    assert [(t.description, t.done, t.met) for t in compiled.tasks] == [
        ("Thăm hộ nghèo", 3, True),
        ("Tuyên truyền", 0, False),
    ]


def test_quarter_report_adds_up_its_months(worked_month, last_month):
    ctv, *_ = worked_month
    quarter = compile_report(ctv, last_month.quarter_of)
    assert quarter.totals.activities >= 4
    assert quarter.totals.assignments == 2


def test_compilation_takes_a_fixed_number_of_queries(
    worked_month, last_month, django_assert_max_num_queries
):
    ctv, *_ = worked_month
    with django_assert_max_num_queries(3):
        compile_report(ctv, last_month)


def test_submitted_figures_are_frozen_and_later_work_goes_to_the_addendum(
    worked_month, last_month, office
):
    ctv, user, visits, _meeting = worked_month
    report = submit_report(collaborator=ctv, period=last_month, by=user, note="Xong")
    assert report.state == ReportState.SUBMITTED
    late = log_activity(
        collaborator=ctv,
        done_on=day_in(last_month, 10),
        duty=Duty.REQUESTS,
        description="Thêm sau khi nộp",
        by=user,
    )
    assert [i.text for i in report_addendum(report)] == [
        f"{late.get_duty_display()}: Thêm sau khi nộp"
    ]
    return_report(report=report, by=office, comment="Bổ sung hoạt động ngày 10")
    log_activity(
        collaborator=ctv,
        done_on=day_in(last_month, 10),
        duty=Duty.REQUESTS,
        assignment=visits,
        description="Thêm sau khi bị trả lại",
        by=user,
    )
    _report, shown = report_view(ctv, last_month)
    assert shown.totals.activities == 4  # still the figures handed in
    report = submit_report(collaborator=ctv, period=last_month, by=user)
    assert report.state == ReportState.RESUBMITTED
    _report, shown = report_view(ctv, last_month)
    assert shown.totals.activities == 6
    assert report_addendum(report) == []  # the new hand-in counts them
    accept_report(report=report, by=office)
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
