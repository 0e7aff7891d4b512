"""Writes of the review workflows. Each service takes keyword arguments and the acting user,
runs in one transaction, checks the role and the step through ``workflow`` and records the
step and the audit reason. ``today`` is passed in by callers that need a fixed date (tests,
demo); it defaults to the local date.

The decision services are the only callers of the register's ``record_statuses``: applying
a decision changes every household of it, or none.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from giamngheo.geo.models import Area as UnitArea
from giamngheo.geo.models import Level
from giamngheo.households.assessment import assess
from giamngheo.households.models import Household, PovertyStatus, StatusRecord
from giamngheo.households.services import record_statuses, set_causes_and_needs
from giamngheo.poverty import (
    Area,
    classify,
    classify_scores,
    standard_by_code,
    standard_for_review,
    standard_for_year,
)

from . import workflow
from .models import (
    ADHOC_OPEN_STATES,
    AdHocReview,
    AnnualReview,
    AnnualState,
    ApplicationKind,
    Category,
    Complaint,
    Decision,
    DecisionEntry,
    DecisionKind,
    EntryReason,
    Posting,
    PublicHoliday,
    ReviewEntry,
    ScreeningForm,
    SupervisedStep,
    SupervisionNote,
    SurveyForm,
    Verdict,
    VillageMeeting,
)
from .procedures import (
    add_working_days,
    adhoc_deadline,
    adhoc_start,
    period_end,
    procedure_by_code,
    procedure_on,
)

LISTED = {
    PovertyStatus.POOR,
    PovertyStatus.NEAR_POOR,
    PovertyStatus.ESCAPED_POOR,
    PovertyStatus.ESCAPED_NEAR_POOR,
}


def _today(today):
    return today or timezone.localdate()


def holidays() -> set[datetime.date]:
    return set(PublicHoliday.objects.values_list("day", flat=True))


def _d(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _signed_after_posting(signed_on, posting_ends_on, errors: dict) -> None:
    """A decision is signed once the posting period is over (Decision 24/2021 Art. 4)."""
    if signed_on and posting_ends_on and signed_on <= posting_ends_on:
        errors["signed_on"] = _(
            "The decision cannot be dated before the posting period ends: the lists are posted "
            "until %(end)s, so the decision is signed on %(next)s or later."
        ) % {"end": _d(posting_ends_on), "next": _d(posting_ends_on + datetime.timedelta(days=1))}


def _audit(obj, by, reason):
    obj._history_user = by
    obj._change_reason = str(reason)
    return obj


# ---- the engine ---------------------------------------------------------------------------


def _area(household: Household) -> Area:
    return Area.URBAN if household.commune.area == UnitArea.URBAN else Area.RURAL


def engine_prefill(household: Household, standard_code: str, on: datetime.date) -> dict:
    """What the register's facts say, to pre-fill the survey form: the deprived indicators
    and the income per person (the surveyor confirms or corrects them)."""
    assessment = assess(household, on=on, standard=standard_by_code(standard_code))
    return {
        "deprived_indicators": list(assessment.profile.deprived),
        "declared_income": household.income_per_capita,
        "explanation": assessment.classification.explanation,
    }


def survey_result(
    *, household: Household, standard_code: str, score_a, declared_income, deprived_indicators
) -> tuple[str, str]:
    """The engine's category and explanation for a survey form (phiếu B).

    Score A as entered from the paper form classifies by Circular 07/2021 (or 17/2016); the
    score tables were not found, so a declared income is accepted instead (and is the only
    way for a standard without survey scoring).
    """
    standard = standard_by_code(standard_code)
    unknown = set(deprived_indicators) - set(standard.indicator_codes)
    if unknown:
        raise ValidationError(
            {
                "deprived_indicators": _("Unknown indicator(s): %(codes)s.")
                % {"codes": ", ".join(sorted(unknown))}
            }
        )
    if score_a is not None:
        if standard.survey_scoring is None:
            raise ValidationError(
                {
                    "score_a": _(
                        "The standard %(standard)s has no survey-form scoring: enter the income "
                        "per person instead."
                    )
                    % {"standard": standard.code}
                }
            )
        c = classify_scores(
            standard,
            area=_area(household),
            score_a=score_a,
            deprived_indicators=deprived_indicators,
        )
    elif declared_income is not None:
        if declared_income < 0:
            raise ValidationError({"declared_income": _("The income cannot be negative.")})
        c = classify(
            standard,
            income_per_capita=declared_income,
            area=_area(household),
            deprived_count=len(set(deprived_indicators)),
        )
    else:
        raise ValidationError(_("Enter score A from the survey form or the income per person."))
    return str(c.category), c.explanation


def proposed_status(category: str, previous: str) -> str:
    """The list a surveyed household goes on, given the list it was on."""
    if category == Category.POOR:
        return PovertyStatus.POOR
    if category == Category.NEAR_POOR:
        return PovertyStatus.NEAR_POOR
    if previous == PovertyStatus.POOR:
        return PovertyStatus.ESCAPED_POOR
    if previous == PovertyStatus.NEAR_POOR:
        return PovertyStatus.ESCAPED_NEAR_POOR
    if previous in (PovertyStatus.ESCAPED_POOR, PovertyStatus.ESCAPED_NEAR_POOR):
        return previous
    return PovertyStatus.NOT_LISTED


def _fill_forms(
    *,
    target: dict,
    household: Household,
    standard_code: str,
    screening_items,
    filled_on,
    characteristics,
    score_a,
    declared_income,
    deprived_indicators,
    by,
    causes=(),
    needs=(),
) -> tuple[str, str]:
    """Save phiếu A and (unless the household stops there) phiếu B; return the result."""
    known = {i.code: i.text for i in screening_items}
    characteristics = list(dict.fromkeys(characteristics or []))
    if set(characteristics) - set(known):
        raise ValidationError({"characteristics": _("Unknown screening characteristic.")})
    excluded = bool(characteristics)
    _audit(
        screening := ScreeningForm(
            household=household,
            filled_on=filled_on,
            characteristics=characteristics,
            excluded=excluded,
            filled_by=by,
            **target,
        ),
        by,
        _("Screening form"),
    )
    screening.save()
    if excluded:
        explanation = _("Stopped at the screening form (phiếu A): %(items)s.") % {
            "items": "; ".join(known[c] for c in characteristics)
        }
        return Category.NOT_POOR, explanation
    deprived = list(dict.fromkeys(deprived_indicators or []))
    category, explanation = survey_result(
        household=household,
        standard_code=standard_code,
        score_a=score_a,
        declared_income=declared_income,
        deprived_indicators=deprived,
    )
    _audit(
        survey := SurveyForm(
            household=household,
            filled_on=filled_on,
            standard=standard_code,
            score_a=score_a,
            declared_income=declared_income,
            deprived_indicators=deprived,
            causes=sorted(set(causes or ())),
            support_needs=sorted(set(needs or ())),
            category=category,
            explanation=explanation,
            filled_by=by,
            **target,
        ),
        by,
        _("Survey form"),
    )
    survey.save()
    set_causes_and_needs(household=household, causes=survey.causes, needs=survey.support_needs)
    return category, explanation


# ---- ad-hoc review ------------------------------------------------------------------------


@transaction.atomic
def submit_application(
    *,
    household: Household,
    kind: str,
    channel: str,
    applicant_name: str,
    reason: str,
    received_on: datetime.date,
    by,
    today: datetime.date | None = None,
) -> AdHocReview:
    """Record a household's application (Form 01 for inclusion, Form 04 for having escaped).

    The review starts on the 15th and the chair answers within 15 days (Decision 24/2021
    Art. 5); under Circular 14/2018, within 7 working days of receipt.
    """
    today = _today(today)
    transition = workflow.TRANSITIONS["submit"]
    if not workflow.may(by, household.commune, transition.roles):
        raise PermissionDenied(
            _("Only a commune officer or the collaborator records applications.")
        )
    errors = {}
    if received_on > today:
        errors["received_on"] = _("The date of receipt cannot be in the future.")
    if not (applicant_name or "").strip():
        errors["applicant_name"] = _("Enter the applicant's name.")
    if not (reason or "").strip():
        errors["reason"] = _("Enter the reason given on the application.")
    if kind == ApplicationKind.EXIT and household.status not in (
        PovertyStatus.POOR,
        PovertyStatus.NEAR_POOR,
    ):
        errors["kind"] = _(
            "Only a poor or near-poor household can apply to be recognised as having escaped."
        )
    if kind == ApplicationKind.INCLUSION and household.status == PovertyStatus.POOR:
        errors["kind"] = _("The household is already on the poor list.")
    if AdHocReview.objects.filter(household=household, state__in=ADHOC_OPEN_STATES).exists():
        errors["household"] = _("This household already has an application under review.")
    if errors:
        raise ValidationError(errors)
    procedure = procedure_on(received_on)
    review = AdHocReview(
        household=household,
        commune=household.commune,
        kind=kind,
        channel=channel,
        applicant_name=applicant_name.strip(),
        reason=reason.strip(),
        received_on=received_on,
        procedure=procedure.code,
        standard=standard_for_year(received_on.year).code,
        starts_on=adhoc_start(procedure, received_on),
        due_on=adhoc_deadline(procedure, received_on, holidays()),
        previous_status=household.status,
        recorded_by=by,
    )
    _audit(review, by, transition.label)
    review.save()
    workflow.record_creation(review, action="submit", by=by, on=today)
    return review


@transaction.atomic
def record_adhoc_survey(
    *,
    review: AdHocReview,
    filled_on: datetime.date,
    by,
    characteristics=(),
    score_a: int | None = None,
    declared_income: int | None = None,
    deprived_indicators=(),
    causes=(),
    needs=(),
    version=None,
    today: datetime.date | None = None,
) -> AdHocReview:
    """Screening (phiếu A) and survey (phiếu B); the engine computes the result."""
    today = _today(today)
    locked = workflow.begin(review, "survey", by=by, version=version)
    if filled_on > today:
        raise ValidationError({"filled_on": _("The date cannot be in the future.")})
    if filled_on < locked.received_on:
        raise ValidationError(
            {
                "filled_on": _(
                    "The survey cannot be dated before the application was received (%(date)s)."
                )
                % {"date": _d(locked.received_on)}
            }
        )
    procedure = procedure_by_code(locked.procedure)
    category, explanation = _fill_forms(
        target={"adhoc": locked},
        household=locked.household,
        standard_code=locked.standard,
        screening_items=procedure.screening_items,
        filled_on=filled_on,
        characteristics=characteristics,
        score_a=score_a,
        declared_income=declared_income,
        deprived_indicators=deprived_indicators,
        by=by,
        causes=causes,
        needs=needs,
    )
    locked.result_category = category
    locked.result_status = proposed_status(category, locked.previous_status)
    locked.result_explanation = explanation
    return workflow.finish(locked, "survey", by=by, on=today, note=explanation)


@transaction.atomic
def record_adhoc_check(
    *,
    review: AdHocReview,
    by,
    meeting_held_on: datetime.date | None = None,
    present: int | None = None,
    agreeing: int | None = None,
    posted_on: datetime.date | None = None,
    note: str = "",
    version=None,
    today: datetime.date | None = None,
) -> AdHocReview:
    """The commune's check: the village meeting agreed (≥ 50 %) and the result was posted;
    the posting period is computed from the procedure."""
    today = _today(today)
    locked = workflow.begin(review, "check", by=by, version=version)
    errors = {}
    received = {"date": _d(locked.received_on)}
    for name, day in (("meeting_held_on", meeting_held_on), ("posted_on", posted_on)):
        if day and day > today:
            errors[name] = _("The date cannot be in the future.")
    if (
        "meeting_held_on" not in errors
        and meeting_held_on
        and (meeting_held_on < locked.received_on)
    ):
        errors["meeting_held_on"] = (
            _("The village meeting cannot be held before the application was received (%(date)s).")
            % received
        )
    if "posted_on" not in errors and posted_on:
        if posted_on < locked.received_on:
            errors["posted_on"] = (
                _("The result cannot be posted before the application was received (%(date)s).")
                % received
            )
        elif meeting_held_on and posted_on < meeting_held_on:
            errors["posted_on"] = _(
                "The result is posted after the village meeting (%(date)s), not before."
            ) % {"date": _d(meeting_held_on)}
    if present is not None and agreeing is not None and agreeing > present:
        errors["agreeing"] = _("More people agree than were present.")
    if errors:
        raise ValidationError(errors)
    procedure = procedure_by_code(locked.procedure)
    locked.meeting_held_on, locked.meeting_present, locked.meeting_agreeing = (
        meeting_held_on,
        present,
        agreeing,
    )
    locked.posted_on = posted_on
    locked.posting_ends_on = (
        period_end(posted_on, procedure.posting, holidays()) if posted_on else None
    )
    locked.check_note = (note or "").strip()
    return workflow.finish(locked, "check", by=by, on=today, note=locked.check_note)


def _check_signature(number, signed_on, signer_name, today):
    errors = {}
    if not (number or "").strip():
        errors["number"] = _("Enter the decision number.")
    if not (signer_name or "").strip():
        errors["signer_name"] = _("Enter who signed the decision.")
    if not signed_on:
        errors["signed_on"] = _("Enter the date of signature.")
    elif signed_on > today:
        errors["signed_on"] = _("The decision date cannot be in the future.")
    if errors:
        raise ValidationError(errors)


def _make_decision(
    *, commune, kind, number, signed_on, signer_name, year, standard, form, by, annual=None
):
    if Decision.objects.filter(commune=commune, number=number.strip()).exists():
        raise ValidationError(
            {"number": _("This commune already has a decision with this number.")}
        )
    decision = Decision(
        commune=commune,
        kind=kind,
        annual_review=annual,
        number=number.strip(),
        signed_on=signed_on,
        signer_name=signer_name.strip(),
        year=year,
        standard=standard,
        form=form,
        recorded_by=by,
    )
    _audit(decision, by, _("Decision recorded"))
    decision.save()
    return decision


def _apply(decision: Decision, changes: list[tuple[Household, str]], *, by, reason: str):
    """Write every household's new status and the decision's list, in the caller's transaction."""
    previous = {h.pk: h.status for h, _s in changes}
    record_statuses(
        changes=changes,
        year=decision.year,
        standard=decision.standard,
        decision_number=decision.number,
        decision_date=decision.signed_on,
        source=StatusRecord.Source.REVIEW,
        by=by,
        reason=reason,
    )
    DecisionEntry.objects.bulk_create(
        [
            DecisionEntry(decision=decision, household=h, status=s, previous_status=previous[h.pk])
            for h, s in changes
        ],
        batch_size=1000,
    )


