"""The annual review of a commune end to end, with the refusals the procedure requires."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from giamngheo.households.models import Household, PovertyStatus, StatusRecord
from giamngheo.reviews import services
from giamngheo.reviews.models import (
    AnnualReview,
    AnnualState,
    Decision,
    DecisionEntry,
    ReviewEntry,
)
from giamngheo.reviews.selectors import village_progress

from .annual import (
    DECIDED,
    NEAR_POOR,
    POOR,
    POSTED,
    POSTING_ENDS,
    decide,
    hold_meetings,
    open_review,
    post,
    survey_all,
)


@pytest.fixture
def commune_households(make_household, villages):
    """Four households in two villages: poor, near-poor, an applicant, another applicant."""
    return {
        "poor": make_household(status=PovertyStatus.POOR, village=villages[0], members=3),
        "near": make_household(status=PovertyStatus.NEAR_POOR, village=villages[0], members=2),
        "applicant": make_household(village=villages[1], members=4),
        "other": make_household(village=villages[1]),
    }


@pytest.fixture
def campaign(demo, people, commune_households):
    h = commune_households
    review = open_review(demo.commune_a, people, [h["applicant"], h["other"]])
    # the poor household escapes; the near-poor one becomes poor; the applicant is near-poor
    results = {h["near"].pk: POOR, h["applicant"].pk: NEAR_POOR}
    review = survey_all(review, people, results)
    return review


def test_opening_lists_the_poor_and_near_poor_households_of_the_commune(
    demo, people, commune_households
):
    review = open_review(demo.commune_a, people, [commune_households["applicant"]])
    listed = set(review.entries.values_list("household_id", flat=True))
    expected = set(
        Household.objects.filter(
            commune=demo.commune_a, status__in=["POOR", "NEAR_POOR"]
        ).values_list("pk", flat=True)
    )
    assert expected | {commune_households["applicant"].pk} == listed
    assert review.standard == "2022-2025"  # the review at the end of 2025 lists households for 2026
    assert review.due_on.isoformat() == "2025-12-14"
    assert review.entries.get(household=commune_households["applicant"]).reason == "applied"


def test_the_annual_review_runs_from_listing_to_the_report(
    demo, people, campaign, commune_households
):
    h = commune_households
    assert campaign.state == AnnualState.MEETINGS
    hold_meetings(campaign, people)
    assert all(row.agreed for row in village_progress(campaign) if row.entries)
    posting = post(campaign, people)
    assert posting.ends_on == POSTING_ENDS
    campaign.refresh_from_db()
    assert campaign.state == AnnualState.POSTING
    services.move(campaign, action="close_posting", by=people.officer, today=DECIDED)
    decision = decide(campaign, people)
    campaign.refresh_from_db()
    assert campaign.state == AnnualState.DECIDED
    statuses = {k: Household.objects.get(pk=v.pk).status for k, v in h.items()}
    assert statuses == {
        "poor": PovertyStatus.ESCAPED_POOR,
        "near": PovertyStatus.POOR,
        "applicant": PovertyStatus.NEAR_POOR,
        "other": PovertyStatus.NOT_LISTED,
    }
    assert Household.objects.get(pk=h["near"].pk).status_year == 2026
    record = StatusRecord.objects.get(household=h["applicant"], source="review")
    assert (record.decision_number, record.year, record.decision_date) == (
        "210/QĐ-UBND",
        2026,
        DECIDED,
    )
    assert not decision.entries.filter(household=h["other"]).exists()
    services.report_annual(
        review=campaign, reported_on=DECIDED, recipient="", by=people.officer, today=DECIDED
    )
    campaign.refresh_from_db()
    assert campaign.state == AnnualState.REPORTED and "tỉnh" in campaign.report_recipient
    assert list(campaign.steps.values_list("action", flat=True)) == [
        "open", "start_survey", "to_meetings", "post", "close_posting", "decide", "report",
    ]  # fmt: skip


def test_no_decision_before_the_posting_period_ends(demo, people, campaign):
    hold_meetings(campaign, people)
    post(campaign, people)
    with pytest.raises(ValidationError, match="18/11/2025"):
        services.move(campaign, action="close_posting", by=people.officer, today=POSTING_ENDS)
    services.move(campaign, action="close_posting", by=people.officer, today=DECIDED)
    with pytest.raises(ValidationError, match="18/11/2025"):
        decide(campaign, people, signed_on=POSTING_ENDS)


def test_a_collaborator_cannot_decide_nor_move_the_campaign(demo, people, campaign):
    with pytest.raises(PermissionDenied):
        services.move(
            campaign, action="return_to_survey", note="x", by=people.collaborator, today=DECIDED
        )
    hold_meetings(campaign, people)
    post(campaign, people)
    services.move(campaign, action="close_posting", by=people.officer, today=DECIDED)
    with pytest.raises(PermissionDenied):
        decide(campaign, people, by=people.collaborator)
    with pytest.raises(PermissionDenied):
        decide(campaign, people, by=people.officer)


def test_a_complaint_reopens_the_household_until_it_is_rechecked_and_answered(
    demo, people, campaign, commune_households
):
    hold_meetings(campaign, people)
    post(campaign, people)
    entry = campaign.entries.get(household=commune_households["other"])
    complaint = services.receive_complaint(
        review=campaign, entry=entry, received_on=POSTED, complainant="Đinh Văn Hà",
        content="Hộ mới mất nhà do sạt lở, đề nghị xem lại", by=people.collaborator, today=POSTED,
    )  # fmt: skip
    entry.refresh_from_db()
    assert entry.reopened
    assert complaint.due_on.isoformat() == "2025-11-19"
    with pytest.raises(ValidationError, match="khiếu nại|complaint"):
        services.move(campaign, action="close_posting", by=people.officer, today=DECIDED)
    services.record_entry_survey(
        entry=entry, filled_on=POSTING_ENDS, by=people.officer, today=POSTING_ENDS, **POOR
    )
    services.answer_complaint(
        complaint=complaint, verification="Phúc tra tại hộ ngày 18/11", answer="Đưa hộ vào danh sách hộ nghèo",
        answered_on=POSTING_ENDS, by=people.officer, today=POSTING_ENDS,
    )  # fmt: skip
    entry.refresh_from_db()
    assert not entry.reopened and entry.result_status == PovertyStatus.POOR
    services.move(campaign, action="close_posting", by=people.officer, today=DECIDED)
    decide(campaign, people)
    assert Household.objects.get(pk=entry.household_id).status == PovertyStatus.POOR


def test_complaints_are_received_only_during_posting(demo, people, campaign, commune_households):
    entry = campaign.entries.first()
    with pytest.raises(ValidationError):
        services.receive_complaint(
            review=campaign,
            entry=entry,
            received_on=POSTED,
            complainant="A",
            content="B",
            by=people.officer,
            today=POSTED,
        )
    hold_meetings(campaign, people)
    post(campaign, people)
    with pytest.raises(ValidationError, match="niêm yết|posting"):
        services.receive_complaint(
            review=campaign,
            entry=entry,
            received_on=DECIDED,
            complainant="A",
            content="B",
            by=people.officer,
            today=DECIDED,
        )


def test_without_half_of_those_present_agreeing_the_lists_cannot_be_posted(demo, people, campaign):
    meetings = hold_meetings(campaign, people, agreeing=10, present=40)
    assert not any(m.agreed for m in meetings)
    with pytest.raises(ValidationError, match="họp|meeting"):
        post(campaign, people)
    services.move(
        campaign,
        action="return_to_survey",
        note="Họp dân không đạt 50%",
        by=people.officer,
        today=POSTED,
    )
    campaign.refresh_from_db()
    assert campaign.state == AnnualState.SURVEYING


def test_every_household_needs_a_result_before_the_village_meetings(
    demo, people, commune_households
):
    review = open_review(demo.commune_a, people, [])
    services.move(review, action="start_survey", by=people.officer, today=POSTED)
    with pytest.raises(ValidationError, match="hộ|household"):
        services.move(review, action="to_meetings", by=people.officer, today=POSTED)


def test_a_failure_while_applying_the_decision_changes_nothing(
    demo, people, campaign, commune_households, monkeypatch
):
    hold_meetings(campaign, people)
    post(campaign, people)
    services.move(campaign, action="close_posting", by=people.officer, today=DECIDED)
    before = dict(Household.objects.filter(commune=demo.commune_a).values_list("pk", "status"))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(DecisionEntry.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        decide(campaign, people)
    after = dict(Household.objects.filter(commune=demo.commune_a).values_list("pk", "status"))
    assert after == before
    assert not StatusRecord.objects.filter(decision_number="210/QĐ-UBND").exists()
    assert not Decision.objects.filter(number="210/QĐ-UBND").exists()
    assert AnnualReview.objects.get(pk=campaign.pk).state == AnnualState.AWAITING_DECISION


def test_one_campaign_per_commune_and_year(demo, people):
    services.open_annual_review(commune=demo.commune_a, year=2024, by=people.officer)
    with pytest.raises(ValidationError):
        services.open_annual_review(commune=demo.commune_a, year=2024, by=people.officer)
    with pytest.raises(PermissionDenied):
        services.open_annual_review(commune=demo.commune_a, year=2023, by=people.collaborator)


def test_village_meeting_records_chair_attendees_and_households(demo, people, campaign):
    meeting = hold_meetings(campaign, people)[0]
    assert meeting.chair == "Trưởng thôn A Blong" and "MTTQ" in meeting.attendees
    assert (
        meeting.households.count()
        == ReviewEntry.objects.filter(review=campaign, village=meeting.village).count()
    )
    assert meeting.agreed and meeting.history.first().history_user == people.collaborator
