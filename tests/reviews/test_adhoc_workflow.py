"""The ad-hoc review end to end: an application, the forms, the commune's check and the
chair's decision, with the transitions that must be refused."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from giamngheo.core.concurrency import EditConflict
from giamngheo.households.models import Household, PovertyStatus, StatusRecord
from giamngheo.reviews import services
from giamngheo.reviews.models import AdHocReview, AdHocState, ApplicationKind, Channel, Step

TODAY = date(2025, 10, 27)
RECEIVED = date(2025, 10, 6)  # a Monday; the review starts on the 15th


def _apply(household, by, kind=ApplicationKind.INCLUSION):
    return services.submit_application(
        household=household, kind=kind, channel=Channel.COLLABORATOR,
        applicant_name="Hộ Thử", reason="Chủ hộ bị tai nạn lao động", received_on=RECEIVED,
        by=by, today=RECEIVED,
    )  # fmt: skip


def _survey(review, by, **kwargs):
    values = {
        "score_a": 120,
        "deprived_indicators": ["health_insurance", "housing_quality", "latrine"],
    }
    values.update(kwargs)
    return services.record_adhoc_survey(
        review=review, filled_on=date(2025, 10, 15), by=by, today=date(2025, 10, 15), **values
    )


def _check(review, by, present=40, agreeing=30):
    return services.record_adhoc_check(
        review=review, meeting_held_on=date(2025, 10, 17), present=present, agreeing=agreeing,
        posted_on=date(2025, 10, 20), by=by, today=date(2025, 10, 20),
    )  # fmt: skip


def _decide(review, by, signed_on=date(2025, 10, 23), number="45/QĐ-UBND"):
    return services.recognise_adhoc(
        review=review,
        number=number,
        signed_on=signed_on,
        signer_name="Nguyễn Văn Chủ tịch",
        by=by,
        today=TODAY,
    )


def test_an_application_recorded_by_the_collaborator_is_surveyed_checked_and_decided(
    make_household, people
):
    household = make_household()
    review = _apply(household, people.collaborator)
    assert review.state == AdHocState.SUBMITTED
    assert review.procedure == "qd24-2021-2cap" and review.standard == "2022-2025"
    assert (review.starts_on, review.due_on) == (date(2025, 10, 15), date(2025, 10, 30))

    review = _survey(review, people.officer)
    assert review.state == AdHocState.SURVEYED
    assert review.result_category == "POOR" and review.result_status == PovertyStatus.POOR
    assert "điểm" in review.result_explanation.lower()
    assert review.surveys.get().category == "POOR"

    review = _check(review, people.officer)
    assert review.state == AdHocState.CHECKED
    assert review.posting_ends_on == date(2025, 10, 22)

    review = _decide(review, people.leader)
    household.refresh_from_db()
    assert review.state == AdHocState.RECOGNISED
    assert household.status == PovertyStatus.POOR and household.status_year == 2025
    record = household.status_records.get(source=StatusRecord.Source.REVIEW)
    assert (record.decision_number, record.decision_date) == ("45/QĐ-UBND", date(2025, 10, 23))
    assert record.previous_status == PovertyStatus.NOT_LISTED
    assert review.decision.entries.get().status == PovertyStatus.POOR
    steps = list(
        Step.objects.filter(adhoc=review).values_list(
            "action", "from_state", "to_state", "by__username"
        )
    )
    assert steps == [
        ("submit", "", "submitted", "ctv.tumorong"),
        ("survey", "submitted", "surveyed", "canbo.tumorong"),
        ("check", "surveyed", "checked", "canbo.tumorong"),
        ("recognise", "checked", "recognised", "lanhdao.tumorong"),
    ]


def test_a_collaborator_cannot_approve(make_household, people):
    review = _check(
        _survey(_apply(make_household(), people.collaborator), people.collaborator), people.officer
    )
    with pytest.raises(PermissionDenied, match="Lãnh đạo UBND xã|People's Committee leader"):
        _decide(review, people.collaborator)
    with pytest.raises(PermissionDenied):
        _decide(review, people.officer)
    assert AdHocReview.objects.get(pk=review.pk).state == AdHocState.CHECKED


def test_only_an_officer_records_the_communes_check(make_household, people):
    review = _survey(_apply(make_household(), people.collaborator), people.collaborator)
    with pytest.raises(PermissionDenied):
        _check(review, people.collaborator)


def test_a_leader_of_another_commune_cannot_decide(make_household, people):
    review = _check(
        _survey(_apply(make_household(), people.officer), people.officer), people.officer
    )
    # Outside the leader's area the review does not exist for them (a 404, as on every page).
    with pytest.raises(Http404):
        _decide(review, people.other_leader)


def test_no_decision_before_the_posting_period_ends(make_household, people):
    review = _check(
        _survey(_apply(make_household(), people.officer), people.officer), people.officer
    )
    with pytest.raises(ValidationError, match="22/10/2025"):
        _decide(review, people.leader, signed_on=date(2025, 10, 22))
    assert Household.objects.get(pk=review.household_id).status == PovertyStatus.NOT_LISTED
    assert not StatusRecord.objects.filter(household=review.household, source="review").exists()


def test_a_meeting_without_half_of_those_present_agreeing_is_refused(make_household, people):
    review = _survey(_apply(make_household(), people.officer), people.officer)
    with pytest.raises(ValidationError, match="50%"):
        _check(review, people.officer, present=40, agreeing=19)
    assert _check(review, people.officer, present=40, agreeing=20).state == AdHocState.CHECKED


def test_a_step_cannot_be_skipped(make_household, people):
    review = _apply(make_household(), people.officer)
    with pytest.raises(ValidationError, match="(?i)không thể|not possible"):
        _check(review, people.officer)


def test_a_household_found_not_poor_is_answered_in_writing_not_recognised(make_household, people):
    household = make_household()
    review = _check(
        _survey(_apply(household, people.officer), people.officer, score_a=190), people.officer
    )
    assert review.result_status == PovertyStatus.NOT_LISTED
    with pytest.raises(ValidationError):
        _decide(review, people.leader)
    with pytest.raises(ValidationError):
        services.answer_adhoc(review=review, answer="", by=people.leader, today=TODAY)
    review = services.answer_adhoc(
        review=review, answer="Điểm A 190 vượt chuẩn", by=people.leader, today=TODAY
    )
    assert review.state == AdHocState.ANSWERED
    household.refresh_from_db()
    assert household.status == PovertyStatus.NOT_LISTED


def test_screening_out_stops_the_survey(make_household, people):
    review = _survey(
        _apply(make_household(), people.officer),
        people.officer,
        characteristics=["car"],
        score_a=None,
    )
    assert review.result_category == "NOT_POOR"
    assert "phiếu A" in review.result_explanation
    assert not review.surveys.exists() and review.screenings.get().excluded


def test_an_exit_application_moves_a_poor_household_to_escaped(make_household, people):
    household = make_household(status=PovertyStatus.POOR)
    review = _apply(household, people.officer, kind=ApplicationKind.EXIT)
    review = _check(
        _survey(review, people.officer, score_a=200, deprived_indicators=[]), people.officer
    )
    assert review.result_status == PovertyStatus.ESCAPED_POOR
    _decide(review, people.leader)
    household.refresh_from_db()
    assert household.status == PovertyStatus.ESCAPED_POOR


def test_only_poor_or_near_poor_households_apply_to_exit(make_household, people):
    with pytest.raises(ValidationError):
        _apply(make_household(), people.officer, kind=ApplicationKind.EXIT)


def test_one_open_application_per_household(make_household, people):
    household = make_household()
    _apply(household, people.officer)
    with pytest.raises(ValidationError):
        _apply(household, people.collaborator)


def test_withdrawing_needs_a_reason_and_is_kept_in_the_steps(make_household, people):
    review = _apply(make_household(), people.collaborator)
    with pytest.raises(ValidationError):
        services.move(review, action="withdraw", by=people.collaborator, today=TODAY)
    review = services.move(
        review, action="withdraw", note="Hộ rút đơn", by=people.collaborator, today=TODAY
    )
    assert review.state == AdHocState.WITHDRAWN
    assert review.steps.last().note == "Hộ rút đơn"


def test_a_stale_form_is_refused_with_an_edit_conflict(make_household, people):
    review = _apply(make_household(), people.officer)
    with pytest.raises(EditConflict):
        services.record_adhoc_survey(
            review=review, filled_on=date(2025, 10, 15), score_a=100, version=review.version + 5,
            by=people.officer, today=date(2025, 10, 15),
        )  # fmt: skip


def test_every_change_is_in_the_audit_trail_with_its_reason(make_household, people):
    review = _check(
        _survey(_apply(make_household(), people.officer), people.officer), people.officer
    )
    review = _decide(review, people.leader)
    records = list(review.history.order_by("history_date"))
    assert [r.state for r in records] == ["submitted", "surveyed", "checked", "recognised"]
    assert records[-1].history_user == people.leader
    assert (
        "Quyết định" in records[-1].history_change_reason
        or "Decide" in records[-1].history_change_reason
    )
    household_history = review.household.history.first()
    assert household_history.history_user == people.leader
    assert (
        "45/QĐ-UBND" in household_history.history_change_reason
        or household_history.history_change_reason
    )
