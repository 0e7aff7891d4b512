"""The two review workflows as data: states, transitions, capabilities, guards.

``ADHOC`` and ``ANNUAL`` are ``core.workflow.Workflow`` tables: for each action, the states
it starts from, the state it leads to, the capability a user needs over the commune
(declared in ``apps.ReviewsConfig.capabilities``) and a guard that says, in words a person
understands, why it cannot be taken yet. Services take a transition with
``ADHOC.begin(...)`` … ``ADHOC.finish(...)``: lock, version, capability, state, note, guard,
audit and a ``Step``.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.accounts import capabilities
from giamngheo.core.workflow import CREATE, Transition, Workflow
from giamngheo.households.models import PovertyStatus

from .models import (
    AdHocReview,
    AdHocState,
    AnnualReview,
    AnnualState,
    ApplicationKind,
    Category,
    Step,
)
from .procedures import procedure_by_code
from .selectors import village_progress

# Capabilities over the commune (``apps.ReviewsConfig``).
RECORD = "record_review_work"
RUN = "run_review"
DECIDE = "decide"
SUPERVISE = "supervise_review"
SAY_WHY = gettext_lazy("Say why (the note is kept in the history).")


@dataclass(frozen=True)
class ReviewTransition(Transition):
    # Not offered while the public posting period runs (nothing is decided before it ends).
    after_posting: bool = False


# ---- guards -------------------------------------------------------------------------------


def _adhoc_has_result(review: AdHocReview, attempt) -> list[str]:
    if not review.result_category:
        return [_("Record the screening form and the survey form first.")]
    if review.result_category == Category.UNKNOWN:
        return [_("The survey cannot classify the household yet: complete the survey form.")]
    return []


def _adhoc_checked(review: AdHocReview, attempt) -> list[str]:
    procedure = procedure_by_code(review.procedure)
    problems = []
    if procedure.village_meeting_for_adhoc:
        if not review.meeting_held_on or not review.meeting_present:
            problems.append(_("Record the village meeting (date, people present and agreeing)."))
        elif not procedure.meeting_agreed(review.meeting_present, review.meeting_agreeing or 0):
            problems.append(
                _(
                    "The village meeting did not reach the agreement required (%(rule)s): "
                    "review the household again and hold the meeting again."
                )
                % {"rule": procedure.meeting_agreement_label}
            )
        if not review.posted_on:
            problems.append(_("Record when the result was posted publicly."))
        elif review.meeting_held_on and review.posted_on < review.meeting_held_on:
            problems.append(_("The result is posted after the village meeting, not before."))
    return problems


def _adhoc_posting_over(review: AdHocReview, attempt) -> list[str]:
    if review.posting_ends_on and attempt.on <= review.posting_ends_on:
        return [
            _("No decision before the posting period ends: it runs until %(date)s (%(rule)s).")
            % {
                "date": review.posting_ends_on.strftime("%d/%m/%Y"),
                "rule": procedure_by_code(review.procedure).posting.label,
            }
        ]
    return []


RECOGNISABLE = {
    ApplicationKind.INCLUSION: {PovertyStatus.POOR, PovertyStatus.NEAR_POOR},
    ApplicationKind.EXIT: {PovertyStatus.ESCAPED_POOR, PovertyStatus.ESCAPED_NEAR_POOR},
}


def _adhoc_recognisable(review: AdHocReview, attempt) -> list[str]:
    problems = _adhoc_posting_over(review, attempt)
    if (
        review.result_status not in RECOGNISABLE[review.kind]
        or review.result_status == review.previous_status
    ):
        problems.append(
            _(
                "The survey does not support this application (result: %(result)s): answer the "
                "household in writing with the reason instead."
            )
            % {"result": review.get_result_category_display() or "—"}
        )
    return problems


def _annual_has_entries(review: AnnualReview, attempt) -> list[str]:
    if not review.entries.exists():
        return [_("List at least one household to review.")]
    return []


def _annual_all_surveyed(review: AnnualReview, attempt) -> list[str]:
    missing = review.entries.exclude(result_category__in=_DECIDED_CATEGORIES).count()
    if missing:
        return [_("%(n)d household(s) still need a screening or survey result.") % {"n": missing}]
    return []


_DECIDED_CATEGORIES = [Category.POOR, Category.NEAR_POOR, Category.AVERAGE, Category.NOT_POOR]


def _annual_meetings_agreed(review: AnnualReview, attempt) -> list[str]:
    problems = []
    for row in village_progress(review):
        if row.entries and not row.agreed:
            problems.append(
                _("%(village)s: no village meeting has agreed the results yet.")
                % {"village": row.village.name}
            )
    return problems


def _annual_posting_done(review: AnnualReview, attempt) -> list[str]:
    posting = review.postings.order_by("-posted_from", "-id").first()
    problems = []
    if posting is None:
        problems.append(_("The provisional lists have not been posted."))
    elif attempt.on <= posting.ends_on:
        problems.append(
            _("No decision before the posting period ends: it runs until %(date)s (%(rule)s).")
            % {
                "date": posting.ends_on.strftime("%d/%m/%Y"),
                "rule": procedure_by_code(review.procedure).posting.label,
            }
        )
    open_complaints = review.complaints.filter(answered_on__isnull=True).count()
    if open_complaints:
        problems.append(_("%(n)d complaint(s) are not answered yet.") % {"n": open_complaints})
    reopened = review.entries.filter(reopened=True).count()
    if reopened:
        problems.append(
            _("%(n)d household(s) were reopened by a complaint and need a re-check.")
            % {"n": reopened}
        )
    return problems


# ---- tables -------------------------------------------------------------------------------

T = ReviewTransition
ADHOC = Workflow(
    [
        T("submit", gettext_lazy("Record the application"), {CREATE}, AdHocState.SUBMITTED,
          RECORD),
        T("survey", gettext_lazy("Record the screening and survey forms"),
          {AdHocState.SUBMITTED}, AdHocState.SURVEYED, RECORD, _adhoc_has_result),
        T("check", gettext_lazy("Record the commune's check"), {AdHocState.SURVEYED},
          AdHocState.CHECKED, RUN, _adhoc_checked),
        T("return", gettext_lazy("Send back for a new survey"),
          {AdHocState.SURVEYED, AdHocState.CHECKED}, AdHocState.SUBMITTED, RUN,
          note_required=SAY_WHY),
        T("recognise", gettext_lazy("Decide: recognise"), {AdHocState.CHECKED},
          AdHocState.RECOGNISED, DECIDE, _adhoc_recognisable, after_posting=True),
        T("answer", gettext_lazy("Answer in writing: not recognised"), {AdHocState.CHECKED},
          AdHocState.ANSWERED, DECIDE, _adhoc_posting_over, note_required=SAY_WHY,
          after_posting=True),
        T("withdraw", gettext_lazy("Withdraw the application"),
          {AdHocState.SUBMITTED, AdHocState.SURVEYED}, AdHocState.WITHDRAWN, RECORD,
          note_required=SAY_WHY),
    ],
    states=AdHocState,
    access=capabilities,
    step_model=Step,
    step_subject="adhoc",
)  # fmt: skip

ANNUAL = Workflow(
    [
        T("open", gettext_lazy("Open the annual review"), {CREATE}, AnnualState.LISTING, RUN),
        T("start_survey", gettext_lazy("Start screening and survey"), {AnnualState.LISTING},
          AnnualState.SURVEYING, RUN, _annual_has_entries),
        T("to_meetings", gettext_lazy("Move on to the village meetings"),
          {AnnualState.SURVEYING}, AnnualState.MEETINGS, RUN, _annual_all_surveyed),
        T("return_to_survey", gettext_lazy("Review again (meeting without agreement)"),
          {AnnualState.MEETINGS}, AnnualState.SURVEYING, RUN, note_required=SAY_WHY),
        T("post", gettext_lazy("Post the provisional lists"), {AnnualState.MEETINGS},
          AnnualState.POSTING, RUN, _annual_meetings_agreed),
        T("close_posting", gettext_lazy("Close the posting"), {AnnualState.POSTING},
          AnnualState.AWAITING_DECISION, RUN, _annual_posting_done, after_posting=True),
        T("decide", gettext_lazy("Decide: recognise the lists"),
          {AnnualState.AWAITING_DECISION}, AnnualState.DECIDED, DECIDE, _annual_posting_done,
          after_posting=True),
        T("report", gettext_lazy("Report to the level above"), {AnnualState.DECIDED},
          AnnualState.REPORTED, RUN),
    ],
    states=AnnualState,
    access=capabilities,
    step_model=Step,
    step_subject="annual",
)  # fmt: skip


def workflow_of(review) -> Workflow:
    return ADHOC if isinstance(review, AdHocReview) else ANNUAL


def posting_until(review, today: datetime.date) -> datetime.date | None:
    """The last day of the public posting period while it runs, else ``None``."""
    if isinstance(review, AdHocReview):
        end = review.posting_ends_on
    else:
        posting = review.postings.order_by("-posted_from", "-id").first()
        end = posting.ends_on if posting else None
    return end if end and today <= end else None


def available_actions(review, user, today: datetime.date | None = None) -> list[Transition]:
    """The transitions this user could take now from the review's state (for buttons); a
    decision is not offered while the posting period runs."""
    posting = posting_until(review, today or timezone.localdate())
    return [
        t for t in workflow_of(review).available(review, user)
        if not (t.after_posting and posting)
    ]  # fmt: skip