@transaction.atomic
def recognise_adhoc(
    *,
    review: AdHocReview,
    number: str,
    signed_on: datetime.date,
    signer_name: str,
    by,
    version=None,
    today: datetime.date | None = None,
) -> AdHocReview:
    """The commune People's Committee chair recognises the household (Form 02/03)."""
    today = _today(today)
    locked = workflow.begin(review, "recognise", by=by, version=version)
    _check_signature(number, signed_on, signer_name, today)
    errors = {}
    _signed_after_posting(signed_on, locked.posting_ends_on, errors)
    if not errors and signed_on < locked.received_on:
        errors["signed_on"] = _(
            "The decision cannot be dated before the application was received (%(date)s)."
        ) % {"date": _d(locked.received_on)}
    if errors:
        raise ValidationError(errors)
    problems = workflow.TRANSITIONS["recognise"].guard(locked, signed_on)
    if problems:
        raise ValidationError(problems)
    procedure = procedure_by_code(locked.procedure)
    decision = _make_decision(
        commune=locked.commune,
        kind=DecisionKind.ADHOC,
        number=number,
        signed_on=signed_on,
        signer_name=signer_name,
        year=signed_on.year,
        standard=locked.standard,
        form=procedure.forms["decision"].label,
        by=by,
    )
    household = Household.objects.get(pk=locked.household_id)
    _apply(
        decision,
        [(household, locked.result_status)],
        by=by,
        reason=_("Ad-hoc review: %(kind)s") % {"kind": locked.get_kind_display()},
    )
    locked.decision = decision
    return workflow.finish(
        locked, "recognise", by=by, on=today, note=_("Decision %(no)s") % {"no": decision.number}
    )


