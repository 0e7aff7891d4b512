"""Helpers walking a campaign through its steps with fixed dates (2025 review)."""

from datetime import date

from giamngheo.households.models import PovertyStatus
from giamngheo.reviews import services

OPENED = date(2025, 9, 10)
SURVEYED = date(2025, 10, 1)
MEETING = date(2025, 11, 5)
POSTED = date(2025, 11, 14)  # a Friday: 3 working days run to Tuesday 18/11
POSTING_ENDS = date(2025, 11, 18)
DECIDED = date(2025, 11, 25)

# score A and deprived indicators that give each result under the 2022-2025 standard (rural)
POOR = {"score_a": 120, "deprived_indicators": ["health_insurance", "housing_quality", "latrine"]}
NEAR_POOR = {"score_a": 130, "deprived_indicators": ["latrine"]}
NOT_POOR = {"score_a": 200, "deprived_indicators": []}


def open_review(commune, people, households):
    review = services.open_annual_review(
        commune=commune, year=2025, by=people.officer, today=OPENED
    )
    for household in households:
        if household.status == PovertyStatus.NOT_LISTED:
            services.add_entry(
                review=review, household=household, reason="applied", by=people.officer
            )
    return review


def survey_all(review, people, results: dict):
    """``results`` maps a household pk to the survey values; others are found not poor."""
    services.move(review, action="start_survey", by=people.officer, today=OPENED)
    for entry in review.entries.select_related("household", "household__commune"):
        values = results.get(entry.household_id, NOT_POOR)
        services.record_entry_survey(
            entry=entry, filled_on=SURVEYED, by=people.collaborator, today=SURVEYED, **values
        )
    return services.move(review, action="to_meetings", by=people.officer, today=SURVEYED)


def hold_meetings(review, people, agreeing=30, present=40):
    meetings = []
    for village_id in review.entries.values_list("village_id", flat=True).distinct():
        entries = list(review.entries.filter(village_id=village_id))
        meetings.append(
            services.record_meeting(
                review=review,
                village=entries[0].village,
                held_on=MEETING,
                chair="Trưởng thôn A Blong",
                attendees="BCĐ xã, bí thư chi bộ, MTTQ, hội phụ nữ, đại diện hộ",
                present=present,
                agreeing=agreeing,
                entries=entries,
                by=people.collaborator,
                today=MEETING,
            )  # fmt: skip
        )
    return meetings


def post(review, people):
    return services.post_lists(
        review=review, posted_from=POSTED, places="Trụ sở UBND xã; nhà văn hóa các thôn",
        by=people.officer, today=POSTED,
    )  # fmt: skip


def decide(review, people, signed_on=DECIDED, number="210/QĐ-UBND", by=None):
    return services.decide_annual(
        review=review, number=number, signed_on=signed_on, signer_name="Y Hen, Chủ tịch UBND xã",
        by=by or people.leader, today=DECIDED,
    )  # fmt: skip
