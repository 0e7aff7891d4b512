"""The annual review's pages: thin views over ``services`` and ``selectors``."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from giamngheo.accounts.capabilities import can, require
from giamngheo.accounts.scoping import scoped
from giamngheo.core.forms import form_page
from giamngheo.geo.models import Level, Unit

from . import pages, selectors, services, workflow
from .forms import (
    AddEntryForm,
    AnnualCreateForm,
    ComplaintAnswerForm,
    ComplaintForm,
    MeetingForm,
    PostForm,
    ReportForm,
)
from .models import AnnualState
from .procedures import procedure_by_code


def _annual_operations(user, review) -> dict[str, bool]:
    """Which of the annual review's recording pages the user is offered."""
    run = can(user, workflow.RUN, review)
    record = can(user, workflow.RECORD, review)
    return {
        "add_entry": run,
        "answer_complaint": run,
        "survey_entry": record,
        "record_meeting": record,
        "receive_complaint": record,
        "supervise": can(user, workflow.SUPERVISE, review),
    }


# ---- annual review ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def annual_create(request):
    capability = workflow.ANNUAL["open"].capability
    communes = scoped(Unit.objects.filter(level=Level.COMMUNE), request.user, via=None).order_by(
        "name"
    )
    allowed = [c.pk for c in communes if can(request.user, capability, c)]
    if not allowed:
        raise PermissionDenied
    today = timezone.localdate()
    form = AnnualCreateForm(
        request.POST or None,
        communes=Unit.objects.filter(pk__in=allowed).order_by("name"),
        initial={"year": today.year},
    )
    return form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Open the annual review"),
            "back": reverse("reviews:review_list"),
            "notes": [
                _(
                    "The review held at the end of a year identifies the lists for the next year, "
                    "under the standard in force then."
                )
            ],
        },
        call=lambda d: services.open_annual_review(
            commune=d["commune"], year=d["year"], by=request.user
        ),
        success=_("Annual review opened."),
        then=lambda review: reverse("reviews:annual_detail", args=[review.pk]),
    )


_DONE = (AnnualState.DECIDED, AnnualState.REPORTED)


@login_required
def annual_detail(request, pk):
    review = selectors.annual_detail(request.user, pk)
    today = timezone.localdate()
    village = None
    if request.GET.get("thon"):
        village = Unit.objects.filter(parent=review.commune, code=request.GET["thon"]).first()
    posting = selectors.current_posting(review)
    context = pages.detail_context(
        request, review, today, moves=pages.ANNUAL_MOVES, is_open=review.state not in _DONE
    )
    context.update(
        {
            "progress": selectors.village_progress(review),
            "entries": selectors.entries_of(review, village=village),
            "village": village,
            "posting": posting,
            "posting_open": posting is not None and today <= posting.ends_on,
            "can": _annual_operations(request.user, review),
            "decision": getattr(review, "decision", None) if review.state in _DONE else None,
        }
    )
    return render(request, "reviews/annual_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def annual_add_entry(request, pk):
    review = selectors.annual_detail(request.user, pk)
    require(request.user, workflow.RUN, review)

    def call(d):
        household = pages.scoped_household(request.user, d["household_code"])
        services.add_entry(review=review, household=household, reason=d["reason"], by=request.user)

    return pages.review_form(
        request,
        AddEntryForm(request.POST or None),
        review,
        title=_("Add a household to the list"),
        notes=[],
        call=call,
        success=_("Household added to the list."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_survey(request, pk, entry):
    entry = selectors.entry_detail(request.user, pk, entry)
    require(request.user, workflow.RECORD, entry.review)

    def record(d):
        d.pop("version", None)  # an entry is not versioned; its review is locked instead
        return services.record_entry_survey(entry=entry, by=request.user, **d)

    return pages.survey_page(
        request,
        entry.review,
        subject=entry.household,
        household=entry.household,
        record=record,
        with_version=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    review = selectors.annual_detail(request.user, pk)
    require(request.user, workflow.RECORD, review)
    procedure = procedure_by_code(review.procedure)
    form = MeetingForm(
        request.POST or None,
        villages=Unit.objects.filter(parent=review.commune, level=Level.VILLAGE).order_by("name"),
        entries=review.entries.select_related("household", "village").order_by(
            "village__name", "household__code"
        ),
        initial={"held_on": timezone.localdate()},
    )

    def call(d):
        d["entries"] = d.pop("households")
        return services.record_meeting(review=review, by=request.user, **d)

    return pages.review_form(
        request,
        form,
        review,
        title=_("Meeting of the village"),
        notes=[_("Agreement: %(rule)s") % {"rule": procedure.meeting_agreement_label}],
        call=call,
        success=_("Village meeting recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def annual_post(request, pk):
    review = selectors.annual_detail(request.user, pk)
    procedure = procedure_by_code(review.procedure)
    places = _("Office of the %(commune)s People's Committee; community houses of the villages") % {
        "commune": review.commune.name
    }
    notes = [
        _("Posting period: %(rule)s") % {"rule": procedure.posting.label},
        _("Complaints re-checked within %(rule)s") % {"rule": procedure.complaint_recheck.label},
    ]
    return pages.step_page(
        request,
        review,
        "post",
        PostForm,
        initial={"posted_from": timezone.localdate(), "places": places},
        service=services.post_lists,
        title=_("Post the provisional lists"),
        notes=notes,
        success=_("Lists posted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_create(request, pk):
    review = selectors.annual_detail(request.user, pk)
    require(request.user, workflow.RECORD, review)
    form = ComplaintForm(
        request.POST or None,
        entries=review.entries.select_related("household", "village").order_by("household__code"),
        initial={"received_on": timezone.localdate()},
    )
    recheck = procedure_by_code(review.procedure).complaint_recheck.label
    return pages.review_form(
        request,
        form,
        review,
        title=_("Complaint during posting"),
        notes=[_("Re-check and answer within %(rule)s") % {"rule": recheck}],
        call=lambda d: services.receive_complaint(review=review, by=request.user, **d),
        success=_("Complaint recorded; the household is reopened."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_answer(request, pk, complaint):
    complaint = selectors.complaint_detail(request.user, pk, complaint)
    require(request.user, workflow.RUN, complaint.review)
    form = ComplaintAnswerForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    return pages.review_form(
        request,
        form,
        complaint.review,
        subject=complaint,
        title=_("Answer the complaint"),
        notes=[complaint.content],
        call=lambda d: services.answer_complaint(complaint=complaint, by=request.user, **d),
        success=_("Complaint answered."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def annual_decide(request, pk):
    review = selectors.annual_detail(request.user, pk)
    return pages.decision_page(
        request,
        review,
        "decide",
        notes=[procedure_by_code(review.procedure).forms["decision"].label],
        service=services.decide_annual,
        success=_("Decision recorded; the households' statuses are updated."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def annual_report(request, pk):
    review = selectors.annual_detail(request.user, pk)
    procedure = procedure_by_code(review.procedure)
    return pages.step_page(
        request,
        review,
        "report",
        ReportForm,
        initial={"reported_on": timezone.localdate(), "recipient": procedure.report_to},
        service=services.report_annual,
        title=_("Report to the level above"),
        notes=[procedure.forms["summary"].label],
        success=_("Report recorded."),
    )