@transaction.atomic
def answer_adhoc(
    *, review: AdHocReview, answer: str, by, version=None, today: datetime.date | None = None
) -> AdHocReview:
    """The chair answers in writing, with the reason, a household that is not recognised."""
    today = _today(today)
    locked = workflow.begin(review, "answer", by=by, version=version)
    locked.answer = (answer or "").strip()
    return workflow.finish(locked, "answer", by=by, on=today, note=locked.answer)


@transaction.atomic
def move(review, *, action: str, by, note: str = "", version=None, today=None):
    """A transition that records nothing but its note (withdraw, send back, close posting …)."""
    today = _today(today)
    locked = workflow.begin(review, action, by=by, version=version)
    return workflow.finish(locked, action, by=by, on=today, note=note)


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
    today = _today(today)
    if commune.level != Level.COMMUNE:
        raise ValidationError({"commune": _("Choose a commune.")})
    transition = workflow.ANNUAL_TRANSITIONS["open"]
    if not workflow.may(by, commune, transition.roles):
        raise PermissionDenied(_("Only the commune officer opens the annual review."))
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
    _audit(review, by, transition.label)
    review.save()
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
    workflow.record_creation(review, action="open", by=by, on=today)
    return review


@transaction.atomic
def add_entry(*, review: AnnualReview, household: Household, reason: str, by) -> ReviewEntry:
    """Add a household that filed Form 01 or that the village proposes."""
    workflow.check_operation(by, review.commune, "add_entry")
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
    _audit(entry, by, _("Added to the list"))
    entry.save()
    return entry


