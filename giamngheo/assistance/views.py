from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.personal_data import record_citizen_id_search
from giamngheo.accounts.scoping import can, can_anywhere, require, visible_units
from giamngheo.core.concurrency import EditConflict
from giamngheo.core.forms import add_service_errors
from giamngheo.core.history import history_entries
from giamngheo.core.search import posted_search
from giamngheo.core.tabular import xlsx_response
from giamngheo.geo.models import Level

from . import selectors, services
from .catalogues import DEADLINE_NOTE, NEED_SOURCE, SHOCK_SOURCE
from .forms import (
    ApplicationForm,
    CloseShockForm,
    HelpRequestForm,
    RequestListFilter,
    ShockForm,
    ShockListFilter,
    StepForm,
    SummaryForm,
    default_period,
)
from .models import ShockState
from .workflow import TRANSITIONS, transitions_from

# The search boxes over households may hold a head's name or a citizen ID: they are posted and
# kept in the session, never put in a URL (core.search.posted_search).
_request_search = posted_search("assistance-requests", on_search=record_citizen_id_search)
_shock_search = posted_search("assistance-shocks", on_search=record_citizen_id_search)
# The household pickers sit in front of the recording forms, which post too.
_picker_search = posted_search(
    "assistance-household", on_search=record_citizen_id_search, shares_post=True
)


def _communes(user):
    return visible_units(user).filter(level=Level.COMMUNE).order_by("name")


# --- requests for help -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@_request_search
def request_list(request):
    filters = RequestListFilter(request.GET, queryset=selectors.request_list(request.user))
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assistance/request_list.html",
        {
            "page": page,
            "filters": filters.form,
            "today": timezone.localdate(),
            "can_record": can_anywhere(request.user, "edit_register"),
        },
    )


@login_required
def overdue(request):
    rows = selectors.overdue_list(request.user)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assistance/overdue.html",
        {"page": page, "today": timezone.localdate(), "deadline_note": DEADLINE_NOTE},
    )


def _chosen_household(request):
    """The household named by ``?ho=``, which the user must be able to edit; else None."""
    code = request.GET.get("ho", "")
    if not code:
        return None
    household = selectors.household_for_recording(request.user, code)
    require(request.user, "edit_register", household.commune)
    return household


