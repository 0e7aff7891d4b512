"""A month's report is handed in from a configurable day near its end; what is recorded after
hand-in (activities, requests for help) is shown to the office as an addendum, never dropped."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from giamngheo.assistance.catalogues import NeedKind
from giamngheo.assistance.services import record_request
from giamngheo.collaborators.addendum import report_addendum
from giamngheo.collaborators.duties import Duty
from giamngheo.collaborators.report_window import is_open, opens_on
from giamngheo.collaborators.services import log_activity, submit_report
from giamngheo.collaborators.todos import collaborator_work, reports_to_decide
from giamngheo.core.periods import Period
from giamngheo.households.models import Household

from .conftest import existing_collaborator

pytestmark = pytest.mark.django_db


def test_the_report_opens_on_the_configured_day_and_never_after_the_months_end(settings):
    february = Period.month(2026, 2)
    settings.COLLABORATOR_REPORT_OPENS_DAY = 25
    assert opens_on(february) == datetime.date(2026, 2, 25)
    assert not is_open(february, datetime.date(2026, 2, 24))
    assert is_open(february, datetime.date(2026, 2, 25))
    settings.COLLABORATOR_REPORT_OPENS_DAY = 31
    assert opens_on(february) == datetime.date(2026, 2, 28)
    assert opens_on(Period.quarter(2026, 1)) == datetime.date(2026, 3, 31)


def test_a_report_cannot_be_handed_in_before_its_opening_day(demo, settings, this_month):
    ctv = existing_collaborator("ctv.tumorong")
    settings.COLLABORATOR_REPORT_OPENS_DAY = 25
    next_month = this_month.next()  # its opening day is always ahead of today
    with pytest.raises(ValidationError) as exc:
        submit_report(collaborator=ctv, period=next_month, by=ctv.user)
    assert "được nộp từ ngày 25/" in str(exc.value)
    settings.COLLABORATOR_REPORT_OPENS_DAY = 1
    assert submit_report(collaborator=ctv, period=this_month, by=ctv.user).submitted_at


def test_work_after_hand_in_is_recorded_and_shown_to_the_office_as_an_addendum(
    demo, login, settings, this_month
):
    settings.COLLABORATOR_REPORT_OPENS_DAY = 1
    ctv = existing_collaborator("ctv.tumorong")
    report = submit_report(collaborator=ctv, period=this_month, by=ctv.user, note="Xong")
    today = datetime.date.today()
    log_activity(
        collaborator=ctv,
        done_on=today,
        duty=Duty.COMMUNICATION,
        description="Họp thôn bổ sung sau khi nộp",
        by=ctv.user,
    )
    household = Household.objects.filter(commune=ctv.commune).order_by("code").first()
    record_request(
        household=household,
        need=NeedKind.values[0],
        statement="Xin hỗ trợ sửa nhà",
        received_on=today,
        by=ctv.user,
    )
    items = report_addendum(report)
    assert [i.text.split(":")[-1].strip() for i in items if "Họp" in i.text] == [
        "Họp thôn bổ sung sau khi nộp"
    ]
    assert any(household.code in i.text for i in items)
    office = login(demo.users["vanphong.quangngai"])
    page = office.get(reverse("collaborators:report", args=[ctv.pk, this_month.slug]))
    body = page.content.decode()
    assert 'id="addendum"' in body and "Họp thôn bổ sung sau khi nộp" in body
    assert any("Duyệt hoặc trả lại" in t.text for t in reports_to_decide(office_user(demo)))


def office_user(demo):
    return demo.users["vanphong.quangngai"]


def test_a_collaborator_is_reminded_of_the_report_once_it_opens(demo, settings, this_month):
    ctv = existing_collaborator("ctv.tumorong")
    settings.COLLABORATOR_REPORT_OPENS_DAY = 1
    texts = [t.text for t in collaborator_work(ctv.user)]
    assert f"Nộp báo cáo {this_month.label}" in texts
    submit_report(collaborator=ctv, period=this_month, by=ctv.user)
    texts = [t.text for t in collaborator_work(ctv.user)]
    assert f"Nộp báo cáo {this_month.label}" not in texts