@transaction.atomic
def record_entry_survey(
    *,
    entry: ReviewEntry,
    filled_on: datetime.date,
    by,
    characteristics=(),
    score_a: int | None = None,
    declared_income: int | None = None,
    deprived_indicators=(),
    causes=(),
    needs=(),
    today: datetime.date | None = None,
) -> ReviewEntry:
    """Screening and survey of one listed household; also the re-check after a complaint."""
    today = _today(today)
    review = AnnualReview.objects.select_for_update().get(pk=entry.review_id)
    workflow.check_operation(by, review.commune, "survey_entry")
    recheck = review.state == AnnualState.POSTING and entry.reopened
    if review.state != AnnualState.SURVEYING and not recheck:
        raise ValidationError(
            _(
                "Forms are recorded during the survey step, or to re-check a household after a complaint."
            )
        )
    if filled_on > today:
        raise ValidationError({"filled_on": _("The date cannot be in the future.")})
    procedure = procedure_by_code(review.procedure)
    category, explanation = _fill_forms(
        target={"entry": entry},
        household=entry.household,
        standard_code=review.standard,
        screening_items=procedure.screening_items,
        filled_on=filled_on,
        characteristics=characteristics,
        score_a=score_a,
        declared_income=declared_income,
        deprived_indicators=deprived_indicators,
        by=by,
        causes=causes,
        needs=needs,
    )
    entry.screened_out = bool(characteristics)
    entry.result_category = category
    entry.result_status = proposed_status(category, entry.previous_status)
    entry.result_explanation = explanation
    entry.surveyed_on = filled_on
    _audit(entry, by, _("Re-check after a complaint") if recheck else _("Surveyed"))
    entry.save()
    return entry


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
    today = _today(today)
    workflow.check_operation(by, review.commune, "record_meeting")
    if review.state != AnnualState.MEETINGS:
        raise ValidationError(_("Village meetings are recorded at the village-meeting step."))
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
    entries = list(entries)
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
    _audit(meeting, by, _("Village meeting recorded"))
    meeting.save()
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
    today = _today(today)
    locked = workflow.begin(review, "post", by=by, version=version)
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
    _audit(posting, by, _("Lists posted"))
    posting.save()
    workflow.finish(
        locked,
        "post",
        by=by,
        on=today,
        note=_("Posted %(start)s–%(end)s")
        % {
            "start": posting.posted_from.strftime("%d/%m/%Y"),
            "end": posting.ends_on.strftime("%d/%m/%Y"),
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
    today = _today(today)
    review = AnnualReview.objects.select_for_update().get(pk=review.pk)
    workflow.check_operation(by, review.commune, "receive_complaint")
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
            "start": posting.posted_from.strftime("%d/%m/%Y"),
            "end": posting.ends_on.strftime("%d/%m/%Y"),
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
    _audit(complaint, by, _("Complaint received"))
    complaint.save()
    entry.reopened = True
    _audit(entry, by, _("Reopened by a complaint"))
    entry.save(update_fields=["reopened"])
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
    today = _today(today)
    complaint = (
        Complaint.objects.select_for_update()
        .select_related("review__commune", "entry")
        .get(pk=complaint.pk)
    )
    workflow.check_operation(by, complaint.review.commune, "answer_complaint")
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
    _audit(complaint, by, _("Complaint answered"))
    complaint.save()
    entry = complaint.entry
    if not entry.complaints.filter(answered_on__isnull=True).exists():
        entry.reopened = False
        _audit(entry, by, _("Complaint answered"))
        entry.save(update_fields=["reopened"])
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
    today = _today(today)
    locked = workflow.begin(review, "decide", by=by, version=version)
    _check_signature(number, signed_on, signer_name, today)
    posting = locked.postings.order_by("-posted_from", "-id").first()
    errors = {}
    _signed_after_posting(signed_on, posting.ends_on if posting else None, errors)
    if errors:
        raise ValidationError(errors)
    problems = workflow.ANNUAL_TRANSITIONS["decide"].guard(locked, signed_on)
    if problems:
        raise ValidationError(problems)
    procedure = procedure_by_code(locked.procedure)
    decision = _make_decision(
        commune=locked.commune,
        kind=DecisionKind.ANNUAL,
        number=number,
        signed_on=signed_on,
        signer_name=signer_name,
        year=locked.status_year,
        standard=locked.standard,
        form=procedure.forms["decision"].label,
        by=by,
        annual=locked,
    )
    _apply(
        decision,
        _decision_changes(locked),
        by=by,
        reason=_("Annual review %(year)d") % {"year": locked.year},
    )
    workflow.finish(
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
    today = _today(today)
    locked = workflow.begin(review, "report", by=by, version=version)
    if reported_on > today:
        raise ValidationError({"reported_on": _("The date cannot be in the future.")})
    locked.reported_on = reported_on
    locked.report_recipient = (recipient or "").strip() or procedure_by_code(
        locked.procedure
    ).report_to
    return workflow.finish(locked, "report", by=by, on=today, note=locked.report_recipient)


# ---- supervision --------------------------------------------------------------------------


@transaction.atomic
def add_supervision_note(
    *,
    review,
    step: str,
    verdict: str,
    text: str,
    noted_on: datetime.date,
    by,
    today: datetime.date | None = None,
) -> SupervisionNote:
    """A collaborator's note on one step of a review. When the collaborator has a roster
    record, the note is also an entry of the activity log (duty 2 for ad-hoc reviews, duty 5
    for the annual review), so it counts in the monthly activity report."""
    today = _today(today)
    workflow.check_operation(by, review.commune, "supervise")
    errors = {}
    if step not in SupervisedStep.values:
        errors["step"] = _("Choose the step supervised.")
    if verdict not in Verdict.values:
        errors["verdict"] = _("Choose a verdict.")
    if not (text or "").strip():
        errors["text"] = _("Write what you observed.")
    if noted_on > today:
        errors["noted_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    adhoc = isinstance(review, AdHocReview)
    note = SupervisionNote(
        collaborator=by,
        step=step,
        verdict=verdict,
        text=text.strip(),
        noted_on=noted_on,
        **({"adhoc": review} if adhoc else {"annual": review}),
    )
    note.activity = _log_activity(note, review, by)
    _audit(note, by, _("Supervision note"))
    note.save()
    return note


def _log_activity(note: SupervisionNote, review, by):
    try:
        from giamngheo.collaborators.duties import Duty
        from giamngheo.collaborators.models import Collaborator
        from giamngheo.collaborators.services import log_activity
    except ImportError:  # the collaborators app is optional for the review
        return None
    collaborator = Collaborator.objects.filter(user=by, commune_id=review.commune_id).first()
    if collaborator is None:
        return None
    adhoc = isinstance(review, AdHocReview)
    description = _("Supervision of the review (%(review)s) — %(step)s: %(verdict)s. %(text)s") % {
        "review": review,
        "step": note.get_step_display(),
        "verdict": note.get_verdict_display(),
        "text": note.text,
    }
    return log_activity(
        collaborator=collaborator,
        done_on=note.noted_on,
        duty=Duty.AD_HOC_REVIEW if adhoc else Duty.ANNUAL_REVIEW,
        description=description,
        by=by,
        households=[review.household] if adhoc else [],
    )