def _household_picker(request, template, title):
    query = request.GET.get("q", "")
    return render(
        request,
        template,
        {"title": title, "q": query, "matches": selectors.household_choices(request.user, query)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@_picker_search
def request_add(request):
    if not can_anywhere(request.user, "edit_register"):
        raise PermissionDenied
    household = _chosen_household(request)
    if household is None:
        return _household_picker(
            request, "assistance/pick_household.html", _("Record a request for help")
        )
    form = HelpRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            help_request = services.record_request(
                household=household, by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Request recorded and sent to the commune officer."))
            return redirect("assistance:request_detail", pk=help_request.pk)
    return render(
        request,
        "assistance/request_form.html",
        {"form": form, "household": household, "need_source": NEED_SOURCE},
        status=400 if form.is_bound and form.errors else 200,
    )


def _step_forms(user, help_request, bound=None):
    """The forms of the steps this user may take now, the bound one (after a refusal) kept."""
    forms = []
    for step in transitions_from(help_request.state):
        if not services.may_take(user, help_request, step):
            continue
        if bound is not None and bound.action == step.action:
            form = bound
        else:
            form = StepForm(action=step.action, initial={"version": help_request.version})
        forms.append((step, form))
    return forms


def _render_detail(request, help_request, bound=None, status=200):
    return render(
        request,
        "assistance/request_detail.html",
        {
            "r": help_request,
            "steps": selectors.request_steps(help_request),
            "step_forms": _step_forms(request.user, help_request, bound),
            "indicators": selectors.need_indicators(help_request),
            "today": timezone.localdate(),
            "history": history_entries(help_request),
            "deadline_note": DEADLINE_NOTE,
        },
        status=status,
    )


@login_required
def request_detail(request, pk):
    return _render_detail(request, selectors.request_detail(request.user, pk))


@login_required
@require_POST
def request_step(request, pk, action):
    help_request = selectors.request_detail(request.user, pk)
    step = TRANSITIONS.get(action)
    if step is None:
        raise Http404
    if not services.may_take(request.user, help_request, step) and (
        help_request.state in step.sources
    ):
        raise PermissionDenied
    form = StepForm(request.POST, action=action)
    if form.is_valid():
        try:
            services.transition(
                help_request=help_request,
                action=action,
                by=request.user,
                version=form.cleaned_data["version"],
                **form.service_data(),
            )
        except EditConflict as exc:
            add_service_errors(form, exc)
            help_request.refresh_from_db()
            return _render_detail(request, help_request, form, status=409)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Saved: %(step)s.") % {"step": step.label})
            return redirect("assistance:request_detail", pk=help_request.pk)
    return _render_detail(request, help_request, form, status=400)


# --- shocks -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@_shock_search
def shock_list(request):
    filters = ShockListFilter(request.GET, queryset=selectors.shock_list(request.user))
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assistance/shock_list.html",
        {
            "page": page,
            "filters": filters.form,
            "can_record": can_anywhere(request.user, "edit_register"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@_picker_search
def shock_add(request):
    if not can_anywhere(request.user, "edit_register"):
        raise PermissionDenied
    household = _chosen_household(request)
    if household is None:
        return _household_picker(
            request, "assistance/pick_household.html", _("Record a shock or family change")
        )
    form = ShockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            shock = services.record_shock(household=household, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Shock recorded: the household is marked at risk."))
            return redirect("assistance:shock_detail", pk=shock.pk)
    return render(
        request,
        "assistance/shock_form.html",
        {"form": form, "household": household, "shock_source": SHOCK_SOURCE},
        status=400 if form.is_bound and form.errors else 200,
    )


def _render_shock(request, shock, close_form=None, status=200):
    may_edit = can(request.user, "edit_register", shock.commune)
    at_risk = shock.state == ShockState.AT_RISK
    if close_form is None and may_edit and at_risk:
        close_form = CloseShockForm(initial={"version": shock.version})
    return render(
        request,
        "assistance/shock_detail.html",
        {
            "shock": shock,
            "may_edit": may_edit,
            "close_form": close_form if at_risk else None,
            "application_form": ApplicationForm(initial={"version": shock.version})
            if may_edit and at_risk
            else None,
            "shock_source": SHOCK_SOURCE,
            "history": history_entries(shock),
        },
        status=status,
    )


@login_required
def shock_detail(request, pk):
    return _render_shock(request, selectors.shock_detail(request.user, pk))


@login_required
@require_POST
def shock_close(request, pk):
    shock = selectors.shock_detail(request.user, pk)
    require(request.user, "edit_register", shock.commune)
    form = CloseShockForm(request.POST)
    if form.is_valid():
        try:
            services.close_shock(shock=shock, by=request.user, **form.cleaned_data)
        except EditConflict as exc:
            add_service_errors(form, exc)
            shock.refresh_from_db()
            return _render_shock(request, shock, form, status=409)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Shock closed."))
            return redirect("assistance:shock_detail", pk=shock.pk)
    return _render_shock(request, shock, form, status=400)


@login_required
@require_POST
def shock_application(request, pk):
    """One action: the prefilled inclusion application of the ad-hoc review."""
    shock = selectors.shock_detail(request.user, pk)
    require(request.user, "edit_register", shock.commune)
    form = ApplicationForm(request.POST)
    if form.is_valid():
        try:
            application = services.start_inclusion_application(
                shock=shock, by=request.user, version=form.cleaned_data["version"]
            )
        except EditConflict as exc:
            shock.refresh_from_db()
            messages.error(request, " ".join(exc.messages))
            return _render_shock(request, shock, status=409)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return _render_shock(request, shock, status=400)
        messages.success(request, _("Inclusion application started in the ad-hoc review."))
        return redirect("reviews:adhoc_detail", pk=application.pk)
    return _render_shock(request, shock, status=400)


# --- likely to escape ---------------------------------------------------------------------------


@login_required
def likely_to_escape(request):
    commune = request.GET.get("xa", "")
    rows = selectors.likely_to_escape(request.user, commune=commune)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assistance/likely_to_escape.html",
        {
            "page": page,
            "stale": selectors.listed_with_stale_assessment(request.user),
            "communes": _communes(request.user),
            "commune": commune,
            "can_apply": can_anywhere(request.user, "edit_register"),
        },
    )


@login_required
@require_POST
def exit_application(request, code):
    """From the likely-to-escape list: the prefilled exit application (Form 04)."""
    household = selectors.household_for_recording(request.user, code)
    require(request.user, "edit_register", household.commune)
    try:
        application = services.start_exit_application(household=household, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("assistance:likely_to_escape")
    messages.success(request, _("Exit application started in the ad-hoc review."))
    return redirect("reviews:adhoc_detail", pk=application.pk)


# --- summary ------------------------------------------------------------------------------------


def _summary(request):
    start, end = default_period(timezone.localdate())
    form = SummaryForm(
        request.GET or {"tu": start.isoformat(), "den": end.isoformat()},
        communes=_communes(request.user),
    )
    if form.is_valid():
        start, end = form.cleaned_data["tu"], form.cleaned_data["den"]
        commune = form.cleaned_data["xa"]
    else:
        commune = ""
    return form, selectors.summary(request.user, start=start, end=end, commune=commune)


@login_required
def summary(request):
    form, result = _summary(request)
    return render(
        request,
        "assistance/summary.html",
        {"form": form, "s": result, "query": request.GET.urlencode()},
    )


@login_required
def summary_export(request):
    _form, s = _summary(request)
    headers = [
        _("Commune"),
        _("Kind of need"),
        _("Requests"),
        _("Accepted"),
        _("Not accepted"),
        _("Awaiting an answer"),
        _("Carried out"),
        _("Requests with the household informed"),
        _("Households informed"),
        _("Withdrawn"),
        _("Average days to answer"),
        _("Longest days to answer"),
        _("Shocks recorded"),
    ]

    def figures(row):
        average = row["average_days_to_answer"]
        return [
            row["requests"],
            row["accepted"],
            row["not_accepted"],
            row["awaiting_answer"],
            row["carried_out"],
            row["informed"],
            row["households_informed"],
            row["withdrawn"],
            round(average, 1) if average is not None else None,
            row["longest_days_to_answer"],
        ]

    rows = [[c["commune__name"], _("All kinds"), *figures(c), c["shocks"]] for c in s.communes]
    rows += [[_("Whole area"), k["label"], *figures(k), None] for k in s.kinds]
    rows.append([_("Whole area"), _("All kinds"), *figures(s.total), s.total["shocks"]])
    return xlsx_response(
        f"tong-hop-tro-giup-{s.start:%Y%m%d}-{s.end:%Y%m%d}.xlsx",
        headers,
        rows,
        sheet_title=_("Requests for help"),
    )
