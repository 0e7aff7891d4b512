"""Thin views: parse the form, call one service or selector, render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.personal_data import record_citizen_id_search
from giamngheo.accounts.scoping import current_assignments, scoped, sees_everything
from giamngheo.core.concurrency import EditConflict
from giamngheo.core.forms import add_service_errors, initial_from_post
from giamngheo.core.history import history_entries
from giamngheo.geo.models import Level, Unit
from giamngheo.households.models import Household

from . import printing, selectors, services, workflow
from .forms import (
    AddEntryForm,
    AnnualCreateForm,
    AnswerForm,
    ApplicationForm,
    CheckForm,
    ComplaintAnswerForm,
    ComplaintForm,
    DecisionForm,
    MeetingForm,
    MoveForm,
    NoteForm,
    PostForm,
    ReportForm,
    SurveyEntryForm,
)
from .models import ADHOC_OPEN_STATES, AdHocState, AnnualState
from .procedures import procedure_by_code


def _holds_any(user, roles) -> bool:
    return sees_everything(user) or any(a.role in roles for a in current_assignments(user))


def _form_page(request, form, template, context, call, success_message, success_url):
    """Validate, call the service, and redirect; errors stay next to the fields."""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except EditConflict as exc:
            add_service_errors(form, exc)
            status = 409
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    return render(request, template, {**context, "form": form}, status=status)


def _steps(review):
    steps = list(review.steps.all())
    for step in steps:
        step.from_label = workflow.state_label(review, step.from_state)
        step.to_label = workflow.state_label(review, step.to_state)
    return steps


def _require(user, commune, roles):
    if not workflow.may(user, commune, roles):
        raise PermissionDenied


def _scoped_household(user, code: str):
    return (
        scoped(Household.objects.select_related("commune"), user, via="commune")
        .filter(code=code.strip())
        .first()
    )


# ---- lists --------------------------------------------------------------------------------


@login_required
def review_list(request):
    state = request.GET.get("trang-thai", "")
    if state not in AdHocState.values:
        state = ""
    adhoc = selectors.adhoc_list(request.user, state=state)
    if not state:
        adhoc = adhoc.filter(state__in=ADHOC_OPEN_STATES)
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
            "can_apply": _holds_any(request.user, workflow.TRANSITIONS["submit"].roles),
            "can_open": _holds_any(request.user, workflow.ANNUAL_TRANSITIONS["open"].roles),
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
    if not _holds_any(request.user, workflow.TRANSITIONS["submit"].roles):
        raise PermissionDenied
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
    created = {}

    def call(data):
        household = _scoped_household(request.user, data["household_code"])
        if household is None:
            raise ValidationError(
                {"household_code": _("No household with this code in your area.")}
            )
        created["review"] = services.submit_application(
            household=household,
            kind=data["kind"],
            channel=data["channel"],
            applicant_name=data["applicant_name"],
            reason=data["reason"],
            received_on=data["received_on"],
            by=request.user,
        )

    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Application recorded."))
            return redirect("reviews:adhoc_detail", pk=created["review"].pk)
    return render(
        request,
        "reviews/adhoc_create.html",
        {
            "form": form,
            "query": query,
            "matches": selectors.households_for_application(request.user, query),
        },
        status=status,
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
            "can_note": workflow.may(
                request.user, review.commune, workflow.OPERATIONS["supervise"]
            ),
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
    _require(request.user, review.commune, workflow.TRANSITIONS["survey"].roles)
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
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Screening and survey"),
            "subject": review,
            "back": reverse("reviews:adhoc_detail", args=[pk]),
            "notes": [
                procedure.forms["screening"].label,
                procedure.forms["survey"].label,
                _("Standard %(code)s. Pre-filled from the register: %(why)s")
                % {"code": review.standard, "why": prefill["explanation"]},
            ],
        },
        lambda d: services.record_adhoc_survey(
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
        _("Survey recorded; the engine computed the result."),
        reverse("reviews:adhoc_detail", args=[pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_check(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    _require(request.user, review.commune, workflow.TRANSITIONS["check"].roles)
    procedure = procedure_by_code(review.procedure)
    form = CheckForm(request.POST or None, initial={"version": review.version})
    notes = [_("Posting period: %(rule)s") % {"rule": procedure.posting.label}]
    if procedure.village_meeting_for_adhoc:
        notes.insert(
            0, _("Village meeting: %(rule)s") % {"rule": procedure.meeting_agreement_label}
        )
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Commune's check"),
            "subject": review,
            "back": reverse("reviews:adhoc_detail", args=[pk]),
            "notes": notes,
        },
        lambda d: services.record_adhoc_check(
            review=review,
            meeting_held_on=d["meeting_held_on"],
            present=d["present"],
            agreeing=d["agreeing"],
            posted_on=d["posted_on"],
            note=d["note"],
            version=d["version"],
            by=request.user,
        ),
        _("Check recorded."),
        reverse("reviews:adhoc_detail", args=[pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_decide(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    _require(request.user, review.commune, workflow.TRANSITIONS["recognise"].roles)
    procedure = procedure_by_code(review.procedure)
    form = DecisionForm(
        request.POST or None,
        initial={
            "version": review.version,
            "signed_on": timezone.localdate(),
            "signer_name": request.user.full_name,
        },
    )
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Decision of the commune People's Committee"),
            "subject": review,
            "back": reverse("reviews:adhoc_detail", args=[pk]),
            "notes": [
                procedure.forms["decision"].label,
                _("Proposed status: %(status)s") % {"status": review.get_result_status_display()},
            ],
        },
        lambda d: services.recognise_adhoc(
            review=review,
            number=d["number"],
            signed_on=d["signed_on"],
            signer_name=d["signer_name"],
            version=d["version"],
            by=request.user,
        ),
        _("Decision recorded; the household's status is updated."),
        reverse("reviews:adhoc_detail", args=[pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_answer(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    _require(request.user, review.commune, workflow.TRANSITIONS["answer"].roles)
    form = AnswerForm(request.POST or None, initial={"version": review.version})
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Written answer to the household"),
            "subject": review,
            "back": reverse("reviews:adhoc_detail", args=[pk]),
            "notes": [review.result_explanation],
        },
        lambda d: services.answer_adhoc(
            review=review, answer=d["answer"], version=d["version"], by=request.user
        ),
        _("Answer recorded."),
        reverse("reviews:adhoc_detail", args=[pk]),
    )


def _move(request, review, action, detail_url):
    if action not in workflow.table_for(review):
        raise Http404
    form = MoveForm(request.POST)
    form.is_valid()
    try:
        services.move(
            review,
            action=action,
            note=form.cleaned_data.get("note", ""),
            version=form.cleaned_data.get("version"),
            by=request.user,
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, str(workflow.table_for(review)[action].label))
    return redirect(detail_url)


@login_required
@require_POST
def adhoc_move(request, pk, action):
    review = selectors.adhoc_detail(request.user, pk)
    if action not in ("withdraw", "return"):
        raise Http404
    return _move(request, review, action, reverse("reviews:adhoc_detail", args=[pk]))


def _note_page(request, review, back):
    _require(request.user, review.commune, workflow.OPERATIONS["supervise"])
    form = NoteForm(request.POST or None, initial={"noted_on": timezone.localdate()})
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Supervision note"),
            "subject": review,
            "back": back,
            "notes": [_("The note is also added to your activity log.")],
        },
        lambda d: services.add_supervision_note(
            review=review,
            step=d["step"],
            verdict=d["verdict"],
            text=d["text"],
            noted_on=d["noted_on"],
            by=request.user,
        ),
        _("Supervision note saved."),
        back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhoc_note(request, pk):
    review = selectors.adhoc_detail(request.user, pk)
    return _note_page(request, review, reverse("reviews:adhoc_detail", args=[pk]))


# ---- annual review ------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def annual_create(request):
    roles = workflow.ANNUAL_TRANSITIONS["open"].roles
    communes = scoped(Unit.objects.filter(level=Level.COMMUNE), request.user, via=None).order_by(
        "name"
    )
    allowed = [c.pk for c in communes if workflow.may(request.user, c, roles)]
    if not allowed:
        raise PermissionDenied
    today = timezone.localdate()
    form = AnnualCreateForm(
        request.POST or None,
        communes=Unit.objects.filter(pk__in=allowed).order_by("name"),
        initial={"year": today.year},
    )
    created = {}

    def call(d):
        created["review"] = services.open_annual_review(
            commune=d["commune"], year=d["year"], by=request.user
        )

    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Annual review opened."))
            return redirect("reviews:annual_detail", pk=created["review"].pk)
    return render(
        request,
        "reviews/form.html",
        {
            "form": form,
            "title": _("Open the annual review"),
            "back": reverse("reviews:review_list"),
            "notes": [
                _(
                    "The review held at the end of a year identifies the lists for the next year, "
                    "under the standard in force then."
                )
            ],
        },
    )


@login_required
def annual_detail(request, pk):
    review = selectors.annual_detail(request.user, pk)
    today = timezone.localdate()
    actions = workflow.available_actions(review, request.user, today)
    roles = workflow.user_roles(request.user, review.commune)
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
            "can": {op: bool(roles & r) for op, r in workflow.OPERATIONS.items()},
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
    _require(request.user, review.commune, workflow.OPERATIONS["add_entry"])
    form = AddEntryForm(request.POST or None)
    back = reverse("reviews:annual_detail", args=[pk])

    def call(d):
        household = _scoped_household(request.user, d["household_code"])
        if household is None:
            raise ValidationError(
                {"household_code": _("No household with this code in your area.")}
            )
        services.add_entry(review=review, household=household, reason=d["reason"], by=request.user)

    return _form_page(
        request, form, "reviews/form.html",
        {"title": _("Add a household to the list"), "subject": review, "back": back, "notes": []},
        call, _("Household added to the list."), back,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def entry_survey(request, pk, entry):
    entry = selectors.entry_detail(request.user, pk, entry)
    review = entry.review
    _require(request.user, review.commune, workflow.OPERATIONS["survey_entry"])
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
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Screening and survey"),
            "subject": entry.household,
            "back": back,
            "notes": [
                procedure.forms["screening"].label,
                procedure.forms["survey"].label,
                _("Standard %(code)s. Pre-filled from the register: %(why)s")
                % {"code": review.standard, "why": prefill["explanation"]},
            ],
        },
        lambda d: services.record_entry_survey(
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
        _("Survey recorded; the engine computed the result."),
        back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, pk):
    review = selectors.annual_detail(request.user, pk)
    _require(request.user, review.commune, workflow.OPERATIONS["record_meeting"])
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
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Meeting of the village"),
            "subject": review,
            "back": back,
            "notes": [_("Agreement: %(rule)s") % {"rule": procedure.meeting_agreement_label}],
        },
        lambda d: services.record_meeting(
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
        _("Village meeting recorded."),
        back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def annual_post(request, pk):
    review = selectors.annual_detail(request.user, pk)
    _require(request.user, review.commune, workflow.ANNUAL_TRANSITIONS["post"].roles)
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
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Post the provisional lists"),
            "subject": review,
            "back": back,
            "notes": [
                _("Posting period: %(rule)s") % {"rule": procedure.posting.label},
                _("Complaints re-checked within %(rule)s")
                % {"rule": procedure.complaint_recheck.label},
            ],
        },
        lambda d: services.post_lists(
            review=review,
            posted_from=d["posted_from"],
            places=d["places"],
            version=d["version"],
            by=request.user,
        ),
        _("Lists posted."),
        back,
    )


def _posting_data(request, pk):
    review = selectors.annual_detail(request.user, pk)
    village = None
    if request.GET.get("thon"):
        village = Unit.objects.filter(parent=review.commune, code=request.GET["thon"]).first()
        if village is None:
            raise Http404
    lists = selectors.posting_lists(review, village=village)
    suffix = f"-{village.code}" if village else ""
    return (
        review,
        lists,
        selectors.current_posting(review),
        village,
        f"niem-yet-{review.year}{suffix}",
    )


@login_required
def posting_pdf(request, pk):
    review, lists, posting, village, name = _posting_data(request, pk)
    response = HttpResponse(
        printing.posting_pdf(review, lists, posting, village), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def posting_xlsx(request, pk):
    review, lists, posting, village, name = _posting_data(request, pk)
    response = HttpResponse(
        printing.posting_xlsx(review, lists, posting, village), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def complaint_create(request, pk):
    review = selectors.annual_detail(request.user, pk)
    _require(request.user, review.commune, workflow.OPERATIONS["receive_complaint"])
    form = ComplaintForm(
        request.POST or None,
        entries=review.entries.select_related("household", "village").order_by("household__code"),
        initial={"received_on": timezone.localdate()},
    )
    procedure = procedure_by_code(review.procedure)
    back = reverse("reviews:annual_detail", args=[pk])
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Complaint during posting"),
            "subject": review,
            "back": back,
            "notes": [
                _("Re-check and answer within %(rule)s")
                % {"rule": procedure.complaint_recheck.label}
            ],
        },
        lambda d: services.receive_complaint(
            review=review,
            entry=d["entry"],
            received_on=d["received_on"],
            complainant=d["complainant"],
            content=d["content"],
            by=request.user,
        ),
        _("Complaint recorded; the household is reopened."),
        back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def complaint_answer(request, pk, complaint):
    complaint = selectors.complaint_detail(request.user, pk, complaint)
    _require(request.user, complaint.review.commune, workflow.OPERATIONS["answer_complaint"])
    form = ComplaintAnswerForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    back = reverse("reviews:annual_detail", args=[pk])
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {
            "title": _("Answer the complaint"),
            "subject": complaint,
            "back": back,
            "notes": [complaint.content],
        },
        lambda d: services.answer_complaint(
            complaint=complaint,
            verification=d["verification"],
            answer=d["answer"],
            answered_on=d["answered_on"],
            by=request.user,
        ),
        _("Complaint answered."),
        back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def annual_decide(request, pk):
    review = selectors.annual_detail(request.user, pk)
    _require(request.user, review.commune, workflow.ANNUAL_TRANSITIONS["decide"].roles)
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
    return _form_page(
        request,
        form,
        "reviews/form.html",
        {"title": _("Decision of the commune People's Committee"), "subject": review, "back": back,
         "notes": [procedure.forms["decision"].label]},
        lambda d: services.decide_annual(
            review=review, number=d["number"], signed_on=d["signed_on"], signer_name=d["signer_name"],
            version=d["version"], by=request.user,
        ),
        _("Decision recorded; the households' statuses are updated."),
        back,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def annual_report(request, pk):
    review = selectors.annual_detail(request.user, pk)
    _require(request.user, review.commune, workflow.ANNUAL_TRANSITIONS["report"].roles)
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
    return _form_page(
        request, form, "reviews/form.html",
        {"title": _("Report to the level above"), "subject": review, "back": back, "notes": [procedure.forms["summary"].label]},
        lambda d: services.report_annual(
            review=review, reported_on=d["reported_on"], recipient=d["recipient"], version=d["version"], by=request.user
        ),
        _("Report recorded."), back,
    )  # fmt: skip


def _summary(request, pk):
    review = selectors.annual_detail(request.user, pk)
    rows, total = selectors.summary_table(review)
    form = procedure_by_code(review.procedure).forms["summary"].label
    decision = (
        getattr(review, "decision", None)
        if review.state in (AnnualState.DECIDED, AnnualState.REPORTED)
        else None
    )
    return review, rows, total, form, decision


@login_required
def summary_pdf(request, pk):
    review, rows, total, form, decision = _summary(request, pk)
    response = HttpResponse(
        printing.summary_pdf(review, rows, total, form, decision), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="bieu-tong-hop-{review.year}.pdf"'
    return response


@login_required
def summary_xlsx(request, pk):
    review, rows, total, form, _decision = _summary(request, pk)
    response = HttpResponse(printing.summary_xlsx(review, rows, total, form), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="bieu-tong-hop-{review.year}.xlsx"'
    return response


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
