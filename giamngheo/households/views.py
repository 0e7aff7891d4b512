import csv
import io

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.forms.utils import ErrorDict, ErrorList
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from giamngheo.accounts.capabilities import can, can_anywhere, require
from giamngheo.accounts.models import PersonalDataRead
from giamngheo.accounts.personal_data import (
    record_citizen_id_search,
    record_read,
    sees_full_citizen_id,
)
from giamngheo.accounts.scoping import get_scoped_or_404, scoped
from giamngheo.core import exports
from giamngheo.core.forms import Submission, add_service_errors, done, submit
from giamngheo.core.history import history_entries
from giamngheo.core.observability import current_request_id
from giamngheo.core.search import posted_search
from giamngheo.core.spreadsheets import safe_row
from giamngheo.core.uploads import check_size
from giamngheo.geo.models import Level, Unit

from . import import_template as import_template_module
from . import importer, services
from .assessment import CATEGORY_LABELS, assess, standard_in_force
from .exports import HOUSEHOLDS
from .forms import HouseholdForm, MemberFormSet
from .models import Household, ImportJob, PolicyGroup, Relation
from .selectors import (
    assessment_changes,
    household_detail,
    household_filter,
    member_history_entries,
    page_by_code,
    register_page,
    villages_for_editing,
)
from .tasks import import_households

# Small files (a couple of hundred rows) are imported during the request; larger ones by the worker.
INLINE_IMPORT_BYTES = 16_000

# The register's search box may hold a citizen ID: it is posted, never put in the URL.
register_search = posted_search("households", on_search=record_citizen_id_search)


@login_required
@require_http_methods(["GET", "POST"])
@register_search
def household_list(request):
    """The register. A filter value that is not a unit of the user's area (not a number, out
    of range, another area's) is a 400 with the form's error and no rows, as in the API: never
    the whole area shown as if it were the filtered list."""
    filterset = household_filter(request.user, request.GET)
    valid = filterset.is_valid()
    page = register_page(
        filterset.qs if valid else Household.objects.none(),
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )
    query = request.GET.copy()
    for key in ("after", "before", "page", "q"):
        query.pop(key, None)
    return render(
        request,
        "households/household_list.html",
        {
            "filter": filterset,
            "households": page.rows,
            "page": page,
            "query": query.urlencode(),
            "can_edit": can_anywhere(request.user, "edit_register"),
        },
        status=200 if valid else 400,
    )


@login_required
def assessment_change_list(request):
    """Households whose assessed category changed when the register was re-assessed."""
    page = page_by_code(
        assessment_changes(request.user),
        after=request.GET.get("after", ""),
        before=request.GET.get("before", ""),
    )
    return render(
        request,
        "households/assessment_changes.html",
        {"households": page.rows, "labels": CATEGORY_LABELS, "page": page},
    )


@login_required
@require_http_methods(["POST"])
def household_export(request):
    """Queue the filtered list's export for the worker and show its progress page.

    The list's search term lives in the session (``register_search``), never in the URL: the
    job takes it from there."""
    query = request.GET.copy()
    query.pop("q", None)
    term = request.session.get("search:households") if query.pop("tim", None) else None
    if term:
        query["q"] = term
    job = exports.start(kind=HOUSEHOLDS.kind, by=request.user, query=query)
    return redirect("core:export_job", pk=job.pk)


@login_required
def household_detail_view(request, code):
    household = household_detail(request.user, code)
    members = list(household.members.all())
    standard = standard_in_force()
    assessment = assess(household, members, standard=standard)
    indicators = {i.code: i for i in standard.indicators}
    profile = [(indicators[r.indicator], r) for r in assessment.profile.results]
    member_history = member_history_entries(household)
    record_read(user=request.user, action=PersonalDataRead.Action.VIEW, unit=household.commune,
                subject=household.code)  # fmt: skip
    return render(
        request,
        "households/household_detail.html",
        {
            "household": household,
            "members": members,
            "assessment": assessment,
            "category_label": CATEGORY_LABELS[str(assessment.category)],
            "previous_category_label": CATEGORY_LABELS.get(household.previous_assessed_category),
            "stored_category_label": CATEGORY_LABELS.get(household.assessed_category),
            "standard": standard,
            "profile": profile,
            "policy_groups": [PolicyGroup(t.group).label for t in household.policy_tags.all()],
            "causes": [t.get_cause_display() for t in household.cause_tags.all()],
            "needs": [t.get_need_display() for t in household.need_tags.all()],
            "status_records": household.status_records.all(),
            "history": history_entries(household),
            "member_history": member_history,
            "can_edit": can(request.user, "edit_register", household),
        },
    )


