"""The ad-hoc review: an application, its survey, the commune's check and the decision."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from giamngheo.core.audit import save_audited
from giamngheo.core.audit import today as today_or
from giamngheo.households.models import Household, PovertyStatus
from giamngheo.poverty import standard_for_year

from .. import workflow
from ..models import ADHOC_OPEN_STATES, AdHocReview, ApplicationKind, DecisionKind
from ..procedures import adhoc_deadline, adhoc_start, period_end, procedure_by_code, procedure_on
from .common import _d, decide_step, fill_survey, holidays

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
    today = today_or(today)
    transition = workflow.ADHOC.check_create(household, "submit", by=by)
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
    save_audited(review, by, transition.label)
    workflow.ADHOC.record_creation(review, action="submit", by=by, on=today)
    return review


@transaction.atomic
def record_adhoc_survey(
    *, review: AdHocReview, filled_on: datetime.date, by, version=None, today=None, **answers
) -> AdHocReview:
    """Screening (phiếu A) and survey (phiếu B); the engine computes the result.

    ``answers``: the forms' ``characteristics``, ``score_a``, ``declared_income``,
    ``deprived_indicators``, ``causes`` and ``needs`` (see ``common._fill_forms``)."""
    today = today_or(today)
    locked = workflow.ADHOC.begin(review, "survey", by=by, version=version)
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
    explanation = fill_survey(
        locked,
        target={"adhoc": locked},
        household=locked.household,
        procedure_code=locked.procedure,
        standard_code=locked.standard,
        filled_on=filled_on,
        by=by,
        **answers,
    )
    return workflow.ADHOC.finish(locked, "survey", by=by, on=today, note=explanation)


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
    today = today_or(today)
    locked = workflow.ADHOC.begin(review, "check", by=by, version=version)
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
    return workflow.ADHOC.finish(locked, "check", by=by, on=today, note=locked.check_note)


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
    today = today_or(today)

    def check(locked):
        if signed_on < locked.received_on:
            return _(
                "The decision cannot be dated before the application was received (%(date)s)."
            ) % {"date": _d(locked.received_on)}
        return None

    def describe(locked):
        household = Household.objects.get(pk=locked.household_id)
        return {
            "kind": DecisionKind.ADHOC,
            "year": signed_on.year,
            "changes": [(household, locked.result_status)],
            "reason": _("Ad-hoc review: %(kind)s") % {"kind": locked.get_kind_display()},
        }

    locked, decision = decide_step(
        workflow.ADHOC,
        review,
        "recognise",
        number=number,
        signed_on=signed_on,
        signer_name=signer_name,
        by=by,
        version=version,
        today=today,
        posting_end=lambda locked: locked.posting_ends_on,
        check=check,
        describe=describe,
    )
    locked.decision = decision
    return workflow.ADHOC.finish(
        locked, "recognise", by=by, on=today, note=_("Decision %(no)s") % {"no": decision.number}
    )


@transaction.atomic
def answer_adhoc(
    *, review: AdHocReview, answer: str, by, version=None, today: datetime.date | None = None
) -> AdHocReview:
    """The chair answers in writing, with the reason, a household that is not recognised."""
    today = today_or(today)
    locked = workflow.ADHOC.begin(review, "answer", by=by, version=version)
    locked.answer = (answer or "").strip()
    return workflow.ADHOC.finish(locked, "answer", by=by, on=today, note=locked.answer)


@transaction.atomic
def move(review, *, action: str, by, note: str = "", version=None, today=None):
    """A transition that records nothing but its note (withdraw, send back, close posting …)."""
    today = today_or(today)
    flow = workflow.workflow_of(review)
    return flow.perform(review, action, by=by, on=today, note=note, version=version)
