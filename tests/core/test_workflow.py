"""core.workflow: one way a record changes state, refusing the same way in every app."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from giamngheo.accounts import capabilities
from giamngheo.assistance import services as assistance
from giamngheo.assistance.models import HelpRequest, RequestState, RequestStep
from giamngheo.assistance.workflow import WORKFLOW
from giamngheo.collaborators import services as collaborators
from giamngheo.collaborators.models import Collaborator
from giamngheo.core.concurrency import EditConflict
from giamngheo.core.periods import Period
from giamngheo.core.workflow import Attempt, Transition, Workflow
from giamngheo.households.models import Household

pytestmark = pytest.mark.django_db

# "“<action>” is not possible now: the current step is “<state>”." in Vietnamese.
OUT_OF_ORDER = re.compile(r"^Lúc này không thể “.+”: hồ sơ đang ở bước “.+”\.$")


@pytest.fixture
def request_for_help(demo):
    household = Household.objects.filter(commune=demo.commune_a).order_by("code")[6]
    return assistance.record_request(
        household=household,
        need="housing",
        statement="Nhà dột nát.",
        received_on=timezone.localdate() - datetime.timedelta(days=3),
        by=demo.users["ctv.tumorong"],
    )


def test_a_step_out_of_order_reads_the_same_in_every_app(demo, request_for_help):
    with pytest.raises(ValidationError) as assistance_refusal:
        assistance.transition(
            help_request=request_for_help, action="inform", on=timezone.localdate(),
            by=demo.users["canbo.tumorong"], version=request_for_help.version,
            informed_how="visit",
        )  # fmt: skip
    ctv = Collaborator.objects.get(user__username="ctv.tumorong")
    office = demo.users["vanphong.quangngai"]
    report = collaborators.submit_report(
        collaborator=ctv, period=Period.containing(timezone.localdate()), by=ctv.user
    )
    collaborators.accept_report(report=report, by=office)
    with pytest.raises(ValidationError) as report_refusal:
        collaborators.return_report(report=report, by=office, comment="Muộn")
    for refusal in (assistance_refusal, report_refusal):
        assert OUT_OF_ORDER.match(refusal.value.messages[0]), refusal.value.messages


def test_a_step_is_recorded_with_who_when_and_why(demo, request_for_help):
    officer = demo.users["canbo.tumorong"]
    today = timezone.localdate()
    moved = assistance.transition(
        help_request=request_for_help, action="forward", on=today, by=officer,
        version=request_for_help.version, note="Trình UBND xã",
    )  # fmt: skip
    assert moved.state == RequestState.FORWARDED and moved.version == 2
    step = RequestStep.objects.filter(request=moved).order_by("-id").first()
    assert (step.action, step.from_state, step.to_state) == ("forward", "recorded", "forwarded")
    assert (step.by, step.on, step.note) == (officer, today, "Trình UBND xã")
    latest = moved.history.order_by("-history_id").first()
    assert latest.history_user == officer and latest.history_change_reason


def test_a_stale_form_changes_nothing(demo, request_for_help):
    stale = request_for_help.version
    assistance.transition(
        help_request=request_for_help, action="forward", on=timezone.localdate(),
        by=demo.users["canbo.tumorong"], version=stale,
    )  # fmt: skip
    with pytest.raises(EditConflict):
        assistance.transition(
            help_request=request_for_help, action="withdraw", on=timezone.localdate(),
            by=demo.users["canbo.tumorong"], version=stale, note="Trùng",
        )  # fmt: skip
    assert HelpRequest.objects.get(pk=request_for_help.pk).state == RequestState.FORWARDED


def test_the_role_refusal_names_the_action_and_who_may(demo, request_for_help):
    with pytest.raises(PermissionDenied) as refused:
        assistance.transition(
            help_request=request_for_help, action="forward", on=timezone.localdate(),
            by=demo.users["ctv.tumorong"], version=request_for_help.version,
        )  # fmt: skip
    message = str(refused.value)
    assert str(WORKFLOW["forward"].label) in message


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (None, None),
        ([], None),
        ("Chưa đủ điều kiện.", {"__all__": ["Chưa đủ điều kiện."]}),
        (["Một.", "Hai."], {"__all__": ["Một.", "Hai."]}),
        ({"note": "Ghi lý do."}, {"note": ["Ghi lý do."]}),
    ],
)
def test_a_guard_answers_with_a_sentence_a_list_or_field_errors(
    demo, request_for_help, answer, expected
):
    flow = Workflow(
        [
            Transition(
                "forward", "Chuyển", {RequestState.RECORDED}, RequestState.FORWARDED,
                "follow_up_requests", guard=lambda record, attempt: answer,
            )
        ],
        states=RequestState,
        access=capabilities,
    )  # fmt: skip
    attempt = Attempt(by=demo.users["canbo.tumorong"], on=timezone.localdate())
    if expected is None:
        flow.validate(request_for_help, "forward", attempt)
        return
    with pytest.raises(ValidationError) as refused:
        flow.validate(request_for_help, "forward", attempt)
    errors = refused.value
    got = errors.message_dict if hasattr(errors, "error_dict") else {"__all__": errors.messages}
    assert got == expected


def test_an_unknown_action_is_refused(demo, request_for_help):
    with pytest.raises(ValidationError):
        WORKFLOW.get("fly")
    assert [
        t.action for t in WORKFLOW.available(request_for_help, demo.users["ctv.tumorong"])
    ] == []
    offered = WORKFLOW.available(request_for_help, demo.users["canbo.tumorong"])
    assert {t.action for t in offered} == {"forward", "withdraw"}
