"""Dates that cannot be are refused when they are entered, with a Vietnamese message on the
field, for ad-hoc and annual reviews alike; no decision is offered while the posting runs."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from giamngheo.households.models import PovertyStatus
from giamngheo.reviews import services, workflow
from giamngheo.reviews.models import AdHocReview, AnnualReview, ApplicationKind, Channel

from .annual import (
    DECIDED,
    MEETING,
    NEAR_POOR,
    POSTED,
    POSTING_ENDS,
    SURVEYED,
    decide,
    hold_meetings,
    open_review,
    post,
    survey_all,
)

RECEIVED = date(2025, 10, 6)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def refused(call, field: str, *fragments: str):
    with pytest.raises(ValidationError) as raised:
        call()
    errors = raised.value.message_dict
    assert field in errors, errors
    for fragment in fragments:
        assert fragment in " ".join(errors[field]), errors[field]


# ---- ad-hoc -------------------------------------------------------------------------------


@pytest.fixture
def application(make_household, people):
    return services.submit_application(
        household=make_household(), kind=ApplicationKind.INCLUSION, channel=Channel.COLLABORATOR,
        applicant_name="Hộ Thử", reason="Ốm đau", received_on=RECEIVED, by=people.officer,
        today=RECEIVED,
    )  # fmt: skip


@pytest.fixture
def surveyed(application, people):
    return services.record_adhoc_survey(
        review=application, filled_on=date(2025, 10, 15), by=people.officer,
        today=date(2025, 10, 15), score_a=120,
        deprived_indicators=["health_insurance", "housing_quality", "latrine"],
    )  # fmt: skip


def check(review, by, meeting, posted, today=date(2025, 10, 27)):
    return services.record_adhoc_check(
        review=review, meeting_held_on=meeting, present=40, agreeing=30, posted_on=posted,
        by=by, today=today,
    )  # fmt: skip


def test_adhoc_survey_before_the_application_is_refused(application, people):
    refused(
        lambda: services.record_adhoc_survey(
            review=application,
            filled_on=date(2025, 10, 5),
            by=people.officer,
            today=date(2025, 10, 15),
            score_a=120,
            deprived_indicators=[],
        ),  # fmt: skip
        "filled_on",
        "06/10/2025",
        "trước ngày nhận đơn",
    )


def test_adhoc_meeting_before_the_application_is_refused(surveyed, people):
    refused(
        lambda: check(surveyed, people.officer, date(2025, 10, 3), date(2025, 10, 20)),
        "meeting_held_on",
        "06/10/2025",
        "Họp dân",
    )
    assert AdHocReview.objects.get(pk=surveyed.pk).meeting_held_on is None


def test_adhoc_posting_before_the_application_is_refused(surveyed, people):
    refused(
        lambda: check(surveyed, people.officer, None, date(2025, 10, 1)),
        "posted_on",
        "06/10/2025",
        "niêm yết",
    )


def test_adhoc_posting_before_the_meeting_is_refused_on_the_field(surveyed, people):
    refused(
        lambda: check(surveyed, people.officer, date(2025, 10, 17), date(2025, 10, 16)),
        "posted_on",
        "17/10/2025",
    )


def test_adhoc_decision_dated_within_the_posting_period_is_refused(surveyed, people):
    checked = check(surveyed, people.officer, date(2025, 10, 17), date(2025, 10, 20))
    assert checked.posting_ends_on == date(2025, 10, 22)
    refused(
        lambda: services.recognise_adhoc(
            review=checked,
            number="45/QĐ-UBND",
            signed_on=date(2025, 10, 22),
            signer_name="Chủ tịch",
            by=people.leader,
            today=date(2025, 10, 27),
        ),  # fmt: skip
        "signed_on",
        "22/10/2025",
        "23/10/2025",
    )
    decided = services.recognise_adhoc(
        review=checked, number="45/QĐ-UBND", signed_on=date(2025, 10, 23),
        signer_name="Chủ tịch", by=people.leader, today=date(2025, 10, 27),
    )  # fmt: skip
    assert decided.household.status == PovertyStatus.POOR


def test_adhoc_decide_is_not_offered_while_the_posting_runs(surveyed, people):
    checked = check(
        surveyed, people.officer, date(2025, 10, 17), date(2025, 10, 20), today=date(2025, 10, 20)
    )
    during = workflow.available_actions(checked, people.leader, date(2025, 10, 22))
    assert not {"recognise", "answer"} & {a.action for a in during}
    after = workflow.available_actions(checked, people.leader, date(2025, 10, 23))
    assert {"recognise", "answer"} <= {a.action for a in after}
    assert workflow.posting_until(checked, date(2025, 10, 21)) == date(2025, 10, 22)


# ---- annual -------------------------------------------------------------------------------


@pytest.fixture
def campaign(demo, people, make_household, villages):
    applicant = make_household(village=villages[0], members=2)
    review = open_review(demo.commune_a, people, [applicant])
    return survey_all(review, people, {applicant.pk: NEAR_POOR})


def test_annual_meeting_before_the_survey_is_refused(campaign, people):
    entries = list(campaign.entries.all())
    refused(
        lambda: services.record_meeting(
            review=campaign,
            village=entries[0].village,
            held_on=date(2025, 9, 30),
            chair="Trưởng thôn",
            attendees="",
            present=20,
            agreeing=15,
            entries=[e for e in entries if e.village_id == entries[0].village_id],
            by=people.collaborator,
            today=MEETING,
        ),  # fmt: skip
        "held_on",
        SURVEYED.strftime("%d/%m/%Y"),
        "Họp dân",
    )


def test_annual_posting_before_the_meetings_is_refused(campaign, people):
    hold_meetings(campaign, people)
    refused(
        lambda: services.post_lists(
            review=campaign,
            posted_from=date(2025, 11, 4),
            places="UBND xã",
            by=people.officer,
            today=POSTED,
        ),  # fmt: skip
        "posted_from",
        MEETING.strftime("%d/%m/%Y"),
        "niêm yết",
    )
    assert AnnualReview.objects.get(pk=campaign.pk).state == "meetings"


def test_annual_complaint_outside_the_posting_period_is_refused(campaign, people):
    hold_meetings(campaign, people)
    post(campaign, people)
    entry = campaign.entries.first()
    for day in (date(2025, 11, 13), date(2025, 11, 19)):
        refused(
            lambda day=day: services.receive_complaint(
                review=campaign,
                entry=entry,
                received_on=day,
                complainant="A",
                content="B",
                by=people.officer,
                today=DECIDED,
            ),  # fmt: skip
            "received_on",
            "14/11/2025",
            "18/11/2025",
        )


def test_annual_decide_is_not_offered_during_posting_and_not_dated_within_it(campaign, people):
    hold_meetings(campaign, people)
    post(campaign, people)
    campaign.refresh_from_db()
    during = workflow.available_actions(campaign, people.officer, POSTING_ENDS)
    assert "close_posting" not in {a.action for a in during}
    after = workflow.available_actions(campaign, people.officer, date(2025, 11, 19))
    assert "close_posting" in {a.action for a in after}
    services.move(campaign, action="close_posting", by=people.officer, today=DECIDED)
    refused(lambda: decide(campaign, people, signed_on=POSTING_ENDS), "signed_on", "18/11/2025")
    assert decide(campaign, people, signed_on=date(2025, 11, 19)).signed_on == date(2025, 11, 19)


def test_the_page_says_until_when_the_lists_are_posted(campaign, people, login, monkeypatch):
    hold_meetings(campaign, people)
    post(campaign, people)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: date(2025, 11, 17))
    page = login(people.officer).get(f"/ra-soat/dinh-ky/{campaign.pk}/").content.decode()
    assert 'id="posting-until"' in page
    assert "18/11/2025" in page and "19/11/2025" in page
    assert "/chuyen/close_posting/" not in page
