"""Demo reviews for Tu Mơ Rông: one ad-hoc application surveyed and awaiting the commune's
check, and the annual review of the current year at the village-meeting step.

Dates follow today so the demo always shows a review in progress; running it again
changes nothing.
"""

import datetime

from django.utils import timezone

from giamngheo.households.models import Household, PovertyStatus

from . import services
from .models import AdHocReview, AnnualReview, ApplicationKind, Channel, EntryReason


def build(base, stdout=None) -> dict:
    commune = base.communes["tumorong"]
    officer = base.users["canbo.tumorong"]
    collaborator = base.users["ctv.tumorong"]
    today = timezone.localdate()
    added = {"adhoc": 0, "annual": 0}
    households = list(Household.objects.filter(commune=commune).order_by("code"))
    if not households:
        return added
    not_listed = [h for h in households if h.status == PovertyStatus.NOT_LISTED]

    if not AdHocReview.objects.filter(commune=commune).exists() and not_listed:
        applicant = min(not_listed, key=lambda h: (h.income_per_capita or 0, h.code))
        review = services.submit_application(
            household=applicant,
            kind=ApplicationKind.INCLUSION,
            channel=Channel.COLLABORATOR,
            applicant_name=applicant.head_name,
            reason="Chủ hộ bị tai nạn lao động, mất khả năng lao động; thu nhập giảm mạnh.",
            received_on=today - datetime.timedelta(days=3),
            by=collaborator,
            today=today,
        )
        prefill = services.engine_prefill(applicant, review.standard, today)
        services.record_adhoc_survey(
            review=review,
            filled_on=today - datetime.timedelta(days=1),
            declared_income=prefill["declared_income"] or 1_000_000,
            deprived_indicators=prefill["deprived_indicators"],
            by=officer,
            today=today,
        )
        added["adhoc"] = 1

    year = today.year if today.month >= 9 else today.year - 1
    if not AnnualReview.objects.filter(commune=commune, year=year).exists():
        review = services.open_annual_review(commune=commune, year=year, by=officer, today=today)
        extra = [h for h in not_listed if not h.adhoc_reviews.exists()][:1]
        for household in extra:
            services.add_entry(
                review=review, household=household, reason=EntryReason.APPLIED, by=officer
            )
        services.move(review, action="start_survey", by=officer, today=today)
        for entry in review.entries.select_related("household", "household__commune"):
            prefill = services.engine_prefill(entry.household, review.standard, today)
            services.record_entry_survey(
                entry=entry,
                filled_on=today,
                declared_income=prefill["declared_income"] or 0,
                deprived_indicators=prefill["deprived_indicators"],
                by=officer,
                today=today,
            )
        services.move(review, action="to_meetings", by=officer, today=today)
        added["annual"] = 1
    if stdout is not None:
        stdout.write(
            f"Demo reviews: {added['adhoc']} application(s), {added['annual']} annual review(s)."
        )
    return added