def _members_from(formset):
    members = []
    for form in formset.forms:
        if not form.has_changed() and not form.instance.pk:
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        members.append(form.save(commit=False))
    return members


def _edit(request, household=None):
    """The household form with its members: saved through the services, or shown again with
    the likely duplicates to confirm, each member's problems next to that member, and 409
    when someone else saved the household first."""
    adding = "add_member" in request.POST
    form, formset = _household_forms(
        request, household, _with_one_more_member(request.POST) if adding else request.POST
    )
    shown = {"duplicates": None, "member_problems": {}}
    members = []  # what was saved, to place each member's problems next to its form

    def show_errors(form, exc):
        if isinstance(exc, services.DuplicateWarning):
            shown["duplicates"] = exc.warnings
        elif isinstance(exc, services.MemberProblems):
            shown["member_problems"] = exc.problems
            _show_member_problems(form, formset, members, exc.problems)
        else:
            add_service_errors(form, exc)

    def save(cleaned):
        members.extend(_members_from(formset))
        return _save_household(request, household, form, members)

    if adding:
        _quiet(form, formset)
        submission = Submission()
    else:
        submission = submit(request, form, save, show_errors=show_errors, others=[formset])
    if submission.done:
        return done(
            request,
            submission,
            success=lambda saved: _("Saved household %(code)s.") % {"code": saved.code},
            then=lambda saved: redirect("households:household_detail", code=saved.code),
        )
    context = {"form": form, "formset": formset, "household": household, **shown}
    context["conflict"] = True if submission.conflict else None
    return render(request, "households/household_form.html", context, status=submission.status)


def _household_forms(request, household, data):
    """The household's form (villages the user may edit) and its members' formset."""
    villages = villages_for_editing(request.user)
    if household is None:
        villages = [v for v in villages if can(request.user, "edit_register", v)]
        village_qs = (
            Unit.objects.filter(pk__in=[v.pk for v in villages])
            .select_related("parent")
            .order_by("path")
        )
    else:
        village_qs = Unit.objects.filter(
            parent=household.commune, level=Level.VILLAGE, is_active=True
        ).select_related("parent")
    initial = {}
    if household is not None:
        initial = {
            "version": household.version,
            "policy_groups": [t.group for t in household.policy_tags.all()],
            "causes": [t.cause for t in household.cause_tags.all()],
            "needs": [t.need for t in household.need_tags.all()],
        }
    data = data or None
    form = HouseholdForm(data, instance=household, villages=village_qs, initial=initial)
    formset = MemberFormSet(
        data,
        instance=household or Household(),
        prefix="members",
        initial=[{"relation": Relation.HEAD}] if household is None else None,
        form_kwargs={
            "show_citizen_id": household is None
            or sees_full_citizen_id(request.user, household.commune)
        },
    )
    return form, formset


def _save_household(request, household, form, members):
    """Create or update the household from the valid form and its members."""
    data = {name: form.cleaned_data.get(name) for name in services.HOUSEHOLD_FIELDS}
    for key in ("housing_type", "water_source", "latrine_type", "waste_handling", "address",
                "phone"):  # fmt: skip
        data[key] = data[key] or ""
    kwargs = dict(
        village=form.cleaned_data["village"], data=data, members=members,
        policy_groups=form.cleaned_data["policy_groups"], by=request.user,
        causes=form.cleaned_data["causes"], needs=form.cleaned_data["needs"],
        reason=form.cleaned_data["reason"], confirm_duplicates=form.cleaned_data["confirm_duplicates"],
    )  # fmt: skip
    try:
        if household is None:
            require(request.user, "edit_register", kwargs["village"])
            return services.create_household(**kwargs)
        return services.update_household(
            household=household, version=form.cleaned_data["version"], **kwargs
        )
    except IntegrityError as exc:
        # Another save took the same citizen ID between the check and the write.
        raise ValidationError(
            _(
                "A citizen ID in this household was just registered elsewhere; check the numbers and save again."
            )
        ) from exc


