"""The annual review: the lists, surveys, village meetings, posting, complaints, decision."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.accounts.capabilities import require
from giamngheo.core.audit import save_audited
from giamngheo.core.audit import today as today_or
from giamngheo.geo.models import Level
from giamngheo.households.models import Household, PovertyStatus
from giamngheo.poverty import standard_for_review

from .. import workflow
from ..models import (
    AnnualReview,
    AnnualState,
    Complaint,
    Decision,
    DecisionKind,
    EntryReason,
    Posting,
    ReviewEntry,
    VillageMeeting,
)
from ..procedures import add_working_days, period_end, procedure_by_code, procedure_on
from .common import _d, decide_step, fill_survey, holidays

# ---- annual review ------------------------------------------------------------------------


@transaction.atomic
def open_annual_review(
    *, commune, year: int, by, today: datetime.date | None = None
) -> AnnualReview:
    """Open a commune's campaign for ``year`` and list the households on the current poor
    and near-poor lists (Decision 24/2021 Art. 4(1)(a)); applicants are added after.

    The lists identified take effect on 1 January of ``year + 1`` under the standard in force
    then (``standard_for_review``).
    """
    today = today_or(today)
    if commune.level != Level.COMMUNE:
        raise ValidationError({"commune": _("Choose a commune.")})
    transition = workflow.ANNUAL.check_create(commune, "open", by=by)
    if AnnualReview.objects.filter(commune=commune, year=year).exists():
        raise ValidationError(
            {"year": _("This commune already has an annual review for that year.")}
        )
    procedure = procedure_on(datetime.date(year, 9, 1))
    _start, end = procedure.annual_window_for(year)
    review = AnnualReview(
        commune=commune,
        year=year,
        procedure=procedure.code,
        standard=standard_for_review(year).code,
        opened_on=today,
        due_on=end,
        created_by=by,
    )
    save_audited(review, by, transition.label)
    households = Household.objects.filter(
        commune=commune, status__in=[PovertyStatus.POOR, PovertyStatus.NEAR_POOR]
    ).only("pk", "village_id", "status")
    ReviewEntry.objects.bulk_create(
        [
            ReviewEntry(
                review=review,
                household=h,
                village_id=h.village_id,
                reason=EntryReason.ON_LIST,
                previous_status=h.status,
            )
            for h in households
        ],
        batch_size=1000,
    )
    workflow.ANNUAL.record_creation(review, action="open", by=by, on=today)
    return review


@transaction.atomic
def add_entry(*, review: AnnualReview, household: Household, reason: str, by) -> ReviewEntry:
    """Add a household that filed Form 01 or that the village proposes."""
    require(by, workflow.RUN, review, doing=_("add a household to the list"))
    if review.state not in (AnnualState.LISTING, AnnualState.SURVEYING):
        raise ValidationError(_("Households are added while listing or surveying."))
    if household.commune_id != review.commune_id:
        raise ValidationError({"household": _("The household is not in this commune.")})
    if ReviewEntry.objects.filter(review=review, household=household).exists():
        raise ValidationError({"household": _("The household is already on the list.")})
    entry = ReviewEntry(
        review=review,
        household=household,
        village_id=household.village_id,
        reason=reason,
        previous_status=household.status,
    )
    return save_audited(entry, by, _("Added to the list"))


@transaction.atomic
def record_entry_survey(
    *, entry: ReviewEntry, filled_on: datetime.date, by, today=None, **answers
) -> ReviewEntry:
    """Screening and survey of one listed household; also the re-check after a complaint.

    ``answers``: as for ``record_adhoc_survey``."""
    today = today_or(today)
    review = AnnualReview.objects.select_for_update().get(pk=entry.review_id)
    require(by, workflow.RECORD, review, doing=_("record a screening or survey form"))
    recheck = review.state == AnnualState.POSTING and entry.reopened
    if review.state != AnnualState.SURVEYING and not recheck:
        raise ValidationError(
            _(
                "Forms are recorded during the survey step, or to re-check a household after a complaint."
            )
        )
    if filled_on > today:
        raise ValidationError({"filled_on": _("The date cannot be in the future.")})
    fill_survey(
        entry,
        target={"entry": entry},
        household=entry.household,
        procedure_code=review.procedure,
        standard_code=review.standard,
        filled_on=filled_on,
        by=by,
        **answers,
    )
    entry.screened_out = bool(answers.get("characteristics"))
    entry.surveyed_on = filled_on
    return save_audited(entry, by, _("Re-check after a complaint") if recheck else _("Surveyed"))


def _check_meeting(review, village, held_on, present, agreeing, chair, entries, today) -> None:
    errors = {}
    if village.parent_id != review.commune_id:
        errors["village"] = _("Choose a village of the commune.")
    if held_on > today:
        errors["held_on"] = _("The date cannot be in the future.")
    if present < 1:
        errors["present"] = _("At least one person was present.")
    if agreeing > present:
        errors["agreeing"] = _("More people agree than were present.")
    if not (chair or "").strip():
        errors["chair"] = _("Enter who chaired the meeting.")
    if any(e.review_id != review.pk or e.village_id != village.pk for e in entries):
        errors["households"] = _("Choose households of this village on this review's list.")
    if not entries:
        errors["households"] = _("Choose the households discussed.")
    surveyed = max((e.surveyed_on for e in entries if e.surveyed_on), default=None)
    if "held_on" not in errors and surveyed and held_on < surveyed:
        errors["held_on"] = _(
            "The village meeting cannot be held before the households discussed were surveyed "
            "(last survey on %(date)s)."
        ) % {"date": _d(surveyed)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_meeting(
    *,
    review: AnnualReview,
    village,
    held_on: datetime.date,
    chair: str,
    attendees: str,
    present: int,
    agreeing: int,
    entries,
    by,
    minutes: str = "",
    today: datetime.date | None = None,
) -> VillageMeeting:
    """A village meeting (họp dân); agreement needs ≥ 50 % of those present (Decision
    24/2021 Art. 4(3)); without it the households are reviewed and the meeting repeated."""
    today = today_or(today)
    require(by, workflow.RECORD, review, doing=_("record a village meeting"))
    if review.state != AnnualState.MEETINGS:
        raise ValidationError(_("Village meetings are recorded at the village-meeting step."))
    entries = list(entries)
    _check_meeting(review, village, held_on, present, agreeing, chair, entries, today)
    procedure = procedure_by_code(review.procedure)
    meeting = VillageMeeting(
        review=review,
        village=village,
        held_on=held_on,
        chair=chair.strip(),
        attendees=attendees.strip(),
        present=present,
        agreeing=agreeing,
        agreed=procedure.meeting_agreed(present, agreeing),
        minutes=(minutes or "").strip(),
        recorded_by=by,
    )
    save_audited(meeting, by, _("Village meeting recorded"))
    meeting.households.set(entries)
    return meeting


@transaction.atomic
def post_lists(
    *,
    review: AnnualReview,
    posted_from: datetime.date,
    places: str,
    by,
    version=None,
    today: datetime.date | None = None,
) -> Posting:
    """Post the provisional lists at the commune and the villages for the period the
    procedure sets (3 working days, unverified) and move the review to posting."""
    today = today_or(today)
    locked = workflow.ANNUAL.begin(review, "post", by=by, version=version)
    if posted_from > today:
        raise ValidationError({"posted_from": _("The date cannot be in the future.")})
    last_meeting = (
        locked.meetings.filter(agreed=True).order_by("-held_on").values_list("held_on", flat=True)
    ).first()
    if last_meeting and posted_from < last_meeting:
        raise ValidationError(
            {
                "posted_from": _(
                    "The lists cannot be posted before the village meetings that agreed them "
                    "(last meeting on %(date)s)."
                )
                % {"date": _d(last_meeting)}
            }
        )
    if not (places or "").strip():
        raise ValidationError({"places": _("Say where the lists are posted.")})
    procedure = procedure_by_code(locked.procedure)
    posting = Posting(
        review=locked,
        posted_from=posted_from,
        ends_on=period_end(posted_from, procedure.posting, holidays()),
        places=places.strip(),
        posted_by=by,
    )
    save_audited(posting, by, _("Lists posted"))
    workflow.ANNUAL.finish(
        locked,
        "post",
        by=by,
        on=today,
        note=_("Posted %(start)s–%(end)s")
        % {
            "start": _d(posting.posted_from),
            "end": _d(posting.ends_on),
        },
    )
    return posting


@transaction.atomic
def receive_complaint(
    *,
    review: AnnualReview,
    entry: ReviewEntry,
    received_on: datetime.date,
    complainant: str,
    content: str,
    by,
    today: datetime.date | None = None,
) -> Complaint:
    """A complaint during the posting period reopens the household until it is re-checked
    (phúc tra) and answered, within 3 working days (unverified)."""
    today = today_or(today)
    review = AnnualReview.objects.select_for_update().get(pk=review.pk)
    require(by, workflow.RECORD, review, doing=_("record a complaint"))
    posting = review.postings.order_by("-posted_from", "-id").first()
    if review.state != AnnualState.POSTING or posting is None:
        raise ValidationError(_("Complaints are received while the lists are posted."))
    errors = {}
    if entry.review_id != review.pk:
        errors["entry"] = _("The household is not on this review's list.")
    if received_on > today:
        errors["received_on"] = _("The date cannot be in the future.")
    elif not (posting.posted_from <= received_on <= posting.ends_on):
        errors["received_on"] = _(
            "The complaint was not received during the posting period (%(start)s–%(end)s)."
        ) % {
            "start": _d(posting.posted_from),
            "end": _d(posting.ends_on),
        }
    if not (complainant or "").strip():
        errors["complainant"] = _("Enter who complains.")
    if not (content or "").strip():
        errors["content"] = _("Enter the complaint.")
    if errors:
        raise ValidationError(errors)
    procedure = procedure_by_code(review.procedure)
    complaint = Complaint(
        review=review,
        entry=entry,
        received_on=received_on,
        complainant=complainant.strip(),
        content=content.strip(),
        due_on=add_working_days(
            received_on + datetime.timedelta(days=1),
            procedure.complaint_recheck.days,
            holidays(),
        )
        if procedure.complaint_recheck.working
        else received_on + datetime.timedelta(days=procedure.complaint_recheck.days),
        recorded_by=by,
    )
    save_audited(complaint, by, _("Complaint received"))
    entry.reopened = True
    save_audited(entry, by, _("Reopened by a complaint"), update_fields=["reopened"])
    return complaint


@transaction.atomic
def answer_complaint(
    *,
    complaint: Complaint,
    verification: str,
    answer: str,
    answered_on: datetime.date,
    by,
    today: datetime.date | None = None,
) -> Complaint:
    """Record the re-check and the answer; the household is closed again when none of its
    complaints is open (a new survey, if the re-check changed facts, is recorded first)."""
    today = today_or(today)
    complaint = (
        Complaint.objects.select_for_update()
        .select_related("review__commune", "entry")
        .get(pk=complaint.pk)
    )
    require(by, workflow.RUN, complaint.review, doing=_("answer a complaint"))
    errors = {}
    if complaint.answered_on:
        errors["answer"] = _("This complaint was already answered.")
    if not (verification or "").strip():
        errors["verification"] = _("Say how the complaint was verified.")
    if not (answer or "").strip():
        errors["answer"] = _("Enter the answer given.")
    if not answered_on:
        errors["answered_on"] = _("Enter the date of the answer.")
    elif answered_on > today:
        errors["answered_on"] = _("The date cannot be in the future.")
    elif answered_on < complaint.received_on:
        errors["answered_on"] = _("The answer cannot precede the complaint.")
    if errors:
        raise ValidationError(errors)
    complaint.verification = verification.strip()
    complaint.answer = answer.strip()
    complaint.answered_on = answered_on
    complaint.answered_by = by
    save_audited(complaint, by, _("Complaint answered"))
    entry = complaint.entry
    if not entry.complaints.filter(answered_on__isnull=True).exists():
        entry.reopened = False
        save_audited(entry, by, _("Complaint answered"), update_fields=["reopened"])
    return complaint


def _decision_changes(review: AnnualReview) -> list[tuple[Household, str]]:
    """The households the decision lists: every household found poor or near-poor (the
    lists for the next year) and every household whose status changes."""
    changes = []
    for entry in review.entries.select_related("household"):
        status = entry.result_status
        if status in (PovertyStatus.POOR, PovertyStatus.NEAR_POOR) or (
            status and status != entry.household.status
        ):
            changes.append((entry.household, status))
    return changes


def _posting_end(review: AnnualReview):
    posting = review.postings.order_by("-posted_from", "-id").first()
    return posting.ends_on if posting else None


@transaction.atomic
def decide_annual(
    *,
    review: AnnualReview,
    number: str,
    signed_on: datetime.date,
    signer_name: str,
    by,
    version=None,
    today: datetime.date | None = None,
) -> Decision:
    """The commune People's Committee chair's decision recognising the poor, near-poor,
    escaped-poverty and escaped-near-poverty households (Decision 24/2021 Form 02). Every
    household's status is written in the same transaction, or none."""
    today = today_or(today)
    locked, decision = decide_step(
        workflow.ANNUAL,
        review,
        "decide",
        number=number,
        signed_on=signed_on,
        signer_name=signer_name,
        by=by,
        version=version,
        today=today,
        posting_end=_posting_end,
        describe=lambda locked: {
            "kind": DecisionKind.ANNUAL,
            "year": locked.status_year,
            "annual": locked,
            "changes": _decision_changes(locked),
            "reason": _("Annual review %(year)d") % {"year": locked.year},
        },
    )
    workflow.ANNUAL.finish(
        locked, "decide", by=by, on=today, note=_("Decision %(no)s") % {"no": decision.number}
    )
    return decision


@transaction.atomic
def report_annual(
    *,
    review: AnnualReview,
    reported_on: datetime.date,
    recipient: str,
    by,
    version=None,
    today: datetime.date | None = None,
) -> AnnualReview:
    """Send the summary report (biểu tổng hợp) to the level above."""
    today = today_or(today)
    locked = workflow.ANNUAL.begin(review, "report", by=by, version=version)
    if reported_on > today:
        raise ValidationError({"reported_on": _("The date cannot be in the future.")})
    locked.reported_on = reported_on
    locked.report_recipient = (recipient or "").strip() or procedure_by_code(
        locked.procedure
    ).report_to
    return workflow.ANNUAL.finish(locked, "report", by=by, on=today, note=locked.report_recipient)
