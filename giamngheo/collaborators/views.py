from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.capabilities import can, holds, require
from giamngheo.accounts.personal_data import citizen_id_for, record_citizen_id_search
from giamngheo.accounts.scoping import scoped
from giamngheo.core.forms import RecordPages, form_page, initial_from_post, posted_form
from giamngheo.core.history import history_entries
from giamngheo.core.params import id_param, year_param
from giamngheo.core.periods import Period
from giamngheo.core.search import posted_search
from giamngheo.core.tabular import xlsx_response

from . import report_window, selectors, services
from .addendum import report_addendum
from .allowances import allowance_sheet
from .duties import duty_catalogue
from .forms import (
    ActivityForm,
    AssignmentForm,
    CollaboratorForm,
    CollaboratorListFilter,
    ContractForm,
    EvaluationForm,
    RenewalForm,
    ReportDecisionForm,
    SubmitReportForm,
    TrainingForm,
)
from .models import (
    ALLOWED_ATTACHMENTS,
    REPORT_KINDS,
    Contract,
    Grade,
    MassOrganisation,
    ReportState,
    Status,
)


def _period(slug: str) -> Period:
    try:
        return Period.parse(slug, REPORT_KINDS)
    except ValueError as exc:
        raise Http404 from exc


def _searching(request) -> bool:
    """The household search button was pressed: show the form again, save nothing.

    The search is posted with the form (its term never in a URL); a citizen ID searched for
    is filed in the read audit."""
    searching = request.method == "POST" and "tim" in request.POST
    if searching:
        record_citizen_id_search(request, (request.POST.get("household_query") or "").strip())
    return searching


def _require_office(user, collaborator) -> None:
    require(user, "manage_collaborators", collaborator)


def _is_self(user, collaborator) -> bool:
    """The collaborator acting on their own log, while holding the role over the commune."""
    return collaborator.user_id == user.pk and holds(user, "act_as_collaborator", collaborator)


def _require_self(user, collaborator) -> None:
    if not _is_self(user, collaborator):
        raise PermissionDenied


# --- home: the office's dashboard or the collaborator's own page -----------------------


@login_required
@posted_search(
    "collaborators", on_search=record_citizen_id_search
)  # the roster is searched by citizen ID too: never in the URL
def home(request):
    user = request.user
    if selectors.own_work_only(user):
        own = selectors.own_record_pk(user)
        if own is None:
            return render(request, "collaborators/no_record.html")
        return redirect("collaborators:detail", pk=own)
    roster = CollaboratorListFilter(request.GET, queryset=selectors.collaborators_visible_to(user))
    query = roster.value("q")
    filters = {
        "commune": roster.value("xa"),
        "organisation": roster.value("to_chuc"),
        "status": roster.value("trang_thai"),
    }
    page = Paginator(roster.qs.order_by("commune__name", "full_name"), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "collaborators/home.html",
        {
            "page": page,
            "q": query,
            "filters": filters,
            "organisations": MassOrganisation.choices,
            "statuses": Status.choices,
            "compliance": selectors.compliance_warnings(user),
            "awaiting": selectors.reports_awaiting(user)[:20],
            "period": selectors.default_period(),
            "can_add": selectors.manages_collaborators(user),
        },
    )


@login_required
def duties(request):
    return render(request, "collaborators/duties.html", {"duties": duty_catalogue()})


@login_required
def warnings(request):
    return render(
        request,
        "collaborators/warnings.html",
        {"compliance": selectors.compliance_warnings(request.user)},
    )


# --- roster -------------------------------------------------------------------------------


def _roster_form(request, *, instance=None, initial=None):
    return CollaboratorForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        communes=selectors.communes_for_roster(request.user),
        offices=selectors.offices_for_roster(request.user),
    )