def _show_member_problems(form, formset, members, problems: dict[int, list[str]]) -> None:
    """Each member's problems on that member's form (at the top when it has none)."""
    for index, member_problems in problems.items():
        target = _member_form(formset, members, index)
        for problem in member_problems:
            (target if target is not None else form).add_error(None, problem)


def _with_one_more_member(post):
    """The posted data with one more member slot: the "add a member" button without script."""
    data = post.copy()
    total = data.get("members-TOTAL_FORMS", "")
    data["members-TOTAL_FORMS"] = str(int(total) + 1 if total.isdigit() else 1)
    return data


def _quiet(form, formset):
    """Show what was typed without judging it yet: a half-filled household is not an error
    when the user only asked for one more member slot."""
    form._errors = ErrorDict()
    formset._non_form_errors = ErrorList()
    formset._errors = []
    for member_form in formset.forms:
        member_form._errors = ErrorDict()
    if formset.forms:
        formset.forms[-1].fields["full_name"].widget.attrs["autofocus"] = True


def _member_form(formset, members, index):
    if index < 0 or index >= len(members):
        return None
    member = members[index]
    for form in formset.forms:
        if form.instance is member:
            return form
    return None


@login_required
@require_http_methods(["GET", "POST"])
def household_create(request):
    require(request.user, "edit_register")
    return _edit(request)


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request, code):
    household = household_detail(request.user, code)
    require(request.user, "edit_register", household)
    return _edit(request, household)


def _import_communes(user):
    communes = scoped(Unit.objects.filter(level=Level.COMMUNE), user, via=None).order_by("name")
    return [c for c in communes if can(user, "edit_register", c)]


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    communes = _import_communes(request.user)
    if not communes:
        raise PermissionDenied
    error = None
    if request.method == "POST":
        commune = next((c for c in communes if c.code == request.POST.get("commune")), None)
        upload = request.FILES.get("file")
        if commune is None:
            error = _("Choose a commune in your area.")
        elif upload is None:
            error = _("Choose a file to import.")
        elif not upload.name.lower().endswith((".xlsx", ".csv")):
            error = _("Upload an .xlsx or .csv file.")
        elif too_large := _too_large(upload):
            error = too_large
        else:
            job = ImportJob.objects.create(
                commune=commune, file=upload, original_name=upload.name, created_by=request.user
            )
            if upload.size < INLINE_IMPORT_BYTES:
                importer.run_import(job)
            else:
                import_households.enqueue(job.pk, request_id=current_request_id())
            return redirect("households:import_job", pk=job.pk)
    jobs = ImportJob.objects.filter(commune__in=communes).select_related("commune", "created_by")[
        :10
    ]
    return render(
        request,
        "households/import_start.html",
        {"communes": communes, "error": error, "jobs": jobs, "columns": importer.COLUMNS},
        status=400 if error else 200,
    )


def _too_large(upload) -> str:
    """The size refusal, before the file is stored; its contents are checked by the import."""
    try:
        check_size(upload, "households")
    except ValidationError as exc:
        return exc.messages[0]
    return ""


@login_required
def import_job(request, pk):
    job = get_scoped_or_404(
        ImportJob.objects.select_related("commune", "created_by"), request.user, "commune", pk=pk
    )
    return render(
        request,
        "households/import_job.html",
        {
            "job": job,
            "errors": job.errors,
            "retention_days": settings.IMPORT_ERRORS_RETENTION_DAYS,
        },
        status=400 if job.state == ImportJob.State.REJECTED else 200,
    )


@login_required
def import_template(request, fmt):
    """The .xlsx has drop-downs and an examples sheet; the .csv only the header row, so either
    imports as downloaded without adding (or colliding with) anything."""
    if fmt == "xlsx":
        return import_template_module.xlsx_template()
    if fmt != "csv":
        raise Http404
    buffer = io.StringIO()
    csv.writer(buffer).writerow(safe_row([c.header for c in importer.COLUMNS]))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-ho-gia-dinh.csv"'
    return response
