"""Thin views: parse the form, call one service or selector, render."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from giamngheo.accounts.capabilities import can, require
from giamngheo.accounts.personal_data import record_citizen_id_search
from giamngheo.core.forms import form_page, initial_from_post

from . import pages, selectors, services, workflow
from .forms import (
    AdHocListFilter,
    AnswerForm,
    ApplicationForm,
    CheckForm,
)
from .models import ADHOC_OPEN_STATES, AdHocState
from .procedures import procedure_by_code

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
        household = pages.scoped_household(request.user, data.pop("household_code"))
        return services.submit_application(household=household, by=request.user, **data)

    return form_page(
        request,
        form,
        "reviews/adhoc_create.html",
        {"query": query, "matches": selectors.households_for_application(request.user, query)},
        call=call,
        success=_("Application recorded."),
        then=lambda review: reverse("reviews:adhoc_detail", args=[review.pk]),
    )


@login_required
def adhoc_detail(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    is_open = review.state in ADHOC_OPEN_STATES
    context = pages.detail_context(
        request, review, timezone.localdate(), moves=pages.ADHOC_MOVES, is_open=is_open
    )
    context["can_note"] = can(request.user, workflow.SUPERVISE, review)
    return render(request, "reviews/adhoc_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_survey(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    pages.require_step(request.user, review, "survey")
    return pages.survey_page(
        request,
        review,
        household=review.household,
        record=lambda d: services.record_adhoc_survey(review=review, by=request.user, **d),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_check(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    procedure = procedure_by_code(review.procedure)
    notes = [_("Posting period: %(rule)s") % {"rule": procedure.posting.label}]
    if procedure.village_meeting_for_adhoc:
        notes.insert(
            0, _("Village meeting: %(rule)s") % {"rule": procedure.meeting_agreement_label}
        )
    return pages.step_page(
        request,
        review,
        "check",
        CheckForm,
        service=services.record_adhoc_check,
        title=_("Commune's check"),
        notes=notes,
        success=_("Check recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_decide(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    notes = [
        procedure_by_code(review.procedure).forms["decision"].label,
        _("Proposed status: %(status)s") % {"status": review.get_result_status_display()},
    ]
    return pages.decision_page(
        request,
        review,
        "recognise",
        notes=notes,
        service=services.recognise_adhoc,
        success=_("Decision recorded; the household's status is updated."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_answer(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    return pages.step_page(
        request,
        review,
        "answer",
        AnswerForm,
        service=services.answer_adhoc,
        title=_("Written answer to the household"),
        notes=[review.result_explanation],
        success=_("Answer recorded."),
    )