def _roster_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in services.ROSTER_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def collaborator_add(request):
    require(request.user, "manage_collaborators")
    form = _roster_form(request)

    def call(data):
        require(request.user, "manage_collaborators", data["commune"])
        return services.register_collaborator(
            by=request.user, reason=data["reason"], **_roster_fields(form)
        )

    return form_page(
        request,
        form,
        "collaborators/collaborator_form.html",
        call=call,
        success=lambda c: _("Added %(name)s.") % {"name": c.full_name},
        then=lambda c: reverse("collaborators:detail", args=[c.pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def collaborator_edit(request, pk):
    collaborator = selectors.get_collaborator(request.user, pk)
    _require_office(request.user, collaborator)
    form = _roster_form(request, instance=collaborator, initial={"version": collaborator.version})

    def call(data):
        require(request.user, "manage_collaborators", data["commune"])
        return services.update_collaborator(
            collaborator=collaborator,
            version=data["version"],
            by=request.user,
            reason=data["reason"],
            **_roster_fields(form),
        )

    return form_page(
        request,
        form,
        "collaborators/collaborator_form.html",
        {"collaborator": collaborator},
        call=call,
        success=_("Saved %(name)s.") % {"name": collaborator.full_name},
        then=reverse("collaborators:detail", args=[collaborator.pk]),
    )


@login_required
def collaborator_detail(request, pk):
    collaborator = selectors.get_collaborator(request.user, pk)
    period = selectors.default_period()
    context = {
        "collaborator": collaborator,
        "period": period,
        "previous_period": period.previous(),
        **selectors.collaborator_page(collaborator, period),
        "is_self": _is_self(request.user, collaborator),
        "can_manage": can(request.user, "manage_collaborators", collaborator),
        "history": history_entries(
            collaborator,
            mask={
                "citizen_id": lambda v: (
                    citizen_id_for(
                        request.user,
                        "" if v == "—" else v,
                        collaborator.commune,
                        "manage_collaborators",
                    )
                    or "—"
                )
            },
        ),
        **selectors.collaborator_record(collaborator),
    }
    return render(request, "collaborators/collaborator_detail.html", context)


# --- contracts and trainings -------------------------------------------------------------


def _managed_collaborator(request, pk):
    collaborator = selectors.get_collaborator(request.user, pk)
    _require_office(request.user, collaborator)
    return collaborator


def _managed_contract(request, pk):
    contract = get_object_or_404(
        scoped(
            Contract.objects.select_related("collaborator__commune"),
            request.user,
            via="collaborator__commune",
        ),
        pk=pk,
    )
    _require_office(request.user, contract.collaborator)
    return contract


def _collaborator_page(collaborator):
    return reverse("collaborators:detail", args=[collaborator.pk])


_COLLABORATOR = RecordPages(
    _managed_collaborator,
    "collaborator",
    _collaborator_page,
    "collaborators/simple_form.html",
    context=lambda collaborator: {"collaborator": collaborator},
)
_CONTRACT = RecordPages(
    _managed_contract,
    "contract",
    lambda contract: _collaborator_page(contract.collaborator),
    "collaborators/simple_form.html",
    context=lambda contract: {"collaborator": contract.collaborator},
)

contract_add = _COLLABORATOR.form_view(
    ContractForm,
    services.sign_contract,
    title=lambda collaborator: _("New work contract"),
    success=lambda contract: _("Recorded contract %(n)s.") % {"n": contract.number},
)
contract_renew = _CONTRACT.form_view(
    RenewalForm,
    services.renew_contract,
    title=lambda contract: _("Renew contract %(n)s") % {"n": contract.number},
    success=lambda renewal: _("Renewed as contract %(n)s.") % {"n": renewal.number},
    initial=lambda contract: {
        "allowance_coefficient": contract.allowance_coefficient,
        "signer_name": contract.signer_name,
        "signer_title": contract.signer_title,
        "signed_on": timezone.localdate(),
    },
)
training_add = _COLLABORATOR.form_view(
    TrainingForm,
    services.record_training,
    title=lambda collaborator: _("Record a training"),
    success=gettext_lazy("Training recorded."),
)


# --- assignments and the activity log ---------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def assignment_add(request, pk):
    collaborator = selectors.get_collaborator(request.user, pk)
    _require_office(request.user, collaborator)
    period = selectors.default_period()
    searching = _searching(request)
    households, shown = selectors.households_for(
        collaborator,
        query=request.POST.get("household_query", ""),
        chosen=request.POST.getlist("households"),
    )
    initial = {"month": period.start, "due_on": period.end}
    form = AssignmentForm(
        None if searching else (request.POST or None),
        initial=initial_from_post(request.POST, AssignmentForm) if searching else initial,
        villages=selectors.villages_for(collaborator),
        households=households,
        shown_households=shown,
    )
    return form_page(
        request,
        form,
        "collaborators/assignment_form.html",
        {"collaborator": collaborator},
        call=lambda _d: services.assign_task(
            collaborator=collaborator, by=request.user, **form.service_data()
        ),
        success=_("Task assigned to %(name)s.") % {"name": collaborator},
        then=reverse("collaborators:detail", args=[collaborator.pk]),
    )


@login_required
def my_activity_add(request):
    collaborator = selectors.collaborator_of(request.user)
    if collaborator is None:
        raise Http404
    return redirect("collaborators:activity_add", pk=collaborator.pk)


@login_required
@require_http_methods(["GET", "POST"])
def activity_add(request, pk):
    collaborator = selectors.get_collaborator(request.user, pk)
    _require_self(request.user, collaborator)
    period = selectors.default_period()
    tasks = collaborator.assignments.filter(month__gte=period.previous().start).order_by(
        "-month", "duty"
    )
    searching = _searching(request)
    initial, chosen = {}, request.POST.getlist("households")
    if task_pk := id_param(request.GET, "nhiem_vu"):
        task = tasks.filter(pk=task_pk).first()
        if task is not None:
            task_households = [str(pk) for pk in task.households.values_list("pk", flat=True)]
            initial = {"assignment": task, "duty": task.duty, "households": task_households}
            chosen = chosen or task_households
    households, shown = selectors.households_for(
        collaborator, query=request.POST.get("household_query", ""), chosen=chosen
    )
    form = ActivityForm(
        None if searching else (request.POST or None),
        request.FILES or None,
        initial=initial_from_post(request.POST, ActivityForm) if searching else initial,
        villages=selectors.villages_for(collaborator),
        assignments=tasks,
        households=households,
        shown_households=shown,
    )
    return form_page(
        request,
        form,
        "collaborators/activity_form.html",
        {"collaborator": collaborator, "searching": searching},
        call=lambda _d: services.log_activity(
            collaborator=collaborator, by=request.user, **form.service_data()
        ),
        success=_("Activity saved."),
        then=reverse("collaborators:detail", args=[collaborator.pk]),
        error_status=400,
    )


@login_required
def activity_attachment(request, pk):
    """Attachments are served only here, to users who may see the activity."""
    activity = selectors.get_activity(request.user, pk)
    if not activity.attachment:
        raise Http404
    suffix = "." + activity.attachment.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        activity.attachment.open("rb"),
        content_type=ALLOWED_ATTACHMENTS.get(suffix, "application/octet-stream"),
        filename=activity.attachment_name or f"tep{suffix}",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- reports and evaluations ---------------------------------------------------------------


def _report_context(request, collaborator, period, **extra):
    report, compilation = selectors.report_view(collaborator, period)
    evaluation = selectors.get_evaluation(collaborator, period)
    is_office = can(request.user, "manage_collaborators", collaborator)
    is_self = _is_self(request.user, collaborator)
    state = report.state if report else ReportState.DRAFT
    context = {
        "collaborator": collaborator,
        "period": period,
        "report": report,
        "compilation": compilation,
        "activities": selectors.period_activities(collaborator, period),
        "evaluation": evaluation,
        # Inspections that assessed this collaborator inform the office's grade (issue 9).
        "inspection_notes": selectors.evaluation_notes(collaborator, period),
        "can_submit": is_self and state in (ReportState.DRAFT, ReportState.RETURNED),
        "opens_on": report_window.opens_on(period),
        "report_open": report_window.is_open(period, timezone.localdate()),
        "addendum": report_addendum(report),
        "can_decide": is_office and state in (ReportState.SUBMITTED, ReportState.RESUBMITTED),
        "can_evaluate": is_office,
        "submit_form": SubmitReportForm(initial={"note": report.note if report else ""}),
        "decision_form": ReportDecisionForm(),
        "evaluation_form": EvaluationForm(
            initial={
                "grade": evaluation.grade,
                "comments": evaluation.comments,
                "version": evaluation.version,
            }
            if evaluation
            else None
        ),
        "history": history_entries(report) if report else [],
        "evaluation_history": history_entries(evaluation) if evaluation else [],
        "previous": period.previous(),
        "next": period.next(),
    }
    context.update(extra)
    return context


@login_required
def report_detail(request, pk, period):
    collaborator = selectors.get_collaborator(request.user, pk)
    period = _period(period)
    return render(
        request, "collaborators/report.html", _report_context(request, collaborator, period)
    )


def _report_form(request, collaborator, period, form, call, *, success, form_name):
    """A form posted from the report page: back to it on success, else the page again with
    the form's errors (``form_name`` in its context)."""

    def again(status):
        context = _report_context(request, collaborator, period, **{form_name: form})
        return render(request, "collaborators/report.html", context, status=status)

    then = reverse("collaborators:report", args=[collaborator.pk, period.slug])
    return posted_form(request, form, call, success=success, then=then, again=again)


@login_required
@require_POST
def report_submit(request, pk, period):
    collaborator = selectors.get_collaborator(request.user, pk)
    _require_self(request.user, collaborator)
    period = _period(period)
    return _report_form(
        request,
        collaborator,
        period,
        SubmitReportForm(request.POST),
        lambda d: services.submit_report(
            collaborator=collaborator, period=period, by=request.user, **d
        ),
        success=_("Report handed in to the office."),
        form_name="submit_form",
    )


@login_required
@require_POST
def report_decide(request, pk, period):
    collaborator = selectors.get_collaborator(request.user, pk)
    _require_office(request.user, collaborator)
    period = _period(period)
    report = selectors.get_report(collaborator, period)

    def call(data):
        if report is None:
            raise ValidationError(_("The collaborator has not handed in this report yet."))
        decide = services.accept_report if data["decision"] == "accept" else services.return_report
        return decide(report=report, by=request.user, comment=data["comment"])

    return _report_form(
        request,
        collaborator,
        period,
        ReportDecisionForm(request.POST),
        call,
        success=_("Decision recorded."),
        form_name="decision_form",
    )


@login_required
@require_POST
def evaluate(request, pk, period):
    collaborator = selectors.get_collaborator(request.user, pk)
    _require_office(request.user, collaborator)
    period = _period(period)
    return _report_form(
        request,
        collaborator,
        period,
        EvaluationForm(request.POST),
        lambda d: services.evaluate(collaborator=collaborator, period=period, by=request.user, **d),
        success=_("Evaluation saved."),
        form_name="evaluation_form",
    )


# --- statistics, organisation results, allowances --------------------------------------------


@login_required
def statistics(request):
    stats, as_of = selectors.cached_force_statistics(request.user, commune=_commune_param(request))
    return render(request, "collaborators/statistics.html", {"stats": stats, "as_of": as_of})


def _commune_param(request) -> str:
    """The commune the statistics are narrowed to: the roster's ``xa`` (its code)."""
    return CollaboratorListFilter(request.GET).value("xa")


def _percent(value):
    return "" if value is None else float(value)


@login_required
def statistics_export(request):
    stats, _as_of = selectors.cached_force_statistics(request.user, commune=_commune_param(request))
    headers = [
        _("Unit"),
        _("Collaborators"),
        _("Women"),
        _("Share of women"),
        _("Ethnic minority"),
        _("Share of ethnic minorities"),
    ]
    headers += [str(label) for _v, label in MassOrganisation.choices]
    headers += [_("Intermediate or higher"), _("Share trained to intermediate or higher")]

    def row(f, name):
        return [
            name,
            f.total,
            f.women,
            _percent(f.women_share),
            f.minority,
            _percent(f.minority_share),
            *[f.organisations[v] for v in MassOrganisation.values],
            f.qualified,
            _percent(f.qualified_share),
        ]

    rows = [row(f, f.name) for f in stats.communes]
    rows += [row(f, f.name) for f in stats.provinces]
    rows.append(row(stats.total, _("Total")))
    if stats.former_districts:
        rows.append([])
        rows.append([_("By former district (before 7/2025)")])
        rows += [row(f, f.name) for f in stats.former_districts]
    return xlsx_response("thong-ke-ctv.xlsx", headers, rows, sheet_title=_("Statistics"))


@login_required
def organisation_results(request):
    year = year_param(request.GET)
    results = selectors.organisation_results(request.user, year=year)
    return render(
        request,
        "collaborators/organisation_results.html",
        {"results": results, "year": year, "grades": [label for _v, label in Grade.choices]},
    )


def _month(request, slug=None) -> Period:
    slug = slug or request.GET.get("thang")
    if not slug:
        return selectors.default_period()
    period = _period(slug)
    if period.kind != "month":
        raise Http404
    return period


@login_required
def allowances(request):
    period = _month(request)
    sheet = allowance_sheet(request.user, period=period)
    return render(
        request,
        "collaborators/allowances.html",
        {"sheet": sheet, "period": period, "previous": period.previous(), "next": period.next()},
    )


@login_required
def allowances_export(request, period):
    period = _month(request, period)
    sheet = allowance_sheet(request.user, period=period)
    headers = [
        _("No."),
        _("Full name"),
        _("Commune"),
        _("Contract number"),
        _("Allowance coefficient"),
        _("Base amount"),
        _("Days paid"),
        _("Amount (đồng)"),
        _("Signature"),
    ]
    rate = sheet.rate.amount if sheet.rate else None
    rows = [
        [
            i,
            line.contract.collaborator.full_name,
            line.contract.collaborator.commune.name,
            line.contract.number,
            float(line.contract.allowance_coefficient),
            rate,
            line.days,
            line.amount,
            "",
        ]
        for i, line in enumerate(sheet.lines, start=1)
    ]
    rows.append(["", _("Total"), "", "", "", "", "", sheet.total, ""])
    return xlsx_response(
        f"phu-cap-ctv-{period.slug}.xlsx",
        headers,
        rows,
        sheet_title=_("Allowances %(p)s") % {"p": period.slug},
    )
