from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from giamngheo.accounts.capabilities import can, can_anywhere, require
from giamngheo.accounts.personal_data import record_citizen_id_search
from giamngheo.accounts.scoping import scoped
from giamngheo.core.forms import form_page, posted_form, run_action
from giamngheo.core.history import history_entries
from giamngheo.core.search import posted_search
from giamngheo.core.tabular import xlsx_response
from giamngheo.geo.models import Level, Unit

from . import selectors, services
from .catalogues import DEADLINE_NOTE, NEED_SOURCE, SHOCK_SOURCE
from .forms import (
    ApplicationForm,
    CloseShockForm,
    HelpRequestForm,
    LikelyToEscapeFilter,
    RequestListFilter,
    ShockForm,
    ShockListFilter,
    StepForm,
    SummaryForm,
    default_period,
)
from .models import ShockState
from .workflow import WORKFLOW

# The search boxes over households may hold a head's name or a citizen ID: they are posted and
# kept in the session, never put in a URL (core.search.posted_search).
_request_search = posted_search("assistance-requests", on_search=record_citizen_id_search)
_shock_search = posted_search("assistance-shocks", on_search=record_citizen_id_search)
# The household pickers sit in front of the recording forms, which post too.
_picker_search = posted_search(
    "assistance-household", on_search=record_citizen_id_search, shares_post=True
)


def _communes(user):
    return scoped(Unit.objects.filter(level=Level.COMMUNE), user, None).order_by("name")


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
    require(request.user, "edit_register", household)
    return household


def _household_picker(request, template, title):
    query = request.GET.get("q", "")
    return render(
        request,
        template,
        {"title": title, "q": query, "matches": selectors.household_choices(request.user, query)},
    )


def _household_form(request, form_class, service, *, title, template, context, **page):
    """A record about one household: first the household (``?ho=``, which the user must be
    able to edit) is picked, then its form is shown and ``service`` called."""
    require(request.user, "edit_register")
    household = _chosen_household(request)
    if household is None:
        return _household_picker(request, "assistance/pick_household.html", title)
    return form_page(
        request,
        form_class(request.POST or None),
        template,
        {"household": household, "title": title, **context},
        call=lambda d: service(household=household, by=request.user, **d),
        error_status=400,
        **page,
    )


@login_required
@require_http_methods(["GET", "POST"])
@_picker_search
def request_add(request):
    return _household_form(
        request,
        HelpRequestForm,
        services.record_request,
        title=_("Record a request for help"),
        template="assistance/request_form.html",
        context={"need_source": NEED_SOURCE},
        success=_("Request recorded and sent to the commune officer."),
        then=lambda r: reverse("assistance:request_detail", args=[r.pk]),
    )


def _step_forms(user, help_request, bound=None):
    """The forms of the steps this user may take now, the bound one (after a refusal) kept."""
    forms = []
    for step in WORKFLOW.available(help_request, user):
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
    if action not in WORKFLOW:
        raise Http404
    step = WORKFLOW[action]
    if help_request.state in step.sources:
        require(request.user, step.capability, help_request)
    form = StepForm(request.POST, action=action)
    return posted_form(
        request,
        form,
        lambda d: services.transition(
            help_request=help_request,
            action=action,
            by=request.user,
            version=d["version"],
            **form.service_data(),
        ),
        success=_("Saved: %(step)s.") % {"step": step.label},
        then=reverse("assistance:request_detail", args=[help_request.pk]),
        again=lambda status: _render_detail(request, help_request, form, status=status),
        reload=help_request.refresh_from_db,
    )


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
    return _household_form(
        request,
        ShockForm,
        services.record_shock,
        title=_("Record a shock or family change"),
        template="assistance/shock_form.html",
        context={"shock_source": SHOCK_SOURCE},
        success=_("Shock recorded: the household is marked at risk."),
        then=lambda shock: reverse("assistance:shock_detail", args=[shock.pk]),
    )


def _render_shock(request, shock, close_form=None, status=200):
    may_edit = can(request.user, "edit_register", shock)
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
    require(request.user, "edit_register", shock)
    form = CloseShockForm(request.POST)
    return posted_form(
        request,
        form,
        lambda d: services.close_shock(shock=shock, by=request.user, **d),
        success=_("Shock closed."),
        then=reverse("assistance:shock_detail", args=[shock.pk]),
        again=lambda status: _render_shock(request, shock, form, status=status),
        reload=shock.refresh_from_db,
    )


@login_required
@require_POST
def shock_application(request, pk):
    """One action: the prefilled inclusion application of the ad-hoc review."""
    shock = selectors.shock_detail(request.user, pk)
    require(request.user, "edit_register", shock)
    form = ApplicationForm(request.POST)

    def again(status):
        if refusal := form.non_field_errors():
            messages.error(request, " ".join(refusal))
        return _render_shock(request, shock, status=status)

    return posted_form(
        request,
        form,
        lambda d: services.start_inclusion_application(
            shock=shock, by=request.user, version=d["version"]
        ),
        success=_("Inclusion application started in the ad-hoc review."),
        then=lambda application: reverse("reviews:adhoc_detail", args=[application.pk]),
        again=again,
        reload=shock.refresh_from_db,
    )


# --- likely to escape ---------------------------------------------------------------------------


@login_required
def likely_to_escape(request):
    filters = LikelyToEscapeFilter(request.GET, queryset=selectors.likely_to_escape(request.user))
    page = Paginator(filters.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "assistance/likely_to_escape.html",
        {
            "page": page,
            "stale": selectors.listed_with_stale_assessment(request.user),
            "communes": _communes(request.user),
            "commune": filters.value("xa"),
            "can_apply": can_anywhere(request.user, "edit_register"),
        },
    )


@login_required
@require_POST
def exit_application(request, code):
    """From the likely-to-escape list: the prefilled exit application (Form 04)."""
    household = selectors.household_for_recording(request.user, code)
    require(request.user, "edit_register", household)
    return run_action(
        request,
        lambda: services.start_exit_application(household=household, by=request.user),
        success=_("Exit application started in the ad-hoc review."),
        then=lambda application: reverse("reviews:adhoc_detail", args=[application.pk]),
        back=reverse("assistance:likely_to_escape"),
    )


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
