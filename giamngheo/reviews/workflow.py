"""The two review workflows as data: states, transitions, roles allowed, guards.

``TRANSITIONS`` (ad-hoc) and ``ANNUAL_TRANSITIONS`` list, for each action, the states it
starts from, the state it leads to, the roles over the commune that may take it and a
guard that says, in words a person understands, why it cannot be taken yet. Operations
that do not move the state (recording a meeting, a complaint, a note) are in
``OPERATIONS``. ``begin``/``finish`` are the one way a review changes state: they lock the
review, check the version, the state, the role and the guard, and write a ``Step``.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from giamngheo.accounts.models import Role
from giamngheo.accounts.scoping import roles_over, sees_everything
from giamngheo.core.concurrency import EditConflict
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

OFFICER, LEADER, COLLABORATOR = Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER, Role.COLLABORATOR

Guard = Callable[[object, datetime.date], list[str]]


@dataclass(frozen=True)
class Transition:
    action: str
    label: Promise
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    guard: Guard | None = None
    needs_note: bool = False
    # Not offered while the public posting period runs (nothing is decided before it ends).
    after_posting: bool = False


def _role_names(roles) -> str:
    return ", ".join(str(Role(r).label) for r in sorted(roles))


# ---- guards -------------------------------------------------------------------------------


def _adhoc_has_result(review: AdHocReview, today) -> list[str]:
    if not review.result_category:
        return [_("Record the screening form and the survey form first.")]
    if review.result_category == Category.UNKNOWN:
        return [_("The survey cannot classify the household yet: complete the survey form.")]
    return []


def _adhoc_checked(review: AdHocReview, today) -> list[str]:
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


def _adhoc_posting_over(review: AdHocReview, today) -> list[str]:
    if review.posting_ends_on and today <= review.posting_ends_on:
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


def _adhoc_recognisable(review: AdHocReview, today) -> list[str]:
    problems = _adhoc_posting_over(review, today)
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


def _annual_has_entries(review: AnnualReview, today) -> list[str]:
    if not review.entries.exists():
        return [_("List at least one household to review.")]
    return []


def _annual_all_surveyed(review: AnnualReview, today) -> list[str]:
    missing = review.entries.exclude(result_category__in=_DECIDED_CATEGORIES).count()
    if missing:
        return [_("%(n)d household(s) still need a screening or survey result.") % {"n": missing}]
    return []


_DECIDED_CATEGORIES = [Category.POOR, Category.NEAR_POOR, Category.AVERAGE, Category.NOT_POOR]


def _annual_meetings_agreed(review: AnnualReview, today) -> list[str]:
    problems = []
    for row in village_progress(review):
        if row.entries and not row.agreed:
            problems.append(
                _("%(village)s: no village meeting has agreed the results yet.")
                % {"village": row.village.name}
            )
    return problems


def _annual_posting_done(review: AnnualReview, today) -> list[str]:
    posting = review.postings.order_by("-posted_from", "-id").first()
    problems = []
    if posting is None:
        problems.append(_("The provisional lists have not been posted."))
    elif today <= posting.ends_on:
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

TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "submit",
            gettext_lazy("Record the application"),
            frozenset({""}),
            AdHocState.SUBMITTED,
            frozenset({OFFICER, COLLABORATOR}),
        ),
        Transition(
            "survey",
            gettext_lazy("Record the screening and survey forms"),
            frozenset({AdHocState.SUBMITTED}),
            AdHocState.SURVEYED,
            frozenset({OFFICER, COLLABORATOR}),
            _adhoc_has_result,
        ),
        Transition(
            "check",
            gettext_lazy("Record the commune's check"),
            frozenset({AdHocState.SURVEYED}),
            AdHocState.CHECKED,
            frozenset({OFFICER}),
            _adhoc_checked,
        ),
        Transition(
            "return",
            gettext_lazy("Send back for a new survey"),
            frozenset({AdHocState.SURVEYED, AdHocState.CHECKED}),
            AdHocState.SUBMITTED,
            frozenset({OFFICER}),
            needs_note=True,
        ),
        Transition(
            "recognise",
            gettext_lazy("Decide: recognise"),
            frozenset({AdHocState.CHECKED}),
            AdHocState.RECOGNISED,
            frozenset({LEADER}),
            _adhoc_recognisable,
            after_posting=True,
        ),
        Transition(
            "answer",
            gettext_lazy("Answer in writing: not recognised"),
            frozenset({AdHocState.CHECKED}),
            AdHocState.ANSWERED,
            frozenset({LEADER}),
            _adhoc_posting_over,
            needs_note=True,
            after_posting=True,
        ),
        Transition(
            "withdraw",
            gettext_lazy("Withdraw the application"),
            frozenset({AdHocState.SUBMITTED, AdHocState.SURVEYED}),
            AdHocState.WITHDRAWN,
            frozenset({OFFICER, COLLABORATOR}),
            needs_note=True,
        ),
    )
}

ANNUAL_TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in (
        Transition(
            "open",
            gettext_lazy("Open the annual review"),
            frozenset({""}),
            AnnualState.LISTING,
            frozenset({OFFICER}),
        ),
        Transition(
            "start_survey",
            gettext_lazy("Start screening and survey"),
            frozenset({AnnualState.LISTING}),
            AnnualState.SURVEYING,
            frozenset({OFFICER}),
            _annual_has_entries,
        ),
        Transition(
            "to_meetings",
            gettext_lazy("Move on to the village meetings"),
            frozenset({AnnualState.SURVEYING}),
            AnnualState.MEETINGS,
            frozenset({OFFICER}),
            _annual_all_surveyed,
        ),
        Transition(
            "return_to_survey",
            gettext_lazy("Review again (meeting without agreement)"),
            frozenset({AnnualState.MEETINGS}),
            AnnualState.SURVEYING,
            frozenset({OFFICER}),
            needs_note=True,
        ),
        Transition(
            "post",
            gettext_lazy("Post the provisional lists"),
            frozenset({AnnualState.MEETINGS}),
            AnnualState.POSTING,
            frozenset({OFFICER}),
            _annual_meetings_agreed,
        ),
        Transition(
            "close_posting",
            gettext_lazy("Close the posting"),
            frozenset({AnnualState.POSTING}),
            AnnualState.AWAITING_DECISION,
            frozenset({OFFICER}),
            _annual_posting_done,
            after_posting=True,
        ),
        Transition(
            "decide",
            gettext_lazy("Decide: recognise the lists"),
            frozenset({AnnualState.AWAITING_DECISION}),
            AnnualState.DECIDED,
            frozenset({LEADER}),
            _annual_posting_done,
            after_posting=True,
        ),
        Transition(
            "report",
            gettext_lazy("Report to the level above"),
            frozenset({AnnualState.DECIDED}),
            AnnualState.REPORTED,
            frozenset({OFFICER}),
        ),
    )
}

# Operations that do not change a review's state, and who may perform them.
OPERATIONS: dict[str, frozenset[str]] = {
    "add_entry": frozenset({OFFICER}),
    "survey_entry": frozenset({OFFICER, COLLABORATOR}),
    "record_meeting": frozenset({OFFICER, COLLABORATOR}),
    "receive_complaint": frozenset({OFFICER, COLLABORATOR}),
    "answer_complaint": frozenset({OFFICER}),
    "supervise": frozenset({COLLABORATOR}),
}

OPERATION_LABELS = {
    "add_entry": gettext_lazy("add a household to the list"),
    "survey_entry": gettext_lazy("record a screening or survey form"),
    "record_meeting": gettext_lazy("record a village meeting"),
    "receive_complaint": gettext_lazy("record a complaint"),
    "answer_complaint": gettext_lazy("answer a complaint"),
    "supervise": gettext_lazy("write a supervision note"),
}


def table_for(review) -> dict[str, Transition]:
    return TRANSITIONS if isinstance(review, AdHocReview) else ANNUAL_TRANSITIONS


def user_roles(user, commune) -> set[str]:
    if sees_everything(user):
        return set(Role.values)
    return roles_over(user, commune)


def may(user, commune, roles) -> bool:
    return bool(user_roles(user, commune) & set(roles))


def check_operation(user, commune, operation: str) -> None:
    roles = OPERATIONS[operation]
    if not may(user, commune, roles):
        raise PermissionDenied(
            format_lazy(
                gettext_lazy("Only {roles} may {what}."),
                roles=_role_names(roles),
                what=OPERATION_LABELS[operation],
            )
        )


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
    roles = user_roles(user, review.commune)
    posting = posting_until(review, today or timezone.localdate())
    return [
        t
        for t in table_for(review).values()
        if review.state in t.sources
        and roles & t.roles
        and "" not in t.sources
        and not (t.after_posting and posting)
    ]


def state_label(review, state: str) -> str:
    choices = AdHocState if isinstance(review, AdHocReview) else AnnualState
    return str(choices(state).label) if state else "—"


def begin(review, action: str, *, by, version=None):
    """Lock the review and check that ``by`` may take ``action`` from its current state.

    Returns the locked copy that the caller changes, then passes to ``finish``. Must run
    inside the caller's transaction.
    """
    table = table_for(review)
    transition = table.get(action)
    if transition is None:
        raise ValidationError(_("Unknown action."))
    locked = type(review).objects.select_for_update().select_related("commune").get(pk=review.pk)
    if version not in (None, "") and int(version) != locked.version:
        raise EditConflict(
            _(
                "Someone else moved this review on after you opened it. Nothing was saved; "
                "reload the page to see its current step."
            )
        )
    if not may(by, locked.commune, transition.roles):
        raise PermissionDenied(
            _("Only %(roles)s may do this: %(action)s.")
            % {"roles": _role_names(transition.roles), "action": transition.label}
        )
    if locked.state not in transition.sources:
        raise ValidationError(
            _("“%(action)s” is not possible now: the review is at the step “%(state)s”.")
            % {"action": transition.label, "state": state_label(locked, locked.state)}
        )
    return locked


def finish(locked, action: str, *, by, on: datetime.date, note: str = ""):
    """Run the guard, move the review to the transition's target and record the step."""
    transition = table_for(locked)[action]
    note = (note or "").strip()
    if transition.needs_note and not note:
        raise ValidationError({"note": _("Say why (the note is kept in the history).")})
    if transition.guard is not None:
        problems = transition.guard(locked, on)
        if problems:
            raise ValidationError(problems)
    before = locked.state
    locked.state = transition.target
    locked.version = (locked.version or 0) + 1
    locked._history_user = by
    locked._change_reason = f"{transition.label}{': ' + note if note else ''}"
    locked.save()
    kind = "adhoc" if isinstance(locked, AdHocReview) else "annual"
    Step.objects.create(
        **{kind: locked},
        action=action,
        from_state=before,
        to_state=transition.target,
        by=by,
        on=on,
        note=note,
    )
    return locked


def record_creation(review, *, action: str, by, on: datetime.date, note: str = "") -> None:
    kind = "adhoc" if isinstance(review, AdHocReview) else "annual"
    Step.objects.create(
        **{kind: review},
        action=action,
        from_state="",
        to_state=review.state,
        by=by,
        on=on,
        note=note,
    )
