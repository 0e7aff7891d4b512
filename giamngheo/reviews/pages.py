"""The page functions both kinds of review share: one set, parameterised by the review.

An ad-hoc and an annual review differ in their steps, not in how a step's page works: the
form, what it concerns, the rules that apply, the service it calls and where it goes back
to. ``workflow.workflow_of`` tells the kind apart; nothing here names it.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.capabilities import require
from giamngheo.accounts.scoping import scoped
from giamngheo.core.forms import form_page, run_action
from giamngheo.core.history import history_entries
from giamngheo.households.models import Household

from . import selectors, services, workflow
from .forms import DecisionForm, MoveForm, NoteForm, SurveyEntryForm
from .models import AdHocReview
from .procedures import procedure_by_code


def detail_url(review) -> str:
    name = "reviews:adhoc_detail" if isinstance(review, AdHocReview) else "reviews:annual_detail"
    return reverse(name, args=[review.pk])


def review_form(request, form, review, *, title, notes, call, success, subject=None):
    """A page of the review workflows: the form, what it concerns (the review unless
    ``subject`` says) and the rules that apply; Cancel and a success go to the review."""
    back = detail_url(review)
    context = {"title": title, "subject": subject or review, "back": back, "notes": notes}
    return form_page(
        request, form, "reviews/form.html", context, call=call, success=success, then=back
    )


def require_step(user, review, action):
    """The page of a transition: only for those who may take it (404 outside the area)."""
    require(user, workflow.workflow_of(review)[action].capability, review)


def step_page(request, review, action, form_class, *, initial=None, service, **page):
    """The page of a transition recorded with a form whose fields are the service's arguments
    (the review's ``version`` among them, so a concurrent save answers 409)."""
    require_step(request.user, review, action)
    form = form_class(request.POST or None, initial={"version": review.version, **(initial or {})})

    def call(data):
        return service(review=review, by=request.user, **data)

    return review_form(request, form, review, call=call, **page)


def decision_page(request, review, action, *, notes, service, success):
    """The commune People's Committee's decision, on either kind of review."""
    initial = {"signed_on": timezone.localdate(), "signer_name": request.user.full_name}
    return step_page(
        request,
        review,
        action,
        DecisionForm,
        initial=initial,
        service=service,
        title=_("Decision of the commune People's Committee"),
        notes=notes,
        success=success,
    )


def survey_page(request, review, *, household, record, subject=None, with_version=True):
    """Screening and survey of a household, pre-filled from the register by the engine;
    ``record(answers)`` calls the service with the form's answers."""
    today = timezone.localdate()
    prefill = services.engine_prefill(household, review.standard, today)
    form = SurveyEntryForm(
        request.POST or None,
        procedure_code=review.procedure,
        standard_code=review.standard,
        initial={
            "version": review.version if with_version else None,
            "filled_on": today,
            "deprived_indicators": prefill["deprived_indicators"],
            "declared_income": prefill["declared_income"],
        },
    )
    procedure = procedure_by_code(review.procedure)
    return review_form(
        request,
        form,
        review,
        title=_("Screening and survey"),
        subject=subject,
        notes=[
            procedure.forms["screening"].label,
            procedure.forms["survey"].label,
            _("Standard %(code)s. Pre-filled from the register: %(why)s")
            % {"code": review.standard, "why": prefill["explanation"]},
        ],
        call=record,
        success=_("Survey recorded; the engine computed the result."),
    )


def scoped_household(user, code: str) -> Household:
    """The household of that code in the user's area, else the form's error."""
    household = (
        scoped(Household.objects.select_related("commune"), user, via="commune")
        .filter(code=code.strip())
        .first()
    )
    if household is None:
        raise ValidationError({"household_code": _("No household with this code in your area.")})
    return household


def posting_notice(review, today) -> dict:
    """While the posting period runs the decision is not offered; the page says until when."""
    until = workflow.posting_until(review, today)
    return {"posting_until": until, "decide_from": until and until + datetime.timedelta(days=1)}


def detail_context(request, review, today, *, moves, is_open) -> dict:
    """What both review pages show: the actions offered (``moves`` as plain buttons), the
    supervision, history and steps."""
    actions = workflow.available_actions(review, request.user, today)
    return {
        "review": review,
        "procedure": procedure_by_code(review.procedure),
        "today": today,
        **posting_notice(review, today),
        "actions": [a.action for a in actions],
        "simple_actions": [a for a in actions if a.action in moves],
        "move_form": MoveForm(initial={"version": review.version}),
        "history": history_entries(review),
        "steps": workflow.workflow_of(review).steps(review),
        "overdue": is_open and today > review.due_on,
    }


# The transitions that record nothing but a note, per kind of review (plain buttons).
ADHOC_MOVES = ("withdraw", "return")
ANNUAL_MOVES = ("start_survey", "to_meetings", "return_to_survey", "close_posting")
# The review of a page, and its plain moves, by the ``kind`` its URL names.
KINDS = {
    "adhoc": (selectors.adhoc_detail, ADHOC_MOVES),
    "annual": (selectors.annual_detail, ANNUAL_MOVES),
}


@login_required
@require_POST
def move(request, pk, action, kind):
    """A transition that records nothing but its note (one of the kind's moves)."""
    get_review, moves = KINDS[kind]
    review = get_review(request.user, pk)
    flow = workflow.workflow_of(review)
    if action not in moves or action not in flow:
        raise Http404
    form = MoveForm(request.POST)
    form.is_valid()
    return run_action(
        request,
        lambda: services.move(
            review,
            action=action,
            note=form.cleaned_data.get("note", ""),
            version=form.cleaned_data.get("version"),
            by=request.user,
        ),
        success=str(flow[action].label),
        then=detail_url(review),
    )


@login_required
@require_http_methods(["GET", "POST"])
def note(request, pk, kind):
    """A supervision note on either kind of review."""
    review = KINDS[kind][0](request.user, pk)
    require(request.user, workflow.SUPERVISE, review)
    form = NoteForm(request.POST or None, initial={"noted_on": timezone.localdate()})
    return review_form(
        request,
        form,
        review,
        title=_("Supervision note"),
        notes=[_("The note is also added to your activity log.")],
        call=lambda d: services.add_supervision_note(review=review, by=request.user, **d),
        success=_("Supervision note saved."),
    )
