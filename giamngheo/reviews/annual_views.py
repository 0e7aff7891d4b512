"""The annual review's pages: thin views over ``services`` and ``selectors``."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.capabilities import can, require
from giamngheo.accounts.scoping import scoped
from giamngheo.core.forms import form_page
from giamngheo.core.history import history_entries
from giamngheo.geo.models import Level, Unit

from . import selectors, services, workflow
from .forms import (
    AddEntryForm,
    AnnualCreateForm,
    ComplaintAnswerForm,
    ComplaintForm,
    DecisionForm,
    MeetingForm,
    MoveForm,
    PostForm,
    ReportForm,
    SurveyEntryForm,
)
from .models import AnnualState
from .procedures import procedure_by_code
from .views import (
    _move,
    _note_page,
    _posting_notice,
    _require,
    _review_form,
    _scoped_household,
    _steps,
)


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


@login_required
def annual_detail(request, pk):
    review = selectors.annual_detail(request.user, pk)
    today = timezone.localdate()
    actions = workflow.available_actions(review, request.user, today)
    village = None
    if request.GET.get("thon"):
        village = Unit.objects.filter(parent=review.commune, code=request.GET["thon"]).first()
    posting = selectors.current_posting(review)
    return render(
        request,
        "reviews/annual_detail.html",
        {
            "review": review,
            "procedure": procedure_by_code(review.procedure),
            "progress": selectors.village_progress(review),
            "entries": selectors.entries_of(review, village=village),
            "village": village,
            "posting": posting,
            "posting_open": posting is not None and today <= posting.ends_on,
            **_posting_notice(review, today),
            "actions": [a.action for a in actions],
            "simple_actions": [
                a
                for a in actions
                if a.action in ("start_survey", "to_meetings", "return_to_survey", "close_posting")
            ],
            "move_form": MoveForm(initial={"version": review.version}),
            "can": _annual_operations(request.user, review),
            "history": history_entries(review),
            "steps": _steps(review),
            "today": today,
            "overdue": review.state not in (AnnualState.DECIDED, AnnualState.REPORTED)
            and today > review.due_on,
            "decision": getattr(review, "decision", None)
            if review.state in (AnnualState.DECIDED, AnnualState.REPORTED)
            else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def annual_add_entry(request, pk):
    review = selectors.annual_detail(request.user, pk)
    require(request.user, workflow.RUN, review)
    form = AddEntryForm(request.POST or None)
    back = reverse("reviews:annual_detail", args=[pk])

    def call(d):
        household = _scoped_household(request.user, d["household_code"])
        if household is None:
            raise ValidationError(
                {"household_code": _("No household with this code in your area.")}
            )
        services.add_entry(review=review, household=household, reason=d["reason"], by=request.user)

    return _review_form(
        request,
        form,
        title=_("Add a household to the list"),
        subject=review,
        back=back,
        notes=[],
        call=call,
        success=_("Household added to the list."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def entry_survey(request, pk, entry):
    entry = selectors.entry_detail(request.user, pk, entry)
    review = entry.review
    require(request.user, workflow.RECORD, review)
    today = timezone.localdate()
    prefill = services.engine_prefill(entry.household, review.standard, today)
    form = SurveyEntryForm(
        request.POST or None,
        procedure_code=review.procedure,
        standard_code=review.standard,
        initial={
            "filled_on": today,
            "deprived_indicators": prefill["deprived_indicators"],
            "declared_income": prefill["declared_income"],
        },
    )
    procedure = procedure_by_code(review.procedure)
    back = reverse("reviews:annual_detail", args=[pk])
    return _review_form(
        request,
        form,
        title=_("Screening and survey"),
        subject=entry.household,
        back=back,
        notes=[
            procedure.forms["screening"].label,
            procedure.forms["survey"].label,
            _("Standard %(code)s. Pre-filled from the register: %(why)s")
            % {"code": review.standard, "why": prefill["explanation"]},
        ],
        call=lambda d: services.record_entry_survey(
            entry=entry,
            filled_on=d["filled_on"],
            characteristics=d["characteristics"],
            score_a=d.get("score_a"),
            declared_income=d["declared_income"],
            deprived_indicators=d["deprived_indicators"],
            causes=d["causes"],
            needs=d["needs"],
            by=request.user,
        ),
        success=_("Survey recorded; the engine computed the result."),
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
    back = reverse("reviews:annual_detail", args=[pk])
    return _review_form(
        request,
        form,
        title=_("Meeting of the village"),
        subject=review,
        back=back,
        notes=[_("Agreement: %(rule)s") % {"rule": procedure.meeting_agreement_label}],
        call=lambda d: services.record_meeting(
            review=review,
            village=d["village"],
            held_on=d["held_on"],
            chair=d["chair"],
            attendees=d["attendees"],
            present=d["present"],
            agreeing=d["agreeing"],
            entries=d["households"],
            minutes=d["minutes"],
            by=request.user,
        ),
        success=_("Village meeting recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def annual_post(request, pk):
    review = selectors.annual_detail(request.user, pk)
    _require(request.user, review, "post")
    procedure = procedure_by_code(review.procedure)
    form = PostForm(
        request.POST or None,
        initial={
            "version": review.version,
            "posted_from": timezone.localdate(),
            "places": _(
                "Office of the %(commune)s People's Committee; community houses of the villages"
            )
            % {"commune": review.commune.name},
        },
    )
    back = reverse("reviews:annual_detail", args=[pk])
    return _review_form(
        request,
        form,
        title=_("Post the provisional lists"),
        subject=review,
        back=back,
        notes=[
            _("Posting period: %(rule)s") % {"rule": procedure.posting.label},
            _("Complaints re-checked within %(rule)s")
            % {"rule": procedure.complaint_recheck.label},
        ],
        call=lambda d: services.post_lists(
            review=review,
            posted_from=d["posted_from"],
            places=d["places"],
            version=d["version"],
            by=request.user,
        ),
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
    procedure = procedure_by_code(review.procedure)
    back = reverse("reviews:annual_detail", args=[pk])
    return _review_form(
        request,
        form,
        title=_("Complaint during posting"),
        subject=review,
        back=back,
        notes=[
            _("Re-check and answer within %(rule)s") % {"rule": procedure.complaint_recheck.label}
        ],
        call=lambda d: services.receive_complaint(
            review=review,
            entry=d["entry"],
            received_on=d["received_on"],
            complainant=d["complainant"],
            content=d["content"],
            by=request.user,
        ),
        success=_("Complaint recorded; the household is reopened."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_answer(request, pk, complaint):
    complaint = selectors.complaint_detail(request.user, pk, complaint)
    require(request.user, workflow.RUN, complaint.review)
    form = ComplaintAnswerForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    back = reverse("reviews:annual_detail", args=[pk])
    return _review_form(
        request,
        form,
        title=_("Answer the complaint"),
        subject=complaint,
        back=back,
        notes=[complaint.content],
        call=lambda d: services.answer_complaint(
            complaint=complaint,
            verification=d["verification"],
            answer=d["answer"],
            answered_on=d["answered_on"],
            by=request.user,
        ),
        success=_("Complaint answered."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def annual_decide(request, pk):
    review = selectors.annual_detail(request.user, pk)
    _require(request.user, review, "decide")
    procedure = procedure_by_code(review.procedure)
    form = DecisionForm(
        request.POST or None,
        initial={
            "version": review.version,
            "signed_on": timezone.localdate(),
            "signer_name": request.user.full_name,
        },
    )
    back = reverse("reviews:annual_detail", args=[pk])
    return _review_form(
        request,
        form,
        title=_("Decision of the commune People's Committee"),
        subject=review,
        back=back,
        notes=[procedure.forms["decision"].label],
        call=lambda d: services.decide_annual(
            review=review, number=d["number"], signed_on=d["signed_on"], signer_name=d["signer_name"],
            version=d["version"], by=request.user,
        ),
        success=_("Decision recorded; the households' statuses are updated."),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def annual_report(request, pk):
    review = selectors.annual_detail(request.user, pk)
    _require(request.user, review, "report")
    procedure = procedure_by_code(review.procedure)
    form = ReportForm(
        request.POST or None,
        initial={
            "version": review.version,
            "reported_on": timezone.localdate(),
            "recipient": procedure.report_to,
        },
    )
    back = reverse("reviews:annual_detail", args=[pk])
    return _review_form(
        request,
        form,
        title=_("Report to the level above"),
        subject=review,
        back=back,
        notes=[procedure.forms["summary"].label],
        call=lambda d: services.report_annual(
            review=review, reported_on=d["reported_on"], recipient=d["recipient"], version=d["version"], by=request.user
        ),
        success=_("Report recorded."),
    )  # fmt: skip


@login_required
@require_POST
def annual_move(request, pk, action):
    review = selectors.annual_detail(request.user, pk)
    if action not in ("start_survey", "to_meetings", "return_to_survey", "close_posting"):
        raise Http404
    return _move(request, review, action, reverse("reviews:annual_detail", args=[pk]))


@login_required
@require_http_methods(["GET", "POST"])
def annual_note(request, pk):
    review = selectors.annual_detail(request.user, pk)
    return _note_page(request, review, reverse("reviews:annual_detail", args=[pk]))
