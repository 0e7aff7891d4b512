"""Thin views: parse the form, call one service or selector, render."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.capabilities import can, require
from giamngheo.accounts.personal_data import record_citizen_id_search
from giamngheo.accounts.scoping import scoped
from giamngheo.core.forms import form_page, initial_from_post, run_action
from giamngheo.core.history import history_entries
from giamngheo.households.models import Household

from . import selectors, services, workflow
from .forms import (
    AdHocListFilter,
    AnswerForm,
    ApplicationForm,
    CheckForm,
    DecisionForm,
    MoveForm,
    NoteForm,
    SurveyEntryForm,
)
from .models import ADHOC_OPEN_STATES, AdHocState
from .procedures import procedure_by_code


def _steps(review):
    return workflow.workflow_of(review).steps(review)


def _review_form(request, form, *, title, subject, back, notes, call, success, then=None):
    """A page of the review workflows: the form, what it concerns and the rules that apply."""
    context = {"title": title, "subject": subject, "back": back, "notes": notes}
    return form_page(
        request, form, "reviews/form.html", context, call=call, success=success, then=then or back
    )


def _require(user, review, action):
    """The page of a transition: only for those who may take it (404 outside the area)."""
    require(user, workflow.workflow_of(review)[action].capability, review)


def _scoped_household(user, code: str):
    return (
        scoped(Household.objects.select_related("commune"), user, via="commune")
        .filter(code=code.strip())
        .first()
    )


# ---- lists --------------------------------------------------------------------------------


@login_required
def review_list(request):
    filters = AdHocListFilter(request.GET, queryset=selectors.adhoc_list(request.user))
    state = filters.value("trang_thai")
    adhoc = filters.qs if state else filters.qs.filter(state__in=ADHOC_OPEN_STATES)
    today = timezone.localdate()
    return render(
        request,
        "reviews/review_list.html",
        {
            "adhoc": adhoc[:200],
            "annual": selectors.annual_list(request.user),
            "states": AdHocState.choices,
            "state": state,
            "today": today,
            "can_apply": can(request.user, workflow.ADHOC["submit"].capability),
            "can_open": can(request.user, workflow.ANNUAL["open"].capability),
        },
    )


@login_required
def overdue_list(request):
    today = timezone.localdate()
    return render(
        request,
        "reviews/overdue.html",
        {"overdue": selectors.overdue(request.user, today=today), "today": today},
    )


# ---- ad-hoc review ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_create(request):
    require(request.user, workflow.ADHOC["submit"].capability)
    # The household search is posted with the form (a name or citizen ID never goes into the
    # URL) and shows the form again unbound with what was typed; picking a match fills the code.
    searching = request.method == "POST" and ("tim" in request.POST or "chon_ho" in request.POST)
    query = (request.POST.get("q") or "").strip()[:200] if searching else ""
    if searching:
        initial = initial_from_post(request.POST, ApplicationForm)
        if "chon_ho" in request.POST:
            initial["household_code"] = request.POST["chon_ho"][:40]
            query = ""
        elif "tim" in request.POST:
            record_citizen_id_search(request, query)
    else:
        initial = {"received_on": timezone.localdate(), "household_code": request.GET.get("ho", "")}
    form = ApplicationForm(None if searching else (request.POST or None), initial=initial)

    def call(data):
        household = _scoped_household(request.user, data["household_code"])
        if household is None:
            raise ValidationError(
                {"household_code": _("No household with this code in your area.")}
            )
        return services.submit_application(
            household=household,
            kind=data["kind"],
            channel=data["channel"],
            applicant_name=data["applicant_name"],
            reason=data["reason"],
            received_on=data["received_on"],
            by=request.user,
        )

    return form_page(
        request,
        form,
        "reviews/adhoc_create.html",
        {"query": query, "matches": selectors.households_for_application(request.user, query)},
        call=call,
        success=_("Application recorded."),
        then=lambda review: reverse("reviews:adhoc_detail", args=[review.pk]),
    )


def _adhoc_context(request, review):
    procedure = procedure_by_code(review.procedure)
    return {
        "review": review,
        "procedure": procedure,
        "today": timezone.localdate(),
    }


def _posting_notice(review, today) -> dict:
    """While the posting period runs the decision is not offered; the page says until when."""
    until = workflow.posting_until(review, today)
    return {"posting_until": until, "decide_from": until and until + datetime.timedelta(days=1)}


@login_required
def adhoc_detail(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    context = _adhoc_context(request, review)
    actions = workflow.available_actions(review, request.user, context["today"])
    context.update(
        {
            **_posting_notice(review, context["today"]),
            "actions": [a.action for a in actions],
            "simple_actions": [a for a in actions if a.action in ("withdraw", "return")],
            "move_form": MoveForm(initial={"version": review.version}),
            "can_note": can(request.user, workflow.SUPERVISE, review),
            "history": history_entries(review),
            "steps": _steps(review),
            "overdue": review.state in ADHOC_OPEN_STATES and context["today"] > review.due_on,
        }
    )
    return render(request, "reviews/adhoc_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_survey(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    _require(request.user, review, "survey")
    prefill = services.engine_prefill(review.household, review.standard, timezone.localdate())
    form = SurveyEntryForm(
        request.POST or None,
        procedure_code=review.procedure,
        standard_code=review.standard,
        initial={
            "version": review.version,
            "filled_on": timezone.localdate(),
            "deprived_indicators": prefill["deprived_indicators"],
            "declared_income": prefill["declared_income"],
        },
    )
    procedure = procedure_by_code(review.procedure)
    return _review_form(
        request,
        form,
        title=_("Screening and survey"),
        subject=review,
        back=reverse("reviews:adhoc_detail", args=[pk]),
        notes=[
            procedure.forms["screening"].label,
            procedure.forms["survey"].label,
            _("Standard %(code)s. Pre-filled from the register: %(why)s")
            % {"code": review.standard, "why": prefill["explanation"]},
        ],
        call=lambda d: services.record_adhoc_survey(
            review=review,
            filled_on=d["filled_on"],
            characteristics=d["characteristics"],
            score_a=d.get("score_a"),
            declared_income=d["declared_income"],
            deprived_indicators=d["deprived_indicators"],
            causes=d["causes"],
            needs=d["needs"],
            version=d["version"],
            by=request.user,
        ),
        success=_("Survey recorded; the engine computed the result."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_check(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    _require(request.user, review, "check")
    procedure = procedure_by_code(review.procedure)
    form = CheckForm(request.POST or None, initial={"version": review.version})
    notes = [_("Posting period: %(rule)s") % {"rule": procedure.posting.label}]
    if procedure.village_meeting_for_adhoc:
        notes.insert(
            0, _("Village meeting: %(rule)s") % {"rule": procedure.meeting_agreement_label}
        )
    return _review_form(
        request,
        form,
        title=_("Commune's check"),
        subject=review,
        back=reverse("reviews:adhoc_detail", args=[pk]),
        notes=notes,
        call=lambda d: services.record_adhoc_check(
            review=review,
            meeting_held_on=d["meeting_held_on"],
            present=d["present"],
            agreeing=d["agreeing"],
            posted_on=d["posted_on"],
            note=d["note"],
            version=d["version"],
            by=request.user,
        ),
        success=_("Check recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_decide(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    _require(request.user, review, "recognise")
    procedure = procedure_by_code(review.procedure)
    form = DecisionForm(
        request.POST or None,
        initial={
            "version": review.version,
            "signed_on": timezone.localdate(),
            "signer_name": request.user.full_name,
        },
    )
    return _review_form(
        request,
        form,
        title=_("Decision of the commune People's Committee"),
        subject=review,
        back=reverse("reviews:adhoc_detail", args=[pk]),
        notes=[
            procedure.forms["decision"].label,
            _("Proposed status: %(status)s") % {"status": review.get_result_status_display()},
        ],
        call=lambda d: services.recognise_adhoc(
            review=review,
            number=d["number"],
            signed_on=d["signed_on"],
            signer_name=d["signer_name"],
            version=d["version"],
            by=request.user,
        ),
        success=_("Decision recorded; the household's status is updated."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_answer(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    _require(request.user, review, "answer")
    form = AnswerForm(request.POST or None, initial={"version": review.version})
    return _review_form(
        request,
        form,
        title=_("Written answer to the household"),
        subject=review,
        back=reverse("reviews:adhoc_detail", args=[pk]),
        notes=[review.result_explanation],
        call=lambda d: services.answer_adhoc(
            review=review, answer=d["answer"], version=d["version"], by=request.user
        ),
        success=_("Answer recorded."),
    )


def _move(request, review, action, detail_url):
    flow = workflow.workflow_of(review)
    if action not in flow:
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
        then=detail_url,
    )


@login_required
@require_POST
def adhoc_move(request, pk, action):
    review = selectors.adhoc_detail(request.user, pk)
    if action not in ("withdraw", "return"):
        raise Http404
    return _move(request, review, action, reverse("reviews:adhoc_detail", args=[pk]))


def _note_page(request, review, back):
    require(request.user, workflow.SUPERVISE, review)
    form = NoteForm(request.POST or None, initial={"noted_on": timezone.localdate()})
    return _review_form(
        request,
        form,
        title=_("Supervision note"),
        subject=review,
        back=back,
        notes=[_("The note is also added to your activity log.")],
        call=lambda d: services.add_supervision_note(
            review=review,
            step=d["step"],
            verdict=d["verdict"],
            text=d["text"],
            noted_on=d["noted_on"],
            by=request.user,
        ),
        success=_("Supervision note saved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_note(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    return _note_page(request, review, reverse("reviews:adhoc_detail", args=[pk]))
