"""The follow-up of a request: its steps, who may take them, and what each one needs."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from giamngheo.assistance import services
from giamngheo.assistance.models import RequestState, RequestStep
from giamngheo.core.concurrency import EditConflict

from .conftest import take

D = datetime.date
pytestmark = pytest.mark.django_db


def test_request_goes_from_recorded_to_household_informed_with_every_step_recorded(
    housing_request, users
):
    r = housing_request
    assert r.state == RequestState.RECORDED
    assert r.received_by == users.ctv
    take(r, "forward", D(2026, 3, 3), users.officer, note="Trình UBND xã")
    take(
        r,
        "accept",
        D(2026, 3, 9),
        users.leader,
        action_decided="Hỗ trợ làm nhà theo chương trình",
        responsible="Công chức VH-XH",
    )
    take(r, "carry_out", D(2026, 4, 20), users.officer, note="Đã cấp vật liệu")
    r = take(r, "inform", D(2026, 4, 22), users.ctv, informed_how="visit")

    assert r.state == RequestState.INFORMED
    assert r.forwarded_on == D(2026, 3, 3)
    assert r.answered_on == D(2026, 3, 9)
    assert r.days_to_answer == 7
    assert (r.action, r.responsible) == ("Hỗ trợ làm nhà theo chương trình", "Công chức VH-XH")
    assert r.carried_out_on == D(2026, 4, 20)
    assert (r.informed_on, r.informed_how) == (D(2026, 4, 22), "visit")
    assert r.due_on is None
    steps = list(RequestStep.objects.filter(request=r).order_by("at", "id"))
    assert [(s.action, s.from_state, s.to_state, s.by) for s in steps] == [
        ("record", "", "recorded", users.ctv),
        ("forward", "recorded", "forwarded", users.officer),
        ("accept", "forwarded", "accepted", users.leader),
        ("carry_out", "accepted", "carried_out", users.officer),
        ("inform", "carried_out", "informed", users.ctv),
    ]
    assert steps[1].note == "Trình UBND xã" and steps[1].on == D(2026, 3, 3)


def test_a_request_not_accepted_keeps_the_reason_and_goes_straight_to_informing(
    housing_request, users
):
    r = housing_request
    take(r, "forward", D(2026, 3, 3), users.officer)
    r = take(r, "decline", D(2026, 3, 6), users.leader, note="Hộ đã được hỗ trợ năm 2025")
    assert r.state == RequestState.NOT_ACCEPTED
    assert r.refusal_reason == "Hộ đã được hỗ trợ năm 2025"
    assert r.days_to_answer == 4
    r = take(r, "inform", D(2026, 3, 7), users.officer, informed_how="phone")
    assert r.state == RequestState.INFORMED


def test_collaborator_cannot_forward_a_request(housing_request, users):
    with pytest.raises(PermissionDenied):
        take(housing_request, "forward", D(2026, 3, 3), users.ctv)


def test_commune_officer_cannot_answer_for_the_committee(housing_request, users):
    take(housing_request, "forward", D(2026, 3, 3), users.officer)
    with pytest.raises(PermissionDenied):
        take(
            housing_request,
            "accept",
            D(2026, 3, 4),
            users.officer,
            action_decided="x",
            responsible="y",
        )


def test_leader_cannot_forward_and_managing_office_cannot_take_any_step(housing_request, users):
    with pytest.raises(PermissionDenied):
        take(housing_request, "forward", D(2026, 3, 3), users.leader)
    with pytest.raises(PermissionDenied):
        take(housing_request, "forward", D(2026, 3, 3), users.office)
    with pytest.raises(PermissionDenied):
        take(housing_request, "withdraw", D(2026, 3, 3), users.auditor, note="x")


def test_another_communes_officer_does_not_see_the_request(housing_request, users):
    with pytest.raises(Http404):
        take(housing_request, "forward", D(2026, 3, 3), users.officer_b)


def test_a_step_out_of_order_is_refused_with_a_message(housing_request, users):
    with pytest.raises(ValidationError) as exc:
        take(
            housing_request,
            "accept",
            D(2026, 3, 3),
            users.leader,
            action_decided="x",
            responsible="y",
        )
    assert "Recorded" in str(exc.value) or "Đã ghi" in str(exc.value)
    with pytest.raises(ValidationError):
        take(housing_request, "inform", D(2026, 3, 3), users.ctv, informed_how="visit")


def test_answer_needs_action_and_responsible_or_a_reason(housing_request, users):
    take(housing_request, "forward", D(2026, 3, 3), users.officer)
    with pytest.raises(ValidationError) as exc:
        take(housing_request, "accept", D(2026, 3, 4), users.leader)
    assert set(exc.value.error_dict) == {"action_decided", "responsible"}
    with pytest.raises(ValidationError) as exc:
        take(housing_request, "decline", D(2026, 3, 4), users.leader)
    assert set(exc.value.error_dict) == {"note"}


def test_informing_needs_how(housing_request, users):
    take(housing_request, "forward", D(2026, 3, 3), users.officer)
    take(housing_request, "decline", D(2026, 3, 4), users.leader, note="không đủ điều kiện")
    with pytest.raises(ValidationError) as exc:
        take(housing_request, "inform", D(2026, 3, 5), users.ctv)
    assert "informed_how" in exc.value.error_dict


def test_a_step_dated_before_the_previous_one_or_in_the_future_is_refused(housing_request, users):
    with pytest.raises(ValidationError) as exc:
        take(housing_request, "forward", D(2026, 3, 1), users.officer)
    assert "on" in exc.value.error_dict
    with pytest.raises(ValidationError):
        take(
            housing_request,
            "forward",
            datetime.date.today() + datetime.timedelta(days=2),
            users.officer,
        )


def test_a_stale_form_is_refused(housing_request, users):
    stale = housing_request.version
    take(housing_request, "forward", D(2026, 3, 3), users.officer)
    housing_request.refresh_from_db()
    with pytest.raises(EditConflict):
        services.transition(
            help_request=housing_request, action="withdraw", on=D(2026, 3, 4),
            by=users.officer, version=stale, note="trùng",
        )  # fmt: skip


def test_officer_withdraws_a_duplicate_and_nothing_more_can_happen(housing_request, users):
    r = take(housing_request, "withdraw", D(2026, 3, 3), users.officer, note="Trùng yêu cầu khác")
    assert r.state == RequestState.WITHDRAWN and r.due_on is None
    with pytest.raises(ValidationError):
        take(r, "forward", D(2026, 3, 4), users.officer)


def test_recording_needs_an_editor_of_the_commune_and_a_statement(household_a, household_b, users):
    with pytest.raises(PermissionDenied):
        services.record_request(
            household=household_a,
            need="housing",
            statement="x",
            received_on=D(2026, 3, 2),
            by=users.leader,
        )
    with pytest.raises(Http404):
        services.record_request(
            household=household_b,
            need="housing",
            statement="x",
            received_on=D(2026, 3, 2),
            by=users.ctv,
        )
    with pytest.raises(ValidationError) as exc:
        services.record_request(
            household=household_a,
            need="car",
            statement=" ",
            received_on=D(2026, 3, 2),
            by=users.officer,
        )
    assert set(exc.value.error_dict) == {"need", "statement"}


def test_database_refuses_an_accepted_request_without_its_action(housing_request):
    from django.db import IntegrityError, transaction

    from giamngheo.assistance.models import HelpRequest

    with pytest.raises(IntegrityError), transaction.atomic():
        HelpRequest.objects.filter(pk=housing_request.pk).update(state="accepted")
